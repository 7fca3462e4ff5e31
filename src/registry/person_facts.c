/* person_facts.c - the flags 三无 and 有就业意愿: stated, else derived (see the header). */
#include "registry/person_facts.h"

#include <string.h>

/* One rule of PERSON_FACT_RULES. */
typedef struct person_fact_rule {
    person_field flag;
    person_field source;
    const char *code;
    int value_when_present;
} person_fact_rule;

static const person_fact_rule person_fact_rules[] = {
#define PERSON_FACT_RULE_ROW(flag, source, code, value) {flag, source, code, value},
    PERSON_FACT_RULES(PERSON_FACT_RULE_ROW)
#undef PERSON_FACT_RULE_ROW
};

/* The index of the value coded code in v, or -1. */
static int person_fact_code_index(const vocabulary *v, const char *code)
{
    for (int i = 0; i < v->count; i++)
        if (strcmp(v->values[i].code, code) == 0)
            return i;
    return -1;
}

person_fact person_fact_resolve(const vocabulary_set *lists, const char *const *values,
                                person_field flag)
{
    person_fact fact = {.value = 0, .origin = PERSON_FACT_UNKNOWN, .from = flag};
    const person_fact_rule *rule = NULL;
    for (size_t r = 0; r < sizeof person_fact_rules / sizeof person_fact_rules[0]; r++)
        if (person_fact_rules[r].flag == flag)
            rule = &person_fact_rules[r];
    if (rule == NULL)
        return fact;
    const char *stated = values[flag];
    if (stated != NULL && (strcmp(stated, "1") == 0 || strcmp(stated, "0") == 0)) {
        fact.value = stated[0] == '1';
        fact.origin = PERSON_FACT_STATED;
        return fact;
    }
    const vocabulary *v = lists != NULL ? vocabulary_of(lists, rule->source) : NULL;
    const char *text = values[rule->source];
    vocabulary_values present = 0;
    if (v == NULL || text == NULL || vocabulary_parse(v, text, &present, NULL, 0) != BF_OK ||
        present == 0)
        return fact;
    int index = person_fact_code_index(v, rule->code);
    int has_code = index >= 0 && (present & ((vocabulary_values)1 << index)) != 0;
    fact.value = has_code ? rule->value_when_present : !rule->value_when_present;
    fact.origin = PERSON_FACT_DERIVED;
    fact.from = rule->source;
    return fact;
}

const char *person_fact_origin_name(person_fact_origin origin)
{
    switch (origin) {
    case PERSON_FACT_STATED:
        return "stated";
    case PERSON_FACT_DERIVED:
        return "derived";
    case PERSON_FACT_UNKNOWN:
        break;
    }
    return "unknown";
}
