/* cmd_import.c - `bangfu import` (not yet written). */
#include "cli/cli.h"

int cmd_import(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "import: not implemented yet");
}
