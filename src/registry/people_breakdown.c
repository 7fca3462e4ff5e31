/* people_breakdown.c - people per category and per 四清 value (see the header). */
#include "registry/people_breakdown.h"

#include "registry/category.h"

#include <stdlib.h>
#include <string.h>

const char *people_breakdown_label(const people_breakdown *b, int i)
{
    return b->list != NULL ? b->list->values[i].label : category_name(i);
}

/* The values the stored text means, as a bit set; 0 with *known = 0 when it is not in the list. */
static uint64_t people_breakdown_values(const people_breakdown *b, const char *text, int *known,
                                        int *synonym)
{
    *known = 1;
    *synonym = 0;
    if (b->field == PERSON_CATEGORIES) {
        category_set set = 0;
        *known = category_parse(text, &set, NULL, 0) == BF_OK;
        return set;
    }
    vocabulary_values values = 0;
    if (b->list == NULL || vocabulary_parse(b->list, text, &values, NULL, 0) != BF_OK) {
        *known = 0;
        return 0;
    }
    *synonym = vocabulary_check_stored(b->list, text, NULL) == VOCABULARY_STORED_SYNONYM;
    return values;
}

/* Counts people under the stored text. */
static int people_breakdown_add(people_breakdown *b, const char *text, int64_t people)
{
    int known = 0, synonym = 0;
    uint64_t values = text[0] != '\0' ? people_breakdown_values(b, text, &known, &synonym) : 0;
    if (text[0] == '\0' || (known && values == 0)) {
        b->empty += people;
        return BF_OK;
    }
    if (known) {
        for (int i = 0; i < b->count; i++)
            if (values & ((uint64_t)1 << i))
                b->people[i] += people;
        if (synonym)
            b->synonyms += people;
        return BF_OK;
    }
    /* Rows come with the most people first: the first ones are kept. */
    if (b->unlisted_count == PEOPLE_BREAKDOWN_UNLISTED_MAX) {
        b->unlisted_more_values++;
        b->unlisted_more_people += people;
        return BF_OK;
    }
    people_breakdown_unlisted *u = &b->unlisted[b->unlisted_count];
    if ((u->value = strdup(text)) == NULL)
        return BF_ENOMEM;
    u->people = people;
    b->unlisted_count++;
    return BF_OK;
}

int people_breakdown_read(store *st, const vocabulary_set *lists, person_field field,
                          people_breakdown *out, bf_error *err)
{
    memset(out, 0, sizeof *out);
    out->field = field;
    out->list = field == PERSON_CATEGORIES ? NULL : vocabulary_of(lists, field);
    out->count = field == PERSON_CATEGORIES ? CATEGORY_COUNT
                 : out->list != NULL        ? out->list->count
                                            : 0;
    store_stmt *stmt = NULL;
    int rc = store_prepare(st,
                           "SELECT value, people FROM people_counts WHERE field = ? "
                           "ORDER BY people DESC, value",
                           &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, person_field_column(field));
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        const char *text = store_column_text(stmt, 0);
        rc = people_breakdown_add(out, text != NULL ? text : "", store_column_int64(stmt, 1));
    }
    store_finalize(stmt);
    if (rc == BF_DONE)
        return BF_OK;
    if (rc == BF_ENOMEM)
        bf_error_set(err, rc, NULL);
    else
        bf_error_set(err, rc, BF_TR("无法读取登记汇总：%s", "cannot read the registry summary: %s"),
                     store_error_message(st));
    people_breakdown_free(out);
    return rc;
}

void people_breakdown_free(people_breakdown *b)
{
    for (int i = 0; i < b->unlisted_count; i++)
        free(b->unlisted[i].value);
    b->unlisted_count = 0;
}
