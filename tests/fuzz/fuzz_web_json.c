/*
 * fuzz_web_json.c - every JSON body the API reads: the first byte of an
 * input picks one of the routes of WEB_ROUTE_MAP that take a body (POST,
 * PATCH, PUT; a new route is fuzzed as soon as it is in the map), the rest
 * is sent as its body by the logged-in clerk of fuzz_web.h with the CSRF
 * token, each {parameter} of the path being the person's reference.  The
 * answer must be a status line and never a 500 (a handler that failed on
 * bad input instead of answering 400).
 */
#include "fuzz_web.h"

#include "web/web_routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longest body sent (the server refuses more than WEB_BODY_MAX anyway). */
#define FUZZ_JSON_BODY_MAX (64 * 1024)

/* The path of route with each {parameter} replaced by the person's reference. */
static void fuzz_json_path(const web_route *route, char *out, size_t size)
{
    size_t used = 0;
    for (const char *at = route->path; *at != '\0' && used + 1 < size;) {
        if (*at == '{') {
            used += (size_t)snprintf(out + used, size - used, "%s", fuzz_web_ref);
            const char *end = strchr(at, '}');
            at = end != NULL ? end + 1 : at + strlen(at);
        } else {
            out[used++] = *at++;
        }
    }
    out[used < size ? used : size - 1] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char reply[FUZZ_WEB_REPLY_MAX];
    if (size < 1 || fuzz_web_start() != 0)
        return 0;
    int bodies[WEB_ROUTE_COUNT], count = 0;
    for (int i = 0; i < WEB_ROUTE_COUNT; i++)
        if (strcmp(web_routes[i].method, "POST") == 0 ||
            strcmp(web_routes[i].method, "PATCH") == 0 || strcmp(web_routes[i].method, "PUT") == 0)
            bodies[count++] = i;
    assert(count > 0);
    const web_route *route = &web_routes[bodies[data[0] % count]];
    size_t body_size = size - 1 < FUZZ_JSON_BODY_MAX ? size - 1 : FUZZ_JSON_BODY_MAX;
    char path[WEB_PATH_MAX + 256];
    fuzz_json_path(route, path, sizeof path);
    char head[2048];
    int length = snprintf(
        head, sizeof head,
        "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
        "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
        route->method, path, fuzz_web_cookie, fuzz_web_csrf, body_size);
    char *request = malloc((size_t)length + body_size);
    if (request == NULL)
        return 0;
    memcpy(request, head, (size_t)length);
    memcpy(request + length, data + 1, body_size);
    size_t got = fuzz_web_exchange(request, (size_t)length + body_size, reply, sizeof reply);
    fuzz_web_check(reply, got);
    free(request);
    return 0;
}
