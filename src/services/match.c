/* match.c - the score of a posting for a laborer and the ranking engine (see the header). */
#include "services/match.h"

#include <stdlib.h>
#include <string.h>

/* Fen in 1000 yuan. */
#define MATCH_FEN_PER_THOUSAND 100000

struct match_engine {
    const match_weights *w;
    const match_posting *postings;
    size_t count;
    int32_t word_count;
    /* Every posting, ordered by its own part of the score: without and with accommodation. */
    int32_t *order_local, *order_away;
    /* Per skill word (CSR: word_start[w] .. word_start[w + 1]): the postings having it,
     * ordered by the score with skill.match, without and with accommodation. */
    size_t *word_start;
    int32_t *word_local, *word_away;
    /* The lists of the county last ranked. */
    char county[7];
    int have_county;
    uint8_t *class_of;                         /* per posting */
    size_t class_start[MATCH_CLASS_COUNT + 1]; /* class c: class_list[start[c] .. start[c+1]] */
    int32_t *class_list;
    size_t *class_word_start; /* (c * word_count + w): its range of class_word_list */
    int32_t *class_word_list;
    size_t *fill; /* scratch of the layout */
};

match_class match_class_of(const match_weights *w, const char *hukou, const char *work_place)
{
    if (strncmp(hukou, work_place, 6) == 0)
        return MATCH_COUNTY;
    if (strncmp(hukou, work_place, 4) == 0)
        return MATCH_CITY;
    if (strncmp(hukou, work_place, 2) == 0)
        return MATCH_PROVINCE;
    for (int i = 0; i < w->pair_count; i++) {
        const match_pair *pair = &w->pairs[i];
        if ((region_code_within(hukou, pair->a) && region_code_within(work_place, pair->b)) ||
            (region_code_within(hukou, pair->b) && region_code_within(work_place, pair->a)))
            return MATCH_PAIRED;
    }
    return MATCH_OTHER;
}

/* The pay part of a posting's score. */
static int32_t match_pay_points(const match_weights *w, const match_posting *p)
{
    int64_t pay = p->pay_min < w->pay_cap_fen ? p->pay_min : w->pay_cap_fen;
    return (int32_t)(pay * w->pay_per_thousand / MATCH_FEN_PER_THOUSAND);
}

/* The posting's own part of its score in class c, with skill.match (matched) or without. */
static int32_t match_own_points(const match_weights *w, const match_posting *p, int away,
                                int matched)
{
    int32_t points = match_pay_points(w, p);
    if (away && p->accommodation)
        points += w->accommodation_away;
    if (matched)
        points += w->skill_match;
    else if (p->requires_skills)
        points += w->skill_missing;
    return points;
}

/* True when the laborer passes the posting's age and sex limits. */
static int match_limits_pass(const match_posting *p, const match_laborer *l)
{
    if (p->age_min >= 0 && l->age < p->age_min)
        return 0;
    if (p->age_max >= 0 && l->age > p->age_max)
        return 0;
    return p->sex == 0 || p->sex == l->sex;
}

/* The first of the laborer's words the posting has, or -1. */
static int32_t match_shared_word(const match_posting *p, const match_laborer *l)
{
    for (int i = 0; i < l->word_count; i++)
        for (int j = 0; j < p->word_count; j++)
            if (l->words[i] == p->words[j])
                return l->words[i];
    return -1;
}

int match_score(const match_weights *w, const match_posting *p, const match_laborer *l,
                match_hit *hit)
{
    match_class c = match_class_of(w, l->region, p->region);
    int32_t distance = w->distance[l->wish][c];
    if (distance == MATCH_EXCLUDED || !match_limits_pass(p, l))
        return 0;
    int32_t word = match_shared_word(p, l);
    int32_t score = distance + match_own_points(w, p, c != MATCH_COUNTY, word >= 0);
    if (score < w->min_score)
        return 0;
    *hit = (match_hit){-1, score, (uint8_t)c, word};
    return 1;
}

/* --- the bounded heap --------------------------------------------------------------------- */

static void match_heap_swap(match_hit *heap, int a, int b)
{
    match_hit t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
}

/* Restores the heap order (the worst at the root) below entry i. */
static void match_heap_down(match_hit *heap, int used, int i)
{
    for (;;) {
        int worst = i, left = 2 * i + 1, right = left + 1;
        if (left < used && match_hit_before(&heap[worst], &heap[left]))
            worst = left;
        if (right < used && match_hit_before(&heap[worst], &heap[right]))
            worst = right;
        if (worst == i)
            return;
        match_heap_swap(heap, i, worst);
        i = worst;
    }
}

void match_heap_offer(match_hit *heap, int *used, int top, const match_hit *hit)
{
    if (*used < top) {
        int i = (*used)++;
        heap[i] = *hit;
        while (i > 0 && match_hit_before(&heap[(i - 1) / 2], &heap[i])) {
            match_heap_swap(heap, i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
        return;
    }
    if (top == 0 || !match_hit_before(hit, &heap[0]))
        return;
    heap[0] = *hit;
    match_heap_down(heap, *used, 0);
}

void match_heap_sort(match_hit *heap, int used)
{
    /* Take the worst to the end, one at a time: best first. */
    for (int end = used - 1; end > 0; end--) {
        match_heap_swap(heap, 0, end);
        match_heap_down(heap, end, 0);
    }
}

/* --- the engine ----------------------------------------------------------------------------- */

/* A sort key: higher points first, then the smaller index. */
static int64_t match_order_key(int32_t points, int32_t index)
{
    /* A multiplication, not a shift: shifting a negative value left is undefined. */
    return -(int64_t)points * ((int64_t)1 << 32) + (int64_t)(uint32_t)index;
}

static int match_compare_keys(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Orders indexes (n of them) by the own points of their postings (away, matched) into out. */
static int match_order(match_engine *e, const int32_t *indexes, size_t n, int away, int matched,
                       int32_t *out)
{
    int64_t *keys = malloc((n > 0 ? n : 1) * sizeof *keys);
    if (keys == NULL)
        return BF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int32_t index = indexes != NULL ? indexes[i] : (int32_t)i;
        keys[i] =
            match_order_key(match_own_points(e->w, &e->postings[index], away, matched), index);
    }
    qsort(keys, n, sizeof *keys, match_compare_keys);
    for (size_t i = 0; i < n; i++)
        out[i] = (int32_t)(uint32_t)(keys[i] & 0xffffffff);
    free(keys);
    return BF_OK;
}

int match_engine_create(const match_weights *w, const match_posting *postings, size_t count,
                        int32_t word_count, match_engine **out, bf_error *err)
{
    *out = NULL;
    match_engine *e = calloc(1, sizeof *e);
    int rc = BF_ENOMEM;
    if (e == NULL)
        goto out;
    e->w = w;
    e->postings = postings;
    e->count = count;
    e->word_count = word_count;
    size_t n = count > 0 ? count : 1, slots = (size_t)MATCH_CLASS_COUNT * (size_t)word_count + 1;
    e->order_local = malloc(n * sizeof *e->order_local);
    e->order_away = malloc(n * sizeof *e->order_away);
    e->class_of = malloc(n);
    e->class_list = malloc(n * sizeof *e->class_list);
    e->word_start = calloc((size_t)word_count + 1, sizeof *e->word_start);
    e->class_word_start = calloc(slots, sizeof *e->class_word_start);
    e->fill = calloc(slots, sizeof *e->fill);
    if (e->order_local == NULL || e->order_away == NULL || e->class_of == NULL ||
        e->class_list == NULL || e->word_start == NULL || e->class_word_start == NULL ||
        e->fill == NULL)
        goto out;
    if (match_order(e, NULL, count, 0, 0, e->order_local) != BF_OK ||
        match_order(e, NULL, count, 1, 0, e->order_away) != BF_OK)
        goto out;
    /* The postings of each word, in index order, then ordered. */
    for (size_t i = 0; i < count; i++)
        for (int k = 0; k < postings[i].word_count; k++)
            e->word_start[postings[i].words[k] + 1]++;
    for (int32_t k = 0; k < word_count; k++)
        e->word_start[k + 1] += e->word_start[k];
    size_t total = e->word_start[word_count];
    int32_t *members = malloc((total > 0 ? total : 1) * sizeof *members);
    e->word_local = malloc((total > 0 ? total : 1) * sizeof *e->word_local);
    e->word_away = malloc((total > 0 ? total : 1) * sizeof *e->word_away);
    e->class_word_list = malloc((total > 0 ? total : 1) * sizeof *e->class_word_list);
    if (members == NULL || e->word_local == NULL || e->word_away == NULL ||
        e->class_word_list == NULL) {
        free(members);
        goto out;
    }
    memcpy(e->fill, e->word_start, ((size_t)word_count + 1) * sizeof *e->fill);
    for (size_t i = 0; i < count; i++)
        for (int k = 0; k < postings[i].word_count; k++)
            members[e->fill[postings[i].words[k]]++] = (int32_t)i;
    rc = BF_OK;
    for (int32_t k = 0; k < word_count && rc == BF_OK; k++) {
        size_t from = e->word_start[k], size = e->word_start[k + 1] - from;
        rc = match_order(e, members + from, size, 0, 1, e->word_local + from);
        if (rc == BF_OK)
            rc = match_order(e, members + from, size, 1, 1, e->word_away + from);
    }
    free(members);
out:
    if (rc != BF_OK) {
        match_engine_free(e);
        return bf_error_set(err, BF_ENOMEM, "%s", BF_TR("内存不足", "out of memory"));
    }
    *out = e;
    return BF_OK;
}

void match_engine_free(match_engine *e)
{
    if (e == NULL)
        return;
    free(e->order_local);
    free(e->order_away);
    free(e->word_start);
    free(e->word_local);
    free(e->word_away);
    free(e->class_of);
    free(e->class_list);
    free(e->class_word_start);
    free(e->class_word_list);
    free(e->fill);
    free(e);
}

/* Lays the postings out by class (and by class and word) for the laborers of county. */
static void match_engine_layout(match_engine *e, const char *hukou)
{
    char county[REGION_CODE_TEXT_MAX];
    memcpy(county, hukou, 6);
    memcpy(county + 6, "000000", 7);
    size_t counts[MATCH_CLASS_COUNT] = {0};
    for (size_t i = 0; i < e->count; i++) {
        e->class_of[i] = (uint8_t)match_class_of(e->w, county, e->postings[i].region);
        counts[e->class_of[i]]++;
    }
    e->class_start[0] = 0;
    for (int c = 0; c < MATCH_CLASS_COUNT; c++)
        e->class_start[c + 1] = e->class_start[c] + counts[c];
    size_t at[MATCH_CLASS_COUNT];
    memcpy(at, e->class_start, sizeof at);
    for (size_t i = 0; i < e->count; i++) {
        int32_t p = e->order_local[i];
        if (e->class_of[p] == MATCH_COUNTY)
            e->class_list[at[MATCH_COUNTY]++] = p;
        p = e->order_away[i];
        if (e->class_of[p] != MATCH_COUNTY)
            e->class_list[at[e->class_of[p]]++] = p;
    }
    /* Per (class, word): slot c * word_count + k. */
    size_t slots = (size_t)MATCH_CLASS_COUNT * (size_t)e->word_count;
    memset(e->class_word_start, 0, (slots + 1) * sizeof *e->class_word_start);
    for (int32_t k = 0; k < e->word_count; k++)
        for (size_t j = e->word_start[k]; j < e->word_start[k + 1]; j++)
            e->class_word_start[(size_t)e->class_of[e->word_local[j]] * e->word_count + k + 1]++;
    for (size_t s = 0; s < slots; s++)
        e->class_word_start[s + 1] += e->class_word_start[s];
    memcpy(e->fill, e->class_word_start, (slots + 1) * sizeof *e->fill);
    for (int32_t k = 0; k < e->word_count; k++)
        for (size_t j = e->word_start[k]; j < e->word_start[k + 1]; j++) {
            int32_t p = e->word_local[j];
            if (e->class_of[p] == MATCH_COUNTY)
                e->class_word_list[e->fill[(size_t)MATCH_COUNTY * e->word_count + k]++] = p;
            p = e->word_away[j];
            if (e->class_of[p] != MATCH_COUNTY)
                e->class_word_list[e->fill[(size_t)e->class_of[p] * e->word_count + k]++] = p;
        }
    memcpy(e->county, hukou, 6);
    e->county[6] = '\0';
    e->have_county = 1;
}

/* True when the heap holds posting p. */
static int match_heap_has(const match_hit *heap, int used, int32_t p)
{
    for (int i = 0; i < used; i++)
        if (heap[i].index == p)
            return 1;
    return 0;
}

/*
 * Offers the entries of list (n of them, ordered by own points with or
 * without skill.match) to the heap, from the top until one cannot enter.
 * word >= 0: a word list (its entries score with skill.match, and one the
 * heap holds already is skipped); -1: the class list, whose entries sharing a
 * word with the laborer are left to the word lists.
 */
static void match_scan(const match_engine *e, const match_laborer *l, match_class c,
                       int32_t distance, const int32_t *list, size_t n, int32_t word,
                       match_hit *heap, int *used, int top)
{
    int away = c != MATCH_COUNTY;
    for (size_t i = 0; i < n; i++) {
        int32_t p = list[i];
        const match_posting *posting = &e->postings[p];
        match_hit hit = {p, distance + match_own_points(e->w, posting, away, word >= 0), (uint8_t)c,
                         word};
        if (hit.score < e->w->min_score || (*used == top && !match_hit_before(&hit, &heap[0])))
            return;
        if (!match_limits_pass(posting, l))
            continue;
        if (word < 0 ? match_shared_word(posting, l) >= 0 : match_heap_has(heap, *used, p))
            continue;
        match_heap_offer(heap, used, top, &hit);
    }
}

int match_engine_rank(match_engine *e, const match_laborer *laborers, size_t count, int top,
                      match_hit *hits, int *hit_counts, bf_error *err)
{
    (void)err; /* the layout is allocated with the engine: nothing here can fail */
    if (top > MATCH_TOP_MAX)
        top = MATCH_TOP_MAX;
    for (size_t i = 0; i < count && top <= 0; i++)
        hit_counts[i] = 0;
    for (size_t i = 0; i < count && top > 0; i++) {
        const match_laborer *l = &laborers[i];
        if (!e->have_county || strncmp(e->county, l->region, 6) != 0)
            match_engine_layout(e, l->region);
        match_hit *heap = hits + i * (size_t)top;
        int used = 0;
        for (int c = 0; c < MATCH_CLASS_COUNT; c++) {
            int32_t distance = e->w->distance[l->wish][c];
            if (distance == MATCH_EXCLUDED)
                continue;
            match_scan(e, l, (match_class)c, distance, e->class_list + e->class_start[c],
                       e->class_start[c + 1] - e->class_start[c], -1, heap, &used, top);
            for (int k = 0; k < l->word_count; k++) {
                size_t slot = (size_t)c * e->word_count + l->words[k];
                match_scan(e, l, (match_class)c, distance,
                           e->class_word_list + e->class_word_start[slot],
                           e->class_word_start[slot + 1] - e->class_word_start[slot], l->words[k],
                           heap, &used, top);
            }
        }
        match_heap_sort(heap, used);
        hit_counts[i] = used;
    }
    return BF_OK;
}
