/*
 * test_import.c - the import of lists of people, differentially: random base
 * lists and random update lists (any subset of columns, cells changed, left
 * empty, cleared with （清空）, repeated ID numbers, rejected rows, with and
 * without --clear-empty) go in sequence through the real import_people() on
 * SQLite and on PostgreSQL ($BANGFU_TEST_PG, skipped without it).  After
 * each import the registry, the history rows of its batch and the counts are
 * compared with a plain in-memory model of what they must hold.  Half the
 * imports keep their rows in runs of 1 to 8 rows instead of the default
 * (2^17, 2^18), so that a list goes to the store in many runs.
 *
 * $BANGFU_TEST_IMPORT_STEPS sets the number of imports per engine (default
 * TEST_STEPS_SQLITE, TEST_STEPS_POSTGRES); $BANGFU_TEST_IMPORT_SEED the seed
 * (default: fixed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/idcard.h"
#include "registry/person.h"
#include "services/import_people.h"
#include "store/migrate.h"
#include "store/store.h"
#include "test_directory.h"
#include "test_engines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Imports per engine: each costs a few milliseconds on SQLite, tens on the
 * PostgreSQL server (its statements are prepared per import); people in the
 * pool of ID numbers; most rows of one list.
 */
#define TEST_STEPS_SQLITE   1000
#define TEST_STEPS_POSTGRES 200
#define TEST_POOL           64
#define TEST_ROWS_MAX       64
/* Longest value the model holds (the values are short). */
#define TEST_VALUE_MAX 96
/* Most history rows one import can write. */
#define TEST_HISTORY_MAX (TEST_ROWS_MAX * PERSON_FIELD_COUNT)

/* One person as the registry must hold them. */
typedef struct model_person {
    int present;
    char values[PERSON_FIELD_COUNT][TEST_VALUE_MAX]; /* "" for NULL */
    int64_t created_batch, updated_batch;
} model_person;

/* One expected history row of the last import. */
typedef struct model_change {
    int person;
    int field;
    char old_value[TEST_VALUE_MAX], new_value[TEST_VALUE_MAX];
} model_change;

typedef struct model {
    char ids[TEST_POOL][IDCARD_TEXT_MAX]; /* ascending, as ORDER BY id_number returns them */
    model_person people[TEST_POOL];
    model_change changes[TEST_HISTORY_MAX];
    int change_count;
    int64_t history_rows;
} model;

/* A cell as written and, for a value, the value it must be stored as. */
typedef struct written {
    const char *cell;
    const char *stored;
} written;

static const written names[] = {{"张伟", "张伟"}, {"李秀英", "李秀英"}, {"王 强", "王 强"}};
static const written regions[] = {
    {"370811", "370811000000"}, {"500101000000", "500101000000"}, {"３７０８１１", "370811000000"}};
static const written categories[] = {
    {"建档立卡贫困人口", "建档立卡贫困人口"},
    {"即时帮扶人口；脱贫享受政策人口", "脱贫享受政策人口；即时帮扶人口"},
    {"黄河滩区迁建居民", "黄河滩区迁建居民"}};
static const written phones[] = {{"13853700001", "13853700001"},
                                 {"138 5370 0002", "13853700002"},
                                 {"0537-1234567", "0537-1234567"},
                                 {"（0537）1234568", "0537-1234568"}};
static const written households[] = {{"H1", "H1"}, {"Ｈ２", "H2"}, {"H3", "H3"}};
static const written plain[] = {{"甲", "甲"}, {"乙", "乙"}, {"丙", "丙"}};
/* The 四清 fields: words of the vocabularies/ lists as clerks write them, stored canonical. */
static const written labor_abilities[] = {{"有劳动能力", "有劳动能力"},
                                          {"半劳动力", "弱劳动能力"},
                                          {"ＡＢＬＥ", "有劳动能力"},
                                          {"丧失劳动力", "丧失劳动能力"}};
static const written employment_statuses[] = {
    {"务工", "已就业"}, {"未就业", "未就业"}, {"外出务工", "县外务工"}, {" 务农 ", "务农"}};
static const written employment_wishes[] = {
    {"有", "有就业意愿"}, {"无", "无就业意愿"}, {"就近就业", "有就近就业意愿"}};
static const written training_wishes[] = {
    {"有", "有培训意愿"}, {"否", "无培训意愿"}, {"Wants Training", "有培训意愿"}};
static const written difficulties[] = {{"缺技能", "缺乏技能"},
                                       {"年龄大；缺技能", "缺乏技能；年龄偏大"},
                                       {"照顾家庭、无法外出", "家庭照护；无法外出"}};
/* A word no list has: the row is refused. */
#define UNLISTED_WORD "很强"
/* The flags (三无, 有就业意愿): 是/否 and their other words, stored as 1/0. */
static const written flags[] = {
    {"是", "1"}, {"否", "0"}, {"有", "1"}, {"ｎｏ", "0"}, {" 无 ", "0"}};

/* splitmix64, its state in the caller. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int below(uint64_t *state, int bound)
{
    return (int)(next_random(state) % (uint64_t)bound);
}

#define TABLE(table) (*count = (int)(sizeof table / sizeof table[0]), table)

/* The values a field's cell is drawn from. */
static const written *field_values(person_field field, int *count)
{
    switch (field) {
    case PERSON_LABOR_ABILITY:
        return TABLE(labor_abilities);
    case PERSON_EMPLOYMENT_STATUS:
        return TABLE(employment_statuses);
    case PERSON_EMPLOYMENT_WISH:
        return TABLE(employment_wishes);
    case PERSON_TRAINING_WISH:
        return TABLE(training_wishes);
    case PERSON_DIFFICULTIES:
        return TABLE(difficulties);
    case PERSON_THREE_NO:
    case PERSON_WANTS_JOB:
        return TABLE(flags);
    case PERSON_PHONE:
        *count = (int)(sizeof phones / sizeof phones[0]);
        return phones;
    case PERSON_HOUSEHOLD_ID:
        *count = (int)(sizeof households / sizeof households[0]);
        return households;
    default:
        *count = (int)(sizeof plain / sizeof plain[0]);
        return plain;
    }
}

/* The regions of the lists. */
#define SEED_REGIONS                                                                               \
    "INSERT INTO regions VALUES ('370811000000', '任城区', 3, NULL);"                           \
    "INSERT INTO regions VALUES ('500101000000', '万州区', 3, NULL)"

static int sqlite_setup(void **state)
{
    if (engine_sqlite_setup(state, "import.sqlite", SEED_REGIONS) != 0)
        return -1;
    /* A scratch file: no need to wait for the disk at each of the thousands of commits. */
    engine_fixture *f = *state;
    return store_exec(f->st, "PRAGMA synchronous = OFF") == BF_OK ? 0 : -1;
}

static int postgres_setup(void **state)
{
    return engine_postgres_setup(state, "bangfu_test_import", SEED_REGIONS);
}

/* The pool of ID numbers (born 1980-01-01, sequence 1..TEST_POOL), ascending. */
static void model_init(model *m)
{
    memset(m, 0, sizeof *m);
    for (int i = 0; i < TEST_POOL; i++) {
        char digits[18];
        snprintf(digits, sizeof digits, "37081119800101%03u",
                 (unsigned)(i + 1) % 1000u); /* TEST_POOL < 1000 */
        snprintf(m->ids[i], sizeof m->ids[i], "%s%c", digits, idcard_check_character(digits));
    }
}

/* What one generated cell asks for. */
enum { ACTION_ABSENT, ACTION_EMPTY, ACTION_CLEAR, ACTION_VALUE };

/* One generated row, as the model reads it. */
typedef struct generated_row {
    int person;   /* index in the pool, -1 when the ID number cell is not a valid number */
    int rejected; /* 1 when the import must refuse the row */
    int action[PERSON_FIELD_COUNT];
    const char *value[PERSON_FIELD_COUNT]; /* the stored form, for ACTION_VALUE */
} generated_row;

/*
 * Writes a random list to path and fills rows with what the model expects of
 * each; returns the row count.
 */
static int generate_list(uint64_t *random, const model *m, const char *path, int *columns,
                         int column_count, generated_row *rows)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    for (int k = 0; k < column_count; k++)
        fprintf(file, "%s%s", k > 0 ? "," : "", person_columns[columns[k]].header);
    fputc('\n', file);
    /* Mostly short lists; now and then one long enough to change 33+ combinations of fields. */
    int count =
        below(random, 8) == 0 ? 33 + below(random, TEST_ROWS_MAX - 32) : 1 + below(random, 16);
    for (int r = 0; r < count; r++) {
        generated_row *row = &rows[r];
        memset(row, 0, sizeof *row);
        int person = below(random, TEST_POOL);
        row->person = person;
        for (int k = 0; k < column_count; k++) {
            const person_column *column = &person_columns[columns[k]];
            const char *cell = "";
            int dice = below(random, 100);
            if (column->kind == PERSON_COLUMN_ID_NUMBER) {
                cell = m->ids[person];
                if (dice < 3) {
                    cell = "37081119800101001"; /* 17 characters */
                    row->person = -1;
                    row->rejected = 1;
                }
            } else if (column->field == PERSON_SEX) {
                int male = (person + 1) % 2 == 1;
                cell = dice < 50 ? "" : (dice < 95) == male ? "男" : "女";
                row->rejected |= dice >= 95;
            } else if (column->required) {
                const written *table = column->field == PERSON_NAME           ? names
                                       : column->field == PERSON_HUKOU_REGION ? regions
                                                                              : categories;
                int choices = column->field == PERSON_NAME ? (int)(sizeof names / sizeof names[0])
                              : column->field == PERSON_HUKOU_REGION
                                  ? (int)(sizeof regions / sizeof regions[0])
                                  : (int)(sizeof categories / sizeof categories[0]);
                const written *w = &table[below(random, choices)];
                cell = w->cell;
                row->action[column->field] = ACTION_VALUE;
                row->value[column->field] = w->stored;
                if (dice < 2) {
                    cell = column->field == PERSON_HUKOU_REGION ? "370899" : "（清空）";
                    row->rejected = 1;
                }
            } else {
                int choices = 0;
                const written *table = field_values(column->field, &choices);
                if (dice < 40) {
                    row->action[column->field] = ACTION_EMPTY;
                } else if (dice < 52) {
                    cell = dice < 46 ? "（清空）" : "(清空)";
                    row->action[column->field] = ACTION_CLEAR;
                } else if (column->field == PERSON_PHONE && dice < 55) {
                    cell = "12345";
                    row->rejected = 1;
                } else if (table != plain && table != phones && table != households && dice < 55) {
                    cell = UNLISTED_WORD;
                    row->rejected = 1;
                } else {
                    const written *w = &table[below(random, choices)];
                    cell = w->cell;
                    row->action[column->field] = ACTION_VALUE;
                    row->value[column->field] = w->stored;
                }
            }
            fprintf(file, "%s%s", k > 0 ? "," : "", cell);
        }
        fputc('\n', file);
    }
    assert_int_equal(fclose(file), 0);
    return count;
}

/* Copies a model value (always shorter than TEST_VALUE_MAX). */
static void copy_value(char out[TEST_VALUE_MAX], const char *value)
{
    size_t length = strlen(value);
    assert_true(length < TEST_VALUE_MAX);
    memcpy(out, value, length + 1);
}

/* Records one expected history row. */
static void model_change_add(model *m, int person, int field, const char *old_value,
                             const char *new_value)
{
    model_change *c = &m->changes[m->change_count++];
    c->person = person;
    c->field = field;
    copy_value(c->old_value, old_value);
    copy_value(c->new_value, new_value);
}

/* Applies the generated rows to the model as batch; fills the expected counts. */
static void model_apply(model *m, const generated_row *rows, int count, int clear_empty,
                        int64_t batch, import_people_result *expected)
{
    int seen[TEST_POOL] = {0};
    memset(expected, 0, sizeof *expected);
    m->change_count = 0;
    expected->rows = count;
    for (int r = 0; r < count; r++) {
        const generated_row *row = &rows[r];
        int rejected = row->rejected;
        if (row->person >= 0) {
            rejected |= seen[row->person]; /* a repeat, even of a rejected row */
            seen[row->person] = 1;
        }
        if (rejected) {
            expected->rejected++;
            continue;
        }
        model_person *p = &m->people[row->person];
        char next[PERSON_FIELD_COUNT][TEST_VALUE_MAX];
        for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
            int action = row->action[f];
            if (action == ACTION_EMPTY && clear_empty)
                action = ACTION_CLEAR;
            const char *value = !p->present || action == ACTION_CLEAR ? "" : p->values[f];
            if (action == ACTION_VALUE)
                value = row->value[f];
            copy_value(next[f], value);
        }
        copy_value(next[PERSON_SEX], (row->person + 1) % 2 == 1 ? "男" : "女");
        copy_value(next[PERSON_BIRTH_DATE], "1980-01-01");
        if (!p->present) {
            p->present = 1;
            p->created_batch = p->updated_batch = batch;
            memcpy(p->values, next, sizeof next);
            expected->inserted++;
            continue;
        }
        int changed = 0;
        for (int f = 0; f < PERSON_FIELD_COUNT; f++)
            if (strcmp(p->values[f], next[f]) != 0) {
                model_change_add(m, row->person, f, p->values[f], next[f]);
                changed++;
            }
        memcpy(p->values, next, sizeof next);
        if (changed > 0) {
            p->updated_batch = batch;
            expected->updated++;
            m->history_rows += changed;
        } else {
            expected->unchanged++;
        }
    }
}

/* A column text as the model holds it ("" for NULL). */
static const char *text_of(store_stmt *stmt, int column)
{
    const char *text = store_column_text(stmt, column);
    return text != NULL ? text : "";
}

/* Compares the people table with the model. */
static void check_people(store *st, const model *m, int step)
{
    char sql[1024];
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT id_number");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s", person_field_column(f));
    snprintf(sql + used, sizeof sql - used,
             ", created_batch, updated_batch FROM people ORDER BY id_number");
    store_stmt *stmt = NULL;
    assert_int_equal(store_prepare(st, sql, &stmt), BF_OK);
    int next = 0, rc;
    while ((rc = store_step(stmt)) == BF_ROW) {
        while (next < TEST_POOL && !m->people[next].present)
            next++;
        if (next == TEST_POOL)
            fail_msg("step %d: %s is stored, not in the model", step, text_of(stmt, 0));
        const model_person *p = &m->people[next];
        if (strcmp(text_of(stmt, 0), m->ids[next]) != 0)
            fail_msg("step %d: stored %s, model expects %s next", step, text_of(stmt, 0),
                     m->ids[next]);
        for (int f = 0; f < PERSON_FIELD_COUNT; f++)
            if (strcmp(text_of(stmt, f + 1), p->values[f]) != 0)
                fail_msg("step %d: %s %s is [%s], model says [%s]", step, m->ids[next],
                         person_field_column(f), text_of(stmt, f + 1), p->values[f]);
        if (store_column_int64(stmt, PERSON_FIELD_COUNT + 1) != p->created_batch ||
            store_column_int64(stmt, PERSON_FIELD_COUNT + 2) != p->updated_batch)
            fail_msg("step %d: %s batches %lld/%lld, model says %lld/%lld", step, m->ids[next],
                     (long long)store_column_int64(stmt, PERSON_FIELD_COUNT + 1),
                     (long long)store_column_int64(stmt, PERSON_FIELD_COUNT + 2),
                     (long long)p->created_batch, (long long)p->updated_batch);
        next++;
    }
    assert_int_equal(rc, BF_DONE);
    store_finalize(stmt);
    while (next < TEST_POOL && !m->people[next].present)
        next++;
    if (next < TEST_POOL)
        fail_msg("step %d: %s is missing from the registry", step, m->ids[next]);
}

static int compare_changes(const void *a, const void *b)
{
    const model_change *x = a, *y = b;
    if (x->person != y->person)
        return x->person - y->person;
    return strcmp(person_field_column(x->field), person_field_column(y->field));
}

/* Compares the history rows of batch (and the total) with the model. */
static void check_history(store *st, model *m, int64_t batch, int step)
{
    int64_t total = -1;
    assert_int_equal(store_query_int64(st, "SELECT COUNT(*) FROM person_history", NULL, 0, &total),
                     BF_OK);
    if (total != m->history_rows)
        fail_msg("step %d: %lld history rows, model says %lld", step, (long long)total,
                 (long long)m->history_rows);
    qsort(m->changes, (size_t)m->change_count, sizeof m->changes[0], compare_changes);
    store_stmt *stmt = NULL;
    assert_int_equal(store_prepare(st,
                                   "SELECT id_number, field, old_value, new_value FROM "
                                   "person_history WHERE batch_id = ? ORDER BY id_number, field",
                                   &stmt),
                     BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, batch), BF_OK);
    int next = 0, rc;
    while ((rc = store_step(stmt)) == BF_ROW) {
        if (next == m->change_count)
            fail_msg("step %d: unexpected history %s %s", step, text_of(stmt, 0), text_of(stmt, 1));
        const model_change *c = &m->changes[next++];
        if (strcmp(text_of(stmt, 0), m->ids[c->person]) != 0 ||
            strcmp(text_of(stmt, 1), person_field_column(c->field)) != 0 ||
            strcmp(text_of(stmt, 2), c->old_value) != 0 ||
            strcmp(text_of(stmt, 3), c->new_value) != 0)
            fail_msg("step %d: history %s %s [%s]->[%s], model says %s %s [%s]->[%s]", step,
                     text_of(stmt, 0), text_of(stmt, 1), text_of(stmt, 2), text_of(stmt, 3),
                     m->ids[c->person], person_field_column(c->field), c->old_value, c->new_value);
    }
    assert_int_equal(rc, BF_DONE);
    store_finalize(stmt);
    if (next < m->change_count)
        fail_msg("step %d: history of %s %s missing", step, m->ids[m->changes[next].person],
                 person_field_column(m->changes[next].field));
}

/*
 * No person or history row points at a missing batch, person or region: no
 * foreign key checks them since migration 0005, the import guarantees them.
 */
static void check_references(store *st, int step)
{
    static const char *const dangling[] = {
        "SELECT COUNT(*) FROM people p WHERE NOT EXISTS "
        "(SELECT 1 FROM batches b WHERE b.id = p.created_batch)",
        "SELECT COUNT(*) FROM people p WHERE NOT EXISTS "
        "(SELECT 1 FROM batches b WHERE b.id = p.updated_batch)",
        "SELECT COUNT(*) FROM people p WHERE NOT EXISTS "
        "(SELECT 1 FROM regions r WHERE r.code = p.hukou_region)",
        "SELECT COUNT(*) FROM person_history h WHERE NOT EXISTS "
        "(SELECT 1 FROM people p WHERE p.id_number = h.id_number)",
        "SELECT COUNT(*) FROM person_history h WHERE NOT EXISTS "
        "(SELECT 1 FROM batches b WHERE b.id = h.batch_id)",
    };
    for (size_t i = 0; i < sizeof dangling / sizeof dangling[0]; i++) {
        int64_t count = -1;
        assert_int_equal(store_query_int64(st, dangling[i], NULL, 0, &count), BF_OK);
        if (count != 0)
            fail_msg("step %d: %lld rows point at nothing: %s", step, (long long)count,
                     dangling[i]);
    }
}

static void test_import_differential(void **state)
{
    engine_fixture *f = engine_of(state);
    const char *steps_text = getenv("BANGFU_TEST_IMPORT_STEPS");
    const char *seed_text = getenv("BANGFU_TEST_IMPORT_SEED");
    int steps = steps_text != NULL ? atoi(steps_text)
                : f->postgres      ? TEST_STEPS_POSTGRES
                                   : TEST_STEPS_SQLITE;
    uint64_t random = seed_text != NULL ? strtoull(seed_text, NULL, 10) : 20261130;
    static model m;
    static generated_row rows[TEST_ROWS_MAX];
    char list[TEST_PATH_MAX], errors[TEST_PATH_MAX];
    temporary_path(list, "list.csv");
    temporary_path(errors, "list.errors.csv");
    model_init(&m);
    int64_t last_batch = 0;
    for (int step = 0; step < steps; step++) {
        /* Now and then a fresh registry: the next list is a base list (the bulk path). */
        if (below(&random, 100) < 4) {
            assert_int_equal(store_exec(f->st, "DELETE FROM person_history; DELETE FROM people"),
                             BF_OK);
            memset(m.people, 0, sizeof m.people);
            m.history_rows = 0;
        }
        /* The required columns and a random subset of the others, in a random order. */
        int columns[PERSON_COLUMN_COUNT], count = 0;
        for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
            if (person_columns[c].required || below(&random, 100) < 60)
                columns[count++] = c;
        for (int i = count - 1; i > 0; i--) {
            int j = below(&random, i + 1), t = columns[i];
            columns[i] = columns[j];
            columns[j] = t;
        }
        int row_count = generate_list(&random, &m, list, columns, count, rows);
        import_people_options options = {.path = list, .errors_path = errors};
        options.clear_empty = below(&random, 100) < 20;
        /* Half the imports keep their rows in runs of a few (written while the next is read). */
        options.run_rows = below(&random, 100) < 50 ? 1 + below(&random, 8) : 0;
        /* PostgreSQL: the known people read whole into memory, looked up, or as the sizes say. */
        options.read_registry = (int)below(&random, 3) - 1;
        import_people_result result;
        bf_error err;
        bf_error_clear(&err);
        int rc = import_people(f->st, &options, &result, &err);
        if (rc != BF_OK)
            fail_msg("step %d: import failed: %s", step, err.message);
        assert_true(result.batch > last_batch);
        last_batch = result.batch;
        import_people_result expected;
        model_apply(&m, rows, row_count, options.clear_empty, result.batch, &expected);
        if (result.rows != expected.rows || result.inserted != expected.inserted ||
            result.updated != expected.updated || result.unchanged != expected.unchanged ||
            result.rejected != expected.rejected)
            fail_msg("step %d: rows/inserted/updated/unchanged/rejected %lld/%lld/%lld/%lld/%lld, "
                     "model says %lld/%lld/%lld/%lld/%lld",
                     step, (long long)result.rows, (long long)result.inserted,
                     (long long)result.updated, (long long)result.unchanged,
                     (long long)result.rejected, (long long)expected.rows,
                     (long long)expected.inserted, (long long)expected.updated,
                     (long long)expected.unchanged, (long long)expected.rejected);
        check_people(f->st, &m, step);
        check_history(f->st, &m, result.batch, step);
        check_references(f->st, step);
        /* A first import left its log to a second connection (store_checkpoint_beside); this
         * connection's commits copy it again afterwards. */
        int64_t automatic = -1;
        if (!f->postgres)
            assert_int_equal(
                store_query_int64(f->st, "PRAGMA wal_autocheckpoint", NULL, 0, &automatic), BF_OK);
        assert_true(f->postgres || automatic == 1000);
    }
    /* No half-written error file is left behind. */
    assert_int_equal(count_starting("list.errors.csv."), 0);
}

/* Past the caps of rows or of rejected rows the import stops and stores nothing. */
static void test_import_caps(void **state)
{
    engine_fixture *f = engine_of(state);
    model m;
    model_init(&m);
    char list[TEST_PATH_MAX];
    temporary_path(list, "caps.csv");
    for (int bad = 0; bad < 2; bad++) {
        FILE *file = fopen(list, "w");
        assert_non_null(file);
        fprintf(file, "姓名,证件号码,户籍地区划代码,帮扶类别\n");
        for (int i = 0; i < 10; i++)
            fprintf(file, "张伟,%s,%s,建档立卡贫困人口\n", m.ids[i], bad ? "370899" : "370811");
        assert_int_equal(fclose(file), 0);
        int64_t before = -1, after = -1;
        assert_int_equal(store_query_int64(f->st, "SELECT COUNT(*) FROM batches", NULL, 0, &before),
                         BF_OK);
        import_people_options options = {
            .path = list, .max_rows = bad ? 0 : 5, .max_rejected = bad ? 3 : 0};
        import_people_result result;
        bf_error err;
        bf_error_clear(&err);
        assert_int_equal(import_people(f->st, &options, &result, &err), BF_ETOOBIG);
        assert_non_null(strstr(err.message, bad ? "import.max_rejected" : "import.max_rows"));
        assert_int_equal(store_query_int64(f->st, "SELECT COUNT(*) FROM batches", NULL, 0, &after),
                         BF_OK);
        assert_int_equal(after, before);
        assert_int_equal(count_starting("caps.csv.errors"), 0);
    }
}

/* Writes a list of the pool's people 0 .. count - 1, the first in first, the others in 370811,
 * each with labor ability. */
static void write_within_list(const model *m, const char *path, int count, const char *first,
                              const char *ability)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fprintf(file, "姓名,证件号码,户籍地区划代码,帮扶类别,劳动能力\n");
    for (int i = 0; i < count; i++)
        fprintf(file, "张伟,%s,%s,建档立卡贫困人口,%s\n", m->ids[i], i == 0 ? first : "370811",
                ability);
    assert_int_equal(fclose(file), 0);
}

/*
 * A person stored outside the importer's region (万州) whom a row places inside it refuses the
 * whole import, changed or not, on
 * every way an import finds its people: looked up by the storing thread, or found by the
 * reading thread in the registry read beside it (SQLite, read_registry 1).
 */
static void test_import_within(void **state)
{
    engine_fixture *f = engine_of(state);
    model m;
    model_init(&m);
    char list[TEST_PATH_MAX];
    temporary_path(list, "within.csv");
    assert_int_equal(store_exec(f->st, "DELETE FROM person_history; DELETE FROM people"), BF_OK);
    write_within_list(&m, list, 20, "500101", "有劳动能力");
    import_people_options base = {.path = list};
    import_people_result result;
    bf_error err;
    bf_error_clear(&err);
    if (import_people(f->st, &base, &result, &err) != BF_OK)
        fail_msg("the base list: %s", err.message);
    assert_int_equal(result.inserted, 20);
    for (int way = -1; way <= 1; way += 2)
        for (int changed = 0; changed < 2; changed++) {
            write_within_list(&m, list, 20, "370811", changed ? "弱劳动能力" : "有劳动能力");
            int64_t before = -1, after = -1;
            assert_int_equal(
                store_query_int64(f->st, "SELECT COUNT(*) FROM batches", NULL, 0, &before), BF_OK);
            import_people_options options = {
                .path = list, .within = "370811000000", .read_registry = way};
            bf_error_clear(&err);
            assert_int_equal(import_people(f->st, &options, &result, &err), BF_EINVAL);
            if (strstr(err.message, m.ids[0]) == NULL)
                fail_msg("way %d, changed %d: %s", way, changed, err.message);
            assert_int_equal(
                store_query_int64(f->st, "SELECT COUNT(*) FROM batches", NULL, 0, &after), BF_OK);
            assert_int_equal(after, before);
        }
    assert_int_equal(store_exec(f->st, "DELETE FROM person_history; DELETE FROM people"), BF_OK);
}

int main(void)
{
    bf_locale_init();
    const struct CMUnitTest sqlite_tests[] = {cmocka_unit_test(test_import_caps),
                                              cmocka_unit_test(test_import_within),
                                              cmocka_unit_test(test_import_differential)};
    const struct CMUnitTest postgres_tests[] = {cmocka_unit_test(test_import_caps),
                                                cmocka_unit_test(test_import_within),
                                                cmocka_unit_test(test_import_differential)};
    int failed = cmocka_run_group_tests_name("import on sqlite", sqlite_tests, sqlite_setup,
                                             engine_teardown);
    failed += cmocka_run_group_tests_name("import on postgresql", postgres_tests, postgres_setup,
                                          engine_teardown);
    return failed;
}
