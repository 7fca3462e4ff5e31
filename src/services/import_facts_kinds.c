/*
 * import_facts_kinds.c - the description tables of the stored facts' lists
 * (services/import_facts.h says how to add one): their columns in the
 * order of the template, and their rules across columns.
 */
#include "services/import_facts.h"

#include "core/date.h"
#include "core/money.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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
                  NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [ORG_NAME] = {"单位名称", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                  "任城区帮扶车间", NULL},
    [ORG_KIND] = {"单位类型", "kind", "kind", FACT_WORD, FACT_REQUIRED, "org_kind", NULL, 0,
                  "就业帮扶车间", NULL},
    [ORG_REGION] = {"所在地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL, NULL, 0,
                    "370811", NULL},
    [ORG_STAFF] = {"职工人数", "staff", "staff", FACT_INTEGER, 0, NULL, NULL, FACT_STAFF_MAX, "25",
                   NULL},
    [ORG_FREE_PREMISES] = {"免费提供场地", "free_premises", "free_premises", FACT_YES_NO, 0, NULL,
                           "0", 0, "是", NULL},
    [ORG_CONTACT] = {"联系人", "contact", "contact", FACT_TEXT, 0, NULL, NULL, 0, "李娜", NULL},
    [ORG_PHONE] = {"联系电话", "phone", "phone", FACT_PHONE, 0, NULL, NULL, 0, "0537-2345678",
                   NULL},
};

static const fact_kind org_kind = {
    .name = "orgs",
    .title_zh = "单位名单",
    .title_en = "list of organisations",
    .columns = org_columns,
    .column_count = ORG_COLUMN_COUNT,
};

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
    JOB_PROJECT,
    JOB_COLUMN_COUNT
};

static const fact_column job_columns[JOB_COLUMN_COUNT] = {
    [JOB_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL, 0,
                       "37081119800101001X", NULL},
    [JOB_EMPLOYER] = {"单位统一社会信用代码", "employer", "employer", FACT_ORG,
                      FACT_KEY | FACT_EMPTY_KEY, NULL, NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [JOB_REGION] = {"工作地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL, NULL, 0,
                    "370811", NULL},
    [JOB_KIND] = {"就业形式", "kind", "kind", FACT_WORD, FACT_REQUIRED, "job_kind", NULL, 0,
                  "车间就业", NULL},
    [JOB_START] = {"开始日期", "start", "start_date", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                   "2020-03-01", NULL},
    [JOB_END] = {"结束日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "", NULL},
    [JOB_CONTRACT_MONTHS] = {"劳动合同期限（月）", "contract_months", "contract_months",
                             FACT_INTEGER, 0, NULL, NULL, FACT_MONTHS_MAX, "12", NULL},
    [JOB_INSURANCE_MONTHS] = {"参保月数", "social_insurance_months", "insurance_months",
                              FACT_INTEGER, 0, NULL, NULL, FACT_MONTHS_MAX, "6", NULL},
    [JOB_MONTHLY_INCOME] = {"月收入（元）", "monthly_income", "monthly_income", FACT_MONEY, 0, NULL,
                            NULL, MONEY_FEN_MAX, "2500", NULL},
    [JOB_HOURS] = {"每月工时", "hours_per_month", "hours_tenths", FACT_HOURS, 0, NULL, NULL,
                   FACT_HOURS_MAX, "176", NULL},
    [JOB_AGENCY] = {"输出机构统一社会信用代码", "agency", "agency", FACT_ORG, 0, NULL, NULL, 0, "",
                    NULL},
    [JOB_TRAVEL_COST] = {"交通费用（元）", "travel_cost", "travel_cost", FACT_MONEY, 0, NULL, NULL,
                         MONEY_FEN_MAX, "", NULL},
    /* The project the spell is employed on (以工代赈: 就业形式 以工代赈 needs one; issue 13 item
       3). */
    [JOB_PROJECT] = {"项目编号", "project", "project", FACT_RECORD, 0, "projects.project_code",
                     NULL, 0, "", NULL},
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
    if (kind != NULL && strcmp(kind, "work_relief") == 0 &&
        !fact_given(record->values[JOB_PROJECT]))
        fact_reject(record, JOB_PROJECT, "%s",
                    BF_TR("以工代赈须填项目编号（先用 bangfu import projects 导入项目）",
                          "required for work relief (以工代赈): import the project first with "
                          "bangfu import projects"));
}

static const fact_kind job_kind = {
    .name = "jobs",
    .title_zh = "就业状态名单",
    .title_en = "list of employment spells",
    .columns = job_columns,
    .column_count = JOB_COLUMN_COUNT,
    .check = job_check,
    .records_where = "post IS NULL OR post = ''", /* the others are assignments */
};

/* Most days of one training (100 years, as the calc input allows). */
#define FACT_TRAINING_DAYS_MAX 36600
/* Most class hours of one course, in tenths (as the calc input's SITUATION_COURSE_HOURS_MAX). */
#define FACT_COURSE_HOURS_MAX (100000 * 10)

int fact_given(const char *value)
{
    return value != NULL && value[0] != '\0';
}

void fact_check_end(const fact_record_view *record, int start, int end)
{
    const char *from = record->values[start], *to = record->values[end];
    if (fact_given(from) && fact_given(to) && strcmp(to, from) < 0)
        fact_reject(record, end, BF_TR("%s 早于开始日期 %s", "%s is before the start %s"), to,
                    from);
}

/* Trainings (培训名单), keyed by person, provider, kind and start day. */
enum {
    TRAINING_ID_NUMBER,
    TRAINING_PROVIDER,
    TRAINING_KIND,
    TRAINING_REGION,
    TRAINING_START,
    TRAINING_END,
    TRAINING_DAYS,
    TRAINING_TOTAL_HOURS,
    TRAINING_ONLINE_HOURS,
    TRAINING_CERTIFICATE,
    TRAINING_COST,
    TRAINING_COLUMN_COUNT
};

static const fact_column training_columns[TRAINING_COLUMN_COUNT] = {
    [TRAINING_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL,
                            0, "37081119800101001X", NULL},
    [TRAINING_PROVIDER] = {"培训机构统一社会信用代码", "provider", "provider", FACT_ORG,
                           FACT_KEY | FACT_EMPTY_KEY, NULL, NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [TRAINING_KIND] = {"培训类型", "kind", "kind", FACT_WORD, FACT_KEY, "training_kind", NULL, 0,
                       "技能培训", NULL},
    [TRAINING_REGION] = {"培训地区划代码", "region", "region", FACT_REGION, 0, NULL, NULL, 0,
                         "370811", NULL},
    [TRAINING_START] = {"开始日期", "start", "start_date", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                        "2020-04-01", NULL},
    [TRAINING_END] = {"结束日期", "end", "end_date", FACT_DATE, FACT_REQUIRED, NULL, NULL, 0,
                      "2020-04-10", NULL},
    [TRAINING_DAYS] = {"培训天数", "days", "days", FACT_INTEGER, 0, NULL, NULL,
                       FACT_TRAINING_DAYS_MAX, "10", NULL},
    [TRAINING_TOTAL_HOURS] = {"总课时", "total_hours", "total_hours_tenths", FACT_HOURS, 0, NULL,
                              NULL, FACT_COURSE_HOURS_MAX, "80", NULL},
    [TRAINING_ONLINE_HOURS] = {"线上学时", "online_hours", "online_hours_tenths", FACT_HOURS, 0,
                               NULL, NULL, FACT_COURSE_HOURS_MAX, "20", NULL},
    [TRAINING_CERTIFICATE] = {"证书等级", "certificate", "certificate", FACT_TEXT, 0, NULL, NULL, 0,
                              "初级", NULL},
    [TRAINING_COST] = {"培训费用（元）", "cost", "cost", FACT_MONEY, 0, NULL, NULL, MONEY_FEN_MAX,
                       "1500", NULL},
};

/*
 * A training ends on or after its start, lasts no more days than its dates
 * span, has no more online hours than hours in all (the calc input's rules,
 * policy/situation_json.c), and its certificate is 初级, 中级 or 高级 (the
 * tiers of 济人社字〔2020〕47号 四(一)6) or none.
 */
static void training_check(const fact_record_view *record)
{
    static const char *const levels[] = {"初级", "中级", "高级"};
    const char *const *v = record->values;
    fact_check_end(record, TRAINING_START, TRAINING_END);
    bf_date start, end;
    if (fact_given(v[TRAINING_DAYS]) && fact_given(v[TRAINING_START]) &&
        fact_given(v[TRAINING_END]) && date_parse(v[TRAINING_START], &start) == BF_OK &&
        date_parse(v[TRAINING_END], &end) == BF_OK) {
        int64_t span = date_to_days(end) - date_to_days(start) + 1;
        if (span > 0 && strtoll(v[TRAINING_DAYS], NULL, 10) > span)
            fact_reject(record, TRAINING_DAYS,
                        BF_TR("%s 天多于开始到结束日期的 %" PRId64 " 天",
                              "%s days are more than the %" PRId64 " days from start to end"),
                        v[TRAINING_DAYS], span);
    }
    if (fact_given(v[TRAINING_ONLINE_HOURS]) && fact_given(v[TRAINING_TOTAL_HOURS]) &&
        strtoll(v[TRAINING_ONLINE_HOURS], NULL, 10) > strtoll(v[TRAINING_TOTAL_HOURS], NULL, 10))
        fact_reject(record, TRAINING_ONLINE_HOURS, "%s",
                    BF_TR("多于总课时", "more than the total hours"));
    const char *certificate = v[TRAINING_CERTIFICATE];
    if (fact_given(certificate)) {
        size_t known = 0;
        for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
            known += strcmp(certificate, levels[i]) == 0;
        if (!known)
            fact_reject(record, TRAINING_CERTIFICATE,
                        BF_TR("“%s”应为 初级、中级 或 高级（无证书留空）",
                              "'%s' must be 初级, 中级 or 高级 (empty for none)"),
                        certificate);
    }
}

static const fact_kind training_kind = {
    .name = "trainings",
    .title_zh = "培训名单",
    .title_en = "list of trainings",
    .columns = training_columns,
    .column_count = TRAINING_COLUMN_COUNT,
    .check = training_check,
};

/* School enrolments (在校名单), keyed by person, school kind and first day. */
enum {
    ENROLMENT_ID_NUMBER,
    ENROLMENT_SCHOOL_KIND,
    ENROLMENT_SCHOOL_NAME,
    ENROLMENT_REGION,
    ENROLMENT_FULL_TIME,
    ENROLMENT_START,
    ENROLMENT_END,
    ENROLMENT_COLUMN_COUNT
};

static const fact_column enrolment_columns[ENROLMENT_COLUMN_COUNT] = {
    [ENROLMENT_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL,
                             NULL, 0, "37081119800101001X", NULL},
    [ENROLMENT_SCHOOL_KIND] = {"学校类型", "school_kind", "school_kind", FACT_WORD, FACT_KEY,
                               "school_kind", NULL, 0, "技工院校", NULL},
    [ENROLMENT_SCHOOL_NAME] = {"学校名称", "school_name", "school_name", FACT_TEXT, 0, NULL, NULL,
                               0, "济宁市技师学院", NULL},
    [ENROLMENT_REGION] = {"学校地区划代码", "region", "school_region", FACT_REGION, 0, NULL, NULL,
                          0, "370811", NULL},
    [ENROLMENT_FULL_TIME] = {"全日制", "full_time", "full_time", FACT_YES_NO, 0, NULL, "1", 0, "是",
                             NULL},
    [ENROLMENT_START] = {"入学日期", "start", "start_date", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                         "2019-09-01", NULL},
    [ENROLMENT_END] = {"毕业日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "2022-06-30",
                       NULL},
};

static void enrolment_check(const fact_record_view *record)
{
    fact_check_end(record, ENROLMENT_START, ENROLMENT_END);
}

static const fact_kind enrolment_kind = {
    .name = "enrolments",
    .title_zh = "在校名单",
    .title_en = "list of school enrolments",
    .columns = enrolment_columns,
    .column_count = ENROLMENT_COLUMN_COUNT,
    .check = enrolment_check,
};

/* Where people live at a relocation site (安置区入住名单), keyed by person. */
enum { RESIDENCE_ID_NUMBER, RESIDENCE_SITE, RESIDENCE_SINCE, RESIDENCE_COLUMN_COUNT };

static const fact_column residence_columns[RESIDENCE_COLUMN_COUNT] = {
    [RESIDENCE_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL,
                             NULL, 0, "37081119800101001X", NULL},
    /* An organisation of kind relocation_site (易地搬迁安置区) of the orgs list. */
    [RESIDENCE_SITE] = {"安置区统一社会信用代码", "site", "site", FACT_ORG, FACT_REQUIRED,
                        "relocation_site", NULL, 0, "12370811MA3C0P044C", NULL},
    [RESIDENCE_SINCE] = {"入住日期", "since", "since", FACT_DATE, 0, NULL, NULL, 0, "2018-06-01",
                         NULL},
};

static const fact_kind residence_kind = {
    .name = "residences",
    .title_zh = "安置区入住名单",
    .title_en = "list of residents of relocation sites",
    .columns = residence_columns,
    .column_count = RESIDENCE_COLUMN_COUNT,
};

/*
 * Social insurance (参保名单), one line per person and scheme, as the social
 * insurance agency lists it; the status code paying (insurance_status.tsv)
 * is the policy fact insured (PERSON_FACT_INSURED_STATUS).
 */
enum {
    INSURANCE_ID_NUMBER,
    INSURANCE_SCHEME,
    INSURANCE_STATUS,
    INSURANCE_SINCE,
    INSURANCE_COLUMN_COUNT
};

static const fact_column insurance_columns[INSURANCE_COLUMN_COUNT] = {
    [INSURANCE_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL,
                             NULL, 0, "37081119800101001X", NULL},
    [INSURANCE_SCHEME] = {"险种", "scheme", "scheme", FACT_WORD, FACT_KEY, "insurance_scheme", NULL,
                          0, "企业职工基本养老保险", NULL},
    [INSURANCE_STATUS] = {"参保状态", "status", "status", FACT_WORD, FACT_REQUIRED,
                          "insurance_status", NULL, 0, "参保缴费", NULL},
    [INSURANCE_SINCE] = {"参保日期", "since", "since", FACT_DATE, 0, NULL, NULL, 0, "2020-03-01",
                         NULL},
};

static const fact_kind insurance_kind = {
    .name = "insurance",
    .title_zh = "参保名单",
    .title_en = "list of social insurance",
    .columns = insurance_columns,
    .column_count = INSURANCE_COLUMN_COUNT,
};

/* Oldest age a posting may set as a limit. */
#define FACT_AGE_MAX 100
/* Most openings of one posting. */
#define FACT_OPENINGS_MAX 1000000

/* Job postings (招聘岗位名单), keyed by 岗位编号 (issue 14). */
enum {
    POSTING_CODE,
    POSTING_EMPLOYER,
    POSTING_TITLE,
    POSTING_TRADE,
    POSTING_REGION,
    POSTING_OPENINGS,
    POSTING_PAY_MIN,
    POSTING_PAY_MAX,
    POSTING_SKILLS,
    POSTING_AGE_MIN,
    POSTING_AGE_MAX,
    POSTING_SEX,
    POSTING_ACCOMMODATION,
    POSTING_START,
    POSTING_DEADLINE,
    POSTING_CONTACT,
    POSTING_PHONE,
    POSTING_STATE,
    POSTING_COLUMN_COUNT
};

static const fact_column posting_columns[POSTING_COLUMN_COUNT] = {
    [POSTING_CODE] = {"岗位编号", "posting_code", "posting_code", FACT_TEXT, FACT_KEY, NULL, NULL,
                      0, "JN2020-0001", NULL},
    [POSTING_EMPLOYER] = {"单位统一社会信用代码", "employer", "employer", FACT_ORG, FACT_REQUIRED,
                          NULL, NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [POSTING_TITLE] = {"岗位名称", "title", "title", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                       "缝纫工", NULL},
    [POSTING_TRADE] = {"工种", "trade", "trade", FACT_WORD, FACT_REQUIRED, "trade", NULL, 0, "缝纫",
                       NULL},
    [POSTING_REGION] = {"工作地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL,
                        NULL, 0, "370811", NULL},
    [POSTING_OPENINGS] = {"招聘人数", "openings", "openings", FACT_INTEGER, FACT_REQUIRED, NULL,
                          NULL, FACT_OPENINGS_MAX, "20", NULL},
    [POSTING_PAY_MIN] = {"月薪下限（元）", "pay_min", "pay_min", FACT_MONEY, 0, NULL, NULL,
                         MONEY_FEN_MAX, "3000", NULL},
    [POSTING_PAY_MAX] = {"月薪上限（元）", "pay_max", "pay_max", FACT_MONEY, 0, NULL, NULL,
                         MONEY_FEN_MAX, "4500", NULL},
    [POSTING_SKILLS] = {"技能要求", "skills", "skills", FACT_TEXT, 0, NULL, NULL, 0, "缝纫", NULL},
    [POSTING_AGE_MIN] = {"最低年龄", "age_min", "age_min", FACT_INTEGER, 0, NULL, NULL,
                         FACT_AGE_MAX, "18", NULL},
    [POSTING_AGE_MAX] = {"最高年龄", "age_max", "age_max", FACT_INTEGER, 0, NULL, NULL,
                         FACT_AGE_MAX, "50", NULL},
    [POSTING_SEX] = {"性别要求", "sex", "sex", FACT_WORD, 0, "sex_limit", NULL, 0, "", NULL},
    [POSTING_ACCOMMODATION] = {"提供食宿", "accommodation", "accommodation", FACT_YES_NO, 0, NULL,
                               "0", 0, "是", NULL},
    [POSTING_START] = {"到岗日期", "start", "start_date", FACT_DATE, 0, NULL, NULL, 0, "2020-05-01",
                       NULL},
    [POSTING_DEADLINE] = {"截止日期", "deadline", "deadline", FACT_DATE, 0, NULL, NULL, 0,
                          "2020-06-30", NULL},
    [POSTING_CONTACT] = {"联系人", "contact", "contact", FACT_TEXT, 0, NULL, NULL, 0, "李娜", NULL},
    [POSTING_PHONE] = {"联系电话", "phone", "phone", FACT_PHONE, 0, NULL, NULL, 0, "0537-2345678",
                       NULL},
    [POSTING_STATE] = {"岗位状态", "state", "state", FACT_WORD, 0, "posting_state", "open", 0,
                       "招聘中", NULL},
};

/* The lower limit of a range (pay, age) is not above its upper one. */
static void fact_check_range(const fact_record_view *record, int low, int high)
{
    const char *from = record->values[low], *to = record->values[high];
    if (fact_given(from) && fact_given(to) && strtoll(from, NULL, 10) > strtoll(to, NULL, 10))
        fact_reject(record, high, "%s", BF_TR("小于下限", "below the lower limit"));
}

static void posting_check(const fact_record_view *record)
{
    fact_check_range(record, POSTING_PAY_MIN, POSTING_PAY_MAX);
    fact_check_range(record, POSTING_AGE_MIN, POSTING_AGE_MAX);
}

static const fact_kind posting_kind = {
    .name = "postings",
    .title_zh = "招聘岗位名单",
    .title_en = "list of job postings",
    .columns = posting_columns,
    .column_count = POSTING_COLUMN_COUNT,
    .check = posting_check,
};

/*
 * Decisions on carriers (载体认定名单), keyed by organisation, carrier kind,
 * date and decision: decisions already taken, recorded as they were taken
 * (`bangfu org certify` is what checks the rule of the policy files).
 */
enum {
    CERTIFICATION_ORG,
    CERTIFICATION_CARRIER,
    CERTIFICATION_DATE,
    CERTIFICATION_ACTION,
    CERTIFICATION_DOCUMENT,
    CERTIFICATION_BODY,
    CERTIFICATION_REASON,
    CERTIFICATION_EXCEPTION,
    CERTIFICATION_COLUMN_COUNT
};

static const fact_column certification_columns[CERTIFICATION_COLUMN_COUNT] = {
    [CERTIFICATION_ORG] = {"统一社会信用代码", "org_code", "org_code", FACT_ORG, FACT_KEY, NULL,
                           NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [CERTIFICATION_CARRIER] = {"载体类型", "carrier", "carrier", FACT_WORD, FACT_KEY,
                               "carrier_kind", NULL, 0, "就业帮扶车间", NULL},
    [CERTIFICATION_DATE] = {"决定日期", "date", "decided_on", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                            "2020-06-01", NULL},
    [CERTIFICATION_ACTION] = {"决定类型", "action", "action", FACT_WORD, FACT_KEY, "carrier_action",
                              NULL, 0, "认定", NULL},
    [CERTIFICATION_DOCUMENT] = {"文号", "document", "document", FACT_TEXT, FACT_REQUIRED, NULL,
                                NULL, 0, "任人社字〔2020〕12号", NULL},
    [CERTIFICATION_BODY] = {"决定机关", "body", "body", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                            "任城区人力资源和社会保障局", NULL},
    [CERTIFICATION_REASON] = {"理由", "reason", "reason", FACT_TEXT, 0, NULL, NULL, 0,
                              "吸纳脱贫人口12人", NULL},
    [CERTIFICATION_EXCEPTION] = {"例外理由", "exception", "exception", FACT_TEXT, 0, NULL, NULL, 0,
                                 "", NULL},
};

static const fact_kind certification_kind = {
    .name = "certifications",
    .title_zh = "载体认定名单",
    .title_en = "list of decisions on carriers",
    .columns = certification_columns,
    .column_count = CERTIFICATION_COLUMN_COUNT,
};

const fact_kind *const fact_kinds[] = {&org_kind,
                                       &job_kind,
                                       &training_kind,
                                       &enrolment_kind,
                                       &residence_kind,
                                       &insurance_kind,
                                       &posting_kind,
                                       &fact_kind_posts,
                                       &fact_kind_assignments,
                                       &fact_kind_post_pay,
                                       &fact_kind_cadres,
                                       &certification_kind,
                                       &fact_kind_alliances,
                                       &fact_kind_alliance_members,
                                       &fact_kind_brands,
                                       &fact_kind_projects,
                                       &fact_kind_poverty,
                                       &fact_kind_replies,
                                       &fact_kind_fairs,
                                       &fact_kind_fair_employers,
                                       &fact_kind_fair_people,
                                       &fact_kind_outflows,
                                       &fact_kind_outflow_people,
                                       NULL};

const char *fact_kind_table(const fact_kind *kind)
{
    return kind->table != NULL ? kind->table : kind->name;
}

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
