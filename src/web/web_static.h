/*
 * web_static.h - the static files of the web UI: web/ (zh-CN pages, script,
 * style) and, under /vendor/, the few front-end files of node_modules/ the
 * pages use.  Nothing is fetched from the internet: every asset is served
 * from the install directory.
 */
#ifndef BANGFU_WEB_WEB_STATIC_H
#define BANGFU_WEB_WEB_STATIC_H

#include "web/web.h"

/* Largest static file served, bytes. */
#define WEB_STATIC_FILE_MAX (8 * 1024 * 1024)

/*
 * Answers GET or HEAD of path with the file (/ is /index.html): 404 for a
 * missing file or a path with anything but [A-Za-z0-9._-/] or "..", 405
 * for another method.
 */
void web_static_answer(const web_settings *settings, const char *method, const char *path,
                       web_response *res);

#endif
