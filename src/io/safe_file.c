/* safe_file.c - private, complete, never-redirected output files (see safe_file.h). */
#include "io/safe_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What follows the final name in a temporary's name: ".bangfu-PID-XXXXXX.tmp". */
#define SAFE_FILE_MARK   ".bangfu-"
#define SAFE_FILE_SUFFIX ".tmp"

/* The temporaries in progress, for the signal handler (see safe_file.h). */
static char safe_file_live[SAFE_FILE_LIVE_MAX][SAFE_FILE_PATH_MAX];
static volatile sig_atomic_t safe_file_live_used[SAFE_FILE_LIVE_MAX];
static pthread_mutex_t safe_file_live_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t safe_file_signals_once = PTHREAD_ONCE_INIT;

/* The signals after which no temporary may stay behind. */
static const int safe_file_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/* Removes the temporaries in progress (unlink is async-signal-safe), then dies of sig. */
static void safe_file_on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < SAFE_FILE_LIVE_MAX; i++)
        if (safe_file_live_used[i])
            unlink(safe_file_live[i]);
    errno = saved;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installs the handler for the signals still at their default (an ignored SIGHUP stays so). */
static void safe_file_install_signals(void)
{
    for (size_t i = 0; i < sizeof safe_file_signals / sizeof safe_file_signals[0]; i++) {
        struct sigaction old, action;
        if (sigaction(safe_file_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
            continue;
        memset(&action, 0, sizeof action);
        action.sa_handler = safe_file_on_signal;
        sigemptyset(&action.sa_mask);
        sigaction(safe_file_signals[i], &action, NULL);
    }
}

/* Adds the file's temporary to the list of those in progress (no slot left: not listed). */
static void safe_file_register(safe_file *file)
{
    pthread_once(&safe_file_signals_once, safe_file_install_signals);
    pthread_mutex_lock(&safe_file_live_lock);
    for (int i = 0; i < SAFE_FILE_LIVE_MAX; i++) {
        if (safe_file_live_used[i])
            continue;
        memcpy(safe_file_live[i], file->temporary, sizeof safe_file_live[i]);
        safe_file_live_used[i] = 1;
        file->slot = i;
        break;
    }
    pthread_mutex_unlock(&safe_file_live_lock);
}

static void safe_file_unregister(safe_file *file)
{
    if (file->slot < 0)
        return;
    pthread_mutex_lock(&safe_file_live_lock);
    safe_file_live_used[file->slot] = 0;
    pthread_mutex_unlock(&safe_file_live_lock);
    file->slot = -1;
}

mode_t safe_file_mode(void)
{
    const char *group = getenv("BANGFU_GROUP_READ");
    return group != NULL && strcmp(group, "1") == 0 ? 0640 : 0600;
}

void safe_file_remove_stale(const char *path)
{
    char directory[SAFE_FILE_PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t base_length = strlen(base), mark_length = strlen(SAFE_FILE_MARK);
    if (slash == NULL)
        snprintf(directory, sizeof directory, ".");
    else
        snprintf(directory, sizeof directory, "%.*s", (int)(slash - path) + 1, path);
    DIR *dir = opendir(directory);
    if (dir == NULL)
        return;
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
        const char *name = entry->d_name;
        size_t length = strlen(name);
        if (length <= base_length + mark_length + strlen(SAFE_FILE_SUFFIX) ||
            memcmp(name, base, base_length) != 0 ||
            memcmp(name + base_length, SAFE_FILE_MARK, mark_length) != 0 ||
            strcmp(name + length - strlen(SAFE_FILE_SUFFIX), SAFE_FILE_SUFFIX) != 0)
            continue;
        char *end;
        long pid = strtol(name + base_length + mark_length, &end, 10);
        if (*end != '-' || pid <= 0 || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            unlinkat(dirfd(dir), name, 0);
    }
    closedir(dir);
}

int safe_file_create(safe_file *file, const char *path, bf_error *err)
{
    file->fd = -1;
    file->slot = -1;
    file->temporary[0] = '\0';
    int n = snprintf(file->path, sizeof file->path, "%s", path);
    int m = snprintf(file->temporary, sizeof file->temporary,
                     "%s" SAFE_FILE_MARK "%ld-XXXXXX" SAFE_FILE_SUFFIX, path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof file->path || m < 0 || (size_t)m >= sizeof file->temporary) {
        file->temporary[0] = '\0';
        return bf_error_set(err, BF_ETOOBIG, BF_TR("文件名太长：%s", "file name too long: %s"),
                            path);
    }
    safe_file_remove_stale(path);
    /* mkostemps: O_CREAT|O_EXCL under a name nobody could plant in advance, mode 0600. */
    file->fd = mkostemps(file->temporary, (int)strlen(SAFE_FILE_SUFFIX), O_CLOEXEC | O_NOFOLLOW);
    if (file->fd < 0) {
        int error = errno;
        file->temporary[0] = '\0';
        return bf_error_set(err, BF_EIO, BF_TR("无法创建 %s：%s", "cannot create %s: %s"), path,
                            strerror(error));
    }
    safe_file_register(file);
    if (fchmod(file->fd, safe_file_mode()) != 0) {
        int error = errno;
        safe_file_discard(file);
        return bf_error_set(err, BF_EIO,
                            BF_TR("无法设置 %s 的权限：%s", "cannot set the mode of %s: %s"), path,
                            strerror(error));
    }
    return BF_OK;
}

int safe_file_commit(safe_file *file, bf_error *err)
{
    int error = 0;
    if (file->fd >= 0) {
        if (fsync(file->fd) != 0 && errno != EINVAL)
            error = errno;
        if (close(file->fd) != 0 && error == 0)
            error = errno;
        file->fd = -1;
    }
    if (error == 0 && rename(file->temporary, file->path) != 0)
        error = errno;
    if (error != 0) {
        safe_file_discard(file);
        return bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"),
                            file->path, strerror(error));
    }
    safe_file_unregister(file);
    file->temporary[0] = '\0';
    return BF_OK;
}

void safe_file_discard(safe_file *file)
{
    if (file->fd >= 0)
        close(file->fd);
    file->fd = -1;
    if (file->temporary[0] != '\0')
        unlink(file->temporary);
    file->temporary[0] = '\0';
    safe_file_unregister(file);
}

int safe_file_create_private(const char *path, bf_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, safe_file_mode());
    if (fd < 0) {
        if (errno == EEXIST)
            return BF_OK;
        return bf_error_set(err, BF_EIO, BF_TR("无法创建 %s：%s", "cannot create %s: %s"), path,
                            strerror(errno));
    }
    int failed = fchmod(fd, safe_file_mode()) != 0;
    int error = errno;
    close(fd);
    if (failed) {
        unlink(path);
        return bf_error_set(err, BF_EIO,
                            BF_TR("无法设置 %s 的权限：%s", "cannot set the mode of %s: %s"), path,
                            strerror(error));
    }
    return BF_OK;
}
