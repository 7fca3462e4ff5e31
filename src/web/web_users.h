/*
 * web_users.h - the users of the web application (table users, migration
 * 0021): each belongs to a region node and sees it and the regions within
 * it, and has roles (web.h, WEB_ROLE_MAP).
 *
 * Passwords are stored as Argon2id hashes (libsodium crypto_pwhash_str,
 * its interactive limits); a password must pass web_password_check().  Five
 * failed logins in a row lock the account for WEB_LOCK_SECONDS; an account
 * may also be locked by hand (`bangfu user lock`) until unlocked.  A
 * password change or a lock moves the user's epoch, which ends their
 * sessions.
 */
#ifndef BANGFU_WEB_WEB_USERS_H
#define BANGFU_WEB_WEB_USERS_H

#include "core/date.h"
#include "web/web.h"

/* Failed logins in a row that lock an account, and for how long. */
#define WEB_LOCK_FAILURES 5
#define WEB_LOCK_SECONDS  (30 * 60)
/* Shortest password (characters), and how many of the four kinds (lower, upper, digit, other). */
#define WEB_PASSWORD_MIN   10
#define WEB_PASSWORD_KINDS 3
/* Longest password accepted, bytes. */
#define WEB_PASSWORD_MAX 256

/* A stored user. */
typedef struct web_account {
    web_user user;
    int failures;
    char locked_until[BF_TIMESTAMP_TEXT_MAX]; /* "" when not locked by failures */
    int disabled;
    int64_t epoch;
} web_account;

/*
 * BF_OK when password may be used by login: at least WEB_PASSWORD_MIN
 * characters of at least WEB_PASSWORD_KINDS kinds, not containing the
 * login; else BF_EINVAL with the rule that fails in err.
 */
int web_password_check(const char *login, const char *password, bf_error *err);

/* Adds a user (login [a-z0-9._-], 2 to 63; region in the region table; roles a mask). */
int web_user_add(store *st, const char *login, const char *name, const char *region, int roles,
                 const char *password, bf_error *err);

/* Loads login into *out: BF_OK, BF_ENOTFOUND (err untouched) or an error. */
int web_user_load(store *st, const char *login, web_account *out, bf_error *err);

/* Sets a new password (checked), clears failures and the lock, moves the epoch. */
int web_user_set_password(store *st, const char *login, const char *password, bf_error *err);

/* disabled 1 locks the account until unlocked (moving the epoch), 0 unlocks it and clears the
 * failures' lock. BF_ENOTFOUND with a message for an unknown login. */
int web_user_set_disabled(store *st, const char *login, int disabled, bf_error *err);

/* What a login attempt found. */
typedef enum web_login_result {
    WEB_LOGIN_OK,
    WEB_LOGIN_FAILED,  /* unknown login or wrong password: said alike */
    WEB_LOGIN_LOCKED,  /* too many failures: until account->locked_until */
    WEB_LOGIN_DISABLED /* locked by hand */
} web_login_result;

/*
 * Checks password against login's hash, counting the failure (the fifth
 * in a row locks the account, *result WEB_LOCKED) or clearing the count.
 * An unknown login costs the same time as a known one.
 */
int web_login_attempt(store *st, const char *login, const char *password, web_account *account,
                      web_login_result *result, bf_error *err);

/* Streams the users within region (NULL: all) to found, in login order. */
typedef int (*web_user_found)(void *context, const web_account *account);
int web_user_list(store *st, const char *region, web_user_found found, void *context,
                  bf_error *err);

#endif
