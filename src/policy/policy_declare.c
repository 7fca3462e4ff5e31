/*
 * policy_declare.c - the declarations of a policy file into the set:
 * document, parameter, benefit and status, target, report.
 */
#include "policy/policy_load_private.h"

#include "core/date.h"
#include "policy/population.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void load_convert_document(load_context *ctx, int index)
{
    const char *what = "document";
    policy_set *set = ctx->set;
    if (ctx->document >= 0) {
        load_problem(ctx, NULL,
                     BF_TR("一个文件只能有一个 document { }", "a file has one document { }"));
        return;
    }
    if (set->document_count >= POLICY_DOCUMENTS_MAX) {
        load_problem(ctx, NULL, BF_TR("文件数超过 %d", "more than %d documents"),
                     POLICY_DOCUMENTS_MAX);
        return;
    }
    static const char *const keys[] = {"number", "short",  "title", "issuer",
                                       "issued", "region", "valid", NULL};
    load_check_keys(ctx, index, keys, what);
    policy_document *doc = &set->documents[set->document_count];
    memset(doc, 0, sizeof *doc);
    ctx->document = set->document_count++;
    snprintf(doc->file, sizeof doc->file, "%s", ctx->file);
    /* number = false (or absent): the text received carries no 文号. */
    int number_type = lua_getfield(ctx->L, index, "number");
    lua_pop(ctx->L, 1);
    if (number_type != LUA_TBOOLEAN)
        load_get_string(ctx, index, "number", 0, doc->number, sizeof doc->number, what);
    else if (lua_getfield(ctx->L, index, "number") == LUA_TBOOLEAN && lua_toboolean(ctx->L, -1)) {
        lua_pop(ctx->L, 1);
        load_problem(
            ctx, "number",
            BF_TR("document 的 number 应为文号或 false", "document: number is a text or false"));
    } else
        lua_pop(ctx->L, 1);
    load_get_string(ctx, index, "short", 0, doc->short_name, sizeof doc->short_name, what);
    doc->title = load_get_text(ctx, index, "title", 1, what);
    doc->issuer = load_get_text(ctx, index, "issuer", 1, what);
    load_get_date(ctx, index, "issued", 1, &doc->issued, what);
    load_get_region(ctx, index, "region", 1, &doc->region, what);
    doc->valid_from = POLICY_DAY_MIN;
    doc->valid_to = POLICY_DAY_MAX;
    load_get_window(ctx, index, "valid", 1, &doc->valid_from, &doc->valid_to, what);
}

void load_convert_parameter(load_context *ctx, int index)
{
    const char *what = "parameter";
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    static const char *const keys[] = {"name", "title", "unit", "values", NULL};
    load_check_keys(ctx, index, keys, what);
    char name[POLICY_ID_MAX] = "", title[POLICY_NAME_MAX] = "", unit_text[32] = "";
    int ok = load_get_string(ctx, index, "name", 1, name, sizeof name, what);
    ok &= load_get_string(ctx, index, "title", 1, title, sizeof title, what);
    ok &= load_get_string(ctx, index, "unit", 1, unit_text, sizeof unit_text, what);
    int unit = policy_parameter_unit_parse(unit_text);
    if (ok && unit < 0) {
        load_problem(ctx, "unit",
                     BF_TR("parameter %s：未知单位“%s”", "parameter %s: unknown unit '%s'"), name,
                     unit_text);
        ok = 0;
    }
    if (ok && !id_is_valid(name)) {
        load_problem(ctx, "name",
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
            load_problem(
                ctx, "unit",
                BF_TR("parameter %s 已以单位 %s 声明", "parameter %s was declared with unit %s"),
                name, policy_parameter_unit_name(parameter->unit));
            return;
        }
    } else {
        if (set->parameter_count >= POLICY_PARAMETERS_MAX) {
            load_problem(ctx, NULL, BF_TR("参数超过 %d 个", "more than %d parameters"),
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
    if (!load_get_field(ctx, index, "values", LUA_TTABLE, 0, what))
        return;
    int n = 0;
    int values = lua_gettop(L);
    if (!load_is_list(L, values, &n)) {
        load_problem(
            ctx, "values",
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
            load_problem(ctx, "values", BF_TR("%s[%d] 应为表", "%s[%d] should be a table"), inner,
                         i);
            lua_pop(L, 1);
            continue;
        }
        load_check_keys(ctx, item, value_keys, inner);
        policy_parameter_value v = {0};
        int good = load_get_region(ctx, item, "region", 1, &v.region, inner);
        good &= load_get_date(ctx, item, "from", 1, &v.from, inner);
        int to_given = lua_getfield(L, item, "to") != LUA_TNIL;
        lua_pop(L, 1);
        lua_getfield(L, item, "value");
        if (parameter->unit == POLICY_PARAMETER_WINDOW) {
            /* A window: from .. to (open when to is absent); value = false withdraws it. */
            v.fen = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1) ? POLICY_FEN_NONE : 0;
            if (lua_type(L, -1) != LUA_TNIL && lua_type(L, -1) != LUA_TBOOLEAN) {
                load_problem(ctx, "value",
                             BF_TR("%s[%d]：窗口参数不取金额（用 from/to）",
                                   "%s[%d]: a window parameter takes from/to, not a value"),
                             inner, i);
                good = 0;
            }
            v.to = POLICY_DAY_MAX;
            if (to_given && !load_get_date(ctx, item, "to", 1, &v.to, inner))
                good = 0;
        } else if (to_given) {
            load_problem(
                ctx, "to",
                BF_TR("%s[%d]：只有窗口参数有 to", "%s[%d]: only window parameters have to"), inner,
                i);
            good = 0;
        } else if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
            v.fen = POLICY_FEN_NONE;
        else if (!load_number_to_fen(L, -1, &v.fen)) {
            load_problem(
                ctx, "value",
                BF_TR("%s[%d].value 应为元金额或 false", "%s[%d].value should be yuan or false"),
                inner, i);
            good = 0;
        }
        lua_pop(L, 1);
        if (lua_getfield(L, item, "source") != LUA_TNIL && lua_type(L, -1) != LUA_TSTRING)
            load_problem(ctx, "source",
                         BF_TR("%s[%d].source 应为文字", "%s[%d].source should be text"), inner, i);
        lua_pop(L, 1);
        bf_error err;
        if (good && policy_parameter_add_value(parameter, &v, &err) != BF_OK)
            load_problem(ctx, NULL, "%s", err.message);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/*
 * funding = { source = "济宁市援助资金", clause = "四(一)" } and
 * application = { clause = "三(一)" } of a benefit: both optional, each
 * citing the clause that says it (the ledger prints them, bangfu ledger).
 */
static void load_funding_and_application(load_context *ctx, int index, policy_rule *rule,
                                         const char *what)
{
    lua_State *L = ctx->L;
    static const char *const funding_keys[] = {"source", "clause", NULL};
    static const char *const application_keys[] = {"clause", NULL};
    if (load_get_field(ctx, index, "funding", LUA_TTABLE, 0, what)) {
        int top = lua_gettop(L);
        load_check_keys(ctx, top, funding_keys, "funding");
        load_get_string(ctx, top, "source", 1, rule->funding, sizeof rule->funding, what);
        load_get_string(ctx, top, "clause", 1, rule->funding_clause, sizeof rule->funding_clause,
                        what);
        lua_pop(L, 1);
    }
    if (load_get_field(ctx, index, "application", LUA_TTABLE, 0, what)) {
        int top = lua_gettop(L);
        load_check_keys(ctx, top, application_keys, "application");
        rule->needs_application = load_get_string(ctx, top, "clause", 1, rule->application_clause,
                                                  sizeof rule->application_clause, what);
        lua_pop(L, 1);
    }
    if ((rule->funding[0] != '\0' || rule->needs_application) && rule->is_service)
        load_problem(ctx, "funding",
                     BF_TR("%s：funding 与 application 只用于发放金钱的待遇",
                           "%s: funding and application go with benefits paid in money"),
                     what);
}

/*
 * certifies = "workshop" or { "workshop", "base" }: the org kinds a status of unit org is the
 * certification rule of (bangfu org certify; a stored certification decides it in calc).
 */
static void load_certifies(load_context *ctx, int index, policy_rule *rule, const char *what)
{
    lua_State *L = ctx->L;
    int type = lua_getfield(L, index, "certifies");
    int n = 1;
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (rule->unit != POLICY_UNIT_ORG)
        load_problem(
            ctx, "certifies",
            BF_TR("%s：certifies 只用于 unit = \"org\"", "%s: certifies goes with unit = \"org\""),
            what);
    else if (type != LUA_TSTRING && !(type == LUA_TTABLE && load_is_list(L, -1, &n) && n > 0))
        load_problem(ctx, "certifies",
                     BF_TR("%s：certifies 应为单位类型或其列表",
                           "%s: certifies is an org kind or a list of them"),
                     what);
    else
        for (int i = 1; i <= n; i++) {
            if (type == LUA_TTABLE)
                lua_rawgeti(L, -1, i);
            const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
            int kind = population_org_kind_parse(text);
            if (kind < 0)
                load_problem(ctx, "certifies",
                             BF_TR("%s：certifies 的“%s”不是单位类型",
                                   "%s: certifies: '%s' is not an org kind"),
                             what, text);
            else
                rule->certifies |= (uint32_t)1 << kind;
            if (type == LUA_TTABLE)
                lua_pop(L, 1);
        }
    lua_pop(L, 1);
}

void load_convert_rule(load_context *ctx, int index, int is_status)
{
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    const char *kind = is_status ? "status" : "benefit";
    if (set->rule_count >= POLICY_RULES_MAX) {
        load_problem(ctx, NULL, BF_TR("规则超过 %d 条", "more than %d rules"), POLICY_RULES_MAX);
        return;
    }
    policy_rule *rule = malloc(sizeof *rule);
    if (rule != NULL)
        memset(rule, 0, POLICY_RULE_HEAD_SIZE); /* the slots are zeroed as they are taken */
    if (rule == NULL) {
        load_problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    /* Owned by the set from here on, so an error thrown below frees it with the set. */
    set->rules[set->rule_count++] = rule;
    rule->is_status = is_status;
    rule->line = ctx->first_line;
    rule->document = ctx->document;
    if (ctx->document < 0)
        load_problem(ctx, NULL,
                     BF_TR("%s 之前应先有 document { }", "document { } must come before %s"), kind);
    char what[POLICY_NAME_MAX];
    snprintf(what, sizeof what, "%s", kind);
    static const char *const benefit_keys[] = {
        "id",   "name",      "clause",       "text",       "target",      "unit",   "payee",
        "kind", "service",   "valid",        "conditions", "hires",       "amount", "not_with",
        "note", "residents", "not_with_per", "funding",    "application", NULL};
    static const char *const status_keys[] = {
        "id",         "name",  "clause", "text",      "target",    "unit", "valid",
        "conditions", "hires", "note",   "residents", "certifies", NULL};
    if (load_get_string(ctx, index, "id", 1, rule->id, sizeof rule->id, kind)) {
        if (!id_is_valid(rule->id))
            load_problem(
                ctx, "id",
                BF_TR("%s id“%s”只能用 a-z 0-9 _ .", "%s id '%s' may use a-z 0-9 _ . only"), kind,
                rule->id);
        snprintf(what, sizeof what, "%s %s", kind, rule->id);
        for (int i = 0; i + 1 < set->rule_count; i++)
            if (strcmp(set->rules[i]->id, rule->id) == 0) {
                const policy_rule *other = set->rules[i];
                load_problem(
                    ctx, "id",
                    BF_TR("%s：id 重复（已在 %s:%d 定义）", "%s: duplicate id (already at %s:%d)"),
                    what, other->document >= 0 ? set->documents[other->document].file : "?",
                    other->line);
                break;
            }
    }
    load_check_keys(ctx, index, is_status ? status_keys : benefit_keys, what);
    load_get_string(ctx, index, "name", 1, rule->name, sizeof rule->name, what);
    load_get_string(ctx, index, "clause", 1, rule->clause, sizeof rule->clause, what);
    rule->text = load_get_text(ctx, index, "text", 1, what);
    rule->target = load_get_text(ctx, index, "target", 1, what);
    rule->note = load_get_text(ctx, index, "note", 0, what);
    char text[32] = "";
    int unit_ok = 0;
    if (load_get_string(ctx, index, "unit", 1, text, sizeof text, what)) {
        int unit = policy_unit_parse(text);
        if (unit < 0)
            load_problem(ctx, "unit",
                         BF_TR("%s：未知 unit“%s”（person、job、training、org）",
                               "%s: unknown unit '%s' (person, job, training, org)"),
                         what, text);
        else {
            rule->unit = (policy_unit)unit;
            unit_ok = 1;
        }
    }
    if (!is_status) {
        if (load_get_string(ctx, index, "payee", 1, text, sizeof text, what)) {
            int payee = policy_payee_parse(text);
            if (payee < 0)
                load_problem(ctx, "payee",
                             BF_TR("%s：未知 payee“%s”（person、employer、agency、org）",
                                   "%s: unknown payee '%s' (person, employer, agency, org)"),
                             what, text);
            else if (unit_ok && ((payee == POLICY_PAYEE_ORG) != (rule->unit == POLICY_UNIT_ORG) ||
                                 (payee == POLICY_PAYEE_AGENCY && rule->unit != POLICY_UNIT_JOB) ||
                                 (payee == POLICY_PAYEE_EMPLOYER && rule->unit != POLICY_UNIT_JOB &&
                                  rule->unit != POLICY_UNIT_TRAINING)))
                load_problem(ctx, "payee",
                             BF_TR("%s：payee = \"%s\" 与 unit = \"%s\" 不相容",
                                   "%s: payee = \"%s\" does not fit unit = \"%s\""),
                             what, text, policy_unit_name(rule->unit));
            else
                rule->payee = (policy_payee)payee;
        }
        if (load_get_string(ctx, index, "kind", 0, text, sizeof text, what)) {
            if (strcmp(text, "service") == 0)
                rule->is_service = 1;
            else if (strcmp(text, "money") != 0)
                load_problem(ctx, "kind",
                             BF_TR("%s：kind 应为 \"money\" 或 \"service\"",
                                   "%s: kind is \"money\" or \"service\""),
                             what);
        }
        rule->service = load_get_text(ctx, index, "service", rule->is_service, what);
        if (!rule->is_service && rule->service != NULL)
            load_problem(ctx, "service",
                         BF_TR("%s：service 只用于 kind = \"service\"",
                               "%s: service goes with kind = \"service\""),
                         what);
        load_funding_and_application(ctx, index, rule, what);
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
        load_check_keys(ctx, -1, window_keys, "valid");
        load_get_string(ctx, lua_gettop(L), "parameter", 1, rule->valid_parameter_name,
                        sizeof rule->valid_parameter_name, what);
        lua_pop(L, 1);
    } else
        load_get_window(ctx, index, "valid", 0, &rule->valid_from, &rule->valid_to, what);
    if (!unit_ok)
        return;
    load_parse_condition_list(ctx, index, "conditions", 1, rule->unit, rule->conditions,
                              &rule->condition_count, &rule->condition_total, what);
    int hires_given = lua_getfield(L, index, "hires") != LUA_TNIL;
    lua_pop(L, 1);
    if (hires_given && rule->unit != POLICY_UNIT_ORG)
        load_problem(ctx, "hires",
                     BF_TR("%s：hires 只用于 unit = \"org\"", "%s: hires goes with unit = \"org\""),
                     what);
    else if (hires_given)
        load_parse_condition_list(ctx, index, "hires", 1, POLICY_UNIT_JOB, rule->hires,
                                  &rule->hire_count, &rule->hire_total, what);
    int residents_given = lua_getfield(L, index, "residents") != LUA_TNIL;
    lua_pop(L, 1);
    if (residents_given && rule->unit != POLICY_UNIT_ORG)
        load_problem(
            ctx, "residents",
            BF_TR("%s：residents 只用于 unit = \"org\"", "%s: residents goes with unit = \"org\""),
            what);
    else if (residents_given)
        load_parse_condition_list(ctx, index, "residents", 1, POLICY_UNIT_PERSON, rule->residents,
                                  &rule->resident_count, &rule->resident_total, what);
    if (is_status)
        load_certifies(ctx, index, rule, what);
    if (!is_status) {
        load_parse_amount(ctx, index, rule, what);
        if (rule->is_service && rule->has_amount && rule->amount.rate != POLICY_RATE_ONCE &&
            rule->amount.rate != POLICY_RATE_PER_MONTH && rule->amount.rate != POLICY_RATE_PER_YEAR)
            load_problem(ctx, "amount",
                         BF_TR("%s：服务类待遇的金额只能是 once 或 per_month",
                               "%s: a service's amount is once or per_month"),
                         what);
        if (load_get_field(ctx, index, "not_with", LUA_TTABLE, 0, what)) {
            int n = 0;
            if (!load_is_list(L, -1, &n) || n > POLICY_NOT_WITH_MAX)
                load_problem(ctx, "not_with",
                             BF_TR("%s：not_with 应为至多 %d 个 id 的列表",
                                   "%s: not_with should be a list of at most %d ids"),
                             what, POLICY_NOT_WITH_MAX);
            else
                for (int i = 1; i <= n; i++) {
                    lua_rawgeti(L, -1, i);
                    if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) >= POLICY_ID_MAX)
                        load_problem(
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
        if (load_get_string(ctx, index, "not_with_per", 0, per, sizeof per, what)) {
            if (strcmp(per, "payee") == 0)
                rule->not_with_per_payee = 1;
            else if (strcmp(per, "person") != 0)
                load_problem(ctx, "not_with_per",
                             BF_TR("%s：not_with_per 只能是 \"person\" 或 \"payee\"",
                                   "%s: not_with_per is \"person\" or \"payee\""),
                             what);
        }
    }
}

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
    if (!load_get_string(ctx, index, "id", 1, out, POLICY_ID_MAX, kind))
        return 0;
    if (!id_is_valid(out)) {
        load_problem(ctx, "id",
                     BF_TR("%s id“%s”只能用 a-z 0-9 _ .", "%s id '%s' may use a-z 0-9 _ . only"),
                     kind, out);
        return 0;
    }
    if (id_taken(ctx->set, out, self)) {
        load_problem(ctx, "id", BF_TR("%s：id“%s”重复", "%s: duplicate id '%s'"), kind, out);
        return 0;
    }
    return 1;
}

/* measure = { count = a name of POLICY_MEASURE_MAP, within = "370800" }. */
static void parse_measure(load_context *ctx, int index, policy_target *t)
{
    const char *what = "target.measure";
    if (!load_get_field(ctx, index, "measure", LUA_TTABLE, 0, "target"))
        return;
    int measure = lua_gettop(ctx->L);
    static const char *const keys[] = {"count", "within", NULL};
    load_check_keys(ctx, measure, keys, what);
    char count[32] = "";
    if (load_get_string(ctx, measure, "count", 1, count, sizeof count, what)) {
        int parsed = policy_measure_parse(count);
        if (parsed < 0)
            load_problem(
                ctx, "count",
                BF_TR("target.measure：count 应为 employed、working、employed_away、relocated、"
                      "trained、posts 或 parts",
                      "target.measure: count is employed, working, employed_away, relocated, "
                      "trained, posts or parts"));
        else
            t->measure = (policy_measure)parsed;
    }
    load_get_region(ctx, measure, "within", 0, &t->measure_within, what);
    lua_pop(ctx->L, 1);
}

void load_convert_target(load_context *ctx, int index)
{
    policy_set *set = ctx->set;
    const char *what = "target";
    if (set->target_count >= POLICY_TARGETS_MAX) {
        load_problem(ctx, NULL, BF_TR("目标超过 %d 个", "more than %d targets"),
                     POLICY_TARGETS_MAX);
        return;
    }
    policy_target *t = calloc(1, sizeof *t);
    if (t == NULL) {
        load_problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    set->targets[set->target_count++] = t;
    t->document = ctx->document;
    t->line = ctx->first_line;
    t->part_of_target = -1;
    static const char *const keys[] = {"id",      "clause",     "text", "indicator", "comparator",
                                       "value",   "unit",       "year", "period",    "region",
                                       "part_of", "population", "note", "measure",   NULL};
    load_check_keys(ctx, index, keys, what);
    get_declared_id(ctx, index, t->id, t, what);
    load_get_string(ctx, index, "clause", 1, t->clause, sizeof t->clause, what);
    t->text = load_get_text(ctx, index, "text", 1, what);
    t->indicator = load_get_text(ctx, index, "indicator", 1, what);
    t->note = load_get_text(ctx, index, "note", 0, what);
    char comparator[32] = "";
    if (load_get_string(ctx, index, "comparator", 1, comparator, sizeof comparator, what)) {
        int parsed = policy_comparator_parse(comparator);
        if (parsed < 0)
            load_problem(ctx, "comparator",
                         BF_TR("target：comparator 应为 at_least、at_most、about 或 equal",
                               "target: comparator is at_least, at_most, about or equal"));
        else
            t->comparator = (policy_comparator)parsed;
    }
    if (load_get_field(ctx, index, "value", LUA_TNUMBER, 1, what)) {
        t->value = lua_tonumber(ctx->L, -1);
        if (!(t->value >= 0))
            load_problem(ctx, "value",
                         BF_TR("target：value 应不小于 0", "target: value should be >= 0"));
        lua_pop(ctx->L, 1);
    }
    if (load_get_string(ctx, index, "unit", 1, t->unit, sizeof t->unit, what) &&
        strcmp(t->unit, "人") != 0 && strcmp(t->unit, "个") != 0 && strcmp(t->unit, "次") != 0 &&
        strcmp(t->unit, "%") != 0)
        load_problem(ctx, "unit",
                     BF_TR("target：unit 应为 人、个、次 或 %%（目标不是金额）",
                           "target: unit is 人, 个, 次 or %% (a target is not an amount)"));
    int has_year = load_get_count(ctx, index, "year", 0, &t->year, what);
    int has_period = lua_getfield(ctx->L, index, "period") != LUA_TNIL;
    lua_pop(ctx->L, 1);
    if (has_year == has_period)
        load_problem(ctx, "year",
                     BF_TR("target：year 与 period 恰好给一个",
                           "target: give exactly one of year and period"));
    if (has_period) {
        t->year = 0;
        load_get_window(ctx, index, "period", 1, &t->from, &t->to, what);
    }
    t->region = ctx->document >= 0 ? set->documents[ctx->document].region : 0;
    load_get_region(ctx, index, "region", 0, &t->region, what);
    load_get_string(ctx, index, "part_of", 0, t->part_of, sizeof t->part_of, what);
    load_parse_condition_list(ctx, index, "population", 0, POLICY_UNIT_PERSON, t->population,
                              &t->population_count, &t->population_total, what);
    parse_measure(ctx, index, t);
}

/* Renders a due table ({ date = … } | { every = …, month_of_quarter, month, day }) into out. */
static void parse_due(load_context *ctx, int index, char *out, size_t size)
{
    lua_State *L = ctx->L;
    const char *what = "report.due";
    if (!load_get_field(ctx, index, "due", LUA_TTABLE, 1, "report"))
        return;
    int due = lua_gettop(L);
    static const char *const keys[] = {"date", "every", "month_of_quarter", "month", "day", NULL};
    load_check_keys(ctx, due, keys, what);
    int32_t day_number = 0;
    char every[16] = "";
    int month_of_quarter = 0, month = 0, day = 0;
    int has_date = load_get_date(ctx, due, "date", 0, &day_number, what);
    int has_every = load_get_string(ctx, due, "every", 0, every, sizeof every, what);
    load_get_count(ctx, due, "month_of_quarter", 0, &month_of_quarter, what);
    load_get_count(ctx, due, "month", 0, &month, what);
    load_get_count(ctx, due, "day", 0, &day, what);
    if (has_date == has_every)
        load_problem(ctx, "due",
                     BF_TR("report：due 需要 date 或 every 之一",
                           "report: due needs one of date and every"));
    else if (has_date) {
        date_format(date_from_days(day_number), out);
    } else if (strcmp(every, "quarter") != 0 && strcmp(every, "year") != 0 &&
               strcmp(every, "month") != 0 && strcmp(every, "continuous") != 0) {
        load_problem(ctx, "every",
                     BF_TR("report：every 应为 quarter、year、month 或 continuous",
                           "report: every is quarter, year, month or continuous"));
    } else if (month_of_quarter > 3 || month > 12 || day > 31 ||
               (month_of_quarter > 0 && strcmp(every, "quarter") != 0) ||
               (month > 0 && strcmp(every, "year") != 0)) {
        load_problem(
            ctx, "due",
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
    if (!load_get_field(ctx, index, "columns", LUA_TTABLE, 0, "report"))
        return;
    r->has_table = 1;
    int list = lua_gettop(L), n = 0;
    if (!load_is_list(L, list, &n)) {
        load_problem(ctx, "columns",
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
                load_problem(ctx, "columns",
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
                    load_problem(
                        ctx, "sub",
                        BF_TR("%s[%d] 只能有表头与 sub", "%s[%d] has only a header and sub"), what,
                        i);
            }
            if (lua_getfield(L, item, "sub") == LUA_TTABLE && load_is_list(L, -1, &subs) &&
                subs > 0 && header_ok) {
                for (int k = 1; k <= subs; k++) {
                    lua_rawgeti(L, -1, k);
                    if (lua_type(L, -1) != LUA_TSTRING)
                        load_problem(ctx, "sub",
                                     BF_TR("%s[%d].sub 应为文字", "%s[%d].sub should be texts"),
                                     what, i);
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
                load_problem(ctx, "sub",
                             BF_TR("%s[%d] 应为 { \"表头\", sub = { … } }",
                                   "%s[%d] should be { \"header\", sub = { ... } }"),
                             what, i);
            lua_pop(L, 1);
        } else
            load_problem(
                ctx, "columns",
                BF_TR("%s[%d] 应为文字或合并表头", "%s[%d] should be a text or a merged header"),
                what, i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

void load_convert_report(load_context *ctx, int index)
{
    policy_set *set = ctx->set;
    lua_State *L = ctx->L;
    const char *what = "report";
    if (set->report_count >= POLICY_REPORTS_MAX) {
        load_problem(ctx, NULL, BF_TR("报表超过 %d 个", "more than %d reports"),
                     POLICY_REPORTS_MAX);
        return;
    }
    policy_report *r = calloc(1, sizeof *r);
    if (r == NULL) {
        load_problem(ctx, NULL, "%s", bf_strerror(BF_ENOMEM));
        return;
    }
    set->reports[set->report_count++] = r;
    r->document = ctx->document;
    r->line = ctx->first_line;
    static const char *const keys[] = {
        "id",     "clause", "annex",  "title",   "text",    "from",       "to",    "due",  "rows",
        "values", "header", "footer", "columns", "compare", "indicators", "alert", "note", NULL};
    load_check_keys(ctx, index, keys, what);
    get_declared_id(ctx, index, r->id, r, what);
    load_get_string(ctx, index, "clause", 1, r->clause, sizeof r->clause, what);
    load_get_string(ctx, index, "annex", 0, r->annex, sizeof r->annex, what);
    r->title = load_get_text(ctx, index, "title", 1, what);
    r->text = load_get_text(ctx, index, "text", 1, what);
    r->from = load_get_text(ctx, index, "from", 0, what);
    r->to = load_get_text(ctx, index, "to", 0, what);
    r->note = load_get_text(ctx, index, "note", 0, what);
    parse_due(ctx, index, r->due, sizeof r->due);
    if (load_get_string(ctx, index, "rows", 0, r->rows, sizeof r->rows, what) &&
        strcmp(r->rows, "region") != 0 && strcmp(r->rows, "project") != 0 &&
        strcmp(r->rows, "person") != 0)
        load_problem(ctx, "rows",
                     BF_TR("report：rows 应为 region、project 或 person",
                           "report: rows is region, project or person"));
    snprintf(r->values, sizeof r->values, "%s", "period");
    if (load_get_string(ctx, index, "values", 0, r->values, sizeof r->values, what) &&
        strcmp(r->values, "period") != 0 && strcmp(r->values, "year_to_date") != 0)
        load_problem(ctx, "values",
                     BF_TR("report：values 应为 period 或 year_to_date",
                           "report: values is period or year_to_date"));
    int n =
        load_get_string_list(ctx, index, "header", r->header, POLICY_REPORT_LINES_MAX, NULL, what);
    r->header_count = n > 0 ? n : 0;
    n = load_get_string_list(ctx, index, "footer", r->footer, POLICY_REPORT_LINES_MAX, NULL, what);
    r->footer_count = n > 0 ? n : 0;
    parse_columns(ctx, index, r);
    load_get_string_list(ctx, index, "indicators", NULL, POLICY_COLUMNS_MAX, &r->indicators, what);
    if (load_get_string(ctx, index, "alert", 0, r->alert, sizeof r->alert, what) &&
        strcmp(r->alert, "decrease") != 0 && strcmp(r->alert, "increase") != 0 &&
        strcmp(r->alert, "change") != 0)
        load_problem(ctx, "alert",
                     BF_TR("report：alert 应为 decrease、increase 或 change",
                           "report: alert is decrease, increase or change"));
    /* compare: a list of texts (同比, 环比) or { population = { conditions }, with = "insured" }.
     */
    if (load_get_field(ctx, index, "compare", LUA_TTABLE, 0, what)) {
        int compare = lua_gettop(L), count = 0;
        int by_population = lua_getfield(L, compare, "population") != LUA_TNIL;
        lua_pop(L, 1);
        if (by_population) {
            static const char *const compare_keys[] = {"population", "with", NULL};
            load_check_keys(ctx, compare, compare_keys, "report.compare");
            load_parse_condition_list(ctx, compare, "population", 1, POLICY_UNIT_PERSON,
                                      r->compare_population, &r->compare_population_count,
                                      &r->compare_population_total, "report.compare");
            char with[32] = "";
            if (load_get_string(ctx, compare, "with", 1, with, sizeof with, "report.compare")) {
                if (strcmp(with, "insured") != 0)
                    load_problem(ctx, "with",
                                 BF_TR("report.compare：with 目前只能是 insured",
                                       "report.compare: with is insured"));
                char text[64];
                snprintf(text, sizeof text, "with %s", with);
                r->compare = strdup(text);
            }
        } else if (load_is_list(L, compare, &count)) {
            lua_pop(L, 1);
            load_get_string_list(ctx, index, "compare", NULL, POLICY_COLUMNS_MAX, &r->compare,
                                 what);
            lua_pushnil(L);
        } else
            load_problem(ctx, "compare",
                         BF_TR("report：compare 应为文字列表或 { population, with }",
                               "report: compare is a list of texts or { population, with }"));
        lua_pop(L, 1);
    }
}
