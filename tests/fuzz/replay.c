/*
 * replay.c - runs a harness's LLVMFuzzerTestOneInput over files, so the
 * harnesses build with any C compiler and the kept corpus is a regression test.
 *   fuzz_<target> DIR|FILE...   every regular file of each directory, in name order
 * Prints the number of inputs run; a crash, leak or sanitizer report fails the run.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the harness on the file at path; returns 0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t capacity = 4096, size = 0, n;
    uint8_t *data = malloc(capacity);
    while (data != NULL && (n = fread(data + size, 1, capacity - size, file)) > 0) {
        size += n;
        if (size == capacity) {
            uint8_t *bigger = realloc(data, capacity * 2);
            if (bigger == NULL) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            capacity *= 2;
        }
    }
    int failed = data == NULL || ferror(file);
    fclose(file);
    if (failed) {
        free(data);
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    /* an exact-size copy, so reading past the input is caught by ASan */
    uint8_t *input = malloc(size > 0 ? size : 1);
    if (input == NULL) {
        free(data);
        return -1;
    }
    if (size > 0)
        memcpy(input, data, size);
    free(data);
    LLVMFuzzerTestOneInput(input, size);
    free(input);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir in name order; adds to *count; returns the failures. */
static int replay_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open directory %s\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t used = 0, capacity = 0;
    int failures = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        if (used == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            char **bigger = realloc(names, capacity * sizeof *names);
            if (bigger == NULL) {
                failures++;
                break;
            }
            names = bigger;
        }
        names[used] = malloc(strlen(dir) + strlen(entry->d_name) + 2);
        if (names[used] == NULL) {
            failures++;
            break;
        }
        sprintf(names[used], "%s/%s", dir, entry->d_name);
        used++;
    }
    closedir(d);
    if (used > 0)
        qsort(names, used, sizeof *names, compare_names);
    for (size_t i = 0; i < used; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(names[i]) != 0)
                failures++;
            else
                (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return failures;
}

int main(int argc, char **argv)
{
    int failures = 0, count = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            failures += replay_dir(argv[i], &count);
        else if (replay_file(argv[i]) != 0)
            failures++;
        else
            count++;
    }
    printf("%d inputs replayed\n", count);
    return failures > 0 ? 1 : 0;
}
