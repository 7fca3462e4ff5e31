// bangfu web UI: the payment batches on the #compare page (payments.js, opened by compare.js):
// the batches with the lines of one's region and what the bank paid; a batch of the month's
// approved lines of one's region (经办员); its approval (审核员, never the one who made it: the
// server answers 409); the bank file of an approved batch (accounts in full, audited), fetched
// with the CSRF token and offered as a link to its bytes; and the bank's return uploaded
// as a file (its error rows offered as a download).  Uses app.js's api, el, table, answered,
// notice, yuan, hasRole.
"use strict";

let returnErrorsUrl = null;

function thisMonth() {
  const d = new Date();
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0");
}

// The actions of one batch of the table: approve, download the bank file (XLSX, CSV).
function batchActions(td, batch) {
  td.textContent = "";
  if (!batch.mine) { td.textContent = batch.region ? "其他区划的批次" : "全辖批次（命令行）"; return; }
  if (!batch.approved_by && hasRole("审核员")) {
    const approve = el("button", "审核通过", { type: "button", "aria-label": "审核通过批次 " + batch.id });
    approve.addEventListener("click", () => batchApprove(batch.id));
    td.appendChild(approve);
  }
  if (batch.approved_by && (hasRole("经办员") || hasRole("审核员"))) {
    for (const format of ["xlsx", "csv"]) {
      const get = el("button", "下载银行文件（" + format.toUpperCase() + "）",
        { type: "button", class: "secondary", "aria-label": "下载批次 " + batch.id + " 的银行代发文件 " + format });
      get.addEventListener("click", () => bankFile(batch.id, format));
      td.appendChild(get);
    }
  }
  if (!td.children.length) td.textContent = batch.approved_by ? "已审核" : "待审核";
}

async function batchesShow(event) {
  if (event) event.preventDefault();
  const month = $("batches-month").value;
  const r = await api("GET", "/api/payments/batches" + (month ? "?month=" + month : ""));
  if (!answered(r, $("batches-error"), "查询失败", "batches-")) return;
  const columns = [["id", "批次"], ["month", "月份"], ["created_by", "制作人"],
    ["approved_by", "审核人", (a) => a || "待审核"], ["payments", "笔数"], ["lines", "台账行"],
    ["amount_fen", "金额", yuan], ["paid_lines", "已支付行"], ["failed_lines", "支付失败行"], ["id", "操作"]];
  table($("batches-table"), r.data.batches, columns);
  $("batches-table").querySelectorAll("tbody tr").forEach((tr, i) => {
    batchActions(tr.lastElementChild, r.data.batches[i]);
  });
}

async function batchMake() {
  const month = $("batches-month").value || thisMonth();
  $("batches-month").value = month;
  $("batch-make").disabled = true;
  const r = await api("POST", "/api/payments/batches", { month });
  $("batch-make").disabled = false;
  if (!answered(r, $("batches-error"), "生成批次失败", "batches-")) return;
  const d = r.data;
  $("batch-status").textContent = d.batch
    ? "已生成批次 " + d.batch + "：" + d.payments + " 笔，" + yuan(d.total_fen) + "，待另一人审核"
    : "本月本辖区没有可入批的已审核台账行";
  if (d.missing_bank) $("batch-status").textContent += "；" + d.missing_bank + " 个收款人缺少银行信息，未入批";
  await batchesShow(null);
}

async function batchApprove(id) {
  const r = await api("POST", "/api/payments/batches/" + id + "/approve");
  if (!answered(r, $("batches-error"), "审核失败", "batches-")) return;
  $("batch-status").textContent = "批次 " + id + " 已审核，可下载银行代发文件";
  await batchesShow(null);
}

// Offers bytes as name through the link #bank-file (the answer of a POST cannot be a plain
// link); the last file's bytes are released when the next one comes.
let bankFileUrl = null;
function offerBytes(blob, name) {
  if (bankFileUrl) URL.revokeObjectURL(bankFileUrl);
  bankFileUrl = URL.createObjectURL(blob);
  $("bank-file").href = bankFileUrl;
  $("bank-file").download = name;
  $("bank-file").textContent = "保存 " + name;
  $("bank-file").hidden = false;
  $("bank-file").focus();
}

async function bankFile(id, format) {
  const response = await fetch("/api/payments/batches/" + id + "/bank-file?format=" + format, {
    method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": state.csrf },
  });
  if (response.status !== 200) {
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    $("batches-error").textContent = data ? data.message : "下载失败";
    return;
  }
  $("batches-error").textContent = "";
  offerBytes(await response.blob(), "银行代发文件_批次" + id + "." + format);
  $("batch-status").textContent = "已生成批次 " + id + " 的银行代发文件（已记入审计日志），请保存";
}

async function returnUpload(event) {
  event.preventDefault();
  const file = $("return-file").files[0];
  $("return-errors").hidden = true;
  if (!file) { $("return-error").textContent = "请选择文件"; return; }
  const response = await fetch("/api/payments/returns?name=" + encodeURIComponent(file.name), {
    method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": state.csrf }, body: file,
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!answered({ status: response.status, data }, $("return-error"), "导入回盘失败", "return-")) return;
  $("return-status").textContent = "回盘 " + file.name + "：读入 " + data.read + " 行，成功 " + data.paid +
    "，失败 " + data.failed + "，已处理过 " + data.already + "，错误 " + data.errors;
  if (returnErrorsUrl) URL.revokeObjectURL(returnErrorsUrl);
  returnErrorsUrl = null;
  if (data.errors_csv) {
    returnErrorsUrl = URL.createObjectURL(new Blob([data.errors_csv], { type: "text/csv" }));
    $("return-errors").href = returnErrorsUrl;
    $("return-errors").download = file.name.replace(/\.[^.]*$/, "") + ".错误行.csv";
    $("return-errors").hidden = false;
  }
  await batchesShow(null);
}

async function paymentsOpen() {
  $("batch-make").hidden = !hasRole("经办员");
  $("return-form").hidden = !hasRole("经办员");
  await batchesShow(null);
}

function paymentsInit() {
  $("batches-form").addEventListener("submit", batchesShow);
  $("batch-make").addEventListener("click", batchMake);
  $("return-form").addEventListener("submit", returnUpload);
}
