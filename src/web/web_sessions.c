/*
 * web_sessions.c - the session table: open addressing on the token's first
 * bits (tokens are random), expired entries swept when the table fills.
 */
#include "web/web_sessions.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum web_slot_state { WEB_SLOT_EMPTY, WEB_SLOT_USED, WEB_SLOT_DELETED } web_slot_state;

typedef struct web_slot {
    web_slot_state state;
    char token[WEB_TOKEN_TEXT_MAX];
    web_session_info info;
    int64_t created; /* milliseconds of CLOCK_MONOTONIC */
    int64_t last_used;
} web_slot;

/* Slots: twice the sessions, so that probes stay short when full. */
#define WEB_SLOT_COUNT (2 * WEB_SESSION_MAX)

struct web_sessions {
    pthread_mutex_t lock;
    int used;
    int deleted;
    web_slot slots[WEB_SLOT_COUNT];
};

static int64_t web_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int web_sessions_new(web_sessions **out, bf_error *err)
{
    if (sodium_init() < 0)
        return bf_error_set(err, BF_EIO, "%s",
                            BF_TR("libsodium 无法初始化", "libsodium failed to initialise"));
    web_sessions *sessions = calloc(1, sizeof *sessions);
    if (sessions == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    pthread_mutex_init(&sessions->lock, NULL);
    *out = sessions;
    return BF_OK;
}

void web_sessions_free(web_sessions *sessions)
{
    if (sessions == NULL)
        return;
    pthread_mutex_destroy(&sessions->lock);
    sodium_memzero(sessions->slots, sizeof sessions->slots);
    free(sessions);
}

static size_t web_slot_home(const char *token)
{
    /* The token is random hex (checked by the callers): its first digits are a fine hash. */
    size_t hash = 0;
    for (int i = 0; i < 8; i++)
        hash = hash * 16 + (size_t)(token[i] <= '9' ? token[i] - '0' : token[i] - 'a' + 10);
    return hash % WEB_SLOT_COUNT;
}

static int web_slot_expired(const web_slot *slot, const web_settings *settings, int64_t now)
{
    return now - slot->last_used >= settings->idle_timeout_s * 1000 ||
           now - slot->created >= settings->session_lifetime_s * 1000;
}

static void web_slot_clear(web_sessions *sessions, web_slot *slot)
{
    sodium_memzero(slot, sizeof *slot);
    slot->state = WEB_SLOT_DELETED;
    sessions->used--;
    sessions->deleted++;
}

/* Lays the live sessions out again without tombstones, the expired dropped. */
static void web_sessions_rebuild(web_sessions *sessions, const web_settings *settings)
{
    int64_t now = web_now();
    web_slot *old = malloc(sizeof sessions->slots);
    if (old == NULL)
        return;
    memcpy(old, sessions->slots, sizeof sessions->slots);
    memset(sessions->slots, 0, sizeof sessions->slots);
    sessions->used = sessions->deleted = 0;
    for (size_t i = 0; i < WEB_SLOT_COUNT; i++) {
        if (old[i].state != WEB_SLOT_USED || web_slot_expired(&old[i], settings, now))
            continue;
        size_t at = web_slot_home(old[i].token);
        while (sessions->slots[at].state != WEB_SLOT_EMPTY)
            at = (at + 1) % WEB_SLOT_COUNT;
        sessions->slots[at] = old[i];
        sessions->used++;
    }
    sodium_memzero(old, sizeof sessions->slots);
    free(old);
}

static void web_token_new(char out[WEB_TOKEN_TEXT_MAX])
{
    unsigned char bytes[WEB_TOKEN_BYTES];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(out, WEB_TOKEN_TEXT_MAX, bytes, sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
}

int web_sessions_create(web_sessions *sessions, const web_settings *settings, const char *login,
                        int64_t epoch, char token[WEB_TOKEN_TEXT_MAX],
                        char csrf[WEB_TOKEN_TEXT_MAX], bf_error *err)
{
    int rc = BF_OK;
    pthread_mutex_lock(&sessions->lock);
    if (sessions->used + sessions->deleted >= WEB_SESSION_MAX)
        web_sessions_rebuild(sessions, settings);
    if (sessions->used >= WEB_SESSION_MAX) {
        rc = bf_error_set(err, BF_EBUSY, "%s",
                          BF_TR("同时登录的会话已达上限", "too many sessions at once"));
        goto out;
    }
    web_token_new(token);
    web_token_new(csrf);
    size_t at = web_slot_home(token);
    while (sessions->slots[at].state == WEB_SLOT_USED)
        at = (at + 1) % WEB_SLOT_COUNT;
    web_slot *slot = &sessions->slots[at];
    if (slot->state == WEB_SLOT_DELETED)
        sessions->deleted--;
    memset(slot, 0, sizeof *slot);
    slot->state = WEB_SLOT_USED;
    memcpy(slot->token, token, WEB_TOKEN_TEXT_MAX);
    snprintf(slot->info.login, sizeof slot->info.login, "%s", login);
    memcpy(slot->info.csrf, csrf, WEB_TOKEN_TEXT_MAX);
    slot->info.epoch = epoch;
    slot->created = slot->last_used = web_now();
    sessions->used++;
out:
    pthread_mutex_unlock(&sessions->lock);
    return rc;
}

/* The slot of token, or NULL; called with the lock held. */
static web_slot *web_slot_find(web_sessions *sessions, const char *token)
{
    if (token == NULL || strlen(token) != WEB_TOKEN_TEXT_MAX - 1 ||
        strspn(token, "0123456789abcdef") != WEB_TOKEN_TEXT_MAX - 1)
        return NULL;
    size_t at = web_slot_home(token);
    for (size_t probes = 0; probes < WEB_SLOT_COUNT; probes++) {
        web_slot *slot = &sessions->slots[at];
        if (slot->state == WEB_SLOT_EMPTY)
            return NULL;
        if (slot->state == WEB_SLOT_USED && web_token_equal(slot->token, token))
            return slot;
        at = (at + 1) % WEB_SLOT_COUNT;
    }
    return NULL;
}

int web_sessions_find(web_sessions *sessions, const web_settings *settings, const char *token,
                      web_session_info *info)
{
    int rc = BF_ENOTFOUND;
    pthread_mutex_lock(&sessions->lock);
    web_slot *slot = web_slot_find(sessions, token);
    if (slot != NULL) {
        int64_t now = web_now();
        if (web_slot_expired(slot, settings, now)) {
            web_slot_clear(sessions, slot);
        } else {
            slot->last_used = now;
            *info = slot->info;
            rc = BF_OK;
        }
    }
    pthread_mutex_unlock(&sessions->lock);
    return rc;
}

void web_sessions_end(web_sessions *sessions, const char *token)
{
    pthread_mutex_lock(&sessions->lock);
    web_slot *slot = web_slot_find(sessions, token);
    if (slot != NULL)
        web_slot_clear(sessions, slot);
    pthread_mutex_unlock(&sessions->lock);
}

int web_token_equal(const char *a, const char *b)
{
    size_t length = strlen(a);
    return length == strlen(b) && sodium_memcmp(a, b, length) == 0;
}
