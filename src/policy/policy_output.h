/*
 * policy_output.h - the result of `bangfu calc` as JSON (issue 3 format).
 *
 * {"period": ..., "entitlements": [...], "excluded": [...], "warnings": [...],
 *  "statuses": [...], "total": 0.00, "explain": [...]}
 * Amounts are computed in fen and written as yuan with exactly two decimals.
 * Entitlements are sorted by person (input order; org-level awards after the
 * people, by org), month, benefit (load order) and payee.
 */
#ifndef BANGFU_POLICY_POLICY_OUTPUT_H
#define BANGFU_POLICY_POLICY_OUTPUT_H

#include "policy/policy_eval.h"

#include <stdio.h>

/* Writes result (sorted with policy_result_sort first) to out. */
int policy_output_write(FILE *out, const policy_set *set, const population *pop,
                        const policy_result *result, const policy_eval_options *options,
                        bf_error *err);

#endif
