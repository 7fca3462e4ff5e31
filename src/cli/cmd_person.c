/*
 * cmd_person.c - `bangfu person show ID_NUMBER [--json]`: one person's record
 * and change history (registry/person_view.c).
 */
#include "cli/cli.h"

#include "core/date.h"
#include "core/idcard.h"
#include "registry/person_view.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_person_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu person show ID_NUMBER [--json]",
                          "usage: bangfu person show ID_NUMBER [--json]"));
}

int cmd_person(cli_context *ctx, int argc, char **argv)
{
    const char *id_text = NULL;
    int as_json = 0;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 3 || strcmp(argv[1], "show") != 0)
        return cmd_person_usage();
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            as_json = 1;
        else if (argv[i][0] != '-' && id_text == NULL)
            id_text = argv[i];
        else
            return cmd_person_usage();
    }
    if (id_text == NULL)
        return cmd_person_usage();
    idcard_info info;
    idcard_problem problem = idcard_check(id_text, date_today(), &info);
    if (problem != IDCARD_OK)
        return cli_fail(CLI_EXIT_USAGE, BF_TR("证件号码“%s”无效：%s", "invalid ID number '%s': %s"),
                        id_text, idcard_problem_text(problem));
    json_t *view = NULL;
    int rc = person_view_json(ctx->store, info.normalized, &view, &err);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (as_json) {
        char *text = json_dumps(view, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        json_decref(view);
        if (text == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        puts(text);
        free(text);
        return CLI_EXIT_OK;
    }
    person_view_print_text(view, stdout);
    json_decref(view);
    return CLI_EXIT_OK;
}
