/* progress.c - a terminal line or JSON lines telling how far a long job is. */
#include "services/progress.h"

#include "io/display.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Longest job name kept ("import", "export"). */
#define PROGRESS_JOB_MAX 32
/* Longest label kept ("导入"). */
#define PROGRESS_LABEL_MAX 64

static const struct {
    const char *name;
    const char *zh;
    const char *en;
} progress_steps[PROGRESS_STEP_COUNT] = {
#define PROGRESS_STEP_ROW(id, name, zh, en) {name, zh, en},
    PROGRESS_STEP_MAP(PROGRESS_STEP_ROW)
#undef PROGRESS_STEP_ROW
};

struct progress {
    progress_format format;
    FILE *stream;
    char job[PROGRESS_JOB_MAX];
    char label[PROGRESS_LABEL_MAX];
    pthread_mutex_t lock;
    pthread_cond_t changed; /* wakes the ticker: closing */
    pthread_t ticker;       /* redraws a silent step every PROGRESS_TICK_MS */
    int ticking;            /* 1 while the ticker runs */
    int closing;            /* 1 once progress_close() asked the ticker to end */
    struct timespec start;  /* when the job started */
    int64_t last_ms;        /* when the last line was written, ms since start */
    int drawn;              /* 1 once something was written */
    /* The latest state reported. */
    progress_step step;
    int64_t done;
    double fraction;
};

static int64_t progress_elapsed_ms(const progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - p->start.tv_sec) * 1000 +
           (now.tv_nsec - p->start.tv_nsec) / 1000000;
}

/* Writes the current state (the lock is held). */
static void progress_draw(progress *p, const char *final_step)
{
    int64_t elapsed = progress_elapsed_ms(p);
    if (p->format == PROGRESS_JSON) {
        fprintf(p->stream, "{\"job\":\"%s\",\"step\":\"%s\"", p->job,
                final_step != NULL ? final_step : progress_steps[p->step].name);
        if (p->done >= 0)
            fprintf(p->stream, ",\"done\":%lld", (long long)p->done);
        if (p->fraction >= 0.0 && final_step == NULL)
            fprintf(p->stream, ",\"fraction\":%.3f", p->fraction);
        fprintf(p->stream, ",\"elapsed_ms\":%lld}\n", (long long)elapsed);
    } else {
        const char *said = BF_TR(progress_steps[p->step].zh, progress_steps[p->step].en);
        if (final_step != NULL)
            said =
                strcmp(final_step, "done") == 0 ? BF_TR("完成", "done") : BF_TR("失败", "failed");
        fprintf(p->stream, "\r%s%s%s", p->label, BF_TR("：", ": "), said);
        if (p->fraction >= 0.0 && final_step == NULL)
            fprintf(p->stream, " %3d%%", (int)(p->fraction * 100.0));
        if (p->done >= 0)
            fprintf(p->stream, BF_TR("（%lld 行，%lld 秒）", " (%lld rows, %lld s)"),
                    (long long)p->done, (long long)(elapsed / 1000));
        else
            fprintf(p->stream,
                    final_step != NULL ? BF_TR("（%lld 秒）", " (%lld s)")
                                       : BF_TR("……（%lld 秒）", "... (%lld s)"),
                    (long long)(elapsed / 1000));
        fputs("\033[K", p->stream); /* clears what a longer line left */
        if (final_step != NULL)
            fputc('\n', p->stream);
    }
    fflush(p->stream);
    p->last_ms = elapsed;
    p->drawn = 1;
}

/* The ticker thread: redraws a step that has said nothing for PROGRESS_TICK_MS. */
static void *progress_tick(void *context)
{
    progress *p = context;
    pthread_mutex_lock(&p->lock);
    while (!p->closing) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += PROGRESS_TICK_MS / 1000;
        until.tv_nsec += (long)(PROGRESS_TICK_MS % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        int rc = pthread_cond_timedwait(&p->changed, &p->lock, &until);
        if (rc == ETIMEDOUT && !p->closing && p->drawn &&
            progress_elapsed_ms(p) - p->last_ms >= PROGRESS_TICK_MS)
            progress_draw(p, NULL);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int progress_format_parse(const char *text, FILE *stream, progress_format *format)
{
    if (strcmp(text, "auto") == 0)
        *format = isatty(display_stream_fd(stream)) ? PROGRESS_TERMINAL : PROGRESS_NONE;
    else if (strcmp(text, "terminal") == 0)
        *format = PROGRESS_TERMINAL;
    else if (strcmp(text, "json") == 0)
        *format = PROGRESS_JSON;
    else if (strcmp(text, "none") == 0)
        *format = PROGRESS_NONE;
    else
        return BF_EUSAGE;
    return BF_OK;
}

int progress_open(progress_format format, FILE *stream, const char *job, const char *label_zh,
                  const char *label_en, progress **out)
{
    *out = NULL;
    if (format == PROGRESS_NONE)
        return BF_OK;
    progress *p = calloc(1, sizeof *p);
    if (p == NULL)
        return BF_ENOMEM;
    p->format = format;
    p->stream = stream;
    p->done = -1;
    p->fraction = -1.0;
    snprintf(p->job, sizeof p->job, "%s", job);
    snprintf(p->label, sizeof p->label, "%s", BF_TR(label_zh, label_en));
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p);
        return BF_ENOMEM;
    }
    if (pthread_cond_init(&p->changed, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return BF_ENOMEM;
    }
    /* Without the ticker, progress still works; silent steps are just not redrawn. */
    p->ticking = pthread_create(&p->ticker, NULL, progress_tick, p) == 0;
    *out = p;
    return BF_OK;
}

void progress_update(progress *p, progress_step step, int64_t done, double fraction)
{
    if (p == NULL || step < 0 || step >= PROGRESS_STEP_COUNT)
        return;
    pthread_mutex_lock(&p->lock);
    /* A new step and the end of one (100%) always show; the rest is throttled. */
    int new_step = !p->drawn || step != p->step || (fraction >= 1.0 && done != p->done);
    p->step = step;
    p->done = done;
    p->fraction = fraction > 1.0 ? 1.0 : fraction;
    if (new_step || progress_elapsed_ms(p) - p->last_ms >= PROGRESS_INTERVAL_MS)
        progress_draw(p, NULL);
    pthread_mutex_unlock(&p->lock);
}

void progress_close(progress *p, int ok)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    if (p->ticking)
        pthread_join(p->ticker, NULL);
    if (p->drawn || p->format == PROGRESS_JSON) {
        progress_draw(p, ok ? "done" : "failed");
    }
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
