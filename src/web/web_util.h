/*
 * web_util.h - what the route files beyond people share: query parameters
 * checked against their bounds, the server's policy set for one request,
 * files written by a service answered as a download, and the masking of
 * ID numbers and phones (route_people.c's rules, one place).
 *
 * Ownership: web_request_policies() lends the server's shared set until the
 * request ends; web_request_policies_copy() gives a copy the caller frees
 * (policy_set_free); web_reply_file() takes the file's bytes into the
 * response and removes the file and its temporary directory.
 */
#ifndef BANGFU_WEB_WEB_UTIL_H
#define BANGFU_WEB_WEB_UTIL_H

#include "core/date.h"
#include "policy/policy_model.h"
#include "web/web.h"

#include <stdint.h>

/* Longest path of a temporary file a route writes (a directory of its own and a name). */
#define WEB_TEMP_PATH_MAX 256
/* Largest file answered as a download, bytes. */
#define WEB_DOWNLOAD_MAX (64 * 1024 * 1024)
/* The content types of the downloads. */
#define WEB_TYPE_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define WEB_TYPE_CSV  "text/csv; charset=utf-8"

/*
 * The integer query parameter name into *out (fallback when absent): 1, or 0 after a 400
 * naming the parameter and its bounds.
 */
int web_query_int64(const web_request *req, web_response *res, const char *name, int64_t fallback,
                    int64_t low, int64_t high, int64_t *out);

/*
 * The month query parameter (YYYY-MM) into out, "" when absent and optional: 1, or 0 after a
 * 400.
 */
int web_query_month(const web_request *req, web_response *res, const char *name, int required,
                    char out[BF_MONTH_TEXT_MAX]);

/*
 * A 400 naming the field of a request body or the query parameter that is wrong: {"error":
 * "invalid", "field": field, "message": zh, "message_en": en}; returns BF_OK.
 */
int web_reply_field(web_response *res, const char *field, const char *zh, const char *en);

/*
 * The date query parameter name (YYYY-MM-DD, as an import writes it) into out and *day, today
 * when absent: 1, or 0 after a 400.
 */
int web_query_date(const web_request *req, web_response *res, const char *name,
                   char out[BF_DATE_TEXT_MAX], int32_t *day);

/*
 * The code of word (a code or its Chinese label) in the fact list list (carrier_kind, ...) into
 * out, "" when word is NULL or "": 1, or 0 after a 400 naming field and the accepted words (a
 * 500 when the list cannot be read).
 */
int web_word_code(web_response *res, const char *list, const char *field, const char *word,
                  char *out, size_t size);

/* Most rows one list answers (?limit=), and the default. */
#define WEB_TABLE_PAGE_MAX     2000
#define WEB_TABLE_PAGE_DEFAULT 200

/*
 * A list answered as a table: {"columns": [headers], "rows": [[texts]], "more", "limit",
 * "offset"}, the rows of the window ?offset= and ?limit= kept, the others only counted.
 */
typedef struct web_table {
    json_t *json; /* NULL until the headers are added */
    int64_t limit, offset, seen;
} web_table;

/* Reads ?limit and ?offset into table: 1, or 0 after a 400. */
int web_table_open(const web_request *req, web_response *res, web_table *table);
/* The headers (first call), then one row, count cells (NULL: ""): BF_OK or BF_ENOMEM. */
int web_table_add(web_table *table, const char *const *cells, int count);
/* 200 with the table and extra's keys (taken; may be NULL). */
int web_table_reply(web_response *res, web_table *table, json_t *extra);
/* Reads a list into table: BF_OK, or a code with err set. */
typedef int (*web_table_reader)(store *st, void *args, web_table *table, bf_error *err);
/*
 * Runs read(args) in one snapshot of the user's store and answers table with extra's keys
 * (taken; may be NULL), or a 500; returns BF_OK.
 */
int web_table_answer(web_request *req, web_response *res, web_table *table, web_table_reader read,
                     void *args, json_t *extra);
/* Frees a table not answered. */
void web_table_free(web_table *table);

/*
 * Ends a paged list read from stmt (finalized here): rc is the last store_step's (BF_DONE when
 * all rows were read); 200 with {key: items, more, limit, offset} (taking items), or a 500.
 */
int web_reply_page(web_request *req, web_response *res, store_stmt *stmt, int rc, const char *key,
                   json_t *items, int64_t seen, int64_t limit, int64_t offset);

/* The user's region as the half-open code range [low, high). */
void web_user_range(const web_request *req, char low[REGION_CODE_TEXT_MAX],
                    char high[REGION_CODE_TEXT_MAX]);

/*
 * The server's policy set (web_policies.h), held for req until it ends: shared with the other
 * workers, so read only.  NULL after a 500 reply when no set is loaded (the log says why).
 */
const policy_set *web_request_policies(web_request *req, web_response *res);
/*
 * A copy of that set for a handler that adds to it (local_parameters_apply), freed by the
 * caller with policy_set_free(): BF_OK, or an error code after a 500 reply.
 */
int web_request_policies_copy(web_request *req, web_response *res, policy_set **set);

/* A new temporary directory and the path of file name in it into out: BF_OK or BF_EIO. */
int web_temp_file(const char *name, char out[WEB_TEMP_PATH_MAX], bf_error *err);
/* Removes a file of web_temp_file() (and its .sha256 when any) and its directory. */
void web_temp_remove(const char *path);

/*
 * Answers path's bytes with type (200) as a file to save under name (UTF-8, cut at
 * sizeof res->download_name), then removes path as web_temp_remove() does.
 */
int web_reply_file(web_response *res, const char *path, const char *type, const char *name);

/* Bytes of a person reference's text with the NUL (route_people.c). */
/* Bytes of a worker's seed of reference nonces (web_request.ref_seed). */
#define WEB_REF_SEED_BYTES 32
#define WEB_REF_TEXT_MAX   128
/*
 * The reference of the person id_number into out (route_people.c: sealed, no ID in URLs), its
 * nonce from the worker's seed (web_request.ref_seed) when it has one.
 */
void web_person_ref(const web_request *req, const char *id_number, char out[WEB_REF_TEXT_MAX]);

/*
 * The person a route's {ref} (params[0]) names, visible to the user, into id (IDCARD_TEXT_MAX
 * bytes) and res->audit_target: 1, or 0 after answering 404 (missing and elsewhere alike).
 */
int web_person_of_request(web_request *req, web_response *res, char *id);

/*
 * Sets status and a JSON body already written as text (taking text, malloc'd, length bytes):
 * the answers served most often are written with io/json_writer.h instead of a jansson tree.
 */
int web_reply_json_text(web_response *res, int status, char *text, size_t length);

/* 370811********123X: the region and the last four kept. */
void web_mask_id(const char *id, char *out, size_t size);
/* 139****5678; a landline keeps its area code and last two digits. */
void web_mask_phone(const char *phone, char *out, size_t size);

#endif
