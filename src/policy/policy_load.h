/*
 * policy_load.h - loading policy files (Lua 5.4 data, docs/policy-format.md)
 * into a policy_set, in a sandbox, with file:line diagnostics.
 *
 * A file runs in a fresh Lua state whose only globals are the four
 * declaration functions (document, parameter, status, benefit): no io, os,
 * require, load, string or debug library.  Text chunks only (no bytecode), an
 * instruction budget (POLICY_LUA_INSTRUCTIONS_MAX) and a memory cap
 * (POLICY_LUA_MEMORY_MAX).  Every table is then checked strictly and turned
 * into policy_model.h structs.  Problems are collected, not fatal: each gets
 * the file and line, so `bangfu policy check` can print them all.
 *
 * Ownership: the caller owns the set and the diagnostics; loading appends to
 * both.  After the last file, policy_set_resolve() links ids across files.
 */
#ifndef BANGFU_POLICY_POLICY_LOAD_H
#define BANGFU_POLICY_POLICY_LOAD_H

#include "policy/policy_model.h"

/* Largest policy file, in bytes. */
#define POLICY_FILE_MAX (4u * 1024u * 1024u)
/* Memory one file's Lua state may use. */
#define POLICY_LUA_MEMORY_MAX (64u * 1024u * 1024u)
/* Lua instructions one file may run (a data file needs a few thousand). */
#define POLICY_LUA_INSTRUCTIONS_MAX 10000000L
/* Diagnostics kept; later ones are counted in dropped. */
#define POLICY_DIAGNOSTICS_MAX 100
/* Longest diagnostic message. */
#define POLICY_DIAGNOSTIC_MAX 512
/* Policy files in one directory. */
#define POLICY_FILES_MAX 64

/* One problem in a policy file. */
typedef struct policy_diagnostic {
    char file[POLICY_PATH_MAX];
    int line; /* 0 when the problem is about the whole file */
    char message[POLICY_DIAGNOSTIC_MAX];
} policy_diagnostic;

typedef struct policy_diagnostics {
    int count;
    int dropped;
    policy_diagnostic items[POLICY_DIAGNOSTICS_MAX];
} policy_diagnostics;

/*
 * Loads one file into set.  BF_OK when it is clean; BF_EPOLICY when it has
 * problems (in diag); BF_EIO/BF_ENOMEM/BF_ETOOBIG with err when it could not
 * be read at all.
 */
int policy_load_file(policy_set *set, const char *path, policy_diagnostics *diag, bf_error *err);

/* The same for text already in memory; name is used in diagnostics. */
int policy_load_buffer(policy_set *set, const char *name, const char *text, size_t length,
                       policy_diagnostics *diag, bf_error *err);

/* Loads every *.lua of dir in name order, then resolves; BF_EPOLICY on problems. */
int policy_load_dir(policy_set *set, const char *dir, policy_diagnostics *diag, bf_error *err);

/*
 * Links not_with ids, status ids and parameter names across files and checks
 * that each benefit's amount fits its parameter's unit.  BF_EPOLICY on problems.
 */
int policy_set_resolve(policy_set *set, policy_diagnostics *diag);

/*
 * Finds the policies directory: option (--policies) when not NULL, else
 * $BANGFU_POLICIES, else ./policies, else ../policies and ../../policies next
 * to the executable.  Writes it into out (size bytes); BF_ENOTFOUND with err
 * when none exists.
 */
int policy_find_dir(const char *option, char *out, size_t size, bf_error *err);

/* Adds a diagnostic (printf-style). */
void policy_diagnostic_add(policy_diagnostics *diag, const char *file, int line, const char *format,
                           ...) __attribute__((format(printf, 4, 5)));

#endif
