/*
 * test_match.c - the matching engine (services/match.c) against the plain
 * definition: random postings and laborers over a few counties of three
 * provinces with a labor-cooperation pair, random weights (excluded classes
 * included), ages, sexes and skill words; for every laborer the engine's top
 * N must be exactly what scoring every posting with match_score() and sorting
 * gives (same postings, scores, classes, words, order), for several N.  Also
 * the weights file: the shipped one loads, and bad lines are refused naming
 * the file and line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "registry/vocabulary.h"
#include "services/match.h"
#include "test_directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t test_state;

static int test_below(int bound)
{
    test_state = test_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((test_state >> 33) % (uint64_t)bound);
}

/* Villages of counties in two cities of Shandong, one of Chongqing (paired), one of Gansu. */
static const char *const test_regions[] = {"370811001001", "370811002003", "370812001001",
                                           "370102001001", "500101001001", "500102001001",
                                           "620102001001"};
#define TEST_REGION_COUNT ((int)(sizeof test_regions / sizeof test_regions[0]))
#define TEST_WORDS        6

static void random_weights(match_weights *w)
{
    memset(w, 0, sizeof *w);
    for (int wish = 0; wish < MATCH_WISH_COUNT; wish++)
        for (int c = 0; c < MATCH_CLASS_COUNT; c++)
            w->distance[wish][c] = test_below(5) == 0 ? MATCH_EXCLUDED : test_below(50) - 10;
    w->skill_match = test_below(3) == 0 ? 0 : test_below(40);
    w->skill_missing = -test_below(30);
    w->pay_per_thousand = test_below(8);
    w->pay_cap_fen = 100000 * (2 + test_below(8));
    w->accommodation_away = test_below(15);
    w->min_score = test_below(3) == 0 ? -1000 : test_below(40) - 10;
    snprintf(w->pairs[0].a, sizeof w->pairs[0].a, "370800000000");
    snprintf(w->pairs[0].b, sizeof w->pairs[0].b, "500101000000");
    w->pair_count = 1;
}

static void random_words(int32_t *words, uint8_t *count)
{
    *count = 0;
    int n = test_below(4) == 0 ? 0 : 1 + test_below(3);
    for (int i = 0; i < n; i++) {
        int32_t word = test_below(TEST_WORDS);
        int dup = 0;
        for (int j = 0; j < *count; j++)
            dup |= words[j] == word;
        if (!dup)
            words[(*count)++] = word;
    }
}

static void random_posting(match_posting *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->region, sizeof p->region, "%s", test_regions[test_below(TEST_REGION_COUNT)]);
    p->pay_min = test_below(4) == 0 ? 0 : 100 * (150000 / 100 + test_below(6000));
    p->age_min = test_below(2) == 0 ? -1 : (int16_t)(16 + test_below(10));
    p->age_max = test_below(2) == 0 ? -1 : (int16_t)(35 + test_below(30));
    p->sex = (uint8_t)(test_below(4) == 0 ? 1 + test_below(2) : 0);
    p->accommodation = (uint8_t)test_below(2);
    random_words(p->words, &p->word_count);
    p->requires_skills = (uint8_t)(p->word_count > 0 && test_below(2));
}

static void random_laborer(match_laborer *l, const char *region)
{
    memset(l, 0, sizeof *l);
    snprintf(l->region, sizeof l->region, "%s", region);
    l->age = (int16_t)(16 + test_below(50));
    l->sex = (uint8_t)(1 + test_below(2));
    l->wish = (uint8_t)test_below(MATCH_WISH_COUNT);
    random_words(l->words, &l->word_count);
}

/* The top hits of l by scoring every posting. */
static int brute_force(const match_weights *w, const match_posting *postings, int count,
                       const match_laborer *l, int top, match_hit *out)
{
    match_hit *all = malloc((size_t)count * sizeof *all);
    assert_non_null(all);
    int n = 0;
    for (int i = 0; i < count; i++) {
        match_hit hit;
        if (match_score(w, &postings[i], l, &hit)) {
            hit.index = i;
            all[n++] = hit;
        }
    }
    /* Selection of the best top, in order. */
    int taken = 0;
    for (; taken < top && taken < n; taken++) {
        int best = taken;
        for (int j = taken + 1; j < n; j++)
            if (match_hit_before(&all[j], &all[best]))
                best = j;
        match_hit t = all[taken];
        all[taken] = all[best];
        all[best] = t;
        out[taken] = all[taken];
    }
    free(all);
    return taken;
}

static void test_engine_equals_brute_force(void **state)
{
    (void)state;
    enum { ROUNDS = 60, LABORERS = 120 };
    static const int tops[] = {1, 3, 10};
    test_state = 20201201;
    for (int round = 0; round < ROUNDS; round++) {
        match_weights w;
        random_weights(&w);
        int count = round % 7 == 0 ? test_below(3) : 20 + test_below(300);
        match_posting *postings = calloc((size_t)count + 1, sizeof *postings);
        match_laborer *laborers = calloc(LABORERS, sizeof *laborers);
        assert_non_null(postings);
        assert_non_null(laborers);
        for (int i = 0; i < count; i++)
            random_posting(&postings[i]);
        /* In runs of one county, as the store reads them, and some counties twice. */
        for (int i = 0; i < LABORERS; i++)
            random_laborer(&laborers[i], test_regions[(i / 17 + round) % TEST_REGION_COUNT]);
        match_engine *engine = NULL;
        bf_error err;
        assert_int_equal(
            match_engine_create(&w, postings, (size_t)count, TEST_WORDS, &engine, &err), BF_OK);
        for (size_t t = 0; t < sizeof tops / sizeof tops[0]; t++) {
            int top = tops[t];
            match_hit *hits = calloc((size_t)LABORERS * (size_t)top, sizeof *hits);
            int *counts = calloc(LABORERS, sizeof *counts);
            assert_non_null(hits);
            assert_non_null(counts);
            assert_int_equal(match_engine_rank(engine, laborers, LABORERS, top, hits, counts, &err),
                             BF_OK);
            for (int i = 0; i < LABORERS; i++) {
                match_hit expected[10];
                int n = brute_force(&w, postings, count, &laborers[i], top, expected);
                if (counts[i] != n)
                    fail_msg("round %d top %d laborer %d: %d hits, expected %d", round, top, i,
                             counts[i], n);
                for (int k = 0; k < n; k++) {
                    const match_hit *a = &hits[(size_t)i * (size_t)top + (size_t)k];
                    if (a->index != expected[k].index || a->score != expected[k].score ||
                        a->match_class != expected[k].match_class || a->word != expected[k].word)
                        fail_msg("round %d top %d laborer %d rank %d: posting %d score %d class "
                                 "%d word %d, expected %d %d %d %d",
                                 round, top, i, k, a->index, a->score, a->match_class, a->word,
                                 expected[k].index, expected[k].score, expected[k].match_class,
                                 expected[k].word);
                }
            }
            free(hits);
            free(counts);
        }
        match_engine_free(engine);
        free(postings);
        free(laborers);
    }
}

/* The heap keeps the best and sorts them best first. */
static void test_heap(void **state)
{
    (void)state;
    match_hit heap[4];
    int used = 0;
    static const int scores[] = {5, 9, 1, 9, 7, 3, 9};
    for (int i = 0; i < 7; i++) {
        match_hit hit = {i, scores[i], 0, -1};
        match_heap_offer(heap, &used, 4, &hit);
    }
    match_heap_sort(heap, used);
    assert_int_equal(used, 4);
    int expected[][2] = {{1, 9}, {3, 9}, {6, 9}, {4, 7}};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(heap[i].index, expected[i][0]);
        assert_int_equal(heap[i].score, expected[i][1]);
    }
}

/* Writes text as dir/match_weights.tsv after the shipped one with one line replaced. */
static void write_weights(const char *dir, const char *name, const char *replacement)
{
    char source[TEST_PATH_MAX], target[TEST_PATH_MAX], line[2048];
    (void)dir;
    snprintf(source, sizeof source, "data/match_weights.tsv");
    temporary_path(target, "match_weights.tsv");
    FILE *in = fopen(source, "r"), *out = fopen(target, "w");
    assert_non_null(in);
    assert_non_null(out);
    size_t length = strlen(name);
    while (fgets(line, sizeof line, in) != NULL) {
        if (strncmp(line, name, length) == 0 && line[length] == '\t') {
            if (replacement != NULL)
                fputs(replacement, out);
            continue;
        }
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    snprintf(source, sizeof source, "cp data/labor_pairs.tsv %s/", dir);
    assert_int_equal(system(source), 0);
}

static void test_weights_file(void **state)
{
    (void)state;
    vocabulary_set lists = {0};
    bf_error err;
    assert_int_equal(vocabulary_set_load(&lists, "vocabularies", &err), BF_OK);
    match_weights w;
    assert_int_equal(match_weights_load("data", &lists, &w, &err), BF_OK);
    assert_int_equal(w.distance[MATCH_WISH_LOCAL][MATCH_COUNTY], 40);
    assert_int_equal(w.distance[MATCH_WISH_LOCAL][MATCH_OTHER], MATCH_EXCLUDED);
    assert_int_equal(w.pay_cap_fen, 800000);
    assert_true(w.status_none_ok);
    assert_int_equal(w.pair_count, 3);
    assert_int_equal(match_class_of(&w, "500101001001", "370811002000"), MATCH_PAIRED);
    assert_int_equal(match_class_of(&w, "370811001001", "370811002000"), MATCH_COUNTY);
    assert_int_equal(match_class_of(&w, "370811001001", "370812002000"), MATCH_CITY);
    assert_int_equal(match_class_of(&w, "370811001001", "370102002000"), MATCH_PROVINCE);
    assert_int_equal(match_class_of(&w, "370811001001", "620102002000"), MATCH_PAIRED);
    assert_int_equal(match_class_of(&w, "500101001001", "620102002000"), MATCH_OTHER);

    const char *dir = directory;
    static const struct {
        const char *name, *replacement, *message;
    } bad[] = {
        {"skill.match", "skill.match\t-1\n", "must not be negative"},
        {"skill.missing", "skill.missing\t5\n", "must not be positive"},
        {"min_score", "min_score\tten\n", "'ten' is not"},
        {"min_score", "mins_score\t0\n", "unknown weight 'mins_score'"},
        {"min_score", NULL, "lacks the weight min_score"},
        {"distance.local.city", "distance.local.city\t-\ndistance.local.city\t3\n", "given twice"},
        {"eligible.labor_ability", "eligible.labor_ability\table|strong\n",
         "'strong' is not a code"},
        {"pay.cap_yuan", "pay.cap_yuan\n", "no value after a TAB"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_weights(dir, bad[i].name, bad[i].replacement);
        assert_int_equal(match_weights_load(dir, &lists, &w, &err), BF_EINVAL);
        if (strstr(err.message, bad[i].message) == NULL || strstr(err.message, dir) == NULL)
            fail_msg("case %zu: [%s] lacks [%s] or the path", i, err.message, bad[i].message);
    }
    vocabulary_set_free(&lists);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap),
        cmocka_unit_test(test_engine_equals_brute_force),
        cmocka_unit_test(test_weights_file),
    };
    return cmocka_run_group_tests(tests, setup_directory, teardown_directory);
}
