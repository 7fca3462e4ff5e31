/*
 * halfwidth.h - full-width ASCII forms (Ｕ+FF01..Ｕ+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ,
 * （, －, ...) and the ideographic space folded to plain ASCII.
 *
 * Chinese input methods type ID numbers, codes and phone numbers in
 * full-width form as easily as in ASCII; both mean the same number, so codes
 * are folded before they are checked and stored.  Everything else (Chinese
 * text, other symbols) is copied unchanged.
 */
#ifndef BANGFU_CORE_HALFWIDTH_H
#define BANGFU_CORE_HALFWIDTH_H

#include <stddef.h>

/*
 * Copies text into out (size bytes) with full-width ASCII forms and U+3000
 * folded to ASCII.  The result is never longer than text.  Returns BF_OK, or
 * BF_ETOOBIG when it does not fit (out then holds a cut, terminated copy).
 */
int halfwidth_fold(const char *text, char *out, size_t size);

#endif
