/* person.c - loading, inserting and updating people, with field history. */
#include "registry/person.h"

#include "core/halfwidth.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest flag cell read (是, 否, yes, false, ... with blanks around). */
#define PERSON_FLAG_CELL_MAX 32

/* Column name and Chinese label of each field, in person_field order. */
static const struct {
    const char *column;
    const char *label;
    int flag; /* 1: an INTEGER column holding 1 or 0 */
} person_fields[PERSON_FIELD_COUNT] = {
    {"name", "姓名", 0},
    {"sex", "性别", 0},
    {"birth_date", "出生日期", 0},
    {"phone", "联系电话", 0},
    {"household_id", "户编号", 0},
    {"relation", "与户主关系", 0},
    {"hukou_region", "户籍地区划代码", 0},
    {"categories", "帮扶类别", 0},
    {"labor_ability", "劳动能力", 0},
    {"employment_status", "就业状态", 0},
    {"employment_wish", "就业意愿", 0},
    {"training_wish", "培训意愿", 0},
    {"skills", "技能", 0},
    {"difficulties", "就业困难", 0},
    {"three_no", "三无", 1},
    {"wants_job", "有就业意愿", 1},
};

const person_column person_columns[PERSON_COLUMN_COUNT] = {
    {"姓名", "name", PERSON_COLUMN_FIELD, PERSON_NAME, 1},
    {"证件号码", "id_number", PERSON_COLUMN_ID_NUMBER, PERSON_NAME, 1},
    {"性别", "sex", PERSON_COLUMN_FIELD, PERSON_SEX, 0},
    {"户籍地区划代码", "hukou_region", PERSON_COLUMN_FIELD, PERSON_HUKOU_REGION, 1},
    {"户编号", "household_id", PERSON_COLUMN_FIELD, PERSON_HOUSEHOLD_ID, 0},
    {"与户主关系", "relation", PERSON_COLUMN_FIELD, PERSON_RELATION, 0},
    {"帮扶类别", "category", PERSON_COLUMN_FIELD, PERSON_CATEGORIES, 1},
    {"联系电话", "phone", PERSON_COLUMN_FIELD, PERSON_PHONE, 0},
    {"劳动能力", "labor_ability", PERSON_COLUMN_FIELD, PERSON_LABOR_ABILITY, 0},
    {"就业状态", "employment_status", PERSON_COLUMN_FIELD, PERSON_EMPLOYMENT_STATUS, 0},
    {"就业意愿", "employment_wish", PERSON_COLUMN_FIELD, PERSON_EMPLOYMENT_WISH, 0},
    {"培训意愿", "training_wish", PERSON_COLUMN_FIELD, PERSON_TRAINING_WISH, 0},
    {"技能", "skills", PERSON_COLUMN_FIELD, PERSON_SKILLS, 0},
    {"就业困难", "difficulties", PERSON_COLUMN_FIELD, PERSON_DIFFICULTIES, 0},
    {"三无", "three_no", PERSON_COLUMN_FIELD, PERSON_THREE_NO, 0},
    {"有就业意愿", "wants_job", PERSON_COLUMN_FIELD, PERSON_WANTS_JOB, 0},
};

/* The secondary indexes of people, as migrations/0001_registry.sql creates them. */
static const struct {
    const char *drop;
    const char *create;
} person_indexes[] = {
    {"DROP INDEX IF EXISTS people_hukou_region",
     "CREATE INDEX IF NOT EXISTS people_hukou_region ON people (hukou_region)"},
    {"DROP INDEX IF EXISTS people_household",
     "CREATE INDEX IF NOT EXISTS people_household ON people (household_id)"},
};

/* Runs sql (the index statements) and names it in err on failure. */
static int person_index_exec(store *st, const char *sql, bf_error *err)
{
    int rc = store_exec(st, sql);
    if (rc != BF_OK)
        bf_error_set(err, rc, BF_TR("数据库错误（%s）：%s", "database error (%s): %s"), sql,
                     store_error_message(st));
    return rc;
}

int person_indexes_drop(store *st, bf_error *err)
{
    int rc = BF_OK;
    for (size_t i = 0; rc == BF_OK && i < sizeof person_indexes / sizeof person_indexes[0]; i++)
        rc = person_index_exec(st, person_indexes[i].drop, err);
    return rc;
}

int person_indexes_create(store *st, bf_error *err)
{
    int rc = BF_OK;
    for (size_t i = 0; rc == BF_OK && i < sizeof person_indexes / sizeof person_indexes[0]; i++)
        rc = person_index_exec(st, person_indexes[i].create, err);
    return rc;
}

int person_keys_build(store *st, int *missing, bf_error *err)
{
    int rc = store_key_index_build(st, "people", PERSON_KEY_NAME, "id_number", missing);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    /* SQLite never takes the key off, but an import killed between its commit and its index
     * builds (import_indexes_after_commit) leaves the secondary indexes to build. */
    return *missing || !store_can_drop_key(st) ? person_indexes_create(st, err) : BF_OK;
}

int person_keys_restore(store *st, int64_t wait_ms, int *restored, bf_error *err)
{
    int missing = 0;
    *restored = 0;
    if (!store_can_drop_key(st))
        return BF_OK;
    int rc = store_begin_exclusive(st, 0, NULL, NULL);
    if (rc == BF_EBUSY)
        return BF_OK;
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc = person_keys_build(st, &missing, err);
    /* Last: from here on readers wait until the commit. */
    if (rc == BF_OK && missing) {
        rc = store_key_restore(st, "people", PERSON_KEY_NAME, "id_number", wait_ms, restored);
        if (rc != BF_OK && rc != BF_EBUSY)
            store_error_set(st, rc, err);
    }
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        store_error_set(st, rc, err);
    if (rc != BF_OK) {
        store_rollback(st);
        *restored = 0;
    }
    return rc == BF_EBUSY ? BF_OK : rc;
}

const char *person_field_column(person_field field)
{
    return field < PERSON_FIELD_COUNT ? person_fields[field].column : "?";
}

const char *person_field_label(person_field field)
{
    return field < PERSON_FIELD_COUNT ? person_fields[field].label : "?";
}

int person_field_from_column(const char *column)
{
    for (int i = 0; i < PERSON_FIELD_COUNT; i++)
        if (strcmp(person_fields[i].column, column) == 0)
            return i;
    return -1;
}

int person_field_is_flag(person_field field)
{
    return field < PERSON_FIELD_COUNT && person_fields[field].flag;
}

const char *person_field_sql_type(person_field field)
{
    return person_field_is_flag(field) ? "INTEGER" : "TEXT";
}

const char *person_flag_parse(const char *cell)
{
    static const struct {
        const char *word;
        const char *stored;
    } words[] = {
        {"是", "1"}, {"有", "1"}, {"yes", "1"}, {"y", "1"}, {"true", "1"},  {"1", "1"},
        {"否", "0"}, {"无", "0"}, {"no", "0"},  {"n", "0"}, {"false", "0"}, {"0", "0"},
    };
    char folded[PERSON_FLAG_CELL_MAX];
    if (cell == NULL || halfwidth_fold(cell, folded, sizeof folded) != BF_OK)
        return NULL;
    const char *start = folded;
    while (*start == ' ' || *start == '\t')
        start++;
    size_t length = strlen(start);
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t'))
        length--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == length && strncasecmp(words[i].word, start, length) == 0)
            return words[i].stored;
    return NULL;
}

const char *person_flag_text(const char *stored)
{
    if (stored != NULL && strcmp(stored, "1") == 0)
        return "是";
    if (stored != NULL && strcmp(stored, "0") == 0)
        return "否";
    return stored;
}

int person_column_find(const char *text)
{
    /* A leading '*' marks required columns in some templates; it is not part of the name. */
    while (*text == '*')
        text++;
    for (int i = 0; i < PERSON_COLUMN_COUNT; i++)
        if (strcmp(person_columns[i].header, text) == 0 ||
            strcasecmp(person_columns[i].alias, text) == 0)
            return i;
    /* Other names the same columns carry in lists from other systems. */
    static const struct {
        const char *name;
        const char *header;
    } synonyms[] = {
        {"categories", "帮扶类别"},       {"身份证号", "证件号码"},
        {"身份证号码", "证件号码"},       {"公民身份号码", "证件号码"},
        {"户籍地区划", "户籍地区划代码"}, {"手机号", "联系电话"},
        {"手机号码", "联系电话"},         {"户主关系", "与户主关系"},
        {"人员类别", "帮扶类别"},         {"三无人员", "三无"},
        {"是否三无人员", "三无"},         {"是否有就业意愿", "有就业意愿"},
    };
    for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
        if (strcasecmp(synonyms[i].name, text) == 0)
            return person_column_find(synonyms[i].header);
    return -1;
}

int person_value_equal(const char *a, const char *b)
{
    if (a == NULL || *a == '\0')
        return b == NULL || *b == '\0';
    return b != NULL && strcmp(a, b) == 0;
}

unsigned person_changed_fields(const person *old, const person *updated)
{
    unsigned changed = 0;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        if (!person_value_equal(old->values[f], updated->values[f]))
            changed |= 1u << f;
    return changed;
}

/*
 * Most UPDATE statements kept, one per distinct set of changed fields (an
 * import usually changes the same one or two fields in every row).  Writing
 * only the changed columns spares the index upkeep of the others.
 */
#define PERSON_UPDATE_CACHE 32
/*
 * In an UPDATE statement's mask: the row is found by its locator
 * (store_row_locator), loaded with the person, instead of its ID number.  A
 * re-import of 1M people on SQLite updated them in the order of its file: by
 * ID number each UPDATE descended the key's b-tree again (7.0 s in all), by
 * rowid only the table's (3.95 s; python's sqlite3, same rows).
 */
#define PERSON_UPDATE_BY_LOCATOR (1u << PERSON_FIELD_COUNT)
_Static_assert(PERSON_FIELD_COUNT < 31, "the fields and the locator bit fit an unsigned mask");

/* The prepared statements of the people and person_history tables. */
struct person_store {
    store *st;
    store_stmt *select;        /* the fields of one person by id_number */
    store_stmt *select_many;   /* the same for PERSON_LOAD_MANY_MAX ID numbers, id_number last */
    int64_t select_many_calls; /* person_store_load_many() calls so far */
    int64_t select_many_next;  /* the call before which select_many is prepared again */
    /* The statements that write are prepared on first use: preparing an INSERT takes the
     * lock of a writer on PostgreSQL, which an import building the indexes of people
     * makes wait, and a reader must not. */
    store_stmt *insert; /* one new person */
    /* UPDATE statements by the fields they write (bit f = field f), prepared on first use. */
    struct {
        unsigned mask;
        store_stmt *stmt;
    } updates[PERSON_UPDATE_CACHE];
    int update_count;    /* entries of updates in use */
    store_stmt *history; /* one person_history row */
    /* Copies of the loaded person's values (the statement's text dies at its next step). */
    char loaded[PERSON_FIELD_COUNT][PERSON_VALUE_MAX];
};

/* Longest SQL text built here. */
#define PERSON_SQL_MAX 2048

/* Longest SQL of the select of many people: the columns plus "?, " per ID number. */
#define PERSON_SELECT_MANY_SQL_MAX (PERSON_SQL_MAX + 3 * PERSON_LOAD_MANY_MAX)

/* Prepares ps->select_many: every field, id_number, then the engine's row locator if any,
 * WHERE id_number IN (? x MAX). */
static int person_prepare_select_many(person_store *ps)
{
    char sql[PERSON_SELECT_MANY_SQL_MAX];
    const char *locator = store_row_locator(ps->st);
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s, ", person_fields[f].column);
    used += (size_t)snprintf(sql + used, sizeof sql - used,
                             "created_batch, updated_batch, id_number%s%s FROM people WHERE "
                             "id_number IN (",
                             locator != NULL ? ", " : "", locator != NULL ? locator : "");
    for (int i = 0; i < PERSON_LOAD_MANY_MAX; i++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, i > 0 ? ", ?" : "?");
    snprintf(sql + used, sizeof sql - used, ")");
    return store_prepare(ps->st, sql, &ps->select_many);
}

int person_store_open(store *st, person_store **out, bf_error *err)
{
    char select_sql[PERSON_SQL_MAX];
    size_t s = 0;
    int rc;
    /* Not calloc: the value buffers (most of its 100+ KiB) are written before they are read,
     * and zeroing them was a tenth of the CPU of an audited person view of the server. */
    person_store *ps = malloc(sizeof *ps);
    *out = NULL;
    if (ps == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    memset(ps, 0, offsetof(person_store, loaded));
    ps->st = st;
    s += (size_t)snprintf(select_sql + s, sizeof select_sql - s, "SELECT ");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        s += (size_t)snprintf(select_sql + s, sizeof select_sql - s, "%s, ",
                              person_fields[f].column);
    snprintf(select_sql + s, sizeof select_sql - s,
             "created_batch, updated_batch FROM people WHERE id_number = ?");
    rc = store_prepare(st, select_sql, &ps->select);
    ps->select_many_next = 2; /* select_many is prepared by the first person_store_load_many */
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        person_store_close(ps);
        return rc;
    }
    *out = ps;
    return BF_OK;
}

void person_store_close(person_store *ps)
{
    if (ps == NULL)
        return;
    store_finalize(ps->select);
    store_finalize(ps->select_many);
    store_finalize(ps->insert);
    for (int u = 0; u < ps->update_count; u++)
        store_finalize(ps->updates[u].stmt);
    store_finalize(ps->history);
    free(ps);
}

/* Fills err with the store's message about id_number and returns rc. */
static int person_store_fail(person_store *ps, int rc, const char *id_number, bf_error *err)
{
    return bf_error_set(err, rc < 0 ? rc : BF_ESTORE,
                        BF_TR("数据库错误（证件号码 %s）：%s", "database error (ID number %s): %s"),
                        id_number, store_error_message(ps->st));
}

int person_store_load(person_store *ps, const char *id_number, person *out, bf_error *err)
{
    int rc = store_reset(ps->select);
    if (rc == BF_OK)
        rc = store_bind_text(ps->select, 1, id_number);
    if (rc == BF_OK)
        rc = store_step(ps->select);
    if (rc == BF_DONE) {
        rc = BF_ENOTFOUND;
        goto out;
    }
    if (rc != BF_ROW) {
        person_store_fail(ps, rc, id_number, err);
        goto out;
    }
    snprintf(out->id_number, sizeof out->id_number, "%s", id_number);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *text = store_column_text(ps->select, f);
        if (text == NULL || text[0] == '\0') {
            out->values[f] = NULL;
            continue;
        }
        size_t length = strlen(text);
        if (length >= PERSON_VALUE_MAX)
            length = PERSON_VALUE_MAX - 1;
        memcpy(ps->loaded[f], text, length);
        ps->loaded[f][length] = '\0';
        out->values[f] = ps->loaded[f];
    }
    out->created_batch = store_column_int64(ps->select, PERSON_FIELD_COUNT);
    out->updated_batch = store_column_int64(ps->select, PERSON_FIELD_COUNT + 1);
    rc = BF_OK;
out:
    store_reset(ps->select);
    return rc;
}

/* A number column of a person's row: 0 for NULL. */
static int64_t person_number(const char *text)
{
    return text != NULL ? (int64_t)strtoll(text, NULL, 10) : 0;
}

/* Columns of a person's row read whole: every field, the two batches, id_number. */
#define PERSON_ROW_COLUMNS (PERSON_FIELD_COUNT + 3)

/* Fills p from a person's row as text: every field, the two batches, id_number, then the row
 * locator when with_locator. */
static void person_from_values(const char *const *values, int with_locator, person *p)
{
    const char *id_number = values[PERSON_FIELD_COUNT + 2];
    snprintf(p->id_number, sizeof p->id_number, "%s", id_number != NULL ? id_number : "");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        p->values[f] = values[f] != NULL && values[f][0] != '\0' ? values[f] : NULL;
    p->created_batch = person_number(values[PERSON_FIELD_COUNT]);
    p->updated_batch = person_number(values[PERSON_FIELD_COUNT + 1]);
    p->locator = with_locator ? person_number(values[PERSON_ROW_COLUMNS]) : 0;
}

/* person_from_values() of the current row of stmt. */
static void person_from_row(store_stmt *stmt, int with_locator, person *p)
{
    const char *values[PERSON_ROW_COLUMNS + 1];
    for (int c = 0; c < PERSON_ROW_COLUMNS + with_locator; c++)
        values[c] = store_column_text(stmt, c);
    person_from_values(values, with_locator, p);
}

int person_store_load_many(person_store *ps, const char *const *ids, int count, person_found found,
                           void *context, bf_error *err)
{
    int rc = BF_OK;
    /*
     * Prepared again after 1, 2, 4, 8, ... calls: an import into a small
     * registry grows the table inside its transaction, and a server that
     * planned the IN list for the small table (a sequential scan) would keep
     * that plan for the large one.  A new statement is planned afresh.
     */
    int again = ++ps->select_many_calls == ps->select_many_next;
    if (again)
        ps->select_many_next *= 2;
    if (again || ps->select_many == NULL) {
        store_finalize(ps->select_many);
        ps->select_many = NULL;
        rc = person_prepare_select_many(ps);
        if (rc != BF_OK)
            goto failed;
    }
    rc = store_reset(ps->select_many);
    for (int i = 0; rc == BF_OK && i < PERSON_LOAD_MANY_MAX; i++)
        rc = store_bind_text(ps->select_many, i + 1, i < count ? ids[i] : NULL);
    if (rc != BF_OK)
        goto failed;
    while ((rc = store_step(ps->select_many)) == BF_ROW) {
        person p = {.created_batch = 0};
        person_from_row(ps->select_many, store_row_locator(ps->st) != NULL, &p);
        rc = found(context, &p);
        if (rc != BF_OK) {
            store_reset(ps->select_many);
            return rc;
        }
    }
    if (rc == BF_DONE) {
        store_reset(ps->select_many);
        return BF_OK;
    }
failed:
    store_reset(ps->select_many);
    return person_store_fail(ps, rc, count > 0 ? ids[0] : "", err);
}

/* What person_each_row needs: the caller's callback, and whether a locator ends each row. */
typedef struct person_each {
    int with_locator;
    person_found found;
    void *context;
} person_each;

/* One row of person_store_each's query, in person_from_values' columns. */
static int person_each_row(void *context, const char *const *values, int count)
{
    const person_each *each = context;
    person p = {.created_batch = 0};
    if (count < PERSON_ROW_COLUMNS + each->with_locator)
        return BF_ESTORE;
    person_from_values(values, each->with_locator, &p);
    return each->found(each->context, &p);
}

int person_store_each(person_store *ps, person_found found, void *context, bf_error *err)
{
    char sql[PERSON_SQL_MAX];
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s, ", person_fields[f].column);
    const char *locator = store_row_locator(ps->st);
    snprintf(sql + used, sizeof sql - used,
             "created_batch, updated_batch, id_number%s%s FROM people", locator != NULL ? ", " : "",
             locator != NULL ? locator : "");
    person_each each = {locator != NULL, found, context};
    int rc = store_each_row(ps->st, sql, person_each_row, &each);
    if (rc == BF_ESTORE || rc == BF_ETOOBIG)
        return store_error_set(ps->st, rc, err);
    return rc;
}

/* Binds value to parameter index, an empty text as NULL. */
static int person_bind_value(store_stmt *stmt, int index, const char *value)
{
    return store_bind_text(stmt, index, value != NULL && value[0] != '\0' ? value : NULL);
}

/* Prepares ps->insert: id_number, every field, created_batch and updated_batch. */
static int person_prepare_insert(person_store *ps)
{
    char sql[PERSON_SQL_MAX];
    size_t i = (size_t)snprintf(sql, sizeof sql, "INSERT INTO people (id_number");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        i += (size_t)snprintf(sql + i, sizeof sql - i, ", %s", person_fields[f].column);
    i += (size_t)snprintf(sql + i, sizeof sql - i, ", created_batch, updated_batch) VALUES (?");
    for (int f = 0; f < PERSON_FIELD_COUNT + 2; f++)
        i += (size_t)snprintf(sql + i, sizeof sql - i, ", ?");
    snprintf(sql + i, sizeof sql - i, ")");
    return store_prepare(ps->st, sql, &ps->insert);
}

int person_store_insert(person_store *ps, const person *p, int64_t batch, bf_error *err)
{
    int rc = ps->insert != NULL ? BF_OK : person_prepare_insert(ps);
    if (rc == BF_OK)
        rc = store_reset(ps->insert);
    if (rc == BF_OK)
        rc = store_bind_text(ps->insert, 1, p->id_number);
    for (int f = 0; rc == BF_OK && f < PERSON_FIELD_COUNT; f++)
        rc = person_bind_value(ps->insert, f + 2, p->values[f]);
    if (rc == BF_OK)
        rc = store_bind_int64(ps->insert, PERSON_FIELD_COUNT + 2, batch);
    if (rc == BF_OK)
        rc = store_bind_int64(ps->insert, PERSON_FIELD_COUNT + 3, batch);
    if (rc == BF_OK)
        rc = store_step(ps->insert) == BF_DONE ? BF_OK : BF_ESTORE;
    if (rc != BF_OK)
        person_store_fail(ps, rc, p->id_number, err);
    return rc;
}

/*
 * The UPDATE statement writing the fields in mask plus updated_batch, its
 * parameters the fields in field order, then the batch, then the ID number,
 * or the row's locator when mask holds PERSON_UPDATE_BY_LOCATOR.  Prepared
 * once per mask; when the cache is full, the statement for every field serves
 * and *mask becomes the mask of every field (with the same way to the row).
 */
static int person_update_statement(person_store *ps, unsigned *mask, store_stmt **out)
{
    const unsigned all = (1u << PERSON_FIELD_COUNT) - 1;
    for (int u = 0; u < ps->update_count; u++)
        if (ps->updates[u].mask == *mask) {
            *out = ps->updates[u].stmt;
            return BF_OK;
        }
    /*
     * The last two entries are kept for the statements writing every field
     * (by ID number, by locator): once the others are taken, every new
     * combination uses one of them (found above once prepared), so the cache
     * never grows past PERSON_UPDATE_CACHE.
     */
    if (ps->update_count >= PERSON_UPDATE_CACHE - 2 && (*mask & all) != all) {
        *mask = all | (*mask & PERSON_UPDATE_BY_LOCATOR);
        return person_update_statement(ps, mask, out);
    }
    char sql[PERSON_SQL_MAX];
    size_t used = (size_t)snprintf(sql, sizeof sql, "UPDATE people SET ");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        if (*mask & (1u << f))
            used += (size_t)snprintf(sql + used, sizeof sql - used, "%s = ?, ",
                                     person_fields[f].column);
    snprintf(sql + used, sizeof sql - used, "updated_batch = ? WHERE %s = ?",
             *mask & PERSON_UPDATE_BY_LOCATOR ? store_row_locator(ps->st) : "id_number");
    int rc = store_prepare(ps->st, sql, out);
    if (rc != BF_OK)
        return rc;
    ps->updates[ps->update_count].mask = *mask;
    ps->updates[ps->update_count].stmt = *out;
    ps->update_count++;
    return BF_OK;
}

int person_store_update(person_store *ps, const person *old, const person *updated, int64_t batch,
                        const char *changed_at, int *changed, bf_error *err)
{
    int rc = BF_OK, index = 1;
    unsigned mask = person_changed_fields(old, updated);
    int count = __builtin_popcount(mask);
    store_stmt *update = NULL;
    if (changed != NULL)
        *changed = count;
    if (count == 0)
        return BF_OK;
    int by_locator = old->locator != 0 && store_row_locator(ps->st) != NULL;
    unsigned written = mask | (by_locator ? PERSON_UPDATE_BY_LOCATOR : 0);
    rc = person_update_statement(ps, &written, &update);
    if (rc == BF_OK)
        rc = store_reset(update);
    for (int f = 0; rc == BF_OK && f < PERSON_FIELD_COUNT; f++)
        if (written & (1u << f))
            rc = person_bind_value(update, index++, updated->values[f]);
    if (rc == BF_OK)
        rc = store_bind_int64(update, index++, batch);
    if (rc == BF_OK)
        rc = by_locator ? store_bind_int64(update, index, old->locator)
                        : store_bind_text(update, index, updated->id_number);
    if (rc == BF_OK)
        rc = store_step(update) == BF_DONE ? BF_OK : BF_ESTORE;
    for (int f = 0; rc == BF_OK && changed_at != NULL && f < PERSON_FIELD_COUNT; f++) {
        if (!(mask & (1u << f)))
            continue;
        if (ps->history == NULL)
            rc = store_prepare(ps->st,
                               "INSERT INTO person_history (id_number, batch_id, field, "
                               "old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                               &ps->history);
        if (rc == BF_OK)
            rc = store_reset(ps->history);
        if (rc == BF_OK)
            rc = store_bind_text(ps->history, 1, updated->id_number);
        if (rc == BF_OK)
            rc = store_bind_int64(ps->history, 2, batch);
        if (rc == BF_OK)
            rc = store_bind_text(ps->history, 3, person_fields[f].column);
        if (rc == BF_OK)
            rc = person_bind_value(ps->history, 4, old->values[f]);
        if (rc == BF_OK)
            rc = person_bind_value(ps->history, 5, updated->values[f]);
        if (rc == BF_OK)
            rc = store_bind_text(ps->history, 6, changed_at);
        if (rc == BF_OK)
            rc = store_step(ps->history) == BF_DONE ? BF_OK : BF_ESTORE;
    }
    if (rc != BF_OK)
        person_store_fail(ps, rc, updated->id_number, err);
    return rc;
}
