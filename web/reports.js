// bangfu web UI: 附件1 of one's region and a quarter (#reports: the form's table, XLSX and CSV
// downloads) and the dashboard (#dashboard: ECharts, served from /vendor/, no CDN): employment
// by region and where, subsidies by month and benefit, targets against progress.  Every chart's
// figures are also in a table below it (screen readers).  Uses app.js's api, el, table.
"use strict";

async function reportsShow(event) {
  if (event) event.preventDefault();
  const quarter = $("reports-quarter").value.trim().toUpperCase();
  const r = await api("GET", "/api/reports/annex1?quarter=" + encodeURIComponent(quarter));
  $("reports-error").textContent = r.status === 200 ? "" : (r.data ? r.data.message : "无法生成报表");
  $("reports-downloads").hidden = r.status !== 200;
  const node = $("reports-table");
  node.textContent = "";
  $("reports-notes").textContent = "";
  if (r.status !== 200) return;
  const f = r.data;
  // The names the server gives them too (Content-Disposition).
  $("reports-xlsx").href = "/api/reports/annex1?format=xlsx&quarter=" + quarter;
  $("reports-xlsx").download = "附件1_" + quarter + ".xlsx";
  $("reports-csv").href = "/api/reports/annex1?format=csv&quarter=" + quarter;
  $("reports-csv").download = "附件1_" + quarter + ".csv";
  node.appendChild(el("caption", f.title + "　" + f.unit + "　" + f.date));
  const head = el("tr");
  for (const column of f.columns) head.appendChild(el("th", column, { scope: "col" }));
  const thead = el("thead");
  thead.appendChild(head);
  node.appendChild(thead);
  const body = el("tbody");
  for (const row of f.rows) {
    const tr = el("tr");
    row.forEach((value, i) => tr.appendChild(el(i === 0 ? "th" : "td", value, i === 0 ? { scope: "row" } : {})));
    body.appendChild(tr);
  }
  node.appendChild(body);
  for (const note of f.notes) $("reports-notes").appendChild(el("p", note));
}

PAGES.reports = {
  view: "view-reports",
  open: async () => {
    if (!$("reports-quarter").value) {
      const now = new Date();
      $("reports-quarter").value = now.getFullYear() + "Q" + (Math.floor(now.getMonth() / 3) + 1);
    }
  },
  init() { $("reports-form").addEventListener("submit", reportsShow); },
};

const charts = {};
let dashboardAsked = 0; // the newest request: an older answer arriving later is dropped

function chart(id, option) {
  if (typeof echarts === "undefined") { $("dashboard-error").textContent = "图表库未加载（node_modules/echarts）"; return; }
  if (!charts[id]) charts[id] = echarts.init($(id));
  charts[id].setOption(option, true);
}

async function dashboardShow(event) {
  if (event) event.preventDefault();
  const asked = ++dashboardAsked;
  const r = await api("GET", "/api/dashboard?year=" + encodeURIComponent($("dashboard-year").value));
  if (asked !== dashboardAsked) return;
  $("dashboard-error").textContent = r.status === 200 ? "" : (r.data ? r.data.message : "无法取得数据");
  if (r.status !== 200) return;
  const d = r.data;
  // The chart shows the regions where someone works (all of them are in the table below).
  const working = d.employment.filter((x) => x.county + x.province + x.outside > 0);
  const regions = working.map((x) => x.name);
  const grid = { left: 8, right: 8, top: 40, bottom: 8, containLabel: true };
  chart("chart-employment", {
    animation: false, grid, tooltip: { trigger: "axis" }, legend: { top: 0 },
    xAxis: { type: "category", data: regions, axisLabel: { interval: 0, rotate: regions.length > 4 ? 40 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [["county", "本县"], ["province", "省内县外"], ["outside", "省外"]].map(([key, name]) => (
      { type: "bar", stack: "where", name, data: working.map((x) => x[key]) })),
  });
  const months = Array.from({ length: 12 }, (_, i) => (i + 1) + "月");
  chart("chart-subsidies", {
    animation: false, grid, tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" },
    xAxis: { type: "category", data: months }, yAxis: { type: "value" },
    series: d.subsidies.map((b) => ({ type: "bar", stack: "fen", name: b.name, data: b.fen.map((x) => x / 100) })),
  });
  const c = d.targets.columns;
  const at = (name) => c.indexOf(name);
  const measured = d.targets.rows.filter((row) => row[at("完成数")] !== "");
  chart("chart-targets", {
    animation: false, grid, tooltip: { trigger: "axis" }, legend: { top: 0 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: measured.map((row) => row[at("指标")]), axisLabel: { width: 140, overflow: "truncate" } },
    series: [["完成数", "完成数"], ["按进度应完成", "按进度应完成"], ["目标值", "目标值"]].map(([column, name]) => (
      { type: "bar", name, data: measured.map((row) => Number(row[at(column)] || 0)) })),
  });
  $("chart-targets").style.height = Math.max(320, 40 * measured.length + 80) + "px";
  if (charts["chart-targets"]) charts["chart-targets"].resize();
  const rows = d.employment.map((x) => ({ name: x.name, county: x.county, province: x.province, outside: x.outside }));
  table($("dashboard-table"), rows, [["name", "区划"], ["county", "本县就业"], ["province", "省内县外"], ["outside", "省外"]]);
}

PAGES.dashboard = {
  view: "view-dashboard",
  open: async () => {
    if (!$("dashboard-year").value) $("dashboard-year").value = new Date().getFullYear();
    await dashboardShow(null);
  },
  init() {
    $("dashboard-form").addEventListener("submit", dashboardShow);
    window.addEventListener("resize", () => { for (const c of Object.values(charts)) c.resize(); });
  },
};
