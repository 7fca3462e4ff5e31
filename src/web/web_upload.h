/*
 * web_upload.h - a file sent as a request body (an import, a bank's return):
 * its name checked, its bytes written to a temporary file that a service
 * reads, and the error file the service writes answered as text.
 *
 * Ownership: web_upload_open() gives a path of web_temp_file() that the
 * caller removes with web_temp_remove(); web_upload_text() a new JSON string.
 */
#ifndef BANGFU_WEB_WEB_UPLOAD_H
#define BANGFU_WEB_WEB_UPLOAD_H

#include "web/web.h"
#include "web/web_util.h"

#include <jansson.h>

/* Longest file name kept (?name=). */
#define WEB_UPLOAD_NAME_MAX 128

/*
 * Checks ?name= (FILE.xlsx or FILE.csv) and the body, and writes the body to a new temporary
 * file into path: 1, or 0 after answering 400 (a bad name, no body) or 500 (not written).
 * *name receives the query's name.
 */
int web_upload_open(const web_request *req, web_response *res, const char **name,
                    char path[WEB_TEMP_PATH_MAX]);

/* The file at path whole (at most WEB_DOWNLOAD_MAX bytes) as a new JSON string, or NULL. */
json_t *web_upload_text(const char *path);

/*
 * Answers the failure rc of the service that read the upload at path (err saying why): a 500
 * for the store or the server, else a 400 with the reason (no header, a column missing, a
 * person of another region, ...); then removes path and its error file errors.  Returns BF_OK.
 */
int web_upload_refused(web_response *res, int rc, const bf_error *err, const char *path,
                       const char *errors);

#endif
