/*
 * import_facts.h - the validated import of the lists of stored facts
 * (`bangfu import orgs FILE`, `import jobs FILE`, ...: issue 12), one
 * description table per kind and one generic import for all of them.
 *
 * It behaves as `import people` (services/import_people.h) does: the file
 * is read through io/table_reader (.csv in UTF-8, UTF-8 with BOM or
 * GB18030, or .xlsx, whose date cells arrive as ISO dates), the header maps
 * Chinese names or English aliases, every row is checked and a rejected row
 * goes to the error file with its reasons in the user's language naming the
 * column (services/import_errors.h); the valid rows are stored in ONE
 * transaction stamped with one new batch (batches.kind = the kind's name), and
 * one JSON line of counts is the result (import_people_result).
 *
 * A record is found by its key columns (FACT_KEY).  A new key inserts a
 * record (created_batch = updated_batch = the batch); a known key updates
 * the record field by field: each changed field is one row of fact_history
 * (kind, record_key = the key values joined by '|', batch, field = the
 * column, old and new value), and updated_batch is set.  A row changing
 * nothing is counted unchanged and writes nothing, so importing a file
 * again changes nothing.  As for people, an empty cell or an absent column
 * keeps the stored value; "（清空）" (or every empty cell with clear_empty)
 * clears it, which required columns refuse.  A later row with the key of an
 * earlier one is rejected naming the earlier line.  Anything else than
 * rejected rows (unreadable file, no header, a database error) rolls
 * everything back.  Imports wait for each other as people imports do.
 *
 * ADDING A KIND (e.g. trainings): in import_facts_kinds.c
 *  1. an enum of its column indices and a fact_column table in that order
 *     (header, alias, db column, type, flags, vocabulary list, value for a
 *     new record without it, largest value, template example);
 *  2. optionally a check function for rules across columns (end before
 *     start, ...), run on the record as it would be stored;
 *  3. a fact_kind naming the table (which must have created_batch and
 *     updated_batch) and one line in fact_kinds[].
 * A FACT_WORD column names its list in VOCABULARY_FACT_LISTS
 * (registry/vocabulary.h) with its file vocabularies/<list>.tsv, whose code
 * column is what is stored.  A column whose regions must survive a region
 * reload goes into REGION_REFERENCES (registry/region.c).  Then
 * `bangfu import KIND` and `bangfu template KIND` work, documented in
 * docs/import.md.
 *
 * Ownership: the kinds are static tables; the options and result are the
 * caller's.
 */
#ifndef BANGFU_SERVICES_IMPORT_FACTS_H
#define BANGFU_SERVICES_IMPORT_FACTS_H

#include "core/error.h"
#include "io/table_reader.h"
#include "services/import_people.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Most columns of one kind. */
#define FACT_COLUMNS_MAX 24
/* Longest stored value of one cell, terminator included (a cell is at most TABLE_CELL_MAX). */
#define FACT_VALUE_MAX (TABLE_CELL_MAX + 1)

/* What a cell holds and how it is stored. */
typedef enum fact_value_type {
    FACT_TEXT,        /* text as written (a formula start = + - @ refused) */
    FACT_PHONE,       /* a phone number, stored in registry/phone.h's form */
    FACT_DATE,        /* 2020-03-01, 2020/3/1, 2020年3月1日, 20200301 -> "2020-03-01" */
    FACT_INTEGER,     /* a whole number 0 .. max */
    FACT_MONEY,       /* yuan with at most two decimals -> fen */
    FACT_HOURS,       /* hours with at most one decimal -> tenths of an hour */
    FACT_YES_NO,      /* 是/否 (yes/no, Y/N, 1/0, true/false, 有/无) -> 1 / 0 */
    FACT_WORD,        /* a word of the column's vocabulary list -> its code */
    FACT_CREDIT_CODE, /* a 统一社会信用代码 (GB 32100, check digit verified), any */
    FACT_ORG,         /* a 统一社会信用代码 of a stored organisation */
    FACT_PERSON,      /* an ID number (GB 11643) of a registered person */
    FACT_REGION,      /* a region code of the region table -> canonical 12 digits */
    FACT_ID_NUMBER,   /* an ID number (GB 11643), registered or not (a cadre, another list) */
    FACT_MONTH,       /* 2020-03, 2020/3, 2020年3月, 202003 or a day of it -> "2020-03" */
    FACT_RECORD,      /* the key of a stored record of another kind (vocabulary "table.column") */
    FACT_CATEGORIES /* 帮扶类别 as people's (registry/category.h) -> the canonical joined text */
} fact_value_type;

/* Flags of a column. */
enum {
    FACT_REQUIRED = 1,  /* every row gives it; it cannot be cleared */
    FACT_KEY = 2,       /* part of the key (required unless FACT_EMPTY_KEY) */
    FACT_EMPTY_KEY = 4, /* with FACT_KEY: may be empty, stored as '' (a job without employer) */
    /* Not in the file nor the template: copied from the record the kind's FACT_RECORD column
     * names, its column `vocabulary` (an assignment's employer is its post's). */
    FACT_DERIVED = 8
};

/* One column of a kind's list: a column of its table. */
typedef struct fact_column {
    const char *header;   /* Chinese header, e.g. "统一社会信用代码" */
    const char *alias;    /* English alias, also accepted as header, e.g. "org_code" */
    const char *column;   /* the table's column (and fact_history.field) */
    fact_value_type type; /* how the cell is read and stored */
    int flags;            /* FACT_REQUIRED, FACT_KEY, FACT_EMPTY_KEY */
    /* FACT_WORD: the list (VOCABULARY_FACT_LISTS); FACT_ORG: the kind the organisation must
     * be (a code of org_kind.tsv, e.g. "relocation_site"), NULL for any; FACT_RECORD: the
     * table and key column referred to ("posts.post_code"); FACT_DERIVED: the column of
     * that table copied. */
    const char *vocabulary;
    const char *fallback; /* stored for a new record without it, and when cleared; or NULL */
    int64_t max;          /* FACT_INTEGER, _MONEY, _HOURS: largest stored value; 0: none */
    const char *example;  /* the value of the template's example row */
    const char
        *synonyms; /* other headers lists use, separated by '|' ("身份证号|身份证号码"); NULL */
} fact_column;

/* The record as it would be stored, for a kind's checks across columns. */
typedef struct fact_record_view {
    const char *const *values; /* per column: stored text (codes, ISO dates, fen), NULL empty */
    void *reasons;             /* where fact_reject() appends */
} fact_record_view;

/*
 * Appends "header：message" (column -1: the message alone) to the reasons of
 * the row being checked; the row is then rejected.
 */
void fact_reject(const fact_record_view *record, int column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * What a kind does beyond its own table (push replies: a hire becomes a spell, checked against
 * the push and the posting's openings).  Every hook runs in the import's transaction.
 */
typedef struct fact_kind_hooks {
    /* Before the rows: prepares what the others need into *context (its own). */
    int (*open)(store *st, void **context, bf_error *err);
    /* A row about to be applied, after the kind's check: record the values as they would be
     * stored, stored those of the record before this run (NULL: a new record).  A rule broken
     * is said with fact_reject() and rejects the row. */
    int (*row)(void *context, const fact_record_view *record, const char *const *stored,
               bf_error *err);
    /* After the kind's records are written: what follows from them (batch, its timestamp). */
    int (*write)(void *context, int64_t batch, const char *now, bf_error *err);
    /* Frees context (also after a failure; context may be NULL). */
    void (*close)(void *context);
} fact_kind_hooks;

/* One kind of stored fact. */
typedef struct fact_kind {
    const char *name;     /* `import NAME`: batches.kind, and the table unless table says */
    const char *title_zh; /* what a list of them is called, "单位名单" */
    const char *title_en; /* "list of organisations" */
    const fact_column *columns;
    int column_count;
    /* Rules across columns on the record as it would be stored (NULL: none); a rule
     * broken is said with fact_reject(). */
    void (*check)(const fact_record_view *record);
    /* The table and fact_history.kind when not name (an assignment is a row of jobs, whose
     * columns the kind does not list keep their values); NULL: name. */
    const char *table;
    /* 1: a file is the whole list (the poverty office's list of people): the stored records
     * no row of it gives (by key) are deleted, each field's last value to fact_history. */
    int whole_list;
    /* The SQL condition choosing this kind's records in a table another kind shares (an
     * assignment is a row of jobs with a post), for export; NULL: every row. */
    const char *records_where;
    /* What it does beyond its table (fact_kind_hooks), NULL: nothing. */
    const fact_kind_hooks *hooks;
} fact_kind;

/* The table of kind (its table, else its name). */
const char *fact_kind_table(const fact_kind *kind);

/* True when the stored text is given (not NULL, not empty). */
int fact_given(const char *value);

/* Rejects a record whose column end is before its column start (ISO dates compare as text). */
void fact_check_end(const fact_record_view *record, int start, int end);

/* The kinds of the public-welfare posts (import_facts_posts.c, issue 13 item 4). */
extern const fact_kind fact_kind_posts, fact_kind_assignments, fact_kind_post_pay, fact_kind_cadres;
/* The cooperation bodies and projects (import_facts_carriers.c). */
extern const fact_kind fact_kind_alliances, fact_kind_alliance_members, fact_kind_brands,
    fact_kind_projects;

/* The poverty office's list of people (import_facts_posts.c, issue 13 item 5). */
extern const fact_kind fact_kind_poverty;

/* The replies to a push run (push_reply.c, issue 14 item 3). */
extern const fact_kind fact_kind_replies;

/* Job fairs and organised outflow (import_facts_fairs.c, issue 14 item 4). */
extern const fact_kind fact_kind_fairs, fact_kind_fair_employers, fact_kind_fair_people,
    fact_kind_outflows, fact_kind_outflow_people;

/* The kinds, NULL-terminated (import_facts_kinds.c). */
extern const fact_kind *const fact_kinds[];

/* The kind named name, or NULL. */
const fact_kind *fact_kind_find(const char *name);

/* The names of the kinds joined by '|' ("orgs|jobs") into out (size bytes), for usage lines. */
void fact_kind_names(char *out, size_t size);
/* Room for fact_kind_names() of every kind (about 20 names of 20 bytes today). */
#define FACT_KIND_NAMES_MAX 1024

/*
 * Imports the list at options->path as records of kind into st (migrated,
 * regions loaded), as the header says.  The options and the result are
 * those of import_people (vocabularies, and notes, are not used: the lists
 * come from the vocabulary directory).  BF_OK when the file was read and the
 * valid rows committed (even if some were rejected); otherwise err names the
 * file (and line) and nothing changed.
 */
int import_facts(store *st, const fact_kind *kind, const import_people_options *options,
                 import_people_result *result, bf_error *err);

#endif
