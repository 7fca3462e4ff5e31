/*
 * generate_posts.h - the synthetic lists of issue 13 items 4 and 5 that
 * `bangfu generate facts` writes beside the others: public-welfare posts
 * (posts.csv), the people on them (assignments.csv), their monthly pay
 * (post_pay.csv), the village cadres (cadres.csv) and the poverty office's
 * list of people (poverty.csv).
 *
 * Who: a person of working age whose 就业状态 is 公益性岗位 and who has no
 * spell in jobs.csv gets a post of their village (so no work is counted
 * twice), with pay for up to the last six months before mid 2021, a few
 * months unpaid or paid short (拖欠).  Each village met gets three cadres
 * (not registered; one in five shares the household of the village's first
 * person met, for the governance checks).  The poverty office lists nearly
 * everyone, a few with another name, household or phone, and some people
 * the registry does not have (their ID numbers are of 110101, 东城区).
 *
 * The draws come from their own random state, so the other files do not
 * change with these.
 *
 * Ownership: generate_posts_open() returns a writer set freed by
 * generate_posts_close().
 */
#ifndef BANGFU_SERVICES_GENERATE_POSTS_H
#define BANGFU_SERVICES_GENERATE_POSTS_H

#include "services/generate_people.h"

typedef struct generate_posts generate_posts;

/* The files, in the order of the kinds: posts, assignments, post_pay, cadres, poverty. */
#define GENERATE_POSTS_FILES 5

/* Opens the files (paths[i] for file i) and writes their headers. */
int generate_posts_open(const char *const paths[GENERATE_POSTS_FILES], uint64_t seed,
                        generate_posts **out, bf_error *err);

/* The rows of one person; has_job: jobs.csv has a spell of theirs going on. */
int generate_posts_person(generate_posts *g, const generated_person *person, int has_job,
                          bf_error *err);

/* Finishes (keep) or discards the files; rows[i] gets the rows of file i.  g may be NULL. */
int generate_posts_close(generate_posts *g, int keep, int64_t rows[GENERATE_POSTS_FILES],
                         bf_error *err);

#endif
