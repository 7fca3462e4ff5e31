/* test_registry.c - categories, phone numbers, the import format columns, and
 * the person store (insert, update with field history) on a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "registry/category.h"
#include "registry/person.h"
#include "registry/person_facts.h"
#include "registry/phone.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "store/migrate.h"
#include "store/store.h"
#include "test_temp_store.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_category_parse(void **state)
{
    (void)state;
    category_set set = 0;
    char bad[CATEGORY_ITEM_MAX];
    char text[CATEGORY_TEXT_MAX];

    assert_int_equal(category_parse("建档立卡贫困人口", &set, bad, sizeof bad), BF_OK);
    assert_int_equal(set, 1u);
    /* Every separator, any order, blanks and repeats: canonical order out. */
    assert_int_equal(
        category_parse(" 黄河滩区迁建居民；脱贫享受政策人口;即时帮扶人口、脱贫享受政策人口 ", &set,
                       bad, sizeof bad),
        BF_OK);
    category_join(set, text);
    assert_string_equal(text, "脱贫享受政策人口；即时帮扶人口；黄河滩区迁建居民");
    assert_int_equal(
        category_parse("防止返贫监测对象；；\u3000易地扶贫搬迁人口\u3000；", &set, bad, sizeof bad),
        BF_OK);
    category_join(set, text);
    assert_string_equal(text, "防止返贫监测对象；易地扶贫搬迁人口");
    /* All of them, as the import's message names them, fit the buffer. */
    char all[CATEGORY_TEXT_MAX];
    category_all_names(all);
    assert_int_equal(category_parse(all, &set, bad, sizeof bad), BF_OK);
    assert_int_equal(set, (1u << CATEGORY_COUNT) - 1);
    category_join(set, text);
    assert_true(strlen(text) < CATEGORY_TEXT_MAX);
    assert_int_equal(strlen(text), strlen(all)); /* '、' and '；' are both three bytes */
    assert_non_null(strstr(all, "、未就业高校毕业生、"));
    /* Empty cell: the empty set. */
    assert_int_equal(category_parse("", &set, bad, sizeof bad), BF_OK);
    assert_int_equal(set, 0u);
    assert_int_equal(category_parse("；、;", &set, bad, sizeof bad), BF_OK);
    assert_int_equal(set, 0u);
    /* Unknown items are named. */
    assert_int_equal(category_parse("建档立卡贫困人口；贫困户 ", &set, bad, sizeof bad), BF_EINVAL);
    assert_string_equal(bad, "贫困户");
    assert_int_equal(category_parse("建档立卡贫困人口,脱贫享受政策人口", &set, bad, sizeof bad),
                     BF_EINVAL);
    assert_string_equal(bad, "建档立卡贫困人口,脱贫享受政策人口");
    /* A truncated name never ends inside a UTF-8 sequence. */
    assert_int_equal(category_parse("贫困户", &set, bad, 5), BF_EINVAL);
    assert_string_equal(bad, "贫");
    assert_int_equal(category_parse("x", &set, NULL, 0), BF_EINVAL);

    assert_string_equal(category_name(0), "建档立卡贫困人口");
    assert_null(category_name(CATEGORY_COUNT));
    assert_int_equal(category_index("黄河滩区迁建居民"), 5);
    assert_int_equal(category_index("黄河滩区"), -1);
    /* The policy files' names stay apart from the registers' (no document merges them). */
    assert_true(category_index("脱贫人口") >= 0);
    assert_true(category_index("脱贫人口") != category_index("脱贫享受政策人口"));
    assert_true(category_index("防止返贫监测帮扶对象") != category_index("防止返贫监测对象"));
}

/* Longest policy file read by test_policy_categories. */
#define TEST_POLICY_FILE_MAX (1024 * 1024)

/*
 * Every name a policy file gives the category predicate ({ "category",
 * "名称", ... } in policies/NAME.lua) is a registry category, so a person can
 * be imported into each group the policies pay.
 */
static void test_policy_categories(void **state)
{
    (void)state;
    static char text[TEST_POLICY_FILE_MAX];
    int names = 0, files = 0;
    DIR *dir = opendir("policies");
    assert_non_null(dir);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 5 || strcmp(entry->d_name + n - 4, ".lua") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "policies/%s", entry->d_name);
        files++;
        FILE *file = fopen(path, "rb");
        assert_non_null(file);
        size_t length = fread(text, 1, sizeof text - 1, file);
        fclose(file);
        text[length] = '\0';
        for (const char *p = strstr(text, "\"category\""); p != NULL;
             p = strstr(p, "\"category\"")) {
            p += strlen("\"category\"");
            const char *end = strchr(p, '}');
            assert_non_null(end);
            for (const char *q = strchr(p, '"'); q != NULL && q < end; q = strchr(q, '"')) {
                const char *close = strchr(q + 1, '"');
                assert_non_null(close);
                char name[CATEGORY_ITEM_MAX];
                snprintf(name, sizeof name, "%.*s", (int)(close - q - 1), q + 1);
                if (category_index(name) < 0)
                    fail_msg("%s: category \"%s\" is not a registry category", path, name);
                names++;
                q = close + 1;
            }
        }
    }
    closedir(dir);
    assert_true(files >= 5);
    assert_true(names >= 80); /* the scan found the conditions */
}

/* 是/否 and the other words of a flag cell; anything else is refused. */
static void test_person_flag_parse(void **state)
{
    (void)state;
    static const char *const yes[] = {"是", " 是 ", "有", "yes", "YES", "Ｙ", "true", "1", "１"};
    static const char *const no[] = {"否", "无", "no", "N", "False", "0", "\u3000否"};
    static const char *const bad[] = {"", "是否", "2", "有就业意愿", "ok", "是的"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_string_equal(person_flag_parse(yes[i]), "1");
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_string_equal(person_flag_parse(no[i]), "0");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(person_flag_parse(bad[i]));
    assert_null(person_flag_parse(NULL));
    assert_string_equal(person_flag_text("1"), "是");
    assert_string_equal(person_flag_text("0"), "否");
    assert_null(person_flag_text(NULL));
    assert_true(person_field_is_flag(PERSON_THREE_NO) && person_field_is_flag(PERSON_WANTS_JOB));
    assert_false(person_field_is_flag(PERSON_DIFFICULTIES));
    assert_string_equal(person_field_sql_type(PERSON_WANTS_JOB), "INTEGER");
    assert_string_equal(person_field_sql_type(PERSON_NAME), "TEXT");
}

/*
 * The rule of person_facts.h, against a model of it over every combination
 * of the stated column and the 四清 field it follows.
 */
static void test_person_facts(void **state)
{
    (void)state;
    vocabulary_set lists = {0};
    bf_error err;
    assert_int_equal(vocabulary_set_load(&lists, "vocabularies", &err), BF_OK);
    static const char *const stated[] = {NULL, "1", "0"};
    static const struct {
        const char *difficulties; /* stored 就业困难 */
        int origin;               /* derived (1) or unknown (0) when not stated */
        int three_no;             /* derived value */
    } difficulties[] = {
        {NULL, 0, 0},
        {"三无人员", 1, 1},
        {"缺乏技能；三无人员", 1, 1},
        {"缺乏技能；年龄偏大", 1, 0},
        {"很多困难", 0, 0}, /* not in the list: nothing derived */
    };
    static const struct {
        const char *wish;
        int origin;
        int wants_job;
    } wishes[] = {
        {NULL, 0, 0},         {"无就业意愿", 1, 0}, {"有就业意愿", 1, 1}, {"有外出务工意愿", 1, 1},
        {"有创业意愿", 1, 1}, {"随便", 0, 0},
    };
    for (size_t s = 0; s < 3; s++)
        for (size_t d = 0; d < sizeof difficulties / sizeof difficulties[0]; d++)
            for (size_t w = 0; w < sizeof wishes / sizeof wishes[0]; w++) {
                const char *values[PERSON_FIELD_COUNT] = {NULL};
                values[PERSON_THREE_NO] = stated[s];
                values[PERSON_WANTS_JOB] = stated[2 - s];
                values[PERSON_DIFFICULTIES] = difficulties[d].difficulties;
                values[PERSON_EMPLOYMENT_WISH] = wishes[w].wish;
                person_fact three = person_fact_resolve(&lists, values, PERSON_THREE_NO);
                person_fact wants = person_fact_resolve(&lists, values, PERSON_WANTS_JOB);
                if (stated[s] != NULL) {
                    assert_int_equal(three.origin, PERSON_FACT_STATED);
                    assert_int_equal(three.value, stated[s][0] == '1');
                    assert_int_equal(three.from, PERSON_THREE_NO);
                } else {
                    assert_int_equal(three.origin, difficulties[d].origin ? PERSON_FACT_DERIVED
                                                                          : PERSON_FACT_UNKNOWN);
                    assert_int_equal(three.value, difficulties[d].three_no);
                    if (difficulties[d].origin)
                        assert_int_equal(three.from, PERSON_DIFFICULTIES);
                }
                if (stated[2 - s] != NULL) {
                    assert_int_equal(wants.origin, PERSON_FACT_STATED);
                    assert_int_equal(wants.value, stated[2 - s][0] == '1');
                } else {
                    assert_int_equal(wants.origin,
                                     wishes[w].origin ? PERSON_FACT_DERIVED : PERSON_FACT_UNKNOWN);
                    assert_int_equal(wants.value, wishes[w].wants_job);
                }
            }
    /* Without lists nothing is derived; a field that is no flag is unknown. */
    const char *values[PERSON_FIELD_COUNT] = {NULL};
    values[PERSON_DIFFICULTIES] = "三无人员";
    assert_int_equal(person_fact_resolve(NULL, values, PERSON_THREE_NO).origin,
                     PERSON_FACT_UNKNOWN);
    assert_int_equal(person_fact_resolve(&lists, values, PERSON_SKILLS).origin,
                     PERSON_FACT_UNKNOWN);
    assert_string_equal(person_fact_origin_name(PERSON_FACT_DERIVED), "derived");
    vocabulary_set_free(&lists);
}

static void test_phone(void **state)
{
    (void)state;
    static const char *const good[] = {
        "13812345678",
        "19912345678",
        "+8613812345678",
        "+86 13812345678",
        "+86-13812345678",
        "0537-2345678",
        "05372345678",
        "010-12345678",
        "01012345678",
        "0537-2345678-801",
        "023-58123456-8",
        "+86 5372345678",
        NULL,
    };
    static const char *const bad[] = {
        "",
        "1381234567",
        "138123456789",
        "12812345678",
        "23812345678",
        "1381234567a",
        "0537-234567",
        "0537-234567890",
        "05-2345678",
        "0537-2345678-1234567",
        "+87 13812345678",
        "2345678",
        "+86",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0] - 1; i++)
        if (!phone_is_valid(good[i]))
            fail_msg("refused good number '%s'", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (phone_is_valid(bad[i]))
            fail_msg("accepted bad number '%s'", bad[i]);
    assert_true(phone_is_valid("+86-537-2345678"));
    assert_false(phone_is_valid(NULL));
    assert_false(phone_is_valid("0537-2345678-801-2"));
    assert_false(phone_is_valid("05372345678801"));
    /* The one stored form: separators, full-width digits and +86 folded away. */
    static const char *const canonical[][2] = {
        {"138 5371 2345", "13853712345"},          {"138-5371-2345", "13853712345"},
        {"+86 13812345678", "13812345678"},        {"0086 13812345678", "13812345678"},
        {"１３８５３７１２３４５", "13853712345"}, {"0537-1234567", "0537-1234567"},
        {"05371234567", "0537-1234567"},           {"0537 123 4567", "0537-1234567"},
        {"(0537)1234567", "0537-1234567"},         {"（０５３７）１２３４５６７", "0537-1234567"},
        {"+86 537 1234567", "0537-1234567"},       {"01012345678", "010-12345678"},
        {"023-58123456-801", "023-58123456-801"},  {"0537 2345678 8", "0537-2345678-8"},
        {"0537--2345678", "0537-2345678"},
    };
    char out[PHONE_TEXT_MAX];
    for (size_t i = 0; i < sizeof canonical / sizeof canonical[0]; i++) {
        if (!phone_normalize(canonical[i][0], out))
            fail_msg("refused '%s'", canonical[i][0]);
        assert_string_equal(out, canonical[i][1]);
        /* The stored form is accepted again as itself. */
        assert_true(phone_normalize(canonical[i][1], out));
        assert_string_equal(out, canonical[i][1]);
    }
    assert_false(phone_normalize("138 5371 234", out));
    assert_string_equal(out, "");
}

static void test_person_columns(void **state)
{
    (void)state;
    assert_int_equal(person_column_find("证件号码"), 1);
    assert_int_equal(person_column_find("ID_Number"), 1);
    assert_int_equal(person_column_find("*姓名"), 0);
    assert_int_equal(person_column_find("category"), person_column_find("帮扶类别"));
    assert_int_equal(person_column_find("categories"), person_column_find("帮扶类别"));
    assert_int_equal(person_column_find("行号"), -1);
    assert_int_equal(person_column_find("身份证号"), 1);
    assert_int_equal(person_column_find("手机号码"), person_column_find("phone"));
    int required = 0;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        required += person_columns[c].required;
    assert_int_equal(required, 4);
    assert_string_equal(person_field_column(PERSON_HUKOU_REGION), "hukou_region");
    assert_int_equal(person_field_from_column("difficulties"), PERSON_DIFFICULTIES);
    assert_true(person_value_equal(NULL, ""));
    assert_true(person_value_equal("a", "a"));
    assert_false(person_value_equal("a", NULL));
    assert_false(person_value_equal(NULL, "b"));
}

/* Counts rows of a query returning one integer. */
static int64_t count(store *st, const char *sql)
{
    int64_t value = -1;
    assert_int_equal(store_query_int64(st, sql, NULL, 0, &value), BF_OK);
    return value;
}

/* Counts the people reported by person_store_load_many() and checks their values. */
static int count_found(void *context, const person *p)
{
    int *found = context;
    assert_string_equal(p->id_number, "37081119800101001X");
    assert_string_equal(p->values[PERSON_NAME], "张伟");
    (*found)++;
    return BF_OK;
}

static void test_person_store(void **state)
{
    (void)state;
    char path[] = "/tmp/test_registry_XXXXXX";
    bf_error err;
    bf_error_clear(&err);
    store *st = test_temp_store(path);
    assert_int_equal(store_exec(st,
                                "INSERT INTO regions VALUES ('370811000000', '任城区', 3, NULL);"
                                "INSERT INTO batches (id, kind, source, started_at) VALUES "
                                "(1, 'import', 'a.csv', '2026-01-01T00:00:00Z'),"
                                "(2, 'user', 'officer', '2026-01-02T00:00:00Z')"),
                     BF_OK);
    person_store *ps = NULL;
    assert_int_equal(person_store_open(st, &ps, &err), BF_OK);

    person p = {.id_number = "37081119800101001X"};
    p.values[PERSON_NAME] = "张伟";
    p.values[PERSON_SEX] = "男";
    p.values[PERSON_BIRTH_DATE] = "1980-01-01";
    p.values[PERSON_HUKOU_REGION] = "370811000000";
    p.values[PERSON_CATEGORIES] = "建档立卡贫困人口";
    p.values[PERSON_PHONE] = "13812345678";
    p.values[PERSON_SKILLS] = ""; /* empty is stored as NULL */
    assert_int_equal(person_store_insert(ps, &p, 1, &err), BF_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM people WHERE skills IS NULL"), 1);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM person_history"), 0);

    person loaded = {.created_batch = 0};
    assert_int_equal(person_store_load(ps, "370811198512310022", &loaded, &err), BF_ENOTFOUND);
    assert_int_equal(person_store_load(ps, p.id_number, &loaded, &err), BF_OK);
    assert_string_equal(loaded.values[PERSON_NAME], "张伟");
    assert_null(loaded.values[PERSON_SKILLS]);
    assert_int_equal(loaded.created_batch, 1);

    /* Same values: nothing written. */
    int changed = -1;
    assert_int_equal(
        person_store_update(ps, &loaded, &p, 2, "2026-01-02T00:00:00Z", &changed, &err), BF_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(count(st, "SELECT updated_batch FROM people"), 1);

    /* Two fields changed: two history rows, the batch recorded. */
    person updated = p;
    updated.values[PERSON_PHONE] = "0537-2345678";
    updated.values[PERSON_SKILLS] = "电焊";
    assert_int_equal(
        person_store_update(ps, &loaded, &updated, 2, "2026-01-02T00:00:00Z", &changed, &err),
        BF_OK);
    assert_int_equal(changed, 2);
    assert_int_equal(count(st, "SELECT updated_batch FROM people"), 2);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM person_history WHERE batch_id = 2"), 2);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM person_history WHERE field = 'phone' AND "
                               "old_value = '13812345678' AND new_value = '0537-2345678'"),
                     1);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM person_history WHERE field = 'skills' AND "
                               "old_value IS NULL AND new_value = '电焊'"),
                     1);
    assert_int_equal(person_store_load(ps, p.id_number, &loaded, &err), BF_OK);
    assert_string_equal(loaded.values[PERSON_PHONE], "0537-2345678");

    /* Many at once: only those present are reported; repeated calls re-prepare safely. */
    const char *ids[3] = {"370811198512310022", "37081119800101001X", "370811200002290033"};
    for (int call = 0; call < 5; call++) {
        int found = 0;
        assert_int_equal(person_store_load_many(ps, ids, 3, count_found, &found, &err), BF_OK);
        assert_int_equal(found, 1);
    }
    int none = 0;
    assert_int_equal(person_store_load_many(ps, ids, 1, count_found, &none, &err), BF_OK);
    assert_int_equal(none, 0);

    person_store_close(ps);
    store_close(st);
    test_temp_store_remove(path);
}

/*
 * Updates writing more distinct combinations of fields than the statement
 * cache holds: each still writes exactly its fields (the 33rd combination
 * once wrote past the cache, issue 11).
 */
static void test_person_update_combinations(void **state)
{
    (void)state;
    char path[] = "/tmp/test_registry_XXXXXX";
    bf_error err;
    bf_error_clear(&err);
    store *st = test_temp_store(path);
    assert_int_equal(store_exec(st,
                                "INSERT INTO regions VALUES ('370811000000', '任城区', 3, NULL);"
                                "INSERT INTO batches (id, kind, source, started_at) VALUES "
                                "(1, 'import', 'a.csv', '2026-01-01T00:00:00Z')"),
                     BF_OK);
    person_store *ps = NULL;
    assert_int_equal(person_store_open(st, &ps, &err), BF_OK);
    /* The optional text fields, whose combinations the updates walk through. */
    static const person_field optional[] = {
        PERSON_PHONE,
        PERSON_HOUSEHOLD_ID,
        PERSON_RELATION,
        PERSON_LABOR_ABILITY,
        PERSON_EMPLOYMENT_STATUS,
        PERSON_EMPLOYMENT_WISH,
        PERSON_TRAINING_WISH,
        PERSON_SKILLS,
        PERSON_DIFFICULTIES,
    };
    enum { OPTIONAL_COUNT = sizeof optional / sizeof optional[0], COMBINATIONS = 80 };
    char values[OPTIONAL_COUNT][32];
    person p = {.id_number = "37081119800101001X"};
    p.values[PERSON_NAME] = "张伟";
    p.values[PERSON_SEX] = "男";
    p.values[PERSON_BIRTH_DATE] = "1980-01-01";
    p.values[PERSON_HUKOU_REGION] = "370811000000";
    p.values[PERSON_CATEGORIES] = "建档立卡贫困人口";
    assert_int_equal(person_store_insert(ps, &p, 1, &err), BF_OK);
    int64_t history = 0;
    for (int combination = 1; combination <= COMBINATIONS; combination++) {
        /* One batch per update: history is keyed by person, batch and field. */
        char sql[160];
        snprintf(sql, sizeof sql,
                 "INSERT INTO batches (id, kind, source, started_at) VALUES "
                 "(%d, 'user', 'officer', '2026-01-02T00:00:00Z')",
                 combination + 1);
        assert_int_equal(store_exec(st, sql), BF_OK);
        person old = {.created_batch = 0}, updated = p;
        assert_int_equal(person_store_load(ps, p.id_number, &old, &err), BF_OK);
        person before = old;
        int expected = 0;
        for (int i = 0; i < OPTIONAL_COUNT; i++) {
            if (!(combination & (1 << i)))
                continue;
            snprintf(values[i], sizeof values[i], "v%d", combination);
            updated.values[optional[i]] = values[i];
            expected++;
        }
        for (int f = 0; f < PERSON_FIELD_COUNT; f++)
            if (updated.values[f] == NULL)
                updated.values[f] = before.values[f];
        int changed = -1;
        assert_int_equal(person_store_update(ps, &before, &updated, combination + 1,
                                             "2026-01-02T00:00:00Z", &changed, &err),
                         BF_OK);
        assert_int_equal(changed, expected);
        history += expected;
        person after = {.created_batch = 0};
        assert_int_equal(person_store_load(ps, p.id_number, &after, &err), BF_OK);
        for (int f = 0; f < PERSON_FIELD_COUNT; f++)
            assert_true(person_value_equal(after.values[f], updated.values[f]));
        assert_int_equal(count(st, "SELECT COUNT(*) FROM person_history"), history);
        for (int i = 0; i < OPTIONAL_COUNT; i++)
            updated.values[optional[i]] = NULL;
    }
    person_store_close(ps);
    store_close(st);
    test_temp_store_remove(path);
}

/* Kept region paths: the same path from the cache, a renamed region once the path expired. */
static void test_region_paths_kept(void **state)
{
    (void)state;
    char path[] = "/tmp/test_registry_XXXXXX";
    bf_error err;
    bf_error_clear(&err);
    store *st = test_temp_store(path);
    assert_int_equal(store_exec(st,
                                "INSERT INTO regions VALUES ('370000000000', '山东省', 1, NULL);"
                                "INSERT INTO regions VALUES ('370800000000', '济宁市', 2, "
                                "'370000000000');"
                                "INSERT INTO regions VALUES ('370811000000', '任城区', 3, "
                                "'370800000000')"),
                     BF_OK);
    region_paths *paths = NULL;
    assert_int_equal(region_paths_new(&paths), BF_OK);
    char text[REGION_PATH_MAX];
    const char *county = "370811000000";
    assert_int_equal(region_path_name_kept(st, paths, county, text, sizeof text), BF_OK);
    assert_string_equal(text, "山东省 / 济宁市 / 任城区");
    assert_int_equal(region_path_name_kept(st, paths, "370811001000", text, sizeof text),
                     BF_ENOTFOUND);
    /* Renamed: the kept path until it expires, then the new name; without a cache at once. */
    assert_int_equal(store_exec(st, "UPDATE regions SET name = '任城' WHERE code = '370811000000'"),
                     BF_OK);
    assert_int_equal(region_path_name_kept(st, paths, county, text, sizeof text), BF_OK);
    assert_string_equal(text, "山东省 / 济宁市 / 任城区");
    assert_int_equal(region_path_name_kept(st, NULL, county, text, sizeof text), BF_OK);
    assert_string_equal(text, "山东省 / 济宁市 / 任城");
    usleep((REGION_PATHS_KEEP_MS + 50) * 1000);
    assert_int_equal(region_path_name_kept(st, paths, county, text, sizeof text), BF_OK);
    assert_string_equal(text, "山东省 / 济宁市 / 任城");
    /* A removed region is not found once its path expired. */
    assert_int_equal(store_exec(st, "DELETE FROM regions WHERE code = '370811000000'"), BF_OK);
    usleep((REGION_PATHS_KEEP_MS + 50) * 1000);
    assert_int_equal(region_path_name_kept(st, paths, county, text, sizeof text), BF_ENOTFOUND);
    region_paths_free(paths);
    store_close(st);
    test_temp_store_remove(path);
}

int main(void)
{
    bf_locale_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_category_parse),
        cmocka_unit_test(test_policy_categories),
        cmocka_unit_test(test_person_flag_parse),
        cmocka_unit_test(test_person_facts),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_person_columns),
        cmocka_unit_test(test_person_store),
        cmocka_unit_test(test_person_update_combinations),
        cmocka_unit_test(test_region_paths_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
