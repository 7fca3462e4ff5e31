/* population.c - the column store of people, jobs, trainings and orgs. */
#include "policy/population.h"

#include "core/date.h"
#include "core/region_code.h"
#include "policy/name_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const job_kind_names[JOB_KIND_COUNT] = {
    "enterprise",     "workshop",    "base",          "public_welfare_post",
    "temporary_post", "agriculture", "self_employed", "work_relief"};
static const char *const org_kind_names[ORG_KIND_COUNT] = {
    "enterprise",      "workshop",        "base",
    "agency",          "broker",          "cooperative",
    "agri_enterprise", "relocation_site", "training_institution"};
static const char *const training_kind_names[TRAINING_KIND_COUNT] = {"skill", "online",
                                                                     "work_as_training", "pre_job"};
static const char *const certificate_names[CERTIFICATE_COUNT] = {"", "初级", "中级", "高级"};
static const char *const school_kind_names[SCHOOL_KIND_COUNT] = {
    "technical_school", "secondary_vocational", "higher_vocational"};

const char *population_school_kind_name(int kind)
{
    return kind >= 0 && kind < SCHOOL_KIND_COUNT ? school_kind_names[kind] : "?";
}

const char *population_job_kind_name(int kind)
{
    return kind >= 0 && kind < JOB_KIND_COUNT ? job_kind_names[kind] : "?";
}
const char *population_org_kind_name(int kind)
{
    return kind >= 0 && kind < ORG_KIND_COUNT ? org_kind_names[kind] : "?";
}
const char *population_training_kind_name(int kind)
{
    return kind >= 0 && kind < TRAINING_KIND_COUNT ? training_kind_names[kind] : "?";
}
const char *population_certificate_name(int level)
{
    return level >= 0 && level < CERTIFICATE_COUNT ? certificate_names[level] : "?";
}
int population_job_kind_parse(const char *text)
{
    return name_table_find(job_kind_names, JOB_KIND_COUNT, text);
}
int population_org_kind_parse(const char *text)
{
    return name_table_find(org_kind_names, ORG_KIND_COUNT, text);
}
int population_training_kind_parse(const char *text)
{
    return name_table_find(training_kind_names, TRAINING_KIND_COUNT, text);
}
int population_school_kind_parse(const char *text)
{
    return name_table_find(school_kind_names, SCHOOL_KIND_COUNT, text);
}
int population_certificate_parse(const char *text)
{
    if (text == NULL)
        return CERTIFICATE_NONE;
    int level = name_table_find(certificate_names, CERTIFICATE_COUNT, text);
    return level > 0 ? level : -1;
}

int64_t population_region_parse(const char *text)
{
    char canonical[REGION_CODE_TEXT_MAX];
    if (region_code_normalize(text, canonical) == REGION_LEVEL_INVALID)
        return 0;
    return strtoll(canonical, NULL, 10);
}

void population_region_format(int64_t code, char *out)
{
    if (code < 0 || code > INT64_C(999999999999)) {
        snprintf(out, REGION_CODE_TEXT_MAX, "%012lld", (long long)code);
        return;
    }
    /* the 12 digits by hand: calc --explain formats millions of regions */
    for (int i = 11; i >= 0; i--) {
        out[i] = (char)('0' + code % 10);
        code /= 10;
    }
    out[12] = '\0';
}

int population_region_digits(int64_t code)
{
    /* Groups from the right: village (3 digits), township (3), county (2), city (2). */
    static const struct {
        int64_t size;
        int digits;
    } groups[] = {{1000, 12}, {1000, 9}, {100, 6}, {100, 4}};
    /* The level is the last non-zero group. */
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (code % groups[i].size != 0)
            return groups[i].digits;
        code /= groups[i].size;
    }
    return 2;
}

int64_t population_region_divisor(int64_t ancestor)
{
    static const int64_t scale[13] = {
        1000000000000, 100000000000, 10000000000, 1000000000, 100000000, 10000000, 1000000,
        100000,        10000,        1000,        100,        10,        1};
    return scale[population_region_digits(ancestor)];
}

int population_region_within(int64_t code, int64_t ancestor)
{
    int64_t divisor = population_region_divisor(ancestor);
    return code / divisor == ancestor / divisor;
}

int population_create(population **out, bf_error *err)
{
    population *pop = calloc(1, sizeof *pop);
    if (pop == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    *out = pop;
    return BF_OK;
}

/* Size of one block of copied strings (population_text_block). */
#define POPULATION_TEXT_BLOCK_SIZE ((size_t)1 << 20)

struct population_text_block {
    population_text_block *next;
    size_t used, size;
    char text[]; /* size bytes */
};

static void free_texts(population_text_block *block)
{
    while (block != NULL) {
        population_text_block *next = block->next;
        free(block);
        block = next;
    }
}

/* A copy of text (NULL stays NULL) in pop's blocks; *failed set when the copy fails. */
static char *copy_text(population *pop, const char *text, int *failed)
{
    if (text == NULL)
        return NULL;
    size_t length = strlen(text) + 1;
    population_text_block *block = pop->texts;
    if (block == NULL || block->size - block->used < length) {
        size_t size = length > POPULATION_TEXT_BLOCK_SIZE ? length : POPULATION_TEXT_BLOCK_SIZE;
        population_text_block *fresh = malloc(sizeof *fresh + size);
        if (fresh == NULL) {
            *failed = 1;
            return NULL;
        }
        *fresh = (population_text_block){.next = block, .used = 0, .size = size};
        pop->texts = block = fresh;
    }
    char *copy = block->text + block->used;
    memcpy(copy, text, length);
    block->used += length;
    return copy;
}

void population_free(population *pop)
{
    if (pop == NULL)
        return;
    population_people *p = &pop->people;
    free(p->id);
    free(p->id_number);
    free(p->birth_day);
    free(p->hukou);
    free(p->categories);
    free(p->three_no);
    free(p->insured);
    free(p->sex);
    free(p->wants_job);
    free(p->residence);
    population_certifications *c = &pop->certifications;
    free(c->org);
    free(c->kind);
    free(c->from);
    free(c->to);
    population_enrolments *e = &pop->enrolments;
    free(e->id);
    free(e->person);
    free(e->kind);
    free(e->full_time);
    free(e->region);
    free(e->start);
    free(e->end);
    population_jobs *j = &pop->jobs;
    free(j->id);
    free(j->person);
    free(j->employer);
    free(j->agency);
    free(j->region);
    free(j->kind);
    free(j->start);
    free(j->end);
    free(j->contract_months);
    free(j->insurance_months);
    free(j->organized);
    free(j->travel_cost);
    free(j->hours_tenths);
    population_trainings *t = &pop->trainings;
    free(t->id);
    free(t->person);
    free(t->provider);
    free(t->kind);
    free(t->region);
    free(t->start);
    free(t->end);
    free(t->days);
    free(t->total_hours);
    free(t->online_hours);
    free(t->certificate);
    free(t->cost);
    population_orgs *o = &pop->orgs;
    free(o->id);
    free(o->kind);
    free(o->region);
    free(o->staff);
    free(o->free_premises);
    free_texts(pop->texts);
    free(pop);
}

/* Reallocates *column to capacity elements of size bytes; 0 on failure (column kept). */
static int grow_column(void *column_pointer, size_t capacity, size_t size)
{
    void **column = column_pointer;
    void *grown = realloc(*column, capacity * size);
    if (grown == NULL)
        return 0;
    *column = grown;
    return 1;
}

/* The next capacity for a table of count rows, 0 when the table is full. */
static size_t next_capacity(size_t count, size_t capacity)
{
    if (count < capacity)
        return capacity;
    if (count >= POPULATION_ROWS_MAX)
        return 0;
    size_t next = capacity == 0 ? 64 : capacity * 2;
    return next > POPULATION_ROWS_MAX ? POPULATION_ROWS_MAX : next;
}

#define GROW(table, field, cap) grow_column(&(table)->field, (cap), sizeof *(table)->field)

static int people_reserve(population_people *p, bf_error *err)
{
    size_t cap = next_capacity(p->count, p->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("人数超过上限 %u", "more than %u people"),
                            POPULATION_ROWS_MAX);
    if (cap == p->capacity)
        return BF_OK;
    if (!GROW(p, id, cap) || !GROW(p, id_number, cap) || !GROW(p, birth_day, cap) ||
        !GROW(p, hukou, cap) || !GROW(p, categories, cap) || !GROW(p, three_no, cap) ||
        !GROW(p, insured, cap) || !GROW(p, sex, cap) || !GROW(p, wants_job, cap) ||
        !GROW(p, residence, cap))
        return bf_error_set(err, BF_ENOMEM, NULL);
    p->capacity = cap;
    return BF_OK;
}

static int jobs_reserve(population_jobs *j, bf_error *err)
{
    size_t cap = next_capacity(j->count, j->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("工作经历超过上限 %u", "more than %u jobs"),
                            POPULATION_ROWS_MAX);
    if (cap == j->capacity)
        return BF_OK;
    if (!GROW(j, id, cap) || !GROW(j, person, cap) || !GROW(j, employer, cap) ||
        !GROW(j, agency, cap) || !GROW(j, region, cap) || !GROW(j, kind, cap) ||
        !GROW(j, start, cap) || !GROW(j, end, cap) || !GROW(j, contract_months, cap) ||
        !GROW(j, insurance_months, cap) || !GROW(j, organized, cap) || !GROW(j, travel_cost, cap) ||
        !GROW(j, hours_tenths, cap))
        return bf_error_set(err, BF_ENOMEM, NULL);
    j->capacity = cap;
    return BF_OK;
}

static int trainings_reserve(population_trainings *t, bf_error *err)
{
    size_t cap = next_capacity(t->count, t->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("培训记录超过上限 %u", "more than %u trainings"),
                            POPULATION_ROWS_MAX);
    if (cap == t->capacity)
        return BF_OK;
    if (!GROW(t, id, cap) || !GROW(t, person, cap) || !GROW(t, provider, cap) ||
        !GROW(t, kind, cap) || !GROW(t, region, cap) || !GROW(t, start, cap) ||
        !GROW(t, end, cap) || !GROW(t, days, cap) || !GROW(t, total_hours, cap) ||
        !GROW(t, online_hours, cap) || !GROW(t, certificate, cap) || !GROW(t, cost, cap))
        return bf_error_set(err, BF_ENOMEM, NULL);
    t->capacity = cap;
    return BF_OK;
}

static int orgs_reserve(population_orgs *o, bf_error *err)
{
    size_t cap = next_capacity(o->count, o->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("单位超过上限 %u", "more than %u orgs"),
                            POPULATION_ROWS_MAX);
    if (cap == o->capacity)
        return BF_OK;
    if (!GROW(o, id, cap) || !GROW(o, kind, cap) || !GROW(o, region, cap) || !GROW(o, staff, cap) ||
        !GROW(o, free_premises, cap))
        return bf_error_set(err, BF_ENOMEM, NULL);
    o->capacity = cap;
    return BF_OK;
}

/* column[i] = old column[order[i]] for count elements of size bytes, through scratch. */
static void permute_column(void *column, size_t size, const uint32_t *order, size_t count,
                           unsigned char *scratch)
{
    const unsigned char *from = column;
    for (size_t i = 0; i < count; i++)
        memcpy(scratch + i * size, from + (size_t)order[i] * size, size);
    memcpy(column, scratch, count * size);
}

#define PERMUTE(table, field)                                                                      \
    permute_column((table)->field, sizeof *(table)->field, order, (table)->count, scratch)

/* A column added to population_people needs its PERMUTE line below. */
_Static_assert(sizeof(population_people) == 2 * sizeof(size_t) + 10 * sizeof(void *),
               "population_people_reorder permutes every column");

int population_people_reorder(population *pop, const uint32_t *order, bf_error *err)
{
    population_people *p = &pop->people;
    if (p->count == 0)
        return BF_OK;
    /* The widest column is 8 bytes a row (pointers, hukou, categories). */
    unsigned char *scratch = malloc(p->count * sizeof(uint64_t));
    if (scratch == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    PERMUTE(p, id);
    PERMUTE(p, id_number);
    PERMUTE(p, birth_day);
    PERMUTE(p, hukou);
    PERMUTE(p, categories);
    PERMUTE(p, three_no);
    PERMUTE(p, insured);
    PERMUTE(p, sex);
    PERMUTE(p, wants_job);
    PERMUTE(p, residence);
    free(scratch);
    return BF_OK;
}

int population_add_person(population *pop, const population_person_input *in, int32_t *row,
                          bf_error *err)
{
    population_people *p = &pop->people;
    int rc = people_reserve(p, err);
    if (rc != BF_OK)
        return rc;
    int failed = 0;
    char *id = copy_text(pop, in->id, &failed);
    /* The stored population's ids are the ID numbers: one copy serves both. */
    char *id_number = id != NULL && in->id_number != NULL && strcmp(id, in->id_number) == 0
                          ? id
                          : copy_text(pop, in->id_number, &failed);
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t i = p->count++;
    p->id[i] = id;
    p->id_number[i] = id_number;
    p->birth_day[i] = in->birth_day;
    p->hukou[i] = in->hukou;
    p->categories[i] = in->categories;
    p->three_no[i] = (uint8_t)(in->three_no != 0);
    p->insured[i] = (uint8_t)(in->insured != 0);
    p->sex[i] = (uint8_t)in->sex;
    p->wants_job[i] = (uint8_t)(in->wants_job != 0);
    p->residence[i] = in->residence;
    if (row != NULL)
        *row = (int32_t)i;
    return BF_OK;
}

int population_add_job(population *pop, const population_job_input *in, int32_t *row, bf_error *err)
{
    population_jobs *j = &pop->jobs;
    int rc = jobs_reserve(j, err);
    if (rc != BF_OK)
        return rc;
    int failed = 0;
    char *id = copy_text(pop, in->id, &failed);
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t i = j->count++;
    j->id[i] = id;
    j->person[i] = in->person;
    j->employer[i] = in->employer;
    j->agency[i] = in->agency;
    j->region[i] = in->region;
    j->kind[i] = (uint8_t)in->kind;
    j->start[i] = in->start;
    j->end[i] = in->end;
    j->contract_months[i] = in->contract_months;
    j->insurance_months[i] = in->insurance_months;
    j->organized[i] = (uint8_t)(in->organized != 0);
    j->travel_cost[i] = in->travel_cost;
    j->hours_tenths[i] = in->hours_tenths;
    if (row != NULL)
        *row = (int32_t)i;
    return BF_OK;
}

int population_add_training(population *pop, const population_training_input *in, int32_t *row,
                            bf_error *err)
{
    population_trainings *t = &pop->trainings;
    int rc = trainings_reserve(t, err);
    if (rc != BF_OK)
        return rc;
    int failed = 0;
    char *id = copy_text(pop, in->id, &failed);
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t i = t->count++;
    t->id[i] = id;
    t->person[i] = in->person;
    t->provider[i] = in->provider;
    t->kind[i] = (uint8_t)in->kind;
    t->region[i] = in->region;
    t->start[i] = in->start;
    t->end[i] = in->end;
    t->days[i] = in->days;
    t->total_hours[i] = in->total_hours;
    t->online_hours[i] = in->online_hours;
    t->certificate[i] = (uint8_t)in->certificate;
    t->cost[i] = in->cost;
    if (row != NULL)
        *row = (int32_t)i;
    return BF_OK;
}

int population_add_org(population *pop, const population_org_input *in, int32_t *row, bf_error *err)
{
    population_orgs *o = &pop->orgs;
    int rc = orgs_reserve(o, err);
    if (rc != BF_OK)
        return rc;
    int failed = 0;
    char *id = copy_text(pop, in->id, &failed);
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t i = o->count++;
    o->id[i] = id;
    o->kind[i] = (uint8_t)in->kind;
    o->region[i] = in->region;
    o->staff[i] = in->staff;
    o->free_premises[i] = (uint8_t)(in->free_premises != 0);
    if (row != NULL)
        *row = (int32_t)i;
    return BF_OK;
}

static int enrolments_reserve(population_enrolments *e, bf_error *err)
{
    size_t cap = next_capacity(e->count, e->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("就读记录超过上限 %u", "more than %u enrolments"),
                            POPULATION_ROWS_MAX);
    if (cap == e->capacity)
        return BF_OK;
    if (!GROW(e, id, cap) || !GROW(e, person, cap) || !GROW(e, kind, cap) ||
        !GROW(e, full_time, cap) || !GROW(e, region, cap) || !GROW(e, start, cap) ||
        !GROW(e, end, cap))
        return bf_error_set(err, BF_ENOMEM, NULL);
    e->capacity = cap;
    return BF_OK;
}

int population_add_enrolment(population *pop, const population_enrolment_input *in, int32_t *row,
                             bf_error *err)
{
    population_enrolments *e = &pop->enrolments;
    int rc = enrolments_reserve(e, err);
    if (rc != BF_OK)
        return rc;
    int failed = 0;
    char *id = copy_text(pop, in->id, &failed);
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t i = e->count++;
    e->id[i] = id;
    e->person[i] = in->person;
    e->kind[i] = (uint8_t)in->kind;
    e->full_time[i] = (uint8_t)(in->full_time != 0);
    e->region[i] = in->region;
    e->start[i] = in->start;
    e->end[i] = in->end;
    if (row != NULL)
        *row = (int32_t)i;
    return BF_OK;
}

int population_add_certification(population *pop, int32_t org, population_org_kind kind,
                                 int32_t from, int32_t to, bf_error *err)
{
    population_certifications *c = &pop->certifications;
    size_t cap = next_capacity(c->count, c->capacity);
    if (cap == 0)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("认定记录超过上限 %u", "more than %u certifications"),
                            POPULATION_ROWS_MAX);
    if (cap != c->capacity) {
        if (!GROW(c, org, cap) || !GROW(c, kind, cap) || !GROW(c, from, cap) || !GROW(c, to, cap))
            return bf_error_set(err, BF_ENOMEM, NULL);
        c->capacity = cap;
    }
    size_t i = c->count++;
    c->org[i] = org;
    c->kind[i] = (uint8_t)kind;
    c->from[i] = from;
    c->to[i] = to;
    return BF_OK;
}

int population_category_bit(population *pop, const char *name, int create)
{
    for (int i = 0; i < pop->category_count; i++)
        if (strcmp(pop->category_names[i], name) == 0)
            return i;
    if (!create || pop->category_count >= POPULATION_CATEGORIES_MAX ||
        strlen(name) >= POPULATION_CATEGORY_MAX)
        return -1;
    snprintf(pop->category_names[pop->category_count], POPULATION_CATEGORY_MAX, "%s", name);
    return pop->category_count++;
}

/* splitmix64: a small, good, seedable generator (state passed explicitly). */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A number in [0, bound). */
static uint32_t random_below(uint64_t *state, uint32_t bound)
{
    return (uint32_t)(next_random(state) % bound);
}

/* Org kinds population_generate uses in turn (enterprise .. agri_enterprise; agency is 3). */
#define GENERATE_ORG_KINDS 7
/* Number of orgs population_generate makes. */
#define GENERATE_ORGS 400
/* Longest generated id. */
#define GENERATE_ID_MAX 48

int population_generate(population *pop, const population_generate_options *options, bf_error *err)
{
    /* Hukou regions: 万州, three Shanxi counties, two Shandong counties. */
    static const int64_t hukou_regions[] = {500101000000, 140121000000, 141021000000,
                                            140525000000, 370881000000, 370102000000};
    /* Workplaces: 济宁 districts, Shanxi, 万州, Beijing. */
    static const int64_t job_regions[] = {370811000000, 370882000000, 140121000000, 140105000000,
                                          500101000000, 110105000000, 141021000000};
    static const char *const categories[] = {"建档立卡贫困人口", "易地搬迁劳动力"};
    uint64_t state = options->seed;
    int rc = BF_OK;
    char id[GENERATE_ID_MAX];
    int bits[2];
    for (int i = 0; i < 2; i++)
        bits[i] = population_category_bit(pop, categories[i], 1);
    int32_t year_start = (int32_t)date_to_days((bf_date){options->first_year, 1, 1});
    for (int i = 0; i < GENERATE_ORGS; i++) {
        snprintf(id, sizeof id, "o%d", i);
        population_org_input org = {
            .id = id,
            .kind = (population_org_kind)(i % GENERATE_ORG_KINDS),
            .region = job_regions[random_below(&state, 7)],
            .staff = 5 + (int32_t)random_below(&state, 200),
            .free_premises = random_below(&state, 3) == 0,
        };
        rc = population_add_org(pop, &org, NULL, err);
        if (rc != BF_OK)
            return rc;
    }
    for (size_t n = 0; n < options->people; n++) {
        snprintf(id, sizeof id, "p%zu", n);
        uint32_t r = random_below(&state, 100);
        population_person_input person = {
            .id = id,
            .id_number = NULL,
            .birth_day = year_start - 365 * (18 + (int32_t)random_below(&state, 42)),
            .hukou = hukou_regions[random_below(&state, 6)],
            .categories =
                (r < 80 ? UINT64_C(1) << bits[0] : 0) | (r % 10 == 0 ? UINT64_C(1) << bits[1] : 0),
            .three_no = random_below(&state, 10) == 0,
            .insured = random_below(&state, 2) == 0,
            .sex = random_below(&state, 2) == 0 ? SEX_MALE : SEX_FEMALE,
            .wants_job = random_below(&state, 4) != 0,
            .residence = POPULATION_NONE,
        };
        int32_t person_row = 0;
        rc = population_add_person(pop, &person, &person_row, err);
        if (rc != BF_OK)
            return rc;
        int jobs = (int)random_below(&state, 3);
        for (int k = 0; k < jobs; k++) {
            snprintf(id, sizeof id, "j%zu_%d", n, k);
            int32_t start = year_start + (int32_t)random_below(&state, 540);
            int32_t employer = (int32_t)random_below(&state, GENERATE_ORGS);
            population_job_input job = {
                .id = id,
                .person = person_row,
                .employer = employer,
                .agency = random_below(&state, 4) == 0 ? (int32_t)(3 + 7 * random_below(&state, 50))
                                                       : POPULATION_NONE,
                .region = job_regions[random_below(&state, 7)],
                .kind = (population_job_kind)random_below(&state, JOB_KIND_COUNT),
                .start = start,
                .end = random_below(&state, 2) ? POPULATION_DAY_OPEN
                                               : start + 20 + (int32_t)random_below(&state, 400),
                .contract_months = (int32_t)random_below(&state, 25),
                .insurance_months = (int32_t)random_below(&state, 24),
                .organized = random_below(&state, 2) == 0,
                .travel_cost = 10000 * (int64_t)random_below(&state, 12),
                .hours_tenths = POPULATION_COUNT_UNKNOWN,
            };
            rc = population_add_job(pop, &job, NULL, err);
            if (rc != BF_OK)
                return rc;
            if (random_below(&state, 3) == 0) {
                snprintf(id, sizeof id, "t%zu_%d", n, k);
                int32_t tstart = start + (int32_t)random_below(&state, 300);
                int32_t days = 5 + (int32_t)random_below(&state, 70);
                population_training_input training = {
                    .id = id,
                    .person = person_row,
                    .provider = employer,
                    .kind = (population_training_kind)random_below(&state, TRAINING_KIND_COUNT),
                    .region = job.region,
                    .start = tstart,
                    .end = tstart + days - 1,
                    .days = days,
                    .total_hours = 1000, /* 100 hours, of which up to 60 online */
                    .online_hours = (int32_t)random_below(&state, 600),
                    .certificate = (population_certificate)random_below(&state, CERTIFICATE_COUNT),
                    .cost = 50000 + 10000 * (int64_t)random_below(&state, 20),
                };
                rc = population_add_training(pop, &training, NULL, err);
                if (rc != BF_OK)
                    return rc;
            }
        }
    }
    return BF_OK;
}
