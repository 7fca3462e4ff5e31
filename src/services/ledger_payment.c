/*
 * ledger_payment.c - payment batches and the bank file (ledger_payment.h; the
 * bank's return is ledger_return.c).
 */
#include "services/ledger_payment.h"

#include "core/date.h"
#include "core/money.h"
#include "core/region_code.h"
#include "io/safe_file.h"
#include "io/table_writer.h"
#include "services/import_errors.h"
#include "services/ledger.h"
#include "services/ledger_columns.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- batches ------------------------------------------------------------ */

/* The payment of one payee being gathered. */
typedef struct batch_payment {
    char payee[LEDGER_BANK_TEXT_MAX];
    char account[LEDGER_ACCOUNT_MAX];
    char bank[LEDGER_BANK_TEXT_MAX];
    char holder[LEDGER_BANK_TEXT_MAX];
    char summary[LEDGER_SUMMARY_MAX];
    int64_t total_fen;
    int has_bank;
    size_t first_line, line_count; /* its lines in the batch's line list */
} batch_payment;

/* Most payments in one batch. */
#define PAYMENT_BATCH_MAX 10000000u

typedef struct batch_state {
    store *st;
    const ledger_batch_request *request;
    FILE *missing;
    ledger_batch_counts *counts;
    batch_payment *payments; /* the payments kept, in payee order */
    size_t payment_count, payment_capacity;
    int64_t *line_ids;
    size_t line_count, line_capacity;
    char batch_text[24];
    bf_error *err;
} batch_state;

/* Adds a benefit name to the payment's summary unless it is there already. */
static void summary_add(batch_payment *p, const char *name)
{
    if (strstr(p->summary, name) != NULL)
        return;
    size_t used = strlen(p->summary);
    snprintf(p->summary + used, sizeof p->summary - used, "%s%s", used ? "、" : "", name);
}

/* Keeps the payee's payment, or reports it left out. */
static int batch_keep(batch_state *bs, const batch_payment *p)
{
    if (p->payee[0] == '\0')
        return BF_OK;
    if (p->total_fen <= 0) {
        bs->counts->not_positive++;
        return BF_OK;
    }
    if (!p->has_bank) {
        char yuan[MONEY_TEXT_MAX];
        money_format(p->total_fen, yuan);
        bs->counts->missing_bank++;
        if (bs->missing != NULL)
            fprintf(bs->missing, "%s\t%s\n", p->payee, yuan);
        return BF_OK;
    }
    if (bs->payment_count == bs->payment_capacity) {
        if (bs->payment_capacity >= PAYMENT_BATCH_MAX)
            return bf_error_set(bs->err, BF_ETOOBIG,
                                BF_TR("一个批次超过 %u 笔支付", "more than %u payments in a batch"),
                                PAYMENT_BATCH_MAX);
        size_t next = bs->payment_capacity == 0 ? 256 : bs->payment_capacity * 2;
        batch_payment *grown = realloc(bs->payments, next * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(bs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
        bs->payments = grown;
        bs->payment_capacity = next;
    }
    bs->payments[bs->payment_count++] = *p;
    bs->counts->payments++;
    bs->counts->lines += (int64_t)p->line_count;
    if (money_add(bs->counts->total_fen, p->total_fen, &bs->counts->total_fen) != BF_OK)
        return bf_error_set(bs->err, BF_EOVERFLOW, "%s", bf_strerror(BF_EOVERFLOW));
    return BF_OK;
}

/* The approved and failed lines of a month (and, with where, of a region) with bank details. */
#define BATCH_GATHER_SQL(where)                                                                    \
    "SELECT l.payee, l.id, l.amount_fen, l.benefit, b.account, b.bank, b.holder "                  \
    "FROM ledger_lines l LEFT JOIN bank_accounts b ON b.payee = l.payee AND b.seq = "              \
    "(SELECT MAX(x.seq) FROM bank_accounts x WHERE x.payee = l.payee) "                            \
    "WHERE l.month = ? AND l.state IN ('" LEDGER_STATE_APPROVED "', '" LEDGER_STATE_FAILED         \
    "')" where " ORDER BY l.payee, l.id"

static int batch_gather(batch_state *bs, const policy_set *set, const char *region)
{
    store_rows rows = {0};
    char low[REGION_CODE_TEXT_MAX] = "", high[REGION_CODE_TEXT_MAX] = "";
    if (region[0] != '\0')
        region_code_range(region, low, high);
    const char *params[] = {bs->request->month, low, high};
    int rc =
        store_rows_open(bs->st,
                        region[0] != '\0' ? BATCH_GATHER_SQL(" AND l.region >= ? AND l.region < ?")
                                          : BATCH_GATHER_SQL(""),
                        params, region[0] != '\0' ? 3 : 1, &rows, bs->err);
    batch_payment p;
    memset(&p, 0, sizeof p);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        int rule = policy_set_find_rule(set, store_column_text(rows.stmt, 3));
        if (rule >= 0 && set->rules[rule]->is_service) {
            bs->counts->services++;
            continue;
        }
        const char *payee = store_column_text(rows.stmt, 0);
        if (strcmp(payee, p.payee) != 0) {
            rc = batch_keep(bs, &p);
            memset(&p, 0, sizeof p);
            snprintf(p.payee, sizeof p.payee, "%s", payee);
            p.first_line = bs->line_count;
            p.has_bank = !store_column_is_null(rows.stmt, 4);
            if (p.has_bank) {
                snprintf(p.account, sizeof p.account, "%s", store_column_text(rows.stmt, 4));
                snprintf(p.bank, sizeof p.bank, "%s", store_column_text(rows.stmt, 5));
                snprintf(p.holder, sizeof p.holder, "%s", store_column_text(rows.stmt, 6));
            }
        }
        if (rc != BF_OK)
            break;
        if (bs->line_count == bs->line_capacity) {
            size_t next = bs->line_capacity == 0 ? 1024 : bs->line_capacity * 2;
            int64_t *grown = realloc(bs->line_ids, next * sizeof *grown);
            if (grown == NULL) {
                rc = bf_error_set(bs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
                break;
            }
            bs->line_ids = grown;
            bs->line_capacity = next;
        }
        bs->line_ids[bs->line_count++] = store_column_int64(rows.stmt, 1);
        p.line_count++;
        if (money_add(p.total_fen, store_column_int64(rows.stmt, 2), &p.total_fen) != BF_OK) {
            rc = bf_error_set(bs->err, BF_EOVERFLOW, "%s", bf_strerror(BF_EOVERFLOW));
            break;
        }
        summary_add(&p, rule >= 0 ? set->rules[rule]->name : store_column_text(rows.stmt, 3));
    }
    store_rows_close(&rows);
    if (rc == 0)
        rc = batch_keep(bs, &p);
    return rc;
}

/* The payments and their lines, one bulk load after the other (PostgreSQL: one COPY). */
static int batch_write(batch_state *bs)
{
    static const char *const item_columns[] = {
        "batch_id", "item", "payee", "account", "bank", "holder", "amount_fen", "summary", "state"};
    static const char *const link_columns[] = {"batch_id", "item", "line_id"};
    store_bulk *bulk = NULL;
    char item[24], fen[24], line[24], summary[LEDGER_SUMMARY_MAX + 16];
    int rc = store_bulk_begin(bs->st, "payment_items", item_columns, 9, &bulk);
    for (size_t i = 0; rc == BF_OK && i < bs->payment_count; i++) {
        const batch_payment *p = &bs->payments[i];
        snprintf(item, sizeof item, "%zu", i + 1);
        snprintf(fen, sizeof fen, "%" PRId64, p->total_fen);
        snprintf(summary, sizeof summary, "%s %s", p->summary, bs->request->month);
        const char *values[] = {bs->batch_text, item, p->payee, p->account, p->bank,
                                p->holder,      fen,  summary,  "待导出"};
        rc = store_bulk_row(bulk, values);
    }
    if (bulk != NULL) {
        int end = store_bulk_end(bulk, rc == BF_OK);
        if (rc == BF_OK)
            rc = end;
    }
    bulk = NULL;
    if (rc == BF_OK)
        rc = store_bulk_begin(bs->st, "payment_lines", link_columns, 3, &bulk);
    for (size_t i = 0; rc == BF_OK && i < bs->payment_count; i++) {
        const batch_payment *p = &bs->payments[i];
        snprintf(item, sizeof item, "%zu", i + 1);
        for (size_t l = 0; rc == BF_OK && l < p->line_count; l++) {
            snprintf(line, sizeof line, "%" PRId64, bs->line_ids[p->first_line + l]);
            const char *link[] = {bs->batch_text, item, line};
            rc = store_bulk_row(bulk, link);
        }
    }
    if (bulk != NULL) {
        int end = store_bulk_end(bulk, rc == BF_OK);
        if (rc == BF_OK)
            rc = end;
    }
    return rc == BF_OK ? BF_OK : store_error_set(bs->st, rc, bs->err);
}

int ledger_batch_create(store *st, const policy_set *set, const ledger_batch_request *request,
                        FILE *missing, ledger_batch_counts *counts, bf_error *err)
{
    memset(counts, 0, sizeof *counts);
    batch_state bs = {
        .st = st, .request = request, .missing = missing, .counts = counts, .err = err};
    const char *region = request->region != NULL ? request->region : "";
    char at[BF_TIMESTAMP_TEXT_MAX], canonical[REGION_CODE_TEXT_MAX];
    if (region[0] != '\0' && (region_code_normalize(region, canonical) == REGION_LEVEL_INVALID ||
                              strcmp(canonical, region) != 0))
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("区划代码“%s”不是 12 位规范代码", "region '%s' is no canonical 12-digit code"),
            region);
    date_now_timestamp(at);
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    /* The reviews' next seq by their key (ledger_review.c says why). */
    if (rc == BF_OK && (rc = store_prefer_index(st, 1)) != BF_OK)
        store_rollback(st);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc = batch_gather(&bs, set, region);
    /* A number only for a batch that pays something (nothing to pay commits nothing). */
    int64_t batch = 0;
    if (rc == BF_OK && counts->payments > 0 &&
        (rc = store_next_id(st, "payment_batch", &batch)) != BF_OK)
        rc = store_error_set(st, rc, err);
    snprintf(bs.batch_text, sizeof bs.batch_text, "%" PRId64, batch);
    if (rc == BF_OK && counts->payments > 0)
        rc = batch_write(&bs);
    if (rc == BF_OK && counts->payments > 0) {
        char total[24], payments[24];
        snprintf(total, sizeof total, "%" PRId64, counts->total_fen);
        snprintf(payments, sizeof payments, "%" PRId64, counts->payments);
        const char *batch_row[] = {bs.batch_text, request->month, request->created_by, at, payments,
                                   total,         region};
        rc = store_exec_params(st,
                               "INSERT INTO payment_batches (id, month, created_by, created_at, "
                               "payments, total_fen, region) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               batch_row, 7, err);
        const char *review[] = {LEDGER_STATE_BATCHED, request->created_by, at, bs.batch_text};
        if (rc == BF_OK)
            rc = store_exec_params(
                st,
                "INSERT INTO ledger_reviews (line_id, seq, state, reviewer, reason, "
                "at) SELECT p.line_id, (SELECT COALESCE(MAX(x.seq), 0) + 1 FROM "
                "ledger_reviews x WHERE x.line_id = p.line_id), ?, ?, '入批', ? "
                "FROM payment_lines p WHERE p.batch_id = ?",
                review, 4, err);
        const char *update[] = {LEDGER_STATE_BATCHED, bs.batch_text};
        if (rc == BF_OK)
            rc = store_exec_params(
                st,
                "UPDATE ledger_lines SET state = ? WHERE id IN (SELECT line_id FROM "
                "payment_lines WHERE batch_id = ?)",
                update, 2, err);
        counts->batch_id = batch;
    }
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK) {
        store_rollback(st);
        counts->batch_id = 0;
    }
    free(bs.line_ids);
    free(bs.payments);
    return rc;
}

int ledger_batch_approve(store *st, int64_t batch, const char *approver, const char *region,
                         bf_error *err)
{
    char batch_text[24], at[BF_TIMESTAMP_TEXT_MAX], low[REGION_CODE_TEXT_MAX] = "";
    char high[REGION_CODE_TEXT_MAX] = "";
    int scoped = region != NULL && region[0] != '\0';
    if (scoped)
        region_code_range(region, low, high);
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    date_now_timestamp(at);
    const char *params[] = {batch_text, low, high};
    store_rows rows = {0};
    /* The exclusive writers' transaction: two approvals at once are one after the other, and
       the second finds the batch approved. */
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc =
        store_rows_open(st,
                        scoped ? "SELECT created_by, approved_by FROM payment_batches WHERE id = "
                                 "? AND region >= ? AND region < ?"
                               : "SELECT created_by, approved_by FROM payment_batches WHERE id = ?",
                        params, scoped ? 3 : 1, &rows, err);
    int found = rc == BF_OK ? store_rows_next(&rows) : rc;
    if (found == 0)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("没有第 %" PRId64 " 批支付", "no payment batch %" PRId64), batch);
    else if (found < 0)
        rc = rc != BF_OK ? rc : store_error_set(st, found, err);
    else if (!store_column_is_null(rows.stmt, 1))
        rc = bf_error_set(
            err, BF_ECONFLICT,
            BF_TR("第 %" PRId64 " 批已由 %s 审核", "batch %" PRId64 " was approved by %s already"),
            batch, store_column_text(rows.stmt, 1));
    else if (strcmp(store_column_text(rows.stmt, 0), approver) == 0)
        rc = bf_error_set(err, BF_ECONFLICT,
                          BF_TR("第 %" PRId64 " 批由 %s 生成，须由另一人审核（双人复核）",
                                "batch %" PRId64 " was made by %s: another person approves it"),
                          batch, approver);
    store_rows_close(&rows);
    const char *update[] = {approver, at, batch_text};
    if (rc == BF_OK)
        rc = store_exec_params(st,
                               "UPDATE payment_batches SET approved_by = ?, approved_at = ? "
                               "WHERE id = ?",
                               update, 3, err);
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK)
        store_rollback(st);
    return rc;
}

/* ---- the bank file ------------------------------------------------------ */

/* Longest path of a bank file and of its checksum file. */
#define PAYMENT_PATH_MAX 4096

/* Writes path.sha256 ("HEX  NAME\n", as sha256sum) of the finished file path. */
static int write_checksum(const char *path, bf_error *err)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s", "cannot read %s"), path);
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    unsigned char buffer[65536], digest[crypto_hash_sha256_BYTES];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0)
        crypto_hash_sha256_update(&state, buffer, n);
    int failed = ferror(in);
    fclose(in);
    if (failed)
        return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s", "cannot read %s"), path);
    crypto_hash_sha256_final(&state, digest);
    char line[2 * crypto_hash_sha256_BYTES + PAYMENT_PATH_MAX + 8], checksum[PAYMENT_PATH_MAX];
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(line + 2 * i, 3, "%02x", digest[i]);
    snprintf(line + 2 * sizeof digest, sizeof line - 2 * sizeof digest, "  %s\n", base);
    if ((size_t)snprintf(checksum, sizeof checksum, "%s.sha256", path) >= sizeof checksum)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("路径过长：%s", "path too long: %s"), path);
    safe_file file;
    int rc = safe_file_create(&file, checksum, err);
    if (rc != BF_OK)
        return rc;
    size_t length = strlen(line);
    if (write(file.fd, line, length) != (ssize_t)length) {
        safe_file_discard(&file);
        return bf_error_set(err, BF_EIO, BF_TR("无法写入 %s", "cannot write %s"), checksum);
    }
    return safe_file_commit(&file, err);
}

int ledger_bank_export(store *st, int64_t batch, const char *path, int64_t *payments,
                       int64_t *total_fen, bf_error *err)
{
    static const char *const header[] = {"序号",   "姓名/单位名称", "证件号码", "银行账号",
                                         "开户行", "金额",          "摘要"};
    *payments = 0;
    *total_fen = 0;
    char batch_text[24];
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    const char *params[] = {batch_text};
    table_writer *writer = NULL;
    store_rows rows = {0};
    /* The payments become 待回盘 in the transaction the file is written in: committed only
       once the file (and its checksum) are complete under their names. */
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    /* 1: made, not approved; 2: approved; 0: no such batch. */
    int64_t approval = 0;
    rc = store_query_int64(st,
                           "SELECT CASE WHEN approved_by IS NULL THEN 1 ELSE 2 END "
                           "FROM payment_batches WHERE id = CAST(? AS BIGINT)",
                           params, 1, &approval);
    if (rc != BF_OK)
        store_error_set(st, rc, err);
    else if (approval == 0)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("没有第 %" PRId64 " 批支付", "no payment batch %" PRId64), batch);
    else if (approval == 1)
        /* Money leaves only after a second person approved the batch (issue 17 item 2), on the
           command line as on the web. */
        rc = bf_error_set(err, BF_ECONFLICT,
                          BF_TR("第 %" PRId64 " 批尚未审核，不能导出银行代发文件（由制单人以外的"
                                "审核人执行 bangfu ledger approve-batch %" PRId64 " --by 姓名）",
                                "batch %" PRId64 " is not approved: no bank file before another "
                                "person approves it (bangfu ledger approve-batch %" PRId64
                                " --by NAME)"),
                          batch, batch);
    if (rc != BF_OK) {
        store_rollback(st);
        return rc;
    }
    rc = store_exec_params(st,
                           "UPDATE payment_items SET state = '" LEDGER_PAYMENT_WAITING
                           "' WHERE batch_id = ? AND state = '待导出'",
                           params, 1, err);
    if (rc == BF_OK)
        rc = table_writer_open(path, &writer, err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, header, 7, err);
    if (rc == BF_OK)
        rc = store_rows_open(st,
                             "SELECT item, holder, payee, account, bank, amount_fen, summary "
                             "FROM payment_items WHERE batch_id = ? ORDER BY item",
                             params, 1, &rows, err);
    char yuan[MONEY_TEXT_MAX];
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        int64_t fen = store_column_int64(rows.stmt, 5);
        money_format(fen, yuan);
        const char *cells[] = {store_column_text(rows.stmt, 0), store_column_text(rows.stmt, 1),
                               store_column_text(rows.stmt, 2), store_column_text(rows.stmt, 3),
                               store_column_text(rows.stmt, 4), yuan,
                               store_column_text(rows.stmt, 6)};
        (*payments)++;
        if (money_add(*total_fen, fen, total_fen) != BF_OK)
            rc = bf_error_set(err, BF_EOVERFLOW, "%s", bf_strerror(BF_EOVERFLOW));
        else
            rc = table_writer_row(writer, cells, 7, err);
    }
    store_rows_close(&rows);
    if (rc == 0 && *payments == 0)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("没有第 %" PRId64 " 批支付", "no payment batch %" PRId64), batch);
    else if (rc == 0) {
        char count[48];
        money_format(*total_fen, yuan);
        snprintf(count, sizeof count, BF_TR("共 %" PRId64 " 笔", "%" PRId64 " payments"),
                 *payments);
        const char *total[] = {BF_TR("合计", "total"), "", "", "", "", yuan, count};
        rc = table_writer_row(writer, total, 7, err);
    }
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    if (rc == BF_OK)
        rc = write_checksum(path, err);
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK) {
        store_rollback(st);
        char checksum[PAYMENT_PATH_MAX];
        snprintf(checksum, sizeof checksum, "%s.sha256", path);
        if (writer != NULL && closed == BF_OK) {
            unlink(checksum);
            unlink(path);
        }
    }
    return rc;
}
