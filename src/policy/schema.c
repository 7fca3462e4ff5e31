/* schema.c - field value forms shared by the policy loader and the situation parser. */
#include "policy/schema.h"

#include "core/date.h"
#include "core/error.h"
#include "policy/population.h"

#include <stdio.h>
#include <string.h>

int schema_key_known(const char *const *allowed, const char *key)
{
    for (int i = 0; allowed[i] != NULL; i++)
        if (strcmp(allowed[i], key) == 0)
            return 1;
    return 0;
}

void schema_path_join(char *out, size_t size, const char *base, const char *key)
{
    /* by hand, not snprintf: the situation reader joins a path for every list of every person */
    const char *parts[3] = {base, base[0] != '\0' ? "." : "", key};
    size_t used = 0;
    for (int i = 0; i < 3; i++) {
        size_t length = strlen(parts[i]);
        if (length > size - 1 - used)
            length = size - 1 - used;
        memcpy(out + used, parts[i], length);
        used += length;
    }
    out[used] = '\0';
}

int schema_day(const char *text, int32_t *day)
{
    bf_date date;
    if (text == NULL || date_parse(text, &date) != BF_OK)
        return BF_EINVAL;
    *day = (int32_t)date_to_days(date);
    return BF_OK;
}

int schema_region(const char *text, int64_t *code)
{
    int64_t parsed = text != NULL ? population_region_parse(text) : 0;
    if (parsed == 0)
        return BF_EINVAL;
    *code = parsed;
    return BF_OK;
}
