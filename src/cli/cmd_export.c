/*
 * cmd_export.c - `bangfu export people|KIND [--region CODE] [--out FILE]
 * [--force]`: the registry (services/export_people.c) or a kind of stored
 * facts (services/export_facts.c) in the import format.  An existing FILE is
 * replaced only with --force.
 */
#include "cli/cli.h"

#include "core/region_code.h"
#include "registry/region.h"
#include "services/export_facts.h"
#include "services/export_people.h"

#include <stdio.h>
#include <string.h>

static int cmd_export_usage(void)
{
    char kinds[FACT_KIND_NAMES_MAX];
    fact_kind_names(kinds, sizeof kinds);
    return cli_fail(
        CLI_EXIT_USAGE,
        BF_TR("用法：bangfu export people|%s [--region CODE] [--out FILE.csv|FILE.xlsx] "
              "[--force] [--progress json|none]",
              "usage: bangfu export people|%s [--region CODE] [--out FILE.csv|FILE.xlsx] "
              "[--force] [--progress json|none]"),
        kinds);
}

int cmd_export(cli_context *ctx, int argc, char **argv)
{
    export_people_options options = {.region = NULL, .out = "-"};
    progress_format format;
    const char *region_text = NULL;
    char region[REGION_CODE_TEXT_MAX];
    int force = 0;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2)
        return cmd_export_usage();
    const fact_kind *kind = strcmp(argv[1], "people") == 0 ? NULL : fact_kind_find(argv[1]);
    if (kind == NULL && strcmp(argv[1], "people") != 0)
        return cmd_export_usage();
    progress_format_parse("auto", stderr, &format);
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--region", &value);
        if (found == 1) {
            region_text = value;
            continue;
        }
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--out", &value);
        if (found == 1) {
            options.out = value;
            continue;
        }
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--progress", &value);
        if (found == 1 && progress_format_parse(value, stderr, &format) == BF_OK)
            continue;
        return cmd_export_usage();
    }
    if (!force && strcmp(options.out, "-") != 0 && cli_refuse_existing(options.out))
        return CLI_EXIT_FAILURE;
    if (region_text != NULL) {
        int status = cli_region_argument(ctx, region_text, region);
        if (status != CLI_EXIT_OK)
            return status;
        options.region = region;
    }
    int64_t rows = 0;
    if (progress_open(format, stderr, "export", "导出", "export", &options.progress) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    int rc = kind != NULL ? export_facts(ctx->store, kind, &options, &rows, &err)
                          : export_people(ctx->store, &options, &rows, &err);
    progress_close(options.progress, rc == BF_OK);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (strcmp(options.out, "-") != 0)
        fprintf(stderr,
                kind != NULL ? BF_TR("已导出 %lld 条记录到 %s\n", "exported %lld records to %s\n")
                             : BF_TR("已导出 %lld 人到 %s\n", "exported %lld people to %s\n"),
                (long long)rows, options.out);
    return CLI_EXIT_OK;
}
