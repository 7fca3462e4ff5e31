/*
 * json_mutation.h - one random edit of a JSON text, for the randomized tests
 * that hold the stream and json_node to jansson (test_situation,
 * test_json_node): a few bytes cut, or one of the caller's insertions put in
 * or written over a byte.
 */
#ifndef BANGFU_TESTS_JSON_MUTATION_H
#define BANGFU_TESTS_JSON_MUTATION_H

#include <stdlib.h>
#include <string.h>

/*
 * Edits text (length bytes, room for the longest insertion more; a NUL after
 * it is kept when there is one) in place; returns the new length.
 */
static size_t json_mutate(char *text, size_t length, unsigned *seed, const char *const *insertions,
                          size_t insertion_count)
{
    size_t at = (size_t)rand_r(seed) % (length + 1);
    int kind = rand_r(seed) % 3;
    if (kind == 0 && at < length) {
        size_t cut = 1 + (size_t)rand_r(seed) % 3;
        if (cut > length - at)
            cut = length - at;
        memmove(text + at, text + at + cut, length - at - cut);
        text[length - cut] = '\0';
        return length - cut;
    }
    const char *insert = insertions[(size_t)rand_r(seed) % insertion_count];
    size_t n = strlen(insert);
    size_t replaced = kind == 2 && at < length ? 1 : 0;
    memmove(text + at + n, text + at + replaced, length - at - replaced);
    memcpy(text + at, insert, n);
    text[length + n - replaced] = '\0';
    return length + n - replaced;
}

#endif
