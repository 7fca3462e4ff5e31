/* cmd_init.c - `bangfu init` (not yet written). */
#include "cli/cli.h"

int cmd_init(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "init: not implemented yet");
}
