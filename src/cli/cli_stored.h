/*
 * cli_stored.h - the options and the reading that `bangfu calc` over stored
 * data and `bangfu situation` share (cli_stored.c).
 *
 * Ownership: the options point into argv; the population read is the
 * caller's (population_free()); the store is opened into ctx->store, which
 * main() closes.
 */
#ifndef BANGFU_CLI_CLI_STORED_H
#define BANGFU_CLI_CLI_STORED_H

#include "cli/cli.h"
#include "policy/population.h"

/* --region CODE, --person ID_NUMBER, --from YYYY-MM, --to YYYY-MM as typed. */
typedef struct cli_stored_options {
    const char *region, *person, *from, *to;
    int given; /* 1 when any of them was given */
} cli_stored_options;

/*
 * Takes one of the options at argv[*index] (advancing *index): 1 when taken,
 * 0 when argv[*index] is something else, -1 when its value is missing (said
 * on stderr; the caller exits CLI_EXIT_USAGE).
 */
int cli_stored_option(int argc, char **argv, int *index, cli_stored_options *options);

/*
 * Checks the options (months, period, region; exit CLI_EXIT_USAGE saying
 * why), opens the database read-only and reads the selected population into
 * *pop (a missing database, an unknown person, a region with no one:
 * CLI_EXIT_FAILURE with the reason).  Returns CLI_EXIT_OK or the status after
 * printing the message.
 */
int cli_stored_read(cli_context *ctx, const cli_stored_options *options, int *month_from,
                    int *month_to, population **pop);

#endif
