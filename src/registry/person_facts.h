/*
 * person_facts.h - the flags the policies read about a person (三无,
 * 有就业意愿): the one rule that says what they are when no list stated them.
 *
 * people.three_no and people.wants_job hold what a list stated in its own
 * column (三无, 有就业意愿), NULL when none did.  The 四清 fields say the
 * same thing in other words: 就业困难 lists 三无人员 (code three_no of
 * vocabularies/difficulties.tsv), 就业意愿 says 无就业意愿 (code no of
 * employment_wish.tsv) or a wish to work (any other value).  The rule:
 *
 *   the stated column wins; otherwise the flag follows the 四清 field
 *   (三无: yes when 就业困难 holds the value coded three_no, no when 就业困难
 *   holds others only; 有就业意愿: no for the value coded no, yes for any
 *   other value of 就业意愿); otherwise it is unknown, which a policy
 *   reads as no.
 *
 * It is applied when the facts are read (person show, the calc input), not
 * when they are stored: a later 就业困难 changes the derived flag, the stored
 * column keeps exactly what the lists said, and export → import is exact.  A
 * bureau's own list keeps the codes three_no and no for the rule to apply
 * (codes never change, docs/import.md).
 */
#ifndef BANGFU_REGISTRY_PERSON_FACTS_H
#define BANGFU_REGISTRY_PERSON_FACTS_H

#include "registry/person.h"
#include "registry/vocabulary.h"

/*
 * The policy fact insured (the person pays social insurance now) comes from
 * the stored lines of the social insurance agency's list (`bangfu import
 * insurance`, table insurance): a person is insured when a line of theirs, of
 * any scheme, has this status, the code of 参保缴费 in
 * vocabularies/insurance_status.tsv (suspended, pensioner and ended pay
 * nothing now; the file cites the documents).
 */
#define PERSON_FACT_INSURED_STATUS "paying"

/* XX(flag, field it follows, code of that field's list, value of the flag when present) */
#define PERSON_FACT_RULES(XX)                                                                      \
    XX(PERSON_THREE_NO, PERSON_DIFFICULTIES, "three_no", 1)                                        \
    XX(PERSON_WANTS_JOB, PERSON_EMPLOYMENT_WISH, "no", 0)

/* Where the value of a flag comes from. */
typedef enum person_fact_origin {
    PERSON_FACT_UNKNOWN, /* no list said it: read as no */
    PERSON_FACT_STATED,  /* its own column */
    PERSON_FACT_DERIVED, /* the 四清 field it follows */
} person_fact_origin;

/* The value of one flag and its origin. */
typedef struct person_fact {
    int value; /* 1 yes, 0 no (also when unknown) */
    person_fact_origin origin;
    person_field from; /* the field read: the flag itself (stated) or the 四清 field (derived) */
} person_fact;

/*
 * The value of flag (PERSON_THREE_NO or PERSON_WANTS_JOB) for a person with
 * the stored values (PERSON_FIELD_COUNT, NULL for empty), by the rule above;
 * lists may be NULL (nothing is derived then).  A 四清 value the lists do not
 * know derives nothing.  Another field gives unknown.
 */
person_fact person_fact_resolve(const vocabulary_set *lists, const char *const *values,
                                person_field flag);

/* The name of origin for JSON: "stated", "derived" or "unknown". */
const char *person_fact_origin_name(person_fact_origin origin);

#endif
