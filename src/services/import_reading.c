/* import_reading.c - the reading thread of a people import: the header, each row checked, the
 * valid rows kept in runs or chunks for the storing thread (import_people_private.h). */
#include "services/import_people_private.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/*
 * The header test of table_reader: a row with at least two cells naming
 * columns of person_columns[] (a title row above the header names none).
 */
int import_header_usable(void *context, const table_row *row)
{
    (void)context;
    int known = 0;
    for (int i = 0; i < row->count; i++)
        known += person_column_find(row->cells[i]) >= 0;
    return known >= 2;
}

/* True when text holds a digit (ASCII or full-width ０-９, EF BC 90..99). */
static int import_has_digit(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        if ((*p >= '0' && *p <= '9') ||
            (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99))
            return 1;
    return 0;
}

/*
 * A note below (or within) the list: "注：…", "填表人：张三 | 审核人：李四",
 * "合计：120人" hold no digit in the ID number and region cells and leave the
 * category empty.  Such a row describes no person: it is skipped (and
 * counted, and its line said), not rejected.
 */
static int import_is_note(const import_state *s, const table_row *row)
{
    int c_id = 1, c_region = 3, c_category = 6;
    const char *id = import_row_cell(&s->rules, row, c_id);
    const char *region = import_row_cell(&s->rules, row, c_region);
    const char *category = import_row_cell(&s->rules, row, c_category);
    return (id == NULL || !import_has_digit(id)) && (region == NULL || !import_has_digit(region)) &&
           (category == NULL || category[0] == '\0');
}

/*
 * Reads the header row and maps it onto person_columns[].  Unknown columns
 * are kept (they go back into the error file) but ignored.  Fails when the
 * file is empty, a column appears twice, or a required column is missing.
 */
int import_read_header(import_state *s, bf_error *err)
{
    table_row row;
    const char *path = s->options->path;
    int rc = table_reader_next(s->reader, &row, err);
    if (rc == BF_DONE)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s：文件为空，没有表头", "%s: the file is empty, no header"),
                            path);
    if (rc != BF_ROW)
        return rc;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        s->rules.column_of[c] = -1;
    rc = import_errors_open(path, s->options->errors_path, &row, &s->errors, err);
    if (rc != BF_OK)
        return rc;
    int known = 0;
    for (int i = 0; i < row.count; i++) {
        int c = person_column_find(row.cells[i]);
        if (c < 0)
            continue;
        if (s->rules.column_of[c] >= 0)
            return bf_error_set(err, BF_EPARSE,
                                BF_TR("%s 第 %ld 行：表头“%s”重复（第 %d 列与第 %d 列）",
                                      "%s line %ld: header '%s' appears twice (columns %d and %d)"),
                                path, row.line, person_columns[c].header, s->rules.column_of[c] + 1,
                                i + 1);
        s->rules.column_of[c] = i;
        known++;
    }
    if (known == 0)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 第 %ld 行：没有可识别的表头（应有 姓名、证件号码、户籍地区划代码、帮扶类别 "
                  "等列）",
                  "%s line %ld: no usable header (expected 姓名/name, 证件号码/id_number, "
                  "户籍地区划代码/hukou_region, 帮扶类别/category, ...)"),
            path, row.line);
    char missing[512] = "";
    size_t used = 0;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        if (person_columns[c].required && s->rules.column_of[c] < 0 && used < sizeof missing)
            used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s/%s",
                                     used > 0 ? "、" : "", person_columns[c].header,
                                     person_columns[c].alias);
    if (used > 0)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s 第 %ld 行：表头缺少必需列 %s",
                                  "%s line %ld: the header lacks the required columns %s"),
                            path, row.line, missing);
    return BF_OK;
}

/* The key of a row kept in a run (import_stash_row says why): its village, else its ID number. */
static uint64_t import_stash_key(const person *p)
{
    const char *region = p->values[PERSON_HUKOU_REGION];
    size_t length = region != NULL && region != import_row_clear ? strlen(region) : 0;
    uint64_t key = length > 0 && length <= 12 ? int_map_key_from_digits(region, length) : 0;
    if (key == 0)
        return int_map_key_from_digits(p->id_number, 17); /* from 10^16: after every village */
    while (length++ < 12)
        key *= 10; /* a county's 370811 is 370811000000, before its towns and villages */
    return key;
}

/* Rows of the run the reading thread keeps: looked up or not. */
static size_t import_run_rows(const import_state *s)
{
    return import_sorted_count(s->stash) + (size_t)s->settled +
           (s->prepared != NULL ? import_sorted_count(s->prepared) : 0);
}

/*
 * Reading thread, once the registry is in memory (import_known_loader_ready): finds the row's
 * person there and keeps only what the storing thread must write.  An unchanged person is
 * counted here; a changed one is kept in s->prepared under their place in the registry (its
 * table order, which the updates then follow) with the fields that changed, its stored
 * values staying in the registry's copy: the storing thread, the import's bottleneck, no
 * longer looks them up, nor copies them (1M people re-imported: 5.6 -> 5.3 s).  Each ID
 * number comes once in a file, so what the registry held before the import is what the
 * person holds when the row is written.  *kept: 1 when kept or counted, 0 for a person the
 * registry does not hold (a new one: the run's other rows).  Returns BF_OK, or the failure
 * that stops the import (in s->read_error).
 */
static int import_stash_prepared(import_state *s, const import_known *known, const person *p,
                                 int *kept)
{
    const char *values[PERSON_FIELD_COUNT + 1];
    char mask_text[16];
    unsigned mask = 0;
    int64_t index = import_known_index(known, p->id_number);
    *kept = index >= 0;
    if (index < 0)
        return BF_OK;
    person old;
    import_known_at(known, index, &old);
    int rc = import_check_within(s, &old, &s->read_error);
    if (rc != BF_OK)
        return rc;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *value = p->values[f];
        values[f + 1] = NULL;
        if (value == NULL || (value != import_row_clear && value[0] == '\0'))
            continue; /* kept as stored */
        if (value == import_row_clear)
            value = NULL;
        if (person_value_equal(old.values[f], value))
            continue;
        mask |= 1u << f;
        values[f + 1] = value;
    }
    if (mask == 0) {
        s->unchanged_read++;
        s->settled++;
        return BF_OK;
    }
    snprintf(mask_text, sizeof mask_text, "%u", mask);
    values[0] = mask_text;
    if ((s->prepared == NULL && import_sorted_new(PERSON_FIELD_COUNT + 1, &s->prepared) != BF_OK) ||
        import_sorted_add(s->prepared, (uint64_t)index, values) != BF_OK)
        return bf_error_set(&s->read_error, BF_ENOMEM, NULL);
    return BF_OK;
}

/*
 * Reading thread: keeps a valid row (SQLite) in the run of rows to be
 * inserted, or looked up and written, in the order of its key: the person's
 * village (户籍地区划代码; a row without one by ID number, after the others).
 * - The inserts into the ID numbers' b-tree come county by county (an ID
 *   number's first six digits are mostly the county of its hukou), each
 *   county's pages in the page cache while they are written.  In file order a
 *   million inserts, look-ups and updates land on random pages of b-trees the
 *   page cache does not hold.
 * - The people table is stored village by village: the builds of its two
 *   secondary indexes (village, household) read rows already in their order
 *   (1M people: 2.1 s -> 1.2 s, and the storing thread's CPU 7.0 s -> 5.8 s,
 *   against ID number order), and a village's people sit on adjacent pages.
 * A value to clear is kept as the marker's text (a new
 * person's, into an empty registry, as none).  Into an empty registry every
 * row is a new person, counted here in the summary, off the storing thread
 * (which touches the counts only once this one has ended).  Returns as
 * import_stash_hand_over().
 */
static int import_stash_row(import_state *s, const person *p)
{
    const char *values[PERSON_FIELD_COUNT + 1];
    const import_known *known = s->bulk_started ? NULL : import_known_loader_ready(s->loader);
    int kept = 0;
    if (known != NULL) {
        int rc = import_stash_prepared(s, known, p, &kept);
        if (rc != BF_OK)
            return rc;
        if (kept)
            goto kept;
    }
    values[0] = p->id_number;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *value = p->values[f];
        values[f + 1] = value == import_row_clear   ? (s->bulk_started ? NULL : import_row_clear)
                        : value != NULL && value[0] ? value
                                                    : NULL;
    }
    if (import_sorted_add(s->stash, import_stash_key(p), values) != BF_OK)
        return bf_error_set(&s->read_error, BF_ENOMEM, NULL);
    if (s->bulk_started)
        people_counts_added(s->counts, values + 1);
kept:
    if (import_run_rows(s) < s->stash_rows)
        return BF_OK;
    s->stash_rows = s->stash_rows * 2 < s->stash_rows_max ? s->stash_rows * 2 : s->stash_rows_max;
    return import_stash_hand_over(s, 0);
}

/*
 * The reading thread: reads and validates every row, writes the rejected
 * ones to the error file and hands the valid ones over in chunks.  Its
 * outcome is s->read_rc and s->read_error.
 */
void *import_read_rows(void *context)
{
    import_state *s = context;
    import_pipeline *pipeline = &s->pipeline;
    import_chunk *chunk = NULL;
    table_row row;
    int rc;
    int counted_here = s->bulk_started && s->stash != NULL; /* import_stash_row counts */
    /* Asked to read the registry: every known person's row then goes that way (the tests
     * know which way they test); otherwise rows do not wait for it. */
    if (s->options->read_registry > 0)
        import_known_loader_wait(s->loader);
    while ((rc = table_reader_next(s->reader, &row, &s->read_error)) == BF_ROW) {
        if (row.overflow == NULL && import_is_note(s, &row)) {
            if (s->result->notes++ == 0)
                s->result->first_note_line = row.line;
            continue;
        }
        if (++s->result->rows > s->max_rows) {
            rc = bf_error_set(&s->read_error, BF_ETOOBIG,
                              BF_TR("%s：超过单次导入的上限 %" PRId64
                                    " 行（设置 import.max_rows），未导入任何数据",
                                    "%s: more than the %" PRId64
                                    " rows one import takes (setting import.max_rows); nothing "
                                    "was imported"),
                              s->options->path, s->max_rows);
            break;
        }
        int valid = import_row_check(&s->rules, &row, &s->row);
        if (valid < 0) {
            rc = s->read_error.code != BF_OK ? valid : bf_error_set(&s->read_error, valid, NULL);
            break;
        }
        if (valid == 0) {
            if (++s->result->rejected > s->max_rejected) {
                rc = bf_error_set(
                    &s->read_error, BF_ETOOBIG,
                    BF_TR("%s：被拒绝的行超过上限 %" PRId64
                          " 行（设置 import.max_rejected），导入已停止，未导入任何数据；"
                          "请检查文件是否选对、表头是否正确",
                          "%s: more than %" PRId64
                          " rows rejected (setting import.max_rejected); the import "
                          "stopped and nothing was imported: is it the right file, "
                          "with the right header?"),
                    s->options->path, s->max_rejected);
                break;
            }
            rc = import_errors_add(s->errors, &row, s->row.reason, &s->read_error);
            if (rc != BF_OK)
                break;
        } else if (s->stash != NULL) {
            rc = import_stash_row(s, &s->row.person);
            if (rc != BF_OK)
                break; /* BF_DONE: the storer failed and says why */
        } else {
            if (chunk == NULL && (chunk = import_pipeline_take_free(pipeline)) == NULL) {
                rc = BF_OK; /* the storer failed and says why */
                break;
            }
            rc = import_chunk_add(chunk, &s->row.person);
            if (rc != BF_OK) {
                bf_error_set(&s->read_error, rc, NULL);
                break;
            }
            if (chunk->count == IMPORT_CHUNK_ROWS) {
                import_pipeline_give_full(pipeline, chunk);
                chunk = NULL;
            }
        }
        if (s->result->rows % IMPORT_PROGRESS_EVERY == 0)
            progress_update(s->options->progress, PROGRESS_READING, s->result->rows,
                            table_reader_progress(s->reader));
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    if (rc == BF_OK && s->stash != NULL && import_run_rows(s) > 0)
        import_stash_hand_over(s, 1); /* BF_DONE: the storer failed and says why */
    /* Counted here (import_stash_row): sorted while the storer writes the last run. */
    if (rc == BF_OK && counted_here)
        people_counts_households_finish(s->counts);
    if (chunk != NULL) {
        if (rc == BF_OK)
            import_pipeline_give_full(pipeline, chunk);
        else
            import_pipeline_give_free(pipeline, chunk);
    }
    s->read_rc = rc;
    import_pipeline_finish(pipeline, 1);
    return NULL;
}
