/* excel_number.c - the scientific notation Excel writes for long digit codes. */
#include "core/excel_number.h"

#include <string.h>

int excel_number_notation(const char *text)
{
    const char *exponent = strpbrk(text, "Ee");
    if (exponent == NULL || exponent[1] != '+' || strchr(text, '.') == NULL)
        return 0;
    for (const char *p = text; *p != '\0'; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == 'E' || *p == 'e' || *p == '+'))
            return 0;
    return 1;
}
