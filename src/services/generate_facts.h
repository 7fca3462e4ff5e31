/*
 * generate_facts.h - a synthetic registry with the facts the policy files
 * read, in the import formats (docs/import.md): `bangfu generate facts`.
 *
 * Writes into a directory people.csv (generate_people's list with the same
 * seed, count and regions, plus the columns 三无 and 有就业意愿), orgs.csv,
 * jobs.csv, trainings.csv, enrolments.csv, residences.csv and insurance.csv.
 * The proportions follow the people's 四清 answers: those working have a
 * spell at an organisation of their county (县内务工, 扶贫车间就业, 公益性岗位)
 * or of another county of the regions (县外务工, some through an agency with
 * a travel cost), about a third of all people in the end; farmers and the
 * self-employed without an employer; some of the unemployed have a spell that
 * ended.  So with the regions 370800 (济宁市) and 500101 (万州区), the default,
 * the 县外务工 of 万州区 work in 济宁 as in 济人社字〔2020〕47号, some trained
 * by their employer within the year with a certificate.  Organisations (one
 * per ~60 people, every kind in every county, credit codes valid per GB
 * 32100-2015) are drawn skewed, so that many employ 10 or more.  People
 * relocated (易地扶贫搬迁人口) live at a relocation site of their county; some
 * of the young are enrolled at a vocational school; insurance rows follow the
 * jobs (职工养老保险) and, for others, the residents' scheme.  Job postings
 * (postings.csv, one per ten people: 100k for 1M) are offered by the
 * employers of every county, in trades of vocabularies/trade.tsv, some with
 * skills, age or sex limits, open until a day after 2021-06-30.
 *
 * posts.csv, assignments.csv, post_pay.csv, cadres.csv and poverty.csv come
 * from services/generate_posts.c; fairs.csv, fair_employers.csv, fair_people.csv, outflows.csv
 * and outflow_people.csv from services/generate_events.c (the fairs of each county, the people
 * at them, the 点对点 batches of the spells taken through an agency).
 *
 * Dates lie in 2012..2022 whatever the day of generation (the people's birth
 * dates follow generate_people, from today).  The same seed gives the same
 * files; the facts draw from their own random state, so people.csv has the
 * rows of `generate people` with the same seed, count and regions.
 */
#ifndef BANGFU_SERVICES_GENERATE_FACTS_H
#define BANGFU_SERVICES_GENERATE_FACTS_H

#include "services/generate_people.h"

/* Longest path of the directory written to. */
#define GENERATE_FACTS_PATH_MAX 4096

typedef struct generate_facts_options {
    int64_t count;                             /* people */
    uint64_t seed;                             /* same seed, same files */
    const char *regions[GENERATE_REGIONS_MAX]; /* canonical codes of the people's hukou */
    int region_count;
    const char *dir; /* created when missing; the files in it are replaced */

    /* The 四清 lists; NULL: read from the vocabulary directory. */
    const vocabulary_set *vocabularies;
} generate_facts_options;

/* The kinds of record written, in the order the files are listed. */
#define GENERATE_FACT_KINDS(X)                                                                     \
    X(GENERATE_PEOPLE, "people")                                                                   \
    X(GENERATE_ORGS, "orgs")                                                                       \
    X(GENERATE_CERTIFICATIONS, "certifications")                                                   \
    X(GENERATE_ALLIANCES, "alliances")                                                             \
    X(GENERATE_ALLIANCE_MEMBERS, "alliance_members")                                               \
    X(GENERATE_BRANDS, "brands")                                                                   \
    X(GENERATE_PROJECTS, "projects")                                                               \
    X(GENERATE_JOBS, "jobs")                                                                       \
    X(GENERATE_TRAININGS, "trainings")                                                             \
    X(GENERATE_ENROLMENTS, "enrolments")                                                           \
    X(GENERATE_RESIDENCES, "residences")                                                           \
    X(GENERATE_INSURANCE, "insurance")                                                             \
    X(GENERATE_POSTINGS, "postings")                                                               \
    X(GENERATE_POSTS, "posts")                                                                     \
    X(GENERATE_ASSIGNMENTS, "assignments")                                                         \
    X(GENERATE_POST_PAY, "post_pay")                                                               \
    X(GENERATE_CADRES, "cadres")                                                                   \
    X(GENERATE_POVERTY, "poverty")                                                                 \
    X(GENERATE_FAIRS, "fairs")                                                                     \
    X(GENERATE_FAIR_EMPLOYERS, "fair_employers")                                                   \
    X(GENERATE_FAIR_PEOPLE, "fair_people")                                                         \
    X(GENERATE_OUTFLOWS, "outflows")                                                               \
    X(GENERATE_OUTFLOW_PEOPLE, "outflow_people")

typedef enum generate_fact_kind {
#define GENERATE_KIND_ENUM(id, name) id,
    GENERATE_FACT_KINDS(GENERATE_KIND_ENUM)
#undef GENERATE_KIND_ENUM
        GENERATE_FACT_KIND_COUNT
} generate_fact_kind;

/* The name of kind, which is also its file's name without ".csv" and the import's KIND. */
const char *generate_fact_kind_name(generate_fact_kind kind);

/* Writes the files; rows[kind] gets the rows of each.  Errors name the file or the region. */
int generate_facts(store *st, const generate_facts_options *options,
                   int64_t rows[GENERATE_FACT_KIND_COUNT], bf_error *err);

#endif
