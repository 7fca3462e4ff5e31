/* situation_json.c - the records of the calc input JSON into a situation, with JSON-path errors. */
#include "policy/situation_private.h"

#include "core/date.h"
#include "core/idcard.h"
#include "policy/schema.h"
#include "core/money.h"
#include "core/string_map.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most class hours (总课时) of one training course. */
#define SITUATION_COURSE_HOURS_MAX 100000

/* The keys of the top-level object. */
static const char *const top_level_keys[] = {"period", "parameters",  "people",
                                             "orgs",   "description", NULL};

/* Records "path: message" in err and returns BF_EINVAL. */
static int path_error(bf_error *err, const char *path, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static int path_error(bf_error *err, const char *path, const char *format, ...)
{
    char message[BF_ERROR_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return bf_error_set(err, BF_EINVAL, "%s: %s", path, message);
}

/* "base[index]" into out (SITUATION_PATH_MAX bytes, truncated); by hand, for every person. */
static void path_index(char *out, const char *base, size_t index)
{
    char digits[24];
    size_t at = sizeof digits;
    digits[--at] = ']';
    do {
        digits[--at] = (char)('0' + index % 10);
        index /= 10;
    } while (index > 0);
    digits[--at] = '[';
    size_t used = strlen(base), length = sizeof digits - at;
    if (used > SITUATION_PATH_MAX - 1)
        used = SITUATION_PATH_MAX - 1;
    memmove(out, base, used);
    if (length > SITUATION_PATH_MAX - 1 - used)
        length = SITUATION_PATH_MAX - 1 - used;
    memcpy(out + used, digits + at, length);
    out[used + length] = '\0';
}

static const char *json_kind(const json_node *value)
{
    switch (value->type) {
    case JSON_NODE_OBJECT:
        return BF_TR("对象", "an object");
    case JSON_NODE_ARRAY:
        return BF_TR("数组", "an array");
    case JSON_NODE_STRING:
        return BF_TR("字符串", "a string");
    case JSON_NODE_INTEGER:
    case JSON_NODE_REAL:
        return BF_TR("数字", "a number");
    case JSON_NODE_TRUE:
    case JSON_NODE_FALSE:
        return BF_TR("布尔值", "a boolean");
    default:
        return "null";
    }
}

/* Rejects keys of object not in allowed (NULL-terminated). */
static int check_keys(const json_node *object, const char *path, const char *const *allowed,
                      bf_error *err)
{
    for (const json_node *member = object->value.first; member != NULL; member = member->next) {
        const char *key = member->key;
        if (!schema_key_known(allowed, key)) {
            char at[SITUATION_PATH_MAX];
            schema_path_join(at, sizeof at, path, key);
            return path_error(err, at, BF_TR("未知字段", "unknown field"));
        }
    }
    return BF_OK;
}

/*
 * Looks up key in object.  *value is NULL when absent or null (an error when
 * required); else it must have the JSON type wanted (JSON_NODE_INTEGER also
 * accepts reals with no fraction, JSON_NODE_REAL any number, JSON_NODE_TRUE booleans).
 */
static int get(const json_node *object, const char *path, const char *key, json_node_type wanted,
               int required, const json_node **value, bf_error *err)
{
    /* the field's path only for a message: this runs for every field of a million people */
    char at[SITUATION_PATH_MAX];
    const json_node *v = json_node_get(object, key);
    *value = NULL;
    if (v == NULL || v->type == JSON_NODE_NULL) {
        if (!required)
            return BF_OK;
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at, BF_TR("缺少必填字段", "missing required field"));
    }
    int ok = 0;
    switch (wanted) {
    case JSON_NODE_INTEGER:
        ok = v->type == JSON_NODE_INTEGER ||
             (v->type == JSON_NODE_REAL && v->value.real == floor(v->value.real));
        break;
    case JSON_NODE_REAL:
        ok = v->type == JSON_NODE_INTEGER || v->type == JSON_NODE_REAL;
        break;
    case JSON_NODE_TRUE:
        ok = v->type == JSON_NODE_TRUE || v->type == JSON_NODE_FALSE;
        break;
    default:
        ok = v->type == wanted;
        break;
    }
    if (!ok) {
        static const char *const names[] = {"object",  "array",  "string",
                                            "integer", "number", "boolean"};
        static const char *const names_zh[] = {"对象", "数组", "字符串", "整数", "数字", "布尔值"};
        int t = wanted == JSON_NODE_OBJECT    ? 0
                : wanted == JSON_NODE_ARRAY   ? 1
                : wanted == JSON_NODE_STRING  ? 2
                : wanted == JSON_NODE_INTEGER ? 3
                : wanted == JSON_NODE_REAL    ? 4
                                              : 5;
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at, BF_TR("应为%s，实为%s", "should be %s, not %s"),
                          BF_TR(names_zh[t], names[t]), json_kind(v));
    }
    *value = v;
    return BF_OK;
}

static int get_string(const json_node *object, const char *path, const char *key, int required,
                      const char **out, bf_error *err)
{
    const json_node *v;
    int rc = get(object, path, key, JSON_NODE_STRING, required, &v, err);
    *out = v != NULL ? v->value.string : NULL;
    return rc;
}

/* An id: a non-empty string shorter than POPULATION_ID_MAX. */
static int get_id(const json_node *object, const char *path, const char *key, int required,
                  const char **out, bf_error *err)
{
    int rc = get_string(object, path, key, required, out, err);
    if (rc != BF_OK || *out == NULL)
        return rc;
    size_t length = strlen(*out);
    if (length == 0 || length >= POPULATION_ID_MAX) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at,
                          BF_TR("应为 1 到 %d 字节的标识", "should be an id of 1 to %d bytes"),
                          POPULATION_ID_MAX - 1);
    }
    return BF_OK;
}

static int get_date(const json_node *object, const char *path, const char *key, int required,
                    int32_t *out, int *present, bf_error *err)
{
    const char *text = NULL;
    int rc = get_string(object, path, key, required, &text, err);
    *present = 0;
    if (rc != BF_OK || text == NULL)
        return rc;
    if (schema_day(text, out) != BF_OK) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(
            err, at,
            BF_TR("日期无效 \"%s\"（应为 YYYY-MM-DD）", "invalid date \"%s\" (YYYY-MM-DD)"), text);
    }
    *present = 1;
    return BF_OK;
}

static int get_region(const json_node *object, const char *path, const char *key, int required,
                      int64_t *out, bf_error *err)
{
    const char *text = NULL;
    int rc = get_string(object, path, key, required, &text, err);
    *out = 0;
    if (rc != BF_OK || text == NULL)
        return rc;
    if (schema_region(text, out) != BF_OK) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at, BF_TR("区划代码无效 \"%s\"", "invalid region code \"%s\""),
                          text);
    }
    return BF_OK;
}

/* A count 0..max, or *out = fallback when absent. */
static int get_count(const json_node *object, const char *path, const char *key, int32_t max,
                     int32_t fallback, int32_t *out, bf_error *err)
{
    const json_node *v;
    int rc = get(object, path, key, JSON_NODE_INTEGER, 0, &v, err);
    *out = fallback;
    if (rc != BF_OK || v == NULL)
        return rc;
    double n = json_node_number(v);
    if (n < 0 || n > max) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at, BF_TR("应为 0 到 %d 的整数", "should be an integer 0..%d"), max);
    }
    *out = (int32_t)n;
    return BF_OK;
}

/* Hours 0..max with at most one decimal, in tenths; POPULATION_COUNT_UNKNOWN when absent. */
static int get_hours(const json_node *object, const char *path, const char *key, int32_t max,
                     int32_t *tenths, bf_error *err)
{
    const json_node *v;
    int rc = get(object, path, key, JSON_NODE_REAL, 0, &v, err);
    *tenths = POPULATION_COUNT_UNKNOWN;
    if (rc != BF_OK || v == NULL)
        return rc;
    double value = json_node_number(v) * 10.0;
    if (!(value >= 0 && value <= max * 10.0) || fabs(value - floor(value + 0.5)) > 1e-6) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at,
                          BF_TR("应为 0 到 %d、至多一位小数的小时数",
                                "should be hours 0..%d with at most one decimal"),
                          max);
    }
    *tenths = (int32_t)floor(value + 0.5);
    return BF_OK;
}

static int get_flag(const json_node *object, const char *path, const char *key, int *out,
                    bf_error *err)
{
    const json_node *v;
    int rc = get(object, path, key, JSON_NODE_TRUE, 0, &v, err);
    *out = v != NULL && v->type == JSON_NODE_TRUE;
    return rc;
}

/* Yuan (at most two decimals, not negative) as fen; 1 when v is such an amount. */
static int yuan_to_fen(const json_node *v, int64_t *fen)
{
    if (v->type == JSON_NODE_INTEGER)
        return money_from_yuan_integer(v->value.integer, fen) == BF_OK;
    return money_from_yuan_number(json_node_number(v), fen) == BF_OK;
}

static int get_money(const json_node *object, const char *path, const char *key, int64_t *out,
                     bf_error *err)
{
    const json_node *v;
    int rc = get(object, path, key, JSON_NODE_REAL, 0, &v, err);
    *out = POPULATION_FEN_UNKNOWN;
    if (rc != BF_OK || v == NULL)
        return rc;
    if (!yuan_to_fen(v, out)) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(err, at,
                          BF_TR("应为不小于 0、至多两位小数的元金额",
                                "should be yuan, not negative, at most two decimals"));
    }
    return BF_OK;
}

/* The row holding id in table, or -1. */
static int32_t find_id(const situation_context *ctx, situation_id_table table, const char *id)
{
    int64_t row = -1;
    return string_map_find(&ctx->ids[table], id, &row) ? (int32_t)row : -1;
}

/* Indexes row of table, just added, by its id (the population's copy). */
static int index_id(situation_context *ctx, situation_id_table table, char *const *ids, int32_t row)
{
    if (string_map_insert(&ctx->ids[table], ids[row], row, NULL) == BF_ENOMEM)
        return bf_error_set(ctx->err, BF_ENOMEM, NULL);
    return BF_OK;
}

/* An org reference field: *row is POPULATION_NONE when absent. */
static int get_org(const situation_context *ctx, const json_node *object, const char *path,
                   const char *key, int32_t *row)
{
    bf_error *err = ctx->err;
    const char *id = NULL;
    int rc = get_string(object, path, key, 0, &id, err);
    *row = POPULATION_NONE;
    if (rc != BF_OK || id == NULL)
        return rc;
    *row = find_id(ctx, SITUATION_ID_ORGS, id);
    if (*row < 0) {
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, path, key);
        return path_error(
            err, at, BF_TR("未知单位 \"%s\"（应在 orgs 中）", "unknown org \"%s\" (not in orgs)"),
            id);
    }
    return BF_OK;
}

/* Parses one element of a list of a person (a job, training, enrolment) or of an org (a
   certification) found at path. */
typedef int (*person_item_parser)(situation_context *ctx, const json_node *o, const char *path,
                                  int32_t person);

/*
 * Parses each element of the person's list under key (list NULL when absent)
 * with parse, the element at path.key[i]; stops at the first error.
 */
static int parse_person_items(situation_context *ctx, const json_node *list, const char *path,
                              const char *key, int32_t person, person_item_parser parse)
{
    char at[SITUATION_PATH_MAX], item[SITUATION_PATH_MAX];
    schema_path_join(at, sizeof at, path, key);
    size_t i = 0;
    for (const json_node *e = list != NULL ? list->value.first : NULL; e != NULL;
         e = e->next, i++) {
        path_index(item, at, i);
        int rc = parse(ctx, e, item, person);
        if (rc != BF_OK)
            return rc;
    }
    return BF_OK;
}

/*
 * One certification of the org at row org (decisions on carriers): {"as": "workshop", "from":
 * "2020-06-15", "to": "2020-12-30"}, to absent or null while held.
 */
static int parse_certification(situation_context *ctx, const json_node *o, const char *path,
                               int32_t org)
{
    bf_error *err = ctx->err;
    static const char *const keys[] = {"as", "from", "to", NULL};
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    const char *as = NULL;
    int32_t from = 0, to = POPULATION_DAY_OPEN;
    int present = 0;
    int rc = check_keys(o, path, keys, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "as", 1, &as, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "from", 1, &from, &present, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "to", 0, &to, &present, err);
    if (rc != BF_OK)
        return rc;
    if (!present)
        to = POPULATION_DAY_OPEN;
    char at[SITUATION_PATH_MAX];
    int kind = population_org_kind_parse(as);
    if (kind < 0) {
        schema_path_join(at, sizeof at, path, "as");
        return path_error(err, at, BF_TR("未知单位类型 \"%s\"", "unknown org kind \"%s\""), as);
    }
    if (to < from) {
        schema_path_join(at, sizeof at, path, "to");
        return path_error(err, at, BF_TR("早于 from", "is before from"));
    }
    return population_add_certification(ctx->s->pop, org, (population_org_kind)kind, from, to, err);
}

static int parse_org(situation_context *ctx, const json_node *o, const char *path)
{
    bf_error *err = ctx->err;
    population *pop = ctx->s->pop;
    static const char *const keys[] = {"id",   "kind",           "region", "staff", "free_premises",
                                       "name", "certifications", NULL};
    const json_node *certifications = NULL;
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    int rc = check_keys(o, path, keys, err);
    population_org_input in = {0};
    const char *kind = NULL, *name = NULL;
    if (rc == BF_OK)
        rc = get_id(o, path, "id", 1, &in.id, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "kind", 1, &kind, err);
    if (rc == BF_OK)
        rc = get_region(o, path, "region", 0, &in.region, err);
    if (rc == BF_OK)
        rc = get_count(o, path, "staff", 10000000, POPULATION_COUNT_UNKNOWN, &in.staff, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "free_premises", &in.free_premises, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "name", 0, &name, err);
    if (rc == BF_OK)
        rc = get(o, path, "certifications", JSON_NODE_ARRAY, 0, &certifications, err);
    if (rc != BF_OK)
        return rc;
    char at[SITUATION_PATH_MAX];
    int parsed = population_org_kind_parse(kind);
    if (parsed < 0) {
        schema_path_join(at, sizeof at, path, "kind");
        return path_error(err, at, BF_TR("未知单位类型 \"%s\"", "unknown org kind \"%s\""), kind);
    }
    in.kind = (population_org_kind)parsed;
    if (find_id(ctx, SITUATION_ID_ORGS, in.id) >= 0) {
        schema_path_join(at, sizeof at, path, "id");
        return path_error(err, at, BF_TR("单位标识重复 \"%s\"", "duplicate org id \"%s\""), in.id);
    }
    int32_t row = 0;
    rc = population_add_org(pop, &in, &row, err);
    if (rc == BF_OK)
        rc = index_id(ctx, SITUATION_ID_ORGS, pop->orgs.id, row);
    if (rc == BF_OK)
        rc = parse_person_items(ctx, certifications, path, "certifications", row,
                                parse_certification);
    return rc;
}

static int parse_job(situation_context *ctx, const json_node *o, const char *path, int32_t person)
{
    bf_error *err = ctx->err;
    population *pop = ctx->s->pop;
    static const char *const keys[] = {
        "id",        "employer", "region",          "kind",
        "start",     "end",      "contract_months", "social_insurance_months",
        "organized", "agency",   "travel_cost",     "hours_per_month",
        NULL};
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    int rc = check_keys(o, path, keys, err);
    population_job_input in = {0};
    in.person = person;
    const char *kind = NULL;
    int present = 0;
    if (rc == BF_OK)
        rc = get_id(o, path, "id", 1, &in.id, err);
    if (rc == BF_OK)
        rc = get_org(ctx, o, path, "employer", &in.employer);
    if (rc == BF_OK)
        rc = get_org(ctx, o, path, "agency", &in.agency);
    if (rc == BF_OK)
        rc = get_region(o, path, "region", 1, &in.region, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "kind", 1, &kind, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "start", 1, &in.start, &present, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "end", 0, &in.end, &present, err);
    if (rc == BF_OK && !present)
        in.end = POPULATION_DAY_OPEN;
    if (rc == BF_OK)
        rc = get_count(o, path, "contract_months", 1200, POPULATION_COUNT_UNKNOWN,
                       &in.contract_months, err);
    if (rc == BF_OK)
        rc = get_count(o, path, "social_insurance_months", 1200, POPULATION_COUNT_UNKNOWN,
                       &in.insurance_months, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "organized", &in.organized, err);
    if (rc == BF_OK)
        rc = get_money(o, path, "travel_cost", &in.travel_cost, err);
    if (rc == BF_OK)
        rc = get_hours(o, path, "hours_per_month", 744, &in.hours_tenths, err);
    if (rc != BF_OK)
        return rc;
    char at[SITUATION_PATH_MAX];
    int parsed = population_job_kind_parse(kind);
    if (parsed < 0) {
        schema_path_join(at, sizeof at, path, "kind");
        return path_error(err, at, BF_TR("未知工作类型 \"%s\"", "unknown job kind \"%s\""), kind);
    }
    in.kind = (population_job_kind)parsed;
    if (in.end != POPULATION_DAY_OPEN && in.end < in.start) {
        schema_path_join(at, sizeof at, path, "end");
        return path_error(err, at, BF_TR("结束日期早于开始日期", "ends before it starts"));
    }
    if (find_id(ctx, SITUATION_ID_JOBS, in.id) >= 0) {
        schema_path_join(at, sizeof at, path, "id");
        return path_error(err, at, BF_TR("工作标识重复 \"%s\"", "duplicate job id \"%s\""), in.id);
    }
    int32_t row = 0;
    rc = population_add_job(pop, &in, &row, err);
    return rc == BF_OK ? index_id(ctx, SITUATION_ID_JOBS, pop->jobs.id, row) : rc;
}

static int parse_training(situation_context *ctx, const json_node *o, const char *path,
                          int32_t person)
{
    bf_error *err = ctx->err;
    population *pop = ctx->s->pop;
    static const char *const keys[] = {"id",           "provider",    "kind", "region",
                                       "start",        "end",         "days", "total_hours",
                                       "online_hours", "certificate", "cost", NULL};
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    int rc = check_keys(o, path, keys, err);
    population_training_input in = {0};
    in.person = person;
    const char *kind = NULL, *certificate = NULL;
    int present = 0;
    if (rc == BF_OK)
        rc = get_id(o, path, "id", 1, &in.id, err);
    if (rc == BF_OK)
        rc = get_org(ctx, o, path, "provider", &in.provider);
    if (rc == BF_OK)
        rc = get_string(o, path, "kind", 1, &kind, err);
    if (rc == BF_OK)
        rc = get_region(o, path, "region", 0, &in.region, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "start", 1, &in.start, &present, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "end", 1, &in.end, &present, err);
    if (rc == BF_OK)
        rc = get_count(o, path, "days", 36600, -1, &in.days, err);
    if (rc == BF_OK)
        rc = get_hours(o, path, "total_hours", SITUATION_COURSE_HOURS_MAX, &in.total_hours, err);
    if (rc == BF_OK)
        rc = get_hours(o, path, "online_hours", SITUATION_COURSE_HOURS_MAX, &in.online_hours, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "certificate", 0, &certificate, err);
    if (rc == BF_OK)
        rc = get_money(o, path, "cost", &in.cost, err);
    if (rc != BF_OK)
        return rc;
    char at[SITUATION_PATH_MAX];
    int parsed = population_training_kind_parse(kind);
    if (parsed < 0) {
        schema_path_join(at, sizeof at, path, "kind");
        return path_error(err, at, BF_TR("未知培训类型 \"%s\"", "unknown training kind \"%s\""),
                          kind);
    }
    in.kind = (population_training_kind)parsed;
    int level = population_certificate_parse(certificate);
    if (level < 0) {
        schema_path_join(at, sizeof at, path, "certificate");
        return path_error(err, at,
                          BF_TR("未知证书等级 \"%s\"（初级、中级、高级）",
                                "unknown certificate level \"%s\" (初级, 中级, 高级)"),
                          certificate);
    }
    in.certificate = (population_certificate)level;
    if (in.end < in.start) {
        schema_path_join(at, sizeof at, path, "end");
        return path_error(err, at, BF_TR("结束日期早于开始日期", "ends before it starts"));
    }
    if (in.days < 0)
        in.days = in.end - in.start + 1;
    else if (in.days > in.end - in.start + 1) {
        schema_path_join(at, sizeof at, path, "days");
        return path_error(err, at,
                          BF_TR("培训天数多于起止日期之间的天数",
                                "more training days than days between start and end"));
    }
    if (in.online_hours != POPULATION_COUNT_UNKNOWN && in.total_hours != POPULATION_COUNT_UNKNOWN &&
        in.online_hours > in.total_hours) {
        schema_path_join(at, sizeof at, path, "online_hours");
        return path_error(err, at,
                          BF_TR("线上课时多于总课时（total_hours）",
                                "more online hours than the course's total_hours"));
    }
    if (find_id(ctx, SITUATION_ID_TRAININGS, in.id) >= 0) {
        schema_path_join(at, sizeof at, path, "id");
        return path_error(err, at, BF_TR("培训标识重复 \"%s\"", "duplicate training id \"%s\""),
                          in.id);
    }
    int32_t row = 0;
    rc = population_add_training(pop, &in, &row, err);
    return rc == BF_OK ? index_id(ctx, SITUATION_ID_TRAININGS, pop->trainings.id, row) : rc;
}

static int parse_enrolment(situation_context *ctx, const json_node *o, const char *path,
                           int32_t person)
{
    bf_error *err = ctx->err;
    population *pop = ctx->s->pop;
    static const char *const keys[] = {"id", "kind", "full_time", "region", "start", "end", NULL};
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    int rc = check_keys(o, path, keys, err);
    population_enrolment_input in = {0};
    in.person = person;
    const char *kind = NULL;
    int present = 0;
    if (rc == BF_OK)
        rc = get_id(o, path, "id", 1, &in.id, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "kind", 1, &kind, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "full_time", &in.full_time, err);
    if (rc == BF_OK)
        rc = get_region(o, path, "region", 0, &in.region, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "start", 1, &in.start, &present, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "end", 0, &in.end, &present, err);
    if (rc != BF_OK)
        return rc;
    if (!present)
        in.end = POPULATION_DAY_OPEN;
    char at[SITUATION_PATH_MAX];
    int parsed = population_school_kind_parse(kind);
    if (parsed < 0) {
        schema_path_join(at, sizeof at, path, "kind");
        return path_error(
            err, at,
            BF_TR(
                "未知学校类型 \"%s\"（technical_school、secondary_vocational、higher_vocational）",
                "unknown school kind \"%s\" (technical_school, secondary_vocational, "
                "higher_vocational)"),
            kind);
    }
    in.kind = (population_school_kind)parsed;
    if (in.end != POPULATION_DAY_OPEN && in.end < in.start) {
        schema_path_join(at, sizeof at, path, "end");
        return path_error(err, at, BF_TR("结束日期早于开始日期", "ends before it starts"));
    }
    return population_add_enrolment(pop, &in, NULL, err);
}

static int parse_person(situation_context *ctx, const json_node *o, const char *path)
{
    bf_error *err = ctx->err;
    population *pop = ctx->s->pop;
    static const char *const keys[] = {"id",         "id_number", "birth_date", "hukou_region",
                                       "categories", "three_no",  "insured",    "jobs",
                                       "trainings",  "name",      "sex",        "wants_job",
                                       "enrolments", "residence", NULL};
    if (o->type != JSON_NODE_OBJECT)
        return path_error(err, path, BF_TR("应为对象", "should be an object"));
    int rc = check_keys(o, path, keys, err);
    population_person_input in = {0};
    int present = 0;
    const char *name = NULL;
    const json_node *categories = NULL, *jobs = NULL, *trainings = NULL, *enrolments = NULL;
    const char *sex = NULL;
    if (rc == BF_OK)
        rc = get_id(o, path, "id", 1, &in.id, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "id_number", 0, &in.id_number, err);
    if (rc == BF_OK)
        rc = get_date(o, path, "birth_date", 0, &in.birth_day, &present, err);
    if (rc == BF_OK && !present)
        in.birth_day = POPULATION_DAY_UNKNOWN;
    if (rc == BF_OK)
        rc = get_region(o, path, "hukou_region", 1, &in.hukou, err);
    if (rc == BF_OK)
        rc = get(o, path, "categories", JSON_NODE_ARRAY, 0, &categories, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "three_no", &in.three_no, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "insured", &in.insured, err);
    if (rc == BF_OK)
        rc = get(o, path, "jobs", JSON_NODE_ARRAY, 0, &jobs, err);
    if (rc == BF_OK)
        rc = get(o, path, "trainings", JSON_NODE_ARRAY, 0, &trainings, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "name", 0, &name, err);
    if (rc == BF_OK)
        rc = get_string(o, path, "sex", 0, &sex, err);
    if (rc == BF_OK)
        rc = get_flag(o, path, "wants_job", &in.wants_job, err);
    if (rc == BF_OK)
        rc = get(o, path, "enrolments", JSON_NODE_ARRAY, 0, &enrolments, err);
    if (rc == BF_OK)
        rc = get_org(ctx, o, path, "residence", &in.residence);
    if (rc != BF_OK)
        return rc;
    char at[SITUATION_PATH_MAX], item[SITUATION_PATH_MAX];
    if (sex != NULL) {
        if (strcmp(sex, "男") == 0 || strcmp(sex, "male") == 0)
            in.sex = SEX_MALE;
        else if (strcmp(sex, "女") == 0 || strcmp(sex, "female") == 0)
            in.sex = SEX_FEMALE;
        else {
            schema_path_join(at, sizeof at, path, "sex");
            return path_error(err, at,
                              BF_TR("性别应为 男/女（male/female）", "sex is 男/女 (male/female)"));
        }
    }
    if (in.id_number != NULL) {
        idcard_info info;
        idcard_problem problem = idcard_check(in.id_number, date_today(), &info);
        if (problem != IDCARD_OK) {
            schema_path_join(at, sizeof at, path, "id_number");
            return path_error(err, at, BF_TR("身份证号无效：%s", "invalid ID number: %s"),
                              idcard_problem_text(problem));
        }
        if (in.birth_day == POPULATION_DAY_UNKNOWN)
            in.birth_day = (int32_t)date_to_days(info.birth_date);
        population_sex from_number = info.male ? SEX_MALE : SEX_FEMALE;
        if (in.sex != SEX_UNKNOWN && in.sex != from_number) {
            schema_path_join(at, sizeof at, path, "sex");
            return path_error(
                err, at, BF_TR("与身份证号所示性别不符", "differs from the sex in the ID number"));
        }
        in.sex = from_number;
    }
    if (find_id(ctx, SITUATION_ID_PEOPLE, in.id) >= 0) {
        schema_path_join(at, sizeof at, path, "id");
        return path_error(err, at, BF_TR("人员标识重复 \"%s\"", "duplicate person id \"%s\""),
                          in.id);
    }
    schema_path_join(at, sizeof at, path, "categories");
    size_t i = 0;
    for (const json_node *c = categories != NULL ? categories->value.first : NULL; c != NULL;
         c = c->next, i++) {
        if (c->type != JSON_NODE_STRING || c->count == 0) {
            path_index(item, at, i);
            return path_error(err, item, BF_TR("应为类别名称", "should be a category name"));
        }
        int bit = population_category_bit(pop, c->value.string, 1);
        if (bit < 0) {
            path_index(item, at, i);
            return path_error(err, item,
                              BF_TR("类别过多或名称过长", "too many categories or name too long"));
        }
        in.categories |= UINT64_C(1) << bit;
    }
    int32_t row = 0;
    rc = population_add_person(pop, &in, &row, err);
    if (rc == BF_OK)
        rc = index_id(ctx, SITUATION_ID_PEOPLE, pop->people.id, row);
    if (rc != BF_OK)
        return rc;
    rc = parse_person_items(ctx, jobs, path, "jobs", row, parse_job);
    if (rc == BF_OK)
        rc = parse_person_items(ctx, trainings, path, "trainings", row, parse_training);
    if (rc == BF_OK)
        rc = parse_person_items(ctx, enrolments, path, "enrolments", row, parse_enrolment);
    return rc;
}

static int parse_period(situation *s, const json_node *root, bf_error *err)
{
    const json_node *period;
    int rc = get(root, "", "period", JSON_NODE_OBJECT, 1, &period, err);
    if (rc != BF_OK)
        return rc;
    static const char *const keys[] = {"from", "to", NULL};
    rc = check_keys(period, "period", keys, err);
    if (rc != BF_OK)
        return rc;
    const char *from = NULL, *to = NULL;
    rc = get_string(period, "period", "from", 1, &from, err);
    if (rc == BF_OK)
        rc = get_string(period, "period", "to", 1, &to, err);
    if (rc != BF_OK)
        return rc;
    if (date_month_parse(from, &s->month_from) != BF_OK)
        return path_error(
            err, "period.from",
            BF_TR("月份无效 \"%s\"（应为 YYYY-MM）", "invalid month \"%s\" (YYYY-MM)"), from);
    if (date_month_parse(to, &s->month_to) != BF_OK)
        return path_error(
            err, "period.to",
            BF_TR("月份无效 \"%s\"（应为 YYYY-MM）", "invalid month \"%s\" (YYYY-MM)"), to);
    if (s->month_to < s->month_from)
        return path_error(err, "period.to", BF_TR("早于 period.from", "is before period.from"));
    if (s->month_to - s->month_from + 1 > SITUATION_PERIOD_MONTHS_MAX)
        return path_error(err, "period", BF_TR("期间超过 %d 个月", "longer than %d months"),
                          SITUATION_PERIOD_MONTHS_MAX);
    return BF_OK;
}

static int parse_parameters(situation *s, const json_node *root, bf_error *err)
{
    const json_node *parameters;
    int rc = get(root, "", "parameters", JSON_NODE_OBJECT, 0, &parameters, err);
    if (rc != BF_OK || parameters == NULL)
        return rc;
    size_t total = 0;
    for (const json_node *values = parameters->value.first; values != NULL; values = values->next) {
        const char *name = values->key;
        char at[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, "parameters", name);
        if (values->type != JSON_NODE_ARRAY)
            return path_error(err, at, BF_TR("应为取值数组", "should be an array of values"));
        if (strlen(name) >= POLICY_ID_MAX)
            return path_error(err, at, BF_TR("参数名过长", "parameter name too long"));
        total += values->count;
    }
    if (total > POLICY_PARAMETER_VALUES_MAX)
        return path_error(err, "parameters", BF_TR("取值超过 %d 条", "more than %d values"),
                          POLICY_PARAMETER_VALUES_MAX);
    s->parameters = calloc(total > 0 ? total : 1, sizeof *s->parameters);
    if (s->parameters == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    static const char *const keys[] = {"region", "from", "to", "value", "source", NULL};
    for (const json_node *values = parameters->value.first; values != NULL; values = values->next) {
        const char *name = values->key;
        char at[SITUATION_PATH_MAX], item[SITUATION_PATH_MAX];
        schema_path_join(at, sizeof at, "parameters", name);
        size_t i = 0;
        for (const json_node *v = values->value.first; v != NULL; v = v->next, i++) {
            path_index(item, at, i);
            if (v->type != JSON_NODE_OBJECT)
                return path_error(err, item, BF_TR("应为对象", "should be an object"));
            situation_parameter *p = &s->parameters[s->parameter_count];
            int present = 0;
            const char *source = NULL;
            rc = check_keys(v, item, keys, err);
            if (rc == BF_OK)
                rc = get_region(v, item, "region", 1, &p->value.region, err);
            if (rc == BF_OK)
                rc = get_date(v, item, "from", 1, &p->value.from, &present, err);
            if (rc == BF_OK)
                rc = get_string(v, item, "source", 0, &source, err);
            if (rc != BF_OK)
                return rc;
            const json_node *value = json_node_get(v, "value");
            const json_node *to = json_node_get(v, "to");
            char value_path[SITUATION_PATH_MAX];
            schema_path_join(value_path, sizeof value_path, item, "value");
            p->value.to = POLICY_DAY_MAX;
            if (to != NULL) {
                /* A window parameter: from .. to (null: open). */
                p->has_to = 1;
                if (to->type != JSON_NODE_NULL) {
                    rc = get_date(v, item, "to", 1, &p->value.to, &present, err);
                    if (rc != BF_OK)
                        return rc;
                    if (p->value.to < p->value.from)
                        return path_error(err, item, BF_TR("to 早于 from", "to is before from"));
                }
            }
            if (value == NULL && to == NULL)
                return path_error(err, value_path,
                                  BF_TR("缺少必填字段（可为 null 表示终止）",
                                        "missing required field (null ends the timeline)"));
            p->has_value = value != NULL;
            if (value == NULL)
                p->value.fen = 0;
            else if (value->type == JSON_NODE_NULL)
                p->value.fen = POLICY_FEN_NONE;
            else if ((value->type != JSON_NODE_INTEGER && value->type != JSON_NODE_REAL) ||
                     !yuan_to_fen(value, &p->value.fen))
                return path_error(err, value_path,
                                  BF_TR("应为不小于 0、至多两位小数的元金额或 null",
                                        "should be yuan (at most two decimals) or null"));
            p->value.origin = POLICY_ORIGIN_SITUATION;
            snprintf(p->name, sizeof p->name, "%s", name);
            snprintf(p->path, sizeof p->path, "%s", item);
            s->parameter_count++;
        }
    }
    return BF_OK;
}

/* The top level but the people, in the order of the checks of the whole document. */
int situation_read_head(situation_context *ctx, const json_node *root, int *parameters_done)
{
    bf_error *err = ctx->err;
    situation *s = ctx->s;
    int rc = check_keys(root, "", top_level_keys, err);
    if (rc == BF_OK)
        rc = parse_period(s, root, err);
    if (rc == BF_OK && json_node_get(root, "parameters") != NULL) {
        *parameters_done = 1;
        rc = parse_parameters(s, root, err);
    }
    const json_node *orgs = NULL, *people = NULL;
    if (rc == BF_OK)
        rc = get(root, "", "orgs", JSON_NODE_ARRAY, 0, &orgs, err);
    if (rc == BF_OK)
        rc = get(root, "", "people", JSON_NODE_ARRAY, 0, &people, err);
    char item[SITUATION_PATH_MAX];
    size_t i = 0;
    for (const json_node *o = orgs != NULL ? orgs->value.first : NULL; rc == BF_OK && o != NULL;
         o = o->next, i++) {
        path_index(item, "orgs", i);
        rc = parse_org(ctx, o, item);
    }
    return rc;
}

int situation_read_tail(situation_context *ctx, const json_node *root, int parameters_done)
{
    int rc = check_keys(root, "", top_level_keys, ctx->err);
    if (rc == BF_OK && !parameters_done)
        rc = parse_parameters(ctx->s, root, ctx->err);
    return rc;
}

int situation_read_person(situation_context *ctx, const json_node *person, size_t index)
{
    char path[SITUATION_PATH_MAX];
    path_index(path, "people", index);
    return parse_person(ctx, person, path);
}

void situation_context_free(situation_context *ctx)
{
    for (int t = 0; t < SITUATION_ID_TABLES; t++)
        string_map_free(&ctx->ids[t]);
}

void situation_free(situation *s)
{
    if (s == NULL)
        return;
    population_free(s->pop);
    free(s->parameters);
    free(s);
}

int situation_apply_parameters(const situation *s, policy_set *set, bf_error *err)
{
    for (size_t i = 0; i < s->parameter_count; i++) {
        const situation_parameter *p = &s->parameters[i];
        int index = policy_set_find_parameter(set, p->name);
        if (index < 0)
            return path_error(
                err, p->path,
                BF_TR("政策文件中没有参数 \"%s\"", "no policy declares parameter \"%s\""), p->name);
        int window = set->parameters[index].unit == POLICY_PARAMETER_WINDOW;
        if (window && p->has_value && p->value.fen != POLICY_FEN_NONE)
            return path_error(err, p->path,
                              BF_TR("\"%s\" 是期间参数：用 from/to，不用 value",
                                    "\"%s\" is a window parameter: give from/to, not value"),
                              p->name);
        if (!window && (p->has_to || !p->has_value))
            return path_error(err, p->path,
                              BF_TR("\"%s\" 是金额参数：用 value，不用 to",
                                    "\"%s\" is an amount parameter: give value, not to"),
                              p->name);
        int rc = policy_parameter_add_value(&set->parameters[index], &p->value, err);
        if (rc != BF_OK)
            return rc;
    }
    return BF_OK;
}
