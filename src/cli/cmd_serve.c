/*
 * cmd_serve.c - `bangfu serve`: the HTTP API and the web UI
 * (web/http_server.c) until SIGINT or SIGTERM; SIGHUP reloads the policy
 * files (a reload that fails keeps the set in force and logs why).
 */
#include "cli/cli.h"

#include "io/data_dir.h"
#include "web/http_server.h"

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Defaults of issue 17: idle 30 minutes, 12 hours whatever, requests within 30 s. */
#define SERVE_IDLE_TIMEOUT_S     (30 * 60)
#define SERVE_SESSION_LIFETIME_S (12 * 60 * 60)
#define SERVE_REQUEST_TIMEOUT_S  30
/* Connections from one address at once: above a browser's 6 and a load test's 256, far below
 * the server's WEB_CONNECTIONS_MAX; behind nginx every connection comes from nginx, whose
 * limit_conn limits each client (docs/deploy.md). */
#define SERVE_CONNECTIONS_PER_ADDRESS 512
/*
 * Workers on PostgreSQL: more than the cores, since each query of a request waits for its round
 * trip to the server.  On SQLite a worker never waits (a read takes no lock a writer holds, an
 * audited answer is suspended while its entry is committed), and each worker's page cache is
 * emptied by every commit of the audit writer: SERVE_THREADS_PER_CORE per core.  On 2 cores
 * (serve_bench.sh, 256 connections) 4 workers took 64-66 us of CPU an audited read where 16
 * took 75-90 us (1.6 page reads a request instead of 0.6).
 */
#define SERVE_THREADS_REMOTE   16
#define SERVE_THREADS_PER_CORE 2

static int cmd_serve_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu serve [--listen 127.0.0.1:8080] [--threads N] "
                          "[--behind-tls] [--web DIR] [--idle-timeout S] [--session-lifetime S] "
                          "[--request-timeout S] [--connections-per-address N]",
                          "usage: bangfu serve [--listen 127.0.0.1:8080] [--threads N] "
                          "[--behind-tls] [--web DIR] [--idle-timeout S] [--session-lifetime S] "
                          "[--request-timeout S] [--connections-per-address N]"));
}

/* A whole number of seconds (or threads) from 1 to max into *out; 0 when text is not one. */
static int serve_number(const char *text, long max, long *out)
{
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 1 || value > max)
        return 0;
    *out = value;
    return 1;
}

int cmd_serve(cli_context *ctx, int argc, char **argv)
{
    const char *listen = "127.0.0.1:8080", *web_dir = NULL;
    long threads = 0; /* the default of the engine */
    long idle = SERVE_IDLE_TIMEOUT_S, lifetime = SERVE_SESSION_LIFETIME_S,
         request_timeout = SERVE_REQUEST_TIMEOUT_S, per_address = SERVE_CONNECTIONS_PER_ADDRESS;
    web_settings settings = {.target = ctx->target};
    for (int i = 1; i < argc;) {
        const char *value = NULL;
        int found = 0;
        if ((found = cli_option_value(argc, argv, &i, "--listen", &value)) == 1)
            listen = value;
        else if (found == 0 && (found = cli_option_value(argc, argv, &i, "--web", &value)) == 1)
            web_dir = value;
        else if (found == 0 &&
                 (found = cli_option_value(argc, argv, &i, "--threads", &value)) == 1) {
            if (!serve_number(value, WEB_THREADS_MAX, &threads))
                return cmd_serve_usage();
        } else if (found == 0 &&
                   (found = cli_option_value(argc, argv, &i, "--idle-timeout", &value)) == 1) {
            if (!serve_number(value, 24 * 3600, &idle))
                return cmd_serve_usage();
        } else if (found == 0 &&
                   (found = cli_option_value(argc, argv, &i, "--session-lifetime", &value)) == 1) {
            if (!serve_number(value, 7 * 24 * 3600, &lifetime))
                return cmd_serve_usage();
        } else if (found == 0 &&
                   (found = cli_option_value(argc, argv, &i, "--request-timeout", &value)) == 1) {
            if (!serve_number(value, 3600, &request_timeout))
                return cmd_serve_usage();
        } else if (found == 0 && (found = cli_option_value(
                                      argc, argv, &i, "--connections-per-address", &value)) == 1) {
            if (!serve_number(value, 65535, &per_address))
                return cmd_serve_usage();
        } else if (found == 0 && strcmp(argv[i], "--behind-tls") == 0) {
            settings.behind_tls = 1;
            i++;
        } else {
            return cmd_serve_usage();
        }
    }
    settings.idle_timeout_s = idle;
    settings.session_lifetime_s = lifetime;
    settings.request_timeout_s = (unsigned)request_timeout;
    settings.connections_per_address = (unsigned)per_address;
    if (data_dir_find_holding(web_dir, "BANGFU_WEB", "web", "index.html", settings.static_dir,
                              sizeof settings.static_dir) != DATA_DIR_FOUND)
        return cli_fail(CLI_EXIT_FAILURE, "%s",
                        BF_TR("找不到网页文件目录 web/（用 --web DIR 指定）",
                              "cannot find the web pages directory web/ (give --web DIR)"));
    if (data_dir_find(NULL, "BANGFU_NODE_MODULES", "node_modules", settings.vendor_dir,
                      sizeof settings.vendor_dir) != DATA_DIR_FOUND)
        settings.vendor_dir[0] = '\0';

    if (sodium_init() < 0)
        return cli_fail(CLI_EXIT_FAILURE, "%s",
                        BF_TR("libsodium 无法初始化", "libsodium failed to initialise"));
    randombytes_buf(settings.ref_key, sizeof settings.ref_key);

    /* The workers inherit the mask: the signals reach sigwait below, not a worker. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = store_is_remote(ctx->store) ? SERVE_THREADS_REMOTE
                                              : SERVE_THREADS_PER_CORE * (cores > 1 ? cores : 1);
        if (threads > WEB_THREADS_MAX)
            threads = WEB_THREADS_MAX;
    }
    /* The workers open their own connections; this one only checked the database. */
    store_close(ctx->store);
    ctx->store = NULL;
    web_server *server = NULL;
    bf_error err;
    bf_error_clear(&err);
    if (web_server_start(&settings, listen, (unsigned)threads, &server, &err) != BF_OK)
        return cli_fail(err.code == BF_EUSAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE, "%s",
                        err.message);
    char host[WEB_LISTEN_MAX];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    printf(BF_TR("bangfu serve：http://%s:%u/ （数据库 %s，%ld 个线程；Ctrl-C 停止）\n",
                 "bangfu serve: http://%s:%u/ (database %s, %ld threads; Ctrl-C stops)\n"),
           host, web_server_port(server), ctx->target_shown, threads);
    fflush(stdout);
    int signal_number = 0;
    while (sigwait(&stop, &signal_number) == 0 && signal_number == SIGHUP)
        web_server_reload_policies(server, &err); /* the log says how it went */
    web_server_stop(server);
    printf("%s\n", BF_TR("bangfu serve：已停止", "bangfu serve: stopped"));
    return CLI_EXIT_OK;
}
