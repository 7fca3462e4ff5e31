/*
 * phone.h - telephone numbers as officers write them in lists.
 *
 * Accepted (after an optional "+86" prefix, itself optionally followed by a
 * blank or '-'):
 *  - a mobile number: 1[3-9] and 9 more digits (11 digits);
 *  - a landline: area code 0\d{2,3}, an optional '-', 7 or 8 digits, and an
 *    optional extension '-' \d{1,6}.  After "+86" the leading 0 of the area
 *    code may be dropped, as international notation does.
 * Surrounding blanks are the caller's business (cells come trimmed).
 */
#ifndef BANGFU_REGISTRY_PHONE_H
#define BANGFU_REGISTRY_PHONE_H

/* True (1) when text is a well-formed mobile or landline number, else 0. */
int phone_is_valid(const char *text);

#endif
