/*
 * generate_posts.c - posts, assignments, pay, cadres and the poverty
 * office's list for `bangfu generate facts` (see the header).
 */
#include "services/generate_posts.h"

#include "core/date.h"
#include "core/idcard.h"
#include "core/string_map.h"
#include "io/table_writer.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The files (generate_posts.h order). */
enum { FILE_POSTS, FILE_ASSIGNMENTS, FILE_PAY, FILE_CADRES, FILE_POVERTY };

/* Months of pay written at most per post holder, up to the last month of the facts. */
#define POSTS_PAY_MONTHS 6
/* Cadres written per village. */
#define POSTS_CADRES_PER_VILLAGE 3

static const char *const post_header[] = {"岗位编号", "岗位名称",         "岗位类别",
                                          "岗位类型", "所在村区划代码",   "全日制",
                                          "资金来源", "月补贴标准（元）", "设岗日期"};
static const char *const assignment_header[] = {"证件号码", "岗位编号", "上岗日期", "离岗日期"};
static const char *const pay_header[] = {"岗位编号",       "证件号码",       "月份",
                                         "应发金额（元）", "实发金额（元）", "发放日期"};
static const char *const cadre_header[] = {"证件号码", "姓名",   "所在村区划代码",
                                           "职务",     "户编号", "任职日期"};
static const char *const poverty_header[] = {"证件号码",   "姓名",     "户籍地区划代码", "户编号",
                                             "与户主关系", "帮扶类别", "联系电话"};
static const char *const *const headers[GENERATE_POSTS_FILES] = {
    post_header, assignment_header, pay_header, cadre_header, poverty_header};
static const int header_counts[GENERATE_POSTS_FILES] = {
    COUNT_OF(post_header), COUNT_OF(assignment_header), COUNT_OF(pay_header),
    COUNT_OF(cadre_header), COUNT_OF(poverty_header)};

/* Labels of vocabularies/post_duty.tsv and post_funding.tsv drawn from. */
static const char *const duties[] = {"保洁环卫", "保洁环卫", "保洁环卫", "生态管护", "公路养护",
                                     "社区巡查", "养老",     "环境整治", "托幼",     "助残"};
static const char *const fundings[] = {"财政扶贫专项资金", "财政扶贫专项资金", "就业补助资金",
                                       "统筹整合扶贫资金", "协作援助资金",     "村集体经济收入"};
static const char *const roles[POSTS_CADRES_PER_VILLAGE] = {"村党支部书记", "村委会主任",
                                                            "村委会委员"};
static const char *const cadre_names[] = {"王建军", "李国强", "张秀兰", "刘志刚",
                                          "陈红梅", "杨宏伟", "赵丽娟", "孙明"};

/* The last month the facts reach (generate_facts' reference day, mid 2021). */
static const bf_date posts_last_day = {2021, 6, 30};

struct generate_posts {
    uint64_t random; /* apart from the other files' */
    table_writer *writers[GENERATE_POSTS_FILES];
    int64_t rows[GENERATE_POSTS_FILES];
    string_map villages; /* villages whose cadres are written (keys in village_codes) */
    char **village_codes;
    size_t village_count, village_capacity;
    int64_t posts, outsiders;
};

static int below(generate_posts *g, int bound)
{
    return generate_random_below(&g->random, bound);
}

static int chance(generate_posts *g, int percent)
{
    return below(g, 100) < percent;
}

static int write_row(generate_posts *g, int file, const char *const *cells, bf_error *err)
{
    g->rows[file]++;
    return table_writer_row(g->writers[file], cells, header_counts[file], err);
}

int generate_posts_open(const char *const paths[GENERATE_POSTS_FILES], uint64_t seed,
                        generate_posts **out, bf_error *err)
{
    generate_posts *g = calloc(1, sizeof *g);
    int rc = g == NULL ? bf_error_set(err, BF_ENOMEM, NULL) : BF_OK;
    *out = g;
    if (g != NULL)
        g->random = seed ^ 0x3c6ef372fe94f82bULL;
    for (int f = 0; rc == BF_OK && f < GENERATE_POSTS_FILES; f++) {
        rc = table_writer_open(paths[f], &g->writers[f], err);
        if (rc == BF_OK)
            rc = table_writer_row(g->writers[f], headers[f], header_counts[f], err);
    }
    return rc;
}

/*
 * A valid ID number of 东城区 (110101), never one of the generated registry's
 * (whose regions are the ones asked for) nor an earlier one: the n-th is born
 * n / 1000 days after 1950-01-01 with sequence n % 1000.
 */
static void outsider_id(generate_posts *g, char out[IDCARD_TEXT_MAX])
{
    int64_t n = g->outsiders++;
    bf_date born = date_from_days(date_to_days((bf_date){1950, 1, 1}) + n / 1000);
    snprintf(out, IDCARD_TEXT_MAX, "110101%04u%02u%02u%03u", (unsigned)born.year % 10000u,
             (unsigned)born.month % 100u, (unsigned)born.day % 100u, (unsigned)(n % 1000));
    out[17] = idcard_check_character(out);
    out[18] = '\0';
}

/* The three cadres of a village met for the first time; one may share first's household. */
static int write_cadres(generate_posts *g, const generated_person *first, bf_error *err)
{
    int64_t index = 0;
    if (string_map_find(&g->villages, first->village, &index))
        return BF_OK;
    if (g->village_count == g->village_capacity) {
        size_t capacity = g->village_capacity > 0 ? 2 * g->village_capacity : 1024;
        char **codes = realloc(g->village_codes, capacity * sizeof *codes);
        if (codes == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        g->village_codes = codes;
        g->village_capacity = capacity;
    }
    char *code = strdup(first->village);
    if (code == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    g->village_codes[g->village_count++] = code;
    int rc = string_map_insert(&g->villages, code, 1, NULL);
    int related = chance(g, 20) ? below(g, POSTS_CADRES_PER_VILLAGE) : -1;
    for (int c = 0; c < POSTS_CADRES_PER_VILLAGE && rc == BF_OK; c++) {
        char id[IDCARD_TEXT_MAX], since[BF_DATE_TEXT_MAX], household[40];
        outsider_id(g, id);
        date_format((bf_date){2015 + 3 * below(g, 3), 1 + below(g, 12), 1}, since);
        snprintf(household, sizeof household, "%s",
                 c == related && first->household != NULL ? first->household : "");
        const char *cells[] = {
            id,   cadre_names[below(g, COUNT_OF(cadre_names))], first->village, roles[c], household,
            since};
        rc = write_row(g, FILE_CADRES, cells, err);
    }
    return rc == BF_OK ? BF_OK : rc == BF_ENOMEM ? bf_error_set(err, rc, NULL) : rc;
}

/* A post of the person's village, the person on it, and its pay. */
static int write_post(generate_posts *g, const generated_person *person, bf_error *err)
{
    char code[32], pay[16], start[BF_DATE_TEXT_MAX];
    snprintf(code, sizeof code, "GY%s%05" PRId64, person->village, ++g->posts % 100000);
    int yuan = 600 + 30 * below(g, 21);
    snprintf(pay, sizeof pay, "%d", yuan);
    bf_date first = {2019 + below(g, 2), 1 + below(g, 12), 1};
    date_format(first, start);
    const char *duty = duties[below(g, COUNT_OF(duties))];
    const char *post_cells[] = {code,
                                duty,
                                chance(g, 85) ? "乡村公益性岗位" : "临时公益岗位",
                                duty,
                                person->village,
                                chance(g, 80) ? "是" : "否",
                                fundings[below(g, COUNT_OF(fundings))],
                                pay,
                                start};
    const char *assignment_cells[] = {person->id_number, code, start, ""};
    int rc = write_row(g, FILE_POSTS, post_cells, err);
    if (rc == BF_OK)
        rc = write_row(g, FILE_ASSIGNMENTS, assignment_cells, err);
    int last = date_month_index(posts_last_day), month = date_month_index(first);
    if (month < last - POSTS_PAY_MONTHS + 1)
        month = last - POSTS_PAY_MONTHS + 1;
    for (; month <= last && rc == BF_OK; month++) {
        char month_text[BF_MONTH_TEXT_MAX], paid[16], paid_on[BF_DATE_TEXT_MAX];
        date_month_format(month, month_text);
        int state = below(g, 100); /* 90 paid in full, 5 short, 5 not yet */
        snprintf(paid, sizeof paid, "%d", state < 90 ? yuan : yuan / 2);
        bf_date next = date_month_first_day(month + 1);
        next.day = 10;
        date_format(next, paid_on);
        const char *cells[] = {code, person->id_number,      month_text,
                               pay,  state < 95 ? paid : "", state < 95 ? paid_on : ""};
        rc = write_row(g, FILE_PAY, cells, err);
    }
    return rc;
}

/* The person as the poverty office lists them (a few fields otherwise), or not at all. */
static int write_poverty(generate_posts *g, const generated_person *person, bf_error *err)
{
    char name[64], household[40], phone[16];
    int rc = BF_OK;
    if (chance(g, 3))
        return BF_OK; /* the office does not list everyone */
    snprintf(name, sizeof name, "%s", person->name);
    snprintf(household, sizeof household, "%s", person->household);
    snprintf(phone, sizeof phone, "%s", person->phone);
    int differs = below(g, 100);
    if (differs == 0)
        snprintf(name, sizeof name, "%s%s", person->name, "某");
    else if (differs == 1)
        snprintf(household, sizeof household, "%sA", person->household);
    else if (differs == 2 && phone[0] != '\0')
        snprintf(phone, sizeof phone, "139%08d", below(g, 100000000));
    const char *cells[] = {person->id_number, name, person->village, household, person->relation,
                           person->category,  phone};
    rc = write_row(g, FILE_POVERTY, cells, err);
    if (rc == BF_OK && chance(g, 1)) {
        char id[IDCARD_TEXT_MAX];
        outsider_id(g, id);
        const char *outsider[] = {id, "赵某", "", "", "", person->category, ""};
        rc = write_row(g, FILE_POVERTY, outsider, err);
    }
    return rc;
}

int generate_posts_person(generate_posts *g, const generated_person *person, int has_job,
                          bf_error *err)
{
    int rc = write_poverty(g, person, err);
    if (rc == BF_OK)
        rc = write_cadres(g, person, err);
    if (rc == BF_OK && !has_job && person->age >= 16 && person->age < 65 &&
        strcmp(person->employment_status, "public_post") == 0)
        rc = write_post(g, person, err);
    return rc;
}

int generate_posts_close(generate_posts *g, int keep, int64_t rows[GENERATE_POSTS_FILES],
                         bf_error *err)
{
    int rc = BF_OK;
    if (g == NULL)
        return BF_OK;
    for (int f = 0; f < GENERATE_POSTS_FILES; f++) {
        int closed = table_writer_close(g->writers[f], keep && rc == BF_OK,
                                        keep && rc == BF_OK ? err : NULL);
        if (keep && rc == BF_OK)
            rc = closed;
        if (rows != NULL)
            rows[f] = g->rows[f];
    }
    for (size_t v = 0; v < g->village_count; v++)
        free(g->village_codes[v]);
    free(g->village_codes);
    string_map_free(&g->villages);
    free(g);
    return rc;
}
