/* money.c - yuan text and numbers to fen and back; checked fen arithmetic. */
#include "core/money.h"

#include "core/error.h"

#include <math.h>
#include <stdio.h>

int money_parse_yuan(const char *text, int64_t *fen)
{
    int64_t yuan = 0, cents = 0;
    const char *p = text;
    if (*p < '0' || *p > '9')
        return BF_EINVAL;
    for (; *p >= '0' && *p <= '9'; p++) {
        yuan = yuan * 10 + (*p - '0');
        if (yuan > MONEY_YUAN_MAX)
            return BF_EINVAL;
    }
    if (*p == '.') {
        p++;
        int decimals = 0;
        for (; *p >= '0' && *p <= '9'; p++, decimals++) {
            if (decimals == 2)
                return BF_EINVAL;
            cents = cents * 10 + (*p - '0');
        }
        if (decimals == 0)
            return BF_EINVAL;
        if (decimals == 1)
            cents *= 10;
    }
    if (*p != '\0')
        return BF_EINVAL;
    if (yuan * 100 + cents > MONEY_FEN_MAX)
        return BF_EINVAL;
    *fen = yuan * 100 + cents;
    return BF_OK;
}

int money_from_yuan_integer(int64_t yuan, int64_t *fen)
{
    if (yuan < 0 || yuan > MONEY_YUAN_MAX)
        return BF_EINVAL;
    *fen = yuan * 100;
    return BF_OK;
}

int money_from_yuan_number(double yuan, int64_t *fen)
{
    if (!isfinite(yuan) || yuan < 0 || yuan > (double)MONEY_YUAN_MAX)
        return BF_EINVAL;
    /* 15 significant digits hold every amount up to MONEY_YUAN_MAX with two decimals and no
       more, so the text is the decimal the input was written as. */
    char text[40];
    snprintf(text, sizeof text, "%.15g", yuan);
    return money_parse_yuan(text, fen);
}

void money_format(int64_t fen, char out[MONEY_TEXT_MAX])
{
    /* As unsigned, so that INT64_MIN has a magnitude too. */
    uint64_t magnitude = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(out, MONEY_TEXT_MAX, "%s%llu.%02llu", fen < 0 ? "-" : "",
             (unsigned long long)(magnitude / 100), (unsigned long long)(magnitude % 100));
}

int money_add(int64_t a, int64_t b, int64_t *sum)
{
    int64_t result;
    if (__builtin_add_overflow(a, b, &result))
        return BF_EOVERFLOW;
    *sum = result;
    return BF_OK;
}

int money_multiply(int64_t fen, int64_t factor, int64_t *product)
{
    int64_t result;
    if (__builtin_mul_overflow(fen, factor, &result))
        return BF_EOVERFLOW;
    *product = result;
    return BF_OK;
}

int money_scale_round(int64_t fen, int64_t numerator, int64_t denominator, int64_t *out)
{
    if (fen < 0 || numerator < 0 || denominator <= 0)
        return BF_EINVAL;
    /* In 128 bits the product cannot overflow: only a result past int64 is refused. */
    unsigned __int128 scaled =
        ((unsigned __int128)fen * (uint64_t)numerator + (uint64_t)denominator / 2) /
        (uint64_t)denominator;
    if (scaled > INT64_MAX)
        return BF_EOVERFLOW;
    *out = (int64_t)scaled;
    return BF_OK;
}
