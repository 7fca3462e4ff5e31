/*
 * category.h - the assistance categories (帮扶类别) of a person.
 *
 * The first six are the registers' own (建档立卡贫困人口 ... 黄河滩区迁建居民);
 * the others are the groups the policy files name (`{ "category", ... }` in
 * policies/NAME.lua), kept under exactly the documents' names: 脱贫人口 (2023
 * action plan) is not merged with 脱贫享受政策人口 (鲁人社字〔2020〕41号), as no
 * document says they are one group (the policy files list both where both
 * apply).  tests/unit/test_registry.c checks that every name a policy file
 * uses is a category here.
 *
 * A person belongs to one or more of them.  A set of categories is a bit
 * mask (bit i = category i of category_names order), so parsing, comparing
 * and joining need no allocation.  The text form is the canonical order
 * joined by the full-width semicolon '；'; parsing accepts the separators
 * '；', ';' and '、' (and blanks around items), in any order, repeated or not.
 */
#ifndef BANGFU_REGISTRY_CATEGORY_H
#define BANGFU_REGISTRY_CATEGORY_H

#include <stddef.h>

/* Number of categories. */
#define CATEGORY_COUNT 16
/* Longest joined text of all the categories plus the terminator (bytes). */
#define CATEGORY_TEXT_MAX 512
/* Longest unknown item copied back to the caller by category_parse(). */
#define CATEGORY_ITEM_MAX 256

/* A set of categories: bit i set when category i (0..CATEGORY_COUNT-1) applies. */
typedef unsigned category_set;

/* The Chinese name of category index (0..CATEGORY_COUNT-1), NULL out of range. */
const char *category_name(int index);

/* Index of the category named exactly name, or -1. */
int category_index(const char *name);

/*
 * Parses a cell such as "建档立卡贫困人口；易地扶贫搬迁人口" into *out.
 * Empty items (doubled or trailing separators) are skipped; an empty cell
 * gives the empty set.  Returns BF_OK, or BF_EINVAL with the first unknown
 * item copied (truncated, trimmed) into bad (bad_size bytes; bad may be NULL).
 */
int category_parse(const char *text, category_set *out, char *bad, size_t bad_size);

/* Writes the categories of set in canonical order joined by '；' (CATEGORY_TEXT_MAX bytes). */
void category_join(category_set set, char out[CATEGORY_TEXT_MAX]);

/* Writes all names joined by '、' (CATEGORY_TEXT_MAX bytes), for messages. */
void category_all_names(char out[CATEGORY_TEXT_MAX]);

#endif
