/* cli_json.c - one JSON value printed as one line of standard output (cli.h). */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int cli_print_json_line(json_t *value)
{
    char *text = value != NULL ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(value);
    if (text == NULL)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    puts(text);
    free(text);
    return CLI_EXIT_OK;
}
