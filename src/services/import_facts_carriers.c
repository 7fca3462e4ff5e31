/*
 * import_facts_carriers.c - the description tables of the cooperation bodies
 * and projects (issue 13 items 2 and 3; services/import_facts.h says how a
 * kind works): 劳务协作联盟 and their members, 特色劳务品牌 (附件1 counts
 * them), and the 以工代赈 / 就业帮扶 projects with the columns of 附件2 of the
 * 2023 notice, whose people are the spells of jobs naming them (项目编号).
 * The decisions on carriers are import_facts_kinds.c's certifications.
 */
#include "services/import_facts.h"

#include <stdlib.h>
#include <string.h>

/* 劳务协作联盟 (劳务协作联盟名单), keyed by name (issue 13 item 2: 附件1 counts them). */
enum {
    ALLIANCE_NAME,
    ALLIANCE_LEAD_REGION,
    ALLIANCE_LEAD_ORG,
    ALLIANCE_FOUNDED,
    ALLIANCE_DISSOLVED,
    ALLIANCE_NOTE,
    ALLIANCE_COLUMN_COUNT
};

static const fact_column alliance_columns[ALLIANCE_COLUMN_COUNT] = {
    [ALLIANCE_NAME] = {"联盟名称", "name", "name", FACT_TEXT, FACT_KEY, NULL, NULL, 0,
                       "鲁渝劳务协作联盟", NULL},
    [ALLIANCE_LEAD_REGION] = {"牵头地区划代码", "lead_region", "lead_region", FACT_REGION,
                              FACT_REQUIRED, NULL, NULL, 0, "370800", NULL},
    [ALLIANCE_LEAD_ORG] = {"牵头单位统一社会信用代码", "lead_org", "lead_org", FACT_ORG, 0, NULL,
                           NULL, 0, "", NULL},
    [ALLIANCE_FOUNDED] = {"成立日期", "founded", "founded", FACT_DATE, FACT_REQUIRED, NULL, NULL, 0,
                          "2021-03-01", NULL},
    [ALLIANCE_DISSOLVED] = {"解散日期", "dissolved", "dissolved", FACT_DATE, 0, NULL, NULL, 0, "",
                            NULL},
    [ALLIANCE_NOTE] = {"备注", "note", "note", FACT_TEXT, 0, NULL, NULL, 0, "", NULL},
};

static void alliance_check(const fact_record_view *record)
{
    fact_check_end(record, ALLIANCE_FOUNDED, ALLIANCE_DISSOLVED);
}

const fact_kind fact_kind_alliances = {
    .name = "alliances",
    .title_zh = "劳务协作联盟名单",
    .title_en = "list of labour cooperation alliances",
    .columns = alliance_columns,
    .column_count = ALLIANCE_COLUMN_COUNT,
    .check = alliance_check,
};

/* Members of an alliance (联盟成员名单): a region or an organisation, keyed by both. */
enum {
    MEMBER_ALLIANCE,
    MEMBER_REGION,
    MEMBER_ORG,
    MEMBER_JOINED,
    MEMBER_LEFT,
    MEMBER_COLUMN_COUNT
};

static const fact_column member_columns[MEMBER_COLUMN_COUNT] = {
    [MEMBER_ALLIANCE] = {"联盟名称", "alliance", "alliance", FACT_RECORD, FACT_KEY,
                         "alliances.name", NULL, 0, "鲁渝劳务协作联盟", NULL},
    [MEMBER_REGION] = {"成员地区划代码", "member_region", "member_region", FACT_REGION,
                       FACT_KEY | FACT_EMPTY_KEY, NULL, NULL, 0, "500101", NULL},
    [MEMBER_ORG] = {"成员单位统一社会信用代码", "member_org", "member_org", FACT_ORG,
                    FACT_KEY | FACT_EMPTY_KEY, NULL, NULL, 0, "", NULL},
    [MEMBER_JOINED] = {"加入日期", "joined", "joined", FACT_DATE, 0, NULL, NULL, 0, "2021-03-01",
                       NULL},
    [MEMBER_LEFT] = {"退出日期", "left", "left_on", FACT_DATE, 0, NULL, NULL, 0, "", NULL},
};

/* A member is a region or an organisation: exactly one of the two. */
static void member_check(const fact_record_view *record)
{
    int region = fact_given(record->values[MEMBER_REGION]);
    int org = fact_given(record->values[MEMBER_ORG]);
    if (region == org)
        fact_reject(record, -1, "%s",
                    BF_TR("成员地区划代码与成员单位统一社会信用代码应填且只填一项",
                          "give either the member region or the member organisation, not both"));
    fact_check_end(record, MEMBER_JOINED, MEMBER_LEFT);
}

const fact_kind fact_kind_alliance_members = {
    .name = "alliance_members",
    .title_zh = "联盟成员名单",
    .title_en = "list of alliance members",
    .columns = member_columns,
    .column_count = MEMBER_COLUMN_COUNT,
    .check = member_check,
};

/* 特色劳务品牌 (特色劳务品牌名单), keyed by name and region. */
enum {
    BRAND_NAME,
    BRAND_REGION,
    BRAND_TRADE,
    BRAND_ORG,
    BRAND_RECOGNISED,
    BRAND_BODY,
    BRAND_ENDED,
    BRAND_COLUMN_COUNT
};

static const fact_column brand_columns[BRAND_COLUMN_COUNT] = {
    [BRAND_NAME] = {"品牌名称", "name", "name", FACT_TEXT, FACT_KEY, NULL, NULL, 0, "任城月嫂",
                    NULL},
    [BRAND_REGION] = {"所在地区划代码", "region", "region", FACT_REGION, FACT_KEY, NULL, NULL, 0,
                      "370811", NULL},
    [BRAND_TRADE] = {"行业工种", "trade", "trade", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                     "家政服务", NULL},
    [BRAND_ORG] = {"依托单位统一社会信用代码", "org", "org", FACT_ORG, 0, NULL, NULL, 0, "", NULL},
    [BRAND_RECOGNISED] = {"认定日期", "recognised", "recognised", FACT_DATE, 0, NULL, NULL, 0,
                          "2022-05-01", NULL},
    [BRAND_BODY] = {"认定机关", "body", "body", FACT_TEXT, 0, NULL, NULL, 0, "济宁市人社局", NULL},
    [BRAND_ENDED] = {"终止日期", "ended", "ended", FACT_DATE, 0, NULL, NULL, 0, "", NULL},
};

static void brand_check(const fact_record_view *record)
{
    fact_check_end(record, BRAND_RECOGNISED, BRAND_ENDED);
}

const fact_kind fact_kind_brands = {
    .name = "brands",
    .title_zh = "特色劳务品牌名单",
    .title_en = "list of labour brands",
    .columns = brand_columns,
    .column_count = BRAND_COLUMN_COUNT,
    .check = brand_check,
};

/* Most jobs one project declares (吸纳就业岗位数). */
#define FACT_PROJECT_JOBS_MAX 10000000

/*
 * 以工代赈 and 就业帮扶 projects (脱贫人口就业帮扶项目清单), keyed by 项目编号, with the columns
 * of 附件2 of the 2023 notice (三(四)).
 */
enum {
    PROJECT_CODE,
    PROJECT_NAME,
    PROJECT_KIND,
    PROJECT_REGION,
    PROJECT_SUMMARY,
    PROJECT_START,
    PROJECT_END,
    PROJECT_JOBS,
    PROJECT_POOR,
    PROJECT_KEY_COUNTY,
    PROJECT_RELOCATION,
    PROJECT_YELLOW_RIVER,
    PROJECT_CONTACT,
    PROJECT_PHONE,
    PROJECT_NOTE,
    PROJECT_COLUMN_COUNT
};

static const fact_column project_columns[PROJECT_COLUMN_COUNT] = {
    [PROJECT_CODE] = {"项目编号", "project_code", "project_code", FACT_TEXT, FACT_KEY, NULL, NULL,
                      0, "RC2023-001", NULL},
    [PROJECT_NAME] = {"项目名称", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                      "李营街道农村道路以工代赈项目", NULL},
    [PROJECT_KIND] = {"项目类型", "kind", "kind", FACT_WORD, FACT_REQUIRED, "project_kind", NULL, 0,
                      "以工代赈", NULL},
    [PROJECT_REGION] = {"所在地区划代码", "region", "region", FACT_REGION, FACT_REQUIRED, NULL,
                        NULL, 0, "370811", NULL},
    [PROJECT_SUMMARY] = {"项目简介", "summary", "summary", FACT_TEXT, 0, NULL, NULL, 0,
                         "硬化村内道路3公里，吸纳本村劳动力务工", NULL},
    [PROJECT_START] = {"开始日期", "start", "start_date", FACT_DATE, 0, NULL, NULL, 0, "2023-11-01",
                       NULL},
    [PROJECT_END] = {"结束日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "2024-04-30",
                     NULL},
    [PROJECT_JOBS] = {"带动就业人数", "jobs", "jobs_declared", FACT_INTEGER, 0, NULL, NULL,
                      FACT_PROJECT_JOBS_MAX, "40", NULL},
    [PROJECT_POOR] = {"带动脱贫人口就业人数", "poor_jobs", "poor_declared", FACT_INTEGER, 0, NULL,
                      NULL, FACT_PROJECT_JOBS_MAX, "12", NULL},
    [PROJECT_KEY_COUNTY] = {"省乡村振兴重点帮扶县", "key_county", "key_county", FACT_YES_NO, 0,
                            NULL, "0", 0, "否", NULL},
    [PROJECT_RELOCATION] = {"易地搬迁安置区", "relocation_area", "relocation_area", FACT_YES_NO, 0,
                            NULL, "0", 0, "否", NULL},
    [PROJECT_YELLOW_RIVER] = {"黄河滩区居民迁建安置区", "yellow_river_area", "yellow_river_area",
                              FACT_YES_NO, 0, NULL, "0", 0, "否", NULL},
    [PROJECT_CONTACT] = {"项目联系人", "contact", "contact", FACT_TEXT, 0, NULL, NULL, 0, "王强",
                         NULL},
    [PROJECT_PHONE] = {"联系电话", "phone", "phone", FACT_PHONE, 0, NULL, NULL, 0, "0537-2345678",
                       NULL},
    [PROJECT_NOTE] = {"备注", "note", "note", FACT_TEXT, 0, NULL, NULL, 0, "", NULL},
};

/* A project ends on or after its start; of the people it employs no more are poor than all. */
static void project_check(const fact_record_view *record)
{
    const char *const *v = record->values;
    fact_check_end(record, PROJECT_START, PROJECT_END);
    if (fact_given(v[PROJECT_JOBS]) && fact_given(v[PROJECT_POOR]) &&
        strtoll(v[PROJECT_POOR], NULL, 10) > strtoll(v[PROJECT_JOBS], NULL, 10))
        fact_reject(record, PROJECT_POOR, "%s",
                    BF_TR("多于带动就业人数", "more than the jobs of the project"));
}

const fact_kind fact_kind_projects = {
    .name = "projects",
    .title_zh = "脱贫人口就业帮扶项目清单",
    .title_en = "list of projects",
    .columns = project_columns,
    .column_count = PROJECT_COLUMN_COUNT,
    .check = project_check,
};
