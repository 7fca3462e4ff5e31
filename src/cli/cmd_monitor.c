/*
 * cmd_monitor.c - `bangfu monitor snapshot --month M` stores the month's
 * employment of 脱贫人口; `monitor show --month M` and `monitor alerts --month
 * M` read the stored months (services/monitor.h).  A snapshot opens the
 * database read-write, the others read-only (CLI_STORE_BY_COMMAND).
 */
#include "cli/cli_table_options.h"

#include "services/monitor.h"

#include <stdio.h>
#include <string.h>

#define CMD_MONITOR_USAGE                                                                          \
    "bangfu monitor snapshot --month YYYY-MM | monitor show|alerts --month YYYY-MM "               \
    "[--region CODE] [--threshold PCT] [--setting NAME=VALUE] [--out FILE|-] [--json] [--force]"

int cmd_monitor(cli_context *ctx, int argc, char **argv)
{
    bf_error err;
    bf_error_clear(&err);
    const char *action = argc >= 2 ? argv[1] : "";
    int snapshot = strcmp(action, "snapshot") == 0;
    if (!snapshot && strcmp(action, "show") != 0 && strcmp(action, "alerts") != 0)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), CMD_MONITOR_USAGE);
    cli_table_options options = {0};
    int status = cli_table_options_parse(argc, argv, 2,
                                         CLI_TABLE_MONTH | CLI_TABLE_AS_OF | CLI_TABLE_REGION |
                                             CLI_TABLE_SETTING | CLI_TABLE_THRESHOLD,
                                         CMD_MONITOR_USAGE, &options);
    if (status != CLI_EXIT_OK)
        return status;
    if (options.month_text == NULL)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("缺少 --month YYYY-MM", "--month YYYY-MM is missing"));
    if (cli_open_store(ctx, snapshot ? CLI_STORE_WRITE : CLI_STORE_READ, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    monitor_settings settings;
    status = cli_table_options_check(ctx, &options, &settings);
    if (status != CLI_EXIT_OK)
        return status;
    const char *region = options.region[0] != '\0' ? options.region : NULL;
    int64_t rows = 0;
    if (snapshot) {
        monitor_snapshot_result result;
        if (monitor_snapshot_take(ctx->store, &settings, options.month, &result, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(options.month, month);
        printf("{\"month\":\"%s\",\"taken_at\":\"%s\",\"workers\":%lld,\"taken\":%d}\n", month,
               result.taken_at, (long long)result.workers, result.taken);
        return CLI_EXIT_OK;
    }
    int rc = action[0] == 's' ? monitor_table(ctx->store, options.month, region, options.format,
                                              options.out, &rows, &err)
                              : monitor_alerts(ctx->store, &settings, options.month, region,
                                               options.format, options.out, &rows, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    cli_table_written(&options, (long long)rows);
    return CLI_EXIT_OK;
}
