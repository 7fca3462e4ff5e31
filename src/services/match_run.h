/*
 * match_run.h - `bangfu match` over the stored registry and postings: who is
 * matched, the postings open on the day, the ranking (services/match.h) and
 * the list written with the reasons in words (为什么推荐).
 *
 * Laborers: the people of the region (all without one) whose 劳动能力 and
 * 就业状态 are among the eligible codes of data/match_weights.tsv, who do not
 * say 无就业意愿 (就业意愿 no, or 有就业意愿 否) and have no spell in jobs
 * ongoing on the day.  Postings: state open, openings above 0, deadline not
 * before the day.  The people are read in order of hukou and ID number, a
 * chunk at a time, so memory holds the postings and one chunk.
 *
 * The list (CSV or XLSX, - for standard output), one row per match, best
 * first for each laborer:
 *   证件号码, 姓名, 户籍地区划代码, 名次, 岗位编号, 岗位名称, 用工单位, 工作地区划代码,
 *   得分, 推荐理由
 * With a posting code (the reverse view) the rows are the best laborers for
 * that posting, best first.
 *
 * Ownership: the options are the caller's; nothing is kept after the call.
 */
#ifndef BANGFU_SERVICES_MATCH_RUN_H
#define BANGFU_SERVICES_MATCH_RUN_H

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* Laborers read and ranked at a time. */
#define MATCH_CHUNK 4096
/* Longest reasons text of one match. */
#define MATCH_REASONS_MAX 512
/* Columns of the list. */
#define MATCH_COLUMNS 10

/* One row of the list as a sink receives it (services/push.c records and sends them). */
typedef struct match_row {
    const char *const *cells;  /* the MATCH_COLUMNS cells of the list */
    const char *phone;         /* the laborer's 联系电话, "" when none */
    const char *posting_phone; /* the posting's 联系电话, "" when none */
    int64_t pay_min;           /* the posting's 月薪下限 in fen, 0 when not said */
} match_row;

/* Receives the rows in the list's order instead of the file; BF_OK or an error (err filled). */
typedef int (*match_sink)(void *context, const match_row *row, bf_error *err);

typedef struct match_run_options {
    const char *region;   /* canonical code of the hukou region, NULL for all */
    const char *posting;  /* a posting code: the reverse view; NULL: postings per laborer */
    int top;              /* matches per laborer (or laborers of the posting) */
    bf_date day;          /* ages, spells and deadlines on this day */
    const char *data_dir; /* --data option or NULL (services/match.h) */
    const char *out;      /* the list's path, "-" for standard output */
    match_sink sink;      /* when not NULL, the rows go to it and out is not used */
    void *sink_context;
} match_run_options;

typedef struct match_run_result {
    int64_t laborers; /* matched laborers read */
    int64_t matched;  /* of them with at least one proposal */
    int64_t postings; /* open postings */
    int64_t rows;     /* rows written */
} match_run_result;

int match_run(store *st, const match_run_options *options, match_run_result *result, bf_error *err);

#endif
