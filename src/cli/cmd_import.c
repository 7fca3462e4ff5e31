/*
 * cmd_import.c - `bangfu import people|orgs|jobs|... FILE [--errors OUT] [--sheet NAME|N]
 * [--separator comma|tab|semicolon] [--clear-empty] [--wait SECONDS] [--progress FORMAT]`:
 * the validated bulk import of a list of people (services/import_people.c) or of
 * stored facts (services/import_facts.c), one JSON line of counts on stdout.
 */
#include "cli/cli.h"

#include "services/import_facts.h"
#include "services/import_people.h"

#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Said once when another import holds the database and this one waits for it. */
static void cmd_import_waiting(void *context)
{
    progress_update(context, PROGRESS_WAITING, -1, -1.0);
    if (context != NULL)
        return; /* the progress line says it */
    fprintf(stderr, "%s\n",
            BF_TR("bangfu: 另一个导入正在写入该数据库，等待其结束……",
                  "bangfu: another import is writing to this database; waiting for it to end..."));
    fflush(stderr);
}

static int cmd_import_usage(void)
{
    char kinds[FACT_KIND_NAMES_MAX];
    fact_kind_names(kinds, sizeof kinds);
    return cli_fail(
        CLI_EXIT_USAGE,
        BF_TR("用法：bangfu import people|%s FILE [--errors OUT] [--sheet 名称|序号] "
              "[--separator comma|tab|semicolon] [--wait 秒数] [--progress json|none] "
              "[--clear-empty]\n"
              "  空单元格保留已登记的值；单元格写“（清空）”清空该项；\n"
              "  --clear-empty：文件中存在的列里，空单元格也清空该项",
              "usage: bangfu import people|%s FILE [--errors OUT] [--sheet NAME|N] "
              "[--separator comma|tab|semicolon] [--wait SECONDS] [--progress json|none] "
              "[--clear-empty]\n"
              "  an empty cell keeps the stored value; a cell reading （清空） clears it;\n"
              "  --clear-empty: an empty cell of a column in the file clears it too"),
        kinds);
}

/* The separator named by text (",", "comma", "tab", ";", "semicolon", or in Chinese); 0 if none. */
static char cmd_import_separator(const char *text)
{
    static const struct {
        const char *name;
        char separator;
    } names[] = {{",", ','},       {"comma", ','}, {"逗号", ','},      {"\t", '\t'}, {"tab", '\t'},
                 {"制表符", '\t'}, {";", ';'},     {"semicolon", ';'}, {"分号", ';'}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(text, names[i].name) == 0)
            return names[i].separator;
    return 0;
}

int cmd_import(cli_context *ctx, int argc, char **argv)
{
    import_people_options options = {0};
    import_people_result result;
    progress_format format;
    bf_error err;
    bf_error_clear(&err);
    if (argc < 2)
        return cmd_import_usage();
    const fact_kind *kind = strcmp(argv[1], "people") == 0 ? NULL : fact_kind_find(argv[1]);
    if (kind == NULL && strcmp(argv[1], "people") != 0)
        return cmd_import_usage();
    progress_format_parse("auto", stderr, &format);
    for (int i = 2; i < argc;) {
        const char *value = NULL;
        int found = cli_option_value(argc, argv, &i, "--errors", &value);
        if (found == 1) {
            options.errors_path = value;
            continue;
        }
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--sheet", &value)) == 1) {
            options.sheet = value;
            continue;
        }
        if (found == 0 && (found = cli_option_value(argc, argv, &i, "--separator", &value)) == 1) {
            options.separator = cmd_import_separator(value);
            if (options.separator == 0)
                return cli_fail(CLI_EXIT_USAGE,
                                BF_TR("未知的分隔符“%s”（可用 comma、tab、semicolon）",
                                      "unknown separator '%s' (comma, tab or semicolon)"),
                                value);
            continue;
        }
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--progress", &value);
        if (found == 1) {
            if (progress_format_parse(value, stderr, &format) != BF_OK)
                return cmd_import_usage();
            continue;
        }
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--wait", &value);
        if (found == 1) {
            char *end = NULL;
            double seconds = strtod(value, &end);
            if (end == value || *end != '\0' || !(seconds >= 0.0 && seconds <= 1e9))
                return cli_fail(CLI_EXIT_USAGE,
                                BF_TR("--wait 应为秒数（0 表示不等待），而不是“%s”",
                                      "--wait takes seconds (0: do not wait), not '%s'"),
                                value);
            options.wait_limited = 1;
            options.wait_ms = (int64_t)(seconds * 1000.0);
            continue;
        }
        if (strcmp(argv[i], "--clear-empty") == 0) {
            options.clear_empty = 1;
            i++;
            continue;
        }
        if (found < 0 || (argv[i][0] == '-' && argv[i][1] != '\0') || options.path != NULL)
            return cmd_import_usage();
        options.path = argv[i++];
    }
    if (options.path == NULL)
        return cmd_import_usage();
    if (progress_open(format, stderr, "import", "导入", "import", &options.progress) != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    options.waiting = cmd_import_waiting;
    options.waiting_context = options.progress;
    int rc = kind != NULL ? import_facts(ctx->store, kind, &options, &result, &err)
                          : import_people(ctx->store, &options, &result, &err);
    progress_close(options.progress, rc == BF_OK);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    json_t *counts =
        json_pack("{s:I,s:I,s:I,s:I,s:I}", "rows", (json_int_t)result.rows, "inserted",
                  (json_int_t)result.inserted, "updated", (json_int_t)result.updated, "unchanged",
                  (json_int_t)result.unchanged, "rejected", (json_int_t)result.rejected);
    /* A whole list also says how many stored records it no longer gives. */
    if (counts != NULL && kind != NULL && kind->whole_list)
        json_object_set_new(counts, "removed", json_integer(result.removed));
    char *text = counts != NULL ? json_dumps(counts, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(counts);
    if (text == NULL)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    puts(text);
    free(text);
    if (result.notes > 0)
        fprintf(stderr,
                BF_TR("bangfu: 跳过 %lld 行说明文字（没有证件号码、户籍地区划代码和帮扶类别），"
                      "第一行在第 %ld 行\n",
                      "bangfu: skipped %lld rows of notes (no ID number, region nor category), "
                      "the first at line %ld\n"),
                (long long)result.notes, result.first_note_line);
    if (result.errors_elsewhere)
        fprintf(stderr,
                BF_TR("bangfu: 无法在 %s 所在的文件夹写错误文件，已改写到当前目录\n",
                      "bangfu: the folder of %s cannot be written; the error file went to the "
                      "current directory\n"),
                options.path);
    if (result.rejected > 0)
        fprintf(stderr,
                BF_TR("bangfu: %lld 行未导入，原因见 %s\n", "bangfu: %lld rows rejected, see %s\n"),
                (long long)result.rejected, result.errors_path);
    return CLI_EXIT_OK;
}
