/*
 * web_progress.h - how far the imports running in the server are, for the
 * import page: an import sent with ?progress=TOKEN (32 hexadecimal digits
 * the page draws at random) reports its steps (services/progress.h, the JSON
 * lines of `bangfu import --progress json`) into a slot of that token and
 * user, which GET /api/imports/progress/{token} answers while the upload's
 * request is still running.
 *
 * Slots: WEB_PROGRESS_SLOTS in the server, one per running import; a slot
 * whose import ended is kept until another import needs it (the oldest
 * first), so the last line ("done" or "failed") can still be read.  All
 * functions are thread-safe.
 *
 * Ownership: web_progress_open() fills a report (a reporter, its stream and
 * its slot) that web_progress_close() ends and frees.
 */
#ifndef BANGFU_WEB_WEB_PROGRESS_H
#define BANGFU_WEB_WEB_PROGRESS_H

#include "services/progress.h"

#include <stdio.h>

/* Hexadecimal digits of a token, and the longest progress line kept (bytes with the NUL). */
#define WEB_PROGRESS_TOKEN_DIGITS 32
#define WEB_PROGRESS_LINE_MAX     256
/* Most imports reported at once. */
#define WEB_PROGRESS_SLOTS 64

/* Whether token is WEB_PROGRESS_TOKEN_DIGITS lowercase hexadecimal digits. */
int web_progress_token_valid(const char *token);

/* The report of one import. */
typedef struct web_progress_report {
    progress *reporter; /* for the import's options; NULL: nothing is reported */
    FILE *stream;
    void *slot;
} web_progress_report;

/*
 * A report of an import for token and login into *report: BF_OK, or BF_EBUSY when every slot
 * has an import running, BF_ENOMEM (then report->reporter is NULL: nothing is reported).
 */
int web_progress_open(const char *token, const char *login, web_progress_report *report);

/* Ends the report (its last line says done, or failed when !ok) and frees it. */
void web_progress_close(web_progress_report *report, int ok);

/* The last line reported for token, when it is login's: 1 with out filled, else 0. */
int web_progress_read(const char *token, const char *login, char out[WEB_PROGRESS_LINE_MAX]);

#endif
