/*
 * fuzz_policy.c - the policy loader: the bytes as the text of one policy file
 * loaded in the sandbox, then resolved, as `bangfu policy check` does.
 */
#include "core/error.h"
#include "policy/policy_load.h"
#include "policy/policy_model.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    if (diag == NULL)
        return 0;
    if (policy_set_create(&set, &err) != BF_OK)
        goto out;
    int rc = policy_load_buffer(set, "fuzz.lua", (const char *)data, size, diag, &err);
    if (rc == BF_OK || rc == BF_EPOLICY)
        (void)policy_set_resolve(set, diag);
    assert(diag->count >= 0 && diag->count <= POLICY_DIAGNOSTICS_MAX);
out:
    policy_set_free(set);
    free(diag);
    return 0;
}
