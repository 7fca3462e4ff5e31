/*
 * data_dir.h - finding a data directory that ships next to the binary
 * (policies/, vocabularies/): the one a command-line option names, else the
 * one an environment variable names, else NAME in the current directory,
 * else NAME next to the binary or one or two levels above it (build/bangfu
 * in a checkout, bin/bangfu in an unpacked `make dist` tarball).
 */
#ifndef BANGFU_IO_DATA_DIR_H
#define BANGFU_IO_DATA_DIR_H

#include <stddef.h>

/* What data_dir_find() found. */
typedef enum data_dir_result {
    DATA_DIR_FOUND,          /* out holds the directory */
    DATA_DIR_OPTION_MISSING, /* the option names no directory */
    DATA_DIR_ENV_MISSING,    /* the environment variable names no directory */
    DATA_DIR_NONE            /* none of the default places has one */
} data_dir_result;

/*
 * Looks for the directory: option (may be NULL), else $env (unset or empty:
 * skipped), else name in the current directory or near the binary.  Copies
 * it into out (size bytes).
 */
data_dir_result data_dir_find(const char *option, const char *env, const char *name, char *out,
                              size_t size);

/*
 * The same, where a default place counts only when it holds the file marker: build/web/ (the
 * objects of src/web/) lies next to build/bangfu as the pages' web/ lies next to bin/bangfu.
 */
data_dir_result data_dir_find_holding(const char *option, const char *env, const char *name,
                                      const char *marker, char *out, size_t size);

#endif
