/*
 * policy_amount.c - the amount rule of a benefit: its rate and value (fixed,
 * by tiers, by parameter, by hires), caps and payment window, checked
 * against the benefit's unit.
 */
#include "policy/policy_load_private.h"

#include "policy/population.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Parses the value at index (number or table) into value; 1 when valid. */
static int parse_value(load_context *ctx, int index, const char *rate, policy_value *value,
                       const char *what)
{
    lua_State *L = ctx->L;
    index = lua_absindex(L, index);
    char inner[POLICY_NAME_MAX];
    char amount_label[POLICY_NAME_MAX];
    schema_path_join(amount_label, sizeof amount_label, what, "amount");
    schema_path_join(inner, sizeof inner, amount_label, rate);
    memset(value, 0, sizeof *value);
    value->parameter = -1;
    for (int i = 0; i < 4; i++)
        value->tiers[i] = POLICY_FEN_NONE;
    if (lua_type(L, index) == LUA_TNUMBER) {
        value->kind = POLICY_VALUE_FIXED;
        if (!load_number_to_fen(L, index, &value->fen)) {
            load_problem(ctx, rate,
                         BF_TR("%s 应为不小于 0、至多两位小数的元金额",
                               "%s should be a yuan amount >= 0 with at most two decimals"),
                         inner);
            return 0;
        }
        return 1;
    }
    if (lua_type(L, index) != LUA_TTABLE) {
        load_problem(ctx, rate, BF_TR("%s 应为金额或表", "%s should be an amount or a table"),
                     inner);
        return 0;
    }
    int before = ctx->errors;
    if (lua_getfield(L, index, "parameter") != LUA_TNIL) {
        lua_pop(L, 1);
        static const char *const keys[] = {"parameter", "percent", "days_per_month", NULL};
        load_check_keys(ctx, index, keys, inner);
        value->kind = POLICY_VALUE_PARAMETER;
        load_get_string(ctx, index, "parameter", 1, value->parameter_name,
                        sizeof value->parameter_name, inner);
        value->percent_hundredths = 10000;
        if (load_get_field(ctx, index, "percent", LUA_TNUMBER, 0, inner)) {
            double percent = lua_tonumber(L, -1);
            if (!(percent > 0 && percent <= 1000))
                load_problem(
                    ctx, "percent",
                    BF_TR("%s 的 percent 应在 0 到 1000 之间", "%s: percent should be in 0..1000"),
                    inner);
            else
                value->percent_hundredths = (int64_t)floor(percent * 100.0 + 0.5);
            lua_pop(L, 1);
        }
        if (load_get_field(ctx, index, "days_per_month", LUA_TNUMBER, 0, inner)) {
            double days = lua_tonumber(L, -1);
            if (!(days >= 1 && days <= 31))
                load_problem(ctx, "days_per_month",
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
    if (!load_get_string(ctx, index, "by", 1, by, sizeof by, inner))
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
                load_problem(ctx, "by",
                             BF_TR("%s：按吸纳人数分档只有 by 与各档",
                                   "%s: tiers by hires have by and the steps only"),
                             inner);
        }
        if (length < 1 || length > POLICY_STEPS_MAX) {
            load_problem(ctx, "by", BF_TR("%s：应有 1 到 %d 档", "%s: needs 1 to %d steps"), inner,
                         POLICY_STEPS_MAX);
            return 0;
        }
        static const char *const step_keys[] = {"at_least", "value", "parameter", NULL};
        for (lua_Integer i = 1; i <= length; i++) {
            lua_rawgeti(L, index, i);
            int step = lua_gettop(L);
            if (lua_type(L, step) != LUA_TTABLE) {
                load_problem(ctx, "at_least",
                             BF_TR("%s：第 %d 档应为 { at_least = N, value = 金额 }",
                                   "%s: step %d should be { at_least = N, value = amount }"),
                             inner, (int)i);
                lua_pop(L, 1);
                continue;
            }
            load_check_keys(ctx, step, step_keys, inner);
            int at_least = 0;
            load_get_count(ctx, step, "at_least", 1, &at_least, inner);
            if (n > 0 && at_least <= value->step_at_least[n - 1])
                load_problem(ctx, "at_least",
                             BF_TR("%s：各档的 at_least 应递增", "%s: at_least should increase"),
                             inner);
            value->step_at_least[n] = at_least;
            value->step_fen[n] = POLICY_FEN_NONE;
            value->step_parameter[n] = -1;
            int has_value = lua_getfield(L, step, "value") != LUA_TNIL;
            if (has_value && !load_number_to_fen(L, -1, &value->step_fen[n]))
                load_problem(
                    ctx, "value",
                    BF_TR("%s：第 %d 档 value 应为元金额", "%s: step %d value should be yuan"),
                    inner, (int)i);
            lua_pop(L, 1);
            int has_parameter = load_get_string(
                ctx, step, "parameter", 0, value->step_parameter_name[n], POLICY_ID_MAX, inner);
            if (has_value == has_parameter)
                load_problem(ctx, "at_least",
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
        load_problem(ctx, "by",
                     BF_TR("%s：未知的分档依据“%s”（job_location 或 certificate）",
                           "%s: unknown tiers by '%s' (job_location or certificate)"),
                     inner, by);
        return 0;
    }
    load_check_keys(ctx, index, keys, inner);
    int tiers = 0;
    for (int i = 0; i < count; i++) {
        lua_getfield(L, index, keys[i + 1]);
        if (lua_type(L, -1) != LUA_TNIL) {
            int64_t fen = 0;
            if (!load_number_to_fen(L, -1, &fen))
                load_problem(ctx, keys[i + 1],
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
        load_problem(ctx, "by", BF_TR("%s 没有任何分档金额", "%s gives no tier amount"), inner);
    return ctx->errors == before;
}

void load_parse_amount(load_context *ctx, int index, policy_rule *rule, const char *what)
{
    lua_State *L = ctx->L;
    if (!load_get_field(ctx, index, "amount", LUA_TTABLE, !rule->is_service, what))
        return;
    int amount = lua_gettop(L);
    char inner[POLICY_NAME_MAX];
    schema_path_join(inner, sizeof inner, what, "amount");
    static const char *const keys[] = {
        "once",       "per_month", "per_day",    "per_year", "per_hour", "per_worked_month",
        "max_months", "max_days",  "up_to_cost", "months",   "per_head", "max_per_year",
        "first_time", "at_most",   NULL};
    load_check_keys(ctx, amount, keys, inner);
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
        load_problem(
            ctx, "amount",
            BF_TR("%s 应恰好有 once、per_month、per_worked_month、per_day、per_year、per_hour 之一",
                  "%s needs exactly one of once, per_month, per_worked_month, per_day, "
                  "per_year, per_hour"),
            inner);
    if (lua_getfield(L, amount, "at_most") != LUA_TNIL) {
        a->has_at_most = 1;
        if (parse_value(ctx, -1, "at_most", &a->at_most, what) &&
            a->at_most.kind != POLICY_VALUE_FIXED && a->at_most.kind != POLICY_VALUE_PARAMETER)
            load_problem(ctx, "at_most",
                         BF_TR("%s：at_most 应为金额或 { parameter = … }",
                               "%s: at_most is an amount or { parameter = ... }"),
                         inner);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, amount, "max_months") == LUA_TTABLE) {
        /* { parameter = "…" }: a duration the document leaves to other rules (unit months). */
        static const char *const parameter_keys[] = {"parameter", NULL};
        char months[POLICY_NAME_MAX];
        schema_path_join(months, sizeof months, inner, "max_months");
        load_check_keys(ctx, lua_gettop(L), parameter_keys, months);
        load_get_string(ctx, lua_gettop(L), "parameter", 1, a->max_months_parameter_name,
                        sizeof a->max_months_parameter_name, months);
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        load_get_count(ctx, amount, "max_months", 0, &a->max_months, inner);
    }
    load_get_count(ctx, amount, "max_days", 0, &a->max_days, inner);
    load_get_count(ctx, amount, "max_per_year", 0, &a->max_per_year, inner);
    load_get_flag(ctx, amount, "per_head", &a->per_head, inner);
    if (lua_getfield(L, amount, "first_time") == LUA_TSTRING &&
        strcmp(lua_tostring(L, -1), "matching") == 0) {
        a->first_time = POLICY_FIRST_MATCHING;
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        load_get_flag(ctx, amount, "first_time", &a->first_time, inner);
    }
    char cost[32];
    if (load_get_string(ctx, amount, "up_to_cost", 0, cost, sizeof cost, inner)) {
        if (strcmp(cost, "travel_cost") == 0 && rule->unit == POLICY_UNIT_JOB)
            a->up_to_cost = POLICY_COST_TRAVEL;
        else if (strcmp(cost, "cost") == 0 && rule->unit == POLICY_UNIT_TRAINING)
            a->up_to_cost = POLICY_COST_TRAINING;
        else
            load_problem(
                ctx, "up_to_cost",
                BF_TR("%s：up_to_cost 只能是 job 的 \"travel_cost\" 或 training 的 \"cost\"",
                      "%s: up_to_cost is \"travel_cost\" (job) or \"cost\" (training)"),
                inner);
    }
    if (load_get_field(ctx, amount, "months", LUA_TTABLE, 0, inner)) {
        static const char *const month_keys[] = {"from", "to", NULL};
        char months[POLICY_NAME_MAX];
        schema_path_join(months, sizeof months, inner, "months");
        load_check_keys(ctx, -1, month_keys, months);
        int top = lua_gettop(L);
        load_get_month(ctx, top, "from", 1, &a->months_from, months);
        if (!load_get_month(ctx, top, "to", 0, &a->months_to, months))
            a->months_to = INT32_MAX;
        if (a->months_from > a->months_to)
            load_problem(ctx, "months", BF_TR("%s：起始月晚于结束月", "%s: from is after to"),
                         months);
        lua_pop(L, 1);
    }
    if (rates_given == 1) {
        if (a->rate == POLICY_RATE_PER_DAY && rule->unit != POLICY_UNIT_TRAINING)
            load_problem(ctx, "per_day",
                         BF_TR("%s：per_day 只用于 unit = \"training\"（按培训天数）",
                               "%s: per_day needs unit = \"training\" (training days)"),
                         inner);
        if (a->rate == POLICY_RATE_PER_WORKED_MONTH && rule->unit != POLICY_UNIT_JOB)
            load_problem(ctx, "per_worked_month",
                         BF_TR("%s：per_worked_month 只用于 unit = \"job\"（按实际工作月数）",
                               "%s: per_worked_month needs unit = \"job\" (months worked)"),
                         inner);
        if (a->rate == POLICY_RATE_PER_HOUR && rule->unit != POLICY_UNIT_JOB)
            load_problem(ctx, "per_hour",
                         BF_TR("%s：per_hour 只用于 unit = \"job\"（按每月工作小时）",
                               "%s: per_hour needs unit = \"job\" (hours a month)"),
                         inner);
        if (a->value.kind == POLICY_VALUE_BY_HIRES && rule->unit != POLICY_UNIT_ORG)
            load_problem(ctx, "hires",
                         BF_TR("%s：按吸纳人数分档需要 unit = \"org\"",
                               "%s: tiers by hires need unit = \"org\""),
                         inner);
        if (a->per_head && rule->unit != POLICY_UNIT_ORG)
            load_problem(
                ctx, "per_head",
                BF_TR("%s：per_head 只用于 unit = \"org\"", "%s: per_head needs unit = \"org\""),
                inner);
        if (a->value.kind == POLICY_VALUE_BY_LOCATION && rule->unit != POLICY_UNIT_JOB)
            load_problem(ctx, "job_location",
                         BF_TR("%s：按就业地分档需要 unit = \"job\"",
                               "%s: tiers by job_location need unit = \"job\""),
                         inner);
        if (a->value.kind == POLICY_VALUE_BY_CERTIFICATE && rule->unit != POLICY_UNIT_TRAINING)
            load_problem(ctx, "certificate",
                         BF_TR("%s：按证书等级分档需要 unit = \"training\"",
                               "%s: tiers by certificate need unit = \"training\""),
                         inner);
        if (a->first_time && rule->unit == POLICY_UNIT_ORG)
            load_problem(ctx, "first_time",
                         BF_TR("%s：first_time 不用于 unit = \"org\"",
                               "%s: first_time does not apply to unit = \"org\""),
                         inner);
        if ((a->max_months > 0 || a->max_months_parameter_name[0] != '\0') &&
            a->rate != POLICY_RATE_PER_MONTH && a->rate != POLICY_RATE_PER_HOUR &&
            a->rate != POLICY_RATE_PER_WORKED_MONTH)
            load_problem(ctx, "max_months",
                         BF_TR("%s：max_months 只用于 per_month、per_worked_month",
                               "%s: max_months goes with per_month, per_worked_month"),
                         inner);
        if (a->max_days > 0 && a->rate != POLICY_RATE_PER_DAY)
            load_problem(ctx, "max_days",
                         BF_TR("%s：max_days 只用于 per_day", "%s: max_days goes with per_day"),
                         inner);
    }
    rule->has_amount = 1;
    lua_pop(L, 1);
}
