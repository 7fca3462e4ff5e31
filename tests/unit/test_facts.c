/*
 * test_facts.c - the import of stored facts (services/import_facts.c) on
 * SQLite and on PostgreSQL: a randomized differential test per kind.  Random
 * lists (cells valid, invalid, empty, （清空）, columns left out, keys
 * repeated within a file and across files, --clear-empty or not) are imported
 * one after the other; after each, the counts, the table (every column and
 * both batches) and fact_history must be what a plain in-memory model of the
 * rules of docs/import.md says; every fourth run, the table read through
 * `report --as-of` (services/report_as_of.c) after each file's batch must be
 * the model's table after that file, however the later files changed it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "registry/vocabulary.h"
#include "services/import_facts.h"
#include "services/report_as_of.h"
#include "test_directory.h"
#include "test_engines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Regions (two provinces, two counties), four registered people, three stored organisations. */
#define SEED                                                                                       \
    "INSERT INTO regions VALUES ('370000000000', '山东省', 1, NULL);"                           \
    "INSERT INTO regions VALUES ('370800000000', '济宁市', 2, '370000000000');"                 \
    "INSERT INTO regions VALUES ('370811000000', '任城区', 3, '370800000000');"                 \
    "INSERT INTO regions VALUES ('500000000000', '重庆市', 1, NULL);"                           \
    "INSERT INTO regions VALUES ('500101000000', '万州区', 3, '500000000000');"                 \
    "INSERT INTO people (id_number, name, sex, birth_date, hukou_region, categories, "             \
    "created_batch, updated_batch) VALUES "                                                        \
    "('37081119800101001X', '张伟', '男', '1980-01-01', '370811000000', 'x', 0, 0),"            \
    "('370811198512310022', '李秀英', '女', '1985-12-31', '370811000000', 'x', 0, 0),"         \
    "('370811200002290033', '王强', '男', '2000-02-29', '370811000000', 'x', 0, 0),"            \
    "('500101199006150044', '陈静', '女', '1990-06-15', '500101000000', 'x', 0, 0);"

/* The organisations jobs refer to (valid codes), put back before each run of jobs. */
#define SEED_ORGS                                                                                  \
    "DELETE FROM orgs; INSERT INTO orgs (org_code, name, kind, region, free_premises, "            \
    "created_batch, updated_batch) VALUES "                                                        \
    "('91370811MA3C6Y4N2B', 'a', 'workshop', '370811000000', 0, 0, 0),"                            \
    "('91370811MA3C00011L', 'b', 'enterprise', '370811000000', 0, 0, 0),"                          \
    "('92370811MA3C0002X9', 'c', 'broker', '370811000000', 0, 0, 0);"

/* Bounds of one run. */
#define MODEL_RECORDS_MAX 512
#define MODEL_ROWS_MAX    16
#define MODEL_VALUE_MAX   64
#define MODEL_DUMP_MAX    (256 * 1024)
#define MODEL_HISTORY_MAX 4096
#define MODEL_PAST_MAX    64

static int sqlite_setup(void **state)
{
    return engine_sqlite_setup(state, "facts.sqlite", SEED);
}

static int postgres_setup(void **state)
{
    return engine_postgres_setup(state, "bangfu_test_facts", SEED);
}

/* What one generated cell is. */
typedef enum cell_state { CELL_EMPTY, CELL_CLEAR, CELL_VALID, CELL_INVALID } cell_state;

/* A generated cell: its text in the file, and the stored value when valid. */
typedef struct model_cell {
    cell_state state;
    char written[MODEL_VALUE_MAX];
    char stored[MODEL_VALUE_MAX];
} model_cell;

/* A record of the model: values ("" standing for NULL only with has = 0). */
typedef struct model_record {
    char key[256];
    char values[FACT_COLUMNS_MAX][MODEL_VALUE_MAX];
    int has[FACT_COLUMNS_MAX];
    int64_t created;
    int64_t updated;
} model_record;

/* The model: the records and the history lines written so far. */
typedef struct model {
    const fact_kind *kind;
    vocabulary lists[FACT_COLUMNS_MAX];
    model_record records[MODEL_RECORDS_MAX];
    int count;
    char *history[MODEL_HISTORY_MAX];
    int history_count;
} model;

/* xorshift32: successive draws independent enough for modulo choices (an LCG's are not). */
static unsigned next_random(unsigned *seed)
{
    unsigned x = *seed;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *seed = x;
    return x >> 8;
}

static const char *pick(unsigned *seed, const char *const *choices, int count)
{
    return choices[next_random(seed) % (unsigned)count];
}

/* A valid value of column c: written in one of its accepted forms, and as stored. */
static void valid_value(model *m, int c, unsigned *seed, model_cell *cell)
{
    const fact_column *column = &m->kind->columns[c];
    static const char *const people[] = {"37081119800101001x", "370811198512310022",
                                         "370811200002290033", "500101199006150044"};
    static const char *const orgs[] = {"91370811MA3C6Y4N2B", "91370811ma3c00011l",
                                       "92370811MA3C0002X9"};
    static const char *const own_codes[] = {"91370811MA3C6Y4N2B", "91370811MA3C00011L",
                                            "92370811MA3C0002X9", "93370811MA3C000386",
                                            "91370800MA3C00003U"};
    static const char *const texts[] = {"张三", "李四", "任城区帮扶车间", "x"};
    static const char *const regions[][2] = {{"370811", "370811000000"},
                                             {"370811000000", "370811000000"},
                                             {"500101", "500101000000"},
                                             {"370800", "370800000000"}};
    static const char *const phones[][2] = {{"13853700001", "13853700001"},
                                            {"0537 2345678", "0537-2345678"},
                                            {"138 5370 0002", "13853700002"}};
    static const char *const money[][2] = {
        {"2500", "250000"}, {"0.5", "50"}, {"3200.25", "320025"}, {"0", "0"}, {"12.30", "1230"}};
    static const char *const hours[][2] = {{"176", "1760"}, {"168.5", "1685"}, {"744", "7440"}};
    static const char *const yes_no[][2] = {{"是", "1"}, {"否", "0"}, {"yes", "1"}, {"0", "0"}};
    unsigned r = next_random(seed);
    char *w = cell->written, *s = cell->stored;
    switch (column->type) {
    case FACT_PERSON:
    case FACT_ID_NUMBER:
        snprintf(w, MODEL_VALUE_MAX, "%s", people[r % 4]);
        snprintf(s, MODEL_VALUE_MAX, "%s", people[r % 4]);
        s[17] = s[17] == 'x' ? 'X' : s[17];
        break;
    case FACT_ORG:
        snprintf(w, MODEL_VALUE_MAX, "%s", orgs[r % 3]);
        snprintf(s, MODEL_VALUE_MAX, "%s", orgs[r % 3]);
        for (char *p = s; *p != '\0'; p++)
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        break;
    case FACT_CREDIT_CODE:
        snprintf(w, MODEL_VALUE_MAX, "%s", own_codes[r % 5]);
        snprintf(s, MODEL_VALUE_MAX, "%s", own_codes[r % 5]);
        break;
    case FACT_TEXT:
        snprintf(w, MODEL_VALUE_MAX, "%s", texts[r % 4]);
        snprintf(s, MODEL_VALUE_MAX, "%s", texts[r % 4]);
        break;
    case FACT_PHONE:
        snprintf(w, MODEL_VALUE_MAX, "%s", phones[r % 3][0]);
        snprintf(s, MODEL_VALUE_MAX, "%s", phones[r % 3][1]);
        break;
    case FACT_DATE: {
        int day = 1 + (int)(r % 6), form = (int)(next_random(seed) % 4);
        const char *const formats[] = {"2020-01-%02d", "2020/1/%d", "2020年1月%d日", "202001%02d"};
        snprintf(w, MODEL_VALUE_MAX, formats[form], day);
        snprintf(s, MODEL_VALUE_MAX, "2020-01-%02d", day);
        break;
    }
    case FACT_INTEGER: {
        int64_t values[] = {0, 5, 12, column->max};
        snprintf(w, MODEL_VALUE_MAX, "%lld", (long long)values[r % 4]);
        snprintf(s, MODEL_VALUE_MAX, "%lld", (long long)values[r % 4]);
        break;
    }
    case FACT_MONEY:
        snprintf(w, MODEL_VALUE_MAX, "%s", money[r % 5][0]);
        snprintf(s, MODEL_VALUE_MAX, "%s", money[r % 5][1]);
        break;
    case FACT_HOURS:
        snprintf(w, MODEL_VALUE_MAX, "%s", hours[r % 3][0]);
        snprintf(s, MODEL_VALUE_MAX, "%s", hours[r % 3][1]);
        break;
    case FACT_YES_NO:
        snprintf(w, MODEL_VALUE_MAX, "%s", yes_no[r % 4][0]);
        snprintf(s, MODEL_VALUE_MAX, "%s", yes_no[r % 4][1]);
        break;
    case FACT_WORD: {
        const vocabulary *list = &m->lists[c];
        const vocabulary_value *value = &list->values[r % (unsigned)list->count];
        const char *forms[] = {value->code, value->label, value->english};
        snprintf(w, MODEL_VALUE_MAX, "%s", forms[next_random(seed) % 3]);
        snprintf(s, MODEL_VALUE_MAX, "%s", value->code);
        break;
    }
    case FACT_REGION:
        snprintf(w, MODEL_VALUE_MAX, "%s", regions[r % 4][0]);
        snprintf(s, MODEL_VALUE_MAX, "%s", regions[r % 4][1]);
        break;
    case FACT_MONTH: {
        int month = 1 + (int)(r % 12), form = (int)(next_random(seed) % 3);
        const char *const formats[] = {"2020-%02d", "2020年%d月", "2020%02d"};
        snprintf(w, MODEL_VALUE_MAX, formats[form], month);
        snprintf(s, MODEL_VALUE_MAX, "2020-%02d", month);
        break;
    }
    case FACT_RECORD: /* no kind of this test refers to another's records */
        break;
    case FACT_CATEGORIES:
        snprintf(w, MODEL_VALUE_MAX, "%s", r % 2 ? "脱贫享受政策人口" : "建档立卡贫困人口");
        snprintf(s, MODEL_VALUE_MAX, "%s", r % 2 ? "脱贫享受政策人口" : "建档立卡贫困人口");
        break;
    }
}

/* An invalid value of column c (each a reason of docs/import.md). */
static void invalid_value(const fact_column *column, unsigned *seed, model_cell *cell)
{
    static const char *const people[] = {"370811198001010011", "110101199003070011", "abc"};
    static const char *const orgs[] = {"91370811MA3C000467", "91370811MA3C00012L", "9.13E+17"};
    static const char *const dates[] = {"2020-02-30", "43891", "2020-1"};
    static const char *const integers[] = {"x", "-1", "1.5"};
    static const char *const money[] = {"1.234", "-5", "abc"};
    static const char *const hours[] = {"744.1", "1.25", "x"};
    static const char *const regions[] = {"379999", "3708x", "12"};
    const char *text = "也许";
    switch (column->type) {
    case FACT_PERSON:
    case FACT_ID_NUMBER:
        text = pick(seed, people + (column->type == FACT_ID_NUMBER), 2);
        break;
    case FACT_MONTH:
        text = "2020-13";
        break;
    case FACT_RECORD:
        text = "no such record";
        break;
    case FACT_CATEGORIES:
        text = "贫困户";
        break;
    case FACT_ORG:
    case FACT_CREDIT_CODE:
        text = pick(seed, orgs + (column->type == FACT_CREDIT_CODE), 2);
        break;
    case FACT_TEXT:
        text = "=HYPERLINK(1)";
        break;
    case FACT_PHONE:
        text = "12345";
        break;
    case FACT_DATE:
        text = pick(seed, dates, 3);
        break;
    case FACT_INTEGER:
        text = column->max > 0 && next_random(seed) % 2 ? "99999999999" : pick(seed, integers, 3);
        break;
    case FACT_MONEY:
        text = pick(seed, money, 3);
        break;
    case FACT_HOURS:
        text = pick(seed, hours, 3);
        break;
    case FACT_REGION:
        text = pick(seed, regions, 3);
        break;
    case FACT_YES_NO:
    case FACT_WORD:
        break;
    }
    snprintf(cell->written, MODEL_VALUE_MAX, "%s", text);
}

static void generate_cell(model *m, int c, unsigned *seed, model_cell *cell)
{
    unsigned r = next_random(seed) % 100;
    cell->written[0] = cell->stored[0] = '\0';
    cell->state = r < 10 ? CELL_EMPTY : r < 15 ? CELL_CLEAR : r < 24 ? CELL_INVALID : CELL_VALID;
    if (cell->state == CELL_CLEAR)
        snprintf(cell->written, MODEL_VALUE_MAX, "%s", r % 2 ? "（清空）" : "(清空)");
    else if (cell->state == CELL_INVALID)
        invalid_value(&m->kind->columns[c], seed, cell);
    else if (cell->state == CELL_VALID)
        valid_value(m, c, seed, cell);
    /* No kind of this test refers to another's records: such a cell has no valid value but
       empty (a job's 项目编号). */
    if (cell->state == CELL_VALID && m->kind->columns[c].type == FACT_RECORD)
        cell->state = CELL_EMPTY;
}

static int column_required(const fact_column *column)
{
    return (column->flags & FACT_REQUIRED) ||
           ((column->flags & FACT_KEY) && !(column->flags & FACT_EMPTY_KEY));
}

/* The rules across columns, as docs/import.md states them. */
static int model_check(const model *m, const char *const *values)
{
    if (strcmp(m->kind->name, "jobs") != 0)
        return 1;
    const char *employer = values[1], *kind = values[3], *start = values[4], *end = values[5];
    if ((employer == NULL || employer[0] == '\0') && strcmp(kind, "agriculture") != 0 &&
        strcmp(kind, "self_employed") != 0)
        return 0;
    /* 以工代赈 is on a project (values[12], 项目编号), which no run of this test gives */
    const char *project = m->kind->column_count > 12 ? values[12] : NULL;
    if (strcmp(kind, "work_relief") == 0 && (project == NULL || project[0] == '\0'))
        return 0;
    return end == NULL || strcmp(end, start) >= 0;
}

static model_record *model_find(model *m, const char *key)
{
    for (int i = 0; i < m->count; i++)
        if (strcmp(m->records[i].key, key) == 0)
            return &m->records[i];
    return NULL;
}

static void history_add(model *m, const model_record *record, int c, const char *old,
                        const char *now, int64_t batch)
{
    char line[512];
    snprintf(line, sizeof line, "%s|%s|%lld|%s|%s|%s", m->kind->name, record->key, (long long)batch,
             m->kind->columns[c].column, old != NULL ? old : "∅", now != NULL ? now : "∅");
    assert_true(m->history_count < MODEL_HISTORY_MAX);
    m->history[m->history_count++] = strdup(line);
}

/* The counts one file gives. */
typedef struct model_counts {
    int64_t rows, inserted, updated, unchanged, rejected;
} model_counts;

/*
 * Applies the rows of one file (present[c]: the column is in the header) to
 * the model as the import must, stamping changes with batch.
 */
static void model_apply(model *m, model_cell rows[][FACT_COLUMNS_MAX], int row_count,
                        const int *present, int clear_empty, int64_t batch, model_counts *counts,
                        int *accepted)
{
    const fact_kind *kind = m->kind;
    char seen[MODEL_ROWS_MAX][256];
    int seen_count = 0;
    memset(counts, 0, sizeof *counts);
    for (int r = 0; r < row_count; r++) {
        const model_cell *cells = rows[r];
        int any = 0, rejected = 0, key_valid = 1;
        accepted[r] = 0;
        for (int c = 0; c < kind->column_count; c++)
            any |= present[c] && cells[c].state != CELL_EMPTY;
        if (!any)
            continue; /* the reader skips an empty row */
        counts->rows++;
        enum { KEEP, CLEAR, VALUE } asks[FACT_COLUMNS_MAX];
        for (int c = 0; c < kind->column_count; c++) {
            const fact_column *column = &kind->columns[c];
            cell_state state = present[c] ? cells[c].state : CELL_EMPTY;
            int bad = 0;
            asks[c] = KEEP;
            if (state == CELL_EMPTY)
                bad = column_required(column);
            else if (state == CELL_CLEAR)
                bad = column_required(column) || (column->flags & FACT_KEY);
            else if (state == CELL_INVALID)
                bad = 1;
            if (state == CELL_EMPTY && present[c] && clear_empty && !(column->flags & FACT_KEY))
                asks[c] = CLEAR;
            if (state == CELL_CLEAR)
                asks[c] = CLEAR;
            if (state == CELL_VALID)
                asks[c] = VALUE;
            rejected |= bad;
            if (bad && (column->flags & FACT_KEY))
                key_valid = 0;
        }
        char key[256] = "";
        for (int c = 0; c < kind->column_count; c++)
            if (kind->columns[c].flags & FACT_KEY)
                snprintf(key + strlen(key), sizeof key - strlen(key), "%s%s", key[0] ? "|" : "",
                         asks[c] == VALUE ? cells[c].stored : "");
        if (key_valid) {
            int repeated = 0;
            for (int i = 0; i < seen_count; i++)
                repeated |= strcmp(seen[i], key) == 0;
            if (repeated)
                rejected = 1;
            else
                snprintf(seen[seen_count++], sizeof seen[0], "%s", key);
        }
        if (rejected || !key_valid) {
            counts->rejected++;
            continue;
        }
        model_record *record = model_find(m, key);
        const char *merged[FACT_COLUMNS_MAX];
        for (int c = 0; c < kind->column_count; c++) {
            if (asks[c] == VALUE)
                merged[c] = cells[c].stored;
            else if (kind->columns[c].flags & FACT_KEY)
                merged[c] = "";
            else if (asks[c] == CLEAR)
                merged[c] = kind->columns[c].fallback; /* NULL, or "not said" */
            else if (record != NULL)
                merged[c] = record->has[c] ? record->values[c] : NULL;
            else
                merged[c] = kind->columns[c].fallback;
        }
        if (!model_check(m, merged)) {
            counts->rejected++;
            continue;
        }
        if (record == NULL) {
            assert_true(m->count < MODEL_RECORDS_MAX);
            record = &m->records[m->count++];
            snprintf(record->key, sizeof record->key, "%s", key);
            for (int c = 0; c < kind->column_count; c++) {
                record->has[c] = merged[c] != NULL;
                snprintf(record->values[c], MODEL_VALUE_MAX, "%s", merged[c] ? merged[c] : "");
            }
            record->created = record->updated = batch;
            counts->inserted++;
            accepted[r] = 1;
            continue;
        }
        int changed = 0;
        for (int c = 0; c < kind->column_count; c++) {
            const char *old = record->has[c] ? record->values[c] : NULL;
            int same = old == NULL ? merged[c] == NULL || merged[c][0] == '\0'
                                   : merged[c] != NULL && strcmp(old, merged[c]) == 0;
            if (same)
                continue;
            history_add(m, record, c, old, merged[c], batch);
            record->has[c] = merged[c] != NULL;
            snprintf(record->values[c], MODEL_VALUE_MAX, "%s", merged[c] ? merged[c] : "");
            changed = 1;
        }
        accepted[r] = 1;
        if (changed) {
            record->updated = batch;
            counts->updated++;
        } else {
            counts->unchanged++;
        }
    }
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts lines and joins them with newlines into out. */
static void join_sorted(char **lines, int count, char *out, size_t size)
{
    size_t used = 0;
    qsort(lines, (size_t)count, sizeof *lines, compare_lines);
    out[0] = '\0';
    for (int i = 0; i < count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s\n", lines[i]);
}

/* The table's rows (every column, both batches) as sorted lines. */
static void dump_table(store *st, const fact_kind *kind, char *out, size_t size)
{
    char sql[2048] = "SELECT ";
    for (int c = 0; c < kind->column_count; c++)
        snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "%s, ", kind->columns[c].column);
    snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "created_batch, updated_batch FROM %s",
             fact_kind_table(kind));
    store_stmt *stmt = NULL;
    char *lines[MODEL_RECORDS_MAX];
    int count = 0;
    assert_int_equal(store_prepare(st, sql, &stmt), BF_OK);
    while (store_step(stmt) == BF_ROW) {
        char line[2048] = "";
        for (int c = 0; c < kind->column_count + 2; c++) {
            const char *v = store_column_text(stmt, c);
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", c > 0 ? "|" : "",
                     v != NULL ? v : "∅");
        }
        assert_true(count < MODEL_RECORDS_MAX);
        lines[count++] = strdup(line);
    }
    store_finalize(stmt);
    join_sorted(lines, count, out, size);
    for (int i = 0; i < count; i++)
        free(lines[i]);
}

static void dump_model(const model *m, char *out, size_t size)
{
    char *lines[MODEL_RECORDS_MAX];
    for (int i = 0; i < m->count; i++) {
        const model_record *record = &m->records[i];
        char line[2048] = "";
        for (int c = 0; c < m->kind->column_count; c++)
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", c > 0 ? "|" : "",
                     record->has[c] ? record->values[c] : "∅");
        snprintf(line + strlen(line), sizeof line - strlen(line), "|%lld|%lld",
                 (long long)record->created, (long long)record->updated);
        lines[i] = strdup(line);
    }
    join_sorted(lines, m->count, out, size);
    for (int i = 0; i < m->count; i++)
        free(lines[i]);
}

static void dump_history(store *st, char *out, size_t size)
{
    store_stmt *stmt = NULL;
    char *lines[MODEL_HISTORY_MAX];
    int count = 0;
    assert_int_equal(store_prepare(st,
                                   "SELECT kind, record_key, batch_id, field, old_value, "
                                   "new_value FROM fact_history",
                                   &stmt),
                     BF_OK);
    while (store_step(stmt) == BF_ROW) {
        char line[512] = "";
        for (int c = 0; c < 6; c++) {
            const char *v = store_column_text(stmt, c);
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", c > 0 ? "|" : "",
                     v != NULL ? v : "∅");
        }
        assert_true(count < MODEL_HISTORY_MAX);
        lines[count++] = strdup(line);
    }
    store_finalize(stmt);
    join_sorted(lines, count, out, size);
    for (int i = 0; i < count; i++)
        free(lines[i]);
}

/* Writes one CSV field, quoted. */
static void write_field(FILE *file, const char *text, int first)
{
    fprintf(file, "%s\"", first ? "" : ",");
    for (const char *p = text; *p != '\0'; p++)
        fprintf(file, *p == '"' ? "\"\"" : "%c", *p);
    fputc('"', file);
}

/* Steps of one run of the differential, and every how many runs --as-of is checked. */
#define MODEL_STEPS       6
#define MODEL_AS_OF_EVERY 4

/*
 * `report --as-of` (services/report_as_of.c): on a connection of its own, the table as it
 * was after each step's batch is the model's table recorded after that step.
 */
static void check_as_of(const engine_fixture *f, const fact_kind *kind, char *const *recorded,
                        const int64_t *batches, int steps, char *actual)
{
    for (int step = 0; step < steps; step++) {
        store *past = NULL;
        bf_error err;
        bf_error_clear(&err);
        assert_int_equal(store_open(f->target, &past, &err), BF_OK);
        int rc = report_as_of_open(past, batches[step], &err);
        if (rc != BF_OK)
            print_message("%s\n", err.message);
        assert_int_equal(rc, BF_OK);
        dump_table(past, kind, actual, MODEL_DUMP_MAX);
        store_close(past);
        assert_string_equal(actual, recorded[step]);
    }
}

/* Random runs of imports of kind name against the model. */
static void run_differential(void **state, const char *name, int runs)
{
    engine_fixture *f = engine_of(state);
    const fact_kind *kind = fact_kind_find(name);
    model *m = calloc(1, sizeof *m);
    char *expected = malloc(MODEL_DUMP_MAX), *actual = malloc(MODEL_DUMP_MAX);
    char path[TEST_PATH_MAX], errors[TEST_PATH_MAX], dir[VOCABULARY_PATH_MAX];
    model_cell rows[MODEL_ROWS_MAX][FACT_COLUMNS_MAX];
    static model_cell past[MODEL_PAST_MAX][FACT_COLUMNS_MAX]; /* rows given in this run */
    int past_count = 0;
    bf_error err;
    assert_non_null(kind);
    assert_non_null(m);
    assert_non_null(expected);
    assert_non_null(actual);
    m->kind = kind;
    assert_int_equal(vocabulary_find_dir(NULL, dir, sizeof dir, &err), BF_OK);
    for (int c = 0; c < kind->column_count; c++)
        if (kind->columns[c].type == FACT_WORD)
            assert_int_equal(
                vocabulary_load_list(&m->lists[c], dir, kind->columns[c].vocabulary, &err), BF_OK);
    char *recorded[MODEL_STEPS] = {0}; /* the model after each step of the run */
    int64_t batches[MODEL_STEPS];
    temporary_path(path, "facts.csv");
    temporary_path(errors, "facts.errors.csv");
    unsigned seed = 20261201u;
    for (int run = 0; run < runs; run++) {
        char sql[256];
        snprintf(sql, sizeof sql, "DELETE FROM %s; DELETE FROM fact_history;", name);
        assert_int_equal(store_exec(f->st, sql), BF_OK);
        if (strcmp(name, "jobs") == 0)
            assert_int_equal(store_exec(f->st, SEED_ORGS), BF_OK);
        for (int i = 0; i < m->history_count; i++)
            free(m->history[i]);
        m->count = m->history_count = 0;
        past_count = 0;
        for (int step = 0; step < MODEL_STEPS; step++) {
            int present[FACT_COLUMNS_MAX], row_count = 1 + (int)(next_random(&seed) % 12);
            int clear_empty = next_random(&seed) % 4 == 0;
            FILE *file = fopen(path, "w");
            assert_non_null(file);
            int first = 1;
            for (int c = 0; c < kind->column_count; c++) {
                present[c] = column_required(&kind->columns[c]) || next_random(&seed) % 3 != 0;
                if (present[c]) {
                    write_field(file,
                                next_random(&seed) % 2 ? kind->columns[c].header
                                                       : kind->columns[c].alias,
                                first);
                    first = 0;
                }
            }
            fputc('\n', file);
            for (int r = 0; r < row_count; r++) {
                first = 1;
                /* Often a row taken before with one cell (or none) drawn again: the same
                 * record unchanged, or changed in a single field (the last one too). */
                int again = past_count > 0 && next_random(&seed) % 2 == 0;
                int redraw = (int)(next_random(&seed) % (unsigned)(kind->column_count + 1));
                if (again)
                    memcpy(rows[r], past[next_random(&seed) % (unsigned)past_count],
                           sizeof rows[r]);
                for (int c = 0; c < kind->column_count; c++) {
                    if (!again || c == redraw)
                        generate_cell(m, c, &seed, &rows[r][c]);
                    if (present[c]) {
                        write_field(file, rows[r][c].written, first);
                        first = 0;
                    }
                }
                fputc('\n', file);
            }
            fclose(file);
            import_people_options options = {
                .path = path, .errors_path = errors, .clear_empty = clear_empty};
            import_people_result result;
            bf_error_clear(&err);
            int rc = import_facts(f->st, kind, &options, &result, &err);
            if (rc != BF_OK)
                print_message("%s\n", err.message);
            assert_int_equal(rc, BF_OK);
            model_counts counts;
            int accepted[MODEL_ROWS_MAX];
            model_apply(m, rows, row_count, present, clear_empty, result.batch, &counts, accepted);
            for (int r = 0; r < row_count; r++) /* the rows taken, for the rows to come */
                if (accepted[r] && past_count < MODEL_PAST_MAX)
                    memcpy(past[past_count++], rows[r], sizeof rows[r]);
                else if (accepted[r])
                    memcpy(past[next_random(&seed) % MODEL_PAST_MAX], rows[r], sizeof rows[r]);
            assert_int_equal(result.rows, counts.rows);
            assert_int_equal(result.inserted, counts.inserted);
            assert_int_equal(result.updated, counts.updated);
            assert_int_equal(result.unchanged, counts.unchanged);
            assert_int_equal(result.rejected, counts.rejected);
            dump_model(m, expected, MODEL_DUMP_MAX);
            dump_table(f->st, kind, actual, MODEL_DUMP_MAX);
            assert_string_equal(actual, expected);
            free(recorded[step]);
            recorded[step] = strdup(expected);
            batches[step] = result.batch;
            join_sorted(m->history, m->history_count, expected, MODEL_DUMP_MAX);
            dump_history(f->st, actual, MODEL_DUMP_MAX);
            assert_string_equal(actual, expected);
        }
        if (run % MODEL_AS_OF_EVERY == 0)
            check_as_of(f, kind, recorded, batches, MODEL_STEPS, actual);
    }
    for (int step = 0; step < MODEL_STEPS; step++)
        free(recorded[step]);
    for (int i = 0; i < m->history_count; i++)
        free(m->history[i]);
    for (int c = 0; c < kind->column_count; c++)
        if (m->lists[c].word_texts != NULL)
            vocabulary_free(&m->lists[c]);
    free(m);
    free(expected);
    free(actual);
}

static void test_orgs_differential(void **state)
{
    run_differential(state, "orgs", 40);
}

static void test_jobs_differential(void **state)
{
    run_differential(state, "jobs", 40);
}

/*
 * A whole list (the poverty office's) over four files: a person removed and given again,
 * one added and removed later; --as-of each file's batch reads the list as it was then,
 * the removed records back with their last values, the one not yet given absent.
 */
static void test_as_of_removed(void **state)
{
    engine_fixture *f = engine_of(state);
    const fact_kind *kind = fact_kind_find("poverty");
    static const char *const lists[] = {
        "证件号码,姓名\n37081119800101001X,甲\n370811198512310022,乙\n370811200002290033,丙\n",
        "证件号码,姓名\n37081119800101001X,甲\n370811198512310022,乙改\n",
        "证件号码,姓名\n37081119800101001X,甲\n370811198512310022,乙改\n370811200002290033,"
        "丙二\n110101195001010009,丁\n",
        "证件号码,姓名\n37081119800101001X,甲三\n"};
    enum { LISTS = sizeof lists / sizeof lists[0] };
    char *recorded[LISTS], path[TEST_PATH_MAX], errors[TEST_PATH_MAX];
    int64_t batches[LISTS];
    char *actual = malloc(MODEL_DUMP_MAX);
    assert_non_null(kind);
    assert_non_null(actual);
    assert_int_equal(store_exec(f->st, "DELETE FROM poverty_list; DELETE FROM fact_history;"),
                     BF_OK);
    temporary_path(path, "poverty.csv");
    temporary_path(errors, "poverty.errors.csv");
    for (int l = 0; l < LISTS; l++) {
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fputs(lists[l], file);
        fclose(file);
        import_people_options options = {.path = path, .errors_path = errors};
        import_people_result result;
        bf_error err;
        bf_error_clear(&err);
        assert_int_equal(import_facts(f->st, kind, &options, &result, &err), BF_OK);
        assert_int_equal(result.rejected, 0);
        recorded[l] = malloc(MODEL_DUMP_MAX);
        assert_non_null(recorded[l]);
        dump_table(f->st, kind, recorded[l], MODEL_DUMP_MAX);
        batches[l] = result.batch;
    }
    check_as_of(f, kind, recorded, batches, LISTS, actual);
    assert_non_null(strstr(recorded[0], "丙"));
    assert_null(strstr(recorded[1], "丙"));
    for (int l = 0; l < LISTS; l++)
        free(recorded[l]);
    free(actual);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_orgs_differential),
        cmocka_unit_test(test_jobs_differential),
        cmocka_unit_test(test_as_of_removed),
    };
    int failed =
        cmocka_run_group_tests_name("facts on sqlite", tests, sqlite_setup, engine_teardown);
    failed +=
        cmocka_run_group_tests_name("facts on postgresql", tests, postgres_setup, engine_teardown);
    return failed;
}
