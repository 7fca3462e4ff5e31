/*
 * web_progress.c - the slots of the imports' progress (web_progress.h): the
 * reporter writes JSON lines into a stream (fopencookie) whose writes keep
 * the last whole line in the slot.
 */
#include "web/web_progress.h"

#include "web/web.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

typedef struct web_progress_slot {
    char token[WEB_PROGRESS_TOKEN_DIGITS + 1]; /* "" when never used */
    char login[WEB_LOGIN_MAX];
    char last[WEB_PROGRESS_LINE_MAX];    /* the last whole line, without its newline */
    char partial[WEB_PROGRESS_LINE_MAX]; /* a line being written */
    size_t partial_length;
    int running;      /* 1 while its import reports */
    uint64_t touched; /* when it last changed (a counter: older is smaller) */
} web_progress_slot;

static pthread_mutex_t web_progress_lock = PTHREAD_MUTEX_INITIALIZER;
static web_progress_slot web_progress_slots[WEB_PROGRESS_SLOTS];
static uint64_t web_progress_clock;

int web_progress_token_valid(const char *token)
{
    size_t length = strspn(token, "0123456789abcdef");
    return length == WEB_PROGRESS_TOKEN_DIGITS && token[length] == '\0';
}

/* The stream's writes: whole lines become the slot's last one (a longer line is cut). */
static ssize_t web_progress_write(void *cookie, const char *data, size_t size)
{
    web_progress_slot *slot = cookie;
    pthread_mutex_lock(&web_progress_lock);
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') {
            memcpy(slot->last, slot->partial, slot->partial_length);
            slot->last[slot->partial_length] = '\0';
            slot->partial_length = 0;
            slot->touched = ++web_progress_clock;
        } else if (slot->partial_length + 1 < sizeof slot->partial) {
            slot->partial[slot->partial_length++] = data[i];
        }
    }
    pthread_mutex_unlock(&web_progress_lock);
    return (ssize_t)size;
}

int web_progress_open(const char *token, const char *login, web_progress_report *report)
{
    web_progress_slot *slot = NULL;
    memset(report, 0, sizeof *report);
    pthread_mutex_lock(&web_progress_lock);
    for (int i = 0; i < WEB_PROGRESS_SLOTS; i++) {
        web_progress_slot *s = &web_progress_slots[i];
        if (!s->running && (slot == NULL || s->touched < slot->touched))
            slot = s;
    }
    if (slot != NULL) {
        memset(slot, 0, sizeof *slot);
        snprintf(slot->token, sizeof slot->token, "%s", token);
        snprintf(slot->login, sizeof slot->login, "%s", login);
        slot->running = 1;
        slot->touched = ++web_progress_clock;
    }
    pthread_mutex_unlock(&web_progress_lock);
    if (slot == NULL)
        return BF_EBUSY;
    report->slot = slot;
    cookie_io_functions_t io = {.write = web_progress_write};
    report->stream = fopencookie(slot, "w", io);
    if (report->stream == NULL || progress_open(PROGRESS_JSON, report->stream, "import", "导入",
                                                "import", &report->reporter) != BF_OK) {
        web_progress_close(report, 0);
        return BF_ENOMEM;
    }
    return BF_OK;
}

void web_progress_close(web_progress_report *report, int ok)
{
    progress_close(report->reporter, ok);
    if (report->stream != NULL)
        fclose(report->stream);
    if (report->slot != NULL) {
        pthread_mutex_lock(&web_progress_lock);
        ((web_progress_slot *)report->slot)->running = 0;
        pthread_mutex_unlock(&web_progress_lock);
    }
    memset(report, 0, sizeof *report);
}

int web_progress_read(const char *token, const char *login, char out[WEB_PROGRESS_LINE_MAX])
{
    int found = 0;
    pthread_mutex_lock(&web_progress_lock);
    for (int i = 0; i < WEB_PROGRESS_SLOTS && !found; i++) {
        const web_progress_slot *s = &web_progress_slots[i];
        if (s->token[0] != '\0' && strcmp(s->token, token) == 0 && strcmp(s->login, login) == 0) {
            found = 1;
            snprintf(out, WEB_PROGRESS_LINE_MAX, "%s", s->last);
        }
    }
    pthread_mutex_unlock(&web_progress_lock);
    return found;
}
