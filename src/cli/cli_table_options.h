/*
 * cli_table_options.h - the options the monitoring, governance, quality and
 * what-if commands share: --month, --as-of, --region, --out FILE (.csv,
 * .xlsx, .json or - for standard output), --json (standard output as JSON),
 * --force, and --setting NAME=VALUE / --threshold PCT changing a setting of
 * data/monitor_settings.tsv for the run.
 *
 * Ownership: the options point into argv.
 */
#ifndef BANGFU_CLI_CLI_TABLE_OPTIONS_H
#define BANGFU_CLI_CLI_TABLE_OPTIONS_H

#include "cli/cli.h"
#include "core/date.h"
#include "io/table_output.h"
#include "services/monitor_settings.h"

/* Most --setting options on one command line. */
#define CLI_TABLE_SETTINGS_MAX 16

/* The options beyond --out, --json and --force that a command accepts (bits). */
enum {
    CLI_TABLE_MONTH = 1,     /* --month YYYY-MM */
    CLI_TABLE_AS_OF = 2,     /* --as-of YYYY-MM-DD */
    CLI_TABLE_REGION = 4,    /* --region CODE */
    CLI_TABLE_SETTING = 8,   /* --setting NAME=VALUE */
    CLI_TABLE_THRESHOLD = 16 /* --threshold PCT */
};

typedef struct cli_table_options {
    const char *month_text, *as_of_text, *region_text, *out;
    const char *threshold; /* --threshold PCT: scale_fall_percent */
    int force;
    table_output_format format;
    const char *settings[CLI_TABLE_SETTINGS_MAX];
    int setting_count;
    /* Flags without a value the command also takes ("--below", ...), NULL-ended, or NULL. */
    const char *const *switches;
    int switch_given; /* 1 + index in switches of the last one given; 0 when none */
    /* filled by cli_table_options_check() */
    int month;                         /* date_month_index; 0 when not given */
    bf_date as_of;                     /* today when not given */
    char region[REGION_CODE_TEXT_MAX]; /* "" when not given */
} cli_table_options;

/*
 * Takes one option at argv[*index] if it is one of these that accepted
 * (CLI_TABLE_* bits) allows: 1 taken, 0 not one of them, -1 a value is missing
 * (said; exit CLI_EXIT_USAGE).  --threshold PCT is
 * --setting scale_fall_percent=PCT.
 */
int cli_table_option(int argc, char **argv, int *index, unsigned accepted,
                     cli_table_options *options);

/*
 * Takes every argument from argv[first] on: options accepted allows, and
 * options->switches.  Anything else ends with the usage naming it.  Returns
 * CLI_EXIT_OK or the status after saying why.
 */
int cli_table_options_parse(int argc, char **argv, int first, unsigned accepted, const char *usage,
                            cli_table_options *options);

/*
 * Checks and converts the options (the month and day, the region against the
 * region table: ctx->store must be open), the output (refusing an existing
 * file without --force) and loads the settings with the overrides applied
 * into settings (may be NULL when the command has none).  Returns CLI_EXIT_OK
 * or the status after saying why.
 */
int cli_table_options_check(cli_context *ctx, cli_table_options *options,
                            monitor_settings *settings);

/* After a table is written: "已写出 N 行到 FILE" on stderr unless it went to standard output. */
void cli_table_written(const cli_table_options *options, long long rows);

#endif
