/* report_common.c - rows of a region, 脱贫人口, --as-of batches (see the header). */
#include "services/report_common.h"

#include "core/date.h"
#include "services/carrier_register.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void region_fill(report_region *r, const char *code, const char *name)
{
    snprintf(r->code, sizeof r->code, "%s", code);
    snprintf(r->name, sizeof r->name, "%s", name != NULL ? name : code);
    region_code_range(code, r->low, r->high);
}

int report_regions_load(store *st, const char *code, report_regions *out, bf_error *err)
{
    memset(out, 0, sizeof *out);
    store_rows rows = {0};
    const char *params[] = {code, code};
    int rc = store_rows_open(
        st, "SELECT code, name FROM regions WHERE code = ? OR parent = ? ORDER BY code", params, 2,
        &rows, err);
    int step = 0, found = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *c = store_column_text(rows.stmt, 0), *name = store_column_text(rows.stmt, 1);
        if (c == NULL)
            continue;
        if (strcmp(c, code) == 0) {
            region_fill(&out->self, c, name);
            found = 1;
            continue;
        }
        if (out->count == REPORT_CHILDREN_MAX) {
            rc = bf_error_set(
                err, BF_ETOOBIG,
                BF_TR("区划 %s 的下级多于 %d 个", "region %s has more than %d children"), code,
                REPORT_CHILDREN_MAX);
            break;
        }
        if (out->count % 64 == 0) {
            report_region *grown =
                realloc(out->children, (size_t)(out->count + 64) * sizeof *grown);
            if (grown == NULL) {
                rc = bf_error_set(err, BF_ENOMEM, NULL);
                break;
            }
            out->children = grown;
        }
        region_fill(&out->children[out->count++], c, name);
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc == BF_OK && !found)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("区划表中没有区划 %s（先运行 bangfu init）",
                                "region %s is not in the region table (run bangfu init)"),
                          code);
    if (rc != BF_OK)
        report_regions_free(out);
    return rc;
}

void report_regions_free(report_regions *regions)
{
    free(regions->children);
    regions->children = NULL;
    regions->count = 0;
}

int report_regions_find(const report_regions *regions, const char *code)
{
    if (code == NULL || strcmp(code, regions->self.low) < 0 ||
        strcmp(code, regions->self.high) >= 0)
        return -1;
    int low = 0, high = regions->count; /* the children's ranges are ordered and disjoint */
    while (low < high) {
        int mid = low + (high - low) / 2;
        const report_region *r = &regions->children[mid];
        if (strcmp(code, r->low) < 0)
            high = mid;
        else if (strcmp(code, r->high) >= 0)
            low = mid + 1;
        else
            return mid;
    }
    return regions->count;
}

int report_poverty_load(const policy_set *set, report_poverty *out, bf_error *err)
{
    const char *id = CARRIER_REGISTER_HIRES_STATUS;
    int index = policy_set_find_rule(set, id);
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "%s", id);
    const policy_rule *rule = index >= 0 ? set->rules[index] : NULL;
    if (rule == NULL || !rule->is_status || rule->unit != POLICY_UNIT_PERSON)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("政策文件中没有人员状态 %s（统计脱贫人口）",
                                  "the policy files have no person status %s (脱贫人口 counted)"),
                            id);
    for (int c = 0; c < rule->condition_count; c++) {
        const policy_condition *condition = &rule->conditions[c];
        if (condition->predicate != POLICY_PRED_CATEGORY)
            return bf_error_set(
                err, BF_EINVAL,
                BF_TR("人员状态 %s 第 %d 行的条件不是帮扶类别：报表只按类别统计脱贫人口",
                      "person status %s: the condition on line %d is not a "
                      "category; reports count 脱贫人口 by category only"),
                id, condition->line);
        for (int a = 0; a < condition->argc; a++) {
            int category = category_index(condition->names[a]);
            if (category >= 0)
                out->categories |= 1u << category;
        }
    }
    return BF_OK;
}

int report_poverty_holds(const report_poverty *poverty, const char *categories)
{
    category_set set = 0;
    if (categories == NULL || category_parse(categories, &set, NULL, 0) != BF_OK)
        return 0;
    return (set & poverty->categories) != 0;
}

int report_as_of_batch(store *st, int32_t as_of, int64_t *batch, bf_error *err)
{
    *batch = INT64_MAX;
    if (as_of == INT32_MAX)
        return BF_OK;
    /* The end of the day where the user is, in UTC as batches.started_at is written. */
    bf_date next = date_from_days((int64_t)as_of + 1);
    struct tm local = {
        .tm_year = next.year - 1900, .tm_mon = next.month - 1, .tm_mday = next.day, .tm_isdst = -1};
    time_t end = mktime(&local);
    struct tm utc;
    char cutoff[BF_TIMESTAMP_TEXT_MAX];
    gmtime_r(&end, &utc);
    strftime(cutoff, sizeof cutoff, "%Y-%m-%dT%H:%M:%SZ", &utc);
    const char *params[] = {cutoff};
    int rc = store_query_int64(st, "SELECT COALESCE(MAX(id), 0) FROM batches WHERE started_at < ?",
                               params, 1, batch);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    return BF_OK;
}
