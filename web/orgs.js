// bangfu web UI: organisations and carriers (#orgs, #orgs/CODE): the 名录库 of one's region on
// a day (status and hires of 脱贫人口), one organisation with its decisions, and a decision
// (经办员): a 认定 the rules refuse needs the reason of an exception, which the server says.
// Uses app.js's api, el, gridTable, table, facts, answered, notice.
"use strict";

const orgs = { code: null };

async function orgsList(event) {
  if (event) event.preventDefault();
  const params = new URLSearchParams();
  for (const key of ["carrier", "status", "date"]) {
    const value = $("orgs-" + key).value.trim();
    if (value) params.set(key, value);
  }
  const r = await api("GET", "/api/orgs?" + params.toString());
  if (!answered(r, $("orgs-error"), "查询失败", "orgs-")) return;
  gridTable($("orgs-table"), r.data, "本辖区没有符合条件的载体", (row, i) => (i === 1 ? "#orgs/" + row[1] : null));
}

async function orgShow(code) {
  const date = $("orgs-date").value.trim();
  const r = await api("GET", "/api/orgs/" + encodeURIComponent(code) + (date ? "?date=" + date : ""));
  if (r.status !== 200) { notice(r.data ? r.data.message : "无法打开单位"); location.hash = "#orgs"; return; }
  const o = r.data;
  $("org-title").textContent = o.name + "（" + o.org_code + "）";
  const status = Object.entries(o.status).map(([k, v]) => k + "：" + (v === "certified" ? "已认定" : "未认定"));
  facts($("org-facts"), Object.assign({}, o, { status: status.join("；") || "未认定" }),
    [["kind", "单位类型"], ["region", "所在地区划代码"], ["staff", "职工人数"], ["contact", "联系人"],
      ["phone", "联系电话"], ["status", "认定状态（" + o.date + "）"]]);
  table($("org-decisions"), o.decisions, [["date", "日期"], ["carrier", "载体类型"], ["action_text", "决定"],
    ["document", "文号"], ["body", "决定机关"], ["reason", "理由"], ["exception", "例外理由"], ["rule", "所依规则"]]);
}

async function orgsOpen(argument) {
  if (!$("orgs-date").value) $("orgs-date").value = new Date().toISOString().slice(0, 10);
  orgs.code = argument || null;
  $("org-detail").hidden = !orgs.code;
  $("org-form").hidden = !orgs.code || !hasRole("经办员");
  if (orgs.code) await orgShow(orgs.code);
  await orgsList(null);
}

async function orgDecide(event) {
  event.preventDefault();
  const body = {};
  for (const key of ["carrier", "action", "date", "document", "body", "reason", "exception"]) {
    const value = $("org-" + key).value.trim();
    if (value) body[key] = value;
  }
  const r = await api("POST", "/api/orgs/" + encodeURIComponent(orgs.code) + "/decisions", body);
  if (!answered(r, $("org-error"), "未能登记", "org-")) return;
  notice("已登记决定（批次 " + r.data.batch + "）" + (r.data.exception ? "，作为例外：" + r.data.exception : ""));
  await orgsOpen(orgs.code);
}

PAGES.orgs = {
  view: "view-orgs",
  open: orgsOpen,
  init() {
    $("orgs-form").addEventListener("submit", orgsList);
    $("org-form").addEventListener("submit", orgDecide);
  },
};
