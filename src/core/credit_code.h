/*
 * credit_code.h - 统一社会信用代码 (unified social credit code) per GB 32100-2015.
 *
 * 18 characters from a set of 31: the digits and the uppercase letters other
 * than I, O, Z, S and V.
 *   1      登记管理部门代码 registration authority (9 市场监管/工商, 5 民政, ...)
 *   2      机构类别代码 kind of organisation within that authority (91 企业, ...)
 *   3-8    登记管理机关行政区划码, six digits (100000 for national registrations)
 *   9-17   主体标识码: the 9-character organisation code of GB 11714, whose
 *          last character is its own check (MOD 11, weights 3 7 9 10 5 8 4 2)
 *   18     check character: MOD 31 over the first 17, weights 3^i mod 31
 * Full-width characters and lowercase letters are folded before the checks, so
 * "９１１１…ｌ" and "911…l" mean the same code.  No I/O; the caller owns the
 * text and the info.
 */
#ifndef BANGFU_CORE_CREDIT_CODE_H
#define BANGFU_CORE_CREDIT_CODE_H

/* Length of a code plus its terminator. */
#define CREDIT_CODE_TEXT_MAX 19
/* Longest text examined, in bytes: 18 full-width characters are 54. */
#define CREDIT_CODE_INPUT_MAX 64

/*
 * The registration authorities and kinds of organisation: X(authority, kind,
 * authority in Chinese, kind in Chinese, kind in English).  GB 32100-2015
 * 附录A (1, 5, 9, Y) with the authorities assigned since (2 外交, 3 司法行政,
 * 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业).
 */
#define CREDIT_CODE_KIND_MAP(X)                                                                    \
    X('1', '1', "机构编制", "机关", "government agency")                                           \
    X('1', '2', "机构编制", "事业单位", "public institution")                                      \
    X('1', '3', "机构编制", "中央编办直接管理机构编制的群众团体", "mass organisation")             \
    X('1', '9', "机构编制", "其他", "other")                                                       \
    X('2', '1', "外交", "外国常驻新闻机构", "resident foreign news agency")                        \
    X('2', '9', "外交", "其他", "other")                                                           \
    X('3', '1', "司法行政", "律师执业机构", "law firm")                                            \
    X('3', '2', "司法行政", "公证处", "notary office")                                             \
    X('3', '3', "司法行政", "基层法律服务所", "grassroots legal service office")                   \
    X('3', '4', "司法行政", "司法鉴定机构", "forensic appraisal institution")                      \
    X('3', '5', "司法行政", "仲裁委员会", "arbitration commission")                                \
    X('3', '9', "司法行政", "其他", "other")                                                       \
    X('4', '1', "文化", "外国在华文化中心", "foreign cultural centre")                             \
    X('4', '9', "文化", "其他", "other")                                                           \
    X('5', '1', "民政", "社会团体", "social organisation")                                         \
    X('5', '2', "民政", "民办非企业单位", "private non-enterprise unit")                           \
    X('5', '3', "民政", "基金会", "foundation")                                                    \
    X('5', '9', "民政", "其他", "other")                                                           \
    X('6', '1', "旅游", "外国旅游部门常驻代表机构", "foreign tourism office")                      \
    X('6', '2', "旅游", "港澳台地区旅游部门常驻内地（大陆）代表机构",                              \
      "Hong Kong, Macao or Taiwan tourism office")                                                 \
    X('6', '9', "旅游", "其他", "other")                                                           \
    X('7', '1', "宗教", "宗教活动场所", "place of religious activity")                             \
    X('7', '2', "宗教", "宗教院校", "religious school")                                            \
    X('7', '9', "宗教", "其他", "other")                                                           \
    X('8', '1', "工会", "基层工会", "grassroots trade union")                                      \
    X('8', '9', "工会", "其他", "other")                                                           \
    X('9', '1', "工商", "企业", "enterprise")                                                      \
    X('9', '2', "工商", "个体工商户", "individual business")                                       \
    X('9', '3', "工商", "农民专业合作社", "farmers' cooperative")                                  \
    X('A', '1', "中央军委改革和编制办公室", "军队事业单位", "military public institution")         \
    X('A', '9', "中央军委改革和编制办公室", "其他", "other")                                       \
    X('N', '1', "农业", "组级集体经济组织", "group collective economic organisation")              \
    X('N', '2', "农业", "村级集体经济组织", "village collective economic organisation")            \
    X('N', '3', "农业", "乡镇级集体经济组织", "township collective economic organisation")         \
    X('N', '9', "农业", "其他", "other")                                                           \
    X('Y', '1', "其他", "其他", "other")

/* Why a code was refused; CREDIT_CODE_OK when it is valid.  The checks run in this order. */
typedef enum credit_code_problem {
    CREDIT_CODE_OK = 0,
    CREDIT_CODE_NUMBER_FORMAT,    /* Excel stored it as a number (9.14403E+17): digits are lost */
    CREDIT_CODE_BAD_LENGTH,       /* not 18 characters */
    CREDIT_CODE_BAD_CHARACTER,    /* a character outside the 31 of the code's set */
    CREDIT_CODE_BAD_AUTHORITY,    /* character 1 names no registration authority */
    CREDIT_CODE_BAD_KIND,         /* character 2 is no kind of that authority */
    CREDIT_CODE_BAD_REGION,       /* characters 3-8 are not six digits */
    CREDIT_CODE_BAD_ORGANIZATION, /* the GB 11714 check character (17th) does not match */
    CREDIT_CODE_BAD_CHECK         /* the check character (18th) does not match */
} credit_code_problem;

/* What the check saw: the folded code, and where it failed. */
typedef struct credit_code_info {
    char normalized[CREDIT_CODE_TEXT_MAX]; /* the folded, uppercase code ("" if not 18 long) */
    int position; /* 1-based position of the offending character; 0 when valid or for length */
} credit_code_info;

/* Checks text as a 统一社会信用代码; fills info (may be NULL) either way. */
credit_code_problem credit_code_check(const char *text, credit_code_info *info);

/* The check character (18th) for the first 17 characters of code, which must be in the set. */
char credit_code_check_character(const char *code17);

/*
 * The GB 11714 check character ('0'..'9' or 'X') for the 8 characters of an
 * organisation code's body (digits or uppercase letters).
 */
char credit_code_organization_check_character(const char *body8);

/* Whether c is one of the 31 characters of the code's set (uppercase only). */
int credit_code_is_code_character(char c);

/* A description of problem in the user's language (BF_TR), for rejection reasons. */
const char *credit_code_problem_text(credit_code_problem problem);

/*
 * The kind of organisation a valid code names (characters 1 and 2), in the
 * user's language, e.g. "工商/企业"; NULL when the pair is not in the table.
 */
const char *credit_code_kind_text(const char *code);

#endif
