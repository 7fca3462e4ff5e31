/*
 * cmd_backup.c - `bangfu backup FILE [--force]` and `bangfu restore FILE
 * [--force]` (services/backup.c).
 */
#include "cli/cli.h"

#include "services/backup.h"

#include <stdio.h>
#include <string.h>

/* Reads "FILE [--force]" into *file and *force; CLI_EXIT_OK or the usage failure. */
static int parse_file_force(int argc, char **argv, const char **file, int *force)
{
    int extra = 0;
    *file = NULL;
    *force = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0)
            *force = 1;
        else if (*file == NULL && argv[i][0] != '-')
            *file = argv[i];
        else
            extra = 1;
    }
    if (*file != NULL && !extra)
        return CLI_EXIT_OK;
    return cli_fail(CLI_EXIT_USAGE,
                    BF_TR("用法：bangfu %s FILE [--force]", "usage: bangfu %s FILE [--force]"),
                    argv[0]);
}

/* The exit status of a backup or restore that returned rc. */
static int report(int rc, const backup_result *result, const bf_error *err)
{
    if (rc != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err->message);
        if (result->command[0] != '\0')
            fprintf(stderr, "  %s\n", result->command);
        return CLI_EXIT_FAILURE;
    }
    if (result->command[0] != '\0')
        fprintf(stderr, "bangfu: %s\n", result->command);
    return CLI_EXIT_OK;
}

int cmd_backup(cli_context *ctx, int argc, char **argv)
{
    const char *file = NULL;
    int force = 0;
    backup_result result;
    bf_error err;
    bf_error_clear(&err);
    int status = parse_file_force(argc, argv, &file, &force);
    if (status != CLI_EXIT_OK)
        return status;
    if (!force && cli_refuse_existing(file))
        return CLI_EXIT_FAILURE;
    status = report(backup_write(ctx->store, ctx->target, file, &result, &err), &result, &err);
    if (status == CLI_EXIT_OK)
        printf(BF_TR("已把数据库 %s 备份到 %s\n", "database %s backed up to %s\n"),
               ctx->target_shown, file);
    return status;
}

int cmd_restore(cli_context *ctx, int argc, char **argv)
{
    const char *file = NULL;
    int force = 0;
    backup_result result;
    bf_error err;
    bf_error_clear(&err);
    int status = parse_file_force(argc, argv, &file, &force);
    if (status != CLI_EXIT_OK)
        return status;
    status = report(backup_restore(ctx->target, file, force, &result, &err), &result, &err);
    if (status == CLI_EXIT_OK)
        printf(BF_TR("已用 %2$s 恢复数据库 %1$s\n", "database %1$s restored from %2$s\n"),
               ctx->target_shown, file);
    return status;
}
