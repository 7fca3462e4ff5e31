/* generate_facts.c - a seeded synthetic registry with its facts (see the header). */
#include "services/generate_facts.h"

#include "services/generate_carriers.h"
#include "services/generate_events.h"
#include "services/generate_posts.h"

#include "core/credit_code.h"
#include "io/table_writer.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * X(id, policy kind, 单位类型 as the import reads it, weight in a county,
 * GB 32100 registration authority and kind, staff from, staff to, name ending).
 */
#define FACT_ORG_KINDS(X)                                                                          \
    X(ORG_ENTERPRISE, "enterprise", "企业", 40, '9', '1', 20, 600, "有限公司")                     \
    X(ORG_WORKSHOP, "workshop", "扶贫车间", 16, '9', '1', 10, 80, "就业扶贫车间")                  \
    X(ORG_BASE, "base", "就业扶贫基地", 5, '9', '1', 30, 400, "就业扶贫基地")                      \
    X(ORG_AGENCY, "agency", "人力资源服务机构", 4, '9', '1', 5, 60, "人力资源服务有限公司")        \
    X(ORG_BROKER, "broker", "劳务经纪人", 4, '9', '2', 1, 3, "劳务服务部")                         \
    X(ORG_COOPERATIVE, "cooperative", "劳务合作社", 8, '9', '3', 5, 80, "农民专业合作社")          \
    X(ORG_AGRI, "agri_enterprise", "农业经营主体", 8, '9', '1', 10, 200, "农业发展有限公司")       \
    X(ORG_TRAINING, "training_institution", "培训机构", 5, '5', '2', 5, 60, "职业培训学校")        \
    X(ORG_SITE, "relocation_site", "易地搬迁安置区", 3, '1', '1', 0, 0, "易地扶贫搬迁安置区")

typedef enum org_kind {
#define ORG_ENUM(id, code, label, weight, authority, class, low, high, ending) id,
    FACT_ORG_KINDS(ORG_ENUM)
#undef ORG_ENUM
        ORG_KIND_COUNT
} org_kind;

typedef struct org_kind_info {
    const char *label;
    int weight;
    char authority, class;
    int staff_low, staff_high;
    const char *ending;
} org_kind_info;

static const org_kind_info org_kinds[ORG_KIND_COUNT] = {
#define ORG_INFO(id, code, label, weight, authority, class, low, high, ending)                     \
    {label, weight, authority, class, low, high, ending},
    FACT_ORG_KINDS(ORG_INFO)
#undef ORG_INFO
};

/* The import headers of each file (issue 12 items 1-3, docs/import.md). */
static const char *const org_header[] = {"统一社会信用代码", "单位名称", "单位类型",
                                         "所在地区划代码",   "职工人数", "免费提供场地",
                                         "联系人",           "联系电话"};
static const char *const job_header[] = {"证件号码",
                                         "单位统一社会信用代码",
                                         "工作地区划代码",
                                         "就业形式",
                                         "开始日期",
                                         "结束日期",
                                         "劳动合同期限（月）",
                                         "参保月数",
                                         "月收入（元）",
                                         "每月工时",
                                         "输出机构统一社会信用代码",
                                         "交通费用（元）",
                                         "项目编号"};
static const char *const training_header[] = {"证件号码",      "培训机构统一社会信用代码",
                                              "培训类型",      "培训地区划代码",
                                              "开始日期",      "结束日期",
                                              "培训天数",      "总课时",
                                              "线上学时",      "证书等级",
                                              "培训费用（元）"};
static const char *const enrolment_header[] = {"证件号码", "学校类型", "学校名称", "学校地区划代码",
                                               "全日制",   "入学日期", "毕业日期"};
static const char *const residence_header[] = {"证件号码", "安置区统一社会信用代码", "入住日期"};
static const char *const insurance_header[] = {"证件号码", "险种", "参保状态", "参保日期"};
static const char *const posting_header[] = {"岗位编号",       "单位统一社会信用代码",
                                             "岗位名称",       "工种",
                                             "工作地区划代码", "招聘人数",
                                             "月薪下限（元）", "月薪上限（元）",
                                             "技能要求",       "最低年龄",
                                             "最高年龄",       "性别要求",
                                             "提供食宿",       "到岗日期",
                                             "截止日期",       "岗位状态"};
/* The trades postings are drawn from (labels of vocabularies/trade.tsv), with their weights. */
static const struct {
    const char *label;
    int weight;
} posting_trades[] = {{"普工", 30}, {"电工", 6}, {"焊工", 6}, {"厨师", 6}, {"家政服务", 8},
                      {"养殖", 6},  {"种植", 6}, {"驾驶", 6}, {"缝纫", 8}, {"建筑工", 8},
                      {"保安", 4},  {"保洁", 4}, {"物流", 2}};
#define COUNT_OF(array)  ((int)(sizeof array / sizeof array[0]))
#define JOB_COLUMNS      COUNT_OF(job_header)
#define TRAINING_COLUMNS COUNT_OF(training_header)

/* The columns generate_facts adds to people.csv. */
static const char *const person_extra_header[] = {"三无", "有就业意愿"};

static const char *const brands[] = {"鑫源", "宏达", "恒通", "华美", "金穗", "福润", "丰泽",
                                     "瑞祥", "兴旺", "德盛", "永安", "嘉禾", "鲁信", "三峡",
                                     "长江", "运河", "泰和", "圣源", "孔孟", "平湖"};
static const char *const trades[] = {"服装",   "食品", "电子", "建材", "物流", "家纺",
                                     "农产品", "五金", "包装", "机械", "纺织", "家政"};
static const char *const contact_names[] = {"王建国", "李秀英", "张伟",   "刘洋",
                                            "陈静",   "杨帆",   "赵春梅", "孙志强"};

/* One organisation. */
typedef struct fact_org {
    char code[CREDIT_CODE_TEXT_MAX];
    char region[REGION_CODE_TEXT_MAX];
    org_kind kind;
} fact_org;

/* The organisations of one county, by kind (indexes into the org array). */
typedef struct fact_county {
    char code[7];
    int *orgs[ORG_KIND_COUNT];
    int counts[ORG_KIND_COUNT];
    int capacities[ORG_KIND_COUNT];
    int *projects; /* the county's 以工代赈 projects (indexes into the relief array) */
    int project_count;
} fact_county;

/* The output files the visitor writes while people are generated. */
enum { FILE_JOBS, FILE_TRAININGS, FILE_ENROLMENTS, FILE_RESIDENCES, FILE_INSURANCE, FILE_COUNT };

typedef struct facts_state {
    uint64_t random; /* the facts' own state: people.csv stays generate_people's */
    fact_org *orgs;
    int org_count;
    fact_county *counties;
    int county_count;
    table_writer *writers[FILE_COUNT];
    generate_posts *posts;   /* posts, assignments, pay, cadres, the poverty office's list */
    generate_events *events; /* fairs and outflow */
    generate_carrier_org *event_orgs; /* the orgs as events read them */
    generate_relief_project *relief;  /* the 以工代赈 projects of projects.csv */
    int relief_count;
    int64_t rows[GENERATE_FACT_KIND_COUNT];
    int three_no_difficulty; /* index of "three_no" in the 就业困难 list, -1 without */
    char cells[2][8];        /* the extra people cells */
} facts_state;

/* Dates the facts fall in: fixed, so the same seed gives the same files on any day. */
static const bf_date facts_first_day = {2018, 1, 1};
static const bf_date facts_reference_day = {2021, 6, 30};

static int below(facts_state *s, int bound)
{
    return generate_random_below(&s->random, bound);
}

/* True with the given percent chance. */
static int chance(facts_state *s, int percent)
{
    return below(s, 100) < percent;
}

static int between(facts_state *s, int low, int high)
{
    return low + below(s, high - low + 1);
}

static bf_date add_days(bf_date date, int64_t days)
{
    return date_from_days(date_to_days(date) + days);
}

/* A day in [from, from + span_days). */
static bf_date day_within(facts_state *s, bf_date from, int span_days)
{
    return add_days(from, below(s, span_days));
}

/* Whole months from start to the day (at least 0). */
static int months_between(bf_date start, bf_date day)
{
    int months = date_month_index(day) - date_month_index(start) - (day.day < start.day);
    return months > 0 ? months : 0;
}

const char *generate_fact_kind_name(generate_fact_kind kind)
{
    static const char *const names[] = {
#define GENERATE_KIND_NAME(id, name) name,
        GENERATE_FACT_KINDS(GENERATE_KIND_NAME)
#undef GENERATE_KIND_NAME
    };
    return kind < GENERATE_FACT_KIND_COUNT ? names[kind] : "?";
}

/* The county entry of a region code, added when new. */
static int county_of(facts_state *s, const char *region, int *capacity)
{
    for (int i = 0; i < s->county_count; i++)
        if (strncmp(s->counties[i].code, region, 6) == 0)
            return i;
    if (s->county_count == *capacity) {
        int grown_capacity = *capacity ? *capacity * 2 : 16;
        void *grown = realloc(s->counties, (size_t)grown_capacity * sizeof *s->counties);
        if (grown == NULL)
            return BF_ENOMEM;
        s->counties = grown;
        *capacity = grown_capacity;
    }
    fact_county *county = &s->counties[s->county_count];
    memset(county, 0, sizeof *county);
    memcpy(county->code, region, 6);
    return s->county_count++;
}

static int county_add_org(fact_county *county, org_kind kind, int index)
{
    if (county->counts[kind] == county->capacities[kind]) {
        int grown_capacity = county->capacities[kind] ? county->capacities[kind] * 2 : 8;
        void *grown = realloc(county->orgs[kind], (size_t)grown_capacity * sizeof(int));
        if (grown == NULL)
            return BF_ENOMEM;
        county->orgs[kind] = grown;
        county->capacities[kind] = grown_capacity;
    }
    county->orgs[kind][county->counts[kind]++] = index;
    return BF_OK;
}

/*
 * A valid 统一社会信用代码 for the index-th org: authority and kind, the
 * county, a GB 11714 organisation code unique per index, the check character.
 */
static void make_credit_code(const org_kind_info *info, const char *county, int index,
                             uint64_t offset, char out[CREDIT_CODE_TEXT_MAX])
{
    /* 7919 is prime to 10^8: distinct indexes give distinct bodies. */
    unsigned long body = (unsigned long)(((uint64_t)index * 7919u + offset) % 100000000u);
    snprintf(out, CREDIT_CODE_TEXT_MAX, "%c%c%.6s%08lu", info->authority, info->class, county,
             body);
    out[16] = credit_code_organization_check_character(out + 8);
    out[17] = credit_code_check_character(out);
    out[18] = '\0';
}

/* Longest phone text written (a mobile number is 11 digits). */
#define FACT_PHONE_MAX 24

/* A mobile number. */
static void make_phone(facts_state *s, char out[FACT_PHONE_MAX])
{
    snprintf(out, FACT_PHONE_MAX, "1%d%09d", 3 + below(s, 7), below(s, 1000000000));
}

/* Makes the orgs (every kind in every county, then drawn by weight) and writes orgs.csv. */
static int make_orgs(facts_state *s, const generate_region_list *towns, int64_t people,
                     const char *path, bf_error *err)
{
    int county_capacity = 0, kind_total = 0, rc = BF_OK;
    for (size_t i = 0; i < towns->count; i++) {
        int county = county_of(s, towns->codes[i], &county_capacity);
        if (county < 0)
            return bf_error_set(err, county, "%s", BF_TR("内存不足", "out of memory"));
    }
    for (int k = 0; k < ORG_KIND_COUNT; k++)
        kind_total += org_kinds[k].weight;
    int64_t wanted = people / 60;
    int minimum = s->county_count * ORG_KIND_COUNT;
    s->org_count = wanted > minimum ? (int)wanted : minimum;
    s->orgs = calloc((size_t)s->org_count, sizeof *s->orgs);
    if (s->orgs == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", BF_TR("内存不足", "out of memory"));
    uint64_t offset = generate_random(&s->random) % 100000000u;
    table_writer *writer = NULL;
    rc = table_writer_open(path, &writer, err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, org_header, COUNT_OF(org_header), err);
    for (int i = 0; i < s->org_count && rc == BF_OK; i++) {
        fact_org *org = &s->orgs[i];
        const char *town;
        if (i < minimum) {
            /* The first orgs: each kind once in each county, at one of its towns. */
            const char *county = s->counties[i / ORG_KIND_COUNT].code;
            org->kind = (org_kind)(i % ORG_KIND_COUNT);
            do
                town = towns->codes[below(s, (int)towns->count)];
            while (strncmp(town, county, 6) != 0);
        } else {
            town = towns->codes[below(s, (int)towns->count)];
            int r = below(s, kind_total);
            int k = 0;
            while (r >= org_kinds[k].weight)
                r -= org_kinds[k++].weight;
            org->kind = (org_kind)k;
        }
        const org_kind_info *info = &org_kinds[org->kind];
        snprintf(org->region, sizeof org->region, "%s", town);
        make_credit_code(info, town, i, offset, org->code);
        int county = county_of(s, town, &county_capacity);
        rc = county < 0 ? county : county_add_org(&s->counties[county], org->kind, i);
        if (rc != BF_OK) {
            rc = bf_error_set(err, rc, "%s", BF_TR("内存不足", "out of memory"));
            break;
        }
        char name[128], staff[16], phone[FACT_PHONE_MAX];
        const char *brand = brands[below(s, COUNT_OF(brands))];
        if (org->kind == ORG_SITE || org->kind == ORG_TRAINING || org->kind == ORG_BROKER)
            snprintf(name, sizeof name, "%s%s%d", brand, info->ending, i);
        else
            snprintf(name, sizeof name, "%s%s%s%d", brand, trades[below(s, COUNT_OF(trades))],
                     info->ending, i);
        if (info->staff_high > 0)
            snprintf(staff, sizeof staff, "%d", between(s, info->staff_low, info->staff_high));
        else
            staff[0] = '\0';
        make_phone(s, phone);
        int free_premises = org->kind == ORG_WORKSHOP ? chance(s, 60) : 0;
        const char *cells[] = {org->code,
                               name,
                               info->label,
                               org->region,
                               staff,
                               free_premises ? "是" : "否",
                               contact_names[below(s, COUNT_OF(contact_names))],
                               phone};
        rc = table_writer_row(writer, cells, COUNT_OF(cells), err);
        s->rows[GENERATE_ORGS]++;
    }
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    return rc == BF_OK ? closed : rc;
}

/* People per generated posting. */
#define FACT_PEOPLE_PER_POSTING 10

/*
 * Writes postings.csv: one posting per FACT_PEOPLE_PER_POSTING people, at an
 * employer (enterprise, workshop, base, agricultural business) of any county,
 * from its own random state so that the other files do not change with it.
 */
static int make_postings(facts_state *s, uint64_t seed, int64_t people, const char *path,
                         bf_error *err)
{
    static const char *const states[] = {"招聘中", "招聘中", "招聘中", "招聘中", "招聘中",
                                         "招聘中", "招聘中", "招聘中", "已招满", "已关闭"};
    uint64_t saved = s->random;
    s->random = seed ^ 0xbb67ae8584caa73bULL;
    /* make_orgs puts every kind in every county: there are employers. */
    int total_weight = 0;
    for (int t = 0; t < COUNT_OF(posting_trades); t++)
        total_weight += posting_trades[t].weight;
    table_writer *writer = NULL;
    int rc = table_writer_open(path, &writer, err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, posting_header, COUNT_OF(posting_header), err);
    int64_t count = people / FACT_PEOPLE_PER_POSTING;
    for (int64_t n = 0; n < count && rc == BF_OK; n++) {
        const fact_org *org;
        do
            org = &s->orgs[below(s, s->org_count)];
        while (org->kind != ORG_ENTERPRISE && org->kind != ORG_WORKSHOP && org->kind != ORG_BASE &&
               org->kind != ORG_AGRI);
        int r = below(s, total_weight), t = 0;
        while (r >= posting_trades[t].weight)
            r -= posting_trades[t++].weight;
        const char *trade = posting_trades[t].label;
        char code[24], title[64], openings[16], pay_min[16], pay_max[16], age_min[8], age_max[8];
        char start[BF_DATE_TEXT_MAX], deadline[BF_DATE_TEXT_MAX];
        snprintf(code, sizeof code, "P%08" PRId64, n + 1);
        snprintf(title, sizeof title, "%s%s", trade, t == 0 ? "" : "岗位");
        snprintf(openings, sizeof openings, "%d", 1 + below(s, 50));
        int low = 2000 + 100 * below(s, 41);
        snprintf(pay_min, sizeof pay_min, "%d", low);
        if (chance(s, 70))
            snprintf(pay_max, sizeof pay_max, "%d", low + 100 * below(s, 21));
        else
            pay_max[0] = '\0';
        snprintf(age_min, sizeof age_min, "%s", chance(s, 50) ? "18" : "");
        static const char *const upper[] = {"", "", "45", "50", "55", "60"};
        snprintf(age_max, sizeof age_max, "%s", upper[below(s, COUNT_OF(upper))]);
        int sex = below(s, 100);
        date_format(day_within(s, (bf_date){2021, 1, 1}, 180), start);
        date_format(day_within(s, (bf_date){2021, 7, 1}, 365), deadline);
        const char *cells[] = {code,
                               org->code,
                               title,
                               trade,
                               org->region,
                               openings,
                               pay_min,
                               pay_max,
                               t > 0 && chance(s, 50) ? trade : "",
                               age_min,
                               age_max,
                               sex < 12   ? "男"
                               : sex < 24 ? "女"
                                          : "",
                               chance(s, 40) ? "是" : "否",
                               start,
                               deadline,
                               states[below(s, COUNT_OF(states))]};
        rc = table_writer_row(writer, cells, COUNT_OF(cells), err);
        s->rows[GENERATE_POSTINGS]++;
    }
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    s->random = saved;
    return rc == BF_OK ? closed : rc;
}

static int county_index(const facts_state *s, const char *region);

/* The files of issue 13 items 1-3 (services/generate_carriers.h) from the orgs made. */
static int make_carriers(facts_state *s, const generate_facts_options *options, bf_error *err)
{
    static const char *const codes[ORG_KIND_COUNT] = {
#define ORG_CODE(id, code, label, weight, authority, class, low, high, ending) code,
        FACT_ORG_KINDS(ORG_CODE)
#undef ORG_CODE
    };
    generate_carrier_org *orgs =
        malloc((size_t)(s->org_count > 0 ? s->org_count : 1) * sizeof *orgs);
    if (orgs == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (int i = 0; i < s->org_count; i++)
        orgs[i] =
            (generate_carrier_org){s->orgs[i].code, s->orgs[i].region, codes[s->orgs[i].kind]};
    int rc = generate_carriers(options->dir, options->seed, options->count, orgs, s->org_count,
                               s->rows, &s->relief, &s->relief_count, err);
    s->event_orgs = orgs; /* generate_events reads them to the end */
    for (int p = 0; p < s->relief_count && rc == BF_OK; p++) {
        int county = county_index(s, s->relief[p].region);
        if (county < 0)
            continue;
        fact_county *c = &s->counties[county];
        int *grown = realloc(c->projects, (size_t)(c->project_count + 1) * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        c->projects = grown;
        c->projects[c->project_count++] = p;
    }
    return rc;
}

/*
 * An org of one of kinds in county (or, county < 0, in any county but
 * not_county), drawn skewed towards the first ones so that some employ many;
 * NULL when there is none.
 */
static const fact_org *pick_org(facts_state *s, int county, int not_county, const org_kind *kinds,
                                int kind_count)
{
    if (county < 0) {
        if (s->county_count < 2)
            return NULL;
        do
            county = below(s, s->county_count);
        while (county == not_county);
    }
    const fact_county *c = &s->counties[county];
    org_kind kind = kinds[below(s, kind_count)];
    if (c->counts[kind] == 0)
        return NULL;
    uint64_t u = generate_random(&s->random) % 1000000u;
    int index = (int)((uint64_t)c->counts[kind] * u / 1000000u * u / 1000000u);
    return &s->orgs[c->orgs[kind][index]];
}

/* The county index of a person's hukou; -1 when not among the orgs' counties. */
static int county_index(const facts_state *s, const char *region)
{
    for (int i = 0; i < s->county_count; i++)
        if (strncmp(s->counties[i].code, region, 6) == 0)
            return i;
    return -1;
}

/* One spell being written. */
typedef struct job_row {
    const char *kind; /* 就业形式 */
    const fact_org *employer;
    const fact_org *agency;
    const char *region;
    bf_date start, end;
    int ongoing;
    int contract_months, income_yuan, hours, travel_yuan;
    int insured_percent; /* chance that social insurance is paid in this job */
    const char *project; /* 项目编号 of a 以工代赈 spell, NULL for none */
} job_row;

/* Writes one spell; *insured (may be NULL) says whether insurance is paid in it. */
static int write_job(facts_state *s, const char *id_number, const job_row *job, int *insured,
                     bf_error *err)
{
    char start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX], contract[16], insurance[16], income[16],
        hours[16], travel[16];
    date_format(job->start, start);
    if (job->ongoing)
        end[0] = '\0';
    else
        date_format(job->end, end);
    snprintf(contract, sizeof contract, "%d", job->contract_months);
    if (job->contract_months == 0)
        contract[0] = '\0';
    int months = months_between(job->start, job->ongoing ? facts_reference_day : job->end);
    int paid = months > 0 && chance(s, job->insured_percent);
    snprintf(insurance, sizeof insurance, "%d", paid ? months - below(s, 1 + months / 6) : 0);
    if (!paid)
        insurance[0] = '\0';
    if (insured != NULL)
        *insured = paid;
    snprintf(income, sizeof income, "%d", job->income_yuan);
    snprintf(hours, sizeof hours, "%d", job->hours);
    if (job->hours == 0)
        hours[0] = '\0';
    snprintf(travel, sizeof travel, "%d", job->travel_yuan);
    if (job->agency == NULL)
        travel[0] = '\0';
    const char *cells[JOB_COLUMNS] = {id_number,
                                      job->employer != NULL ? job->employer->code : "",
                                      job->region,
                                      job->kind,
                                      start,
                                      end,
                                      contract,
                                      insurance,
                                      income,
                                      hours,
                                      job->agency != NULL ? job->agency->code : "",
                                      travel,
                                      job->project != NULL ? job->project : ""};
    s->rows[GENERATE_JOBS]++;
    return table_writer_row(s->writers[FILE_JOBS], cells, JOB_COLUMNS, err);
}

static const org_kind local_employers[] = {ORG_ENTERPRISE, ORG_ENTERPRISE, ORG_ENTERPRISE, ORG_AGRI,
                                           ORG_COOPERATIVE};
static const org_kind migrant_employers[] = {ORG_ENTERPRISE, ORG_ENTERPRISE, ORG_ENTERPRISE,
                                             ORG_ENTERPRISE, ORG_ENTERPRISE, ORG_BASE};
static const org_kind outflow_agencies[] = {ORG_AGENCY, ORG_AGENCY, ORG_BROKER};

/*
 * Fills job for a person's 就业状态 (status code); 0 when the status gives no
 * spell this time (not employed, a farmer without a recorded spell, ...).
 */
static int plan_job(facts_state *s, const generated_person *person, int county, const char *status,
                    job_row *job)
{
    static const org_kind workshops[] = {ORG_WORKSHOP};
    static const int contracts[] = {0, 6, 12, 12, 24, 36};
    memset(job, 0, sizeof *job);
    job->region = person->village;
    job->ongoing = 1;
    job->insured_percent = 70;
    job->contract_months = contracts[below(s, COUNT_OF(contracts))];
    job->income_yuan = between(s, 2500, 6500);
    if (strcmp(status, "local_job") == 0 || strcmp(status, "employed") == 0) {
        int at_base = chance(s, 15);
        static const org_kind bases[] = {ORG_BASE};
        job->kind = at_base ? "基地就业" : "企业就业";
        job->employer = at_base
                            ? pick_org(s, county, -1, bases, 1)
                            : pick_org(s, county, -1, local_employers, COUNT_OF(local_employers));
    } else if (strcmp(status, "migrant_job") == 0) {
        job->kind = "企业就业";
        job->employer = pick_org(s, -1, county, migrant_employers, COUNT_OF(migrant_employers));
        if (job->employer != NULL && job->employer->kind == ORG_BASE)
            job->kind = "基地就业";
        if (chance(s, 35)) {
            job->agency = pick_org(s, county, -1, outflow_agencies, COUNT_OF(outflow_agencies));
            job->travel_yuan = between(s, 150, 1500);
        }
        job->insured_percent = 80;
    } else if (strcmp(status, "workshop") == 0) {
        job->kind = "车间就业";
        job->employer = pick_org(s, county, -1, workshops, 1);
        job->income_yuan = between(s, 1500, 3200);
        job->insured_percent = 40;
    } else if (strcmp(status, "public_post") == 0) {
        static const org_kind enterprises[] = {ORG_ENTERPRISE};
        job->kind = "公益性岗位";
        job->employer = pick_org(s, county, -1, enterprises, 1);
        job->contract_months = 12;
        job->income_yuan = between(s, 600, 1200);
        job->hours = between(s, 60, 160);
        job->insured_percent = 30;
    } else if (strcmp(status, "work_relief") == 0 && county >= 0 &&
               s->counties[county].project_count > 0) {
        /* A spell of some months on a 以工代赈 project of the county, built by a local
           enterprise (附件1: 以工代赈吸纳当地农村劳动力就业人数). */
        static const org_kind builders[] = {ORG_ENTERPRISE};
        const fact_county *c = &s->counties[county];
        const generate_relief_project *p = &s->relief[c->projects[below(s, c->project_count)]];
        job->kind = "以工代赈";
        job->project = p->code;
        job->employer = pick_org(s, county, -1, builders, 1);
        job->region = p->region;
        job->contract_months = 0;
        job->income_yuan = between(s, 1800, 3600);
        job->hours = between(s, 80, 200);
        job->insured_percent = 10;
        int span = p->last_day - p->first_day;
        job->start = date_from_days(p->first_day + below(s, span / 2 + 1));
        int64_t end = date_to_days(job->start) + between(s, 30, 150);
        job->end = date_from_days(end < p->last_day ? end : p->last_day);
        job->ongoing = 0;
        return job->employer != NULL;
    } else if (strcmp(status, "flexible") == 0 || strcmp(status, "work_relief") == 0) {
        job->kind = "临时性岗位";
        job->employer = pick_org(s, county, -1, local_employers, COUNT_OF(local_employers));
        job->contract_months = chance(s, 50) ? between(s, 3, 6) : 0;
        job->income_yuan = between(s, 1000, 2500);
        job->hours = between(s, 40, 180);
        job->insured_percent = 10;
    } else if (strcmp(status, "self_employed") == 0) {
        job->kind = "自主创业";
        job->contract_months = 0;
        job->income_yuan = between(s, 1500, 6000);
        job->insured_percent = 20;
    } else if (strcmp(status, "farming") == 0 && chance(s, 35)) {
        job->kind = "务农";
        job->contract_months = 0;
        job->income_yuan = between(s, 600, 2500);
        job->insured_percent = 0;
    } else
        return 0;
    if (job->employer != NULL)
        job->region = job->employer->region;
    else if (strcmp(job->kind, "务农") != 0 && strcmp(job->kind, "自主创业") != 0)
        return 0; /* no org of that kind: the regions are too small for this person's job */
    /* Started in 2018..mid 2021; a month or more before the reference day. */
    job->start =
        day_within(s, facts_first_day,
                   (int)(date_to_days(facts_reference_day) - date_to_days(facts_first_day)) - 30);
    return 1;
}

/* Writes the person's spells; *employer is the current employer (NULL: none). */
static int write_jobs(facts_state *s, const generated_person *person, int county,
                      const fact_org **employer, bf_date *hired, int *insured, bf_error *err)
{
    job_row job, earlier;
    int rc = BF_OK, current_insured = 0;
    *employer = NULL;
    *insured = 0;
    if (person->age < 16 || person->age >= 65)
        return BF_OK;
    /* The lists of spells hold about 60% of those the 四清 visits found working. */
    int has_job = chance(s, 60) && plan_job(s, person, county, person->employment_status, &job);
    int unemployed = strcmp(person->employment_status, "unemployed") == 0;
    /* Some of the unemployed lost a job; some of those working had one before. */
    int has_earlier = unemployed ? chance(s, 35) : has_job && chance(s, 15);
    if (has_earlier &&
        plan_job(s, person, county, chance(s, 50) ? "local_job" : "migrant_job", &earlier)) {
        earlier.ongoing = 0;
        bf_date before = has_job ? job.start : facts_reference_day;
        earlier.end = add_days(before, -between(s, 1, 90));
        earlier.start = add_days(earlier.end, -between(s, 90, 720));
        rc = write_job(s, person->id_number, &earlier, NULL, err);
    }
    if (rc == BF_OK && has_job) {
        /* A few of those working left again (a seasonal job, a contract that ended). */
        if (chance(s, 12) && job.project == NULL) {
            job.ongoing = 0;
            job.end = add_days(job.start, between(s, 60, 400));
            if (date_to_days(job.end) > date_to_days(facts_reference_day))
                job.end = facts_reference_day;
        }
        rc = write_job(s, person->id_number, &job, &current_insured, err);
        if (rc == BF_OK && job.agency != NULL)
            rc = generate_events_outflow(s->events, person->id_number, person->village, job.region,
                                         job.agency->code, job.start, err);
        if (job.ongoing) {
            *employer = job.employer;
            *hired = job.start;
        }
    }
    *insured = current_insured && job.ongoing;
    return rc;
}

/* Writes a training; provider NULL for none known. */
static int write_training(facts_state *s, const char *id_number, const fact_org *provider,
                          const char *kind, const char *region, bf_date start, int days,
                          int with_certificate, bf_error *err)
{
    static const char *const levels[] = {"初级", "初级", "初级", "中级", "中级", "高级"};
    char start_text[BF_DATE_TEXT_MAX], end_text[BF_DATE_TEXT_MAX], days_text[16], total[16],
        online[16], cost[16];
    date_format(start, start_text);
    date_format(add_days(start, days - 1), end_text);
    int total_hours = days * between(s, 4, 8);
    int online_hours = strcmp(kind, "线上培训") == 0 ? total_hours
                       : chance(s, 30)               ? total_hours * between(s, 5, 40) / 100
                                                     : 0;
    snprintf(days_text, sizeof days_text, "%d", days);
    snprintf(total, sizeof total, "%d", total_hours);
    snprintf(online, sizeof online, "%d", online_hours);
    if (online_hours == 0)
        online[0] = '\0';
    snprintf(cost, sizeof cost, "%d", days * between(s, 40, 120));
    const char *cells[TRAINING_COLUMNS] = {
        id_number,  provider != NULL ? provider->code : "",
        kind,       region,
        start_text, end_text,
        days_text,  total,
        online,     with_certificate ? levels[below(s, COUNT_OF(levels))] : "",
        cost};
    s->rows[GENERATE_TRAININGS]++;
    return table_writer_row(s->writers[FILE_TRAININGS], cells, TRAINING_COLUMNS, err);
}

/*
 * Trainings: some of those who want training at an institution of their
 * county; some of those employed away trained by their employer within the
 * year of hiring (most with a certificate), or trained on the job (以工代训).
 */
static int write_trainings(facts_state *s, const generated_person *person, int county,
                           const fact_org *employer, bf_date hired, bf_error *err)
{
    static const org_kind institutions[] = {ORG_TRAINING};
    int rc = BF_OK;
    if (person->age < 16 || person->age >= 65)
        return BF_OK;
    if (strcmp(person->training_wish, "yes") == 0 && chance(s, 22)) {
        static const char *const kinds[] = {"技能培训", "技能培训", "技能培训", "线上培训",
                                            "岗前培训"};
        const char *kind = kinds[below(s, COUNT_OF(kinds))];
        const fact_org *provider = pick_org(s, county, -1, institutions, 1);
        int days = strcmp(kind, "技能培训") == 0 ? between(s, 5, 45) : between(s, 3, 15);
        /* 2019 to the summer of 2023, the year of the notice's 附件1. */
        bf_date start = day_within(s, (bf_date){2019, 1, 1}, 1700);
        if (provider != NULL)
            rc = write_training(s, person->id_number, provider, kind, provider->region, start, days,
                                strcmp(kind, "技能培训") == 0 && chance(s, 40), err);
    }
    if (rc == BF_OK && employer != NULL &&
        (employer->kind == ORG_ENTERPRISE || employer->kind == ORG_BASE ||
         employer->kind == ORG_WORKSHOP) &&
        strncmp(employer->region, person->village, 6) != 0 && chance(s, 30)) {
        int on_the_job = chance(s, 30);
        bf_date start = add_days(hired, between(s, 7, 330));
        rc = write_training(s, person->id_number, employer, on_the_job ? "以工代训" : "技能培训",
                            employer->region, start,
                            on_the_job ? between(s, 25, 60) : between(s, 5, 30),
                            !on_the_job && chance(s, 70), err);
    }
    return rc;
}

/* Enrolments of the young at vocational schools. */
static int write_enrolment(facts_state *s, const generated_person *person, bf_error *err)
{
    static const char *const kinds[] = {"技工院校", "技工院校", "中等职业学校", "中等职业学校",
                                        "高等职业院校"};
    static const char *const endings[] = {"技工学校", "技工学校", "职业中等专业学校",
                                          "职业中等专业学校", "职业技术学院"};
    if (person->age < 15 || person->age > 21 || !chance(s, 30))
        return BF_OK;
    int kind = below(s, COUNT_OF(kinds));
    int year = 2017 + below(s, 5);
    char name[64], start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX], region[REGION_CODE_TEXT_MAX];
    snprintf(name, sizeof name, "%s%s", brands[below(s, COUNT_OF(brands))], endings[kind]);
    date_format((bf_date){year, 9, 1}, start);
    date_format((bf_date){year + 3, 6, 30}, end);
    /* The school in the hukou county: its code at county level. */
    snprintf(region, sizeof region, "%.6s000000", person->village);
    const char *cells[] = {person->id_number,           kinds[kind], name, region,
                           chance(s, 90) ? "是" : "否", start,       end};
    s->rows[GENERATE_ENROLMENTS]++;
    return table_writer_row(s->writers[FILE_ENROLMENTS], cells, COUNT_OF(cells), err);
}

/* Where the relocated live: a relocation site of their county. */
static int write_residence(facts_state *s, const generated_person *person, int county,
                           bf_error *err)
{
    static const org_kind sites[] = {ORG_SITE};
    if (strstr(person->category, "易地扶贫搬迁") == NULL)
        return BF_OK;
    const fact_org *site = pick_org(s, county, -1, sites, 1);
    if (site == NULL)
        return BF_OK;
    char since[BF_DATE_TEXT_MAX];
    date_format(day_within(s, (bf_date){2016, 6, 1}, 1300), since);
    const char *cells[] = {person->id_number, site->code, since};
    s->rows[GENERATE_RESIDENCES]++;
    return table_writer_row(s->writers[FILE_RESIDENCES], cells, COUNT_OF(cells), err);
}

/* The employees' pension for the insured in their job, the residents' scheme for many others. */
static int write_insurance(facts_state *s, const generated_person *person, int insured,
                           bf_date hired, bf_error *err)
{
    char since[BF_DATE_TEXT_MAX];
    const char *scheme, *status = "参保缴费";
    if (person->age < 16)
        return BF_OK;
    if (insured) {
        scheme = "企业职工基本养老保险";
        date_format(hired, since);
    } else if (chance(s, 55)) {
        scheme = "城乡居民基本养老保险";
        if (person->age >= 60)
            status = "领取待遇";
        else if (chance(s, 8))
            status = "暂停缴费";
        date_format(day_within(s, (bf_date){2012, 1, 1}, 3000), since);
    } else
        return BF_OK;
    const char *cells[] = {person->id_number, scheme, status, since};
    s->rows[GENERATE_INSURANCE]++;
    return table_writer_row(s->writers[FILE_INSURANCE], cells, COUNT_OF(cells), err);
}

/* generate_people's visitor: the person's facts, and the cells 三无 and 有就业意愿. */
static int visit_person(void *context, const generated_person *person, const char **extra,
                        bf_error *err)
{
    facts_state *s = context;
    const fact_org *employer = NULL;
    bf_date hired = facts_reference_day;
    int insured = 0;
    int county = county_index(s, person->village);
    s->rows[GENERATE_PEOPLE]++;
    int rc = write_jobs(s, person, county, &employer, &hired, &insured, err);
    if (rc == BF_OK)
        rc = write_trainings(s, person, county, employer, hired, err);
    if (rc == BF_OK)
        rc = write_enrolment(s, person, err);
    if (rc == BF_OK)
        rc = write_residence(s, person, county, err);
    if (rc == BF_OK)
        rc = write_insurance(s, person, insured, hired, err);
    if (rc == BF_OK)
        rc = generate_posts_person(s->posts, person, employer != NULL, err);
    if (rc == BF_OK)
        rc = generate_events_person(s->events, person->id_number, person->village, person->age,
                                    strcmp(person->employment_status, "unemployed") == 0, err);
    /* 三无: said so among the difficulties, or a few of the public-welfare posts (托底安置). */
    int adult = person->age >= 16 && person->age < 65;
    int three_no =
        s->three_no_difficulty >= 0 && (person->difficulties >> s->three_no_difficulty & 1u) != 0;
    if (!three_no && adult && strcmp(person->employment_status, "public_post") == 0)
        three_no = chance(s, 35);
    snprintf(s->cells[0], sizeof s->cells[0], "%s", !adult ? "" : three_no ? "是" : "否");
    snprintf(s->cells[1], sizeof s->cells[1], "%s",
             !adult                                       ? ""
             : strcmp(person->employment_wish, "no") == 0 ? "否"
                                                          : "是");
    extra[0] = s->cells[0];
    extra[1] = s->cells[1];
    return rc;
}

/* DIR/NAME.csv into out; an error when it does not fit. */
static int facts_path(const char *dir, generate_fact_kind kind, char out[GENERATE_FACTS_PATH_MAX],
                      bf_error *err)
{
    int length =
        snprintf(out, GENERATE_FACTS_PATH_MAX, "%s/%s.csv", dir, generate_fact_kind_name(kind));
    if (length < 0 || length >= GENERATE_FACTS_PATH_MAX)
        return bf_error_set(err, BF_EINVAL, BF_TR("目录名过长：%s", "directory name too long: %s"),
                            dir);
    return BF_OK;
}

static int make_directory(const char *dir, bf_error *err)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return BF_OK;
    return bf_error_set(err, BF_EIO, BF_TR("无法创建目录 %s：%s", "cannot create directory %s: %s"),
                        dir, strerror(errno));
}

int generate_facts(store *st, const generate_facts_options *options,
                   int64_t rows[GENERATE_FACT_KIND_COUNT], bf_error *err)
{
    static const char *const *const headers[FILE_COUNT] = {
        job_header, training_header, enrolment_header, residence_header, insurance_header};
    static const int columns[FILE_COUNT] = {COUNT_OF(job_header), COUNT_OF(training_header),
                                            COUNT_OF(enrolment_header), COUNT_OF(residence_header),
                                            COUNT_OF(insurance_header)};
    facts_state s;
    generate_region_list towns = {0};
    vocabulary_set loaded = {0};
    const vocabulary_set *lists = options->vocabularies;
    char path[GENERATE_FACTS_PATH_MAX];
    memset(&s, 0, sizeof s);
    /* Apart from the people's state, so that people.csv is generate_people's. */
    s.random = options->seed ^ 0x6a09e667f3bcc909ULL;
    int rc = make_directory(options->dir, err);
    if (rc == BF_OK && lists == NULL) {
        rc = vocabulary_set_load_default(&loaded, err);
        lists = &loaded;
    }
    if (rc == BF_OK)
        rc = generate_load_regions(st, options->regions, options->region_count,
                                   REGION_LEVEL_TOWNSHIP, &towns, err);
    if (rc == BF_OK)
        rc = facts_path(options->dir, GENERATE_ORGS, path, err);
    if (rc == BF_OK)
        rc = make_orgs(&s, &towns, options->count, path, err);
    if (rc == BF_OK)
        rc = facts_path(options->dir, GENERATE_POSTINGS, path, err);
    if (rc == BF_OK)
        rc = make_postings(&s, options->seed, options->count, path, err);
    if (rc == BF_OK)
        rc = make_carriers(&s, options, err);
    if (rc != BF_OK)
        goto out;
    s.three_no_difficulty = vocabulary_find(vocabulary_of(lists, PERSON_DIFFICULTIES), "three_no");
    for (int f = 0; f < FILE_COUNT && rc == BF_OK; f++) {
        rc = facts_path(options->dir, (generate_fact_kind)(GENERATE_JOBS + f), path, err);
        if (rc == BF_OK)
            rc = table_writer_open(path, &s.writers[f], err);
        if (rc == BF_OK)
            rc = table_writer_row(s.writers[f], headers[f], columns[f], err);
    }
    char posts_paths[GENERATE_POSTS_FILES][GENERATE_FACTS_PATH_MAX];
    const char *posts_files[GENERATE_POSTS_FILES];
    for (int f = 0; f < GENERATE_POSTS_FILES && rc == BF_OK; f++) {
        rc =
            facts_path(options->dir, (generate_fact_kind)(GENERATE_POSTS + f), posts_paths[f], err);
        posts_files[f] = posts_paths[f];
    }
    if (rc == BF_OK)
        rc = generate_posts_open(posts_files, options->seed, &s.posts, err);
    char events_paths[GENERATE_EVENTS_FILES][GENERATE_FACTS_PATH_MAX];
    const char *events_files[GENERATE_EVENTS_FILES];
    for (int f = 0; f < GENERATE_EVENTS_FILES && rc == BF_OK; f++) {
        rc = facts_path(options->dir, (generate_fact_kind)(GENERATE_FAIRS + f), events_paths[f],
                        err);
        events_files[f] = events_paths[f];
    }
    if (rc == BF_OK)
        rc = generate_events_open(events_files, options->seed, s.event_orgs, s.org_count, &s.events,
                                  err);
    if (rc != BF_OK)
        goto out;
    generate_people_options people = {0};
    people.count = options->count;
    people.seed = options->seed;
    memcpy(people.regions, options->regions, sizeof people.regions);
    people.region_count = options->region_count;
    people.vocabularies = lists;
    people.visitor = visit_person;
    people.visitor_context = &s;
    people.extra_headers[0] = person_extra_header[0];
    people.extra_headers[1] = person_extra_header[1];
    people.extra_column_count = COUNT_OF(person_extra_header);
    rc = facts_path(options->dir, GENERATE_PEOPLE, path, err);
    if (rc == BF_OK) {
        people.out = path;
        rc = generate_people(st, &people, err);
    }
out:
    for (int f = 0; f < FILE_COUNT; f++) {
        int closed = table_writer_close(s.writers[f], rc == BF_OK, rc == BF_OK ? err : NULL);
        if (rc == BF_OK)
            rc = closed;
    }
    int closed = generate_posts_close(s.posts, rc == BF_OK, s.rows + GENERATE_POSTS,
                                      rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    closed = generate_events_close(s.events, rc == BF_OK, s.rows + GENERATE_FAIRS,
                                   rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    free(s.event_orgs);
    if (rows != NULL)
        memcpy(rows, s.rows, sizeof s.rows);
    for (int c = 0; c < s.county_count; c++) {
        for (int k = 0; k < ORG_KIND_COUNT; k++)
            free(s.counties[c].orgs[k]);
        free(s.counties[c].projects);
    }
    free(s.relief);
    free(s.counties);
    free(s.orgs);
    free(towns.codes);
    vocabulary_set_free(&loaded);
    return rc;
}
