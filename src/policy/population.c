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

/* One column of a table: where its array pointer is, and the size of an element. */
typedef struct population_column {
    void **array;
    size_t size;
} population_column;

/* An initialiser entry of a population_column[] for the column name of the local `table`. */
#define COLUMN_OF(type, name) {(void **)&table->name, sizeof(type)},
#define COLUMN_COUNT(columns) (sizeof(columns) / sizeof *(columns))

static void free_columns(const population_column *columns, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(*columns[i].array);
}

/* The population_column[] of the table `table` that a COLUMNS list (population.h) describes. */
#define TABLE_COLUMNS(COLUMNS)                                                                     \
    {                                                                                              \
        COLUMNS(COLUMN_OF)                                                                         \
    }

/*
 * Makes room for one more row of a table of count rows and *capacity: every
 * column grows together (a failed realloc keeps the old arrays, and *capacity
 * stays what all of them hold).  what names the rows in the error.
 */
static int reserve_columns(const population_column *columns, size_t column_count, size_t count,
                           size_t *capacity, const char *what, bf_error *err)
{
    if (count < *capacity)
        return BF_OK;
    if (count >= POPULATION_ROWS_MAX)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("%s超过上限 %u", "more than %2$u %1$s"), what,
                            POPULATION_ROWS_MAX);
    size_t next = *capacity == 0 ? 64 : *capacity * 2;
    if (next > POPULATION_ROWS_MAX)
        next = POPULATION_ROWS_MAX;
    for (size_t i = 0; i < column_count; i++) {
        void *grown = realloc(*columns[i].array, next * columns[i].size);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        *columns[i].array = grown;
    }
    *capacity = next;
    return BF_OK;
}

/*
 * The functions of one table, from its COLUMNS list: NAME_reserve (room for one
 * more row, the rows named what in the error) and NAME_free_columns.
 */
#define DEFINE_TABLE_FUNCTIONS(name, table_type, COLUMNS, what_zh, what_en)                        \
    static int name##_reserve(table_type *table, bf_error *err)                                    \
    {                                                                                              \
        population_column columns[] = TABLE_COLUMNS(COLUMNS);                                      \
        return reserve_columns(columns, COLUMN_COUNT(columns), table->count, &table->capacity,     \
                               BF_TR(what_zh, what_en), err);                                      \
    }                                                                                              \
    static void name##_free_columns(table_type *table)                                             \
    {                                                                                              \
        population_column columns[] = TABLE_COLUMNS(COLUMNS);                                      \
        free_columns(columns, COLUMN_COUNT(columns));                                              \
    }

DEFINE_TABLE_FUNCTIONS(people, population_people, POPULATION_PEOPLE_COLUMNS, "人数", "people")
DEFINE_TABLE_FUNCTIONS(jobs, population_jobs, POPULATION_JOBS_COLUMNS, "工作经历", "jobs")
DEFINE_TABLE_FUNCTIONS(trainings, population_trainings, POPULATION_TRAININGS_COLUMNS, "培训记录",
                       "trainings")
DEFINE_TABLE_FUNCTIONS(enrolments, population_enrolments, POPULATION_ENROLMENTS_COLUMNS, "就读记录",
                       "enrolments")
DEFINE_TABLE_FUNCTIONS(orgs, population_orgs, POPULATION_ORGS_COLUMNS, "单位", "orgs")
DEFINE_TABLE_FUNCTIONS(certifications, population_certifications, POPULATION_CERTIFICATIONS_COLUMNS,
                       "认定记录", "certifications")

void population_free(population *pop)
{
    if (pop == NULL)
        return;
    people_free_columns(&pop->people);
    jobs_free_columns(&pop->jobs);
    trainings_free_columns(&pop->trainings);
    enrolments_free_columns(&pop->enrolments);
    orgs_free_columns(&pop->orgs);
    certifications_free_columns(&pop->certifications);
    free_texts(pop->texts);
    free(pop);
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

int population_people_reorder(population *pop, const uint32_t *order, bf_error *err)
{
    population_people *table = &pop->people;
    if (table->count == 0)
        return BF_OK;
    /* The widest column is 8 bytes a row (pointers, hukou, categories). */
    unsigned char *scratch = malloc(table->count * sizeof(uint64_t));
    if (scratch == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    population_column columns[] = TABLE_COLUMNS(POPULATION_PEOPLE_COLUMNS);
    for (size_t i = 0; i < COLUMN_COUNT(columns); i++)
        permute_column(*columns[i].array, columns[i].size, order, table->count, scratch);
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
    int rc = certifications_reserve(c, err);
    if (rc != BF_OK)
        return rc;
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
