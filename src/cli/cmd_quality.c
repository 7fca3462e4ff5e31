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
    quality_view view = QUALITY_VILLAGES;
    for (int i = 1; i < argc;) {
        if (strcmp(argv[i], "--below") == 0 || strcmp(argv[i], "--by-county") == 0) {
            view =
                argv[i][2] == 'b' && argv[i][3] == 'e' ? QUALITY_VILLAGES_BELOW : QUALITY_COUNTIES;
            i++;
            continue;
        }
        int found = cli_table_option(argc, argv, &i, &options);
        if (found < 0)
            return CLI_EXIT_USAGE;
        if (found == 0 || options.month_text != NULL || options.threshold != NULL)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（多余的参数“%s”）", "usage: %s (unexpected '%s')"),
                            CMD_QUALITY_USAGE, argv[i - found]);
    }
    monitor_settings settings;
    int status = cli_table_options_check(ctx, &options, &settings);
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
