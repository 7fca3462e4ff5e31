/*
 * route_import.c - an import of a file sent as the request body (people or
 * a kind of stored facts, services/import_people.c and import_facts.c),
 * limited to the user's region: a row of a person or a record outside it is
 * rejected as if the person were not registered, and a person stored
 * elsewhere refuses the whole import (import_people_options.within).  The
 * answer holds the counts and the error file itself (CSV text, the page
 * offers it as a download), so that nothing of a user's import stays on the
 * server after the request.  The file is at most WEB_BODY_MAX bytes.
 */
#include "web/web_routes.h"
#include "web/web_progress.h"
#include "web/web_upload.h"
#include "web/web_util.h"

#include "services/import_facts.h"
#include "services/import_people.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reported once when another import (or writer) holds the database and this one waits. */
static void web_import_waiting(void *context)
{
    progress_update(context, PROGRESS_WAITING, -1, -1.0);
}

int route_import(web_request *req, web_response *res)
{
    const char *kind_name = req->params[0];
    const fact_kind *kind = strcmp(kind_name, "people") == 0 ? NULL : fact_kind_find(kind_name);
    snprintf(res->audit_target, sizeof res->audit_target, "import:%s", kind_name);
    if (kind == NULL && strcmp(kind_name, "people") != 0)
        return web_reply_error(res, 404, "not_found", "没有这种导入", "no such import kind");
    const char *token = web_request_query(req, "progress");
    if (token != NULL && !web_progress_token_valid(token))
        return web_reply_field(res, "progress", "progress 应为 32 位十六进制小写字符",
                               "progress must be 32 lowercase hexadecimal digits");
    char path[WEB_TEMP_PATH_MAX], errors[WEB_TEMP_PATH_MAX + 16], source[256];
    const char *name = NULL;
    bf_error err;
    bf_error_clear(&err);
    if (!web_upload_open(req, res, &name, path))
        return BF_OK;
    snprintf(errors, sizeof errors, "%s.errors.csv", path);
    snprintf(source, sizeof source, "web:%s:%s", req->user->login, name);
    import_people_options options = {.path = path,
                                     .errors_path = errors,
                                     .source = source,
                                     .wait_limited = 1,
                                     .wait_ms = 30000,
                                     .within = req->user->region};
    web_progress_report report = {0};
    if (token != NULL)
        web_progress_open(token, req->user->login, &report); /* none free: not reported */
    options.progress = report.reporter;
    options.waiting = report.reporter != NULL ? web_import_waiting : NULL;
    options.waiting_context = report.reporter;
    import_people_result result;
    memset(&result, 0, sizeof result);
    int rc = kind != NULL ? import_facts(req->store, kind, &options, &result, &err)
                          : import_people(req->store, &options, &result, &err);
    web_progress_close(&report, rc == BF_OK);
    if (rc != BF_OK)
        return web_upload_refused(res, rc, &err, path, errors);
    json_t *answer =
        json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "kind", kind_name, "name", name,
                  "batch", (json_int_t)result.batch, "rows", (json_int_t)result.rows, "inserted",
                  (json_int_t)result.inserted, "updated", (json_int_t)result.updated, "unchanged",
                  (json_int_t)result.unchanged, "rejected", (json_int_t)result.rejected, "removed",
                  (json_int_t)result.removed);
    json_t *text = result.rejected > 0 ? web_upload_text(errors) : NULL;
    json_object_set_new(answer, "errors_csv", text != NULL ? text : json_null());
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"batch\":%" PRId64 ",\"rows\":%" PRId64 ",\"rejected\":%" PRId64 "}", result.batch,
             result.rows, result.rejected);
    web_reply_json(res, 200, answer);
    unlink(errors);
    web_temp_remove(path);
    return BF_OK;
}

int route_import_progress(web_request *req, web_response *res)
{
    char line[WEB_PROGRESS_LINE_MAX];
    json_t *last = NULL;
    if (web_progress_token_valid(req->params[0]) &&
        web_progress_read(req->params[0], req->user->login, line))
        last = line[0] != '\0' ? json_loads(line, 0, NULL)
                               : json_pack("{s:s, s:s}", "job", "import", "step", "waiting");
    if (last == NULL)
        return web_reply_error(res, 404, "not_found", "没有这个导入的进度",
                               "no progress of such an import");
    const char *step = json_string_value(json_object_get(last, "step"));
    static const struct {
        const char *step, *zh;
    } labels[] = {
#define WEB_PROGRESS_LABEL(id, name, zh, en) {name, zh},
        PROGRESS_STEP_MAP(WEB_PROGRESS_LABEL)
#undef WEB_PROGRESS_LABEL
            {"done", "完成"},
        {"failed", "失败"}};
    for (size_t i = 0; step != NULL && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(step, labels[i].step) == 0)
            json_object_set_new(last, "label", json_string(labels[i].zh));
    return web_reply_json(res, 200, last);
}
