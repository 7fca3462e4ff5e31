/*
 * route_session.c - logging in and out, the current session, changing
 * one's own password.  The session token travels only in an HttpOnly,
 * SameSite=Strict cookie (__Host- and Secure behind TLS); the CSRF token in
 * the JSON answers, for the page to send back in X-CSRF-Token.
 */
#include "web/web_routes.h"

#include "registry/region.h"
#include "web/web_audit.h"
#include "web/web_sessions.h"
#include "web/web_users.h"
#include "web/web_util.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char *web_session_cookie(const web_settings *settings)
{
    return settings->behind_tls ? "__Host-bangfu" : "bangfu";
}

/* The JSON describing user and the session's CSRF token. */
static json_t *web_session_json(store *st, const web_user *user, const char *csrf)
{
    char path[REGION_PATH_MAX], roles[WEB_ROLES_TEXT_MAX];
    if (region_path_name(st, user->region, path, sizeof path, NULL) != BF_OK)
        snprintf(path, sizeof path, "%s", user->region);
    web_roles_text(user->roles, roles);
    json_t *list = json_array();
    for (char *save = NULL, *item = strtok_r(roles, ",", &save); item != NULL;
         item = strtok_r(NULL, ",", &save))
        json_array_append_new(list, json_string(item));
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:s}", "login", user->login, "name",
                     user->name, "region", user->region, "region_name", path, "roles", list,
                     "full_view", (user->roles & WEB_ROLES_FULL_VIEW) != 0, "csrf_token", csrf);
}

static int web_audit_login(web_request *req, const char *login, const char *outcome,
                           web_response *res)
{
    bf_error err;
    web_audit_entry entry = {.actor = login,
                             .address = req->address,
                             .action = "login",
                             .target = "/api/session",
                             .outcome = outcome};
    if (web_audit_request_entry(req, &entry, &err) != BF_OK) {
        json_decref(res->json);
        res->json = NULL;
        res->set_cookie[0] = '\0';
        return web_reply_internal(res, err.message);
    }
    return BF_OK;
}

int route_session_login(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    const char *login = json_string_value(json_object_get(body, "login"));
    const char *password = json_string_value(json_object_get(body, "password"));
    if (login == NULL || password == NULL || strlen(login) >= WEB_LOGIN_MAX) {
        json_decref(body);
        return web_reply_error(res, 400, "invalid", "请填写用户名和密码",
                               "give the login and the password");
    }
    char tried[WEB_LOGIN_MAX];
    snprintf(tried, sizeof tried, "%s", login);
    web_account account;
    web_login_result result;
    bf_error err;
    int rc = web_login_attempt(req->store, tried, password, &account, &result, &err);
    json_decref(body);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    if (result == WEB_LOGIN_FAILED) {
        web_reply_error(res, 401, "login_failed", "用户名或密码错误", "wrong login or password");
        return web_audit_login(req, tried, "failed", res);
    }
    if (result == WEB_LOGIN_LOCKED) {
        char zh[256], en[256];
        snprintf(zh, sizeof zh, "连续 %d 次登录失败，账户已锁定至 %s（UTC），请稍后再试",
                 WEB_LOCK_FAILURES, account.locked_until);
        snprintf(en, sizeof en, "%d failed logins in a row: locked until %s (UTC), try later",
                 WEB_LOCK_FAILURES, account.locked_until);
        web_reply_error(res, 423, "locked", zh, en);
        return web_audit_login(req, tried, "locked", res);
    }
    if (result == WEB_LOGIN_DISABLED) {
        web_reply_error(res, 403, "disabled", "账户已停用，请联系系统管理员",
                        "the account is locked: ask the administrator");
        return web_audit_login(req, tried, "disabled", res);
    }
    char token[WEB_TOKEN_TEXT_MAX], csrf[WEB_TOKEN_TEXT_MAX];
    if (web_sessions_create(req->sessions, req->settings, account.user.login, account.epoch, token,
                            csrf, &err) != BF_OK) {
        web_reply_error(res, 503, "busy", "同时登录的人数已达上限，请稍后再试",
                        "too many sessions at once, try later");
        return web_audit_login(req, tried, "busy", res);
    }
    snprintf(res->set_cookie, sizeof res->set_cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
             web_session_cookie(req->settings), token, req->settings->behind_tls ? "; Secure" : "");
    sodium_memzero(token, sizeof token);
    web_reply_json(res, 200, web_session_json(req->store, &account.user, csrf));
    return web_audit_login(req, tried, "ok", res);
}

int route_session_show(web_request *req, web_response *res)
{
    web_session_info info;
    if (web_sessions_find(req->sessions, req->settings, req->session_token, &info) != BF_OK)
        return web_reply_error(res, 401, "unauthenticated", "请先登录", "log in first");
    return web_reply_json(res, 200, web_session_json(req->store, req->user, info.csrf));
}

int route_session_logout(web_request *req, web_response *res)
{
    web_sessions_end(req->sessions, req->session_token);
    snprintf(res->set_cookie, sizeof res->set_cookie,
             "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             web_session_cookie(req->settings), req->settings->behind_tls ? "; Secure" : "");
    res->audit_action = "logout";
    return web_reply_json(res, 200, json_pack("{s:b}", "ok", 1));
}

int route_session_password(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    const char *old = json_string_value(json_object_get(body, "old_password"));
    const char *new = json_string_value(json_object_get(body, "new_password"));
    res->audit_action = "password";
    web_account account;
    web_login_result result = WEB_LOGIN_FAILED;
    bf_error err;
    int rc = old != NULL && new != NULL
                 ? web_login_attempt(req->store, req->user->login, old, &account, &result, &err)
                 : BF_OK;
    if (rc != BF_OK) {
        json_decref(body);
        return web_reply_internal(res, err.message);
    }
    if (result != WEB_LOGIN_OK) {
        json_decref(body);
        return web_reply_error(res, 400, "invalid", "原密码不正确", "the old password is wrong");
    }
    rc = web_user_set_password(req->store, req->user->login, new, &err);
    json_decref(body);
    if (rc == BF_EINVAL)
        return web_reply_field(res, "new_password", err.message, err.message);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    /* The epoch moved: this session and every other one of the user end; log in again. */
    web_sessions_end(req->sessions, req->session_token);
    return web_reply_json(res, 200, json_pack("{s:b}", "ok", 1));
}
