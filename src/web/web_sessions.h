/*
 * web_sessions.h - the logged-in sessions of one server, in memory.
 *
 * A session is named by a token of 128 random bits (libsodium's
 * randombytes, 32 hex digits) that travels in the session cookie only, and
 * carries a CSRF token of its own that every write must echo in the header
 * X-CSRF-Token.  It ends after settings->idle_timeout_s without a request,
 * settings->session_lifetime_s after the login whatever, at logout, or when
 * the user's epoch (users.epoch, bumped by a password change or a lock) has
 * moved.  Sessions do not survive a restart of the server: users log in again.
 *
 * Threads: every function may be called from any worker at once (one mutex).
 * Ownership: web_sessions_new() returns a table freed by web_sessions_free().
 */
#ifndef BANGFU_WEB_WEB_SESSIONS_H
#define BANGFU_WEB_WEB_SESSIONS_H

#include "web/web.h"

/* Most sessions at once; a login past it, when none has expired, gets 503. */
#define WEB_SESSION_MAX 8192
/* Random bytes of a session or CSRF token, and the length of its hex text with the NUL. */
#define WEB_TOKEN_BYTES    16
#define WEB_TOKEN_TEXT_MAX (2 * WEB_TOKEN_BYTES + 1)

/* What a session holds. */
typedef struct web_session_info {
    char login[WEB_LOGIN_MAX];
    char csrf[WEB_TOKEN_TEXT_MAX];
    int64_t epoch; /* users.epoch at the login */
} web_session_info;

int web_sessions_new(web_sessions **out, bf_error *err);
void web_sessions_free(web_sessions *sessions);

/* A new session of login: its token and CSRF token; BF_EBUSY when the table is full. */
int web_sessions_create(web_sessions *sessions, const web_settings *settings, const char *login,
                        int64_t epoch, char token[WEB_TOKEN_TEXT_MAX],
                        char csrf[WEB_TOKEN_TEXT_MAX], bf_error *err);

/*
 * The session of token into *info, its last use now: BF_OK, or BF_ENOTFOUND
 * when there is none or it has expired (then removed).
 */
int web_sessions_find(web_sessions *sessions, const web_settings *settings, const char *token,
                      web_session_info *info);

/* Ends the session of token (none: nothing). */
void web_sessions_end(web_sessions *sessions, const char *token);

/* 1 when a and b are the same token, compared in constant time. */
int web_token_equal(const char *a, const char *b);

#endif
