/*
 * policy_schema.c - reading typed fields of the declaration tables, strictly.
 *
 * Every getter checks the Lua type and the value's form and, when wrong,
 * records a diagnostic naming the declaration, the key and the reason.
 * Lua tables keep no line numbers, so the line is found by looking for the
 * offending key or value in the source between this declaration and the
 * next (find_line).
 */
#include "policy/policy_load_private.h"

#include "core/date.h"
#include "core/money.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int load_find_line(const load_context *ctx, const char *needle)
{
    if (needle == NULL || needle[0] == '\0' || ctx->line_starts == NULL)
        return ctx->first_line;
    size_t needle_length = strlen(needle);
    /* Bounded by line_count as well: a line number from Lua never indexes past the table. */
    for (int line = ctx->first_line; line >= 1 && line <= ctx->last_line && line <= ctx->line_count;
         line++) {
        size_t from = ctx->line_starts[line];
        size_t to = line < ctx->line_count ? ctx->line_starts[line + 1] : ctx->length;
        for (size_t i = from; i + needle_length <= to; i++)
            if (memcmp(ctx->source + i, needle, needle_length) == 0)
                return line;
    }
    return ctx->first_line;
}

void load_problem(load_context *ctx, const char *needle, const char *format, ...)
{
    char message[POLICY_DIAGNOSTIC_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    policy_diagnostic_add(ctx->diag, ctx->file, load_find_line(ctx, needle), "%s", message);
    ctx->errors++;
}

const char *load_key_needle(const char *key, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s", key);
    return buffer;
}

const char *load_quoted_needle(const char *text, char *buffer, size_t size)
{
    snprintf(buffer, size, "\"%s\"", text);
    return buffer;
}

void load_check_keys(load_context *ctx, int index, const char *const *allowed, const char *what)
{
    lua_State *L = ctx->L;
    index = lua_absindex(L, index);
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            load_problem(ctx, NULL,
                         BF_TR("%s 中有非名称的键（只允许 名称 = 值）",
                               "%s has a key that is not a name (only name = value)"),
                         what);
            continue;
        }
        const char *key = lua_tostring(L, -1);
        if (!schema_key_known(allowed, key)) {
            char needle[LOAD_NEEDLE_MAX];
            load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                         BF_TR("%s 中有未知的键“%s”", "%s has an unknown key '%s'"), what, key);
        }
    }
}

int load_is_list(lua_State *L, int index, int *n)
{
    index = lua_absindex(L, index);
    lua_Integer length = (lua_Integer)lua_rawlen(L, index);
    lua_Integer count = 0;
    int ok = 1;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        count++;
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > length)
            ok = 0;
    }
    *n = (int)length;
    return ok && count == length;
}

const char *load_type_name(lua_State *L, int index)
{
    return lua_typename(L, lua_type(L, index));
}

int load_get_field(load_context *ctx, int index, const char *key, int type, int required,
                   const char *what)
{
    lua_State *L = ctx->L;
    char needle[LOAD_NEEDLE_MAX];
    int got = lua_getfield(L, index, key);
    if (got == LUA_TNIL) {
        lua_pop(L, 1);
        if (required)
            load_problem(ctx, NULL, BF_TR("%s 缺少“%s”", "%s lacks '%s'"), what, key);
        return 0;
    }
    if (got != type) {
        load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                     BF_TR("%s 的“%s”应为 %s，实为 %s", "%s: '%s' should be a %s, not a %s"), what,
                     key, lua_typename(L, type), load_type_name(L, -1));
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

int load_get_string(load_context *ctx, int index, const char *key, int required, char *out,
                    size_t size, const char *what)
{
    if (!load_get_field(ctx, index, key, LUA_TSTRING, required, what))
        return 0;
    size_t length = 0;
    const char *text = lua_tolstring(ctx->L, -1, &length);
    int ok = 1;
    if (length >= size || length == 0 || strlen(text) != length) {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                     BF_TR("%s 的“%s”为空或过长（上限 %zu 字节）",
                           "%s: '%s' is empty or too long (at most %zu bytes)"),
                     what, key, size - 1);
        ok = 0;
    } else {
        memcpy(out, text, length + 1);
    }
    lua_pop(ctx->L, 1);
    return ok;
}

char *load_get_text(load_context *ctx, int index, const char *key, int required, const char *what)
{
    if (!load_get_field(ctx, index, key, LUA_TSTRING, required, what))
        return NULL;
    size_t length = 0;
    const char *text = lua_tolstring(ctx->L, -1, &length);
    char *copy = NULL;
    if (length == 0 || strlen(text) != length) {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                     BF_TR("%s 的“%s”为空", "%s: '%s' is empty"), what, key);
    } else {
        copy = strdup(text);
        if (copy == NULL)
            load_problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
    }
    lua_pop(ctx->L, 1);
    return copy;
}

int load_get_date(load_context *ctx, int index, const char *key, int required, int32_t *out,
                  const char *what)
{
    char text[BF_DATE_TEXT_MAX + 8];
    if (!load_get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    if (schema_day(text, out) != BF_OK) {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(ctx, load_quoted_needle(text, needle, sizeof needle),
                     BF_TR("%s 的“%s”不是有效日期“%s”（应为 YYYY-MM-DD）",
                           "%s: '%s' is not a valid date \"%s\" (YYYY-MM-DD)"),
                     what, key, text);
        return 0;
    }
    return 1;
}

int load_get_month(load_context *ctx, int index, const char *key, int required, int *out,
                   const char *what)
{
    char text[BF_MONTH_TEXT_MAX + 8];
    if (!load_get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    if (date_month_parse(text, out) != BF_OK) {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(ctx, load_quoted_needle(text, needle, sizeof needle),
                     BF_TR("%s 的“%s”不是有效月份“%s”（应为 YYYY-MM）",
                           "%s: '%s' is not a valid month \"%s\" (YYYY-MM)"),
                     what, key, text);
        return 0;
    }
    return 1;
}

int load_get_region(load_context *ctx, int index, const char *key, int required, int64_t *out,
                    const char *what)
{
    char text[32];
    if (!load_get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    if (schema_region(text, out) != BF_OK) {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(ctx, load_quoted_needle(text, needle, sizeof needle),
                     BF_TR("%s 的“%s”不是区划代码“%s”", "%s: '%s' is not a region code \"%s\""),
                     what, key, text);
        return 0;
    }
    return 1;
}

int load_number_to_fen(lua_State *L, int index, int64_t *fen)
{
    if (lua_type(L, index) != LUA_TNUMBER)
        return 0;
    if (lua_isinteger(L, index))
        return money_from_yuan_integer(lua_tointeger(L, index), fen) == BF_OK;
    return money_from_yuan_number(lua_tonumber(L, index), fen) == BF_OK;
}

int load_get_count(load_context *ctx, int index, const char *key, int required, int *out,
                   const char *what)
{
    if (!load_get_field(ctx, index, key, LUA_TNUMBER, required, what))
        return 0;
    int ok = lua_isinteger(ctx->L, -1) && lua_tointeger(ctx->L, -1) >= 0 &&
             lua_tointeger(ctx->L, -1) <= 100000;
    if (ok)
        *out = (int)lua_tointeger(ctx->L, -1);
    else {
        char needle[LOAD_NEEDLE_MAX];
        load_problem(
            ctx, load_key_needle(key, needle, sizeof needle),
            BF_TR("%s 的“%s”应为 0 到 100000 的整数", "%s: '%s' should be an integer 0..100000"),
            what, key);
    }
    lua_pop(ctx->L, 1);
    return ok;
}

int load_get_flag(load_context *ctx, int index, const char *key, int *out, const char *what)
{
    if (!load_get_field(ctx, index, key, LUA_TBOOLEAN, 0, what))
        return 0;
    *out = lua_toboolean(ctx->L, -1);
    lua_pop(ctx->L, 1);
    return 1;
}

void load_get_window(load_context *ctx, int index, const char *key, int required, int32_t *from,
                     int32_t *to, const char *what)
{
    if (!load_get_field(ctx, index, key, LUA_TTABLE, required, what))
        return;
    static const char *const keys[] = {"from", "to", NULL};
    char inner[POLICY_NAME_MAX];
    schema_path_join(inner, sizeof inner, what, key);
    load_check_keys(ctx, -1, keys, inner);
    load_get_date(ctx, lua_gettop(ctx->L), "from", 1, from, inner);
    if (!load_get_date(ctx, lua_gettop(ctx->L), "to", 0, to, inner))
        *to = POLICY_DAY_MAX;
    if (*from > *to)
        load_problem(ctx, key, BF_TR("%s：起始日期晚于结束日期", "%s: from is after to"), inner);
    lua_pop(ctx->L, 1);
}

int load_get_string_list(load_context *ctx, int index, const char *key, char **items, int max,
                         char **joined, const char *what)
{
    lua_State *L = ctx->L;
    if (!load_get_field(ctx, index, key, LUA_TTABLE, 0, what))
        return -1;
    int n = 0, list = lua_gettop(L);
    char needle[LOAD_NEEDLE_MAX];
    if (!load_is_list(L, list, &n) || n > max) {
        load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                     BF_TR("%s 的“%s”应为至多 %d 项的文字列表",
                           "%s: '%s' should be a list of at most %d texts"),
                     what, key, max);
        lua_pop(L, 1);
        return 0;
    }
    size_t total = 1;
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            load_problem(ctx, load_key_needle(key, needle, sizeof needle),
                         BF_TR("%s 的“%s”第 %d 项应为文字", "%s: '%s' item %d should be a text"),
                         what, key, i);
        else
            total += lua_rawlen(L, -1) + 4;
        lua_pop(L, 1);
    }
    char *all = joined != NULL ? calloc(1, total) : NULL;
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *text = lua_tostring(L, -1);
            if (items != NULL)
                items[i - 1] = strdup(text);
            if (all != NULL) {
                if (all[0] != '\0')
                    strcat(all, "、");
                strcat(all, text);
            }
        } else if (items != NULL)
            items[i - 1] = NULL;
        lua_pop(L, 1);
    }
    if (joined != NULL)
        *joined = all;
    lua_pop(L, 1);
    return n;
}
