/*
 * certification.h - the dated decisions on carriers (认定, 升级, 扶持,
 * 调整, 退出 of a 就业帮扶车间, 基地, 劳务合作社 or 安置区: table
 * certifications, migration 0013; issue 13 item 1) and the check of the
 * rule that applies where an organisation lies.
 *
 * An organisation holds a carrier kind from a 认定 (certify) until the next
 * 退出 (exit); 升级, 扶持 and 调整 need it held and keep it.  Decisions of one
 * day apply in the order certify, upgrade, support, adjust, exit.
 *
 * The rule: the status rules of the policy files that declare `certifies`
 * with the carrier kind, whose document's region holds the organisation and
 * whose validity holds the date (晋人社厅函〔2020〕127号 六 for a workshop in
 * 山西, 济人社字〔2020〕47号 四(二)5 for a workshop or base in 济宁).  They are
 * evaluated by the policy engine over the stored facts of the
 * organisation's region (services/stored_population.h, the stored local
 * parameters applied) for a period ending on the date, as calc evaluates
 * them: the hires counted are the spells covering that day.
 *
 * Ownership: results are the caller's structs; nothing is kept between calls.
 */
#ifndef BANGFU_SERVICES_CERTIFICATION_H
#define BANGFU_SERVICES_CERTIFICATION_H

#include "core/date.h"
#include "core/error.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Longest free text of a decision (文号, body, reason, exception), terminator included. */
#define CERTIFICATION_TEXT_MAX 512
/* Longest code (carrier kind, action, org code, status id), terminator included. */
#define CERTIFICATION_CODE_MAX 64
/* Most rules that may apply to one organisation and kind. */
#define CERTIFICATION_RULES_MAX 8
/* Longest reason a rule check gives, terminator included. */
#define CERTIFICATION_REASON_MAX 1024
/* Most decisions read for one organisation and carrier kind. */
#define CERTIFICATION_DECISIONS_MAX 4096

/* The decisions, in the order they apply on one day. */
typedef enum certification_action {
    CERTIFICATION_CERTIFY, /* 认定 */
    CERTIFICATION_UPGRADE, /* 升级 */
    CERTIFICATION_SUPPORT, /* 扶持 */
    CERTIFICATION_ADJUST,  /* 调整 */
    CERTIFICATION_EXIT,    /* 退出 */
    CERTIFICATION_ACTION_COUNT
} certification_action;

/* The code stored for action ("certify", ...). */
const char *certification_action_code(certification_action action);

/* The action in the user's language (认定 / certify). */
const char *certification_action_text(certification_action action);

/* The action of a stored code, or -1. */
int certification_action_parse(const char *code);

/* One decision as stored. */
typedef struct certification_decision {
    char org_code[CERTIFICATION_CODE_MAX];
    char carrier[CERTIFICATION_CODE_MAX]; /* an org kind code: workshop base cooperative ... */
    char decided_on[BF_DATE_TEXT_MAX];
    certification_action action;
    char document[CERTIFICATION_TEXT_MAX];  /* 文号 */
    char body[CERTIFICATION_TEXT_MAX];      /* 决定机关 */
    char reason[CERTIFICATION_TEXT_MAX];    /* "" when none */
    char exception[CERTIFICATION_TEXT_MAX]; /* "" unless taken against the rule (--force) */
    char rule[CERTIFICATION_TEXT_MAX];      /* status ids checked (a,b), "" when none */
} certification_decision;

/* A step of a sequence of decisions: its day and action. */
typedef struct certification_step {
    int32_t day; /* date_to_days */
    certification_action action;
} certification_step;

/*
 * Sorts steps (by day, then action) and walks them: returns -1 when the
 * sequence is valid, else the index (after sorting) of the first step that
 * is not (a 认定 while held, another decision while not held).
 */
int certification_sequence_check(certification_step *steps, size_t count);

/* Whether sorted, valid steps leave the carrier held on day. */
int certification_held_on(const certification_step *steps, size_t count, int32_t day);

/*
 * The times sorted steps hold the carrier: [from, to] day pairs into periods (at most max; to
 * is INT32_MAX while held), a 认定 starting one and the next 退出 ending it the day before,
 * as certification_held_on() reads them.  Returns how many.
 */
size_t certification_periods(const certification_step *steps, size_t count, int32_t (*periods)[2],
                             size_t max);

/*
 * Reads the decisions of org_code as carrier (NULL: every carrier kind) in
 * date order into decisions (at most max); *count receives how many.
 */
int certification_read(store *st, const char *org_code, const char *carrier,
                       certification_decision *decisions, size_t max, size_t *count, bf_error *err);

/* Whether decisions (count of them, all of one carrier kind, as read) hold it on day. */
int certification_decisions_hold(const certification_decision *decisions, size_t count,
                                 int32_t day);

/* What checking the rule for an organisation on a day found. */
typedef struct certification_check {
    int rule_count;                        /* the rules that apply; 0: none */
    int rules[CERTIFICATION_RULES_MAX];    /* their indexes in the set */
    int holds[CERTIFICATION_RULES_MAX];    /* 1 when that rule's status holds */
    int all_hold;                          /* 1 when there are rules and all hold */
    char reason[CERTIFICATION_REASON_MAX]; /* why not, in the user's language; else the rules */
    int refused; /* certification_decide: 1 when the rules refused a 认定 without an exception */
} certification_check;

/*
 * Checks the rules certifying org_code (stored) as carrier (an org kind
 * code) on day against the stored facts.  BF_ENOTFOUND when the
 * organisation is not stored; otherwise BF_OK with *out filled.
 */
int certification_check_rule(store *st, const policy_set *set, const char *org_code,
                             const char *carrier, int32_t day, certification_check *out,
                             bf_error *err);

/*
 * Whether decision may join the stored decisions of its organisation and
 * carrier kind: BF_OK, BF_ECONFLICT when the same decision is stored, or
 * BF_EINVAL when the decisions would no longer be a valid sequence
 * (certification_sequence_check), err saying which and why.
 */
int certification_allowed(store *st, const certification_decision *decision, bf_error *err);

/*
 * Records decision in its own exclusive transaction (waiting for imports),
 * with a batch of kind "certify" (*batch), after certification_allowed()
 * inside it.
 */
int certification_record(store *st, const certification_decision *decision, int64_t *batch,
                         bf_error *err);

/*
 * Takes decision as `bangfu org certify` and the web API do (day is its decided_on): the
 * sequence first (certification_allowed: an organisation certified already is told so before
 * any rule), then for a 认定 the rules of set (certification_check_rule; their ids into
 * decision->rule): when they do not all hold it is refused (BF_EINVAL, check->refused 1, err
 * giving why) unless decision->exception gives the reason of an exception, kept only when the
 * rules fail; other decisions keep no exception.  Then certification_record() (*batch).
 * *check receives what the rules found (zero for other decisions).
 */
int certification_decide(store *st, const policy_set *set, certification_decision *decision,
                         int32_t day, certification_check *check, int64_t *batch, bf_error *err);

#endif
