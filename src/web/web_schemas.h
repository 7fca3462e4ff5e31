/*
 * web_schemas.h - what each route answers with 200: the JSON Schema of its
 * body (the OpenAPI 3.0 subset: type, required, properties, items,
 * nullable) and the files it may send instead.  route_server.c puts them in
 * /api/openapi.json; the web tests check every answer they get against it
 * (tests/cli/web_client.py), so that a body and its declaration cannot part.
 *
 * Ownership: static texts.
 */
#ifndef BANGFU_WEB_WEB_SCHEMAS_H
#define BANGFU_WEB_WEB_SCHEMAS_H

#include "web/web_routes.h"

/* What a route's 200 answer is. */
typedef struct web_route_answer {
    const char *schema; /* JSON Schema text of the JSON body; NULL: no JSON body */
    int downloads;      /* WEB_DOWNLOAD_* bits: the files it may send instead */
} web_route_answer;

#define WEB_DOWNLOAD_XLSX 0x1
#define WEB_DOWNLOAD_CSV  0x2

/* The answer of route (an index of web_routes[]); every route has one (t1100 checks). */
const web_route_answer *web_route_answer_of(int route);

#endif
