/*
 * import_facts_private.h - what the parts of the fact import share: the state
 * of one run (owned by import_facts(), which frees it), the reading of one cell
 * (import_facts_parse.c) and the writing of the records (import_facts_write.c).
 * Not for use outside src/services/import_facts*.c.
 */
#ifndef BANGFU_IMPORT_FACTS_PRIVATE_H
#define BANGFU_IMPORT_FACTS_PRIVATE_H

#include "core/int_map.h"
#include "core/string_map.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "services/import_errors.h"
#include "services/import_facts.h"
#include "services/import_row.h"

#include <stdarg.h>

/* Rows between two progress calls. */
#define FACT_PROGRESS_EVERY 8192
/* Longest key text: the key values joined by '|', terminator included. */
#define FACT_KEY_MAX 512
/* Longest SQL statement built for a kind. */
#define FACT_SQL_MAX 4096
/* Longest integer text ("9223372036854775807"), terminator included. */
#define FACT_INTEGER_TEXT_MAX 24

/* What a cell asks for. */
typedef enum fact_cell {
    FACT_CELL_KEEP,  /* empty or absent: the stored value stays (a new record: its fallback) */
    FACT_CELL_CLEAR, /* （清空）, or empty with clear_empty: the field is cleared */
    FACT_CELL_VALUE, /* a valid value, in the row's values */
    FACT_CELL_BAD    /* refused (the reason is said) */
} fact_cell;

/* The reasons a row is rejected, in the user's language. */
typedef struct fact_reasons {
    const fact_kind *kind;
    char text[IMPORT_ROW_REASON_MAX];
    size_t used;
} fact_reasons;

/* One record of the kind's table, stored or new: its values in one block. */
typedef struct fact_record {
    char *key;       /* the key values joined by '|' (owned; record_of points at it) */
    char *block;     /* owned: int32_t offsets per column (-1 for NULL), then the texts */
    char *old_block; /* the block as stored before this run changed it, else NULL */
    int64_t created_batch;
    int fresh; /* 1 when this run inserts it */
} fact_record;

/* Owned strings that maps point at. */
typedef struct fact_strings {
    char **texts;
    size_t count;
    size_t capacity;
} fact_strings;

/* Everything one import run holds. */
typedef struct fact_state {
    store *st;
    const fact_kind *kind;
    const import_people_options *options;
    import_people_result *result;
    table_reader *reader;
    import_errors *errors;
    int column_of[FACT_COLUMNS_MAX];    /* each column's index in the file, -1 when absent */
    vocabulary lists[FACT_COLUMNS_MAX]; /* the list of each FACT_WORD column */
    region_set *regions;                /* known region codes of the provinces met */
    int_map people;                     /* first 17 digits of every registered ID number */
    /* Codes of the stored organisations (in org_codes) -> 1, plus bit 1 + c when the
     * organisation is of the kind FACT_ORG column c requires (its vocabulary). */
    string_map orgs;
    fact_strings org_codes; /* keys of orgs */
    /* The records the kind's FACT_RECORD column may name: key (in reference_keys) -> index
     * in reference_blocks, each holding the values of the kind's FACT_DERIVED columns. */
    string_map references;
    fact_strings reference_keys;
    fact_strings reference_blocks;
    int reference_column;            /* the FACT_RECORD column, -1 when none */
    int64_t reference_index;         /* the record the row's FACT_RECORD cell names */
    fact_record *records;            /* the table's records, then the new ones */
    size_t record_count;             /* records in use */
    size_t record_capacity;          /* records allocated */
    string_map record_of;            /* key -> index in records */
    string_map seen;                 /* key -> line of the file that gave it (in seen_keys) */
    fact_strings seen_keys;          /* keys of seen */
    bf_date today;                   /* bounds the birth date of ID numbers */
    int64_t max_rows;                /* caps of this run */
    int64_t max_rejected;            /* */
    int64_t batch;                   /* the batch of this run */
    char now[BF_TIMESTAMP_TEXT_MAX]; /* start of the run, on batch and history */
    char batch_text[FACT_INTEGER_TEXT_MAX];
    char values[FACT_COLUMNS_MAX][FACT_VALUE_MAX]; /* the row's checked values */
    fact_cell cells[FACT_COLUMNS_MAX];             /* what each cell of the row asks */
    fact_reasons reasons;                          /* why the row is rejected */
    void *hook_context;                            /* the kind's hooks' own */
} fact_state;

/* Adds a reason to the row's rejection; column -1 names no column. */
void fact_row_reject(fact_state *s, int column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* Value c of a record block, NULL when empty. */
const char *fact_block_value(const char *block, int c);
/* True when two stored values are the same (NULL and "" are both empty). */
int fact_value_equal(const char *a, const char *b);
/* Builds "SELECT c1, c2, ..., tail FROM table" (or the columns alone with tail NULL). */
void fact_columns_sql(const fact_kind *kind, const char *head, const char *tail,
                      char sql[FACT_SQL_MAX]);

/* import_facts_parse.c: checks the cell of column c (NULL: the file has no such column)
 * into s->values[c]; returns what it asks for (fact_cell), or a store failure (< 0). */
int fact_parse_cell(fact_state *s, int c, const char *cell, bf_error *err);

/* import_facts_write.c: the writes of a run, inside its transaction. */
int fact_write_new(fact_state *s, bf_error *err);
int fact_write_changed(fact_state *s, bf_error *err);
int fact_write_removed(fact_state *s, bf_error *err);
int fact_write_history(fact_state *s, bf_error *err);

#endif
