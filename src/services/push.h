/*
 * push.h - a push run (`bangfu push`, issue 14 item 3): the matches of
 * `bangfu match` for a region are recorded (push_runs, pushes: who was sent
 * which postings, on which day, by which channel, with the rank, score and
 * reasons) in one transaction stamped with a batch of kind 'push', and two
 * files are written into a directory:
 *   calls.xlsx  the list a village officer calls from: one worksheet per
 *               village (its code and name), one row per proposal with the
 *               run (推送批次), the laborer's phone, the posting, its phone, the
 *               reasons and empty columns 回复 and 原因 for the answer: filled
 *               in, it is the file of `bangfu import replies` (push_reply.c);
 *   sms.txt     one line per laborer with a phone: the phone, a TAB and one
 *               message of at most PUSH_SMS_CHARS characters naming the best
 *               postings that fit in it (laborers without a phone are counted).
 * A failure leaves neither the records nor the files.
 *
 * Ownership: the options are the caller's.
 */
#ifndef BANGFU_SERVICES_PUSH_H
#define BANGFU_SERVICES_PUSH_H

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* Characters of one SMS (one 70-character message of GSM UCS-2). */
#define PUSH_SMS_CHARS 70
/* Longest path of the directory and its files. */
#define PUSH_PATH_MAX 4096

typedef struct push_options {
    const char *region;   /* canonical hukou region, NULL for all */
    int top;              /* postings per laborer */
    bf_date day;          /* the day matched and sent */
    const char *channel;  /* "sms" or "call" */
    const char *dir;      /* where calls.xlsx and sms.txt go (created when missing) */
    const char *data_dir; /* --data of match, or NULL */
} push_options;

typedef struct push_result {
    int64_t batch;    /* the run's batch */
    int64_t laborers; /* laborers with at least one posting pushed */
    int64_t pushes;   /* rows of pushes */
    int64_t messages; /* lines of sms.txt */
    int64_t no_phone; /* laborers pushed who have no phone */
} push_result;

int push_run(store *st, const push_options *options, push_result *result, bf_error *err);

#endif
