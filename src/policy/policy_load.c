/*
 * policy_load.c - policy files into a policy_set.
 *
 * Two steps.  Running: the chunk runs in the sandbox (policy_sandbox.c),
 * which records each declaration with its line.  Converting: a protected C
 * function walks that list and checks every table strictly against the
 * vocabulary (policy_declare.c and the files it uses), writing the structs.
 * Errors inside a declaration name the line of the declaration, refined by
 * finding the offending key or value in the source (policy_schema.c).
 */
#include "policy/policy_load_private.h"

#include "io/data_dir.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void policy_diagnostic_add(policy_diagnostics *diag, const char *file, int line, const char *format,
                           ...)
{
    if (diag == NULL)
        return;
    if (diag->count >= POLICY_DIAGNOSTICS_MAX) {
        diag->dropped++;
        return;
    }
    policy_diagnostic *d = &diag->items[diag->count++];
    snprintf(d->file, sizeof d->file, "%s", file);
    d->line = line;
    va_list args;
    va_start(args, format);
    vsnprintf(d->message, sizeof d->message, format, args);
    va_end(args);
}

/*
 * Length of the line break at text[i] as Lua's lexer counts one (\n, \r,
 * \r\n or \n\r: llex.c inclinenumber), 0 when there is none, so that
 * diagnostics name the same lines Lua does.
 */
static size_t lua_line_break(const char *text, size_t i, size_t length)
{
    if (text[i] != '\n' && text[i] != '\r')
        return 0;
    if (i + 1 < length && (text[i + 1] == '\n' || text[i + 1] == '\r') && text[i + 1] != text[i])
        return 2;
    return 1;
}

/* Walks the declarations list (upvalue-held table at stack index 1); run protected. */
static int convert_all(lua_State *L)
{
    load_context *ctx = lua_touserdata(L, 1);
    ctx->L = L;
    /* Nesting is bounded by POLICY_CONDITIONS_MAX, a few slots per level. */
    luaL_checkstack(L, 8 * POLICY_CONDITIONS_MAX + 64, "policy conversion");
    lua_Integer count = (lua_Integer)lua_rawlen(L, 2);
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, 2, i);
        int entry = lua_gettop(L);
        lua_rawgeti(L, entry, 1);
        const char *kind = lua_tostring(L, -1);
        lua_rawgeti(L, entry, 2);
        ctx->first_line = (int)lua_tointeger(L, -1);
        ctx->last_line = ctx->line_count;
        if (i < count) {
            lua_rawgeti(L, 2, i + 1);
            lua_rawgeti(L, -1, 2);
            int next = (int)lua_tointeger(L, -1);
            if (next > ctx->first_line)
                ctx->last_line = next - 1;
            lua_pop(L, 2);
        }
        lua_rawgeti(L, entry, 3);
        int table = lua_gettop(L);
        if (strcmp(kind, "document") == 0)
            load_convert_document(ctx, table);
        else if (strcmp(kind, "parameter") == 0)
            load_convert_parameter(ctx, table);
        else if (strcmp(kind, "target") == 0)
            load_convert_target(ctx, table);
        else if (strcmp(kind, "report") == 0)
            load_convert_report(ctx, table);
        else
            load_convert_rule(ctx, table, strcmp(kind, "status") == 0);
        lua_settop(L, entry - 1);
    }
    if (ctx->document < 0) {
        policy_diagnostic_add(ctx->diag, ctx->file, 1, "%s",
                              BF_TR("文件缺少 document { }", "the file has no document { }"));
        ctx->errors++;
    }
    return 0;
}

/* Turns a Lua error message "name:line: text" into a diagnostic. */
static void lua_problem(load_context *ctx, const char *message)
{
    int line = 0;
    const char *text = message != NULL ? message : "?";
    size_t name_length = strlen(ctx->file);
    if (strncmp(text, ctx->file, name_length) == 0 && text[name_length] == ':') {
        const char *p = text + name_length + 1;
        char *end = NULL;
        long parsed = strtol(p, &end, 10);
        if (end != p && *end == ':') {
            line = (int)parsed;
            text = end + 1;
            while (*text == ' ')
                text++;
        }
    }
    policy_diagnostic_add(ctx->diag, ctx->file, line, "%s", text);
    ctx->errors++;
}

int policy_load_buffer(policy_set *set, const char *name, const char *text, size_t length,
                       policy_diagnostics *diag, bf_error *err)
{
    int rc = BF_OK;
    load_budget budget = {0, POLICY_LUA_MEMORY_MAX, 0, name};
    lua_State *L = NULL;
    char *chunk_name = NULL;
    load_context ctx = {
        .set = set, .diag = diag, .file = name, .source = text, .length = length, .document = -1};
    if (length > POLICY_FILE_MAX) {
        rc = bf_error_set(err, BF_ETOOBIG,
                          BF_TR("%s：文件超过 %u 字节", "%s: file larger than %u bytes"), name,
                          POLICY_FILE_MAX);
        goto out;
    }
    /* Line index: line_starts[k] is the offset of line k (1-based), counted as Lua does. */
    int lines = 1;
    for (size_t i = 0; i < length;) {
        size_t step = lua_line_break(text, i, length);
        lines += step != 0;
        i += step != 0 ? step : 1;
    }
    ctx.line_starts = malloc(((size_t)lines + 2) * sizeof *ctx.line_starts);
    chunk_name = malloc(strlen(name) + 2);
    if (ctx.line_starts == NULL || chunk_name == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    ctx.line_count = lines;
    ctx.line_starts[1] = 0;
    for (size_t i = 0, line = 1; i < length;) {
        size_t step = lua_line_break(text, i, length);
        if (step != 0)
            ctx.line_starts[++line] = i + step;
        i += step != 0 ? step : 1;
    }
    chunk_name[0] = '@';
    memcpy(chunk_name + 1, name, strlen(name) + 1);

    L = load_sandbox_open(&budget);
    if (L == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    int list = 1;
    if (load_sandbox_run(L, text, length, chunk_name) != LUA_OK) {
        lua_problem(&ctx, lua_tostring(L, -1));
        lua_pop(L, 1);
        goto check;
    }
    lua_pushcfunction(L, convert_all);
    lua_pushlightuserdata(L, &ctx);
    lua_pushvalue(L, list);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        lua_problem(&ctx, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
check:
    if (ctx.errors > 0)
        rc = BF_EPOLICY;
out:
    if (L != NULL)
        lua_close(L);
    free(ctx.line_starts);
    free(chunk_name);
    return rc;
}

int policy_load_file(policy_set *set, const char *path, policy_diagnostics *diag, bf_error *err)
{
    int rc = BF_OK;
    char *text = NULL;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        rc = bf_error_set(err, BF_EIO,
                          BF_TR("无法打开政策文件“%s”：%s", "cannot open policy file '%s': %s"),
                          path, strerror(errno));
        goto out;
    }
    text = malloc(POLICY_FILE_MAX + 1);
    if (text == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    size_t length = fread(text, 1, POLICY_FILE_MAX + 1, file);
    if (ferror(file)) {
        rc = bf_error_set(err, BF_EIO, BF_TR("读取“%s”失败", "cannot read '%s'"), path);
        goto out;
    }
    if (length > POLICY_FILE_MAX) {
        rc = bf_error_set(err, BF_ETOOBIG,
                          BF_TR("%s：文件超过 %u 字节", "%s: file larger than %u bytes"), path,
                          POLICY_FILE_MAX);
        goto out;
    }
    text[length] = '\0';
    rc = policy_load_buffer(set, path, text, length, diag, err);
out:
    if (file != NULL)
        fclose(file);
    free(text);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int policy_load_dir(policy_set *set, const char *dir, policy_diagnostics *diag, bf_error *err)
{
    int rc = BF_OK, problems = 0;
    char *names[POLICY_FILES_MAX];
    int count = 0;
    DIR *d = opendir(dir);
    if (d == NULL) {
        rc = bf_error_set(
            err, BF_EIO, BF_TR("无法打开政策目录“%s”：%s", "cannot open policy directory '%s': %s"),
            dir, strerror(errno));
        goto out;
    }
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length < 5 || strcmp(entry->d_name + length - 4, ".lua") != 0 ||
            entry->d_name[0] == '.')
            continue;
        if (count >= POLICY_FILES_MAX) {
            rc = bf_error_set(err, BF_ETOOBIG,
                              BF_TR("政策目录中文件超过 %d 个", "more than %d policy files"),
                              POLICY_FILES_MAX);
            goto out;
        }
        names[count] = strdup(entry->d_name);
        if (names[count] == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
        count++;
    }
    if (count == 0) {
        /* no rules is not "nothing due": a total of 0.00 would be a silent wrong answer */
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("政策目录“%s”中没有政策文件（*.lua）",
                                "no policy files (*.lua) in the policy directory '%s'"),
                          dir);
        goto out;
    }
    qsort(names, (size_t)count, sizeof names[0], compare_names);
    for (int i = 0; i < count; i++) {
        char path[POLICY_PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path) {
            rc = bf_error_set(err, BF_ETOOBIG, BF_TR("路径过长", "path too long"));
            goto out;
        }
        rc = policy_load_file(set, path, diag, err);
        if (rc == BF_EPOLICY)
            problems = 1;
        else if (rc != BF_OK)
            goto out;
    }
    rc = policy_set_resolve(set, diag);
    if (problems)
        rc = BF_EPOLICY;
out:
    if (d != NULL)
        closedir(d);
    for (int i = 0; i < count; i++)
        free(names[i]);
    return rc;
}

int policy_find_dir(const char *option, char *out, size_t size, bf_error *err)
{
    switch (data_dir_find(option, "BANGFU_POLICIES", "policies", out, size)) {
    case DATA_DIR_FOUND:
        return BF_OK;
    case DATA_DIR_OPTION_MISSING:
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("政策目录“%s”不存在", "policy directory '%s' does not exist"),
                            option);
    case DATA_DIR_ENV_MISSING:
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("BANGFU_POLICIES 指向的目录“%s”不存在",
                                  "BANGFU_POLICIES names a missing directory '%s'"),
                            out);
    case DATA_DIR_NONE:
        break;
    }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("找不到政策目录（用 --policies DIR 或 BANGFU_POLICIES 指定）",
                              "no policy directory found (use --policies DIR or BANGFU_POLICIES)"));
}
