/*
 * excel_number.h - recognising a code that Excel stored as a number.
 *
 * A column of long digit codes (ID numbers, 统一社会信用代码) formatted as
 * "number" shows them in scientific notation ("3.70811199E+17") and keeps only
 * 15 significant digits: the last digits are lost.  The officer must fix the
 * column format, not the digits, so such text gets its own message.
 */
#ifndef BANGFU_CORE_EXCEL_NUMBER_H
#define BANGFU_CORE_EXCEL_NUMBER_H

/* True when text is a number in the scientific notation Excel writes ("1.10105E+17"). */
int excel_number_notation(const char *text);

#endif
