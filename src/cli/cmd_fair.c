/*
 * cmd_fair.c - `bangfu fair list [--year Y] [--region CODE] [--kind special|relocation|general]`:
 * the stored job fairs (services/job_events.h), one JSON line each with its employers, postings
 * offered, openings, people attending and hired.
 */
#include "cli/cli.h"

#include "services/job_events.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIR_USAGE "bangfu fair list [--year YYYY] [--region CODE] [--kind KIND]"

static int fair_print(void *context, const job_fair_row *row, bf_error *err)
{
    (void)context;
    json_t *line =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:I,s:I,s:I,s:I,s:I}", "fair",
                  row->fair_code, "name", row->name, "kind", row->kind, "mode", row->mode,
                  "held_on", row->held_on, "region", row->region, "place", row->place, "site",
                  row->site, "organisers", row->organisers, "employers", (json_int_t)row->employers,
                  "postings", (json_int_t)row->postings, "openings", (json_int_t)row->openings,
                  "attending", (json_int_t)row->attending, "hired", (json_int_t)row->hired);
    return cli_print_json_line(line) == CLI_EXIT_OK ? BF_OK : bf_error_set(err, BF_ENOMEM, NULL);
}

int cmd_fair(cli_context *ctx, int argc, char **argv)
{
    const char *year_text = NULL, *region_text = NULL, *kind = NULL;
    char region[REGION_CODE_TEXT_MAX];
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2 || strcmp(argv[1], "list") != 0)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), FAIR_USAGE);
    for (int i = 2; i < argc;) {
        int found = cli_option_value(argc, argv, &i, "--year", &year_text);
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--region", &region_text);
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--kind", &kind);
        if (found != 1)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"), FAIR_USAGE,
                            argv[i]);
    }
    int year = 0;
    if (year_text != NULL) {
        char *end = NULL;
        long parsed = strtol(year_text, &end, 10);
        if (*year_text == '\0' || *end != '\0' || parsed < 1 || parsed > 9999)
            return cli_fail(CLI_EXIT_USAGE, BF_TR("--year 应为年份", "--year must be a year"));
        year = (int)parsed;
    }
    if (region_text != NULL) {
        int status = cli_region_argument(ctx, region_text, region);
        if (status != CLI_EXIT_OK)
            return status;
    }
    if (job_fairs_list(ctx->store, year, region_text != NULL ? region : NULL, kind, fair_print,
                       NULL, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return CLI_EXIT_OK;
}
