/*
 * cmd_template.c - `bangfu template people --out FILE [--force]`: the empty
 * list clerks fill in, in the import format (issue 12 item 4): the headers of
 * person_columns[] (required ones marked '*', which the import ignores) and
 * one example row that `bangfu import people` accepts as it is.  The 四清
 * examples are the first values of the lists in use (vocabularies/), so a
 * bureau's own lists show in its template.
 */
#include "cli/cli.h"

#include "io/table_writer.h"
#include "registry/person.h"
#include "registry/vocabulary.h"

#include <stdio.h>
#include <string.h>

/* Longest header written: a '*' and the longest Chinese header. */
#define TEMPLATE_HEADER_MAX 64

/* The example of each field not taken from a list (a valid GB 11643 number, a real county). */
static const char *template_example(person_field field)
{
    switch (field) {
    case PERSON_NAME:
        return "张伟";
    case PERSON_SEX:
        return "男";
    case PERSON_HUKOU_REGION:
        return "370811";
    case PERSON_HOUSEHOLD_ID:
        return "H0001";
    case PERSON_RELATION:
        return "户主";
    case PERSON_CATEGORIES:
        return "脱贫享受政策人口";
    case PERSON_PHONE:
        return "13853700009";
    case PERSON_SKILLS:
        return "电焊";
    case PERSON_THREE_NO:
        return "否";
    case PERSON_WANTS_JOB:
        return "是";
    default:
        return "";
    }
}

static int cmd_template_usage(void)
{
    return cli_fail(CLI_EXIT_USAGE, "%s",
                    BF_TR("用法：bangfu template people --out FILE.xlsx|FILE.csv [--force]",
                          "usage: bangfu template people --out FILE.xlsx|FILE.csv [--force]"));
}

int cmd_template(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    const char *out = NULL;
    int force = 0;
    if (argc < 2 || strcmp(argv[1], "people") != 0)
        return cmd_template_usage();
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--out", &value);
        if (found == 1) {
            out = value;
            continue;
        }
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        return cmd_template_usage();
    }
    if (out == NULL || strcmp(out, "-") == 0)
        return cmd_template_usage();
    if (!force && cli_refuse_existing(out))
        return CLI_EXIT_FAILURE;

    vocabulary_set lists = {0};
    table_writer *writer = NULL;
    char headers[PERSON_COLUMN_COUNT][TEMPLATE_HEADER_MAX];
    const char *header_cells[PERSON_COLUMN_COUNT];
    const char *example_cells[PERSON_COLUMN_COUNT];
    int status = CLI_EXIT_FAILURE;
    bf_error err;
    bf_error_clear(&err);
    if (vocabulary_set_load_default(&lists, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++) {
        const person_column *column = &person_columns[c];
        snprintf(headers[c], sizeof headers[c], "%s%s", column->required ? "*" : "",
                 column->header);
        header_cells[c] = headers[c];
        const vocabulary *v =
            column->kind == PERSON_COLUMN_FIELD ? vocabulary_of(&lists, column->field) : NULL;
        if (column->kind == PERSON_COLUMN_ID_NUMBER)
            example_cells[c] = "37081119800101001X";
        else if (v != NULL && v->count > 0)
            example_cells[c] = v->values[0].label;
        else
            example_cells[c] = template_example(column->field);
    }
    if (table_writer_open(out, &writer, &err) != BF_OK ||
        table_writer_row(writer, header_cells, PERSON_COLUMN_COUNT, &err) != BF_OK ||
        table_writer_row(writer, example_cells, PERSON_COLUMN_COUNT, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    table_writer *finished = writer;
    writer = NULL;
    if (table_writer_close(finished, 1, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    fprintf(stderr,
            BF_TR("已写出人员名单模板 %s（表头与一行示例，带 * 的列必填）\n",
                  "wrote the people list template %s (headers and one example row; columns "
                  "marked * are required)\n"),
            out);
    status = CLI_EXIT_OK;
out:
    if (writer != NULL)
        table_writer_close(writer, 0, &err);
    vocabulary_set_free(&lists);
    return status;
}
