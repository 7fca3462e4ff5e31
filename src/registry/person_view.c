/* person_view.c - a person, their batches and their history as JSON and as text. */
#include "registry/person_view.h"

#include "io/display.h"
#include "registry/category.h"
#include "registry/person.h"
#include "registry/person_facts.h"
#include "registry/region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The fields shown as they are, keyed by column name, after name, ID number,
 * sex, birth date, hukou region and categories (in the view and in its text).
 */
static const person_field person_view_plain[] = {
    PERSON_PHONE,
    PERSON_HOUSEHOLD_ID,
    PERSON_RELATION,
    PERSON_LABOR_ABILITY,
    PERSON_EMPLOYMENT_STATUS,
    PERSON_EMPLOYMENT_WISH,
    PERSON_TRAINING_WISH,
    PERSON_SKILLS,
    PERSON_DIFFICULTIES,
};

/* The flags, shown as 是/否 after the plain fields, with their value by the rule of person_facts.h.
 */
static const person_field person_view_flags[] = {PERSON_THREE_NO, PERSON_WANTS_JOB};

/* A stored value of the field named column as shown: a flag's 1/0 as 是/否. */
static const char *person_view_value(const char *column, const char *stored)
{
    int f = column != NULL ? person_field_from_column(column) : -1;
    return f >= 0 && person_field_is_flag((person_field)f) ? person_flag_text(stored) : stored;
}

/* text, masked by mask when both are there, as a string or null ("" as null). */
static void person_view_masked(json_writer *w, person_view_mask mask, const char *text)
{
    char masked[PERSON_VIEW_MASKED_MAX];
    if (mask != NULL && text != NULL && text[0] != '\0') {
        mask(text, masked, sizeof masked);
        text = masked;
    }
    json_writer_text_or_null(w, text);
}

/* {value, origin, from} of each flag by person_fact_resolve(). */
static void person_view_facts(json_writer *w, const vocabulary_set *lists, const person *p)
{
    json_writer_object_open(w);
    for (size_t i = 0; i < sizeof person_view_flags / sizeof person_view_flags[0]; i++) {
        person_fact fact = person_fact_resolve(lists, p->values, person_view_flags[i]);
        json_writer_key(w, person_field_column(person_view_flags[i]));
        json_writer_object_open(w);
        json_writer_key(w, "value");
        json_writer_boolean(w, fact.value);
        json_writer_key(w, "origin");
        json_writer_string(w, person_fact_origin_name(fact.origin));
        json_writer_key(w, "from");
        json_writer_string(w, fact.origin == PERSON_FACT_UNKNOWN ? NULL
                                                                 : person_field_column(fact.from));
        json_writer_object_close(w);
    }
    json_writer_object_close(w);
}

/* The object {batch, kind, source, at} of batch id, or null when it is missing. */
static int person_view_batch(json_writer *w, store_stmt *stmt, int64_t id)
{
    int rc = store_reset(stmt);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, 1, id);
    if (rc == BF_OK)
        rc = store_step(stmt);
    if (rc == BF_DONE) {
        json_writer_null(w);
        return BF_OK;
    }
    if (rc != BF_ROW)
        return rc;
    json_writer_object_open(w);
    json_writer_key(w, "batch");
    json_writer_integer(w, id);
    static const char *const keys[] = {"kind", "source", "at"};
    for (int i = 0; i < 3; i++) {
        json_writer_key(w, keys[i]);
        json_writer_text_or_null(w, store_column_text(stmt, i));
    }
    json_writer_object_close(w);
    return BF_OK;
}

int person_view_write(json_writer *w, store *st, const vocabulary_set *lists, const person *p,
                      const person_view_masks *masks, region_paths *paths, bf_error *err)
{
    store_stmt *batch = NULL, *history = NULL;
    person_view_mask mask_id = masks != NULL ? masks->id_number : NULL;
    person_view_mask mask_phone = masks != NULL ? masks->phone : NULL;
    int rc;
    json_writer_key(w, "name");
    json_writer_text_or_null(w, p->values[PERSON_NAME]);
    json_writer_key(w, "id_number");
    person_view_masked(w, mask_id, p->id_number);
    json_writer_key(w, "sex");
    json_writer_text_or_null(w, p->values[PERSON_SEX]);
    json_writer_key(w, "birth_date");
    json_writer_text_or_null(w, p->values[PERSON_BIRTH_DATE]);
    const char *region = p->values[PERSON_HUKOU_REGION];
    json_writer_key(w, "hukou_region");
    json_writer_text_or_null(w, region);
    char path[REGION_PATH_MAX] = "";
    if (region != NULL && region_path_name_kept(st, paths, region, path, sizeof path) != BF_OK)
        path[0] = '\0';
    json_writer_key(w, "hukou_region_name");
    json_writer_text_or_null(w, path);
    json_writer_key(w, "categories");
    json_writer_array_open(w);
    category_set set = 0;
    if (category_parse(p->values[PERSON_CATEGORIES], &set, NULL, 0) == BF_OK)
        for (int i = 0; i < CATEGORY_COUNT; i++)
            if (set & (1u << i))
                json_writer_string(w, category_name(i));
    json_writer_array_close(w);
    for (size_t i = 0; i < sizeof person_view_plain / sizeof person_view_plain[0]; i++) {
        json_writer_key(w, person_field_column(person_view_plain[i]));
        person_view_masked(w, person_view_plain[i] == PERSON_PHONE ? mask_phone : NULL,
                           p->values[person_view_plain[i]]);
    }
    for (size_t i = 0; i < sizeof person_view_flags / sizeof person_view_flags[0]; i++) {
        json_writer_key(w, person_field_column(person_view_flags[i]));
        json_writer_text_or_null(w, person_flag_text(p->values[person_view_flags[i]]));
    }
    json_writer_key(w, "facts");
    person_view_facts(w, lists, p);

    rc = store_prepare(st, "SELECT kind, source, started_at FROM batches WHERE id = ?", &batch);
    json_writer_key(w, "created");
    if (rc == BF_OK)
        rc = person_view_batch(w, batch, p->created_batch);
    json_writer_key(w, "updated");
    if (rc == BF_OK)
        rc = person_view_batch(w, batch, p->updated_batch);
    if (rc == BF_OK)
        rc = store_prepare(
            st,
            "SELECT h.field, h.old_value, h.new_value, h.changed_at, h.batch_id, "
            "b.kind, b.source FROM person_history h JOIN batches b ON b.id = h.batch_id "
            "WHERE h.id_number = ? ORDER BY h.batch_id, h.field",
            &history);
    if (rc == BF_OK)
        rc = store_bind_text(history, 1, p->id_number);
    if (rc != BF_OK)
        goto store_failed;
    json_writer_key(w, "history");
    json_writer_array_open(w);
    while ((rc = store_step(history)) == BF_ROW) {
        const char *field = store_column_text(history, 0);
        int f = field != NULL ? person_field_from_column(field) : -1;
        person_view_mask mask = f == PERSON_PHONE ? mask_phone : NULL;
        json_writer_object_open(w);
        json_writer_key(w, "field");
        json_writer_text_or_null(w, field);
        json_writer_key(w, "label");
        json_writer_string(w, f >= 0 ? person_field_label((person_field)f) : NULL);
        json_writer_key(w, "old_value");
        person_view_masked(w, mask, person_view_value(field, store_column_text(history, 1)));
        json_writer_key(w, "new_value");
        person_view_masked(w, mask, person_view_value(field, store_column_text(history, 2)));
        json_writer_key(w, "changed_at");
        json_writer_text_or_null(w, store_column_text(history, 3));
        json_writer_key(w, "batch");
        json_writer_integer(w, store_column_int64(history, 4));
        json_writer_key(w, "kind");
        json_writer_text_or_null(w, store_column_text(history, 5));
        json_writer_key(w, "source");
        json_writer_text_or_null(w, store_column_text(history, 6));
        json_writer_object_close(w);
    }
    json_writer_array_close(w);
    if (rc != BF_DONE)
        goto store_failed;
    rc = BF_OK;
    goto out;
store_failed:
    store_error_set(st, rc < 0 ? rc : BF_ESTORE, err);
    rc = rc < 0 ? rc : BF_ESTORE;
out:
    store_finalize(history);
    store_finalize(batch);
    return rc;
}

int person_view_json(store *st, const vocabulary_set *lists, const char *id_number, json_t **out,
                     bf_error *err)
{
    person_store *ps = NULL;
    person p = {.created_batch = 0};
    json_writer w;
    char *text = NULL;
    size_t length = 0;
    *out = NULL;
    json_writer_begin(&w, PERSON_VIEW_TEXT_MAX);
    int rc = person_store_open(st, &ps, err);
    if (rc != BF_OK)
        return rc;
    rc = person_store_load(ps, id_number, &p, err);
    if (rc == BF_ENOTFOUND) {
        bf_error_set(err, rc, BF_TR("没有证件号码为 %s 的人员", "no person with ID number %s"),
                     id_number);
        goto out;
    }
    if (rc != BF_OK)
        goto out;
    json_writer_object_open(&w);
    rc = person_view_write(&w, st, lists, &p, NULL, NULL, err);
    json_writer_object_close(&w);
    if (rc != BF_OK)
        goto out;
    rc = json_writer_finish(&w, &text, &length);
    if (rc == BF_OK && (*out = json_loadb(text, length, 0, NULL)) == NULL)
        rc = BF_EINVAL;
    if (rc != BF_OK)
        bf_error_set(err, rc,
                     BF_TR("人员 %s 的记录无法写成 JSON（过长或不是 UTF-8 文字）",
                           "the record of person %s cannot be written as JSON (too long or not "
                           "UTF-8 text)"),
                     id_number);
out:
    free(text);
    json_writer_free(&w);
    person_store_close(ps);
    return rc;
}

/* The string member key of object, or "" when it is null or missing. */
static const char *person_view_get(const json_t *object, const char *key)
{
    const char *text = json_string_value(json_object_get(object, key));
    return text != NULL ? text : "";
}

/* "批次 3（导入 people.csv，2026-11-25 20:00:00）" for a batch object, in local time. */
static void person_view_print_batch(const json_t *batch, FILE *file)
{
    char at[DISPLAY_TIME_TEXT_MAX];
    if (!json_is_object(batch)) {
        fputs("-", file);
        return;
    }
    const char *kind = person_view_get(batch, "kind");
    display_time(person_view_get(batch, "at"), at);
    fprintf(file, BF_TR("批次 %lld（", "batch %lld ("),
            (long long)json_integer_value(json_object_get(batch, "batch")));
    display_write(file, strcmp(kind, "import") == 0 ? BF_TR("导入", "import") : kind);
    fputc(' ', file);
    display_write(file, person_view_get(batch, "source"));
    fprintf(file, BF_TR("，%s）", ", %s)"), at);
}

/* "label：" in the user's language: the registry's label, or the column name in English. */
static void person_view_print_label(const char *label_zh, const char *label_en, FILE *file)
{
    fprintf(file, BF_TR("%s：", "%s: "), BF_TR(label_zh, label_en));
}

/* "label：value" of a field of the view, the label from the registry (person_field_label()). */
static void person_view_print_field(const json_t *view, person_field field, FILE *file)
{
    person_view_print_label(person_field_label(field), person_field_column(field), file);
    display_write(file, person_view_get(view, person_field_column(field)));
    fputc('\n', file);
}

/*
 * "三无：是" when stated, "三无：否（由 就业困难 推出）" when derived, "三无：（未说明，按否）"
 * when unknown: the value the policies read.
 */
static void person_view_print_flag(const json_t *view, person_field field, FILE *file)
{
    const json_t *fact =
        json_object_get(json_object_get(view, "facts"), person_field_column(field));
    const char *origin = person_view_get(fact, "origin");
    int value = json_is_true(json_object_get(fact, "value"));
    person_view_print_label(person_field_label(field), person_field_column(field), file);
    if (strcmp(origin, "unknown") == 0) {
        fputs(BF_TR("（未说明，按否）", "(not stated: no)"), file);
    } else {
        fputs(value ? BF_TR("是", "yes") : BF_TR("否", "no"), file);
        if (strcmp(origin, "derived") == 0) {
            int from = person_field_from_column(person_view_get(fact, "from"));
            fprintf(file, BF_TR("（由 %s 推出）", " (derived from %s)"),
                    from >= 0 ? BF_TR(person_field_label((person_field)from),
                                      person_field_column((person_field)from))
                              : "?");
        }
    }
    fputc('\n', file);
}

void person_view_print_text(const json_t *view, FILE *file)
{
    person_view_print_field(view, PERSON_NAME, file);
    person_view_print_label("证件号码", "id_number", file);
    display_write(file, person_view_get(view, "id_number"));
    fputc('\n', file);
    person_view_print_field(view, PERSON_SEX, file);
    person_view_print_field(view, PERSON_BIRTH_DATE, file);
    person_view_print_label("户籍地", "hukou_region", file);
    display_write(file, person_view_get(view, "hukou_region"));
    fputc(' ', file);
    display_write(file, person_view_get(view, "hukou_region_name"));
    fputc('\n', file);
    person_view_print_label("帮扶类别", "categories", file);
    const json_t *categories = json_object_get(view, "categories");
    for (size_t c = 0; c < json_array_size(categories); c++) {
        fputs(c > 0 ? "；" : "", file);
        display_write(file, json_string_value(json_array_get(categories, c)));
    }
    fputc('\n', file);
    for (size_t i = 0; i < sizeof person_view_plain / sizeof person_view_plain[0]; i++)
        person_view_print_field(view, person_view_plain[i], file);
    for (size_t i = 0; i < sizeof person_view_flags / sizeof person_view_flags[0]; i++)
        person_view_print_flag(view, person_view_flags[i], file);
    person_view_print_label("登记来源", "created", file);
    person_view_print_batch(json_object_get(view, "created"), file);
    fputc('\n', file);
    person_view_print_label("最近变更", "updated", file);
    person_view_print_batch(json_object_get(view, "updated"), file);
    fputc('\n', file);
    const json_t *history = json_object_get(view, "history");
    fprintf(file, BF_TR("变更历史（%zu 项）：\n", "history (%zu changes):\n"),
            json_array_size(history));
    for (size_t i = 0; i < json_array_size(history); i++) {
        const json_t *h = json_array_get(history, i);
        const char *old_value = person_view_get(h, "old_value");
        const char *new_value = person_view_get(h, "new_value");
        char at[DISPLAY_TIME_TEXT_MAX];
        display_time(person_view_get(h, "changed_at"), at);
        fprintf(file, BF_TR("  %s 批次 %lld（", "  %s batch %lld ("), at,
                (long long)json_integer_value(json_object_get(h, "batch")));
        display_write(file, person_view_get(h, "source"));
        fputs(BF_TR("）", ") "), file);
        display_write(file, person_view_get(h, "label"));
        fputs(BF_TR("：", ": "), file);
        display_write(file, old_value[0] ? old_value : BF_TR("（空）", "(empty)"));
        fputs(" → ", file);
        display_write(file, new_value[0] ? new_value : BF_TR("（空）", "(empty)"));
        fputc('\n', file);
    }
}
