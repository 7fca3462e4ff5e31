#!/bin/sh
# t0930-ledger-differential.sh - randomized differential test of ledger run against a small
# model (tests/cli/ledger_model.py): random fact corrections, reviews and months between runs;
# each run appends exactly the lines the model predicts (key, seq, 应发/补发/调减/追回, amount),
# no line written before changes but its state, and every key sums to its entitlement.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
policies="$root/policies"
cd "$WORK"

db=$(new_db)
bf --db "$db" generate people --count 60 --seed 11 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
sql "SELECT id_number FROM people ORDER BY id_number" | python3 "$here/facts_sql.py" 9 >facts.sql
sql_file "$db" facts.sql
bf --db "$db" param set min_wage --region 370800 --from 2020-01-01 --value 1730 \
    --policies "$policies" >/dev/null
# 25 rounds; 10 under the sanitizers (lib.sh, SANITIZED), where the rounds look for memory
# errors, not for new combinations of corrections.
rounds=${LEDGER_MODEL_ROUNDS:-25}
[ "$SANITIZED" = 0 ] || rounds=${LEDGER_MODEL_ROUNDS:-10}
checked=$(python3 "$here/ledger_model.py" "$BANGFU" "$db" "$ENGINE" "$policies" \
    "${LEDGER_MODEL_SEED:-15}" "$rounds") || fail "ledger run differs from the model"
[ "$checked" -ge 20 ] || fail "only $checked lines predicted"
echo "t0930 ok: $checked lines predicted"
