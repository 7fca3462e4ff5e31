/*
 * policy_load_private.h - what the parts of the policy loader share: the
 * conversion context, the schema getters that read typed fields of a Lua
 * table with diagnostics naming the file, line and key, and each part's entry
 * point.  Not for use outside src/policy/.
 *
 *   policy_load.c        files and directories in, the conversion driven declaration by declaration
 *   policy_sandbox.c     the Lua state a file runs in: allow-list, memory and instruction budgets
 *   policy_schema.c      typed field getters and diagnostics placed on the offending line
 *   policy_conditions.c  condition lists (predicates and their arguments)
 *   policy_amount.c      amount rules
 *   policy_declare.c     document, parameter, benefit, status, target and report declarations
 *   policy_resolve.c     cross references across files, status order, consistency checks
 *
 * Ownership: as policy_load.h; getters returning heap text give it to the caller.
 */
#ifndef BANGFU_POLICY_POLICY_LOAD_PRIVATE_H
#define BANGFU_POLICY_POLICY_LOAD_PRIVATE_H

#include "policy/policy_load.h"
#include "policy/schema.h"

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

typedef struct load_context {
    lua_State *L;
    policy_set *set;
    policy_diagnostics *diag;
    const char *file;   /* name for diagnostics */
    const char *source; /* the file's text */
    size_t length;
    size_t *line_starts; /* offset of each line (1-based index) */
    int line_count;
    int first_line; /* current declaration's line */
    int last_line;  /* last line before the next declaration */
    int errors;     /* problems found in this file */
    int document;   /* index of this file's document, -1 before it */
} load_context;

/* The allocator's and hook's bookkeeping for one state. */
typedef struct load_budget {
    size_t used;       /* bytes held by the state */
    size_t limit;      /* POLICY_LUA_MEMORY_MAX */
    long instructions; /* instructions run, in LOAD_HOOK_STEP steps */
    const char *name;  /* the file, for the message of a stopped run */
} load_budget;

/* Longest needle built for a diagnostic. */
#define LOAD_NEEDLE_MAX 160

/* ---- the sandbox (policy_sandbox.c) ---- */

/*
 * A new Lua state under budget whose only globals are the declaration
 * functions; each call appends { kind, line, table } to the list left at
 * stack index 1.  NULL when out of memory.
 */
lua_State *load_sandbox_open(load_budget *budget);

/*
 * Runs text (a text chunk, never bytecode) named chunk_name in L under the
 * instruction budget.  LUA_OK, or a Lua status with the message on top.
 */
int load_sandbox_run(lua_State *L, const char *text, size_t length, const char *chunk_name);

/* ---- schema getters (policy_schema.c) ---- */

/* The line of the first occurrence of needle within the current declaration, else its line. */
int load_find_line(const load_context *ctx, const char *needle);

/* Records a problem at the line where needle appears (or the declaration's line). */
void load_problem(load_context *ctx, const char *needle, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* A key as a needle: `key =` is looked for as the bare word. */
const char *load_key_needle(const char *key, char *buffer, size_t size);

/* A quoted text as a needle: "text". */
const char *load_quoted_needle(const char *text, char *buffer, size_t size);

/*
 * Checks that every key of the table at index is a string among allowed
 * (NULL-terminated).  what names the table in messages.
 */
void load_check_keys(load_context *ctx, int index, const char *const *allowed, const char *what);

/* True when the table at index is a list 1..n (n may be 0); sets *n. */
int load_is_list(lua_State *L, int index, int *n);

/* The Lua type name of the value at index. */
const char *load_type_name(lua_State *L, int index);

/*
 * Pushes field key of the table at index when present with the expected Lua
 * type; returns 1 then.  Returns 0 (nothing pushed) when absent (a problem
 * when required) or of another type (always a problem).
 */
int load_get_field(load_context *ctx, int index, const char *key, int type, int required,
                   const char *what);

/* Copies a string field into out (size bytes); 1 when set. */
int load_get_string(load_context *ctx, int index, const char *key, int required, char *out,
                    size_t size, const char *what);

/* A heap copy of a string field (NULL when absent or bad). */
char *load_get_text(load_context *ctx, int index, const char *key, int required, const char *what);

/* A date field ("YYYY-MM-DD") as a day number; 1 when set. */
int load_get_date(load_context *ctx, int index, const char *key, int required, int32_t *out,
                  const char *what);

/* A month field ("YYYY-MM") as a month index; 1 when set. */
int load_get_month(load_context *ctx, int index, const char *key, int required, int *out,
                   const char *what);

/* A region field as a number; 1 when set. */
int load_get_region(load_context *ctx, int index, const char *key, int required, int64_t *out,
                    const char *what);

/*
 * The number at the top of the stack as fen (yuan with at most two
 * decimals, not negative); 1 when it is one.
 */
int load_number_to_fen(lua_State *L, int index, int64_t *fen);

/* A non-negative integer field; 1 when set. */
int load_get_count(load_context *ctx, int index, const char *key, int required, int *out,
                   const char *what);

/* A boolean field; 1 when set. */
int load_get_flag(load_context *ctx, int index, const char *key, int *out, const char *what);

/* A window { from = date, to = date } field into from/to (kept when absent). */
void load_get_window(load_context *ctx, int index, const char *key, int required, int32_t *from,
                     int32_t *to, const char *what);

/*
 * Reads the list of strings at field key: into owned strings items (at most
 * max) when items is not NULL, and joined with "、" into *joined when joined
 * is not NULL.  Returns the count, or -1 when absent.
 */
int load_get_string_list(load_context *ctx, int index, const char *key, char **items, int max,
                         char **joined, const char *what);

/* ---- declarations (policy_conditions.c, policy_amount.c, policy_declare.c) ---- */

/* Parses the list field key (conditions or hires) into items; sets *top and *total. */
void load_parse_condition_list(load_context *ctx, int index, const char *key, int required,
                               policy_unit unit, policy_condition *items, int *top, int *total,
                               const char *what);

/* The amount = { } field of benefit rule (required unless a service). */
void load_parse_amount(load_context *ctx, int index, policy_rule *rule, const char *what);

/* One declaration table at index into ctx->set, problems into ctx. */
void load_convert_document(load_context *ctx, int index);
void load_convert_parameter(load_context *ctx, int index);
void load_convert_rule(load_context *ctx, int index, int is_status);
void load_convert_target(load_context *ctx, int index);
void load_convert_report(load_context *ctx, int index);

#endif
