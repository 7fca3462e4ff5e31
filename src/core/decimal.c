/* decimal.c - see decimal.h. */
#include "core/decimal.h"

#include <string.h>

size_t decimal_format(long long value, char out[DECIMAL_TEXT_MAX])
{
    char digits[DECIMAL_TEXT_MAX];
    size_t at = sizeof digits;
    unsigned long long magnitude =
        value < 0 ? 0 - (unsigned long long)value : (unsigned long long)value;
    do {
        digits[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (value < 0)
        digits[--at] = '-';
    size_t length = sizeof digits - at;
    memcpy(out, digits + at, length);
    out[length] = '\0';
    return length;
}
