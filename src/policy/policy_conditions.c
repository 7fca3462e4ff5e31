/*
 * policy_conditions.c - condition lists of the declarations: the predicate
 * name, the units it applies to, its arguments checked by shape, nested
 * any/not/all/provider_job conditions in further slots.
 */
#include "policy/policy_load_private.h"

#include "core/date.h"
#include "policy/population.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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
        load_problem(ctx, NULL, BF_TR("%s 的条件超过 %d 个", "%s has more than %d conditions"),
                     what, POLICY_CONDITIONS_MAX);
        return -1;
    }
    memset(&list->items[list->total], 0, sizeof list->items[0]);
    list->items[list->total].status_rule = -1;
    list->items[list->total].parameter = -1;
    return list->total++;
}

/* Parses the argument at list position position (2-based) of the condition at index. */
static int parse_argument(load_context *ctx, int index, int position, policy_args args,
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
    case POLICY_ARGS_REGIONS:
        good = schema_region(text, &c->ints[arg]) == BF_OK;
        break;
    case POLICY_ARGS_NAMES:
    case POLICY_ARGS_STATUS:
        good = text != NULL && strlen(text) > 0 && strlen(text) < POLICY_ARG_TEXT_MAX;
        if (good)
            snprintf(c->names[arg], POLICY_ARG_TEXT_MAX, "%s", text);
        break;
    case POLICY_ARGS_JOB_KINDS:
        c->ints[arg] = population_job_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_ORG_KINDS:
        c->ints[arg] = population_org_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_TRAINING_KINDS:
        c->ints[arg] = population_training_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_LOCATIONS:
        c->ints[arg] = policy_location_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_CERTIFICATES:
        if (text != NULL && strcmp(text, "any") == 0)
            c->ints[arg] = 0;
        else
            c->ints[arg] = text != NULL ? population_certificate_parse(text) : -1;
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_SCHOOL_KINDS:
        c->ints[arg] = population_school_kind_parse(text);
        good = c->ints[arg] >= 0;
        break;
    case POLICY_ARGS_INT:
    case POLICY_ARGS_INT_PAIR:
    case POLICY_ARGS_INT_TRIPLE:
        good = lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0 && lua_tointeger(L, -1) <= 100000;
        if (good)
            c->ints[arg] = lua_tointeger(L, -1);
        break;
    case POLICY_ARGS_DATE_PAIR: {
        int32_t day = 0;
        good = schema_day(text, &day) == BF_OK;
        if (good)
            c->ints[arg] = day;
        break;
    }
    case POLICY_ARGS_FRACTION:
        good = type == LUA_TNUMBER && lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) <= 1;
        if (good)
            c->ints[arg] = (int64_t)floor(lua_tonumber(L, -1) * 1000.0 + 0.5);
        break;
    case POLICY_ARGS_PERCENT:
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
        load_problem(ctx,
                     text != NULL ? load_quoted_needle(text, needle, sizeof needle)
                                  : load_quoted_needle(name, needle, sizeof needle),
                     BF_TR("条件 %s 的第 %d 个参数无效（%s）",
                           "condition %s: argument %d is not valid (%s)"),
                     name, position - 1, text != NULL ? text : load_type_name(L, -1));
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
    if (lua_type(L, index) != LUA_TTABLE || !load_is_list(L, index, &n) || n < 1) {
        load_problem(ctx, "conditions",
                     BF_TR("%s：条件应写成列表 { \"名称\", 参数… }",
                           "%s: a condition is a list { \"name\", arguments... }"),
                     what);
        return 0;
    }
    lua_rawgeti(L, index, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
        load_problem(ctx, NULL,
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
        load_problem(ctx, load_quoted_needle(name, needle, sizeof needle),
                     BF_TR("%s：未知条件“%s”", "%s: unknown condition '%s'"), what, name);
        return 0;
    }
    policy_condition *c = &list->items[slot];
    c->predicate = (policy_predicate)predicate;
    c->line = load_find_line(ctx, load_quoted_needle(name, needle, sizeof needle));
    const policy_predicate_spec *spec = policy_predicate_spec_of((policy_predicate)predicate);
    if (!(spec->units & (1 << unit))) {
        load_problem(ctx, needle,
                     BF_TR("%s：条件 %s 不适用于 unit = \"%s\"",
                           "%s: condition %s does not apply to unit = \"%s\""),
                     what, name, policy_unit_name(unit));
        return 0;
    }
    policy_args args = spec->args;
    int given = n - 1, ok = 1;
    /*
     * A window parameter for a date pair ({ "unemployed_since_between", { parameter =
     * "epidemic_period" } }), a head-count parameter for a threshold ({ "hires_at_least",
     * { parameter = "…" } }) or a months parameter for a contract term: the name goes to
     * names[0], resolved with the statuses.
     */
    int takes_parameter = spec->parameter_unit != POLICY_PARAMETER_NONE;
    if (takes_parameter && given == 1 && lua_rawgeti(L, index, 2) == LUA_TTABLE) {
        static const char *const parameter_keys[] = {"parameter", NULL};
        int argument = lua_gettop(L);
        load_check_keys(ctx, argument, parameter_keys, what);
        if (!load_get_string(ctx, argument, "parameter", 1, c->names[0], sizeof c->names[0], what))
            ok = 0;
        lua_pop(L, 1);
        return ok;
    }
    if (takes_parameter && given == 1)
        lua_pop(L, 1);
    int min = 0, max = 0;
    switch (args) {
    case POLICY_ARGS_NONE:
        break;
    case POLICY_ARGS_INT:
    case POLICY_ARGS_FRACTION:
    case POLICY_ARGS_PERCENT:
    case POLICY_ARGS_STATUS:
    case POLICY_ARGS_CONDITION:
        min = max = 1;
        break;
    case POLICY_ARGS_INT_PAIR:
    case POLICY_ARGS_DATE_PAIR:
        min = max = 2;
        break;
    case POLICY_ARGS_INT_TRIPLE:
        min = max = 3;
        break;
    default:
        min = 1;
        max = POLICY_ARGS_MAX;
        break;
    }
    if (given < min || given > max) {
        load_problem(ctx, needle,
                     BF_TR("%s：条件 %s 需要 %d 到 %d 个参数，给了 %d 个",
                           "%s: condition %s takes %d to %d arguments, not %d"),
                     what, name, min, max, given);
        return 0;
    }
    if (args == POLICY_ARGS_CONDITIONS || args == POLICY_ARGS_CONDITION) {
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
    if (ok && args == POLICY_ARGS_INT_TRIPLE &&
        (c->ints[0] > c->ints[1] || c->ints[0] > c->ints[2])) {
        load_problem(ctx, needle,
                     BF_TR("%s：条件 %s 的下限大于上限", "%s: condition %s: min above max"), what,
                     name);
        ok = 0;
    }
    if (ok && args == POLICY_ARGS_INT_PAIR && c->ints[0] > c->ints[1]) {
        load_problem(ctx, needle,
                     BF_TR("%s：条件 %s 的下限大于上限", "%s: condition %s: min above max"), what,
                     name);
        ok = 0;
    }
    if (ok && args == POLICY_ARGS_DATE_PAIR && c->ints[0] > c->ints[1]) {
        load_problem(ctx, needle,
                     BF_TR("%s：条件 %s 的起始日期晚于结束日期",
                           "%s: condition %s: first date after second"),
                     what, name);
        ok = 0;
    }
    return ok;
}

void load_parse_condition_list(load_context *ctx, int index, const char *key, int required,
                               policy_unit unit, policy_condition *items, int *top, int *total,
                               const char *what)
{
    lua_State *L = ctx->L;
    *top = 0;
    *total = 0;
    if (!load_get_field(ctx, index, key, LUA_TTABLE, required, what))
        return;
    int n = 0;
    if (!load_is_list(L, -1, &n)) {
        load_problem(ctx, key,
                     BF_TR("%s 的“%s”应为条件列表", "%s: '%s' should be a list of conditions"),
                     what, key);
        lua_pop(L, 1);
        return;
    }
    if (n > POLICY_CONDITIONS_MAX) {
        load_problem(ctx, key, BF_TR("%s 的条件超过 %d 个", "%s has more than %d conditions"), what,
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
