/* data_dir.c - finding policies/ and vocabularies/ (see the header). */
#include "io/data_dir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A default place counts when it is a directory holding marker (NULL: any directory). */
static int is_data_directory(const char *path, const char *marker)
{
    if (!is_directory(path))
        return 0;
    if (marker == NULL)
        return 1;
    char file[PATH_MAX * 2 + 2];
    snprintf(file, sizeof file, "%s/%s", path, marker);
    struct stat st;
    return stat(file, &st) == 0 && S_ISREG(st.st_mode);
}

data_dir_result data_dir_find(const char *option, const char *env, const char *name, char *out,
                              size_t size)
{
    return data_dir_find_holding(option, env, name, NULL, out, size);
}

data_dir_result data_dir_find_holding(const char *option, const char *env, const char *name,
                                      const char *marker, char *out, size_t size)
{
    if (option != NULL) {
        snprintf(out, size, "%s", option);
        return is_directory(option) ? DATA_DIR_FOUND : DATA_DIR_OPTION_MISSING;
    }
    const char *value = getenv(env);
    if (value != NULL && value[0] != '\0') {
        snprintf(out, size, "%s", value);
        return is_directory(value) ? DATA_DIR_FOUND : DATA_DIR_ENV_MISSING;
    }
    if (is_data_directory(name, marker)) {
        snprintf(out, size, "%s", name);
        return DATA_DIR_FOUND;
    }
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length > 0) {
        exe[length] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        static const char *const up[] = {"", "../", "../../"};
        for (int i = 0; i < 3; i++) {
            char candidate[PATH_MAX * 2];
            snprintf(candidate, sizeof candidate, "%s/%s%s", exe, up[i], name);
            if (is_data_directory(candidate, marker)) {
                snprintf(out, size, "%s", candidate);
                return DATA_DIR_FOUND;
            }
        }
    }
    return DATA_DIR_NONE;
}
