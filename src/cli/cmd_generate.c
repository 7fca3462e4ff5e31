/*
 * cmd_generate.c - synthetic lists in the import formats, for demos and benchmarks:
 *   bangfu generate people --count N [--seed S] [--region CODE]... --out FILE
 *   bangfu generate facts  --count N [--seed S] [--region CODE]... --dir DIR
 * `facts` writes DIR/people.csv (the same people as `generate people` with the
 * same seed, count and regions) and the organisations, spells, trainings,
 * enrolments, residences and insurance rows of services/generate_facts.h, then
 * one JSON line with the rows of each file.
 */
#include "cli/cli.h"

#include "core/region_code.h"
#include "services/generate_facts.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENERATE_USAGE_ZH                                                                          \
    "用法：bangfu generate people --count N [--seed S] [--region CODE]... --out FILE\n"         \
    "      bangfu generate facts --count N [--seed S] [--region CODE]... --dir DIR"
#define GENERATE_USAGE_EN                                                                          \
    "usage: bangfu generate people --count N [--seed S] [--region CODE]... --out FILE\n"           \
    "       bangfu generate facts --count N [--seed S] [--region CODE]... --dir DIR"

/* Parses a whole non-negative decimal number; -1 when text is not one. */
static long long parse_count(const char *text)
{
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    return errno != 0 || end == text || *end != '\0' || value < 0 ? -1 : value;
}

/* What both forms read. */
typedef struct generate_arguments {
    int facts; /* `generate facts` */
    int64_t count;
    uint64_t seed;
    const char *regions[GENERATE_REGIONS_MAX];
    char codes[GENERATE_REGIONS_MAX][REGION_CODE_TEXT_MAX];
    int region_count;
    const char *out; /* --out FILE (people) or --dir DIR (facts) */
} generate_arguments;

static int parse_arguments(int argc, char **argv, generate_arguments *args)
{
    const char *count = NULL, *seed = "1", *region = NULL, *out = NULL;
    if (argc < 2 || (strcmp(argv[1], "people") != 0 && strcmp(argv[1], "facts") != 0))
        return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR(GENERATE_USAGE_ZH, GENERATE_USAGE_EN));
    args->facts = strcmp(argv[1], "facts") == 0;
    const char *out_option = args->facts ? "--dir" : "--out";
    for (int i = 2; i < argc;) {
        if (cli_option_value(argc, argv, &i, "--count", &count) == 1 ||
            cli_option_value(argc, argv, &i, "--seed", &seed) == 1 ||
            cli_option_value(argc, argv, &i, out_option, &out) == 1)
            continue;
        if (cli_option_value(argc, argv, &i, "--region", &region) == 1) {
            if (args->region_count == GENERATE_REGIONS_MAX)
                return cli_fail(
                    CLI_EXIT_USAGE,
                    BF_TR("generate：--region 至多 %d 个", "generate: at most %d --region options"),
                    GENERATE_REGIONS_MAX);
            if (region_code_normalize(region, args->codes[args->region_count]) ==
                REGION_LEVEL_INVALID)
                return cli_fail(CLI_EXIT_USAGE,
                                BF_TR("“%s”不是区划代码", "'%s' is not a region code"), region);
            args->regions[args->region_count] = args->codes[args->region_count];
            args->region_count++;
            continue;
        }
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("generate：无法识别的参数“%s”", "generate: unexpected argument '%s'"),
                        argv[i]);
    }
    long long parsed_seed = parse_count(seed);
    args->count = count != NULL ? parse_count(count) : -1;
    if (args->count < 0 || parsed_seed < 0 || out == NULL)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("generate：需要 --count N（非负整数）与 %s，--seed 为非负整数",
                              "generate: needs --count N (a whole number) and %s; --seed is a "
                              "whole number"),
                        args->facts ? "--dir DIR" : "--out FILE");
    args->seed = (uint64_t)parsed_seed;
    args->out = out;
    if (args->region_count == 0) {
        /* People: a county of 济宁.  Facts: 济宁 and 万州区, the partners of 济人社字〔2020〕47号.
         */
        static const char *const defaults[] = {"370811000000", "370800000000", "500101000000"};
        if (args->facts) {
            args->regions[0] = defaults[1];
            args->regions[1] = defaults[2];
            args->region_count = 2;
        } else {
            args->regions[0] = defaults[0];
            args->region_count = 1;
        }
    }
    return CLI_EXIT_OK;
}

int cmd_generate(cli_context *ctx, int argc, char **argv)
{
    generate_arguments args;
    memset(&args, 0, sizeof args);
    int status = parse_arguments(argc, argv, &args);
    if (status != CLI_EXIT_OK)
        return status;
    bf_error err;
    bf_error_clear(&err);
    if (!args.facts) {
        generate_people_options options = {0};
        options.count = args.count;
        options.seed = args.seed;
        memcpy(options.regions, args.regions, sizeof options.regions);
        options.region_count = args.region_count;
        options.out = args.out;
        if (generate_people(ctx->store, &options, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        return CLI_EXIT_OK;
    }
    generate_facts_options options = {0};
    int64_t rows[GENERATE_FACT_KIND_COUNT] = {0};
    options.count = args.count;
    options.seed = args.seed;
    memcpy(options.regions, args.regions, sizeof options.regions);
    options.region_count = args.region_count;
    options.dir = args.out;
    if (generate_facts(ctx->store, &options, rows, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    for (int k = 0; k < GENERATE_FACT_KIND_COUNT; k++)
        printf("%s\"%s\":%" PRId64, k == 0 ? "{" : ",", generate_fact_kind_name(k), rows[k]);
    printf("}\n");
    return CLI_EXIT_OK;
}
