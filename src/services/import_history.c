/* import_history.c - see import_history.h. */
#include "services/import_history.h"

#include "core/int_map.h"
#include "services/import_sorted.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Columns of person_history written per changed field. */
#define IMPORT_HISTORY_COLUMNS 6
/* Of those, the ones kept per row (ID number, field, old and new value): batch and time are
 * the same for all. */
#define IMPORT_HISTORY_KEPT 4

struct import_history {
    char batch[24];                         /* the batch, as text */
    char changed_at[BF_TIMESTAMP_TEXT_MAX]; /* stamped on every row */
    import_sorted *rows;                    /* IMPORT_HISTORY_KEPT values each */
    store_bulk *bulk;                       /* the bulk load, while it runs */
};

int import_history_new(int64_t batch, const char *changed_at, import_history **out)
{
    *out = NULL;
    import_history *history = calloc(1, sizeof *history);
    if (history == NULL || import_sorted_new(IMPORT_HISTORY_KEPT, &history->rows) != BF_OK) {
        free(history);
        return BF_ENOMEM;
    }
    snprintf(history->batch, sizeof history->batch, "%" PRId64, batch);
    snprintf(history->changed_at, sizeof history->changed_at, "%s", changed_at);
    *out = history;
    return BF_OK;
}

int import_history_add(import_history *history, const person *old, const person *updated,
                       unsigned changed)
{
    uint64_t key = int_map_key_from_digits(updated->id_number, 17);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        if (!(changed & (1u << f)))
            continue;
        const char *before = old->values[f] != NULL && old->values[f][0] ? old->values[f] : NULL;
        const char *after =
            updated->values[f] != NULL && updated->values[f][0] ? updated->values[f] : NULL;
        const char *row[IMPORT_HISTORY_KEPT] = {
            updated->id_number, person_field_column((person_field)f), before, after};
        if (import_sorted_add(history->rows, key, row) != BF_OK)
            return BF_ENOMEM;
    }
    return BF_OK;
}

/* One kept row with the batch and time of all: a row of person_history's bulk load. */
static int import_history_row(void *context, uint64_t key, const char *const *kept)
{
    import_history *history = context;
    (void)key;
    const char *values[IMPORT_HISTORY_COLUMNS] = {kept[0], history->batch, kept[1],
                                                  kept[2], kept[3],        history->changed_at};
    return store_bulk_row(history->bulk, values);
}

int import_history_write(import_history *history, store *st)
{
    static const char *const columns[IMPORT_HISTORY_COLUMNS] = {
        "id_number", "batch_id", "field", "old_value", "new_value", "changed_at"};
    if (import_sorted_count(history->rows) == 0)
        return BF_OK;
    int rc =
        store_bulk_begin(st, "person_history", columns, IMPORT_HISTORY_COLUMNS, &history->bulk);
    if (rc != BF_OK)
        return rc;
    const char *failed = NULL;
    rc = import_sorted_each(history->rows, import_history_row, history, &failed);
    int ended = store_bulk_end(history->bulk, rc == BF_OK);
    history->bulk = NULL;
    return rc == BF_OK ? ended : rc;
}

void import_history_free(import_history *history)
{
    if (history == NULL)
        return;
    import_sorted_free(history->rows);
    free(history);
}
