/* backup.c - whole-database backup and restore; see backup.h. */
#include "services/backup.h"

#include "store/migrate.h"

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Longest path of a file written next to the backup, or of a PostgreSQL tool. */
#define BACKUP_PATH_MAX 4096

/* The major version "pg_dump (PostgreSQL) 15.4 ..." of a tool, 0 when it does not run. */
static int tool_major(const char *path)
{
    char command[BACKUP_PATH_MAX + 32], line[256];
    snprintf(command, sizeof command, "'%s' --version 2>/dev/null", path);
    FILE *pipe = popen(command, "r");
    if (pipe == NULL)
        return 0;
    int major = 0;
    if (fgets(line, sizeof line, pipe) != NULL) {
        const char *p = strstr(line, ") ");
        if (p != NULL)
            major = atoi(p + 2);
    }
    pclose(pipe);
    return major;
}

/*
 * Finds the PostgreSQL client program name of the highest major version
 * installed, into path; returns that version (0 when there is none).
 */
static int find_tool(const char *name, char *path, size_t size)
{
    char pattern[BACKUP_PATH_MAX];
    int best = 0;
    glob_t found;
    snprintf(pattern, sizeof pattern, "/usr/lib/postgresql/*/bin/%s", name);
    if (glob(pattern, 0, NULL, &found) == 0) {
        for (size_t i = 0; i < found.gl_pathc; i++) {
            int major = tool_major(found.gl_pathv[i]);
            if (major > best) {
                best = major;
                snprintf(path, size, "%s", found.gl_pathv[i]);
            }
        }
    }
    globfree(&found);
    if (best == 0) {
        best = tool_major(name);
        snprintf(path, size, "%s", name);
    }
    return best;
}

/* Runs argv (argv[0] a path or a name on PATH) and waits; BF_OK when it exits 0. */
static int run_tool(char *const argv[], bf_error *err)
{
    fflush(NULL);
    pid_t child = fork();
    if (child < 0)
        return bf_error_set(err, BF_EIO, "fork: %s", strerror(errno));
    if (child == 0) {
        execvp(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return bf_error_set(err, BF_EIO, "waitpid: %s", strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return BF_OK;
    return bf_error_set(err, BF_EIO, BF_TR("%s 失败（退出码 %d）", "%s failed (exit status %d)"),
                        argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Appends text to the command of result, cut at its end. */
static void command_append(backup_result *result, const char *text)
{
    size_t used = strlen(result->command);
    snprintf(result->command + used, sizeof result->command - used, "%s", text);
}

/*
 * The PostgreSQL side of both: finds tool (pg_dump or pg_restore) of at least
 * the server's major version, writes the command (args, the target as
 * --dbname, then file_option and file, shown as file_shown) into result, and
 * runs it when it can.
 */
static int postgres_tool(store *st, const char *target, const char *tool, const char *const *args,
                         const char *file_option, const char *file, const char *file_shown,
                         backup_result *result, bf_error *err)
{
    char path[BACKUP_PATH_MAX], shown[STORE_TARGET_SHOWN_MAX], dbname[STORE_TARGET_SHOWN_MAX];
    char file_argument[BACKUP_PATH_MAX + 16];
    char *argv[16];
    int count = 0, server = store_server_version(st) / 10000;
    int major = find_tool(tool, path, sizeof path);
    store_target_shown(target, shown, sizeof shown);
    command_append(result, major >= server ? path : tool);
    for (const char *const *a = args; *a != NULL; a++) {
        command_append(result, " ");
        command_append(result, *a);
    }
    command_append(result, " --dbname='");
    command_append(result, shown);
    command_append(result, "' ");
    command_append(result, file_option);
    command_append(result, "'");
    command_append(result, file_shown);
    command_append(result, "'");
    if (major < server)
        return bf_error_set(err, BF_EUNSUPPORTED,
                            BF_TR("PostgreSQL 服务器是 %d 版：需要 %s %d 版或更新（apt-get install "
                                  "postgresql-client-%d），然后运行：",
                                  "the PostgreSQL server is version %d: %s of version %d or newer "
                                  "is needed (apt-get install postgresql-client-%d), then run:"),
                            server, tool, server, server);
    if (strcmp(shown, target) != 0)
        return bf_error_set(err, BF_EUNSUPPORTED, "%s",
                            BF_TR("目标里有密码，不放到命令行上（本机其他用户能看到）：把密码写进 "
                                  "~/.pgpass，地址里去掉密码后再运行，或自己运行：",
                                  "the target holds a password, which bangfu does not put on a "
                                  "command line (other users of the machine can see it): put it in "
                                  "~/.pgpass and drop it from the URL, or run yourself:"));
    if (snprintf(dbname, sizeof dbname, "--dbname=%s", target) >= (int)sizeof dbname)
        return bf_error_set(err, BF_ETOOBIG, "%s", BF_TR("数据库地址太长", "target too long"));
    argv[count++] = path;
    for (const char *const *a = args; *a != NULL && count < 13; a++)
        argv[count++] = (char *)*a;
    snprintf(file_argument, sizeof file_argument, "%s%s", file_option, file);
    argv[count++] = dbname;
    argv[count++] = file_argument;
    argv[count] = NULL;
    return run_tool(argv, err);
}

int backup_write(store *st, const char *target, const char *path, backup_result *result,
                 bf_error *err)
{
    char partial[BACKUP_PATH_MAX];
    int rc;
    result->command[0] = '\0';
    result->ran = 0;
    if (snprintf(partial, sizeof partial, "%s.partial-%ld", path, (long)getpid()) >=
        (int)sizeof partial)
        return bf_error_set(err, BF_ETOOBIG, BF_TR("路径太长：%s", "path too long: %s"), path);
    if (store_server_version(st) == 0) {
        rc = store_copy_to(st, partial, err);
    } else {
        static const char *const args[] = {"--format=custom", "--no-owner", NULL};
        rc = postgres_tool(st, target, "pg_dump", args, "--file=", partial, path, result, err);
    }
    if (rc == BF_OK && rename(partial, path) != 0)
        rc = bf_error_set(err, BF_EIO, BF_TR("无法写入“%s”：%s", "cannot write '%s': %s"), path,
                          strerror(errno));
    if (rc != BF_OK)
        unlink(partial);
    result->ran = rc == BF_OK;
    return rc;
}

/* BF_OK when path is a bangfu SQLite database this binary can use. */
static int check_backup_file(const char *path, bf_error *err)
{
    store *copy = NULL;
    int version = 0;
    int rc = store_open_mode(path, STORE_MODE_READ, &copy, err);
    if (rc != BF_OK)
        return rc;
    rc = store_schema_version(copy, &version);
    if (rc != BF_OK)
        store_error_set(copy, rc, err);
    else if (version == 0)
        rc = bf_error_set(err, BF_EINVAL,
                          BF_TR("“%s”不是 bangfu 的备份", "'%s' is not a bangfu backup"), path);
    else if (version > store_schema_latest())
        rc = bf_error_set(err, BF_EUNSUPPORTED,
                          BF_TR("备份“%s”的架构版本 %d 比本程序（%d）新：请升级 bangfu",
                                "backup '%s' has schema version %d, newer than this bangfu (%d): "
                                "upgrade bangfu"),
                          path, version, store_schema_latest());
    store_close(copy);
    return rc;
}

int backup_restore(const char *target, const char *path, int force, backup_result *result,
                   bf_error *err)
{
    store *st = NULL;
    int version = 0;
    result->command[0] = '\0';
    result->ran = 0;
    if (access(path, R_OK) != 0)
        return bf_error_set(err, BF_ENOTFOUND, BF_TR("无法读取“%s”：%s", "cannot read '%s': %s"),
                            path, strerror(errno));
    int postgres = store_engine_for(target) == &store_postgres_engine;
    int rc = postgres ? BF_OK : check_backup_file(path, err);
    if (rc != BF_OK)
        return rc;
    if (!postgres && !force && access(target, F_OK) == 0)
        return bf_error_set(err, BF_ECONFLICT,
                            BF_TR("数据库“%s”已存在：用 --force 以备份替换它",
                                  "database '%s' exists: give --force to replace it with the "
                                  "backup"),
                            target);
    rc = store_open_mode(target, STORE_MODE_CREATE, &st, err);
    if (rc != BF_OK)
        return rc;
    if (!postgres) {
        rc = store_copy_from(st, path, err);
    } else if (!force && store_schema_version(st, &version) == BF_OK && version > 0) {
        char shown[STORE_TARGET_SHOWN_MAX];
        store_target_shown(target, shown, sizeof shown);
        rc = bf_error_set(err, BF_ECONFLICT,
                          BF_TR("数据库“%s”已有数据：用 --force 以备份替换它",
                                "database '%s' holds data: give --force to replace it with the "
                                "backup"),
                          shown);
    } else {
        static const char *const args[] = {"--clean", "--if-exists", "--no-owner",
                                           "--single-transaction", NULL};
        rc = postgres_tool(st, target, "pg_restore", args, "", path, path, result, err);
    }
    result->ran = rc == BF_OK;
    store_close(st);
    return rc;
}
