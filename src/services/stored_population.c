/* stored_population.c - the calc population read from the stored facts, one query per table. */
#include "services/stored_population.h"

#include "core/date.h"
#include "core/region_code.h"
#include "core/string_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest query text (the organisations' query repeats the selection four times). */
#define STORED_SQL_MAX 8192
/* Most parameters of one query. */
#define STORED_PARAMS_MAX 64
/* Distinct stored category texts ("脱贫人口；防止返贫监测对象") one reading keeps apart. */
#define STORED_CATEGORY_TEXTS_MAX 4096
/* Longest record id: an ID number, "/j" and a number. */
#define STORED_RECORD_ID_MAX 40

#define IN_RANGE(column) "(" column " >= ? AND " column " < ?)"
#define ORGS_IN_REGION   "SELECT org_code FROM orgs WHERE " IN_RANGE("region")
/* The people of a region (14 parameters: the region's low and high bound, 7 times). */
#define PEOPLE_OF_REGION                                                                                          \
    "id_number IN (SELECT id_number FROM people WHERE " IN_RANGE(                                                 \
        "hukou_region") " UNION SELECT id_number FROM jobs WHERE " IN_RANGE("region") " OR "                      \
                                                                                      "employer "                 \
                                                                                      "IN "                       \
                                                                                      "(" ORGS_IN_REGION          \
                                                                                      ") OR "                     \
                                                                                      "agency IN "                \
                                                                                      "(" ORGS_IN_REGION          \
                                                                                      ") UNION "                  \
                                                                                      "SELECT "                   \
                                                                                      "id_number "                \
                                                                                      "FROM "                     \
                                                                                      "trainings "                \
                                                                                      "WHERE"                     \
                                                                                      " " IN_RANGE(               \
                                                                                          "regio"                 \
                                                                                          "n") " "                \
                                                                                               "O"                \
                                                                                               "R"                \
                                                                                               " "                \
                                                                                               "p"                \
                                                                                               "r"                \
                                                                                               "o"                \
                                                                                               "v"                \
                                                                                               "i"                \
                                                                                               "d"                \
                                                                                               "e"                \
                                                                                               "r"                \
                                                                                               " "                \
                                                                                               "I"                \
                                                                                               "N"                \
                                                                                               " "                \
                                                                                               "(" ORGS_IN_REGION \
                                                                                               ")"                \
                                                                                               " "                \
                                                                                               "U"                \
                                                                                               "N"                \
                                                                                               "I"                \
                                                                                               "O"                \
                                                                                               "N"                \
                                                                                               " "                \
                                                                                               "S"                \
                                                                                               "E"                \
                                                                                               "L"                \
                                                                                               "E"                \
                                                                                               "C"                \
                                                                                               "T"                \
                                                                                               " "                \
                                                                                               "i"                \
                                                                                               "d"                \
                                                                                               "_"                \
                                                                                               "n"                \
                                                                                               "u"                \
                                                                                               "m"                \
                                                                                               "b"                \
                                                                                               "e"                \
                                                                                               "r"                \
                                                                                               " "                \
                                                                                               "F"                \
                                                                                               "R"                \
                                                                                               "O"                \
                                                                                               "M"                \
                                                                                               " "                \
                                                                                               "r"                \
                                                                                               "e"                \
                                                                                               "s"                \
                                                                                               "i"                \
                                                                                               "d"                \
                                                                                               "e"                \
                                                                                               "n"                \
                                                                                               "c"                \
                                                                                               "e"                \
                                                                                               "s"                \
                                                                                               " "                \
                                                                                               "W"                \
                                                                                               "H"                \
                                                                                               "E"                \
                                                                                               "R"                \
                                                                                               "E"                \
                                                                                               " "                \
                                                                                               "s"                \
                                                                                               "i"                \
                                                                                               "t"                \
                                                                                               "e"                \
                                                                                               " "                \
                                                                                               "I"                \
                                                                                               "N"                \
                                                                                               " "                \
                                                                                               "(" ORGS_IN_REGION \
                                                                                               ")"                \
                                                                                               ")"
#define PEOPLE_OF_REGION_PARAMS 14
/* The organisations the selected people refer to (the selection's condition 4 times). */
#define ORGS_REFERRED                                                                              \
    "org_code IN (SELECT employer FROM jobs WHERE %s UNION SELECT agency FROM jobs WHERE %s "      \
    "UNION SELECT provider FROM trainings WHERE %s UNION SELECT site FROM residences WHERE %s)"

/* What one reading holds besides the population. */
typedef struct reader {
    store *st;
    population *pop;
    bf_error *err;
    const char *filter;                    /* the condition on id_number selecting the people */
    const char *params[STORED_PARAMS_MAX]; /* the filter's parameters */
    int param_count;
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    string_map orgs;           /* org code (the population's id column) -> row */
    string_map category_masks; /* stored category text -> bits; keys in category_texts */
    char *category_texts[STORED_CATEGORY_TEXTS_MAX];
    int category_text_count;
    vocabulary_set lists; /* derive three_no and wants_job (registry/person_facts.h) */
    int have_lists;       /* 0 when no lists could be read: nothing derived */
} reader;

static int stored_value_error(reader *r, const char *table, const char *record, const char *field,
                              const char *value)
{
    return bf_error_set(
        r->err, BF_EPARSE,
        BF_TR("数据库中 %s 表记录 %s 的 %s 无效：“%s”", "stored %s record %s: invalid %s '%s'"),
        table, record, field, value != NULL ? value : "NULL");
}

/* The column as a count, unknown when NULL. */
static int32_t column_count(store_stmt *stmt, int column, int32_t unknown)
{
    return store_column_is_null(stmt, column) ? unknown : (int32_t)store_column_int64(stmt, column);
}

static int64_t column_fen(store_stmt *stmt, int column)
{
    return store_column_is_null(stmt, column) ? POPULATION_FEN_UNKNOWN
                                              : store_column_int64(stmt, column);
}

/* A date column as a day number; *day is open when the column is NULL and open_ok. */
static int column_day(reader *r, store_stmt *stmt, int column, int open_ok, int32_t *day,
                      const char *table, const char *record, const char *field)
{
    const char *text = store_column_text(stmt, column);
    bf_date date;
    if (text == NULL && open_ok) {
        *day = POPULATION_DAY_OPEN;
        return BF_OK;
    }
    if (text == NULL || date_parse(text, &date) != BF_OK)
        return stored_value_error(r, table, record, field, text);
    *day = (int32_t)date_to_days(date);
    return BF_OK;
}

/* A region column as a number; 0 when NULL and optional. */
static int column_region(reader *r, store_stmt *stmt, int column, int optional, int64_t *region,
                         const char *table, const char *record, const char *field)
{
    const char *text = store_column_text(stmt, column);
    *region = text != NULL ? population_region_parse(text) : 0;
    if (*region == 0 && !(optional && text == NULL))
        return stored_value_error(r, table, record, field, text);
    return BF_OK;
}

/* The org row of a code column; POPULATION_NONE for NULL or ''. */
static int column_org(reader *r, store_stmt *stmt, int column, int32_t *row, const char *table,
                      const char *record, const char *field)
{
    const char *code = store_column_text(stmt, column);
    int64_t found = 0;
    *row = POPULATION_NONE;
    if (code == NULL || code[0] == '\0')
        return BF_OK;
    if (!string_map_find(&r->orgs, code, &found))
        return bf_error_set(r->err, BF_EPARSE,
                            BF_TR("数据库中 %s 表记录 %s 的 %s“%s”不在单位表中",
                                  "stored %s record %s: %s '%s' is not in the orgs table"),
                            table, record, field, code);
    *row = (int32_t)found;
    return BF_OK;
}

/*
 * The person row of id_number, walking *cursor forward: the records come in
 * the people's order.  -1 when the person was not read.
 */
static int32_t person_row(const population *pop, size_t *cursor, const char *id_number)
{
    while (*cursor < pop->people.count && strcmp(pop->people.id[*cursor], id_number) < 0)
        (*cursor)++;
    if (*cursor < pop->people.count && strcmp(pop->people.id[*cursor], id_number) == 0)
        return (int32_t)*cursor;
    return -1;
}

/* The category bits of a stored text ("A；B"), remembered per distinct text. */
static int category_mask(reader *r, const char *text, uint64_t *mask)
{
    int64_t known = 0;
    *mask = 0;
    if (text == NULL || text[0] == '\0')
        return BF_OK;
    if (string_map_find(&r->category_masks, text, &known)) {
        *mask = (uint64_t)known;
        return BF_OK;
    }
    static const char separator[] = "；";
    char name[POPULATION_CATEGORY_MAX];
    for (const char *p = text; *p != '\0';) {
        const char *end = strstr(p, separator);
        size_t length = end != NULL ? (size_t)(end - p) : strlen(p);
        if (length > 0) {
            int bit = length < sizeof name ? 0 : -1;
            if (bit == 0) {
                memcpy(name, p, length);
                name[length] = '\0';
                bit = population_category_bit(r->pop, name, 1);
            }
            if (bit < 0)
                return bf_error_set(r->err, BF_EPARSE,
                                    BF_TR("数据库中的帮扶类别过多或名称过长：“%s”",
                                          "too many stored categories or a name too long: '%s'"),
                                    text);
            *mask |= UINT64_C(1) << bit;
        }
        p += length + (end != NULL ? sizeof separator - 1 : 0);
    }
    if (r->category_text_count >= STORED_CATEGORY_TEXTS_MAX)
        return BF_OK; /* not remembered: split again next time */
    char *key = strdup(text);
    if (key == NULL || string_map_insert(&r->category_masks, key, (int64_t)*mask, NULL) != BF_OK) {
        free(key);
        return bf_error_set(r->err, BF_ENOMEM, NULL);
    }
    r->category_texts[r->category_text_count++] = key;
    return BF_OK;
}

/*
 * Opens "SELECT columns FROM table WHERE <filter><also> ORDER BY order" with the filter's
 * parameters.
 */
static int open_table(reader *r, const char *columns, const char *table, const char *also,
                      const char *order, store_rows *rows)
{
    char sql[STORED_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s%s ORDER BY %s", columns, table, r->filter,
             also, order);
    return store_rows_open(r->st, sql, r->params, r->param_count, rows, r->err);
}

static int read_orgs(reader *r)
{
    char sql[STORED_SQL_MAX];
    const char *params[STORED_PARAMS_MAX];
    int count = 0;
    const char *f = r->filter;
    if (r->param_count == PEOPLE_OF_REGION_PARAMS) {
        params[count++] = r->low;
        params[count++] = r->high;
    }
    if (r->param_count > 0)
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < r->param_count; j++)
                params[count++] = r->params[j];
    char referred[STORED_SQL_MAX - 256];
    snprintf(referred, sizeof referred, ORGS_REFERRED, f, f, f, f);
    snprintf(sql, sizeof sql,
             "SELECT org_code, kind, region, staff, free_premises FROM orgs WHERE %s%s "
             "ORDER BY org_code",
             r->param_count == PEOPLE_OF_REGION_PARAMS ? IN_RANGE("region") " OR " : "",
             r->param_count > 0 ? referred : "1 = 1");
    store_rows rows;
    int rc = store_rows_open(r->st, sql, params, count, &rows, r->err), step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        const char *code = store_column_text(s, 0), *kind = store_column_text(s, 1);
        population_org_input in = {.id = code != NULL ? code : "",
                                   .staff = column_count(s, 3, POPULATION_COUNT_UNKNOWN),
                                   .free_premises = store_column_int64(s, 4) != 0};
        int parsed = population_org_kind_parse(kind != NULL ? kind : "");
        if (parsed < 0) {
            rc = stored_value_error(r, "orgs", in.id, "kind", kind);
            break;
        }
        in.kind = (population_org_kind)parsed;
        int32_t row = 0;
        rc = column_region(r, s, 2, 0, &in.region, "orgs", in.id, "region");
        if (rc == BF_OK)
            rc = population_add_org(r->pop, &in, &row, r->err);
        if (rc == BF_OK &&
            string_map_insert(&r->orgs, r->pop->orgs.id[row], row, NULL) == BF_ENOMEM)
            rc = bf_error_set(r->err, BF_ENOMEM, NULL);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

static int read_people(reader *r)
{
    store_rows rows;
    int rc = open_table(r,
                        "id_number, birth_date, sex, hukou_region, categories, three_no, "
                        "wants_job, difficulties, employment_wish",
                        "people", "", "id_number", &rows),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        const char *id = store_column_text(s, 0), *sex = store_column_text(s, 2);
        /* The flags by the one rule of registry/person_facts.h: stated, else derived. */
        const char *values[PERSON_FIELD_COUNT] = {NULL};
        values[PERSON_THREE_NO] = store_column_text(s, 5);
        values[PERSON_WANTS_JOB] = store_column_text(s, 6);
        values[PERSON_DIFFICULTIES] = store_column_text(s, 7);
        values[PERSON_EMPLOYMENT_WISH] = store_column_text(s, 8);
        const vocabulary_set *lists = r->have_lists ? &r->lists : NULL;
        population_person_input in = {
            .id = id != NULL ? id : "",
            .id_number = id,
            .sex = SEX_UNKNOWN,
            .three_no = person_fact_resolve(lists, values, PERSON_THREE_NO).value,
            .wants_job = person_fact_resolve(lists, values, PERSON_WANTS_JOB).value,
            .residence = POPULATION_NONE};
        if (sex != NULL && strcmp(sex, "男") == 0)
            in.sex = SEX_MALE;
        else if (sex != NULL && strcmp(sex, "女") == 0)
            in.sex = SEX_FEMALE;
        rc = column_day(r, s, 1, 0, &in.birth_day, "people", in.id, "birth_date");
        if (rc == BF_OK)
            rc = column_region(r, s, 3, 0, &in.hukou, "people", in.id, "hukou_region");
        if (rc == BF_OK)
            rc = category_mask(r, store_column_text(s, 4), &in.categories);
        if (rc == BF_OK)
            rc = population_add_person(r->pop, &in, NULL, r->err);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

/*
 * The person of the current record (column 0) and its id "<ID number>/<tag><n>", n counting
 * the person's records of this table; an error when the person was not read.
 */
static int record_person(reader *r, store_stmt *s, const char *table, char tag, size_t *cursor,
                         int32_t *last, int *ordinal, int32_t *person, char *id)
{
    const char *id_number = store_column_text(s, 0);
    *person = person_row(r->pop, cursor, id_number != NULL ? id_number : "");
    if (*person < 0)
        return bf_error_set(r->err, BF_EPARSE,
                            BF_TR("数据库中 %s 表的人员 %s 不在人员表中（或顺序不符）",
                                  "stored %s record of %s: the person is not in people (or out "
                                  "of order)"),
                            table, id_number != NULL ? id_number : "NULL");
    *ordinal = *person == *last ? *ordinal + 1 : 1;
    *last = *person;
    snprintf(id, STORED_RECORD_ID_MAX, "%s/%c%d", id_number, tag, *ordinal);
    return BF_OK;
}

static int read_jobs(reader *r)
{
    store_rows rows;
    size_t cursor = 0;
    int32_t last = -1;
    int ordinal = 0;
    char id[STORED_RECORD_ID_MAX];
    int rc = open_table(r,
                        "id_number, employer, start_date, end_date, region, kind, "
                        "contract_months, insurance_months, hours_tenths, agency, travel_cost",
                        "jobs", "", "id_number, employer, start_date", &rows),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        population_job_input in = {.id = id,
                                   .contract_months = column_count(s, 6, POPULATION_COUNT_UNKNOWN),
                                   .insurance_months = column_count(s, 7, POPULATION_COUNT_UNKNOWN),
                                   .hours_tenths = column_count(s, 8, POPULATION_COUNT_UNKNOWN),
                                   .travel_cost = column_fen(s, 10)};
        rc = record_person(r, s, "jobs", 'j', &cursor, &last, &ordinal, &in.person, id);
        const char *kind = store_column_text(s, 5);
        int parsed = population_job_kind_parse(kind != NULL ? kind : "");
        if (rc == BF_OK && parsed < 0)
            rc = stored_value_error(r, "jobs", id, "kind", kind);
        in.kind = (population_job_kind)parsed;
        if (rc == BF_OK)
            rc = column_org(r, s, 1, &in.employer, "jobs", id, "employer");
        if (rc == BF_OK)
            rc = column_org(r, s, 9, &in.agency, "jobs", id, "agency");
        in.organized = in.agency != POPULATION_NONE;
        if (rc == BF_OK)
            rc = column_day(r, s, 2, 0, &in.start, "jobs", id, "start_date");
        if (rc == BF_OK)
            rc = column_day(r, s, 3, 1, &in.end, "jobs", id, "end_date");
        if (rc == BF_OK)
            rc = column_region(r, s, 4, 0, &in.region, "jobs", id, "region");
        if (rc == BF_OK)
            rc = population_add_job(r->pop, &in, NULL, r->err);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

static int read_trainings(reader *r)
{
    store_rows rows;
    size_t cursor = 0;
    int32_t last = -1;
    int ordinal = 0;
    char id[STORED_RECORD_ID_MAX];
    int rc = open_table(r,
                        "id_number, provider, kind, start_date, end_date, region, days, "
                        "total_hours_tenths, online_hours_tenths, certificate, cost",
                        "trainings", "", "id_number, provider, kind, start_date", &rows),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        population_training_input in = {.id = id,
                                        .days = column_count(s, 6, -1),
                                        .total_hours = column_count(s, 7, POPULATION_COUNT_UNKNOWN),
                                        .online_hours =
                                            column_count(s, 8, POPULATION_COUNT_UNKNOWN),
                                        .cost = column_fen(s, 10)};
        rc = record_person(r, s, "trainings", 't', &cursor, &last, &ordinal, &in.person, id);
        const char *kind = store_column_text(s, 2), *certificate = store_column_text(s, 9);
        int parsed = population_training_kind_parse(kind != NULL ? kind : "");
        int level = population_certificate_parse(
            certificate != NULL && certificate[0] != '\0' ? certificate : NULL);
        if (rc == BF_OK && parsed < 0)
            rc = stored_value_error(r, "trainings", id, "kind", kind);
        if (rc == BF_OK && level < 0)
            rc = stored_value_error(r, "trainings", id, "certificate", certificate);
        in.kind = (population_training_kind)parsed;
        in.certificate = (population_certificate)level;
        if (rc == BF_OK)
            rc = column_org(r, s, 1, &in.provider, "trainings", id, "provider");
        if (rc == BF_OK)
            rc = column_day(r, s, 3, 0, &in.start, "trainings", id, "start_date");
        if (rc == BF_OK)
            rc = column_day(r, s, 4, 0, &in.end, "trainings", id, "end_date");
        if (rc == BF_OK)
            rc = column_region(r, s, 5, 1, &in.region, "trainings", id, "region");
        /* As a situation file without days: every day from start to end. */
        if (rc == BF_OK && in.days < 0)
            in.days = in.end - in.start + 1;
        if (rc == BF_OK)
            rc = population_add_training(r->pop, &in, NULL, r->err);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

static int read_enrolments(reader *r)
{
    store_rows rows;
    size_t cursor = 0;
    int32_t last = -1;
    int ordinal = 0;
    char id[STORED_RECORD_ID_MAX];
    int rc = open_table(r, "id_number, school_kind, start_date, end_date, school_region, full_time",
                        "enrolments", "", "id_number, school_kind, start_date", &rows),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        population_enrolment_input in = {.id = id, .full_time = store_column_int64(s, 5) != 0};
        rc = record_person(r, s, "enrolments", 'e', &cursor, &last, &ordinal, &in.person, id);
        const char *kind = store_column_text(s, 1);
        int parsed = population_school_kind_parse(kind != NULL ? kind : "");
        if (rc == BF_OK && parsed < 0)
            rc = stored_value_error(r, "enrolments", id, "school_kind", kind);
        in.kind = (population_school_kind)parsed;
        if (rc == BF_OK)
            rc = column_day(r, s, 2, 0, &in.start, "enrolments", id, "start_date");
        if (rc == BF_OK)
            rc = column_day(r, s, 3, 1, &in.end, "enrolments", id, "end_date");
        if (rc == BF_OK)
            rc = column_region(r, s, 4, 1, &in.region, "enrolments", id, "school_region");
        if (rc == BF_OK)
            rc = population_add_enrolment(r->pop, &in, NULL, r->err);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

/* Residences and insurance: one column of the people table each. */
static int read_person_columns(reader *r)
{
    store_rows rows;
    size_t cursor = 0;
    int32_t person = -1, last = -1;
    int ordinal = 0;
    char id[STORED_RECORD_ID_MAX];
    int rc = open_table(r, "id_number, site", "residences", "", "id_number", &rows), step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        rc = record_person(r, rows.stmt, "residences", 'r', &cursor, &last, &ordinal, &person, id);
        if (rc == BF_OK)
            rc = column_org(r, rows.stmt, 1, &r->pop->people.residence[person], "residences", id,
                            "site");
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc != BF_OK)
        return rc;
    cursor = 0;
    last = -1;
    rc = open_table(r, "DISTINCT id_number", "insurance",
                    " AND status IN (" STORED_INSURED_STATUSES ")", "id_number", &rows);
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        rc = record_person(r, rows.stmt, "insurance", 'i', &cursor, &last, &ordinal, &person, id);
        if (rc == BF_OK)
            r->pop->people.insured[person] = 1;
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

static void reader_free(reader *r)
{
    string_map_free(&r->orgs);
    string_map_free(&r->category_masks);
    for (int i = 0; i < r->category_text_count; i++)
        free(r->category_texts[i]);
    vocabulary_set_free(&r->lists);
}

int stored_population_read(store *st, const stored_selection *selection, population **out,
                           bf_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.st = st;
    r.err = err;
    r.filter = "1 = 1";
    *out = NULL;
    if (selection->id_number != NULL) {
        r.filter = "id_number = ?";
        r.params[r.param_count++] = selection->id_number;
    } else if (selection->region != NULL) {
        r.filter = PEOPLE_OF_REGION;
        region_code_range(selection->region, r.low, r.high);
        for (int i = 0; i < PEOPLE_OF_REGION_PARAMS; i += 2) {
            r.params[r.param_count++] = r.low;
            r.params[r.param_count++] = r.high;
        }
    }
    bf_error lists_error;
    r.have_lists = vocabulary_set_load_default(&r.lists, &lists_error) == BF_OK;
    int rc = population_create(&r.pop, err);
    if (rc == BF_OK)
        rc = read_orgs(&r);
    if (rc == BF_OK)
        rc = read_people(&r);
    if (rc == BF_OK && r.pop->people.count == 0)
        rc = selection->id_number != NULL
                 ? bf_error_set(err, BF_ENOTFOUND,
                                BF_TR("数据库中没有证件号码为 %s 的人员",
                                      "no person with ID number %s is stored"),
                                selection->id_number)
             : selection->region != NULL
                 ? bf_error_set(err, BF_ENOTFOUND,
                                BF_TR("区划 %s 内没有人员（户籍、工作、培训或单位都不在其中）",
                                      "no one in region %s (no hukou, job, training or "
                                      "organisation there)"),
                                selection->region)
                 : bf_error_set(err, BF_ENOTFOUND, "%s",
                                BF_TR("数据库中没有人员", "no people are stored"));
    if (rc == BF_OK)
        rc = read_jobs(&r);
    if (rc == BF_OK)
        rc = read_trainings(&r);
    if (rc == BF_OK)
        rc = read_enrolments(&r);
    if (rc == BF_OK)
        rc = read_person_columns(&r);
    reader_free(&r);
    if (rc != BF_OK) {
        population_free(r.pop);
        return rc;
    }
    *out = r.pop;
    return BF_OK;
}
