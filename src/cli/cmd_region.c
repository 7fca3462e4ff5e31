/* cmd_region.c - `bangfu region show CODE`: full path and level of a region. */
#include "cli/cli.h"

#include "registry/region.h"

#include <stdio.h>
#include <string.h>

int cmd_region(cli_context *ctx, int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "show") != 0)
        return cli_fail(CLI_EXIT_USAGE, "%s",
                        BF_TR("用法：bangfu region show CODE", "usage: bangfu region show CODE"));
    char code[REGION_CODE_TEXT_MAX], path[REGION_PATH_MAX];
    if (region_code_normalize(argv[2], code) == REGION_LEVEL_INVALID)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("“%s”不是区划代码（应为 2、4、6、9 或 12 位数字）",
                              "'%s' is not a region code (2, 4, 6, 9 or 12 digits)"),
                        argv[2]);
    region_level level;
    int rc = region_path_name(ctx->store, code, path, sizeof path, &level);
    if (rc == BF_ENOTFOUND)
        return cli_fail(CLI_EXIT_FAILURE,
                        BF_TR("区划代码 %s 不存在", "region code %s does not exist"), code);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
    printf("%s\t%s\t%s\n", code, path, region_level_name(level));
    return CLI_EXIT_OK;
}
