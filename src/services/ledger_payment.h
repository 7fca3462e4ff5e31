/*
 * ledger_payment.h - bank details of payees, payment batches, the bank file
 * and the bank's return (issue 15 items 3-4, migration 0011).
 *
 * Bank details (ledger_bank_import): a table with 证件号码 (an ID number or a
 * 统一社会信用代码 of a stored person or org), 户名, 银行账号 and 开户行; one
 * transaction; a payee's details that differ from its current ones are a new
 * row (seq + 1), the old rows stay as history; the same details again change
 * nothing.  Rows in error go to the error file with file, line, column and
 * reason, the others are kept.  Every list shows an account masked
 * (ledger_mask_account: 6222 **** **** 1234); only the bank file has it whole.
 *
 * Batches (ledger_batch_create): per payee, the approved (已审核) and failed
 * (支付失败) lines of a month are one payment of their sum, with the payee's
 * current bank details; the lines become 已入批.  A payee without bank
 * details, or whose lines sum to nothing to pay, is left out and reported
 * (payment_missing / the counts), its lines kept for a later batch.  The
 * lines of a service with an amount (kind = "service": a premium paid on the
 * person's behalf, ...) are no bank payment to the payee: never batched, they
 * stay 已审核 and are counted (services), settled where the service is given.
 * A batch of a region (request->region: a county officer's, from the web)
 * takes only the lines of that region and below, and is marked with it.
 *
 * Approval (ledger_batch_approve): a batch is approved once, by someone
 * other than who made it (four eyes, as a run's lines); the web writes the
 * bank file of an approved batch only.
 *
 * The bank file (ledger_bank_export): 序号, 姓名/单位名称, 证件号码, 银行账号,
 * 开户行, 金额, 摘要 (the benefit names and the month), then a total row;
 * .xlsx or .csv, written under a temporary name and renamed, then FILE.sha256
 * (sha256sum format) the same way: both complete or absent.
 *
 * The return (ledger_return_import): per line 银行账号, 金额, 结果 (成功/失败)
 * and 原因 (序号 and 批次 when present narrow the match).  A line matches the
 * one exported, unreturned payment of that account; it is then 已支付 or
 * 支付失败, and so are its ledger lines (failed ones go back to the queue: the
 * next batch takes them).  A line that matches nothing, matches several, or
 * whose amount differs is an error listed, never applied; the matched lines
 * are applied in one transaction.
 *
 * Ownership: nothing is kept after a call; paths and texts stay the caller's.
 */
#ifndef BANGFU_SERVICES_LEDGER_PAYMENT_H
#define BANGFU_SERVICES_LEDGER_PAYMENT_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>

/* Longest account number kept (digits), and its masked form. */
#define LEDGER_ACCOUNT_MAX        40
#define LEDGER_ACCOUNT_MASKED_MAX 32
/* Longest bank, holder and summary texts. */
#define LEDGER_BANK_TEXT_MAX 256
#define LEDGER_SUMMARY_MAX   512

/* Line and payment states beyond review (ledger.h has the first three). */
#define LEDGER_STATE_BATCHED "已入批"
#define LEDGER_STATE_PAID    "已支付"
#define LEDGER_STATE_FAILED  "支付失败"
/* A payment exported and waiting for the bank's return. */
#define LEDGER_PAYMENT_WAITING "待回盘"

/* "6222 **** **** 1234": the first and last four digits (fewer: all stars). */
void ledger_mask_account(const char *account, char out[LEDGER_ACCOUNT_MASKED_MAX]);

/* Longest path of an error file named in the counts. */
#define LEDGER_ERRORS_PATH_MAX 4096

typedef struct ledger_bank_counts {
    int64_t read, added, changed, unchanged, rejected;
    char errors_file[LEDGER_ERRORS_PATH_MAX]; /* "" when nothing was rejected */
} ledger_bank_counts;

/* Imports the bank details of path; rejected rows to errors_path (CSV). */
int ledger_bank_import(store *st, const char *path, const char *errors_path,
                       ledger_bank_counts *counts, bf_error *err);

typedef struct ledger_batch_request {
    const char *month;      /* YYYY-MM */
    const char *created_by; /* who makes it */
    const char *region;     /* canonical 12 digits: its lines only; NULL or "": every line */
} ledger_batch_request;

typedef struct ledger_batch_counts {
    int64_t batch_id; /* 0 when nothing was batched */
    int64_t payments, lines, total_fen;
    int64_t missing_bank; /* payees left out: no bank details (listed to missing) */
    int64_t not_positive; /* payees left out: their lines sum to 0 or less */
    int64_t services;     /* lines left out: services with an amount, settled in kind */
} ledger_batch_counts;

/*
 * Makes a batch of the month's approved and failed lines (the summaries name
 * the benefits as set does).  The payees left out for want of bank details
 * are written to missing (one line each: payee and amount, tab-separated),
 * when missing is not NULL.
 */
int ledger_batch_create(store *st, const policy_set *set, const ledger_batch_request *request,
                        FILE *missing, ledger_batch_counts *counts, bf_error *err);

/*
 * Approves batch by approver: BF_ENOTFOUND when there is no such batch of the region
 * (canonical; NULL or "": any), BF_ECONFLICT when approver made it or it is approved already,
 * each with err saying so.
 */
int ledger_batch_approve(store *st, int64_t batch, const char *approver, const char *region,
                         bf_error *err);

/* Writes the bank file of batch to path (.xlsx or .csv) and path.sha256. */
int ledger_bank_export(store *st, int64_t batch, const char *path, int64_t *payments,
                       int64_t *total_fen, bf_error *err);

typedef struct ledger_return_counts {
    int64_t read, paid, failed, already, errors;
    char errors_file[LEDGER_ERRORS_PATH_MAX]; /* "" when no line was in error */
} ledger_return_counts;

/*
 * Applies the bank's return in path; the lines in error (matching nothing,
 * several payments, or another amount) are written to errors_path with the
 * reason and not applied.  With region (canonical; NULL or "": any) a line
 * matches only the payments of the batches of that region and below (the web:
 * an officer's return never settles another county's payments).
 */
int ledger_return_import(store *st, const char *path, const char *errors_path, const char *region,
                         ledger_return_counts *counts, bf_error *err);

#endif
