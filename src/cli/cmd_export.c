/* cmd_export.c - `bangfu export` (not yet written). */
#include "cli/cli.h"

int cmd_export(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "export: not implemented yet");
}
