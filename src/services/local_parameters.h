/*
 * local_parameters.h - the local parameters kept in the database (`bangfu
 * param set/list/history`, table parameter_values of migration 0006).
 *
 * The policy files declare parameters with a unit (parameter { name, unit }:
 * yuan, yuan_per_month, ..., persons, months, window) and mostly leave their
 * values to local authorities (当地最低工资, 规定期限).  A clerk stores them:
 * a value for a parameter, a region of the region table and a start date,
 * checked against the unit the loaded policy files declare.  Nothing is ever
 * overwritten: a value from a later date supersedes from that date, and a
 * correction (same parameter, region and date) is a new row whose higher id
 * wins; every row keeps who set it and when (UTC).
 *
 * local_parameters_apply() adds the stored values to a loaded policy_set's
 * timelines with POLICY_ORIGIN_STORE, the structure a situation's parameters
 * fill (situation_apply_parameters), so calc over stored data uses them and a
 * situation file's values still win over them.
 *
 * Ownership: rows are filled into caller buffers; nothing is kept.
 */
#ifndef BANGFU_SERVICES_LOCAL_PARAMETERS_H
#define BANGFU_SERVICES_LOCAL_PARAMETERS_H

#include "core/date.h"
#include "core/error.h"
#include "core/region_code.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

/* Longest source (文号) or setter name, in bytes, terminator included. */
#define LOCAL_PARAMETER_TEXT_MAX 256
/* Longest unit name ("yuan_per_month"), terminator included. */
#define LOCAL_PARAMETER_UNIT_MAX 32
/* Largest count a persons or months parameter takes. */
#define LOCAL_PARAMETER_COUNT_MAX 1000000

/* What `param set` asks for, as typed. */
typedef struct local_parameter_request {
    const char *name;   /* a parameter the policy files declare */
    const char *region; /* any accepted form of a region code (370800, 3708, ...) */
    const char *from;   /* YYYY-MM-DD */
    const char *value;  /* amount units: yuan (at most two decimals); persons, months: whole */
    const char *to;     /* window parameters: the last day; NULL: open */
    int ends;           /* 1: no value from `from` on (the timeline ends there) */
    const char *source; /* 文号, may be NULL */
    const char *by;     /* who sets it; NULL: the OS user */
} local_parameter_request;

/* One stored row. */
typedef struct local_parameter_row {
    int64_t id;
    char name[POLICY_ID_MAX];
    char unit[LOCAL_PARAMETER_UNIT_MAX];
    char region[REGION_CODE_TEXT_MAX]; /* canonical 12 digits */
    char from[BF_DATE_TEXT_MAX];
    char to[BF_DATE_TEXT_MAX]; /* window parameters: the last day; "" when open */
    int ends;                  /* 1: the timeline ends on `from` (no amount, no window) */
    int64_t amount;            /* hundredths of the unit: fen; persons and months x 100 */
    char source[LOCAL_PARAMETER_TEXT_MAX]; /* "" when none was given */
    char set_by[LOCAL_PARAMETER_TEXT_MAX];
    char set_at[BF_TIMESTAMP_TEXT_MAX]; /* UTC, "2026-12-01T01:02:03Z" */
    int64_t corrected_by; /* id of the later row for the same name, region and from; 0: none */
} local_parameter_row;

/*
 * Validates request against the parameter's declared unit in set and stores
 * it as a new row (one transaction); written (may be NULL) receives the row.
 * BF_ENOTFOUND for a parameter no policy file declares (the caller lists
 * set's parameters) or a region not in the region table; BF_EINVAL for a
 * value, date or option that does not fit the unit; each with a message
 * naming the option and the reason.
 */
int local_parameters_set(store *st, const policy_set *set, const local_parameter_request *request,
                         local_parameter_row *written, bf_error *err);

/* Which rows local_parameters_read() visits. */
typedef struct local_parameter_query {
    const char *name;   /* NULL: every parameter */
    const char *region; /* canonical; NULL: every region; else the rows of this region, of its
                           ancestors (their values apply here too) and of the regions within it */
    const char *at;     /* YYYY-MM-DD: per parameter and region, only the row in effect that day
                           (the latest start on or before it, the last correction); NULL: every row
                           (the history) */
} local_parameter_query;

/* Called for each row; a non-BF_OK return stops the reading and is returned. */
typedef int (*local_parameter_visit)(void *context, const local_parameter_row *row);

/*
 * Visits the rows query selects ordered by name, region, start and id, each
 * with corrected_by filled.  Streams: memory does not grow with the rows.
 */
int local_parameters_read(store *st, const local_parameter_query *query,
                          local_parameter_visit visit, void *context, bf_error *err);

/* Longest value text of a row ("2020-01-24 至 2020-06-30", "1000000000000.00 元/小时"). */
#define LOCAL_PARAMETER_VALUE_TEXT_MAX 96

/* One row as local_parameters_read_json() gives it (a new reference), or NULL without memory. */
json_t *local_parameters_row_json(store *st, const local_parameter_row *row);

/*
 * The rows query selects as a JSON array into *rows (a new reference), each {id, name, unit,
 * region (as typed: 6 digits down to a county), region_name, from, value (yuan text, a count,
 * or null), to, ends, text (local_parameters_value_text), source, set_by, set_at (UTC),
 * corrected_by}: what `param list --json` prints and GET /api/parameters answers.
 */
int local_parameters_read_json(store *st, const local_parameter_query *query, json_t **rows,
                               bf_error *err);

/*
 * Adds every stored row to the timelines of set (call after the policy files
 * are loaded and before a situation's parameters are applied), in the order
 * they were set, with origin POLICY_ORIGIN_STORE.  Rows of a parameter the
 * set does not declare, or declares now with another unit, are not used:
 * *skipped (may be NULL) receives how many.
 */
int local_parameters_apply(store *st, policy_set *set, int64_t *skipped, bf_error *err);

/*
 * The stored values as the "parameters" object of a situation file ({name:
 * [{region, from, value | to, source}]}, docs/policy-format.md), each
 * parameter's in the order they were set, so that a correction still wins
 * when the file is read back (situation_apply_parameters): `calc` of that file
 * then sees the values calc over stored data sees.  The rows
 * local_parameters_apply() would not use with set are left out likewise.
 * *out is a new reference.
 */
int local_parameters_situation_json(store *st, const policy_set *set, json_t **out, bf_error *err);

/* The value of row in words and its unit: "1730.00 元/月", "6 个月", "2020-01-24 至 2020-06-30". */
void local_parameters_value_text(const local_parameter_row *row, char *out, size_t size);

#endif
