/* generate_carriers.c - decisions on carriers, cooperation bodies and projects (see the header). */
#include "services/generate_carriers.h"

#include "core/date.h"
#include "core/region_code.h"
#include "io/table_writer.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(array) ((int)(sizeof array / sizeof array[0]))
/* People per generated project. */
#define CARRIER_PEOPLE_PER_PROJECT 1000
/* Most counties one run keeps apart (the regions given are a few). */
#define CARRIER_COUNTIES_MAX 256
/* Longest path of a generated file. */
#define CARRIER_PATH_MAX GENERATE_FACTS_PATH_MAX

static const char *const certification_header[] = {
    "统一社会信用代码", "载体类型", "决定日期", "决定类型", "文号", "决定机关", "理由"};
static const char *const alliance_header[] = {
    "联盟名称", "牵头地区划代码", "牵头单位统一社会信用代码", "成立日期", "解散日期", "备注"};
static const char *const member_header[] = {"联盟名称", "成员地区划代码",
                                            "成员单位统一社会信用代码", "加入日期", "退出日期"};
static const char *const brand_header[] = {
    "品牌名称", "所在地区划代码", "行业工种", "依托单位统一社会信用代码",
    "认定日期", "认定机关",       "终止日期"};
static const char *const project_header[] = {"项目编号",
                                             "项目名称",
                                             "项目类型",
                                             "所在地区划代码",
                                             "项目简介",
                                             "开始日期",
                                             "结束日期",
                                             "带动就业人数",
                                             "带动脱贫人口就业人数",
                                             "省乡村振兴重点帮扶县",
                                             "易地搬迁安置区",
                                             "黄河滩区居民迁建安置区",
                                             "项目联系人",
                                             "联系电话",
                                             "备注"};
static const char *const brand_names[] = {"巧手", "月嫂", "厨师", "焊工", "电工", "绣娘"};
static const char *const brand_trades[] = {"手工编织", "家政服务", "餐饮服务",
                                           "焊接",     "电气安装", "刺绣"};
static const char *const project_works[] = {"农村道路", "小型水利", "村内供水", "高标准农田",
                                            "农产品仓储"};

typedef struct carrier_state {
    uint64_t random;
    const char *dir;
    const generate_carrier_org *orgs;
    int count;
    char counties[CARRIER_COUNTIES_MAX][REGION_CODE_TEXT_MAX]; /* 6-digit county codes met */
    int county_count;
    int64_t *rows;
    generate_relief_project *relief; /* the 以工代赈 projects written */
    int relief_count;
    bf_error *err;
} carrier_state;

/* splitmix64: the state is the run's own. */
static uint64_t next_random(carrier_state *s)
{
    uint64_t z = (s->random += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int below(carrier_state *s, int bound)
{
    return bound > 0 ? (int)(next_random(s) % (uint64_t)bound) : 0;
}

static int chance(carrier_state *s, int percent)
{
    return below(s, 100) < percent;
}

/* A day within span days from from, as text. */
static void day_text(carrier_state *s, bf_date from, int span, char out[BF_DATE_TEXT_MAX])
{
    date_format(date_from_days(date_to_days(from) + below(s, span)), out);
}

/* Opens dir/<kind>.csv with its header. */
static int open_file(carrier_state *s, generate_fact_kind kind, const char *const *header,
                     int columns, table_writer **writer)
{
    char path[CARRIER_PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s.csv", s->dir, generate_fact_kind_name(kind));
    if (n < 0 || (size_t)n >= sizeof path)
        return bf_error_set(s->err, BF_ETOOBIG, "%s: path too long", s->dir);
    int rc = table_writer_open(path, writer, s->err);
    return rc == BF_OK ? table_writer_row(*writer, header, columns, s->err) : rc;
}

/* Writes one row of kind and counts it. */
static int write_row(carrier_state *s, generate_fact_kind kind, table_writer *writer,
                     const char *const *cells, int columns)
{
    s->rows[kind]++;
    return table_writer_row(writer, cells, columns, s->err);
}

/* Closes writer, keeping the file when rc is BF_OK. */
static int close_file(carrier_state *s, table_writer *writer, int rc)
{
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? s->err : NULL);
    return rc == BF_OK ? closed : rc;
}

/* An organisation of kind in county (NULL: any county), or NULL when there is none. */
static const generate_carrier_org *pick(carrier_state *s, const char *kind, const char *county)
{
    int start = below(s, s->count);
    for (int i = 0; i < s->count; i++) {
        const generate_carrier_org *o = &s->orgs[(start + i) % s->count];
        if (strcmp(o->kind, kind) == 0 && (county == NULL || strncmp(o->region, county, 6) == 0))
            return o;
    }
    return NULL;
}

/* 认定 of most carriers in 2019-2020, some 扶持 later, a few 退出. */
static int write_certifications(carrier_state *s)
{
    static const char *const carriers[] = {"workshop", "base", "cooperative", "relocation_site"};
    table_writer *w = NULL;
    int rc = open_file(s, GENERATE_CERTIFICATIONS, certification_header,
                       COUNT_OF(certification_header), &w);
    for (int i = 0; i < s->count && rc == BF_OK; i++) {
        const generate_carrier_org *o = &s->orgs[i];
        int carrier = 0;
        for (int c = 0; c < COUNT_OF(carriers) && !carrier; c++)
            carrier = strcmp(o->kind, carriers[c]) == 0;
        if (!carrier || !chance(s, 60))
            continue;
        char county[7], day[BF_DATE_TEXT_MAX], number[64], body[64];
        snprintf(county, sizeof county, "%.6s", o->region);
        snprintf(body, sizeof body, "%s人力资源和社会保障局", county);
        day_text(s, (bf_date){2019, 1, 1}, 700, day);
        snprintf(number, sizeof number, "人社字〔%.4s〕%d号", day, 1 + below(s, 200));
        const char *certify[] = {o->code, o->kind, day, "认定", number, body, "吸纳脱贫人口就业"};
        rc = write_row(s, GENERATE_CERTIFICATIONS, w, certify, COUNT_OF(certify));
        int later = chance(s, 30) ? 1 : chance(s, 15) ? 2 : 0;
        if (rc == BF_OK && later > 0) {
            bf_date first;
            date_parse(day, &first);
            day_text(s, date_from_days(date_to_days(first) + 30), 600, day);
            snprintf(number, sizeof number, "人社字〔%.4s〕%d号", day, 201 + below(s, 200));
            const char *next[] = {o->code,
                                  o->kind,
                                  day,
                                  later == 1 ? "扶持" : "退出",
                                  number,
                                  body,
                                  later == 1 ? "奖补" : "停产"};
            rc = write_row(s, GENERATE_CERTIFICATIONS, w, next, COUNT_OF(next));
        }
    }
    return close_file(s, w, rc);
}

/* One alliance per two counties, led by the first, with its counties and their agencies. */
static int write_alliances(carrier_state *s)
{
    table_writer *alliances = NULL, *members = NULL;
    int rc =
        open_file(s, GENERATE_ALLIANCES, alliance_header, COUNT_OF(alliance_header), &alliances);
    if (rc == BF_OK)
        rc = open_file(s, GENERATE_ALLIANCE_MEMBERS, member_header, COUNT_OF(member_header),
                       &members);
    for (int c = 0; c < s->county_count && rc == BF_OK; c += 2) {
        char name[64], founded[BF_DATE_TEXT_MAX];
        snprintf(name, sizeof name, "%s劳务协作联盟%d", s->counties[c], c / 2 + 1);
        day_text(s, (bf_date){2019, 3, 1}, 700, founded);
        const generate_carrier_org *lead = pick(s, "agency", s->counties[c]);
        const char *alliance[] = {name, s->counties[c], lead != NULL ? lead->code : "", founded, "",
                                  ""};
        rc = write_row(s, GENERATE_ALLIANCES, alliances, alliance, COUNT_OF(alliance));
        for (int m = c; m < c + 2 && m < s->county_count && rc == BF_OK; m++) {
            const char *region[] = {name, s->counties[m], "", founded, ""};
            rc = write_row(s, GENERATE_ALLIANCE_MEMBERS, members, region, COUNT_OF(region));
            const generate_carrier_org *agency = pick(s, "agency", s->counties[m]);
            if (rc == BF_OK && agency != NULL) {
                const char *org[] = {name, "", agency->code, founded, ""};
                rc = write_row(s, GENERATE_ALLIANCE_MEMBERS, members, org, COUNT_OF(org));
            }
        }
    }
    rc = close_file(s, alliances, rc);
    return close_file(s, members, rc);
}

/* One brand per county, on one of its cooperatives or agencies when it has one. */
static int write_brands(carrier_state *s)
{
    table_writer *w = NULL;
    int rc = open_file(s, GENERATE_BRANDS, brand_header, COUNT_OF(brand_header), &w);
    for (int c = 0; c < s->county_count && rc == BF_OK; c++) {
        int b = below(s, COUNT_OF(brand_names));
        char name[64], day[BF_DATE_TEXT_MAX];
        snprintf(name, sizeof name, "%s%s", s->counties[c], brand_names[b]);
        day_text(s, (bf_date){2020, 1, 1}, 900, day);
        const generate_carrier_org *org = pick(s, "cooperative", s->counties[c]);
        if (org == NULL)
            org = pick(s, "agency", s->counties[c]);
        const char *cells[] = {name,
                               s->counties[c],
                               brand_trades[b],
                               org != NULL ? org->code : "",
                               day,
                               "市人力资源和社会保障局",
                               ""};
        rc = write_row(s, GENERATE_BRANDS, w, cells, COUNT_OF(cells));
    }
    return close_file(s, w, rc);
}

/* One project per CARRIER_PEOPLE_PER_PROJECT people (at least one), where organisations are. */
static int write_projects(carrier_state *s, int64_t people)
{
    table_writer *w = NULL;
    int rc = open_file(s, GENERATE_PROJECTS, project_header, COUNT_OF(project_header), &w);
    /* At least a 以工代赈 project in each county, begun in the first half of 2023, so that
       附件1 of 2023 has people working on them however few are generated. */
    int64_t count = people / CARRIER_PEOPLE_PER_PROJECT > s->county_count
                        ? people / CARRIER_PEOPLE_PER_PROJECT
                        : s->county_count;
    for (int64_t n = 0; n < count && rc == BF_OK && s->count > 0; n++) {
        const generate_carrier_org *where = &s->orgs[below(s, s->count)];
        const generate_carrier_org *builder =
            n < s->county_count ? pick(s, "enterprise", s->counties[n]) : NULL;
        if (builder != NULL)
            where = builder;
        int relief = chance(s, 60) || n < s->county_count, work = below(s, COUNT_OF(project_works));
        char code[24], name[96], start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX], jobs[16], poor[16];
        snprintf(code, sizeof code, "%s%06" PRId64, relief ? "YG" : "JB", n + 1);
        snprintf(name, sizeof name, "%s%s项目", project_works[work],
                 relief ? "以工代赈" : "就业帮扶");
        /* From 2023, the year of the notice: the 以工代赈 of its 附件1 work in them. */
        bf_date first = date_from_days(date_to_days((bf_date){2023, 1, 5}) +
                                       below(s, n < s->county_count ? 180 : 480));
        int64_t last = date_to_days(first) + 60 + below(s, 300);
        date_format(first, start);
        date_format(date_from_days(last), end);
        if (relief && rc == BF_OK) {
            generate_relief_project *grown =
                realloc(s->relief, (size_t)(s->relief_count + 1) * sizeof *grown);
            if (grown == NULL)
                return close_file(s, w, bf_error_set(s->err, BF_ENOMEM, NULL));
            s->relief = grown;
            generate_relief_project *p = &s->relief[s->relief_count++];
            snprintf(p->code, sizeof p->code, "%s", code);
            snprintf(p->region, sizeof p->region, "%s", where->region);
            p->first_day = (int32_t)date_to_days(first);
            p->last_day = (int32_t)last;
        }
        int employed = 5 + below(s, 80);
        snprintf(jobs, sizeof jobs, "%d", employed);
        snprintf(poor, sizeof poor, "%d", below(s, employed + 1));
        const char *cells[] = {code,
                               name,
                               relief ? "以工代赈" : "就业帮扶",
                               where->region,
                               relief ? "以工代赈方式建设，吸纳当地农村劳动力务工" : "",
                               start,
                               end,
                               jobs,
                               poor,
                               chance(s, 20) ? "是" : "否",
                               chance(s, 15) ? "是" : "否",
                               chance(s, 10) ? "是" : "否",
                               "王建国",
                               "13853700001",
                               ""};
        rc = write_row(s, GENERATE_PROJECTS, w, cells, COUNT_OF(cells));
    }
    return close_file(s, w, rc);
}

int generate_carriers(const char *dir, uint64_t seed, int64_t people,
                      const generate_carrier_org *orgs, int count,
                      int64_t rows[GENERATE_FACT_KIND_COUNT], generate_relief_project **relief,
                      int *relief_count, bf_error *err)
{
    carrier_state s;
    memset(&s, 0, sizeof s);
    s.random = seed ^ UINT64_C(0x3c6ef372fe94f82b);
    s.dir = dir;
    s.orgs = orgs;
    s.count = count;
    s.rows = rows;
    s.err = err;
    for (int i = 0; i < count; i++) {
        int known = 0;
        for (int c = 0; c < s.county_count && !known; c++)
            known = strncmp(s.counties[c], orgs[i].region, 6) == 0;
        if (!known && s.county_count < CARRIER_COUNTIES_MAX)
            snprintf(s.counties[s.county_count++], sizeof s.counties[0], "%.6s", orgs[i].region);
    }
    int rc = write_certifications(&s);
    if (rc == BF_OK)
        rc = write_alliances(&s);
    if (rc == BF_OK)
        rc = write_brands(&s);
    if (rc == BF_OK)
        rc = write_projects(&s, people);
    if (rc != BF_OK) {
        free(s.relief);
        s.relief = NULL;
        s.relief_count = 0;
    }
    *relief = s.relief;
    *relief_count = s.relief_count;
    return rc;
}
