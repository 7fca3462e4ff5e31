/*
 * error.h - the one list of bangfu error codes and their messages.
 *
 * Every function that can fail returns an int: BF_OK (0) on success, a
 * negative BF_E* code on failure.  Step-like functions may also return the
 * positive codes BF_ROW and BF_DONE.  The enum, bf_error_name() and
 * bf_strerror() are all generated from BF_ERROR_MAP, so a new code is one new
 * line (the libuv UV_ERRNO_MAP pattern).
 *
 * Details travel in a bf_error: the callee fills it with bf_error_set() and the
 * caller prints err.message.  bf_error_set() returns the code so that
 * `return bf_error_set(err, BF_EINVAL, ...)` is one line.
 */
#ifndef BANGFU_CORE_ERROR_H
#define BANGFU_CORE_ERROR_H

#include <stddef.h>

/* XX(name, value, Chinese message, English message) */
#define BF_ERROR_MAP(XX)                                                                           \
    XX(EINVAL, -1, "输入无效", "invalid input")                                                    \
    XX(ENOMEM, -2, "内存不足", "out of memory")                                                    \
    XX(EIO, -3, "读写失败", "input/output error")                                                  \
    XX(ESTORE, -4, "数据库错误", "database error")                                                 \
    XX(ENOTFOUND, -5, "未找到", "not found")                                                       \
    XX(EPARSE, -6, "格式错误", "malformed input")                                                  \
    XX(ETOOBIG, -7, "超出长度上限", "input exceeds its limit")                                     \
    XX(EUSAGE, -8, "用法错误", "usage error")                                                      \
    XX(ECONFLICT, -9, "数据冲突", "conflicting data")                                              \
    XX(EPOLICY, -10, "政策文件错误", "policy file error")                                          \
    XX(EUNSUPPORTED, -11, "不支持的操作", "unsupported operation")                                 \
    XX(EOVERFLOW, -12, "数值超出范围", "number out of range")                                      \
    XX(EBUSY, -13, "数据库正被另一个写入者占用", "the database is busy with another writer")

enum bf_code {
    BF_OK = 0,
    BF_ROW = 100,  /* a step produced a row */
    BF_DONE = 101, /* a step finished */
#define BF_ERROR_ENUM(name, value, zh, en) BF_##name = value,
    BF_ERROR_MAP(BF_ERROR_ENUM)
#undef BF_ERROR_ENUM
};

/* Longest detail message kept in a bf_error, in bytes, terminator included. */
#define BF_ERROR_MESSAGE_MAX 1024

/* The detail of one failure: its code and a message for the user. */
typedef struct bf_error {
    int code;                           /* BF_OK or a BF_E* code */
    char message[BF_ERROR_MESSAGE_MAX]; /* precise, user-facing; empty when code is BF_OK */
} bf_error;

/* Returns the symbolic name of code, e.g. "EINVAL". */
const char *bf_error_name(int code);

/* Returns the message for code in the user's language (see bf_locale_is_chinese). */
const char *bf_strerror(int code);

/* Clears err (err may be NULL). */
void bf_error_clear(bf_error *err);

/*
 * Records code and a printf-style message in err (err may be NULL) and
 * returns code.  When message is NULL the generic bf_strerror() text is used.
 */
int bf_error_set(bf_error *err, int code, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * True when user messages should be Chinese: LC_ALL, LC_MESSAGES or LANG
 * starts with "zh".  Read once at start-up by bf_locale_init().
 */
int bf_locale_is_chinese(void);
void bf_locale_init(void);

/* Picks the Chinese or the English text of a message by the user's locale. */
#define BF_TR(zh, en) (bf_locale_is_chinese() ? (zh) : (en))

#endif
