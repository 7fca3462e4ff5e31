/*
 * cmd_quality.c - `bangfu quality [--region CODE] [--as-of DAY] [--below | --by-county]
 * [--setting NAME=VALUE] [--out FILE]`: the 四清 quality per village, the villages
 * below the threshold, or the counties ranked (services/quality.h).
 */
#include "cli/cli_table_options.h"

#include "services/quality.h"

#include <string.h>

#define CMD_QUALITY_USAGE                                                                          \
    "bangfu quality [--region CODE] [--as-of YYYY-MM-DD] [--below | --by-county] "                 \
    "[--setting NAME=VALUE] [--out FILE|-] [--json] [--force]"

int cmd_quality(cli_context *ctx, int argc, char **argv)
{
    bf_error err;
    bf_error_clear(&err);
    cli_table_options options = {0};
    static const char *const views[] = {"--below", "--by-county", NULL};
    options.switches = views;
    int status = cli_table_options_parse(argc, argv, 1,
                                         CLI_TABLE_AS_OF | CLI_TABLE_REGION | CLI_TABLE_SETTING,
                                         CMD_QUALITY_USAGE, &options);
    if (status != CLI_EXIT_OK)
        return status;
    quality_view view = options.switch_given == 1   ? QUALITY_VILLAGES_BELOW
                        : options.switch_given == 2 ? QUALITY_COUNTIES
                                                    : QUALITY_VILLAGES;
    monitor_settings settings;
    status = cli_table_options_check(ctx, &options, &settings);
    if (status != CLI_EXIT_OK)
        return status;
    int64_t rows = 0;
    if (quality_table(ctx->store, &settings, options.as_of,
                      options.region[0] != '\0' ? options.region : NULL, view, options.format,
                      options.out, &rows, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    cli_table_written(&options, (long long)rows);
    return CLI_EXIT_OK;
}
