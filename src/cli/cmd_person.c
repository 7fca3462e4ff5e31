/*
 * cmd_person.c - `bangfu person show ID_NUMBER [--json]`: one person's record
 * and change history (registry/person_view.c).
 */
#include "cli/cli.h"

#include "core/date.h"
#include "core/idcard.h"
#include "io/display.h"
#include "registry/person_view.h"
#include "registry/vocabulary.h"

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

/*
 * The 四清 values of view the lists do not know (stored before the lists or
 * before a synonym was added): [{field, value}], empty when all are listed
 * or no list could be read (lists NULL).
 */
static json_t *unlisted_values(const json_t *view, const vocabulary_set *lists)
{
    json_t *unlisted = json_array();
    if (lists == NULL)
        return unlisted;
    for (int i = 0; i < VOCABULARY_FIELD_COUNT; i++) {
        const vocabulary *v = &lists->fields[i];
        const char *column = person_field_column(v->field);
        const char *value = json_string_value(json_object_get(view, column));
        if (value != NULL && vocabulary_check_stored(v, value, NULL) == VOCABULARY_STORED_UNKNOWN)
            json_array_append_new(unlisted,
                                  json_pack("{s:s, s:s}", "field", column, "value", value));
    }
    return unlisted;
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
    /* Without readable lists the person is still shown (nothing derived, nothing flagged). */
    vocabulary_set lists = {0};
    bf_error lists_error;
    int have_lists = vocabulary_set_load_default(&lists, &lists_error) == BF_OK;
    int rc = person_view_json(ctx->store, have_lists ? &lists : NULL, info.normalized, &view, &err);
    json_t *unlisted = rc == BF_OK ? unlisted_values(view, have_lists ? &lists : NULL) : NULL;
    vocabulary_set_free(&lists);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    if (as_json) {
        json_object_set_new(view, "not_in_list", unlisted);
        char *text = json_dumps(view, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        json_decref(view);
        if (text == NULL)
            return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
        puts(text);
        free(text);
        return CLI_EXIT_OK;
    }
    person_view_print_text(view, stdout);
    for (size_t i = 0; i < json_array_size(unlisted); i++) {
        const json_t *item = json_array_get(unlisted, i);
        const char *column = json_string_value(json_object_get(item, "field"));
        printf(BF_TR("注意：%s“", "note: %s '"),
               bf_locale_is_chinese() ? person_field_label(person_field_from_column(column))
                                      : column);
        display_write(stdout, json_string_value(json_object_get(item, "value")));
        printf(BF_TR("”不在词表 %s.tsv 中（加为同义词后运行 bangfu init）\n",
                     "' is not in the list %s.tsv (add it as a synonym, then run bangfu init)\n"),
               column);
    }
    json_decref(unlisted);
    json_decref(view);
    return CLI_EXIT_OK;
}
