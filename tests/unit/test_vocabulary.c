/* test_vocabulary.c - the 四清 vocabularies: the shipped files, matching what clerks write
 * (width, case, blanks, synonyms, lists), malformed files named by file and line, and a
 * randomized test of words written every way against the files' own columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "registry/vocabulary.h"

#include "test_directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The shipped vocabularies (tests run from the top of the tree). */
static vocabulary_set shipped;

static int load_shipped(void **state)
{
    bf_error err;
    bf_error_clear(&err);
    if (setup_directory(state) != 0)
        return -1;
    if (vocabulary_set_load(&shipped, "vocabularies", &err) != BF_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int free_shipped(void **state)
{
    vocabulary_set_free(&shipped);
    return teardown_directory(state);
}

/* The canonical text of text in field, or "!bad word" when it is refused. */
static const char *canonical(person_field field, const char *text)
{
    static char out[VOCABULARY_JOINED_MAX + 8];
    char bad[64];
    const vocabulary *v = vocabulary_of(&shipped, field);
    assert_non_null(v);
    if (vocabulary_canonical(v, text, out, bad, sizeof bad) != BF_OK)
        snprintf(out, sizeof out, "!%s", bad);
    return out;
}

static void test_what_clerks_write(void **state)
{
    (void)state;
    /* The words issue 11 names, as township lists write them today. */
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "有劳动能力"), "有劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "弱劳动能力"), "弱劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "半劳动力"), "弱劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "丧失劳动能力"), "丧失劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "普通劳动力"), "有劳动能力");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "已就业"), "已就业");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "未就业"), "未就业");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "务工"), "已就业");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "务农"), "务农");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "外出务工"), "县外务工");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_WISH, "有"), "有就业意愿");
    assert_string_equal(canonical(PERSON_TRAINING_WISH, "无"), "无培训意愿");
    /* Width, case and blanks do not matter; codes and English labels name values too. */
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, " 普通\u3000劳动力 "), "有劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "ＡＢＬＥ"), "有劳动能力");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "Able To  Work"), "有劳动能力");
    assert_string_equal(canonical(PERSON_EMPLOYMENT_STATUS, "public_post"), "公益性岗位");
    /* Empty is the empty value; unknown words are named. */
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, ""), "");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "  "), "");
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, " 很强 "), "!很强");
    /* A single field takes one word: a list is not one of its values. */
    assert_string_equal(canonical(PERSON_LABOR_ABILITY, "有劳动能力；弱劳动能力"),
                        "!有劳动能力；弱劳动能力");
    /* 就业困难 takes a list: any separator, file order, repeats once. */
    assert_string_equal(canonical(PERSON_DIFFICULTIES, "照顾家庭\n无法外出"), "家庭照护；无法外出");
    assert_string_equal(canonical(PERSON_DIFFICULTIES, "年龄大，缺技能、年龄偏大;;"),
                        "缺乏技能；年龄偏大");
    assert_string_equal(canonical(PERSON_DIFFICULTIES, "；、\r\n"), "");
    assert_string_equal(canonical(PERSON_DIFFICULTIES, "缺技能；没钱"), "!没钱");
    /* Fields without a list. */
    assert_null(vocabulary_of(&shipped, PERSON_SKILLS));
    assert_null(vocabulary_of(&shipped, PERSON_NAME));
    /* The accepted values, for messages: Chinese then English. */
    const vocabulary *v = vocabulary_of(&shipped, PERSON_LABOR_ABILITY);
    assert_string_equal(v->accepted, "有劳动能力、弱劳动能力、丧失劳动能力、无劳动能力 / able to "
                                     "work, partly able to work, lost the ability to work, not "
                                     "able to work");
    assert_string_equal(v->values[0].code, "able");
    assert_int_equal(v->values[0].weight, 72);
}

/* Loads text as the labor_ability vocabulary; returns the code, err filled. */
static int load_text(const char *text, int multiple, bf_error *err)
{
    vocabulary v;
    memset(&v, 0, sizeof v);
    bf_error_clear(err);
    int rc = vocabulary_parse_text(&v, multiple ? PERSON_DIFFICULTIES : PERSON_LABOR_ABILITY,
                                   multiple, "x.tsv", text, strlen(text), err);
    vocabulary_free(&v);
    return rc;
}

/* Expects text to be refused with a message containing want. */
static void expect_refused(const char *text, int multiple, const char *want)
{
    bf_error err;
    int rc = load_text(text, multiple, &err);
    if (rc == BF_OK || strstr(err.message, want) == NULL)
        fail_msg("'%s': got %d '%s', want '%s'", text, rc, err.message, want);
}

static void test_malformed_files(void **state)
{
    (void)state;
    bf_error err;
    const char *good =
        "# comment\n\n  # indented comment\nable\t有\tyes\t1\tA|B\r\nweak\t弱\tweak\t0\n";
    assert_int_equal(load_text(good, 0, &err), BF_OK);
    assert_int_equal(load_text("\xEF\xBB\xBF"
                               "a\t甲\ta\t1\t\n",
                               0, &err),
                     BF_OK); /* BOM, code = English */
    expect_refused("# only comments\n", 0, "x.tsv: holds no value");
    expect_refused("", 0, "x.tsv: holds no value");
    expect_refused("# c\nable 有 yes 1\n", 0, "x.tsv:2: expected 5 TAB-separated columns");
    expect_refused("able\t有\tyes\t1\ta\tb\n", 0,
                   "x.tsv:1: expected 5 TAB-separated columns (code, 中文, English, weight, "
                   "synonyms), found 6");
    expect_refused("Able\t有\tyes\t1\t\n", 0, "x.tsv:1: code 'Able' may hold only a-z, 0-9 and _");
    expect_refused("able\t\tyes\t1\t\n", 0, "x.tsv:1: the Chinese label is empty");
    expect_refused("able\t有\t \t1\t\n", 0, "x.tsv:1: the English label is empty");
    expect_refused("able\t有\tyes\tmany\t\n", 0, "x.tsv:1: weight 'many' must be a whole number");
    expect_refused("able\t有\tyes\t-1\t\n", 0, "x.tsv:1: weight '-1'");
    expect_refused("able\t有\tyes\t1\t\n\nweak\t弱\tweak\t1\t有\n", 0,
                   "x.tsv:3: '有' already names the value of line 1 (有)");
    expect_refused("able\t有\tyes\t1\t\nweak\t弱\tweak\t1\tＹＥＳ\n", 0,
                   "x.tsv:2: 'ＹＥＳ' already names the value of line 1");
    expect_refused("able\t有\tyes\t1\tA||B\n", 0, "x.tsv:1: an empty word");
    expect_refused("able\t有\tyes\t1\tA|\n", 0, "x.tsv:1: an empty word");
    expect_refused("able\t有\tyes\t1\t（清空）\n", 0,
                   "x.tsv:1: '（清空）' is the import's clear marker");
    expect_refused("able\t有\tyes\t1\t=SUM(1)\n", 0, "x.tsv:1: '=SUM(1)' begins with = + - @");
    expect_refused("a\t甲\ta\t1\t\nb\t乙\tb\t1\t甲、乙\n", 1,
                   "x.tsv:2: '甲、乙' holds a separator");
    expect_refused("a\t甲\ta\t1\t\nb\t乙\tb\t1\t\n\xff\n", 0, "x.tsv:3: not valid UTF-8");
    char long_line[VOCABULARY_LINE_MAX + 16];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    expect_refused(long_line, 0, "x.tsv:1: line too long");
    char long_word[VOCABULARY_TEXT_MAX + 64];
    snprintf(long_word, sizeof long_word, "a\t甲\ta\t1\t%0*d\n", VOCABULARY_TEXT_MAX, 7);
    expect_refused(long_word, 0, "x.tsv:1: '0000");
    char many[VOCABULARY_VALUES_MAX * 32 + 64];
    size_t used = 0;
    for (int i = 0; i <= VOCABULARY_VALUES_MAX; i++)
        used += (size_t)snprintf(many + used, sizeof many - used, "v%d\t值%d\tv%d\t1\t\n", i, i, i);
    expect_refused(many, 0, "x.tsv:33: more than 32 values");
}

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[TEST_PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_directory_load(void **state)
{
    (void)state;
    static const char *const names[] = {"labor_ability", "employment_status", "employment_wish",
                                        "training_wish", "difficulties"};
    char dir[TEST_PATH_MAX], file[64], message[TEST_PATH_MAX + 64];
    temporary_path(dir, "vocabularies");
    assert_int_equal(mkdir(dir, 0700), 0);
    vocabulary_set set;
    memset(&set, 0, sizeof set);
    bf_error err;
    bf_error_clear(&err);
    /* Missing file: named. */
    assert_int_equal(vocabulary_set_load(&set, dir, &err), BF_ENOTFOUND);
    snprintf(message, sizeof message, "'%s/labor_ability.tsv'", dir);
    assert_non_null(strstr(err.message, message));
    for (int i = 0; i < 5; i++) {
        snprintf(file, sizeof file, "%s.tsv", names[i]);
        write_file(dir, file, "a\t甲\ta\t1\t\nb\t乙\tb\t1\t丙\n");
    }
    assert_int_equal(vocabulary_set_load(&set, dir, &err), BF_OK);
    assert_string_equal(vocabulary_of(&set, PERSON_TRAINING_WISH)->values[1].label, "乙");
    assert_int_equal(vocabulary_find(vocabulary_of(&set, PERSON_DIFFICULTIES), "丙"), 1);
    vocabulary_set_free(&set);
    /* A misspelt file name is not silently ignored. */
    write_file(dir, "labour_ability.tsv", "a\t甲\ta\t1\t\n");
    assert_int_equal(vocabulary_set_load(&set, dir, &err), BF_EPARSE);
    assert_non_null(strstr(err.message, "'labour_ability.tsv'"));
    snprintf(message, sizeof message, "%s/labour_ability.tsv", dir);
    assert_int_equal(remove(message), 0);
    /* A malformed file: the set is freed, the message names the file and line. */
    write_file(dir, "employment_wish.tsv", "a\t甲\ta\t1\t\nb\t乙\tb\t1\t甲\n");
    assert_int_equal(vocabulary_set_load(&set, dir, &err), BF_ECONFLICT);
    snprintf(message, sizeof message, "%s/employment_wish.tsv:2: '甲'", dir);
    assert_non_null(strstr(err.message, message));
    assert_null(vocabulary_of(&set, PERSON_LABOR_ABILITY));
    /* The directory named by the environment, or a missing one. */
    char found[TEST_PATH_MAX];
    setenv("BANGFU_VOCABULARIES", dir, 1);
    assert_int_equal(vocabulary_find_dir(NULL, found, sizeof found, &err), BF_OK);
    assert_string_equal(found, dir);
    setenv("BANGFU_VOCABULARIES", "/nonexistent", 1);
    assert_int_equal(vocabulary_find_dir(NULL, found, sizeof found, &err), BF_ENOTFOUND);
    assert_non_null(strstr(err.message, "BANGFU_VOCABULARIES names a missing directory"));
    unsetenv("BANGFU_VOCABULARIES");
    assert_int_equal(vocabulary_find_dir(NULL, found, sizeof found, &err), BF_OK);
    assert_string_equal(found, "vocabularies");
}

/* splitmix64, seeded per run and printed so a failure can be replayed. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The words of each value as the file writes them: the model the loader is checked against. */
typedef struct model_field {
    int values;
    char words[VOCABULARY_VALUES_MAX][64][VOCABULARY_TEXT_MAX];
    int word_count[VOCABULARY_VALUES_MAX];
} model_field;

/* Reads path's value lines with plain string handling (not the loader). */
static void read_model(const char *path, model_field *m)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[VOCABULARY_LINE_MAX];
    memset(m, 0, sizeof *m);
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *columns[5] = {0};
        char *save = NULL;
        int n = 0;
        for (char *c = strtok_r(line, "\t", &save); c != NULL && n < 5;
             c = strtok_r(NULL, "\t", &save))
            columns[n++] = c;
        int v = m->values++;
        int *count = &m->word_count[v];
        for (int c = 0; c < 3; c++)
            snprintf(m->words[v][(*count)++], VOCABULARY_TEXT_MAX, "%s", columns[c]);
        if (columns[4] != NULL)
            for (char *w = strtok_r(columns[4], "|", &save); w != NULL;
                 w = strtok_r(NULL, "|", &save))
                snprintf(m->words[v][(*count)++], VOCABULARY_TEXT_MAX, "%s", w);
    }
    fclose(f);
}

/* Appends word to out written as a clerk might: full-width ASCII, other case, blanks inside. */
static void write_like_a_clerk(uint64_t *s, const char *word, char *out, size_t size)
{
    size_t used = strlen(out);
    for (const char *p = word; *p != '\0' && used + 8 < size;) {
        unsigned char c = (unsigned char)*p;
        if (next_random(s) % 8 == 0)
            used += (size_t)snprintf(out + used, size - used, "%s",
                                     next_random(s) % 2 ? " " : "\u3000");
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z' && next_random(s) % 2)
                c = (unsigned char)(c - 'a' + 'A');
            if (c > ' ' && c < 0x7F && next_random(s) % 2) { /* full-width form U+FF01.. */
                unsigned code = 0xFF01u + (c - 0x21u);
                out[used++] = (char)(0xE0 | (code >> 12));
                out[used++] = (char)(0x80 | ((code >> 6) & 0x3F));
                out[used++] = (char)(0x80 | (code & 0x3F));
            } else {
                out[used++] = (char)c;
            }
            p++;
        } else {
            out[used++] = *p++;
        }
        out[used] = '\0';
    }
}

static void test_randomized_words(void **state)
{
    (void)state;
    static const char *const separators[] = {"；", ";", "、", "，", ",", "\n", " ； "};
    static model_field model;
    uint64_t seed = getenv("TEST_SEED") ? strtoull(getenv("TEST_SEED"), NULL, 10) : 20201130;
    uint64_t s = seed;
    for (int f = 0; f < VOCABULARY_FIELD_COUNT; f++) {
        const vocabulary *v = &shipped.fields[f];
        read_model(v->path, &model);
        assert_int_equal(model.values, v->count);
        for (int round = 0; round < 4000; round++) {
            char cell[2048] = "";
            vocabulary_values want = 0;
            int items = v->multiple ? 1 + (int)(next_random(&s) % 4) : 1;
            for (int i = 0; i < items; i++) {
                int value = (int)(next_random(&s) % (uint64_t)model.values);
                int word = (int)(next_random(&s) % (uint64_t)model.word_count[value]);
                /* Separators between items, sometimes doubled, leading or trailing. */
                if (i > 0 || (v->multiple && next_random(&s) % 5 == 0))
                    strcat(cell, separators[next_random(&s) % 7]);
                if (v->multiple && next_random(&s) % 5 == 0)
                    strcat(cell, separators[next_random(&s) % 7]);
                write_like_a_clerk(&s, model.words[value][word], cell, sizeof cell);
                want |= (vocabulary_values)1 << value;
            }
            if (v->multiple && next_random(&s) % 5 == 0)
                strcat(cell, separators[next_random(&s) % 7]);
            char out[VOCABULARY_JOINED_MAX], expected[VOCABULARY_JOINED_MAX], bad[64];
            if (vocabulary_canonical(v, cell, out, bad, sizeof bad) != BF_OK)
                fail_msg("seed %llu: %s: '%s' refused ('%s')", (unsigned long long)seed, v->path,
                         cell, bad);
            /* The model's canonical text: the labels of want in file order. */
            size_t used = 0;
            expected[0] = '\0';
            for (int i = 0; i < model.values; i++)
                if (want & ((vocabulary_values)1 << i))
                    used += (size_t)snprintf(expected + used, sizeof expected - used, "%s%s",
                                             used ? "；" : "", model.words[i][1]);
            if (strcmp(out, expected) != 0)
                fail_msg("seed %llu: %s: '%s' gave '%s', want '%s'", (unsigned long long)seed,
                         v->path, cell, out, expected);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_what_clerks_write),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_directory_load),
        cmocka_unit_test(test_randomized_words),
    };
    return cmocka_run_group_tests(tests, load_shipped, free_shipped);
}
