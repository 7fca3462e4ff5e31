/*
 * ledger_bank.c - the bank details of payees: masking, and their import with
 * history (ledger_payment.h), and the columns of the files the ledger reads
 * (ledger_columns_find, shared with the return import).
 */
#include "services/ledger_columns.h"
#include "services/ledger_payment.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "core/idcard.h"
#include "io/table_reader.h"
#include "services/import_errors.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void ledger_mask_account(const char *account, char out[LEDGER_ACCOUNT_MASKED_MAX])
{
    size_t length = strlen(account);
    if (length < 8) {
        snprintf(out, LEDGER_ACCOUNT_MASKED_MAX, "****");
        return;
    }
    snprintf(out, LEDGER_ACCOUNT_MASKED_MAX, "%.4s **** **** %s", account, account + length - 4);
}

int ledger_columns_find(const table_row *header, const ledger_column *columns, int count,
                        int *index)
{
    for (int c = 0; c < count; c++) {
        index[c] = -1;
        for (int i = 0; i < header->count && index[c] < 0; i++)
            for (int a = 0; a < LEDGER_COLUMN_ALIASES_MAX && columns[c].names[a] != NULL; a++)
                if (strcmp(header->cells[i], columns[c].names[a]) == 0) {
                    index[c] = i;
                    break;
                }
    }
    return BF_OK;
}

const char *ledger_columns_cell(const table_row *row, const int *index, int column)
{
    int i = index[column];
    return i >= 0 && i < row->count ? row->cells[i] : "";
}

enum { BANK_PAYEE, BANK_HOLDER, BANK_ACCOUNT, BANK_NAME, BANK_COLUMNS };

static const ledger_column bank_columns[BANK_COLUMNS] = {
    {{"证件号码", "身份证号码", "身份证号", "统一社会信用代码", "payee"}},
    {{"户名", "账户名", "开户人", "姓名/单位名称", "holder"}},
    {{"银行账号", "账号", "银行卡号", "卡号", "account"}},
    {{"开户行", "开户银行", "银行", "bank"}},
};

/* A header is usable when it names the payee and the account. */
static int bank_header_usable(void *context, const table_row *row)
{
    (void)context;
    int index[BANK_COLUMNS];
    ledger_columns_find(row, bank_columns, BANK_COLUMNS, index);
    return index[BANK_PAYEE] >= 0 && index[BANK_ACCOUNT] >= 0;
}

/* The account without blanks and dashes into out; 0 when it is no account number. */
static int account_normalize(const char *text, char out[LEDGER_ACCOUNT_MAX])
{
    size_t n = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n + 1 >= LEDGER_ACCOUNT_MAX)
            return 0;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n >= 8;
}

/*
 * Why row cannot be taken into reason ("" when it can), its values normalised
 * into account; a failure to ask the store is an error, never a reason.
 */
static int bank_row_problem(store *st, const table_row *row, const int *index,
                            char account[LEDGER_ACCOUNT_MAX], char *reason, size_t size,
                            bf_error *err)
{
    const char *payee = ledger_columns_cell(row, index, BANK_PAYEE);
    reason[0] = '\0';
    if (idcard_check(payee, date_today(), NULL) != IDCARD_OK &&
        credit_code_check(payee, NULL) != CREDIT_CODE_OK) {
        snprintf(reason, size,
                 BF_TR("证件号码：“%s”不是有效的身份证号或统一社会信用代码",
                       "payee: '%s' is neither a valid ID number nor a 统一社会信用代码"),
                 payee);
        return BF_OK;
    }
    int64_t known = 0;
    const char *params[] = {payee, payee};
    int rc = store_query_int64(st,
                               "SELECT (SELECT COUNT(*) FROM people WHERE id_number = ?) + "
                               "(SELECT COUNT(*) FROM orgs WHERE org_code = ?)",
                               params, 2, &known);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (known == 0) {
        snprintf(
            reason, size,
            BF_TR("证件号码：%s 不是已登记的人员或单位", "payee: %s is no stored person or org"),
            payee);
        return BF_OK;
    }
    if (!account_normalize(ledger_columns_cell(row, index, BANK_ACCOUNT), account)) {
        snprintf(reason, size,
                 BF_TR("银行账号：应为 8 至 %d 位数字", "account: 8 to %d digits expected"),
                 LEDGER_ACCOUNT_MAX - 1);
        return BF_OK;
    }
    const char *holder = ledger_columns_cell(row, index, BANK_HOLDER);
    const char *bank = ledger_columns_cell(row, index, BANK_NAME);
    if (holder[0] == '\0' || strlen(holder) >= LEDGER_BANK_TEXT_MAX)
        snprintf(reason, size,
                 BF_TR("户名：应填写（至多 %d 字节）", "holder: needed (at most %d bytes)"),
                 LEDGER_BANK_TEXT_MAX - 1);
    else if (bank[0] == '\0' || strlen(bank) >= LEDGER_BANK_TEXT_MAX)
        snprintf(reason, size,
                 BF_TR("开户行：应填写（至多 %d 字节）", "bank: needed (at most %d bytes)"),
                 LEDGER_BANK_TEXT_MAX - 1);
    return BF_OK;
}

/* Stores row's details for its payee unless they are the current ones. */
static int bank_store_row(store *st, const char *source, const char *at, const table_row *row,
                          const int *index, const char *account, ledger_bank_counts *counts,
                          bf_error *err)
{
    const char *payee = ledger_columns_cell(row, index, BANK_PAYEE);
    const char *holder = ledger_columns_cell(row, index, BANK_HOLDER);
    const char *bank = ledger_columns_cell(row, index, BANK_NAME);
    store_rows rows = {0};
    const char *params[] = {payee};
    int rc = store_rows_open(st,
                             "SELECT seq, account, bank, holder FROM bank_accounts "
                             "WHERE payee = ? ORDER BY seq DESC LIMIT 1",
                             params, 1, &rows, err);
    int64_t seq = 0;
    int same = 0;
    if (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        seq = store_column_int64(rows.stmt, 0);
        same = strcmp(store_column_text(rows.stmt, 1), account) == 0 &&
               strcmp(store_column_text(rows.stmt, 2), bank) == 0 &&
               strcmp(store_column_text(rows.stmt, 3), holder) == 0;
        rc = BF_OK;
    }
    store_rows_close(&rows);
    if (rc != BF_OK)
        return rc;
    if (same) {
        counts->unchanged++;
        return BF_OK;
    }
    char next[24];
    snprintf(next, sizeof next, "%" PRId64, seq + 1);
    const char *values[] = {payee, next, account, bank, holder, source, at};
    rc = store_exec_params(st,
                           "INSERT INTO bank_accounts (payee, seq, account, bank, holder, source, "
                           "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           values, 7, err);
    if (rc == BF_OK) {
        if (seq == 0)
            counts->added++;
        else
            counts->changed++;
    }
    return rc;
}

int ledger_bank_import(store *st, const char *path, const char *errors_path,
                       ledger_bank_counts *counts, bf_error *err)
{
    memset(counts, 0, sizeof *counts);
    table_reader_options options = {.header_usable = bank_header_usable,
                                    .header_hint = BF_TR("证件号码、户名、银行账号、开户行",
                                                         "证件号码, 户名, 银行账号, 开户行")};
    table_reader *reader = NULL;
    import_errors *errors = NULL;
    table_row row;
    int index[BANK_COLUMNS];
    char at[BF_TIMESTAMP_TEXT_MAX];
    date_now_timestamp(at);
    int rc = table_reader_open_with(path, &options, &reader, err);
    if (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        ledger_columns_find(&row, bank_columns, BANK_COLUMNS, index);
        rc = import_errors_open(path, errors_path, &row, &errors, err);
    } else if (rc == BF_DONE)
        rc = bf_error_set(err, BF_EPARSE, BF_TR("%s：没有表头", "%s: no header"), path);
    int began = 0;
    if (rc == BF_OK) {
        rc = store_begin_exclusive(st, -1, NULL, NULL);
        if (rc != BF_OK)
            rc = store_error_set(st, rc, err);
        else
            began = 1;
    }
    char account[LEDGER_ACCOUNT_MAX], reason[512];
    while (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        counts->read++;
        if (row.overflow != NULL)
            snprintf(reason, sizeof reason, "%s", row.overflow);
        else
            rc = bank_row_problem(st, &row, index, account, reason, sizeof reason, err);
        if (rc != BF_OK)
            break;
        if (reason[0] != '\0') {
            counts->rejected++;
            rc = import_errors_add(errors, &row, reason, err);
        } else
            rc = bank_store_row(st, path, at, &row, index, account, counts, err);
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    if (rc == BF_OK)
        rc = import_errors_finish(errors, err);
    if (rc == BF_OK)
        snprintf(counts->errors_file, sizeof counts->errors_file, "%s",
                 import_errors_written(errors));
    if (rc == BF_OK && began && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK && began)
        store_rollback(st);
    import_errors_close(errors, rc == BF_OK);
    table_reader_close(reader);
    return rc;
}
