/*
 * ledger_return.c - the bank's return file (ledger_return_import, ledger_payment.h).
 *
 * Set-based, so that a return of 100k lines costs what a few statements over
 * it cost: the lines are read once and bulk-loaded into a temporary table
 * (ledger_return_lines); one join with payment_items gives each line its
 * candidate payments, in line order; the decisions are taken in that order as
 * a line-by-line import would (a payment one line settles is settled for the
 * lines after it: the same line twice is "already"), the settled payments
 * bulk-loaded into ledger_return_settled, and three statements apply them
 * (payments, reviews, ledger lines: payment_lines is found by its index on
 * (batch_id, item), migration 0020).  The lines in error are written to the
 * error file on a second reading of the file, in file order (ledger_rejects).
 */
#include "services/ledger_payment.h"

#include "core/date.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "services/import_errors.h"
#include "services/ledger_columns.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Most lines of one return file. */
#define LEDGER_RETURN_LINES_MAX 10000000
/* Most items of one batch: the settled map's key is batch << 24 | item. */
#define RETURN_ITEM_BITS 24

enum {
    RETURN_ACCOUNT,
    RETURN_AMOUNT,
    RETURN_RESULT,
    RETURN_REASON,
    RETURN_ITEM,
    RETURN_BATCH,
    RETURN_COLUMNS
};

static const ledger_column return_columns[RETURN_COLUMNS] = {
    {{"银行账号", "账号", "卡号", "account"}},
    {{"金额", "交易金额", "amount"}},
    {{"结果", "处理结果", "状态", "result"}},
    {{"原因", "失败原因", "备注", "reason"}},
    {{"序号", "item"}},
    {{"批次", "batch"}},
};

static int return_header_usable(void *context, const table_row *row)
{
    (void)context;
    int index[RETURN_COLUMNS];
    ledger_columns_find(row, return_columns, RETURN_COLUMNS, index);
    return index[RETURN_ACCOUNT] >= 0 && index[RETURN_AMOUNT] >= 0 && index[RETURN_RESULT] >= 0;
}

/* A payment settled by this return. */
typedef struct return_settled {
    int64_t batch, item, line;
} return_settled;

typedef struct return_state {
    store *st;
    const char *path;
    const char *at;
    const char *region; /* canonical: only the payments of its batches match; "": any */
    ledger_return_counts *counts;
    int index[RETURN_COLUMNS];
    ledger_rejects rejects; /* the lines in error; its text holds the bank's reasons too */
    int_map settled;        /* batch << 24 | item -> 1 paid, 2 failed, by an earlier line */
    return_settled *settled_list;
    size_t settled_count, settled_capacity;
    int_map whys; /* data line -> offset of the bank's reason (原因) in text */
    import_errors *errors;
    bf_error *err;
} return_state;

static int return_nomem(return_state *rs)
{
    return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
}

/* Records why data line line is an error. */
static int return_reject(return_state *rs, int64_t line, const char *reason)
{
    rs->counts->errors++;
    return ledger_rejects_add(&rs->rejects, line, reason, rs->err);
}

/* Why a row's own cells cannot be taken ("" when they can); *fen, *paid its amount, result. */
static void return_row_problem(const table_row *row, const int *index, int64_t *fen, int *paid,
                               char *reason, size_t size)
{
    reason[0] = '\0';
    const char *result = ledger_columns_cell(row, index, RETURN_RESULT);
    *paid = strcmp(result, "成功") == 0;
    if (row->overflow != NULL)
        snprintf(reason, size, "%s", row->overflow);
    else if (!*paid && strcmp(result, "失败") != 0)
        snprintf(reason, size,
                 BF_TR("结果：应为“成功”或“失败”，而不是“%s”",
                       "result: 成功 or 失败 expected, not '%s'"),
                 result);
    else if (money_parse_yuan(ledger_columns_cell(row, index, RETURN_AMOUNT), fen) != BF_OK)
        snprintf(reason, size, BF_TR("金额：“%s”不是金额", "amount: '%s' is no amount"),
                 ledger_columns_cell(row, index, RETURN_AMOUNT));
}

/* First pass: every line read; those well formed into ledger_return_lines, the others rejected. */
static int return_load(return_state *rs, table_reader *reader)
{
    static const char *const columns[] = {"line", "account", "amount_fen", "paid",
                                          "why",  "item",    "batch"};
    store_bulk *bulk = NULL;
    int rc = store_scratch_begin(rs->st,
                                 "CREATE TEMP TABLE IF NOT EXISTS ledger_return_lines (line "
                                 "BIGINT, account TEXT, amount_fen BIGINT, paid INTEGER, why TEXT, "
                                 "item TEXT, batch TEXT)",
                                 "ledger_return_lines", columns, 7, &bulk);
    if (rc != BF_OK)
        return store_error_set(rs->st, rc, rs->err);
    table_row row;
    char reason[512], line[24], fen_text[24];
    while ((rc = table_reader_next(reader, &row, rs->err)) == BF_ROW) {
        int64_t n = ++rs->counts->read, fen = 0;
        if (n > LEDGER_RETURN_LINES_MAX) {
            rc = bf_error_set(rs->err, BF_ETOOBIG,
                              BF_TR("%s：回盘文件超过 %d 行", "%s: more than %d return lines"),
                              rs->path, LEDGER_RETURN_LINES_MAX);
            break;
        }
        int paid = 0;
        return_row_problem(&row, rs->index, &fen, &paid, reason, sizeof reason);
        if (reason[0] != '\0') {
            if ((rc = return_reject(rs, n, reason)) != BF_OK)
                break;
            continue;
        }
        snprintf(line, sizeof line, "%" PRId64, n);
        snprintf(fen_text, sizeof fen_text, "%" PRId64, fen);
        const char *values[] = {line,
                                ledger_columns_cell(&row, rs->index, RETURN_ACCOUNT),
                                fen_text,
                                paid ? "1" : "0",
                                ledger_columns_cell(&row, rs->index, RETURN_REASON),
                                ledger_columns_cell(&row, rs->index, RETURN_ITEM),
                                ledger_columns_cell(&row, rs->index, RETURN_BATCH)};
        if ((rc = store_bulk_row(bulk, values)) != BF_OK) {
            rc = store_error_set(rs->st, rc, rs->err);
            break;
        }
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    int end = store_bulk_end(bulk, rc == BF_OK);
    if (rc == BF_OK && end != BF_OK)
        rc = store_error_set(rs->st, end, rs->err);
    /* A temporary table has no statistics the planner could join it by (PostgreSQL). */
    if (rc == BF_OK && (rc = store_exec(rs->st, "ANALYZE ledger_return_lines")) != BF_OK)
        rc = store_error_set(rs->st, rc, rs->err);
    return rc;
}

/* The payments one line's candidates name, as the line's decision needs them. */
typedef struct return_line {
    int64_t line, fen;
    int paid;
    int64_t waiting, same_done;
    int64_t match_batch, match_item, match_fen;
    size_t why; /* offset of the bank's reason (原因) in text */
} return_line;

/* One candidate payment (batch, item, amount, state) of the current line. */
static void return_candidate(return_state *rs, return_line *l, int64_t batch, int64_t item,
                             int64_t fen, const char *state)
{
    int64_t earlier = 0;
    if (int_map_find(&rs->settled, ((uint64_t)batch << RETURN_ITEM_BITS) | (uint64_t)item,
                     &earlier))
        state = earlier == 1 ? LEDGER_STATE_PAID : LEDGER_STATE_FAILED;
    const char *done_state = l->paid ? LEDGER_STATE_PAID : LEDGER_STATE_FAILED;
    if (strcmp(state, LEDGER_PAYMENT_WAITING) == 0) {
        if (l->waiting++ == 0) {
            l->match_batch = batch;
            l->match_item = item;
            l->match_fen = fen;
        }
    } else if (strcmp(state, done_state) == 0 && fen == l->fen)
        l->same_done++;
}

/* The decision on a line whose candidates were all seen. */
static int return_decide(return_state *rs, const return_line *l)
{
    char reason[512], yuan[MONEY_TEXT_MAX], expected[MONEY_TEXT_MAX];
    if (l->waiting == 0 && l->same_done > 0) {
        rs->counts->already++;
        return BF_OK;
    }
    if (l->waiting == 0)
        return return_reject(rs, l->line,
                             BF_TR("银行账号：没有待回盘的支付与之对应",
                                   "account: no exported payment awaits a return for it"));
    if (l->waiting > 1) {
        snprintf(reason, sizeof reason,
                 BF_TR("银行账号：对应 %" PRId64 " 笔待回盘的支付，请给出序号与批次",
                       "account: %" PRId64 " payments await a return for it; give 序号 and 批次"),
                 l->waiting);
        return return_reject(rs, l->line, reason);
    }
    if (l->match_fen != l->fen) {
        money_format(l->fen, yuan);
        money_format(l->match_fen, expected);
        snprintf(reason, sizeof reason,
                 BF_TR("金额：回盘 %s 元，第 %" PRId64 " 批第 %" PRId64 " 笔应为 %s 元",
                       "amount: %s returned, batch %" PRId64 " payment %" PRId64 " is %s"),
                 yuan, l->match_batch, l->match_item, expected);
        return return_reject(rs, l->line, reason);
    }
    if (l->match_item <= 0 || l->match_item >= (1 << RETURN_ITEM_BITS))
        return bf_error_set(rs->err, BF_ETOOBIG,
                            BF_TR("第 %" PRId64 " 批第 %" PRId64 " 笔：序号超出范围",
                                  "batch %" PRId64 " payment %" PRId64 ": item out of range"),
                            l->match_batch, l->match_item);
    uint64_t key = ((uint64_t)l->match_batch << RETURN_ITEM_BITS) | (uint64_t)l->match_item;
    if (int_map_set(&rs->settled, key, l->paid ? 1 : 2) != BF_OK ||
        int_map_set(&rs->whys, (uint64_t)l->line, (int64_t)l->why) != BF_OK)
        return return_nomem(rs);
    if (rs->settled_count == rs->settled_capacity) {
        size_t next = rs->settled_capacity == 0 ? 1024 : rs->settled_capacity * 2;
        return_settled *grown = realloc(rs->settled_list, next * sizeof *grown);
        if (grown == NULL)
            return return_nomem(rs);
        rs->settled_list = grown;
        rs->settled_capacity = next;
    }
    rs->settled_list[rs->settled_count++] =
        (return_settled){l->match_batch, l->match_item, l->line};
    if (l->paid)
        rs->counts->paid++;
    else
        rs->counts->failed++;
    return BF_OK;
}

/* Each return line with its candidate payments (and, with where, of a region's batches). */
#define RETURN_MATCH_SQL(where)                                                                    \
    "SELECT r.line, r.amount_fen, r.paid, r.why, p.batch_id, p.item, p.amount_fen, p.state "       \
    "FROM ledger_return_lines r LEFT JOIN payment_items p ON p.account = r.account "               \
    "AND (r.item = '' OR CAST(p.item AS TEXT) = r.item) "                                          \
    "AND (r.batch = '' OR CAST(p.batch_id AS TEXT) = r.batch) "                                    \
    "AND p.state IN ('" LEDGER_PAYMENT_WAITING "', '" LEDGER_STATE_PAID "', '" LEDGER_STATE_FAILED \
    "')" where " ORDER BY r.line, p.batch_id, p.item"

/* Second step: each line with its candidate payments, in line order, decided. */
static int return_match(return_state *rs)
{
    store_rows rows = {0};
    char low[REGION_CODE_TEXT_MAX] = "", high[REGION_CODE_TEXT_MAX] = "";
    int scoped = rs->region[0] != '\0';
    if (scoped)
        region_code_range(rs->region, low, high);
    const char *range[] = {low, high};
    int rc = store_rows_open(rs->st,
                             scoped ? RETURN_MATCH_SQL(" AND p.batch_id IN (SELECT id FROM "
                                                       "payment_batches WHERE region >= ? AND "
                                                       "region < ?)")
                                    : RETURN_MATCH_SQL(""),
                             range, scoped ? 2 : 0, &rows, rs->err);
    return_line l = {0};
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        int64_t line = store_column_int64(rows.stmt, 0);
        if (line != l.line) {
            if (l.line != 0 && (rc = return_decide(rs, &l)) != BF_OK)
                break;
            memset(&l, 0, sizeof l);
            l.line = line;
            l.fen = store_column_int64(rows.stmt, 1);
            l.paid = store_column_int64(rows.stmt, 2) == 1;
            if (text_pool_add(&rs->rejects.text, store_column_text(rows.stmt, 3), &l.why) !=
                BF_OK) {
                rc = return_nomem(rs);
                break;
            }
        }
        if (!store_column_is_null(rows.stmt, 4))
            return_candidate(rs, &l, store_column_int64(rows.stmt, 4),
                             store_column_int64(rows.stmt, 5), store_column_int64(rows.stmt, 6),
                             store_column_text(rows.stmt, 7));
    }
    store_rows_close(&rows);
    if (rc == 0 && l.line != 0)
        rc = return_decide(rs, &l);
    return rc;
}

/* Third step: the settled payments, their reviews and their ledger lines, set-based. */
static int return_apply(return_state *rs)
{
    static const char *const columns[] = {"batch_id", "item", "state", "why", "review"};
    store_bulk *bulk = NULL;
    int rc = store_scratch_begin(rs->st,
                                 "CREATE TEMP TABLE IF NOT EXISTS ledger_return_settled (batch_id "
                                 "BIGINT, item INTEGER, state TEXT, why TEXT, review TEXT)",
                                 "ledger_return_settled", columns, 5, &bulk);
    if (rc != BF_OK)
        return store_error_set(rs->st, rc, rs->err);
    char batch[24], item[24];
    for (size_t i = 0; rc == BF_OK && i < rs->settled_count; i++) {
        const return_settled *s = &rs->settled_list[i];
        int64_t state = 0, why = 0;
        int_map_find(&rs->settled, ((uint64_t)s->batch << RETURN_ITEM_BITS) | (uint64_t)s->item,
                     &state);
        int_map_find(&rs->whys, (uint64_t)s->line, &why);
        snprintf(batch, sizeof batch, "%" PRId64, s->batch);
        snprintf(item, sizeof item, "%" PRId64, s->item);
        const char *text = text_pool_at(&rs->rejects.text, (size_t)why);
        /* The review records the bank's reason, or its result when it gives none. */
        const char *values[] = {batch, item, state == 1 ? LEDGER_STATE_PAID : LEDGER_STATE_FAILED,
                                text,
                                text[0]      ? text
                                : state == 1 ? "成功"
                                             : "失败"};
        rc = store_bulk_row(bulk, values);
    }
    int end = store_bulk_end(bulk, rc == BF_OK);
    if (rc == BF_OK)
        rc = end;
    if (rc == BF_OK)
        rc = store_exec(rs->st, "ANALYZE ledger_return_settled");
    if (rc != BF_OK)
        return store_error_set(rs->st, rc, rs->err);
    const char *at[] = {rs->at};
    rc = store_exec_params(rs->st,
                           "UPDATE payment_items SET state = s.state, reason = s.why, "
                           "returned_at = ? FROM ledger_return_settled s "
                           "WHERE payment_items.batch_id = s.batch_id AND payment_items.item = "
                           "s.item",
                           at, 1, rs->err);
    if (rc == BF_OK)
        rc = store_exec_params(rs->st,
                               "INSERT INTO ledger_reviews (line_id, seq, state, reviewer, "
                               "reason, at) SELECT p.line_id, (SELECT COALESCE(MAX(x.seq), 0) + "
                               "1 FROM ledger_reviews x WHERE x.line_id = p.line_id), s.state, "
                               "'银行回盘', s.review, ? FROM ledger_return_settled s "
                               "JOIN payment_lines p ON p.batch_id = s.batch_id AND p.item = "
                               "s.item",
                               at, 1, rs->err);
    if (rc == BF_OK)
        rc = store_exec_params(rs->st,
                               "UPDATE ledger_lines SET state = s.state FROM "
                               "ledger_return_settled s JOIN payment_lines p ON p.batch_id = "
                               "s.batch_id AND p.item = s.item WHERE ledger_lines.id = p.line_id",
                               NULL, 0, rs->err);
    return rc;
}

int ledger_return_import(store *st, const char *path, const char *errors_path, const char *region,
                         ledger_return_counts *counts, bf_error *err)
{
    memset(counts, 0, sizeof *counts);
    table_reader_options options = {
        .header_usable = return_header_usable,
        .header_hint = BF_TR("银行账号、金额、结果、原因", "银行账号, 金额, 结果, 原因")};
    char at[BF_TIMESTAMP_TEXT_MAX];
    date_now_timestamp(at);
    return_state rs = {.st = st,
                       .path = path,
                       .at = at,
                       .region = region != NULL ? region : "",
                       .counts = counts,
                       .err = err};
    table_reader *reader = NULL;
    table_row row;
    int began = 0;
    int rc = table_reader_open_with(path, &options, &reader, err);
    if (rc == BF_OK && (rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        ledger_columns_find(&row, return_columns, RETURN_COLUMNS, rs.index);
        rc = import_errors_open(path, errors_path, &row, &rs.errors, err);
    } else if (rc == BF_DONE)
        rc = bf_error_set(err, BF_EPARSE, BF_TR("%s：没有表头", "%s: no header"), path);
    if (rc == BF_OK) {
        if ((rc = store_begin_exclusive(st, -1, NULL, NULL)) != BF_OK)
            rc = store_error_set(st, rc, err);
        else
            began = 1;
        /* The reviews' next seq by their key (ledger_review.c says why). */
        if (rc == BF_OK && (rc = store_prefer_index(st, 1)) != BF_OK)
            rc = store_error_set(st, rc, err);
    }
    if (rc == BF_OK)
        rc = return_load(&rs, reader);
    table_reader_close(reader);
    if (rc == BF_OK)
        rc = return_match(&rs);
    if (rc == BF_OK && rs.settled_count > 0)
        rc = return_apply(&rs);
    /* The error file is finished before the commit, so that failing to write it undoes all. */
    if (rc == BF_OK)
        rc = ledger_rejects_write(&rs.rejects, path, &options, rs.errors, err);
    if (rc == BF_OK)
        rc = import_errors_finish(rs.errors, err);
    if (rc == BF_OK)
        snprintf(counts->errors_file, sizeof counts->errors_file, "%s",
                 import_errors_written(rs.errors));
    if (rc == BF_OK && began && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK && began)
        store_rollback(st);
    import_errors_close(rs.errors, rc == BF_OK);
    ledger_rejects_free(&rs.rejects);
    int_map_free(&rs.settled);
    int_map_free(&rs.whys);
    free(rs.settled_list);
    return rc;
}
