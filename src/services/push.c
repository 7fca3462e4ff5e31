/* push.c - a push run: the matches recorded, the call list and the SMS file (see the header). */
#include "services/push.h"

#include "core/region_code.h"
#include "io/table_writer.h"
#include "services/import_batch.h"
#include "services/match_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Columns of the call list. */
#define PUSH_CALL_COLUMNS 14
/* Longest SMS text in bytes (70 characters of at most 4 bytes). */
#define PUSH_SMS_BYTES (PUSH_SMS_CHARS * 4 + 1)
/* Longest worksheet name: a village code, a blank and its name, cut to Excel's 31 characters. */
#define PUSH_SHEET_CHARS 31
/* Longest text of one number. */
#define PUSH_NUMBER_MAX 24

static const char *const push_call_header[PUSH_CALL_COLUMNS] = {
    "推送批次", "证件号码", "姓名",           "联系电话",       "名次",         "岗位编号",
    "岗位名称", "用工单位", "工作地区划代码", "月薪下限（元）", "岗位联系电话", "推荐理由",
    "回复",     "原因"};

typedef struct push_state {
    store *st;
    push_result *result;
    store_stmt *insert;
    store_stmt *region_name;
    table_writer *calls;
    FILE *sms;
    int64_t batch;
    char village[REGION_CODE_TEXT_MAX]; /* the worksheet being filled */
    char laborer[32];                   /* the ID number of the message being built */
    char phone[64];
    char message[PUSH_SMS_BYTES];
    int message_chars;
} push_state;

/* Characters (UTF-8 code points) of text. */
static int push_chars(const char *text)
{
    int n = 0;
    for (; *text != '\0'; text++)
        n += ((unsigned char)*text & 0xC0) != 0x80;
    return n;
}

/* Copies into out (size bytes) the first chars characters of text, never half a character. */
static void push_cut(const char *text, int chars, char *out, size_t size)
{
    size_t at = 0;
    for (int n = 0; text[at] != '\0' && n < chars; n++) {
        size_t next = at + 1;
        while (((unsigned char)text[next] & 0xC0) == 0x80)
            next++;
        if (next + 1 > size)
            break;
        at = next;
    }
    memcpy(out, text, at);
    out[at] = '\0';
}

/* Writes the message of the laborer built so far (when they have a phone). */
static int push_flush_message(push_state *s, bf_error *err)
{
    if (s->laborer[0] == '\0')
        return BF_OK;
    s->laborer[0] = '\0';
    if (s->phone[0] == '\0') {
        s->result->no_phone++;
        return BF_OK;
    }
    if (fprintf(s->sms, "%s\t%s\n", s->phone, s->message) < 0)
        return bf_error_set(err, BF_EIO, "%s", BF_TR("写短信文件出错", "error writing sms.txt"));
    s->result->messages++;
    return BF_OK;
}

/* Adds a posting to the laborer's message when it fits in PUSH_SMS_CHARS. */
static void push_add_to_message(push_state *s, const match_row *row)
{
    char part[PUSH_SMS_BYTES * 2];
    const char *const *cells = row->cells;
    int first = s->message[0] == '\0';
    snprintf(part, sizeof part, "%s%s%s，月薪%lld元起%s%s", first ? "【就业帮扶】推荐岗位：" : "；",
             cells[5], cells[6], (long long)(row->pay_min / 100),
             row->posting_phone[0] != '\0' ? "，电话" : "", row->posting_phone);
    int chars = push_chars(part);
    if (s->message_chars + chars <= PUSH_SMS_CHARS) {
        size_t used = strlen(s->message), length = strlen(part);
        if (used + length < sizeof s->message)
            memcpy(s->message + used, part, length + 1);
        s->message_chars += chars;
    } else if (first) {
        push_cut(part, PUSH_SMS_CHARS, s->message, sizeof s->message);
        s->message_chars = PUSH_SMS_CHARS;
    }
}

/* The worksheet name of a village: its code and name, at most PUSH_SHEET_CHARS characters. */
static int push_sheet_name(push_state *s, const char *village, char *out, size_t size,
                           bf_error *err)
{
    int rc = store_reset(s->region_name);
    if (rc == BF_OK)
        rc = store_bind_text(s->region_name, 1, village);
    if (rc == BF_OK)
        rc = store_step(s->region_name);
    if (rc < 0)
        return store_error_set(s->st, rc, err);
    char full[256];
    snprintf(full, sizeof full, "%s %s", village,
             rc == BF_ROW && store_column_text(s->region_name, 0) != NULL
                 ? store_column_text(s->region_name, 0)
                 : "");
    push_cut(full, PUSH_SHEET_CHARS, out, size);
    return BF_OK;
}

/* match_run's sink: one proposal recorded, listed and added to the message. */
static int push_row(void *context, const match_row *row, bf_error *err)
{
    push_state *s = context;
    const char *const *cells = row->cells;
    int rc = BF_OK;
    if (strcmp(s->laborer, cells[0]) != 0) {
        rc = push_flush_message(s, err);
        if (rc != BF_OK)
            return rc;
        snprintf(s->laborer, sizeof s->laborer, "%s", cells[0]);
        snprintf(s->phone, sizeof s->phone, "%s", row->phone);
        s->message[0] = '\0';
        s->message_chars = 0;
        s->result->laborers++;
    }
    if (strcmp(s->village, cells[2]) != 0) {
        char name[PUSH_SHEET_CHARS * 4 + 1];
        int first = s->village[0] == '\0';
        rc = push_sheet_name(s, cells[2], name, sizeof name, err);
        if (rc == BF_OK)
            rc = table_writer_sheet(s->calls, name, err);
        /* The header once, on the first sheet; table_writer repeats it on the others. */
        if (rc == BF_OK && first)
            rc = table_writer_row(s->calls, push_call_header, PUSH_CALL_COLUMNS, err);
        if (rc != BF_OK)
            return rc;
        snprintf(s->village, sizeof s->village, "%s", cells[2]);
    }
    /* The record: run, laborer, posting, rank, score, reasons. */
    rc = store_reset(s->insert);
    if (rc == BF_OK)
        rc = store_bind_int64(s->insert, 1, s->batch);
    if (rc == BF_OK)
        rc = store_bind_text(s->insert, 2, cells[0]);
    if (rc == BF_OK)
        rc = store_bind_text(s->insert, 3, cells[4]);
    if (rc == BF_OK)
        rc = store_bind_int64(s->insert, 4, strtoll(cells[3], NULL, 10));
    if (rc == BF_OK)
        rc = store_bind_int64(s->insert, 5, strtoll(cells[8], NULL, 10));
    if (rc == BF_OK)
        rc = store_bind_text(s->insert, 6, cells[9]);
    if (rc == BF_OK)
        rc = store_step(s->insert);
    if (rc < 0)
        return store_error_set(s->st, rc, err);
    s->result->pushes++;
    char pay[PUSH_NUMBER_MAX] = "";
    if (row->pay_min > 0)
        snprintf(pay, sizeof pay, "%lld", (long long)(row->pay_min / 100));
    char batch[PUSH_NUMBER_MAX];
    snprintf(batch, sizeof batch, "%lld", (long long)s->batch);
    const char *call[PUSH_CALL_COLUMNS] = {
        batch,    cells[0], cells[1], row->phone,         cells[3], cells[4], cells[5],
        cells[6], cells[7], pay,      row->posting_phone, cells[9], "",       ""};
    push_add_to_message(s, row);
    return table_writer_row(s->calls, call, PUSH_CALL_COLUMNS, err);
}

/* dir/name into out; an error when it does not fit. */
static int push_path(const char *dir, const char *name, char out[PUSH_PATH_MAX], bf_error *err)
{
    int n = snprintf(out, PUSH_PATH_MAX, "%s/%s", dir, name);
    if (n < 0 || n >= PUSH_PATH_MAX)
        return bf_error_set(err, BF_EINVAL, BF_TR("目录名过长：%s", "directory name too long: %s"),
                            dir);
    return BF_OK;
}

/* Records the run (batch and push_runs row) inside the transaction. */
static int push_record_run(push_state *s, const push_options *options, bf_error *err)
{
    char now[BF_TIMESTAMP_TEXT_MAX], day[BF_DATE_TEXT_MAX];
    date_now_timestamp(now);
    date_format(options->day, day);
    int rc = import_batch_insert(s->st, "push", options->channel, now, &s->batch, err);
    store_stmt *stmt = NULL;
    if (rc == BF_OK)
        rc = store_prepare(s->st,
                           "INSERT INTO push_runs (batch_id, pushed_on, channel, region, top) "
                           "VALUES (?, ?, ?, ?, ?)",
                           &stmt);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, 1, s->batch);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 2, day);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 3, options->channel);
    if (rc == BF_OK)
        rc = options->region != NULL ? store_bind_text(stmt, 4, options->region)
                                     : store_bind_null(stmt, 4);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, 5, options->top);
    if (rc == BF_OK)
        rc = store_step(stmt);
    if (rc < 0 && err->code == BF_OK)
        rc = store_error_set(s->st, rc, err);
    store_finalize(stmt);
    return rc < 0 ? rc : BF_OK;
}

int push_run(store *st, const push_options *options, push_result *result, bf_error *err)
{
    push_state s;
    memset(&s, 0, sizeof s);
    memset(result, 0, sizeof *result);
    s.st = st;
    s.result = result;
    char calls_path[PUSH_PATH_MAX] = "",
         sms_path[PUSH_PATH_MAX] = ""; /* cppcheck: set on every path used */
    int began = 0;
    int rc = push_path(options->dir, "calls.xlsx", calls_path, err);
    if (rc == BF_OK)
        rc = push_path(options->dir, "sms.txt", sms_path, err);
    if (rc == BF_OK && mkdir(options->dir, 0777) != 0 && errno != EEXIST)
        rc = bf_error_set(err, BF_EIO,
                          BF_TR("无法创建目录 %s：%s", "cannot create directory %s: %s"),
                          options->dir, strerror(errno));
    if (rc == BF_OK)
        rc = table_writer_open(calls_path, &s.calls, err);
    if (rc == BF_OK && (s.sms = fopen(sms_path, "w")) == NULL)
        rc = bf_error_set(err, BF_EIO, BF_TR("无法创建 %s：%s", "cannot create %s: %s"), sms_path,
                          strerror(errno));
    if (rc == BF_OK) {
        rc = store_begin(st);
        began = rc == BF_OK;
        if (rc != BF_OK)
            rc = store_error_set(st, rc, err);
    }
    if (rc == BF_OK)
        rc = push_record_run(&s, options, err);
    if (rc == BF_OK)
        rc = store_prepare(st,
                           "INSERT INTO pushes (batch_id, id_number, posting_code, rank, score, "
                           "reasons) VALUES (?, ?, ?, ?, ?, ?)",
                           &s.insert);
    if (rc == BF_OK)
        rc = store_prepare(st, "SELECT name FROM regions WHERE code = ?", &s.region_name);
    if (rc != BF_OK && err->code == BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc == BF_OK) {
        match_run_options match = {0};
        match.region = options->region;
        match.top = options->top;
        match.day = options->day;
        match.data_dir = options->data_dir;
        match.sink = push_row;
        match.sink_context = &s;
        match_run_result matched;
        rc = match_run(st, &match, &matched, err);
    }
    if (rc == BF_OK)
        rc = push_flush_message(&s, err);
    if (rc == BF_OK && s.village[0] == '\0') /* no one: the header alone */
        rc = table_writer_row(s.calls, push_call_header, PUSH_CALL_COLUMNS, err);
    store_finalize(s.insert);
    store_finalize(s.region_name);
    if (s.sms != NULL && fclose(s.sms) != 0 && rc == BF_OK)
        rc = bf_error_set(err, BF_EIO, "%s", BF_TR("写短信文件出错", "error writing sms.txt"));
    int closed = table_writer_close(s.calls, rc == BF_OK, rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    if (rc == BF_OK) {
        rc = store_commit(st);
        if (rc != BF_OK)
            rc = bf_error_set(err, rc, BF_TR("提交失败：%s", "commit failed: %s"),
                              store_error_message(st));
    }
    if (rc != BF_OK) {
        if (began)
            store_rollback(st);
        if (s.sms != NULL || s.calls != NULL) {
            remove(sms_path);
            remove(calls_path);
        }
        return rc;
    }
    result->batch = s.batch;
    return BF_OK;
}
