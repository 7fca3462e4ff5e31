/* import_sorted.c - rows kept in blocks of text and written in key order. */
#include "services/import_sorted.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of one block of row text (a row longer than that gets a block of its own). */
#define IMPORT_SORTED_BLOCK (8u << 20)

/* A row: its key and where its text starts. */
typedef struct sorted_row {
    uint64_t key;
    uint32_t block;
    uint32_t offset;
} sorted_row;

/*
 * A row's text is its values one after the other, each a tag byte ('v' a
 * value, 'n' NULL) and the value's text with its terminating NUL.
 */
struct import_sorted {
    int columns;
    sorted_row *rows;
    size_t count, capacity;
    char **blocks; /* owned, each owned */
    size_t *block_used;
    size_t *block_size;
    uint32_t block_count, block_capacity;
};

int import_sorted_new(int columns, import_sorted **out)
{
    *out = NULL;
    if (columns < 1 || columns > IMPORT_SORTED_COLUMNS_MAX)
        return BF_EINVAL;
    import_sorted *sorted = calloc(1, sizeof *sorted);
    if (sorted == NULL)
        return BF_ENOMEM;
    sorted->columns = columns;
    *out = sorted;
    return BF_OK;
}

size_t import_sorted_count(const import_sorted *sorted)
{
    return sorted->count;
}

/* A new block of at least size bytes, made the current one; BF_ENOMEM. */
static int sorted_block_add(import_sorted *sorted, size_t size)
{
    if (sorted->block_count == sorted->block_capacity) {
        uint32_t capacity = sorted->block_capacity > 0 ? 2 * sorted->block_capacity : 16;
        char **blocks = realloc(sorted->blocks, capacity * sizeof *blocks);
        if (blocks == NULL)
            return BF_ENOMEM;
        sorted->blocks = blocks;
        size_t *used = realloc(sorted->block_used, capacity * sizeof *used);
        if (used == NULL)
            return BF_ENOMEM;
        sorted->block_used = used;
        size_t *sizes = realloc(sorted->block_size, capacity * sizeof *sizes);
        if (sizes == NULL)
            return BF_ENOMEM;
        sorted->block_size = sizes;
        sorted->block_capacity = capacity;
    }
    if (size < IMPORT_SORTED_BLOCK)
        size = IMPORT_SORTED_BLOCK;
    char *block = malloc(size);
    if (block == NULL)
        return BF_ENOMEM;
    sorted->blocks[sorted->block_count] = block;
    sorted->block_used[sorted->block_count] = 0;
    sorted->block_size[sorted->block_count] = size;
    sorted->block_count++;
    return BF_OK;
}

int import_sorted_add(import_sorted *sorted, uint64_t key, const char *const *values)
{
    size_t lengths[IMPORT_SORTED_COLUMNS_MAX] = {0}, need = 0;
    for (int i = 0; i < sorted->columns; i++) {
        lengths[i] = values[i] != NULL ? strlen(values[i]) : 0;
        need += 2 + lengths[i];
    }
    uint32_t b = sorted->block_count;
    if (b == 0 || sorted->block_size[b - 1] - sorted->block_used[b - 1] < need) {
        int rc = sorted_block_add(sorted, need);
        if (rc != BF_OK)
            return rc;
        b = sorted->block_count;
    }
    if (sorted->count == sorted->capacity) {
        size_t capacity = sorted->capacity > 0 ? 2 * sorted->capacity : 4096;
        sorted_row *rows = realloc(sorted->rows, capacity * sizeof *rows);
        if (rows == NULL)
            return BF_ENOMEM;
        sorted->rows = rows;
        sorted->capacity = capacity;
    }
    size_t offset = sorted->block_used[b - 1];
    char *text = sorted->blocks[b - 1] + offset;
    for (int i = 0; i < sorted->columns; i++) {
        *text++ = values[i] != NULL ? 'v' : 'n';
        memcpy(text, values[i] != NULL ? values[i] : "", lengths[i] + 1);
        text += lengths[i] + 1;
    }
    sorted->block_used[b - 1] = offset + need;
    sorted->rows[sorted->count++] = (sorted_row){key, b - 1, (uint32_t)offset};
    return BF_OK;
}

/* Sorts rows by key (stable): least significant byte first, skipping bytes all keys share. */
static void sorted_radix(sorted_row *rows, sorted_row *scratch, size_t count)
{
    for (int shift = 0; shift < 64; shift += 8) {
        size_t offsets[256] = {0};
        for (size_t i = 0; i < count; i++)
            offsets[(rows[i].key >> shift) & 0xFF]++;
        if (offsets[(rows[0].key >> shift) & 0xFF] == count)
            continue;
        size_t sum = 0;
        for (int d = 0; d < 256; d++) {
            size_t n = offsets[d];
            offsets[d] = sum;
            sum += n;
        }
        for (size_t i = 0; i < count; i++)
            scratch[offsets[(rows[i].key >> shift) & 0xFF]++] = rows[i];
        memcpy(rows, scratch, count * sizeof *rows);
    }
}

int import_sorted_each(import_sorted *sorted, import_sorted_row row, void *context,
                       const char **failed_first)
{
    const char *values[IMPORT_SORTED_COLUMNS_MAX];
    *failed_first = NULL;
    if (sorted->count == 0)
        return BF_OK;
    sorted_row *scratch = malloc(sorted->count * sizeof *scratch);
    if (scratch == NULL)
        return BF_ENOMEM;
    sorted_radix(sorted->rows, scratch, sorted->count);
    free(scratch);
    int rc = BF_OK;
    for (size_t r = 0; rc == BF_OK && r < sorted->count; r++) {
        const char *text = sorted->blocks[sorted->rows[r].block] + sorted->rows[r].offset;
        for (int i = 0; i < sorted->columns; i++) {
            values[i] = text[0] == 'v' ? text + 1 : NULL;
            text += 2 + strlen(text + 1);
        }
        rc = row(context, sorted->rows[r].key, values);
        if (rc != BF_OK)
            *failed_first = values[0];
    }
    if (rc != BF_OK)
        return rc;
    for (uint32_t b = 0; b < sorted->block_count; b++)
        free(sorted->blocks[b]);
    sorted->block_count = 0;
    sorted->count = 0;
    return BF_OK;
}

void import_sorted_free(import_sorted *sorted)
{
    if (sorted == NULL)
        return;
    for (uint32_t b = 0; b < sorted->block_count; b++)
        free(sorted->blocks[b]);
    free(sorted->blocks);
    free(sorted->block_used);
    free(sorted->block_size);
    free(sorted->rows);
    free(sorted);
}
