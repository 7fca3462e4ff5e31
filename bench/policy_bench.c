/*
 * policy_bench.c - the policy engine on a generated population, and three of
 * its benefits written as SQL on SQLite over the same data, side by side.
 *
 *   policy_bench engine PEOPLE POLICIES_DIR   all policies, 12 months (2020)
 *   policy_bench sql PEOPLE                   the three benefits as SQL
 *
 * The population comes from population_generate() with a fixed seed, so both
 * modes see the same people.  Each mode prints its timings, its totals for the
 * three benefits (jining47.transport_meal, jining47.cross_province,
 * shanxi127.job_retention) and the peak resident memory, so the two can be
 * compared for both speed and agreement.  Single thread throughout.
 */
#include "core/date.h"
#include "policy/policy_eval.h"
#include "policy/policy_load.h"
#include "policy/population.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Seed of the generated population (the same for both modes). */
#define BENCH_SEED 20200427
/* Value set for every declared parameter so that amounts are computed. */
#define BENCH_PARAMETER_FEN 100000

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_mb(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

static int generate(population **pop, size_t people, double *seconds)
{
    bf_error err;
    double t0 = now_seconds();
    population_generate_options options = {people, BENCH_SEED, 2020};
    if (population_create(pop, &err) != BF_OK ||
        population_generate(*pop, &options, &err) != BF_OK) {
        fprintf(stderr, "generate: %s\n", err.message);
        return 1;
    }
    *seconds = now_seconds() - t0;
    return 0;
}

static int run_engine(size_t people, const char *dir)
{
    int status = 1;
    bf_error err;
    population *pop = NULL;
    policy_set *set = NULL;
    policy_result *result = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    double generate_seconds = 0;
    if (diag == NULL || generate(&pop, people, &generate_seconds) != 0)
        goto out;
    double t0 = now_seconds();
    if (policy_set_create(&set, &err) != BF_OK || policy_load_dir(set, dir, diag, &err) != BF_OK) {
        fprintf(stderr, "policies: %s %s\n", err.message,
                diag->count ? diag->items[0].message : "");
        goto out;
    }
    double load_seconds = now_seconds() - t0;
    /* Every parameter gets a value in the provinces of the population. */
    static const int64_t provinces[] = {110000000000, 140000000000, 370000000000, 500000000000};
    for (int p = 0; p < set->parameter_count; p++)
        for (int k = 0; k < 4; k++) {
            policy_parameter_value v = {.region = provinces[k],
                                        .from = (int32_t)date_to_days((bf_date){2019, 1, 1}),
                                        .fen = BENCH_PARAMETER_FEN,
                                        .origin = POLICY_ORIGIN_SITUATION,
                                        .to = POLICY_DAY_MAX};
            if (policy_parameter_add_value(&set->parameters[p], &v, &err) != BF_OK)
                goto out;
        }
    int from = 0, to = 0;
    date_month_parse("2020-01", &from);
    date_month_parse("2020-12", &to);
    policy_eval_options options = {from, to, 0};
    t0 = now_seconds();
    if (policy_evaluate(set, pop, &options, &result, &err) != BF_OK) {
        fprintf(stderr, "evaluate: %s\n", err.message);
        goto out;
    }
    double eval_seconds = now_seconds() - t0;
    static const char *const watched[] = {"jining47.transport_meal", "jining47.cross_province",
                                          "shanxi127.job_retention"};
    int64_t fen[3] = {0, 0, 0};
    size_t count[3] = {0, 0, 0};
    int index[3];
    for (int k = 0; k < 3; k++)
        index[k] = policy_set_find_rule(set, watched[k]);
    int64_t total = 0;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by >= 0)
            continue;
        if (g->fen > 0)
            total += g->fen;
        for (int k = 0; k < 3; k++)
            if (g->rule == index[k]) {
                fen[k] += g->fen;
                count[k]++;
            }
    }
    printf("engine: %zu people, %zu jobs, %zu trainings, %zu orgs; %d rules from %d documents\n",
           pop->people.count, pop->jobs.count, pop->trainings.count, pop->orgs.count,
           set->rule_count, set->document_count);
    printf("engine: generate %.2f s, load policies %.3f s, evaluate all rules x 12 months %.2f s "
           "(single thread)\n",
           generate_seconds, load_seconds, eval_seconds);
    printf("engine: %zu grants, %.2f yuan, %zu warnings (+%zu dropped)\n", result->grant_count,
           (double)total / 100.0, result->warning_count, result->warnings_dropped);
    for (int k = 0; k < 3; k++)
        printf("engine: %-28s %9zu grants %16.2f yuan\n", watched[k], count[k],
               (double)fen[k] / 100.0);
    printf("engine: peak resident memory %ld MB\n", peak_rss_mb());
    status = 0;
out:
    policy_result_free(result);
    policy_set_free(set);
    population_free(pop);
    free(diag);
    return status;
}

/* Runs one SQL statement returning (count, amount) and prints it with its time. */
static int time_query(sqlite3 *db, const char *name, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    double t0 = now_seconds();
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", name, sqlite3_errmsg(db));
        return 1;
    }
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", name, sqlite3_errmsg(db));
        sqlite3_finalize(stmt);
        return 1;
    }
    long long count = sqlite3_column_int64(stmt, 0);
    double yuan = sqlite3_column_double(stmt, 1);
    sqlite3_finalize(stmt);
    printf("sql:    %-28s %9lld grants %16.2f yuan  %.2f s\n", name, count, yuan,
           now_seconds() - t0);
    return 0;
}

/* The months of 2020 as (month text, first day, last day). */
#define SQL_MONTHS                                                                                 \
    "WITH RECURSIVE m(month, first, last) AS ("                                                    \
    " SELECT '2020-01', '2020-01-01', date('2020-01-01', '+1 month', '-1 day')"                    \
    " UNION ALL SELECT strftime('%Y-%m', date(first, '+1 month')), date(first, '+1 month'),"       \
    " date(first, '+2 month', '-1 day') FROM m WHERE month < '2020-12') "

/* 济人社字〔2020〕47号 四(一)1: jobs in 济宁 of 万州 poor laborers lasting 3 whole months. */
#define SQL_JINING_JOBS                                                                            \
    " q AS (SELECT j.person, j.start, j.end FROM jobs j JOIN people p ON p.id = j.person"          \
    " WHERE p.poor = 1 AND p.hukou / 1000000 = 500101 AND j.region / 100000000 = 3708"             \
    " AND date(j.start, '+3 months', '-1 day') <= min(j.end, '2020-12-31')) "

static int run_sql(size_t people)
{
    int status = 1;
    population *pop = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL;
    double generate_seconds = 0;
    if (generate(&pop, people, &generate_seconds) != 0)
        goto out;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        goto out;
    double t0 = now_seconds();
    sqlite3_exec(db,
                 "CREATE TABLE people (id INTEGER PRIMARY KEY, hukou INTEGER, poor INTEGER);"
                 "CREATE TABLE jobs (id INTEGER PRIMARY KEY, person INTEGER, region INTEGER,"
                 " kind TEXT, start TEXT, end TEXT);"
                 "BEGIN",
                 NULL, NULL, NULL);
    int poor = population_category_bit(pop, "建档立卡贫困人口", 0);
    sqlite3_prepare_v2(db, "INSERT INTO people VALUES (?, ?, ?)", -1, &insert, NULL);
    for (size_t i = 0; i < pop->people.count; i++) {
        sqlite3_bind_int64(insert, 1, (sqlite3_int64)i);
        sqlite3_bind_int64(insert, 2, pop->people.hukou[i]);
        sqlite3_bind_int(insert, 3, (pop->people.categories[i] >> poor) & 1);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_prepare_v2(db, "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, NULL);
    for (size_t i = 0; i < pop->jobs.count; i++) {
        char start[BF_DATE_TEXT_MAX], end[BF_DATE_TEXT_MAX];
        date_format(date_from_days(pop->jobs.start[i]), start);
        if (pop->jobs.end[i] == POPULATION_DAY_OPEN)
            snprintf(end, sizeof end, "%s", "9999-12-31");
        else
            date_format(date_from_days(pop->jobs.end[i]), end);
        sqlite3_bind_int64(insert, 1, (sqlite3_int64)i);
        sqlite3_bind_int64(insert, 2, pop->jobs.person[i]);
        sqlite3_bind_int64(insert, 3, pop->jobs.region[i]);
        sqlite3_bind_text(insert, 4, population_job_kind_name(pop->jobs.kind[i]), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, start, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 6, end, -1, SQLITE_TRANSIENT);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    insert = NULL;
    sqlite3_exec(db, "COMMIT; CREATE INDEX jobs_person ON jobs(person)", NULL, NULL, NULL);
    printf("sql:    %zu people, %zu jobs loaded into SQLite (in memory) in %.2f s (not counted)\n",
           pop->people.count, pop->jobs.count, now_seconds() - t0);
    double all = now_seconds();
    int failed = 0;
    failed |= time_query(
        db, "jining47.transport_meal",
        "WITH" SQL_JINING_JOBS "SELECT count(*), count(*) * 1500.0 FROM (SELECT person FROM q"
        " WHERE max(date(start, '+3 months', '-1 day'), '2020-01-01') <= min(end, '2020-12-31')"
        " GROUP BY person)");
    failed |= time_query(db, "jining47.cross_province",
                         SQL_MONTHS "," SQL_JINING_JOBS
                                    ", pm AS (SELECT DISTINCT q.person, m.month FROM q JOIN m ON "
                                    "q.start <= m.first AND q.end >= m.last)"
                                    ", ranked AS (SELECT person, month, row_number() OVER "
                                    "(PARTITION BY person ORDER BY month) AS n FROM pm)"
                                    " SELECT count(*), count(*) * 1000.0 FROM ranked WHERE n <= 6");
    failed |= time_query(
        db, "shanxi127.job_retention",
        SQL_MONTHS
        ", q AS (SELECT j.person, j.start, j.end FROM jobs j JOIN people p ON p.id = j.person"
        " WHERE p.poor = 1 AND p.hukou / 10000000000 = 14 AND (j.region / 1000000 <> p.hukou / "
        "1000000"
        " OR j.kind IN ('workshop', 'enterprise')))"
        " SELECT count(*), count(*) * 200.0 FROM (SELECT DISTINCT q.person, m.month FROM q JOIN m"
        " ON q.start <= m.first AND q.end >= m.last WHERE m.month BETWEEN '2020-02' AND "
        "'2020-06')");
    printf("sql:    three benefits %.2f s; peak resident memory %ld MB\n", now_seconds() - all,
           peak_rss_mb());
    status = failed;
out:
    sqlite3_finalize(insert);
    sqlite3_close(db);
    population_free(pop);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "engine") == 0)
        return run_engine((size_t)strtoull(argv[2], NULL, 10), argc >= 4 ? argv[3] : "policies");
    if (argc >= 3 && strcmp(argv[1], "sql") == 0)
        return run_sql((size_t)strtoull(argv[2], NULL, 10));
    fprintf(stderr, "usage: policy_bench engine PEOPLE [POLICIES_DIR] | policy_bench sql PEOPLE\n");
    return 2;
}
