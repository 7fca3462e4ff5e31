/* cmd_status.c - `bangfu status` (not yet written). */
#include "cli/cli.h"

int cmd_status(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "status: not implemented yet");
}
