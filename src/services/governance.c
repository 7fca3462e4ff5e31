/*
 * governance.c - the flags of the 乡村公益性岗位 (governance.h).
 *
 * The posts of the region, the spells naming them and the cadres are read
 * into memory (a county's posts are thousands, a province's a few hundred
 * thousand); the pay records are streamed into two hash sets keyed by
 * (post, person, month): the months paid in full, and those paid short with
 * their amounts.  Then each post's spells, sorted by person, are checked.
 */
#include "services/governance.h"

#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "services/monitor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest name, post code, role or household number kept, terminator included. */
#define GOVERNANCE_TEXT_MAX 128
/* Longest evidence text, terminator included. */
#define GOVERNANCE_EVIDENCE_MAX 1024
/* Most items of one kind read (posts, spells, cadres, short payments, flags). */
#define GOVERNANCE_ITEMS_MAX 50000000

static const char *const governance_flag_words[] = {
#define GOVERNANCE_FLAG_WORDS(code, zh) zh,
    GOVERNANCE_FLAG_MAP(GOVERNANCE_FLAG_WORDS)};

typedef struct governance_post {
    char code[GOVERNANCE_TEXT_MAX], name[GOVERNANCE_TEXT_MAX];
    char village[REGION_CODE_TEXT_MAX];
    int64_t monthly_pay; /* fen, -1 when not known */
} governance_post;

typedef struct governance_spell {
    int post;
    char id[24], name[GOVERNANCE_TEXT_MAX], household[GOVERNANCE_TEXT_MAX];
    char start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX]; /* end "" while held */
} governance_spell;

typedef struct governance_cadre {
    char id[24], name[GOVERNANCE_TEXT_MAX], role[GOVERNANCE_TEXT_MAX];
    char village[REGION_CODE_TEXT_MAX], household[GOVERNANCE_TEXT_MAX];
    char start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX]; /* "" when not known */
} governance_cadre;

typedef struct governance_short {
    int64_t due, paid; /* paid -1: not paid at all */
} governance_short;

typedef struct governance_row {
    int post;
    governance_flag flag;
    char id[24], name[GOVERNANCE_TEXT_MAX], household[GOVERNANCE_TEXT_MAX];
    char evidence[GOVERNANCE_EVIDENCE_MAX];
} governance_row;

/* Everything one inspection reads and finds. */
typedef struct governance_state {
    governance_post *posts;
    governance_spell *spells;
    governance_cadre *cadres;
    governance_short *shorts;
    governance_row *rows;
    int post_count, spell_count, cadre_count, short_count, row_count;
    int post_capacity, spell_capacity, cadre_capacity, short_capacity, row_capacity;
    int_map paid_in_full; /* key of (post, person, month) -> 1 */
    int_map paid_short;   /* key -> index of shorts */
} governance_state;

/* Makes room for one more item of size bytes; BF_ENOMEM or BF_ETOOBIG. */
static int governance_grow(void **items, int *capacity, int count, size_t size)
{
    if (count < *capacity)
        return BF_OK;
    if (count >= GOVERNANCE_ITEMS_MAX)
        return BF_ETOOBIG;
    int grown = *capacity == 0 ? 256 : *capacity * 2;
    void *more = realloc(*items, (size_t)grown * size);
    if (more == NULL)
        return BF_ENOMEM;
    *items = more;
    *capacity = grown;
    return BF_OK;
}

#define GOVERNANCE_ADD(state, kind, out)                                                           \
    governance_grow((void **)&(state)->kind##s, &(state)->kind##_capacity, (state)->kind##_count,  \
                    sizeof *(state)->kind##s) == BF_OK                                             \
        ? ((out) = &(state)->kind##s[(state)->kind##_count++], BF_OK)                              \
        : BF_ENOMEM

static void governance_copy(char *out, size_t size, const char *text)
{
    snprintf(out, size, "%s", text != NULL ? text : "");
}

/* FNV-1a of "post|person|month": the key of a month's pay (a collision would need 2^32 records). */
static uint64_t governance_pay_key(const char *post, const char *id, int month)
{
    uint64_t hash = 14695981039346656037ULL;
    char text[GOVERNANCE_TEXT_MAX + 48];
    snprintf(text, sizeof text, "%s|%s|%d", post, id, month);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        hash = (hash ^ *c) * 1099511628211ULL;
    return hash != 0 ? hash : 1; /* int_map keys are non-zero */
}

static int governance_post_compare(const void *a, const void *b)
{
    return strcmp(((const governance_post *)a)->code, ((const governance_post *)b)->code);
}

static int governance_find_post(const governance_state *s, const char *code)
{
    governance_post key = {.monthly_pay = 0};
    if (s->post_count == 0)
        return -1; /* bsearch must not be given a NULL array */
    governance_copy(key.code, sizeof key.code, code);
    const governance_post *found =
        bsearch(&key, s->posts, (size_t)s->post_count, sizeof key, governance_post_compare);
    return found != NULL ? (int)(found - s->posts) : -1;
}

static int governance_spell_compare(const void *a, const void *b)
{
    const governance_spell *x = a, *y = b;
    if (x->post != y->post)
        return x->post < y->post ? -1 : 1;
    int c = strcmp(x->id, y->id);
    return c != 0 ? c : strcmp(x->start, y->start);
}

static int governance_cadre_compare(const void *a, const void *b)
{
    return strcmp(((const governance_cadre *)a)->village, ((const governance_cadre *)b)->village);
}

/* Reads posts, spells, cadres and pay records. */
static int governance_read(store *st, governance_state *s, const char *region, const char *day,
                           bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    monitor_region_range(region, low, high);
    const char *range[] = {low, high};
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             "SELECT post_code, name, village, monthly_pay FROM posts WHERE "
                             "village >= ? AND village < ?",
                             range, 2, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        governance_post *p = NULL;
        if ((rc = GOVERNANCE_ADD(s, post, p)) != BF_OK)
            break;
        governance_copy(p->code, sizeof p->code, store_column_text(rows.stmt, 0));
        governance_copy(p->name, sizeof p->name, store_column_text(rows.stmt, 1));
        governance_copy(p->village, sizeof p->village, store_column_text(rows.stmt, 2));
        p->monthly_pay = store_column_is_null(rows.stmt, 3) ? -1 : store_column_int64(rows.stmt, 3);
    }
    store_rows_close(&rows);
    if (rc < 0)
        goto out;
    if (s->post_count > 1)
        qsort(s->posts, (size_t)s->post_count, sizeof *s->posts, governance_post_compare);
    const char *until[] = {day};
    rc = store_rows_open(st,
                         "SELECT j.post, j.id_number, COALESCE(p.name, ''), "
                         "COALESCE(p.household_id, ''), j.start_date, COALESCE(j.end_date, '') "
                         "FROM jobs j LEFT JOIN people p ON p.id_number = j.id_number WHERE "
                         "j.post IS NOT NULL AND j.start_date <= ?",
                         until, 1, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        int post = governance_find_post(s, store_column_text(rows.stmt, 0));
        governance_spell *p = NULL;
        if (post < 0)
            continue;
        if ((rc = GOVERNANCE_ADD(s, spell, p)) != BF_OK)
            break;
        p->post = post;
        governance_copy(p->id, sizeof p->id, store_column_text(rows.stmt, 1));
        governance_copy(p->name, sizeof p->name, store_column_text(rows.stmt, 2));
        governance_copy(p->household, sizeof p->household, store_column_text(rows.stmt, 3));
        governance_copy(p->start, sizeof p->start, store_column_text(rows.stmt, 4));
        governance_copy(p->end, sizeof p->end, store_column_text(rows.stmt, 5));
    }
    store_rows_close(&rows);
    if (rc < 0)
        goto out;
    if (s->spell_count > 1)
        qsort(s->spells, (size_t)s->spell_count, sizeof *s->spells, governance_spell_compare);
    rc = store_rows_open(st,
                         "SELECT id_number, name, role, village, COALESCE(household_id, ''), "
                         "COALESCE(start_date, ''), COALESCE(end_date, '') FROM cadres WHERE "
                         "village >= ? AND village < ?",
                         range, 2, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        governance_cadre *c = NULL;
        if ((rc = GOVERNANCE_ADD(s, cadre, c)) != BF_OK)
            break;
        governance_copy(c->id, sizeof c->id, store_column_text(rows.stmt, 0));
        governance_copy(c->name, sizeof c->name, store_column_text(rows.stmt, 1));
        governance_copy(c->role, sizeof c->role, store_column_text(rows.stmt, 2));
        governance_copy(c->village, sizeof c->village, store_column_text(rows.stmt, 3));
        governance_copy(c->household, sizeof c->household, store_column_text(rows.stmt, 4));
        governance_copy(c->start, sizeof c->start, store_column_text(rows.stmt, 5));
        governance_copy(c->end, sizeof c->end, store_column_text(rows.stmt, 6));
    }
    store_rows_close(&rows);
    if (rc < 0)
        goto out;
    if (s->cadre_count > 1)
        qsort(s->cadres, (size_t)s->cadre_count, sizeof *s->cadres, governance_cadre_compare);
    rc = store_rows_open(st, "SELECT post, id_number, month, amount_due, amount_paid FROM post_pay",
                         NULL, 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *post = store_column_text(rows.stmt, 0);
        int month = 0;
        if (governance_find_post(s, post) < 0 ||
            date_month_parse(store_column_text(rows.stmt, 2), &month) != BF_OK)
            continue;
        uint64_t key = governance_pay_key(post, store_column_text(rows.stmt, 1), month);
        int64_t due = store_column_int64(rows.stmt, 3);
        int64_t paid = store_column_is_null(rows.stmt, 4) ? -1 : store_column_int64(rows.stmt, 4);
        if (paid >= due) {
            rc = int_map_set(&s->paid_in_full, key, 1);
            continue;
        }
        governance_short *p = NULL;
        if ((rc = GOVERNANCE_ADD(s, short, p)) != BF_OK)
            break;
        p->due = due;
        p->paid = paid;
        rc = int_map_set(&s->paid_short, key, s->short_count - 1);
    }
    store_rows_close(&rows);
out:
    if (rc == BF_ENOMEM || rc == BF_ETOOBIG)
        bf_error_set(err, rc, "%s", bf_strerror(rc));
    return rc < 0 ? rc : BF_OK;
}

/* Appends a flag; its evidence is filled by the caller. */
static governance_row *governance_flag_add(governance_state *s, int post, governance_flag flag,
                                           const governance_spell *holder)
{
    governance_row *row = NULL;
    if (GOVERNANCE_ADD(s, row, row) != BF_OK)
        return NULL;
    memset(row, 0, sizeof *row);
    row->post = post;
    row->flag = flag;
    if (holder != NULL) {
        governance_copy(row->id, sizeof row->id, holder->id);
        governance_copy(row->name, sizeof row->name, holder->name);
        governance_copy(row->household, sizeof row->household, holder->household);
    }
    return row;
}

/* Appends formatted text to evidence, ending in "…" when it no longer fits. */
static void governance_say(governance_row *row, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static void governance_say(governance_row *row, const char *format, ...)
{
    size_t used = strlen(row->evidence);
    va_list args;
    va_start(args, format);
    int n = vsnprintf(row->evidence + used, sizeof row->evidence - used, format, args);
    va_end(args);
    if (n >= 0 && (size_t)n >= sizeof row->evidence - used) {
        static const char more[] = "…";
        memcpy(row->evidence + sizeof row->evidence - sizeof more, more, sizeof more);
    }
}

static int governance_held_on(const governance_spell *spell, const char *day)
{
    return strcmp(spell->start, day) <= 0 &&
           (spell->end[0] == '\0' || strcmp(spell->end, day) >= 0);
}

/* 优亲厚友: holders on the day who are cadres of the village or of a cadre's household. */
static int governance_check_cadres(governance_state *s, const char *day)
{
    if (s->cadre_count == 0)
        return BF_OK; /* bsearch must not be given a NULL array */
    for (int i = 0; i < s->spell_count; i++) {
        const governance_spell *spell = &s->spells[i];
        const governance_post *post = &s->posts[spell->post];
        if (!governance_held_on(spell, day))
            continue;
        governance_cadre key = {.id = ""};
        governance_copy(key.village, sizeof key.village, post->village);
        const governance_cadre *found =
            bsearch(&key, s->cadres, (size_t)s->cadre_count, sizeof key, governance_cadre_compare);
        if (found == NULL)
            continue;
        while (found > s->cadres && strcmp(found[-1].village, post->village) == 0)
            found--;
        governance_row *row = NULL;
        for (; found < s->cadres + s->cadre_count && strcmp(found->village, post->village) == 0;
             found++) {
            int in_office = (found->start[0] == '\0' || strcmp(found->start, day) <= 0) &&
                            (found->end[0] == '\0' || strcmp(found->end, day) >= 0);
            int self = strcmp(found->id, spell->id) == 0;
            int household =
                spell->household[0] != '\0' && strcmp(found->household, spell->household) == 0;
            if (!in_office || (!self && !household))
                continue;
            if (row == NULL && (row = governance_flag_add(
                                    s, spell->post, GOVERNANCE_favoritism_cadre, spell)) == NULL)
                return BF_ENOMEM;
            if (self)
                governance_say(row,
                               BF_TR("持岗人本人为本村%s；", "the holder is the village's %s; "),
                               found->role);
            else
                governance_say(row,
                               BF_TR("与本村%s %s（%s）同户（户编号 %s）；",
                                     "same household as the village's %s %s (%s, household %s); "),
                               found->role, found->name, found->id, spell->household);
        }
    }
    return BF_OK;
}

static int governance_household_compare(const void *a, const void *b, void *context)
{
    const governance_state *s = context;
    const governance_spell *x = &s->spells[*(const int *)a], *y = &s->spells[*(const int *)b];
    int c = strcmp(x->household, y->household);
    return c != 0 ? c : strcmp(s->posts[x->post].code, s->posts[y->post].code);
}

/* 优亲厚友: households holding two or more posts on the day. */
static int governance_check_households(governance_state *s, const char *day)
{
    int *held = malloc(((size_t)s->spell_count + 1) * sizeof *held), count = 0;
    if (held == NULL)
        return BF_ENOMEM;
    for (int i = 0; i < s->spell_count; i++)
        if (s->spells[i].household[0] != '\0' && governance_held_on(&s->spells[i], day))
            held[count++] = i;
    qsort_r(held, (size_t)count, sizeof *held, governance_household_compare, s);
    int rc = BF_OK;
    for (int first = 0; first < count && rc == BF_OK;) {
        int last = first, posts = 1;
        const char *household = s->spells[held[first]].household;
        while (last + 1 < count && strcmp(s->spells[held[last + 1]].household, household) == 0) {
            posts += s->spells[held[last + 1]].post != s->spells[held[last]].post;
            last++;
        }
        for (int k = first; posts >= 2 && k <= last; k++) {
            const governance_spell *spell = &s->spells[held[k]];
            governance_row *row =
                governance_flag_add(s, spell->post, GOVERNANCE_favoritism_household, spell);
            if (row == NULL) {
                rc = BF_ENOMEM;
                break;
            }
            governance_say(row,
                           BF_TR("户 %s 同时持有 %d 个岗位：", "household %s holds %d posts: "),
                           household, posts);
            for (int m = first; m <= last; m++)
                governance_say(row, "%s%s %s", m > first ? BF_TR("、", ", ") : "",
                               s->posts[s->spells[held[m]].post].code, s->spells[held[m]].name);
        }
        first = last + 1;
    }
    free(held);
    return rc;
}

static int governance_start_compare(const void *a, const void *b, void *context)
{
    const governance_spell *spells = context;
    const governance_spell *x = &spells[*(const int *)a], *y = &spells[*(const int *)b];
    int c = strcmp(x->start, y->start);
    return c != 0 ? c : strcmp(x->id, y->id);
}

/* The checks of one post: its spells are first..last, order[0..) them by start. */
static int governance_check_post(governance_state *s, const governance_post *p, int post, int first,
                                 int last, const int *order, const char *since, const char *day,
                                 int holders_max, int cutoff)
{
    int n = last - first + 1;
    {
        /* frequent change: distinct holders in the window */
        int holders = 0;
        for (int k = first; k <= last; k++) {
            const governance_spell *x = &s->spells[k];
            int in_window = x->end[0] == '\0' || strcmp(x->end, since) >= 0;
            int new_person = k == first || strcmp(x->id, s->spells[k - 1].id) != 0;
            if (in_window && (new_person || holders == 0))
                holders++;
        }
        if (holders > holders_max) {
            governance_row *row = governance_flag_add(s, post, GOVERNANCE_rotation_frequent, NULL);
            if (row == NULL)
                return BF_ENOMEM;
            governance_say(
                row,
                BF_TR("%s 至 %s 共 %d 人在岗（上限 %d）：", "%s to %s: %d holders (at most %d): "),
                since, day, holders, holders_max);
            for (int k = 0, said = 0; k < n; k++) {
                const governance_spell *x = &s->spells[order[k]];
                if (x->end[0] == '\0' || strcmp(x->end, since) >= 0)
                    governance_say(row, "%s%s %s—%s", said++ ? BF_TR("、", ", ") : "", x->name,
                                   x->start, x->end[0] ? x->end : BF_TR("今", "now"));
            }
        }
        /* one household in turn: two people of one household held the post */
        for (int k = first; k <= last; k++) {
            const governance_spell *x = &s->spells[k];
            int earlier = 0, members = 0;
            for (int m = first; m <= last && x->household[0] != '\0'; m++) {
                const governance_spell *y = &s->spells[m];
                if (strcmp(y->household, x->household) != 0)
                    continue;
                if (m < k)
                    earlier = 1;
                members += m == first || strcmp(y->id, s->spells[m - 1].id) != 0 ||
                           strcmp(s->spells[m - 1].household, x->household) != 0;
            }
            if (earlier || members < 2)
                continue;
            governance_row *row = governance_flag_add(s, post, GOVERNANCE_rotation_household, NULL);
            if (row == NULL)
                return BF_ENOMEM;
            governance_copy(row->household, sizeof row->household, x->household);
            governance_say(
                row,
                BF_TR("户 %s 的 %d 人先后在岗：", "household %s: %d members held it in turn: "),
                x->household, members);
            for (int m = 0, said = 0; m < n; m++) {
                const governance_spell *y = &s->spells[order[m]];
                if (strcmp(y->household, x->household) == 0)
                    governance_say(row, "%s%s %s—%s", said++ ? BF_TR("、", ", ") : "", y->name,
                                   y->start, y->end[0] ? y->end : BF_TR("今", "now"));
            }
        }
        /* arrears: per holder, the months of the spells up to the cutoff */
        for (int k = first; k <= last;) {
            int end_k = k;
            while (end_k + 1 <= last && strcmp(s->spells[end_k + 1].id, s->spells[k].id) == 0)
                end_k++;
            governance_row *row = NULL;
            int months = 0;
            int64_t due_total = 0, paid_total = 0;
            int previous = -1;
            for (int m = k; m <= end_k; m++) {
                bf_date start, end;
                int from = date_parse(s->spells[m].start, &start) == BF_OK ? date_month_index(start)
                                                                           : cutoff + 1;
                int to = s->spells[m].end[0] != '\0' && date_parse(s->spells[m].end, &end) == BF_OK
                             ? date_month_index(end)
                             : cutoff;
                if (from <= previous)
                    from = previous + 1;
                for (int month = from; month <= to && month <= cutoff; month++) {
                    uint64_t key = governance_pay_key(p->code, s->spells[m].id, month);
                    int64_t index = -1;
                    if (int_map_find(&s->paid_in_full, key, &index))
                        continue;
                    int recorded = int_map_find(&s->paid_short, key, &index);
                    int64_t due = recorded ? s->shorts[index].due : p->monthly_pay;
                    int64_t paid =
                        recorded && s->shorts[index].paid > 0 ? s->shorts[index].paid : 0;
                    if (row == NULL && (row = governance_flag_add(s, post, GOVERNANCE_arrears,
                                                                  &s->spells[m])) == NULL)
                        return BF_ENOMEM;
                    char month_text[BF_MONTH_TEXT_MAX], due_text[MONEY_TEXT_MAX],
                        paid_text[MONEY_TEXT_MAX];
                    date_month_format(month, month_text);
                    money_format(due > 0 ? due : 0, due_text);
                    money_format(paid, paid_text);
                    if (recorded)
                        governance_say(row, BF_TR("%s%s 应发 %s 实发 %s", "%s%s due %s paid %s"),
                                       months ? BF_TR("；", "; ") : "", month_text, due_text,
                                       paid_text);
                    else
                        governance_say(
                            row, BF_TR("%s%s 应发 %s 无发放记录", "%s%s due %s no pay record"),
                            months ? BF_TR("；", "; ") : "", month_text, due_text);
                    months++;
                    due_total += due > 0 ? due : 0;
                    paid_total += paid;
                }
                if (to > previous)
                    previous = to;
            }
            if (row != NULL) {
                char head[GOVERNANCE_EVIDENCE_MAX], due_text[MONEY_TEXT_MAX],
                    owed_text[MONEY_TEXT_MAX];
                money_format(due_total, due_text);
                money_format(due_total - paid_total, owed_text);
                snprintf(head, sizeof head,
                         BF_TR("%d 个月未足额发放，应发 %s 元，欠 %s 元：%s",
                               "%d months not paid in full, due %s, owed %s: %s"),
                         months, due_text, owed_text, row->evidence);
                governance_copy(row->evidence, sizeof row->evidence, head);
            }
            k = end_k + 1;
        }
    }
    return BF_OK;
}

/* 轮流坐庄 and 拖欠, post by post (its spells are together, sorted by person and start). */
static int governance_check_posts(governance_state *s, const monitor_settings *settings,
                                  bf_date as_of, const char *day)
{
    int window = (int)settings->values[MONITOR_rotation_window_months];
    int holders_max = (int)settings->values[MONITOR_rotation_holders_max];
    int cutoff = date_month_index(as_of) - (int)settings->values[MONITOR_arrears_grace_months];
    bf_date window_day = date_add_months(as_of, -window);
    char since[BF_DATE_TEXT_MAX];
    date_format(window_day, since);
    /* the spells of a post in the order they started, for the evidence */
    int *order = malloc(((size_t)s->spell_count + 1) * sizeof *order);
    if (order == NULL)
        return BF_ENOMEM;
    int rc = BF_OK;
    for (int first = 0; first < s->spell_count && rc == BF_OK;) {
        int post = s->spells[first].post, last = first;
        while (last + 1 < s->spell_count && s->spells[last + 1].post == post)
            last++;
        const governance_post *p = &s->posts[post];
        int n = last - first + 1;
        for (int k = 0; k < n; k++)
            order[k] = first + k;
        qsort_r(order, (size_t)n, sizeof *order, governance_start_compare, s->spells);
        rc = governance_check_post(s, p, post, first, last, order, since, day, holders_max, cutoff);
        first = last + 1;
    }
    free(order);
    return rc;
}

static int governance_row_compare(const void *a, const void *b, void *context)
{
    const governance_state *s = context;
    const governance_row *x = a, *y = b;
    int c = strcmp(s->posts[x->post].village, s->posts[y->post].village);
    if (c == 0)
        c = strcmp(s->posts[x->post].code, s->posts[y->post].code);
    if (c == 0)
        c = (int)x->flag - (int)y->flag;
    if (c == 0)
        c = strcmp(x->id, y->id);
    return c != 0 ? c : strcmp(x->household, y->household);
}

int governance_inspect(store *st, const monitor_settings *settings, bf_date as_of,
                       const char *region, table_output_format format, const char *out,
                       int64_t *written, int64_t counts[GOVERNANCE_FLAG_COUNT], bf_error *err)
{
    governance_state s;
    memset(&s, 0, sizeof s);
    table_output *output = NULL;
    char day[BF_DATE_TEXT_MAX];
    date_format(as_of, day);
    *written = 0;
    int rc = governance_read(st, &s, region, day, err);
    if (rc == BF_OK)
        rc = governance_check_cadres(&s, day);
    if (rc == BF_OK)
        rc = governance_check_households(&s, day);
    if (rc == BF_OK)
        rc = governance_check_posts(&s, settings, as_of, day);
    if (rc == BF_ENOMEM && !err->message[0])
        bf_error_set(err, rc, "%s", bf_strerror(rc));
    if (rc == BF_OK && s.row_count > 1)
        qsort_r(s.rows, (size_t)s.row_count, sizeof *s.rows, governance_row_compare, &s);
    static const char *const header[] = {"乡镇代码", "乡镇名称", "村代码", "村名称",
                                         "岗位编号", "岗位名称", "问题",   "证件号码",
                                         "姓名",     "户编号",   "证据",   "检查日期"};
    if (rc == BF_OK)
        rc = table_output_open(out, format, header, 12, &output, err);
    char township[REGION_CODE_TEXT_MAX] = "", township_name[GOVERNANCE_TEXT_MAX] = "",
         village[REGION_CODE_TEXT_MAX] = "", village_name[GOVERNANCE_TEXT_MAX] = "";
    for (int r = 0; rc == BF_OK && r < s.row_count; r++) {
        const governance_row *row = &s.rows[r];
        const governance_post *post = &s.posts[row->post];
        if (strcmp(village, post->village) != 0) {
            char code[REGION_CODE_TEXT_MAX];
            region_code_ancestor(post->village, REGION_LEVEL_TOWNSHIP, code);
            if (strcmp(code, township) != 0) {
                governance_copy(township, sizeof township, code);
                monitor_region_name(st, township, township_name, sizeof township_name);
            }
            governance_copy(village, sizeof village, post->village);
            monitor_region_name(st, village, village_name, sizeof village_name);
        }
        const char *cells[] = {township,
                               township_name,
                               village,
                               village_name,
                               post->code,
                               post->name,
                               governance_flag_words[row->flag],
                               row->id,
                               row->name,
                               row->household,
                               row->evidence,
                               day};
        rc = table_output_row(output, cells, err);
        (*written)++;
        if (counts != NULL)
            counts[row->flag]++;
    }
    int closed = table_output_close(output, rc == BF_OK, rc == BF_OK ? err : NULL);
    free(s.posts);
    free(s.spells);
    free(s.cadres);
    free(s.shorts);
    free(s.rows);
    int_map_free(&s.paid_in_full);
    int_map_free(&s.paid_short);
    return rc != BF_OK ? rc : closed;
}
