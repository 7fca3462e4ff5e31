/*
 * fuzz_calc.c - `bangfu calc` on a fuzzed situation: the policies/ files
 * (found as the calc command finds them: $BANGFU_POLICIES, ./policies, or
 * next to the executable) are loaded for each input, the situation JSON is
 * parsed, its parameters applied, the entitlements evaluated (with decision
 * records when the input's length is odd) and written out to /dev/null.
 */
#include "core/error.h"
#include "policy/policy_eval.h"
#include "policy/policy_load.h"
#include "policy/policy_output.h"
#include "policy/situation.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    bf_error err;
    char dir[POLICY_PATH_MAX];
    policy_set *set = NULL;
    situation *s = NULL;
    policy_result *result = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);

    if (sink == NULL)
        sink = fopen("/dev/null", "w");
    if (diag == NULL || sink == NULL)
        goto out;
    if (situation_parse_text((const char *)data, size, &s, &err) != BF_OK)
        goto out;
    if (policy_find_dir(NULL, dir, sizeof dir, &err) != BF_OK) {
        fprintf(stderr, "fuzz_calc: %s\n", err.message);
        abort();
    }
    if (policy_set_create(&set, &err) != BF_OK)
        goto out;
    if (policy_load_dir(set, dir, diag, &err) != BF_OK) {
        fprintf(stderr, "fuzz_calc: the policies in %s do not load\n", dir);
        abort();
    }
    if (situation_apply_parameters(s, set, &err) != BF_OK)
        goto out;
    policy_eval_options options = {s->month_from, s->month_to, (int)(size % 2)};
    if (policy_evaluate(set, s->pop, &options, &result, &err) != BF_OK)
        goto out;
    policy_result_sort(result);
    (void)policy_output_write(sink, set, s->pop, result, &options, &err);
out:
    policy_result_free(result);
    situation_free(s);
    policy_set_free(set);
    free(diag);
    return 0;
}
