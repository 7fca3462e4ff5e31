/*
 * web_library.c - see web_library.h.
 */
#include "web/web_library.h"

web_library web_microhttpd;

#define WEB_LIBRARY_SLOT(name) (void **)&web_microhttpd.name,
static const char *const web_library_names[] = {WEB_LIBRARY_FUNCTIONS(SHARED_LIBRARY_NAME)};
static void **const web_library_slots[] = {WEB_LIBRARY_FUNCTIONS(WEB_LIBRARY_SLOT)};

static shared_library web_library_file = {
    .file = "libmicrohttpd.so.12",
    .package = "libmicrohttpd12",
    .names = web_library_names,
    .slots = web_library_slots,
    .count = sizeof web_library_names / sizeof web_library_names[0],
};

int web_library_load(bf_error *err)
{
    return shared_library_load(&web_library_file, err);
}
