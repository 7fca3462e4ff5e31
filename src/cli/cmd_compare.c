/*
 * cmd_compare.c - `bangfu compare insurance|poverty [--date DAY] [--region
 * CODE]` runs and stores a comparison of a list with the registry (with
 * --region: the people of the region, as the web's POST /api/comparisons); `compare list`,
 * `compare show RUN` and `compare export RUN --out FILE [--force]` read the
 * stored runs (services/compare_lists.c).  A run opens the database
 * read-write, the others read-only (CLI_STORE_BY_COMMAND).
 */
#include "cli/cli.h"

#include "core/region_code.h"
#include "services/compare_lists.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD_COMPARE_USAGE_ZH                                                                          \
    "用法：bangfu compare insurance|poverty [--date YYYY-MM-DD] [--region CODE] | compare list | " \
    "compare show RUN | compare export RUN --out FILE.xlsx|FILE.csv|- [--force]"
#define CMD_COMPARE_USAGE_EN                                                                       \
    "usage: bangfu compare insurance|poverty [--date YYYY-MM-DD] [--region CODE] | compare list "  \
    "| "                                                                                           \
    "compare show RUN | compare export RUN --out FILE.xlsx|FILE.csv|- [--force]"

static int cmd_compare_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR(CMD_COMPARE_USAGE_ZH, CMD_COMPARE_USAGE_EN));
}

/* Prints the counts and changes of a run as one line of JSON. */
static int cmd_compare_print(const char *list, const char *as_of, const compare_result *result)
{
    json_t *counts = json_object(), *added = json_object(), *resolved = json_object();
    for (int f = 0; f < COMPARE_FINDING_COUNT; f++) {
        const char *code = compare_finding_code((compare_finding)f);
        json_object_set_new(counts, code, json_integer(result->counts[f]));
        json_object_set_new(added, code, json_integer(result->added[f]));
        json_object_set_new(resolved, code, json_integer(result->resolved[f]));
    }
    json_t *line =
        json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:I,s:o,s:o}", "run", (json_int_t)result->run, "list",
                  list, "as_of", as_of, "registry_people", (json_int_t)result->registry_people,
                  "list_people", (json_int_t)result->list_people, "findings", counts,
                  "previous_run", (json_int_t)result->previous, "new", added, "resolved", resolved);
    return cli_print_json_line(line);
}

/* The run number of text, or 0. */
static int64_t cmd_compare_run_number(const char *text)
{
    char *end = NULL;
    long long run = text != NULL ? strtoll(text, &end, 10) : 0;
    return end != NULL && end != text && *end == '\0' && run > 0 ? (int64_t)run : 0;
}

/* `compare list`: one line per run, newest first. */
static int cmd_compare_list(cli_context *ctx, bf_error *err)
{
    store_rows rows = {0};
    int rc = store_rows_open(ctx->store,
                             "SELECT id, list, as_of, started_at, registry_people, list_people, "
                             "findings FROM compare_runs ORDER BY id DESC",
                             NULL, 0, &rows, err);
    if (rc == BF_OK)
        printf("%s\n", BF_TR("次\t名单\t比对日\t运行时间\t登记人数\t名单人数\t发现",
                             "run\tlist\tas of\tstarted at\tregistry\tlist\tfindings"));
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        printf("%" PRId64 "\t%s\t%s\t%s\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\n",
               store_column_int64(rows.stmt, 0), store_column_text(rows.stmt, 1),
               store_column_text(rows.stmt, 2), store_column_text(rows.stmt, 3),
               store_column_int64(rows.stmt, 4), store_column_int64(rows.stmt, 5),
               store_column_int64(rows.stmt, 6));
    }
    store_rows_close(&rows);
    return rc == 0 ? CLI_EXIT_OK : cli_fail(CLI_EXIT_FAILURE, "%s", err->message);
}

int cmd_compare(cli_context *ctx, int argc, char **argv)
{
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2)
        return cmd_compare_usage();
    const char *action = argv[1];
    if (compare_list_known(action)) {
        bf_date as_of = date_today();
        char region[REGION_CODE_TEXT_MAX] = "";
        for (int i = 2; i < argc;) {
            const char *value = NULL;
            int found = cli_option_value(argc, argv, &i, "--date", &value);
            if (found == 1 && date_parse_written(value, &as_of) != BF_OK)
                return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”不是日期", "'%s' is not a date"), value);
            if (found == 0 && (found = cli_option_value(argc, argv, &i, "--region", &value)) == 1 &&
                region_code_normalize(value, region) == REGION_LEVEL_INVALID)
                return cli_fail(CLI_EXIT_USAGE,
                                BF_TR("--region 区划代码无效“%s”（2、4、6、9 或 12 位）",
                                      "--region: invalid region code '%s' (2, 4, 6, 9 or 12 "
                                      "digits)"),
                                value);
            if (found != 1)
                return cmd_compare_usage();
        }
        compare_result result;
        char day[BF_DATE_TEXT_MAX];
        date_format(as_of, day);
        if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK ||
            compare_run(ctx->store, action, region, as_of, &result, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        return cmd_compare_print(action, day, &result);
    }
    if (strcmp(action, "list") == 0) {
        if (argc != 2)
            return cmd_compare_usage();
        if (cli_open_store(ctx, CLI_STORE_READ, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        return cmd_compare_list(ctx, &err);
    }
    if (strcmp(action, "show") != 0 && strcmp(action, "export") != 0)
        return cmd_compare_usage();
    int64_t run = argc >= 3 ? cmd_compare_run_number(argv[2]) : 0;
    const char *out = NULL;
    int force = 0;
    if (run == 0)
        return cmd_compare_usage();
    for (int i = 3; i < argc;) {
        const char *value = NULL;
        int found =
            strcmp(action, "export") == 0 ? cli_option_value(argc, argv, &i, "--out", &value) : 0;
        if (found == 1) {
            out = value;
            continue;
        }
        if (found == 0 && strcmp(action, "export") == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        return cmd_compare_usage();
    }
    if (strcmp(action, "export") == 0 && out == NULL)
        return cmd_compare_usage();
    if (out != NULL && !force && strcmp(out, "-") != 0 && cli_refuse_existing(out))
        return CLI_EXIT_FAILURE;
    if (cli_open_store(ctx, CLI_STORE_READ, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (out != NULL) {
        int64_t rows = 0;
        if (compare_export(ctx->store, run, out, &rows, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        if (strcmp(out, "-") != 0)
            fprintf(stderr, BF_TR("已导出 %lld 条发现到 %s\n", "exported %lld findings to %s\n"),
                    (long long)rows, out);
        return CLI_EXIT_OK;
    }
    char list[COMPARE_LIST_NAME_MAX], as_of[BF_DATE_TEXT_MAX];
    compare_result result;
    if (compare_load(ctx->store, run, list, as_of, &result, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return cmd_compare_print(list, as_of, &result);
}
