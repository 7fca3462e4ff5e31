/*
 * region_code.h - administrative division codes (GB/T 2260 and the
 * statistical division codes below it) in their canonical 12-digit form.
 *
 * Digits 1-2 name the province, 3-4 the city, 5-6 the county, 7-9 the
 * township and 10-12 the village.  A code is accepted as 2, 4, 6, 9 or 12
 * digits and padded with zeros on the right to 12; the level is the last
 * non-zero group.  Everything inside a region shares its prefix, so "within
 * region X" is the half-open range [region_code_range_low, _high) on the
 * canonical text, which both storage engines answer from an index.
 */
#ifndef BANGFU_CORE_REGION_CODE_H
#define BANGFU_CORE_REGION_CODE_H

/* 12 digits plus the terminator. */
#define REGION_CODE_TEXT_MAX 13

typedef enum region_level {
    REGION_LEVEL_INVALID = 0,
    REGION_LEVEL_PROVINCE = 1,
    REGION_LEVEL_CITY = 2,
    REGION_LEVEL_COUNTY = 3,
    REGION_LEVEL_TOWNSHIP = 4,
    REGION_LEVEL_VILLAGE = 5
} region_level;

/*
 * Writes the canonical 12-digit form of text into out.  Accepts 2, 4, 6, 9
 * or 12 digits, surrounding blanks ignored.  Returns the level of the code,
 * or REGION_LEVEL_INVALID (out untouched) when text is not such a code.
 */
region_level region_code_normalize(const char *text, char out[REGION_CODE_TEXT_MAX]);

/* Level of a canonical code, from its last non-zero group. */
region_level region_code_level(const char *canonical);

/* Number of significant digits at a level: 2, 4, 6, 9 or 12. */
int region_level_digits(region_level level);

/* The name of a level in the user's language: 省级/province, 地级, 县级, 乡级, 村级/village. */
const char *region_level_name(region_level level);

/*
 * The canonical code of the ancestor of canonical at level (which must not be
 * deeper than the code's own level).
 */
void region_code_ancestor(const char *canonical, region_level level,
                          char out[REGION_CODE_TEXT_MAX]);

/*
 * Bounds of the canonical codes within the region canonical: low is the
 * code itself, high is the first code after its subtree (e.g. 370800000000
 * gives 370900000000).  A code at province 99 gives the high bound "A".
 */
void region_code_range(const char *canonical, char low[REGION_CODE_TEXT_MAX],
                       char high[REGION_CODE_TEXT_MAX]);

/* True when canonical code lies within the region ancestor (both canonical). */
int region_code_within(const char *code, const char *ancestor);

#endif
