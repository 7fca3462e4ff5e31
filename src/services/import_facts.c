/*
 * import_facts.c - importing a list of stored facts of one kind (see the
 * header).  The stored records of the kind's table, the registered ID numbers
 * and the organisation codes its references need are read once into memory
 * (a few hundred thousand records cost tens of megabytes), so a row costs no
 * query; the new records go in one bulk load, the changed ones are updated
 * one by one (in one UPDATE from a bulk-loaded table of changes on a remote
 * engine) and their history goes in one bulk load, before the commit.
 */
#include "services/import_facts_private.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "core/halfwidth.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "registry/category.h"
#include "core/string_map.h"
#include "registry/phone.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "services/import_batch.h"
#include "services/import_errors.h"
#include "services/import_row.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- reasons ------------------------------------------------------------------------------ */

/* The name of column c in reasons: its Chinese header, or its English alias. */
static const char *fact_column_name(const fact_kind *kind, int c)
{
    return BF_TR(kind->columns[c].header, kind->columns[c].alias);
}

static void fact_reasons_add(fact_reasons *r, int column, const char *format, va_list args)
{
    size_t size = sizeof r->text;
    if (r->used + 1 >= size)
        return;
    int n = snprintf(
        r->text + r->used, size - r->used, "%s%s%s", r->used > 0 ? BF_TR("；", "; ") : "",
        column >= 0 ? fact_column_name(r->kind, column) : "", column >= 0 ? BF_TR("：", ": ") : "");
    if (n < 0 || (size_t)n >= size - r->used) {
        r->used = size - 1;
        return;
    }
    r->used += (size_t)n;
    n = vsnprintf(r->text + r->used, size - r->used, format, args);
    r->used = n < 0 || (size_t)n >= size - r->used ? size - 1 : r->used + (size_t)n;
}

void fact_reject(const fact_record_view *record, int column, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fact_reasons_add(record->reasons, column, format, args);
    va_end(args);
}

void fact_row_reject(fact_state *s, int column, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fact_reasons_add(&s->reasons, column, format, args);
    va_end(args);
}

/* --- owned strings and record blocks ------------------------------------------------------ */

/* Adds owned (malloc'ed, NULL: out of memory) to strings, which frees it from now on. */
static int fact_strings_take(fact_strings *strings, char *owned)
{
    if (owned == NULL)
        return BF_ENOMEM;
    if (strings->count == strings->capacity) {
        size_t capacity = strings->capacity > 0 ? 2 * strings->capacity : 1024;
        char **texts = realloc(strings->texts, capacity * sizeof *texts);
        if (texts == NULL) {
            free(owned);
            return BF_ENOMEM;
        }
        strings->texts = texts;
        strings->capacity = capacity;
    }
    strings->texts[strings->count++] = owned;
    return BF_OK;
}

/* Copies text into strings; *kept receives the copy.  BF_OK or BF_ENOMEM. */
static int fact_strings_keep(fact_strings *strings, const char *text, const char **kept)
{
    int rc = fact_strings_take(strings, strdup(text));
    if (rc == BF_OK)
        *kept = strings->texts[strings->count - 1];
    return rc;
}

static void fact_strings_free(fact_strings *strings)
{
    for (size_t i = 0; i < strings->count; i++)
        free(strings->texts[i]);
    free(strings->texts);
}

/* A new block holding count values (NULL ones stay NULL). */
static char *fact_block_make(int count, const char *const *values)
{
    size_t size = (size_t)count * sizeof(int32_t);
    for (int c = 0; c < count; c++)
        size += values[c] != NULL ? strlen(values[c]) + 1 : 0;
    char *block = malloc(size);
    if (block == NULL)
        return NULL;
    size_t at = (size_t)count * sizeof(int32_t);
    for (int c = 0; c < count; c++) {
        int32_t offset = values[c] != NULL ? (int32_t)at : -1;
        memcpy(block + (size_t)c * sizeof offset, &offset, sizeof offset);
        if (values[c] != NULL) {
            size_t length = strlen(values[c]) + 1;
            memcpy(block + at, values[c], length);
            at += length;
        }
    }
    return block;
}

/* Value c of a block, NULL when empty. */
const char *fact_block_value(const char *block, int c)
{
    int32_t offset;
    memcpy(&offset, block + (size_t)c * sizeof offset, sizeof offset);
    return offset < 0 ? NULL : block + offset;
}

/* True when two stored values are the same (NULL and "" are both empty). */
int fact_value_equal(const char *a, const char *b)
{
    if (a == NULL || a[0] == '\0')
        return b == NULL || b[0] == '\0';
    return b != NULL && strcmp(a, b) == 0;
}

/* Joins the key columns of values with '|' into key; BF_ETOOBIG when it does not fit. */
static int fact_key_of(const fact_kind *kind, const char *const *values, char key[FACT_KEY_MAX])
{
    size_t used = 0;
    key[0] = '\0';
    for (int c = 0; c < kind->column_count; c++) {
        if (!(kind->columns[c].flags & FACT_KEY))
            continue;
        int n = snprintf(key + used, FACT_KEY_MAX - used, "%s%s", used > 0 ? "|" : "",
                         values[c] != NULL ? values[c] : "");
        if (n < 0 || (size_t)n >= FACT_KEY_MAX - used)
            return BF_ETOOBIG;
        used += (size_t)n;
    }
    return BF_OK;
}

/* Appends a record (key and block owned by it from now on) and maps its key. */
static int fact_record_add(fact_state *s, char *key, char *block, int64_t created_batch, int fresh)
{
    int rc = BF_ENOMEM;
    if (key == NULL || block == NULL)
        goto fail;
    if (s->record_count == s->record_capacity) {
        size_t capacity = s->record_capacity > 0 ? 2 * s->record_capacity : 1024;
        fact_record *records = realloc(s->records, capacity * sizeof *records);
        if (records == NULL)
            goto fail;
        s->records = records;
        s->record_capacity = capacity;
    }
    rc = string_map_insert(&s->record_of, key, (int64_t)s->record_count, NULL);
    if (rc != BF_OK)
        goto fail;
    s->records[s->record_count++] =
        (fact_record){.key = key, .block = block, .created_batch = created_batch, .fresh = fresh};
    return BF_OK;
fail:
    free(key);
    free(block);
    return rc;
}

/* --- what the import reads first ---------------------------------------------------------- */

/* Builds "SELECT c1, c2, ..., tail FROM table" (or the columns alone with tail NULL). */
void fact_columns_sql(const fact_kind *kind, const char *head, const char *tail,
                      char sql[FACT_SQL_MAX])
{
    size_t used = (size_t)snprintf(sql, FACT_SQL_MAX, "%s", head);
    for (int c = 0; c < kind->column_count && used < FACT_SQL_MAX; c++)
        used += (size_t)snprintf(sql + used, FACT_SQL_MAX - used, "%s%s", c > 0 ? ", " : "",
                                 kind->columns[c].column);
    if (tail != NULL && used < FACT_SQL_MAX)
        snprintf(sql + used, FACT_SQL_MAX - used, "%s", tail);
}

/* Reads every stored record of the kind's table into s->records. */
static int fact_load_records(fact_state *s, bf_error *err)
{
    char sql[FACT_SQL_MAX], tail[128], key[FACT_KEY_MAX];
    const char *values[FACT_COLUMNS_MAX];
    store_rows rows;
    snprintf(tail, sizeof tail, ", created_batch FROM %s", fact_kind_table(s->kind));
    fact_columns_sql(s->kind, "SELECT ", tail, sql);
    int rc = store_rows_open(s->st, sql, NULL, 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        for (int c = 0; c < s->kind->column_count; c++)
            values[c] = store_column_text(rows.stmt, c);
        if (fact_key_of(s->kind, values, key) != BF_OK)
            continue; /* no key of a list can be that long */
        rc = fact_record_add(s, strdup(key), fact_block_make(s->kind->column_count, values),
                             store_column_int64(rows.stmt, s->kind->column_count), 0);
        if (rc != BF_OK)
            bf_error_set(err, rc, NULL);
    }
    store_rows_close(&rows);
    return rc;
}

/* Whether a column of the kind has type. */
static int fact_kind_uses(const fact_kind *kind, fact_value_type type)
{
    for (int c = 0; c < kind->column_count; c++)
        if (kind->columns[c].type == type)
            return 1;
    return 0;
}

/* Reads the ID numbers of the registry (FACT_PERSON) and the organisation codes (FACT_ORG). */
static int fact_load_references(fact_state *s, bf_error *err)
{
    /* Whole tables: read in batches (a PostgreSQL cursor), not one result a row. */
    store_rows rows;
    int rc = BF_OK;
    if (fact_kind_uses(s->kind, FACT_PERSON)) {
        /* With a region limit, the people outside it are as if not registered. */
        char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
        const char *within = s->options->within;
        const char *range[] = {low, high};
        if (within != NULL)
            region_code_range(within, low, high);
        rc = store_rows_open(s->st,
                             within != NULL ? "SELECT id_number FROM people WHERE hukou_region >= "
                                              "? AND hukou_region < ?"
                                            : "SELECT id_number FROM people",
                             range, within != NULL ? 2 : 0, &rows, err);
        while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
            const char *id = store_column_text(rows.stmt, 0);
            uint64_t key = id != NULL ? int_map_key_from_digits(id, 17) : 0;
            rc = key != 0 ? int_map_set(&s->people, key, 1) : BF_OK;
            if (rc != BF_OK)
                bf_error_set(err, rc, NULL);
        }
        store_rows_close(&rows);
        if (rc != BF_OK)
            return rc;
    }
    if (fact_kind_uses(s->kind, FACT_ORG)) {
        rc = store_rows_open(s->st, "SELECT org_code, kind FROM orgs", NULL, 0, &rows, err);
        while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
            const char *kept = NULL;
            const char *code = store_column_text(rows.stmt, 0);
            const char *org_kind = store_column_text(rows.stmt, 1);
            rc = BF_OK;
            if (code == NULL)
                continue;
            int64_t value = 1;
            for (int c = 0; c < s->kind->column_count; c++) {
                const fact_column *column = &s->kind->columns[c];
                if (column->type == FACT_ORG && column->vocabulary != NULL && org_kind != NULL &&
                    strcmp(column->vocabulary, org_kind) == 0)
                    value |= (int64_t)1 << (1 + c);
            }
            rc = fact_strings_keep(&s->org_codes, code, &kept);
            if (rc == BF_OK)
                rc = string_map_insert(&s->orgs, kept, value, NULL);
            if (rc == BF_ECONFLICT)
                rc = BF_OK;
            if (rc != BF_OK)
                bf_error_set(err, rc, NULL);
        }
        store_rows_close(&rows);
    }
    return rc;
}

/*
 * Reads the records the FACT_RECORD column may name ("table.key" in its
 * vocabulary), each with the columns its FACT_DERIVED columns copy.
 */
static int fact_load_referenced(fact_state *s, bf_error *err)
{
    const fact_kind *kind = s->kind;
    char sql[FACT_SQL_MAX], table[64];
    const char *derived[FACT_COLUMNS_MAX];
    s->reference_column = -1;
    for (int c = 0; c < kind->column_count; c++)
        if (kind->columns[c].type == FACT_RECORD)
            s->reference_column = c;
    if (s->reference_column < 0)
        return BF_OK;
    const char *target = kind->columns[s->reference_column].vocabulary;
    const char *dot = strchr(target, '.');
    if (dot == NULL || (size_t)(dot - target) >= sizeof table)
        return bf_error_set(err, BF_EINVAL, "%s: bad reference '%s'", kind->name, target);
    snprintf(table, sizeof table, "%.*s", (int)(dot - target), target);
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT %s", dot + 1);
    for (int c = 0; c < kind->column_count && used < sizeof sql; c++)
        if (kind->columns[c].flags & FACT_DERIVED)
            used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s",
                                     kind->columns[c].vocabulary);
    if (used < sizeof sql)
        snprintf(sql + used, sizeof sql - used, " FROM %s", table);
    store_rows rows;
    int rc = store_rows_open(s->st, sql, NULL, 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        const char *key = store_column_text(rows.stmt, 0), *kept = NULL;
        rc = BF_OK;
        if (key == NULL)
            continue;
        int count = store_column_count(rows.stmt) - 1;
        for (int d = 0; d < count; d++)
            derived[d] = store_column_text(rows.stmt, 1 + d);
        rc = fact_strings_take(&s->reference_blocks, fact_block_make(count, derived));
        if (rc == BF_OK)
            rc = fact_strings_keep(&s->reference_keys, key, &kept);
        if (rc == BF_OK)
            rc = string_map_insert(&s->references, kept, (int64_t)s->reference_blocks.count - 1,
                                   NULL);
        if (rc != BF_OK)
            bf_error_set(err, rc, NULL);
    }
    store_rows_close(&rows);
    return rc;
}

/* Loads the list of every FACT_WORD column. */
static int fact_load_lists(fact_state *s, bf_error *err)
{
    for (int c = 0; c < s->kind->column_count; c++) {
        const fact_column *column = &s->kind->columns[c];
        if (column->type != FACT_WORD)
            continue;
        int rc = vocabulary_load_list(&s->lists[c], NULL, column->vocabulary, err);
        if (rc != BF_OK)
            return rc;
    }
    return BF_OK;
}

/* --- the header --------------------------------------------------------------------------- */

/*
 * The column of kind named text (its Chinese header or English alias; a
 * leading '*' of a template ignored, full-width brackets and blanks as their
 * ASCII forms), or -1.
 */
static int fact_column_find(const fact_kind *kind, const char *text)
{
    char folded[TABLE_CELL_MAX + 1], header[TABLE_CELL_MAX + 1];
    while (*text == '*')
        text++;
    halfwidth_fold(text, folded, sizeof folded);
    for (int c = 0; c < kind->column_count; c++) {
        const fact_column *column = &kind->columns[c];
        if (column->flags & FACT_DERIVED)
            continue;
        halfwidth_fold(column->header, header, sizeof header);
        if (strcmp(header, folded) == 0 || strcasecmp(column->alias, folded) == 0)
            return c;
        for (const char *synonym = column->synonyms; synonym != NULL && *synonym != '\0';) {
            size_t length = strcspn(synonym, "|");
            if (strlen(folded) == length && strncmp(synonym, folded, length) == 0)
                return c;
            synonym += length + (synonym[length] == '|');
        }
    }
    return -1;
}

/* The header test of table_reader: at least two cells naming columns of the kind. */
static int fact_header_usable(void *context, const table_row *row)
{
    const fact_kind *kind = context;
    int known = 0;
    for (int i = 0; i < row->count; i++)
        known += fact_column_find(kind, row->cells[i]) >= 0;
    return known >= 2;
}

/* The columns of the kind with flags, "证件号码/id_number、..." into out. */
static void fact_column_list(const fact_kind *kind, const int *column_of, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int c = 0; c < kind->column_count && used < size; c++) {
        const fact_column *column = &kind->columns[c];
        int required = (column->flags & FACT_REQUIRED) ||
                       ((column->flags & FACT_KEY) && !(column->flags & FACT_EMPTY_KEY));
        if ((column->flags & FACT_DERIVED) ||
            (column_of != NULL ? !required || column_of[c] >= 0 : !required))
            continue;
        used += (size_t)snprintf(out + used, size - used, "%s%s/%s", used > 0 ? "、" : "",
                                 column->header, column->alias);
    }
}

/* Reads the header row and maps it onto the kind's columns; unknown columns are ignored. */
static int fact_read_header(fact_state *s, bf_error *err)
{
    table_row row;
    const char *path = s->options->path;
    char list[1024];
    int rc = table_reader_next(s->reader, &row, err);
    if (rc == BF_DONE)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s：文件为空，没有表头", "%s: the file is empty, no header"),
                            path);
    if (rc != BF_ROW)
        return rc;
    for (int c = 0; c < FACT_COLUMNS_MAX; c++)
        s->column_of[c] = -1;
    rc = import_errors_open(path, s->options->errors_path, &row, &s->errors, err);
    if (rc != BF_OK)
        return rc;
    int known = 0;
    for (int i = 0; i < row.count; i++) {
        int c = fact_column_find(s->kind, row.cells[i]);
        if (c < 0)
            continue;
        if (s->column_of[c] >= 0)
            return bf_error_set(err, BF_EPARSE,
                                BF_TR("%s 第 %ld 行：表头“%s”重复（第 %d 列与第 %d 列）",
                                      "%s line %ld: header '%s' appears twice (columns %d and %d)"),
                                path, row.line, s->kind->columns[c].header, s->column_of[c] + 1,
                                i + 1);
        s->column_of[c] = i;
        known++;
    }
    if (known == 0) {
        fact_column_list(s->kind, NULL, list, sizeof list);
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s 第 %ld 行：没有可识别的%s表头（应有 %s 等列）",
                                  "%s line %ld: no usable header of a %s (expected %s, ...)"),
                            path, row.line, BF_TR(s->kind->title_zh, s->kind->title_en), list);
    }
    fact_column_list(s->kind, s->column_of, list, sizeof list);
    if (list[0] != '\0')
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s 第 %ld 行：表头缺少必需列 %s",
                                  "%s line %ld: the header lacks the required columns %s"),
                            path, row.line, list);
    return BF_OK;
}

/*
 * Checks one row and applies it to the records in memory: a new record, a
 * changed one (its old block kept for the history), or unchanged.  Returns
 * 1 when it is valid, 0 when it is rejected (s->reasons says why), or a
 * failure (< 0).
 */
static int fact_apply_row(fact_state *s, const table_row *row, bf_error *err)
{
    const fact_kind *kind = s->kind;
    const char *merged[FACT_COLUMNS_MAX];
    char key[FACT_KEY_MAX];
    int key_valid = 1;
    s->reasons.used = 0;
    s->reasons.text[0] = '\0';
    if (row->overflow != NULL)
        fact_row_reject(s, -1, "%s", row->overflow);
    for (int c = 0; c < kind->column_count; c++) {
        int index = s->column_of[c];
        const char *cell = index < 0 ? NULL : index < row->count ? row->cells[index] : "";
        int rc = fact_parse_cell(s, c, cell, err);
        if (rc < 0)
            return rc;
        s->cells[c] = (fact_cell)rc;
        if ((kind->columns[c].flags & FACT_KEY) && rc == FACT_CELL_BAD)
            key_valid = 0;
    }
    /* The columns copied from the record referred to: its value, cleared when it has none. */
    int referred = s->reference_column >= 0 && s->cells[s->reference_column] == FACT_CELL_VALUE;
    for (int c = 0, d = 0; c < kind->column_count; c++) {
        if (!(kind->columns[c].flags & FACT_DERIVED))
            continue;
        const char *value =
            referred ? fact_block_value(s->reference_blocks.texts[s->reference_index], d) : NULL;
        d++;
        if (!referred) {
            key_valid = key_valid && !(kind->columns[c].flags & FACT_KEY);
            continue;
        }
        s->cells[c] = value != NULL ? FACT_CELL_VALUE : FACT_CELL_CLEAR;
        snprintf(s->values[c], FACT_VALUE_MAX, "%s", value != NULL ? value : "");
    }
    /* A cleared column stores its fallback: a column that always holds a value (免费提供场地:
     * 否 when not said) is cleared to that value, not to NULL. */
    for (int c = 0; c < kind->column_count; c++)
        merged[c] = s->cells[c] == FACT_CELL_VALUE        ? s->values[c]
                    : (kind->columns[c].flags & FACT_KEY) ? ""
                                                          : kind->columns[c].fallback;
    if (key_valid && fact_key_of(kind, merged, key) == BF_OK) {
        const char *kept = NULL;
        int64_t earlier = 0;
        if (string_map_find(&s->seen, key, &earlier)) {
            fact_row_reject(s, -1,
                            BF_TR("与第 %" PRId64 " 行重复（关键列相同）",
                                  "the same as line %" PRId64 " (same key columns)"),
                            earlier);
        } else {
            int rc = fact_strings_keep(&s->seen_keys, key, &kept);
            if (rc == BF_OK)
                rc = string_map_insert(&s->seen, kept, row->line, NULL);
            if (rc != BF_OK)
                return bf_error_set(err, rc, NULL);
        }
    } else {
        key_valid = 0;
    }
    if (s->reasons.used > 0 || !key_valid)
        return 0;

    int64_t index = -1;
    fact_record *record = string_map_find(&s->record_of, key, &index) ? &s->records[index] : NULL;
    for (int c = 0; c < kind->column_count; c++) {
        if (s->cells[c] != FACT_CELL_KEEP || (kind->columns[c].flags & FACT_KEY))
            continue;
        merged[c] = record != NULL ? fact_block_value(record->block, c) : kind->columns[c].fallback;
    }
    fact_record_view view = {.values = merged, .reasons = &s->reasons};
    if (kind->check != NULL)
        kind->check(&view);
    if (s->reasons.used == 0 && kind->hooks != NULL && kind->hooks->row != NULL) {
        const char *stored[FACT_COLUMNS_MAX];
        for (int c = 0; record != NULL && c < kind->column_count; c++)
            stored[c] = fact_block_value(record->block, c);
        int rc = kind->hooks->row(s->hook_context, &view, record != NULL ? stored : NULL, err);
        if (rc != BF_OK)
            return rc;
    }
    if (s->reasons.used > 0)
        return 0;
    if (record == NULL) {
        int rc = fact_record_add(s, strdup(key), fact_block_make(kind->column_count, merged),
                                 s->batch, 1);
        if (rc != BF_OK)
            return bf_error_set(err, rc, NULL);
        s->result->inserted++;
        return 1;
    }
    int changed = 0;
    for (int c = 0; c < kind->column_count && !changed; c++)
        changed = !fact_value_equal(fact_block_value(record->block, c), merged[c]);
    if (!changed) {
        s->result->unchanged++;
        return 1;
    }
    char *block = fact_block_make(kind->column_count, merged);
    if (block == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    record->old_block = record->block;
    record->block = block;
    s->result->updated++;
    return 1;
}

/* Reads every row of the file after the header, applying the valid ones. */
static int fact_read_rows(fact_state *s, bf_error *err)
{
    table_row row;
    int rc;
    while ((rc = table_reader_next(s->reader, &row, err)) == BF_ROW) {
        if (++s->result->rows > s->max_rows)
            return bf_error_set(err, BF_ETOOBIG,
                                BF_TR("%s：数据行超过上限 %" PRId64
                                      " 行（设置 import.max_rows），未导入任何数据",
                                      "%s: more than %" PRId64
                                      " data rows (setting import.max_rows); nothing was imported"),
                                s->options->path, s->max_rows);
        rc = fact_apply_row(s, &row, err);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            if (++s->result->rejected > s->max_rejected)
                return bf_error_set(
                    err, BF_ETOOBIG,
                    BF_TR("%s：被拒绝的行超过上限 %" PRId64
                          " 行（设置 import.max_rejected），导入已停止，未导入任何数据；"
                          "请检查文件是否选对、表头是否正确",
                          "%s: more than %" PRId64
                          " rows rejected (setting import.max_rejected); the import stopped "
                          "and nothing was imported: is it the right file, with the right "
                          "header?"),
                    s->options->path, s->max_rejected);
            rc = import_errors_add(s->errors, &row, s->reasons.text, err);
            if (rc != BF_OK)
                return rc;
        }
        if (s->result->rows % FACT_PROGRESS_EVERY == 0)
            progress_update(s->options->progress, PROGRESS_READING, s->result->rows,
                            table_reader_progress(s->reader));
    }
    return rc == BF_DONE ? BF_OK : rc;
}

/* --- the run ------------------------------------------------------------------------------ */

/* Frees what the state holds (not the state). */
static void fact_state_free(fact_state *s)
{
    for (size_t r = 0; r < s->record_count; r++) {
        free(s->records[r].key);
        free(s->records[r].block);
        free(s->records[r].old_block);
    }
    free(s->records);
    string_map_free(&s->record_of);
    string_map_free(&s->seen);
    fact_strings_free(&s->seen_keys);
    string_map_free(&s->orgs);
    fact_strings_free(&s->org_codes);
    string_map_free(&s->references);
    fact_strings_free(&s->reference_keys);
    fact_strings_free(&s->reference_blocks);
    int_map_free(&s->people);
    for (int c = 0; c < FACT_COLUMNS_MAX; c++)
        if (s->lists[c].word_texts != NULL)
            vocabulary_free(&s->lists[c]);
    region_set_free(s->regions);
    if (s->reader != NULL)
        table_reader_close(s->reader);
}

/* Everything before the rows: the file, its header, the lists, the caps, the stored facts. */
static int fact_prepare(fact_state *s, bf_error *err)
{
    const import_people_options *options = s->options;
    char list[1024], hint[1200];
    fact_column_list(s->kind, NULL, list, sizeof list);
    snprintf(hint, sizeof hint, BF_TR("：应有 %s 等列", "; expected %s, ..."), list);
    table_reader_options find = {.sheet = options->sheet,
                                 .separator = options->separator,
                                 .header_usable = fact_header_usable,
                                 .header_context = (void *)s->kind,
                                 .header_hint = hint};
    int rc = table_reader_open_with(options->path, &find, &s->reader, err);
    if (rc == BF_OK)
        rc = fact_read_header(s, err);
    if (rc == BF_OK)
        rc = fact_load_lists(s, err);
    if (rc != BF_OK)
        return rc;
    if (region_set_new(&s->regions) != BF_OK)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int64_t any_region = 0;
    rc = store_query_int64(s->st, "SELECT 1 FROM regions LIMIT 1", NULL, 0, &any_region);
    if (rc != BF_OK)
        return store_error_set(s->st, rc, err);
    if (any_region == 0 && fact_kind_uses(s->kind, FACT_REGION))
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("区划表为空，无法核对区划代码：请先运行 bangfu init",
                                  "the region table is empty, region codes cannot be checked: "
                                  "run bangfu init first"));
    rc = import_batch_cap(s->st, options->max_rows, "import.max_rows", IMPORT_ROWS_MAX,
                          &s->max_rows, err);
    if (rc == BF_OK)
        rc = import_batch_cap(s->st, options->max_rejected, "import.max_rejected",
                              IMPORT_REJECTED_MAX, &s->max_rejected, err);
    return rc;
}

int import_facts(store *st, const fact_kind *kind, const import_people_options *options,
                 import_people_result *result, bf_error *err)
{
    fact_state *s = calloc(1, sizeof *s);
    int rc = BF_OK, began = 0;
    memset(result, 0, sizeof *result);
    if (s == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    s->st = st;
    s->kind = kind;
    s->options = options;
    s->result = result;
    s->reasons.kind = kind;
    s->today = date_today();
    date_now_timestamp(s->now);
    if (kind->column_count > FACT_COLUMNS_MAX) {
        rc = bf_error_set(err, BF_EINVAL, "%s: more than %d columns", kind->name, FACT_COLUMNS_MAX);
        goto out;
    }
    rc = fact_prepare(s, err);
    if (rc != BF_OK)
        goto out;
    rc = import_batch_begin(st, options, err);
    if (rc != BF_OK)
        goto out;
    began = 1;
    rc = import_batch_insert(st, kind->name,
                             options->source != NULL ? options->source : options->path, s->now,
                             &s->batch, err);
    snprintf(s->batch_text, sizeof s->batch_text, "%" PRId64, s->batch);
    if (rc == BF_OK)
        rc = fact_load_records(s, err);
    if (rc == BF_OK)
        rc = fact_load_references(s, err);
    if (rc == BF_OK)
        rc = fact_load_referenced(s, err);
    if (rc == BF_OK && kind->hooks != NULL && kind->hooks->open != NULL)
        rc = kind->hooks->open(st, &s->hook_context, err);
    if (rc == BF_OK)
        rc = fact_read_rows(s, err);
    if (rc != BF_OK)
        goto out;
    progress_update(options->progress, PROGRESS_READING, result->rows, 1.0);
    progress_update(options->progress, PROGRESS_WRITING, result->inserted + result->updated, -1.0);
    rc = fact_write_new(s, err);
    if (rc == BF_OK)
        rc = fact_write_changed(s, err);
    if (rc == BF_OK)
        rc = fact_write_removed(s, err);
    if (rc == BF_OK)
        rc = fact_write_history(s, err);
    if (rc == BF_OK && kind->hooks != NULL && kind->hooks->write != NULL)
        rc = kind->hooks->write(s->hook_context, s->batch, s->now, err);
    if (rc == BF_OK)
        rc = import_batch_end(st, s->batch, s->errors, options->progress, result, err);
out:
    if (rc != BF_OK) {
        if (began)
            store_rollback(st);
        result->errors_path[0] = '\0';
    }
    import_errors_close(s->errors, rc == BF_OK);
    if (kind->hooks != NULL && kind->hooks->close != NULL)
        kind->hooks->close(s->hook_context);
    fact_state_free(s);
    free(s);
    if (rc != BF_OK && err != NULL && err->code == BF_OK)
        bf_error_set(err, rc, "%s: %s", options->path, bf_strerror(rc));
    return rc;
}
