/* cmd_calc.c - `bangfu calc` (not yet written). */
#include "cli/cli.h"

int cmd_calc(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "calc: not implemented yet");
}
