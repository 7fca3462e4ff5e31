/*
 * import_facts_posts.c - the description tables of the public-welfare posts'
 * lists (issue 13 item 4; services/import_facts.h says how a kind works):
 * the posts, the assignments of people to them (spells of jobs), the monthly
 * pay a township's pay sheet lists, and the village cadres.
 */
#include "services/import_facts.h"

#include "core/money.h"

#include <string.h>

/* The headers under which lists give an ID number. */
#define FACT_ID_NUMBER_SYNONYMS "身份证号|身份证号码|公民身份号码|身份证"
/* The example post of the templates, and its village (济宁市任城区 甄庄村). */
#define FACT_EXAMPLE_POST    "GY370811002201"
#define FACT_EXAMPLE_VILLAGE "370811002201"

/* Posts (公益性岗位名单), keyed by 岗位编号. */
enum {
    POST_CODE,
    POST_NAME,
    POST_JOB_KIND,
    POST_DUTY,
    POST_VILLAGE,
    POST_EMPLOYER,
    POST_FULL_TIME,
    POST_FUNDING,
    POST_MONTHLY_PAY,
    POST_START,
    POST_END,
    POST_COLUMN_COUNT
};

static const fact_column post_columns[POST_COLUMN_COUNT] = {
    [POST_CODE] = {"岗位编号", "post_code", "post_code", FACT_TEXT, FACT_KEY, NULL, NULL, 0,
                   FACT_EXAMPLE_POST, NULL},
    [POST_NAME] = {"岗位名称", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0,
                   "村庄保洁员", NULL},
    /* 乡村公益性岗位 or 临时公益岗位: the kind (job_kind.tsv) of the spells of its holders. */
    [POST_JOB_KIND] = {"岗位类别", "job_kind", "job_kind", FACT_WORD, FACT_REQUIRED, "job_kind",
                       NULL, 0, "乡村公益性岗位", NULL},
    [POST_DUTY] = {"岗位类型", "duty", "duty", FACT_WORD, FACT_REQUIRED, "post_duty", NULL, 0,
                   "保洁环卫", NULL},
    [POST_VILLAGE] = {"所在村区划代码", "village", "village", FACT_REGION, FACT_REQUIRED, NULL,
                      NULL, 0, FACT_EXAMPLE_VILLAGE, "村区划代码|所在地区划代码"},
    [POST_EMPLOYER] = {"用人单位统一社会信用代码", "employer", "employer", FACT_ORG, 0, NULL, NULL,
                       0, "91370811MA3C6Y4N2B", NULL},
    /* 防止返贫就业攻坚行动的通知 (2023) 二(三) 非全日制, 济南三年行动 二(四) 小时制、全日制. */
    [POST_FULL_TIME] = {"全日制", "full_time", "full_time", FACT_YES_NO, 0, NULL, "1", 0, "是",
                        NULL},
    [POST_FUNDING] = {"资金来源", "funding", "funding", FACT_WORD, 0, "post_funding", NULL, 0,
                      "财政扶贫专项资金", NULL},
    [POST_MONTHLY_PAY] = {"月补贴标准（元）", "monthly_pay", "monthly_pay", FACT_MONEY, 0, NULL,
                          NULL, MONEY_FEN_MAX, "990", "岗位补贴（元）|月补贴（元）|月工资（元）"},
    [POST_START] = {"设岗日期", "start", "start_date", FACT_DATE, 0, NULL, NULL, 0, "2020-03-01",
                    NULL},
    [POST_END] = {"撤岗日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "", NULL},
};

/* A post is a public-welfare or a temporary post, and is removed after it was set up. */
static void post_check(const fact_record_view *record)
{
    const char *kind = record->values[POST_JOB_KIND];
    if (fact_given(kind) && strcmp(kind, "public_welfare_post") != 0 &&
        strcmp(kind, "temporary_post") != 0)
        fact_reject(
            record, POST_JOB_KIND, "%s",
            BF_TR("应为 乡村公益性岗位 或 临时性岗位",
                  "must be 乡村公益性岗位 (public-welfare post) or 临时性岗位 (temporary)"));
    fact_check_end(record, POST_START, POST_END);
}

const fact_kind fact_kind_posts = {
    .name = "posts",
    .title_zh = "公益性岗位名单",
    .title_en = "list of public-welfare posts",
    .columns = post_columns,
    .column_count = POST_COLUMN_COUNT,
    .check = post_check,
};

/*
 * Assignments (公益性岗位人员名单): a person on a post from a day, stored as
 * the spell of jobs keyed by person, employer and start day, whose employer,
 * region, kind and monthly income are the post's.  The key columns are in the
 * order of jobs' so that fact_history names a spell one way.
 */
enum {
    ASSIGNMENT_ID_NUMBER,
    ASSIGNMENT_EMPLOYER,
    ASSIGNMENT_POST,
    ASSIGNMENT_START,
    ASSIGNMENT_END,
    ASSIGNMENT_REGION,
    ASSIGNMENT_KIND,
    ASSIGNMENT_INCOME,
    ASSIGNMENT_COLUMN_COUNT
};

static const fact_column assignment_columns[ASSIGNMENT_COLUMN_COUNT] = {
    [ASSIGNMENT_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL,
                              NULL, 0, "37081119800101001X", FACT_ID_NUMBER_SYNONYMS},
    [ASSIGNMENT_EMPLOYER] = {"用人单位", "employer", "employer", FACT_TEXT,
                             FACT_KEY | FACT_EMPTY_KEY | FACT_DERIVED, "employer", NULL, 0, NULL,
                             NULL},
    [ASSIGNMENT_POST] = {"岗位编号", "post", "post", FACT_RECORD, FACT_REQUIRED, "posts.post_code",
                         NULL, 0, FACT_EXAMPLE_POST, NULL},
    [ASSIGNMENT_START] = {"上岗日期", "start", "start_date", FACT_DATE, FACT_KEY, NULL, NULL, 0,
                          "2020-03-01", "开始日期|聘用日期"},
    [ASSIGNMENT_END] = {"离岗日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "",
                        "结束日期|解聘日期"},
    [ASSIGNMENT_REGION] = {"工作地区划代码", "region", "region", FACT_TEXT,
                           FACT_REQUIRED | FACT_DERIVED, "village", NULL, 0, NULL, NULL},
    [ASSIGNMENT_KIND] = {"就业形式", "kind", "kind", FACT_TEXT, FACT_REQUIRED | FACT_DERIVED,
                         "job_kind", NULL, 0, NULL, NULL},
    [ASSIGNMENT_INCOME] = {"月收入（元）", "monthly_income", "monthly_income", FACT_TEXT,
                           FACT_DERIVED, "monthly_pay", NULL, 0, NULL, NULL},
};

static void assignment_check(const fact_record_view *record)
{
    fact_check_end(record, ASSIGNMENT_START, ASSIGNMENT_END);
}

const fact_kind fact_kind_assignments = {
    .name = "assignments",
    .title_zh = "公益性岗位人员名单",
    .title_en = "list of people on public-welfare posts",
    .columns = assignment_columns,
    .column_count = ASSIGNMENT_COLUMN_COUNT,
    .check = assignment_check,
    .table = "jobs",
    .records_where = "post IS NOT NULL AND post <> ''",
};

/* Monthly pay (公益性岗位工资发放表), keyed by post, person and month. */
enum { PAY_POST, PAY_ID_NUMBER, PAY_MONTH, PAY_DUE, PAY_PAID, PAY_DATE, PAY_COLUMN_COUNT };

static const fact_column pay_columns[PAY_COLUMN_COUNT] = {
    [PAY_POST] = {"岗位编号", "post", "post", FACT_RECORD, FACT_KEY, "posts.post_code", NULL, 0,
                  FACT_EXAMPLE_POST, NULL},
    [PAY_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL, 0,
                       "37081119800101001X", FACT_ID_NUMBER_SYNONYMS},
    [PAY_MONTH] = {"月份", "month", "month", FACT_MONTH, FACT_KEY, NULL, NULL, 0, "2020-03",
                   "发放月份|工资月份|所属月份"},
    [PAY_DUE] = {"应发金额（元）", "amount_due", "amount_due", FACT_MONEY, FACT_REQUIRED, NULL,
                 NULL, MONEY_FEN_MAX, "990", "应发金额|应发工资|应发"},
    [PAY_PAID] = {"实发金额（元）", "amount_paid", "amount_paid", FACT_MONEY, 0, NULL, NULL,
                  MONEY_FEN_MAX, "990", "实发金额|实发工资|实发"},
    [PAY_DATE] = {"发放日期", "paid_date", "paid_date", FACT_DATE, 0, NULL, NULL, 0, "2020-04-10",
                  "发放时间"},
};

/* A payment has an amount: a date paid without an amount paid is a half-filled line. */
static void pay_check(const fact_record_view *record)
{
    if (fact_given(record->values[PAY_DATE]) && !fact_given(record->values[PAY_PAID]))
        fact_reject(record, PAY_PAID, "%s",
                    BF_TR("有发放日期而没有实发金额", "a date paid is given but no amount paid"));
}

const fact_kind fact_kind_post_pay = {
    .name = "post_pay",
    .title_zh = "公益性岗位工资发放表",
    .title_en = "pay sheet of public-welfare posts",
    .columns = pay_columns,
    .column_count = PAY_COLUMN_COUNT,
    .check = pay_check,
};

/* Village cadres (村干部名单), keyed by ID number and village. */
enum {
    CADRE_ID_NUMBER,
    CADRE_NAME,
    CADRE_VILLAGE,
    CADRE_ROLE,
    CADRE_HOUSEHOLD,
    CADRE_START,
    CADRE_END,
    CADRE_COLUMN_COUNT
};

static const fact_column cadre_columns[CADRE_COLUMN_COUNT] = {
    [CADRE_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_ID_NUMBER, FACT_KEY, NULL, NULL,
                         0, "37081119700506001X", FACT_ID_NUMBER_SYNONYMS},
    [CADRE_NAME] = {"姓名", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0, "王强", NULL},
    [CADRE_VILLAGE] = {"所在村区划代码", "village", "village", FACT_REGION, FACT_KEY, NULL, NULL, 0,
                       FACT_EXAMPLE_VILLAGE, "村区划代码"},
    [CADRE_ROLE] = {"职务", "role", "role", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0, "村党支部书记",
                    NULL},
    [CADRE_HOUSEHOLD] = {"户编号", "household_id", "household_id", FACT_TEXT, 0, NULL, NULL, 0,
                         "H0002", NULL},
    [CADRE_START] = {"任职日期", "start", "start_date", FACT_DATE, 0, NULL, NULL, 0, "2018-01-01",
                     NULL},
    [CADRE_END] = {"离任日期", "end", "end_date", FACT_DATE, 0, NULL, NULL, 0, "", NULL},
};

static void cadre_check(const fact_record_view *record)
{
    fact_check_end(record, CADRE_START, CADRE_END);
}

const fact_kind fact_kind_cadres = {
    .name = "cadres",
    .title_zh = "村干部名单",
    .title_en = "list of village cadres",
    .columns = cadre_columns,
    .column_count = CADRE_COLUMN_COUNT,
    .check = cadre_check,
};

/*
 * The poverty office's list of people (扶贫办人员名单, 防返贫监测系统导出), keyed
 * by ID number, registered or not: the list `bangfu compare poverty` sets
 * against the registry (issue 13 item 5; 济南三年行动 八(二) 加强与市扶贫开发综合
 * 平台的对接，定期开展数据比对).  A file is the whole list: a person it no longer
 * gives leaves the stored list.
 */
enum {
    POVERTY_ID_NUMBER,
    POVERTY_NAME,
    POVERTY_REGION,
    POVERTY_HOUSEHOLD,
    POVERTY_RELATION,
    POVERTY_CATEGORIES,
    POVERTY_PHONE,
    POVERTY_COLUMN_COUNT
};

static const fact_column poverty_columns[POVERTY_COLUMN_COUNT] = {
    [POVERTY_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_ID_NUMBER, FACT_KEY, NULL,
                           NULL, 0, "37081119800101001X", FACT_ID_NUMBER_SYNONYMS},
    [POVERTY_NAME] = {"姓名", "name", "name", FACT_TEXT, FACT_REQUIRED, NULL, NULL, 0, "张伟",
                      NULL},
    [POVERTY_REGION] = {"户籍地区划代码", "hukou_region", "hukou_region", FACT_REGION, 0, NULL,
                        NULL, 0, "370811", "户籍地|区划代码"},
    [POVERTY_HOUSEHOLD] = {"户编号", "household_id", "household_id", FACT_TEXT, 0, NULL, NULL, 0,
                           "H0001", "户码"},
    [POVERTY_RELATION] = {"与户主关系", "relation", "relation", FACT_TEXT, 0, NULL, NULL, 0, "户主",
                          NULL},
    [POVERTY_CATEGORIES] = {"帮扶类别", "categories", "categories", FACT_CATEGORIES, 0, NULL, NULL,
                            0, "脱贫享受政策人口", "人员类别|监测对象类别"},
    [POVERTY_PHONE] = {"联系电话", "phone", "phone", FACT_PHONE, 0, NULL, NULL, 0, "13853700009",
                       "电话|手机号码"},
};

const fact_kind fact_kind_poverty = {
    .name = "poverty",
    .title_zh = "扶贫办人员名单",
    .title_en = "poverty office's list of people",
    .columns = poverty_columns,
    .column_count = POVERTY_COLUMN_COUNT,
    .table = "poverty_list",
    .whole_list = 1,
};
