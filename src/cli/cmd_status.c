/*
 * cmd_status.c - `bangfu status [--json]`: where the data is and what it holds: the
 * database, its schema version, the size of the region table and registry,
 * people per single category and per value of each 四清 list
 * (registry/people_breakdown.h), and the latest imports.
 */
#include "cli/cli.h"

#include "io/display.h"
#include "registry/people_breakdown.h"
#include "registry/people_counts.h"
#include "store/migrate.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Columns a label takes on a terminal: CJK characters take two. */
static int display_width(const char *text)
{
    int width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;                /* continuation byte */
        width += *p >= 0xE1 ? 2 : 1; /* 3- and 4-byte sequences from U+1100 on are wide */
    }
    return width;
}

/* Prints text padded with blanks to width terminal columns (control characters escaped). */
static void print_padded(const char *text, int width)
{
    display_write(stdout, text);
    int pad = width - display_width(text);
    printf("%*s", pad > 0 ? pad : 0, "");
}

/* Prints text right-aligned in width terminal columns. */
static void print_right(const char *text, int width)
{
    int pad = width - display_width(text);
    printf("%*s%s", pad > 0 ? pad : 0, "", text);
}

/* Column widths of a breakdown: the value and code columns fit their longest text. */
typedef struct breakdown_widths {
    int value, code;
} breakdown_widths;
enum { WIDTH_PEOPLE = 9, WIDTH_SHARE = 8, WIDTH_GAP = 2 };

/* Prints one row of a breakdown; code may be NULL. */
static void print_breakdown_row(const breakdown_widths *w, const char *label, const char *code,
                                int64_t people, int64_t total)
{
    printf("  ");
    print_padded(label, w->value);
    print_padded(code != NULL ? code : "", w->code);
    printf("%*lld", WIDTH_PEOPLE, (long long)people);
    if (total > 0)
        printf("%*.1f%%", WIDTH_SHARE - 1, 100.0 * (double)people / (double)total);
    putchar('\n');
}

/* Widens w to hold text in the value column. */
static void fit_value(breakdown_widths *w, const char *text)
{
    if (display_width(text) + WIDTH_GAP > w->value)
        w->value = display_width(text) + WIDTH_GAP;
}

/* The label of value i in the user's language (categories have Chinese names only). */
static const char *value_label(const people_breakdown *b, int i)
{
    return b->list != NULL && !bf_locale_is_chinese() ? b->list->values[i].english
                                                      : people_breakdown_label(b, i);
}

/* Prints the breakdown of one field with its column labels; total people give the shares. */
static void print_breakdown(const people_breakdown *b, int64_t total)
{
    int chinese = bf_locale_is_chinese();
    const char *column = person_field_column(b->field);
    if (b->field == PERSON_CATEGORIES)
        printf("%s\n", BF_TR("按帮扶类别（属多个类别的人每类各计一次）：",
                             "by category (a person in several counts in each):"));
    else if (b->field == PERSON_DIFFICULTIES)
        printf(BF_TR("按%s（填多项的人每项各计一次）：\n",
                     "by %s (a person naming several counts in each):\n"),
               chinese ? person_field_label(b->field) : column);
    else
        printf(BF_TR("按%s：\n", "by %s:\n"), chinese ? person_field_label(b->field) : column);
    char unlisted[PEOPLE_BREAKDOWN_UNLISTED_MAX][PERSON_VALUE_MAX + 64];
    breakdown_widths w = {0, 0};
    fit_value(&w, chinese ? person_field_label(b->field) : column);
    fit_value(&w, BF_TR("（未填）", "(empty)"));
    for (int i = 0; i < b->count; i++) {
        fit_value(&w, value_label(b, i));
        if (b->list != NULL && display_width(b->list->values[i].code) + WIDTH_GAP > w.code)
            w.code = display_width(b->list->values[i].code) + WIDTH_GAP;
    }
    if (b->list != NULL && w.code < display_width(BF_TR("代码", "code")) + WIDTH_GAP)
        w.code = display_width(BF_TR("代码", "code")) + WIDTH_GAP;
    for (int i = 0; i < b->unlisted_count; i++) {
        snprintf(unlisted[i], sizeof unlisted[i], BF_TR("不在词表：%s", "not in the list: %s"),
                 b->unlisted[i].value);
        fit_value(&w, unlisted[i]);
    }
    printf("  ");
    print_padded(chinese ? person_field_label(b->field) : column, w.value);
    print_padded(b->list != NULL ? BF_TR("代码", "code") : "", w.code);
    print_right(BF_TR("人数", "people"), WIDTH_PEOPLE);
    print_right(BF_TR("占比", "share"), WIDTH_SHARE);
    putchar('\n');
    for (int i = 0; i < b->count; i++)
        print_breakdown_row(&w, value_label(b, i), b->list != NULL ? b->list->values[i].code : NULL,
                            b->people[i], total);
    print_breakdown_row(&w, BF_TR("（未填）", "(empty)"), NULL, b->empty, total);
    for (int i = 0; i < b->unlisted_count; i++)
        print_breakdown_row(&w, unlisted[i], NULL, b->unlisted[i].people, total);
    if (b->unlisted_more_values > 0)
        printf(BF_TR("  另有 %lld 个不在词表中的值，共 %lld 人\n",
                     "  %lld more values not in the list, %lld people\n"),
               (long long)b->unlisted_more_values, (long long)b->unlisted_more_people);
    if (b->unlisted_count > 0)
        printf(
            BF_TR("  （不在词表中的值：在 vocabularies/%s.tsv 中加为同义词，再运行 bangfu init）\n",
                  "  (values not in the list: add them as synonyms in vocabularies/%s.tsv, "
                  "then run bangfu init)\n"),
            column);
    if (b->synonyms > 0)
        printf(BF_TR("  （其中 %lld 人存的是同义词：运行 bangfu init 改为规范值）\n",
                     "  (%lld people are stored with a synonym: bangfu init stores the canonical "
                     "value)\n"),
               (long long)b->synonyms);
}

/* The breakdown of one field as JSON: values (with code and English label for lists), empty,
 * not_in_list and synonyms. */
static json_t *breakdown_json(const people_breakdown *b)
{
    json_t *values = json_array(), *unlisted = json_array();
    for (int i = 0; i < b->count; i++) {
        json_t *value = json_pack("{s:s, s:I}", "label", people_breakdown_label(b, i), "people",
                                  (json_int_t)b->people[i]);
        if (value != NULL && b->list != NULL) {
            json_object_set_new(value, "code", json_string(b->list->values[i].code));
            json_object_set_new(value, "english", json_string(b->list->values[i].english));
        }
        json_array_append_new(values, value);
    }
    for (int i = 0; i < b->unlisted_count; i++)
        json_array_append_new(unlisted, json_pack("{s:s, s:I}", "value", b->unlisted[i].value,
                                                  "people", (json_int_t)b->unlisted[i].people));
    return json_pack("{s:s, s:o, s:I, s:o, s:I, s:I, s:I}", "label", person_field_label(b->field),
                     "values", values, "empty", (json_int_t)b->empty, "not_in_list", unlisted,
                     "not_in_list_more_values", (json_int_t)b->unlisted_more_values,
                     "not_in_list_more_people", (json_int_t)b->unlisted_more_people, "synonyms",
                     (json_int_t)b->synonyms);
}

/* The fields status breaks the people down by. */
static const person_field breakdown_fields[] = {PERSON_CATEGORIES,        PERSON_LABOR_ABILITY,
                                                PERSON_EMPLOYMENT_STATUS, PERSON_EMPLOYMENT_WISH,
                                                PERSON_TRAINING_WISH,     PERSON_DIFFICULTIES};
#define BREAKDOWN_COUNT (sizeof breakdown_fields / sizeof breakdown_fields[0])

/*
 * Prints the latest imports: when each started (stored in UTC, shown in local
 * time with its offset), the file (control characters escaped) and the
 * people it inserted or updated.
 */
static int print_batches(store *st)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(st,
                           "SELECT started_at, source, inserted + updated FROM batches "
                           "ORDER BY id DESC LIMIT 3",
                           &stmt);
    if (rc != BF_OK)
        return rc;
    printf("%s\n", BF_TR("最近的导入（批次）：", "latest imports (batches):"));
    while ((rc = store_step(stmt)) == BF_ROW) {
        char at[DISPLAY_TIME_TEXT_MAX];
        display_time(store_column_text(stmt, 0), at);
        printf("  %s  ", at);
        display_write(stdout, store_column_text(stmt, 1));
        printf("  %lld\n", (long long)store_column_int64(stmt, 2));
    }
    store_finalize(stmt);
    return rc == BF_DONE ? BF_OK : rc;
}

int cmd_status(cli_context *ctx, int argc, char **argv)
{
    int json = argc == 2 && strcmp(argv[1], "--json") == 0;
    if (argc != 1 && !json)
        return cli_fail(CLI_EXIT_USAGE, "%s",
                        BF_TR("用法：bangfu status [--json]", "usage: bangfu status [--json]"));
    store *st = ctx->store;
    int version = 0;
    int64_t regions = 0, people = 0, households = 0;
    int rc = store_schema_version(st, &version);
    if (rc == BF_OK)
        rc = store_query_int64(st, "SELECT COUNT(*) FROM regions", NULL, 0, &regions);
    /* From the summary the imports keep (registry/people_counts.h), not a scan of people. */
    if (rc == BF_OK)
        rc = people_counts_get(st, "people", "", &people);
    if (rc == BF_OK)
        rc = people_counts_get(st, "households", "", &households);
    if (rc != BF_OK) {
        bf_error failure;
        store_error_set(st, rc, &failure);
        return cli_fail(CLI_EXIT_FAILURE, "%s", failure.message);
    }

    /* Without readable lists the counts still show, every 四清 text as not in the list. */
    vocabulary_set lists = {0};
    bf_error err;
    bf_error_clear(&err);
    if (vocabulary_set_load_default(&lists, &err) != BF_OK)
        fprintf(stderr, "bangfu: %s\n", err.message);
    people_breakdown breakdowns[BREAKDOWN_COUNT];
    size_t read = 0;
    for (; read < BREAKDOWN_COUNT; read++)
        if (people_breakdown_read(st, &lists, breakdown_fields[read], &breakdowns[read], &err) !=
            BF_OK)
            break;
    int status = CLI_EXIT_OK;
    if (read < BREAKDOWN_COUNT) {
        status = cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    if (json) {
        /* For scripts: the counts, and the breakdowns by column name, on one line. */
        json_t *by_field = json_object();
        for (size_t i = 0; i < BREAKDOWN_COUNT; i++)
            json_object_set_new(by_field, person_field_column(breakdown_fields[i]),
                                breakdown_json(&breakdowns[i]));
        json_t *summary =
            json_pack("{s:s, s:s, s:i, s:I, s:I, s:I, s:o}", "database", ctx->target_shown,
                      "engine", store_engine_name(st), "schema_version", version, "regions",
                      (json_int_t)regions, "people", (json_int_t)people, "households",
                      (json_int_t)households, "breakdowns", by_field);
        if (summary == NULL) {
            status = cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
            goto out;
        }
        json_dumpf(summary, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(summary);
        goto out;
    }
    printf(BF_TR("数据库：%s（%s，架构版本 %d）\n", "database: %s (%s, schema version %d)\n"),
           ctx->target_shown, store_engine_name(st), version);
    printf(BF_TR("区划：%lld 条\n", "regions: %lld\n"), (long long)regions);
    printf(BF_TR("登记人员：%lld 人，%lld 户\n", "registered people: %lld in %lld households\n"),
           (long long)people, (long long)households);
    for (size_t i = 0; i < BREAKDOWN_COUNT; i++)
        print_breakdown(&breakdowns[i], people);
    if (print_batches(st) != BF_OK)
        status = cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(st));
out:
    for (size_t i = 0; i < read; i++)
        people_breakdown_free(&breakdowns[i]);
    vocabulary_set_free(&lists);
    return status;
}
