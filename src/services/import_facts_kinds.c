/*
 * import_facts_kinds.c - the description tables of the stored facts' lists
 * (services/import_facts.h says how to add one): their columns in the
 * order of the template, and their rules across columns.
 */
#include "services/import_facts.h"

#include "core/money.h"

#include <stdio.h>
#include <string.h>

/* Largest counts and amounts a list may give (beyond them the cell is a typing error). */
#define FACT_STAFF_MAX  10000000   /* persons of one organisation */
#define FACT_MONTHS_MAX 1200       /* months of a contract or of contributions (100 years) */
#define FACT_HOURS_MAX  (744 * 10) /* tenths of an hour in a month of 31 days */

/* Organisations (单位名单), keyed by 统一社会信用代码. */
enum {
    ORG_CODE,
    ORG_NAME,
    ORG_KIND,
    ORG_REGION,
    ORG_STAFF,
    ORG_FREE_PREMISES,
    ORG_CONTACT,
    ORG_PHONE,
    ORG_COLUMN_COUNT
};

static const fact_column org_columns[ORG_COLUMN_COUNT] = {
    [ORG_CODE] = {"统一社会信用代码", "org_code", "org_code", FACT_CREDIT_CODE, FACT_KEY, NULL,
                  NULL, 0, "91370811MA3C6Y4N2B"},
    [ORG_NAME] = {"单位名称", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                  "任城区帮扶车间"},
    [ORG_KIND] = {"单位类型", "kind", "kind", FACT_WORD, FACT_REQUIRED, "org_kind", NULL, 0,
                  "就业帮扶车间"},
    [ORG_REGION] = {"所在地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL, NULL, 0,
                    "370811"},
    [ORG_STAFF] = {"职工人数", "staff", "staff", FACT_INTEGER, 0, NULL, NULL, FACT_STAFF_MAX, "25"},
    [ORG_FREE_PREMISES] = {"免费提供场地", "free_premises", "free_premises", FACT_YES_NO, 0, NULL,
                           "0", 0, "是"},
    [ORG_CONTACT] = {"联系人", "contact", "contact", FACT_TEXT, 0, NULL, NULL, 0, "李娜"},
    [ORG_PHONE] = {"联系电话", "phone", "phone", FACT_PHONE, 0, NULL, NULL, 0, "0537-2345678"},
};

static const fact_kind org_kind = {"orgs",      "单位名单",       "list of organisations",
                                   org_columns, ORG_COLUMN_COUNT, NULL};

/* Employment spells (就业状态), keyed by person, employer and start day. */
enum {
    JOB_ID_NUMBER,
    JOB_EMPLOYER,
    JOB_REGION,
    JOB_KIND,
    JOB_START,
    JOB_END,
    JOB_CONTRACT_MONTHS,
    JOB_INSURANCE_MONTHS,
    JOB_MONTHLY_INCOME,
    JOB_HOURS,
    JOB_AGENCY,
    JOB_TRAVEL_COST,
    JOB_COLUMN_COUNT
};

static const fact_column job_columns[JOB_COLUMN_COUNT] = {
    [JOB_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL, 0,
                       "37081119800101001X"},
    [JOB_EMPLOYER] = {"单位统一社会信用代码", "employer", "employer", FACT_ORG,
                      FACT_KEY | FACT_EMPTY_KEY, NULL, NULL, 0, "91370811MA3C6Y4N2B"},
    [JOB_REGION] = {"工作地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL, NULL, 0,
                    "370811"},
    [JOB_KIND] = {"就业形式", "kind", "kind", FACT_WORD, FACT_REQUIRED, "job_kind", NULL, 0,
                  "车间就业"},
    [JOB_START] = {"开始日期", "start", "start_date", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                   "2020-03-01"},
    [JOB_END] = {"结束日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, ""},
    [JOB_CONTRACT_MONTHS] = {"劳动合同期限（月）", "contract_months", "contract_months",
                             FACT_INTEGER, 0, NULL, NULL, FACT_MONTHS_MAX, "12"},
    [JOB_INSURANCE_MONTHS] = {"参保月数", "social_insurance_months", "insurance_months",
                              FACT_INTEGER, 0, NULL, NULL, FACT_MONTHS_MAX, "6"},
    [JOB_MONTHLY_INCOME] = {"月收入（元）", "monthly_income", "monthly_income", FACT_MONEY, 0, NULL,
                            NULL, MONEY_FEN_MAX, "2500"},
    [JOB_HOURS] = {"每月工时", "hours_per_month", "hours_tenths", FACT_HOURS, 0, NULL, NULL,
                   FACT_HOURS_MAX, "176"},
    [JOB_AGENCY] = {"输出机构统一社会信用代码", "agency", "agency", FACT_ORG, 0, NULL, NULL, 0, ""},
    [JOB_TRAVEL_COST] = {"交通费用（元）", "travel_cost", "travel_cost", FACT_MONEY, 0, NULL, NULL,
                         MONEY_FEN_MAX, ""},
};

/*
 * A spell has an employer unless it is farming or self-employment; it ends
 * (when it has ended) on or after its first day (ISO dates compare as text).
 */
static void job_check(const fact_record_view *record)
{
    const char *employer = record->values[JOB_EMPLOYER];
    const char *kind = record->values[JOB_KIND];
    const char *start = record->values[JOB_START];
    const char *end = record->values[JOB_END];
    if ((employer == NULL || employer[0] == '\0') && kind != NULL &&
        strcmp(kind, "agriculture") != 0 && strcmp(kind, "self_employed") != 0)
        fact_reject(record, JOB_EMPLOYER, "%s",
                    BF_TR("必填（只有务农、自主创业可以没有单位）",
                          "required (only agriculture and self-employment have no employer)"));
    if (end != NULL && start != NULL && strcmp(end, start) < 0)
        fact_reject(record, JOB_END, BF_TR("%s 早于开始日期 %s", "%s is before the start %s"), end,
                    start);
}

static const fact_kind job_kind = {"jobs",      "就业状态名单",   "list of employment spells",
                                   job_columns, JOB_COLUMN_COUNT, job_check};

const fact_kind *const fact_kinds[] = {&org_kind, &job_kind, NULL};

const fact_kind *fact_kind_find(const char *name)
{
    for (int i = 0; fact_kinds[i] != NULL; i++)
        if (strcmp(fact_kinds[i]->name, name) == 0)
            return fact_kinds[i];
    return NULL;
}

void fact_kind_names(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; fact_kinds[i] != NULL && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i > 0 ? "|" : "",
                                 fact_kinds[i]->name);
}
