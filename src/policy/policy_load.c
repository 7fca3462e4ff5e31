/*
 * policy_load.c - policy files into a policy_set, in a Lua sandbox.
 *
 * Two steps.  Running: the chunk runs in a state whose globals are only the
 * four declaration functions; each call records (kind, line, table) in a
 * list kept as an upvalue, the line taken from the caller's debug info.
 * Converting: a protected C function walks that list and checks every table
 * strictly against the vocabulary, writing the structs.  Errors inside a
 * declaration name the line of the declaration, refined by finding the
 * offending key or value in the source between that declaration and the
 * next (the line-tracking approach: Lua tables keep no line numbers).
 */
#include "policy/policy_load.h"

#include "core/date.h"
#include "core/money.h"
#include "policy/population.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Instructions between two budget checks. */
#define LOAD_HOOK_STEP 1000

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

/* ---- the sandboxed state ------------------------------------------------ */

/* The allocator's and hook's bookkeeping for one state. */
typedef struct load_budget {
    size_t used;       /* bytes held by the state */
    size_t limit;      /* POLICY_LUA_MEMORY_MAX */
    long instructions; /* instructions run, in LOAD_HOOK_STEP steps */
    const char *name;  /* the file, for the message of a stopped run */
} load_budget;

static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    load_budget *budget = ud;
    size_t old = ptr != NULL ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        budget->used -= old;
        return NULL;
    }
    if (nsize > old && budget->used + (nsize - old) > budget->limit)
        return NULL;
    void *grown = realloc(ptr, nsize);
    if (grown == NULL)
        return NULL;
    budget->used = budget->used - old + nsize;
    return grown;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    load_budget *budget = ud;
    budget->instructions += LOAD_HOOK_STEP;
    int line = lua_getinfo(L, "l", ar) ? ar->currentline : 0;
    if (budget->instructions > POLICY_LUA_INSTRUCTIONS_MAX)
        luaL_error(L, "%s:%d: %s", budget->name, line,
                   BF_TR("运行超出指令上限（政策文件只应声明数据，不应循环）",
                         "instruction budget exceeded (a policy file declares data; it "
                         "must not loop)"));
}

/* The declaration functions: upvalue 1 is the list, upvalue 2 the kind name. */
static int declare(lua_State *L)
{
    const char *kind = lua_tostring(L, lua_upvalueindex(2));
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L,
                          BF_TR("%s 需要一个表参数：%s { ... }", "%s takes one table: %s { ... }"),
                          kind, kind);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_Integer n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(1));
    lua_createtable(L, 3, 0);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, line);
    lua_rawseti(L, -2, 2);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 3);
    lua_rawseti(L, lua_upvalueindex(1), n + 1);
    return 0;
}

/* Writes "a.b" into out (size bytes), truncating a label that is too long. */
static void join_label(char *out, size_t size, const char *a, const char *b)
{
    int written = snprintf(out, size, "%s.%s", a, b);
    if (written < 0 || (size_t)written >= size)
        out[size - 1] = '\0';
}

/* ---- conversion context ------------------------------------------------- */

typedef struct load_context {
    lua_State *L;
    policy_set *set;
    policy_diagnostics *diag;
    const char *file;   /* name for diagnostics */
    const char *source; /* the file's text */
    size_t length;
    size_t *line_starts; /* offset of each line (1-based index) */
    int line_count;
    int first_line; /* current declaration's line */
    int last_line;  /* last line before the next declaration */
    int errors;     /* problems found in this file */
    int document;   /* index of this file's document, -1 before it */
} load_context;

/* The line of the first occurrence of needle within the current declaration, else its line. */
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

static int find_line(const load_context *ctx, const char *needle)
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

/* Records a problem at the line where needle appears (or the declaration's line). */
static void problem(load_context *ctx, const char *needle, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(load_context *ctx, const char *needle, const char *format, ...)
{
    char message[POLICY_DIAGNOSTIC_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    policy_diagnostic_add(ctx->diag, ctx->file, find_line(ctx, needle), "%s", message);
    ctx->errors++;
}

/* A key as a needle: `key =` is looked for as the bare word. */
static const char *key_needle(const char *key, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s", key);
    return buffer;
}

/* A quoted text as a needle: "text". */
static const char *quoted_needle(const char *text, char *buffer, size_t size)
{
    snprintf(buffer, size, "\"%s\"", text);
    return buffer;
}

/* Longest needle built for a diagnostic. */
#define LOAD_NEEDLE_MAX 160

/*
 * Checks that every key of the table at index is a string among allowed
 * (NULL-terminated).  what names the table in messages.
 */
static void check_keys(load_context *ctx, int index, const char *const *allowed, const char *what)
{
    lua_State *L = ctx->L;
    index = lua_absindex(L, index);
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            problem(ctx, NULL,
                    BF_TR("%s 中有非名称的键（只允许 名称 = 值）",
                          "%s has a key that is not a name (only name = value)"),
                    what);
            continue;
        }
        const char *key = lua_tostring(L, -1);
        int known = 0;
        for (int i = 0; allowed[i] != NULL; i++)
            if (strcmp(allowed[i], key) == 0)
                known = 1;
        if (!known) {
            char needle[LOAD_NEEDLE_MAX];
            problem(ctx, key_needle(key, needle, sizeof needle),
                    BF_TR("%s 中有未知的键“%s”", "%s has an unknown key '%s'"), what, key);
        }
    }
}

/* True when the table at index is a list 1..n (n may be 0); sets *n. */
static int is_list(lua_State *L, int index, int *n)
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

static const char *type_name(lua_State *L, int index)
{
    return lua_typename(L, lua_type(L, index));
}

/*
 * Pushes field key of the table at index when present with the expected Lua
 * type; returns 1 then.  Returns 0 (nothing pushed) when absent (a problem
 * when required) or of another type (always a problem).
 */
static int get_field(load_context *ctx, int index, const char *key, int type, int required,
                     const char *what)
{
    lua_State *L = ctx->L;
    char needle[LOAD_NEEDLE_MAX];
    int got = lua_getfield(L, index, key);
    if (got == LUA_TNIL) {
        lua_pop(L, 1);
        if (required)
            problem(ctx, NULL, BF_TR("%s 缺少“%s”", "%s lacks '%s'"), what, key);
        return 0;
    }
    if (got != type) {
        problem(ctx, key_needle(key, needle, sizeof needle),
                BF_TR("%s 的“%s”应为 %s，实为 %s", "%s: '%s' should be a %s, not a %s"), what, key,
                lua_typename(L, type), type_name(L, -1));
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

/* Copies a string field into out (size bytes); 1 when set. */
static int get_string(load_context *ctx, int index, const char *key, int required, char *out,
                      size_t size, const char *what)
{
    if (!get_field(ctx, index, key, LUA_TSTRING, required, what))
        return 0;
    size_t length = 0;
    const char *text = lua_tolstring(ctx->L, -1, &length);
    int ok = 1;
    if (length >= size || length == 0 || strlen(text) != length) {
        char needle[LOAD_NEEDLE_MAX];
        problem(ctx, key_needle(key, needle, sizeof needle),
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

/* A heap copy of a string field (NULL when absent or bad). */
static char *get_text(load_context *ctx, int index, const char *key, int required, const char *what)
{
    if (!get_field(ctx, index, key, LUA_TSTRING, required, what))
        return NULL;
    size_t length = 0;
    const char *text = lua_tolstring(ctx->L, -1, &length);
    char *copy = NULL;
    if (length == 0 || strlen(text) != length) {
        char needle[LOAD_NEEDLE_MAX];
        problem(ctx, key_needle(key, needle, sizeof needle),
                BF_TR("%s 的“%s”为空", "%s: '%s' is empty"), what, key);
    } else {
        copy = strdup(text);
        if (copy == NULL)
            problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
    }
    lua_pop(ctx->L, 1);
    return copy;
}

/* A date field ("YYYY-MM-DD") as a day number; 1 when set. */
static int get_date(load_context *ctx, int index, const char *key, int required, int32_t *out,
                    const char *what)
{
    char text[BF_DATE_TEXT_MAX + 8];
    if (!get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    bf_date date;
    if (date_parse(text, &date) != BF_OK) {
        char needle[LOAD_NEEDLE_MAX];
        problem(ctx, quoted_needle(text, needle, sizeof needle),
                BF_TR("%s 的“%s”不是有效日期“%s”（应为 YYYY-MM-DD）",
                      "%s: '%s' is not a valid date \"%s\" (YYYY-MM-DD)"),
                what, key, text);
        return 0;
    }
    *out = (int32_t)date_to_days(date);
    return 1;
}

/* A month field ("YYYY-MM") as a month index; 1 when set. */
static int get_month(load_context *ctx, int index, const char *key, int required, int *out,
                     const char *what)
{
    char text[BF_MONTH_TEXT_MAX + 8];
    if (!get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    if (date_month_parse(text, out) != BF_OK) {
        char needle[LOAD_NEEDLE_MAX];
        problem(ctx, quoted_needle(text, needle, sizeof needle),
                BF_TR("%s 的“%s”不是有效月份“%s”（应为 YYYY-MM）",
                      "%s: '%s' is not a valid month \"%s\" (YYYY-MM)"),
                what, key, text);
        return 0;
    }
    return 1;
}

/* A region field as a number; 1 when set. */
static int get_region(load_context *ctx, int index, const char *key, int required, int64_t *out,
                      const char *what)
{
    char text[32];
    if (!get_string(ctx, index, key, required, text, sizeof text, what))
        return 0;
    int64_t code = population_region_parse(text);
    if (code == 0) {
        char needle[LOAD_NEEDLE_MAX];
        problem(ctx, quoted_needle(text, needle, sizeof needle),
                BF_TR("%s 的“%s”不是区划代码“%s”", "%s: '%s' is not a region code \"%s\""), what,
                key, text);
        return 0;
    }
    *out = code;
    return 1;
}

/*
 * The number at the top of the stack as fen (yuan with at most two
 * decimals, not negative); 1 when it is one.
 */
static int number_to_fen(lua_State *L, int index, int64_t *fen)
{
    if (lua_type(L, index) != LUA_TNUMBER)
        return 0;
    if (lua_isinteger(L, index))
        return money_from_yuan_integer(lua_tointeger(L, index), fen) == BF_OK;
    return money_from_yuan_number(lua_tonumber(L, index), fen) == BF_OK;
}

/* A non-negative integer field; 1 when set. */
static int get_count(load_context *ctx, int index, const char *key, int required, int *out,
                     const char *what)
{
    if (!get_field(ctx, index, key, LUA_TNUMBER, required, what))
        return 0;
    int ok = lua_isinteger(ctx->L, -1) && lua_tointeger(ctx->L, -1) >= 0 &&
             lua_tointeger(ctx->L, -1) <= 100000;
    if (ok)
        *out = (int)lua_tointeger(ctx->L, -1);
    else {
        char needle[LOAD_NEEDLE_MAX];
        problem(
            ctx, key_needle(key, needle, sizeof needle),
            BF_TR("%s 的“%s”应为 0 到 100000 的整数", "%s: '%s' should be an integer 0..100000"),
            what, key);
    }
    lua_pop(ctx->L, 1);
    return ok;
}

/* A boolean field; 1 when set. */
static int get_flag(load_context *ctx, int index, const char *key, int *out, const char *what)
{
    if (!get_field(ctx, index, key, LUA_TBOOLEAN, 0, what))
        return 0;
    *out = lua_toboolean(ctx->L, -1);
    lua_pop(ctx->L, 1);
    return 1;
}

/* A window { from = date, to = date } field into from/to (kept when absent). */
static void get_window(load_context *ctx, int index, const char *key, int required, int32_t *from,
                       int32_t *to, const char *what)
{
    if (!get_field(ctx, index, key, LUA_TTABLE, required, what))
        return;
    static const char *const keys[] = {"from", "to", NULL};
    char inner[POLICY_NAME_MAX];
    join_label(inner, sizeof inner, what, key);
    check_keys(ctx, -1, keys, inner);
    get_date(ctx, lua_gettop(ctx->L), "from", 1, from, inner);
    if (!get_date(ctx, lua_gettop(ctx->L), "to", 0, to, inner))
        *to = POLICY_DAY_MAX;
    if (*from > *to)
        problem(ctx, key, BF_TR("%s：起始日期晚于结束日期", "%s: from is after to"), inner);
    lua_pop(ctx->L, 1);
}

/* ---- conditions --------------------------------------------------------- */

/* Argument shapes of the predicates. */
typedef enum load_args {
    ARGS_NONE,
    ARGS_REGIONS,
    ARGS_NAMES,
    ARGS_JOB_KINDS,
    ARGS_ORG_KINDS,
    ARGS_TRAINING_KINDS,
    ARGS_LOCATIONS,
    ARGS_CERTIFICATES,
    ARGS_INT,
    ARGS_INT_PAIR,
    ARGS_DATE_PAIR,
    ARGS_FRACTION,
    ARGS_PERCENT,
    ARGS_STATUS,
    ARGS_CONDITIONS,
    ARGS_CONDITION,
    ARGS_INT_TRIPLE,
    ARGS_SCHOOL_KINDS
} load_args;

#define U_PERSON     (1 << POLICY_UNIT_PERSON)
#define U_JOB        (1 << POLICY_UNIT_JOB)
#define U_TRAINING   (1 << POLICY_UNIT_TRAINING)
#define U_ORG        (1 << POLICY_UNIT_ORG)
#define U_HAS_PERSON (U_PERSON | U_JOB | U_TRAINING)
#define U_ALL        (U_HAS_PERSON | U_ORG)

/* Per predicate (policy_predicate order): argument shape and the units it applies to. */
static const struct {
    load_args args;
    int units;
} predicate_spec[POLICY_PRED_COUNT] = {
    [POLICY_PRED_CATEGORY] = {ARGS_NAMES, U_HAS_PERSON},
    [POLICY_PRED_HUKOU_WITHIN] = {ARGS_REGIONS, U_HAS_PERSON},
    [POLICY_PRED_HUKOU_OUTSIDE] = {ARGS_REGIONS, U_HAS_PERSON},
    [POLICY_PRED_THREE_NO] = {ARGS_NONE, U_HAS_PERSON},
    [POLICY_PRED_INSURED] = {ARGS_NONE, U_HAS_PERSON},
    [POLICY_PRED_AGE_BETWEEN] = {ARGS_INT_PAIR, U_HAS_PERSON},
    [POLICY_PRED_JOB_WITHIN] = {ARGS_REGIONS, U_JOB},
    [POLICY_PRED_JOB_LOCATION] = {ARGS_LOCATIONS, U_JOB},
    [POLICY_PRED_JOB_KIND] = {ARGS_JOB_KINDS, U_JOB},
    [POLICY_PRED_EMPLOYER_KIND] = {ARGS_ORG_KINDS, U_JOB | U_TRAINING},
    [POLICY_PRED_EMPLOYER_FREE_PREMISES] = {ARGS_NONE, U_JOB | U_TRAINING},
    [POLICY_PRED_EMPLOYER_STATUS] = {ARGS_STATUS, U_JOB | U_TRAINING},
    [POLICY_PRED_AGENCY_KIND] = {ARGS_ORG_KINDS, U_JOB},
    [POLICY_PRED_ORGANIZED] = {ARGS_NONE, U_JOB},
    [POLICY_PRED_JOB_MONTHS_AT_LEAST] = {ARGS_INT, U_JOB},
    [POLICY_PRED_JOB_START_BETWEEN] = {ARGS_DATE_PAIR, U_JOB},
    [POLICY_PRED_CONTRACT_MONTHS_AT_LEAST] = {ARGS_INT, U_JOB},
    [POLICY_PRED_INSURANCE_MONTHS_AT_LEAST] = {ARGS_INT, U_JOB},
    [POLICY_PRED_TRAINING_KIND] = {ARGS_TRAINING_KINDS, U_TRAINING},
    [POLICY_PRED_TRAINING_WITHIN] = {ARGS_REGIONS, U_TRAINING},
    [POLICY_PRED_CERTIFICATE] = {ARGS_CERTIFICATES, U_TRAINING},
    [POLICY_PRED_TRAINING_DAYS_AT_LEAST] = {ARGS_INT, U_TRAINING},
    [POLICY_PRED_ONLINE_SHARE_AT_MOST] = {ARGS_FRACTION, U_TRAINING},
    [POLICY_PRED_TRAINING_WITHIN_MONTHS_OF_HIRE] = {ARGS_INT, U_TRAINING},
    [POLICY_PRED_ORG_KIND] = {ARGS_ORG_KINDS, U_ORG},
    [POLICY_PRED_ORG_WITHIN] = {ARGS_REGIONS, U_ORG},
    [POLICY_PRED_ORG_FREE_PREMISES] = {ARGS_NONE, U_ORG},
    [POLICY_PRED_HIRES_AT_LEAST] = {ARGS_INT, U_ORG},
    [POLICY_PRED_HIRES_SHARE_AT_LEAST] = {ARGS_PERCENT, U_ORG},
    [POLICY_PRED_STATUS] = {ARGS_STATUS, U_ALL},
    [POLICY_PRED_ANY] = {ARGS_CONDITIONS, U_ALL},
    [POLICY_PRED_NOT] = {ARGS_CONDITION, U_ALL},
    [POLICY_PRED_ALL] = {ARGS_CONDITIONS, U_ALL},
    [POLICY_PRED_TRAINING_BETWEEN] = {ARGS_DATE_PAIR, U_TRAINING},
    [POLICY_PRED_PERSON_STATUS] = {ARGS_STATUS, U_JOB | U_TRAINING},
    [POLICY_PRED_AGENCY_WITHIN] = {ARGS_REGIONS, U_JOB},
    [POLICY_PRED_WORKING_AGE] = {ARGS_INT_TRIPLE, U_HAS_PERSON},
    [POLICY_PRED_WANTS_JOB] = {ARGS_NONE, U_HAS_PERSON},
    [POLICY_PRED_ENROLLED] = {ARGS_SCHOOL_KINDS, U_HAS_PERSON},
    [POLICY_PRED_ENROLLED_FULL_TIME] = {ARGS_SCHOOL_KINDS, U_HAS_PERSON},
    [POLICY_PRED_SCHOOL_WITHIN] = {ARGS_REGIONS, U_HAS_PERSON},
    [POLICY_PRED_UNEMPLOYED_SINCE_BETWEEN] = {ARGS_DATE_PAIR, U_PERSON},
    [POLICY_PRED_INSURED_BEFORE_LOSS] = {ARGS_INT, U_PERSON},
    [POLICY_PRED_RESIDENTS_AT_LEAST] = {ARGS_INT, U_ORG},
    [POLICY_PRED_RESIDENT_OF_STATUS] = {ARGS_STATUS, U_HAS_PERSON},
    [POLICY_PRED_EMPLOYED_AT_PERIOD_END] = {ARGS_NONE, U_JOB},
    [POLICY_PRED_PROVIDER_JOB] = {ARGS_CONDITIONS, U_TRAINING},
};

/* The conditions array being filled (a rule's conditions or hires). */
typedef struct condition_list {
    policy_condition *items;
    int total; /* used entries */
} condition_list;

static int parse_condition(load_context *ctx, int index, policy_unit unit, condition_list *list,
                           int slot, const char *what);

/* Reserves a slot in list; -1 (with a problem) when full. */
static int condition_slot(load_context *ctx, condition_list *list, const char *what)
{
    if (list->total >= POLICY_CONDITIONS_MAX) {
        problem(ctx, NULL, BF_TR("%s 的条件超过 %d 个", "%s has more than %d conditions"), what,
                POLICY_CONDITIONS_MAX);
        return -1;
    }
    memset(&list->items[list->total], 0, sizeof list->items[0]);
    list->items[list->total].status_rule = -1;
    list->items[list->total].parameter = -1;
    return list->total++;
}

/* Parses the argument at list position position (2-based) of the condition at index. */
static int parse_argument(load_context *ctx, int index, int position, load_args args,
                          policy_condition *c, const char *name, int *ok)
{
    lua_State *L = ctx->L;
    char needle[LOAD_NEEDLE_MAX];
    lua_rawgeti(L, index, position);
    int type = lua_type(L, -1);
    const char *text = type == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int arg = c->argc;
    int good = 1;
    switch (args) {
    case ARGS_REGIONS:
        c->ints[arg] = text != NULL ? population_region_parse(text) : 0;
        good = c->ints[arg] != 0;
        break;
    case ARGS_NAMES:
    case ARGS_STATUS:
        good = text != NULL && strlen(text) > 0 && strlen(text) < POLICY_ARG_TEXT_MAX;
        if (good)
            snprintf(c->names[arg], POLICY_ARG_TEXT_MAX, "%s", text);
        break;
    case ARGS_JOB_KINDS:
        c->ints[arg] = population_job_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case ARGS_ORG_KINDS:
        c->ints[arg] = population_org_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case ARGS_TRAINING_KINDS:
        c->ints[arg] = population_training_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case ARGS_LOCATIONS:
        c->ints[arg] = policy_location_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case ARGS_CERTIFICATES:
        if (text != NULL && strcmp(text, "any") == 0)
            c->ints[arg] = 0;
        else
            c->ints[arg] = text != NULL ? population_certificate_parse(text) : -1;
        good = c->ints[arg] >= 0;
        break;
    case ARGS_SCHOOL_KINDS:
        c->ints[arg] = population_school_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case ARGS_INT:
    case ARGS_INT_PAIR:
    case ARGS_INT_TRIPLE:
        good = lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0 && lua_tointeger(L, -1) <= 100000;
        if (good)
            c->ints[arg] = lua_tointeger(L, -1);
        break;
    case ARGS_DATE_PAIR: {
        bf_date date;
        good = text != NULL && date_parse(text, &date) == BF_OK;
        if (good)
            c->ints[arg] = date_to_days(date);
        break;
    }
    case ARGS_FRACTION:
        good = type == LUA_TNUMBER && lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) <= 1;
        if (good)
            c->ints[arg] = (int64_t)floor(lua_tonumber(L, -1) * 1000.0 + 0.5);
        break;
    case ARGS_PERCENT:
        good = type == LUA_TNUMBER && lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) <= 100;
        if (good)
            c->ints[arg] = (int64_t)floor(lua_tonumber(L, -1) * 100.0 + 0.5);
        break;
    default:
        good = 0;
        break;
    }
    if (!good) {
        *ok = 0;
        problem(ctx,
                text != NULL ? quoted_needle(text, needle, sizeof needle)
                             : quoted_needle(name, needle, sizeof needle),
                BF_TR("条件 %s 的第 %d 个参数无效（%s）",
                      "condition %s: argument %d is not valid (%s)"),
                name, position - 1, text != NULL ? text : type_name(L, -1));
    }
    lua_pop(L, 1);
    c->argc++;
    return good;
}

/*
 * Parses the condition table at index into list slot slot.  Nested any/not
 * conditions take further slots.  Returns 1 when it is valid.
 */
static int parse_condition(load_context *ctx, int index, policy_unit unit, condition_list *list,
                           int slot, const char *what)
{
    lua_State *L = ctx->L;
    char needle[LOAD_NEEDLE_MAX];
    index = lua_absindex(L, index);
    int n = 0;
    if (lua_type(L, index) != LUA_TTABLE || !is_list(L, index, &n) || n < 1) {
        problem(ctx, "conditions",
                BF_TR("%s：条件应写成列表 { \"名称\", 参数… }",
                      "%s: a condition is a list { \"name\", arguments... }"),
                what);
        return 0;
    }
    lua_rawgeti(L, index, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
        problem(ctx, NULL,
                BF_TR("%s：条件的第一项应为条件名称", "%s: a condition starts with its name"),
                what);
        lua_pop(L, 1);
        return 0;
    }
    char name[POLICY_ARG_TEXT_MAX];
    snprintf(name, sizeof name, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    int predicate = policy_predicate_parse(name);
    if (predicate < 0) {
        problem(ctx, quoted_needle(name, needle, sizeof needle),
                BF_TR("%s：未知条件“%s”", "%s: unknown condition '%s'"), what, name);
        return 0;
    }
    policy_condition *c = &list->items[slot];
    c->predicate = (policy_predicate)predicate;
    c->line = find_line(ctx, quoted_needle(name, needle, sizeof needle));
    if (!(predicate_spec[predicate].units & (1 << unit))) {
        problem(ctx, needle,
                BF_TR("%s：条件 %s 不适用于 unit = \"%s\"",
                      "%s: condition %s does not apply to unit = \"%s\""),
                what, name, policy_unit_name(unit));
        return 0;
    }
    load_args args = predicate_spec[predicate].args;
    int given = n - 1, ok = 1;
    /*
     * A window parameter for a date pair ({ "unemployed_since_between", { parameter =
     * "epidemic_period" } }), a head-count parameter for a threshold ({ "hires_at_least",
     * { parameter = "…" } }) or a months parameter for a contract term: the name goes to
     * names[0], resolved with the statuses.
     */
    int takes_parameter = args == ARGS_DATE_PAIR || predicate == POLICY_PRED_HIRES_AT_LEAST ||
                          predicate == POLICY_PRED_RESIDENTS_AT_LEAST ||
                          predicate == POLICY_PRED_CONTRACT_MONTHS_AT_LEAST;
    if (takes_parameter && given == 1 && lua_rawgeti(L, index, 2) == LUA_TTABLE) {
        static const char *const parameter_keys[] = {"parameter", NULL};
        int argument = lua_gettop(L);
        check_keys(ctx, argument, parameter_keys, what);
        if (!get_string(ctx, argument, "parameter", 1, c->names[0], sizeof c->names[0], what))
            ok = 0;
        lua_pop(L, 1);
        return ok;
    }
    if (takes_parameter && given == 1)
        lua_pop(L, 1);
    int min = 0, max = 0;
    switch (args) {
    case ARGS_NONE:
        break;
    case ARGS_INT:
    case ARGS_FRACTION:
    case ARGS_PERCENT:
    case ARGS_STATUS:
    case ARGS_CONDITION:
        min = max = 1;
        break;
    case ARGS_INT_PAIR:
    case ARGS_DATE_PAIR:
        min = max = 2;
        break;
    case ARGS_INT_TRIPLE:
        min = max = 3;
        break;
    default:
        min = 1;
        max = POLICY_ARGS_MAX;
        break;
    }
    if (given < min || given > max) {
        problem(ctx, needle,
                BF_TR("%s：条件 %s 需要 %d 到 %d 个参数，给了 %d 个",
                      "%s: condition %s takes %d to %d arguments, not %d"),
                what, name, min, max, given);
        return 0;
    }
    if (args == ARGS_CONDITIONS || args == ARGS_CONDITION) {
        /* provider_job's conditions are on the job with the training's provider. */
        policy_unit child_unit = predicate == POLICY_PRED_PROVIDER_JOB ? POLICY_UNIT_JOB : unit;
        for (int i = 2; i <= n; i++) {
            int child = condition_slot(ctx, list, what);
            if (child < 0)
                return 0;
            c = &list->items[slot]; /* items does not move; keep the pointer explicit */
            c->children[c->child_count++] = child;
            lua_rawgeti(L, index, i);
            if (!parse_condition(ctx, -1, child_unit, list, child, what))
                ok = 0;
            lua_pop(L, 1);
        }
        return ok;
    }
    for (int i = 2; i <= n; i++)
        parse_argument(ctx, index, i, args, c, name, &ok);
    if (ok && args == ARGS_INT_TRIPLE && (c->ints[0] > c->ints[1] || c->ints[0] > c->ints[2])) {
        problem(ctx, needle, BF_TR("%s：条件 %s 的下限大于上限", "%s: condition %s: min above max"),
                what, name);
        ok = 0;
    }
    if (ok && args == ARGS_INT_PAIR && c->ints[0] > c->ints[1]) {
        problem(ctx, needle, BF_TR("%s：条件 %s 的下限大于上限", "%s: condition %s: min above max"),
                what, name);
        ok = 0;
    }
    if (ok && args == ARGS_DATE_PAIR && c->ints[0] > c->ints[1]) {
        problem(ctx, needle,
                BF_TR("%s：条件 %s 的起始日期晚于结束日期",
                      "%s: condition %s: first date after second"),
                what, name);
        ok = 0;
    }
    return ok;
}

/* Parses the list field key (conditions or hires) into items; sets *top and *total. */
static void parse_condition_list(load_context *ctx, int index, const char *key, int required,
                                 policy_unit unit, policy_condition *items, int *top, int *total,
                                 const char *what)
{
    lua_State *L = ctx->L;
    *top = 0;
    *total = 0;
    if (!get_field(ctx, index, key, LUA_TTABLE, required, what))
        return;
    int n = 0;
    if (!is_list(L, -1, &n)) {
        problem(ctx, key, BF_TR("%s 的“%s”应为条件列表", "%s: '%s' should be a list of conditions"),
                what, key);
        lua_pop(L, 1);
        return;
    }
    if (n > POLICY_CONDITIONS_MAX) {
        problem(ctx, key, BF_TR("%s 的条件超过 %d 个", "%s has more than %d conditions"), what,
                POLICY_CONDITIONS_MAX);
        lua_pop(L, 1);
        return;
    }
    /* Top-level conditions take slots 0..n-1, so nested ones come after. */
    condition_list list = {items, n};
    for (int i = 0; i < n; i++) {
        memset(&items[i], 0, sizeof items[i]);
        items[i].status_rule = -1;
        items[i].parameter = -1;
    }
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        parse_condition(ctx, -1, unit, &list, i - 1, what);
        lua_pop(L, 1);
    }
    *top = n;
    *total = list.total;
    lua_pop(L, 1);
}

/* ---- amounts ------------------------------------------------------------ */

/* Parses the value at index (number or table) into value; 1 when valid. */
static int parse_value(load_context *ctx, int index, const char *rate, policy_value *value,
                       const char *what)
{
    lua_State *L = ctx->L;
    index = lua_absindex(L, index);
    char inner[POLICY_NAME_MAX];
    char amount_label[POLICY_NAME_MAX];
    join_label(amount_label, sizeof amount_label, what, "amount");
    join_label(inner, sizeof inner, amount_label, rate);
    memset(value, 0, sizeof *value);
    value->parameter = -1;
    for (int i = 0; i < 4; i++)
        value->tiers[i] = POLICY_FEN_NONE;
    if (lua_type(L, index) == LUA_TNUMBER) {
        value->kind = POLICY_VALUE_FIXED;
        if (!number_to_fen(L, index, &value->fen)) {
            problem(ctx, rate,
                    BF_TR("%s 应为不小于 0、至多两位小数的元金额",
                          "%s should be a yuan amount >= 0 with at most two decimals"),
                    inner);
            return 0;
        }
        return 1;
    }
    if (lua_type(L, index) != LUA_TTABLE) {
        problem(ctx, rate, BF_TR("%s 应为金额或表", "%s should be an amount or a table"), inner);
        return 0;
    }
    int before = ctx->errors;
    if (lua_getfield(L, index, "parameter") != LUA_TNIL) {
        lua_pop(L, 1);
        static const char *const keys[] = {"parameter", "percent", "days_per_month", NULL};
        check_keys(ctx, index, keys, inner);
        value->kind = POLICY_VALUE_PARAMETER;
        get_string(ctx, index, "parameter", 1, value->parameter_name, sizeof value->parameter_name,
                   inner);
        value->percent_hundredths = 10000;
        if (get_field(ctx, index, "percent", LUA_TNUMBER, 0, inner)) {
            double percent = lua_tonumber(L, -1);
            if (!(percent > 0 && percent <= 1000))
                problem(
                    ctx, "percent",
                    BF_TR("%s 的 percent 应在 0 到 1000 之间", "%s: percent should be in 0..1000"),
                    inner);
            else
                value->percent_hundredths = (int64_t)floor(percent * 100.0 + 0.5);
            lua_pop(L, 1);
        }
        if (get_field(ctx, index, "days_per_month", LUA_TNUMBER, 0, inner)) {
            double days = lua_tonumber(L, -1);
            if (!(days >= 1 && days <= 31))
                problem(ctx, "days_per_month",
                        BF_TR("%s 的 days_per_month 应在 1 到 31 之间",
                              "%s: days_per_month should be in 1..31"),
                        inner);
            else
                value->days_per_month_hundredths = (int64_t)floor(days * 100.0 + 0.5);
            lua_pop(L, 1);
        }
        return ctx->errors == before;
    }
    lua_pop(L, 1);
    char by[32] = "";
    if (!get_string(ctx, index, "by", 1, by, sizeof by, inner))
        return 0;
    if (strcmp(by, "hires") == 0) {
        /* { by = "hires", { at_least = 10, value = 3000 }, { at_least = 30, parameter = "…" } } */
        value->kind = POLICY_VALUE_BY_HIRES;
        int n = 0;
        lua_Integer length = (lua_Integer)lua_rawlen(L, index);
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
            lua_pop(L, 1);
            int ok_key =
                (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "by") == 0) ||
                (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 &&
                 lua_tointeger(L, -1) <= length);
            if (!ok_key)
                problem(ctx, "by",
                        BF_TR("%s：按吸纳人数分档只有 by 与各档",
                              "%s: tiers by hires have by and the steps only"),
                        inner);
        }
        if (length < 1 || length > POLICY_STEPS_MAX) {
            problem(ctx, "by", BF_TR("%s：应有 1 到 %d 档", "%s: needs 1 to %d steps"), inner,
                    POLICY_STEPS_MAX);
            return 0;
        }
        static const char *const step_keys[] = {"at_least", "value", "parameter", NULL};
        for (lua_Integer i = 1; i <= length; i++) {
            lua_rawgeti(L, index, i);
            int step = lua_gettop(L);
            if (lua_type(L, step) != LUA_TTABLE) {
                problem(ctx, "at_least",
                        BF_TR("%s：第 %d 档应为 { at_least = N, value = 金额 }",
                              "%s: step %d should be { at_least = N, value = amount }"),
                        inner, (int)i);
                lua_pop(L, 1);
                continue;
            }
            check_keys(ctx, step, step_keys, inner);
            int at_least = 0;
            get_count(ctx, step, "at_least", 1, &at_least, inner);
            if (n > 0 && at_least <= value->step_at_least[n - 1])
                problem(ctx, "at_least",
                        BF_TR("%s：各档的 at_least 应递增", "%s: at_least should increase"), inner);
            value->step_at_least[n] = at_least;
            value->step_fen[n] = POLICY_FEN_NONE;
            value->step_parameter[n] = -1;
            int has_value = lua_getfield(L, step, "value") != LUA_TNIL;
            if (has_value && !number_to_fen(L, -1, &value->step_fen[n]))
                problem(ctx, "value",
                        BF_TR("%s：第 %d 档 value 应为元金额", "%s: step %d value should be yuan"),
                        inner, (int)i);
            lua_pop(L, 1);
            int has_parameter = get_string(ctx, step, "parameter", 0, value->step_parameter_name[n],
                                           POLICY_ID_MAX, inner);
            if (has_value == has_parameter)
                problem(ctx, "at_least",
                        BF_TR("%s：第 %d 档应恰有 value 或 parameter 之一",
                              "%s: step %d needs exactly one of value and parameter"),
                        inner, (int)i);
            n++;
            lua_pop(L, 1);
        }
        value->step_count = n;
        return ctx->errors == before;
    }
    static const char *const location_keys[] = {"by", "same_county", "same_province",
                                                "other_province", NULL};
    static const char *const certificate_keys[] = {"by", "初级", "中级", "高级", NULL};
    const char *const *keys = NULL;
    int count = 0;
    if (strcmp(by, "job_location") == 0) {
        value->kind = POLICY_VALUE_BY_LOCATION;
        keys = location_keys;
        count = POLICY_LOCATION_COUNT;
    } else if (strcmp(by, "certificate") == 0) {
        value->kind = POLICY_VALUE_BY_CERTIFICATE;
        keys = certificate_keys;
        count = CERTIFICATE_COUNT - 1;
    } else {
        problem(ctx, "by",
                BF_TR("%s：未知的分档依据“%s”（job_location 或 certificate）",
                      "%s: unknown tiers by '%s' (job_location or certificate)"),
                inner, by);
        return 0;
    }
    check_keys(ctx, index, keys, inner);
    int tiers = 0;
    for (int i = 0; i < count; i++) {
        lua_getfield(L, index, keys[i + 1]);
        if (lua_type(L, -1) != LUA_TNIL) {
            int64_t fen = 0;
            if (!number_to_fen(L, -1, &fen))
                problem(ctx, keys[i + 1],
                        BF_TR("%s 的 %s 应为元金额", "%s: %s should be a yuan amount"), inner,
                        keys[i + 1]);
            else {
                /* Certificate tiers are indexed by population_certificate (初级 = 1). */
                value->tiers[value->kind == POLICY_VALUE_BY_CERTIFICATE ? i + 1 : i] = fen;
                tiers++;
            }
        }
        lua_pop(L, 1);
    }
    if (tiers == 0)
        problem(ctx, "by", BF_TR("%s 没有任何分档金额", "%s gives no tier amount"), inner);
    return ctx->errors == before;
}

static void parse_amount(load_context *ctx, int index, policy_rule *rule, const char *what)
{
    lua_State *L = ctx->L;
    if (!get_field(ctx, index, "amount", LUA_TTABLE, !rule->is_service, what))
        return;
    int amount = lua_gettop(L);
    char inner[POLICY_NAME_MAX];
    join_label(inner, sizeof inner, what, "amount");
    static const char *const keys[] = {
        "once",       "per_month", "per_day",    "per_year", "per_hour", "per_worked_month",
        "max_months", "max_days",  "up_to_cost", "months",   "per_head", "max_per_year",
        "first_time", "at_most",   NULL};
    check_keys(ctx, amount, keys, inner);
    policy_amount *a = &rule->amount;
    memset(a, 0, sizeof *a);
    a->months_from = -1;
    a->months_to = INT32_MAX;
    a->max_months_parameter = -1;
    /* In policy_rate order. */
    static const char *const rates[] = {"once",     "per_month", "per_day",
                                        "per_year", "per_hour",  "per_worked_month"};
    int rates_given = 0;
    for (int i = 0; i < (int)(sizeof rates / sizeof rates[0]); i++) {
        if (lua_getfield(L, amount, rates[i]) != LUA_TNIL) {
            rates_given++;
            a->rate = (policy_rate)i;
            parse_value(ctx, -1, rates[i], &a->value, what);
        }
        lua_pop(L, 1);
    }
    if (rates_given != 1)
        problem(
            ctx, "amount",
            BF_TR("%s 应恰好有 once、per_month、per_worked_month、per_day、per_year、per_hour 之一",
                  "%s needs exactly one of once, per_month, per_worked_month, per_day, "
                  "per_year, per_hour"),
            inner);
    if (lua_getfield(L, amount, "at_most") != LUA_TNIL) {
        a->has_at_most = 1;
        if (parse_value(ctx, -1, "at_most", &a->at_most, what) &&
            a->at_most.kind != POLICY_VALUE_FIXED && a->at_most.kind != POLICY_VALUE_PARAMETER)
            problem(ctx, "at_most",
                    BF_TR("%s：at_most 应为金额或 { parameter = … }",
                          "%s: at_most is an amount or { parameter = ... }"),
                    inner);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, amount, "max_months") == LUA_TTABLE) {
        /* { parameter = "…" }: a duration the document leaves to other rules (unit months). */
        static const char *const parameter_keys[] = {"parameter", NULL};
        char months[POLICY_NAME_MAX];
        join_label(months, sizeof months, inner, "max_months");
        check_keys(ctx, lua_gettop(L), parameter_keys, months);
        get_string(ctx, lua_gettop(L), "parameter", 1, a->max_months_parameter_name,
                   sizeof a->max_months_parameter_name, months);
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        get_count(ctx, amount, "max_months", 0, &a->max_months, inner);
    }
    get_count(ctx, amount, "max_days", 0, &a->max_days, inner);
    get_count(ctx, amount, "max_per_year", 0, &a->max_per_year, inner);
    get_flag(ctx, amount, "per_head", &a->per_head, inner);
    if (lua_getfield(L, amount, "first_time") == LUA_TSTRING &&
        strcmp(lua_tostring(L, -1), "matching") == 0) {
        a->first_time = POLICY_FIRST_MATCHING;
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        get_flag(ctx, amount, "first_time", &a->first_time, inner);
    }
    char cost[32];
    if (get_string(ctx, amount, "up_to_cost", 0, cost, sizeof cost, inner)) {
        if (strcmp(cost, "travel_cost") == 0 && rule->unit == POLICY_UNIT_JOB)
            a->up_to_cost = POLICY_COST_TRAVEL;
        else if (strcmp(cost, "cost") == 0 && rule->unit == POLICY_UNIT_TRAINING)
            a->up_to_cost = POLICY_COST_TRAINING;
        else
            problem(ctx, "up_to_cost",
                    BF_TR("%s：up_to_cost 只能是 job 的 \"travel_cost\" 或 training 的 \"cost\"",
                          "%s: up_to_cost is \"travel_cost\" (job) or \"cost\" (training)"),
                    inner);
    }
    if (get_field(ctx, amount, "months", LUA_TTABLE, 0, inner)) {
        static const char *const month_keys[] = {"from", "to", NULL};
        char months[POLICY_NAME_MAX];
        join_label(months, sizeof months, inner, "months");
        check_keys(ctx, -1, month_keys, months);
        int top = lua_gettop(L);
        get_month(ctx, top, "from", 1, &a->months_from, months);
        if (!get_month(ctx, top, "to", 0, &a->months_to, months))
            a->months_to = INT32_MAX;
        if (a->months_from > a->months_to)
            problem(ctx, "months", BF_TR("%s：起始月晚于结束月", "%s: from is after to"), months);
        lua_pop(L, 1);
    }
    if (rates_given == 1) {
        if (a->rate == POLICY_RATE_PER_DAY && rule->unit != POLICY_UNIT_TRAINING)
            problem(ctx, "per_day",
                    BF_TR("%s：per_day 只用于 unit = \"training\"（按培训天数）",
                          "%s: per_day needs unit = \"training\" (training days)"),
                    inner);
        if (a->rate == POLICY_RATE_PER_WORKED_MONTH && rule->unit != POLICY_UNIT_JOB)
            problem(ctx, "per_worked_month",
                    BF_TR("%s：per_worked_month 只用于 unit = \"job\"（按实际工作月数）",
                          "%s: per_worked_month needs unit = \"job\" (months worked)"),
                    inner);
        if (a->rate == POLICY_RATE_PER_HOUR && rule->unit != POLICY_UNIT_JOB)
            problem(ctx, "per_hour",
                    BF_TR("%s：per_hour 只用于 unit = \"job\"（按每月工作小时）",
                          "%s: per_hour needs unit = \"job\" (hours a month)"),
                    inner);
        if (a->value.kind == POLICY_VALUE_BY_HIRES && rule->unit != POLICY_UNIT_ORG)
            problem(ctx, "hires",
                    BF_TR("%s：按吸纳人数分档需要 unit = \"org\"",
                          "%s: tiers by hires need unit = \"org\""),
                    inner);
        if (a->per_head && rule->unit != POLICY_UNIT_ORG)
            problem(
                ctx, "per_head",
                BF_TR("%s：per_head 只用于 unit = \"org\"", "%s: per_head needs unit = \"org\""),
                inner);
        if (a->value.kind == POLICY_VALUE_BY_LOCATION && rule->unit != POLICY_UNIT_JOB)
            problem(ctx, "job_location",
                    BF_TR("%s：按就业地分档需要 unit = \"job\"",
                          "%s: tiers by job_location need unit = \"job\""),
                    inner);
        if (a->value.kind == POLICY_VALUE_BY_CERTIFICATE && rule->unit != POLICY_UNIT_TRAINING)
            problem(ctx, "certificate",
                    BF_TR("%s：按证书等级分档需要 unit = \"training\"",
                          "%s: tiers by certificate need unit = \"training\""),
                    inner);
        if (a->first_time && rule->unit == POLICY_UNIT_ORG)
            problem(ctx, "first_time",
                    BF_TR("%s：first_time 不用于 unit = \"org\"",
                          "%s: first_time does not apply to unit = \"org\""),
                    inner);
        if ((a->max_months > 0 || a->max_months_parameter_name[0] != '\0') &&
            a->rate != POLICY_RATE_PER_MONTH && a->rate != POLICY_RATE_PER_HOUR &&
            a->rate != POLICY_RATE_PER_WORKED_MONTH)
            problem(ctx, "max_months",
                    BF_TR("%s：max_months 只用于 per_month、per_worked_month",
                          "%s: max_months goes with per_month, per_worked_month"),
                    inner);
        if (a->max_days > 0 && a->rate != POLICY_RATE_PER_DAY)
            problem(ctx, "max_days",
                    BF_TR("%s：max_days 只用于 per_day", "%s: max_days goes with per_day"), inner);
    }
    rule->has_amount = 1;
    lua_pop(L, 1);
}

/* ---- declarations ------------------------------------------------------- */

/* True when id is [a-z0-9_.]+. */
static int id_is_valid(const char *id)
{
    if (*id == '\0')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return 0;
    return 1;
}

static void convert_document(load_context *ctx, int index)
{
    const char *what = "document";
    policy_set *set = ctx->set;
    if (ctx->document >= 0) {
        problem(ctx, NULL, BF_TR("一个文件只能有一个 document { }", "a file has one document { }"));
        return;
    }
    if (set->document_count >= POLICY_DOCUMENTS_MAX) {
        problem(ctx, NULL, BF_TR("文件数超过 %d", "more than %d documents"), POLICY_DOCUMENTS_MAX);
        return;
    }
    static const char *const keys[] = {"number", "short",  "title", "issuer",
                                       "issued", "region", "valid", NULL};
    check_keys(ctx, index, keys, what);
    policy_document *doc = &set->documents[set->document_count];
    memset(doc, 0, sizeof *doc);
    ctx->document = set->document_count++;
    snprintf(doc->file, sizeof doc->file, "%s", ctx->file);
    /* number = false (or absent): the text received carries no 文号. */
    int number_type = lua_getfield(ctx->L, index, "number");
    lua_pop(ctx->L, 1);
    if (number_type != LUA_TBOOLEAN)
        get_string(ctx, index, "number", 0, doc->number, sizeof doc->number, what);
    else if (lua_getfield(ctx->L, index, "number") == LUA_TBOOLEAN && lua_toboolean(ctx->L, -1)) {
        lua_pop(ctx->L, 1);
        problem(
            ctx, "number",
            BF_TR("document 的 number 应为文号或 false", "document: number is a text or false"));
    } else
        lua_pop(ctx->L, 1);
    get_string(ctx, index, "short", 0, doc->short_name, sizeof doc->short_name, what);
    doc->title = get_text(ctx, index, "title", 1, what);
    doc->issuer = get_text(ctx, index, "issuer", 1, what);
    get_date(ctx, index, "issued", 1, &doc->issued, what);
    get_region(ctx, index, "region", 1, &doc->region, what);
    doc->valid_from = POLICY_DAY_MIN;
    doc->valid_to = POLICY_DAY_MAX;
    get_window(ctx, index, "valid", 1, &doc->valid_from, &doc->valid_to, what);
}

static void convert_parameter(load_context *ctx, int index)
{
    const char *what = "parameter";
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    static const char *const keys[] = {"name", "title", "unit", "values", NULL};
    check_keys(ctx, index, keys, what);
    char name[POLICY_ID_MAX] = "", title[POLICY_NAME_MAX] = "", unit_text[32] = "";
    int ok = get_string(ctx, index, "name", 1, name, sizeof name, what);
    ok &= get_string(ctx, index, "title", 1, title, sizeof title, what);
    ok &= get_string(ctx, index, "unit", 1, unit_text, sizeof unit_text, what);
    int unit = policy_parameter_unit_parse(unit_text);
    if (ok && unit < 0) {
        problem(ctx, "unit", BF_TR("parameter %s：未知单位“%s”", "parameter %s: unknown unit '%s'"),
                name, unit_text);
        ok = 0;
    }
    if (ok && !id_is_valid(name)) {
        problem(ctx, "name",
                BF_TR("parameter 名称“%s”只能用 a-z 0-9 _ .",
                      "parameter name '%s' may use a-z 0-9 _ . only"),
                name);
        ok = 0;
    }
    if (!ok)
        return;
    int found = policy_set_find_parameter(set, name);
    policy_parameter *parameter = NULL;
    if (found >= 0) {
        parameter = &set->parameters[found];
        if ((int)parameter->unit != unit) {
            problem(
                ctx, "unit",
                BF_TR("parameter %s 已以单位 %s 声明", "parameter %s was declared with unit %s"),
                name, policy_parameter_unit_name(parameter->unit));
            return;
        }
    } else {
        if (set->parameter_count >= POLICY_PARAMETERS_MAX) {
            problem(ctx, NULL, BF_TR("参数超过 %d 个", "more than %d parameters"),
                    POLICY_PARAMETERS_MAX);
            return;
        }
        parameter = &set->parameters[set->parameter_count++];
        memset(parameter, 0, sizeof *parameter);
        snprintf(parameter->name, sizeof parameter->name, "%s", name);
        snprintf(parameter->title, sizeof parameter->title, "%s", title);
        parameter->unit = (policy_parameter_unit)unit;
        parameter->line = ctx->first_line;
        parameter->document = ctx->document;
    }
    if (!get_field(ctx, index, "values", LUA_TTABLE, 0, what))
        return;
    int n = 0;
    int values = lua_gettop(L);
    if (!is_list(L, values, &n)) {
        problem(ctx, "values",
                BF_TR("parameter %s 的 values 应为列表", "parameter %s: values should be a list"),
                name);
        lua_pop(L, 1);
        return;
    }
    char inner[POLICY_NAME_MAX];
    snprintf(inner, sizeof inner, "parameter %s.values", name);
    static const char *const value_keys[] = {"region", "from", "to", "value", "source", NULL};
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, values, i);
        int item = lua_gettop(L);
        if (lua_type(L, item) != LUA_TTABLE) {
            problem(ctx, "values", BF_TR("%s[%d] 应为表", "%s[%d] should be a table"), inner, i);
            lua_pop(L, 1);
            continue;
        }
        check_keys(ctx, item, value_keys, inner);
        policy_parameter_value v = {0};
        int good = get_region(ctx, item, "region", 1, &v.region, inner);
        good &= get_date(ctx, item, "from", 1, &v.from, inner);
        int to_given = lua_getfield(L, item, "to") != LUA_TNIL;
        lua_pop(L, 1);
        lua_getfield(L, item, "value");
        if (parameter->unit == POLICY_PARAMETER_WINDOW) {
            /* A window: from .. to (open when to is absent); value = false withdraws it. */
            v.fen = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1) ? POLICY_FEN_NONE : 0;
            if (lua_type(L, -1) != LUA_TNIL && lua_type(L, -1) != LUA_TBOOLEAN) {
                problem(ctx, "value",
                        BF_TR("%s[%d]：窗口参数不取金额（用 from/to）",
                              "%s[%d]: a window parameter takes from/to, not a value"),
                        inner, i);
                good = 0;
            }
            v.to = POLICY_DAY_MAX;
            if (to_given && !get_date(ctx, item, "to", 1, &v.to, inner))
                good = 0;
        } else if (to_given) {
            problem(ctx, "to",
                    BF_TR("%s[%d]：只有窗口参数有 to", "%s[%d]: only window parameters have to"),
                    inner, i);
            good = 0;
        } else if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
            v.fen = POLICY_FEN_NONE;
        else if (!number_to_fen(L, -1, &v.fen)) {
            problem(
                ctx, "value",
                BF_TR("%s[%d].value 应为元金额或 false", "%s[%d].value should be yuan or false"),
                inner, i);
            good = 0;
        }
        lua_pop(L, 1);
        if (lua_getfield(L, item, "source") != LUA_TNIL && lua_type(L, -1) != LUA_TSTRING)
            problem(ctx, "source", BF_TR("%s[%d].source 应为文字", "%s[%d].source should be text"),
                    inner, i);
        lua_pop(L, 1);
        bf_error err;
        if (good && policy_parameter_add_value(parameter, &v, &err) != BF_OK)
            problem(ctx, NULL, "%s", err.message);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void convert_rule(load_context *ctx, int index, int is_status)
{
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    const char *kind = is_status ? "status" : "benefit";
    if (set->rule_count >= POLICY_RULES_MAX) {
        problem(ctx, NULL, BF_TR("规则超过 %d 条", "more than %d rules"), POLICY_RULES_MAX);
        return;
    }
    policy_rule *rule = calloc(1, sizeof *rule);
    if (rule == NULL) {
        problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    /* Owned by the set from here on, so an error thrown below frees it with the set. */
    set->rules[set->rule_count++] = rule;
    rule->is_status = is_status;
    rule->line = ctx->first_line;
    rule->document = ctx->document;
    if (ctx->document < 0)
        problem(ctx, NULL, BF_TR("%s 之前应先有 document { }", "document { } must come before %s"),
                kind);
    char what[POLICY_NAME_MAX];
    snprintf(what, sizeof what, "%s", kind);
    static const char *const benefit_keys[] = {
        "id",     "name",     "clause",  "text",      "target",       "unit",
        "payee",  "kind",     "service", "valid",     "conditions",   "hires",
        "amount", "not_with", "note",    "residents", "not_with_per", NULL};
    static const char *const status_keys[] = {"id",     "name", "clause",    "text",
                                              "target", "unit", "valid",     "conditions",
                                              "hires",  "note", "residents", NULL};
    if (get_string(ctx, index, "id", 1, rule->id, sizeof rule->id, kind)) {
        if (!id_is_valid(rule->id))
            problem(ctx, "id",
                    BF_TR("%s id“%s”只能用 a-z 0-9 _ .", "%s id '%s' may use a-z 0-9 _ . only"),
                    kind, rule->id);
        snprintf(what, sizeof what, "%s %s", kind, rule->id);
        for (int i = 0; i + 1 < set->rule_count; i++)
            if (strcmp(set->rules[i]->id, rule->id) == 0) {
                const policy_rule *other = set->rules[i];
                problem(
                    ctx, "id",
                    BF_TR("%s：id 重复（已在 %s:%d 定义）", "%s: duplicate id (already at %s:%d)"),
                    what, other->document >= 0 ? set->documents[other->document].file : "?",
                    other->line);
                break;
            }
    }
    check_keys(ctx, index, is_status ? status_keys : benefit_keys, what);
    get_string(ctx, index, "name", 1, rule->name, sizeof rule->name, what);
    get_string(ctx, index, "clause", 1, rule->clause, sizeof rule->clause, what);
    rule->text = get_text(ctx, index, "text", 1, what);
    rule->target = get_text(ctx, index, "target", 1, what);
    rule->note = get_text(ctx, index, "note", 0, what);
    char text[32] = "";
    int unit_ok = 0;
    if (get_string(ctx, index, "unit", 1, text, sizeof text, what)) {
        int unit = policy_unit_parse(text);
        if (unit < 0)
            problem(ctx, "unit",
                    BF_TR("%s：未知 unit“%s”（person、job、training、org）",
                          "%s: unknown unit '%s' (person, job, training, org)"),
                    what, text);
        else {
            rule->unit = (policy_unit)unit;
            unit_ok = 1;
        }
    }
    if (!is_status) {
        if (get_string(ctx, index, "payee", 1, text, sizeof text, what)) {
            int payee = policy_payee_parse(text);
            if (payee < 0)
                problem(ctx, "payee",
                        BF_TR("%s：未知 payee“%s”（person、employer、agency、org）",
                              "%s: unknown payee '%s' (person, employer, agency, org)"),
                        what, text);
            else if (unit_ok && ((payee == POLICY_PAYEE_ORG) != (rule->unit == POLICY_UNIT_ORG) ||
                                 (payee == POLICY_PAYEE_AGENCY && rule->unit != POLICY_UNIT_JOB) ||
                                 (payee == POLICY_PAYEE_EMPLOYER && rule->unit != POLICY_UNIT_JOB &&
                                  rule->unit != POLICY_UNIT_TRAINING)))
                problem(ctx, "payee",
                        BF_TR("%s：payee = \"%s\" 与 unit = \"%s\" 不相容",
                              "%s: payee = \"%s\" does not fit unit = \"%s\""),
                        what, text, policy_unit_name(rule->unit));
            else
                rule->payee = (policy_payee)payee;
        }
        if (get_string(ctx, index, "kind", 0, text, sizeof text, what)) {
            if (strcmp(text, "service") == 0)
                rule->is_service = 1;
            else if (strcmp(text, "money") != 0)
                problem(ctx, "kind",
                        BF_TR("%s：kind 应为 \"money\" 或 \"service\"",
                              "%s: kind is \"money\" or \"service\""),
                        what);
        }
        rule->service = get_text(ctx, index, "service", rule->is_service, what);
        if (!rule->is_service && rule->service != NULL)
            problem(ctx, "service",
                    BF_TR("%s：service 只用于 kind = \"service\"",
                          "%s: service goes with kind = \"service\""),
                    what);
    }
    if (ctx->document >= 0) {
        rule->valid_from = set->documents[ctx->document].valid_from;
        rule->valid_to = set->documents[ctx->document].valid_to;
    } else {
        rule->valid_from = POLICY_DAY_MIN;
        rule->valid_to = POLICY_DAY_MAX;
    }
    rule->valid_parameter = -1;
    int valid_type = lua_getfield(L, index, "valid");
    int valid_by_parameter = 0;
    if (valid_type == LUA_TTABLE) {
        valid_by_parameter = lua_getfield(L, -1, "parameter") != LUA_TNIL;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (valid_by_parameter) {
        /* valid = { parameter = "epidemic_period" }: the window is a parameter, by region. */
        lua_getfield(L, index, "valid");
        static const char *const window_keys[] = {"parameter", NULL};
        check_keys(ctx, -1, window_keys, "valid");
        get_string(ctx, lua_gettop(L), "parameter", 1, rule->valid_parameter_name,
                   sizeof rule->valid_parameter_name, what);
        lua_pop(L, 1);
    } else
        get_window(ctx, index, "valid", 0, &rule->valid_from, &rule->valid_to, what);
    if (!unit_ok)
        return;
    parse_condition_list(ctx, index, "conditions", 1, rule->unit, rule->conditions,
                         &rule->condition_count, &rule->condition_total, what);
    int hires_given = lua_getfield(L, index, "hires") != LUA_TNIL;
    lua_pop(L, 1);
    if (hires_given && rule->unit != POLICY_UNIT_ORG)
        problem(ctx, "hires",
                BF_TR("%s：hires 只用于 unit = \"org\"", "%s: hires goes with unit = \"org\""),
                what);
    else if (hires_given)
        parse_condition_list(ctx, index, "hires", 1, POLICY_UNIT_JOB, rule->hires,
                             &rule->hire_count, &rule->hire_total, what);
    int residents_given = lua_getfield(L, index, "residents") != LUA_TNIL;
    lua_pop(L, 1);
    if (residents_given && rule->unit != POLICY_UNIT_ORG)
        problem(
            ctx, "residents",
            BF_TR("%s：residents 只用于 unit = \"org\"", "%s: residents goes with unit = \"org\""),
            what);
    else if (residents_given)
        parse_condition_list(ctx, index, "residents", 1, POLICY_UNIT_PERSON, rule->residents,
                             &rule->resident_count, &rule->resident_total, what);
    if (!is_status) {
        parse_amount(ctx, index, rule, what);
        if (rule->is_service && rule->has_amount && rule->amount.rate != POLICY_RATE_ONCE &&
            rule->amount.rate != POLICY_RATE_PER_MONTH && rule->amount.rate != POLICY_RATE_PER_YEAR)
            problem(ctx, "amount",
                    BF_TR("%s：服务类待遇的金额只能是 once 或 per_month",
                          "%s: a service's amount is once or per_month"),
                    what);
        if (get_field(ctx, index, "not_with", LUA_TTABLE, 0, what)) {
            int n = 0;
            if (!is_list(L, -1, &n) || n > POLICY_NOT_WITH_MAX)
                problem(ctx, "not_with",
                        BF_TR("%s：not_with 应为至多 %d 个 id 的列表",
                              "%s: not_with should be a list of at most %d ids"),
                        what, POLICY_NOT_WITH_MAX);
            else
                for (int i = 1; i <= n; i++) {
                    lua_rawgeti(L, -1, i);
                    if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) >= POLICY_ID_MAX)
                        problem(
                            ctx, "not_with",
                            BF_TR("%s：not_with[%d] 应为 id", "%s: not_with[%d] should be an id"),
                            what, i);
                    else
                        snprintf(rule->not_with[rule->not_with_count++], POLICY_ID_MAX, "%s",
                                 lua_tostring(L, -1));
                    lua_pop(L, 1);
                }
            lua_pop(L, 1);
        }
        char per[16];
        if (get_string(ctx, index, "not_with_per", 0, per, sizeof per, what)) {
            if (strcmp(per, "payee") == 0)
                rule->not_with_per_payee = 1;
            else if (strcmp(per, "person") != 0)
                problem(ctx, "not_with_per",
                        BF_TR("%s：not_with_per 只能是 \"person\" 或 \"payee\"",
                              "%s: not_with_per is \"person\" or \"payee\""),
                        what);
        }
    }
}

/* ---- targets and reports ------------------------------------------------- */

/* True when id is already used by a rule, target or report of the set (other than self). */
static int id_taken(const policy_set *set, const char *id, const void *self)
{
    for (int i = 0; i < set->rule_count; i++)
        if ((const void *)set->rules[i] != self && strcmp(set->rules[i]->id, id) == 0)
            return 1;
    for (int i = 0; i < set->target_count; i++)
        if ((const void *)set->targets[i] != self && strcmp(set->targets[i]->id, id) == 0)
            return 1;
    for (int i = 0; i < set->report_count; i++)
        if ((const void *)set->reports[i] != self && strcmp(set->reports[i]->id, id) == 0)
            return 1;
    return 0;
}

/* Reads an id field, checking its form and uniqueness; 1 when good. */
static int get_declared_id(load_context *ctx, int index, char *out, const void *self,
                           const char *kind)
{
    if (!get_string(ctx, index, "id", 1, out, POLICY_ID_MAX, kind))
        return 0;
    if (!id_is_valid(out)) {
        problem(ctx, "id",
                BF_TR("%s id“%s”只能用 a-z 0-9 _ .", "%s id '%s' may use a-z 0-9 _ . only"), kind,
                out);
        return 0;
    }
    if (id_taken(ctx->set, out, self)) {
        problem(ctx, "id", BF_TR("%s：id“%s”重复", "%s: duplicate id '%s'"), kind, out);
        return 0;
    }
    return 1;
}

/*
 * Reads the list of strings at field key: into owned strings items (at most
 * max) when items is not NULL, and joined with "、" into *joined when joined
 * is not NULL.  Returns the count, or -1 when absent.
 */
static int get_string_list(load_context *ctx, int index, const char *key, char **items, int max,
                           char **joined, const char *what)
{
    lua_State *L = ctx->L;
    if (!get_field(ctx, index, key, LUA_TTABLE, 0, what))
        return -1;
    int n = 0, list = lua_gettop(L);
    char needle[LOAD_NEEDLE_MAX];
    if (!is_list(L, list, &n) || n > max) {
        problem(ctx, key_needle(key, needle, sizeof needle),
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
            problem(ctx, key_needle(key, needle, sizeof needle),
                    BF_TR("%s 的“%s”第 %d 项应为文字", "%s: '%s' item %d should be a text"), what,
                    key, i);
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

static void convert_target(load_context *ctx, int index)
{
    policy_set *set = ctx->set;
    const char *what = "target";
    if (set->target_count >= POLICY_TARGETS_MAX) {
        problem(ctx, NULL, BF_TR("目标超过 %d 个", "more than %d targets"), POLICY_TARGETS_MAX);
        return;
    }
    policy_target *t = calloc(1, sizeof *t);
    if (t == NULL) {
        problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    set->targets[set->target_count++] = t;
    t->document = ctx->document;
    t->line = ctx->first_line;
    t->part_of_target = -1;
    static const char *const keys[] = {"id",      "clause",     "text", "indicator", "comparator",
                                       "value",   "unit",       "year", "period",    "region",
                                       "part_of", "population", "note", NULL};
    check_keys(ctx, index, keys, what);
    get_declared_id(ctx, index, t->id, t, what);
    get_string(ctx, index, "clause", 1, t->clause, sizeof t->clause, what);
    t->text = get_text(ctx, index, "text", 1, what);
    t->indicator = get_text(ctx, index, "indicator", 1, what);
    t->note = get_text(ctx, index, "note", 0, what);
    char comparator[32] = "";
    if (get_string(ctx, index, "comparator", 1, comparator, sizeof comparator, what)) {
        int parsed = policy_comparator_parse(comparator);
        if (parsed < 0)
            problem(ctx, "comparator",
                    BF_TR("target：comparator 应为 at_least、at_most、about 或 equal",
                          "target: comparator is at_least, at_most, about or equal"));
        else
            t->comparator = (policy_comparator)parsed;
    }
    if (get_field(ctx, index, "value", LUA_TNUMBER, 1, what)) {
        t->value = lua_tonumber(ctx->L, -1);
        if (!(t->value >= 0))
            problem(ctx, "value",
                    BF_TR("target：value 应不小于 0", "target: value should be >= 0"));
        lua_pop(ctx->L, 1);
    }
    if (get_string(ctx, index, "unit", 1, t->unit, sizeof t->unit, what) &&
        strcmp(t->unit, "人") != 0 && strcmp(t->unit, "个") != 0 && strcmp(t->unit, "次") != 0 &&
        strcmp(t->unit, "%") != 0)
        problem(ctx, "unit",
                BF_TR("target：unit 应为 人、个、次 或 %%（目标不是金额）",
                      "target: unit is 人, 个, 次 or %% (a target is not an amount)"));
    int has_year = get_count(ctx, index, "year", 0, &t->year, what);
    int has_period = lua_getfield(ctx->L, index, "period") != LUA_TNIL;
    lua_pop(ctx->L, 1);
    if (has_year == has_period)
        problem(ctx, "year",
                BF_TR("target：year 与 period 恰好给一个",
                      "target: give exactly one of year and period"));
    if (has_period) {
        t->year = 0;
        get_window(ctx, index, "period", 1, &t->from, &t->to, what);
    }
    t->region = ctx->document >= 0 ? set->documents[ctx->document].region : 0;
    get_region(ctx, index, "region", 0, &t->region, what);
    get_string(ctx, index, "part_of", 0, t->part_of, sizeof t->part_of, what);
    parse_condition_list(ctx, index, "population", 0, POLICY_UNIT_PERSON, t->population,
                         &t->population_count, &t->population_total, what);
}

/* Renders a due table ({ date = … } | { every = …, month_of_quarter, month, day }) into out. */
static void parse_due(load_context *ctx, int index, char *out, size_t size)
{
    lua_State *L = ctx->L;
    const char *what = "report.due";
    if (!get_field(ctx, index, "due", LUA_TTABLE, 1, "report"))
        return;
    int due = lua_gettop(L);
    static const char *const keys[] = {"date", "every", "month_of_quarter", "month", "day", NULL};
    check_keys(ctx, due, keys, what);
    int32_t day_number = 0;
    char every[16] = "";
    int month_of_quarter = 0, month = 0, day = 0;
    int has_date = get_date(ctx, due, "date", 0, &day_number, what);
    int has_every = get_string(ctx, due, "every", 0, every, sizeof every, what);
    get_count(ctx, due, "month_of_quarter", 0, &month_of_quarter, what);
    get_count(ctx, due, "month", 0, &month, what);
    get_count(ctx, due, "day", 0, &day, what);
    if (has_date == has_every)
        problem(ctx, "due",
                BF_TR("report：due 需要 date 或 every 之一",
                      "report: due needs one of date and every"));
    else if (has_date) {
        date_format(date_from_days(day_number), out);
    } else if (strcmp(every, "quarter") != 0 && strcmp(every, "year") != 0 &&
               strcmp(every, "month") != 0 && strcmp(every, "continuous") != 0) {
        problem(ctx, "every",
                BF_TR("report：every 应为 quarter、year、month 或 continuous",
                      "report: every is quarter, year, month or continuous"));
    } else if (month_of_quarter > 3 || month > 12 || day > 31 ||
               (month_of_quarter > 0 && strcmp(every, "quarter") != 0) ||
               (month > 0 && strcmp(every, "year") != 0)) {
        problem(ctx, "due",
                BF_TR("report：due 的月、日不合理", "report: due has an impossible month or day"));
    } else {
        int used = snprintf(out, size, "%s", every);
        if (month_of_quarter > 0 && used > 0 && (size_t)used < size)
            used += snprintf(out + used, size - (size_t)used, " month %d", month_of_quarter);
        if (month > 0 && used > 0 && (size_t)used < size)
            used += snprintf(out + used, size - (size_t)used, " %02d", month);
        if (day > 0 && used > 0 && (size_t)used < size)
            snprintf(out + used, size - (size_t)used, " day %d", day);
    }
    lua_pop(L, 1);
}

/* Reads columns: texts, or { "header", sub = { "", "sub header" } } for merged headers. */
static void parse_columns(load_context *ctx, int index, policy_report *r)
{
    lua_State *L = ctx->L;
    const char *what = "report.columns";
    if (!get_field(ctx, index, "columns", LUA_TTABLE, 0, "report"))
        return;
    r->has_table = 1;
    int list = lua_gettop(L), n = 0;
    if (!is_list(L, list, &n)) {
        problem(ctx, "columns",
                BF_TR("report：columns 应为列表", "report: columns should be a list"));
        lua_pop(L, 1);
        return;
    }
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        int item = lua_gettop(L);
        if (lua_type(L, item) == LUA_TSTRING && lua_rawlen(L, item) > 0) {
            if (r->column_count < POLICY_COLUMNS_MAX)
                r->columns[r->column_count++] = strdup(lua_tostring(L, item));
            else
                problem(ctx, "columns",
                        BF_TR("report：列超过 %d 个", "report: more than %d columns"),
                        POLICY_COLUMNS_MAX);
        } else if (lua_type(L, item) == LUA_TTABLE) {
            static const char *const keys[] = {"sub", NULL};
            int subs = 0;
            lua_rawgeti(L, item, 1);
            int header_ok = lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) > 0;
            char header[POLICY_NAME_MAX] = "";
            if (header_ok)
                snprintf(header, sizeof header, "%s", lua_tostring(L, -1));
            lua_pop(L, 1);
            /* Only [1] and sub are allowed. */
            lua_pushnil(L);
            while (lua_next(L, item) != 0) {
                lua_pop(L, 1);
                int known =
                    (lua_isinteger(L, -1) && lua_tointeger(L, -1) == 1) ||
                    (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), keys[0]) == 0);
                if (!known)
                    problem(ctx, "sub",
                            BF_TR("%s[%d] 只能有表头与 sub", "%s[%d] has only a header and sub"),
                            what, i);
            }
            if (lua_getfield(L, item, "sub") == LUA_TTABLE && is_list(L, -1, &subs) && subs > 0 &&
                header_ok) {
                for (int k = 1; k <= subs; k++) {
                    lua_rawgeti(L, -1, k);
                    if (lua_type(L, -1) != LUA_TSTRING)
                        problem(ctx, "sub",
                                BF_TR("%s[%d].sub 应为文字", "%s[%d].sub should be texts"), what,
                                i);
                    else if (r->column_count < POLICY_COLUMNS_MAX) {
                        const char *sub_header = lua_tostring(L, -1);
                        char column[2 * POLICY_NAME_MAX];
                        if (sub_header[0] == '\0')
                            snprintf(column, sizeof column, "%s", header);
                        else
                            snprintf(column, sizeof column, "%s / %s", header, sub_header);
                        r->columns[r->column_count++] = strdup(column);
                    }
                    lua_pop(L, 1);
                }
            } else
                problem(ctx, "sub",
                        BF_TR("%s[%d] 应为 { \"表头\", sub = { … } }",
                              "%s[%d] should be { \"header\", sub = { ... } }"),
                        what, i);
            lua_pop(L, 1);
        } else
            problem(
                ctx, "columns",
                BF_TR("%s[%d] 应为文字或合并表头", "%s[%d] should be a text or a merged header"),
                what, i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void convert_report(load_context *ctx, int index)
{
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    const char *what = "report";
    if (set->report_count >= POLICY_REPORTS_MAX) {
        problem(ctx, NULL, BF_TR("报表超过 %d 个", "more than %d reports"), POLICY_REPORTS_MAX);
        return;
    }
    policy_report *r = calloc(1, sizeof *r);
    if (r == NULL) {
        problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    set->reports[set->report_count++] = r;
    r->document = ctx->document;
    r->line = ctx->first_line;
    static const char *const keys[] = {
        "id",     "clause", "annex",  "title",   "text",    "from",       "to",    "due",  "rows",
        "values", "header", "footer", "columns", "compare", "indicators", "alert", "note", NULL};
    check_keys(ctx, index, keys, what);
    get_declared_id(ctx, index, r->id, r, what);
    get_string(ctx, index, "clause", 1, r->clause, sizeof r->clause, what);
    get_string(ctx, index, "annex", 0, r->annex, sizeof r->annex, what);
    r->title = get_text(ctx, index, "title", 1, what);
    r->text = get_text(ctx, index, "text", 1, what);
    r->from = get_text(ctx, index, "from", 0, what);
    r->to = get_text(ctx, index, "to", 0, what);
    r->note = get_text(ctx, index, "note", 0, what);
    parse_due(ctx, index, r->due, sizeof r->due);
    if (get_string(ctx, index, "rows", 0, r->rows, sizeof r->rows, what) &&
        strcmp(r->rows, "region") != 0 && strcmp(r->rows, "project") != 0 &&
        strcmp(r->rows, "person") != 0)
        problem(ctx, "rows",
                BF_TR("report：rows 应为 region、project 或 person",
                      "report: rows is region, project or person"));
    snprintf(r->values, sizeof r->values, "%s", "period");
    if (get_string(ctx, index, "values", 0, r->values, sizeof r->values, what) &&
        strcmp(r->values, "period") != 0 && strcmp(r->values, "year_to_date") != 0)
        problem(ctx, "values",
                BF_TR("report：values 应为 period 或 year_to_date",
                      "report: values is period or year_to_date"));
    int n = get_string_list(ctx, index, "header", r->header, POLICY_REPORT_LINES_MAX, NULL, what);
    r->header_count = n > 0 ? n : 0;
    n = get_string_list(ctx, index, "footer", r->footer, POLICY_REPORT_LINES_MAX, NULL, what);
    r->footer_count = n > 0 ? n : 0;
    parse_columns(ctx, index, r);
    get_string_list(ctx, index, "indicators", NULL, POLICY_COLUMNS_MAX, &r->indicators, what);
    if (get_string(ctx, index, "alert", 0, r->alert, sizeof r->alert, what) &&
        strcmp(r->alert, "decrease") != 0 && strcmp(r->alert, "increase") != 0 &&
        strcmp(r->alert, "change") != 0)
        problem(ctx, "alert",
                BF_TR("report：alert 应为 decrease、increase 或 change",
                      "report: alert is decrease, increase or change"));
    /* compare: a list of texts (同比, 环比) or { population = { conditions }, with = "insured" }.
     */
    if (get_field(ctx, index, "compare", LUA_TTABLE, 0, what)) {
        int compare = lua_gettop(L), count = 0;
        int by_population = lua_getfield(L, compare, "population") != LUA_TNIL;
        lua_pop(L, 1);
        if (by_population) {
            static const char *const compare_keys[] = {"population", "with", NULL};
            check_keys(ctx, compare, compare_keys, "report.compare");
            parse_condition_list(ctx, compare, "population", 1, POLICY_UNIT_PERSON,
                                 r->compare_population, &r->compare_population_count,
                                 &r->compare_population_total, "report.compare");
            char with[32] = "";
            if (get_string(ctx, compare, "with", 1, with, sizeof with, "report.compare")) {
                if (strcmp(with, "insured") != 0)
                    problem(ctx, "with",
                            BF_TR("report.compare：with 目前只能是 insured",
                                  "report.compare: with is insured"));
                char text[64];
                snprintf(text, sizeof text, "with %s", with);
                r->compare = strdup(text);
            }
        } else if (is_list(L, compare, &count)) {
            lua_pop(L, 1);
            get_string_list(ctx, index, "compare", NULL, POLICY_COLUMNS_MAX, &r->compare, what);
            lua_pushnil(L);
        } else
            problem(ctx, "compare",
                    BF_TR("report：compare 应为文字列表或 { population, with }",
                          "report: compare is a list of texts or { population, with }"));
        lua_pop(L, 1);
    }
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
            convert_document(ctx, table);
        else if (strcmp(kind, "parameter") == 0)
            convert_parameter(ctx, table);
        else if (strcmp(kind, "target") == 0)
            convert_target(ctx, table);
        else if (strcmp(kind, "report") == 0)
            convert_report(ctx, table);
        else
            convert_rule(ctx, table, strcmp(kind, "status") == 0);
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

    L = lua_newstate(budget_alloc, &budget);
    if (L == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    /* The allow-list: only the four declaration functions, sharing one list. */
    lua_newtable(L);
    int list = lua_gettop(L);
    static const char *const declarations[] = {"document", "parameter", "status",
                                               "benefit",  "target",    "report"};
    for (int i = 0; i < 6; i++) {
        lua_pushvalue(L, list);
        lua_pushstring(L, declarations[i]);
        lua_pushcclosure(L, declare, 2);
        lua_setglobal(L, declarations[i]);
    }
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, LOAD_HOOK_STEP);
    int status = luaL_loadbufferx(L, text, length, chunk_name, "t");
    if (status == LUA_OK)
        status = lua_pcall(L, 0, 0, 0);
    if (status != LUA_OK) {
        lua_problem(&ctx, lua_tostring(L, -1));
        lua_pop(L, 1);
        goto check;
    }
    lua_sethook(L, NULL, 0, 0);
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

/* Resolves status names in conditions; returns problems found. */
static int resolve_conditions(policy_set *set, const policy_rule *rule, policy_condition *items,
                              int total, policy_diagnostics *diag)
{
    int problems = 0;
    const char *file = rule->document >= 0 ? set->documents[rule->document].file : "?";
    for (int i = 0; i < total; i++) {
        policy_condition *c = &items[i];
        if (policy_condition_by_parameter(c)) {
            int threshold = c->predicate == POLICY_PRED_HIRES_AT_LEAST ||
                            c->predicate == POLICY_PRED_RESIDENTS_AT_LEAST;
            policy_parameter_unit wanted = c->predicate == POLICY_PRED_CONTRACT_MONTHS_AT_LEAST
                                               ? POLICY_PARAMETER_MONTHS
                                           : threshold ? POLICY_PARAMETER_PERSONS
                                                       : POLICY_PARAMETER_WINDOW;
            int found = policy_set_find_parameter(set, c->names[0]);
            if (items != rule->conditions) {
                policy_diagnostic_add(
                    diag, file, c->line,
                    BF_TR("%s：{ parameter = … } 参数只能用在 conditions 中",
                          "%s: a { parameter = ... } argument goes in conditions only"),
                    rule->id);
                problems++;
            } else if (found < 0 || set->parameters[found].unit != wanted) {
                policy_diagnostic_add(
                    diag, file, c->line,
                    BF_TR("%s：条件 %s 的参数“%s”未声明或不是 unit = \"%s\"",
                          "%s: condition %s: parameter '%s' is undeclared or not unit = \"%s\""),
                    rule->id, policy_predicate_name(c->predicate), c->names[0],
                    policy_parameter_unit_name(wanted));
                problems++;
            } else
                c->parameter = found;
            continue;
        }
        if (c->predicate != POLICY_PRED_STATUS && c->predicate != POLICY_PRED_EMPLOYER_STATUS &&
            c->predicate != POLICY_PRED_PERSON_STATUS &&
            c->predicate != POLICY_PRED_RESIDENT_OF_STATUS)
            continue;
        int found = policy_set_find_rule(set, c->names[0]);
        if (found < 0 || !set->rules[found]->is_status) {
            policy_diagnostic_add(diag, file, c->line,
                                  BF_TR("%s：未知状态“%s”", "%s: unknown status '%s'"), rule->id,
                                  c->names[0]);
            problems++;
            continue;
        }
        policy_unit wanted = c->predicate == POLICY_PRED_STATUS          ? rule->unit
                             : c->predicate == POLICY_PRED_PERSON_STATUS ? POLICY_UNIT_PERSON
                                                                         : POLICY_UNIT_ORG;
        /* status inside hires tests the job row; inside residents, the person. */
        if (c->predicate == POLICY_PRED_STATUS && items == rule->hires)
            wanted = POLICY_UNIT_JOB;
        if (c->predicate == POLICY_PRED_STATUS && items == rule->residents)
            wanted = POLICY_UNIT_PERSON;
        if (set->rules[found]->unit != wanted) {
            policy_diagnostic_add(diag, file, c->line,
                                  BF_TR("%s：状态 %s 的 unit 是 %s，这里需要 %s",
                                        "%s: status %s has unit %s, %s needed here"),
                                  rule->id, c->names[0], policy_unit_name(set->rules[found]->unit),
                                  policy_unit_name(wanted));
            problems++;
            continue;
        }
        c->status_rule = found;
    }
    return problems;
}

/* True when some condition of items[0 .. total) tests status rule. */
static int tests_status(const policy_condition *items, int total, int status)
{
    for (int i = 0; i < total; i++)
        if (items[i].status_rule == status)
            return 1;
    return 0;
}

/* True when rule a's conditions, hires or residents test status rule b. */
static int status_depends_on(const policy_rule *a, int b)
{
    return tests_status(a->conditions, a->condition_total, b) ||
           tests_status(a->hires, a->hire_total, b) ||
           tests_status(a->residents, a->resident_total, b);
}

/* Depth-first walk of the status dependencies (white 0, on the path 1, placed 2). */
typedef struct status_walk {
    policy_set *set;
    policy_diagnostics *diag;
    uint8_t mark[POLICY_RULES_MAX];
    int path[POLICY_RULES_MAX]; /* statuses on the current path, outermost first */
    int depth;
    int problems;
} status_walk;

/* Reports the cycle path[from .. depth) closed by rule again. */
static void report_status_cycle(status_walk *w, int from)
{
    const policy_set *set = w->set;
    const policy_rule *first = set->rules[w->path[from]];
    char chain[POLICY_DIAGNOSTIC_MAX] = "";
    size_t used = 0;
    for (int k = from; k <= w->depth && used < sizeof chain; k++) {
        const policy_rule *r = set->rules[k < w->depth ? w->path[k] : w->path[from]];
        int written = snprintf(chain + used, sizeof chain - used, "%s%s (%s)",
                               k > from ? " -> " : "", r->id, r->clause);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    policy_diagnostic_add(
        w->diag, first->document >= 0 ? set->documents[first->document].file : "?", first->line,
        BF_TR("状态之间循环依赖：%s", "statuses depend on each other in a cycle: %s"), chain);
    w->problems++;
}

/* Places status s after every status it tests (post-order). */
static void place_status(status_walk *w, int s)
{
    policy_set *set = w->set;
    w->mark[s] = 1;
    w->path[w->depth++] = s;
    for (int t = 0; t < set->rule_count; t++) {
        if (!set->rules[t]->is_status || !status_depends_on(set->rules[s], t))
            continue;
        if (w->mark[t] == 1) {
            int from = w->depth - 1;
            while (w->path[from] != t)
                from--;
            report_status_cycle(w, from);
        } else if (w->mark[t] == 0)
            place_status(w, t);
    }
    w->depth--;
    w->mark[s] = 2;
    set->status_order[set->status_order_count++] = s;
}

/*
 * Orders the statuses so that each is evaluated after the statuses it tests,
 * load order otherwise; a cycle is a problem naming its statuses and clauses.
 */
static int order_statuses(policy_set *set, policy_diagnostics *diag)
{
    status_walk *w = calloc(1, sizeof *w);
    if (w == NULL) {
        policy_diagnostic_add(diag, "?", 0, "%s", bf_strerror(BF_ENOMEM));
        return 1;
    }
    w->set = set;
    w->diag = diag;
    set->status_order_count = 0;
    for (int s = 0; s < set->rule_count; s++)
        if (set->rules[s]->is_status && w->mark[s] == 0)
            place_status(w, s);
    int problems = w->problems;
    free(w);
    return problems;
}

int policy_set_resolve(policy_set *set, policy_diagnostics *diag)
{
    int problems = 0;
    for (int r = 0; r < set->rule_count; r++) {
        policy_rule *rule = set->rules[r];
        const char *file = rule->document >= 0 ? set->documents[rule->document].file : "?";
        problems += resolve_conditions(set, rule, rule->conditions, rule->condition_total, diag);
        problems += resolve_conditions(set, rule, rule->hires, rule->hire_total, diag);
        problems += resolve_conditions(set, rule, rule->residents, rule->resident_total, diag);
        for (int i = 0; i < rule->not_with_count; i++) {
            int found = policy_set_find_rule(set, rule->not_with[i]);
            if (found < 0 || set->rules[found]->is_status || found == r) {
                policy_diagnostic_add(diag, file, rule->line,
                                      BF_TR("%s：not_with 中的“%s”不是另一项待遇",
                                            "%s: '%s' in not_with is not another benefit"),
                                      rule->id, rule->not_with[i]);
                problems++;
            }
            rule->not_with_rule[i] = found;
        }
        if (rule->valid_parameter_name[0] != '\0') {
            rule->valid_parameter = policy_set_find_parameter(set, rule->valid_parameter_name);
            if (rule->valid_parameter < 0 ||
                set->parameters[rule->valid_parameter].unit != POLICY_PARAMETER_WINDOW) {
                policy_diagnostic_add(
                    diag, file, rule->line,
                    BF_TR("%s：valid 的参数“%s”未声明或不是 unit = \"window\"",
                          "%s: valid parameter '%s' is undeclared or not unit = \"window\""),
                    rule->id, rule->valid_parameter_name);
                problems++;
                rule->valid_parameter = -1;
            }
        }
        int uses_hires = 0;
        for (int i = 0; i < rule->condition_total; i++)
            if (rule->conditions[i].predicate == POLICY_PRED_HIRES_AT_LEAST ||
                rule->conditions[i].predicate == POLICY_PRED_HIRES_SHARE_AT_LEAST)
                uses_hires = 1;
        int uses_residents = 0;
        for (int i = 0; i < rule->condition_total; i++)
            if (rule->conditions[i].predicate == POLICY_PRED_RESIDENTS_AT_LEAST)
                uses_residents = 1;
        if (uses_residents && rule->resident_count == 0) {
            policy_diagnostic_add(diag, file, rule->line,
                                  BF_TR("%s：用到居住人数，但没有 residents 条件",
                                        "%s: counts residents but has no residents conditions"),
                                  rule->id);
            problems++;
        }
        if ((uses_hires || (rule->has_amount && rule->amount.per_head)) && rule->hire_count == 0) {
            policy_diagnostic_add(diag, file, rule->line,
                                  BF_TR("%s：用到吸纳人数，但没有 hires 条件",
                                        "%s: counts hires but has no hires conditions"),
                                  rule->id);
            problems++;
        }
        if (rule->has_amount && rule->amount.has_at_most &&
            rule->amount.at_most.kind == POLICY_VALUE_PARAMETER) {
            policy_value *cap = &rule->amount.at_most;
            cap->parameter = policy_set_find_parameter(set, cap->parameter_name);
            if (cap->parameter < 0) {
                policy_diagnostic_add(diag, file, rule->line,
                                      BF_TR("%s：at_most 用到未声明的参数“%s”",
                                            "%s: at_most uses undeclared parameter '%s'"),
                                      rule->id, cap->parameter_name);
                problems++;
            } else if (rule->amount.value.kind == POLICY_VALUE_PARAMETER &&
                       rule->amount.value.parameter_name[0] != '\0') {
                int rate = policy_set_find_parameter(set, rule->amount.value.parameter_name);
                if (rate >= 0 &&
                    set->parameters[rate].unit != set->parameters[cap->parameter].unit &&
                    cap->days_per_month_hundredths == 0) {
                    policy_diagnostic_add(
                        diag, file, rule->line,
                        BF_TR("%s：at_most 参数 %s 的单位与金额参数不同",
                              "%s: at_most parameter %s has another unit than the rate"),
                        rule->id, cap->parameter_name);
                    problems++;
                }
            }
        }
        if (rule->has_amount && rule->amount.max_months_parameter_name[0] != '\0') {
            int found = policy_set_find_parameter(set, rule->amount.max_months_parameter_name);
            if (found < 0 || set->parameters[found].unit != POLICY_PARAMETER_MONTHS) {
                policy_diagnostic_add(
                    diag, file, rule->line,
                    BF_TR("%s：max_months 的参数“%s”未声明或不是 unit = \"months\"",
                          "%s: max_months parameter '%s' is undeclared or not unit = \"months\""),
                    rule->id, rule->amount.max_months_parameter_name);
                problems++;
            }
            rule->amount.max_months_parameter = found;
        }
        if (rule->has_amount && rule->amount.value.kind == POLICY_VALUE_BY_HIRES) {
            policy_value *v = &rule->amount.value;
            for (int k = 0; k < v->step_count; k++) {
                if (v->step_parameter_name[k][0] == '\0')
                    continue;
                v->step_parameter[k] = policy_set_find_parameter(set, v->step_parameter_name[k]);
                policy_parameter_unit wanted =
                    rule->amount.per_head ? POLICY_PARAMETER_YUAN_PER_HEAD : POLICY_PARAMETER_YUAN;
                if (v->step_parameter[k] < 0 ||
                    (set->parameters[v->step_parameter[k]].unit != wanted &&
                     set->parameters[v->step_parameter[k]].unit != POLICY_PARAMETER_YUAN)) {
                    policy_diagnostic_add(
                        diag, file, rule->line,
                        BF_TR("%s：分档参数“%s”未声明或单位不符",
                              "%s: step parameter '%s' is undeclared or of another unit"),
                        rule->id, v->step_parameter_name[k]);
                    problems++;
                    v->step_parameter[k] = -1;
                }
            }
        }
        if (!rule->has_amount || rule->amount.value.kind != POLICY_VALUE_PARAMETER)
            continue;
        policy_value *value = &rule->amount.value;
        value->parameter = policy_set_find_parameter(set, value->parameter_name);
        if (value->parameter < 0) {
            policy_diagnostic_add(
                diag, file, rule->line,
                BF_TR("%s：未声明的参数“%s”（用 parameter { } 声明）",
                      "%s: undeclared parameter '%s' (declare it with parameter { })"),
                rule->id, value->parameter_name);
            problems++;
            continue;
        }
        policy_parameter_unit unit = set->parameters[value->parameter].unit;
        int fits = 0;
        switch (rule->amount.rate) {
        case POLICY_RATE_ONCE:
            fits = unit == POLICY_PARAMETER_YUAN ||
                   (unit == POLICY_PARAMETER_YUAN_PER_HEAD && rule->amount.per_head);
            break;
        case POLICY_RATE_PER_MONTH:
        case POLICY_RATE_PER_WORKED_MONTH:
            fits = unit == POLICY_PARAMETER_YUAN_PER_MONTH;
            break;
        case POLICY_RATE_PER_YEAR:
            fits = unit == POLICY_PARAMETER_YUAN_PER_YEAR;
            break;
        case POLICY_RATE_PER_HOUR:
            fits = unit == POLICY_PARAMETER_YUAN_PER_HOUR;
            break;
        case POLICY_RATE_PER_DAY:
            fits =
                unit == POLICY_PARAMETER_YUAN_PER_DAY ||
                (unit == POLICY_PARAMETER_YUAN_PER_MONTH && value->days_per_month_hundredths > 0);
            break;
        }
        if (!fits ||
            (value->days_per_month_hundredths > 0 && unit != POLICY_PARAMETER_YUAN_PER_MONTH)) {
            policy_diagnostic_add(
                diag, file, rule->line,
                BF_TR("%s：参数 %s 的单位 %s 与金额规则不符",
                      "%s: parameter %s has unit %s, which does not fit the amount rule"),
                rule->id, value->parameter_name, policy_parameter_unit_name(unit));
            problems++;
        }
    }
    for (int i = 0; i < set->target_count; i++) {
        policy_target *t = set->targets[i];
        if (t->part_of[0] == '\0')
            continue;
        for (int k = 0; k < set->target_count; k++)
            if (k != i && strcmp(set->targets[k]->id, t->part_of) == 0)
                t->part_of_target = k;
        if (t->part_of_target < 0) {
            policy_diagnostic_add(diag, t->document >= 0 ? set->documents[t->document].file : "?",
                                  t->line,
                                  BF_TR("%s：part_of“%s”不是已声明的目标",
                                        "%s: part_of '%s' is not a declared target"),
                                  t->id, t->part_of);
            problems++;
        }
    }
    problems += order_statuses(set, diag);
    return problems > 0 ? BF_EPOLICY : BF_OK;
}

/* True when path is a directory. */
static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int policy_find_dir(const char *option, char *out, size_t size, bf_error *err)
{
    if (option != NULL) {
        if (!is_directory(option))
            return bf_error_set(err, BF_ENOTFOUND,
                                BF_TR("政策目录“%s”不存在", "policy directory '%s' does not exist"),
                                option);
        snprintf(out, size, "%s", option);
        return BF_OK;
    }
    const char *env = getenv("BANGFU_POLICIES");
    if (env != NULL && env[0] != '\0') {
        if (!is_directory(env))
            return bf_error_set(err, BF_ENOTFOUND,
                                BF_TR("BANGFU_POLICIES 指向的目录“%s”不存在",
                                      "BANGFU_POLICIES names a missing directory '%s'"),
                                env);
        snprintf(out, size, "%s", env);
        return BF_OK;
    }
    if (is_directory("policies")) {
        snprintf(out, size, "%s", "policies");
        return BF_OK;
    }
    char exe[POLICY_PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length > 0) {
        exe[length] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        static const char *const relative[] = {"policies", "../policies", "../../policies"};
        for (int i = 0; i < 3; i++) {
            char candidate[POLICY_PATH_MAX * 2];
            snprintf(candidate, sizeof candidate, "%s/%s", exe, relative[i]);
            if (is_directory(candidate)) {
                snprintf(out, size, "%s", candidate);
                return BF_OK;
            }
        }
    }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("找不到政策目录（用 --policies DIR 或 BANGFU_POLICIES 指定）",
                              "no policy directory found (use --policies DIR or BANGFU_POLICIES)"));
}
