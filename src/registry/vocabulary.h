/*
 * vocabulary.h - the controlled vocabularies of the 四清 fields (劳动能力,
 * 就业状态, 就业意愿, 培训意愿, 就业困难): the values each field takes and
 * the other words clerks write for them (synonyms), read from data files.
 *
 * One file per field, vocabularies/<column>.tsv (e.g. labor_ability.tsv),
 * UTF-8, lines of five TAB-separated columns:
 *     code  中文  English  weight  synonym|synonym|...
 * code is stable (a-z, 0-9, _), for scripts and JSON; 中文 is the canonical
 * value, the form stored in the registry and exported; weight is the share
 * of the value in generated demo lists; synonyms are separated by '|'.
 * Lines starting with '#' and blank lines are comments (the source
 * documents are cited there).  A text is matched after folding full-width
 * ASCII forms, dropping blanks and lowering ASCII case: the code, the
 * Chinese and English labels and every synonym all name their value.  Any
 * malformed line, or a word naming two values, is an error naming the file
 * and line (docs/import.md says how a bureau adds a synonym).
 *
 * A field holds one value (single) or, for 就业困难, any set of them: a cell
 * lists them separated by '；' ';' '、' '，' ',' or line breaks, and the
 * canonical text is the values in file order joined by '；'.
 *
 * The directory is --vocabularies DIR, else $BANGFU_VOCABULARIES, else
 * vocabularies/ in the current directory or next to the binary (as the
 * policies are found; make dist ships it).
 *
 * Ownership: a vocabulary_set is a value the caller owns; vocabulary_set_load()
 * fills it and vocabulary_set_free() releases what it allocated.  The texts
 * returned by the lookups point into the set and live as long as it.
 */
#ifndef BANGFU_REGISTRY_VOCABULARY_H
#define BANGFU_REGISTRY_VOCABULARY_H

#include "core/error.h"
#include "core/string_map.h"
#include "registry/person.h"

#include <stddef.h>
#include <stdint.h>

/* XX(field, multiple): the controlled fields, in the order the set holds them. */
#define VOCABULARY_FIELDS(XX)                                                                      \
    XX(PERSON_LABOR_ABILITY, 0)                                                                    \
    XX(PERSON_EMPLOYMENT_STATUS, 0)                                                                \
    XX(PERSON_EMPLOYMENT_WISH, 0)                                                                  \
    XX(PERSON_TRAINING_WISH, 0)                                                                    \
    XX(PERSON_DIFFICULTIES, 1)

#define VOCABULARY_FIELD_COUNT 5

/*
 * X(name): the lists of the words of stored facts (kinds of organisations,
 * of employment spells, ...), vocabularies/<name>.tsv in the same format,
 * whose code column is the policy format's code the facts store
 * (services/import_facts.h).  A fact import loads the ones its columns name
 * with vocabulary_load_list(); a new list is one line here and its file.
 */
#define VOCABULARY_FACT_LISTS(X)                                                                   \
    X(org_kind)                                                                                    \
    X(job_kind)                                                                                    \
    X(training_kind)                                                                               \
    X(school_kind)                                                                                 \
    X(insurance_scheme)                                                                            \
    X(insurance_status)                                                                            \
    X(trade)                                                                                       \
    X(posting_state)                                                                               \
    X(sex_limit)                                                                                   \
    X(post_duty)                                                                                   \
    X(post_funding)                                                                                \
    X(carrier_kind)                                                                                \
    X(carrier_action)                                                                              \
    X(project_kind)                                                                                \
    X(push_reply)                                                                                  \
    X(fair_kind)                                                                                   \
    X(fair_mode)                                                                                   \
    X(fair_outcome)                                                                                \
    X(outflow_means)
/* Most values of one field (a set of them is a 64-bit mask). */
#define VOCABULARY_VALUES_MAX 32
/* Longest code, label or synonym in bytes, terminator included. */
#define VOCABULARY_TEXT_MAX 96
/* Most words (codes, labels, synonyms) naming the values of one field. */
#define VOCABULARY_WORDS_MAX 1024
/* Longest line of a vocabulary file in bytes. */
#define VOCABULARY_LINE_MAX 4096
/* Largest vocabulary file in bytes. */
#define VOCABULARY_FILE_MAX (1024 * 1024)
/* Longest path of a vocabulary file or directory. */
#define VOCABULARY_PATH_MAX 4096
/* Longest canonical text of a set of values: every value joined by '；'. */
#define VOCABULARY_JOINED_MAX (VOCABULARY_VALUES_MAX * (VOCABULARY_TEXT_MAX + 3))
/* Longest list of accepted values for messages (Chinese, then English). */
#define VOCABULARY_ACCEPTED_MAX (2 * VOCABULARY_JOINED_MAX)

/* A set of values of one field: bit i for value i. */
typedef uint64_t vocabulary_values;

/* One canonical value. */
typedef struct vocabulary_value {
    char code[VOCABULARY_TEXT_MAX];    /* stable, e.g. "able" */
    char label[VOCABULARY_TEXT_MAX];   /* Chinese, the stored form, e.g. "有劳动能力" */
    char english[VOCABULARY_TEXT_MAX]; /* e.g. "able to work" */
    int weight;                        /* share in generated demo lists */
} vocabulary_value;

/* The vocabulary of one field. */
typedef struct vocabulary {
    person_field field; /* the person field it controls */
    int multiple;       /* 1: a cell holds any set of values */
    char path[VOCABULARY_PATH_MAX];
    int count;
    vocabulary_value values[VOCABULARY_VALUES_MAX];
    string_map words;                       /* folded word -> value index; keys in word_texts */
    char **word_texts;                      /* owned folded words */
    size_t word_count;                      /* entries of word_texts */
    char accepted[VOCABULARY_ACCEPTED_MAX]; /* "有劳动能力、… / able to work, …" */
} vocabulary;

/* The vocabularies of every controlled field, in VOCABULARY_FIELDS order. */
typedef struct vocabulary_set {
    vocabulary fields[VOCABULARY_FIELD_COUNT];
} vocabulary_set;

/*
 * Finds the vocabulary directory: option when not NULL, else as the header
 * says.  BF_ENOTFOUND (err says where to look) when there is none.
 */
int vocabulary_find_dir(const char *option, char *out, size_t size, bf_error *err);

/*
 * Loads dir/<column>.tsv for every controlled field into *set (zeroed by
 * the caller).  On failure err names the file and line, and the set is
 * freed.  Another .tsv file in dir is an error (a misspelt field name).
 */
int vocabulary_set_load(vocabulary_set *set, const char *dir, bf_error *err);

/* Loads the directory vocabulary_find_dir(NULL) finds. */
int vocabulary_set_load_default(vocabulary_set *set, bf_error *err);

/*
 * Loads the fact list dir/<name>.tsv (a name of VOCABULARY_FACT_LISTS; dir
 * NULL: the directory vocabulary_find_dir(NULL) finds) into *v, zeroed by
 * the caller; its field is PERSON_FIELD_COUNT (no person field).  On
 * failure err names the file and line, and v is freed.
 */
int vocabulary_load_list(vocabulary *v, const char *dir, const char *name, bf_error *err);

/*
 * Parses the text of one field's file (name is used in messages) into *v
 * (zeroed by the caller; freed on failure).
 */
int vocabulary_parse_text(vocabulary *v, person_field field, int multiple, const char *name,
                          const char *text, size_t length, bf_error *err);

void vocabulary_free(vocabulary *v);
void vocabulary_set_free(vocabulary_set *set);

/* The vocabulary of field, NULL when the field is not controlled. */
const vocabulary *vocabulary_of(const vocabulary_set *set, person_field field);

/* The index of the value word names (any case, width, blanks), or -1. */
int vocabulary_find(const vocabulary *v, const char *word);

/*
 * Reads a cell: one word (single field) or a list of words (multiple) into
 * *out.  An empty cell, or a list of separators only, is the empty set.
 * BF_OK, or BF_EINVAL with the first unknown word copied into bad (bad_size
 * bytes, cut at a character boundary).
 */
int vocabulary_parse(const vocabulary *v, const char *text, vocabulary_values *out, char *bad,
                     size_t bad_size);

/* The canonical text of values: labels in file order joined by '；' ("" for none). */
void vocabulary_join(const vocabulary *v, vocabulary_values values,
                     char out[VOCABULARY_JOINED_MAX]);

/* The canonical text of text: BF_OK with out filled, or BF_EINVAL as vocabulary_parse(). */
int vocabulary_canonical(const vocabulary *v, const char *text, char out[VOCABULARY_JOINED_MAX],
                         char *bad, size_t bad_size);

/* What a stored text is to a list. */
typedef enum vocabulary_stored {
    VOCABULARY_STORED_CANONICAL, /* the canonical text (or empty) */
    VOCABULARY_STORED_SYNONYM,   /* other words of the list's values: canonical differs */
    VOCABULARY_STORED_UNKNOWN    /* a word the list does not have */
} vocabulary_stored;

/*
 * Classifies a stored text (a database written before the lists, or before a
 * synonym was added); canonical (may be NULL) receives its canonical text
 * unless it is unknown.
 */
vocabulary_stored vocabulary_check_stored(const vocabulary *v, const char *text,
                                          char canonical[VOCABULARY_JOINED_MAX]);

#endif
