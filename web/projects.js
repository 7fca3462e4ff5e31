// bangfu web UI: the projects (以工代赈, 就业帮扶: 附件2's columns with the people employed on a
// day) and the public-welfare posts of one's region (#projects), as tables paged by the
// server.  Uses app.js's api, gridTable, answered.
"use strict";

const lists = { posts: 0 };

async function projectsShow(event) {
  if (event) event.preventDefault();
  const date = $("projects-date").value;
  const r = await api("GET", "/api/projects" + (date ? "?date=" + date : ""));
  if (!answered(r, $("projects-error"), "查询失败", "projects-")) return;
  gridTable($("projects-table"), r.data, "本辖区没有项目");
  const p = await api("GET", "/api/posts?limit=200&offset=" + lists.posts);
  if (!answered(p, $("posts-error"), "查询失败", "posts-")) return;
  gridTable($("posts-table"), p.data, "本辖区没有公益性岗位");
  $("posts-more").hidden = !p.data.more;
  $("posts-less").hidden = lists.posts === 0;
}

PAGES.projects = {
  view: "view-projects",
  open: async () => {
    if (!$("projects-date").value) $("projects-date").value = new Date().toISOString().slice(0, 10);
    await projectsShow(null);
  },
  init() {
    $("projects-form").addEventListener("submit", projectsShow);
    $("posts-more").addEventListener("click", () => { lists.posts += 200; projectsShow(null); });
    $("posts-less").addEventListener("click", () => { lists.posts = Math.max(0, lists.posts - 200); projectsShow(null); });
  },
};
