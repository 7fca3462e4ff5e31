/*
 * cmd_policy.c - `bangfu policy list` and `bangfu policy check FILE`.
 *
 * list prints every benefit and status of the policies directory: id,
 * document, clause, payee, validity window, name.  check loads one file in
 * the sandbox and prints each problem as FILE:LINE: message; it exits 1 when
 * there is any.
 */
#include "cli/cli.h"

#include "core/date.h"
#include "policy/policy_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the diagnostics as FILE:LINE: message on stderr. */
static void print_diagnostics(const policy_diagnostics *diag)
{
    for (int i = 0; i < diag->count; i++) {
        const policy_diagnostic *d = &diag->items[i];
        if (d->line > 0)
            fprintf(stderr, "%s:%d: %s\n", d->file, d->line, d->message);
        else
            fprintf(stderr, "%s: %s\n", d->file, d->message);
    }
    if (diag->dropped > 0)
        fprintf(stderr, BF_TR("……另有 %d 个问题未列出\n", "... and %d more problems\n"),
                diag->dropped);
}

/* Exit status of a policy load that returned rc != BF_OK: the diagnostics (BF_EPOLICY) or err. */
static int load_failure(int rc, const policy_diagnostics *diag, const bf_error *err)
{
    if (rc == BF_EPOLICY) {
        print_diagnostics(diag);
        return CLI_EXIT_FAILURE;
    }
    return cli_fail(CLI_EXIT_FAILURE, "%s", err->message);
}

/* Writes a day as YYYY-MM-DD, or "…" for an open end. */
static void format_day(int32_t day, char out[BF_DATE_TEXT_MAX])
{
    if (day <= POLICY_DAY_MIN || day >= POLICY_DAY_MAX)
        snprintf(out, BF_DATE_TEXT_MAX, "%s", "…");
    else
        date_format(date_from_days(day), out);
}

static int policy_list(int argc, char **argv)
{
    int status = CLI_EXIT_FAILURE;
    const char *option = NULL;
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    bf_error_clear(&err);
    if (diag == NULL) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        goto out;
    }
    for (int i = 2; i < argc;) {
        int found = cli_option_value(argc, argv, &i, "--policies", &option);
        if (found == 1)
            continue;
        status = cli_fail(CLI_EXIT_USAGE, BF_TR("用法：bangfu policy list [--policies DIR]",
                                                "usage: bangfu policy list [--policies DIR]"));
        goto out;
    }
    char dir[POLICY_PATH_MAX];
    if (policy_find_dir(option, dir, sizeof dir, &err) != BF_OK ||
        policy_set_create(&set, &err) != BF_OK) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    int rc = policy_load_dir(set, dir, diag, &err);
    if (rc != BF_OK) {
        status = load_failure(rc, diag, &err);
        goto out;
    }
    printf("%-40s\t%-24s\t%-10s\t%-8s\t%-23s\t%s\n", "id", BF_TR("文件", "document"),
           BF_TR("条款", "clause"), BF_TR("对象", "payee"), BF_TR("有效期", "window"),
           BF_TR("名称", "name"));
    for (int i = 0; i < set->rule_count; i++) {
        const policy_rule *rule = set->rules[i];
        char from[BF_DATE_TEXT_MAX], to[BF_DATE_TEXT_MAX];
        format_day(rule->valid_from, from);
        format_day(rule->valid_to, to);
        const char *payee =
            rule->is_status ? BF_TR("(状态)", "(status)") : policy_payee_name(rule->payee);
        /* A window parameter (the epidemic period) narrows the window by region. */
        const char *narrowed =
            rule->valid_parameter >= 0 ? set->parameters[rule->valid_parameter].name : NULL;
        printf("%-40s\t%-24s\t%-10s\t%-8s\t%s..%s%s%s\t%s%s\n", rule->id,
               rule->document >= 0 ? policy_document_label(&set->documents[rule->document]) : "?",
               rule->clause, payee, from, to, narrowed != NULL ? " ∩ " : "",
               narrowed != NULL ? narrowed : "", rule->name,
               rule->is_service ? BF_TR("（服务）", " (service)") : "");
    }
    if (set->target_count > 0) {
        printf("\n%-40s\t%-24s\t%-10s\t%-24s\t%-23s\t%s\n", BF_TR("目标", "target"),
               BF_TR("文件", "document"), BF_TR("条款", "clause"), BF_TR("目标值", "value"),
               BF_TR("年度/期间", "year/period"), BF_TR("指标", "indicator"));
        for (int i = 0; i < set->target_count; i++) {
            const policy_target *t = set->targets[i];
            char when[2 * BF_DATE_TEXT_MAX + 4], from[BF_DATE_TEXT_MAX], to[BF_DATE_TEXT_MAX];
            if (t->year > 0)
                snprintf(when, sizeof when, "%d", t->year);
            else {
                format_day(t->from, from);
                format_day(t->to, to);
                snprintf(when, sizeof when, "%s..%s", from, to);
            }
            char value[64];
            snprintf(value, sizeof value, "%s %.12g %s", policy_comparator_name(t->comparator),
                     t->value, t->unit);
            printf("%-40s\t%-24s\t%-10s\t%-24s\t%-23s\t%s\n", t->id,
                   t->document >= 0 ? policy_document_label(&set->documents[t->document]) : "?",
                   t->clause, value, when, t->indicator != NULL ? t->indicator : "");
        }
    }
    if (set->report_count > 0) {
        printf("\n%-40s\t%-24s\t%-10s\t%-24s\t%-6s\t%s\n", BF_TR("报表", "report"),
               BF_TR("文件", "document"), BF_TR("条款", "clause"), BF_TR("报送", "due"),
               BF_TR("列数", "cols"), BF_TR("标题", "title"));
        for (int i = 0; i < set->report_count; i++) {
            const policy_report *r = set->reports[i];
            char columns[16];
            if (r->has_table)
                snprintf(columns, sizeof columns, "%d", r->column_count);
            else
                snprintf(columns, sizeof columns, "%s", "-");
            printf("%-40s\t%-24s\t%-10s\t%-24s\t%-6s\t%s%s%s\n", r->id,
                   r->document >= 0 ? policy_document_label(&set->documents[r->document]) : "?",
                   r->clause, r->due, columns, r->annex[0] ? r->annex : "", r->annex[0] ? " " : "",
                   r->title != NULL ? r->title : "");
        }
    }
    status = CLI_EXIT_OK;
out:
    policy_set_free(set);
    free(diag);
    return status;
}

static int policy_check(int argc, char **argv)
{
    int status = CLI_EXIT_FAILURE;
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    bf_error_clear(&err);
    if (argc != 3) {
        status =
            cli_fail(CLI_EXIT_USAGE, "%s",
                     BF_TR("用法：bangfu policy check FILE", "usage: bangfu policy check FILE"));
        goto out;
    }
    if (diag == NULL || policy_set_create(&set, &err) != BF_OK) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        goto out;
    }
    int rc = policy_load_file(set, argv[2], diag, &err);
    if (rc == BF_OK || rc == BF_EPOLICY) {
        if (policy_set_resolve(set, diag) != BF_OK)
            rc = BF_EPOLICY;
    }
    if (rc != BF_OK) {
        status = load_failure(rc, diag, &err);
        goto out;
    }
    int benefits = 0, statuses = 0;
    for (int i = 0; i < set->rule_count; i++) {
        if (set->rules[i]->is_status)
            statuses++;
        else
            benefits++;
    }
    printf(BF_TR("%s：正确，%d 项待遇，%d 项状态规则，%d 个参数，%d 个目标，%d 个报表\n",
                 "%s: ok, %d benefits, %d status rules, %d parameters, %d targets, %d reports\n"),
           argv[2], benefits, statuses, set->parameter_count, set->target_count, set->report_count);
    status = CLI_EXIT_OK;
out:
    policy_set_free(set);
    free(diag);
    return status;
}

int cmd_policy(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return policy_list(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return policy_check(argc, argv);
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu policy list [--policies DIR] | bangfu policy check FILE",
                          "usage: bangfu policy list [--policies DIR] | bangfu policy check FILE"));
}
