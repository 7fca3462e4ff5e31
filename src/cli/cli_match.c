/* cli_match.c - the options bangfu match and bangfu push share (cli.h). */
#include "cli/cli.h"

#include "services/match.h"

#include <stdlib.h>

int cli_match_options(cli_context *ctx, const char *top_text, const char *date_text,
                      const char *region_text, int *top, bf_date *day,
                      char region[REGION_CODE_TEXT_MAX], const char **region_out)
{
    if (top_text != NULL) {
        char *end = NULL;
        long parsed = strtol(top_text, &end, 10);
        if (*top_text == '\0' || *end != '\0' || parsed < 1 || parsed > MATCH_TOP_MAX)
            return cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("--top 应为 1 到 %d 的整数", "--top must be a whole number from 1 to %d"),
                MATCH_TOP_MAX);
        *top = (int)parsed;
    }
    if (date_text != NULL && date_parse(date_text, day) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”不是日期", "'%s' is not a date"), date_text);
    if (region_text != NULL) {
        int status = cli_region_argument(ctx, region_text, region);
        if (status != CLI_EXIT_OK)
            return status;
        *region_out = region;
    }
    return CLI_EXIT_OK;
}
