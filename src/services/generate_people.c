/* generate_people.c - seeded synthetic registry lists (see the header). */
#include "services/generate_people.h"

#include "core/date.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/region_code.h"
#include "io/table_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The import header this generator writes, in the import format's order. */
static const char *const header[] = {
    "姓名",     "证件号码", "性别",     "户籍地区划代码", "户编号",   "与户主关系", "帮扶类别",
    "联系电话", "劳动能力", "就业状态", "就业意愿",       "培训意愿", "技能",       "就业困难"};
#define COLUMN_COUNT ((int)(sizeof header / sizeof header[0]))

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "孔"};
static const char *const given_male[] = {"伟", "强", "磊", "军", "勇",   "杰",   "涛",   "明",
                                         "超", "刚", "平", "辉", "建国", "建华", "志强", "国庆",
                                         "文", "斌", "鹏", "海", "春生", "德福", "长顺", "永"};
static const char *const given_female[] = {
    "芳", "娜", "敏", "静",   "丽", "艳",   "娟",   "霞",   "秀英", "桂兰", "玉梅",
    "红", "燕", "玲", "翠花", "凤", "秀兰", "春梅", "小红", "淑珍", "金凤", "美华"};

/* A weighted choice: the text and its weight in a table summing to any total. */
typedef struct weighted {
    const char *text;
    int weight;
} weighted;

static const weighted categories[] = {{"脱贫享受政策人口", 62},
                                      {"建档立卡贫困人口", 14},
                                      {"防止返贫监测对象", 9},
                                      {"即时帮扶人口", 5},
                                      {"脱贫享受政策人口；易地扶贫搬迁人口", 6},
                                      {"防止返贫监测对象；易地扶贫搬迁人口", 2},
                                      {"脱贫享受政策人口；黄河滩区迁建居民", 2}};
static const weighted skills[] = {{"", 40},     {"电工", 6},     {"焊工", 5},
                                  {"厨师", 6},  {"家政服务", 8}, {"养殖", 10},
                                  {"种植", 12}, {"驾驶", 7},     {"缝纫", 6}};
/* splitmix64: a tiny, good, seedable generator with its state in the caller. */
uint64_t generate_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int generate_random_below(uint64_t *state, int bound)
{
    return (int)(generate_random(state) % (uint64_t)bound);
}
#define random_below generate_random_below

static const char *pick_weighted(uint64_t *state, const weighted *table, size_t count)
{
    int total = 0;
    for (size_t i = 0; i < count; i++)
        total += table[i].weight;
    int r = random_below(state, total);
    for (size_t i = 0; i < count; i++) {
        if (r < table[i].weight)
            return table[i].text;
        r -= table[i].weight;
    }
    return table[count - 1].text;
}
#define PICK(state, table) pick_weighted(state, table, sizeof table / sizeof table[0])

/* A value of field's list drawn by the weights of its file. */
static int pick_listed(uint64_t *state, const vocabulary_set *lists, person_field field)
{
    const vocabulary *v = vocabulary_of(lists, field);
    int total = 0;
    for (int i = 0; i < v->count; i++)
        total += v->values[i].weight;
    int r = random_below(state, total > 0 ? total : v->count);
    for (int i = 0; i < v->count; i++) {
        int weight = total > 0 ? v->values[i].weight : 1;
        if (r < weight)
            return i;
        r -= weight;
    }
    return v->count - 1;
}

/* A value of field's list drawn by weight. */
static const vocabulary_value *pick_value(uint64_t *state, const vocabulary_set *lists,
                                          person_field field)
{
    return &vocabulary_of(lists, field)->values[pick_listed(state, lists, field)];
}

/* The value coded code (children's and old people's answers), else one drawn. */
static const vocabulary_value *value_of(uint64_t *state, const vocabulary_set *lists,
                                        person_field field, const char *code)
{
    const vocabulary *v = vocabulary_of(lists, field);
    int index = vocabulary_find(v, code);
    return index >= 0 ? &v->values[index] : pick_value(state, lists, field);
}

/* Appends the codes of level within region to list. */
static int load_region_codes(store *st, const char *region, int level, generate_region_list *list,
                             size_t *capacity, bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    store_stmt *stmt = NULL;
    size_t before = list->count;
    region_code_range(region, low, high);
    int rc = store_prepare(st,
                           "SELECT code FROM regions WHERE code >= ? AND code < ? AND level = ? "
                           "ORDER BY code",
                           &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, low);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 2, high);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, 3, level);
    while (rc == BF_OK || rc == BF_ROW) {
        rc = store_step(stmt);
        if (rc != BF_ROW)
            break;
        if (list->count == *capacity) {
            size_t grown_capacity = *capacity ? *capacity * 2 : 256;
            void *grown = realloc(list->codes, grown_capacity * sizeof *list->codes);
            if (grown == NULL) {
                rc = BF_ENOMEM;
                break;
            }
            list->codes = grown;
            *capacity = grown_capacity;
        }
        snprintf(list->codes[list->count++], REGION_CODE_TEXT_MAX, "%s",
                 store_column_text(stmt, 0));
    }
    store_finalize(stmt);
    if (rc == BF_ENOMEM)
        return bf_error_set(err, rc, "%s", BF_TR("内存不足", "out of memory"));
    if (rc != BF_DONE)
        return bf_error_set(err, rc < 0 ? rc : BF_ESTORE,
                            BF_TR("读取区划失败：%s", "reading regions failed: %s"),
                            store_error_message(st));
    if (list->count == before)
        return bf_error_set(err, BF_ENOTFOUND,
                            level == REGION_LEVEL_VILLAGE
                                ? BF_TR("区划 %s 下没有村级区划（是否已运行 bangfu init？）",
                                        "no villages within region %s (has `bangfu init` run?)")
                                : BF_TR("区划 %s 下没有乡级区划（是否已运行 bangfu init？）",
                                        "no towns within region %s (has `bangfu init` run?)"),
                            region);
    return BF_OK;
}

int generate_load_regions(store *st, const char *const *regions, int region_count, int level,
                          generate_region_list *list, bf_error *err)
{
    size_t capacity = list->count;
    int rc = BF_OK;
    for (int i = 0; i < region_count && rc == BF_OK; i++)
        rc = load_region_codes(st, regions[i], level, list, &capacity, err);
    return rc;
}

/* One generated person, as the text cells of a row. */
typedef struct person_row {
    char name[32];
    char id_number[IDCARD_TEXT_MAX];
    char phone[16];
    char difficulties[VOCABULARY_JOINED_MAX];
    const char *cells[COLUMN_COUNT + GENERATE_EXTRA_COLUMNS_MAX];
    generated_person seen; /* what a visitor is shown */
} person_row;

/* Writes the label of value as the cell and shows its code to a visitor. */
static void set_value(person_row *row, int column, const char **code, const vocabulary_value *value)
{
    row->cells[column] = value->label;
    *code = value->code;
}

/*
 * Makes a unique valid ID number for a person of the county of village,
 * born on birth, of the given sex.
 */
static void make_id_number(uint64_t *state, int_map *used, const char *village, bf_date birth,
                           int male, char out[IDCARD_TEXT_MAX])
{
    for (;;) {
        int sequence = random_below(state, 500) * 2 + (male ? 1 : 0);
        snprintf(out, IDCARD_TEXT_MAX, "%.6s%04u%02u%02u%03d", village,
                 (unsigned)birth.year % 10000u, (unsigned)birth.month % 100u,
                 (unsigned)birth.day % 100u, sequence % 1000);
        out[17] = idcard_check_character(out);
        out[18] = '\0';
        if (int_map_insert(used, int_map_key_from_digits(out, 17), 0, NULL) == BF_OK)
            return;
    }
}

/* Fills row for one member of a household; age in years, relation to the head. */
static void make_person(uint64_t *state, int_map *used, const vocabulary_set *lists,
                        const char *village, bf_date today, int age, int male, const char *relation,
                        const char *household, const char *category, person_row *row)
{
    bf_date birth =
        date_from_days(date_to_days(today) - (int64_t)age * 365 - random_below(state, 365));
    make_id_number(state, used, village, birth, male, row->id_number);
    const char *const *given = male ? given_male : given_female;
    size_t given_count =
        male ? sizeof given_male / sizeof *given_male : sizeof given_female / sizeof *given_female;
    snprintf(row->name, sizeof row->name, "%s%s",
             surnames[random_below(state, (int)(sizeof surnames / sizeof *surnames))],
             given[random_below(state, (int)given_count)]);
    int adult = age >= 16 && age < 65;
    if (adult && random_below(state, 10) < 8)
        snprintf(row->phone, sizeof row->phone, "1%d%09d", 3 + random_below(state, 7),
                 random_below(state, 1000000000));
    else
        row->phone[0] = '\0';
    row->cells[0] = row->name;
    row->cells[1] = row->id_number;
    row->cells[2] = male ? "男" : "女";
    row->cells[3] = village;
    row->cells[4] = household;
    row->cells[5] = relation;
    row->cells[6] = category;
    row->cells[7] = row->phone;
    generated_person *seen = &row->seen;
    seen->name = row->name;
    seen->household = household;
    seen->relation = relation;
    seen->phone = row->phone;
    set_value(row, 8, &seen->labor_ability,
              adult ? pick_value(state, lists, PERSON_LABOR_ABILITY)
                    : value_of(state, lists, PERSON_LABOR_ABILITY, "none"));
    set_value(row, 9, &seen->employment_status,
              age < 16    ? value_of(state, lists, PERSON_EMPLOYMENT_STATUS, "student")
              : age >= 65 ? value_of(state, lists, PERSON_EMPLOYMENT_STATUS, "unemployed")
                          : pick_value(state, lists, PERSON_EMPLOYMENT_STATUS));
    set_value(row, 10, &seen->employment_wish,
              adult ? pick_value(state, lists, PERSON_EMPLOYMENT_WISH)
                    : value_of(state, lists, PERSON_EMPLOYMENT_WISH, "no"));
    set_value(row, 11, &seen->training_wish,
              adult ? pick_value(state, lists, PERSON_TRAINING_WISH)
                    : value_of(state, lists, PERSON_TRAINING_WISH, "no"));
    row->cells[12] = adult ? PICK(state, skills) : "";
    /* Most adults name no difficulty, some one, a few two. */
    vocabulary_values difficulties = 0;
    int dice = adult ? random_below(state, 100) : 0;
    if (dice >= 55)
        difficulties |= (vocabulary_values)1 << pick_listed(state, lists, PERSON_DIFFICULTIES);
    if (dice >= 92)
        difficulties |= (vocabulary_values)1 << pick_listed(state, lists, PERSON_DIFFICULTIES);
    vocabulary_join(vocabulary_of(lists, PERSON_DIFFICULTIES), difficulties, row->difficulties);
    row->cells[13] = row->difficulties;
    seen->id_number = row->id_number;
    seen->village = village;
    seen->category = category;
    seen->birth = birth;
    seen->age = age;
    seen->male = male;
    seen->difficulties = difficulties;
}

int generate_people(store *st, const generate_people_options *options, bf_error *err)
{
    generate_region_list villages = {0};
    int_map used = {0};
    vocabulary_set loaded = {0};
    const vocabulary_set *lists = options->vocabularies;
    table_writer *writer = NULL;
    uint64_t state = options->seed;
    bf_date today = date_today();
    int64_t written = 0, households = 0;
    const char *headers[COLUMN_COUNT + GENERATE_EXTRA_COLUMNS_MAX];
    int columns = COLUMN_COUNT + options->extra_column_count;
    memcpy(headers, header, sizeof header);
    for (int i = 0; i < options->extra_column_count; i++)
        headers[COLUMN_COUNT + i] = options->extra_headers[i];
    int rc = generate_load_regions(st, options->regions, options->region_count,
                                   REGION_LEVEL_VILLAGE, &villages, err);
    if (rc == BF_OK && lists == NULL) {
        rc = vocabulary_set_load_default(&loaded, err);
        lists = &loaded;
    }
    if (rc != BF_OK)
        goto out;
    rc = int_map_reserve(&used, (size_t)options->count);
    if (rc != BF_OK)
        goto out;
    rc = table_writer_open(options->out, &writer, err);
    if (rc != BF_OK)
        goto out;
    rc = table_writer_row(writer, headers, columns, err);
    while (rc == BF_OK && written < options->count) {
        const char *village = villages.codes[random_below(&state, (int)villages.count)];
        const char *category = PICK(&state, categories);
        if (strstr(category, "黄河滩区") != NULL && strncmp(village, "37", 2) != 0)
            category = "脱贫享受政策人口"; /* flood-plain relocation exists only in Shandong */
        char household[32];
        snprintf(household, sizeof household, "%.12s%06lld", village,
                 (long long)(++households % 1000000));
        static const int sizes[] = {1, 2, 2, 3, 3, 3, 4, 4, 5, 6};
        int size = sizes[random_below(&state, 10)];
        int head_age = 28 + random_below(&state, 45), head_male = random_below(&state, 10) < 8;
        for (int m = 0; m < size && written < options->count && rc == BF_OK; m++) {
            person_row row;
            int age = head_age, male = head_male;
            const char *relation = "户主";
            if (m == 1) {
                relation = "配偶";
                male = !head_male;
                age = head_age - 3 + random_below(&state, 7);
            } else if (m >= 2 && (m < 4 || head_age < 45)) {
                relation = "子女";
                male = random_below(&state, 2);
                age = head_age - 22 - random_below(&state, 12);
                if (age < 1)
                    age = 1 + random_below(&state, 10);
            } else if (m >= 2) {
                relation = "孙子女";
                male = random_below(&state, 2);
                age = 1 + random_below(&state, 15);
            }
            make_person(&state, &used, lists, village, today, age, male, relation, household,
                        category, &row);
            if (options->visitor != NULL)
                rc = options->visitor(options->visitor_context, &row.seen, row.cells + COLUMN_COUNT,
                                      err);
            if (rc == BF_OK)
                rc = table_writer_row(writer, row.cells, columns, err);
            written++;
        }
    }
out:
    if (writer != NULL) {
        int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
        if (rc == BF_OK)
            rc = closed;
    }
    int_map_free(&used);
    vocabulary_set_free(&loaded);
    free(villages.codes);
    return rc;
}
