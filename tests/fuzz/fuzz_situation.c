/*
 * fuzz_situation.c - the calc situation JSON parser (situation_parse_text).
 */
#include "core/error.h"
#include "policy/situation.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    situation *s = NULL;
    if (situation_parse_text((const char *)data, size, &s, &err) == BF_OK) {
        assert(s != NULL);
        assert(s->month_from <= s->month_to);
    }
    situation_free(s);
    return 0;
}
