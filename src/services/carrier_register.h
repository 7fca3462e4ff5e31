/*
 * carrier_register.h - the 名录库 of carriers (issue 13 item 1): every
 * organisation with a decision on a carrier kind (services/certification.h),
 * and every organisation whose own kind is a carrier kind
 * (vocabularies/carrier_kind.tsv) without one, with its status on a day and
 * its hires of 脱贫人口 then, by region, kind and status, written as a list
 * (.csv or .xlsx through io/table_writer).
 *
 * Status on the day: certified (已认定: held), exited (已退出: held before,
 * not now) or none (未认定: never held by then).  Hires of 脱贫人口: the
 * people holding the person status hires_status (by default
 * sd2023.poverty_population, 脱贫人口 with the 监测帮扶对象 as the 2023
 * notice counts them) in a spell at the organisation covering the day, each
 * person once, evaluated by the policy engine over the stored facts of the
 * region.
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_CARRIER_REGISTER_H
#define BANGFU_SERVICES_CARRIER_REGISTER_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "policy/population.h"
#include "store/store.h"

#include <stdint.h>

/* The person status whose holders count as hires of 脱贫人口 unless told otherwise. */
#define CARRIER_REGISTER_HIRES_STATUS "sd2023.poverty_population"

/* A carrier's status on a day. */
typedef enum carrier_status {
    CARRIER_CERTIFIED, /* 已认定 */
    CARRIER_EXITED,    /* 已退出 */
    CARRIER_NONE,      /* 未认定 */
    CARRIER_STATUS_COUNT
} carrier_status;

/* The code of status ("certified", "exited", "none"), and back (-1 when unknown). */
const char *carrier_status_code(carrier_status status);
int carrier_status_parse(const char *code);

typedef struct carrier_register_options {
    const char *region;       /* canonical 12 digits: organisations lying within; NULL: all */
    const char *carrier;      /* an org kind code; NULL: every carrier kind */
    int status;               /* a carrier_status, or -1 for any */
    int32_t day;              /* the day of the status and the hires (date_to_days) */
    const char *out;          /* .csv, .xlsx or "-" (CSV on standard output) */
    const policy_set *set;    /* the policy files (the hires status) */
    const char *hires_status; /* NULL: CARRIER_REGISTER_HIRES_STATUS */
} carrier_register_options;

/*
 * Reads the stored population of region (NULL: all; no one there: an empty one) into *pop
 * and marks in *holds (one byte per person row) those holding the person status status
 * (NULL: CARRIER_REGISTER_HIRES_STATUS) for a period ending on day.  The caller frees both
 * (population_free, free).
 */
int carrier_status_holders(store *st, const policy_set *set, const char *status, const char *region,
                           int32_t day, population **pop, uint8_t **holds, bf_error *err);

/* The columns of the list, in order (CARRIER_REGISTER_COLUMNS of them). */
enum { CARRIER_REGISTER_COLUMNS = 14 };
extern const char *const carrier_register_headers[CARRIER_REGISTER_COLUMNS];

/* Receives each line's cells (carrier_register_headers); a non-BF_OK return stops the reading. */
typedef int (*carrier_register_sink)(void *context, const char *const *cells, bf_error *err);

/*
 * Gives each line of the list to sink, in the order of region, code and carrier kind; *rows
 * receives how many.
 */
int carrier_register_read(store *st, const carrier_register_options *options,
                          carrier_register_sink sink, void *context, int64_t *rows, bf_error *err);

/* Writes the list; *rows receives how many carriers it holds. */
int carrier_register_write(store *st, const carrier_register_options *options, int64_t *rows,
                           bf_error *err);

#endif
