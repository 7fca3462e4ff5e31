// bangfu web UI: the comparisons of other offices' lists with the registry (#compare,
// #compare/RUN): a run over one's region (经办员), the runs with the findings of one's region
// counted, one run's findings (ID numbers masked; 显示完整 for the roles that may, audited),
// each marked 新 or 持续 against the previous run of the same list and region, and those
// resolved since.  The payment batches of the same page are payments.js.  Uses app.js's api,
// table, answered.
"use strict";

const compare = { run: null, offset: 0 };
const CHANGES = { new: "新", still: "持续", resolved: "已解决" };
const LISTS = { insurance: "社保名单", poverty: "扶贫办名单" };
const FINDINGS = { uninsured: "未参保16至59岁", no_pension: "60岁以上未领养老金", registry_only: "仅在登记中",
  list_only: "仅在名单中", differs: "信息不一致" };

async function compareRuns() {
  const r = await api("GET", "/api/comparisons");
  if (!answered(r, $("compare-error"), "查询失败", "compare-")) return;
  const rows = r.data.runs.map((x) => Object.assign({}, x, {
    list: LISTS[x.list] || x.list,
    counts: Object.entries(x.findings).map(([k, n]) => (FINDINGS[k] || k) + " " + n).join("；") || "无" }));
  table($("compare-runs"), rows, [["id", "比对"], ["list", "名单"], ["region", "比对区划", (r) => r || "全部登记"],
    ["as_of", "比对日"], ["started_at", "运行时间"], ["counts", "本辖区发现"]]);
  $("compare-runs").querySelectorAll("tbody tr td:first-child").forEach((td, i) => {
    td.textContent = "";
    td.appendChild(el("a", "比对 " + rows[i].id, { href: "#compare/" + rows[i].id }));
  });
}

async function compareFindings(full) {
  const params = new URLSearchParams({ limit: 100, offset: compare.offset });
  if ($("compare-finding").value) params.set("finding", $("compare-finding").value);
  if (full) params.set("full", "1");
  if ($("compare-changes").value === "resolved") params.set("changes", "resolved");
  const r = await api("GET", "/api/comparisons/" + compare.run + "?" + params.toString());
  if (!answered(r, $("findings-error"), "无法打开比对", "compare-")) return;
  $("findings-title").textContent = "比对 " + compare.run + "（" + (LISTS[r.data.run.list] || r.data.run.list) +
    "，" + r.data.run.as_of + "）在本辖区的发现";
  $("findings-previous").textContent = r.data.run.previous
    ? "与上一次同名单、同区划的比对（比对 " + r.data.run.previous + "）相比"
    : "这是该名单、该区划的第一次比对：全部为新发现";
  table($("compare-findings"), r.data.findings, [["change", "变化", (c) => CHANGES[c] || c], ["title", "发现"],
    ["name", "姓名"], ["id_number", "证件号码"],
    ["hukou_region", "户籍地"], ["field", "字段"], ["registry_value", "登记中"], ["list_value", "名单中"]]);
  $("findings-full").hidden = !r.data.masked || !state.user || !state.user.full_view;
  $("findings-more").hidden = !r.data.more;
}

async function compareStart(event) {
  event.preventDefault();
  const body = { list: $("compare-list").value };
  if ($("compare-date").value) body.date = $("compare-date").value;
  $("compare-start").disabled = true;
  const r = await api("POST", "/api/comparisons", body);
  $("compare-start").disabled = false;
  if (!answered(r, $("compare-run-error"), "比对失败", "compare-")) return;
  const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  notice("比对 " + r.data.run + " 完成：发现 " + sum(r.data.findings) + " 条，其中新 " + sum(r.data.new) +
    " 条，已解决 " + sum(r.data.resolved) + " 条");
  location.hash = "#compare/" + r.data.run;
}

PAGES.compare = {
  view: "view-compare",
  open: async (argument) => {
    compare.run = /^\d+$/.test(argument) ? argument : null;
    compare.offset = 0;
    $("findings").hidden = !compare.run;
    $("compare-form").hidden = !hasRole("经办员");
    await compareRuns();
    if (compare.run) await compareFindings(false);
    await paymentsOpen();
  },
  init() {
    $("compare-finding").addEventListener("change", () => { compare.offset = 0; compareFindings(false); });
    $("compare-changes").addEventListener("change", () => { compare.offset = 0; compareFindings(false); });
    $("compare-form").addEventListener("submit", compareStart);
    $("findings-full").addEventListener("click", () => compareFindings(true));
    $("findings-more").addEventListener("click", () => { compare.offset += 100; compareFindings(false); });
    paymentsInit();
  },
};
