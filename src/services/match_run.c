/* match_run.c - `bangfu match` over the stored data (see the header). */
#include "services/match_run.h"

#include "core/region_code.h"
#include "core/string_map.h"
#include "core/text_pool.h"
#include "io/table_writer.h"
#include "registry/vocabulary.h"
#include "services/match.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest text of one number cell. */
#define MATCH_NUMBER_MAX 24
/* Longest copy of a skills cell split into words. */
#define MATCH_SKILLS_MAX 1024

static const char *const match_header[MATCH_COLUMNS] = {
    "证件号码", "姓名",     "户籍地区划代码", "名次", "岗位编号",
    "岗位名称", "用工单位", "工作地区划代码", "得分", "推荐理由"};

/* What the list says of a posting besides what the matcher needs. */
typedef struct posting_text {
    size_t code, title, employer, skills, phone; /* offsets in the run's posting pool */
} posting_text;

/* One laborer of the chunk (or, for the reverse view, of the whole run). */
typedef struct laborer_text {
    size_t id_number, name, phone; /* offsets in the laborer pool */
} laborer_text;

typedef struct match_state {
    store *st;
    const match_run_options *options;
    match_run_result *result;
    bf_error *err;
    vocabulary_set lists;
    vocabulary trades;
    match_weights weights;
    /* Skill words: word -> id; the texts owned in word_texts. */
    string_map words;
    char **word_texts;
    int32_t word_count, word_capacity;
    /* Open postings in code order. */
    match_posting *postings;
    posting_text *posting_texts;
    size_t posting_count, posting_capacity;
    text_pool posting_pool;
    /* Laborers of the chunk (all of them for the reverse view). */
    match_laborer *laborers;
    laborer_text *laborer_texts;
    size_t laborer_count, laborer_capacity;
    text_pool laborer_pool;
    int cannot_leave; /* index of cannot_leave among the difficulties, -1 without */
    table_writer *writer;
} match_state;

static int match_out_of_memory(bf_error *err)
{
    return bf_error_set(err, BF_ENOMEM, "%s", BF_TR("内存不足", "out of memory"));
}

/* Grows an array of *capacity elements of size bytes to hold one more. */
static int match_grow(void **array, size_t *capacity, size_t used, size_t size)
{
    if (used < *capacity)
        return BF_OK;
    size_t grown = *capacity > 0 ? 2 * *capacity : 1024;
    void *bigger = realloc(*array, grown * size);
    if (bigger == NULL)
        return BF_ENOMEM;
    *array = bigger;
    *capacity = grown;
    return BF_OK;
}

/* Grows two parallel arrays (elements of size_a and size_b bytes) to hold one more. */
static int match_grow_two(void **a, size_t size_a, void **b, size_t size_b, size_t *capacity,
                          size_t used)
{
    if (used < *capacity)
        return BF_OK;
    size_t grown = *capacity > 0 ? 2 * *capacity : 1024;
    void *bigger_a = realloc(*a, grown * size_a);
    if (bigger_a == NULL)
        return BF_ENOMEM;
    *a = bigger_a;
    void *bigger_b = realloc(*b, grown * size_b);
    if (bigger_b == NULL)
        return BF_ENOMEM;
    *b = bigger_b;
    *capacity = grown;
    return BF_OK;
}

/* --- skill words ---------------------------------------------------------------------------- */

/* The separators of words in a skills cell: ；;、，,/| and blanks (full-width ones too). */
static size_t match_separator(const char *text)
{
    static const char *const separators[] = {"；", "、", "，", "　", ";", ",", "/", "|", " ", "\t"};
    for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++) {
        size_t length = strlen(separators[i]);
        if (strncmp(text, separators[i], length) == 0)
            return length;
    }
    return 0;
}

/*
 * Splits text into its words, written into copy (MATCH_SKILLS_MAX bytes);
 * words[] receives up to MATCH_WORDS_MAX pointers into it.  Returns how many.
 */
static int match_split(const char *text, char copy[MATCH_SKILLS_MAX],
                       const char *words[MATCH_WORDS_MAX])
{
    int count = 0;
    size_t at = 0;
    snprintf(copy, MATCH_SKILLS_MAX, "%s", text != NULL ? text : "");
    while (copy[at] != '\0' && count < MATCH_WORDS_MAX) {
        size_t skip = match_separator(copy + at);
        if (skip > 0) {
            at += skip;
            continue;
        }
        words[count++] = copy + at;
        while (copy[at] != '\0' && match_separator(copy + at) == 0)
            at++;
        if (copy[at] != '\0') {
            size_t skip_after = match_separator(copy + at);
            copy[at] = '\0';
            at += skip_after;
        }
    }
    return count;
}

/* The id of word, added when add is set (else -1 when unknown); BF_ENOMEM as a negative. */
static int64_t match_word_id(match_state *s, const char *word, int add)
{
    int64_t id = -1;
    if (string_map_find(&s->words, word, &id))
        return id;
    if (!add)
        return -1;
    size_t capacity = (size_t)s->word_capacity;
    if (match_grow((void **)&s->word_texts, &capacity, (size_t)s->word_count,
                   sizeof *s->word_texts) != BF_OK)
        return BF_ENOMEM;
    s->word_capacity = (int32_t)capacity;
    char *copy = strdup(word);
    if (copy == NULL || string_map_insert(&s->words, copy, s->word_count, NULL) != BF_OK) {
        free(copy);
        return BF_ENOMEM;
    }
    s->word_texts[s->word_count] = copy;
    return s->word_count++;
}

/* Adds word to words (count of them) unless there or full. */
static void match_words_add(int32_t *words, uint8_t *count, int32_t word)
{
    for (int i = 0; i < *count; i++)
        if (words[i] == word)
            return;
    if (*count < MATCH_WORDS_MAX)
        words[(*count)++] = word;
}

/* --- postings ------------------------------------------------------------------------------- */

static int match_keep_text(text_pool *pool, const char *text, size_t *offset)
{
    return text_pool_add(pool, text != NULL ? text : "", offset);
}

static int match_read_postings(match_state *s)
{
    char day[BF_DATE_TEXT_MAX];
    date_format(s->options->day, day);
    const char *params[] = {day};
    store_rows rows = {0};
    int rc = store_rows_open(
        s->st,
        "SELECT p.posting_code, p.title, COALESCE(o.name, p.employer), p.region, p.trade, "
        "p.pay_min, p.skills, p.age_min, p.age_max, p.sex, p.accommodation, p.phone FROM postings "
        "p "
        "LEFT JOIN orgs o ON o.org_code = p.employer WHERE p.state = 'open' AND p.openings > 0 "
        "AND (p.deadline IS NULL OR p.deadline >= ?) ORDER BY p.posting_code",
        params, 1, &rows, s->err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = match_grow_two((void **)&s->postings, sizeof *s->postings, (void **)&s->posting_texts,
                            sizeof *s->posting_texts, &s->posting_capacity, s->posting_count);
        if (rc != BF_OK) {
            rc = match_out_of_memory(s->err);
            break;
        }
        store_stmt *row = rows.stmt;
        match_posting *p = &s->postings[s->posting_count];
        posting_text *t = &s->posting_texts[s->posting_count];
        memset(p, 0, sizeof *p);
        snprintf(p->region, sizeof p->region, "%s", store_column_text(row, 3));
        p->pay_min = store_column_is_null(row, 5) ? 0 : store_column_int64(row, 5);
        p->age_min = store_column_is_null(row, 7) ? -1 : (int16_t)store_column_int64(row, 7);
        p->age_max = store_column_is_null(row, 8) ? -1 : (int16_t)store_column_int64(row, 8);
        const char *sex = store_column_text(row, 9);
        p->sex = sex == NULL                  ? 0
                 : strcmp(sex, "male") == 0   ? 1
                 : strcmp(sex, "female") == 0 ? 2
                                              : 0;
        p->accommodation = store_column_int64(row, 10) != 0;
        const char *skills = store_column_text(row, 6);
        char copy[MATCH_SKILLS_MAX];
        const char *words[MATCH_WORDS_MAX];
        int n = match_split(skills, copy, words);
        p->requires_skills = n > 0;
        for (int i = 0; i < n; i++) {
            int64_t id = match_word_id(s, words[i], 1);
            if (id < 0) {
                rc = BF_ENOMEM;
                break;
            }
            match_words_add(p->words, &p->word_count, (int32_t)id);
        }
        /* The trade's label (电工, 缝纫, ...) is a skill word of the posting too. */
        const char *trade = store_column_text(row, 4);
        int value = trade != NULL ? vocabulary_find(&s->trades, trade) : -1;
        if (rc == BF_OK && value >= 0) {
            int64_t id = match_word_id(s, s->trades.values[value].label, 1);
            if (id < 0)
                rc = BF_ENOMEM;
            else
                match_words_add(p->words, &p->word_count, (int32_t)id);
        }
        if (rc == BF_OK)
            rc = match_keep_text(&s->posting_pool, store_column_text(row, 0), &t->code);
        if (rc == BF_OK)
            rc = match_keep_text(&s->posting_pool, store_column_text(row, 1), &t->title);
        if (rc == BF_OK)
            rc = match_keep_text(&s->posting_pool, store_column_text(row, 2), &t->employer);
        if (rc == BF_OK)
            rc = match_keep_text(&s->posting_pool, skills, &t->skills);
        if (rc == BF_OK)
            rc = match_keep_text(&s->posting_pool, store_column_text(row, 11), &t->phone);
        if (rc == BF_ENOMEM) {
            rc = match_out_of_memory(s->err);
            break;
        }
        s->posting_count++;
    }
    store_rows_close(&rows);
    s->result->postings = (int64_t)s->posting_count;
    return rc < 0 ? rc : BF_OK;
}

/* --- laborers ------------------------------------------------------------------------------- */

/* The value index of a stored label in list v; -1 for empty, -2 for a word not in the list. */
static int match_value_of(const vocabulary *v, const char *label)
{
    if (label == NULL || label[0] == '\0')
        return -1;
    int index = v != NULL ? vocabulary_find(v, label) : -1;
    return index >= 0 ? index : -2;
}

/* True when value (match_value_of) is among the eligible. */
static int match_eligible(int value, vocabulary_values eligible, int none_ok)
{
    return value == -1 ? none_ok : value >= 0 && (eligible >> value & 1u) != 0;
}

/* Whole years from birth (ISO date text) to day; -1 when unreadable. */
static int match_age(const char *birth, bf_date day)
{
    bf_date born;
    if (birth == NULL || date_parse(birth, &born) != BF_OK)
        return -1;
    int age = day.year - born.year;
    if (day.month < born.month || (day.month == born.month && day.day < born.day))
        age--;
    return age;
}

/*
 * Reads the current row into the next laborer when the person is matched
 * (else leaves the count); BF_OK or an error.
 */
static int match_take_laborer(match_state *s, store_stmt *row)
{
    const match_weights *w = &s->weights;
    const vocabulary_set *lists = &s->lists;
    int ability =
        match_value_of(vocabulary_of(lists, PERSON_LABOR_ABILITY), store_column_text(row, 5));
    int status =
        match_value_of(vocabulary_of(lists, PERSON_EMPLOYMENT_STATUS), store_column_text(row, 6));
    if (!match_eligible(ability, w->eligible_ability, w->ability_none_ok) ||
        !match_eligible(status, w->eligible_status, w->status_none_ok))
        return BF_OK;
    if (!store_column_is_null(row, 10) && store_column_int64(row, 10) == 0)
        return BF_OK;
    const vocabulary *wishes = vocabulary_of(lists, PERSON_EMPLOYMENT_WISH);
    int wish_value = match_value_of(wishes, store_column_text(row, 7));
    const char *wish = wish_value >= 0 ? wishes->values[wish_value].code : "";
    if (strcmp(wish, "no") == 0)
        return BF_OK;
    int age = match_age(store_column_text(row, 3), s->options->day);
    if (age < 0)
        return BF_OK;
    if (match_grow_two((void **)&s->laborers, sizeof *s->laborers, (void **)&s->laborer_texts,
                       sizeof *s->laborer_texts, &s->laborer_capacity, s->laborer_count) != BF_OK)
        return match_out_of_memory(s->err);
    match_laborer *l = &s->laborers[s->laborer_count];
    laborer_text *t = &s->laborer_texts[s->laborer_count];
    memset(l, 0, sizeof *l);
    snprintf(l->region, sizeof l->region, "%s", store_column_text(row, 4));
    l->age = (int16_t)age;
    const char *sex = store_column_text(row, 2);
    l->sex = sex != NULL && strcmp(sex, "男") == 0 ? 1 : 2;
    l->wish = strcmp(wish, "local") == 0     ? MATCH_WISH_LOCAL
              : strcmp(wish, "migrant") == 0 ? MATCH_WISH_MIGRANT
                                             : MATCH_WISH_ANY;
    vocabulary_values difficulties = 0;
    const vocabulary *list = vocabulary_of(lists, PERSON_DIFFICULTIES);
    char bad[VOCABULARY_TEXT_MAX];
    if (s->cannot_leave >= 0 && list != NULL &&
        vocabulary_parse(list, store_column_text(row, 9), &difficulties, bad, sizeof bad) ==
            BF_OK &&
        (difficulties >> s->cannot_leave & 1u) != 0)
        l->wish = MATCH_WISH_CANNOT_LEAVE;
    char copy[MATCH_SKILLS_MAX];
    const char *words[MATCH_WORDS_MAX];
    int n = match_split(store_column_text(row, 8), copy, words);
    for (int i = 0; i < n; i++) {
        int64_t id = match_word_id(s, words[i], 0);
        if (id >= 0)
            match_words_add(l->words, &l->word_count, (int32_t)id);
    }
    if (text_pool_add(&s->laborer_pool, store_column_text(row, 0), &t->id_number) != BF_OK ||
        match_keep_text(&s->laborer_pool, store_column_text(row, 1), &t->name) != BF_OK ||
        match_keep_text(&s->laborer_pool, store_column_text(row, 11), &t->phone) != BF_OK)
        return match_out_of_memory(s->err);
    s->laborer_count++;
    s->result->laborers++;
    return BF_OK;
}

/* --- the list ------------------------------------------------------------------------------ */

/* Appends to out (size bytes, used so far *used) one part of the reasons. */
static void match_reason(char *out, size_t size, size_t *used, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void match_reason(char *out, size_t size, size_t *used, const char *format, ...)
{
    if (*used + 1 >= size)
        return;
    if (*used > 0) {
        int n = snprintf(out + *used, size - *used, "%s", BF_TR("；", "; "));
        *used = n < 0 || (size_t)n >= size - *used ? size - 1 : *used + (size_t)n;
    }
    va_list args;
    va_start(args, format);
    int n = vsnprintf(out + *used, size - *used, format, args);
    va_end(args);
    *used = n < 0 || (size_t)n >= size - *used ? size - 1 : *used + (size_t)n;
}

/* The reasons of hit (posting p for laborer l) in words, with the points of each part. */
static void match_reasons(const match_state *s, const match_posting *p, const posting_text *t,
                          const match_laborer *l, const match_hit *hit, char out[MATCH_REASONS_MAX])
{
    static const char *const classes_zh[MATCH_CLASS_COUNT] = {"同县", "同市外县", "同省外市",
                                                              "劳务协作地区", "外省"};
    static const char *const classes_en[MATCH_CLASS_COUNT] = {
        "same county", "same city", "same province", "labor-cooperation region", "other province"};
    static const char *const wishes_zh[MATCH_WISH_COUNT] = {"有就近就业意愿", "有外出务工意愿", "",
                                                            "无法外出"};
    static const char *const wishes_en[MATCH_WISH_COUNT] = {"wants work near home",
                                                            "wants work away", "", "cannot leave"};
    const match_weights *w = &s->weights;
    size_t used = 0;
    out[0] = '\0';
    const char *wish = BF_TR(wishes_zh[l->wish], wishes_en[l->wish]);
    match_reason(out, MATCH_REASONS_MAX, &used, "%s%s%s %+d", wish,
                 wish[0] != '\0' ? BF_TR("，", ", ") : "",
                 BF_TR(classes_zh[hit->match_class], classes_en[hit->match_class]),
                 w->distance[l->wish][hit->match_class]);
    if (hit->word >= 0)
        match_reason(out, MATCH_REASONS_MAX, &used,
                     BF_TR("技能对口（%s）%+d", "skill fits (%s) %+d"), s->word_texts[hit->word],
                     w->skill_match);
    else if (p->requires_skills)
        match_reason(out, MATCH_REASONS_MAX, &used,
                     BF_TR("缺少要求的技能（%s）%+d", "lacks the skills asked (%s) %+d"),
                     text_pool_at(&s->posting_pool, t->skills), w->skill_missing);
    if (p->pay_min > 0) {
        int64_t pay = p->pay_min < w->pay_cap_fen ? p->pay_min : w->pay_cap_fen;
        match_reason(out, MATCH_REASONS_MAX, &used,
                     BF_TR("月薪 %lld 元起 %+d", "pay from %lld yuan a month %+d"),
                     (long long)(p->pay_min / 100), (int)(pay * w->pay_per_thousand / 100000));
    }
    if (hit->match_class != MATCH_COUNTY && p->accommodation && w->accommodation_away > 0)
        match_reason(out, MATCH_REASONS_MAX, &used, BF_TR("提供食宿 %+d", "board and lodging %+d"),
                     w->accommodation_away);
}

/* Writes one row: laborer li (of the laborer arrays), posting pi, rank, hit. */
static int match_write_row(match_state *s, size_t li, size_t pi, int rank, const match_hit *hit)
{
    const match_posting *p = &s->postings[pi];
    const posting_text *t = &s->posting_texts[pi];
    const match_laborer *l = &s->laborers[li];
    const laborer_text *lt = &s->laborer_texts[li];
    char rank_text[MATCH_NUMBER_MAX], score[MATCH_NUMBER_MAX], reasons[MATCH_REASONS_MAX];
    snprintf(rank_text, sizeof rank_text, "%d", rank);
    snprintf(score, sizeof score, "%d", hit->score);
    match_reasons(s, p, t, l, hit, reasons);
    const char *cells[MATCH_COLUMNS] = {text_pool_at(&s->laborer_pool, lt->id_number),
                                        text_pool_at(&s->laborer_pool, lt->name),
                                        l->region,
                                        rank_text,
                                        text_pool_at(&s->posting_pool, t->code),
                                        text_pool_at(&s->posting_pool, t->title),
                                        text_pool_at(&s->posting_pool, t->employer),
                                        p->region,
                                        score,
                                        reasons};
    s->result->rows++;
    if (s->options->sink != NULL) {
        match_row out = {cells, text_pool_at(&s->laborer_pool, lt->phone),
                         text_pool_at(&s->posting_pool, t->phone), p->pay_min};
        return s->options->sink(s->options->sink_context, &out, s->err);
    }
    return table_writer_row(s->writer, cells, MATCH_COLUMNS, s->err);
}

/* Ranks the postings for the laborers of the chunk and writes their rows. */
static int match_flush_chunk(match_state *s, match_engine *engine, match_hit *hits, int *counts)
{
    int top = s->options->top;
    int rc = match_engine_rank(engine, s->laborers, s->laborer_count, top, hits, counts, s->err);
    for (size_t i = 0; i < s->laborer_count && rc == BF_OK; i++) {
        s->result->matched += counts[i] > 0;
        for (int k = 0; k < counts[i] && rc == BF_OK; k++) {
            const match_hit *hit = &hits[i * (size_t)top + (size_t)k];
            rc = match_write_row(s, i, (size_t)hit->index, k + 1, hit);
        }
    }
    s->laborer_count = 0;
    text_pool_clear(&s->laborer_pool);
    return rc;
}

/* Streams the people of the region; each chunk ranked, or all kept (reverse view). */
static int match_read_laborers(match_state *s, match_engine *engine, match_hit *hits, int *counts)
{
    char low[REGION_CODE_TEXT_MAX] = "0", high[REGION_CODE_TEXT_MAX] = "A";
    char day[BF_DATE_TEXT_MAX];
    if (s->options->region != NULL)
        region_code_range(s->options->region, low, high);
    date_format(s->options->day, day);
    const char *params[] = {low, high, day};
    store_rows rows = {0};
    int rc = store_rows_open(
        s->st,
        "SELECT p.id_number, p.name, p.sex, p.birth_date, p.hukou_region, p.labor_ability, "
        "p.employment_status, p.employment_wish, p.skills, p.difficulties, p.wants_job, p.phone "
        "FROM "
        "people "
        "p WHERE p.hukou_region >= ? AND p.hukou_region < ? AND NOT EXISTS (SELECT 1 FROM jobs j "
        "WHERE j.id_number = p.id_number AND (j.end_date IS NULL OR j.end_date >= ?)) ORDER BY "
        "p.hukou_region, p.id_number",
        params, 3, &rows, s->err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = match_take_laborer(s, rows.stmt);
        if (rc == BF_OK && engine != NULL && s->laborer_count == MATCH_CHUNK)
            rc = match_flush_chunk(s, engine, hits, counts);
    }
    store_rows_close(&rows);
    if (rc == BF_OK && engine != NULL && s->laborer_count > 0)
        rc = match_flush_chunk(s, engine, hits, counts);
    return rc < 0 ? rc : BF_OK;
}

/* The index of the open posting code, or BF_ENOTFOUND with err saying so. */
static int match_find_posting(match_state *s, const char *code, size_t *index)
{
    for (size_t i = 0; i < s->posting_count; i++)
        if (strcmp(text_pool_at(&s->posting_pool, s->posting_texts[i].code), code) == 0) {
            *index = i;
            return BF_OK;
        }
    return bf_error_set(s->err, BF_ENOTFOUND,
                        BF_TR("没有在招的岗位 %s（岗位编号不存在、已招满、已关闭或已过截止日期）",
                              "no open posting %s (unknown code, filled, closed or past its "
                              "deadline)"),
                        code);
}

/* The reverse view: the best laborers for open posting pi. */
static int match_posting_view(match_state *s, size_t pi)
{
    int rc = match_read_laborers(s, NULL, NULL, NULL);
    int top = s->options->top, used = 0;
    match_hit heap[MATCH_TOP_MAX];
    for (size_t i = 0; i < s->laborer_count && rc == BF_OK; i++) {
        match_hit hit;
        if (match_score(&s->weights, &s->postings[pi], &s->laborers[i], &hit)) {
            hit.index = (int32_t)i;
            match_heap_offer(heap, &used, top, &hit);
        }
    }
    match_heap_sort(heap, used);
    s->result->matched = used;
    for (int k = 0; k < used && rc == BF_OK; k++)
        rc = match_write_row(s, (size_t)heap[k].index, pi, k + 1, &heap[k]);
    return rc;
}

int match_run(store *st, const match_run_options *options, match_run_result *result, bf_error *err)
{
    match_state s;
    memset(&s, 0, sizeof s);
    memset(result, 0, sizeof *result);
    s.st = st;
    s.options = options;
    s.result = result;
    s.err = err;
    match_engine *engine = NULL;
    match_hit *hits = NULL;
    int *counts = NULL;
    int rc = vocabulary_set_load_default(&s.lists, err);
    if (rc == BF_OK)
        rc = vocabulary_load_list(&s.trades, NULL, "trade", err);
    if (rc == BF_OK)
        rc = match_weights_load(options->data_dir, &s.lists, &s.weights, err);
    if (rc != BF_OK)
        goto out;
    const vocabulary *difficulties = vocabulary_of(&s.lists, PERSON_DIFFICULTIES);
    s.cannot_leave = difficulties != NULL ? vocabulary_find(difficulties, "cannot_leave") : -1;
    rc = match_read_postings(&s);
    size_t posting = 0;
    if (rc == BF_OK && options->posting != NULL)
        rc = match_find_posting(&s, options->posting, &posting);
    if (rc == BF_OK && options->sink == NULL)
        rc = table_writer_open(options->out, &s.writer, err);
    if (rc == BF_OK && options->sink == NULL)
        rc = table_writer_row(s.writer, match_header, MATCH_COLUMNS, err);
    if (rc != BF_OK)
        goto out;
    if (options->posting != NULL) {
        rc = match_posting_view(&s, posting);
        goto out;
    }
    rc = match_engine_create(&s.weights, s.postings, s.posting_count, s.word_count, &engine, err);
    if (rc != BF_OK)
        goto out;
    hits = malloc((size_t)MATCH_CHUNK * (size_t)options->top * sizeof *hits);
    counts = malloc(MATCH_CHUNK * sizeof *counts);
    rc = hits != NULL && counts != NULL ? match_read_laborers(&s, engine, hits, counts)
                                        : match_out_of_memory(err);
out:;
    int closed = table_writer_close(s.writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    match_engine_free(engine);
    free(hits);
    free(counts);
    for (int32_t i = 0; i < s.word_count; i++)
        free(s.word_texts[i]);
    free(s.word_texts);
    string_map_free(&s.words);
    free(s.postings);
    free(s.posting_texts);
    free(s.laborers);
    free(s.laborer_texts);
    text_pool_free(&s.posting_pool);
    text_pool_free(&s.laborer_pool);
    vocabulary_free(&s.trades);
    vocabulary_set_free(&s.lists);
    return rc;
}
