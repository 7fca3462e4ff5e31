/*
 * route_project.c - the 以工代赈 and 就业帮扶 projects (附件2 of the 2023 notice:
 * services/project_list.h, with the people employed on each and the 脱贫人口
 * among them by a day) and the public-welfare posts (公益性岗位: the posts
 * of `bangfu export posts`, in their import columns and words) lying in the
 * user's region, as tables for the pages.  Neither holds personal data of
 * laborers (the contact of a project is its office's): not audited as views.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "services/export_facts.h"
#include "services/project_list.h"

#include <stdio.h>
#include <string.h>

static int web_project_row(void *context, const char *region, const char *const *cells,
                           bf_error *err)
{
    (void)region;
    int rc = web_table_add(context, cells, PROJECT_LIST_COLUMNS);
    return rc == BF_OK ? BF_OK : bf_error_set(err, rc, "%s", bf_strerror(rc));
}

static int web_projects_read(store *st, void *options, web_table *table, bf_error *err)
{
    int rc = web_table_add(table, project_list_headers, PROJECT_LIST_COLUMNS);
    return rc == BF_OK ? project_list_read(st, options, web_project_row, table, err)
                       : bf_error_set(err, rc, "%s", bf_strerror(rc));
}

int route_projects_list(web_request *req, web_response *res)
{
    char date[BF_DATE_TEXT_MAX];
    project_list_options o = {.region = req->user->region};
    web_table table;
    if (!web_table_open(req, res, &table) || !web_query_date(req, res, "date", date, &o.day))
        return BF_OK;
    if ((o.set = web_request_policies(req, res)) == NULL)
        return BF_OK;
    return web_table_answer(req, res, &table, web_projects_read, &o,
                            json_pack("{s:s}", "date", date));
}

static int web_post_row(void *context, const char *const *cells, int count, bf_error *err)
{
    int rc = web_table_add(context, cells, count);
    return rc == BF_OK ? BF_OK : bf_error_set(err, rc, "%s", bf_strerror(rc));
}

static int web_posts_read(store *st, void *region, web_table *table, bf_error *err)
{
    const fact_kind *kind = fact_kind_find("posts");
    if (kind == NULL)
        return bf_error_set(err, BF_ENOTFOUND, "%s", "no fact kind posts");
    return export_facts_read(st, kind, region, web_post_row, table, NULL, NULL, err);
}

int route_posts_list(web_request *req, web_response *res)
{
    web_table table;
    if (!web_table_open(req, res, &table))
        return BF_OK;
    return web_table_answer(req, res, &table, web_posts_read, (void *)req->user->region, NULL);
}
