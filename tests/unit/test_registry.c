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
#include "registry/phone.h"
#include "store/migrate.h"
#include "store/store.h"

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
    /* All six fit the buffer. */
    assert_int_equal(
        category_parse("黄河滩区迁建居民、易地扶贫搬迁人口、防止返贫监测对象、即时帮扶人口、"
                       "脱贫享受政策人口、建档立卡贫困人口",
                       &set, bad, sizeof bad),
        BF_OK);
    assert_int_equal(set, (1u << CATEGORY_COUNT) - 1);
    category_join(set, text);
    assert_true(strlen(text) < CATEGORY_TEXT_MAX);
    assert_int_equal(strlen(text), 6 * 24 - 6 + 5 * 3); /* 即时帮扶人口 has six characters */
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
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bf_error err;
    bf_error_clear(&err);
    store *st = NULL;
    assert_int_equal(store_open(path, &st, &err), BF_OK);
    assert_int_equal(store_migrate(st, NULL, &err), BF_OK);
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
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
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
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bf_error err;
    bf_error_clear(&err);
    store *st = NULL;
    assert_int_equal(store_open(path, &st, &err), BF_OK);
    assert_int_equal(store_migrate(st, NULL, &err), BF_OK);
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
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    bf_locale_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_category_parse),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_person_columns),
        cmocka_unit_test(test_person_store),
        cmocka_unit_test(test_person_update_combinations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
