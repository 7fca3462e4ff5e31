// bangfu web UI: the local parameters of one's region (#params): the values in effect on a
// day, or the whole history, and a new value (经办员) checked by the server against the unit
// the policy files declare (its message names the field).  Uses app.js's api, table, answered.
"use strict";

async function paramsList(event) {
  if (event) event.preventDefault();
  const params = new URLSearchParams();
  const name = $("params-name").value.trim();
  if (name) params.set("name", name);
  if ($("params-history").checked) params.set("history", "1");
  else if ($("params-at").value) params.set("at", $("params-at").value);
  const r = await api("GET", "/api/parameters?" + params.toString());
  if (!answered(r, $("params-error"), "查询失败", "params-")) return;
  table($("params-table"), r.data.parameters.map((x) => Object.assign({}, x, {
    corrected: x.corrected_by ? "已由 #" + x.corrected_by + " 更正" : "" })),
  [["id", "编号"], ["name", "参数"], ["region_name", "区划"], ["from", "起始日期"], ["text", "取值"],
    ["source", "依据"], ["set_by", "设置人"], ["set_at", "设置时间（UTC）"], ["corrected", "更正"]]);
}

async function paramSet(event) {
  event.preventDefault();
  const body = { ends: $("param-ends").checked };
  for (const key of ["name", "region", "from", "value", "to", "source"]) {
    const value = $("param-" + key).value.trim();
    if (value) body[key] = value;
  }
  const r = await api("POST", "/api/parameters", body);
  if (!answered(r, $("param-error"), "未能保存", "param-")) return;
  notice("已保存 #" + r.data.id + "：" + r.data.name + " " + r.data.region_name + " 自 " + r.data.from + " 起 " + r.data.text);
  $("params-name").value = r.data.name;
  await paramsList(null);
}

PAGES.params = {
  view: "view-params",
  open: async () => {
    if (!$("params-at").value) $("params-at").value = new Date().toISOString().slice(0, 10);
    $("param-form").hidden = !hasRole("经办员");
    if ($("param-region").value === "" && state.user) $("param-region").value = state.user.region.replace(/(00)+$/, "");
    await paramsList(null);
  },
  init() {
    $("params-form").addEventListener("submit", paramsList);
    $("param-form").addEventListener("submit", paramSet);
  },
};
