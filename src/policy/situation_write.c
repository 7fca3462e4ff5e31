/*
 * situation_write.c - a population written as the calc input JSON, so that
 * situation_parse_*() reads back the same rows in the same order (the
 * inverse of situation_json.c): `bangfu situation` over stored data.
 */
#include "policy/situation.h"

#include "core/date.h"
#include "core/decimal.h"
#include "core/money.h"
#include "core/region_code.h"

#include <stdlib.h>
#include <string.h>

/* Where the rows of one person's records start: first[p] .. first[p + 1] in order[]. */
typedef struct person_index {
    size_t *first;  /* people + 1 entries, owned */
    int32_t *order; /* the record rows grouped by person in input order, owned */
} person_index;

static void index_free(person_index *index)
{
    free(index->first);
    free(index->order);
}

/* Groups count records (person[i] the person of record i) by person, keeping their order. */
static int index_build(person_index *index, size_t people, const int32_t *person, size_t count,
                       bf_error *err)
{
    index->first = calloc(people + 1, sizeof *index->first);
    index->order = malloc((count > 0 ? count : 1) * sizeof *index->order);
    if (index->first == NULL || index->order == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t i = 0; i < count; i++)
        index->first[person[i] + 1]++;
    for (size_t p = 0; p < people; p++)
        index->first[p + 1] += index->first[p];
    size_t *next = malloc((people > 0 ? people : 1) * sizeof *next);
    if (next == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    memcpy(next, index->first, people * sizeof *next);
    for (size_t i = 0; i < count; i++)
        index->order[next[person[i]]++] = (int32_t)i;
    free(next);
    return BF_OK;
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            fputc('\\', out);
            fputc(*p, out);
        } else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* , "key": (the separator and the key). */
static void put_key(FILE *out, const char *key)
{
    fputs(", \"", out);
    fputs(key, out);
    fputs("\": ", out);
}

static void put_integer(FILE *out, long long value)
{
    char digits[DECIMAL_TEXT_MAX];
    decimal_format(value, digits);
    fputs(digits, out);
}

static void put_day(FILE *out, const char *key, int32_t day)
{
    char text[BF_DATE_TEXT_MAX];
    date_format(date_from_days(day), text);
    put_key(out, key);
    put_string(out, text);
}

/* The region as 12 digits; nothing when unknown (0). */
static void put_region(FILE *out, const char *key, int64_t region)
{
    if (region == 0)
        return;
    char text[REGION_CODE_TEXT_MAX];
    population_region_format(region, text);
    put_key(out, key);
    put_string(out, text);
}

static void put_count(FILE *out, const char *key, int32_t count)
{
    if (count == POPULATION_COUNT_UNKNOWN)
        return;
    put_key(out, key);
    put_integer(out, count);
}

/* Tenths of an hour as hours with one decimal. */
static void put_hours(FILE *out, const char *key, int32_t tenths)
{
    if (tenths == POPULATION_COUNT_UNKNOWN)
        return;
    put_key(out, key);
    put_integer(out, tenths / 10);
    if (tenths % 10 != 0) {
        fputc('.', out);
        fputc('0' + tenths % 10, out);
    }
}

static void put_money(FILE *out, const char *key, int64_t fen)
{
    if (fen == POPULATION_FEN_UNKNOWN)
        return;
    char text[MONEY_TEXT_MAX];
    money_format(fen, text);
    put_key(out, key);
    fputs(text, out);
}

static void put_flag(FILE *out, const char *key, int flag)
{
    if (!flag)
        return;
    put_key(out, key);
    fputs("true", out);
}

/* The certifications of org (a linear scan: orgs and their decisions are few). */
static void put_certifications(FILE *out, const population *pop, int32_t org)
{
    const population_certifications *c = &pop->certifications;
    int first = 1;
    for (size_t i = 0; i < c->count; i++) {
        if (c->org[i] != org)
            continue;
        fputs(first ? ", \"certifications\": [" : ", ", out);
        first = 0;
        fputs("{\"as\": ", out);
        put_string(out, population_org_kind_name(c->kind[i]));
        put_day(out, "from", c->from[i]);
        if (c->to[i] != POPULATION_DAY_OPEN)
            put_day(out, "to", c->to[i]);
        fputc('}', out);
    }
    if (!first)
        fputc(']', out);
}

static void put_org(FILE *out, const population *pop, const char *key, int32_t org)
{
    if (org == POPULATION_NONE)
        return;
    put_key(out, key);
    put_string(out, pop->orgs.id[org]);
}

static void put_job(FILE *out, const population *pop, int32_t j)
{
    const population_jobs *t = &pop->jobs;
    fputs("{\"id\": ", out);
    put_string(out, t->id[j]);
    put_key(out, "kind");
    put_string(out, population_job_kind_name(t->kind[j]));
    put_org(out, pop, "employer", t->employer[j]);
    put_org(out, pop, "agency", t->agency[j]);
    put_region(out, "region", t->region[j]);
    put_day(out, "start", t->start[j]);
    if (t->end[j] != POPULATION_DAY_OPEN)
        put_day(out, "end", t->end[j]);
    put_count(out, "contract_months", t->contract_months[j]);
    put_count(out, "social_insurance_months", t->insurance_months[j]);
    put_flag(out, "organized", t->organized[j]);
    put_money(out, "travel_cost", t->travel_cost[j]);
    put_hours(out, "hours_per_month", t->hours_tenths[j]);
    fputc('}', out);
}

static void put_training(FILE *out, const population *pop, int32_t i)
{
    const population_trainings *t = &pop->trainings;
    fputs("{\"id\": ", out);
    put_string(out, t->id[i]);
    put_key(out, "kind");
    put_string(out, population_training_kind_name(t->kind[i]));
    put_org(out, pop, "provider", t->provider[i]);
    put_region(out, "region", t->region[i]);
    put_day(out, "start", t->start[i]);
    put_day(out, "end", t->end[i]);
    put_count(out, "days", t->days[i]);
    put_hours(out, "total_hours", t->total_hours[i]);
    put_hours(out, "online_hours", t->online_hours[i]);
    if (t->certificate[i] != CERTIFICATE_NONE) {
        put_key(out, "certificate");
        put_string(out, population_certificate_name(t->certificate[i]));
    }
    put_money(out, "cost", t->cost[i]);
    fputc('}', out);
}

static void put_enrolment(FILE *out, const population *pop, int32_t i)
{
    const population_enrolments *t = &pop->enrolments;
    fputs("{\"id\": ", out);
    put_string(out, t->id[i]);
    put_key(out, "kind");
    put_string(out, population_school_kind_name(t->kind[i]));
    put_flag(out, "full_time", t->full_time[i]);
    put_region(out, "region", t->region[i]);
    put_day(out, "start", t->start[i]);
    if (t->end[i] != POPULATION_DAY_OPEN)
        put_day(out, "end", t->end[i]);
    fputc('}', out);
}

typedef void (*record_writer)(FILE *out, const population *pop, int32_t row);

/* , "key": [record, ...] of person p; nothing when the person has none. */
static void put_records(FILE *out, const population *pop, const char *key,
                        const person_index *index, size_t p, record_writer write)
{
    if (index->first[p] == index->first[p + 1])
        return;
    put_key(out, key);
    fputc('[', out);
    for (size_t k = index->first[p]; k < index->first[p + 1]; k++) {
        if (k > index->first[p])
            fputs(", ", out);
        write(out, pop, index->order[k]);
    }
    fputc(']', out);
}

static void put_person(FILE *out, const population *pop, size_t p, const person_index *indexes)
{
    const population_people *t = &pop->people;
    fputs("{\"id\": ", out);
    put_string(out, t->id[p]);
    if (t->id_number[p] != NULL) {
        put_key(out, "id_number");
        put_string(out, t->id_number[p]);
    }
    if (t->birth_day[p] != POPULATION_DAY_UNKNOWN)
        put_day(out, "birth_date", t->birth_day[p]);
    if (t->sex[p] != SEX_UNKNOWN) {
        put_key(out, "sex");
        put_string(out, t->sex[p] == SEX_MALE ? "男" : "女");
    }
    put_region(out, "hukou_region", t->hukou[p]);
    if (t->categories[p] != 0) {
        put_key(out, "categories");
        fputc('[', out);
        int written = 0;
        for (int bit = 0; bit < pop->category_count; bit++)
            if (t->categories[p] & (UINT64_C(1) << bit)) {
                if (written++ > 0)
                    fputs(", ", out);
                put_string(out, pop->category_names[bit]);
            }
        fputc(']', out);
    }
    put_flag(out, "three_no", t->three_no[p]);
    put_flag(out, "insured", t->insured[p]);
    put_flag(out, "wants_job", t->wants_job[p]);
    put_org(out, pop, "residence", t->residence[p]);
    put_records(out, pop, "jobs", &indexes[0], p, put_job);
    put_records(out, pop, "trainings", &indexes[1], p, put_training);
    put_records(out, pop, "enrolments", &indexes[2], p, put_enrolment);
    fputc('}', out);
}

int situation_write(FILE *out, const population *pop, int month_from, int month_to,
                    const char *parameters, bf_error *err)
{
    person_index indexes[3] = {{0}};
    size_t people = pop->people.count;
    int rc = index_build(&indexes[0], people, pop->jobs.person, pop->jobs.count, err);
    if (rc == BF_OK)
        rc = index_build(&indexes[1], people, pop->trainings.person, pop->trainings.count, err);
    if (rc == BF_OK)
        rc = index_build(&indexes[2], people, pop->enrolments.person, pop->enrolments.count, err);
    if (rc != BF_OK)
        goto out;
    char from[BF_MONTH_TEXT_MAX], to[BF_MONTH_TEXT_MAX];
    date_month_format(month_from, from);
    date_month_format(month_to, to);
    fputs("{\"period\": {\"from\": ", out);
    put_string(out, from);
    put_key(out, "to");
    put_string(out, to);
    fputc('}', out);
    if (parameters != NULL) {
        put_key(out, "parameters");
        fputs(parameters, out);
    }
    fputs(",\n\"orgs\": [", out);
    for (size_t o = 0; o < pop->orgs.count; o++) {
        fputs(o > 0 ? ",\n" : "\n", out);
        fputs("{\"id\": ", out);
        put_string(out, pop->orgs.id[o]);
        put_key(out, "kind");
        put_string(out, population_org_kind_name(pop->orgs.kind[o]));
        put_region(out, "region", pop->orgs.region[o]);
        put_count(out, "staff", pop->orgs.staff[o]);
        put_flag(out, "free_premises", pop->orgs.free_premises[o]);
        put_certifications(out, pop, (int32_t)o);
        fputc('}', out);
    }
    fputs("],\n\"people\": [", out);
    for (size_t p = 0; p < people; p++) {
        fputs(p > 0 ? ",\n" : "\n", out);
        put_person(out, pop, p, indexes);
    }
    fputs("]}\n", out);
    if (ferror(out))
        rc = bf_error_set(err, BF_EIO, NULL);
out:
    for (int i = 0; i < 3; i++)
        index_free(&indexes[i]);
    return rc;
}
