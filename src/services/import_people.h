/*
 * import_people.h - the validated bulk import of a list of people
 * (`bangfu import people FILE`, and later the HTTP API).
 *
 * Reads a .csv (UTF-8 with or without BOM, or GB18030) or .xlsx file
 * through io/table_reader, maps its header (Chinese names or English
 * aliases, see person_columns[]), validates every row and, in ONE
 * transaction, inserts new people and updates known ones field by field
 * with history, all stamped with one new batch (kind 'import', source = the
 * batch source).  Rejected rows are written to an error file: the original
 * header plus 行号 and 错误原因, each row as read plus its line and its
 * reasons (in Chinese, naming the column), see services/import_errors.h
 * (next to the input, else in the current directory).  When nothing is
 * rejected no error file is left behind (a stale one at the default place is
 * removed; a file named by errors_path is never removed).
 *
 * The 四清 fields (劳动能力, 就业状态, 就业意愿, 培训意愿, 就业困难) take the
 * values of their lists: a synonym is stored as its canonical value, an
 * unknown word rejects the row naming the accepted values.
 *
 * A column absent from the file, or an empty cell, leaves that field
 * untouched on update; the marker （清空） in a cell clears it (or every
 * empty cell does, with clear_empty), and the clearing is written to history
 * like any change (see services/import_row.h and docs/import.md).
 * The sex column is optional and only checked against the ID number: sex and
 * birth date are always derived from the ID number.
 *
 * A later row with an ID number seen earlier in the file is rejected naming
 * the earlier line, even when that earlier row was itself rejected (the
 * officer fixes both and imports again).
 *
 * Any failure other than rejected rows (unreadable file, no usable header,
 * no region table, a database error) rolls the transaction back: the
 * database is as before.  A kill has the same effect (one transaction).
 *
 * Imports run one at a time per database (store_begin_exclusive): a second
 * one waits for the first (options->waiting is told), or fails with BF_EBUSY
 * once its wait limit is reached; readers never wait for an import.  The
 * batch id comes from the database's counter (store_next_id), so imports
 * started together all succeed, one after the other.
 *
 * Speed (about a million rows in well under 10 s on SQLite): a second
 * thread reads and validates while the caller's thread stores (only the
 * caller's thread touches the store), one prepared statement set for the
 * whole run, known region codes and the ID numbers of
 * the file in in-memory hash maps, and
 *  - into an empty registry: one bulk load (COPY on PostgreSQL), no look-ups;
 *  - otherwise: valid rows in chunks of PERSON_LOAD_MANY_MAX, one look-up
 *    query per chunk, the new people of a chunk in one bulk load, the known
 *    ones updated one by one (unchanged ones cost nothing more) - on
 *    PostgreSQL, where each statement is a round trip, collected and
 *    written in bulk instead (services/import_changes.h);
 *  - when the file is large compared with the registry, and the engine lets
 *    readers go on meanwhile (SQLite), the secondary indexes of people are
 *    dropped and built once at the end, inside the same transaction; on
 *    PostgreSQL, where that DROP INDEX would lock every reader out until the
 *    commit, the indexes stay and are kept up row by row;
 *  - the summary status reads (registry/people_counts.h) is kept up to date
 *    from the rows inserted and changed, in the same transaction.
 */
#ifndef BANGFU_SERVICES_IMPORT_PEOPLE_H
#define BANGFU_SERVICES_IMPORT_PEOPLE_H

#include "core/error.h"
#include "registry/vocabulary.h"
#include "services/progress.h"
#include "store/store.h"

#include <stdint.h>

/*
 * Default caps of one import: past either the import stops with a message
 * saying which, and nothing is stored (a workbook declaring 25 million rows
 * of garbage must not run for minutes and write gigabytes of errors).  The
 * settings import.max_rows and import.max_rejected change them per database.
 */
#define IMPORT_ROWS_MAX     5000000
#define IMPORT_REJECTED_MAX 100000

/* What to import and how. */
typedef struct import_people_options {
    const char *path;        /* the file to read (.csv or .xlsx) */
    const char *errors_path; /* where rejected rows go; NULL: path + ".errors.csv" */
    const char *sheet;       /* .xlsx worksheet name or number; NULL: the first with a
                                usable header */
    char separator;          /* .csv separator (',', '\t', ';'); 0: detected */
    const char *source;      /* batches.source; NULL: path */
    const char *kind;        /* batches.kind; NULL: "import" */
    int clear_empty;         /* 1: an empty cell clears its field (default: keeps it) */
    int64_t max_rows;        /* most data rows; 0: setting import.max_rows, else IMPORT_ROWS_MAX */
    int64_t max_rejected;    /* most rejected rows; 0: setting import.max_rejected, else
                                IMPORT_REJECTED_MAX */
    progress *progress;      /* told each step (reading, checking, indexing, committing) */
    store_waiting waiting;   /* told once when another import holds the database */
    void *waiting_context;   /* passed to waiting */
    int wait_limited;        /* 0: wait for another import as long as it takes */
    /* Canonical region code, or NULL: a row of a person outside it (by the file's region or
       the stored one) is rejected, as if the person were not registered (the web's region
       scope). */
    const char *within;
    int64_t wait_ms; /* with wait_limited: at most this long (0: fail at once) */

    /* The 四清 lists; NULL: read from the vocabulary directory (registry/vocabulary.h). */
    const vocabulary_set *vocabularies;
    /* Most rows of one run kept to be written in order of village (SQLite); 0: the defaults
       (the tests set a few rows to make many runs). */
    int64_t run_rows;
    /* 0 reads the registry's people into memory when the file holds about half as many or
       more, instead of looking them up (services/import_known.h); 1 always, and on SQLite
       reads no row before (every known person then found there); -1 never (the tests take
       every way). */
    int read_registry;
} import_people_options;

/* What an import did. */
typedef struct import_people_result {
    int64_t rows;           /* data rows read (the header not counted) */
    int64_t inserted;       /* new people */
    int64_t updated;        /* known people with at least one field changed */
    int64_t unchanged;      /* known people whose row changed nothing */
    int64_t rejected;       /* rows written to the error file */
    int64_t removed;        /* a whole list's stored records no row gave, deleted */
    int64_t notes;          /* rows skipped as notes: no ID number, region nor category */
    long first_note_line;   /* the line of the first of them */
    int64_t batch;          /* the batch id written */
    char errors_path[4096]; /* the error file written, "" when none */
    int errors_elsewhere; /* 1: errors_path is in the current directory, the input's is read-only */
} import_people_result;

/*
 * Runs the import described by options against st (migrated, regions
 * loaded).  BF_OK when the file was read and the valid rows committed (even
 * if some rows were rejected); otherwise an error with err naming the file
 * (and line) and nothing changed in the database.
 */
int import_people(store *st, const import_people_options *options, import_people_result *result,
                  bf_error *err);

#endif
