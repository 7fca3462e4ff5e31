/* local_parameters.c - parameter values set by clerks, kept with who and when. */
#include "services/local_parameters.h"

#include "core/money.h"
#include "policy/population.h"
#include "registry/region.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The columns every reader selects, in the order row_from_statement() takes them. */
#define ROW_COLUMNS                                                                                \
    "id, name, unit, region, valid_from, amount, valid_to, ends, source, set_by, set_at"

/* The unit's words after a number: "元/月", "个月"; "" for windows. */
static const char *unit_words(policy_parameter_unit unit)
{
    switch (unit) {
    case POLICY_PARAMETER_YUAN:
        return BF_TR("元", "yuan");
    case POLICY_PARAMETER_YUAN_PER_MONTH:
        return BF_TR("元/月", "yuan/month");
    case POLICY_PARAMETER_YUAN_PER_DAY:
        return BF_TR("元/日", "yuan/day");
    case POLICY_PARAMETER_YUAN_PER_HEAD:
        return BF_TR("元/人", "yuan/head");
    case POLICY_PARAMETER_YUAN_PER_YEAR:
        return BF_TR("元/年", "yuan/year");
    case POLICY_PARAMETER_YUAN_PER_HOUR:
        return BF_TR("元/小时", "yuan/hour");
    case POLICY_PARAMETER_PERSONS:
        return BF_TR("人", "persons");
    case POLICY_PARAMETER_MONTHS:
        return BF_TR("个月", "months");
    case POLICY_PARAMETER_WINDOW:
    case POLICY_PARAMETER_UNIT_COUNT:
        break;
    }
    return "";
}

/* 1 for the units counted in whole persons or months (held x 100 like fen). */
static int unit_is_count(policy_parameter_unit unit)
{
    return unit == POLICY_PARAMETER_PERSONS || unit == POLICY_PARAMETER_MONTHS;
}

void local_parameters_value_text(const local_parameter_row *row, char *out, size_t size)
{
    int unit = policy_parameter_unit_parse(row->unit);
    if (row->ends)
        snprintf(out, size, "%s", BF_TR("（止）无取值", "(ended) no value"));
    else if (unit == POLICY_PARAMETER_WINDOW)
        snprintf(out, size, BF_TR("%s 至 %s", "%s to %s"), row->from,
                 row->to[0] != '\0' ? row->to : BF_TR("（未止）", "(open)"));
    else if (unit >= 0 && unit_is_count((policy_parameter_unit)unit))
        snprintf(out, size, "%lld %s", (long long)(row->amount / 100),
                 unit_words((policy_parameter_unit)unit));
    else {
        char yuan[MONEY_TEXT_MAX];
        money_format(row->amount, yuan);
        snprintf(out, size, "%s %s", yuan,
                 unit >= 0 ? unit_words((policy_parameter_unit)unit) : "");
    }
}

/* Who runs this program: the OS user's name, else $USER, else the uid. */
static void os_user(char out[LOCAL_PARAMETER_TEXT_MAX])
{
    struct passwd entry, *found = NULL;
    char buffer[4096];
    if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != NULL &&
        found->pw_name[0] != '\0')
        snprintf(out, LOCAL_PARAMETER_TEXT_MAX, "%s", found->pw_name);
    else if (getenv("USER") != NULL && getenv("USER")[0] != '\0')
        snprintf(out, LOCAL_PARAMETER_TEXT_MAX, "%s", getenv("USER"));
    else
        snprintf(out, LOCAL_PARAMETER_TEXT_MAX, "uid %u", (unsigned)geteuid());
}

/* Copies a free text option (source, by) into out; no control characters, bounded. */
static int copy_text(const char *option, const char *text, char out[LOCAL_PARAMETER_TEXT_MAX],
                     bf_error *err)
{
    if (strlen(text) >= LOCAL_PARAMETER_TEXT_MAX)
        return bf_error_set(err, BF_EINVAL, BF_TR("%s 超过 %d 字节", "%s is longer than %d bytes"),
                            option, LOCAL_PARAMETER_TEXT_MAX - 1);
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        if (*p < 0x20 || *p == 0x7F)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("%s 含有控制字符", "%s contains a control character"),
                                option);
    snprintf(out, LOCAL_PARAMETER_TEXT_MAX, "%s", text);
    return BF_OK;
}

/* A whole count 0 .. LOCAL_PARAMETER_COUNT_MAX from digits only. */
static int parse_count(const char *text, int64_t *count)
{
    int64_t value = 0;
    if (text[0] == '\0')
        return BF_EINVAL;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return BF_EINVAL;
        value = value * 10 + (*p - '0');
        if (value > LOCAL_PARAMETER_COUNT_MAX)
            return BF_EINVAL;
    }
    *count = value;
    return BF_OK;
}

/* Fills row's value fields from the request as the unit demands. */
static int check_value(const local_parameter_request *request, policy_parameter_unit unit,
                       local_parameter_row *row, bf_error *err)
{
    row->ends = request->ends;
    if (unit == POLICY_PARAMETER_WINDOW) {
        if (request->value != NULL)
            return bf_error_set(
                err, BF_EINVAL,
                BF_TR("参数 %s 是期间（window）：用 --to 给出终止日期（不给则未止），"
                      "不用 --value",
                      "parameter %s is a window: give its last day with --to "
                      "(none: open), not --value"),
                request->name);
        if (request->to == NULL || request->ends)
            return request->to != NULL && request->ends
                       ? bf_error_set(err, BF_EINVAL, "%s",
                                      BF_TR("--end 与 --to 不能同时给出",
                                            "--end and --to cannot be given together"))
                       : BF_OK;
        bf_date to, from;
        if (date_parse(request->to, &to) != BF_OK)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("--to 日期无效“%s”（应为 YYYY-MM-DD）",
                                      "--to: invalid date '%s' (YYYY-MM-DD)"),
                                request->to);
        date_parse(request->from, &from);
        if (date_to_days(to) < date_to_days(from))
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("--to %s 早于 --from %s", "--to %s is before --from %s"),
                                request->to, request->from);
        date_format(to, row->to);
        return BF_OK;
    }
    if (request->to != NULL)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("参数 %s 的单位是 %s：只有期间（window）参数有 --to",
                                  "parameter %s has unit %s: only window parameters take --to"),
                            request->name, policy_parameter_unit_name(unit));
    if (request->ends)
        return request->value != NULL
                   ? bf_error_set(err, BF_EINVAL, "%s",
                                  BF_TR("--end 与 --value 不能同时给出",
                                        "--end and --value cannot be given together"))
                   : BF_OK;
    if (request->value == NULL)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("缺少 --value（参数 %s 的单位是 %s）",
                                  "--value is missing (parameter %s has unit %s)"),
                            request->name, policy_parameter_unit_name(unit));
    if (unit_is_count(unit)) {
        int64_t count = 0;
        if (parse_count(request->value, &count) != BF_OK)
            return bf_error_set(
                err, BF_EINVAL,
                BF_TR("--value “%s”无效：参数 %s 的单位是 %s，应为 0 到 %d 的整数",
                      "--value '%s' is invalid: parameter %s has unit %s, a whole number from 0 "
                      "to %d"),
                request->value, request->name, policy_parameter_unit_name(unit),
                LOCAL_PARAMETER_COUNT_MAX);
        row->amount = count * 100;
        return BF_OK;
    }
    if (money_parse_yuan(request->value, &row->amount) != BF_OK)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("--value “%s”无效：参数 %s 的单位是 %s，应为不小于 0、至多两位小数的元金额",
                  "--value '%s' is invalid: parameter %s has unit %s, yuan (not negative, at "
                  "most two decimals)"),
            request->value, request->name, policy_parameter_unit_name(unit));
    return BF_OK;
}

/* Checks the request and fills row with everything but id; no database writes. */
static int check_request(store *st, const policy_set *set, const local_parameter_request *request,
                         local_parameter_row *row, bf_error *err)
{
    memset(row, 0, sizeof *row);
    int index = policy_set_find_parameter(set, request->name);
    if (index < 0)
        return bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("政策文件中没有参数“%s”", "no policy file declares parameter '%s'"),
            request->name);
    const policy_parameter *parameter = &set->parameters[index];
    snprintf(row->name, sizeof row->name, "%s", parameter->name);
    snprintf(row->unit, sizeof row->unit, "%s", policy_parameter_unit_name(parameter->unit));
    if (request->region == NULL ||
        region_code_normalize(request->region, row->region) == REGION_LEVEL_INVALID)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("--region 区划代码无效“%s”（2、4、6、9 或 12 位）",
                                  "--region: invalid region code '%s' (2, 4, 6, 9 or 12 digits)"),
                            request->region != NULL ? request->region : "");
    int64_t known = 0;
    const char *code[] = {row->region};
    int rc = store_query_int64(st, "SELECT COUNT(*) FROM regions WHERE code = ?", code, 1, &known);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (known == 0)
        return bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("--region %s 不在区划表中", "--region %s is not in the region table"),
            request->region);
    bf_date from;
    if (request->from == NULL || date_parse(request->from, &from) != BF_OK)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("--from 日期无效“%s”（应为 YYYY-MM-DD）",
                                  "--from: invalid date '%s' (YYYY-MM-DD)"),
                            request->from != NULL ? request->from : "");
    date_format(from, row->from);
    rc = check_value(request, parameter->unit, row, err);
    if (rc == BF_OK && request->source != NULL)
        rc = copy_text("--source", request->source, row->source, err);
    if (rc == BF_OK && request->by != NULL) {
        rc = copy_text("--by", request->by, row->set_by, err);
        if (rc == BF_OK && row->set_by[0] == '\0')
            rc = bf_error_set(err, BF_EINVAL, "%s", BF_TR("--by 为空", "--by is empty"));
    } else if (rc == BF_OK)
        os_user(row->set_by);
    date_now_timestamp(row->set_at);
    return rc;
}

int local_parameters_set(store *st, const policy_set *set, const local_parameter_request *request,
                         local_parameter_row *written, bf_error *err)
{
    local_parameter_row row;
    store_stmt *insert = NULL;
    int rc = check_request(st, set, request, &row, err);
    if (rc != BF_OK)
        return rc;
    rc = store_begin(st);
    if (rc == BF_OK)
        rc = store_next_id(st, "parameter_values", &row.id);
    if (rc == BF_OK)
        rc = store_prepare(st,
                           "INSERT INTO parameter_values (" ROW_COLUMNS
                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           &insert);
    int unit = policy_parameter_unit_parse(row.unit);
    int has_amount = !row.ends && unit != POLICY_PARAMETER_WINDOW;
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 1, row.id);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 2, row.name);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 3, row.unit);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 4, row.region);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 5, row.from);
    if (rc == BF_OK)
        rc = has_amount ? store_bind_int64(insert, 6, row.amount) : store_bind_null(insert, 6);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 7, row.to[0] != '\0' ? row.to : NULL);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 8, row.ends);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 9, row.source[0] != '\0' ? row.source : NULL);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 10, row.set_by);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 11, row.set_at);
    if (rc == BF_OK) {
        rc = store_step(insert);
        rc = rc == BF_DONE ? BF_OK : rc < 0 ? rc : BF_ESTORE;
    }
    if (rc == BF_OK)
        rc = store_commit(st);
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        store_rollback(st);
    }
    store_finalize(insert);
    if (rc == BF_OK && written != NULL)
        *written = row;
    return rc;
}

/* The text of column (NULL as "") into out. */
static void column_copy(store_stmt *stmt, int column, char *out, size_t size)
{
    const char *text = store_column_text(stmt, column);
    snprintf(out, size, "%s", text != NULL ? text : "");
}

static void row_from_statement(store_stmt *stmt, local_parameter_row *row)
{
    memset(row, 0, sizeof *row);
    row->id = store_column_int64(stmt, 0);
    column_copy(stmt, 1, row->name, sizeof row->name);
    column_copy(stmt, 2, row->unit, sizeof row->unit);
    column_copy(stmt, 3, row->region, sizeof row->region);
    column_copy(stmt, 4, row->from, sizeof row->from);
    row->amount = store_column_is_null(stmt, 5) ? 0 : store_column_int64(stmt, 5);
    column_copy(stmt, 6, row->to, sizeof row->to);
    row->ends = store_column_int64(stmt, 7) != 0;
    column_copy(stmt, 8, row->source, sizeof row->source);
    column_copy(stmt, 9, row->set_by, sizeof row->set_by);
    column_copy(stmt, 10, row->set_at, sizeof row->set_at);
}

static int same_timeline(const local_parameter_row *a, const local_parameter_row *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->region, b->region) == 0;
}

/*
 * Whether row, followed by next (NULL at the end) in the reading order, is
 * shown: every row for the history; with `at`, the row in effect that day.
 */
static int row_shown(const local_parameter_query *query, const local_parameter_row *row,
                     const local_parameter_row *next)
{
    if (query->at == NULL)
        return 1;
    if (strcmp(row->from, query->at) > 0)
        return 0;
    return next == NULL || !same_timeline(row, next) || strcmp(next->from, query->at) > 0;
}

int local_parameters_read(store *st, const local_parameter_query *query,
                          local_parameter_visit visit, void *context, bf_error *err)
{
    char sql[512];
    const char *params[8];
    int count = 0;
    char ancestors[5][REGION_CODE_TEXT_MAX], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    snprintf(sql, sizeof sql, "SELECT " ROW_COLUMNS " FROM parameter_values WHERE 1 = 1%s%s",
             query->name != NULL ? " AND name = ?" : "",
             query->region != NULL
                 ? " AND (region IN (?, ?, ?, ?, ?) OR (region >= ? AND region < ?))"
                 : "");
    strcat(sql, " ORDER BY name, region, valid_from, id");
    if (query->name != NULL)
        params[count++] = query->name;
    if (query->region != NULL) {
        /* The ancestors at every level down to the region's own (repeats are harmless). */
        region_level level = region_code_level(query->region);
        for (int l = REGION_LEVEL_PROVINCE; l <= REGION_LEVEL_VILLAGE; l++) {
            region_code_ancestor(query->region, (region_level)(l <= (int)level ? l : (int)level),
                                 ancestors[l - REGION_LEVEL_PROVINCE]);
            params[count++] = ancestors[l - REGION_LEVEL_PROVINCE];
        }
        region_code_range(query->region, low, high);
        params[count++] = low;
        params[count++] = high;
    }
    store_rows reader;
    local_parameter_row rows[2];
    int have = 0, current = 0;
    int rc = store_rows_open(st, sql, params, count, &reader, err);
    if (rc != BF_OK)
        return rc;
    /* One row of look-ahead: a row is complete (corrected_by, in effect or not) once the next
       one is read. */
    for (;;) {
        int step = store_rows_next(&reader);
        if (step < 0) {
            rc = step;
            goto out;
        }
        local_parameter_row *next = NULL;
        if (step == 1) {
            next = &rows[1 - current];
            row_from_statement(reader.stmt, next);
        }
        if (have) {
            local_parameter_row *row = &rows[current];
            if (next != NULL && same_timeline(row, next) && strcmp(row->from, next->from) == 0)
                row->corrected_by = next->id;
            if (row_shown(query, row, next)) {
                rc = visit(context, row);
                if (rc != BF_OK)
                    goto out;
            }
        }
        if (next == NULL)
            break;
        current = 1 - current;
        have = 1;
    }
out:
    store_rows_close(&reader);
    return rc;
}

/* The value of one row as a situation file gives it. */
static json_t *situation_value(const local_parameter_row *row)
{
    json_t *item = json_object();
    if (item == NULL)
        return NULL;
    char region[REGION_CODE_TEXT_MAX];
    snprintf(region, sizeof region, "%s", row->region);
    int failed = json_object_set_new(item, "region", json_string(region)) != 0 ||
                 json_object_set_new(item, "from", json_string(row->from)) != 0;
    if (row->ends)
        failed |= json_object_set_new(item, "value", json_null()) != 0;
    else if (strcmp(row->unit, policy_parameter_unit_name(POLICY_PARAMETER_WINDOW)) == 0)
        failed |= json_object_set_new(item, "to",
                                      row->to[0] != '\0' ? json_string(row->to) : json_null()) != 0;
    else if (row->amount % 100 == 0)
        failed |= json_object_set_new(item, "value", json_integer(row->amount / 100)) != 0;
    else {
        /* Yuan with two decimals: the shortest text of this double reads back as the same fen. */
        failed |= json_object_set_new(item, "value", json_real((double)row->amount / 100.0)) != 0;
    }
    if (row->source[0] != '\0')
        failed |= json_object_set_new(item, "source", json_string(row->source)) != 0;
    if (failed) {
        json_decref(item);
        return NULL;
    }
    return item;
}

/* The index of row's parameter in set when the row can be used there (declared, same unit), else
   -1. */
static int usable_parameter(const policy_set *set, const local_parameter_row *row)
{
    int index = policy_set_find_parameter(set, row->name);
    if (index < 0 ||
        strcmp(policy_parameter_unit_name(set->parameters[index].unit), row->unit) != 0)
        return -1;
    return index;
}

int local_parameters_situation_json(store *st, const policy_set *set, json_t **out, bf_error *err)
{
    store_rows reader = {0};
    json_t *parameters = json_object();
    *out = NULL;
    int rc =
        parameters == NULL
            ? bf_error_set(err, BF_ENOMEM, NULL)
            : store_rows_open(st, "SELECT " ROW_COLUMNS " FROM parameter_values ORDER BY name, id",
                              NULL, 0, &reader, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&reader)) == 1) {
        local_parameter_row row;
        row_from_statement(reader.stmt, &row);
        if (usable_parameter(set, &row) < 0)
            continue;
        json_t *values = json_object_get(parameters, row.name);
        if (values == NULL) {
            values = json_array();
            if (values == NULL || json_object_set_new(parameters, row.name, values) != 0) {
                rc = bf_error_set(err, BF_ENOMEM, NULL);
                goto out;
            }
        }
        json_t *item = situation_value(&row);
        if (item == NULL || json_array_append_new(values, item) != 0) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
    }
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc == BF_OK) {
        *out = parameters;
        parameters = NULL;
    }
out:
    store_rows_close(&reader);
    json_decref(parameters);
    return rc;
}

int local_parameters_apply(store *st, policy_set *set, int64_t *skipped, bf_error *err)
{
    store_rows reader;
    int64_t unused = 0;
    int rc = store_rows_open(st, "SELECT " ROW_COLUMNS " FROM parameter_values ORDER BY id", NULL,
                             0, &reader, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&reader)) == 1) {
        local_parameter_row row;
        row_from_statement(reader.stmt, &row);
        int index = usable_parameter(set, &row);
        if (index < 0) {
            unused++;
            continue;
        }
        bf_date from, to;
        policy_parameter_value value = {.region = population_region_parse(row.region),
                                        .fen = row.ends ? POLICY_FEN_NONE : row.amount,
                                        .origin = POLICY_ORIGIN_STORE,
                                        .to = POLICY_DAY_MAX};
        if (date_parse(row.from, &from) != BF_OK || value.region == 0 ||
            (row.to[0] != '\0' && date_parse(row.to, &to) != BF_OK)) {
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("数据库中参数取值 #%lld 的日期或区划无效",
                                    "stored parameter value #%lld has an invalid date or region"),
                              (long long)row.id);
            break;
        }
        value.from = (int32_t)date_to_days(from);
        if (row.to[0] != '\0')
            value.to = (int32_t)date_to_days(to);
        rc = policy_parameter_add_value(&set->parameters[index], &value, err);
    }
    if (rc == BF_OK && step < 0)
        rc = step;
    store_rows_close(&reader);
    if (skipped != NULL)
        *skipped = unused;
    return rc;
}

/* The code of a region as typed (6 digits down to a county) and its path of names. */
static void region_words(store *st, const char *canonical, char *code, char *path, size_t size)
{
    region_level level = region_code_level(canonical);
    int digits = level > REGION_LEVEL_COUNTY ? region_level_digits(level) : 6;
    snprintf(code, REGION_CODE_TEXT_MAX, "%.*s", digits, canonical);
    if (region_path_name(st, canonical, path, size, &level) != BF_OK)
        path[0] = '\0';
}

json_t *local_parameters_row_json(store *st, const local_parameter_row *row)
{
    char code[REGION_CODE_TEXT_MAX], path[REGION_PATH_MAX], text[LOCAL_PARAMETER_VALUE_TEXT_MAX];
    region_words(st, row->region, code, path, sizeof path);
    local_parameters_value_text(row, text, sizeof text);
    json_t *value = NULL;
    int unit = policy_parameter_unit_parse(row->unit);
    if (!row->ends && (unit == POLICY_PARAMETER_MONTHS || unit == POLICY_PARAMETER_PERSONS))
        value = json_integer(row->amount / 100);
    else if (!row->ends && unit != POLICY_PARAMETER_WINDOW) {
        char yuan[MONEY_TEXT_MAX];
        money_format(row->amount, yuan);
        value = json_string(yuan);
    } else
        value = json_null();
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:s,s:o,s:s,s:s,s:o}", "id",
                     (json_int_t)row->id, "name", row->name, "unit", row->unit, "region", code,
                     "region_name", path, "from", row->from, "value", value, "to",
                     row->to[0] != '\0' ? json_string(row->to) : json_null(), "ends", row->ends,
                     "text", text, "source",
                     row->source[0] != '\0' ? json_string(row->source) : json_null(), "set_by",
                     row->set_by, "set_at", row->set_at, "corrected_by",
                     row->corrected_by != 0 ? json_integer(row->corrected_by) : json_null());
}

typedef struct collect_context {
    store *st;
    json_t *rows;
} collect_context;

static int collect_row(void *context, const local_parameter_row *row)
{
    collect_context *c = context;
    json_t *item = local_parameters_row_json(c->st, row);
    if (item == NULL || json_array_append_new(c->rows, item) != 0)
        return BF_ENOMEM;
    return BF_OK;
}

int local_parameters_read_json(store *st, const local_parameter_query *query, json_t **rows,
                               bf_error *err)
{
    collect_context c = {st, json_array()};
    *rows = NULL;
    if (c.rows == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    int rc = local_parameters_read(st, query, collect_row, &c, err);
    if (rc != BF_OK) {
        json_decref(c.rows);
        return rc;
    }
    *rows = c.rows;
    return BF_OK;
}
