/* cmd_region.c - `bangfu region` (not yet written). */
#include "cli/cli.h"

int cmd_region(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "region: not implemented yet");
}
