/* halfwidth.c - folding full-width ASCII forms to ASCII. */
#include "core/halfwidth.h"

#include "core/error.h"

int halfwidth_fold(const char *text, char *out, size_t size)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t used = 0;
    if (size == 0)
        return BF_ETOOBIG;
    while (*p != '\0') {
        unsigned char c = *p;
        size_t take = 1;
        /* U+FF01..U+FF5E is EF BC 81..EF BC BF and EF BD 80..EF BD 9E in UTF-8. */
        if (c == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) {
            c = (unsigned char)(p[2] - 0x81 + 0x21);
            take = 3;
        } else if (c == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E) {
            c = (unsigned char)(p[2] - 0x80 + 0x60);
            take = 3;
        } else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            c = ' '; /* U+3000 ideographic space */
            take = 3;
        }
        if (used + 1 >= size) {
            out[used] = '\0';
            return BF_ETOOBIG;
        }
        out[used++] = (char)c;
        p += take;
    }
    out[used] = '\0';
    return BF_OK;
}
