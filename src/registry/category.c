/* category.c - the assistance categories: parsing and canonical text. */
#include "registry/category.h"

#include "core/error.h"

#include <string.h>

static const char *const category_names[CATEGORY_COUNT] = {
    /* The registers' categories (their order is the stored order: never change it). */
    "建档立卡贫困人口",
    "脱贫享受政策人口",
    "即时帮扶人口",
    "防止返贫监测对象",
    "易地扶贫搬迁人口",
    "黄河滩区迁建居民",
    /* The groups the policy files name (2023 action plan, Jinan plan, 127号). */
    "脱贫人口",
    "防止返贫监测帮扶对象",
    "农村低收入人口",
    "国定标准贫困人口",
    "农民工",
    "未就业高校毕业生",
    "长期失业青年",
    "雨露计划毕业生",
    "境外劳务输出人员",
    "行动不便人员",
};

_Static_assert(CATEGORY_COUNT <= 32, "a category_set is an unsigned bit mask");

const char *category_name(int index)
{
    return index >= 0 && index < CATEGORY_COUNT ? category_names[index] : NULL;
}

/* Index of the category whose name is exactly the length bytes at name, or -1. */
static int category_index_n(const char *name, size_t length)
{
    for (int i = 0; i < CATEGORY_COUNT; i++)
        if (strlen(category_names[i]) == length && memcmp(category_names[i], name, length) == 0)
            return i;
    return -1;
}

int category_index(const char *name)
{
    return category_index_n(name, strlen(name));
}

/* Length of the separator starting at text ('；' ';' '、'), 0 when there is none. */
static size_t category_separator_length(const char *text)
{
    if (*text == ';')
        return 1;
    if (strncmp(text, "；", strlen("；")) == 0)
        return strlen("；");
    if (strncmp(text, "、", strlen("、")) == 0)
        return strlen("、");
    return 0;
}

/* Length of the blank starting at text (ASCII blank or U+3000), 0 when none. */
static size_t category_blank_length(const char *text)
{
    if (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
        return 1;
    if (strncmp(text, "\u3000", strlen("\u3000")) == 0)
        return strlen("\u3000");
    return 0;
}

int category_parse(const char *text, category_set *out, char *bad, size_t bad_size)
{
    category_set set = 0;
    const char *p = text != NULL ? text : "";
    while (*p != '\0') {
        size_t skip;
        while ((skip = category_separator_length(p)) > 0 || (skip = category_blank_length(p)) > 0)
            p += skip;
        if (*p == '\0')
            break;
        const char *start = p;
        while (*p != '\0' && category_separator_length(p) == 0)
            p++;
        const char *end = p;
        /* Trim blanks at the end of the item (blanks at the start were skipped). */
        for (;;) {
            if (end > start &&
                (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')) {
                end--;
                continue;
            }
            size_t ideographic = strlen("\u3000");
            if ((size_t)(end - start) >= ideographic &&
                memcmp(end - ideographic, "\u3000", ideographic) == 0) {
                end -= ideographic;
                continue;
            }
            break;
        }
        int index = category_index_n(start, (size_t)(end - start));
        if (index < 0) {
            if (bad != NULL && bad_size > 0) {
                size_t length = (size_t)(end - start);
                if (length >= bad_size)
                    length = bad_size - 1;
                /* Do not cut a UTF-8 sequence in half. */
                while (length > 0 && ((unsigned char)start[length] & 0xC0) == 0x80)
                    length--;
                memcpy(bad, start, length);
                bad[length] = '\0';
            }
            return BF_EINVAL;
        }
        set |= 1u << index;
    }
    *out = set;
    return BF_OK;
}

/* Writes the names of set in canonical order joined by separator into out. */
static void category_join_with(category_set set, const char *separator, char out[CATEGORY_TEXT_MAX])
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < CATEGORY_COUNT; i++) {
        if (!(set & (1u << i)))
            continue;
        const char *before = used > 0 ? separator : "";
        size_t s = strlen(before), n = strlen(category_names[i]);
        if (used + s + n >= CATEGORY_TEXT_MAX)
            break; /* cannot happen: CATEGORY_TEXT_MAX holds every name (test_registry) */
        memcpy(out + used, before, s);
        memcpy(out + used + s, category_names[i], n);
        used += s + n;
        out[used] = '\0';
    }
}

void category_join(category_set set, char out[CATEGORY_TEXT_MAX])
{
    category_join_with(set, "；", out);
}

void category_all_names(char out[CATEGORY_TEXT_MAX])
{
    category_join_with((category_set)((1ull << CATEGORY_COUNT) - 1), "、", out);
}
