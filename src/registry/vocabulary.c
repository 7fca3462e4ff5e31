/* vocabulary.c - the 四清 vocabularies: loading the files, matching words (see the header). */
#include "registry/vocabulary.h"

#include "core/halfwidth.h"
#include "io/data_dir.h"
#include "io/text_encoding.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The columns of a value line. */
enum { COLUMN_CODE, COLUMN_LABEL, COLUMN_ENGLISH, COLUMN_WEIGHT, COLUMN_SYNONYMS, COLUMN_COUNT };

/* Largest demo weight of one value. */
#define VOCABULARY_WEIGHT_MAX 1000000

static const struct {
    person_field field;
    int multiple;
} vocabulary_fields[VOCABULARY_FIELD_COUNT] = {
#define VOCABULARY_FIELD_ROW(field, multiple) {field, multiple},
    VOCABULARY_FIELDS(VOCABULARY_FIELD_ROW)
#undef VOCABULARY_FIELD_ROW
};

/* A list separator and its length in bytes. */
#define VOCABULARY_SEPARATOR(text)                                                                 \
    {                                                                                              \
        text, sizeof text - 1                                                                      \
    }

/*
 * Length of the list separator at text ('；' ';' '、' '，' ',' CR LF), 0 when none.  Asked of
 * every byte of a field that holds several values: the first byte decides most (a million
 * imported people: 1.4 % of the client's time when each separator was compared whole).
 */
static size_t vocabulary_separator_length(const char *text)
{
    static const struct {
        const char *text;
        size_t length;
    } separators[] = {VOCABULARY_SEPARATOR("；"), VOCABULARY_SEPARATOR(";"),
                      VOCABULARY_SEPARATOR("、"), VOCABULARY_SEPARATOR("，"),
                      VOCABULARY_SEPARATOR(","),  VOCABULARY_SEPARATOR("\n"),
                      VOCABULARY_SEPARATOR("\r")};
    for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++)
        if (text[0] == separators[i].text[0] &&
            strncmp(text, separators[i].text, separators[i].length) == 0)
            return separators[i].length;
    return 0;
}

/*
 * Folds length bytes of text into the form words are compared in: full-width
 * ASCII folded, blanks (ASCII, U+3000, U+00A0) dropped, ASCII lowercased.
 * BF_ETOOBIG when it does not fit out (VOCABULARY_TEXT_MAX bytes).
 */
static int vocabulary_fold(const char *text, size_t length, char out[VOCABULARY_TEXT_MAX])
{
    char copy[VOCABULARY_TEXT_MAX * 3];
    if (length >= sizeof copy)
        return BF_ETOOBIG;
    memcpy(copy, text, length);
    copy[length] = '\0';
    char folded[sizeof copy];
    halfwidth_fold(copy, folded, sizeof folded); /* never longer than copy */
    size_t used = 0;
    for (const char *p = folded; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == 0xC2 && (unsigned char)p[1] == 0xA0) { /* U+00A0 no-break space */
            p++;
            continue;
        }
        if (used + 1 >= VOCABULARY_TEXT_MAX)
            return BF_ETOOBIG;
        out[used++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[used] = '\0';
    return BF_OK;
}

/* Copies length bytes of text into out (size bytes), cut at a UTF-8 character boundary. */
static void vocabulary_copy_cut(const char *text, size_t length, char *out, size_t size)
{
    if (out == NULL || size == 0)
        return;
    if (length >= size) {
        length = size - 1;
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
            length--;
    }
    memcpy(out, text, length);
    out[length] = '\0';
}

/* Fails loading with "name 第 line 行：message" (line 0: the whole file). */
static int vocabulary_fail(bf_error *err, int code, const char *name, int line, const char *format,
                           ...) __attribute__((format(printf, 5, 6)));

static int vocabulary_fail(bf_error *err, int code, const char *name, int line, const char *format,
                           ...)
{
    char detail[BF_ERROR_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);
    if (line > 0)
        return bf_error_set(err, code, BF_TR("词表 %s 第 %d 行：%s", "vocabulary %s:%d: %s"), name,
                            line, detail);
    return bf_error_set(err, code, BF_TR("词表 %s：%s", "vocabulary %s: %s"), name, detail);
}

/* The state of parsing one file. */
typedef struct vocabulary_parser {
    vocabulary *v;
    const char *name;
    int line;
    int value_lines[VOCABULARY_VALUES_MAX]; /* the line of each value */
    bf_error *err;
} vocabulary_parser;

/* Records word (length bytes) as naming value index; a word naming another value is an error. */
static int vocabulary_add_word(vocabulary_parser *ps, const char *word, size_t length, int index)
{
    vocabulary *v = ps->v;
    char folded[VOCABULARY_TEXT_MAX];
    char shown[VOCABULARY_TEXT_MAX];
    vocabulary_copy_cut(word, length, shown, sizeof shown);
    if (vocabulary_fold(word, length, folded) != BF_OK)
        return vocabulary_fail(
            ps->err, BF_EPARSE, ps->name, ps->line,
            BF_TR("“%s”过长（最多 %d 字节）", "'%s' is too long (at most %d bytes)"), shown,
            VOCABULARY_TEXT_MAX - 1);
    if (folded[0] == '\0')
        return vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line, "%s",
                               BF_TR("有空的词（两个 | 相连，或末尾多了 |）",
                                     "an empty word (two | in a row, or a | at the end)"));
    if (strcmp(folded, "(清空)") == 0)
        return vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line, "%s",
                               BF_TR("“（清空）”是导入时清空字段的标记，不能作为值",
                                     "'（清空）' is the import's clear marker, not a value"));
    if (folded[0] == '=' || folded[0] == '+' || folded[0] == '-' || folded[0] == '@')
        return vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line,
                               BF_TR("“%s”以 = + - @ 开头，表格软件会当作公式执行",
                                     "'%s' begins with = + - @: a spreadsheet would run it"),
                               shown);
    if (v->multiple) {
        for (const char *p = word; p < word + length; p++)
            if (vocabulary_separator_length(p) > 0)
                return vocabulary_fail(
                    ps->err, BF_EPARSE, ps->name, ps->line,
                    BF_TR("“%s”含有分隔符（； ; 、 ， ,），此字段可填多个值，会被拆开",
                          "'%s' holds a separator (； ; 、 ， ,) that splits this field's values"),
                    shown);
    }
    int64_t existing = 0;
    if (string_map_find(&v->words, folded, &existing)) {
        if (existing == index)
            return BF_OK; /* the same word twice for one value (an English label equal to its code)
                           */
        return vocabulary_fail(ps->err, BF_ECONFLICT, ps->name, ps->line,
                               BF_TR("“%s”已指第 %d 行的值 %s，不能再指另一个值",
                                     "'%s' already names the value of line %d (%s)"),
                               shown, ps->value_lines[existing], v->values[existing].label);
    }
    if (v->word_count >= VOCABULARY_WORDS_MAX)
        return vocabulary_fail(ps->err, BF_ETOOBIG, ps->name, ps->line,
                               BF_TR("词超过 %d 个", "more than %d words"), VOCABULARY_WORDS_MAX);
    char *copy = strdup(folded);
    if (copy == NULL)
        return bf_error_set(ps->err, BF_ENOMEM, NULL);
    v->word_texts[v->word_count++] = copy;
    int rc = string_map_insert(&v->words, copy, index, NULL);
    return rc == BF_OK ? BF_OK : bf_error_set(ps->err, rc, NULL);
}

/* Trims ASCII blanks around [*start, *end). */
static void vocabulary_trim(const char **start, const char **end)
{
    while (*start < *end && (**start == ' ' || **start == '\t'))
        (*start)++;
    while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
        (*end)--;
}

/* Copies a label column into out, refusing an empty or too long one. */
static int vocabulary_label(vocabulary_parser *ps, const char *start, const char *end,
                            const char *what, char out[VOCABULARY_TEXT_MAX])
{
    if (start == end)
        return vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line,
                               BF_TR("%s为空", "the %s is empty"), what);
    if ((size_t)(end - start) >= VOCABULARY_TEXT_MAX)
        return vocabulary_fail(
            ps->err, BF_EPARSE, ps->name, ps->line,
            BF_TR("%s过长（最多 %d 字节）", "the %s is too long (at most %d bytes)"), what,
            VOCABULARY_TEXT_MAX - 1);
    memcpy(out, start, (size_t)(end - start));
    out[end - start] = '\0';
    return BF_OK;
}

/* Parses one value line [start, end) (not a comment, not blank). */
static int vocabulary_parse_line(vocabulary_parser *ps, const char *start, const char *end)
{
    vocabulary *v = ps->v;
    const char *column[COLUMN_COUNT][2];
    int count = 0;
    for (const char *p = start;;) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab != NULL ? tab : end;
        if (count < COLUMN_COUNT) {
            column[count][0] = p;
            column[count][1] = stop;
            vocabulary_trim(&column[count][0], &column[count][1]);
        }
        count++;
        if (tab == NULL)
            break;
        p = tab + 1;
    }
    if (count == COLUMN_COUNT - 1) { /* no synonyms column */
        column[COLUMN_SYNONYMS][0] = column[COLUMN_SYNONYMS][1] = end;
        count = COLUMN_COUNT;
    }
    if (count != COLUMN_COUNT)
        return vocabulary_fail(
            ps->err, BF_EPARSE, ps->name, ps->line,
            BF_TR("应有 5 列（代码、中文、English、权重、同义词，以 TAB 分隔），此行有 %d 列",
                  "expected 5 TAB-separated columns (code, 中文, English, weight, "
                  "synonyms), found %d"),
            count);
    if (v->count >= VOCABULARY_VALUES_MAX)
        return vocabulary_fail(ps->err, BF_ETOOBIG, ps->name, ps->line,
                               BF_TR("值超过 %d 个", "more than %d values"), VOCABULARY_VALUES_MAX);
    int index = v->count;
    vocabulary_value *value = &v->values[index];
    int rc = vocabulary_label(ps, column[COLUMN_CODE][0], column[COLUMN_CODE][1],
                              BF_TR("代码", "code"), value->code);
    for (const char *p = value->code; rc == BF_OK && *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            rc = vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line,
                                 BF_TR("代码“%s”只能由小写字母 a-z、数字和 _ 组成",
                                       "code '%s' may hold only a-z, 0-9 and _"),
                                 value->code);
    if (rc == BF_OK)
        rc = vocabulary_label(ps, column[COLUMN_LABEL][0], column[COLUMN_LABEL][1],
                              BF_TR("中文名称", "Chinese label"), value->label);
    if (rc == BF_OK)
        rc = vocabulary_label(ps, column[COLUMN_ENGLISH][0], column[COLUMN_ENGLISH][1],
                              BF_TR("英文名称", "English label"), value->english);
    if (rc == BF_OK) {
        char weight[VOCABULARY_TEXT_MAX], *stop = NULL;
        rc = vocabulary_label(ps, column[COLUMN_WEIGHT][0], column[COLUMN_WEIGHT][1],
                              BF_TR("权重", "weight"), weight);
        long parsed = rc == BF_OK ? strtol(weight, &stop, 10) : 0;
        if (rc == BF_OK && (stop == weight || *stop != '\0' || weight[0] == '-' ||
                            weight[0] == '+' || parsed > VOCABULARY_WEIGHT_MAX))
            rc = vocabulary_fail(ps->err, BF_EPARSE, ps->name, ps->line,
                                 BF_TR("权重“%s”应为 0 到 %d 的整数",
                                       "weight '%s' must be a whole number from 0 to %d"),
                                 weight, VOCABULARY_WEIGHT_MAX);
        value->weight = (int)parsed;
    }
    if (rc != BF_OK)
        return rc;
    ps->value_lines[index] = ps->line;
    v->count++;
    rc = vocabulary_add_word(ps, value->code, strlen(value->code), index);
    if (rc == BF_OK)
        rc = vocabulary_add_word(ps, value->label, strlen(value->label), index);
    if (rc == BF_OK)
        rc = vocabulary_add_word(ps, value->english, strlen(value->english), index);
    const char *p = column[COLUMN_SYNONYMS][0], *stop = column[COLUMN_SYNONYMS][1];
    while (rc == BF_OK && p < stop) {
        const char *bar = memchr(p, '|', (size_t)(stop - p));
        const char *word_end = bar != NULL ? bar : stop;
        const char *word = p;
        vocabulary_trim(&word, &word_end);
        rc = vocabulary_add_word(ps, word, (size_t)(word_end - word), index);
        p = bar != NULL ? bar + 1 : stop;
        if (rc == BF_OK && bar != NULL && p == stop) /* a trailing | */
            rc = vocabulary_add_word(ps, p, 0, index);
    }
    return rc;
}

/* Builds v->accepted: the Chinese labels joined by '、', then " / " and the English ones. */
static void vocabulary_build_accepted(vocabulary *v)
{
    size_t used = 0, size = sizeof v->accepted;
    v->accepted[0] = '\0';
    for (int i = 0; i < v->count && used < size; i++)
        used += (size_t)snprintf(v->accepted + used, size - used, "%s%s", i > 0 ? "、" : "",
                                 v->values[i].label);
    for (int i = 0; i < v->count && used < size; i++)
        used += (size_t)snprintf(v->accepted + used, size - used, "%s%s", i > 0 ? ", " : " / ",
                                 v->values[i].english);
}

int vocabulary_parse_text(vocabulary *v, person_field field, int multiple, const char *name,
                          const char *text, size_t length, bf_error *err)
{
    vocabulary_parser ps = {.v = v, .name = name, .line = 0, .err = err};
    int rc = BF_OK;
    v->field = field;
    v->multiple = multiple;
    snprintf(v->path, sizeof v->path, "%s", name);
    v->word_texts = calloc(VOCABULARY_WORDS_MAX, sizeof *v->word_texts);
    if (v->word_texts == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a BOM some editors write */
        text += 3;
        length -= 3;
    }
    int truncated = 0;
    size_t valid = text_encoding_utf8_valid_length(text, length, &truncated);
    const char *p = text, *end = text + length;
    while (rc == BF_OK && p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline != NULL ? newline : end;
        ps.line++;
        if ((size_t)(line_end - text) > valid)
            rc = vocabulary_fail(err, BF_EPARSE, name, ps.line, "%s",
                                 BF_TR("不是有效的 UTF-8 文本（请以 UTF-8 保存）",
                                       "not valid UTF-8 (save the file as UTF-8)"));
        else if (line_end - p >= VOCABULARY_LINE_MAX)
            rc =
                vocabulary_fail(err, BF_ETOOBIG, name, ps.line,
                                BF_TR("行过长（最多 %d 字节）", "line too long (at most %d bytes)"),
                                VOCABULARY_LINE_MAX - 1);
        else {
            const char *start = p, *stop = line_end;
            vocabulary_trim(&start, &stop);
            if (start < stop && *start != '#')
                rc = vocabulary_parse_line(&ps, p, line_end);
        }
        p = newline != NULL ? newline + 1 : end;
    }
    if (rc == BF_OK && v->count == 0)
        rc = vocabulary_fail(err, BF_EPARSE, name, 0, "%s", BF_TR("没有任何值", "holds no value"));
    if (rc == BF_OK)
        vocabulary_build_accepted(v);
out:
    if (rc != BF_OK)
        vocabulary_free(v);
    return rc;
}

void vocabulary_free(vocabulary *v)
{
    if (v->word_texts != NULL)
        for (size_t i = 0; i < v->word_count; i++)
            free(v->word_texts[i]);
    free(v->word_texts);
    string_map_free(&v->words);
    memset(v, 0, sizeof *v);
}

void vocabulary_set_free(vocabulary_set *set)
{
    for (int i = 0; i < VOCABULARY_FIELD_COUNT; i++)
        vocabulary_free(&set->fields[i]);
}

/* Reads the file at path into a new NUL-terminated buffer *out of *length bytes. */
static int vocabulary_read_file(const char *path, char **out, size_t *length, bf_error *err)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("无法读取词表文件“%s”", "cannot read vocabulary file '%s'"),
                            path);
    char *buffer = malloc(VOCABULARY_FILE_MAX + 1);
    int rc = BF_OK;
    if (buffer == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    size_t got = fread(buffer, 1, VOCABULARY_FILE_MAX + 1, file);
    if (ferror(file))
        rc = bf_error_set(err, BF_EIO,
                          BF_TR("无法读取词表文件“%s”", "cannot read vocabulary file '%s'"), path);
    else if (got > VOCABULARY_FILE_MAX)
        rc = vocabulary_fail(err, BF_ETOOBIG, path, 0,
                             BF_TR("超过 %d 字节", "larger than %d bytes"), VOCABULARY_FILE_MAX);
    if (rc == BF_OK) {
        buffer[got] = '\0';
        *out = buffer;
        *length = got;
        buffer = NULL;
    }
out:
    free(buffer);
    fclose(file);
    return rc;
}

/* True when name ends in ".tsv". */
static int vocabulary_is_tsv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

/* The names of the fact lists (VOCABULARY_FACT_LISTS). */
static const char *const vocabulary_fact_lists[] = {
#define VOCABULARY_FACT_LIST_NAME(name) #name,
    VOCABULARY_FACT_LISTS(VOCABULARY_FACT_LIST_NAME)
#undef VOCABULARY_FACT_LIST_NAME
};

/* True when file is name + ".tsv". */
static int vocabulary_file_is(const char *file, const char *name)
{
    return strncmp(file, name, strlen(name)) == 0 && strcmp(file + strlen(name), ".tsv") == 0;
}

/* Refuses a .tsv file of dir that no controlled field or fact list reads (a misspelt name). */
static int vocabulary_check_names(const char *dir, bf_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("无法读取词表目录“%s”", "cannot read vocabulary directory '%s'"),
                            dir);
    int rc = BF_OK;
    const struct dirent *entry;
    while (rc == BF_OK && (entry = readdir(d)) != NULL) {
        if (!vocabulary_is_tsv(entry->d_name))
            continue;
        int known = 0;
        for (int i = 0; i < VOCABULARY_FIELD_COUNT; i++)
            known |=
                vocabulary_file_is(entry->d_name, person_field_column(vocabulary_fields[i].field));
        for (size_t i = 0; i < sizeof vocabulary_fact_lists / sizeof vocabulary_fact_lists[0]; i++)
            known |= vocabulary_file_is(entry->d_name, vocabulary_fact_lists[i]);
        if (!known)
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("词表目录“%s”中的“%s”不是任何字段的词表（应为 "
                                    "labor_ability、employment_status、employment_wish、"
                                    "training_wish、difficulties 或事实词表 org_kind、job_kind "
                                    "等之一加 .tsv）",
                                    "'%s' of vocabulary directory '%s' names no field (expected "
                                    "labor_ability, employment_status, employment_wish, "
                                    "training_wish or difficulties, or a fact list such as "
                                    "org_kind or job_kind, with .tsv)"),
                              dir, entry->d_name);
    }
    closedir(d);
    return rc;
}

int vocabulary_set_load(vocabulary_set *set, const char *dir, bf_error *err)
{
    int rc = vocabulary_check_names(dir, err);
    for (int i = 0; rc == BF_OK && i < VOCABULARY_FIELD_COUNT; i++) {
        char path[VOCABULARY_PATH_MAX];
        char *text = NULL;
        size_t length = 0;
        snprintf(path, sizeof path, "%s/%s.tsv", dir,
                 person_field_column(vocabulary_fields[i].field));
        rc = vocabulary_read_file(path, &text, &length, err);
        if (rc == BF_OK)
            rc = vocabulary_parse_text(&set->fields[i], vocabulary_fields[i].field,
                                       vocabulary_fields[i].multiple, path, text, length, err);
        free(text);
    }
    if (rc != BF_OK)
        vocabulary_set_free(set);
    return rc;
}

int vocabulary_load_list(vocabulary *v, const char *dir, const char *name, bf_error *err)
{
    char found[VOCABULARY_PATH_MAX], path[VOCABULARY_PATH_MAX];
    char *text = NULL;
    size_t length = 0;
    int rc = BF_OK;
    if (dir == NULL && (rc = vocabulary_find_dir(NULL, found, sizeof found, err)) != BF_OK)
        return rc;
    const char *where = dir != NULL ? dir : found;
    int n = snprintf(path, sizeof path, "%s/%s.tsv", where, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("词表目录名过长：%s", "vocabulary directory name too long: %s"),
                            where);
    /* A bureau's own directory made before the fact lists existed lacks them: say which. */
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("词表目录“%s”中没有 %s.tsv（本版本的导入需要它）：请把 bangfu 自带的 "
                  "vocabularies/%s.tsv 复制到该目录，需要时再加本地的同义词",
                  "the vocabulary directory '%s' has no %s.tsv, which this version's imports "
                  "need: copy vocabularies/%s.tsv shipped with bangfu into it, then add local "
                  "synonyms if needed"),
            where, name, name);
    rc = vocabulary_read_file(path, &text, &length, err);
    if (rc == BF_OK)
        rc = vocabulary_parse_text(v, PERSON_FIELD_COUNT, 0, path, text, length, err);
    free(text);
    return rc;
}

int vocabulary_find_dir(const char *option, char *out, size_t size, bf_error *err)
{
    switch (data_dir_find(option, "BANGFU_VOCABULARIES", "vocabularies", out, size)) {
    case DATA_DIR_FOUND:
        return BF_OK;
    case DATA_DIR_OPTION_MISSING:
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("词表目录“%s”不存在", "vocabulary directory '%s' does not exist"),
                            option);
    case DATA_DIR_ENV_MISSING:
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("BANGFU_VOCABULARIES 指向的目录“%s”不存在",
                                  "BANGFU_VOCABULARIES names a missing directory '%s'"),
                            out);
    case DATA_DIR_NONE:
        break;
    }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("找不到词表目录 vocabularies/（用 BANGFU_VOCABULARIES 指定）",
                              "no vocabulary directory vocabularies/ found (set "
                              "BANGFU_VOCABULARIES)"));
}

int vocabulary_set_load_default(vocabulary_set *set, bf_error *err)
{
    char dir[VOCABULARY_PATH_MAX];
    int rc = vocabulary_find_dir(NULL, dir, sizeof dir, err);
    return rc == BF_OK ? vocabulary_set_load(set, dir, err) : rc;
}

const vocabulary *vocabulary_of(const vocabulary_set *set, person_field field)
{
    for (int i = 0; set != NULL && i < VOCABULARY_FIELD_COUNT; i++)
        if (set->fields[i].count > 0 && set->fields[i].field == field)
            return &set->fields[i];
    return NULL;
}

/* The index of the value the length bytes at word name, or -1 (a too long word names none). */
static int vocabulary_find_n(const vocabulary *v, const char *word, size_t length)
{
    char folded[VOCABULARY_TEXT_MAX];
    int64_t index = -1;
    if (vocabulary_fold(word, length, folded) != BF_OK ||
        !string_map_find(&v->words, folded, &index))
        return -1;
    return (int)index;
}

/*
 * The index of the value the length bytes at word name as they are written,
 * or -1: most cells hold a word exactly as the list has it, which folds to
 * itself, so the fold (half-width forms, case, blanks: a third of reading a
 * list of people) is spared for them.
 */
static int vocabulary_find_as_written(const vocabulary *v, const char *word, size_t length)
{
    char text[VOCABULARY_TEXT_MAX];
    int64_t index = -1;
    if (length == 0 || length >= sizeof text)
        return -1;
    memcpy(text, word, length);
    text[length] = '\0';
    return string_map_find(&v->words, text, &index) ? (int)index : -1;
}

int vocabulary_find(const vocabulary *v, const char *word)
{
    return vocabulary_find_n(v, word, strlen(word));
}

/* True when the length bytes at text are only blanks. */
static int vocabulary_is_blank(const char *text, size_t length)
{
    char folded[VOCABULARY_TEXT_MAX];
    return vocabulary_fold(text, length, folded) == BF_OK && folded[0] == '\0';
}

int vocabulary_parse(const vocabulary *v, const char *text, vocabulary_values *out, char *bad,
                     size_t bad_size)
{
    vocabulary_values values = 0;
    const char *p = text != NULL ? text : "";
    const char *end = p + strlen(p);
    while (p < end) {
        const char *item = p;
        if (v->multiple)
            while (p < end && vocabulary_separator_length(p) == 0)
                p++;
        else
            p = end;
        size_t length = (size_t)(p - item);
        if (p < end)
            p += vocabulary_separator_length(p);
        int index = vocabulary_find_as_written(v, item, length);
        if (index < 0 && vocabulary_is_blank(item, length))
            continue;
        if (index < 0)
            index = vocabulary_find_n(v, item, length);
        if (index < 0) {
            const char *start = item, *stop = item + length;
            vocabulary_trim(&start, &stop);
            vocabulary_copy_cut(start, (size_t)(stop - start), bad, bad_size);
            return BF_EINVAL;
        }
        values |= (vocabulary_values)1 << index;
    }
    *out = values;
    return BF_OK;
}

void vocabulary_join(const vocabulary *v, vocabulary_values values, char out[VOCABULARY_JOINED_MAX])
{
    static const char separator[] = "；";
    size_t used = 0;
    for (int i = 0; i < v->count; i++) {
        if (!(values & ((vocabulary_values)1 << i)))
            continue;
        size_t length = strlen(v->values[i].label), gap = used > 0 ? sizeof separator - 1 : 0;
        if (used + gap + length >= VOCABULARY_JOINED_MAX)
            break; /* cannot happen: every label is shorter than VOCABULARY_TEXT_MAX */
        memcpy(out + used, separator, gap);
        memcpy(out + used + gap, v->values[i].label, length);
        used += gap + length;
    }
    out[used] = '\0';
}

int vocabulary_canonical(const vocabulary *v, const char *text, char out[VOCABULARY_JOINED_MAX],
                         char *bad, size_t bad_size)
{
    vocabulary_values values = 0;
    int rc = vocabulary_parse(v, text, &values, bad, bad_size);
    if (rc == BF_OK)
        vocabulary_join(v, values, out);
    return rc;
}

vocabulary_stored vocabulary_check_stored(const vocabulary *v, const char *text,
                                          char canonical[VOCABULARY_JOINED_MAX])
{
    char joined[VOCABULARY_JOINED_MAX];
    if (vocabulary_canonical(v, text, joined, NULL, 0) != BF_OK)
        return VOCABULARY_STORED_UNKNOWN;
    if (canonical != NULL)
        memcpy(canonical, joined, strlen(joined) + 1);
    return strcmp(joined, text) == 0 ? VOCABULARY_STORED_CANONICAL : VOCABULARY_STORED_SYNONYM;
}
