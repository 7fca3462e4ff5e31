/*
 * ledger_run.c - bangfu ledger run: the month's grants of the stored-facts
 * calc against the lines already written, the differences appended
 * (ledger.h says the rules).
 *
 * Keys are numbers: a benefit is its rule index; a payee or a person is a
 * "party": a row of people (0 .. P-1), a row of orgs (P .. P+O-1), or an id
 * met only in the lines already written (P+O ...).  key = rule+1 << 54 |
 * payee << 27 | person+1, looked up in one int_map.
 */
#include "services/ledger.h"

#include "core/date.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "core/string_map.h"
#include "core/text_pool.h"
#include "policy/policy_eval.h"
#include "services/local_parameters.h"
#include "services/stored_population.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parties a key can name (27 bits each). */
#define LEDGER_PARTIES_MAX (INT64_C(1) << 27)
/* Keys one run handles. */
#define LEDGER_KEYS_MAX 100000000u
/* Months evaluated before the month run, at most (the calc's period limit). */
#define LEDGER_HISTORY_MONTHS 240

/* One key: what the calc says now and what the lines written say. */
typedef struct ledger_entry {
    int32_t rule;
    int32_t max_seq;       /* highest seq written, -1 when none */
    int64_t payee, person; /* parties; person -1 for an award to an org */
    int64_t target_fen;    /* the entitlement now (0 when none or held back) */
    int64_t written_fen;   /* the sum of the lines written */
    uint8_t computed, settled, unapplied;
} ledger_entry;

typedef struct run_state {
    store *st;
    const policy_set *set;
    const ledger_run_request *request;
    population *pop;
    size_t people, orgs;
    string_map parties; /* id -> party, for the ids of pop (keys stay in pop) */
    string_map extra;   /* ids met only in written lines -> party (keys in extra_ids) */
    char **extra_ids;   /* party - P - O -> its id, owned */
    size_t extra_count, extra_capacity;
    string_map rules;   /* benefit id -> rule index (keys in set) */
    string_map applied; /* "benefit\x1fapplicant" -> 1 (keys in applied_text) */
    text_pool applied_text;
    int_map by_key; /* key -> entry index + 1 */
    ledger_entry *entries;
    size_t entry_count, entry_capacity;
    int64_t region; /* scope as a number, 0 for every region */
    char month[BF_MONTH_TEXT_MAX];
    char started_at[BF_TIMESTAMP_TEXT_MAX];
    bf_error *err;
} run_state;

static int run_store_error(run_state *rs, int rc)
{
    return store_error_set(rs->st, rc < 0 ? rc : BF_ESTORE, rs->err);
}

static const char *party_id(const run_state *rs, int64_t party)
{
    if (party < 0)
        return "";
    if ((size_t)party < rs->people)
        return rs->pop->people.id[party];
    if ((size_t)party < rs->people + rs->orgs)
        return rs->pop->orgs.id[(size_t)party - rs->people];
    return rs->extra_ids[(size_t)party - rs->people - rs->orgs];
}

/* The region a party lies in now: a person's hukou, an org's place; 0 when not read. */
static int64_t party_region(const run_state *rs, int64_t party)
{
    if (party < 0)
        return 0;
    if ((size_t)party < rs->people)
        return rs->pop->people.hukou[party];
    if ((size_t)party < rs->people + rs->orgs)
        return rs->pop->orgs.region[(size_t)party - rs->people];
    return 0;
}

/* Who owns a key for the region and the application: the person, else the org paid. */
static int64_t entry_owner(const ledger_entry *e)
{
    return e->person >= 0 ? e->person : e->payee;
}

static uint64_t key_of(int32_t rule, int64_t payee, int64_t person)
{
    return (uint64_t)(rule + 1) << 54 | (uint64_t)payee << 27 | (uint64_t)(person + 1);
}

/* The entry of key, created (zeroed, rule and parties set) when new. */
static int entry_for(run_state *rs, int32_t rule, int64_t payee, int64_t person, ledger_entry **out)
{
    uint64_t key = key_of(rule, payee, person);
    int64_t found = 0;
    if (int_map_find(&rs->by_key, key, &found)) {
        *out = &rs->entries[found - 1];
        return BF_OK;
    }
    if (rs->entry_count == rs->entry_capacity) {
        if (rs->entry_capacity >= LEDGER_KEYS_MAX)
            return bf_error_set(rs->err, BF_ETOOBIG,
                                BF_TR("台账一次运行超过 %u 个键", "more than %u keys in one run"),
                                LEDGER_KEYS_MAX);
        size_t next = rs->entry_capacity == 0 ? 1024 : rs->entry_capacity * 2;
        ledger_entry *grown = realloc(rs->entries, next * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
        rs->entries = grown;
        rs->entry_capacity = next;
    }
    ledger_entry *e = &rs->entries[rs->entry_count];
    memset(e, 0, sizeof *e);
    e->rule = rule;
    e->payee = payee;
    e->person = person;
    e->max_seq = -1;
    if (int_map_insert(&rs->by_key, key, (int64_t)++rs->entry_count, NULL) != BF_OK)
        return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    *out = e;
    return BF_OK;
}

/*
 * The party of id: a row of the population, else an id met only in the
 * ledger, added when add is 1; *found 0 when neither (not added).
 */
static int party_of(run_state *rs, const char *id, int add, int64_t *party, int *found)
{
    *found = 1;
    if (string_map_find(&rs->parties, id, party) || string_map_find(&rs->extra, id, party))
        return BF_OK;
    if (!add) {
        *found = 0;
        return BF_OK;
    }
    if (rs->extra_count == rs->extra_capacity) {
        size_t next = rs->extra_capacity == 0 ? 256 : rs->extra_capacity * 2;
        char **grown = realloc(rs->extra_ids, next * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
        rs->extra_ids = grown;
        rs->extra_capacity = next;
    }
    *party = (int64_t)(rs->people + rs->orgs + rs->extra_count);
    if (*party >= LEDGER_PARTIES_MAX)
        return bf_error_set(
            rs->err, BF_ETOOBIG,
            BF_TR("台账的收款人超过 %" PRId64 " 个", "more than %" PRId64 " payees in the ledger"),
            LEDGER_PARTIES_MAX);
    char *copy = strdup(id);
    if (copy == NULL)
        return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    rs->extra_ids[rs->extra_count++] = copy;
    if (string_map_insert(&rs->extra, copy, *party, NULL) == BF_ENOMEM)
        return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    return BF_OK;
}

static int build_maps(run_state *rs)
{
    rs->people = rs->pop->people.count;
    rs->orgs = rs->pop->orgs.count;
    if ((int64_t)(rs->people + rs->orgs) >= LEDGER_PARTIES_MAX)
        return bf_error_set(rs->err, BF_ETOOBIG,
                            BF_TR("人员与单位超过 %" PRId64 " 个",
                                  "more than %" PRId64 " people and organisations"),
                            LEDGER_PARTIES_MAX);
    for (size_t i = 0; i < rs->people; i++)
        if (string_map_insert(&rs->parties, rs->pop->people.id[i], (int64_t)i, NULL) == BF_ENOMEM)
            return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    for (size_t i = 0; i < rs->orgs; i++)
        if (string_map_insert(&rs->parties, rs->pop->orgs.id[i], (int64_t)(rs->people + i), NULL) ==
            BF_ENOMEM)
            return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    for (int r = 0; r < rs->set->rule_count; r++)
        if (string_map_insert(&rs->rules, rs->set->rules[r]->id, r, NULL) == BF_ENOMEM)
            return bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    return BF_OK;
}

/* The applications, as "benefit\x1fapplicant" in applied. */
static int read_applications(run_state *rs)
{
    store_rows rows = {0};
    size_t *offsets = NULL, count = 0, capacity = 0;
    int rc = store_rows_open(rs->st, "SELECT benefit, applicant FROM ledger_applications", NULL, 0,
                             &rows, rs->err);
    char key[POLICY_ID_MAX + 64];
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        snprintf(key, sizeof key, "%s\x1f%s", store_column_text(rows.stmt, 0),
                 store_column_text(rows.stmt, 1));
        if (count == capacity) {
            size_t next = capacity == 0 ? 256 : capacity * 2;
            size_t *grown = realloc(offsets, next * sizeof *grown);
            if (grown == NULL) {
                rc = bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
                break;
            }
            offsets = grown;
            capacity = next;
        }
        rc = text_pool_add(&rs->applied_text, key, &offsets[count]);
        if (rc != BF_OK)
            rc = bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
        else
            count++;
    }
    store_rows_close(&rows);
    if (rc == 0)
        rc = BF_OK;
    for (size_t i = 0; rc == BF_OK && i < count; i++)
        if (string_map_insert(&rs->applied, text_pool_at(&rs->applied_text, offsets[i]), 1, NULL) ==
            BF_ENOMEM)
            rc = bf_error_set(rs->err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    free(offsets);
    return rc;
}

static int has_applied(const run_state *rs, const policy_rule *rule, const char *applicant)
{
    char key[POLICY_ID_MAX + 64];
    snprintf(key, sizeof key, "%s\x1f%s", rule->id, applicant);
    return string_map_find(&rs->applied, key, NULL);
}

/* The first month any paying benefit is valid, so limits see every earlier grant. */
static int first_month(const policy_set *set, int month)
{
    int first = month;
    for (int r = 0; r < set->rule_count; r++) {
        const policy_rule *rule = set->rules[r];
        if (rule->is_status || !rule->has_amount || rule->valid_from == POLICY_DAY_MIN)
            continue;
        int from = date_month_index(date_from_days(rule->valid_from));
        if (from < first)
            first = from;
    }
    if (month - first + 1 > LEDGER_HISTORY_MONTHS)
        first = month - LEDGER_HISTORY_MONTHS + 1;
    return first;
}

static int in_scope(const run_state *rs, int64_t region)
{
    return rs->region == 0 || (region != 0 && population_region_within(region, rs->region));
}

/* The month's money grants of the calc into the entries, summed per key. */
static int add_grants(run_state *rs, ledger_run_counts *counts)
{
    policy_result *result = NULL;
    policy_eval_options options = {first_month(rs->set, rs->request->month), rs->request->month,
                                   POLICY_EXPLAIN_NONE};
    int rc = policy_evaluate(rs->set, rs->pop, &options, &result, rs->err);
    if (rc != BF_OK)
        return rc;
    counts->warnings = (int64_t)(result->warning_count + result->warnings_dropped);
    policy_result_sort(result);
    for (size_t i = 0; rc == BF_OK && i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        const policy_rule *rule = rs->set->rules[g->rule];
        /* A service with an amount (代缴 of a premium, ...) is an entitlement too. */
        if (g->month != rs->request->month || g->excluded_by >= 0 || g->fen <= 0)
            continue;
        int64_t payee =
            rule->payee == POLICY_PAYEE_PERSON ? g->payee : (int64_t)rs->people + g->payee;
        int64_t person = g->person >= 0 ? g->person : -1;
        if (!in_scope(rs, party_region(rs, person >= 0 ? person : payee)))
            continue;
        ledger_entry *e = NULL;
        rc = entry_for(rs, g->rule, payee, person, &e);
        if (rc == BF_OK && money_add(e->target_fen, g->fen, &e->target_fen) != BF_OK)
            rc = bf_error_set(rs->err, BF_EOVERFLOW,
                              BF_TR("%s（%s）金额合计超出范围", "%s (%s): the total overflows"),
                              rule->id, rule->clause);
        if (rc == BF_OK)
            e->computed = 1;
    }
    policy_result_free(result);
    return rc;
}

/* The lines written for the month, summed per key, into the entries. */
static int read_written(run_state *rs, ledger_run_counts *counts)
{
    store_rows rows = {0};
    const char *params[] = {rs->month};
    int rc =
        store_rows_open(rs->st,
                        "SELECT benefit, payee, person, SUM(amount_fen), MAX(seq), "
                        "SUM(CASE WHEN state IN (" LEDGER_STATES_SETTLED ") THEN 1 ELSE 0 END) "
                        "FROM ledger_lines WHERE month = ? GROUP BY benefit, payee, person "
                        "ORDER BY benefit, payee, person",
                        params, 1, &rows, rs->err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK; /* a row is ready (store_rows_next gave 1) */
        int64_t rule = -1, payee = -1, person = -1;
        if (!string_map_find(&rs->rules, store_column_text(rows.stmt, 0), &rule)) {
            counts->unknown++;
            continue;
        }
        /* A region run owns the keys of the people (or, for an award to an org, the orgs) it
           read; the payee of such a person may be one no longer referred to: added. */
        const char *person_id = store_column_text(rows.stmt, 2);
        int whole = rs->region == 0, found = 1;
        if (person_id[0] != '\0')
            rc = party_of(rs, person_id, whole, &person, &found);
        if (rc == BF_OK && found)
            rc =
                party_of(rs, store_column_text(rows.stmt, 1), whole || person >= 0, &payee, &found);
        if (rc != BF_OK)
            break;
        if (!found)
            continue;
        ledger_entry *e = NULL;
        rc = entry_for(rs, (int32_t)rule, payee, person, &e);
        if (rc != BF_OK)
            break;
        e->written_fen = store_column_int64(rows.stmt, 3);
        e->max_seq = (int32_t)store_column_int64(rows.stmt, 4);
        e->settled = store_column_int64(rows.stmt, 5) > 0;
    }
    store_rows_close(&rows);
    return rc == 0 ? BF_OK : rc;
}

/* Appends the differences (and the unapplied) in one bulk load each. */
static int write_lines(run_state *rs, ledger_run_counts *counts)
{
    int64_t next_id = 0;
    int rc = store_query_int64(rs->st, "SELECT COALESCE(MAX(id), 0) FROM ledger_lines", NULL, 0,
                               &next_id);
    if (rc != BF_OK)
        return run_store_error(rs, rc);
    static const char *const columns[] = {
        "id",       "benefit",    "payee",  "person",     "month",   "seq",    "kind", "clause",
        "document", "payee_kind", "region", "amount_fen", "funding", "run_id", "state"};
    static const char *const unapplied_columns[] = {"benefit", "payee",      "person", "month",
                                                    "region",  "amount_fen", "run_id"};
    store_bulk *lines = NULL, *held = NULL;
    rc = store_bulk_begin(rs->st, "ledger_lines", columns, 15, &lines);
    if (rc != BF_OK)
        return run_store_error(rs, rc);
    char id[24], seq[16], amount[24], run[24], region[REGION_CODE_TEXT_MAX];
    snprintf(run, sizeof run, "%" PRId64, counts->run_id);
    for (size_t i = 0; rc == BF_OK && i < rs->entry_count; i++) {
        ledger_entry *e = &rs->entries[i];
        const policy_rule *rule = rs->set->rules[e->rule];
        int64_t owner_region = party_region(rs, entry_owner(e));
        if (!e->computed && (rs->region != 0 && !in_scope(rs, owner_region)))
            continue; /* written for someone outside the region run: not this run's */
        if (e->computed && rule->needs_application &&
            !has_applied(rs, rule, party_id(rs, entry_owner(e)))) {
            e->unapplied = 1;
            counts->unapplied++;
        }
        int64_t target = e->unapplied ? 0 : e->target_fen;
        if (target == e->written_fen) {
            if (e->max_seq >= 0)
                counts->unchanged++;
            continue;
        }
        int64_t delta = target - e->written_fen;
        const char *kind = LEDGER_KIND_DUE;
        if (e->max_seq < 0)
            counts->due++;
        else if (delta > 0) {
            kind = LEDGER_KIND_MORE;
            counts->more++;
        } else if (e->settled) {
            kind = LEDGER_KIND_RECOVERY;
            counts->recoveries++;
        } else {
            kind = LEDGER_KIND_LESS;
            counts->less++;
        }
        if (money_add(counts->written_fen, delta, &counts->written_fen) != BF_OK) {
            rc = bf_error_set(rs->err, BF_EOVERFLOW, "%s", bf_strerror(BF_EOVERFLOW));
            break;
        }
        snprintf(id, sizeof id, "%" PRId64, ++next_id);
        snprintf(seq, sizeof seq, "%d", e->max_seq + 1);
        snprintf(amount, sizeof amount, "%" PRId64, delta);
        if (owner_region != 0)
            population_region_format(owner_region, region);
        else
            region[0] = '\0';
        const char *values[] = {id,
                                rule->id,
                                party_id(rs, e->payee),
                                party_id(rs, e->person),
                                rs->month,
                                seq,
                                kind,
                                rule->clause,
                                policy_document_label(&rs->set->documents[rule->document]),
                                policy_payee_name(rule->payee),
                                region,
                                amount,
                                rule->funding[0] ? rule->funding : LEDGER_FUNDING_UNNAMED,
                                run,
                                LEDGER_STATE_PENDING};
        rc = store_bulk_row(lines, values);
    }
    int end = store_bulk_end(lines, rc == BF_OK);
    if (rc == BF_OK && end != BF_OK)
        rc = end;
    if (rc != BF_OK)
        return rs->err->code != BF_OK ? rc : run_store_error(rs, rc);
    /* The list of the unapplied is the last run's: replaced for the month and region. */
    char prefix[REGION_CODE_TEXT_MAX + 1] = "";
    if (rs->region != 0) {
        population_region_format(rs->region, prefix);
        prefix[population_region_digits(rs->region)] = '\0';
    }
    strcat(prefix, "%");
    const char *scope[] = {rs->month, prefix};
    rc = store_exec_params(rs->st, "DELETE FROM ledger_unapplied WHERE month = ? AND region LIKE ?",
                           scope, 2, rs->err);
    if (rc != BF_OK || counts->unapplied == 0)
        return rc;
    rc = store_bulk_begin(rs->st, "ledger_unapplied", unapplied_columns, 7, &held);
    if (rc != BF_OK)
        return run_store_error(rs, rc);
    for (size_t i = 0; rc == BF_OK && i < rs->entry_count; i++) {
        const ledger_entry *e = &rs->entries[i];
        if (!e->unapplied)
            continue;
        int64_t owner_region = party_region(rs, entry_owner(e));
        population_region_format(owner_region, region);
        snprintf(amount, sizeof amount, "%" PRId64, e->target_fen);
        const char *values[] = {rs->set->rules[e->rule]->id,
                                party_id(rs, e->payee),
                                party_id(rs, e->person),
                                rs->month,
                                owner_region != 0 ? region : "",
                                amount,
                                run};
        rc = store_bulk_row(held, values);
    }
    end = store_bulk_end(held, rc == BF_OK);
    if (rc == BF_OK && end != BF_OK)
        rc = end;
    return rc == BF_OK ? BF_OK : run_store_error(rs, rc);
}

static int insert_run(run_state *rs, const ledger_run_counts *counts)
{
    char region[REGION_CODE_TEXT_MAX] = "", id[24], written[24], unapplied[24];
    if (rs->region != 0)
        population_region_format(rs->region, region);
    snprintf(id, sizeof id, "%" PRId64, counts->run_id);
    snprintf(written, sizeof written, "%" PRId64,
             counts->due + counts->more + counts->less + counts->recoveries);
    snprintf(unapplied, sizeof unapplied, "%" PRId64, counts->unapplied);
    const char *values[] = {id,      rs->month, region, rs->request->operator_name, rs->started_at,
                            written, unapplied};
    return store_exec_params(rs->st,
                             "INSERT INTO ledger_runs (id, month, region, operator, started_at, "
                             "written, unapplied) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             values, 7, rs->err);
}

int ledger_run(store *st, policy_set *set, const ledger_run_request *request,
               ledger_run_counts *counts, bf_error *err)
{
    run_state rs = {.st = st, .set = set, .request = request, .err = err};
    memset(counts, 0, sizeof *counts);
    date_month_format(request->month, rs.month);
    date_now_timestamp(rs.started_at);
    char region[REGION_CODE_TEXT_MAX];
    if (request->region != NULL) {
        if (region_code_normalize(request->region, region) == REGION_LEVEL_INVALID)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("区划代码无效“%s”", "invalid region code '%s'"),
                                request->region);
        rs.region = population_region_parse(region);
    }
    /* One writer at a time: a second run waits and then sees the first one's lines. */
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    stored_selection selection = {rs.region != 0 ? region : NULL, NULL};
    rc = stored_population_read(st, &selection, &rs.pop, err);
    if (rc == BF_OK)
        rc = local_parameters_apply(st, set, NULL, err);
    if (rc == BF_OK)
        rc = build_maps(&rs);
    if (rc == BF_OK)
        rc = read_applications(&rs);
    if (rc == BF_OK)
        rc = add_grants(&rs, counts);
    if (rc == BF_OK)
        rc = read_written(&rs, counts);
    if (rc == BF_OK && (rc = store_next_id(st, "ledger_run", &counts->run_id)) != BF_OK)
        rc = run_store_error(&rs, rc);
    if (rc == BF_OK)
        rc = write_lines(&rs, counts);
    if (rc == BF_OK)
        rc = insert_run(&rs, counts);
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = run_store_error(&rs, rc);
    if (rc != BF_OK)
        store_rollback(st);
    free(rs.entries);
    int_map_free(&rs.by_key);
    string_map_free(&rs.parties);
    string_map_free(&rs.extra);
    string_map_free(&rs.rules);
    string_map_free(&rs.applied);
    text_pool_free(&rs.applied_text);
    for (size_t i = 0; i < rs.extra_count; i++)
        free(rs.extra_ids[i]);
    free(rs.extra_ids);
    population_free(rs.pop);
    return rc;
}
