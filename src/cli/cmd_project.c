/*
 * cmd_project.c - `bangfu project list [--region CODE] [--date DATE] [--out FILE] [--force]
 * [--policies DIR]`: the 脱贫人口就业帮扶项目清单 of 附件2 (services/project_list.h).
 */
#include "cli/cli.h"

#include "core/date.h"
#include "core/region_code.h"
#include "policy/policy_load.h"
#include "services/project_list.h"

#include <stdio.h>
#include <string.h>

static int project_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu project list [--region 区划代码] [--date 日期] "
                          "[--out FILE.csv|FILE.xlsx] [--force] [--policies DIR]",
                          "usage: bangfu project list [--region CODE] [--date DATE] "
                          "[--out FILE.csv|FILE.xlsx] [--force] [--policies DIR]"));
}

int cmd_project(cli_context *ctx, int argc, char **argv)
{
    const char *region_text = NULL, *date_text = NULL, *policies = NULL;
    char region[REGION_CODE_TEXT_MAX], dir[POLICY_PATH_MAX];
    project_list_options options = {.out = "-"};
    int force = 0;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2 || strcmp(argv[1], "list") != 0)
        return project_usage();
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--region", &value);
        if (found == 1)
            region_text = value;
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--date", &value)) == 1)
            date_text = value;
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--out", &value)) == 1)
            options.out = value;
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--policies", &value)) == 1)
            policies = value;
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        if (found != 1)
            return project_usage();
    }
    bf_date date = date_today();
    if (date_text != NULL && date_parse_written(date_text, &date) != BF_OK)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--date“%s”不是日期（应如 2023-10-25）",
                              "--date '%s' is not a date (write 2023-10-25)"),
                        date_text);
    options.day = (int32_t)date_to_days(date);
    if (region_text != NULL) {
        if (region_code_normalize(region_text, region) == REGION_LEVEL_INVALID)
            return cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("--region 区划代码无效“%s”", "--region: invalid region code '%s'"),
                region_text);
        options.region = region;
    }
    if (!force && strcmp(options.out, "-") != 0 && cli_refuse_existing(options.out))
        return CLI_EXIT_FAILURE;
    policy_set *set = NULL;
    int status = cli_load_policies(
        policies, BF_TR("政策文件有错误，不列出", "the policy files have problems; nothing listed"),
        &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        return status;
    options.set = set;
    int64_t rows = 0;
    int rc = cli_open_store(ctx, CLI_STORE_READ, &err);
    if (rc == BF_OK && (rc = store_begin_snapshot(ctx->store)) != BF_OK)
        store_error_set(ctx->store, rc, &err);
    if (rc == BF_OK)
        rc = project_list_write(ctx->store, &options, &rows, &err);
    policy_set_free(set);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (strcmp(options.out, "-") != 0)
        fprintf(stderr, BF_TR("已列出 %lld 个项目到 %s\n", "listed %lld projects to %s\n"),
                (long long)rows, options.out);
    return CLI_EXIT_OK;
}
