/*
 * cmd_generate.c - `bangfu generate people --count N [--seed S]
 * [--region CODE] --out FILE`: a synthetic list in the import format.
 */
#include "cli/cli.h"

#include "core/region_code.h"
#include "services/generate_people.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Parses a whole non-negative decimal number; -1 when text is not one. */
static long long parse_count(const char *text)
{
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    return errno != 0 || end == text || *end != '\0' || value < 0 ? -1 : value;
}

int cmd_generate(cli_context *ctx, int argc, char **argv)
{
    const char *count = NULL, *seed = "1", *region = "370811", *out = NULL;
    if (argc < 2 || strcmp(argv[1], "people") != 0)
        return cli_fail(
            CLI_EXIT_USAGE, "%s",
            BF_TR("用法：bangfu generate people --count N [--seed S] [--region CODE] --out FILE",
                  "usage: bangfu generate people --count N [--seed S] [--region CODE] --out FILE"));
    for (int i = 2; i < argc;) {
        if (cli_option_value(argc, argv, &i, "--count", &count) == 1 ||
            cli_option_value(argc, argv, &i, "--seed", &seed) == 1 ||
            cli_option_value(argc, argv, &i, "--region", &region) == 1 ||
            cli_option_value(argc, argv, &i, "--out", &out) == 1)
            continue;
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("generate：无法识别的参数“%s”", "generate: unexpected argument '%s'"),
                        argv[i]);
    }
    generate_people_options options = {0};
    char code[REGION_CODE_TEXT_MAX];
    long long parsed_seed = parse_count(seed);
    options.count = count != NULL ? parse_count(count) : -1;
    if (options.count < 0 || parsed_seed < 0 || out == NULL)
        return cli_fail(
            CLI_EXIT_USAGE, "%s",
            BF_TR("generate：需要 --count N（非负整数）与 --out FILE，--seed 为非负整数",
                  "generate: needs --count N (a whole number) and --out FILE; --seed is a whole "
                  "number"));
    if (region_code_normalize(region, code) == REGION_LEVEL_INVALID)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”不是区划代码", "'%s' is not a region code"),
                        region);
    options.seed = (uint64_t)parsed_seed;
    options.region = code;
    options.out = out;
    bf_error err;
    bf_error_clear(&err);
    if (generate_people(ctx->store, &options, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return CLI_EXIT_OK;
}
