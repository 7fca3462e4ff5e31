/* stored_population.c - the calc population read from the stored facts, one query per table. */
#include "services/stored_population.h"

#include "core/date.h"
#include "core/region_code.h"
#include "core/string_map.h"
#include "services/certification.h"
#include "services/row_pump.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest query text (the organisations' query repeats the selection four times). */
#define STORED_SQL_MAX 8192
/* Most parameters of one query. */
#define STORED_PARAMS_MAX 64
/* Distinct stored category texts ("脱贫人口；防止返贫监测对象") one reading keeps apart. */
#define STORED_CATEGORY_TEXTS_MAX 65536
/* A person without categories, in people.categories while it holds text indexes. */
#define CATEGORY_TEXT_NONE UINT64_MAX
/* Longest record id: an ID number, "/j" and a number. */
#define STORED_RECORD_ID_MAX 40
/* Longest record name in messages: its key columns joined by '|'. */
#define STORED_RECORD_NAME_MAX 160

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

/*
 * One person as people are sorted: by id in byte order (as the stored keys
 * compare), its first 24 bytes held as three big-endian numbers so that
 * comparisons read no string (an 18-character ID number fits whole).
 */
typedef struct person_order {
    uint64_t head[3];
    const char *id;
    uint32_t row;
    uint32_t longer; /* 1: the id goes on past the head */
} person_order;

static int person_order_compare(const void *a, const void *b)
{
    const person_order *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x->head[i] != y->head[i])
            return x->head[i] < y->head[i] ? -1 : 1;
    /* Equal heads: the same string ended within them, or both go on. */
    return x->longer ? strcmp(x->id + sizeof x->head, y->id + sizeof y->head) : 0;
}

static person_order person_order_of(const char *id, uint32_t row)
{
    person_order order = {.id = id, .row = row};
    size_t length = strnlen(id, sizeof order.head + 1);
    for (size_t i = 0; i < sizeof order.head && i < length; i++)
        order.head[i / 8] |= (uint64_t)(unsigned char)id[i] << (8 * (7 - i % 8));
    order.longer = length > sizeof order.head;
    return order;
}

/* The queries of one reading, in the order the pump runs them and the readers take them. */
enum stored_query {
    QUERY_ORGS,
    QUERY_CERTIFICATIONS,
    QUERY_PEOPLE,
    QUERY_JOBS,
    QUERY_TRAININGS,
    QUERY_ENROLMENTS,
    QUERY_RESIDENCES,
    QUERY_INSURANCE,
    QUERY_COUNT
};

/* A distinct stored category text and, once known, its bits. */
typedef struct category_text_bits {
    char *text; /* owned */
    uint64_t mask;
    int known;
} category_text_bits;

/* What one reading holds besides the population. */
typedef struct reader {
    store *st;
    population *pop;
    bf_error *err;
    const char *filter;                    /* the condition on id_number selecting the people */
    const char *params[STORED_PARAMS_MAX]; /* the filter's parameters */
    int param_count;
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    string_map orgs;                    /* org code (the population's id column) -> row */
    person_order *people_order;         /* the people's ids in their (sorted) rows, owned */
    string_map category_index;          /* stored category text -> its index in category_texts */
    category_text_bits *category_texts; /* owned, the texts too */
    size_t category_text_count, category_text_capacity;
    vocabulary_set lists; /* derive three_no and wants_job (registry/person_facts.h) */
    int have_lists;       /* 0 when no lists could be read: nothing derived */
    /* The queries (their texts and the orgs' parameters) and the thread reading them. */
    char sql[QUERY_COUNT][STORED_SQL_MAX];
    const char *org_params[STORED_PARAMS_MAX];
    row_pump_query queries[QUERY_COUNT];
    row_pump *pump;
} reader;

/* The next row of the current query: 1, 0 at its end, or a negative code (r->err filled). */
static int next_row(reader *r, row_pump_row *row)
{
    return row_pump_next(r->pump, row, r->err);
}

static int stored_value_error(reader *r, const char *table, const char *record, const char *field,
                              const char *value)
{
    return bf_error_set(
        r->err, BF_EPARSE,
        BF_TR("数据库中 %s 表记录 %s 的 %s 无效：“%s”", "stored %s record %s: invalid %s '%s'"),
        table, record, field, value != NULL ? value : "NULL");
}

/* The column as a count, unknown when NULL. */
static int32_t column_count(const row_pump_row *values, int column, int32_t unknown)
{
    return row_pump_is_null(values, column) ? unknown : (int32_t)row_pump_int64(values, column);
}

static int64_t column_fen(const row_pump_row *values, int column)
{
    return row_pump_is_null(values, column) ? POPULATION_FEN_UNKNOWN
                                            : row_pump_int64(values, column);
}

/* A date column as a day number; *day is open when the column is NULL and open_ok. */
static int column_day(reader *r, const row_pump_row *values, int column, int open_ok, int32_t *day,
                      const char *table, const char *record, const char *field)
{
    const char *text = row_pump_text(values, column);
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
static int column_region(reader *r, const row_pump_row *values, int column, int optional,
                         int64_t *region, const char *table, const char *record, const char *field)
{
    const char *text = row_pump_text(values, column);
    *region = text != NULL ? population_region_parse(text) : 0;
    if (*region == 0 && !(optional && text == NULL))
        return stored_value_error(r, table, record, field, text);
    return BF_OK;
}

/* The org row of a code column; POPULATION_NONE for NULL or ''. */
static int column_org(reader *r, const row_pump_row *values, int column, int32_t *row,
                      const char *table, const char *record, const char *field)
{
    const char *code = row_pump_text(values, column);
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
 * The index of a stored category text ("A；B") among the distinct texts read,
 * CATEGORY_TEXT_NONE for none.  Its bits are found after the people are
 * sorted (category_bits), so that they are numbered in the people's order.
 */
static int category_text(reader *r, const char *text, uint64_t *index)
{
    int64_t known = 0;
    *index = CATEGORY_TEXT_NONE;
    if (text == NULL || text[0] == '\0')
        return BF_OK;
    if (string_map_find(&r->category_index, text, &known)) {
        *index = (uint64_t)known;
        return BF_OK;
    }
    if (r->category_text_count >= STORED_CATEGORY_TEXTS_MAX)
        return bf_error_set(r->err, BF_ETOOBIG,
                            BF_TR("数据库中不同的帮扶类别组合超过 %d 种",
                                  "more than %d different combinations of stored categories"),
                            STORED_CATEGORY_TEXTS_MAX);
    if (r->category_text_count == r->category_text_capacity) {
        size_t grown = r->category_text_capacity == 0 ? 64 : r->category_text_capacity * 2;
        category_text_bits *more = realloc(r->category_texts, grown * sizeof *more);
        if (more == NULL)
            return bf_error_set(r->err, BF_ENOMEM, NULL);
        r->category_texts = more;
        r->category_text_capacity = grown;
    }
    char *key = strdup(text);
    if (key == NULL || string_map_insert(&r->category_index, key, (int64_t)r->category_text_count,
                                         NULL) != BF_OK) {
        free(key);
        return bf_error_set(r->err, BF_ENOMEM, NULL);
    }
    r->category_texts[r->category_text_count] = (category_text_bits){.text = key};
    *index = r->category_text_count++;
    return BF_OK;
}

/* The bits of a category text, numbering each name the first time it is met. */
static int category_mask(reader *r, category_text_bits *entry)
{
    static const char separator[] = "；";
    char name[POPULATION_CATEGORY_MAX];
    entry->mask = 0;
    for (const char *p = entry->text; *p != '\0';) {
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
                                    entry->text);
            entry->mask |= UINT64_C(1) << bit;
        }
        p += length + (end != NULL ? sizeof separator - 1 : 0);
    }
    entry->known = 1;
    return BF_OK;
}

/*
 * Turns the sorted people's category text indexes (read_people) into bits,
 * the names numbered as they are first met in the people's order: the
 * order the output lists them in, whatever order the table gave.
 */
static int category_bits(reader *r)
{
    population_people *people = &r->pop->people;
    for (size_t i = 0; i < people->count; i++) {
        uint64_t index = people->categories[i];
        if (index == CATEGORY_TEXT_NONE) {
            people->categories[i] = 0;
            continue;
        }
        category_text_bits *entry = &r->category_texts[index];
        if (!entry->known) {
            int rc = category_mask(r, entry);
            if (rc != BF_OK)
                return rc;
        }
        people->categories[i] = entry->mask;
    }
    return BF_OK;
}

/*
 * Plans query k as "SELECT columns FROM table WHERE <filter><also>" with the filter's
 * parameters, in the table's order: the readers sort in memory.  types: row_pump_query's.
 */
static void plan_table(reader *r, int k, const char *columns, const char *types, const char *table,
                       const char *also)
{
    snprintf(r->sql[k], sizeof r->sql[k], "SELECT %s FROM %s WHERE %s%s", columns, table, r->filter,
             also);
    r->queries[k] = (row_pump_query){r->sql[k], r->params, r->param_count, types};
}

/* Plans the organisations' query: those the selected people refer to, and the region's. */
static void plan_orgs(reader *r)
{
    const char **params = r->org_params;
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
    snprintf(r->sql[QUERY_ORGS], sizeof r->sql[QUERY_ORGS],
             "SELECT org_code, kind, region, staff, free_premises FROM orgs WHERE %s%s "
             "ORDER BY org_code",
             r->param_count == PEOPLE_OF_REGION_PARAMS ? IN_RANGE("region") " OR " : "",
             r->param_count > 0 ? referred : "1 = 1");
    r->queries[QUERY_ORGS] = (row_pump_query){r->sql[QUERY_ORGS], params, count, "tttii"};
}

static int read_orgs(reader *r)
{
    row_pump_row row;
    const row_pump_row *s = &row;
    int rc = BF_OK, step = 0;
    while ((step = next_row(r, &row)) == 1) {
        const char *code = row_pump_text(s, 0), *kind = row_pump_text(s, 1);
        population_org_input in = {.id = code != NULL ? code : "",
                                   .staff = column_count(s, 3, POPULATION_COUNT_UNKNOWN),
                                   .free_premises = row_pump_int64(s, 4) != 0};
        int parsed = population_org_kind_parse(kind != NULL ? kind : "");
        if (parsed < 0)
            return stored_value_error(r, "orgs", in.id, "kind", kind);
        in.kind = (population_org_kind)parsed;
        int32_t org = 0;
        rc = column_region(r, s, 2, 0, &in.region, "orgs", in.id, "region");
        if (rc == BF_OK)
            rc = population_add_org(r->pop, &in, &org, r->err);
        if (rc == BF_OK &&
            string_map_insert(&r->orgs, r->pop->orgs.id[org], org, NULL) == BF_ENOMEM)
            rc = bf_error_set(r->err, BF_ENOMEM, NULL);
        if (rc != BF_OK)
            return rc;
    }
    return step;
}

/*
 * An 18-character ID number (17 digits and a digit or X) as one number
 * ordered as the text is (X, after 9, counts 10); -1 for any other id.
 */
static int64_t id_number_rank(const char *id)
{
    int64_t rank = 0;
    for (int i = 0; i < 17; i++) {
        if (id[i] < '0' || id[i] > '9')
            return -1;
        rank = rank * 10 + (id[i] - '0');
    }
    int check = id[17] == 'X' ? 10 : id[17] >= '0' && id[17] <= '9' ? id[17] - '0' : -1;
    return check < 0 || id[18] != '\0' ? -1 : rank * 11 + check;
}

/* An id's rank and its row, as the radix sort moves them. */
typedef struct ranked_row {
    uint64_t rank;
    uint32_t row;
} ranked_row;

/*
 * Sorts count ranked rows by rank (least significant byte first, a byte on
 * which all agree skipped): a few passes over the array instead of qsort's
 * 20 comparisons a row, which were most of the sort of a million people.
 * scratch holds count rows; the result ends in rows.
 */
static void radix_sort_ranks(ranked_row *rows, ranked_row *scratch, size_t count)
{
    size_t histogram[8][256] = {{0}};
    for (size_t i = 0; i < count; i++)
        for (int b = 0; b < 8; b++)
            histogram[b][(rows[i].rank >> (8 * b)) & 0xFF]++;
    ranked_row *from = rows, *to = scratch;
    for (int b = 0; b < 8; b++) {
        size_t *counts = histogram[b], offset = 0;
        if (counts[(rows[0].rank >> (8 * b)) & 0xFF] == count)
            continue; /* every rank has the same byte here */
        for (int v = 0; v < 256; v++) {
            size_t n = counts[v];
            counts[v] = offset;
            offset += n;
        }
        for (size_t i = 0; i < count; i++)
            to[counts[(from[i].rank >> (8 * b)) & 0xFF]++] = from[i];
        ranked_row *swap = from;
        from = to;
        to = swap;
    }
    if (from != rows)
        memcpy(rows, from, count * sizeof *rows);
}

/* The radix sort's two arrays of ranked rows fit in the people's order (sort_people). */
_Static_assert(2 * sizeof(ranked_row) <= sizeof(person_order), "ranked rows fit in person_order");

/*
 * The order of the people by id when every id is an ID number (the stored
 * people's are), by a radix sort of their ranks in rows (2 * count of them);
 * *ranked 0 when an id is not one (the caller then compares the texts).  A
 * repeated id is an error.
 */
static int rank_people(reader *r, ranked_row *rows, uint32_t *order, int *ranked)
{
    const population_people *people = &r->pop->people;
    size_t count = people->count;
    *ranked = 0;
    for (size_t i = 0; i < count; i++) {
        int64_t rank = id_number_rank(people->id[i]);
        if (rank < 0)
            return BF_OK;
        rows[i] = (ranked_row){(uint64_t)rank, (uint32_t)i};
    }
    radix_sort_ranks(rows, rows + count, count);
    for (size_t i = 0; i < count; i++) {
        if (i > 0 && rows[i - 1].rank == rows[i].rank) {
            const char *id = people->id[rows[i].row];
            return stored_value_error(r, "people", id, "id_number", id);
        }
        order[i] = rows[i].row;
    }
    *ranked = 1;
    return BF_OK;
}

/*
 * Puts the people read in table order into ID number order, the order of the
 * output.  A table scan and a sort cost less than reading through the key
 * index, which visits the table's pages at random (SQLite: 1M people 2.8 ->
 * 1.0 s CPU).  r->people_order then holds their ids in that order; its
 * memory serves the radix sort first (no second array of a million rows).
 */
static int sort_people(reader *r)
{
    const population_people *people = &r->pop->people;
    size_t count = people->count;
    person_order *sorted = malloc((count > 0 ? count : 1) * sizeof *sorted);
    uint32_t *order = NULL;
    int rc = BF_OK, in_order = 1, ranked = 0;
    if (sorted == NULL) {
        rc = bf_error_set(r->err, BF_ENOMEM, NULL);
        goto out;
    }
    r->people_order = sorted;
    for (size_t i = 0; i < count; i++) {
        sorted[i] = person_order_of(people->id[i], (uint32_t)i);
        in_order = in_order && (i == 0 || person_order_compare(&sorted[i - 1], &sorted[i]) < 0);
    }
    if (in_order)
        goto out;
    order = malloc(count * sizeof *order);
    if (order == NULL) {
        rc = bf_error_set(r->err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = rank_people(r, (ranked_row *)(void *)sorted, order, &ranked);
    if (rc != BF_OK)
        goto out;
    if (!ranked) {
        for (size_t i = 0; i < count; i++)
            sorted[i] = person_order_of(people->id[i], (uint32_t)i);
        qsort(sorted, count, sizeof *sorted, person_order_compare);
        for (size_t i = 0; i < count; i++) {
            if (i > 0 && person_order_compare(&sorted[i - 1], &sorted[i]) == 0) {
                rc = stored_value_error(r, "people", sorted[i].id, "id_number", sorted[i].id);
                goto out;
            }
            order[i] = sorted[i].row;
        }
    }
    rc = population_people_reorder(r->pop, order, r->err);
    for (size_t i = 0; rc == BF_OK && ranked && i < count; i++)
        sorted[i] = person_order_of(people->id[i], (uint32_t)i);
out:
    free(order);
    return rc;
}

static int read_people(reader *r)
{
    row_pump_row row;
    const row_pump_row *s = &row;
    int rc = BF_OK, step = 0;
    while ((step = next_row(r, &row)) == 1) {
        const char *id = row_pump_text(s, 0), *sex = row_pump_text(s, 2);
        /* The flags by the one rule of registry/person_facts.h: stated, else derived. */
        const char *values[PERSON_FIELD_COUNT] = {NULL};
        values[PERSON_THREE_NO] = row_pump_text(s, 5);
        values[PERSON_WANTS_JOB] = row_pump_text(s, 6);
        values[PERSON_DIFFICULTIES] = row_pump_text(s, 7);
        values[PERSON_EMPLOYMENT_WISH] = row_pump_text(s, 8);
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
            rc = category_text(r, row_pump_text(s, 4), &in.categories); /* bits later */
        if (rc == BF_OK)
            rc = population_add_person(r->pop, &in, NULL, r->err);
        if (rc != BF_OK)
            return rc;
    }
    rc = step < 0 ? step : sort_people(r);
    return rc == BF_OK ? category_bits(r) : rc;
}

/*
 * The person of a record's column 0, *cursor walking forward while the
 * records come in the people's order (the tables are mostly stored in key
 * order) and searching the sorted people otherwise.  An error when the person
 * was not read.
 */
static int record_person(reader *r, const row_pump_row *s, const char *table, size_t *cursor,
                         int32_t *person)
{
    const char *id_number = row_pump_text(s, 0);
    if (id_number == NULL)
        id_number = "";
    const person_order *people = r->people_order, probe = person_order_of(id_number, 0);
    size_t count = r->pop->people.count, low = *cursor;
    if (low >= count || person_order_compare(&people[low], &probe) > 0)
        low = 0; /* out of order: search from the start */
    /* Galloping from the cursor: the next record's person is usually a few rows on. */
    size_t high = low, step = 1;
    while (high < count && person_order_compare(&people[high], &probe) < 0) {
        low = high + 1;
        high += step;
        step *= 2;
    }
    if (high > count)
        high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (person_order_compare(&people[middle], &probe) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    *cursor = low;
    if (low < count && person_order_compare(&people[low], &probe) == 0) {
        *person = (int32_t)low;
        return BF_OK;
    }
    return bf_error_set(r->err, BF_EPARSE,
                        BF_TR("数据库中 %s 表的人员 %s 不在人员表中",
                              "stored %s record of %s: the person is not in people"),
                        table, id_number);
}

/*
 * A person's records of one kind (jobs, trainings, enrolments) as the
 * population holds them: sorted by the table's key, each with the id
 * "<ID number>/<tag><n>", n its place among the person's records.
 */
typedef struct record_key {
    int32_t person;
    int32_t org;    /* employer or provider row; POPULATION_NONE ('') sorts first, as '' */
    int32_t kind;   /* rank of the stored kind text among its kind's texts */
    int32_t start;  /* day */
    uint32_t index; /* of the record's input in the reading */
} record_key;

static int record_key_compare(const void *a, const void *b)
{
    const record_key *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    if (x->org != y->org)
        return x->org < y->org ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return 0;
}

/* Reads one row's fields (not id, person) into input and its key's org, kind and start. */
typedef int (*record_parse)(reader *r, const row_pump_row *s, const char *record, void *input,
                            record_key *key);
/* Adds an input whose id and person are set. */
typedef int (*record_add)(population *pop, const void *input, bf_error *err);

/* How one kind of records is read: its table, key and columns, and the population's input. */
typedef struct record_kind {
    const char *table;
    char tag;             /* of the ids: 'j', 't', 'e' */
    const char *columns;  /* the key's columns first, id_number the first */
    const char *types;    /* of the columns, as row_pump_query's */
    int key_columns;      /* how many of them are the key (named in messages, joined by '|') */
    size_t input_size;    /* sizeof population_<kind>_input */
    size_t id_offset;     /* offsetof its id (const char *) */
    size_t person_offset; /* offsetof its person (int32_t) */
    record_parse parse;
    record_add add;
} record_kind;

/* The rank of text among the count names of names (their byte order, as the keys sort). */
static int32_t name_rank(const char *(*name)(int), int count, int kind)
{
    int32_t rank = 0;
    for (int k = 0; k < count; k++)
        rank += strcmp(name(k), name(kind)) < 0;
    return rank;
}

static int parse_job(reader *r, const row_pump_row *s, const char *record, void *input,
                     record_key *key)
{
    population_job_input *in = input;
    in->contract_months = column_count(s, 6, POPULATION_COUNT_UNKNOWN);
    in->insurance_months = column_count(s, 7, POPULATION_COUNT_UNKNOWN);
    in->hours_tenths = column_count(s, 8, POPULATION_COUNT_UNKNOWN);
    in->travel_cost = column_fen(s, 10);
    const char *kind = row_pump_text(s, 5);
    int parsed = population_job_kind_parse(kind != NULL ? kind : "");
    if (parsed < 0)
        return stored_value_error(r, "jobs", record, "kind", kind);
    in->kind = (population_job_kind)parsed;
    int rc = column_org(r, s, 1, &in->employer, "jobs", record, "employer");
    if (rc == BF_OK)
        rc = column_org(r, s, 9, &in->agency, "jobs", record, "agency");
    in->organized = in->agency != POPULATION_NONE;
    if (rc == BF_OK)
        rc = column_day(r, s, 2, 0, &in->start, "jobs", record, "start_date");
    if (rc == BF_OK)
        rc = column_day(r, s, 3, 1, &in->end, "jobs", record, "end_date");
    if (rc == BF_OK)
        rc = column_region(r, s, 4, 0, &in->region, "jobs", record, "region");
    *key = (record_key){.org = in->employer, .start = in->start};
    return rc;
}

static int parse_training(reader *r, const row_pump_row *s, const char *record, void *input,
                          record_key *key)
{
    population_training_input *in = input;
    in->days = column_count(s, 6, -1);
    in->total_hours = column_count(s, 7, POPULATION_COUNT_UNKNOWN);
    in->online_hours = column_count(s, 8, POPULATION_COUNT_UNKNOWN);
    in->cost = column_fen(s, 10);
    const char *kind = row_pump_text(s, 2), *certificate = row_pump_text(s, 9);
    int parsed = population_training_kind_parse(kind != NULL ? kind : "");
    int level = population_certificate_parse(
        certificate != NULL && certificate[0] != '\0' ? certificate : NULL);
    if (parsed < 0)
        return stored_value_error(r, "trainings", record, "kind", kind);
    if (level < 0)
        return stored_value_error(r, "trainings", record, "certificate", certificate);
    in->kind = (population_training_kind)parsed;
    in->certificate = (population_certificate)level;
    int rc = column_org(r, s, 1, &in->provider, "trainings", record, "provider");
    if (rc == BF_OK)
        rc = column_day(r, s, 3, 0, &in->start, "trainings", record, "start_date");
    if (rc == BF_OK)
        rc = column_day(r, s, 4, 0, &in->end, "trainings", record, "end_date");
    if (rc == BF_OK)
        rc = column_region(r, s, 5, 1, &in->region, "trainings", record, "region");
    /* As a situation file without days: every day from start to end. */
    if (rc == BF_OK && in->days < 0)
        in->days = in->end - in->start + 1;
    *key =
        (record_key){.org = in->provider,
                     .kind = name_rank(population_training_kind_name, TRAINING_KIND_COUNT, parsed),
                     .start = in->start};
    return rc;
}

static int parse_enrolment(reader *r, const row_pump_row *s, const char *record, void *input,
                           record_key *key)
{
    population_enrolment_input *in = input;
    in->full_time = row_pump_int64(s, 5) != 0;
    const char *kind = row_pump_text(s, 1);
    int parsed = population_school_kind_parse(kind != NULL ? kind : "");
    if (parsed < 0)
        return stored_value_error(r, "enrolments", record, "school_kind", kind);
    in->kind = (population_school_kind)parsed;
    int rc = column_day(r, s, 2, 0, &in->start, "enrolments", record, "start_date");
    if (rc == BF_OK)
        rc = column_day(r, s, 3, 1, &in->end, "enrolments", record, "end_date");
    if (rc == BF_OK)
        rc = column_region(r, s, 4, 1, &in->region, "enrolments", record, "school_region");
    *key = (record_key){.kind = name_rank(population_school_kind_name, SCHOOL_KIND_COUNT, parsed),
                        .start = in->start};
    return rc;
}

static int add_job(population *pop, const void *input, bf_error *err)
{
    return population_add_job(pop, input, NULL, err);
}

static int add_training(population *pop, const void *input, bf_error *err)
{
    return population_add_training(pop, input, NULL, err);
}

static int add_enrolment(population *pop, const void *input, bf_error *err)
{
    return population_add_enrolment(pop, input, NULL, err);
}

#define RECORD_INPUT(type) sizeof(type), offsetof(type, id), offsetof(type, person)

static const record_kind record_kinds[] = {
    {"jobs", 'j',
     "id_number, employer, start_date, end_date, region, kind, contract_months, "
     "insurance_months, hours_tenths, agency, travel_cost",
     "ttttttiiiti", 3, RECORD_INPUT(population_job_input), parse_job, add_job},
    {"trainings", 't',
     "id_number, provider, kind, start_date, end_date, region, days, total_hours_tenths, "
     "online_hours_tenths, certificate, cost",
     "ttttttiiiti", 4, RECORD_INPUT(population_training_input), parse_training, add_training},
    {"enrolments", 'e', "id_number, school_kind, start_date, end_date, school_region, full_time",
     "ttttti", 3, RECORD_INPUT(population_enrolment_input), parse_enrolment, add_enrolment},
};

/* The record's key columns joined by '|' (as fact_history.record_key), for messages. */
static void record_name(const row_pump_row *s, int key_columns, char *name, size_t size)
{
    size_t used = 0;
    for (int c = 0; c < key_columns; c++) {
        const char *text = row_pump_text(s, c);
        size_t length = text != NULL ? strlen(text) : 0;
        if (used + (c > 0) + length >= size)
            break;
        if (c > 0)
            name[used++] = '|';
        memcpy(name + used, text != NULL ? text : "", length);
        used += length;
    }
    name[used] = '\0';
}

/* Reads every record of kind into keys and inputs, in the table's order. */
static int read_records(reader *r, const record_kind *kind, record_key **keys,
                        unsigned char **inputs, size_t *count)
{
    row_pump_row row;
    size_t cursor = 0, capacity = 0;
    char record[STORED_RECORD_NAME_MAX];
    int rc = BF_OK, step = 0;
    while (rc == BF_OK && (step = next_row(r, &row)) == 1) {
        if (*count == capacity) {
            size_t grown = capacity == 0 ? 1024 : capacity * 2;
            record_key *more_keys = realloc(*keys, grown * sizeof **keys);
            if (more_keys != NULL)
                *keys = more_keys;
            unsigned char *more_inputs = realloc(*inputs, grown * kind->input_size);
            if (more_inputs != NULL)
                *inputs = more_inputs;
            if (more_keys == NULL || more_inputs == NULL || *count >= POPULATION_ROWS_MAX) {
                rc = bf_error_set(r->err, BF_ENOMEM, NULL);
                break;
            }
            capacity = grown;
        }
        int32_t person = 0;
        rc = record_person(r, &row, kind->table, &cursor, &person);
        if (rc != BF_OK)
            break;
        record_key *key = &(*keys)[*count];
        unsigned char *input = *inputs + *count * kind->input_size;
        memset(input, 0, kind->input_size);
        record_name(&row, kind->key_columns, record, sizeof record);
        rc = kind->parse(r, &row, record, input, key);
        key->person = person;
        key->index = (uint32_t)*count;
        if (rc == BF_OK)
            (*count)++;
    }
    return rc == BF_OK && step < 0 ? step : rc;
}

/* id = "<person's id>/<tag><ordinal>" (STORED_RECORD_ID_MAX bytes, cut when longer). */
static void record_id(const char *person, char tag, int ordinal, char *id)
{
    char digits[16];
    int count = 0;
    do
        digits[count++] = (char)('0' + ordinal % 10);
    while ((ordinal /= 10) > 0 && count < (int)sizeof digits);
    size_t length = strnlen(person, STORED_RECORD_ID_MAX - 3 - (size_t)count);
    memcpy(id, person, length);
    id[length++] = '/';
    id[length++] = tag;
    while (count > 0)
        id[length++] = digits[--count];
    id[length] = '\0';
}

/*
 * The records of one kind into the population in key order: read in the
 * table's order (no ORDER BY: see sort_people), sorted when they were not.
 */
static int read_person_records(reader *r, const record_kind *kind)
{
    record_key *keys = NULL;
    unsigned char *inputs = NULL;
    size_t count = 0, i = 1;
    int rc = read_records(r, kind, &keys, &inputs, &count);
    if (rc != BF_OK)
        goto out;
    while (i < count && record_key_compare(&keys[i - 1], &keys[i]) < 0)
        i++;
    if (i < count)
        qsort(keys, count, sizeof *keys, record_key_compare);
    int32_t last = -1;
    int ordinal = 0;
    char id[STORED_RECORD_ID_MAX];
    for (i = 0; rc == BF_OK && i < count; i++) {
        int32_t person = keys[i].person;
        ordinal = person == last ? ordinal + 1 : 1;
        last = person;
        record_id(r->pop->people.id[person], kind->tag, ordinal, id);
        unsigned char *input = inputs + (size_t)keys[i].index * kind->input_size;
        const char *id_pointer = id;
        memcpy(input + kind->id_offset, &id_pointer, sizeof id_pointer);
        memcpy(input + kind->person_offset, &person, sizeof person);
        rc = kind->add(r->pop, input, r->err);
    }
out:
    free(keys);
    free(inputs);
    return rc;
}

/* Residences and insurance: one column of the people table each. */
static int read_person_columns(reader *r)
{
    row_pump_row row;
    size_t cursor = 0;
    int32_t person = -1;
    char record[STORED_RECORD_NAME_MAX];
    int rc = BF_OK, step = 0;
    while (rc == BF_OK && (step = next_row(r, &row)) == 1) {
        rc = record_person(r, &row, "residences", &cursor, &person);
        record_name(&row, 1, record, sizeof record);
        if (rc == BF_OK)
            rc = column_org(r, &row, 1, &r->pop->people.residence[person], "residences", record,
                            "site");
    }
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc != BF_OK)
        return rc;
    cursor = 0;
    while (rc == BF_OK && (step = next_row(r, &row)) == 1) {
        rc = record_person(r, &row, "insurance", &cursor, &person);
        if (rc == BF_OK)
            r->pop->people.insured[person] = 1;
    }
    return rc == BF_OK && step < 0 ? step : rc;
}

/* Adds the times held of one organisation's decisions as one carrier kind. */
static int add_periods(reader *r, int32_t org, int kind, certification_step *steps, size_t count)
{
    int32_t periods[CERTIFICATION_DECISIONS_MAX][2];
    certification_sequence_check(steps, count); /* sorts; an imported odd sequence still reads */
    size_t n = certification_periods(steps, count, periods, CERTIFICATION_DECISIONS_MAX);
    for (size_t i = 0; i < n; i++) {
        int rc = population_add_certification(
            r->pop, org, (population_org_kind)kind, periods[i][0],
            periods[i][1] == INT32_MAX ? POPULATION_DAY_OPEN : periods[i][1], r->err);
        if (rc != BF_OK)
            return rc;
    }
    return BF_OK;
}

/*
 * The certifications of the organisations read (decisions on carriers, migration 0008), as
 * the times each carrier kind is held (services/certification.h).
 */
static int read_certifications(reader *r)
{
    char last_org[64] = "", last_carrier[64] = "";
    int32_t org = POPULATION_NONE;
    int kind = -1;
    size_t count = 0;
    row_pump_row row;
    const row_pump_row *s = &row;
    certification_step *steps = malloc(CERTIFICATION_DECISIONS_MAX * sizeof *steps);
    if (steps == NULL)
        return bf_error_set(r->err, BF_ENOMEM, NULL);
    int rc = BF_OK, step = 0;
    while (rc == BF_OK && (step = next_row(r, &row)) == 1) {
        const char *code = row_pump_text(s, 0), *carrier = row_pump_text(s, 1);
        if (code == NULL || carrier == NULL)
            continue;
        if (strcmp(code, last_org) != 0 || strcmp(carrier, last_carrier) != 0) {
            if (org != POPULATION_NONE && kind >= 0)
                rc = add_periods(r, org, kind, steps, count);
            snprintf(last_org, sizeof last_org, "%s", code);
            snprintf(last_carrier, sizeof last_carrier, "%s", carrier);
            int64_t found = 0;
            org = string_map_find(&r->orgs, code, &found) ? (int32_t)found : POPULATION_NONE;
            kind = population_org_kind_parse(carrier);
            count = 0;
        }
        int action = certification_action_parse(row_pump_text(s, 3));
        int32_t day = 0;
        if (rc == BF_OK && org != POPULATION_NONE)
            rc = column_day(r, s, 2, 0, &day, "certifications", code, "decided_on");
        if (rc == BF_OK && org != POPULATION_NONE && (action < 0 || kind < 0))
            rc = stored_value_error(r, "certifications", code, action < 0 ? "action" : "carrier",
                                    action < 0 ? row_pump_text(s, 3) : carrier);
        if (rc == BF_OK && org != POPULATION_NONE && count < CERTIFICATION_DECISIONS_MAX)
            steps[count++] = (certification_step){day, (certification_action)action};
    }
    if (rc == BF_OK && step == 0 && org != POPULATION_NONE && kind >= 0)
        rc = add_periods(r, org, kind, steps, count);
    free(steps);
    return rc == BF_OK && step < 0 ? step : rc;
}

/* Every query of the reading, in the order the readers take their rows. */
static void plan_queries(reader *r)
{
    plan_orgs(r);
    r->queries[QUERY_CERTIFICATIONS] =
        (row_pump_query){"SELECT org_code, carrier, decided_on, action FROM certifications "
                         "ORDER BY org_code, carrier",
                         NULL, 0, "tttt"};
    plan_table(r, QUERY_PEOPLE,
               "id_number, birth_date, sex, hukou_region, categories, three_no, wants_job, "
               "difficulties, employment_wish",
               "ttttttttt", "people", "");
    for (int k = 0; k < 3; k++)
        plan_table(r, QUERY_JOBS + k, record_kinds[k].columns, record_kinds[k].types,
                   record_kinds[k].table, "");
    plan_table(r, QUERY_RESIDENCES, "id_number, site", "tt", "residences", "");
    plan_table(r, QUERY_INSURANCE, "id_number", "t", "insurance",
               " AND status IN (" STORED_INSURED_STATUSES ")");
}

static void reader_free(reader *r)
{
    free(r->people_order);
    string_map_free(&r->orgs);
    string_map_free(&r->category_index);
    for (size_t i = 0; i < r->category_text_count; i++)
        free(r->category_texts[i].text);
    free(r->category_texts);
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
    plan_queries(&r);
    int rc = population_create(&r.pop, err);
    if (rc == BF_OK)
        rc = row_pump_start(st, r.queries, QUERY_COUNT, &r.pump, err);
    if (rc == BF_OK)
        rc = read_orgs(&r);
    if (rc == BF_OK)
        rc = read_certifications(&r);
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
    for (size_t k = 0; rc == BF_OK && k < sizeof record_kinds / sizeof record_kinds[0]; k++)
        rc = read_person_records(&r, &record_kinds[k]);
    if (rc == BF_OK)
        rc = read_person_columns(&r);
    row_pump_stop(r.pump);
    reader_free(&r);
    if (rc != BF_OK) {
        population_free(r.pop);
        return rc;
    }
    *out = r.pop;
    return BF_OK;
}
