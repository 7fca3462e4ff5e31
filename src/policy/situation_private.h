/*
 * situation_private.h - what the two halves of the situation reader share:
 * situation_stream.c reads the document (top level, people one at a time),
 * situation_json.c converts its records (period, parameters, orgs, people)
 * into the situation.
 *
 * Ownership: a situation_context lives in the caller's memory, zeroed but
 * for s and err; situation_context_free() releases its id maps.
 */
#ifndef BANGFU_POLICY_SITUATION_PRIVATE_H
#define BANGFU_POLICY_SITUATION_PRIVATE_H

#include "core/string_map.h"
#include "io/json_node.h"
#include "policy/situation.h"

/* The tables whose rows are found by id (duplicates, org references). */
typedef enum situation_id_table {
    SITUATION_ID_PEOPLE,
    SITUATION_ID_JOBS,
    SITUATION_ID_TRAININGS,
    SITUATION_ID_ORGS,
    SITUATION_ID_TABLES
} situation_id_table;

/* Reading state: the situation being filled and the ids seen. */
typedef struct situation_context {
    situation *s;
    bf_error *err;
    string_map ids[SITUATION_ID_TABLES]; /* id -> row; the keys are the population's id columns */
} situation_context;

/*
 * The top-level values but the people (root holds them): unknown keys, the
 * period, the parameters when given (*parameters_done is then set) and the
 * orgs, in that order.
 */
int situation_read_head(situation_context *ctx, const json_node *root, int *parameters_done);
/* After the people: unknown keys among what came after them, and the parameters if they did. */
int situation_read_tail(situation_context *ctx, const json_node *root, int parameters_done);
/* people[index] into the population. */
int situation_read_person(situation_context *ctx, const json_node *person, size_t index);
void situation_context_free(situation_context *ctx);

#endif
