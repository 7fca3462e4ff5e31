/* cli_policies.c - the policy files as the commands that compute or check with them load them. */
#include "cli/cli.h"

#include "policy/policy_load.h"

#include <stdio.h>
#include <stdlib.h>

int cli_load_policies(const char *option, const char *refusal, policy_set **out, char *dir,
                      size_t size)
{
    int status = CLI_EXIT_FAILURE;
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    bf_error_clear(&err);
    *out = NULL;
    if (diag == NULL || policy_find_dir(option, dir, size, &err) != BF_OK ||
        policy_set_create(&set, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", diag == NULL ? bf_strerror(BF_ENOMEM) : err.message);
        goto out;
    }
    int rc = policy_load_dir(set, dir, diag, &err);
    if (rc == BF_EPOLICY) {
        for (int i = 0; i < diag->count; i++)
            fprintf(stderr, "%s:%d: %s\n", diag->items[i].file, diag->items[i].line,
                    diag->items[i].message);
        cli_fail(CLI_EXIT_FAILURE, "%s", refusal);
        goto out;
    }
    if (rc != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    *out = set;
    set = NULL;
    status = CLI_EXIT_OK;
out:
    policy_set_free(set);
    free(diag);
    return status;
}
