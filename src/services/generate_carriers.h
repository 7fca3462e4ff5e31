/*
 * generate_carriers.h - the files of `bangfu generate facts` for issue 13
 * items 1-3 (services/generate_facts.h calls it once the organisations are
 * made): certifications.csv (decisions on the workshops, bases,
 * cooperatives and relocation sites), alliances.csv and
 * alliance_members.csv (one 劳务协作联盟 per two counties, with their
 * counties and agencies), brands.csv (one 特色劳务品牌 per county) and
 * projects.csv (one 以工代赈 or 就业帮扶 project per 1,000 people, from 2023), each
 * in its import's format, from a random state of their own so that the other
 * files do not change with them.  The 以工代赈 projects are handed back, so
 * that the people's spells can work on them (附件1's 以工代赈 column).
 *
 * Ownership: the organisations are the caller's; the projects handed back are
 * the caller's to free().
 */
#ifndef BANGFU_SERVICES_GENERATE_CARRIERS_H
#define BANGFU_SERVICES_GENERATE_CARRIERS_H

#include "core/error.h"
#include "core/region_code.h"
#include "services/generate_facts.h"

#include <stdint.h>

/* One organisation of orgs.csv. */
typedef struct generate_carrier_org {
    const char *code;   /* 统一社会信用代码 */
    const char *region; /* canonical region code */
    const char *kind;   /* org_kind.tsv code (workshop, agency, ...) */
} generate_carrier_org;

/* A 以工代赈 project written: its code, where and when. */
typedef struct generate_relief_project {
    char code[24];
    char region[REGION_CODE_TEXT_MAX];
    int32_t first_day, last_day; /* date_to_days */
} generate_relief_project;

/* Writes the files into dir; rows[kind] gets the rows of each of them, *relief the 以工代赈
   projects (an array of *relief_count, NULL when none). */
int generate_carriers(const char *dir, uint64_t seed, int64_t people,
                      const generate_carrier_org *orgs, int count,
                      int64_t rows[GENERATE_FACT_KIND_COUNT], generate_relief_project **relief,
                      int *relief_count, bf_error *err);

#endif
