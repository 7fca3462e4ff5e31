/* cmd_generate.c - `bangfu generate` (not yet written). */
#include "cli/cli.h"

int cmd_generate(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "generate: not implemented yet");
}
