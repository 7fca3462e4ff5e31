/*
 * cmd_match.c - `bangfu match [--region CODE] [--top N] [--date YYYY-MM-DD]
 * [--data DIR] [--out FILE] [--force]` ranks the open job postings for each
 * laborer of the region who is able, willing and not employed, and
 * `bangfu match --posting CODE ...` the laborers for one posting
 * (services/match_run.h); the list goes to standard output or FILE, a
 * summary line to standard error.
 */
#include "cli/cli.h"

#include "core/region_code.h"
#include "registry/region.h"
#include "services/match.h"
#include "services/match_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_USAGE                                                                                \
    "bangfu match [--region CODE | --posting CODE] [--top N] [--date YYYY-MM-DD] [--data DIR] "    \
    "[--out FILE] [--force]"

static int cmd_match_usage(const char *unexpected)
{
    if (unexpected != NULL)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"),
                        MATCH_USAGE, unexpected);
    return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), MATCH_USAGE);
}

int cmd_match(cli_context *ctx, int argc, char **argv)
{
    match_run_options options = {.top = 10, .out = "-"};
    const char *region_text = NULL, *top_text = NULL, *date_text = NULL;
    char region[REGION_CODE_TEXT_MAX];
    int force = 0;
    bf_error err;
    bf_error_clear(&err);
    options.day = date_today();
    for (int i = 1; i < argc;) {
        static const char *const names[] = {"--region", "--posting", "--top",
                                            "--date",   "--data",    "--out"};
        const char **targets[] = {&region_text, &options.posting,  &top_text,
                                  &date_text,   &options.data_dir, &options.out};
        int found = 0;
        for (size_t n = 0; n < sizeof names / sizeof names[0] && found == 0; n++)
            found = cli_option_value(argc, argv, &i, names[n], targets[n]);
        if (found == 1)
            continue;
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        return cmd_match_usage(argv[i]);
    }
    if (region_text != NULL && options.posting != NULL)
        return cmd_match_usage("--posting");
    if (!force && strcmp(options.out, "-") != 0 && cli_refuse_existing(options.out))
        return CLI_EXIT_FAILURE;
    int status = cli_match_options(ctx, top_text, date_text, region_text, &options.top,
                                   &options.day, region, &options.region);
    if (status != CLI_EXIT_OK)
        return status;
    match_run_result result;
    int rc = match_run(ctx->store, &options, &result, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (options.posting != NULL)
        fprintf(stderr,
                BF_TR("岗位 %s：推荐 %lld 名（共 %lld 名待就业劳动力）\n",
                      "posting %s: %lld proposed of %lld laborers seeking work\n"),
                options.posting, (long long)result.matched, (long long)result.laborers);
    else
        fprintf(stderr,
                BF_TR("%lld 名待就业劳动力，%lld 名有推荐岗位（%lld 个在招岗位，%lld 条推荐）\n",
                      "%lld laborers seeking work, %lld with proposals (%lld open postings, %lld "
                      "proposals)\n"),
                (long long)result.laborers, (long long)result.matched, (long long)result.postings,
                (long long)result.rows);
    return CLI_EXIT_OK;
}
