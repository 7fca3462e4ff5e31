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
#include <stdlib.h>
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

int ledger_rejects_add(ledger_rejects *rejects, int64_t line, const char *reason, bf_error *err)
{
    size_t offset = 0;
    rejects->count++;
    if (text_pool_add(&rejects->text, reason, &offset) != BF_OK ||
        int_map_set(&rejects->lines, (uint64_t)line, (int64_t)offset) != BF_OK)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    return BF_OK;
}

int ledger_rejects_write(const ledger_rejects *rejects, const char *path,
                         const table_reader_options *options, import_errors *errors, bf_error *err)
{
    if (rejects->count == 0)
        return BF_OK;
    table_reader *reader = NULL;
    table_row row;
    int rc = table_reader_open_with(path, options, &reader, err);
    if (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW)
        rc = BF_OK; /* the header */
    int64_t line = 0, offset = 0;
    while (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        rc = BF_OK;
        if (int_map_find(&rejects->lines, (uint64_t)++line, &offset))
            rc = import_errors_add(errors, &row, text_pool_at(&rejects->text, (size_t)offset), err);
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    table_reader_close(reader);
    return rc;
}

void ledger_rejects_free(ledger_rejects *rejects)
{
    int_map_free(&rejects->lines);
    text_pool_free(&rejects->text);
}

/* Why row cannot be taken into reason ("" when it can), its account normalised into account. */
static void bank_row_problem(const table_row *row, const int *index,
                             char account[LEDGER_ACCOUNT_MAX], char *reason, size_t size)
{
    const char *payee = ledger_columns_cell(row, index, BANK_PAYEE);
    const char *holder = ledger_columns_cell(row, index, BANK_HOLDER);
    const char *bank = ledger_columns_cell(row, index, BANK_NAME);
    reason[0] = '\0';
    if (row->overflow != NULL)
        snprintf(reason, size, "%s", row->overflow);
    else if (idcard_check(payee, date_today(), NULL) != IDCARD_OK &&
             credit_code_check(payee, NULL) != CREDIT_CODE_OK)
        snprintf(reason, size,
                 BF_TR("证件号码：“%s”不是有效的身份证号或统一社会信用代码",
                       "payee: '%s' is neither a valid ID number nor a 统一社会信用代码"),
                 payee);
    else if (!account_normalize(ledger_columns_cell(row, index, BANK_ACCOUNT), account))
        snprintf(reason, size,
                 BF_TR("银行账号：应为 8 至 %d 位数字", "account: 8 to %d digits expected"),
                 LEDGER_ACCOUNT_MAX - 1);
    else if (holder[0] == '\0' || strlen(holder) >= LEDGER_BANK_TEXT_MAX)
        snprintf(reason, size,
                 BF_TR("户名：应填写（至多 %d 字节）", "holder: needed (at most %d bytes)"),
                 LEDGER_BANK_TEXT_MAX - 1);
    else if (bank[0] == '\0' || strlen(bank) >= LEDGER_BANK_TEXT_MAX)
        snprintf(reason, size,
                 BF_TR("开户行：应填写（至多 %d 字节）", "bank: needed (at most %d bytes)"),
                 LEDGER_BANK_TEXT_MAX - 1);
}

/* Most rows of one bank details file. */
#define BANK_ROWS_MAX 10000000

typedef struct bank_state {
    store *st;
    const char *path, *at;
    int index[BANK_COLUMNS];
    ledger_bank_counts *counts;
    ledger_rejects rejects;
    bf_error *err;
} bank_state;

/* First pass: the rows well formed into the temporary ledger_bank_rows, the others rejected. */
static int bank_load(bank_state *bs, table_reader *reader)
{
    static const char *const columns[] = {"line", "payee", "account", "bank", "holder"};
    store_bulk *bulk = NULL;
    int rc = store_scratch_begin(bs->st,
                                 "CREATE TEMP TABLE IF NOT EXISTS ledger_bank_rows (line BIGINT, "
                                 "payee TEXT, account TEXT, bank TEXT, holder TEXT)",
                                 "ledger_bank_rows", columns, 5, &bulk);
    if (rc != BF_OK)
        return store_error_set(bs->st, rc, bs->err);
    table_row row;
    char account[LEDGER_ACCOUNT_MAX], reason[512], line[24];
    while ((rc = table_reader_next(reader, &row, bs->err)) == BF_ROW) {
        int64_t n = ++bs->counts->read;
        if (n > BANK_ROWS_MAX) {
            rc = bf_error_set(bs->err, BF_ETOOBIG, BF_TR("%s：超过 %d 行", "%s: more than %d rows"),
                              bs->path, BANK_ROWS_MAX);
            break;
        }
        bank_row_problem(&row, bs->index, account, reason, sizeof reason);
        if (reason[0] != '\0') {
            if ((rc = ledger_rejects_add(&bs->rejects, n, reason, bs->err)) != BF_OK)
                break;
            continue;
        }
        snprintf(line, sizeof line, "%" PRId64, n);
        const char *values[] = {line, ledger_columns_cell(&row, bs->index, BANK_PAYEE), account,
                                ledger_columns_cell(&row, bs->index, BANK_NAME),
                                ledger_columns_cell(&row, bs->index, BANK_HOLDER)};
        if ((rc = store_bulk_row(bulk, values)) != BF_OK) {
            rc = store_error_set(bs->st, rc, bs->err);
            break;
        }
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    int end = store_bulk_end(bulk, rc == BF_OK);
    if (rc == BF_OK && end != BF_OK)
        rc = store_error_set(bs->st, end, bs->err);
    /* A temporary table has no statistics the planner could join it by (PostgreSQL). */
    if (rc == BF_OK && (rc = store_exec(bs->st, "ANALYZE ledger_bank_rows")) != BF_OK)
        rc = store_error_set(bs->st, rc, bs->err);
    return rc;
}

/* The current details of a payee as this import leaves them. */
typedef struct bank_current {
    char payee[LEDGER_BANK_TEXT_MAX];
    int64_t seq;
    char account[LEDGER_ACCOUNT_MAX], bank[LEDGER_BANK_TEXT_MAX], holder[LEDGER_BANK_TEXT_MAX];
} bank_current;

/*
 * Second step: each row against its payee's current details (stored, or given by an earlier
 * row of the file: the rows come by payee, then line), the new details bulk-loaded into
 * bank_accounts.
 */
static int bank_store(bank_state *bs)
{
    static const char *const columns[] = {"payee",  "seq",    "account",    "bank",
                                          "holder", "source", "imported_at"};
    store_rows rows = {0};
    int rc = store_rows_open(
        bs->st,
        "SELECT r.line, r.payee, r.account, r.bank, r.holder, "
        "(SELECT COUNT(*) FROM people p WHERE p.id_number = r.payee) + "
        "(SELECT COUNT(*) FROM orgs o WHERE o.org_code = r.payee), b.seq, b.account, b.bank, "
        "b.holder FROM ledger_bank_rows r LEFT JOIN bank_accounts b ON b.payee = r.payee AND "
        "b.seq = (SELECT MAX(x.seq) FROM bank_accounts x WHERE x.payee = r.payee) "
        "ORDER BY r.payee, r.line",
        NULL, 0, &rows, bs->err);
    store_bulk *bulk = NULL;
    /* The rows are read to the end before the load: PostgreSQL's COPY takes the connection. */
    bank_current *added = NULL;
    size_t added_count = 0, added_capacity = 0;
    bank_current current;
    memset(&current, 0, sizeof current);
    char reason[512];
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        const char *payee = store_column_text(rows.stmt, 1);
        const char *account = store_column_text(rows.stmt, 2);
        const char *bank = store_column_text(rows.stmt, 3);
        const char *holder = store_column_text(rows.stmt, 4);
        if (store_column_int64(rows.stmt, 5) == 0) {
            snprintf(reason, sizeof reason,
                     BF_TR("证件号码：%s 不是已登记的人员或单位",
                           "payee: %s is no stored person or org"),
                     payee);
            rc =
                ledger_rejects_add(&bs->rejects, store_column_int64(rows.stmt, 0), reason, bs->err);
            continue;
        }
        if (strcmp(payee, current.payee) != 0) {
            memset(&current, 0, sizeof current);
            snprintf(current.payee, sizeof current.payee, "%s", payee);
            if (!store_column_is_null(rows.stmt, 6)) {
                current.seq = store_column_int64(rows.stmt, 6);
                snprintf(current.account, sizeof current.account, "%s",
                         store_column_text(rows.stmt, 7));
                snprintf(current.bank, sizeof current.bank, "%s", store_column_text(rows.stmt, 8));
                snprintf(current.holder, sizeof current.holder, "%s",
                         store_column_text(rows.stmt, 9));
            }
        }
        if (current.seq > 0 && strcmp(current.account, account) == 0 &&
            strcmp(current.bank, bank) == 0 && strcmp(current.holder, holder) == 0) {
            bs->counts->unchanged++;
            continue;
        }
        if (current.seq == 0)
            bs->counts->added++;
        else
            bs->counts->changed++;
        current.seq++;
        snprintf(current.account, sizeof current.account, "%s", account);
        snprintf(current.bank, sizeof current.bank, "%s", bank);
        snprintf(current.holder, sizeof current.holder, "%s", holder);
        if (added_count == added_capacity) {
            size_t next = added_capacity == 0 ? 256 : added_capacity * 2;
            bank_current *grown = realloc(added, next * sizeof *grown);
            if (grown == NULL) {
                rc = bf_error_set(bs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
                break;
            }
            added = grown;
            added_capacity = next;
        }
        added[added_count++] = current;
    }
    store_rows_close(&rows);
    if (rc == 0 && added_count > 0 &&
        (rc = store_bulk_begin(bs->st, "bank_accounts", columns, 7, &bulk)) != BF_OK)
        rc = store_error_set(bs->st, rc, bs->err);
    char seq[24];
    for (size_t i = 0; rc == BF_OK && bulk != NULL && i < added_count; i++) {
        snprintf(seq, sizeof seq, "%" PRId64, added[i].seq);
        const char *values[] = {
            added[i].payee, seq,   added[i].account, added[i].bank, added[i].holder,
            bs->path,       bs->at};
        if ((rc = store_bulk_row(bulk, values)) != BF_OK)
            rc = store_error_set(bs->st, rc, bs->err);
    }
    if (bulk != NULL) {
        int end = store_bulk_end(bulk, rc == BF_OK);
        if (rc == BF_OK && end != BF_OK)
            rc = store_error_set(bs->st, end, bs->err);
    }
    free(added);
    return rc;
}

int ledger_bank_import(store *st, const char *path, const char *errors_path,
                       ledger_bank_counts *counts, bf_error *err)
{
    memset(counts, 0, sizeof *counts);
    table_reader_options options = {.header_usable = bank_header_usable,
                                    .header_hint = BF_TR("证件号码、户名、银行账号、开户行",
                                                         "证件号码, 户名, 银行账号, 开户行")};
    char at[BF_TIMESTAMP_TEXT_MAX];
    date_now_timestamp(at);
    bank_state bs = {.st = st, .path = path, .at = at, .counts = counts, .err = err};
    table_reader *reader = NULL;
    import_errors *errors = NULL;
    table_row row;
    int rc = table_reader_open_with(path, &options, &reader, err);
    if (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        ledger_columns_find(&row, bank_columns, BANK_COLUMNS, bs.index);
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
    if (rc == BF_OK)
        rc = bank_load(&bs, reader);
    table_reader_close(reader);
    if (rc == BF_OK)
        rc = bank_store(&bs);
    counts->rejected = bs.rejects.count;
    /* The error file is finished before the commit, so that failing to write it undoes all. */
    if (rc == BF_OK)
        rc = ledger_rejects_write(&bs.rejects, path, &options, errors, err);
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
    ledger_rejects_free(&bs.rejects);
    return rc;
}
