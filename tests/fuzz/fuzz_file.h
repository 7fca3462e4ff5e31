/*
 * fuzz_file.h - the one temporary file a file-based harness writes each input to.
 *
 * fuzz_file_write() creates TMPDIR/bangfu-fuzz-XXXXXX<suffix> on the first call
 * (removed at exit) and replaces its content with the input; it returns the
 * path, or NULL when the file cannot be written (the input is then skipped).
 */
#ifndef BANGFU_TESTS_FUZZ_FILE_H
#define BANGFU_TESTS_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_file_path[4096];

static void fuzz_file_remove(void)
{
    if (fuzz_file_path[0] != '\0')
        unlink(fuzz_file_path);
}

static const char *fuzz_file_write(const uint8_t *data, size_t size, const char *suffix)
{
    if (fuzz_file_path[0] == '\0') {
        const char *dir = getenv("TMPDIR");
        if (dir == NULL || dir[0] == '\0')
            dir = "/tmp";
        snprintf(fuzz_file_path, sizeof fuzz_file_path, "%s/bangfu-fuzz-XXXXXX%s", dir, suffix);
        int fd = mkstemps(fuzz_file_path, (int)strlen(suffix));
        if (fd < 0) {
            fuzz_file_path[0] = '\0';
            return NULL;
        }
        close(fd);
        atexit(fuzz_file_remove);
    }
    FILE *file = fopen(fuzz_file_path, "wb");
    if (file == NULL)
        return NULL;
    size_t written = size > 0 ? fwrite(data, 1, size, file) : 0;
    if (fclose(file) != 0 || written != size)
        return NULL;
    return fuzz_file_path;
}

#endif
