// bangfu web UI: the ledger page (#ledger, #ledger/RUN): the runs (批次) of one's region and
// month, a run of the month (经办员), a run's lines, their review (审核员; the server refuses
// the one who ran it) and the downloads.  Uses app.js's api, el, cell, table, notice.
"use strict";

const ledger = { month: "", run: null, offset: 0 };

function ledgerMonth() {
  if (!$("ledger-month").value) {
    const d = new Date();
    $("ledger-month").value = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0");
  }
  return $("ledger-month").value;
}

async function ledgerRuns() {
  const r = await api("GET", "/api/ledger/runs?month=" + encodeURIComponent(ledgerMonth()));
  $("ledger-error").textContent = r.status === 200 ? "" : (r.data ? r.data.message : "查询失败");
  if (r.status !== 200) return;
  const rows = r.data.runs.map((x) => Object.assign({}, x, { open: x.id }));
  table($("ledger-runs"), rows, [["id", "批次"], ["month", "月份"], ["operator", "运行人"],
    ["started_at", "运行时间"], ["lines", "行数"], ["pending", "待审核"], ["approved", "已审核"],
    ["rejected", "已驳回"], ["amount_fen", "金额", yuan]]);
  // Each run's number opens it.
  const cells = $("ledger-runs").querySelectorAll("tbody tr td:first-child");
  cells.forEach((td, i) => {
    td.textContent = "";
    td.appendChild(el("a", "批次 " + rows[i].id, { href: "#ledger/" + rows[i].id }));
  });
  if (!rows.length) $("ledger-runs").querySelector("caption").textContent = "本月本辖区没有台账批次";
}

async function ledgerLines(more) {
  if (!more) ledger.offset = 0;
  const params = new URLSearchParams({ run: ledger.run, limit: 100, offset: ledger.offset });
  const r = await api("GET", "/api/ledger/lines?" + params.toString());
  if (r.status !== 200) { notice(r.data ? r.data.message : "无法打开批次"); return; }
  const node = $("ledger-lines");
  const columns = [["id", "编号"], ["person_name", "姓名"], ["person", "证件号码"], ["benefit", "待遇"],
    ["clause", "条款"], ["kind", "类别"], ["amount_fen", "金额", yuan], ["state", "状态"]];
  if (!more) table(node, r.data.lines, columns);
  else {
    const body = node.querySelector("tbody");
    for (const line of r.data.lines) {
      const row = el("tr");
      for (const [key, label, format] of columns) cell(row, label, format ? format(line[key]) : line[key]);
      body.appendChild(row);
    }
  }
  ledger.offset += r.data.lines.length;
  $("ledger-more").hidden = !r.data.more;
}

async function ledgerOpen(argument) {
  $("ledger-run").hidden = !hasRole("经办员"); // the server refuses the others anyway
  ledgerMonth();
  await ledgerRuns();
  ledger.run = argument && /^\d+$/.test(argument) ? argument : null;
  $("ledger-detail").hidden = !ledger.run;
  if (!ledger.run) return;
  $("ledger-run-title").textContent = "批次 " + ledger.run + " 的台账行";
  // The names the server gives them too (Content-Disposition).
  $("ledger-xlsx").href = "/api/ledger/export?run=" + ledger.run;
  $("ledger-xlsx").download = "台账_批次" + ledger.run + ".xlsx";
  $("ledger-csv").href = "/api/ledger/export?format=csv&run=" + ledger.run;
  $("ledger-csv").download = "台账_批次" + ledger.run + ".csv";
  $("review-form").hidden = !hasRole("审核员");
  $("review-error").textContent = "";
  await ledgerLines(false);
}

async function ledgerRun() {
  $("ledger-error").textContent = "正在运行台账……";
  const r = await api("POST", "/api/ledger/runs", { month: ledgerMonth() });
  if (r.status !== 200) { $("ledger-error").textContent = r.data ? r.data.message : "运行失败"; return; }
  $("ledger-error").textContent = "";
  notice("已运行批次 " + r.data.run + "：新增应发 " + r.data.due + " 行，补发 " + r.data.more +
    " 行，调减 " + r.data.less + " 行，追回 " + r.data.recoveries + " 行，未变 " + r.data.unchanged + " 项");
  location.hash = "#ledger/" + r.data.run;
  if (location.hash === "#ledger/" + r.data.run) await ledgerOpen(String(r.data.run));
}

async function ledgerReview(event) {
  event.preventDefault();
  const decision = event.submitter ? event.submitter.value : "approve";
  const reason = $("review-reason").value.trim();
  if (!reason) { $("review-error").textContent = "请填写审核意见"; $("review-reason").focus(); return; }
  const r = await api("POST", "/api/ledger/runs/" + ledger.run + "/review", { decision, reason });
  if (r.status !== 200) { $("review-error").textContent = r.data ? r.data.message : "审核失败"; return; }
  $("review-error").textContent = "";
  $("review-reason").value = "";
  notice((decision === "approve" ? "已审核通过 " : "已驳回 ") + r.data.reviewed + " 行");
  await ledgerOpen(ledger.run);
}

PAGES.ledger = {
  view: "view-ledger",
  open: ledgerOpen,
  init() {
    $("ledger-form").addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#ledger"; ledgerOpen(""); });
    $("ledger-run").addEventListener("click", ledgerRun);
    $("review-form").addEventListener("submit", ledgerReview);
    $("ledger-more").addEventListener("click", () => ledgerLines(true));
  },
};

