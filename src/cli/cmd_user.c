/*
 * cmd_user.c - `bangfu user add|list|passwd|lock|unlock`: the accounts of
 * the web application (web/web_users.c), each change audited.  Passwords
 * are read from standard input (one line; not echoed on a terminal), never
 * from the command line, where ps and the shell history would show them.
 */
#include "cli/cli.h"

#include "web/web_audit.h"
#include "web/web_users.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int cmd_user_usage(void)
{
    return cli_fail(
        CLI_EXIT_USAGE, "%s",
        BF_TR("用法：bangfu user add LOGIN --name 姓名 --region CODE --roles 角色[,角色] | "
              "user list [--json] | user passwd LOGIN | user lock LOGIN | user unlock "
              "LOGIN（密码从标准输入读一行）",
              "usage: bangfu user add LOGIN --name NAME --region CODE --roles "
              "ROLE[,ROLE] | user list [--json] | user passwd LOGIN | user lock LOGIN "
              "| user unlock LOGIN (the password is a line of standard input)"));
}

/* One line of standard input into out, without echo on a terminal: 1, or 0 when none. */
static int cmd_user_read_password(char *out, size_t size)
{
    struct termios saved, quiet;
    int terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        fprintf(stderr, "%s", BF_TR("密码：", "password: "));
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int got = fgets(out, (int)size, stdin) != NULL;
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fputc('\n', stderr);
    }
    out[strcspn(out, "\r\n")] = '\0';
    return got && out[0] != '\0';
}

/* Runs the change and its audit entry in one transaction; prints what failed. */
static int cmd_user_change(cli_context *ctx, const char *action, const char *login, int rc,
                           bf_error *err)
{
    char actor[WEB_LOGIN_MAX + 8], target[WEB_LOGIN_MAX + 8];
    web_audit_cli_actor(actor, sizeof actor);
    snprintf(target, sizeof target, "user:%s", login);
    web_audit_entry entry = {.actor = actor,
                             .address = "cli",
                             .action = action,
                             .target = target,
                             .outcome = rc == BF_OK ? "ok" : "invalid"};
    if (rc != BF_OK) {
        store_rollback(ctx->store);
        bf_error audit_error;
        (void)web_audit_append(ctx->store, &entry, &audit_error);
        /* What the user gave is refused (exit 2); the database or the machine failed (exit 1). */
        int refused = rc == BF_EINVAL || rc == BF_ECONFLICT || rc == BF_ENOTFOUND;
        return cli_fail(refused ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE, "%s", err->message);
    }
    if (web_audit_append(ctx->store, &entry, err) != BF_OK || store_commit(ctx->store) != BF_OK) {
        store_rollback(ctx->store);
        return cli_fail(CLI_EXIT_FAILURE, "%s",
                        err->message[0] ? err->message : store_error_message(ctx->store));
    }
    return CLI_EXIT_OK;
}

static int cmd_user_print(void *context, const web_account *account)
{
    json_t *list = context;
    char roles[WEB_ROLES_TEXT_MAX];
    web_roles_text(account->user.roles, roles);
    if (list != NULL) {
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s?, s:i}", "login", account->user.login,
                            "name", account->user.name, "region", account->user.region, "roles",
                            roles, "disabled", account->disabled, "locked_until",
                            account->locked_until[0] ? account->locked_until : NULL, "failures",
                            account->failures));
        return BF_OK;
    }
    printf("%s\t%s\t%s\t%s%s%s\n", account->user.login, account->user.name, account->user.region,
           roles, account->disabled ? BF_TR("\t已停用", "\tlocked") : "",
           account->locked_until[0] ? BF_TR("\t登录失败锁定", "\tlocked by failures") : "");
    return BF_OK;
}

int cmd_user(cli_context *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cmd_user_usage();
    const char *action = argv[1];
    bf_error err;
    bf_error_clear(&err);
    if (strcmp(action, "list") == 0) {
        int as_json = argc == 3 && strcmp(argv[2], "--json") == 0;
        if (argc > 3 || (argc == 3 && !as_json))
            return cmd_user_usage();
        json_t *list = as_json ? json_array() : NULL;
        if (web_user_list(ctx->store, NULL, cmd_user_print, list, &err) != BF_OK) {
            json_decref(list);
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        }
        if (list != NULL) {
            char *text = json_dumps(list, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            puts(text != NULL ? text : "[]");
            free(text);
            json_decref(list);
        }
        return CLI_EXIT_OK;
    }
    if (argc < 3 || argv[2][0] == '-')
        return cmd_user_usage();
    const char *login = argv[2];
    const char *name = NULL, *region = NULL, *roles_text = NULL;
    for (int i = 3; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--name", &value);
        if (found == 1) {
            name = value;
            continue;
        }
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--region", &value)) == 1) {
            region = value;
            continue;
        }
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--roles", &value)) == 1) {
            roles_text = value;
            continue;
        }
        return cmd_user_usage();
    }
    char password[WEB_PASSWORD_MAX + 2];
    int rc;
    if (strcmp(action, "add") == 0) {
        if (name == NULL || region == NULL || roles_text == NULL)
            return cmd_user_usage();
        int roles = web_roles_parse(roles_text);
        if (roles < 0)
            return cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("角色“%s”无效：可选 系统管理员、经办员、审核员、查看员、村级帮扶员",
                      "invalid roles '%s': admin, clerk, reviewer, viewer, "
                      "village_helper (or their Chinese names)"),
                roles_text);
        if (!cmd_user_read_password(password, sizeof password))
            return cli_fail(CLI_EXIT_USAGE, "%s",
                            BF_TR("标准输入没有给出密码", "no password on standard input"));
        if (store_begin(ctx->store) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
        rc = web_user_add(ctx->store, login, name, region, roles, password, &err);
        return cmd_user_change(ctx, "user_add", login, rc, &err);
    }
    if (name != NULL || region != NULL || roles_text != NULL)
        return cmd_user_usage();
    if (strcmp(action, "passwd") == 0) {
        if (!cmd_user_read_password(password, sizeof password))
            return cli_fail(CLI_EXIT_USAGE, "%s",
                            BF_TR("标准输入没有给出密码", "no password on standard input"));
        if (store_begin(ctx->store) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
        rc = web_user_set_password(ctx->store, login, password, &err);
        return cmd_user_change(ctx, "user_passwd", login, rc, &err);
    }
    if (strcmp(action, "lock") == 0 || strcmp(action, "unlock") == 0) {
        int lock = strcmp(action, "lock") == 0;
        if (store_begin(ctx->store) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
        rc = web_user_set_disabled(ctx->store, login, lock, &err);
        return cmd_user_change(ctx, lock ? "user_lock" : "user_unlock", login, rc, &err);
    }
    return cmd_user_usage();
}
