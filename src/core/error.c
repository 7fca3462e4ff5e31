/* error.c - messages for the codes in error.h and the user's language. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once by bf_locale_init() at start-up, read-only afterwards. */
static int locale_chinese = 0;

void bf_locale_init(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *value = getenv(names[i]);
        if (value != NULL && value[0] != '\0') {
            locale_chinese = strncmp(value, "zh", 2) == 0;
            return;
        }
    }
    locale_chinese = 0;
}

int bf_locale_is_chinese(void)
{
    return locale_chinese;
}

const char *bf_error_name(int code)
{
    switch (code) {
    case BF_OK:
        return "OK";
    case BF_ROW:
        return "ROW";
    case BF_DONE:
        return "DONE";
#define BF_ERROR_NAME(name, value, zh, en)                                                         \
    case BF_##name:                                                                                \
        return #name;
        BF_ERROR_MAP(BF_ERROR_NAME)
#undef BF_ERROR_NAME
    }
    return "EUNKNOWN";
}

const char *bf_strerror(int code)
{
    switch (code) {
    case BF_OK:
    case BF_ROW:
    case BF_DONE:
        return BF_TR("成功", "success");
#define BF_ERROR_TEXT(name, value, zh, en)                                                         \
    case BF_##name:                                                                                \
        return BF_TR(zh, en);
        BF_ERROR_MAP(BF_ERROR_TEXT)
#undef BF_ERROR_TEXT
    }
    return BF_TR("未知错误", "unknown error");
}

void bf_error_clear(bf_error *err)
{
    if (err == NULL)
        return;
    err->code = BF_OK;
    err->message[0] = '\0';
}

int bf_error_set(bf_error *err, int code, const char *format, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    if (format == NULL) {
        snprintf(err->message, sizeof err->message, "%s", bf_strerror(code));
        return code;
    }
    va_list args;
    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return code;
}
