/*
 * cli_stored.c - what `bangfu calc` over stored data and `bangfu situation`
 * share: the options choosing the people and the period, the database opened
 * read-only, the population and the parameters read in one snapshot
 * (store_begin_snapshot) through services/stored_population.
 */
#include "cli/cli_stored.h"

#include "core/date.h"
#include "policy/situation.h"
#include "services/local_parameters.h"
#include "services/stored_population.h"

#include <string.h>

int cli_stored_option(int argc, char **argv, int *index, cli_stored_options *options)
{
    static const char *const names[] = {"--region", "--person", "--from", "--to"};
    const char **values[] = {&options->region, &options->person, &options->from, &options->to};
    for (int n = 0; n < 4; n++) {
        int found = cli_option_value(argc, argv, index, names[n], values[n]);
        if (found < 0) {
            cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"), names[n]);
            return -1;
        }
        if (found == 1) {
            options->given = 1;
            return 1;
        }
    }
    return 0;
}

/* The month of option name, or the usage status after saying why. */
static int parse_month(const char *name, const char *text, int *month)
{
    if (text == NULL)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("缺少 %s YYYY-MM", "%s YYYY-MM is missing"), name);
    if (date_month_parse(text, month) != BF_OK)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("%s 月份无效“%s”（应为 YYYY-MM）", "%s: invalid month '%s' (YYYY-MM)"), name,
            text);
    return CLI_EXIT_OK;
}

int cli_stored_read(cli_context *ctx, const cli_stored_options *options, int *month_from,
                    int *month_to, population **pop)
{
    bf_error err;
    bf_error_clear(&err);
    *pop = NULL;
    int status = parse_month("--from", options->from, month_from);
    if (status == CLI_EXIT_OK)
        status = parse_month("--to", options->to, month_to);
    if (status != CLI_EXIT_OK)
        return status;
    if (*month_to < *month_from)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--to %s 早于 --from %s", "--to %s is before --from %s"), options->to,
                        options->from);
    if (*month_to - *month_from + 1 > SITUATION_PERIOD_MONTHS_MAX)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("期间超过 %d 个月", "the period is longer than %d months"),
                        SITUATION_PERIOD_MONTHS_MAX);
    if (options->region != NULL && options->person != NULL)
        return cli_fail(CLI_EXIT_USAGE, "%s",
                        BF_TR("--region 与 --person 不能同时给出",
                              "--region and --person cannot be given together"));
    char region[REGION_CODE_TEXT_MAX];
    stored_selection selection = {NULL, options->person};
    if (options->region != NULL) {
        if (region_code_normalize(options->region, region) == REGION_LEVEL_INVALID)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--region 区划代码无效“%s”（2、4、6、9 或 12 位）",
                                  "--region: invalid region code '%s' (2, 4, 6, 9 or 12 digits)"),
                            options->region);
        selection.region = region;
    }
    if (cli_open_store(ctx, CLI_STORE_READ, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    /* One snapshot for the tables and the parameters read after: an import committing
       meanwhile is seen whole or not at all.  It ends when the store is closed. */
    if (store_begin_snapshot(ctx->store) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
    if (stored_population_read(ctx->store, &selection, pop, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return CLI_EXIT_OK;
}
