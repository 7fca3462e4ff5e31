/*
 * situation.h - the input of `bangfu calc`: a period, parameter values and a
 * small population, read from JSON (the format is in issue 3 and
 * docs/policy-format.md).
 *
 * Parsing is strict: unknown keys, wrong types, impossible dates, unknown
 * kinds, unknown org references and malformed JSON are errors whose message
 * starts with the JSON path, e.g.
 *   people[0].jobs[1].start: 日期无效 "2020-02-30"
 * Money is given in yuan (at most two decimals) and held in fen.
 *
 * The file is read as a stream (io/json_stream.h): the people array one
 * person at a time, each converted into the population and its JSON tree
 * freed at once, so memory holds the population and one person's tree, not
 * the document's (about ten times the file).  Only one value must fit in
 * JSON_STREAM_VALUE_MAX: one person, or any other top-level value.  When the
 * people come before the period or the orgs they refer to, they are checked
 * as JSON on the way and read into the population after the top level ends
 * (a pipe is then spooled to a temporary file).
 *
 * Ownership: situation_parse_*() return a situation freed by
 * situation_free(), which also frees its population.
 */
#ifndef BANGFU_POLICY_SITUATION_H
#define BANGFU_POLICY_SITUATION_H

#include "io/json_stream.h"
#include "policy/policy_model.h"
#include "policy/population.h"

#include <stdio.h>

/* Longest calc period, in months. */
#define SITUATION_PERIOD_MONTHS_MAX 240
/* Longest JSON path in a message. */
#define SITUATION_PATH_MAX 256

/* One parameter value given by the situation. */
typedef struct situation_parameter {
    char name[POLICY_ID_MAX];
    char path[SITUATION_PATH_MAX]; /* e.g. parameters.min_wage[0], for messages */
    policy_parameter_value value;
    int has_value; /* "value" given (amount parameters) */
    int has_to;    /* "to" given (window parameters; null = open) */
} situation_parameter;

typedef struct situation {
    int month_from; /* period, month indexes, inclusive */
    int month_to;
    population *pop;
    size_t parameter_count;
    situation_parameter *parameters; /* owned */
} situation;

int situation_parse_text(const char *text, size_t length, situation **out, bf_error *err);
int situation_parse_file(const char *path, situation **out, bf_error *err);
/* From a stream the caller opened (and closes); the two above open one. */
int situation_parse_stream(json_stream *stream, situation **out, bf_error *err);
void situation_free(situation *s);

/*
 * Adds the situation's parameter values to the set's timelines (they win over
 * the files' values).  A name the policies do not declare is an error
 * naming its JSON path.
 */
int situation_apply_parameters(const situation *s, policy_set *set, bf_error *err);

/*
 * Writes pop as a situation file for the months month_from..month_to with
 * parameters (the JSON text of a "parameters" object, or NULL) such that
 * situation_parse_*() reads back the same rows in the same order: orgs
 * first, then each person with their jobs, trainings and enrolments.
 * Unknown values are left out.  BF_EIO when writing to out failed.
 */
int situation_write(FILE *out, const population *pop, int month_from, int month_to,
                    const char *parameters, bf_error *err);

#endif
