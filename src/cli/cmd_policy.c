/* cmd_policy.c - `bangfu policy` (not yet written). */
#include "cli/cli.h"

int cmd_policy(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "policy: not implemented yet");
}
