/*
 * cmd_outflow.c - `bangfu outflow followup [--as-of YYYY-MM-DD] [--days N]`: the people carried
 * by an organised outflow batch (点对点) who have no employment spell at its destination N days
 * after departure (the setting outflow.followup_days, 30 when not set; services/job_events.h),
 * one CSV line each.
 */
#include "cli/cli.h"

#include "services/job_events.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTFLOW_USAGE "bangfu outflow followup [--as-of YYYY-MM-DD] [--days N]"

/* One CSV line (codes, dates, IDs, names and phones hold no comma nor quote). */
static int outflow_print(void *context, const outflow_followup_row *row, bf_error *err)
{
    (void)context;
    (void)err;
    printf("%s,%s,%s,%s,%s,%s,%" PRId64 "\n", row->outflow_code, row->departed_on, row->destination,
           row->id_number, row->name, row->phone, row->days);
    return BF_OK;
}

int cmd_outflow(cli_context *ctx, int argc, char **argv)
{
    const char *as_of_text = NULL, *days_text = NULL;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2 || strcmp(argv[1], "followup") != 0)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), OUTFLOW_USAGE);
    for (int i = 2; i < argc;) {
        int found = cli_option_value(argc, argv, &i, "--as-of", &as_of_text);
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--days", &days_text);
        if (found != 1)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"),
                            OUTFLOW_USAGE, argv[i]);
    }
    bf_date as_of = date_today();
    if (as_of_text != NULL && date_parse(as_of_text, &as_of) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”不是日期", "'%s' is not a date"), as_of_text);
    int64_t days = 0;
    if (days_text != NULL) {
        char *end = NULL;
        long long parsed = strtoll(days_text, &end, 10);
        if (*days_text == '\0' || *end != '\0' || parsed < 0 ||
            parsed > JOB_EVENTS_FOLLOWUP_DAYS_MAX)
            return cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("--days 应为 0 到 %d 的整数", "--days must be a whole number from 0 to %d"),
                JOB_EVENTS_FOLLOWUP_DAYS_MAX);
        days = parsed;
    } else if (outflow_followup_days(ctx->store, &days, &err) != BF_OK) {
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    printf("批次编号,出发日期,输入地区划代码,证件号码,姓名,联系电话,出发天数\n");
    if (outflow_followup(ctx->store, as_of, days, outflow_print, NULL, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    return CLI_EXIT_OK;
}
