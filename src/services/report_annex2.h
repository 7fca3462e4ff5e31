/*
 * report_annex2.h - 附件2 脱贫人口就业帮扶项目清单 of the 2023 notice (三(四); issue 16 item 2)
 * as its form: the report { } sd2023.annex2 of the policy files filled with the stored
 * projects lying in the region (services/project_list.h reads them), 县（市、区）, 序号,
 * 项目名称, 项目简介, 带动就业人数 and 带动脱贫人口就业人数 counted from the spells naming the
 * project begun by the day (--as-of, else today), the areas ①②③, 项目联系人, 联系电话, 备注.
 * With --as-of only projects stored by the end of that day are listed.
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_ANNEX2_H
#define BANGFU_SERVICES_REPORT_ANNEX2_H

#include "services/report_common.h"

/* The id of the report { } whose table this fills. */
#define REPORT_ANNEX2_ID "sd2023.annex2"

/* Writes the form; *rows receives how many projects it lists. */
int report_annex2_write(store *st, const report_options *options, int *rows, bf_error *err);

#endif
