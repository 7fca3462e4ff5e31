/*
 * cmd_ledger.c - `bangfu ledger run|list|approve|reject|apply|unapplied`: the
 * entitlement ledger (services/ledger.h).
 *
 * run writes one line of JSON counts; list and unapplied write a table (CSV on
 * standard output, or --out FILE.csv / FILE.xlsx written whole or not at all);
 * approve, reject and apply one line of JSON.
 */
#include "cli/cli.h"

#include "core/date.h"
#include "core/money.h"
#include "core/region_code.h"
#include "io/table_writer.h"
#include "policy/policy_load.h"
#include "services/ledger.h"
#include "services/ledger_payment.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEDGER_USAGE_ZH                                                                             \
    "bangfu ledger run --month YYYY-MM [--region CODE] --by NAME [--policies DIR] | "               \
    "ledger list --month YYYY-MM [--state 状态] [--benefit ID] [--region CODE] [--out FILE] | "   \
    "ledger approve|reject (--line ID ... | --month YYYY-MM [--benefit ID] [--region CODE]) "       \
    "--reviewer NAME --reason 意见 | ledger apply --benefit ID --applicant 证件号 --on DATE "  \
    "--documents 材料 --by NAME | ledger unapplied --month YYYY-MM [--region CODE] [--out FILE] " \
    "| "                                                                                            \
    "ledger import-bank FILE [--errors OUT] | ledger bank [--payee 证件号] | ledger batch "      \
    "--month "                                                                                      \
    "YYYY-MM [--region CODE] --by NAME | ledger approve-batch BATCH --by NAME | "                   \
    "ledger export-bank BATCH --out FILE.xlsx|.csv | "                                              \
    "ledger import-return "                                                                         \
    "FILE [--errors OUT] | ledger payments BATCH [--out FILE] | ledger report [--group "            \
    "month|benefit|region|funding] [--from YYYY-MM] [--to YYYY-MM] [--level L] [--out FILE] | "     \
    "ledger person 证件号 [--out FILE]"
#define LEDGER_USAGE_EN                                                                            \
    "bangfu ledger run --month YYYY-MM [--region CODE] --by NAME [--policies DIR] | "              \
    "ledger list --month YYYY-MM [--state STATE] [--benefit ID] [--region CODE] [--out FILE] | "   \
    "ledger approve|reject (--line ID ... | --month YYYY-MM [--benefit ID] [--region CODE]) "      \
    "--reviewer NAME --reason TEXT | ledger apply --benefit ID --applicant ID --on DATE "          \
    "--documents TEXT --by NAME | ledger unapplied --month YYYY-MM [--region CODE] [--out FILE] "  \
    "| "                                                                                           \
    "ledger import-bank FILE [--errors OUT] | ledger bank [--payee ID] | ledger batch --month "    \
    "YYYY-MM [--region CODE] --by NAME | ledger approve-batch BATCH --by NAME | "                  \
    "ledger export-bank BATCH --out FILE.xlsx|.csv | "                                             \
    "ledger import-return "                                                                        \
    "FILE [--errors OUT] | ledger payments BATCH [--out FILE] | ledger report [--group "           \
    "month|benefit|region|funding] [--from YYYY-MM] [--to YYYY-MM] [--level L] [--out FILE] | "    \
    "ledger person ID [--out FILE]"

/* The options of every action, as typed (ledger_parse says which action takes which). */
typedef struct ledger_options {
    const char *action;
    const char *month, *region, *by, *policies, *state, *benefit, *out, *reviewer, *reason,
        *applicant, *on, *documents, *errors, *payee, *group, *from, *to, *level;
    const char *argument; /* import-bank FILE, export-bank BATCH, import-return FILE, payments */
    int64_t *ids;
    int id_count;
    char region_code[REGION_CODE_TEXT_MAX];
} ledger_options;

static int ledger_usage(const char *unexpected)
{
    if (unexpected != NULL)
        return cli_fail(CLI_EXIT_USAGE, "%s%s%s%s", BF_TR(LEDGER_USAGE_ZH, LEDGER_USAGE_EN),
                        BF_TR("（多余的参数“", " (unexpected '"), unexpected, BF_TR("”）", "')"));
    return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR(LEDGER_USAGE_ZH, LEDGER_USAGE_EN));
}

/* Which options each action takes: a letter per action in the option's row. */
typedef struct ledger_option {
    const char *name;
    /* r run, l list, a approve/reject, p apply, u unapplied, b import-bank, k bank,
       t batch, v approve-batch, e export-bank, i import-return, y payments, o report,
       n person */
    const char *actions;
} ledger_option;

static const ledger_option ledger_option_table[] = {
    {"--month", "rlaut"}, {"--region", "rlaut"}, {"--by", "rptv"},    {"--policies", "rpt"},
    {"--state", "l"},     {"--benefit", "lap"},  {"--out", "lueyon"}, {"--reviewer", "a"},
    {"--reason", "a"},    {"--applicant", "p"},  {"--on", "p"},       {"--documents", "p"},
    {"--errors", "bi"},   {"--payee", "k"},      {"--group", "o"},    {"--from", "o"},
    {"--to", "o"},        {"--level", "o"},
};

static int ledger_parse(int argc, char **argv, ledger_options *o)
{
    if (argc < 2)
        return ledger_usage(NULL);
    o->action = argv[1];
    static const char *const actions[] = {"run",    "list",        "approve",       "reject",
                                          "apply",  "unapplied",   "import-bank",   "bank",
                                          "batch",  "export-bank", "import-return", "payments",
                                          "report", "person",      "approve-batch"};
    static const char letters[] = "rlaapubkteiyonv";
    char letter = 0;
    for (int a = 0; a < 15; a++)
        if (strcmp(o->action, actions[a]) == 0)
            letter = letters[a];
    if (letter == 0)
        return ledger_usage(o->action);
    /* The value of ledger_option_table[v] goes to slots[v]. */
    const char **slots[] = {&o->month,   &o->region,    &o->by,       &o->policies, &o->state,
                            &o->benefit, &o->out,       &o->reviewer, &o->reason,   &o->applicant,
                            &o->on,      &o->documents, &o->errors,   &o->payee,    &o->group,
                            &o->from,    &o->to,        &o->level};
    size_t options = sizeof ledger_option_table / sizeof *ledger_option_table;
    _Static_assert(sizeof slots / sizeof *slots ==
                       sizeof ledger_option_table / sizeof *ledger_option_table,
                   "one slot per option");
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int matched = 0;
        for (size_t v = 0; v < options && !matched; v++) {
            int found = cli_option_value(argc, argv, &i, ledger_option_table[v].name, &value);
            if (found < 0)
                return cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"),
                                ledger_option_table[v].name);
            if (found == 0)
                continue;
            if (strchr(ledger_option_table[v].actions, letter) == NULL)
                return ledger_usage(ledger_option_table[v].name);
            *slots[v] = value;
            matched = 1;
        }
        if (matched)
            continue;
        if (strchr("beiynv", letter) != NULL && o->argument == NULL && argv[i][0] != '-') {
            o->argument = argv[i++];
            continue;
        }
        int found = letter == 'a' ? cli_option_value(argc, argv, &i, "--line", &value) : 0;
        if (found < 0)
            return cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"), "--line");
        if (found == 0)
            return ledger_usage(argv[i]);
        char *end = NULL;
        long long id = strtoll(value, &end, 10);
        if (end == value || *end != '\0' || id <= 0)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--line 应为台账行号，而不是“%s”",
                                  "--line takes a ledger line number, not '%s'"),
                            value);
        if (o->id_count == LEDGER_REVIEW_IDS_MAX)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--line 至多 %d 个；更多时按 --month 批量审核",
                                  "at most %d --line; review by --month for more"),
                            LEDGER_REVIEW_IDS_MAX);
        if (o->ids == NULL && (o->ids = malloc(LEDGER_REVIEW_IDS_MAX * sizeof *o->ids)) == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        o->ids[o->id_count++] = id;
    }
    int month = 0;
    if (o->month != NULL && date_month_parse(o->month, &month) != BF_OK)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("--month 月份无效“%s”（应为 YYYY-MM）", "--month: invalid month '%s' (YYYY-MM)"),
            o->month);
    if (o->region != NULL &&
        region_code_normalize(o->region, o->region_code) == REGION_LEVEL_INVALID)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--region 区划代码无效“%s”（2、4、6、9 或 12 位）",
                              "--region: invalid region code '%s' (2, 4, 6, 9 or 12 digits)"),
                        o->region);
    int needs_month =
        letter == 'r' || letter == 'l' || letter == 'u' || (letter == 'a' && o->id_count == 0);
    if (needs_month && o->month == NULL)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("缺少 %s YYYY-MM", "%s YYYY-MM is missing"),
                        "--month");
    if (letter == 'a' && o->id_count > 0 && (o->month || o->region || o->benefit))
        return cli_fail(CLI_EXIT_USAGE, "%s",
                        BF_TR("--line 与 --month/--benefit/--region 不能同时给出",
                              "--line and --month/--benefit/--region cannot be given together"));
    if ((letter == 'r' || letter == 't' || letter == 'v') &&
        (o->by == NULL || o->by[0] == '\0' || strlen(o->by) >= LEDGER_NAME_MAX))
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("缺少 --by NAME（运行人，至多 %d 字节；审核须由另一人）",
                              "--by NAME is missing (who runs it, at most %d bytes; another "
                              "person approves)"),
                        LEDGER_NAME_MAX - 1);
    return CLI_EXIT_OK;
}

/* The policy files of --policies (or the default), refused with refusal when they have problems. */
static int ledger_load_policies(const ledger_options *o, const char *refusal, policy_set **set)
{
    char dir[POLICY_PATH_MAX];
    return cli_load_policies(o->policies, refusal, set, dir, sizeof dir);
}

static int ledger_do_run(cli_context *ctx, const ledger_options *o)
{
    policy_set *set = NULL;
    bf_error err;
    bf_error_clear(&err);
    int status =
        ledger_load_policies(o,
                             BF_TR("政策文件有错误，台账不运行",
                                   "the policy files have problems; the ledger does not run"),
                             &set);
    if (status != CLI_EXIT_OK)
        return status;
    ledger_run_request request = {0, o->region != NULL ? o->region_code : NULL, o->by};
    date_month_parse(o->month, &request.month);
    ledger_run_counts counts;
    status = CLI_EXIT_FAILURE;
    if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK ||
        ledger_run(ctx->store, set, &request, &counts, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    char total[MONEY_TEXT_MAX];
    money_format(counts.written_fen, total);
    printf("{\"run\": %" PRId64 ", \"month\": \"%s\", \"due\": %" PRId64 ", \"more\": %" PRId64
           ", \"less\": %" PRId64 ", \"recoveries\": %" PRId64 ", \"unchanged\": %" PRId64
           ", \"unapplied\": %" PRId64 ", \"unknown_benefits\": %" PRId64 ", \"warnings\": %" PRId64
           ", \"written\": %s}\n",
           counts.run_id, o->month, counts.due, counts.more, counts.less, counts.recoveries,
           counts.unchanged, counts.unapplied, counts.unknown, counts.warnings, total);
    status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
out:
    policy_set_free(set);
    return status;
}

static int ledger_do_review(cli_context *ctx, const ledger_options *o)
{
    bf_error err;
    bf_error_clear(&err);
    ledger_review_request request = {strcmp(o->action, "approve") == 0,
                                     o->reviewer,
                                     o->reason,
                                     o->ids,
                                     o->id_count,
                                     o->month,
                                     o->benefit,
                                     o->region != NULL ? o->region_code : NULL};
    int64_t reviewed = 0;
    if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    int rc = ledger_review(ctx->store, &request, &reviewed, &err);
    if (rc != BF_OK)
        return cli_fail(rc == BF_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE, "%s", err.message);
    printf("{\"reviewed\": %" PRId64 ", \"state\": \"%s\"}\n", reviewed,
           request.approve ? LEDGER_STATE_APPROVED : LEDGER_STATE_REJECTED);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static int ledger_do_apply(cli_context *ctx, const ledger_options *o)
{
    policy_set *set = NULL;
    bf_error err;
    bf_error_clear(&err);
    int status = ledger_load_policies(
        o, BF_TR("政策文件有错误，不登记", "the policy files have problems; nothing recorded"),
        &set);
    if (status != CLI_EXIT_OK)
        return status;
    ledger_application application = {o->benefit, o->applicant, o->on, o->documents, o->by};
    int created = 0, rc = BF_EINVAL;
    if (o->benefit == NULL || o->applicant == NULL)
        bf_error_set(
            &err, BF_EINVAL, "%s",
            BF_TR("需要 --benefit 与 --applicant", "--benefit and --applicant are needed"));
    else if (cli_open_store(ctx, CLI_STORE_WRITE, &err) == BF_OK)
        rc = ledger_apply(ctx->store, set, &application, &created, &err);
    else
        rc = BF_ESTORE;
    policy_set_free(set);
    if (rc != BF_OK)
        return cli_fail(rc == BF_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE, "%s", err.message);
    printf("{\"recorded\": %s}\n", created ? "true" : "false");
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* Most columns of a ledger table. */
#define LEDGER_TABLE_COLUMNS_MAX 32

/*
 * Writes the rows of sql (text parameters) to a table: stdout or --out.  Bit c
 * of money: column c is an amount in fen, written as yuan; masked: the column
 * holding a bank account (0: none), shown as 6222 **** **** 1234.
 */
static int ledger_table(cli_context *ctx, const ledger_options *o, const char *sql,
                        const char *const *params, int count, const char *const *header,
                        int columns, unsigned money, int masked)
{
    bf_error err;
    bf_error_clear(&err);
    table_writer *writer = NULL;
    store_rows rows = {0};
    int rc = cli_open_store(ctx, CLI_STORE_READ, &err);
    if (rc == BF_OK)
        rc = table_writer_open(o->out != NULL ? o->out : "-", &writer, &err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, header, columns, &err);
    if (rc == BF_OK)
        rc = store_rows_open(ctx->store, sql, params, count, &rows, &err);
    const char *cells[LEDGER_TABLE_COLUMNS_MAX];
    char yuan[LEDGER_TABLE_COLUMNS_MAX][MONEY_TEXT_MAX];
    if (columns > LEDGER_TABLE_COLUMNS_MAX)
        rc = bf_error_set(&err, BF_ETOOBIG, "%s", bf_strerror(BF_ETOOBIG));
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        char account[LEDGER_ACCOUNT_MASKED_MAX];
        for (int c = 0; c < columns; c++) {
            cells[c] = store_column_text(rows.stmt, c);
            if (money & (1u << c)) {
                money_format(store_column_int64(rows.stmt, c), yuan[c]);
                cells[c] = yuan[c];
            }
        }
        if (masked > 0 && masked < columns && cells[masked] != NULL) {
            ledger_mask_account(cells[masked], account);
            cells[masked] = account;
        }
        rc = table_writer_row(writer, cells, columns, &err);
    }
    if (rc == 0)
        rc = BF_OK;
    store_rows_close(&rows);
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? &err : NULL);
    if (rc == BF_OK)
        rc = closed;
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return CLI_EXIT_OK;
}

/* The WHERE clause of list and unapplied: month, then the filters given. */
static int ledger_where(const ledger_options *o, char *where, size_t size, const char **params,
                        char *prefix)
{
    int count = 0;
    snprintf(where, size, "month = ?");
    params[count++] = o->month;
    if (o->state != NULL) {
        strncat(where, " AND state = ?", size - strlen(where) - 1);
        params[count++] = o->state;
    }
    if (o->benefit != NULL) {
        strncat(where, " AND benefit = ?", size - strlen(where) - 1);
        params[count++] = o->benefit;
    }
    if (o->region != NULL) {
        int digits = region_level_digits(region_code_level(o->region_code));
        snprintf(prefix, REGION_CODE_TEXT_MAX + 1, "%.*s%%", digits, o->region_code);
        strncat(where, " AND region LIKE ?", size - strlen(where) - 1);
        params[count++] = prefix;
    }
    return count;
}

/* The rows of table for --month and the filters given, columns first two amounts. */
static int ledger_month_table(cli_context *ctx, const ledger_options *o, const char *columns,
                              const char *table, const char *order, const char *const *header,
                              int count)
{
    char where[256], sql[1024], prefix[REGION_CODE_TEXT_MAX + 1];
    const char *params[4];
    int params_count = ledger_where(o, where, sizeof where, params, prefix);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s ORDER BY %s", columns, table, where,
             order);
    return ledger_table(ctx, o, sql, params, params_count, header, count, 1u, 0);
}

static int ledger_do_list(cli_context *ctx, const ledger_options *o)
{
    static const char *const header[] = {"金额",     "金额（分）", "编号", "待遇", "条款", "文件",
                                         "收款人",   "收款人类型", "人员", "月份", "序号", "类别",
                                         "资金来源", "状态",       "区划", "运行"};
    return ledger_month_table(ctx, o,
                              "amount_fen, amount_fen, id, benefit, clause, document, payee, "
                              "payee_kind, person, month, seq, kind, funding, state, region, "
                              "run_id",
                              "ledger_lines", "id", header, 16);
}

static int ledger_do_unapplied(cli_context *ctx, const ledger_options *o)
{
    static const char *const header[] = {"金额", "金额（分）", "待遇", "收款人",
                                         "人员", "月份",       "区划", "运行"};
    return ledger_month_table(
        ctx, o, "amount_fen, amount_fen, benefit, payee, person, month, region, run_id",
        "ledger_unapplied", "benefit, person, payee", header, 8);
}

/* The bank details stored, current and earlier, accounts masked. */
static int ledger_do_bank(cli_context *ctx, const ledger_options *o)
{
    static const char *const header[] = {"序号",   "证件号码", "户名",    "银行账号",
                                         "开户行", "来源",     "导入时间"};
    const char *params[] = {o->payee};
    return ledger_table(ctx, o,
                        "SELECT seq, payee, holder, account, bank, source, imported_at "
                        "FROM bank_accounts WHERE payee = COALESCE(?, payee) ORDER BY payee, seq",
                        params, 1, header, 7, 0u, 3);
}

/* The payments of a batch, accounts masked. */
static int ledger_do_payments(cli_context *ctx, const ledger_options *o)
{
    static const char *const header[] = {"金额",   "序号", "证件号码", "户名", "银行账号",
                                         "开户行", "摘要", "状态",     "原因"};
    const char *params[] = {o->argument};
    return ledger_table(ctx, o,
                        "SELECT amount_fen, item, payee, holder, account, bank, summary, state, "
                        "reason FROM payment_items WHERE CAST(batch_id AS TEXT) = ? ORDER BY item",
                        params, 1, header, 9, 1u, 4);
}

/* import-bank and import-return: one line of JSON counts and the error file. */
static int ledger_do_import(cli_context *ctx, const ledger_options *o)
{
    bf_error err;
    bf_error_clear(&err);
    if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    int rc;
    if (strcmp(o->action, "import-bank") == 0) {
        ledger_bank_counts counts;
        rc = ledger_bank_import(ctx->store, o->argument, o->errors, &counts, &err);
        if (rc == BF_OK)
            printf("{\"read\": %" PRId64 ", \"added\": %" PRId64 ", \"changed\": %" PRId64
                   ", \"unchanged\": %" PRId64 ", \"rejected\": %" PRId64
                   ", \"errors_file\": \"%s\"}\n",
                   counts.read, counts.added, counts.changed, counts.unchanged, counts.rejected,
                   counts.errors_file);
    } else {
        ledger_return_counts counts;
        rc = ledger_return_import(ctx->store, o->argument, o->errors, NULL, &counts, &err);
        if (rc == BF_OK)
            printf("{\"read\": %" PRId64 ", \"paid\": %" PRId64 ", \"failed\": %" PRId64
                   ", \"already\": %" PRId64 ", \"errors\": %" PRId64
                   ", \"errors_file\": \"%s\"}\n",
                   counts.read, counts.paid, counts.failed, counts.already, counts.errors,
                   counts.errors_file);
    }
    if (rc != BF_OK)
        return cli_fail(rc == BF_EPARSE || rc == BF_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE,
                        "%s", err.message);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static int ledger_do_batch(cli_context *ctx, const ledger_options *o)
{
    policy_set *set = NULL;
    bf_error err;
    bf_error_clear(&err);
    int status = ledger_load_policies(
        o, BF_TR("政策文件有错误，不生成批次", "the policy files have problems; no batch"), &set);
    if (status != CLI_EXIT_OK)
        return status;
    ledger_batch_request request = {o->month, o->by, o->region != NULL ? o->region_code : NULL};
    ledger_batch_counts counts;
    char *missing = NULL;
    size_t missing_size = 0;
    FILE *list = open_memstream(&missing, &missing_size);
    int rc = list == NULL ? bf_error_set(&err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM))
                          : cli_open_store(ctx, CLI_STORE_WRITE, &err);
    if (rc == BF_OK)
        rc = ledger_batch_create(ctx->store, set, &request, list, &counts, &err);
    policy_set_free(set);
    if (list != NULL)
        fclose(list);
    /* Reported, not skipped: who has approved lines but no bank details. */
    if (rc == BF_OK && counts.missing_bank > 0)
        fprintf(stderr, "%s\n%s",
                BF_TR("以下收款人缺少银行信息，未入批（证件号码、金额）：",
                      "these payees have no bank details and were left out (payee, amount):"),
                missing);
    free(missing);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    char total[MONEY_TEXT_MAX];
    money_format(counts.total_fen, total);
    printf("{\"batch\": %" PRId64 ", \"payments\": %" PRId64 ", \"lines\": %" PRId64
           ", \"total\": %s, \"missing_bank\": %" PRId64 ", \"not_positive\": %" PRId64
           ", \"services\": %" PRId64 "}\n",
           counts.batch_id, counts.payments, counts.lines, total, counts.missing_bank,
           counts.not_positive, counts.services);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* The batch number of export-bank and approve-batch into *batch: CLI_EXIT_OK or a usage error. */
static int ledger_batch_number(const ledger_options *o, long long *batch)
{
    char *end = NULL;
    *batch = o->argument != NULL ? strtoll(o->argument, &end, 10) : 0;
    if (o->argument == NULL || end == o->argument || *end != '\0' || *batch <= 0)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("批次应为数字，而不是“%s”", "the batch is a number, not '%s'"),
                        o->argument != NULL ? o->argument : "");
    return CLI_EXIT_OK;
}

/* approve-batch BATCH --by NAME: ledger_batch_approve, as the web's POST .../approve. */
static int ledger_do_approve_batch(cli_context *ctx, const ledger_options *o)
{
    bf_error err;
    bf_error_clear(&err);
    long long batch = 0;
    int status = ledger_batch_number(o, &batch);
    if (status != CLI_EXIT_OK)
        return status;
    int rc = cli_open_store(ctx, CLI_STORE_WRITE, &err);
    if (rc == BF_OK)
        rc = ledger_batch_approve(ctx->store, batch, o->by, NULL, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    json_t *line = json_pack("{s:I, s:s}", "batch", (json_int_t)batch, "approved_by", o->by);
    status = cli_print_json_line(line);
    if (status != CLI_EXIT_OK)
        return status;
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static int ledger_do_export(cli_context *ctx, const ledger_options *o)
{
    bf_error err;
    bf_error_clear(&err);
    long long batch = 0;
    int status = ledger_batch_number(o, &batch);
    if (status != CLI_EXIT_OK)
        return status;
    if (o->out == NULL)
        return cli_fail(
            CLI_EXIT_USAGE, "%s",
            BF_TR("缺少 --out FILE.xlsx 或 FILE.csv", "--out FILE.xlsx or FILE.csv is missing"));
    if (cli_refuse_existing(o->out))
        return CLI_EXIT_FAILURE;
    int64_t payments = 0, total_fen = 0;
    int rc = cli_open_store(ctx, CLI_STORE_WRITE, &err);
    if (rc == BF_OK)
        rc = ledger_bank_export(ctx->store, batch, o->out, &payments, &total_fen, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    char total[MONEY_TEXT_MAX];
    money_format(total_fen, total);
    printf("{\"batch\": %lld, \"payments\": %" PRId64 ", \"total\": %s}\n", batch, payments, total);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* The amounts of a report row: lines, net entitlement, paid. */
#define REPORT_SUMS                                                                                \
    "COUNT(*), SUM(amount_fen), SUM(CASE WHEN state = '" LEDGER_STATE_PAID                         \
    "' THEN amount_fen ELSE 0 END)"
#define REPORT_WHERE "month >= ? AND month <= ?"

/* ledger report --group month|benefit|region|funding [--from M] [--to M] [--level L]. */
static int ledger_do_report(cli_context *ctx, const ledger_options *o)
{
    const char *from = o->from != NULL ? o->from : "0000-00";
    const char *to = o->to != NULL ? o->to : "9999-99";
    const char *group = o->group != NULL ? o->group : "month";
    const char *params[10];
    for (int i = 0; i < 10; i += 2) {
        params[i] = from;
        params[i + 1] = to;
    }
    if (strcmp(group, "month") == 0) {
        static const char *const header[] = {"月份", "行数", "应发（元）", "已支付（元）"};
        return ledger_table(ctx, o,
                            "SELECT month, " REPORT_SUMS " FROM ledger_lines WHERE " REPORT_WHERE
                            " GROUP BY month ORDER BY month",
                            params, 2, header, 4, 1u << 2 | 1u << 3, 0);
    }
    if (strcmp(group, "benefit") == 0) {
        static const char *const header[] = {"待遇", "条款",       "文件",
                                             "行数", "应发（元）", "已支付（元）"};
        return ledger_table(ctx, o,
                            "SELECT benefit, clause, document, " REPORT_SUMS
                            " FROM ledger_lines WHERE " REPORT_WHERE
                            " GROUP BY benefit, clause, document ORDER BY benefit",
                            params, 2, header, 6, 1u << 4 | 1u << 5, 0);
    }
    if (strcmp(group, "funding") == 0) {
        static const char *const header[] = {"资金来源", "行数", "应发（元）", "已支付（元）"};
        return ledger_table(ctx, o,
                            "SELECT funding, " REPORT_SUMS " FROM ledger_lines WHERE " REPORT_WHERE
                            " GROUP BY funding ORDER BY funding",
                            params, 2, header, 4, 1u << 2 | 1u << 3, 0);
    }
    if (strcmp(group, "region") != 0)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--group 应为 month、benefit、region 或 funding，而不是“%s”",
                              "--group is month, benefit, region or funding, not '%s'"),
                        group);
    /* Rolled up: one block per level, village -> township -> county -> city -> province. */
    static const char *const levels[] = {"province", "city", "county", "township", "village"};
    static const char *const level_words[] = {"省", "市", "县", "乡镇", "村"};
    static const int digits[] = {2, 4, 6, 9, 12};
    char sql[4096] = "";
    int used = 0, count = 0;
    for (int l = 0; l < 5; l++) {
        if (o->level != NULL && strcmp(o->level, levels[l]) != 0)
            continue;
        /* A level's rows count the lines of regions down to it: a line of a county has no
           township row (its township digits are zeros). */
        int above = l == 0 ? 0 : digits[l - 1];
        used += snprintf(sql + used, sizeof sql - (size_t)used,
                         "%sSELECT '%s', g.code, r.name, g.n, g.s, g.p, %d FROM (SELECT "
                         "SUBSTR(region, 1, %d) || '%.*s' AS code, COUNT(*) AS n, "
                         "SUM(amount_fen) AS s, SUM(CASE WHEN state = '" LEDGER_STATE_PAID
                         "' THEN amount_fen ELSE 0 END) AS p FROM ledger_lines WHERE " REPORT_WHERE
                         " AND region <> '' AND SUBSTR(region, %d, %d) <> '%.*s' "
                         "GROUP BY SUBSTR(region, 1, %d)) g LEFT JOIN regions r ON r.code = g.code",
                         count ? " UNION ALL " : "", level_words[l], l, digits[l], 12 - digits[l],
                         "000000000000", above + 1, digits[l] - above,
                         l == 0 ? 0 : digits[l] - above, "000000000000", digits[l]);
        count++;
    }
    if (count == 0)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("--level 应为 province、city、county、township 或 village，而不是“%s”",
                  "--level is province, city, county, township or village, not '%s'"),
            o->level);
    snprintf(sql + used, sizeof sql - (size_t)used, " ORDER BY 2, 7");
    static const char *const header[] = {"级别", "区划代码",   "区划名称",
                                         "行数", "应发（元）", "已支付（元）"};
    return ledger_table(ctx, o, sql, params, 2 * count, header, 6, 1u << 4 | 1u << 5, 0);
}

/* ledger person ID: every line of a person (as person or payee), with its clause. */
static int ledger_do_person(cli_context *ctx, const ledger_options *o)
{
    static const char *const header[] = {"月份",       "待遇", "条款",     "文件",   "类别",
                                         "金额（元）", "状态", "资金来源", "收款人", "人员"};
    const char *params[] = {o->argument, o->argument};
    return ledger_table(ctx, o,
                        "SELECT month, benefit, clause, document, kind, amount_fen, state, "
                        "funding, payee, person FROM ledger_lines WHERE person = ? OR payee = ? "
                        "ORDER BY month, benefit, seq",
                        params, 2, header, 10, 1u << 5, 0);
}

int cmd_ledger(cli_context *ctx, int argc, char **argv)
{
    ledger_options o;
    memset(&o, 0, sizeof o);
    int status = ledger_parse(argc, argv, &o);
    if (status == CLI_EXIT_OK) {
        if (strcmp(o.action, "run") == 0)
            status = ledger_do_run(ctx, &o);
        else if (strcmp(o.action, "list") == 0)
            status = ledger_do_list(ctx, &o);
        else if (strcmp(o.action, "apply") == 0)
            status = ledger_do_apply(ctx, &o);
        else if (strcmp(o.action, "unapplied") == 0)
            status = ledger_do_unapplied(ctx, &o);
        else if (strcmp(o.action, "import-bank") == 0 || strcmp(o.action, "import-return") == 0)
            status = ledger_do_import(ctx, &o);
        else if (strcmp(o.action, "bank") == 0)
            status = ledger_do_bank(ctx, &o);
        else if (strcmp(o.action, "payments") == 0)
            status = ledger_do_payments(ctx, &o);
        else if (strcmp(o.action, "batch") == 0)
            status = ledger_do_batch(ctx, &o);
        else if (strcmp(o.action, "export-bank") == 0)
            status = ledger_do_export(ctx, &o);
        else if (strcmp(o.action, "approve-batch") == 0)
            status = ledger_do_approve_batch(ctx, &o);
        else if (strcmp(o.action, "report") == 0)
            status = ledger_do_report(ctx, &o);
        else if (strcmp(o.action, "person") == 0)
            status = ledger_do_person(ctx, &o);
        else
            status = ledger_do_review(ctx, &o);
    }
    free(o.ids);
    return status;
}
