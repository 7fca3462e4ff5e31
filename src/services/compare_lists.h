/*
 * compare_lists.h - a list from another office compared with the registry,
 * as a stored, dated run (`bangfu compare`, issue 13 item 5): 济南三年行动
 * 八(二) compares the poor with the insured every quarter, 鲁人社字〔2020〕41号
 * (九) pays the residents' pension of those not insured (代缴, 未参保人员动态清零)
 * and (十) asks that those of pension age draw it.
 *
 * The lists: "insurance" (the social insurance agency's, `import insurance`)
 * and "poverty" (the poverty office's, `import poverty`).  Everyone stored in
 * people is the registry.  A run finds, for each person:
 *   insurance: uninsured      aged COMPARE_CONTRIBUTION_AGE_MIN .. the pension
 *                             age - 1 on the day, without a pension line
 *                             (employee_pension or resident_pension) paying
 *                             or drawing benefits: the 代缴 / 动态清零 list;
 *              no_pension     aged COMPARE_PENSION_AGE or more, without a
 *                             pension line drawing benefits (pensioner);
 *   both:      registry_only  registered, not in the list at all;
 *              list_only      in the list, not registered;
 *   poverty:   differs        one row per field the list gives and the
 *                             registry holds otherwise: name, hukou_region,
 *                             household_id, relation, categories, phone.
 * The run (compare_runs) and its findings (compare_findings) are written in
 * one transaction.  A run's changes are counted against the previous run of
 * the same list and region: findings new (not in it) and resolved (in it,
 * not now), the same finding meaning the same kind, person and field.
 *
 * A run of a region (a county officer's, from the web) takes the registered
 * people whose hukou lies in the region and, of the list, those people and
 * the unregistered listed in the region (poverty; the insurance list names
 * no region, so it has no list_only there): its findings are exactly the
 * findings of a whole run whose hukou_region lies in the region.
 *
 * How: the list is read into memory in ID number order, then the registry
 * is streamed in the same order and walked alongside it; the findings are
 * kept in memory and bulk loaded after the read (PostgreSQL streams one query
 * at a time on a connection).
 *
 * Ownership: results are the caller's; nothing is kept between calls.
 */
#ifndef BANGFU_SERVICES_COMPARE_LISTS_H
#define BANGFU_SERVICES_COMPARE_LISTS_H

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/*
 * Ages of the residents' pension: contributions from 16 (年满16周岁), the
 * pension from 60 (年满60周岁): 国发〔2014〕8号 as 鲁人社字〔2020〕41号 (九) 缴费年龄段
 * and (十) 待遇领取条件 apply it.
 */
#define COMPARE_CONTRIBUTION_AGE_MIN 16
#define COMPARE_PENSION_AGE          60

/* The kinds of finding: code (compare_findings.finding), sheet title in Chinese, in English. */
#define COMPARE_FINDINGS(X)                                                                        \
    X(COMPARE_UNINSURED, "uninsured", "未参保16至59岁", "not insured aged 16-59")                  \
    X(COMPARE_NO_PENSION, "no_pension", "60岁以上未领养老金", "60 and over without pension")       \
    X(COMPARE_REGISTRY_ONLY, "registry_only", "仅在登记中", "in the registry only")                \
    X(COMPARE_LIST_ONLY, "list_only", "仅在名单中", "in the list only")                            \
    X(COMPARE_DIFFERS, "differs", "信息不一致", "fields that differ")

typedef enum compare_finding {
#define COMPARE_FINDING_ENUM(id, code, zh, en) id,
    COMPARE_FINDINGS(COMPARE_FINDING_ENUM)
#undef COMPARE_FINDING_ENUM
        COMPARE_FINDING_COUNT
} compare_finding;

/* The code of finding ("uninsured"), and its title in the user's language. */
const char *compare_finding_code(compare_finding finding);
const char *compare_finding_title(compare_finding finding);

/* What one run found. */
typedef struct compare_result {
    int64_t run;                             /* its id */
    int64_t registry_people;                 /* people of the registry */
    int64_t list_people;                     /* distinct people of the list */
    int64_t counts[COMPARE_FINDING_COUNT];   /* findings per kind */
    int64_t previous;                        /* the previous run of the list, 0 when none */
    int64_t added[COMPARE_FINDING_COUNT];    /* per kind: not in the previous run */
    int64_t resolved[COMPARE_FINDING_COUNT]; /* per kind: in the previous run, not in this one */
} compare_result;

/* True when list names a list that can be compared ("insurance", "poverty"). */
int compare_list_known(const char *list);

/*
 * Compares list with the registry (region: canonical 12 digits, its people
 * only; NULL or "" the whole registry) as of the day as_of and stores the
 * run; result gets its counts and changes.  BF_OK, or err says what failed
 * and nothing was stored.
 */
int compare_run(store *st, const char *list, const char *region, bf_date as_of,
                compare_result *result, bf_error *err);

/*
 * The counts of the stored run (its list into list, LIST_NAME_MAX bytes, and
 * day into as_of) and its changes since the previous run of its list and
 * region.  BF_ENOTFOUND when there is no such run.
 */
#define COMPARE_LIST_NAME_MAX 16

/* The previous run of the list and region of run into *previous (0: none). */
int compare_previous(store *st, int64_t run, int64_t *previous, bf_error *err);
int compare_load(store *st, int64_t run, char list[COMPARE_LIST_NAME_MAX],
                 char as_of[BF_DATE_TEXT_MAX], compare_result *result, bf_error *err);

/*
 * Writes the findings of run to path (.xlsx: one worksheet per kind of
 * finding, each with its header; .csv: one table with the kind in its first
 * column), each marked 新增 when the previous run of its list (and region) did not have
 * it; the findings the previous run had and this one has not go to a last
 * worksheet (已解决).  *rows gets the findings written.
 */
int compare_export(store *st, int64_t run, const char *path, int64_t *rows, bf_error *err);

#endif
