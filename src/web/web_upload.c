/*
 * web_upload.c - a file sent as a request body (web_upload.h).
 */
#include "web/web_upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int web_upload_open(const web_request *req, web_response *res, const char **name,
                    char path[WEB_TEMP_PATH_MAX])
{
    *name = web_request_query(req, "name");
    size_t length = *name != NULL ? strlen(*name) : 0;
    int xlsx = length > 5 && strcasecmp(*name + length - 5, ".xlsx") == 0;
    int csv = length > 4 && strcasecmp(*name + length - 4, ".csv") == 0;
    if ((!xlsx && !csv) || length > WEB_UPLOAD_NAME_MAX) {
        web_reply_error(res, 400, "invalid", "文件名（name）应以 .xlsx 或 .csv 结尾",
                        "the file name (name) must end in .xlsx or .csv");
        return 0;
    }
    if (req->body_size == 0) {
        web_reply_error(res, 400, "invalid", "没有收到文件内容", "no file was sent");
        return 0;
    }
    bf_error err;
    bf_error_clear(&err);
    if (web_temp_file(xlsx ? "upload.xlsx" : "upload.csv", path, &err) != BF_OK) {
        web_reply_internal(res, err.message);
        return 0;
    }
    FILE *out = fopen(path, "wb");
    int written = out != NULL && fwrite(req->body, 1, req->body_size, out) == req->body_size;
    if (out != NULL && fclose(out) != 0)
        written = 0;
    if (!written) {
        web_temp_remove(path);
        web_reply_internal(res, "cannot write the uploaded file");
        return 0;
    }
    return 1;
}

json_t *web_upload_text(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return NULL;
    char *data = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&data, &size);
    char buffer[8192];
    size_t got;
    while (out != NULL && (got = fread(buffer, 1, sizeof buffer, in)) > 0 &&
           size < WEB_DOWNLOAD_MAX)
        fwrite(buffer, 1, got, out);
    fclose(in);
    if (out != NULL)
        fclose(out);
    json_t *text = data != NULL ? json_stringn(data, size) : NULL;
    free(data);
    return text;
}

int web_upload_refused(web_response *res, int rc, const bf_error *err, const char *path,
                       const char *errors)
{
    if (rc == BF_ESTORE || rc == BF_ENOMEM || rc == BF_EIO)
        web_reply_internal(res, err->message);
    else
        web_reply_error(res, 400, "invalid", err->message, err->message);
    unlink(errors);
    web_temp_remove(path);
    return BF_OK;
}
