/*
 * export_people.h - the registry (or the part within one region) written in
 * the import format (person_columns[]), so that exporting and importing the
 * file again changes nothing.
 *
 * Rows are ordered by hukou region, household number and ID number.  The
 * file is written through io/table_writer (CSV with BOM or XLSX by the
 * extension; "-" is CSV on standard output) and appears only when complete.
 */
#ifndef BANGFU_SERVICES_EXPORT_PEOPLE_H
#define BANGFU_SERVICES_EXPORT_PEOPLE_H

#include "core/error.h"
#include "services/progress.h"
#include "store/store.h"

#include <stdint.h>

/* What to export. */
typedef struct export_people_options {
    const char *region; /* canonical 12-digit code to limit the export to, NULL for all */
    const char *out;    /* the file to write (.csv, .xlsx) or "-" for CSV on stdout */
    progress *progress; /* told the rows written so far; may be NULL */
} export_people_options;

/*
 * Prepares sql; with region (canonical code, or NULL) binds parameters 1 and 2
 * to its half-open code range.  Shared by the exports of people and facts.
 */
int export_prepare_in_region(store *st, const char *sql, const char *region, store_stmt **stmt,
                             bf_error *err);

/* Writes the people; *rows (may be NULL) receives the number of people written. */
int export_people(store *st, const export_people_options *options, int64_t *rows, bf_error *err);

#endif
