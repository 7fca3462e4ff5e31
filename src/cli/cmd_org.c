/*
 * cmd_org.c - decisions on carriers (issue 13 item 1, services/certification.h):
 *
 *   bangfu org certify ORG_CODE --as KIND --date DATE --document 文号 --body 机关
 *                      [--action 认定|升级|扶持|调整|退出] [--reason TEXT]
 *                      [--force REASON] [--policies DIR]
 *   bangfu org show ORG_CODE [--date DATE] [--json]
 *
 * certify records a decision.  A 认定 first checks the rules of the policy
 * files that certify KIND where the organisation lies, over the stored facts
 * on DATE; when they fail (or none applies) it refuses, saying why, unless
 * --force gives the reason of an exception, which is recorded with the
 * decision.  The other decisions need the organisation certified on DATE
 * (退出 ends it).  show lists the decisions and what each carrier kind is on
 * DATE (today by default).
 */
#include "cli/cli.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "policy/policy_load.h"
#include "registry/vocabulary.h"
#include "core/region_code.h"
#include "services/carrier_register.h"
#include "services/certification.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORG_USAGE_ZH                                                                                              \
    "用法：bangfu org certify 统一社会信用代码 --as 载体类型 --date 日期 --document 文号 "     \
    "--body 决定机关 [--action 认定|升级|扶持|调整|退出] [--reason 理由] [--force 例外理由] " \
    "[--policies DIR]\n"                                                                                          \
    "      bangfu org show 统一社会信用代码 [--date 日期] [--json]\n"                                   \
    "      bangfu org list [--region 区划代码] [--as 载体类型] [--status certified|exited|none] "         \
    "[--date 日期] [--out FILE.csv|FILE.xlsx] [--force] [--policies DIR]"
#define ORG_USAGE_EN                                                                               \
    "usage: bangfu org certify ORG_CODE --as KIND --date DATE --document NUMBER --body BODY "      \
    "[--action certify|upgrade|support|adjust|exit] [--reason TEXT] [--force REASON] "             \
    "[--policies DIR]\n"                                                                           \
    "       bangfu org show ORG_CODE [--date DATE] [--json]\n"                                     \
    "       bangfu org list [--region CODE] [--as KIND] [--status certified|exited|none] "         \
    "[--date DATE] [--out FILE.csv|FILE.xlsx] [--force] [--policies DIR]"

static int org_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR(ORG_USAGE_ZH, ORG_USAGE_EN));
}

/* The options of both actions as typed. */
typedef struct org_options {
    const char *code, *as, *date, *document, *body, *action, *reason, *force, *policies;
    const char *region, *status, *out;
    int json, overwrite;
} org_options;

/* Parses argv[2..]: CLI_EXIT_OK or the usage status. */
static int org_parse(int argc, char **argv, org_options *o)
{
    static const char *const names[] = {"--as",     "--date",   "--document", "--body",
                                        "--action", "--reason", "--force",    "--policies",
                                        "--region", "--status", "--out"};
    const char **values[] = {&o->as,     &o->date,   &o->document, &o->body,
                             &o->action, &o->reason, &o->force,    &o->policies,
                             &o->region, &o->status, &o->out};
    int listing = strcmp(argv[1], "list") == 0;
    for (int i = 2; i < argc;) {
        int found = 0;
        if (listing && strcmp(argv[i], "--force") == 0) { /* list: overwrite FILE */
            o->overwrite = 1;
            i++;
            continue;
        }
        for (size_t n = 0; n < sizeof names / sizeof names[0] && found == 0; n++)
            found = cli_option_value(argc, argv, &i, names[n], values[n]);
        if (found < 0)
            return org_usage();
        if (found == 1)
            continue;
        if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
            i++;
            continue;
        }
        if (argv[i][0] == '-' || o->code != NULL)
            return org_usage();
        o->code = argv[i++];
    }
    return o->code == NULL && !listing ? org_usage() : CLI_EXIT_OK;
}

/* The code of word in the fact list name (carrier_kind, carrier_action) into out. */
static int org_word(const char *name, const char *option, const char *word, char *out, size_t size)
{
    vocabulary list = {0};
    bf_error err;
    bf_error_clear(&err);
    if (vocabulary_load_list(&list, NULL, name, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    int index = vocabulary_find(&list, word);
    int status = CLI_EXIT_OK;
    if (index < 0)
        status = cli_fail(CLI_EXIT_USAGE,
                          BF_TR("%s“%s”不在词表 %s.tsv 中，可填 %s",
                                "%s '%s' is not in the list %s.tsv; accepted: %s"),
                          option, word, name, list.accepted);
    else
        snprintf(out, size, "%s", list.values[index].code);
    vocabulary_free(&list);
    return status;
}

/* The 统一社会信用代码 typed, checked and folded into out. */
static int org_code(const char *text, char out[CREDIT_CODE_TEXT_MAX])
{
    credit_code_info info;
    credit_code_problem problem = credit_code_check(text, &info);
    if (problem != CREDIT_CODE_OK)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("“%s”：%s", "'%s': %s"), text,
                        credit_code_problem_text(problem));
    snprintf(out, CREDIT_CODE_TEXT_MAX, "%s", info.normalized);
    return CLI_EXIT_OK;
}

/* The date of option (written as an import accepts it), or today when text is NULL. */
static int org_date(const char *option, const char *text, int32_t *day, char out[BF_DATE_TEXT_MAX])
{
    bf_date date = date_today();
    if (text != NULL && date_parse_written(text, &date) != BF_OK)
        return cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("%s“%s”不是日期（应如 2020-03-01）", "%s '%s' is not a date (write 2020-03-01)"),
            option, text);
    *day = (int32_t)date_to_days(date);
    date_format(date, out);
    return CLI_EXIT_OK;
}

/* Copies a required option into out, or says it is missing. */
static int org_required(const char *option, const char *value, char *out, size_t size)
{
    if (value == NULL || value[0] == '\0')
        return cli_fail(CLI_EXIT_USAGE, BF_TR("缺少 %s", "%s is missing"), option);
    if ((size_t)snprintf(out, size, "%s", value) >= size)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("%s 太长", "%s is too long"), option);
    return CLI_EXIT_OK;
}

static int org_certify(cli_context *ctx, const org_options *o)
{
    certification_decision d;
    certification_check check;
    policy_set *set = NULL;
    char action[CERTIFICATION_CODE_MAX] = "certify", dir[POLICY_PATH_MAX];
    int32_t day = 0;
    int64_t batch = 0;
    bf_error err;
    bf_error_clear(&err);
    memset(&d, 0, sizeof d);
    memset(&check, 0, sizeof check);
    int status = org_code(o->code, d.org_code);
    if (status == CLI_EXIT_OK)
        status = org_required("--as", o->as, d.carrier, sizeof d.carrier);
    if (status == CLI_EXIT_OK)
        status = org_word("carrier_kind", "--as", o->as, d.carrier, sizeof d.carrier);
    if (status == CLI_EXIT_OK && o->action != NULL)
        status = org_word("carrier_action", "--action", o->action, action, sizeof action);
    if (status == CLI_EXIT_OK && o->date == NULL)
        status = cli_fail(CLI_EXIT_USAGE, BF_TR("缺少 %s", "%s is missing"), "--date");
    if (status == CLI_EXIT_OK)
        status = org_date("--date", o->date, &day, d.decided_on);
    if (status == CLI_EXIT_OK)
        status = org_required("--document", o->document, d.document, sizeof d.document);
    if (status == CLI_EXIT_OK)
        status = org_required("--body", o->body, d.body, sizeof d.body);
    if (status == CLI_EXIT_OK && o->reason != NULL)
        status = org_required("--reason", o->reason, d.reason, sizeof d.reason);
    if (status == CLI_EXIT_OK && o->force != NULL)
        status = org_required("--force", o->force, d.exception, sizeof d.exception);
    if (status != CLI_EXIT_OK)
        return status;
    d.action = (certification_action)certification_action_parse(action);
    if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (d.action == CERTIFICATION_CERTIFY) {
        status = cli_load_policies(
            o->policies,
            BF_TR("政策文件有错误，不认定", "the policy files have problems; nothing certified"),
            &set, dir, sizeof dir);
        if (status != CLI_EXIT_OK)
            return status;
    }
    int rc = certification_decide(ctx->store, set, &d, day, &check, &batch, &err);
    policy_set_free(set);
    if (rc != BF_OK && check.refused)
        return cli_fail(CLI_EXIT_FAILURE,
                        BF_TR("不予认定：%s（确属例外的，用 --force 例外理由 登记）",
                              "not certified: %s (to record an exception, give --force "
                              "REASON)"),
                        check.reason);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    json_t *line = json_pack(
        "{s:s,s:s,s:s,s:s,s:s?,s:o?,s:s?,s:I}", "org_code", d.org_code, "carrier", d.carrier,
        "date", d.decided_on, "action", action, "rule", d.rule[0] != '\0' ? d.rule : NULL,
        "rule_holds", d.action == CERTIFICATION_CERTIFY ? json_boolean(check.all_hold) : NULL,
        "exception", d.exception[0] != '\0' ? d.exception : NULL, "batch", (json_int_t)batch);
    status = cli_print_json_line(line);
    if (status != CLI_EXIT_OK)
        return status;
    if (d.action == CERTIFICATION_CERTIFY)
        fprintf(stderr, "%s%s\n",
                d.exception[0] != '\0' ? BF_TR("作为例外认定：", "certified as an exception: ")
                                       : BF_TR("已认定：", "certified: "),
                check.reason);
    return CLI_EXIT_OK;
}

static int org_show(cli_context *ctx, const org_options *o)
{
    char code[CREDIT_CODE_TEXT_MAX], date[BF_DATE_TEXT_MAX];
    int32_t day = 0;
    size_t count = 0;
    bf_error err;
    bf_error_clear(&err);
    int status = org_code(o->code, code);
    if (status == CLI_EXIT_OK)
        status = org_date("--date", o->date, &day, date);
    if (status != CLI_EXIT_OK)
        return status;
    if (cli_open_store(ctx, CLI_STORE_READ, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    int64_t known = 0;
    const char *param = code;
    if (store_query_int64(ctx->store, "SELECT COUNT(*) FROM orgs WHERE org_code = ?", &param, 1,
                          &known) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
    if (known == 0)
        return cli_fail(CLI_EXIT_FAILURE,
                        BF_TR("单位 %s 不在单位名单中", "no organisation %s is stored"), code);
    certification_decision *decisions = calloc(CERTIFICATION_DECISIONS_MAX, sizeof *decisions);
    if (decisions == NULL)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    if (certification_read(ctx->store, code, NULL, decisions, CERTIFICATION_DECISIONS_MAX, &count,
                           &err) != BF_OK) {
        free(decisions);
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    json_t *carriers = json_object(), *list = json_array();
    for (size_t i = 0, first = 0; i < count; i++) {
        json_array_append_new(
            list, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?}", "carrier", decisions[i].carrier,
                            "date", decisions[i].decided_on, "action",
                            certification_action_code(decisions[i].action), "document",
                            decisions[i].document, "body", decisions[i].body, "reason",
                            decisions[i].reason[0] ? decisions[i].reason : NULL, "exception",
                            decisions[i].exception[0] ? decisions[i].exception : NULL, "rule",
                            decisions[i].rule[0] ? decisions[i].rule : NULL));
        if (i + 1 == count || strcmp(decisions[i + 1].carrier, decisions[i].carrier) != 0) {
            json_object_set_new(
                carriers, decisions[i].carrier,
                json_string(certification_decisions_hold(decisions + first, i + 1 - first, day)
                                ? "certified"
                                : "not_certified"));
            first = i + 1;
        }
    }
    free(decisions);
    if (o->json) {
        json_t *all = json_pack("{s:s,s:s,s:o,s:o}", "org_code", code, "date", date, "status",
                                carriers, "decisions", list);
        char *text = all != NULL ? json_dumps(all, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        json_decref(all);
        if (text == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        puts(text);
        free(text);
        return CLI_EXIT_OK;
    }
    printf("%s  %s %s\n", code, BF_TR("认定状态于", "status on"), date);
    const char *key;
    json_t *value;
    json_object_foreach(carriers, key, value)
    {
        printf("  %-16s %s\n", key,
               strcmp(json_string_value(value), "certified") == 0
                   ? BF_TR("已认定", "certified")
                   : BF_TR("未认定", "not certified"));
    }
    if (json_array_size(list) == 0)
        printf("  %s\n", BF_TR("没有认定决定", "no decisions"));
    size_t i;
    json_array_foreach(list, i, value)
    {
        const char *reason = json_string_value(json_object_get(value, "reason"));
        const char *exception = json_string_value(json_object_get(value, "exception"));
        int action =
            certification_action_parse(json_string_value(json_object_get(value, "action")));
        printf("  %s %-16s %-8s %s %s%s%s%s%s\n", json_string_value(json_object_get(value, "date")),
               json_string_value(json_object_get(value, "carrier")),
               certification_action_text((certification_action)action),
               json_string_value(json_object_get(value, "document")),
               json_string_value(json_object_get(value, "body")), reason ? "  " : "",
               reason ? reason : "", exception ? BF_TR("  例外：", "  exception: ") : "",
               exception ? exception : "");
    }
    json_decref(carriers);
    json_decref(list);
    return CLI_EXIT_OK;
}

/* 名录库: the carriers by region, kind and status on a day, with their hires of 脱贫人口. */
static int org_list(cli_context *ctx, const org_options *o)
{
    char carrier[CERTIFICATION_CODE_MAX], region[REGION_CODE_TEXT_MAX], date[BF_DATE_TEXT_MAX];
    carrier_register_options options = {.status = -1, .out = o->out != NULL ? o->out : "-"};
    policy_set *set = NULL;
    char dir[POLICY_PATH_MAX];
    int64_t rows = 0;
    bf_error err;
    bf_error_clear(&err);
    if (o->code != NULL)
        return org_usage();
    int status = org_date("--date", o->date, &options.day, date);
    if (status == CLI_EXIT_OK && o->as != NULL) {
        status = org_word("carrier_kind", "--as", o->as, carrier, sizeof carrier);
        options.carrier = carrier;
    }
    if (status == CLI_EXIT_OK && o->status != NULL) {
        static const char *const chinese[] = {"已认定", "已退出", "未认定"};
        for (int k = 0; k < CARRIER_STATUS_COUNT && options.status < 0; k++)
            if (strcmp(o->status, chinese[k]) == 0)
                options.status = k;
        if (options.status < 0)
            options.status = carrier_status_parse(o->status);
        if (options.status < 0)
            status = cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("--status 应为 certified（已认定）、exited（已退出）或 none（未认定）",
                      "--status is certified, exited or none"));
    }
    if (status == CLI_EXIT_OK && o->region != NULL) {
        if (region_code_normalize(o->region, region) == REGION_LEVEL_INVALID)
            status =
                cli_fail(CLI_EXIT_USAGE,
                         BF_TR("--region 区划代码无效“%s”", "--region: invalid region code '%s'"),
                         o->region);
        options.region = region;
    }
    if (status != CLI_EXIT_OK)
        return status;
    if (!o->overwrite && strcmp(options.out, "-") != 0 && cli_refuse_existing(options.out))
        return CLI_EXIT_FAILURE;
    status = cli_load_policies(
        o->policies,
        BF_TR("政策文件有错误，不列出", "the policy files have problems; nothing listed"), &set,
        dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        return status;
    options.set = set;
    int rc = cli_open_store(ctx, CLI_STORE_READ, &err);
    if (rc == BF_OK && (rc = store_begin_snapshot(ctx->store)) != BF_OK)
        store_error_set(ctx->store, rc, &err);
    if (rc == BF_OK)
        rc = carrier_register_write(ctx->store, &options, &rows, &err);
    policy_set_free(set);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (strcmp(options.out, "-") != 0)
        fprintf(stderr,
                BF_TR("已列出 %lld 个载体（%s）到 %s\n", "listed %lld carriers (%s) to %s\n"),
                (long long)rows, date, options.out);
    return CLI_EXIT_OK;
}

int cmd_org(cli_context *ctx, int argc, char **argv)
{
    org_options o;
    memset(&o, 0, sizeof o);
    if (argc < 2 || (strcmp(argv[1], "certify") != 0 && strcmp(argv[1], "show") != 0 &&
                     strcmp(argv[1], "list") != 0))
        return org_usage();
    int status = org_parse(argc, argv, &o);
    if (status != CLI_EXIT_OK)
        return status;
    if (strcmp(argv[1], "list") == 0)
        return org_list(ctx, &o);
    return strcmp(argv[1], "certify") == 0 ? org_certify(ctx, &o) : org_show(ctx, &o);
}
