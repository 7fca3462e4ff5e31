/*
 * cmd_calc.c - `bangfu calc SITUATION.json [--explain[=full]] [--policies DIR]` and
 * `bangfu calc [--region CODE | --person ID_NUMBER] --from YYYY-MM --to YYYY-MM ...`.
 *
 * --explain says per person what paid (the amount rule and its numbers) and,
 * per rule that did not, the first condition that failed with the value it
 * saw, written person by person; --explain=full every condition of every
 * (rule, row), kept in memory until the end (for small situations).
 *
 * Loads every policy file (refusing to compute when one has a problem),
 * reads the situation (errors name the JSON path, exit 2) or the stored
 * population (cli_stored.h) with the stored local parameters, evaluates, and
 * writes the entitlements as JSON on stdout.  SITUATION may be "-" for stdin.
 * With --person only that person's entitlements are written: the
 * organisations are read without their other people, so their own awards
 * would count this person alone.
 */
#include "cli/cli_stored.h"

#include "services/local_parameters.h"

#include "policy/policy_eval.h"
#include "policy/policy_load.h"
#include "policy/policy_output.h"
#include "policy/situation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALC_USAGE                                                                                 \
    "bangfu calc SITUATION.json | calc [--region CODE | --person ID_NUMBER] --from YYYY-MM --to "  \
    "YYYY-MM [--explain[=full]] [--policies DIR]"

int cmd_calc(cli_context *ctx, int argc, char **argv)
{
    int status = CLI_EXIT_FAILURE;
    const char *option = NULL, *path = NULL;
    policy_explain_mode explain = POLICY_EXPLAIN_NONE;
    cli_stored_options stored = {0};
    population *pop = NULL;
    policy_set *set = NULL;
    situation *s = NULL;
    policy_result *result = NULL;
    bf_error err;
    bf_error_clear(&err);
    for (int i = 1; i < argc;) {
        int found = cli_option_value(argc, argv, &i, "--policies", &option);
        if (found == 1)
            continue;
        if (found < 0) {
            status = cli_fail(CLI_EXIT_USAGE, "%s",
                              BF_TR("--policies 缺少参数", "--policies needs a value"));
            goto out;
        }
        found = cli_stored_option(argc, argv, &i, &stored);
        if (found < 0) {
            status = CLI_EXIT_USAGE;
            goto out;
        }
        if (found == 1)
            continue;
        if (strcmp(argv[i], "--explain") == 0 || strcmp(argv[i], "--explain=full") == 0) {
            explain = argv[i][9] == '=' ? POLICY_EXPLAIN_FULL : POLICY_EXPLAIN_SHORT;
            i++;
            continue;
        }
        if (path == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            path = argv[i++];
            continue;
        }
        status = cli_fail(CLI_EXIT_USAGE,
                          BF_TR("用法：%s（多余的参数“%s”）", "usage: %s (unexpected '%s')"),
                          CALC_USAGE, argv[i]);
        goto out;
    }
    if ((path == NULL) == (stored.given == 0)) {
        status = cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), CALC_USAGE);
        goto out;
    }
    char dir[POLICY_PATH_MAX];
    status = cli_load_policies(
        option, BF_TR("政策文件有错误，不计算", "the policy files have problems; nothing computed"),
        &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        goto out;
    int month_from = 0, month_to = 0, rc = BF_OK;
    if (path != NULL) {
        rc = situation_parse_file(path, &s, &err);
        if (rc == BF_OK)
            rc = situation_apply_parameters(s, set, &err);
        if (rc != BF_OK) {
            status =
                cli_fail(rc == BF_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE, "%s", err.message);
            goto out;
        }
        month_from = s->month_from;
        month_to = s->month_to;
    } else {
        status = cli_stored_read(ctx, &stored, &month_from, &month_to, &pop);
        if (status != CLI_EXIT_OK)
            goto out;
        if (local_parameters_apply(ctx->store, set, NULL, &err) != BF_OK) {
            status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
            goto out;
        }
    }
    status = CLI_EXIT_FAILURE;
    const population *people = s != NULL ? s->pop : pop;
    policy_eval_options options = {month_from, month_to, explain};
    rc = policy_evaluate(set, people, &options, &result, &err);
    if (rc != BF_OK) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    if (stored.person != NULL)
        policy_result_keep_person(result, 0);
    policy_result_sort(result);
    rc = policy_output_write(stdout, set, people, result, &options, &err);
    if (rc != BF_OK || fflush(stdout) != 0) {
        status =
            cli_fail(CLI_EXIT_FAILURE, "%s", err.message[0] ? err.message : bf_strerror(BF_EIO));
        goto out;
    }
    status = CLI_EXIT_OK;
out:
    policy_result_free(result);
    situation_free(s);
    population_free(pop);
    policy_set_free(set);
    return status;
}
