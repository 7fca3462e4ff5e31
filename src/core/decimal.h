/*
 * decimal.h - integers written in decimal as printf's %lld writes them,
 * without printf: calc --explain and its output format millions of them.
 * No allocation; the caller owns the buffer.
 */
#ifndef BANGFU_CORE_DECIMAL_H
#define BANGFU_CORE_DECIMAL_H

#include <stddef.h>

/* "-9223372036854775808" and its terminator. */
#define DECIMAL_TEXT_MAX 21

/* Writes value into out, NUL-terminated; returns its length. */
size_t decimal_format(long long value, char out[DECIMAL_TEXT_MAX]);

#endif
