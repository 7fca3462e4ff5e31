/*
 * progress.h - telling people (and programs) how far a long job is.
 *
 * A reporter writes to a stream (stderr), as
 *  - PROGRESS_TERMINAL: one line redrawn in place, e.g.
 *      "导入：读取并校验 45%（123456 行，12 秒）"
 *    and ended with a newline when the job ends;
 *  - PROGRESS_JSON: one JSON object per line, for the web and scripts, e.g.
 *      {"job":"import","step":"reading","done":123456,"fraction":0.45,"elapsed_ms":12034}
 *    ("done" and "fraction" are absent while unknown; the last line has step "done"
 *    or "failed").
 * Updates are throttled (PROGRESS_INTERVAL_MS) except a change of step, a
 * report at 100% (so the last count of a step shows), and the end.  A step that reports nothing for
 * a while (a COMMIT, an index build) is redrawn every PROGRESS_TICK_MS by the reporter's own
 * thread, with its elapsed time, so that a long silent step is seen to be alive.
 *
 * Threads: every function may be called from any thread (an import reports
 * from its reading and its writing thread).  A NULL reporter is valid
 * everywhere and reports nothing, so callers need no checks.
 *
 * Ownership: progress_open() returns a reporter the caller frees with
 * progress_close(); the stream stays the caller's.
 */
#ifndef BANGFU_SERVICES_PROGRESS_H
#define BANGFU_SERVICES_PROGRESS_H

#include "core/error.h"

#include <stdint.h>
#include <stdio.h>

/* XX(id, JSON name, Chinese label, English label): the steps of the long jobs. */
#define PROGRESS_STEP_MAP(XX)                                                                      \
    XX(WAITING, "waiting", "等待另一个导入结束", "waiting for another import to end")              \
    XX(READING, "reading", "读取并校验", "reading and validating")                                 \
    XX(WRITING, "writing", "写入", "writing")                                                      \
    XX(CHECKING, "checking", "核对引用", "checking references")                                    \
    XX(INDEXING, "indexing", "建立索引", "building indexes")                                       \
    XX(SUMMING, "summing", "更新汇总", "updating the summary")                                     \
    XX(COMMITTING, "committing", "提交", "committing")                                             \
    XX(EXPORTING, "exporting", "导出", "exporting")

typedef enum progress_step {
#define PROGRESS_STEP_ENUM(id, name, zh, en) PROGRESS_##id,
    PROGRESS_STEP_MAP(PROGRESS_STEP_ENUM)
#undef PROGRESS_STEP_ENUM
        PROGRESS_STEP_COUNT
} progress_step;

/* How progress is shown. */
typedef enum progress_format {
    PROGRESS_NONE,     /* not at all */
    PROGRESS_TERMINAL, /* one line redrawn in place */
    PROGRESS_JSON,     /* JSON lines */
} progress_format;

/* Milliseconds between two throttled updates. */
#define PROGRESS_INTERVAL_MS 250
/* Milliseconds between two redraws of a step that reports nothing itself. */
#define PROGRESS_TICK_MS 1000

typedef struct progress progress;

/*
 * Reads a --progress value: "auto" (a terminal line when stream is a
 * terminal, else nothing), "terminal", "json" or "none".  BF_EUSAGE for
 * anything else.
 */
int progress_format_parse(const char *text, FILE *stream, progress_format *format);

/*
 * A reporter for job ("import", "export"; also its label on a terminal:
 * label_zh / label_en).  With PROGRESS_NONE, *out is NULL (which reports
 * nothing) and BF_OK is returned.
 */
int progress_open(progress_format format, FILE *stream, const char *job, const char *label_zh,
                  const char *label_en, progress **out);

/*
 * The job is at step, done units so far (rows; < 0 when not counted) and
 * fraction of the whole (0..1; < 0 when unknown).
 */
void progress_update(progress *p, progress_step step, int64_t done, double fraction);

/* Ends the report: the terminal line gets its newline, JSON a last "done"/"failed" line. */
void progress_close(progress *p, int ok);

#endif
