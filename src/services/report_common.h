/*
 * report_common.h - what the reports of issue 16 share: the rows of a region (the region
 * itself and its children in the region table, each a range of canonical codes, a record
 * placed in the child whose range holds its region, or in the region's own row 本级 when it
 * lies in none), who counts as 脱贫人口 (the categories of the person status the policy
 * files declare, sd2023.poverty_population: 脱贫人口 with the 监测帮扶对象, as `org list` and
 * `project list` count them), and the last batch of an --as-of day.
 *
 * Ownership: report_regions_load() fills a report_regions freed by report_regions_free().
 */
#ifndef BANGFU_SERVICES_REPORT_COMMON_H
#define BANGFU_SERVICES_REPORT_COMMON_H

#include "core/error.h"
#include "core/region_code.h"
#include "policy/policy_model.h"
#include "registry/category.h"
#include "registry/region.h"
#include "services/report_form.h"
#include "store/store.h"

#include <stdint.h>

/* Longest own name of a region (任城区), terminator included. */
#define REPORT_REGION_NAME_MAX 128
/* Most children of one region (a township's villages are at most a few hundred). */
#define REPORT_CHILDREN_MAX 4096

typedef struct report_region {
    char code[REGION_CODE_TEXT_MAX];
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX]; /* [low, high): within it */
    char name[REPORT_REGION_NAME_MAX];
} report_region;

typedef struct report_regions {
    report_region self;
    int count;               /* children */
    report_region *children; /* ordered by code */
} report_regions;

/* The region code (canonical) and its children; BF_ENOTFOUND when code is not a region. */
int report_regions_load(store *st, const char *code, report_regions *out, bf_error *err);
void report_regions_free(report_regions *regions);

/*
 * The row of a canonical code: the index of the child holding it, count (本级, the region's
 * own row) when it lies in the region but in no child, -1 outside the region.
 */
int report_regions_find(const report_regions *regions, const char *code);

/* The categories whose people count as 脱贫人口 (report_poverty_load). */
typedef struct report_poverty {
    category_set categories;
    char status[POLICY_ID_MAX];
} report_poverty;

/*
 * Reads the person status CARRIER_REGISTER_HIRES_STATUS of set: it must be a person status
 * made of category conditions only (the reports test them on the stored 帮扶类别 without the
 * whole engine); BF_EINVAL saying why otherwise.
 */
int report_poverty_load(const policy_set *set, report_poverty *out, bf_error *err);

/* True when the stored 帮扶类别 text (joined by '；') holds one of the categories. */
int report_poverty_holds(const report_poverty *poverty, const char *categories);

/*
 * The last batch begun by the end of as_of (a day, date_to_days, local time as the user
 * reads it) into *batch: records of later batches were not yet stored that day.  INT64_MAX
 * when as_of is INT32_MAX (today's data).
 */
int report_as_of_batch(store *st, int32_t as_of, int64_t *batch, bf_error *err);

/* What a report is asked for (cmd_report.c fills it). */
typedef struct report_options {
    const char *region;      /* canonical 12 digits (targets: NULL for each target's own) */
    int year, quarter;       /* 2023, 1..4 (0: none given) */
    int month;               /* --month: a month index (date_month_index), -1 when none */
    int by_region, by_month; /* --by region|month: a row per child region, per month */
    const char *by, *reason; /* submit, return: who, and why a submission is sent back */
    int32_t as_of;           /* the data as stored at the end of that day; INT32_MAX: now */
    int32_t filled_on;       /* 填表日期 (date_to_days) */
    const policy_set *set;   /* the report { } and the 脱贫人口 status */
    const char *out;         /* file or "-" */
    report_format format;
    const char *cell_row; /* --cell: a row's region code, "本级" or NULL for no --cell */
    int cell_column;      /* --cell: 1.. the value columns, left to right */
} report_options;

#endif
