/*
 * money.h - amounts of money as integer fen (1 yuan = 100 fen).
 *
 * Yuan as text ("1234.56") or as a number read by a parser (JSON, Lua) into
 * fen, fen back into yuan text, and the arithmetic on amounts: checked, so an
 * amount that does not fit in int64 is reported, never wrapped.  Amounts read
 * from input are 0 .. MONEY_YUAN_MAX yuan with at most two decimals.
 *
 * Ownership: nothing is allocated; out buffers are the caller's.
 */
#ifndef BANGFU_CORE_MONEY_H
#define BANGFU_CORE_MONEY_H

#include <stdint.h>

/* Largest yuan amount read from input (a trillion yuan), and the same in fen. */
#define MONEY_YUAN_MAX INT64_C(1000000000000)
#define MONEY_FEN_MAX  (MONEY_YUAN_MAX * 100)
/* Longest yuan text money_format() writes ("-92233720368547758.08"), terminator included. */
#define MONEY_TEXT_MAX 24

/*
 * Yuan text into fen: digits, optionally a point and one or two digits, at
 * most MONEY_YUAN_MAX.  BF_OK, or BF_EINVAL when text is not such an amount.
 */
int money_parse_yuan(const char *text, int64_t *fen);

/* A whole number of yuan (0 .. MONEY_YUAN_MAX) into fen.  BF_OK or BF_EINVAL. */
int money_from_yuan_integer(int64_t yuan, int64_t *fen);

/*
 * A yuan number as a parser gives it (a double) into fen: read as its
 * shortest decimal text, so 19.99 is 1999 fen and 1.234 is refused.  BF_OK
 * or BF_EINVAL (negative, not finite, more than two decimals, too large).
 */
int money_from_yuan_number(double yuan, int64_t *fen);

/* Writes fen as yuan with exactly two decimals ("1234.56", "-0.05") into out. */
void money_format(int64_t fen, char out[MONEY_TEXT_MAX]);

/* *sum = a + b; BF_OK, or BF_EOVERFLOW (and *sum unchanged) when it does not fit. */
int money_add(int64_t a, int64_t b, int64_t *sum);

/* *product = fen * factor; BF_OK or BF_EOVERFLOW. */
int money_multiply(int64_t fen, int64_t factor, int64_t *product);

/*
 * *out = fen * numerator / denominator rounded half up (fen and numerator
 * not negative, denominator positive), exact whatever the size of the
 * product; BF_OK, BF_EOVERFLOW when the result does not fit, or BF_EINVAL for
 * a negative argument or a zero denominator.
 */
int money_scale_round(int64_t fen, int64_t numerator, int64_t denominator, int64_t *out);

#endif
