/* cmd_person.c - `bangfu person` (not yet written). */
#include "cli/cli.h"

int cmd_person(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return cli_fail(CLI_EXIT_FAILURE, "person: not implemented yet");
}
