/*
 * import_row.h - checking one row of a list of people and turning it into
 * the values to store: the validation half of services/import_people.
 *
 * What a cell means for its field:
 *  - a value: checked, normalised (full-width digits and letters of ID
 *    numbers and codes folded to ASCII, phone numbers in their one stored
 *    form, categories in canonical order, the 四清 fields' words mapped to
 *    their canonical value by the lists of registry/vocabulary.h, the flags
 *    三无 and 有就业意愿 read as 是/否 and stored as 1/0) and stored;
 *  - empty, or a column the file does not have: the stored value is kept
 *    (a partial list never wipes what an earlier one said).  With the
 *    clear_empty rule an empty cell of a present column clears instead;
 *  - the marker "（清空）" (or "(清空)"): the field is cleared, and the
 *    change written to history like any other.  Required fields refuse it.
 * Names and codes beginning with '=', '+', '-', '@', a tab or a CR are
 * refused: a spreadsheet would run them as formulas.
 *
 * Reasons are in the user's language, each naming its column ("证件号码：与第
 * 3 行重复", "id_number: the same as line 3"), joined by "；" ("; "), as the
 * error file shows them to the officer.  A row the
 * reader had to cut (table_row.overflow) is rejected with that reason first.
 *
 * Ownership: the rules point at the caller's region set and map of ID
 * numbers seen; the values of a checked row point into the import_row and
 * the table row, valid until either is reused.
 */
#ifndef BANGFU_SERVICES_IMPORT_ROW_H
#define BANGFU_SERVICES_IMPORT_ROW_H

#include "core/date.h"
#include "core/int_map.h"
#include "core/region_code.h"
#include "io/table_reader.h"
#include "registry/category.h"
#include "registry/person.h"
#include "registry/phone.h"
#include "registry/region.h"
#include "registry/vocabulary.h"

#include <stddef.h>

/* Longest rejection reason of one row, terminator included. */
#define IMPORT_ROW_REASON_MAX 4096
/* Longest code (户编号) kept, terminator included. */
#define IMPORT_ROW_CODE_MAX 256

/* The value of a field an import row clears (compare the pointer, not the text). */
extern const char import_row_clear[];

/* What a row is checked against; the caller fills it once per file. */
typedef struct import_row_rules {
    int column_of[PERSON_COLUMN_COUNT]; /* index of each format column in the file, -1 absent */
    const region_set *regions;          /* the region codes that exist (provinces loaded) */
    /* Loads the province of a code into regions (its first code met); a store failure < 0. */
    int (*load_province)(void *context, const char *canonical);
    void *load_context;
    int_map *seen;                      /* first 17 digits of the ID numbers seen -> their line */
    bf_date today;                      /* bounds birth dates */
    int clear_empty;                    /* 1: an empty cell of a present column clears its field */
    const vocabulary_set *vocabularies; /* the values the 四清 fields take */
    const char *within;                 /* canonical: a region outside it is rejected; NULL */
} import_row_rules;

/* One checked row: its values when valid, its reasons when not. */
typedef struct import_row {
    /* values[f]: the text to store, NULL to keep the stored value, import_row_clear to clear. */
    person person;
    char reason[IMPORT_ROW_REASON_MAX];
    size_t reason_used;
    /* The normalised values the person points at. */
    char birth_date[BF_DATE_TEXT_MAX];
    char region[REGION_CODE_TEXT_MAX];
    char categories[CATEGORY_TEXT_MAX];
    char phone[PHONE_TEXT_MAX];
    char household_id[IMPORT_ROW_CODE_MAX];
    char listed[VOCABULARY_FIELD_COUNT][VOCABULARY_JOINED_MAX]; /* values of list fields */
} import_row;

/*
 * Checks row (line row->line of the file) and fills out.  Returns 1 when it
 * is valid, 0 when it is rejected (out->reason says why), or BF_ENOMEM.  A
 * valid ID number is recorded in rules->seen, so a later row with it is
 * rejected as a repeat, even when this one is rejected for another reason.
 */
int import_row_check(const import_row_rules *rules, const table_row *row, import_row *out);

/* The cell of format column c: NULL when the file has no such column, "" when the row is short. */
const char *import_row_cell(const import_row_rules *rules, const table_row *row, int c);

/* True when the cell is the marker asking to clear its field. */
int import_row_is_clear_marker(const char *cell);

#endif
