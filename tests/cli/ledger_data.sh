# tests/cli/ledger_data.sh - sourced by the tests of payment batches after lib.sh.
#   ledger_batchable MONTH   on $db: the ledger of MONTH run over every region with the test
#                            policies (tests/data/ledger_policies) by 甲, its lines approved
#                            by 乙, and bank details of every payee (account 6222 and 15
#                            digits of the ID number), so that a batch of MONTH pays them
ledger_data_policies="$(cd "$(dirname "$0")/../data" && pwd)/ledger_policies"

ledger_batchable() {
    bf --db "$db" ledger run --month "$1" --by 甲 --policies "$ledger_data_policies" >/dev/null
    bf --db "$db" ledger approve --month "$1" --reviewer 乙 --reason 核实 >/dev/null
    {
        echo "证件号码,户名,银行账号,开户行"
        for _id in $(sql "SELECT DISTINCT payee FROM ledger_lines ORDER BY payee"); do
            echo "$_id,户,6222$(echo "$_id" | tr -d X | cut -c3-17),工商银行"
        done
    } >"$WORK/bank.csv"
    bf --db "$db" ledger import-bank "$WORK/bank.csv" >/dev/null
}
