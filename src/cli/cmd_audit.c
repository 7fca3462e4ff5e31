/*
 * cmd_audit.c - `bangfu audit verify | list`: checks the hash chain of the
 * audit log (web/web_audit.c) and shows its entries.
 */
#include "cli/cli.h"

#include "web/web_audit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_audit_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu audit verify | audit list [--last N] [--json]",
                          "usage: bangfu audit verify | audit list [--last N] [--json]"));
}

static int cmd_audit_verify(cli_context *ctx)
{
    web_audit_report report;
    bf_error err;
    bf_error_clear(&err);
    if (web_audit_verify(ctx->store, &report, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (report.bad_seq != 0)
        return cli_fail(CLI_EXIT_FAILURE,
                        BF_TR("审计日志被篡改：第 %lld 条：%s（此前 %lld 条完好）",
                              "the audit log was tampered with: entry %lld: %s (%lld entries "
                              "before it hold)"),
                        (long long)report.bad_seq, report.problem, (long long)report.entries - 1);
    printf(BF_TR("审计日志完好：%lld 条，最后一条 %lld，哈希 %s\n",
                 "the audit log holds: %lld entries, the last %lld, hash %s\n"),
           (long long)report.entries, (long long)report.last_seq,
           report.entries > 0 ? report.last_hash : "-");
    return CLI_EXIT_OK;
}

static int cmd_audit_list(cli_context *ctx, int argc, char **argv)
{
    int64_t last = 50;
    int as_json = 0;
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--last", &value);
        if (found == 1) {
            last = atoll(value);
            if (last < 1)
                return cmd_audit_usage();
        } else if (found == 0 && strcmp(argv[i], "--json") == 0) {
            as_json = 1;
            i++;
        } else {
            return cmd_audit_usage();
        }
    }
    static const char *const names[] = {"seq",    "at",     "actor",   "address",
                                        "action", "target", "outcome", "detail"};
    char sql[256], count[24];
    snprintf(count, sizeof count, "%lld", (long long)last);
    snprintf(sql, sizeof sql,
             "SELECT seq, at, actor, address, action, target, outcome, detail FROM audit_log "
             "WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_log) - CAST(? AS BIGINT) "
             "ORDER BY seq");
    const char *params[] = {count};
    store_rows rows = {0};
    bf_error err;
    bf_error_clear(&err);
    json_t *list = json_array();
    int rc = store_rows_open(ctx->store, sql, params, 1, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        if (as_json) {
            json_t *entry = json_object();
            json_object_set_new(entry, names[0], json_integer(store_column_int64(rows.stmt, 0)));
            for (int c = 1; c < 8; c++)
                json_object_set_new(entry, names[c], json_string(store_column_text(rows.stmt, c)));
            json_array_append_new(list, entry);
        } else {
            for (int c = 0; c < 8; c++)
                printf("%s%s", c ? "\t" : "", store_column_text(rows.stmt, c));
            putchar('\n');
        }
    }
    store_rows_close(&rows);
    if (rc < 0) {
        json_decref(list);
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    if (as_json) {
        char *text = json_dumps(list, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(text != NULL ? text : "[]");
        free(text);
    }
    json_decref(list);
    return CLI_EXIT_OK;
}

int cmd_audit(cli_context *ctx, int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "verify") == 0)
        return cmd_audit_verify(ctx);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return cmd_audit_list(ctx, argc, argv);
    return cmd_audit_usage();
}
