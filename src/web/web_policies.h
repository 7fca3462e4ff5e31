/*
 * web_policies.h - the policy set of `bangfu serve`: loaded once at start,
 * shared read-only by every worker, replaced whole by a reload (SIGHUP).
 *
 * Why a shared set is safe: Lua runs only while the files load
 * (policy_load.c's sandbox, closed before policy_load_dir returns); what the
 * workers read afterwards is plain C data, and every reader (policy_evaluate,
 * reports, targets, certification, the parameter checks) takes it const.  The
 * one writer, local_parameters_apply (calc and the ledger run add the stored
 * parameters), gets a private copy (web_policies_copy in web_util.h), which
 * is also what keeps a value set through POST /api/parameters in effect for
 * the next calc: the stored values are read in that request's snapshot.
 *
 * A reload loads the files beside the current set and swaps it in only when
 * they load; a request keeps the set it began with until it ends (a hold
 * counts its readers), and the replaced set is freed by its last reader.
 *
 * Ownership: web_policies_new() returns what web_policies_free() frees (after
 * the workers stopped); web_policies_hold() gives a hold the caller gives back
 * with web_policy_release().
 */
#ifndef BANGFU_WEB_WEB_POLICIES_H
#define BANGFU_WEB_WEB_POLICIES_H

#include "core/error.h"
#include "policy/policy_model.h"

typedef struct web_policies web_policies;
typedef struct web_policy_hold web_policy_hold;

/*
 * Loads the policy files (policy_find_dir: BANGFU_POLICIES, else the installed or the
 * repository's policies/).  BF_OK with *out even when they do not load: the server then runs
 * without a set (the routes needing one answer 500, the log says why: web_policies_hold) until
 * a reload loads them; *err (code BF_OK when they loaded) says why.  BF_ENOMEM otherwise.
 */
int web_policies_new(web_policies **out, bf_error *err);

/*
 * Loads the files again into a new set and makes it the current one: BF_OK, and *summary
 * (size bytes) says how many rules from which directory; or an error naming the file and line
 * (the first problem), the current set kept.
 */
int web_policies_reload(web_policies *policies, char *summary, size_t size, bf_error *err);

/* The current set, held until web_policy_release(), or NULL with *err saying why there is none. */
web_policy_hold *web_policies_hold(web_policies *policies, bf_error *err);
const policy_set *web_policy_set(const web_policy_hold *hold);
void web_policy_release(web_policy_hold *hold);

void web_policies_free(web_policies *policies);

#endif
