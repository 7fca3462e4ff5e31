/*
 * cmd_report.c - `bangfu report fujian1 --region CODE --quarter 2023Q3 [--cell ROW,COLUMN]
 * [--as-of DATE] [--format csv|xlsx|json] [--out FILE] [--force] [--policies DIR]`: the
 * reports of the policy files filled from the stored records (issue 16): 附件1
 * (services/report_annex1.h), 附件2, the summary, the targets, the labor-cooperation pairs
 * (services/cooperation_pairs.h), the submissions upward.
 */
#include "cli/cli.h"

#include "core/date.h"
#include "policy/policy_load.h"
#include "services/cooperation_pairs.h"
#include "services/report_annex1.h"
#include "services/report_annex2.h"
#include "services/report_as_of.h"
#include "services/report_submission.h"
#include "services/report_summary.h"
#include "services/report_targets.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_USAGE                                                                               \
    "bangfu report fujian1 --region CODE --quarter YYYYQn [--cell ROW,COLUMN] | fujian2 "          \
    "--region CODE | summary --region CODE [--year YYYY] | targets [--region CODE] [--month "      \
    "YYYY-MM] [--by region|month] | pairs [--year YYYY] | submit|submissions|frozen --region "     \
    "CODE "                                                                                        \
    "--quarter YYYYQn "                                                                            \
    "[--submitter NAME] [--on DATE] | return --region CODE --quarter YYYYQn --reason TEXT "        \
    "[--reviewer NAME] [--as-of DATE] [--format csv|xlsx|json] [--out FILE] [--force] "            \
    "[--policies DIR]"

static int report_usage(const char *unexpected)
{
    if (unexpected != NULL)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"),
                        REPORT_USAGE, unexpected);
    return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), REPORT_USAGE);
}

/* The options every report takes. */
typedef struct report_arguments {
    const char *region, *quarter, *year, *month, *by, *cell, *as_of, *format, *out, *policies;
    const char *who, *reason, *on;
    int force;
} report_arguments;

static int report_parse(int argc, char **argv, report_arguments *a)
{
    memset(a, 0, sizeof *a);
    a->out = "-";
    for (int i = 2; i < argc;) {
        static const char *const names[] = {"--region", "--quarter",  "--year",     "--month",
                                            "--by",     "--cell",     "--as-of",    "--format",
                                            "--out",    "--policies", "--reviewer", "--reason",
                                            "--on",     "--submitter"};
        const char **targets[] = {&a->region, &a->quarter, &a->year,   &a->month, &a->by,
                                  &a->cell,   &a->as_of,   &a->format, &a->out,   &a->policies,
                                  &a->who,    &a->reason,  &a->on,     &a->who};
        int found = 0;
        for (size_t n = 0; n < sizeof names / sizeof names[0] && found == 0; n++)
            found = cli_option_value(argc, argv, &i, names[n], targets[n]);
        if (found == 1)
            continue;
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            a->force = 1;
            i++;
            continue;
        }
        return report_usage(argv[i]);
    }
    return CLI_EXIT_OK;
}

/* A day option: its day number, INT32_MAX when absent. */
static int report_day(const char *name, const char *text, int32_t *day)
{
    bf_date date;
    *day = INT32_MAX;
    if (text == NULL)
        return CLI_EXIT_OK;
    if (date_parse_written(text, &date) != BF_OK)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("%s“%s”不是日期（应如 2023-09-15）", "%s '%s' is not a date (write 2023-09-15)"),
            name, text);
    *day = (int32_t)date_to_days(date);
    return CLI_EXIT_OK;
}

/* The reports: the subcommand, what it writes, whether it needs --quarter or --year. */
typedef int (*report_writer)(store *st, const report_options *o, int *rows, bf_error *err);
typedef struct report_kind {
    const char *name;
    report_writer write;
    int needs_region, needs_quarter, needs_year;
    int writes; /* records something: the database opened for writing */
} report_kind;

/* submit: records the region's 附件1 and says its version and whether it came on time. */
static int report_submit(store *st, const report_options *o, int *rows, bf_error *err)
{
    report_submission_result result;
    int rc = report_submission_submit(st, o, o->by, &result, err);
    if (rc == BF_OK)
        printf(BF_TR("已报送 %s %dQ%d 附件1 第 %d 版（应报日期 %s，%s）\n",
                     "submitted 附件1 of %s %dQ%d, version %d (due %s, %s)\n"),
               o->region, o->year, o->quarter, result.version, result.due,
               result.on_time ? BF_TR("按时", "on time") : BF_TR("逾期", "late"));
    *rows = 1;
    return rc;
}

static int report_return(store *st, const report_options *o, int *rows, bf_error *err)
{
    *rows = 1;
    if (o->reason == NULL || o->reason[0] == '\0')
        return bf_error_set(err, BF_EINVAL, "%s",
                            BF_TR("退回须写明理由（--reason）", "a send-back needs --reason"));
    return report_submission_return(st, o, o->by, o->reason, err);
}

static const report_kind report_kinds[] = {
    {"fujian1", report_annex1_write, 1, 1, 0, 0},
    {"fujian2", report_annex2_write, 1, 0, 0, 0},
    {"targets", report_targets_write, 0, 0, 0, 0},
    {"pairs", cooperation_pairs_write, 0, 0, 0, 0},
    {"summary", report_summary_write, 1, 0, 1, 0},
    {"submit", report_submit, 1, 1, 0, 1},
    {"return", report_return, 1, 1, 0, 1},
    {"submissions", report_submission_list, 1, 1, 0, 0},
    {"frozen", report_submission_frozen, 1, 1, 0, 0},
};

static int report_run(cli_context *ctx, const report_kind *kind, const report_arguments *a,
                      policy_set *set)
{
    report_options o = {.set = set, .out = a->out, .month = -1};
    char region[REGION_CODE_TEXT_MAX], row[64];
    bf_error err;
    bf_error_clear(&err);
    if ((kind->needs_region && a->region == NULL) || (kind->needs_quarter && a->quarter == NULL))
        return report_usage(NULL);
    if (a->by != NULL) {
        o.by_region = strcmp(a->by, "region") == 0;
        o.by_month = strcmp(a->by, "month") == 0;
        if (!o.by_region && !o.by_month)
            return report_usage(a->by);
    }
    if (a->quarter != NULL && report_quarter_parse(a->quarter, &o.year, &o.quarter) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--quarter“%s”应如 2023Q3", "--quarter '%s': write e.g. 2023Q3"),
                        a->quarter);
    int status = report_day("--as-of", a->as_of, &o.as_of);
    if (status != CLI_EXIT_OK)
        return status;
    o.filled_on = o.as_of != INT32_MAX ? o.as_of : (int32_t)date_to_days(date_today());
    int32_t on = INT32_MAX;
    if ((status = report_day("--on", a->on, &on)) != CLI_EXIT_OK)
        return status;
    if (on != INT32_MAX)
        o.filled_on = on;
    o.by = a->who != NULL ? a->who : getenv("USER") != NULL ? getenv("USER") : "unknown";
    o.reason = a->reason;
    if (a->year != NULL) {
        char *end = NULL;
        long year = strtol(a->year, &end, 10);
        if (end == a->year || *end != '\0' || year < 1990 || year > 9999)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--year“%s”应如 2023", "--year '%s': write e.g. 2023"), a->year);
        o.year = (int)year;
    } else if (kind->needs_year && a->quarter == NULL)
        o.year = date_from_days(o.filled_on).year;
    if (a->month != NULL && date_month_parse_written(a->month, &o.month) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--month“%s”应如 2023-09", "--month '%s': write e.g. 2023-09"),
                        a->month);
    if (a->cell != NULL) {
        const char *comma = strrchr(a->cell, ',');
        char *end = NULL;
        long column = comma != NULL ? strtol(comma + 1, &end, 10) : 0;
        if (comma == NULL || end == comma + 1 || *end != '\0' ||
            comma - a->cell >= (long)sizeof row)
            return cli_fail(CLI_EXIT_USAGE, BF_TR("--cell 应为 行,列（如 370811,6）",
                                                  "--cell is ROW,COLUMN (e.g. 370811,6)"));
        snprintf(row, sizeof row, "%.*s", (int)(comma - a->cell), a->cell);
        o.cell_row = row;
        o.cell_column = (int)column;
    }
    if (report_format_pick(a->format, a->out, &o.format, &err) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE, "%s", err.message);
    if (!a->force && strcmp(a->out, "-") != 0 && cli_refuse_existing(a->out))
        return CLI_EXIT_FAILURE;
    /* --as-of writes the past into temporary tables of the session (report_as_of.h). */
    int as_of = o.as_of != INT32_MAX && !kind->writes;
    int rc = cli_open_store(ctx, kind->writes || as_of ? CLI_STORE_WRITE : CLI_STORE_READ, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (a->region != NULL && (status = cli_region_argument(ctx, a->region, region)) != CLI_EXIT_OK)
        return status;
    o.region = a->region != NULL ? region : NULL;
    int64_t batch = INT64_MAX;
    if (as_of && (rc = report_as_of_batch(ctx->store, o.as_of, &batch, &err)) == BF_OK)
        rc = report_as_of_open(ctx->store, batch, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (!kind->writes && (rc = store_begin_snapshot(ctx->store)) != BF_OK)
        store_error_set(ctx->store, rc, &err);
    int rows = 0;
    if (rc == BF_OK)
        rc = kind->write(ctx->store, &o, &rows, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (strcmp(a->out, "-") != 0)
        fprintf(stderr, BF_TR("已写出 %d 行到 %s\n", "wrote %d rows to %s\n"), rows, a->out);
    return CLI_EXIT_OK;
}

int cmd_report(cli_context *ctx, int argc, char **argv)
{
    report_arguments a;
    const report_kind *kind = NULL;
    if (argc < 2)
        return report_usage(NULL);
    for (size_t k = 0; k < sizeof report_kinds / sizeof report_kinds[0]; k++)
        if (strcmp(argv[1], report_kinds[k].name) == 0)
            kind = &report_kinds[k];
    if (kind == NULL)
        return report_usage(argv[1]);
    int status = report_parse(argc, argv, &a);
    if (status != CLI_EXIT_OK)
        return status;
    policy_set *set = NULL;
    char dir[POLICY_PATH_MAX];
    status = cli_load_policies(
        a.policies, BF_TR("政策文件有错误，不出报表", "the policy files have problems; no report"),
        &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        return status;
    status = report_run(ctx, kind, &a, set);
    policy_set_free(set);
    return status;
}
