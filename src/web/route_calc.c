/*
 * route_calc.c - the calculator for one person of the user's region: the
 * stored-facts calc (services/stored_population.c, the stored local
 * parameters, policy/policy_eval.c) of a period with its explanation, as
 * `bangfu calc --person ID --explain` writes it (policy_output.c): what paid
 * and by which amount rule (为什么), and per rule that did not the first
 * condition that failed with the value it saw (为什么没有).  The person's ID
 * number is masked wherever the answer holds it.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "core/idcard.h"
#include "policy/policy_eval.h"
#include "policy/policy_output.h"
#include "policy/situation.h"
#include "services/local_parameters.h"
#include "services/stored_population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every occurrence of id in text (NUL-terminated, size bytes) masked in place. */
static void web_calc_mask(char *text, const char *id)
{
    char masked[IDCARD_TEXT_MAX + 8];
    web_mask_id(id, masked, sizeof masked);
    size_t length = strlen(id);
    if (length == 0 || strlen(masked) != length)
        return;
    for (char *at = strstr(text, id); at != NULL; at = strstr(at + length, id))
        memcpy(at, masked, length);
}

int route_calc(web_request *req, web_response *res)
{
    char id[IDCARD_TEXT_MAX], from[BF_MONTH_TEXT_MAX], to[BF_MONTH_TEXT_MAX];
    if (!web_person_of_request(req, res, id) || !web_query_month(req, res, "from", 1, from) ||
        !web_query_month(req, res, "to", 1, to))
        return BF_OK;
    policy_eval_options options = {0, 0, POLICY_EXPLAIN_SHORT};
    date_month_parse(from, &options.month_from);
    date_month_parse(to, &options.month_to);
    if (options.month_to < options.month_from ||
        options.month_to - options.month_from + 1 > SITUATION_PERIOD_MONTHS_MAX)
        return web_reply_error(res, 400, "invalid", "期间无效：to 不能早于 from，且至多 240 个月",
                               "invalid period: to before from, or longer than 240 months");
    snprintf(res->audit_detail, sizeof res->audit_detail, "{\"from\":\"%s\",\"to\":\"%s\"}", from,
             to);
    policy_set *set = NULL;
    population *pop = NULL;
    policy_result *result = NULL;
    char *text = NULL;
    size_t size = 0;
    bf_error err;
    bf_error_clear(&err);
    if (web_request_policies_copy(req, res, &set) != BF_OK) /* the stored parameters go in */
        return BF_OK;
    /* One snapshot: an import committing meanwhile is seen whole or not at all. */
    stored_selection selection = {NULL, id};
    int rc = store_begin_snapshot(req->store);
    if (rc != BF_OK)
        store_error_set(req->store, rc, &err);
    if (rc == BF_OK)
        rc = stored_population_read(req->store, &selection, &pop, &err);
    if (rc == BF_OK)
        rc = local_parameters_apply(req->store, set, NULL, &err);
    store_rollback(req->store);
    if (rc == BF_OK)
        rc = policy_evaluate(set, pop, &options, &result, &err);
    FILE *out = rc == BF_OK ? open_memstream(&text, &size) : NULL;
    if (rc == BF_OK && out == NULL)
        rc = bf_error_set(&err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    if (rc == BF_OK) {
        policy_result_keep_person(result, 0);
        policy_result_sort(result);
        rc = policy_output_write(out, set, pop, result, &options, &err);
    }
    if (out != NULL && fclose(out) != 0 && rc == BF_OK)
        rc = bf_error_set(&err, BF_EIO, "%s", bf_strerror(BF_EIO));
    json_t *answer = NULL;
    if (rc == BF_OK) {
        web_calc_mask(text, id);
        json_error_t parse_error;
        answer = json_loadb(text, size, 0, &parse_error);
    }
    if (answer != NULL)
        web_reply_json(res, 200, answer);
    else
        web_reply_internal(res, rc != BF_OK ? err.message : "calc output is no JSON");
    free(text);
    policy_result_free(result);
    population_free(pop);
    policy_set_free(set);
    return BF_OK;
}
