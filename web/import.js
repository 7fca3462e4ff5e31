// bangfu web UI: the import page (#import: a file of people or facts of one's region, upload
// progress, the counts, the error file to download) and the calculator (#calc/REF: a person's
// entitlements of a period with 为什么 / 为什么没有).  Uses app.js's api, el, table, notice.
"use strict";

const IMPORT_KINDS = [["people", "人员名单"], ["orgs", "单位"], ["jobs", "就业"], ["trainings", "培训"],
  ["enrolments", "在校就读"], ["residences", "安置点居住"], ["insurance", "参保"]];
const IMPORT_COUNTS = [["rows", "读取行数"], ["inserted", "新增"], ["updated", "更新"], ["unchanged", "未变"],
  ["rejected", "未导入（见错误文件）"]];

// XMLHttpRequest, not fetch: its upload reports progress (the first 40 %); the import's own
// steps (the rest) are polled from /api/imports/progress/TOKEN while the request runs.
function importUpload(kind, file, token) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports/" + kind + "?name=" + encodeURIComponent(file.name) + "&progress=" + token);
    request.setRequestHeader("X-CSRF-Token", state.csrf || "");
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) $("import-progress").value = Math.round((e.loaded / e.total) * 40);
    });
    request.upload.addEventListener("load", () => { $("import-status").textContent = "已上传，正在校验并导入……"; });
    request.addEventListener("load", () => {
      let data = null;
      try { data = JSON.parse(request.responseText); } catch (e) { data = null; }
      resolve({ status: request.status, data });
    });
    request.addEventListener("error", () => resolve({ status: 0, data: null }));
    request.send(file);
  });
}

let importErrorsUrl = null;

// Shows the import's step until stop() says its request ended.
function importPoll(token) {
  let running = true;
  const poll = async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 250));
      if (!running) break;
      const r = await api("GET", "/api/imports/progress/" + token);
      if (!running || r.status !== 200) continue;
      const p = r.data;
      if (typeof p.fraction === "number") $("import-progress").value = 40 + Math.round(p.fraction * 60);
      $("import-status").textContent = "正在导入：" + (p.label || p.step) +
        (typeof p.fraction === "number" ? " " + Math.round(p.fraction * 100) + "%" : "") +
        (typeof p.done === "number" ? "（" + p.done + " 行）" : "");
    }
  };
  poll();
  return () => { running = false; };
}

async function importSubmit(event) {
  event.preventDefault();
  const file = $("import-file").files[0];
  $("import-error").textContent = "";
  $("import-counts").hidden = true;
  $("import-errors").hidden = true;
  if (!file) { $("import-error").textContent = "请选择文件"; return; }
  $("import-progress").hidden = false;
  $("import-progress-label").hidden = false;
  $("import-progress").value = 0;
  $("import-status").textContent = "正在上传 " + file.name + "……";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const stop = importPoll(token);
  const r = await importUpload($("import-kind").value, file, token);
  stop();
  $("import-progress").value = 100;
  if (r.status !== 200) {
    $("import-status").textContent = "";
    $("import-error").textContent = r.data ? r.data.message : "导入失败";
    return;
  }
  $("import-status").textContent = "导入完成：" + file.name;
  facts($("import-counts"), r.data, IMPORT_COUNTS);
  $("import-counts").hidden = false;
  if (importErrorsUrl) URL.revokeObjectURL(importErrorsUrl);
  importErrorsUrl = null;
  if (r.data.errors_csv) {
    importErrorsUrl = URL.createObjectURL(new Blob([r.data.errors_csv], { type: "text/csv" }));
    $("import-errors").href = importErrorsUrl;
    $("import-errors").download = file.name.replace(/\.[^.]*$/, "") + ".错误行.csv";
    $("import-errors").hidden = false;
  }
}

const calc = { ref: null };

function monthText(d) { return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0"); }

async function calcRun(event) {
  if (event) event.preventDefault();
  const params = new URLSearchParams({ from: $("calc-from").value, to: $("calc-to").value });
  const r = await api("GET", "/api/calc/" + encodeURIComponent(calc.ref) + "?" + params.toString());
  $("calc-error").textContent = r.status === 200 ? "" : (r.data ? r.data.message : "计算失败");
  if (r.status !== 200) return;
  const d = r.data;
  const money = (x) => (x === null || x === undefined ? null : Number(x).toFixed(2) + " 元");
  table($("calc-grants"), d.entitlements, [["name", "待遇"], ["clause", "条款"], ["document", "文件"],
    ["month", "月份"], ["amount", "金额", money], ["payee_kind", "收款方"]]);
  $("calc-total").textContent = "合计：" + money(d.total || 0);
  const why = (d.explain && d.explain[0]) || { paid: [], not_paid: [], failed: [] };
  table($("calc-why"), why.paid, [["benefit", "待遇"], ["clause", "条款"], ["amount", "计算规则"],
    ["months", "月份"], ["total", "金额", money]]);
  const whyNot = (why.not_paid || []).map((x) => ({ rules: x.benefit, clause: x.clause, reason: x.outcome, value: "" }))
    .concat((why.failed || []).map((x) => ({ rules: x.rules.join("、"), clause: "", reason: "不满足：" + x.condition, value: x.value })));
  table($("calc-why-not"), whyNot, [["rules", "待遇"], ["clause", "条款"], ["reason", "原因"], ["value", "本人情况"]]);
}

async function calcOpen(argument) {
  calc.ref = argument;
  $("calc-back").href = "#person/" + argument;
  if (!$("calc-from").value) {
    const now = new Date();
    $("calc-from").value = now.getFullYear() + "-01";
    $("calc-to").value = monthText(now);
  }
  for (const id of ["calc-grants", "calc-why", "calc-why-not"]) $(id).textContent = "";
  $("calc-total").textContent = "";
  const r = await api("GET", "/api/people/" + encodeURIComponent(argument));
  $("calc-title").textContent = r.status === 200 ? "计算待遇：" + r.data.name : "计算待遇";
}

PAGES.import = {
  view: "view-import",
  open: async () => {},
  init() {
    for (const [value, label] of IMPORT_KINDS) $("import-kind").appendChild(el("option", label, { value }));
    $("import-form").addEventListener("submit", importSubmit);
  },
};

PAGES.calc = {
  view: "view-calc",
  open: calcOpen,
  init() { $("calc-form").addEventListener("submit", calcRun); },
};
