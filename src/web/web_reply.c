/*
 * web_reply.c - the helpers every handler uses: JSON replies and errors in
 * both languages, the JSON body of a request, role names.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int web_reply_json(web_response *res, int status, json_t *body)
{
    json_decref(res->json);
    res->status = status;
    res->json = body;
    return BF_OK;
}

int web_reply_error(web_response *res, int status, const char *code, const char *zh, const char *en)
{
    return web_reply_json(
        res, status, json_pack("{s:s, s:s, s:s}", "error", code, "message", zh, "message_en", en));
}

int web_reply_internal(web_response *res, const char *detail)
{
    web_log("internal error: %s", detail);
    return web_reply_error(res, 500, "internal", "服务器内部错误，已记录",
                           "internal error, logged");
}

int web_reply_bytes(web_response *res, int status, const char *type, char *data, size_t size)
{
    json_decref(res->json);
    res->json = NULL;
    free(res->raw);
    res->status = status;
    res->raw = data;
    res->raw_size = size;
    res->content_type = type;
    return BF_OK;
}

int web_file_read(const char *path, size_t max, char **data, size_t *size)
{
    FILE *in = fopen(path, "rb");
    struct stat info;
    char *bytes = NULL;
    int rc = BF_ENOTFOUND;
    *data = NULL;
    *size = 0;
    if (in == NULL || fstat(fileno(in), &info) != 0 || !S_ISREG(info.st_mode) ||
        (uintmax_t)info.st_size > max)
        goto out;
    rc = BF_EIO;
    bytes = malloc((size_t)info.st_size + 1);
    if (bytes == NULL || fread(bytes, 1, (size_t)info.st_size, in) != (size_t)info.st_size) {
        free(bytes);
        goto out;
    }
    *data = bytes;
    *size = (size_t)info.st_size;
    rc = BF_OK;
out:
    if (in != NULL)
        fclose(in);
    return rc;
}

json_t *web_request_json(const web_request *req, web_response *res)
{
    const char *type = web_request_header(req, "Content-Type");
    /* A cross-site form cannot send application/json without a preflight we never allow. */
    if (type == NULL || strncmp(type, "application/json", 16) != 0) {
        web_reply_error(res, 415, "unsupported_media_type", "请求体须为 application/json",
                        "the body must be application/json");
        return NULL;
    }
    json_error_t error;
    json_t *body = json_loadb(req->body, req->body_size, JSON_REJECT_DUPLICATES, &error);
    if (body == NULL || !json_is_object(body)) {
        json_decref(body);
        web_reply_error(res, 400, "bad_json", "请求体不是 JSON 对象",
                        "the body is not a JSON object");
        return NULL;
    }
    return body;
}

static const struct {
    int bit;
    const char *zh;
    const char *en;
} web_role_names[] = {
#define WEB_ROLE_NAME(id, bit, zh, en) {bit, zh, en},
    WEB_ROLE_MAP(WEB_ROLE_NAME)
#undef WEB_ROLE_NAME
};

#define WEB_ROLE_COUNT (sizeof web_role_names / sizeof web_role_names[0])

int web_roles_parse(const char *text)
{
    int mask = 0;
    char name[64];
    const char *at = text;
    while (*at != '\0') {
        size_t length = strcspn(at, ",");
        const char *full_comma = strstr(at, "，");
        if (full_comma != NULL && (size_t)(full_comma - at) < length)
            length = (size_t)(full_comma - at);
        if (length == 0 || length >= sizeof name)
            return -1;
        memcpy(name, at, length);
        name[length] = '\0';
        int found = 0;
        for (size_t i = 0; i < WEB_ROLE_COUNT; i++)
            if (strcmp(name, web_role_names[i].zh) == 0 || strcmp(name, web_role_names[i].en) == 0)
                found = web_role_names[i].bit;
        if (found == 0)
            return -1;
        mask |= found;
        at += length;
        if (strncmp(at, "，", strlen("，")) == 0)
            at += strlen("，");
        else if (*at == ',')
            at++;
    }
    return mask == 0 ? -1 : mask;
}

void web_roles_text(int mask, char out[WEB_ROLES_TEXT_MAX])
{
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < WEB_ROLE_COUNT; i++)
        if (mask & web_role_names[i].bit)
            used += (size_t)snprintf(out + used, WEB_ROLES_TEXT_MAX - used, "%s%s",
                                     used > 0 ? "," : "", web_role_names[i].zh);
}
