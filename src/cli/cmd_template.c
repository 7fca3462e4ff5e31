/*
 * cmd_template.c - `bangfu template people|orgs|jobs|... --out FILE [--force]`:
 * the empty list clerks fill in, in the import format (issue 12 item 4): the
 * headers of person_columns[] or of the fact kind's columns
 * (services/import_facts.h; required ones marked '*', which the import
 * ignores) and one example row that `bangfu import KIND` accepts as it is
 * (a list of facts once the example person and organisation are stored).
 * The 四清 examples are the first values of the lists in use
 * (vocabularies/), so a bureau's own lists show in its template.
 */
#include "cli/cli.h"

#include "io/table_writer.h"
#include "registry/person.h"
#include "registry/vocabulary.h"
#include "services/import_facts.h"

#include <stdio.h>
#include <string.h>

/* Longest header written: a '*' and the longest Chinese header. */
#define TEMPLATE_HEADER_MAX 64
/* Most columns of a template. */
#define TEMPLATE_COLUMNS_MAX                                                                       \
    (PERSON_COLUMN_COUNT > FACT_COLUMNS_MAX ? PERSON_COLUMN_COUNT : FACT_COLUMNS_MAX)

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
    char kinds[FACT_KIND_NAMES_MAX];
    fact_kind_names(kinds, sizeof kinds);
    return cli_fail(CLI_EXIT_USAGE,
                    BF_TR("用法：bangfu template people|%s --out FILE.xlsx|FILE.csv [--force]",
                          "usage: bangfu template people|%s --out FILE.xlsx|FILE.csv [--force]"),
                    kinds);
}

/*
 * The headers and example of a list of facts of kind (not its columns taken
 * from the record another names); returns their count.
 */
static int template_fact_row(const fact_kind *kind, char headers[][TEMPLATE_HEADER_MAX],
                             const char **header_cells, const char **example_cells)
{
    int count = 0;
    for (int c = 0; c < kind->column_count; c++) {
        const fact_column *column = &kind->columns[c];
        int required = (column->flags & FACT_REQUIRED) ||
                       ((column->flags & FACT_KEY) && !(column->flags & FACT_EMPTY_KEY));
        if (column->flags & FACT_DERIVED)
            continue;
        snprintf(headers[count], TEMPLATE_HEADER_MAX, "%s%s", required ? "*" : "", column->header);
        header_cells[count] = headers[count];
        example_cells[count++] = column->example != NULL ? column->example : "";
    }
    return count;
}

int cmd_template(cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    const char *out = NULL;
    int force = 0;
    if (argc < 2)
        return cmd_template_usage();
    const fact_kind *kind = strcmp(argv[1], "people") == 0 ? NULL : fact_kind_find(argv[1]);
    if (kind == NULL && strcmp(argv[1], "people") != 0)
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
    char headers[TEMPLATE_COLUMNS_MAX][TEMPLATE_HEADER_MAX];
    const char *header_cells[TEMPLATE_COLUMNS_MAX];
    const char *example_cells[TEMPLATE_COLUMNS_MAX];
    int count = kind != NULL ? kind->column_count : PERSON_COLUMN_COUNT;
    int status = CLI_EXIT_FAILURE;
    bf_error err;
    bf_error_clear(&err);
    if (kind != NULL)
        count = template_fact_row(kind, headers, header_cells, example_cells);
    else if (vocabulary_set_load_default(&lists, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    for (int c = 0; kind == NULL && c < PERSON_COLUMN_COUNT; c++) {
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
        table_writer_row(writer, header_cells, count, &err) != BF_OK ||
        table_writer_row(writer, example_cells, count, &err) != BF_OK) {
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
            BF_TR("已写出%s模板 %s（表头与一行示例，带 * 的列必填）\n",
                  "wrote the template of a %s, %s (headers and one example row; columns "
                  "marked * are required)\n"),
            kind != NULL ? BF_TR(kind->title_zh, kind->title_en)
                         : BF_TR("人员名单", "list of people"),
            out);
    status = CLI_EXIT_OK;
out:
    if (writer != NULL)
        table_writer_close(writer, 0, &err);
    vocabulary_set_free(&lists);
    return status;
}
