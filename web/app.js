// bangfu web UI: log in, search people, a person's page and its edit form.
// Plain script, no framework, no inline handlers (the CSP forbids inline script); every
// value from the server is written with textContent, never as HTML.
"use strict";

const state = { user: null, csrf: null, offset: 0, person: null, saved: false };
// The pages beyond people (ledger.js, ...): PAGES[name] = { view, open(argument) } for #name/argument.
const PAGES = {};
const PAGE = 50;

function $(id) { return document.getElementById(id); }

function el(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  return node;
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (response.status === 401 && path !== "/api/session") { showLogin("会话已结束，请重新登录"); }
  return { status: response.status, data };
}

function notice(text) {
  const n = $("notice");
  n.textContent = text || "";
  n.hidden = !text;
}

function show(view) {
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== view;
  for (const link of document.querySelectorAll("#pages a")) {
    if (link.getAttribute("href") === "#" + view.slice(5)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const heading = document.querySelector("#" + view + " h1");
  if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
}

function showLogin(message) {
  state.user = null; state.csrf = null;
  notice(""); // what the last user was told is not the next one's
  $("who").hidden = true;
  $("pages").hidden = true;
  $("login-error").textContent = message || "";
  show("view-login");
}

function signedIn(data) {
  state.user = data; state.csrf = data.csrf_token;
  $("who-name").textContent = data.name + "（" + data.roles.join("、") + "，" + data.region_name + "）";
  $("who").hidden = false;
  $("pages").hidden = false;
}

function hasRole(name) { return !!state.user && state.user.roles.includes(name); }

async function login(event) {
  event.preventDefault();
  const r = await api("POST", "/api/session", {
    login: $("login-name").value.trim(), password: $("login-password").value });
  $("login-password").value = "";
  if (r.status !== 200) { $("login-error").textContent = r.data ? r.data.message : "登录失败"; return; }
  signedIn(r.data);
  location.hash = "#search";
  route();
}

async function logout() {
  await api("DELETE", "/api/session");
  showLogin("已退出登录");
}

function cell(row, label, text) {
  const td = el("td", text === null || text === undefined || text === "" ? "—" : text, { "data-label": label });
  row.appendChild(td);
  return td;
}

async function search(event, more) {
  if (event) event.preventDefault();
  if (!more) state.offset = 0;
  const params = new URLSearchParams({ q: $("search-q").value.trim(), limit: PAGE, offset: state.offset });
  const region = $("search-region").value.trim();
  if (region) params.set("region", region);
  const r = await api("GET", "/api/people?" + params.toString());
  const body = document.querySelector("#results tbody");
  if (!more) body.textContent = "";
  $("search-error").textContent = r.status === 200 ? "" : (r.data ? r.data.message : "查找失败");
  if (r.status !== 200) return;
  for (const p of r.data.people) {
    const row = el("tr");
    const name = cell(row, "姓名", "");
    name.textContent = "";
    name.appendChild(el("a", p.name, { href: "#person/" + p.ref }));
    cell(row, "证件号码", p.id_number);
    cell(row, "性别", p.sex);
    cell(row, "出生日期", p.birth_date);
    cell(row, "户籍地", p.region_name || p.hukou_region);
    cell(row, "就业状态", p.employment_status);
    body.appendChild(row);
  }
  $("results-caption").textContent = body.children.length ? "本人辖区内的人员（" + body.children.length + " 人）" : "没有找到人员";
  state.offset += r.data.people.length;
  $("more").hidden = !r.data.more;
}

const BASIC = [["name", "姓名"], ["id_number", "证件号码"], ["sex", "性别"], ["birth_date", "出生日期"],
  ["hukou_region_name", "户籍地"], ["categories", "帮扶类别"], ["phone", "联系电话"],
  ["household_id", "户编号"], ["relation", "与户主关系"]];
const FOUR = [["labor_ability", "劳动能力"], ["employment_status", "就业状态"], ["employment_wish", "就业意愿"],
  ["training_wish", "培训意愿"], ["skills", "技能"], ["difficulties", "就业困难"]];
const EDITABLE = [["phone", "联系电话"]].concat(FOUR);

function facts(list, person, fields) {
  list.textContent = "";
  for (const [key, label] of fields) {
    let value = person[key];
    if (Array.isArray(value)) value = value.join("；");
    list.appendChild(el("dt", label));
    list.appendChild(el("dd", value === null || value === undefined || value === "" ? "—" : value));
  }
}

function table(node, rows, columns) {
  node.textContent = "";
  if (!rows || rows.length === 0) { node.appendChild(el("caption", "无记录", { class: "empty" })); return; }
  const head = el("tr");
  for (const [, label] of columns) head.appendChild(el("th", label, { scope: "col" }));
  const thead = el("thead"); thead.appendChild(head); node.appendChild(thead);
  const body = el("tbody");
  for (const r of rows) {
    const row = el("tr");
    for (const [key, label, format] of columns) cell(row, label, format ? format(r[key]) : r[key]);
    body.appendChild(row);
  }
  node.appendChild(body);
}

// A list the server answers as {columns, rows} (rows of texts): one card per row at phone
// width, each cell labelled by its column; link(row, i) may turn cell i into a link.
function gridTable(node, data, empty, link) {
  node.textContent = "";
  if (!data.rows.length) { node.appendChild(el("caption", empty, { class: "empty" })); return; }
  const head = el("tr");
  for (const column of data.columns) head.appendChild(el("th", column, { scope: "col" }));
  const thead = el("thead"); thead.appendChild(head); node.appendChild(thead);
  const body = el("tbody");
  for (const r of data.rows) {
    const row = el("tr");
    r.forEach((value, i) => {
      const td = cell(row, data.columns[i], value);
      const href = link ? link(r, i) : null;
      if (href) { td.textContent = ""; td.appendChild(el("a", value, { href })); }
    });
    body.appendChild(row);
  }
  node.appendChild(body);
}

// Shows an answer's error in node (the field it names gets the focus); true when r is ok.
function answered(r, node, fallback, prefix) {
  node.textContent = r.status === 200 ? "" : (r.data ? r.data.message : fallback);
  if (r.status !== 200 && r.data && r.data.field && $(prefix + r.data.field)) $(prefix + r.data.field).focus();
  return r.status === 200;
}

const yuan = (fen) => (fen === null || fen === undefined ? null : (fen / 100).toFixed(2) + " 元");

async function openPerson(ref, full) {
  const r = await api("GET", "/api/people/" + encodeURIComponent(ref) + (full ? "?full=1" : ""));
  if (r.status !== 200) { notice(r.data ? r.data.message : "无法打开"); location.hash = "#search"; return; }
  notice(state.saved ? "已保存" : "");
  state.saved = false;
  const p = r.data;
  state.person = p;
  show("view-person");
  $("person-title").textContent = p.name + "（" + p.id_number + "）";
  $("show-full").hidden = !p.masked || !state.user || !state.user.full_view;
  facts($("person-basic"), p, BASIC);
  facts($("person-four"), p, FOUR);
  table($("person-jobs"), p.jobs, [["employer_name", "单位"], ["kind", "类型"], ["start_date", "开始"],
    ["end_date", "结束"], ["monthly_income_fen", "月收入", yuan]]);
  table($("person-trainings"), p.trainings, [["provider_name", "机构"], ["kind", "类型"],
    ["start_date", "开始"], ["end_date", "结束"], ["certificate", "证书"]]);
  table($("person-insurance"), p.insurance, [["scheme", "险种"], ["status", "状态"], ["since", "参保日期"]]);
  table($("person-history"), p.history, [["label", "字段"], ["old_value", "原值"], ["new_value", "新值"],
    ["changed_at", "时间"], ["source", "来源"]]);
  $("person-calc").href = "#calc/" + p.ref;
  const canEdit = hasRole("经办员") || hasRole("村级帮扶员");
  $("edit-form").hidden = !canEdit;
  if (canEdit) {
    const fields = $("edit-fields");
    fields.textContent = "";
    for (const [key, label] of EDITABLE) {
      fields.appendChild(el("label", label, { for: "edit-" + key }));
      const input = el("input", null, { id: "edit-" + key, name: key });
      input.value = key === "phone" ? "" : (p[key] || "");
      if (key === "phone") input.placeholder = "不改则留空（现为 " + (p.phone || "无") + "）";
      fields.appendChild(input);
    }
    $("edit-error").textContent = "";
  }
}

async function save(event) {
  event.preventDefault();
  const p = state.person;
  const changes = {};
  for (const [key] of EDITABLE) {
    const value = $("edit-" + key).value.trim();
    if (key === "phone" ? value !== "" : value !== (p[key] || "")) changes[key] = value === "" ? null : value;
  }
  if (Object.keys(changes).length === 0) { $("edit-error").textContent = "没有修改"; return; }
  const r = await api("PATCH", "/api/people/" + encodeURIComponent(p.ref), changes);
  if (r.status !== 200) {
    $("edit-error").textContent = r.data ? r.data.message : "保存失败";
    if (r.data && r.data.field) $("edit-" + r.data.field).focus();
    return;
  }
  state.saved = true;
  location.hash = "#person/" + r.data.ref;
}

async function route() {
  if (!state.user) {
    const r = await api("GET", "/api/session");
    if (r.status !== 200) { showLogin(); return; }
    signedIn(r.data);
  }
  const hash = location.hash || "#search";
  if (hash.startsWith("#person/")) { await openPerson(hash.slice(8), false); return; }
  const slash = hash.indexOf("/");
  const name = slash < 0 ? hash.slice(1) : hash.slice(1, slash);
  if (PAGES[name]) {
    show(PAGES[name].view);
    await PAGES[name].open(slash < 0 ? "" : decodeURIComponent(hash.slice(slash + 1)));
    return;
  }
  show("view-search");
  if (!document.querySelector("#results tbody").children.length) search(null, false);
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", logout);
  $("search-form").addEventListener("submit", (e) => search(e, false));
  $("more").addEventListener("click", () => search(null, true));
  $("show-full").addEventListener("click", () => openPerson(state.person.ref, true));
  $("edit-form").addEventListener("submit", save);
  for (const page of Object.values(PAGES)) if (page.init) page.init();
  window.addEventListener("hashchange", route);
  route();
});
