/*
 * web_routes.c - the route table built from WEB_ROUTE_MAP, path matching
 * and the checks every route gets before its handler runs.
 */
#include "web/web_routes.h"

#include "web/web_audit.h"
#include "web/web_sessions.h"
#include "web/web_users.h"

#include <stdio.h>
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

/* The outcome an audit entry records for an HTTP status. */
static const char *web_outcome(int status)
{
    if (status < 400)
        return "ok";
    switch (status) {
    case 400:
        return "invalid";
    case 401:
        return "unauthenticated";
    case 403:
        return "denied";
    case 404:
        return "not_found";
    case 409:
        return "conflict";
    default:
        return "error";
    }
}

int web_audit_request_entry(web_request *req, const web_audit_entry *entry, bf_error *err)
{
    if (req->store->in_transaction || req->audit == NULL)
        return web_audit_append(req->store, entry, err);
    if (req->audit_later != NULL && !req->audit_later->filled) {
        web_audit_pending_fill(req->audit_later, entry);
        return BF_OK;
    }
    return web_audit_queue_append(req->audit, entry, err);
}

/* Appends the request's entry; on failure the answer becomes a 500 (nothing unaudited leaves). */
static int web_audit_request(web_request *req, web_response *res, const char *action)
{
    web_audit_entry entry = {
        .actor = req->user != NULL ? req->user->login : "-",
        .address = req->address,
        .action = res->audit_action != NULL ? res->audit_action : action,
        .target = res->audit_target[0] != '\0' ? res->audit_target : req->path,
        .outcome = web_outcome(res->status),
        .detail = res->audit_detail,
    };
    bf_error err;
    if (web_audit_request_entry(req, &entry, &err) == BF_OK)
        return BF_OK;
    web_reply_internal(res, err.message);
    return BF_ESTORE;
}

static void web_deny(web_request *req, web_response *res, int status, const char *code,
                     const char *zh, const char *en)
{
    web_reply_error(res, status, code, zh, en);
    res->audit_action = "denied";
    snprintf(res->audit_detail, sizeof res->audit_detail, "{\"method\":\"%s\",\"reason\":\"%s\"}",
             req->method, code);
    web_audit_request(req, res, "denied");
}

/*
 * The session's user into *account and req: 1, or 0 after answering 401 (no session, expired,
 * the user gone, locked or with a new password since).
 */
static int web_authenticate(web_request *req, web_response *res, web_account *account,
                            web_session_info *info)
{
    req->session_token = web_request_cookie(req, web_session_cookie(req->settings));
    if (req->session_token == NULL ||
        web_sessions_find(req->sessions, req->settings, req->session_token, info) != BF_OK) {
        web_deny(req, res, 401, "unauthenticated", "请先登录（会话不存在或已超时）",
                 "log in first (no session, or it expired)");
        return 0;
    }
    bf_error err;
    int rc = web_user_load(req->store, info->login, account, &err);
    if (rc != BF_OK && rc != BF_ENOTFOUND) {
        web_reply_internal(res, err.message);
        return 0;
    }
    if (rc == BF_ENOTFOUND || account->disabled || account->epoch != info->epoch) {
        web_sessions_end(req->sessions, req->session_token);
        web_deny(req, res, 401, "unauthenticated", "会话已失效，请重新登录",
                 "the session ended, log in again");
        return 0;
    }
    req->user = &account->user;
    return 1;
}

/* Checks the session, roles and CSRF token of route, runs its handler, writes its entry. */
static void web_dispatch_route(web_request *req, web_response *res, const web_route *route)
{
    web_account account;
    web_session_info info;
    if (!(route->flags & WEB_PUBLIC)) {
        if (!web_authenticate(req, res, &account, &info))
            return;
        if (!(account.user.roles & route->roles)) {
            web_deny(req, res, 403, "forbidden", "您的角色无权进行此操作",
                     "your roles do not allow this");
            return;
        }
        const char *csrf = web_request_header(req, "X-CSRF-Token");
        if ((route->flags & WEB_WRITE) && (csrf == NULL || !web_token_equal(csrf, info.csrf))) {
            web_deny(req, res, 403, "csrf", "缺少或错误的 CSRF 令牌，请刷新页面",
                     "missing or wrong CSRF token: reload the page");
            return;
        }
    }
    int own_transaction = (route->flags & WEB_OWN_TRANSACTION) != 0;
    int write = (route->flags & WEB_WRITE) != 0 && !own_transaction;
    if (write) {
        web_audit_hold(); /* the write's entry goes into its transaction */
        if (store_begin(req->store) != BF_OK) {
            web_audit_release();
            web_reply_internal(res, store_error_message(req->store));
            return;
        }
    }
    int rc = route->handler(req, res);
    if (rc != BF_OK && res->json == NULL)
        web_reply_internal(res, route->id);
    if (write && res->status >= 400) {
        /* A write that failed leaves nothing; its entry is written on its own. */
        store_rollback(req->store);
        web_audit_release();
        web_audit_request(req, res, "write");
    } else if (write) {
        if (web_audit_request(req, res, "write") != BF_OK) {
            store_rollback(req->store);
        } else if (store_commit(req->store) != BF_OK) {
            store_rollback(req->store);
            web_reply_internal(res, store_error_message(req->store));
        }
        web_audit_release();
    } else if (own_transaction) {
        web_audit_request(req, res, "write");
    } else if (route->flags & WEB_PERSONAL) {
        web_audit_request(req, res, "view");
    }
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
    int snapshot = (route->flags & WEB_SNAPSHOT) && store_read_begin(req->store) == BF_OK;
    web_dispatch_route(req, res, route);
    if (snapshot)
        store_read_end(req->store);
}

int web_route_runs_long(const char *method, const char *path)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return 1;
    char params[WEB_PATH_PARAMS_MAX][WEB_PATH_PARAM_MAX];
    for (int i = 0; i < WEB_ROUTE_COUNT; i++)
        if (strcmp(web_routes[i].method, "GET") == 0 &&
            web_route_match(web_routes[i].path, path, params))
            return (web_routes[i].flags & WEB_LONG) != 0;
    return 0;
}
