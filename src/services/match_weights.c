/*
 * match_weights.c - reading data/match_weights.tsv and data/labor_pairs.tsv
 * (services/match.h): every weight named once, values checked, errors naming
 * the file and line.
 */
#include "services/match.h"

#include "io/data_dir.h"

#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest absolute value of a weight in points (scores stay far from int32 limits). */
#define MATCH_WEIGHT_LIMIT 100000
/* Largest pay cap in yuan. */
#define MATCH_PAY_CAP_MAX 1000000

static const char *const match_wish_names[MATCH_WISH_COUNT] = {"local", "migrant", "any",
                                                               "cannot_leave"};
static const char *const match_class_names[MATCH_CLASS_COUNT] = {"county", "city", "province",
                                                                 "paired", "other"};

/* The plain integer weights: X(name, field). */
#define MATCH_SCALAR_WEIGHTS(X)                                                                    \
    X("skill.match", skill_match)                                                                  \
    X("skill.missing", skill_missing)                                                              \
    X("pay.per_thousand", pay_per_thousand)                                                        \
    X("accommodation.away", accommodation_away)                                                    \
    X("min_score", min_score)

enum {
#define MATCH_SCALAR_ENUM(name, field) MATCH_NAME_##field,
    MATCH_SCALAR_WEIGHTS(MATCH_SCALAR_ENUM)
#undef MATCH_SCALAR_ENUM
        MATCH_NAME_PAY_CAP,
    MATCH_NAME_ABILITY,
    MATCH_NAME_STATUS,
    MATCH_NAME_DISTANCE, /* then MATCH_WISH_COUNT * MATCH_CLASS_COUNT of them */
    MATCH_NAME_COUNT = MATCH_NAME_DISTANCE + MATCH_WISH_COUNT * MATCH_CLASS_COUNT
};

/* The names of the weights before the distances, in the order of the enum. */
static const char *const match_scalar_names[MATCH_NAME_DISTANCE] = {
#define MATCH_SCALAR_NAME(text, field) text,
    MATCH_SCALAR_WEIGHTS(MATCH_SCALAR_NAME)
#undef MATCH_SCALAR_NAME
        "pay.cap_yuan",
    "eligible.labor_ability", "eligible.employment_status"};

/* The name of weight index into out. */
static void match_name_text(int index, char out[64])
{
    int d = index - MATCH_NAME_DISTANCE;
    if (index < MATCH_NAME_DISTANCE)
        snprintf(out, 64, "%s", match_scalar_names[index]);
    else
        snprintf(out, 64, "distance.%s.%s", match_wish_names[d / MATCH_CLASS_COUNT],
                 match_class_names[d % MATCH_CLASS_COUNT]);
}

/* One file being read. */
typedef struct match_file {
    char path[MATCH_PATH_MAX];
    FILE *file;
    int line;
    char text[MATCH_LINE_MAX];
    char *fields[3]; /* name, value, note (NULL when absent) */
} match_file;

static int match_file_fail(const match_file *f, bf_error *err, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int match_file_fail(const match_file *f, bf_error *err, const char *format, ...)
{
    char message[BF_ERROR_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return bf_error_set(err, BF_EINVAL, "%s:%d: %s", f->path, f->line, message);
}

static int match_file_open(match_file *f, const char *dir, const char *name, bf_error *err)
{
    memset(f, 0, sizeof *f);
    int n = snprintf(f->path, sizeof f->path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof f->path)
        return bf_error_set(err, BF_EINVAL, BF_TR("路径过长：%s", "path too long: %s"), dir);
    f->file = fopen(f->path, "r");
    if (f->file == NULL)
        return bf_error_set(err, BF_EIO, BF_TR("无法打开 %s：%s", "cannot open %s: %s"), f->path,
                            strerror(errno));
    return BF_OK;
}

/* The next line that is not blank or a comment: 1, its fields split; 0 at the end; or an error. */
static int match_file_next(match_file *f, bf_error *err)
{
    while (fgets(f->text, sizeof f->text, f->file) != NULL) {
        f->line++;
        size_t length = strlen(f->text);
        if (length + 1 == sizeof f->text && f->text[length - 1] != '\n')
            return match_file_fail(
                f, err, BF_TR("行过长（最多 %d 字节）", "line too long (at most %d bytes)"),
                MATCH_LINE_MAX - 2);
        while (length > 0 && (f->text[length - 1] == '\n' || f->text[length - 1] == '\r'))
            f->text[--length] = '\0';
        if (length == 0 || f->text[0] == '#')
            continue;
        char *at = f->text;
        for (int i = 0; i < 3; i++) {
            f->fields[i] = at;
            if (at != NULL) {
                at = strchr(at, '\t');
                if (at != NULL)
                    *at++ = '\0';
            }
        }
        if (f->fields[1] == NULL)
            return match_file_fail(f, err, "%s",
                                   BF_TR("缺少 TAB 分隔的值", "no value after a TAB"));
        return 1;
    }
    if (ferror(f->file))
        return bf_error_set(err, BF_EIO, BF_TR("读取 %s 出错", "error reading %s"), f->path);
    return 0;
}

static void match_file_close(match_file *f)
{
    if (f->file != NULL)
        fclose(f->file);
    f->file = NULL;
}

/* A whole number within ±limit (or "-" when excluded_ok gives MATCH_EXCLUDED) into *out. */
static int match_parse_points(const match_file *f, const char *text, int64_t limit, int excluded_ok,
                              int64_t *out, bf_error *err)
{
    if (excluded_ok && strcmp(text, "-") == 0) {
        *out = MATCH_EXCLUDED;
        return BF_OK;
    }
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno != 0 || value > limit || value < -limit)
        return match_file_fail(
            f, err,
            BF_TR("“%s”不是 -%" PRId64 " 到 %" PRId64 " 的整数%s",
                  "'%s' is not a whole number from -%" PRId64 " to %" PRId64 "%s"),
            text, limit, limit, excluded_ok ? BF_TR("或 -（排除）", " or - (excluded)") : "");
    *out = value;
    return BF_OK;
}

/* Codes of list separated by '|' ("empty": an empty cell) into *values and *none_ok. */
static int match_parse_codes(const match_file *f, const vocabulary *list, const char *text,
                             vocabulary_values *values, int *none_ok, bf_error *err)
{
    char copy[MATCH_LINE_MAX];
    snprintf(copy, sizeof copy, "%s", text);
    *values = 0;
    *none_ok = 0;
    char *save = NULL;
    for (char *code = strtok_r(copy, "|", &save); code != NULL; code = strtok_r(NULL, "|", &save)) {
        if (strcmp(code, "empty") == 0) {
            *none_ok = 1;
            continue;
        }
        int index = -1;
        for (int i = 0; list != NULL && i < list->count; i++)
            if (strcmp(list->values[i].code, code) == 0)
                index = i;
        if (index < 0)
            return match_file_fail(f, err,
                                   BF_TR("“%s”不是词表的代码（或 empty）",
                                         "'%s' is not a code of the vocabulary (or empty)"),
                                   code);
        *values |= (vocabulary_values)1 << index;
    }
    return BF_OK;
}

/* The index among the names of name, or -1. */
static int match_name_index(const char *name)
{
    for (int i = 0; i < MATCH_NAME_COUNT; i++) {
        char text[64];
        match_name_text(i, text);
        if (strcmp(name, text) == 0)
            return i;
    }
    return -1;
}

/* Sets weight index from the value of the current line. */
static int match_set_weight(const match_file *f, int index, const vocabulary_set *lists,
                            match_weights *w, bf_error *err)
{
    const char *value = f->fields[1];
    int64_t points = 0;
    int rc;
    switch (index) {
    case MATCH_NAME_PAY_CAP:
        rc = match_parse_points(f, value, MATCH_PAY_CAP_MAX, 0, &points, err);
        if (rc == BF_OK && points < 0)
            return match_file_fail(f, err, "%s", BF_TR("不能为负", "must not be negative"));
        w->pay_cap_fen = points * 100;
        return rc;
    case MATCH_NAME_ABILITY:
        return match_parse_codes(f, vocabulary_of(lists, PERSON_LABOR_ABILITY), value,
                                 &w->eligible_ability, &w->ability_none_ok, err);
    case MATCH_NAME_STATUS:
        return match_parse_codes(f, vocabulary_of(lists, PERSON_EMPLOYMENT_STATUS), value,
                                 &w->eligible_status, &w->status_none_ok, err);
    default:
        break;
    }
    rc = match_parse_points(f, value, MATCH_WEIGHT_LIMIT, index >= MATCH_NAME_DISTANCE, &points,
                            err);
    if (rc != BF_OK)
        return rc;
    if (index >= MATCH_NAME_DISTANCE) {
        int d = index - MATCH_NAME_DISTANCE;
        w->distance[d / MATCH_CLASS_COUNT][d % MATCH_CLASS_COUNT] = (int32_t)points;
        return BF_OK;
    }
    /* The engine's early stop needs these signs (services/match.h). */
    if ((index == MATCH_NAME_skill_match || index == MATCH_NAME_accommodation_away) && points < 0)
        return match_file_fail(f, err, "%s", BF_TR("不能为负", "must not be negative"));
    if (index == MATCH_NAME_skill_missing && points > 0)
        return match_file_fail(f, err, "%s", BF_TR("不能为正", "must not be positive"));
    switch (index) {
#define MATCH_SCALAR_SET(text, field)                                                              \
    case MATCH_NAME_##field:                                                                       \
        w->field = (int32_t)points;                                                                \
        break;
        MATCH_SCALAR_WEIGHTS(MATCH_SCALAR_SET)
#undef MATCH_SCALAR_SET
    }
    return BF_OK;
}

static int match_read_weights(const char *dir, const vocabulary_set *lists, match_weights *w,
                              bf_error *err)
{
    match_file f;
    int seen[MATCH_NAME_COUNT] = {0};
    int rc = match_file_open(&f, dir, "match_weights.tsv", err);
    while (rc == BF_OK) {
        int more = match_file_next(&f, err);
        if (more <= 0) {
            rc = more;
            break;
        }
        int index = match_name_index(f.fields[0]);
        if (index < 0)
            rc = match_file_fail(&f, err, BF_TR("未知的权重“%s”", "unknown weight '%s'"),
                                 f.fields[0]);
        else if (seen[index])
            rc = match_file_fail(&f, err, BF_TR("权重“%s”重复", "weight '%s' given twice"),
                                 f.fields[0]);
        else {
            seen[index] = 1;
            rc = match_set_weight(&f, index, lists, w, err);
        }
    }
    for (int i = 0; i < MATCH_NAME_COUNT && rc == BF_OK; i++)
        if (!seen[i]) {
            char name[64];
            match_name_text(i, name);
            rc = bf_error_set(err, BF_EINVAL, BF_TR("%s 缺少权重 %s", "%s lacks the weight %s"),
                              f.path, name);
        }
    match_file_close(&f);
    return rc;
}

/* A region code of the pairs file, county level or above, into out. */
static int match_pair_region(const match_file *f, const char *text, char out[REGION_CODE_TEXT_MAX],
                             bf_error *err)
{
    region_level level = region_code_normalize(text, out);
    if (level == REGION_LEVEL_INVALID || level > REGION_LEVEL_COUNTY)
        return match_file_fail(f, err,
                               BF_TR("“%s”不是县级或以上的区划代码",
                                     "'%s' is not a region code of county level or above"),
                               text);
    return BF_OK;
}

static int match_read_pairs(const char *dir, match_weights *w, bf_error *err)
{
    match_file f;
    int rc = match_file_open(&f, dir, "labor_pairs.tsv", err);
    while (rc == BF_OK) {
        int more = match_file_next(&f, err);
        if (more <= 0) {
            rc = more;
            break;
        }
        if (w->pair_count == MATCH_PAIRS_MAX) {
            rc = match_file_fail(&f, err, BF_TR("协作关系多于 %d 对", "more than %d pairs"),
                                 MATCH_PAIRS_MAX);
            break;
        }
        match_pair *pair = &w->pairs[w->pair_count];
        rc = match_pair_region(&f, f.fields[0], pair->a, err);
        if (rc == BF_OK)
            rc = match_pair_region(&f, f.fields[1], pair->b, err);
        snprintf(pair->basis, sizeof pair->basis, "%s", f.fields[2] != NULL ? f.fields[2] : "");
        if (rc == BF_OK)
            w->pair_count++;
    }
    match_file_close(&f);
    return rc;
}

int match_weights_load(const char *option, const vocabulary_set *lists, match_weights *w,
                       bf_error *err)
{
    char dir[MATCH_PATH_MAX];
    memset(w, 0, sizeof *w);
    switch (data_dir_find(option, "BANGFU_DATA", "data", dir, sizeof dir)) {
    case DATA_DIR_FOUND:
        break;
    case DATA_DIR_OPTION_MISSING:
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("数据目录“%s”不存在", "data directory '%s' does not exist"),
                            option);
    case DATA_DIR_ENV_MISSING:
        return bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("BANGFU_DATA 指向的目录“%s”不存在", "BANGFU_DATA names a missing directory '%s'"),
            dir);
    case DATA_DIR_NONE:
        return bf_error_set(err, BF_ENOTFOUND, "%s",
                            BF_TR("找不到数据目录 data/（用 BANGFU_DATA 指定）",
                                  "no data directory data/ found (set BANGFU_DATA)"));
    }
    int rc = match_read_weights(dir, lists, w, err);
    return rc == BF_OK ? match_read_pairs(dir, w, err) : rc;
}
