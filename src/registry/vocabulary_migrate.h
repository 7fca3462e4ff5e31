/*
 * vocabulary_migrate.h - stored 四清 values brought to the lists
 * (registry/vocabulary.h) by `bangfu init`: a database written before the
 * lists existed, or before a bureau added a synonym, holds words such as
 * 普通劳动力 or 务工.  Each stored text that the lists read is rewritten to its
 * canonical value (半劳动力 -> 弱劳动能力, 照顾家庭、年龄大 -> 家庭照护；年龄偏大),
 * with a history row per person and field in one batch of kind 'vocabulary',
 * and the summary (registry/people_counts.h) moved along, all in one
 * transaction.  Texts the lists do not know are left as they are and counted:
 * status and person show name them.  The distinct stored texts come from the
 * summary, so a database whose values are all canonical costs a few rows'
 * read; the rewrite is one UPDATE per distinct legacy text.
 */
#ifndef BANGFU_REGISTRY_VOCABULARY_MIGRATE_H
#define BANGFU_REGISTRY_VOCABULARY_MIGRATE_H

#include "core/error.h"
#include "registry/vocabulary.h"
#include "store/store.h"

/* What vocabulary_migrate_stored() did. */
typedef struct vocabulary_migrate_result {
    int64_t texts;          /* distinct stored texts rewritten */
    int64_t changes;        /* person fields rewritten (history rows) */
    int64_t unknown_texts;  /* distinct stored texts the lists do not know, left */
    int64_t unknown_people; /* person fields holding them */
    int64_t batch;          /* the batch written, 0 when nothing changed */
} vocabulary_migrate_result;

/* Rewrites the stored texts of every listed field; source names the lists in the batch. */
int vocabulary_migrate_stored(store *st, const vocabulary_set *lists, const char *source,
                              vocabulary_migrate_result *result, bf_error *err);

#endif
