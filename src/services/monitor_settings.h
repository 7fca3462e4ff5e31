/*
 * monitor_settings.h - the thresholds of `bangfu monitor`, `governance` and
 * `quality` (issue 16 items 4-6), read from data/monitor_settings.tsv (each
 * with its source: the policy documents give none of these numbers except
 * "any fall", so the file says where each value comes from), and changed for
 * one run by --setting NAME=VALUE.
 *
 * Ownership: a monitor_settings is a value in the caller's memory.
 */
#ifndef BANGFU_SERVICES_MONITOR_SETTINGS_H
#define BANGFU_SERVICES_MONITOR_SETTINGS_H

#include "core/error.h"

#include <stdint.h>

/* XX(name, largest value): the whole-number settings. */
#define MONITOR_SETTING_MAP(XX)                                                                    \
    XX(scale_fall_percent, 100)                                                                    \
    XX(rotation_window_months, 120)                                                                \
    XX(rotation_holders_max, 1000)                                                                 \
    XX(arrears_grace_months, 24)                                                                   \
    XX(quality_recent_months, 240)                                                                 \
    XX(quality_threshold_percent, 100)

typedef enum monitor_setting {
#define MONITOR_SETTING_ENUM(name, largest) MONITOR_##name,
    MONITOR_SETTING_MAP(MONITOR_SETTING_ENUM) MONITOR_SETTING_COUNT
} monitor_setting;

/* XX(name): the settings that are lists of words separated by |. */
#define MONITOR_TEXT_SETTING_MAP(XX)                                                               \
    XX(poverty_categories)                                                                         \
    XX(non_laborer_abilities)

typedef enum monitor_text_setting {
#define MONITOR_TEXT_SETTING_ENUM(name) MONITOR_TEXT_##name,
    MONITOR_TEXT_SETTING_MAP(MONITOR_TEXT_SETTING_ENUM) MONITOR_TEXT_SETTING_COUNT
} monitor_text_setting;

/* Longest list setting, terminator included. */
#define MONITOR_CATEGORIES_MAX 1024
/* Longest line of the settings file. */
#define MONITOR_SETTINGS_LINE_MAX 2048

typedef struct monitor_settings {
    int64_t values[MONITOR_SETTING_COUNT];
    char texts[MONITOR_TEXT_SETTING_COUNT][MONITOR_CATEGORIES_MAX]; /* words separated by | */
} monitor_settings;

/*
 * Reads data/monitor_settings.tsv (the data directory as data_dir_find
 * finds it: $BANGFU_DATA, ./data or next to the binary).  A missing or
 * unknown name, or a value out of range, is BF_EPARSE naming the file and line.
 */
int monitor_settings_load(monitor_settings *settings, bf_error *err);

/* Applies "NAME=VALUE" (--setting); BF_EINVAL saying why. */
int monitor_settings_override(monitor_settings *settings, const char *assignment, bf_error *err);

/* 1 when categories (帮扶类别 joined by '；', as people stores them) holds one of
 * poverty_categories. */
int monitor_settings_is_poverty(const monitor_settings *settings, const char *categories);

/* 1 when word (length bytes) is one of the words of list (separated by |). */
int monitor_settings_list_has(const char *list, const char *word, size_t length);

#endif
