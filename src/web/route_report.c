/*
 * route_report.c - 附件1 of the 2023 notice (services/report_annex1.c) for
 * the user's region and a quarter: as JSON (the form: title, header lines,
 * rows, notes, as `bangfu report fujian1 --format json` writes it) for the
 * page, or the XLSX (the paper form) or CSV file to download.  The data are
 * read in one snapshot; the answer holds counts, no personal data.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "services/report_annex1.h"

#include <stdio.h>
#include <string.h>

int route_report_annex1(web_request *req, web_response *res)
{
    const char *quarter = web_request_query(req, "quarter");
    const char *format_text = web_request_query(req, "format");
    report_options o = {.region = req->user->region, .month = -1, .as_of = INT32_MAX};
    o.filled_on = (int32_t)date_to_days(date_today());
    if (quarter == NULL || report_quarter_parse(quarter, &o.year, &o.quarter) != BF_OK)
        return web_reply_error(res, 400, "invalid", "参数 quarter 应如 2023Q3",
                               "quarter must be e.g. 2023Q3");
    bf_error err;
    bf_error_clear(&err);
    int download = format_text != NULL && strcmp(format_text, "json") != 0;
    o.format = download && strcmp(format_text, "xlsx") == 0 ? REPORT_XLSX : REPORT_CSV;
    if (download && strcmp(format_text, "xlsx") != 0 && strcmp(format_text, "csv") != 0)
        return web_reply_error(res, 400, "invalid", "参数 format 应为 json、xlsx 或 csv",
                               "format must be json, xlsx or csv");
    if ((o.set = web_request_policies(req, res)) == NULL)
        return BF_OK;
    char path[WEB_TEMP_PATH_MAX] = "";
    report_form form = {0};
    json_t *extra = json_object();
    int rows = 0;
    int rc = store_begin_snapshot(req->store);
    if (rc != BF_OK)
        store_error_set(req->store, rc, &err);
    else if (download &&
             (rc = web_temp_file(o.format == REPORT_XLSX ? "fujian1.xlsx" : "fujian1.csv", path,
                                 &err)) == BF_OK) {
        o.out = path;
        rc = report_annex1_write(req->store, &o, &rows, &err);
    } else if (!download)
        rc = report_annex1_form(req->store, &o, &form, extra, &err);
    store_rollback(req->store);
    if (rc == BF_OK && download) {
        char name[64];
        snprintf(name, sizeof name, "附件1_%dQ%d.%s", o.year, o.quarter,
                 o.format == REPORT_XLSX ? "xlsx" : "csv");
        web_reply_file(res, path, o.format == REPORT_XLSX ? WEB_TYPE_XLSX : WEB_TYPE_CSV, name);
    } else if (rc == BF_OK)
        web_reply_json(res, 200, report_form_json(&form, extra));
    else {
        if (path[0] != '\0')
            web_temp_remove(path);
        web_reply_internal(res, err.message);
    }
    report_form_free(&form);
    json_decref(extra);
    return BF_OK;
}
