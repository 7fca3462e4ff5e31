/*
 * cmd_param.c - `bangfu param set|list|history`: the local parameters kept in
 * the database (services/local_parameters.c, docs/parameters.md).
 *
 * `set` checks the value against the unit the policy files declare (so it
 * loads them, --policies DIR) and writes one new row; `list` and `history`
 * only read.  The command opens the database itself, read-write for set and
 * read-only otherwise (CLI_STORE_BY_COMMAND).
 */
#include "cli/cli.h"

#include "core/money.h"
#include "io/display.h"
#include "policy/policy_load.h"
#include "registry/region.h"
#include "services/local_parameters.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARAM_USAGE_ZH                                                                             \
    "用法：bangfu param set NAME --region CODE --from DATE (--value V | --to DATE | --end) "    \
    "[--source 文号] [--by NAME] [--policies DIR] | param list [--region CODE] [--at DATE] "     \
    "[--json] | param history NAME [--region CODE] [--json]"
#define PARAM_USAGE_EN                                                                             \
    "usage: bangfu param set NAME --region CODE --from DATE (--value V | --to DATE | --end) "      \
    "[--source DOC] [--by NAME] [--policies DIR] | param list [--region CODE] [--at DATE] "        \
    "[--json] | param history NAME [--region CODE] [--json]"

/* The options of the three actions, as typed. */
typedef struct param_options {
    const char *action;
    const char *name;
    const char *policies;
    local_parameter_request request; /* set */
    const char *region;              /* list, history */
    const char *at;                  /* list */
    int as_json;
} param_options;

static int param_usage(const char *unexpected)
{
    if (unexpected != NULL)
        return cli_fail(CLI_EXIT_USAGE, "%s%s%s%s", BF_TR(PARAM_USAGE_ZH, PARAM_USAGE_EN),
                        BF_TR("（多余的参数“", " (unexpected '"), unexpected, BF_TR("”）", "')"));
    return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR(PARAM_USAGE_ZH, PARAM_USAGE_EN));
}

/* Reads argv into options; returns CLI_EXIT_OK or the usage failure. */
static int param_parse(int argc, char **argv, param_options *o)
{
    static const char *const valued[] = {"--region", "--from", "--value",    "--to",
                                         "--source", "--by",   "--policies", "--at"};
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return param_usage(NULL);
    o->action = argv[1];
    if (strcmp(o->action, "set") != 0 && strcmp(o->action, "list") != 0 &&
        strcmp(o->action, "history") != 0)
        return param_usage(o->action);
    int is_set = strcmp(o->action, "set") == 0, is_list = strcmp(o->action, "list") == 0;
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int matched = 0;
        for (size_t v = 0; v < sizeof valued / sizeof *valued && !matched; v++) {
            int found = cli_option_value(argc, argv, &i, valued[v], &value);
            if (found < 0)
                return cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"),
                                valued[v]);
            if (found == 0)
                continue;
            matched = 1;
            /* Which options each action takes. */
            int allowed = v == 0 || (is_set && v <= 6) || (is_list && v == 7);
            if (!allowed)
                return param_usage(valued[v]);
            const char **slots[] = {
                &o->region,         &o->request.from, &o->request.value, &o->request.to,
                &o->request.source, &o->request.by,   &o->policies,      &o->at};
            *slots[v] = value;
        }
        if (matched)
            continue;
        if (strcmp(argv[i], "--end") == 0 && is_set)
            o->request.ends = 1;
        else if (strcmp(argv[i], "--json") == 0 && !is_set)
            o->as_json = 1;
        else if (argv[i][0] != '-' && o->name == NULL && !is_list)
            o->name = argv[i];
        else
            return param_usage(argv[i]);
        i++;
    }
    if (!is_list && o->name == NULL)
        return param_usage(NULL);
    o->request.name = o->name;
    o->request.region = o->region;
    return CLI_EXIT_OK;
}

/* The region as clerks write it (GB/T 2260's six digits, more below counties) and its full
   path from the region table. */
static const char *get_text(const json_t *object, const char *key)
{
    const char *text = json_string_value(json_object_get(object, key));
    return text != NULL ? text : "";
}

/* One row in words: what, where, from when, the value, its source, who and when. */
static void row_print(const json_t *row, FILE *file)
{
    char at[DISPLAY_TIME_TEXT_MAX];
    display_time(get_text(row, "set_at"), at);
    fprintf(file, "#%lld  %s  ", (long long)json_integer_value(json_object_get(row, "id")),
            get_text(row, "name"));
    fprintf(file, "%s ", get_text(row, "region"));
    display_write(file, get_text(row, "region_name"));
    fprintf(file, BF_TR("  自 %s 起  ", "  from %s  "), get_text(row, "from"));
    display_write(file, get_text(row, "text"));
    if (json_string_value(json_object_get(row, "source")) != NULL) {
        fputs(BF_TR("  依据：", "  source: "), file);
        display_write(file, get_text(row, "source"));
    }
    fputs(BF_TR("  设置：", "  set by "), file);
    display_write(file, get_text(row, "set_by"));
    fprintf(file, "  %s", at);
    json_int_t corrected = json_integer_value(json_object_get(row, "corrected_by"));
    if (corrected != 0)
        fprintf(file, BF_TR("  （已由 #%lld 更正）", "  (corrected by #%lld)"),
                (long long)corrected);
    fputc('\n', file);
}

/* list and history: the rows the query selects, as JSON or one line each. */
static int param_read(cli_context *ctx, const param_options *o)
{
    bf_error err;
    bf_error_clear(&err);
    char region[REGION_CODE_TEXT_MAX], at[BF_DATE_TEXT_MAX];
    local_parameter_query query = {.name = o->name};
    if (o->region != NULL) {
        if (region_code_normalize(o->region, region) == REGION_LEVEL_INVALID)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--region 区划代码无效“%s”（2、4、6、9 或 12 位）",
                                  "--region: invalid region code '%s' (2, 4, 6, 9 or 12 digits)"),
                            o->region);
        query.region = region;
    }
    if (strcmp(o->action, "list") == 0) {
        bf_date day = date_today();
        if (o->at != NULL && date_parse(o->at, &day) != BF_OK)
            return cli_fail(CLI_EXIT_USAGE,
                            BF_TR("--at 日期无效“%s”（应为 YYYY-MM-DD）",
                                  "--at: invalid date '%s' (YYYY-MM-DD)"),
                            o->at);
        date_format(day, at);
        query.at = at;
    }
    if (cli_open_store(ctx, CLI_STORE_READ, &err) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    json_t *rows = NULL;
    int rc = local_parameters_read_json(ctx->store, &query, &rows, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message[0] ? err.message : bf_strerror(rc));
    if (o->as_json) {
        char *text = json_dumps(rows, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        json_decref(rows);
        if (text == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        puts(text);
        free(text);
        return CLI_EXIT_OK;
    }
    if (json_array_size(rows) == 0)
        fputs(query.at != NULL ? BF_TR("（在该日没有生效的参数取值）\n",
                                       "(no parameter value in effect that day)\n")
                               : BF_TR("（没有参数取值）\n", "(no parameter values)\n"),
              stdout);
    for (size_t i = 0; i < json_array_size(rows); i++)
        row_print(json_array_get(rows, i), stdout);
    json_decref(rows);
    return CLI_EXIT_OK;
}

/* The parameters the policy files declare, one per line, for an unknown name. */
static void print_known(const policy_set *set)
{
    const policy_parameter *sorted[POLICY_PARAMETERS_MAX];
    int count = set->parameter_count;
    for (int i = 0; i < count; i++) {
        int j = i;
        for (; j > 0 && strcmp(sorted[j - 1]->name, set->parameters[i].name) > 0; j--)
            sorted[j] = sorted[j - 1];
        sorted[j] = &set->parameters[i];
    }
    fprintf(stderr,
            BF_TR("政策文件声明的参数（%d 个）：\n", "the parameters the policy files "
                                                     "declare (%d):\n"),
            count);
    for (int i = 0; i < count; i++) {
        fprintf(stderr, "  %-44s %-16s ", sorted[i]->name,
                policy_parameter_unit_name(sorted[i]->unit));
        display_write(stderr, sorted[i]->title);
        fputc('\n', stderr);
    }
}

static int param_set(cli_context *ctx, const param_options *o)
{
    policy_set *set = NULL;
    bf_error err;
    bf_error_clear(&err);
    char dir[POLICY_PATH_MAX];
    int status = cli_load_policies(o->policies,
                                   BF_TR("政策文件有错误，不能核对参数",
                                         "the policy files have problems; the parameter cannot "
                                         "be checked"),
                                   &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        return status;
    status = CLI_EXIT_FAILURE;
    if (policy_set_find_parameter(set, o->name) < 0) {
        status = cli_fail(
            CLI_EXIT_USAGE,
            BF_TR("政策文件（%s）中没有参数“%s”", "no policy file (in %s) declares parameter '%s'"),
            dir, o->name);
        print_known(set);
        goto out;
    }
    if (cli_open_store(ctx, CLI_STORE_WRITE, &err) != BF_OK) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    local_parameter_row row;
    int rc = local_parameters_set(ctx->store, set, &o->request, &row, &err);
    if (rc != BF_OK) {
        status = cli_fail(rc == BF_EINVAL || rc == BF_ENOTFOUND ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE,
                          "%s", err.message);
        goto out;
    }
    json_t *item = local_parameters_row_json(ctx->store, &row);
    if (item == NULL) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        goto out;
    }
    fputs(BF_TR("已保存 ", "stored "), stdout);
    row_print(item, stdout);
    json_decref(item);
    status = CLI_EXIT_OK;
out:
    policy_set_free(set);
    return status;
}

int cmd_param(cli_context *ctx, int argc, char **argv)
{
    param_options o;
    int status = param_parse(argc, argv, &o);
    if (status != CLI_EXIT_OK)
        return status;
    return strcmp(o.action, "set") == 0 ? param_set(ctx, &o) : param_read(ctx, &o);
}
