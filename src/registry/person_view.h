/*
 * person_view.h - one person of the registry as a JSON object, the shape
 * `bangfu person show --json` prints and the HTTP API will serve:
 *
 *   name, id_number, sex (男/女), birth_date (YYYY-MM-DD), hukou_region
 *   (12 digits), hukou_region_name ("山东省 / 济宁市 / 任城区"), categories
 *   (array of names), phone, household_id, relation, labor_ability,
 *   employment_status, employment_wish, training_wish, skills, difficulties
 *   (strings, null when empty), three_no and wants_job (是/否 as a list
 *   stated them, null when none did), facts ({three_no, wants_job}: each
 *   {value (true/false), origin ("stated", "derived", "unknown"), from (the
 *   column read, null when unknown)}, the rule of person_facts.h), created ({batch, kind, source,
 * at}: where the first values came from), updated (same, the last change) and history: one object
 * per changed field, oldest first, with field (column name), label (Chinese), old_value, new_value,
 * changed_at, batch, kind and source (a flag's values as 是/否).  Insertions write no history rows
 *   (see person.h): created names their batch.
 *
 * person_view_write() writes the same members into a json_writer (the web server's answer, no
 * tree built), masking what the caller's masks say.
 *
 * Ownership: the caller releases *out with json_decref().
 */
#ifndef BANGFU_REGISTRY_PERSON_VIEW_H
#define BANGFU_REGISTRY_PERSON_VIEW_H

#include "core/error.h"
#include "io/json_writer.h"
#include "registry/person.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "store/store.h"

#include <jansson.h>

/*
 * Builds the object of the person with id_number (already normalised); lists
 * (may be NULL) derive the flags' facts.  BF_ENOTFOUND (err filled) when
 * there is no such person.
 */
int person_view_json(store *st, const vocabulary_set *lists, const char *id_number, json_t **out,
                     bf_error *err);

/* Longest text of one person's view, bytes (its history is most of it). */
#define PERSON_VIEW_TEXT_MAX (64u * 1024u * 1024u)
/* Longest masked value a mask writes, bytes with the NUL. */
#define PERSON_VIEW_MASKED_MAX 64

/* Writes text masked (e.g. 370811********123X) into out of size bytes. */
typedef void (*person_view_mask)(const char *text, char *out, size_t size);
/* The masks of the ID number and of the phone (also in the history), NULL for none. */
typedef struct person_view_masks {
    person_view_mask id_number;
    person_view_mask phone;
} person_view_masks;

/*
 * Writes the members of person_view_json()'s object for p (loaded by person_store_load()) into
 * w, whose object the caller opened and closes; masks (may be NULL) mask the ID number and the
 * phones; paths (may be NULL) keeps region paths between calls (region_path_name_kept).  A store
 * failure fills err; the writer's own errors are json_writer_finish()'s.
 */
int person_view_write(json_writer *w, store *st, const vocabulary_set *lists, const person *p,
                      const person_view_masks *masks, region_paths *paths, bf_error *err);

/* Writes the readable Chinese text form of a person_view_json() object to file. */
void person_view_print_text(const json_t *view, FILE *file);

#endif
