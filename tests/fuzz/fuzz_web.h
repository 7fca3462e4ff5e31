/*
 * fuzz_web.h - the one real `bangfu serve` the web harnesses talk to.
 *
 * fuzz_web_start() (first call; stopped and removed at exit) makes an SQLite
 * database in a temporary directory (on /dev/shm when there is one, so that
 * the audit's syncs cost nothing) with three regions, one person and one
 * clerk, starts the server on a free loopback port with 2 workers, logs in
 * through HTTP and keeps the session cookie, the CSRF token and the person's
 * reference.  fuzz_web_exchange() sends one request on a new connection,
 * closes the sending side and reads the whole answer.  fuzz_web_check()
 * asserts what every answer must be: nothing (the server closed the
 * connection) or one HTTP/1.x status line, never a 500.
 */
#ifndef BANGFU_TESTS_FUZZ_WEB_H
#define BANGFU_TESTS_FUZZ_WEB_H

#include "store/migrate.h"
#include "store/store.h"
#include "web/http_server.h"
#include "web/web_users.h"

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

/* Largest answer read (bigger ones are cut: the harness only looks at the status line). */
#define FUZZ_WEB_REPLY_MAX (256 * 1024)

static const char fuzz_web_password[] = "Mohu-Ceshi-2024!";
static web_server *fuzz_web_server;
static char fuzz_web_dir[256];
static char fuzz_web_cookie[128]; /* "bangfu=TOKEN" */
static char fuzz_web_csrf[64];
static char fuzz_web_ref[160];
static web_settings fuzz_web_settings;
static char fuzz_web_target[512];

static void fuzz_web_stop(void)
{
    web_server_stop(fuzz_web_server);
    fuzz_web_server = NULL;
    char path[512];
    static const char *const files[] = {"fuzz.sqlite", "fuzz.sqlite-wal", "fuzz.sqlite-shm",
                                        "fuzz.sqlite-journal"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_web_dir, files[i]);
        unlink(path);
    }
    rmdir(fuzz_web_dir);
}

/* Sends size bytes of request and reads the answer into reply (NUL-terminated): its length. */
static size_t fuzz_web_exchange(const void *request, size_t size, char *reply, size_t reply_max)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert(fd >= 0);
    struct sockaddr_in address = {.sin_family = AF_INET,
                                  .sin_port = htons((uint16_t)web_server_port(fuzz_web_server))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval timeout = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    /* A busy machine can run out of loopback ports for a moment (EADDRNOTAVAIL, other
     * programs' connections in TIME_WAIT): try for 5 s before calling the server gone. */
    int connected = -1;
    for (int attempt = 0; attempt < 50 && connected != 0; attempt++) {
        connected = connect(fd, (struct sockaddr *)&address, sizeof address);
        if (connected != 0) {
            fprintf(stderr, "fuzz_web: connect: %s\n", strerror(errno));
            close(fd);
            usleep(100 * 1000);
            fd = socket(AF_INET, SOCK_STREAM, 0);
            assert(fd >= 0);
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        }
    }
    assert(connected == 0);
    const char *next = request;
    while (size > 0) {
        ssize_t sent = send(fd, next, size, MSG_NOSIGNAL);
        if (sent <= 0)
            break; /* the server may close early (a body over the limit): read its answer */
        next += sent;
        size -= (size_t)sent;
    }
    shutdown(fd, SHUT_WR);
    size_t used = 0;
    for (;;) {
        ssize_t got = recv(fd, reply + used, reply_max - 1 - used, 0);
        if (got <= 0)
            break;
        used += (size_t)got;
        if (used == reply_max - 1)
            break;
    }
    close(fd);
    reply[used] = '\0';
    return used;
}

/* The status of an answer, 0 for none; aborts on anything but a status line. */
static int fuzz_web_check(const char *reply, size_t length)
{
    if (length == 0)
        return 0;
    assert(length >= 12 && strncmp(reply, "HTTP/1.", 7) == 0 && reply[8] == ' ');
    int status = atoi(reply + 9);
    assert(status >= 100 && status <= 599);
    assert(status != 500); /* a handler failed: a defect the input found */
    return status;
}

/* The value of header name (case as the server writes it) in reply into out, or "". */
static void fuzz_web_header(const char *reply, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    const char *at = strstr(reply, name);
    if (at == NULL)
        return;
    at += strlen(name);
    size_t length = strcspn(at, ";\r\n");
    snprintf(out, size, "%.*s", (int)length, at);
}

/* The body of reply as JSON (owned), or NULL. */
static json_t *fuzz_web_body(const char *reply)
{
    const char *body = strstr(reply, "\r\n\r\n");
    return body != NULL ? json_loads(body + 4, 0, NULL) : NULL;
}

/*
 * fuzz_web_exchange() for the set-up requests: sent again (up to 5 times) when
 * no answer came, as when a loaded machine (a long fuzzing run under nice)
 * gives the worker no time before the connection's 1 s timeout.
 */
static size_t fuzz_web_setup_exchange(const char *request, size_t size, char *reply,
                                      size_t reply_max)
{
    size_t got = 0;
    for (int attempt = 0; attempt < 5 && got == 0; attempt++)
        got = fuzz_web_exchange(request, size, reply, reply_max);
    return got;
}

static int fuzz_web_start(void)
{
    if (fuzz_web_server != NULL)
        return 0;
    signal(SIGPIPE, SIG_IGN);
    if (sodium_init() < 0)
        return -1;
    struct stat shm;
    const char *tmp = stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(fuzz_web_dir, sizeof fuzz_web_dir, "%s/bangfu-fuzz-web-XXXXXX", tmp);
    if (mkdtemp(fuzz_web_dir) == NULL)
        return -1;
    snprintf(fuzz_web_target, sizeof fuzz_web_target, "%s/fuzz.sqlite", fuzz_web_dir);
    store *st = NULL;
    bf_error err;
    int applied = 0;
    assert(store_open(fuzz_web_target, &st, &err) == BF_OK);
    assert(store_migrate(st, &applied, &err) == BF_OK);
    assert(store_exec(st, "INSERT INTO regions (code, name, level, parent) VALUES "
                          "('370000000000', '山东省', 1, NULL), "
                          "('370800000000', '济宁市', 2, '370000000000'), "
                          "('370811000000', '任城区', 3, '370800000000'); "
                          "INSERT INTO batches (id, kind, source, started_at) VALUES "
                          "(999999, 'import', 'fuzz', '2026-01-01T00:00:00Z'); "
                          "INSERT INTO people (id_number, name, sex, birth_date, phone, "
                          "hukou_region, categories, created_batch, updated_batch) VALUES "
                          "('37081119800101001X', '张伟', '男', '1980-01-01', '13853700001', "
                          "'370811000000', '建档立卡贫困人口', 999999, 999999)") == BF_OK);
    assert(web_user_add(st, "fuzz", "模糊测试", "370811000000", WEB_ROLE_CLERK | WEB_ROLE_REVIEWER,
                        fuzz_web_password, &err) == BF_OK);
    store_close(st);

    fuzz_web_settings.target = fuzz_web_target;
    snprintf(fuzz_web_settings.static_dir, sizeof fuzz_web_settings.static_dir, "web");
    fuzz_web_settings.idle_timeout_s = 3600;
    fuzz_web_settings.session_lifetime_s = 3600;
    fuzz_web_settings.request_timeout_s = 1; /* a connection kept alive ends soon */
    fuzz_web_settings.connections_per_address = 64;
    assert(web_server_start(&fuzz_web_settings, "127.0.0.1:0", 2, &fuzz_web_server, &err) == BF_OK);
    atexit(fuzz_web_stop);

    static char reply[FUZZ_WEB_REPLY_MAX];
    char login[128], request[512];
    snprintf(login, sizeof login, "{\"login\":\"fuzz\",\"password\":\"%s\"}", fuzz_web_password);
    int length = snprintf(request, sizeof request,
                          "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nContent-Length: %zu\r\n\r\n%s",
                          strlen(login), login);
    size_t got = fuzz_web_setup_exchange(request, (size_t)length, reply, sizeof reply);
    assert(fuzz_web_check(reply, got) == 200);
    fuzz_web_header(reply, "Set-Cookie: ", fuzz_web_cookie, sizeof fuzz_web_cookie);
    json_t *body = fuzz_web_body(reply);
    snprintf(fuzz_web_csrf, sizeof fuzz_web_csrf, "%s",
             json_string_value(json_object_get(body, "csrf_token")));
    json_decref(body);
    length = snprintf(request, sizeof request,
                      "GET /api/people HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n\r\n", fuzz_web_cookie);
    got = fuzz_web_setup_exchange(request, (size_t)length, reply, sizeof reply);
    assert(fuzz_web_check(reply, got) == 200);
    body = fuzz_web_body(reply);
    json_t *first = json_array_get(json_object_get(body, "people"), 0);
    snprintf(fuzz_web_ref, sizeof fuzz_web_ref, "%s",
             json_string_value(json_object_get(first, "ref")));
    json_decref(body);
    assert(fuzz_web_cookie[0] != '\0' && fuzz_web_csrf[0] != '\0' && fuzz_web_ref[0] != '\0');
    return 0;
}

#endif
