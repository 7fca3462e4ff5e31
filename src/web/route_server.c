/*
 * route_server.c - the routes about the server itself: /api/health and
 * /api/openapi.json (written from WEB_ROUTE_MAP, so every route is in it,
 * with the schema of its 200 answer from web_schemas.c).
 */
#include "web/web_routes.h"
#include "web/web_schemas.h"
#include "web/web_util.h"

#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BANGFU_VERSION
#define BANGFU_VERSION "0.1"
#endif

int route_health(web_request *req, web_response *res)
{
    int version = 0;
    if (store_schema_version(req->store, &version) != BF_OK)
        return web_reply_error(res, 503, "unavailable", "数据库暂不可用",
                               "the database is unavailable");
    return web_reply_json(res, 200,
                          json_pack("{s:s, s:s, s:s, s:i}", "status", "ok", "version",
                                    BANGFU_VERSION, "engine", store_engine_name(req->store),
                                    "schema", version));
}

/* The description of the status code, for the document. */
static const char *web_status_text(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request: the error names the field and why";
    case 401:
        return "Unauthorized: no valid session";
    case 403:
        return "Forbidden: the role may not, or the CSRF token is missing or wrong";
    case 404:
        return "Not Found (also what lies outside the user's region)";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type: the body must be application/json";
    case 423:
        return "Locked: too many failed logins";
    default:
        return "Error";
    }
}

/* The content of a route's 200 answer: its JSON schema (a component) and the files. */
static json_t *web_openapi_answer(const web_route *route, const web_route_answer *answer)
{
    json_t *content = json_object();
    if (answer->schema != NULL) {
        char ref[128];
        snprintf(ref, sizeof ref, "#/components/schemas/%s", route->id);
        json_object_set_new(content, "application/json",
                            json_pack("{s:{s:s}}", "schema", "$ref", ref));
    }
    static const struct {
        int bit;
        const char *type;
    } files[] = {{WEB_DOWNLOAD_XLSX, WEB_TYPE_XLSX}, {WEB_DOWNLOAD_CSV, "text/csv"}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (answer->downloads & files[i].bit)
            json_object_set_new(
                content, files[i].type,
                json_pack("{s:{s:s, s:s}}", "schema", "type", "string", "format", "binary"));
    return content;
}

/* The OpenAPI path of a route: {id} stays {id}. */
static json_t *web_openapi_operation(const web_route *route, const web_route_answer *answer)
{
    json_t *operation = json_pack("{s:s, s:s, s:s}", "operationId", route->id, "summary",
                                  route->summary_en, "description", route->summary_zh);
    json_t *responses = json_object();
    char statuses[128];
    /* Any route may be refused a body over WEB_BODY_MAX (413) before it is found. */
    snprintf(statuses, sizeof statuses, "%s%s,413", route->statuses,
             (route->flags & WEB_PUBLIC) ? "" : ",401,403");
    for (char *save = NULL, *item = strtok_r(statuses, ",", &save); item != NULL;
         item = strtok_r(NULL, ",", &save)) {
        int status = atoi(item);
        json_object_set_new(
            responses, item,
            json_pack("{s:s, s:o}", "description", web_status_text(status), "content",
                      status == 200 ? web_openapi_answer(route, answer)
                                    : json_pack("{s:{s:{s:s}}}", "application/json", "schema",
                                                "$ref", "#/components/schemas/Error")));
    }
    json_object_set_new(operation, "responses", responses);
    json_t *parameters = json_array();
    for (const char *brace = strchr(route->path, '{'); brace != NULL;
         brace = strchr(brace + 1, '{')) {
        size_t length = strcspn(brace + 1, "}");
        json_array_append_new(parameters,
                              json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", brace + 1, length,
                                        "in", "path", "required", 1, "schema", "type", "string"));
    }
    json_object_set_new(operation, "parameters", parameters);
    if (!(route->flags & WEB_PUBLIC)) {
        char roles[WEB_ROLES_TEXT_MAX];
        web_roles_text(route->roles, roles);
        json_object_set_new(operation, "x-roles", json_string(roles));
    }
    if (route->flags & WEB_WRITE)
        json_object_set_new(operation, "x-csrf", json_true());
    if (route->flags & WEB_PERSONAL)
        json_object_set_new(operation, "x-audited", json_true());
    return operation;
}

int route_openapi(web_request *req, web_response *res)
{
    (void)req;
    json_t *paths = json_object(), *schemas = json_object();
    for (int i = 0; i < WEB_ROUTE_COUNT; i++) {
        const web_route *route = &web_routes[i];
        const web_route_answer *answer = web_route_answer_of(i);
        json_error_t error;
        json_t *schema = answer->schema != NULL ? json_loads(answer->schema, 0, &error) : NULL;
        if (answer->schema != NULL && schema == NULL) {
            json_decref(paths);
            json_decref(schemas);
            return web_reply_internal(res, error.text); /* a schema text of web_schemas.c */
        }
        if (schema != NULL)
            json_object_set_new(schemas, route->id, schema);
        json_t *item = json_object_get(paths, route->path);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, route->path, item);
        }
        char method[16];
        size_t length = strlen(route->method);
        for (size_t c = 0; c <= length && c < sizeof method; c++)
            method[c] = (char)(route->method[c] >= 'A' && route->method[c] <= 'Z'
                                   ? route->method[c] - 'A' + 'a'
                                   : route->method[c]);
        json_object_set_new(item, method, web_openapi_operation(route, answer));
    }
    json_object_set_new(schemas, "Error",
                        json_pack("{s:s, s:[s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}",
                                  "type", "object", "required", "error", "message", "message_en",
                                  "properties", "error", "type", "string", "message", "type",
                                  "string", "message_en", "type", "string", "field", "type",
                                  "string"));
    json_t *doc =
        json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s, s:s}}}}", "openapi",
                  "3.0.3", "info", "title", "bangfu", "version", BANGFU_VERSION, "description",
                  "帮扶 employment assistance registry: the HTTP API of bangfu serve", "paths",
                  paths, "components", "schemas", schemas, "securitySchemes", "session", "type",
                  "apiKey", "in", "cookie", "name", "__Host-bangfu");
    if (doc == NULL)
        return BF_ENOMEM;
    return web_reply_json(res, 200, doc);
}
