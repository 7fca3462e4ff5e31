/*
 * cli_table_options.c - the options of monitor, governance, quality and
 * whatif (cli_table_options.h).
 */
#include "cli/cli_table_options.h"

#include <stdio.h>
#include <string.h>

int cli_table_option(int argc, char **argv, int *index, unsigned accepted,
                     cli_table_options *options)
{
    if (strcmp(argv[*index], "--force") == 0 || strcmp(argv[*index], "--json") == 0) {
        if (argv[*index][2] == 'f')
            options->force = 1;
        else
            options->format = TABLE_OUTPUT_JSON;
        (*index)++;
        return 1;
    }
    static const char *const names[] = {"--month", "--as-of",   "--region",
                                        "--out",   "--setting", "--threshold"};
    /* --out is always accepted */
    const unsigned bits[] = {CLI_TABLE_MONTH,   CLI_TABLE_AS_OF,    CLI_TABLE_REGION, 0,
                             CLI_TABLE_SETTING, CLI_TABLE_THRESHOLD};
    const char **values[] = {&options->month_text, &options->as_of_text, &options->region_text,
                             &options->out};
    for (int n = 0; n < 6; n++) {
        if (bits[n] != 0 && (accepted & bits[n]) == 0)
            continue;
        const char *name = names[n];
        const char *value = NULL;
        int found = cli_option_value(argc, argv, index, name, &value);
        if (found < 0) {
            cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"), name);
            return -1;
        }
        if (found == 0)
            continue;
        if (n < 4) {
            *values[n] = value;
            return 1;
        }
        if (options->setting_count == CLI_TABLE_SETTINGS_MAX) {
            cli_fail(CLI_EXIT_USAGE, BF_TR("--setting 最多 %d 个", "at most %d --setting"),
                     CLI_TABLE_SETTINGS_MAX);
            return -1;
        }
        if (n == 5)
            options->threshold = value;
        else
            options->settings[options->setting_count++] = value;
        return 1;
    }
    return 0;
}

int cli_table_options_parse(int argc, char **argv, int first, unsigned accepted, const char *usage,
                            cli_table_options *options)
{
    for (int i = first; i < argc;) {
        int given = 0;
        for (int s = 0; options->switches != NULL && options->switches[s] != NULL; s++)
            if (strcmp(argv[i], options->switches[s]) == 0)
                given = s + 1;
        if (given > 0) {
            options->switch_given = given;
            i++;
            continue;
        }
        int found = cli_table_option(argc, argv, &i, accepted, options);
        if (found < 0)
            return CLI_EXIT_USAGE;
        if (found == 0)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（多余的参数“%s”）", "usage: %s (unexpected '%s')"),
                            usage, argv[i]);
    }
    return CLI_EXIT_OK;
}

int cli_table_options_check(cli_context *ctx, cli_table_options *options,
                            monitor_settings *settings)
{
    bf_error err;
    bf_error_clear(&err);
    if (options->month_text != NULL &&
        date_month_parse_written(options->month_text, &options->month) != BF_OK)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("--month 月份无效“%s”（应为 YYYY-MM）", "--month: invalid month '%s' (YYYY-MM)"),
            options->month_text);
    options->as_of = date_today();
    if (options->as_of_text != NULL && date_parse_written(options->as_of_text, &options->as_of))
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--as-of：“%s”不是日期", "--as-of: '%s' is not a date"),
                        options->as_of_text);
    if (options->out == NULL)
        options->out = "-";
    if (!table_output_path_known(options->out))
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--out：“%s”应为 .csv、.xlsx、.json 或 -",
                              "--out: '%s' should be .csv, .xlsx, .json or -"),
                        options->out);
    if (!options->force && strcmp(options->out, "-") != 0 && cli_refuse_existing(options->out))
        return CLI_EXIT_FAILURE;
    options->region[0] = '\0';
    if (options->region_text != NULL) {
        int status = cli_region_argument(ctx, options->region_text, options->region);
        if (status != CLI_EXIT_OK)
            return status;
    }
    if (settings == NULL)
        return CLI_EXIT_OK;
    if (monitor_settings_load(settings, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    for (int s = 0; s < options->setting_count; s++)
        if (monitor_settings_override(settings, options->settings[s], &err) != BF_OK)
            return cli_fail(CLI_EXIT_USAGE, "%s", err.message);
    char threshold[64];
    snprintf(threshold, sizeof threshold, "scale_fall_percent=%.40s",
             options->threshold != NULL ? options->threshold : "");
    if (options->threshold != NULL && monitor_settings_override(settings, threshold, &err) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE, "--threshold: %s", err.message);
    return CLI_EXIT_OK;
}

void cli_table_written(const cli_table_options *options, long long rows)
{
    if (strcmp(options->out, "-") != 0)
        fprintf(stderr, BF_TR("已写出 %lld 行到 %s\n", "wrote %lld rows to %s\n"), rows,
                options->out);
}
