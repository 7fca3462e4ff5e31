/*
 * web_users.c - user accounts: password rule and hashes, lock-out, listing.
 */
#include "web/web_users.h"

#include "registry/region.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char web_user_columns[] =
    "SELECT login, name, region, roles, failures, locked_until, disabled, epoch FROM users";

int web_password_check(const char *login, const char *password, bf_error *err)
{
    size_t characters = 0;
    int lower = 0, upper = 0, digit = 0, other = 0;
    for (const unsigned char *c = (const unsigned char *)password; *c != '\0'; c++) {
        if ((*c & 0xC0) != 0x80)
            characters++;
        if (*c >= 'a' && *c <= 'z')
            lower = 1;
        else if (*c >= 'A' && *c <= 'Z')
            upper = 1;
        else if (*c >= '0' && *c <= '9')
            digit = 1;
        else
            other = 1;
    }
    if (strlen(password) > WEB_PASSWORD_MAX)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("密码过长（至多 %d 字节）", "the password is too long (at most %d bytes)"),
            WEB_PASSWORD_MAX);
    if (characters < WEB_PASSWORD_MIN || lower + upper + digit + other < WEB_PASSWORD_KINDS)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("密码须至少 %d 个字符，并含小写字母、大写字母、数字、其他符号中的至少 %d 类",
                  "a password needs at least %d characters of at least %d of the "
                  "kinds lowercase, uppercase, digit, other"),
            WEB_PASSWORD_MIN, WEB_PASSWORD_KINDS);
    if (login != NULL && login[0] != '\0' && strcasestr(password, login) != NULL)
        return bf_error_set(err, BF_EINVAL, "%s",
                            BF_TR("密码不得包含用户名", "the password must not contain the login"));
    return BF_OK;
}

static int web_password_hash(const char *password, char out[crypto_pwhash_STRBYTES], bf_error *err)
{
    if (sodium_init() < 0 ||
        crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return bf_error_set(
            err, BF_ENOMEM, "%s",
            BF_TR("无法计算密码哈希（内存不足）", "cannot hash the password (out of memory)"));
    return BF_OK;
}

/* Now plus seconds as an ISO 8601 UTC timestamp. */
static void web_timestamp_after(int64_t seconds, char out[BF_TIMESTAMP_TEXT_MAX])
{
    time_t when = time(NULL) + (time_t)seconds;
    struct tm parts;
    gmtime_r(&when, &parts);
    strftime(out, BF_TIMESTAMP_TEXT_MAX, "%Y-%m-%dT%H:%M:%SZ", &parts);
}

static void web_account_read(store_stmt *stmt, web_account *out)
{
    memset(out, 0, sizeof *out);
    const char *text;
    snprintf(out->user.login, sizeof out->user.login, "%s", store_column_text(stmt, 0));
    snprintf(out->user.name, sizeof out->user.name, "%s", store_column_text(stmt, 1));
    snprintf(out->user.region, sizeof out->user.region, "%s", store_column_text(stmt, 2));
    text = store_column_text(stmt, 3);
    out->user.roles = text != NULL ? web_roles_parse(text) : 0;
    if (out->user.roles < 0)
        out->user.roles = 0;
    out->failures = (int)store_column_int64(stmt, 4);
    text = store_column_text(stmt, 5);
    snprintf(out->locked_until, sizeof out->locked_until, "%s", text != NULL ? text : "");
    out->disabled = (int)store_column_int64(stmt, 6);
    out->epoch = store_column_int64(stmt, 7);
}

int web_user_load(store *st, const char *login, web_account *out, bf_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "%s WHERE login = ?", web_user_columns);
    store_rows rows = {0};
    const char *params[] = {login};
    int rc = store_rows_open_few(st, sql, params, 1, &rows, err);
    if (rc != BF_OK)
        return rc;
    rc = store_rows_next(&rows);
    if (rc == 1)
        web_account_read(rows.stmt, out);
    store_rows_close(&rows);
    return rc == 1 ? BF_OK : rc == 0 ? BF_ENOTFOUND : rc;
}

static int web_login_valid(const char *login)
{
    size_t length = strlen(login);
    return length >= 2 && length < WEB_LOGIN_MAX &&
           strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") == length;
}

int web_user_add(store *st, const char *login, const char *name, const char *region, int roles,
                 const char *password, bf_error *err)
{
    if (!web_login_valid(login))
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("用户名“%s”无效：2 到 %d 个小写字母、数字、点、下划线或连字符",
                                  "invalid login '%s': 2 to %d lowercase letters, digits, dots, "
                                  "underscores or hyphens"),
                            login, WEB_LOGIN_MAX - 1);
    if (name == NULL || name[0] == '\0' || strlen(name) >= WEB_USER_NAME_MAX)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("姓名须为 1 到 %d 字节", "the name must have 1 to %d bytes"),
                            WEB_USER_NAME_MAX - 1);
    char code[REGION_CODE_TEXT_MAX], path[REGION_PATH_MAX];
    if (region_code_normalize(region, code) == REGION_LEVEL_INVALID)
        return bf_error_set(err, BF_EINVAL, BF_TR("“%s”不是区划代码", "'%s' is not a region code"),
                            region);
    int rc = region_path_name(st, code, path, sizeof path, NULL);
    if (rc == BF_ENOTFOUND)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("区划代码 %s 不存在", "region code %s does not exist"), region);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (roles <= 0)
        return bf_error_set(err, BF_EINVAL, "%s", BF_TR("至少要有一个角色", "at least one role"));
    rc = web_password_check(login, password, err);
    if (rc != BF_OK)
        return rc;
    web_account existing;
    rc = web_user_load(st, login, &existing, err);
    if (rc == BF_OK)
        return bf_error_set(err, BF_ECONFLICT, BF_TR("用户“%s”已存在", "user '%s' exists already"),
                            login);
    if (rc != BF_ENOTFOUND)
        return rc;
    char hash[crypto_pwhash_STRBYTES], roles_text[WEB_ROLES_TEXT_MAX], now[BF_TIMESTAMP_TEXT_MAX];
    rc = web_password_hash(password, hash, err);
    if (rc != BF_OK)
        return rc;
    web_roles_text(roles, roles_text);
    date_now_timestamp(now);
    const char *params[] = {login, name, code, roles_text, hash, now, now};
    return store_exec_params(
        st,
        "INSERT INTO users (login, name, region, roles, password_hash, created_at, "
        "password_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        params, 7, err);
}

static int web_user_must_exist(store *st, const char *login, bf_error *err)
{
    web_account account;
    int rc = web_user_load(st, login, &account, err);
    if (rc == BF_ENOTFOUND)
        return bf_error_set(err, BF_ENOTFOUND, BF_TR("没有用户“%s”", "no user '%s'"), login);
    return rc;
}

int web_user_set_password(store *st, const char *login, const char *password, bf_error *err)
{
    int rc = web_user_must_exist(st, login, err);
    if (rc == BF_OK)
        rc = web_password_check(login, password, err);
    char hash[crypto_pwhash_STRBYTES], now[BF_TIMESTAMP_TEXT_MAX];
    if (rc == BF_OK)
        rc = web_password_hash(password, hash, err);
    if (rc != BF_OK)
        return rc;
    date_now_timestamp(now);
    const char *params[] = {hash, now, login};
    return store_exec_params(st,
                             "UPDATE users SET password_hash = ?, password_at = ?, failures = 0, "
                             "locked_until = NULL, epoch = epoch + 1 WHERE login = ?",
                             params, 3, err);
}

int web_user_set_disabled(store *st, const char *login, int disabled, bf_error *err)
{
    int rc = web_user_must_exist(st, login, err);
    if (rc != BF_OK)
        return rc;
    const char *params[] = {login};
    return store_exec_params(
        st,
        disabled ? "UPDATE users SET disabled = 1, epoch = epoch + 1 WHERE login = ?"
                 : "UPDATE users SET disabled = 0, failures = 0, locked_until = "
                   "NULL WHERE login = ?",
        params, 1, err);
}

static int web_password_hash_of(store *st, const char *login, char out[crypto_pwhash_STRBYTES],
                                bf_error *err)
{
    store_rows rows = {0};
    const char *params[] = {login};
    int rc = store_rows_open(st, "SELECT password_hash FROM users WHERE login = ?", params, 1,
                             &rows, err);
    if (rc != BF_OK)
        return rc;
    rc = store_rows_next(&rows);
    if (rc == 1)
        snprintf(out, crypto_pwhash_STRBYTES, "%s", store_column_text(rows.stmt, 0));
    store_rows_close(&rows);
    return rc == 1 ? BF_OK : rc == 0 ? BF_ENOTFOUND : rc;
}

int web_login_attempt(store *st, const char *login, const char *password, web_account *account,
                      web_login_result *result, bf_error *err)
{
    *result = WEB_LOGIN_FAILED;
    char hash[crypto_pwhash_STRBYTES], now[BF_TIMESTAMP_TEXT_MAX];
    int rc = web_user_load(st, login, account, err);
    if (rc == BF_ENOTFOUND || strlen(password) > WEB_PASSWORD_MAX) {
        /* As long as a verification: the answer's time does not tell which logins exist. */
        if (web_password_hash("not a password of anyone", hash, err) != BF_OK)
            return err->code;
        return BF_OK;
    }
    if (rc != BF_OK)
        return rc;
    if (account->disabled) {
        *result = WEB_LOGIN_DISABLED;
        return BF_OK;
    }
    date_now_timestamp(now);
    if (account->locked_until[0] != '\0' && strcmp(account->locked_until, now) > 0) {
        *result = WEB_LOGIN_LOCKED;
        return BF_OK;
    }
    rc = web_password_hash_of(st, login, hash, err);
    if (rc != BF_OK)
        return rc == BF_ENOTFOUND ? BF_OK : rc;
    const char *params[] = {login};
    if (crypto_pwhash_str_verify(hash, password, strlen(password)) == 0) {
        *result = WEB_LOGIN_OK;
        return store_exec_params(
            st, "UPDATE users SET failures = 0, locked_until = NULL WHERE login = ?", params, 1,
            err);
    }
    rc = store_exec_params(st, "UPDATE users SET failures = failures + 1 WHERE login = ?", params,
                           1, err);
    if (rc == BF_OK)
        rc = web_user_load(st, login, account, err);
    if (rc != BF_OK || account->failures < WEB_LOCK_FAILURES)
        return rc;
    char until[BF_TIMESTAMP_TEXT_MAX];
    web_timestamp_after(WEB_LOCK_SECONDS, until);
    const char *lock[] = {until, login};
    rc = store_exec_params(st, "UPDATE users SET failures = 0, locked_until = ? WHERE login = ?",
                           lock, 2, err);
    snprintf(account->locked_until, sizeof account->locked_until, "%s", until);
    *result = WEB_LOGIN_LOCKED;
    return rc;
}

int web_user_list(store *st, const char *region, web_user_found found, void *context, bf_error *err)
{
    char sql[384], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    const char *params[2] = {low, high};
    int count = 0;
    if (region != NULL) {
        region_code_range(region, low, high);
        count = 2;
    }
    snprintf(sql, sizeof sql, "%s%s ORDER BY login", web_user_columns,
             region != NULL ? " WHERE region >= ? AND region < ?" : "");
    store_rows rows = {0};
    int rc = store_rows_open(st, sql, params, count, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        web_account account;
        web_account_read(rows.stmt, &account);
        rc = found(context, &account);
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}
