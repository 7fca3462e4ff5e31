/*
 * cmd_cooperation.c - `bangfu cooperation targets [--as-of D] [--target ID] [--people]
 * [--policies DIR]`: the declared targets with a measure and their progress from the stored
 * records by month (services/cooperation_progress.h), one JSON line per target; with --people
 * the people behind each number, one CSV line each.
 */
#include "cli/cli.h"

#include "policy/policy_load.h"
#include "services/cooperation_progress.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COOPERATION_USAGE                                                                          \
    "bangfu cooperation targets [--as-of YYYY-MM-DD] [--target ID] [--people] [--policies DIR]"

/* --people: one CSV line per person (no cell holds a comma or a quote: IDs, codes, names). */
static int cooperation_print_person(void *context, const cooperation_person *person, bf_error *err)
{
    const char *target = context;
    (void)err;
    printf("%s,%s,%s,%s,%s\n", target, person->month, person->id_number, person->name,
           person->record);
    return BF_OK;
}

/* One JSON line: the target, its numbers, and progress by month (new and cumulative). */
static int cooperation_print_target(const policy_set *set, const policy_target *t,
                                    const cooperation_progress *p)
{
    json_t *months = json_array();
    for (int m = 0; months != NULL && m < p->month_count; m++) {
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(p->first_month + m, month);
        json_array_append_new(months, json_pack("[s,I,I]", month, (json_int_t)p->new_in_month[m],
                                                (json_int_t)p->to_month[m]));
    }
    const policy_document *document = t->document >= 0 ? &set->documents[t->document] : NULL;
    json_t *line =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:f,s:s,s:s?,s:I,s:b,s:o}", "target", t->id, "document",
                  document != NULL ? document->number : "", "clause", t->clause, "indicator",
                  t->indicator, "comparator", policy_comparator_name(t->comparator), "value",
                  t->value, "unit", t->unit, "part_of", t->part_of[0] != '\0' ? t->part_of : NULL,
                  "count", (json_int_t)p->count, "met", p->met, "months", months);
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
    if (people)
        printf("目标,月份,证件号码,姓名,记录\n");
    for (int k = 0; k < set->target_count && status == CLI_EXIT_OK; k++) {
        const policy_target *t = set->targets[k];
        if (target_id != NULL ? strcmp(t->id, target_id) != 0 : t->measure == POLICY_MEASURE_NONE)
            continue;
        found = 1;
        cooperation_progress progress;
        if (cooperation_progress_compute(ctx->store, set, k, as_of, &progress,
                                         people ? cooperation_print_person : NULL, (void *)t->id,
                                         &err) != BF_OK)
            status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        else if (!people)
            status = cooperation_print_target(set, t, &progress);
    }
    if (status == CLI_EXIT_OK && target_id != NULL && !found)
        status =
            cli_fail(CLI_EXIT_USAGE,
                     BF_TR("政策文件中没有目标 %s", "no target %s in the policy files"), target_id);
    policy_set_free(set);
    return status;
}
