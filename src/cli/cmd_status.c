/*
 * cmd_status.c - `bangfu status [--json]`: where the data is and what it holds: the
 * database, its schema version, the size of the region table and registry,
 * people per category and per employment status, and the latest import.
 */
#include "cli/cli.h"

#include "registry/people_counts.h"
#include "store/migrate.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Columns a label takes on a terminal: CJK characters take two. */
static int display_width(const char *text)
{
    int width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;                /* continuation byte */
        width += *p >= 0xE1 ? 2 : 1; /* 3- and 4-byte sequences from U+1100 on are wide */
    }
    return width;
}

/* Prints "label: count" for each row of a (text, count) query. */
static int print_breakdown(store *st, const char *title, const char *sql)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(st, sql, &stmt);
    if (rc != BF_OK)
        return rc;
    printf("%s\n", title);
    while ((rc = store_step(stmt)) == BF_ROW) {
        const char *label = store_column_text(stmt, 0);
        if (label == NULL || label[0] == '\0')
            label = BF_TR("（未填）", "(empty)");
        int pad = 40 - display_width(label);
        printf("  %s%*s %lld\n", label, pad > 0 ? pad : 0, "",
               (long long)store_column_int64(stmt, 1));
    }
    store_finalize(stmt);
    return rc == BF_DONE ? BF_OK : rc;
}

int cmd_status(cli_context *ctx, int argc, char **argv)
{
    int json = argc == 2 && strcmp(argv[1], "--json") == 0;
    if (argc != 1 && !json)
        return cli_fail(CLI_EXIT_USAGE, "%s",
                        BF_TR("用法：bangfu status [--json]", "usage: bangfu status [--json]"));
    store *st = ctx->store;
    int version = 0;
    int64_t regions = 0, people = 0, households = 0;
    int rc = store_schema_version(st, &version);
    if (rc == BF_OK)
        rc = store_query_int64(st, "SELECT COUNT(*) FROM regions", NULL, 0, &regions);
    /* From the summary the imports keep (registry/people_counts.h), not a scan of people. */
    if (rc == BF_OK)
        rc = people_counts_get(st, "people", "", &people);
    if (rc == BF_OK)
        rc = people_counts_get(st, "households", "", &households);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(st));
    if (json) {
        /* For scripts: the counts only, one line. */
        json_t *summary = json_pack("{s:s, s:s, s:i, s:I, s:I, s:I}", "database", ctx->target_shown,
                                    "engine", store_engine_name(st), "schema_version", version,
                                    "regions", (json_int_t)regions, "people", (json_int_t)people,
                                    "households", (json_int_t)households);
        if (summary == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        json_dumpf(summary, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(summary);
        return CLI_EXIT_OK;
    }
    printf(BF_TR("数据库：%s（%s，架构版本 %d）\n", "database: %s (%s, schema version %d)\n"),
           ctx->target_shown, store_engine_name(st), version);
    printf(BF_TR("区划：%lld 条\n", "regions: %lld\n"), (long long)regions);
    printf(BF_TR("登记人员：%lld 人，%lld 户\n", "registered people: %lld in %lld households\n"),
           (long long)people, (long long)households);
    rc = print_breakdown(st, BF_TR("按帮扶类别：", "by category:"),
                         "SELECT value, people FROM people_counts WHERE field = 'categories' "
                         "ORDER BY people DESC, value LIMIT 12");
    if (rc == BF_OK)
        rc = print_breakdown(st, BF_TR("按就业状态：", "by employment status:"),
                             "SELECT value, people FROM people_counts "
                             "WHERE field = 'employment_status' ORDER BY people DESC, value");
    if (rc == BF_OK)
        rc = print_breakdown(st, BF_TR("最近的导入（批次）：", "latest imports (batches):"),
                             "SELECT started_at || '  ' || source, inserted + updated FROM batches "
                             "ORDER BY id DESC LIMIT 3");
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(st));
    return CLI_EXIT_OK;
}
