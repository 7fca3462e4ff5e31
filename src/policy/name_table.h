/*
 * name_table.h - looking a name up in a table of names indexed by an enum.
 *
 * The policy model (units, predicates, ...) and the population (job kinds,
 * org kinds, ...) both keep `static const char *const names[COUNT]` tables
 * and parse a name by its position; this is that one look-up.
 */
#ifndef BANGFU_POLICY_NAME_TABLE_H
#define BANGFU_POLICY_NAME_TABLE_H

#include <stddef.h>
#include <string.h>

/* Index of text in names[0 .. count-1] (exact match); -1 when absent or text is NULL. */
static inline int name_table_find(const char *const *names, int count, const char *text)
{
    if (text == NULL)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], text) == 0)
            return i;
    return -1;
}

#endif
