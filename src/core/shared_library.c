/*
 * shared_library.c - see shared_library.h.
 */
#include "core/shared_library.h"

#include <dlfcn.h>
#include <pthread.h>

/* One lock for every library: each is loaded once, at most a few times a run. */
static pthread_mutex_t shared_library_lock = PTHREAD_MUTEX_INITIALIZER;

int shared_library_load(shared_library *library, bf_error *err)
{
    int rc = BF_OK;
    pthread_mutex_lock(&shared_library_lock);
    if (library->loaded)
        goto out;
    void *handle = dlopen(library->file, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        rc = bf_error_set(err, BF_EUNSUPPORTED,
                          BF_TR("无法载入 %s（请安装 Debian 软件包 %s）：%s",
                                "cannot load %s (install the Debian package %s): %s"),
                          library->file, library->package, dlerror());
        goto out;
    }
    for (size_t i = 0; i < library->count; i++) {
        void *function = dlsym(handle, library->names[i]);
        if (function == NULL) {
            rc = bf_error_set(err, BF_EUNSUPPORTED,
                              BF_TR("%s 缺少函数 %s（软件包 %s 版本过旧？）",
                                    "%s lacks the function %s (package %s too old?)"),
                              library->file, library->names[i], library->package);
            dlclose(handle); /* not loaded: the next call opens it again */
            goto out;
        }
        *library->slots[i] = function;
    }
    library->loaded = 1;
out:
    pthread_mutex_unlock(&shared_library_lock);
    return rc;
}
