/*
 * policy_totals.c - per-benefit totals of the policy engine on the
 * generated population of bench/policy_bench.c (same seed, same parameter
 * values), so that two versions of the engine and policies/ can be compared
 * benefit by benefit (bench/policy_totals.sh).
 *
 *   policy_totals PEOPLE POLICIES_DIR   prints: id, grants, fen, excluded
 *
 * Every declared parameter gets 1000 yuan (or 1000 persons / months, a
 * window open from 2019-01-01) in the four provinces of the population, as
 * in policy_bench.c, except the terms that would otherwise refuse
 * everything: shanxi_referral_contract_months 12, public_welfare_post_subsidy_months
 * 36.  With EPIDEMIC_TO=YYYY-MM-DD the window epidemic_period runs from
 * 2020-01-24 to that day.
 */
#include "core/date.h"
#include "policy/policy_eval.h"
#include "policy/policy_load.h"
#include "policy/population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The bench is built against this tree and against an older revision
 * (policy_totals.sh); revisions before the stored parameters (d231f16) mark
 * a situation's value with from_situation, later ones with its origin.
 */
#ifdef BENCH_FROM_SITUATION
#define BENCH_SITUATION_VALUE .from_situation = 1
#else
#define BENCH_SITUATION_VALUE .origin = POLICY_ORIGIN_SITUATION
#endif

#define TOTALS_SEED        20200427
#define TOTALS_DEFAULT_FEN 100000

static int64_t parameter_fen(const char *name)
{
    if (strcmp(name, "shanxi_referral_contract_months") == 0)
        return 1200;
    if (strcmp(name, "public_welfare_post_subsidy_months") == 0)
        return 3600;
    return TOTALS_DEFAULT_FEN;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: policy_totals PEOPLE POLICIES_DIR\n");
        return 2;
    }
    int status = 1;
    bf_error err;
    population *pop = NULL;
    policy_set *set = NULL;
    policy_result *result = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    population_generate_options options = {(size_t)strtoull(argv[1], NULL, 10), TOTALS_SEED, 2020};
    if (diag == NULL || population_create(&pop, &err) != BF_OK ||
        population_generate(pop, &options, &err) != BF_OK ||
        policy_set_create(&set, &err) != BF_OK ||
        policy_load_dir(set, argv[2], diag, &err) != BF_OK) {
        fprintf(stderr, "policy_totals: %s\n", err.message);
        goto out;
    }
    bf_date epidemic_to = {0, 0, 0};
    const char *to_text = getenv("EPIDEMIC_TO");
    if (to_text != NULL && date_parse(to_text, &epidemic_to) != BF_OK) {
        fprintf(stderr, "policy_totals: EPIDEMIC_TO is not a date\n");
        goto out;
    }
    static const int64_t provinces[] = {110000000000, 140000000000, 370000000000, 500000000000};
    for (int p = 0; p < set->parameter_count; p++)
        for (int k = 0; k < 4; k++) {
            policy_parameter_value v = {.region = provinces[k],
                                        .from = (int32_t)date_to_days((bf_date){2019, 1, 1}),
                                        .fen = parameter_fen(set->parameters[p].name),
                                        BENCH_SITUATION_VALUE,
                                        .to = POLICY_DAY_MAX};
            if (to_text != NULL && strcmp(set->parameters[p].name, "epidemic_period") == 0) {
                v.from = (int32_t)date_to_days((bf_date){2020, 1, 24});
                v.to = (int32_t)date_to_days(epidemic_to);
            }
            if (policy_parameter_add_value(&set->parameters[p], &v, &err) != BF_OK)
                goto out;
        }
    int from = 0, to = 0;
    date_month_parse("2020-01", &from);
    date_month_parse("2020-12", &to);
    policy_eval_options eval = {from, to, 0};
    if (policy_evaluate(set, pop, &eval, &result, &err) != BF_OK) {
        fprintf(stderr, "policy_totals: %s\n", err.message);
        goto out;
    }
    for (int r = 0; r < set->rule_count; r++) {
        if (set->rules[r]->is_status)
            continue;
        long long grants = 0, fen = 0, excluded = 0;
        for (size_t i = 0; i < result->grant_count; i++) {
            const policy_grant *g = &result->grants[i];
            if (g->rule != r)
                continue;
            if (g->excluded_by >= 0)
                excluded++;
            else {
                grants++;
                fen += g->fen > 0 ? g->fen : 0;
            }
        }
        printf("%s\t%lld\t%lld\t%lld\n", set->rules[r]->id, grants, fen, excluded);
    }
    status = 0;
out:
    policy_result_free(result);
    policy_set_free(set);
    population_free(pop);
    free(diag);
    return status;
}
