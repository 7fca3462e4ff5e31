/*
 * cli.h - what every subcommand of bangfu shares.
 *
 * Each subcommand lives in its own file src/cli/cmd_<name>.c and is one
 * entry of commands[] in main.c (git's git.c / builtin/ layout).  To add one:
 * write `int cmd_<name>(cli_context *ctx, int argc, char **argv)`, declare it
 * here, and add a line to commands[] with the flags it needs.
 *
 * argv[0] is the subcommand name; the global options (--db, --help,
 * --version) are already removed, wherever they stood, and `--help` never
 * reaches a command (main() prints its help from commands[]).  A command returns an exit status:
 * CLI_EXIT_OK, CLI_EXIT_FAILURE (the work could not be done) or CLI_EXIT_USAGE (bad arguments or
 * input).
 */
#ifndef BANGFU_CLI_CLI_H
#define BANGFU_CLI_CLI_H

#include "core/date.h"
#include "core/region_code.h"
#include "store/store.h"

enum cli_exit { CLI_EXIT_OK = 0, CLI_EXIT_FAILURE = 1, CLI_EXIT_USAGE = 2 };

/*
 * commands[] flags: how main() opens the database before the command runs
 * (none: the command needs no database).
 */
#define CLI_STORE_CREATE 0x1 /* created when missing, migrations applied (bangfu init) */
#define CLI_STORE_WRITE  0x2 /* an initialised database, read-write, missing migrations applied */
#define CLI_STORE_READ   0x4 /* an initialised database, read-only: nothing created or changed */
/* The command opens the database itself with cli_open_store(), read-only or read-write as its
   action needs (`param list` reads, `param set` writes); main() opens nothing. */
#define CLI_STORE_BY_COMMAND 0x8
/* The command writes data (JSON, CSV) to standard output: kept UTF-8 on a GBK terminal. */
#define CLI_OUTPUT_DATA 0x10

/* Everything main() prepared for the command. */
typedef struct cli_context {
    const char *target; /* the database target (--db, $BANGFU_DB or ./bangfu.db) */
    char target_shown[STORE_TARGET_SHOWN_MAX]; /* target with any password masked, for output */
    store *store; /* open when the command has a CLI_STORE_* flag, else NULL */
} cli_context;

/* Prints "bangfu: message" on stderr and returns status (for `return cli_fail(...)`). */
int cli_fail(int status, const char *format, ...) __attribute__((format(printf, 2, 3)));

/*
 * Opens ctx->target into ctx->store as flags (CLI_STORE_*) say; refuses a
 * missing or uninitialised database unless CLI_STORE_CREATE.
 */
int cli_open_store(cli_context *ctx, int flags, bf_error *err);

/*
 * For commands that write a file only with --force when it exists: when path
 * exists, says so ("give --force to overwrite it") and returns 1; else 0.
 */
int cli_refuse_existing(const char *path);

/*
 * The canonical code of a region argument (--region CODE) into out: CLI_EXIT_OK, or the exit
 * status after saying why (not a code: CLI_EXIT_USAGE; not in the region table:
 * CLI_EXIT_FAILURE).  ctx->store must be open.
 */
int cli_region_argument(cli_context *ctx, const char *text, char out[REGION_CODE_TEXT_MAX]);

/*
 * The --top, --date and --region values bangfu match and bangfu push take (NULL: not given,
 * the value stays): *top 1..MATCH_TOP_MAX, *day a date, region (canonical; *region_out points
 * at it).  CLI_EXIT_OK, or the exit status after saying what is wrong.
 */
int cli_match_options(cli_context *ctx, const char *top_text, const char *date_text,
                      const char *region_text, int *top, bf_date *day,
                      char region[REGION_CODE_TEXT_MAX], const char **region_out);

struct json_t;
/*
 * Prints value (a jansson value, taken: decref'ed here; NULL when building it ran out of memory)
 * compact, keys in order, as one line: CLI_EXIT_OK, or CLI_EXIT_FAILURE after saying so.
 */
int cli_print_json_line(struct json_t *value);

/*
 * Looks for "--name VALUE" or "--name=VALUE" at argv[*index]; on a match
 * sets *value, advances *index past it and returns 1.  Returns -1 when the
 * option is present but its value is missing, 0 when argv[*index] is another
 * argument.
 */
int cli_option_value(int argc, char **argv, int *index, const char *name, const char **value);

struct policy_set;
/*
 * Loads every policy file of the directory option names (--policies; NULL:
 * policy_find_dir's default) into a new set *out (freed with
 * policy_set_free()), the directory in dir (size bytes).  When a file has
 * problems prints them (file:line: message) and then refusal, the caller's
 * words for what it will not do, on stderr; returns CLI_EXIT_OK or
 * CLI_EXIT_FAILURE (*out NULL).
 */
int cli_load_policies(const char *option, const char *refusal, struct policy_set **out, char *dir,
                      size_t size);

int cmd_init(cli_context *ctx, int argc, char **argv);
int cmd_status(cli_context *ctx, int argc, char **argv);
int cmd_region(cli_context *ctx, int argc, char **argv);
int cmd_import(cli_context *ctx, int argc, char **argv);
int cmd_export(cli_context *ctx, int argc, char **argv);
int cmd_match(cli_context *ctx, int argc, char **argv);
int cmd_push(cli_context *ctx, int argc, char **argv);
int cmd_cooperation(cli_context *ctx, int argc, char **argv);
int cmd_fair(cli_context *ctx, int argc, char **argv);
int cmd_outflow(cli_context *ctx, int argc, char **argv);
int cmd_person(cli_context *ctx, int argc, char **argv);
int cmd_generate(cli_context *ctx, int argc, char **argv);
int cmd_template(cli_context *ctx, int argc, char **argv);
int cmd_calc(cli_context *ctx, int argc, char **argv);
int cmd_situation(cli_context *ctx, int argc, char **argv);
int cmd_policy(cli_context *ctx, int argc, char **argv);
int cmd_backup(cli_context *ctx, int argc, char **argv);
int cmd_restore(cli_context *ctx, int argc, char **argv);
int cmd_param(cli_context *ctx, int argc, char **argv);
int cmd_ledger(cli_context *ctx, int argc, char **argv);
int cmd_org(cli_context *ctx, int argc, char **argv);
int cmd_project(cli_context *ctx, int argc, char **argv);
int cmd_report(cli_context *ctx, int argc, char **argv);
int cmd_compare(cli_context *ctx, int argc, char **argv);
int cmd_monitor(cli_context *ctx, int argc, char **argv);
int cmd_governance(cli_context *ctx, int argc, char **argv);
int cmd_quality(cli_context *ctx, int argc, char **argv);
int cmd_whatif(cli_context *ctx, int argc, char **argv);
int cmd_serve(cli_context *ctx, int argc, char **argv);
int cmd_user(cli_context *ctx, int argc, char **argv);
int cmd_audit(cli_context *ctx, int argc, char **argv);

#endif
