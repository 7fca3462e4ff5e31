/*
 * web_static.c - static files, read whole per request (they are small and
 * the kernel caches them), by an allow-list of names and types.
 */
#include "web/web_static.h"

#include <stdio.h>
#include <string.h>

/* The files served under /vendor/: name in the URL, path under settings->vendor_dir. */
static const char *const web_vendor_files[][2] = {
    {"echarts.min.js", "echarts/dist/echarts.min.js"},
};

static const char *const web_types[][2] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *web_type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot != NULL && i < sizeof web_types / sizeof web_types[0]; i++)
        if (strcmp(dot, web_types[i][0]) == 0)
            return web_types[i][1];
    return NULL;
}

static void web_not_found(web_response *res)
{
    web_reply_error(res, 404, "not_found", "页面不存在", "no such page");
}

/* Reads file whole into res; 404 when it cannot. */
static void web_send_file(const char *file, const char *type, web_response *res)
{
    char *data = NULL;
    size_t size = 0;
    int rc = web_file_read(file, WEB_STATIC_FILE_MAX, &data, &size);
    if (rc == BF_ENOTFOUND) {
        web_not_found(res);
    } else if (rc != BF_OK) {
        web_reply_internal(res, "cannot read a static file");
    } else {
        web_reply_bytes(res, 200, type, data, size);
        res->cacheable = 1;
    }
}

void web_static_answer(const web_settings *settings, const char *method, const char *path,
                       web_response *res)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        web_reply_error(res, 405, "method_not_allowed", "不允许的请求方法", "method not allowed");
        return;
    }
    if (strcmp(path, "/") == 0)
        path = "/index.html";
    char file[2048];
    if (strncmp(path, "/vendor/", 8) == 0) {
        for (size_t i = 0; i < sizeof web_vendor_files / sizeof web_vendor_files[0]; i++)
            if (settings->vendor_dir[0] != '\0' && strcmp(path + 8, web_vendor_files[i][0]) == 0) {
                snprintf(file, sizeof file, "%s/%s", settings->vendor_dir, web_vendor_files[i][1]);
                web_send_file(file, web_type_of(file), res);
                return;
            }
        web_not_found(res);
        return;
    }
    const char *type = web_type_of(path);
    size_t length = strlen(path);
    if (type == NULL || path[0] != '/' || strstr(path, "..") != NULL ||
        strstr(path, "//") != NULL ||
        strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") !=
            length ||
        strlen(settings->static_dir) + length + 1 >= sizeof file) {
        web_not_found(res);
        return;
    }
    snprintf(file, sizeof file, "%s%s", settings->static_dir, path);
    web_send_file(file, type, res);
}
