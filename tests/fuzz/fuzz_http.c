/*
 * fuzz_http.c - the HTTP request handling of `bangfu serve`: each input is
 * the raw bytes of one request sent to a real server (fuzz_web.h) on a new
 * connection, with "$C" replaced by a logged-in session cookie, "$T" by its
 * CSRF token and "$R" by the reference of a person, so that inputs reach the
 * routes behind the session checks.  The answer must be one HTTP status line
 * (or a closed connection), never a 500; the server must not crash, leak or
 * hang (sanitizers, the 10 s read limit).
 */
#include "fuzz_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longest input taken (longer ones are cut): past the server's limits already. */
#define FUZZ_HTTP_INPUT_MAX (300 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char reply[FUZZ_WEB_REPLY_MAX];
    if (fuzz_web_start() != 0)
        return 0;
    if (size > FUZZ_HTTP_INPUT_MAX)
        size = FUZZ_HTTP_INPUT_MAX;
    /* Each "$X" of 2 bytes grows to at most sizeof fuzz_web_ref bytes. */
    size_t capacity = size / 2 * sizeof fuzz_web_ref + size + 1;
    char *request = malloc(capacity);
    if (request == NULL)
        return 0;
    size_t used = 0;
    for (size_t i = 0; i < size; i++) {
        const char *value = NULL;
        if (data[i] == '$' && i + 1 < size)
            value = data[i + 1] == 'C'   ? fuzz_web_cookie
                    : data[i + 1] == 'T' ? fuzz_web_csrf
                    : data[i + 1] == 'R' ? fuzz_web_ref
                                         : NULL;
        if (value != NULL) {
            size_t length = strlen(value);
            memcpy(request + used, value, length);
            used += length;
            i++;
        } else {
            request[used++] = (char)data[i];
        }
    }
    size_t got = fuzz_web_exchange(request, used, reply, sizeof reply);
    fuzz_web_check(reply, got);
    free(request);
    return 0;
}
