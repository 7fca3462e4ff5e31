/*
 * phone.h - telephone numbers as officers write them in lists, and their
 * one stored (canonical) form.
 *
 * Accepted, after an optional "+86" or "0086" prefix, with full-width
 * digits, blanks, '-' and parentheses anywhere between the digit groups
 * ("138 5371 2345", "0537-1234567", "(0537)1234567", "１３８５３７１２３４５"):
 *  - a mobile number: 1[3-9] and 9 more digits, stored as its 11 digits;
 *  - a landline: the area code with its leading 0 (after "+86" it may be
 *    dropped, as international notation does), 7 or 8 digits, and an optional
 *    extension of 1-6 digits in a group of its own.  Stored as AREA-NUMBER or
 *    AREA-NUMBER-EXTENSION; the area code is 010 or 02X (three digits) or
 *    four digits (0537), as the national numbering plan assigns them, so a
 *    number written without separators splits the one way it can.
 */
#ifndef BANGFU_REGISTRY_PHONE_H
#define BANGFU_REGISTRY_PHONE_H

/* Longest canonical number plus its terminator: "0537-12345678-123456". */
#define PHONE_TEXT_MAX 24

/*
 * Writes the canonical form of text into out and returns 1 when text is a
 * mobile or landline number as above; returns 0 (out = "") when it is not.
 */
int phone_normalize(const char *text, char out[PHONE_TEXT_MAX]);

/* True (1) when text is a number phone_normalize() accepts, else 0. */
int phone_is_valid(const char *text);

#endif
