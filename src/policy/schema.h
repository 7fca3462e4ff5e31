/*
 * schema.h - the forms of field values shared by the two readers of
 * structured input: the policy loader (Lua tables, policy_schema.c) and the
 * calc situation parser (JSON, situation_json.c).  Each reader checks the
 * type of a field its own way and then reads its value here, so that a key,
 * a date, a region and a field path mean the same in both.
 *
 * Ownership: nothing is kept; out buffers belong to the caller.
 */
#ifndef BANGFU_POLICY_SCHEMA_H
#define BANGFU_POLICY_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

/* 1 when key is one of allowed (NULL-terminated). */
int schema_key_known(const char *const *allowed, const char *key);

/* Writes the path of field key under base into out (size bytes): "base.key", or "key" when base
   is empty; a path too long is truncated. */
void schema_path_join(char *out, size_t size, const char *base, const char *key);

/* A date "YYYY-MM-DD" as a day number (date_to_days); BF_OK or BF_EINVAL. */
int schema_day(const char *text, int32_t *day);

/* A region code (2 to 12 digits) as its canonical number; BF_OK or BF_EINVAL. */
int schema_region(const char *text, int64_t *code);

#endif
