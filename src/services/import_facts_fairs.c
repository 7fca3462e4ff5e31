/*
 * import_facts_fairs.c - the description tables of job fairs and organised outflow (issue 14
 * item 4; services/import_facts.h says how a kind works): 专场招聘 and 乐业搬迁专场招聘 (at a
 * relocation site) with the employers there and the people who came or were hired, and the
 * 点对点 outflow batches with the people carried.  services/job_events.c reads them.
 */
#include "services/import_facts.h"

#include <string.h>

/* Most postings or openings one employer offers at one fair. */
#define FAIR_OFFER_MAX 1000000

/* Job fairs (招聘会名单), keyed by 招聘会编号. */
enum {
    FAIR_CODE,
    FAIR_NAME,
    FAIR_KIND,
    FAIR_MODE,
    FAIR_HELD_ON,
    FAIR_REGION,
    FAIR_PLACE,
    FAIR_SITE,
    FAIR_ORGANISERS,
    FAIR_COLUMN_COUNT
};

static const fact_column fair_columns[FAIR_COLUMN_COUNT] = {
    [FAIR_CODE] = {"招聘会编号", "fair_code", "fair_code", FACT_TEXT, FACT_KEY, NULL, NULL, 0,
                   "ZP2023-001", NULL},
    [FAIR_NAME] = {"招聘会名称", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                   "2023年乐业搬迁专场招聘会", NULL},
    [FAIR_KIND] = {"招聘会类型", "kind", "kind", FACT_WORD, FACT_REQUIRED, "fair_kind", NULL, 0,
                   "乐业搬迁专场招聘", NULL},
    [FAIR_MODE] = {"举办形式", "mode", "mode", FACT_WORD, FACT_REQUIRED, "fair_mode", NULL, 0,
                   "现场", NULL},
    [FAIR_HELD_ON] = {"举办日期", "held_on", "held_on", FACT_DATE, FACT_REQUIRED, NULL, NULL, 0,
                      "2023-03-15", NULL},
    [FAIR_REGION] = {"举办地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL, NULL,
                     0, "370811", NULL},
    [FAIR_PLACE] = {"举办地点", "place", "place", FACT_TEXT, 0, NULL, NULL, 0, "安置区广场", NULL},
    /* 乐业搬迁专场招聘: the relocation site (易地搬迁安置区) it is held at. */
    [FAIR_SITE] = {"安置区统一社会信用代码", "site", "site", FACT_ORG, 0, "relocation_site", NULL,
                   0, "12370811MA3C0P044C", NULL},
    [FAIR_ORGANISERS] = {"主办单位", "organisers", "organisers", FACT_TEXT, 0, NULL, NULL, 0,
                         "任城区人力资源和社会保障局", "承办单位"},
};

/* A 乐业搬迁专场招聘 names its relocation site. */
static void fair_check(const fact_record_view *record)
{
    const char *kind = record->values[FAIR_KIND];
    if (kind != NULL && strcmp(kind, "relocation") == 0 && !fact_given(record->values[FAIR_SITE]))
        fact_reject(record, FAIR_SITE, "%s",
                    BF_TR("乐业搬迁专场招聘必填（易地搬迁安置区）",
                          "required for a relocation-site job fair (the relocation site)"));
}

const fact_kind fact_kind_fairs = {
    .name = "fairs",
    .title_zh = "招聘会名单",
    .title_en = "list of job fairs",
    .columns = fair_columns,
    .column_count = FAIR_COLUMN_COUNT,
    .check = fair_check,
};

/* The employers at a fair (招聘会参会单位名单), keyed by fair and employer. */
enum {
    FAIR_EMPLOYER_FAIR,
    FAIR_EMPLOYER_ORG,
    FAIR_EMPLOYER_POSTINGS,
    FAIR_EMPLOYER_OPENINGS,
    FAIR_EMPLOYER_COLUMN_COUNT
};

static const fact_column fair_employer_columns[FAIR_EMPLOYER_COLUMN_COUNT] = {
    [FAIR_EMPLOYER_FAIR] = {"招聘会编号", "fair_code", "fair_code", FACT_RECORD, FACT_KEY,
                            "fairs.fair_code", NULL, 0, "ZP2023-001", NULL},
    [FAIR_EMPLOYER_ORG] = {"单位统一社会信用代码", "employer", "employer", FACT_ORG, FACT_KEY, NULL,
                           NULL, 0, "91370811MA3C6Y4N2B", NULL},
    [FAIR_EMPLOYER_POSTINGS] = {"提供岗位数", "postings", "postings", FACT_INTEGER, 0, NULL, NULL,
                                FAIR_OFFER_MAX, "5", NULL},
    [FAIR_EMPLOYER_OPENINGS] = {"招聘人数", "openings", "openings", FACT_INTEGER, 0, NULL, NULL,
                                FAIR_OFFER_MAX, "30", NULL},
};

const fact_kind fact_kind_fair_employers = {
    .name = "fair_employers",
    .title_zh = "招聘会参会单位名单",
    .title_en = "list of employers at job fairs",
    .columns = fair_employer_columns,
    .column_count = FAIR_EMPLOYER_COLUMN_COUNT,
};

/* The people at a fair (招聘会求职人员名单), keyed by fair and person. */
enum {
    FAIR_PERSON_FAIR,
    FAIR_PERSON_ID,
    FAIR_PERSON_OUTCOME,
    FAIR_PERSON_EMPLOYER,
    FAIR_PERSON_COUNT
};

static const fact_column fair_person_columns[FAIR_PERSON_COUNT] = {
    [FAIR_PERSON_FAIR] = {"招聘会编号", "fair_code", "fair_code", FACT_RECORD, FACT_KEY,
                          "fairs.fair_code", NULL, 0, "ZP2023-001", NULL},
    [FAIR_PERSON_ID] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL, 0,
                        "37081119800101001X", NULL},
    [FAIR_PERSON_OUTCOME] = {"参会结果", "outcome", "outcome", FACT_WORD, 0, "fair_outcome",
                             "attended", 0, "录用", NULL},
    [FAIR_PERSON_EMPLOYER] = {"录用单位统一社会信用代码", "employer", "employer", FACT_ORG, 0, NULL,
                              NULL, 0, "91370811MA3C6Y4N2B", NULL},
};

/* A hire names who hired; only a hire does. */
static void fair_person_check(const fact_record_view *record)
{
    const char *outcome = record->values[FAIR_PERSON_OUTCOME];
    int hired = outcome != NULL && strcmp(outcome, "hired") == 0;
    int employer = fact_given(record->values[FAIR_PERSON_EMPLOYER]);
    if (hired && !employer)
        fact_reject(record, FAIR_PERSON_EMPLOYER, "%s",
                    BF_TR("录用时必填", "required when the person was hired"));
    if (!hired && employer)
        fact_reject(record, FAIR_PERSON_EMPLOYER, "%s",
                    BF_TR("只有录用时填写", "given only when the person was hired"));
}

const fact_kind fact_kind_fair_people = {
    .name = "fair_people",
    .title_zh = "招聘会求职人员名单",
    .title_en = "list of people at job fairs",
    .columns = fair_person_columns,
    .column_count = FAIR_PERSON_COUNT,
    .check = fair_person_check,
};

/* Organised outflow batches (有组织输出批次名单, 点对点), keyed by 批次编号. */
enum {
    OUTFLOW_CODE,
    OUTFLOW_DEPARTED_ON,
    OUTFLOW_ORIGIN,
    OUTFLOW_DESTINATION,
    OUTFLOW_MEANS,
    OUTFLOW_AGENCY,
    OUTFLOW_NOTE,
    OUTFLOW_COLUMN_COUNT
};

static const fact_column outflow_columns[OUTFLOW_COLUMN_COUNT] = {
    [OUTFLOW_CODE] = {"批次编号", "outflow_code", "outflow_code", FACT_TEXT, FACT_KEY, NULL, NULL,
                      0, "SC2020-001", NULL},
    [OUTFLOW_DEPARTED_ON] = {"出发日期", "departed_on", "departed_on", FACT_DATE, FACT_REQUIRED,
                             NULL, NULL, 0, "2020-03-01", NULL},
    [OUTFLOW_ORIGIN] = {"输出地区划代码", "origin", "origin", FACT_REGION, FACT_REQUIRED, NULL,
                        NULL, 0, "500101", NULL},
    [OUTFLOW_DESTINATION] = {"输入地区划代码", "destination", "destination", FACT_REGION,
                             FACT_REQUIRED, NULL, NULL, 0, "370811", NULL},
    [OUTFLOW_MEANS] = {"输送方式", "means", "means", FACT_WORD, FACT_REQUIRED, "outflow_means",
                       NULL, 0, "专车", NULL},
    [OUTFLOW_AGENCY] = {"组织机构统一社会信用代码", "agency", "agency", FACT_ORG, 0, NULL, NULL, 0,
                        "91370811MA3C6Y4N2B", NULL},
    [OUTFLOW_NOTE] = {"备注", "note", "note", FACT_TEXT, 0, NULL, NULL, 0, "", NULL},
};

const fact_kind fact_kind_outflows = {
    .name = "outflows",
    .title_zh = "有组织输出批次名单",
    .title_en = "list of organised outflow batches",
    .columns = outflow_columns,
    .column_count = OUTFLOW_COLUMN_COUNT,
};

/* The people a batch carried (输出人员名单), keyed by batch and person. */
enum { OUTFLOW_PERSON_BATCH, OUTFLOW_PERSON_ID, OUTFLOW_PERSON_COUNT };

static const fact_column outflow_person_columns[OUTFLOW_PERSON_COUNT] = {
    [OUTFLOW_PERSON_BATCH] = {"批次编号", "outflow_code", "outflow_code", FACT_RECORD, FACT_KEY,
                              "outflows.outflow_code", NULL, 0, "SC2020-001", NULL},
    [OUTFLOW_PERSON_ID] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL,
                           0, "37081119800101001X", NULL},
};

const fact_kind fact_kind_outflow_people = {
    .name = "outflow_people",
    .title_zh = "有组织输出人员名单",
    .title_en = "list of people carried by organised outflow",
    .columns = outflow_person_columns,
    .column_count = OUTFLOW_PERSON_COUNT,
};
