/*
 * web_policies.c - the server's one policy set, its reload, and the holds
 * that let a replaced set live until its last request ends.
 */
#include "web/web_policies.h"

#include "policy/policy_load.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct web_policy_hold {
    policy_set *set;
    atomic_int readers; /* one for the server while it is current, one per request holding it */
};

struct web_policies {
    pthread_mutex_t lock;     /* guards current and failure */
    web_policy_hold *current; /* NULL while no set has loaded */
    bf_error failure;         /* why current is NULL */
};

/* The policy files into a new set (*out), its directory into dir; an error names the file. */
static int web_policies_load(policy_set **out, char *dir, size_t size, bf_error *err)
{
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    policy_set *set = NULL;
    *out = NULL;
    int rc =
        diag == NULL ? bf_error_set(err, BF_ENOMEM, NULL) : policy_find_dir(NULL, dir, size, err);
    if (rc == BF_OK)
        rc = policy_set_create(&set, err);
    if (rc == BF_OK && (rc = policy_load_dir(set, dir, diag, err)) == BF_EPOLICY && diag->count > 0)
        bf_error_set(err, rc, "%.200s:%d: %.700s", diag->items[0].file, diag->items[0].line,
                     diag->items[0].message);
    free(diag);
    if (rc != BF_OK) {
        policy_set_free(set);
        return rc;
    }
    *out = set;
    return BF_OK;
}

void web_policy_release(web_policy_hold *hold)
{
    if (hold != NULL && atomic_fetch_sub(&hold->readers, 1) == 1) {
        policy_set_free(hold->set);
        free(hold);
    }
}

int web_policies_reload(web_policies *policies, char *summary, size_t size, bf_error *err)
{
    char dir[POLICY_PATH_MAX];
    policy_set *set = NULL;
    int rc = web_policies_load(&set, dir, sizeof dir, err);
    if (rc != BF_OK)
        return rc;
    web_policy_hold *hold = malloc(sizeof *hold);
    if (hold == NULL) {
        policy_set_free(set);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    hold->set = set;
    atomic_init(&hold->readers, 1);
    snprintf(summary, size,
             BF_TR("%d 条规则，%d 份文件，目录 %s", "%d rules of %d documents from %s"),
             set->rule_count, set->document_count, dir);
    pthread_mutex_lock(&policies->lock);
    web_policy_hold *old = policies->current;
    policies->current = hold;
    bf_error_clear(&policies->failure);
    pthread_mutex_unlock(&policies->lock);
    web_policy_release(old);
    return BF_OK;
}

int web_policies_new(web_policies **out, bf_error *err)
{
    web_policies *policies = calloc(1, sizeof *policies);
    *out = NULL;
    bf_error_clear(err);
    if (policies == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    if (pthread_mutex_init(&policies->lock, NULL) != 0) {
        free(policies);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    char summary[POLICY_PATH_MAX + 128];
    int rc = web_policies_reload(policies, summary, sizeof summary, &policies->failure);
    if (rc == BF_ENOMEM) {
        web_policies_free(policies);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    *err = policies->failure;
    *out = policies;
    return BF_OK;
}

web_policy_hold *web_policies_hold(web_policies *policies, bf_error *err)
{
    pthread_mutex_lock(&policies->lock);
    web_policy_hold *hold = policies->current;
    if (hold != NULL)
        atomic_fetch_add(&hold->readers, 1);
    else
        *err = policies->failure;
    pthread_mutex_unlock(&policies->lock);
    return hold;
}

const policy_set *web_policy_set(const web_policy_hold *hold)
{
    return hold->set;
}

void web_policies_free(web_policies *policies)
{
    if (policies == NULL)
        return;
    web_policy_release(policies->current);
    pthread_mutex_destroy(&policies->lock);
    free(policies);
}
