/*
 * cmd_governance.c - `bangfu governance [--region CODE] [--as-of DAY]
 * [--setting NAME=VALUE] [--out FILE]`: the flags of the 乡村公益性岗位 by
 * township (services/governance.h).  With --out FILE the counts per flag are
 * printed as one line of JSON.
 */
#include "cli/cli_table_options.h"

#include "services/governance.h"

#include <stdio.h>
#include <string.h>

#define CMD_GOVERNANCE_USAGE                                                                       \
    "bangfu governance [--region CODE] [--as-of YYYY-MM-DD] [--setting NAME=VALUE] "               \
    "[--out FILE|-] [--json] [--force]"

int cmd_governance(cli_context *ctx, int argc, char **argv)
{
    bf_error err;
    bf_error_clear(&err);
    cli_table_options options = {0};
    int status = cli_table_options_parse(argc, argv, 1,
                                         CLI_TABLE_AS_OF | CLI_TABLE_REGION | CLI_TABLE_SETTING,
                                         CMD_GOVERNANCE_USAGE, &options);
    if (status != CLI_EXIT_OK)
        return status;
    monitor_settings settings;
    status = cli_table_options_check(ctx, &options, &settings);
    if (status != CLI_EXIT_OK)
        return status;
    int64_t rows = 0, counts[GOVERNANCE_FLAG_COUNT] = {0};
    if (governance_inspect(ctx->store, &settings, options.as_of,
                           options.region[0] != '\0' ? options.region : NULL, options.format,
                           options.out, &rows, counts, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (strcmp(options.out, "-") != 0) {
        static const char *const codes[] = {
#define GOVERNANCE_FLAG_CODE(code, zh) #code,
            GOVERNANCE_FLAG_MAP(GOVERNANCE_FLAG_CODE)};
        printf("{\"rows\":%lld", (long long)rows);
        for (int f = 0; f < GOVERNANCE_FLAG_COUNT; f++)
            printf(",\"%s\":%lld", codes[f], (long long)counts[f]);
        printf("}\n");
    }
    cli_table_written(&options, (long long)rows);
    return CLI_EXIT_OK;
}
