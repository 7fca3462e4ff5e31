/*
 * main.c - the bangfu binary: global options, then one subcommand from
 * commands[].
 */
#include "cli/cli.h"

#include "store/migrate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* One subcommand: its name, its function, what it needs, one line of help. */
typedef struct cli_command {
    const char *name;
    int (*run)(cli_context *ctx, int argc, char **argv);
    int flags;
    const char *usage;
    const char *help_zh;
    const char *help_en;
} cli_command;

static const cli_command commands[] = {
    {"init", cmd_init, CLI_NEEDS_STORE, "init [--regions DIR]", "创建或升级数据库并载入全国区划表",
     "create or upgrade the database and load the national region table"},
    {"status", cmd_status, CLI_NEEDS_STORE, "status [--json]", "显示数据库位置与登记汇总",
     "show where the data is and a summary of the registry"},
    {"region", cmd_region, CLI_NEEDS_STORE, "region show CODE", "显示区划的完整路径与级别",
     "show a region's full path and level"},
    {"import", cmd_import, CLI_NEEDS_STORE, "import people FILE [--errors OUT]",
     "导入人员名单（.csv 或 .xlsx）", "import a list of people (.csv or .xlsx)"},
    {"export", cmd_export, CLI_NEEDS_STORE, "export people [--region CODE] [--out FILE]",
     "按导入格式导出人员名单", "export the registry in the import format"},
    {"person", cmd_person, CLI_NEEDS_STORE, "person show ID_NUMBER [--json]",
     "显示一个人的登记信息与变更历史", "show one person's record and change history"},
    {"generate", cmd_generate, CLI_NEEDS_STORE,
     "generate people --count N [--seed S] [--region CODE] --out FILE",
     "生成模拟人员名单（演示与基准测试用）",
     "generate a synthetic list of people (demo, benchmarks)"},
    {"calc", cmd_calc, 0, "calc SITUATION.json [--explain] [--policies DIR]",
     "按政策文件计算补贴与待遇", "compute entitlements from the policy files"},
    {"policy", cmd_policy, 0, "policy list | policy check FILE", "列出或检查政策文件",
     "list or check the policy files"},
};

int cli_fail(int status, const char *format, ...)
{
    va_list args;
    fputs("bangfu: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    return status;
}

int cli_open_store(cli_context *ctx, bf_error *err)
{
    int rc = store_open(ctx->target, &ctx->store, err);
    if (rc != BF_OK)
        return rc;
    rc = store_migrate(ctx->store, NULL, err);
    if (rc != BF_OK) {
        store_close(ctx->store);
        ctx->store = NULL;
    }
    return rc;
}

int cli_option_value(int argc, char **argv, int *index, const char *name, const char **value)
{
    const char *arg = argv[*index];
    size_t length = strlen(name);
    if (strncmp(arg, name, length) != 0)
        return 0;
    if (arg[length] == '=') {
        *value = arg + length + 1;
        *index += 1;
        return 1;
    }
    if (arg[length] != '\0')
        return 0;
    if (*index + 1 >= argc)
        return -1;
    *value = argv[*index + 1];
    *index += 2;
    return 1;
}

static void print_usage(FILE *out)
{
    fprintf(out, "%s: bangfu [--db TARGET] COMMAND ...\n", BF_TR("用法", "usage"));
    fprintf(
        out, "%s\n",
        BF_TR("  TARGET 为 SQLite 文件路径或 postgresql:// 地址，默认 $BANGFU_DB 或 ./bangfu.db",
              "  TARGET is an SQLite file path or a postgresql:// URL; default $BANGFU_DB or "
              "./bangfu.db"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  bangfu %-62s %s\n", commands[i].usage,
                BF_TR(commands[i].help_zh, commands[i].help_en));
}

int main(int argc, char **argv)
{
    bf_locale_init();
    cli_context ctx = {.target = store_default_target(), .store = NULL};
    int index = 1;
    while (index < argc && argv[index][0] == '-') {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &index, "--db", &value);
        if (found == 1) {
            ctx.target = value;
            continue;
        }
        if (strcmp(argv[index], "--help") == 0 || strcmp(argv[index], "-h") == 0) {
            print_usage(stdout);
            return CLI_EXIT_OK;
        }
        if (found < 0)
            return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR("--db 缺少参数", "--db needs a value"));
        return cli_fail(CLI_EXIT_USAGE, BF_TR("未知选项“%s”", "unknown option '%s'"), argv[index]);
    }
    if (index >= argc) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const cli_command *command = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, argv[index]) == 0)
            command = &commands[i];
    if (command == NULL) {
        cli_fail(CLI_EXIT_USAGE, BF_TR("未知命令“%s”", "unknown command '%s'"), argv[index]);
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (command->flags & CLI_NEEDS_STORE) {
        bf_error err;
        bf_error_clear(&err);
        if (cli_open_store(&ctx, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    int status = command->run(&ctx, argc - index, argv + index);
    store_close(ctx.store);
    return status;
}
