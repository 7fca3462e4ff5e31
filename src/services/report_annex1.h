/*
 * report_annex1.h - 附件1 防止返贫就业攻坚行动推进情况表 of the 2023 notice (三(四); issue 16
 * item 1): the report { } sd2023.annex1 of the policy files filled from the stored records,
 * one row for the region (its total, first as the form's ##市 row) and one per child region
 * (the form's ##区, ##县), plus the region's own row (本级) when records lie in it but in no
 * child; values are 当年累计, from 1 January to the end of the quarter (or to the --as-of day
 * when earlier).  Every count is made at the record's own region and summed upward, so a row
 * is the sum of its children everywhere.
 *
 * The columns, in the policy file's order, and what each counts:
 *   劳务协作联盟个数      alliances working in the period, at their lead region
 *   特色劳务品牌个数      brands recognised by the end and not ended before the year
 *   乡村振兴劳务基地个数, 劳务合作社个数, 就业帮扶车间个数
 *                         organisations holding that carrier kind (certifications) on
 *                         some day of the period, at the organisation's region
 *   车间 吸纳脱贫人口数    per workshop counted, the 脱贫人口 with a spell there in the period
 *   以工代赈吸纳…就业人数  per 以工代赈 project (projects.kind work_relief), the people with a
 *                         spell on it in the period; 吸纳脱贫人口数 the 脱贫人口 among them
 *   乡村公益性岗位安置脱贫人口数  per village, the 脱贫人口 holding a public-welfare post
 *   职业技能培训人数      per training region (else hukou), the 脱贫人口 in a training of
 *                         the period
 *   易地搬迁安置区…就业人数  the 脱贫人口 living at a relocation site with a spell in the period,
 *                         at the site's region
 *   乐业搬迁专场招聘次数  the fairs of kind relocation (乐业搬迁专场招聘) held in the period,
 *                         at the fair's region
 * 脱贫人口: services/report_common.h.  --cell lists the records behind one cell.
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_ANNEX1_H
#define BANGFU_SERVICES_REPORT_ANNEX1_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "services/report_common.h"
#include "services/report_form.h"
#include "store/store.h"

#include <stdint.h>

/* The id of the report { } whose table this fills. */
#define REPORT_ANNEX1_ID "sd2023.annex1"

/* Writes the table, or with cell_row the records behind that cell; *rows: rows written. */
int report_annex1_write(store *st, const report_options *options, int *rows, bf_error *err);

/* The value columns of 附件1. */
#define REPORT_ANNEX1_VALUES 12

/* The region's row (its total) of the table into totals, with the columns' headers. */
int report_annex1_totals(store *st, const report_options *options,
                         int64_t totals[REPORT_ANNEX1_VALUES],
                         const char *headers[REPORT_ANNEX1_VALUES], bf_error *err);

/*
 * The table without writing it: form (report_form_free() by the caller) and extra (the
 * caller's object) receive what report_annex1_write() writes, with extra's
 * "workshop_workers": per row, everyone employed at the workshops counted (the check of
 * 吸纳脱贫人口数).
 */
int report_annex1_form(store *st, const report_options *options, report_form *form, json_t *extra,
                       bf_error *err);

/* Parses "2023Q3" (or 2023q3) into year and quarter; BF_EINVAL otherwise. */
int report_quarter_parse(const char *text, int *year, int *quarter);

#endif
