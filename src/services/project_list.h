/*
 * project_list.h - the 脱贫人口就业帮扶项目清单 (附件2 of the 2023 notice, 三(四);
 * issue 13 item 3): the stored projects lying in a region, in the columns of
 * 附件2 (县（市、区）, 序号, 项目名称, 项目简介, 带动就业人数 and 带动脱贫人口就业人数
 * as declared, 项目所在地是否属于 ①②③, 项目联系人, 联系电话, 备注), with the
 * project's number and kind and, counted from the spells naming the project
 * that began by the day, the people employed on it and the 脱贫人口 among them
 * (the person status services/carrier_register.h counts, each person once).
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_PROJECT_LIST_H
#define BANGFU_SERVICES_PROJECT_LIST_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <stdint.h>

typedef struct project_list_options {
    const char *region;    /* canonical 12 digits; NULL: all */
    const char *batch;     /* NULL, or the last batch whose projects count (--as-of) */
    int32_t day;           /* spells begun by this day count (date_to_days) */
    const char *out;       /* .csv, .xlsx or "-" */
    const policy_set *set; /* the person status of 脱贫人口 */
} project_list_options;

/* The columns of the list, in order (PROJECT_LIST_COLUMNS of them). */
enum { PROJECT_LIST_COLUMNS = 14 };
extern const char *const project_list_headers[PROJECT_LIST_COLUMNS];

/* Receives each project's cells (project_list_headers) and its region (canonical). */
typedef int (*project_list_sink)(void *context, const char *region, const char *const *cells,
                                 bf_error *err);

/* Reads the projects in order of region and number, giving each to sink. */
int project_list_read(store *st, const project_list_options *options, project_list_sink sink,
                      void *context, bf_error *err);

/* Writes the list; *rows receives how many projects it holds. */
int project_list_write(store *st, const project_list_options *options, int64_t *rows,
                       bf_error *err);

#endif
