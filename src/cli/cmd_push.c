/*
 * cmd_push.c - `bangfu push --dir DIR [--region CODE] [--top N] [--date
 * YYYY-MM-DD] [--channel sms|call] [--data DIR]`: a push run
 * (services/push.h), one JSON line of counts on standard output.
 */
#include "cli/cli.h"

#include "services/match.h"
#include "services/push.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUSH_USAGE                                                                                 \
    "bangfu push --dir DIR [--region CODE] [--top N] [--date YYYY-MM-DD] [--channel sms|call] "    \
    "[--data DIR]"

int cmd_push(cli_context *ctx, int argc, char **argv)
{
    push_options options = {.top = 3, .channel = "sms"};
    const char *region_text = NULL, *top_text = NULL, *date_text = NULL;
    char region[REGION_CODE_TEXT_MAX];
    bf_error err;
    bf_error_clear(&err);
    options.day = date_today();
    for (int i = 1; i < argc;) {
        static const char *const names[] = {"--dir",  "--region",  "--top",
                                            "--date", "--channel", "--data"};
        const char **targets[] = {&options.dir, &region_text,     &top_text,
                                  &date_text,   &options.channel, &options.data_dir};
        int found = 0;
        for (size_t n = 0; n < sizeof names / sizeof names[0] && found == 0; n++)
            found = cli_option_value(argc, argv, &i, names[n], targets[n]);
        if (found != 1)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"), PUSH_USAGE,
                            argv[i]);
    }
    if (options.dir == NULL)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), PUSH_USAGE);
    if (strcmp(options.channel, "sms") != 0 && strcmp(options.channel, "call") != 0)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--channel 应为 sms 或 call", "--channel must be sms or call"));
    int status = cli_match_options(ctx, top_text, date_text, region_text, &options.top,
                                   &options.day, region, &options.region);
    if (status != CLI_EXIT_OK)
        return status;
    push_result result;
    if (push_run(ctx->store, &options, &result, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    printf("{\"batch\":%" PRId64 ",\"laborers\":%" PRId64 ",\"pushes\":%" PRId64
           ",\"messages\":%" PRId64 ",\"no_phone\":%" PRId64 "}\n",
           result.batch, result.laborers, result.pushes, result.messages, result.no_phone);
    return CLI_EXIT_OK;
}
