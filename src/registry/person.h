/*
 * person.h - one person of the registry (table people) and the change
 * history of their fields (table person_history).
 *
 * A person is keyed by the normalised ID number and holds PERSON_FIELD_COUNT
 * text fields, NULL when empty.  The flags (三无, 有就业意愿; INTEGER
 * columns) are the texts "1" and "0" here and in person_history, 是/否 in
 * files and on screen (person_flag_parse(), person_flag_text()).  Sex and birth date are always
 * derived from the ID number; categories are in canonical order joined by '；' (see
 * registry/category.h); the hukou region is a canonical 12-digit code.
 *
 * History rule: every update writes one person_history row per changed
 * field (old value, new value, time, batch).  An insert writes no history
 * rows: the person's created_batch names the import or user that supplied
 * the first values, and the first later change of a field keeps that first
 * value as its old_value, so every value a field ever had is traceable.
 * (Writing a row per field on insert would multiply a million-row import
 * by ten.)
 *
 * person_columns[] is the import and export format: the Chinese header, the
 * English alias, and the field each column feeds.
 *
 * Ownership: person_store_open() returns a person_store (prepared
 * statements plus one value buffer) freed by person_store_close() before the
 * store is closed.  The values of a person filled by person_store_load()
 * point into the person_store and stay valid until its next load.
 */
#ifndef BANGFU_REGISTRY_PERSON_H
#define BANGFU_REGISTRY_PERSON_H

#include "core/error.h"
#include "core/idcard.h"
#include "store/store.h"

#include <stdint.h>

/* The text fields of a person, in the column order of the people table. */
typedef enum person_field {
    PERSON_NAME,
    PERSON_SEX,
    PERSON_BIRTH_DATE,
    PERSON_PHONE,
    PERSON_HOUSEHOLD_ID,
    PERSON_RELATION,
    PERSON_HUKOU_REGION,
    PERSON_CATEGORIES,
    PERSON_LABOR_ABILITY,
    PERSON_EMPLOYMENT_STATUS,
    PERSON_EMPLOYMENT_WISH,
    PERSON_TRAINING_WISH,
    PERSON_SKILLS,
    PERSON_DIFFICULTIES,
    PERSON_THREE_NO,
    PERSON_WANTS_JOB,
    PERSON_FIELD_COUNT
} person_field;

/* Longest value of one field in bytes, terminator included (a table cell's maximum). */
#define PERSON_VALUE_MAX 4096

/* One person. */
typedef struct person {
    char id_number[IDCARD_TEXT_MAX];        /* normalised ID number, uppercase X */
    const char *values[PERSON_FIELD_COUNT]; /* each field's text, NULL when empty */
    int64_t created_batch;                  /* batch that inserted the person */
    int64_t updated_batch;                  /* batch of the last change */
    int64_t locator; /* the row's store_row_locator when loaded by load_many, else 0 */
} person;

/* The column of person_field in the people table, e.g. "hukou_region". */
const char *person_field_column(person_field field);
/* The Chinese label of a field, e.g. "户籍地区划代码". */
const char *person_field_label(person_field field);
/* The field whose column name is column, or -1. */
int person_field_from_column(const char *column);
/* True when field is a flag (an INTEGER column holding 1 or 0, see above). */
int person_field_is_flag(person_field field);
/* The SQL type of field's column: "INTEGER" for a flag, else "TEXT". */
const char *person_field_sql_type(person_field field);

/*
 * The stored form of a flag cell: "1" for 是 (有, yes, y, true, 1), "0" for
 * 否 (无, no, n, false, 0; any case and width, blanks around ignored), NULL
 * for anything else.
 */
const char *person_flag_parse(const char *cell);
/* The form of a stored flag in files and on screen: 是 for "1", 否 for "0", else stored as is. */
const char *person_flag_text(const char *stored);

/* What a column of the import/export format holds. */
typedef enum person_column_kind {
    PERSON_COLUMN_FIELD,     /* a field, stored as given (after its own normalisation) */
    PERSON_COLUMN_ID_NUMBER, /* the key */
} person_column_kind;

/* One column of the import and export format. */
typedef struct person_column {
    const char *header;      /* Chinese header, e.g. "证件号码" */
    const char *alias;       /* English alias, e.g. "id_number" (matched case-insensitively) */
    person_column_kind kind; /* the key or a field */
    person_field field;      /* the field fed (kind PERSON_COLUMN_FIELD) */
    int required;            /* 1 when the column must be present and its cells non-empty */
} person_column;

/* Number of columns of the format. */
#define PERSON_COLUMN_COUNT 16
/* The columns in export order. */
extern const person_column person_columns[PERSON_COLUMN_COUNT];

/*
 * The column whose header or alias is text, or -1.  A leading '*' (the
 * required mark of some templates) is ignored, and a few names other systems
 * use are understood too (身份证号, 公民身份号码, 手机号, 户主关系, ...).
 */
int person_column_find(const char *text);

typedef struct person_store person_store;

int person_store_open(store *st, person_store **out, bf_error *err);
void person_store_close(person_store *ps);

/*
 * Loads the person with id_number into *out.  Returns BF_OK, BF_ENOTFOUND
 * (no such person, err untouched) or an error.
 */
int person_store_load(person_store *ps, const char *id_number, person *out, bf_error *err);

/* Most ID numbers person_store_load_many() takes at once: each call is a round trip to a
 * server, 256 at a time cost a million-person re-import 3,900 of them. */
#define PERSON_LOAD_MANY_MAX 2048

/* Receives one person found by person_store_load_many(); a non-BF_OK return stops the load. */
typedef int (*person_found)(void *context, const person *p);

/*
 * Loads, in one query, the people among the count (at most
 * PERSON_LOAD_MANY_MAX) ID numbers ids, and calls found for each one that
 * exists, in no particular order.  The person's values are valid during the
 * call only.  Those not found are simply not reported.  Each gets its
 * locator where the engine has one (store_row_locator), valid until the
 * transaction ends.
 */
int person_store_load_many(person_store *ps, const char *const *ids, int count, person_found found,
                           void *context, bf_error *err);

/*
 * Calls found for every person of the registry, in table order (one query,
 * its rows streamed), with its locator as person_store_load_many(); the
 * person's values are valid during the call only.
 */
int person_store_each(person_store *ps, person_found found, void *context, bf_error *err);

/* Inserts p, created and last updated by batch. */
int person_store_insert(person_store *ps, const person *p, int64_t batch, bf_error *err);

/*
 * Writes every field in which updated differs from old (same ID number) and
 * one history row per such field, stamped with batch and changed_at
 * (ISO 8601 UTC; NULL: no history row, the caller writes them, as an import
 * does in bulk: services/import_history.h).  *changed (may be NULL) receives
 * the number of fields changed; with none, nothing is written.  The row is found by old's locator
 * when it has one (loaded by person_store_load_many in this transaction),
 * else by the ID number.
 */
int person_store_update(person_store *ps, const person *old, const person *updated, int64_t batch,
                        const char *changed_at, int *changed, bf_error *err);

/*
 * Drops the secondary indexes of the people table, and builds them again.
 * A bulk load into an empty table (inside its transaction) is much faster
 * with the indexes built once at the end than kept up row by row.  The list
 * follows migrations/: a migration adding an index on people adds it to
 * person_indexes[] in person.c too.
 */
int person_indexes_drop(store *st, bf_error *err);
/* The name of the primary key of people (migrations/0005_import_keys.sql), for store_key_*. */
#define PERSON_KEY_NAME "people_key"
int person_indexes_create(store *st, bf_error *err);
/*
 * An import into an empty PostgreSQL registry takes the primary key and the
 * secondary indexes of people off in a transaction of its own and builds them
 * at its end; making the rebuilt unique index the key again takes a lock
 * readers wait for, so that is done after the import's commit, in a short
 * transaction of its own.  A kill in between, or readers holding the table
 * longer than that transaction waits, leave the table without the key or
 * bare (every command still reads it).
 *
 * person_keys_build() builds the unique index and the secondary indexes when
 * the key is missing (readers go on reading); *missing tells whether it was.
 * Call it inside the import's transaction.  person_keys_restore() then makes
 * the index the key in a transaction of its own under the importers' lock,
 * waiting at most wait_ms for readers (-1: as long as it takes); when another
 * import holds the lock or readers hold the table, nothing is done (that
 * import, the next one or `bangfu init` does it).  *restored tells whether
 * the key was put back.  Nothing done and no lock taken when the key is
 * there; both are no-ops on SQLite.
 */
int person_keys_build(store *st, int *missing, bf_error *err);
int person_keys_restore(store *st, int64_t wait_ms, int *restored, bf_error *err);

/* True when the values a and b (either may be NULL for empty) are the same text. */
int person_value_equal(const char *a, const char *b);
/* The fields in which updated differs from old (bit f: field f), by person_value_equal. */
unsigned person_changed_fields(const person *old, const person *updated);

#endif
