#!/bin/sh
# Mutation test of the policy cases (slow; `make policy-mutation`, not part of
# `make test`): changes each number and date a policy file computes with, one
# at a time, runs that document's cases and lists the mutations no case
# catches.  Details in scripts/policy_mutation.py.
#   scripts/policy_mutation.sh [-j JOBS] BANGFU_BINARY [policies/FILE.lua ...]
set -eu
exec python3 "$(dirname "$0")/policy_mutation.py" "$@"
