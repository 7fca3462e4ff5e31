/*
 * web_library.c - see web_library.h.
 */
#include "web/web_library.h"

SHARED_LIBRARY_DEFINE(web_library, web_microhttpd, WEB_LIBRARY_FUNCTIONS, "libmicrohttpd.so.12",
                      "libmicrohttpd12", web_library_load)
