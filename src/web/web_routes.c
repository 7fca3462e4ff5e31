/*
 * web_routes.c - the route table built from WEB_ROUTE_MAP, path matching
 * and the checks every route gets before its handler runs.
 */
#include "web/web_routes.h"

#include <string.h>

const web_route web_routes[WEB_ROUTE_COUNT] = {
#define WEB_ROUTE_ENTRY(id, method, path, roles, flags, statuses, zh, en)                          \
    {#id, method, path, roles, flags, statuses, zh, en, route_##id},
    WEB_ROUTE_MAP(WEB_ROUTE_ENTRY)
#undef WEB_ROUTE_ENTRY
};

/*
 * 1 when path matches pattern, each {name} one non-empty segment copied
 * into params; 0 otherwise (a parameter too long does not match).
 */
static int web_route_match(const char *pattern, const char *path,
                           char params[WEB_PATH_PARAMS_MAX][WEB_PATH_PARAM_MAX])
{
    int count = 0;
    while (*pattern != '\0') {
        if (*pattern == '{') {
            size_t length = strcspn(path, "/");
            if (length == 0 || length >= WEB_PATH_PARAM_MAX || count >= WEB_PATH_PARAMS_MAX)
                return 0;
            memcpy(params[count], path, length);
            params[count][length] = '\0';
            count++;
            path += length;
            pattern = strchr(pattern, '}') + 1;
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++;
        path++;
    }
    return *path == '\0';
}

void web_dispatch(web_request *req, web_response *res)
{
    int path_known = 0;
    const web_route *route = NULL;
    for (int i = 0; i < WEB_ROUTE_COUNT && route == NULL; i++) {
        if (!web_route_match(web_routes[i].path, req->path, req->params))
            continue;
        path_known = 1;
        if (strcmp(web_routes[i].method, req->method) == 0 ||
            (strcmp(req->method, "HEAD") == 0 && strcmp(web_routes[i].method, "GET") == 0)) {
            route = &web_routes[i];
            req->route = i;
        }
    }
    if (route == NULL) {
        if (path_known)
            web_reply_error(res, 405, "method_not_allowed", "不允许的请求方法",
                            "method not allowed");
        else
            web_reply_error(res, 404, "not_found", "没有这个接口", "no such route");
        return;
    }
    if (!(route->flags & WEB_PUBLIC)) {
        web_reply_error(res, 401, "unauthenticated", "请先登录", "log in first");
        return;
    }
    if (route->handler(req, res) != BF_OK && res->json == NULL)
        web_reply_internal(res, route->id);
}
