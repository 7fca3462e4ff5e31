/*
 * cmd_cooperation.c - `bangfu cooperation targets [--as-of D] [--target ID] [--people]
 * [--policies DIR]`: the declared targets with a measure and their progress from the stored
 * records by month (services/target_progress.h, the one computation `report targets` reads
 * too), one JSON line per target with the pace at as_of; with --people the people behind
 * each number, one CSV line each.
 */
#include "cli/cli.h"

#include "policy/policy_load.h"
#include "services/target_progress.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COOPERATION_USAGE                                                                          \
    "bangfu cooperation targets [--as-of YYYY-MM-DD] [--target ID] [--people] [--policies DIR]"

/* --people: one CSV line per person (no cell holds a comma or a quote: IDs, codes, names). */
static int cooperation_print_person(void *context, const target_person *person, bf_error *err)
{
    const char *target = context;
    (void)err;
    printf("%s,%s,%s,%s,%s\n", target, person->month, person->key, person->name, person->record);
    return BF_OK;
}

/* One JSON line: the target, its numbers, its pace at as_of, progress by month (new, total). */
static int cooperation_print_target(const policy_set *set, const target_progress *p, int k)
{
    const policy_target *t = set->targets[k];
    int first, last;
    target_progress_months(p, k, &first, &last);
    json_t *months = json_array();
    for (int m = first; months != NULL && m <= last; m++) {
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(m, month);
        json_array_append_new(months, json_pack("[s,I,I]", month,
                                                (json_int_t)target_progress_new(p, k, 0, m),
                                                (json_int_t)target_progress_count(p, k, 0, m)));
    }
    int64_t count = target_progress_count(p, k, 0, last);
    target_pace pace;
    target_progress_pace(p, k, last >= first ? last : first, count, &pace);
    const policy_document *document = t->document >= 0 ? &set->documents[t->document] : NULL;
    json_t *line = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:f,s:s,s:s?,s:s,s:I,s:b,s:f,s:f,s:b,s:o}", "target", t->id,
        "document", document != NULL ? document->number : "", "clause", t->clause, "indicator",
        t->indicator, "comparator", policy_comparator_name(t->comparator), "value", t->value,
        "unit", t->unit, "part_of", t->part_of[0] != '\0' ? t->part_of : NULL, "measure",
        policy_measure_name(t->measure), "count", (json_int_t)count, "met", pace.met, "gap",
        pace.gap, "pace", ceil(pace.expected - 1e-9), "on_track", pace.on_track, "months", months);
    return cli_print_json_line(line);
}

int cmd_cooperation(cli_context *ctx, int argc, char **argv)
{
    const char *as_of_text = NULL, *target_id = NULL, *policies = NULL;
    int people = 0, status = CLI_EXIT_OK, found = 0;
    policy_set *set = NULL;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2 || strcmp(argv[1], "targets") != 0)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), COOPERATION_USAGE);
    for (int i = 2; i < argc;) {
        if (strcmp(argv[i], "--people") == 0) {
            people = 1;
            i++;
            continue;
        }
        int matched = cli_option_value(argc, argv, &i, "--as-of", &as_of_text);
        if (matched == 0)
            matched = cli_option_value(argc, argv, &i, "--target", &target_id);
        if (matched == 0)
            matched = cli_option_value(argc, argv, &i, "--policies", &policies);
        if (matched != 1)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("用法：%s（参数“%s”有误）", "usage: %s (bad '%s')"),
                            COOPERATION_USAGE, argv[i]);
    }
    bf_date as_of = date_today();
    if (as_of_text != NULL && date_parse(as_of_text, &as_of) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”不是日期", "'%s' is not a date"), as_of_text);
    char dir[POLICY_PATH_MAX];
    status = cli_load_policies(
        policies,
        BF_TR("政策文件有错误，不计算进度", "the policy files have problems; no progress computed"),
        &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        return status;
    target_progress *progress = NULL;
    target_progress_request request = {.set = set,
                                       .as_of = (int32_t)date_to_days(as_of),
                                       .stored_by = INT32_MAX,
                                       .with_people = people};
    if (target_progress_compute(ctx->store, &request, &progress, &err) != BF_OK)
        status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (status == CLI_EXIT_OK && people)
        printf("目标,月份,证件号码,姓名,记录\n");
    for (int k = 0; k < set->target_count && status == CLI_EXIT_OK; k++) {
        const policy_target *t = set->targets[k];
        if (target_id != NULL ? strcmp(t->id, target_id) != 0 : t->measure == POLICY_MEASURE_NONE)
            continue;
        found = 1;
        if (!people)
            status = cooperation_print_target(set, progress, k);
        else if (target_progress_people(progress, k, cooperation_print_person, (void *)t->id,
                                        &err) != BF_OK)
            status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    target_progress_free(progress);
    if (status == CLI_EXIT_OK && target_id != NULL && !found)
        status =
            cli_fail(CLI_EXIT_USAGE,
                     BF_TR("政策文件中没有目标 %s", "no target %s in the policy files"), target_id);
    policy_set_free(set);
    return status;
}
