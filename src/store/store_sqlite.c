/*
 * store_sqlite.c - the SQLite engine: a database file in WAL mode with
 * foreign keys enforced and synchronous=FULL (a committed import or payment
 * survives power loss, not only a crash).  Read-only opens (STORE_MODE_READ)
 * change nothing, not even the journal mode.  Whole-database copies
 * (backup, restore) go through the online backup API.
 */
#include "io/safe_file.h"
#include "store/store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

/* Milliseconds an ordinary statement waits for a lock before "database is locked". */
#define SQLITE_BUSY_TIMEOUT_MS 10000
/* Milliseconds between two tries of an exclusive writer waiting for the write lock. */
#define SQLITE_EXCLUSIVE_POLL_MS 20

typedef struct sqlite_store {
    store base;
    sqlite3 *db;
} sqlite_store;

typedef struct sqlite_stmt {
    store_stmt base;
    sqlite3_stmt *stmt;
} sqlite_stmt;

typedef struct sqlite_bulk {
    store_bulk base;
    sqlite3_stmt *insert;
    int count;
} sqlite_bulk;

/* Copies the connection's message into the store and returns BF_ESTORE. */
static int sqlite_fail(sqlite_store *st)
{
    snprintf(st->base.error, sizeof st->base.error, "%s", sqlite3_errmsg(st->db));
    return BF_ESTORE;
}

/* Longest "file:PATH?immutable=1" URI: every byte of PATH may become %XX. */
#define SQLITE_URI_MAX (3 * PATH_MAX + 32)

/* Writes the URI of an immutable read-only open of path into uri; 0 when it does not fit. */
static int sqlite_immutable_uri(const char *path, char *uri, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t used = (size_t)snprintf(uri, size, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
        if (used + 4 >= size)
            return 0;
        if (isalnum(*p) || strchr("/._-~", *p) != NULL) {
            uri[used++] = (char)*p;
        } else {
            uri[used++] = '%';
            uri[used++] = hex[*p >> 4];
            uri[used++] = hex[*p & 15];
        }
    }
    return snprintf(uri + used, size - used, "?immutable=1") < (int)(size - used);
}

/* Before SQLite's first use: no allocation statistics, which SQLite keeps under one mutex of
 * the whole process taken at every allocation (the workers of `serve` met there). */
static void sqlite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#define SQLITE_WRITE_PRAGMAS                                                                       \
    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"                    \
    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"

/*
 * The page size of a database bangfu creates (SQLite takes it only before the
 * first page is written).  Against SQLite's default of 4096: INSERT ... SELECT
 * of 1M people 2.3 s instead of 4.1, their two index builds 0.7-1.0 s instead
 * of 1.5 (sqlite3 CLI, same rows, same 64 MiB cache); `bangfu import` of 1M
 * people 4.6-5.1 s instead of 6.0-6.5.  The price: a small commit writes whole
 * pages to the log, an audit commit of 30 entries 0.68-0.75 ms instead of
 * 0.53-0.62 (bench/README.md, session 13).
 */
#define SQLITE_PAGE_SIZE "16384"

/* Opens name with flags into st->db and sets the pragmas of mode; BF_ESTORE with st->error. */
static int sqlite_connect(sqlite_store *st, const char *name, int flags, store_mode mode)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, sqlite_configure);
    /* NOMUTEX: a store is used by one thread at a time (store.h), so SQLite's
     * own per-call locking is pure cost (about 7% of a large import). */
    if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 st->db != NULL ? sqlite3_errmsg(st->db) : bf_strerror(BF_ENOMEM));
        sqlite3_close(st->db);
        st->db = NULL;
        return BF_ESTORE;
    }
    sqlite3_busy_timeout(st->db, SQLITE_BUSY_TIMEOUT_MS);
    /* A reader cannot set the journal mode; it reads sqlite_master to find out at once whether
     * the file can be read at all (SQLite opens lazily). */
    const char *pragmas =
        mode == STORE_MODE_READ     ? "PRAGMA query_only=ON; PRAGMA foreign_keys=ON;"
                                      "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
                                      "SELECT COUNT(*) FROM sqlite_master;"
        : mode == STORE_MODE_CREATE ? "PRAGMA page_size=" SQLITE_PAGE_SIZE ";" SQLITE_WRITE_PRAGMAS
                                    : SQLITE_WRITE_PRAGMAS;
    char *message = NULL;
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, &message) != SQLITE_OK) {
        snprintf(st->base.error, sizeof st->base.error, "%s", message != NULL ? message : "?");
        sqlite3_free(message);
        sqlite3_close(st->db);
        st->db = NULL;
        return BF_ESTORE;
    }
    return BF_OK;
}

static int sqlite_open(const char *target, store_mode mode, store **out, bf_error *err)
{
    char wal[PATH_MAX], uri[SQLITE_URI_MAX];
    if (mode != STORE_MODE_CREATE && access(target, F_OK) != 0 && errno == ENOENT)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("这里没有数据库（%s）：请先运行 bangfu init",
                                  "no database here (%s): run bangfu init first"),
                            target);
    if (mode == STORE_MODE_READ && access(target, R_OK) != 0)
        return bf_error_set(err, BF_ESTORE,
                            BF_TR("无法打开数据库“%s”：%s", "cannot open database '%s': %s"),
                            target, strerror(errno));
    sqlite_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    st->base.engine = &store_sqlite_engine;
    /* A new database is created private (io/safe_file) before SQLite opens it:
     * SQLite gives its -wal and -shm files the database's own mode. */
    if (mode == STORE_MODE_CREATE && target[0] != '\0' && strcmp(target, ":memory:") != 0 &&
        strncmp(target, "file:", 5) != 0) {
        int rc = safe_file_create_private(target, err);
        if (rc != BF_OK) {
            free(st);
            return rc;
        }
    }
    int flags = mode == STORE_MODE_READ     ? SQLITE_OPEN_READONLY
                : mode == STORE_MODE_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                            : SQLITE_OPEN_READWRITE;
    int rc = sqlite_connect(st, target, flags, mode);
    /*
     * A reader of a WAL database needs its -shm file, which SQLite creates
     * next to the database.  When the directory is not writable and there is
     * no -wal file (no program has the database open), the file cannot
     * change under us: read it as immutable.
     */
    if (rc != BF_OK && mode == STORE_MODE_READ &&
        snprintf(wal, sizeof wal, "%s-wal", target) < (int)sizeof wal && access(wal, F_OK) != 0 &&
        sqlite_immutable_uri(target, uri, sizeof uri))
        rc = sqlite_connect(st, uri, flags | SQLITE_OPEN_URI, mode);
    if (rc != BF_OK) {
        bf_error_set(err, BF_ESTORE,
                     BF_TR("无法打开数据库“%s”：%s", "cannot open database '%s': %s"), target,
                     st->base.error);
        free(st);
        return BF_ESTORE;
    }
    *out = &st->base;
    return BF_OK;
}

static void sqlite_close(store *base)
{
    sqlite_store *st = (sqlite_store *)base;
    sqlite3_close(st->db);
    free(st);
}

static int sqlite_exec(store *base, const char *sql)
{
    sqlite_store *st = (sqlite_store *)base;
    char *message = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        snprintf(st->base.error, sizeof st->base.error, "%s", message ? message : "?");
        sqlite3_free(message);
        return BF_ESTORE;
    }
    return BF_OK;
}

static int sqlite_prepare(store *base, const char *sql, store_stmt **out)
{
    sqlite_store *st = (sqlite_store *)base;
    *out = NULL;
    sqlite_stmt *stmt = calloc(1, sizeof *stmt);
    if (stmt == NULL)
        return store_out_of_memory(base);
    stmt->base.owner = base;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt->stmt, NULL) != SQLITE_OK) {
        free(stmt);
        return sqlite_fail(st);
    }
    *out = &stmt->base;
    return BF_OK;
}

static int sqlite_check(store_stmt *base, int rc)
{
    return rc == SQLITE_OK ? BF_OK : sqlite_fail((sqlite_store *)base->owner);
}

static int sqlite_bind_text(store_stmt *base, int index, const char *value)
{
    sqlite_stmt *stmt = (sqlite_stmt *)base;
    if (value == NULL)
        return sqlite_check(base, sqlite3_bind_null(stmt->stmt, index));
    return sqlite_check(base, sqlite3_bind_text(stmt->stmt, index, value, -1, SQLITE_TRANSIENT));
}

static int sqlite_bind_int64(store_stmt *base, int index, int64_t value)
{
    return sqlite_check(base, sqlite3_bind_int64(((sqlite_stmt *)base)->stmt, index, value));
}

static int sqlite_bind_null(store_stmt *base, int index)
{
    return sqlite_check(base, sqlite3_bind_null(((sqlite_stmt *)base)->stmt, index));
}

static int sqlite_step(store_stmt *base)
{
    int rc = sqlite3_step(((sqlite_stmt *)base)->stmt);
    if (rc == SQLITE_ROW)
        return BF_ROW;
    if (rc == SQLITE_DONE)
        return BF_DONE;
    return sqlite_fail((sqlite_store *)base->owner);
}

static int sqlite_column_count(store_stmt *base)
{
    return sqlite3_column_count(((sqlite_stmt *)base)->stmt);
}

static const char *sqlite_column_text(store_stmt *base, int column)
{
    return (const char *)sqlite3_column_text(((sqlite_stmt *)base)->stmt, column);
}

static int64_t sqlite_column_int64(store_stmt *base, int column)
{
    return sqlite3_column_int64(((sqlite_stmt *)base)->stmt, column);
}

static int sqlite_column_is_null(store_stmt *base, int column)
{
    return sqlite3_column_type(((sqlite_stmt *)base)->stmt, column) == SQLITE_NULL;
}

static int sqlite_reset(store_stmt *base)
{
    return sqlite_check(base, sqlite3_reset(((sqlite_stmt *)base)->stmt));
}

static void sqlite_clear_bindings(store_stmt *base)
{
    sqlite3_clear_bindings(((sqlite_stmt *)base)->stmt);
}

static void sqlite_finalize(store_stmt *base)
{
    sqlite3_finalize(((sqlite_stmt *)base)->stmt);
    free(base);
}

static int sqlite_begin(store *base)
{
    return sqlite_exec(base, "BEGIN IMMEDIATE");
}

static int sqlite_begin_snapshot(store *base)
{
    return sqlite_exec(base, "BEGIN DEFERRED");
}

static int sqlite_commit(store *base)
{
    return sqlite_exec(base, "COMMIT");
}

static int sqlite_rollback(store *base)
{
    return sqlite_exec(base, "ROLLBACK");
}

/* What the busy handler of store_begin_exclusive() needs. */
typedef struct sqlite_exclusive_wait {
    int64_t wait_ms;       /* < 0: as long as it takes */
    struct timespec start; /* when the first try failed */
    store_waiting waiting; /* told once, may be NULL */
    void *context;
} sqlite_exclusive_wait;

/* Milliseconds since start. */
static int64_t sqlite_elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* SQLite's busy handler while BEGIN IMMEDIATE waits for another writer: 1 tries again. */
static int sqlite_exclusive_busy(void *context, int tries)
{
    sqlite_exclusive_wait *wait = context;
    if (tries == 0) {
        clock_gettime(CLOCK_MONOTONIC, &wait->start);
        if (wait->wait_ms != 0 && wait->waiting != NULL)
            wait->waiting(wait->context);
    }
    if (wait->wait_ms >= 0 && sqlite_elapsed_ms(&wait->start) >= wait->wait_ms)
        return 0;
    sqlite3_sleep(SQLITE_EXCLUSIVE_POLL_MS);
    return 1;
}

/*
 * BEGIN IMMEDIATE takes the one write lock of the database (readers in WAL
 * mode go on); a busy handler of our own replaces the fixed timeout so an
 * import waits as long as the other one needs, or as long as it is told.
 */
static int sqlite_begin_exclusive(store *base, int64_t wait_ms, store_waiting waiting,
                                  void *context)
{
    sqlite_store *st = (sqlite_store *)base;
    sqlite_exclusive_wait wait = {.wait_ms = wait_ms, .waiting = waiting, .context = context};
    sqlite3_busy_handler(st->db, sqlite_exclusive_busy, &wait);
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    int code = rc == SQLITE_OK ? BF_OK : rc == SQLITE_BUSY ? BF_EBUSY : sqlite_fail(st);
    sqlite3_busy_timeout(st->db, SQLITE_BUSY_TIMEOUT_MS);
    if (code == BF_EBUSY)
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("另一个导入正在写入该数据库", "another import is writing to this database"));
    return code;
}

/*
 * A passive checkpoint, then the database file synced.  SQLite syncs the database only when a
 * checkpoint copied the whole log, which a passive one never does while the audit writer commits
 * beside it: every page the checkpointer copied was then synced by the writer's restart, on the
 * path of every answer waiting for its next batch (fdatasync of the database 3.7-7.8 ms, the
 * restart p50 5.2 ms, at 20,000 audited reads/s).  Syncing here, on the checkpointer's own
 * thread, leaves the restart the few pages copied since.
 */
static int sqlite_checkpoint(store *base)
{
    sqlite_store *st = (sqlite_store *)base;
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc == SQLITE_BUSY ? BF_EBUSY : sqlite_fail(st);
    sqlite3_file *file = NULL;
    rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc == SQLITE_OK && file != NULL && file->pMethods != NULL)
        rc = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    if (rc == SQLITE_OK)
        return BF_OK;
    snprintf(st->base.error, sizeof st->base.error,
             BF_TR("无法将数据库文件写入磁盘：%s", "cannot sync the database file: %s"),
             sqlite3_errstr(rc));
    return BF_ESTORE;
}

static const char *sqlite_file_name(store *base)
{
    return sqlite3_db_filename(((sqlite_store *)base)->db, "main");
}

/*
 * A restart checkpoint that waits wait_ms at most: on the connection of `bangfu serve`'s audit
 * writer, whose every answer waits for it, a report reading for seconds must not hold it up
 * (the ordinary busy timeout would wait 10 s for that reader).
 */
static int sqlite_checkpoint_restart(store *base, int wait_ms)
{
    sqlite_store *st = (sqlite_store *)base;
    sqlite3_busy_timeout(st->db, wait_ms);
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
    sqlite3_busy_timeout(st->db, SQLITE_BUSY_TIMEOUT_MS);
    return rc == SQLITE_OK ? BF_OK : rc == SQLITE_BUSY ? BF_EBUSY : sqlite_fail(st);
}

/* Longest INSERT built for a bulk load. */
#define SQLITE_BULK_SQL_MAX 4096

static int sqlite_bulk_begin(store *base, const char *table, const char *const *columns, int count,
                             store_bulk **out)
{
    sqlite_store *st = (sqlite_store *)base;
    char sql[SQLITE_BULK_SQL_MAX];
    size_t used = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
    for (int i = 0; i < count && used < sizeof sql; i++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s%s", i ? "," : "", columns[i]);
    for (int i = 0; i < count && used < sizeof sql; i++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s", i ? ",?" : ") VALUES (?");
    if (used + 2 >= sizeof sql) {
        snprintf(st->base.error, sizeof st->base.error, "bulk insert into %s too wide", table);
        return BF_ETOOBIG;
    }
    strcat(sql, ")");
    sqlite_bulk *bulk = calloc(1, sizeof *bulk);
    if (bulk == NULL)
        return store_out_of_memory(base);
    bulk->base.owner = base;
    bulk->count = count;
    if (sqlite3_prepare_v2(st->db, sql, -1, &bulk->insert, NULL) != SQLITE_OK) {
        free(bulk);
        return sqlite_fail(st);
    }
    *out = &bulk->base;
    return BF_OK;
}

static int sqlite_bulk_row(store_bulk *base, const char *const *values)
{
    sqlite_bulk *bulk = (sqlite_bulk *)base;
    for (int i = 0; i < bulk->count; i++) {
        int rc = values[i] == NULL
                     ? sqlite3_bind_null(bulk->insert, i + 1)
                     : sqlite3_bind_text(bulk->insert, i + 1, values[i], -1, SQLITE_STATIC);
        if (rc != SQLITE_OK)
            return sqlite_fail((sqlite_store *)base->owner);
    }
    int rc = sqlite3_step(bulk->insert);
    sqlite3_reset(bulk->insert);
    return rc == SQLITE_DONE ? BF_OK : sqlite_fail((sqlite_store *)base->owner);
}

static int sqlite_bulk_end(store_bulk *base, int keep)
{
    (void)keep; /* rows are already in the open transaction; the caller decides */
    sqlite3_finalize(((sqlite_bulk *)base)->insert);
    free(base);
    return BF_OK;
}

/* How long a copy waits for the locks it needs (another program writing), in ms. */
#define SQLITE_COPY_WAIT_MS 60000

/*
 * Copies a whole database with SQLite's online backup API: to_file copies
 * st's database into path (a new file, created private: safe_file_mode()),
 * else path's into st's.
 * The source is read in one read transaction, so the copy is one consistent
 * snapshot while other connections go on writing (WAL).
 */
static int sqlite_copy(sqlite_store *st, const char *path, int to_file, bf_error *err)
{
    sqlite3 *file = NULL;
    sqlite3_backup *copy = NULL;
    int rc = SQLITE_OK, waited = 0;
    if (to_file) {
        /* O_EXCL: never through a symlink or over a file someone else put there */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, safe_file_mode());
        if (fd < 0)
            return bf_error_set(err, BF_EIO, BF_TR("无法创建“%s”：%s", "cannot create '%s': %s"),
                                path, strerror(errno));
        close(fd);
    }
    rc = sqlite3_open_v2(
        path, &file, (to_file ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX,
        NULL);
    sqlite3 *target = to_file ? file : st->db; /* where the backup API reports errors */
    if (rc != SQLITE_OK) {
        target = file;
        goto out;
    }
    copy = to_file ? sqlite3_backup_init(file, "main", st->db, "main")
                   : sqlite3_backup_init(st->db, "main", file, "main");
    if (copy == NULL) {
        rc = SQLITE_ERROR;
        goto out;
    }
    while ((rc = sqlite3_backup_step(copy, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (waited >= SQLITE_COPY_WAIT_MS)
            break;
        sqlite3_sleep(100);
        waited += 100;
    }
    int finish = sqlite3_backup_finish(copy);
    rc = rc == SQLITE_DONE ? finish : rc;
out:
    if (rc != SQLITE_OK)
        bf_error_set(err, BF_ESTORE,
                     to_file ? BF_TR("备份到“%s”失败：%s", "backup to '%s' failed: %s")
                             : BF_TR("从“%s”恢复失败：%s", "restore from '%s' failed: %s"),
                     path, target != NULL ? sqlite3_errmsg(target) : sqlite3_errstr(rc));
    sqlite3_close(file);
    return rc == SQLITE_OK ? BF_OK : BF_ESTORE;
}

static int sqlite_copy_to(store *base, const char *path, bf_error *err)
{
    return sqlite_copy((sqlite_store *)base, path, 1, err);
}

/*
 * SQLite's backup API cannot write into a database in WAL mode whose page size
 * differs from the copy's ("attempt to write a readonly database"), and
 * backups of databases made before SQLITE_PAGE_SIZE have 4096-byte pages: the
 * restore leaves WAL for its copy, which then brings its own page size, and
 * goes back to WAL afterwards, whatever the outcome.
 */
static int sqlite_copy_from(store *base, const char *path, bf_error *err)
{
    sqlite_store *st = (sqlite_store *)base;
    if (sqlite_exec(base, "PRAGMA journal_mode=DELETE") != BF_OK)
        return bf_error_set(err, BF_ESTORE,
                            BF_TR("从“%s”恢复失败：%s", "restore from '%s' failed: %s"), path,
                            st->base.error);
    int rc = sqlite_copy(st, path, 0, err);
    if (sqlite_exec(base, "PRAGMA journal_mode=WAL") != BF_OK && rc == BF_OK)
        rc = bf_error_set(err, BF_ESTORE,
                          BF_TR("从“%s”恢复失败：%s", "restore from '%s' failed: %s"), path,
                          st->base.error);
    return rc;
}

const store_engine store_sqlite_engine = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .prepare = sqlite_prepare,
    .bind_text = sqlite_bind_text,
    .bind_int64 = sqlite_bind_int64,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .column_count = sqlite_column_count,
    .column_text = sqlite_column_text,
    .column_int64 = sqlite_column_int64,
    .column_is_null = sqlite_column_is_null,
    .reset = sqlite_reset,
    .finalize = sqlite_finalize,
    .clear_bindings = sqlite_clear_bindings,
    .begin = sqlite_begin,
    .begin_snapshot = sqlite_begin_snapshot,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .bulk_begin = sqlite_bulk_begin,
    .bulk_row = sqlite_bulk_row,
    .bulk_end = sqlite_bulk_end,
    .copy_to = sqlite_copy_to,
    .copy_from = sqlite_copy_from,
    .begin_exclusive = sqlite_begin_exclusive,
    .ddl_blocks_readers = 0,
    .remote = 0,
    .table_exists_sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
    .small_cache_sql = "PRAGMA cache_size=-2048",
    .row_locator = "rowid",
    .checkpoint_off_sql = "PRAGMA wal_autocheckpoint=0",
    .checkpoint_on_sql = "PRAGMA wal_autocheckpoint=1000",
    .checkpoint = sqlite_checkpoint,
    .file_name = sqlite_file_name,
    .checkpoint_restart = sqlite_checkpoint_restart,
    .read_begin_sql = "BEGIN",
    .read_end_sql = "COMMIT",
};
