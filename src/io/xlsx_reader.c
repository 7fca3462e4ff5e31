/* xlsx_reader.c - placeholder until the worksheet parser lands (see xlsx_reader.h). */
#include "io/xlsx_reader.h"

#include <stdlib.h>

int xlsx_reader_open(const char *path, xlsx_reader **out, bf_error *err)
{
    *out = NULL;
    return bf_error_set(err, BF_EUNSUPPORTED,
                        BF_TR("%s：暂不支持 .xlsx", "%s: .xlsx is not supported yet"), path);
}

int xlsx_reader_next(xlsx_reader *reader, xlsx_record *record, bf_error *err)
{
    (void)reader;
    (void)record;
    return bf_error_set(err, BF_EUNSUPPORTED, NULL);
}

double xlsx_reader_progress(const xlsx_reader *reader)
{
    (void)reader;
    return 1.0;
}

void xlsx_reader_close(xlsx_reader *reader)
{
    (void)reader;
}
