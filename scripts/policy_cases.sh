#!/bin/sh
# Runs every policy case tests/policy/**/*.json through `bangfu calc` and
# compares the output with the case's "expect".
#   scripts/policy_cases.sh [-j JOBS] BANGFU_BINARY [FILTER]
# Cases run JOBS at a time (default 2, or $POLICY_CASES_JOBS), one bangfu
# process each; the runner is scripts/policy_cases.py.
# A case file (see docs/policy-format.md, "Tests beside the documents"):
#   {"description": "...", "scope": "jining47.", "situation": {...calc input...},
#    "expect": {"entitlements": [partial entries], "exact": true|false,
#               "absent": [partial entries that must not appear],
#               "excluded": [...], "warnings": [...], "statuses": [...],
#               "total": 1234.50,
#               "error": {"exit": 2, "message_contains": "people[0]..."}}}
# "scope" limits "exact" (and all comparisons) to benefits whose id starts
# with it, so a case of one document is not upset by another document's
# benefits; "exact_warnings": true makes the warnings list exact as well.
# A partial entry matches an output entry when every key it gives is equal
# (amounts compared to the fen; "message_contains" is a substring test).
# Prints one line per failure and a final summary line
#   policy cases: N passed, M failed
# and exits non-zero when any case failed.
set -eu
exec python3 "$(dirname "$0")/policy_cases.py" "$@"
