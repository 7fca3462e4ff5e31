/*
 * monitor_settings.c - data/monitor_settings.tsv and --setting NAME=VALUE.
 */
#include "services/monitor_settings.h"

#include "io/data_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int64_t largest;
} monitor_setting_table[MONITOR_SETTING_COUNT] = {
#define MONITOR_SETTING_ROW(name, largest) {#name, largest},
    MONITOR_SETTING_MAP(MONITOR_SETTING_ROW)};

static const char *const monitor_text_setting_names[MONITOR_TEXT_SETTING_COUNT] = {
#define MONITOR_TEXT_SETTING_NAME(name) #name,
    MONITOR_TEXT_SETTING_MAP(MONITOR_TEXT_SETTING_NAME)};

/* Sets name to value; BF_EINVAL with the reason (the caller adds where). */
static int monitor_settings_assign(monitor_settings *settings, const char *name, const char *value,
                                   int *seen, bf_error *err)
{
    for (int t = 0; t < MONITOR_TEXT_SETTING_COUNT; t++) {
        if (strcmp(name, monitor_text_setting_names[t]) != 0)
            continue;
        if (value[0] == '\0' || strlen(value) >= sizeof settings->texts[t])
            return bf_error_set(err, BF_EINVAL, BF_TR("%s：应为 1 至 %d 字节", "%s: 1 to %d bytes"),
                                name, MONITOR_CATEGORIES_MAX - 1);
        snprintf(settings->texts[t], sizeof settings->texts[t], "%s", value);
        if (seen != NULL)
            seen[MONITOR_SETTING_COUNT + t] = 1;
        return BF_OK;
    }
    for (int s = 0; s < MONITOR_SETTING_COUNT; s++) {
        if (strcmp(name, monitor_setting_table[s].name) != 0)
            continue;
        char *end = NULL;
        errno = 0;
        long long number = strtoll(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || number < 0 ||
            number > monitor_setting_table[s].largest)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("%s：“%s”应为 0 至 %lld 的整数",
                                      "%s: '%s' should be a whole number from 0 to %lld"),
                                name, value, (long long)monitor_setting_table[s].largest);
        settings->values[s] = number;
        if (seen != NULL)
            seen[s] = 1;
        return BF_OK;
    }
    return bf_error_set(err, BF_EINVAL, BF_TR("没有设置项“%s”", "no setting '%s'"), name);
}

int monitor_settings_load(monitor_settings *settings, bf_error *err)
{
    memset(settings, 0, sizeof *settings);
    char dir[MONITOR_SETTINGS_LINE_MAX], path[MONITOR_SETTINGS_LINE_MAX + 32];
    if (data_dir_find(NULL, "BANGFU_DATA", "data", dir, sizeof dir) != DATA_DIR_FOUND)
        return bf_error_set(err, BF_ENOTFOUND, "%s",
                            BF_TR("找不到数据目录 data/（用 BANGFU_DATA 指定）",
                                  "no data directory data/ found (set BANGFU_DATA)"));
    snprintf(path, sizeof path, "%s/monitor_settings.tsv", dir);
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return bf_error_set(err, BF_EIO, BF_TR("无法打开 %s：%s", "cannot open %s: %s"), path,
                            strerror(errno));
    int seen[MONITOR_SETTING_COUNT + MONITOR_TEXT_SETTING_COUNT] = {0}, line = 0, rc = BF_OK;
    char text[MONITOR_SETTINGS_LINE_MAX];
    while (rc == BF_OK && fgets(text, sizeof text, file) != NULL) {
        line++;
        text[strcspn(text, "\r\n")] = '\0';
        if (text[0] == '#' || text[0] == '\0')
            continue;
        char *value = strchr(text, '\t');
        if (value == NULL) {
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("%s 第 %d 行：应为 名称<TAB>值<TAB>来源",
                                    "%s line %d: expected name<TAB>value<TAB>source"),
                              path, line);
            break;
        }
        *value++ = '\0';
        char *source = strchr(value, '\t');
        if (source != NULL)
            *source = '\0';
        bf_error why;
        bf_error_clear(&why);
        if (monitor_settings_assign(settings, text, value, seen, &why) != BF_OK)
            rc = bf_error_set(err, BF_EPARSE, BF_TR("%s 第 %d 行：%s", "%s line %d: %s"), path,
                              line, why.message);
    }
    fclose(file);
    for (int s = 0; rc == BF_OK && s < MONITOR_SETTING_COUNT + MONITOR_TEXT_SETTING_COUNT; s++)
        if (!seen[s])
            rc = bf_error_set(
                err, BF_EPARSE, BF_TR("%s 缺少设置项 %s", "%s: the setting %s is missing"), path,
                s < MONITOR_SETTING_COUNT ? monitor_setting_table[s].name
                                          : monitor_text_setting_names[s - MONITOR_SETTING_COUNT]);
    return rc;
}

int monitor_settings_override(monitor_settings *settings, const char *assignment, bf_error *err)
{
    char name[MONITOR_SETTINGS_LINE_MAX];
    const char *equals = strchr(assignment, '=');
    if (equals == NULL || (size_t)(equals - assignment) >= sizeof name)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("--setting 应为 名称=值（“%s”）", "--setting takes NAME=VALUE ('%s')"),
            assignment);
    memcpy(name, assignment, (size_t)(equals - assignment));
    name[equals - assignment] = '\0';
    return monitor_settings_assign(settings, name, equals + 1, NULL, err);
}

int monitor_settings_list_has(const char *list, const char *word, size_t length)
{
    while (*list != '\0') {
        size_t item = strcspn(list, "|");
        if (item == length && memcmp(list, word, length) == 0)
            return 1;
        list += item;
        if (*list == '|')
            list++;
    }
    return 0;
}

int monitor_settings_is_poverty(const monitor_settings *settings, const char *categories)
{
    static const char separator[] = "；";
    const char *at = categories;
    while (at != NULL && *at != '\0') {
        const char *end = strstr(at, separator);
        size_t length = end != NULL ? (size_t)(end - at) : strlen(at);
        if (monitor_settings_list_has(settings->texts[MONITOR_TEXT_poverty_categories], at, length))
            return 1;
        at = end != NULL ? end + strlen(separator) : NULL;
    }
    return 0;
}
