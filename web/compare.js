// bangfu web UI: the comparisons of other offices' lists with the registry and the payment
// batches (#compare, #compare/RUN): the runs with the findings of one's region counted, one
// run's findings (ID numbers masked; 显示完整 for the roles that may, audited), and the
// batches with the lines of one's region and what the bank paid.  Uses app.js's api, table,
// answered, yuan.
"use strict";

const compare = { run: null, offset: 0 };
const LISTS = { insurance: "社保名单", poverty: "扶贫办名单" };
const FINDINGS = { uninsured: "未参保16至59岁", no_pension: "60岁以上未领养老金", registry_only: "仅在登记中",
  list_only: "仅在名单中", differs: "信息不一致" };

async function compareRuns() {
  const r = await api("GET", "/api/comparisons");
  if (!answered(r, $("compare-error"), "查询失败", "compare-")) return;
  const rows = r.data.runs.map((x) => Object.assign({}, x, {
    list: LISTS[x.list] || x.list,
    counts: Object.entries(x.findings).map(([k, n]) => (FINDINGS[k] || k) + " " + n).join("；") || "无" }));
  table($("compare-runs"), rows, [["id", "比对"], ["list", "名单"], ["as_of", "比对日"], ["started_at", "运行时间"],
    ["counts", "本辖区发现"]]);
  $("compare-runs").querySelectorAll("tbody tr td:first-child").forEach((td, i) => {
    td.textContent = "";
    td.appendChild(el("a", "比对 " + rows[i].id, { href: "#compare/" + rows[i].id }));
  });
}

async function compareFindings(full) {
  const params = new URLSearchParams({ limit: 100, offset: compare.offset });
  if ($("compare-finding").value) params.set("finding", $("compare-finding").value);
  if (full) params.set("full", "1");
  const r = await api("GET", "/api/comparisons/" + compare.run + "?" + params.toString());
  if (!answered(r, $("findings-error"), "无法打开比对", "compare-")) return;
  $("findings-title").textContent = "比对 " + compare.run + "（" + (LISTS[r.data.run.list] || r.data.run.list) +
    "，" + r.data.run.as_of + "）在本辖区的发现";
  table($("compare-findings"), r.data.findings, [["title", "发现"], ["name", "姓名"], ["id_number", "证件号码"],
    ["hukou_region", "户籍地"], ["field", "字段"], ["registry_value", "登记中"], ["list_value", "名单中"]]);
  $("findings-full").hidden = !r.data.masked || !state.user || !state.user.full_view;
  $("findings-more").hidden = !r.data.more;
}

async function batchesShow(event) {
  if (event) event.preventDefault();
  const month = $("batches-month").value;
  const r = await api("GET", "/api/payments/batches" + (month ? "?month=" + month : ""));
  if (!answered(r, $("batches-error"), "查询失败", "batches-")) return;
  table($("batches-table"), r.data.batches, [["id", "批次"], ["month", "月份"], ["created_by", "制作人"],
    ["created_at", "制作时间"], ["payments", "笔数"], ["lines", "台账行"], ["amount_fen", "金额", yuan],
    ["paid_lines", "已支付行"], ["failed_lines", "支付失败行"]]);
}

PAGES.compare = {
  view: "view-compare",
  open: async (argument) => {
    compare.run = /^\d+$/.test(argument) ? argument : null;
    compare.offset = 0;
    $("findings").hidden = !compare.run;
    await compareRuns();
    if (compare.run) await compareFindings(false);
    await batchesShow(null);
  },
  init() {
    $("compare-finding").addEventListener("change", () => { compare.offset = 0; compareFindings(false); });
    $("findings-full").addEventListener("click", () => compareFindings(true));
    $("findings-more").addEventListener("click", () => { compare.offset += 100; compareFindings(false); });
    $("batches-form").addEventListener("submit", batchesShow);
  },
};
