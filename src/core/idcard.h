/*
 * idcard.h - resident identity numbers per GB 11643-1999.
 *
 * 18 characters: a 6-digit address code, the birth date YYYYMMDD, a 3-digit
 * sequence whose last digit is odd for men and even for women, and a check
 * character computed as ISO 7064 MOD 11-2 over the first 17 digits ('X' for
 * ten).  A lowercase 'x' is accepted and normalised to 'X'.
 */
#ifndef BANGFU_CORE_IDCARD_H
#define BANGFU_CORE_IDCARD_H

#include "core/date.h"

/* Length of an ID number plus its terminator. */
#define IDCARD_TEXT_MAX 19

/* Why an ID number was refused; IDCARD_OK when it is valid. */
typedef enum idcard_problem {
    IDCARD_OK = 0,
    IDCARD_BAD_LENGTH,      /* not 18 characters */
    IDCARD_BAD_CHARACTER,   /* a non-digit in the first 17, or a last that is not digit/X */
    IDCARD_BAD_BIRTH_DATE,  /* the birth date does not exist, is before 1900 or in the future */
    IDCARD_BAD_CHECK_DIGIT, /* the check character does not match */
    IDCARD_NUMBER_FORMAT    /* Excel stored it as a number (1.10105E+17): digits are lost */
} idcard_problem;

/* What an ID number says about its holder. */
typedef struct idcard_info {
    char normalized[IDCARD_TEXT_MAX]; /* the number with an uppercase X */
    bf_date birth_date;
    int male; /* 1 for men, 0 for women */
} idcard_info;

/*
 * Checks text as an ID number.  On IDCARD_OK fills info (may be NULL).
 * today bounds the birth date from above.
 */
idcard_problem idcard_check(const char *text, bf_date today, idcard_info *info);

/* The check character ('0'..'9' or 'X') for the first 17 digits of digits17. */
char idcard_check_character(const char *digits17);

/* A description of problem in the user's language (BF_TR), for rejection reasons. */
const char *idcard_problem_text(idcard_problem problem);

#endif
