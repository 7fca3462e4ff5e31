/*
 * match.h - ranking open job postings for laborers (`bangfu match`, issue 14
 * item 2): the weights (data/match_weights.tsv, data/labor_pairs.tsv), the
 * score of one posting for one laborer, and the engine that finds the best
 * few postings of each of a million laborers without scoring every pair.
 *
 * A posting's score for a laborer is the sum of
 *   distance[wish][class]      class of the work place against the hukou (same
 *                              county, city, province, a labor-cooperation
 *                              pair, other), by the laborer's wish (就近,
 *                              外出, any; 无法外出 overrides); "-" excludes
 *   skill.match / skill.missing a word of the laborer's 技能 among the posting's
 *                              (技能要求 and 工种): match; else, when the posting
 *                              asks for skills, missing
 *   pay                        pay.per_thousand per 1000 yuan of 月薪下限, capped
 *   accommodation.away         提供食宿 at a work place outside the county
 * and age and sex limits are hard: a posting the laborer is too young, too old
 * or of the wrong sex for is never proposed, nor one scoring below min_score.
 * Ties go to the smaller posting index (callers index postings by code).
 *
 * The engine (match_engine_rank) groups laborers by county: the class of
 * every posting depends only on the county, so per county it lays the
 * postings out by class, each class ordered by the part of the score that is
 * the posting's own (pay, accommodation, skill.missing), and per class and
 * skill word ordered by the score with skill.match.  A laborer's best postings
 * are then the first few of each list that pass the age and sex limits: it
 * scans each list from the top into a bounded heap and stops as soon as the
 * next entry cannot enter it (this needs skill.match >= 0 >= skill.missing,
 * which loading checks).  The cost is the postings times the counties plus a
 * few dozen entries per laborer, never laborers times postings.
 *
 * Ownership: weights and postings are the caller's values; an engine keeps
 * pointers to both (they must outlive it) and owns its lists.
 */
#ifndef BANGFU_SERVICES_MATCH_H
#define BANGFU_SERVICES_MATCH_H

#include "core/error.h"
#include "core/region_code.h"
#include "registry/vocabulary.h"

#include <stddef.h>
#include <stdint.h>

/* Most postings proposed per laborer (--top). */
#define MATCH_TOP_MAX 100
/* Most skill words of one posting or laborer (more are ignored). */
#define MATCH_WORDS_MAX 8
/* Most labor-cooperation pairs. */
#define MATCH_PAIRS_MAX 64
/* Longest basis (document and clause) of a pair kept, terminator included. */
#define MATCH_PAIR_BASIS_MAX 256
/* Longest line of a weights or pairs file. */
#define MATCH_LINE_MAX 2048
/* Longest path of a data file. */
#define MATCH_PATH_MAX 4096
/* The distance weight of an excluded class. */
#define MATCH_EXCLUDED INT32_MIN

/* Where the work place lies against the hukou. */
typedef enum match_class {
    MATCH_COUNTY,   /* same county (first 6 digits) */
    MATCH_CITY,     /* same city (4 digits), other county */
    MATCH_PROVINCE, /* same province (2 digits), other city */
    MATCH_PAIRED,   /* a labor-cooperation pair, other province */
    MATCH_OTHER,    /* anywhere else */
    MATCH_CLASS_COUNT
} match_class;

/* What the laborer wants, for the distance weights. */
typedef enum match_wish {
    MATCH_WISH_LOCAL,        /* 有就近就业意愿 */
    MATCH_WISH_MIGRANT,      /* 有外出务工意愿 */
    MATCH_WISH_ANY,          /* another wish or none said */
    MATCH_WISH_CANNOT_LEAVE, /* 就业困难 无法外出, whatever the wish */
    MATCH_WISH_COUNT
} match_wish;

/* One labor-cooperation pair: canonical codes of county level or above. */
typedef struct match_pair {
    char a[REGION_CODE_TEXT_MAX];
    char b[REGION_CODE_TEXT_MAX];
    char basis[MATCH_PAIR_BASIS_MAX]; /* the document and clause that pair them, "" when none */
} match_pair;

typedef struct match_weights {
    int32_t distance[MATCH_WISH_COUNT][MATCH_CLASS_COUNT]; /* MATCH_EXCLUDED: never */
    int32_t skill_match;                                   /* >= 0 */
    int32_t skill_missing;                                 /* <= 0 */
    int32_t pay_per_thousand;                              /* points per 1000 yuan */
    int64_t pay_cap_fen;                                   /* pay counted up to this */
    int32_t accommodation_away;                            /* >= 0 */
    int32_t min_score;
    vocabulary_values eligible_ability; /* labor_ability.tsv values matched */
    int ability_none_ok;                /* an empty 劳动能力 is matched */
    vocabulary_values eligible_status;  /* employment_status.tsv values matched */
    int status_none_ok;                 /* an empty 就业状态 is matched */
    match_pair pairs[MATCH_PAIRS_MAX];
    int pair_count;
} match_weights;

/*
 * Finds the data directory (option, else $BANGFU_DATA, else data/ here or
 * near the binary) and loads match_weights.tsv and labor_pairs.tsv into *w;
 * the eligibility codes are checked against lists (the 四清 vocabularies).
 * Errors name the file and line.
 */
int match_weights_load(const char *option, const vocabulary_set *lists, match_weights *w,
                       bf_error *err);

/* One open posting as the matcher sees it. */
typedef struct match_posting {
    char region[REGION_CODE_TEXT_MAX]; /* work place, canonical */
    int64_t pay_min;                   /* fen, 0 when not said */
    int16_t age_min, age_max;          /* -1 when not said */
    uint8_t sex;                       /* 0 any, 1 men (男), 2 women (女) */
    uint8_t accommodation;             /* 1: 提供食宿 */
    uint8_t requires_skills;           /* 1: 技能要求 not empty */
    uint8_t word_count;
    int32_t words[MATCH_WORDS_MAX]; /* skill word ids (技能要求, then 工种) */
} match_posting;

/* One laborer to match. */
typedef struct match_laborer {
    char region[REGION_CODE_TEXT_MAX]; /* hukou, canonical */
    int16_t age;                       /* whole years at the matching day */
    uint8_t sex;                       /* 1 男, 2 女 */
    uint8_t wish;                      /* a match_wish */
    uint8_t word_count;
    int32_t words[MATCH_WORDS_MAX]; /* skill word ids (words no posting has are left out) */
} match_laborer;

/* One proposed posting (or, in the reverse view, laborer). */
typedef struct match_hit {
    int32_t index; /* the posting's (or laborer's) index */
    int32_t score;
    uint8_t match_class; /* a match_class */
    int32_t word;        /* the skill word matched, -1 for none */
} match_hit;

/* The class of a work place for a hukou. */
match_class match_class_of(const match_weights *w, const char *hukou, const char *work_place);

/*
 * The score of posting p for laborer l: 1 with *hit filled (index = -1) when
 * it may be proposed, 0 when a limit, an excluded class or min_score rules it
 * out.  The plain definition the engine must agree with.
 */
int match_score(const match_weights *w, const match_posting *p, const match_laborer *l,
                match_hit *hit);

/* True when a is ranked before b (higher score, then smaller index). */
static inline int match_hit_before(const match_hit *a, const match_hit *b)
{
    return a->score > b->score || (a->score == b->score && a->index < b->index);
}

typedef struct match_engine match_engine;

/* An engine over count postings (word ids below word_count).  BF_OK or BF_ENOMEM. */
int match_engine_create(const match_weights *w, const match_posting *postings, size_t count,
                        int32_t word_count, match_engine **out, bf_error *err);

/*
 * Ranks the postings for each of count laborers: hits[i * top ...] receive
 * the best top (<= MATCH_TOP_MAX) in order, hit_counts[i] how many there are.
 * Laborers in runs of one county cost least (the lists of the last county are
 * kept).  BF_OK or BF_ENOMEM.
 */
int match_engine_rank(match_engine *e, const match_laborer *laborers, size_t count, int top,
                      match_hit *hits, int *hit_counts, bf_error *err);

void match_engine_free(match_engine *e);

/*
 * Keeps the best top hits seen in heap (a min-heap of *used entries, the
 * worst first): hit enters when there is room or it ranks before the worst.
 */
void match_heap_offer(match_hit *heap, int *used, int top, const match_hit *hit);

/* Sorts the used entries of a heap best first. */
void match_heap_sort(match_hit *heap, int used);

#endif
