/*
 * xlsx_reader.c - the first worksheet of an .xlsx workbook (see xlsx_reader.h).
 *
 * Parts are read from the zip with libzip and parsed with expat; element
 * names are compared without their namespace prefix (Excel writes none,
 * other producers write "x:row").  The small parts (workbook, relationships,
 * shared strings) are parsed whole at open; the worksheet is parsed as the
 * rows are asked for: xlsx_reader_next() feeds expat XLSX_READER_CHUNK bytes
 * at a time and the </row> handler suspends the parser, so one row at a time
 * is held.  Each column has a fixed slot of TABLE_CELL_MAX + 1 bytes (one
 * more slot catches cells beyond TABLE_COLUMNS_MAX), so cells land in the
 * column of their reference and memory is bounded whatever the file says:
 * text beyond a slot is dropped and the row's overflow says so.
 */
#include "io/xlsx_reader.h"

#include "core/date.h"

#include <expat.h>
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Bytes of a small part (workbook, relationships, shared strings) parsed at once. */
#define XLSX_PART_CHUNK 65536
/* Most worksheets of a workbook that can be read (later ones are ignored). */
#define XLSX_SHEETS_MAX 64
/* Longest sheet name kept, terminator included (Excel allows 31 characters). */
#define XLSX_SHEET_NAME_MAX 128
/* Longest relationship id kept (r:id="rId1"), terminator included. */
#define XLSX_ID_MAX 64
/* Bytes of one column slot: a cell at its maximum and its terminator. */
#define XLSX_SLOT_BYTES ((size_t)TABLE_CELL_MAX + 1)
/* Index of the slot that collects cells beyond TABLE_COLUMNS_MAX. */
#define XLSX_OVERFLOW_SLOT TABLE_COLUMNS_MAX
/* First size of the shared string tables. */
#define XLSX_SHARED_INITIAL 1024
/* Most cell formats (<cellXfs><xf>) and custom number formats (<numFmt>) kept. */
#define XLSX_STYLES_MAX  65536
#define XLSX_NUMFMTS_MAX 1024

/* Cell types (t= of <c>) that change how the value is read. */
typedef enum xlsx_cell_type {
    XLSX_CELL_PLAIN,  /* n, str, inlineStr, d, e or none: the text as written */
    XLSX_CELL_SHARED, /* s: <v> is an index into the shared strings */
    XLSX_CELL_BOOLEAN /* b: <v> is 0 or 1 */
} xlsx_cell_type;

struct xlsx_reader {
    char *path;        /* the workbook's path, for messages */
    zip_t *archive;    /* the open zip */
    XML_Parser parser; /* parser of the part being read */
    bf_error failure;  /* the error that stopped the reader, code BF_OK if none */

    /* The worksheets, in workbook order (xl/workbook.xml, resolved by the relationships). */
    int sheet_count;                                        /* <sheet> entries kept */
    char sheet_names[XLSX_SHEETS_MAX][XLSX_SHEET_NAME_MAX]; /* name= of each */
    char sheet_ids[XLSX_SHEETS_MAX][XLSX_ID_MAX];           /* r:id= of each */
    char sheet_parts[XLSX_SHEETS_MAX][XLSX_PART_NAME_MAX];  /* zip name of each, "" if unknown */
    char sheet_part[XLSX_PART_NAME_MAX];  /* zip name of the worksheet being read */
    char shared_part[XLSX_PART_NAME_MAX]; /* zip name of the shared strings, "" if unknown */
    char styles_part[XLSX_PART_NAME_MAX]; /* zip name of the styles, "" if unknown */

    /* Dates: which cell formats (s= of <c>) show a number as a date, and the epoch. */
    int date1904;                       /* <workbookPr date1904="1">: serial 0 is 1904-01-01 */
    int date_numfmts[XLSX_NUMFMTS_MAX]; /* custom numFmtIds whose format shows a date */
    int date_numfmt_count;              /* entries of date_numfmts */
    unsigned char *date_styles;         /* per cell format: 1 when it shows a date */
    int style_count;                    /* entries of date_styles */
    int in_cell_formats;                /* inside <cellXfs> of the styles */

    /* Shared strings: string i is shared_text + shared_offsets[i], NUL-terminated. */
    char *shared_text;      /* all strings, each cut at TABLE_CELL_MAX + 1 bytes */
    size_t shared_length;   /* bytes used in shared_text */
    size_t shared_capacity; /* bytes allocated for shared_text */
    size_t *shared_offsets; /* start of each string; shared_count + 1 entries when done */
    size_t shared_count;    /* strings read */
    size_t shared_slots;    /* entries allocated in shared_offsets */
    size_t shared_start;    /* start of the string being read */
    int in_string;          /* inside <si> */

    /* Worksheet streaming. */
    zip_file_t *sheet;        /* the worksheet part, being read */
    long long sheet_size;     /* its uncompressed size */
    long long sheet_consumed; /* bytes of it handed to expat */
    int input_done;           /* the last (final) buffer was given to expat */
    int finished;             /* the parser has finished */
    int row_ready;            /* a </row> was seen and the row not returned yet */

    /* The row and cell being built. */
    long row_number;          /* r= of the current <row> */
    int column;               /* column of the current cell (0-based), -1 before the first */
    int slot;                 /* slot of the current cell: column or XLSX_OVERFLOW_SLOT */
    xlsx_cell_type cell_type; /* t= of the current cell */
    int cell_date;            /* the current cell is a number shown as a date */
    int in_cell;              /* inside <c> */
    int in_inline;            /* inside <is> of the current cell */
    int phonetic_depth;       /* nesting of <rPh> (phonetic runs, not part of the text) */
    int collecting;           /* character data goes to the current slot or string */
    int touched;              /* slots [0, touched) may hold text of this row */
    int count;                /* last column holding a value + 1 */
    int cell_cut;             /* the current cell's text was cut at TABLE_CELL_MAX */
    table_overflow overflow;  /* what the row lost, kind NONE when nothing */
    char *slots;              /* (TABLE_COLUMNS_MAX + 1) slots of XLSX_SLOT_BYTES */
    size_t lengths[TABLE_COLUMNS_MAX + 1]; /* bytes in each slot */
    char *cells[TABLE_COLUMNS_MAX];        /* the row handed out: pointers to the slots */
};

/* The name without its namespace prefix ("x:row" -> "row"). */
static const char *xlsx_local_name(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon != NULL ? colon + 1 : name;
}

/* The value of the attribute with local name local, or NULL. prefixed: only "p:local". */
static const char *xlsx_attribute(const char **attributes, const char *local, int prefixed)
{
    for (int i = 0; attributes[i] != NULL; i += 2) {
        const char *colon = strrchr(attributes[i], ':');
        const char *name = colon != NULL ? colon + 1 : attributes[i];
        if ((colon != NULL || !prefixed) && strcmp(name, local) == 0)
            return attributes[i + 1];
    }
    return NULL;
}

/* Aborts the parse from inside an expat handler (the error is already in reader->failure). */
static void xlsx_abort(xlsx_reader *reader)
{
    XML_StopParser(reader->parser, XML_FALSE);
}

/*
 * Decodes Excel's _xHHHH_ escapes of control characters (and _x005F_, the
 * escaped underscore) in text[0 .. length) in place; returns the new length.
 * Other _xHHHH_ sequences are left as they are.
 */
static size_t xlsx_unescape(char *text, size_t length)
{
    if (memchr(text, '_', length) == NULL)
        return length;
    size_t in = 0, out = 0;
    while (in < length) {
        if (text[in] == '_' && length - in >= 7 && text[in + 1] == 'x' && text[in + 6] == '_') {
            unsigned value = 0;
            int ok = 1;
            for (size_t k = in + 2; k < in + 6; k++) {
                char c = text[k];
                unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                                        : 16;
                if (digit == 16) {
                    ok = 0;
                    break;
                }
                value = value * 16 + digit;
            }
            if (ok && (value < 0x20 || value == 0x5F) && value != 0) {
                text[out++] = (char)value;
                in += 7;
                continue;
            }
        }
        text[out++] = text[in++];
    }
    text[out] = '\0';
    return out;
}

/*
 * Reads the zip part name through expat with the given handlers.  A missing
 * part sets *missing (when missing is not NULL) and is not an error.
 */
static int xlsx_parse_part(xlsx_reader *reader, const char *name, XML_StartElementHandler start,
                           XML_EndElementHandler end, XML_CharacterDataHandler text, int *missing,
                           bf_error *err)
{
    int rc = BF_OK;
    zip_file_t *file = zip_fopen(reader->archive, name, ZIP_FL_NOCASE);

    if (missing != NULL)
        *missing = file == NULL;
    if (file == NULL)
        return BF_OK;
    reader->parser = XML_ParserCreate("UTF-8");
    if (reader->parser == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    XML_SetUserData(reader->parser, reader);
    XML_SetElementHandler(reader->parser, start, end);
    XML_SetCharacterDataHandler(reader->parser, text);
    for (;;) {
        void *buffer = XML_GetBuffer(reader->parser, XLSX_PART_CHUNK);
        if (buffer == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
        zip_int64_t n = zip_fread(file, buffer, XLSX_PART_CHUNK);
        if (n < 0) {
            rc =
                bf_error_set(err, BF_EPARSE, BF_TR("%s：无法读取 %s：%s", "%s: cannot read %s: %s"),
                             reader->path, name, zip_file_strerror(file));
            goto out;
        }
        if (XML_ParseBuffer(reader->parser, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (reader->failure.code != BF_OK) {
                rc = reader->failure.code;
                if (err != NULL)
                    *err = reader->failure;
            } else {
                rc = bf_error_set(err, BF_EPARSE,
                                  BF_TR("%s：%s 第 %lu 行 XML 格式错误：%s",
                                        "%s: %s line %lu: malformed XML: %s"),
                                  reader->path, name,
                                  (unsigned long)XML_GetCurrentLineNumber(reader->parser),
                                  XML_ErrorString(XML_GetErrorCode(reader->parser)));
            }
            goto out;
        }
        if (n == 0)
            break;
    }
out:
    if (reader->parser != NULL)
        XML_ParserFree(reader->parser);
    reader->parser = NULL;
    zip_fclose(file);
    return rc;
}

/* xl/workbook.xml: keeps the name and r:id of each <sheet> (the first XLSX_SHEETS_MAX). */
static void XMLCALL xlsx_workbook_start(void *data, const char *name, const char **attributes)
{
    xlsx_reader *reader = data;
    if (strcmp(xlsx_local_name(name), "workbookPr") == 0) {
        const char *date1904 = xlsx_attribute(attributes, "date1904", 0);
        reader->date1904 =
            date1904 != NULL && (strcmp(date1904, "1") == 0 || strcmp(date1904, "true") == 0);
        return;
    }
    if (reader->sheet_count >= XLSX_SHEETS_MAX || strcmp(xlsx_local_name(name), "sheet") != 0)
        return;
    const char *id = xlsx_attribute(attributes, "id", 1);
    const char *sheet_name = xlsx_attribute(attributes, "name", 0);
    int i = reader->sheet_count++;
    snprintf(reader->sheet_ids[i], sizeof reader->sheet_ids[i], "%s", id != NULL ? id : "");
    snprintf(reader->sheet_names[i], sizeof reader->sheet_names[i], "%s",
             sheet_name != NULL ? sheet_name : "");
}

/* End tags of the workbook and relationships carry nothing needed. */
static void XMLCALL xlsx_ignore_end(void *data, const char *name)
{
    (void)data;
    (void)name;
}

/*
 * Turns the relationship target into a zip part name into part:
 * "/xl/x.xml" -> "xl/x.xml", "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml".
 */
static void xlsx_resolve_target(const char *target, char *part, size_t size)
{
    if (target[0] == '/')
        snprintf(part, size, "%s", target + 1);
    else
        snprintf(part, size, "xl/%s", target);
}

/* xl/_rels/workbook.xml.rels: the targets of the sheets and of the shared strings. */
static void XMLCALL xlsx_relations_start(void *data, const char *name, const char **attributes)
{
    xlsx_reader *reader = data;
    if (strcmp(xlsx_local_name(name), "Relationship") != 0)
        return;
    const char *id = xlsx_attribute(attributes, "Id", 0);
    const char *type = xlsx_attribute(attributes, "Type", 0);
    const char *target = xlsx_attribute(attributes, "Target", 0);
    if (id == NULL || target == NULL)
        return;
    for (int i = 0; i < reader->sheet_count; i++)
        if (reader->sheet_ids[i][0] != '\0' && strcmp(id, reader->sheet_ids[i]) == 0)
            xlsx_resolve_target(target, reader->sheet_parts[i], sizeof reader->sheet_parts[i]);
    size_t type_length = type != NULL ? strlen(type) : 0;
    if (type_length >= 14 && strcmp(type + type_length - 14, "/sharedStrings") == 0)
        xlsx_resolve_target(target, reader->shared_part, sizeof reader->shared_part);
    if (type_length >= 7 && strcmp(type + type_length - 7, "/styles") == 0)
        xlsx_resolve_target(target, reader->styles_part, sizeof reader->styles_part);
}

/*
 * True when a number format shows a date: the built-in date formats (14-17,
 * 22, and the East Asian 27-36 and 50-58), or a format code with a year or
 * day part (y, d, 年, 日) outside quoted text, escapes and [...] sections.
 * Time-only formats (h:mm) are not dates: their cells stay numbers.
 */
int xlsx_number_format_is_date(int id, const char *code)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return 1;
    if (code == NULL)
        return 0;
    for (const char *p = code; *p != '\0'; p++) {
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            if (end == NULL)
                return 0;
            p = end;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1] == '\0')
                return 0;
            p++;
        } else if (*p == '[') {
            const char *end = strchr(p + 1, ']');
            if (end == NULL)
                return 0;
            p = end;
        } else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D' ||
                   strncmp(p, "年", strlen("年")) == 0 || strncmp(p, "日", strlen("日")) == 0) {
            return 1;
        } else if (*p == ';') {
            return 0; /* the first section (positive numbers) decides */
        }
    }
    return 0;
}

/*
 * xl/styles.xml: the custom number formats that show dates (<numFmts>), then
 * for each cell format of <cellXfs>, whether its numFmtId shows a date.
 */
static void XMLCALL xlsx_styles_start(void *data, const char *name, const char **attributes)
{
    xlsx_reader *reader = data;
    const char *local = xlsx_local_name(name);
    if (strcmp(local, "numFmt") == 0) {
        const char *id = xlsx_attribute(attributes, "numFmtId", 0);
        const char *code = xlsx_attribute(attributes, "formatCode", 0);
        if (id != NULL && reader->date_numfmt_count < XLSX_NUMFMTS_MAX &&
            xlsx_number_format_is_date(-1, code))
            reader->date_numfmts[reader->date_numfmt_count++] = atoi(id);
    } else if (strcmp(local, "cellXfs") == 0) {
        reader->in_cell_formats = 1;
    } else if (strcmp(local, "xf") == 0 && reader->in_cell_formats &&
               reader->style_count < XLSX_STYLES_MAX) {
        const char *id_text = xlsx_attribute(attributes, "numFmtId", 0);
        int id = id_text != NULL ? atoi(id_text) : 0, date = xlsx_number_format_is_date(id, NULL);
        for (int i = 0; !date && i < reader->date_numfmt_count; i++)
            date = reader->date_numfmts[i] == id;
        reader->date_styles[reader->style_count++] = (unsigned char)date;
    }
}

static void XMLCALL xlsx_styles_end(void *data, const char *name)
{
    xlsx_reader *reader = data;
    if (strcmp(xlsx_local_name(name), "cellXfs") == 0)
        reader->in_cell_formats = 0;
}

/*
 * Writes the date of a date cell's serial number (text) into out as
 * "YYYY-MM-DD" ("YYYY-MM-DD HH:MM:SS" with a time of day), counting days as
 * Excel does: from 1899-12-31 with its phantom 1900-02-29 (serial 60), or
 * from 1904-01-01 in a 1904 workbook.  Returns 0 (out untouched) when text
 * is no serial of a real day.
 */
int xlsx_serial_date(const char *text, int date1904, char out[XLSX_DATE_TEXT_MAX])
{
    char *end = NULL;
    double serial = strtod(text, &end);
    if (end == text || *end != '\0' || !(serial >= 1.0 && serial < 2958466.0))
        return 0;
    double whole = floor(serial);
    int64_t days = (int64_t)whole;
    if (date1904)
        days -= 24107; /* 1904-01-01 is day -24107 of 1970 */
    else if (days == 60)
        return 0; /* 1900-02-29, a day that never was */
    else
        days -= days < 60 ? 25568 : 25569;
    char date[BF_DATE_TEXT_MAX];
    date_format(date_from_days(days), date);
    unsigned seconds = (unsigned)lround((serial - whole) * 86400.0);
    if (seconds == 0 || seconds >= 86400)
        snprintf(out, XLSX_DATE_TEXT_MAX, "%s", date);
    else
        snprintf(out, XLSX_DATE_TEXT_MAX, "%s %02u:%02u:%02u", date, seconds / 3600 % 24,
                 seconds / 60 % 60, seconds % 60);
    return 1;
}

/* Makes room for more bytes of shared string text, up to XLSX_SHARED_TEXT_MAX. */
static int xlsx_shared_reserve(xlsx_reader *reader, size_t more)
{
    if (more <= reader->shared_capacity - reader->shared_length)
        return BF_OK;
    size_t capacity = reader->shared_capacity ? reader->shared_capacity : XLSX_SHARED_INITIAL;
    while (capacity - reader->shared_length < more && capacity < XLSX_SHARED_TEXT_MAX)
        capacity *= 2;
    if (capacity > XLSX_SHARED_TEXT_MAX)
        capacity = XLSX_SHARED_TEXT_MAX;
    if (capacity - reader->shared_length < more)
        return bf_error_set(
            &reader->failure, BF_ETOOBIG,
            BF_TR("%s：共享字符串超过 %zu 字节", "%s: shared strings exceed %zu bytes"),
            reader->path, (size_t)XLSX_SHARED_TEXT_MAX);
    char *text = realloc(reader->shared_text, capacity);
    if (text == NULL)
        return bf_error_set(&reader->failure, BF_ENOMEM, NULL);
    reader->shared_text = text;
    reader->shared_capacity = capacity;
    return BF_OK;
}

/* xl/sharedStrings.xml: <si> starts a string, <t> outside <rPh> holds its text. */
static void XMLCALL xlsx_shared_start(void *data, const char *name, const char **attributes)
{
    xlsx_reader *reader = data;
    const char *local = xlsx_local_name(name);
    (void)attributes;
    if (strcmp(local, "si") == 0) {
        reader->in_string = 1;
        reader->shared_start = reader->shared_length;
    } else if (strcmp(local, "rPh") == 0) {
        reader->phonetic_depth++;
    } else if (strcmp(local, "t") == 0 && reader->in_string && reader->phonetic_depth == 0) {
        reader->collecting = 1;
    }
}

/* Keeps the text of a shared string, cut at TABLE_CELL_MAX + 1 bytes (enough to tell too long). */
static void XMLCALL xlsx_shared_text(void *data, const char *text, int length)
{
    xlsx_reader *reader = data;
    if (!reader->collecting)
        return;
    size_t used = reader->shared_length - reader->shared_start;
    size_t take = (size_t)length;
    if (take > TABLE_CELL_MAX + 1 - used)
        take = TABLE_CELL_MAX + 1 - used;
    if (take == 0)
        return;
    if (xlsx_shared_reserve(reader, take) < 0) {
        xlsx_abort(reader);
        return;
    }
    memcpy(reader->shared_text + reader->shared_length, text, take);
    reader->shared_length += take;
}

/* </si> ends a string: unescapes it, terminates it and records its offset. */
static void XMLCALL xlsx_shared_end(void *data, const char *name)
{
    xlsx_reader *reader = data;
    const char *local = xlsx_local_name(name);
    if (strcmp(local, "t") == 0) {
        reader->collecting = 0;
    } else if (strcmp(local, "rPh") == 0) {
        if (reader->phonetic_depth > 0)
            reader->phonetic_depth--;
    } else if (strcmp(local, "si") == 0 && reader->in_string) {
        reader->in_string = 0;
        if (reader->shared_count + 1 >= reader->shared_slots) {
            size_t slots = reader->shared_slots ? reader->shared_slots * 2 : XLSX_SHARED_INITIAL;
            size_t *offsets = NULL;
            if (slots <= XLSX_SHARED_STRINGS_MAX + 1)
                offsets = realloc(reader->shared_offsets, slots * sizeof *offsets);
            if (offsets == NULL) {
                if (slots > XLSX_SHARED_STRINGS_MAX + 1)
                    bf_error_set(
                        &reader->failure, BF_ETOOBIG,
                        BF_TR("%s：共享字符串超过 %d 个", "%s: more than %d shared strings"),
                        reader->path, XLSX_SHARED_STRINGS_MAX);
                else
                    bf_error_set(&reader->failure, BF_ENOMEM, NULL);
                xlsx_abort(reader);
                return;
            }
            reader->shared_offsets = offsets;
            reader->shared_slots = slots;
        }
        if (xlsx_shared_reserve(reader, 1) < 0) {
            xlsx_abort(reader);
            return;
        }
        size_t length = xlsx_unescape(reader->shared_text + reader->shared_start,
                                      reader->shared_length - reader->shared_start);
        reader->shared_length = reader->shared_start + length;
        reader->shared_text[reader->shared_length++] = '\0';
        reader->shared_offsets[reader->shared_count++] = reader->shared_start;
    }
}

/* The 0-based column of a reference like "AB12", or -1 when it has no letters. */
static int xlsx_column_of(const char *reference)
{
    int column = 0, letters = 0;
    for (const char *p = reference; *p != '\0'; p++) {
        int c = *p;
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        if (c < 'A' || c > 'Z')
            break;
        if (++letters > 3)
            return TABLE_COLUMNS_MAX + 1; /* beyond any sheet: lands in the overflow slot */
        column = column * 26 + (c - 'A' + 1);
    }
    return letters > 0 ? column - 1 : -1;
}

/* <row> starts a row (clearing the slots of the last one), <c> a cell, <v> / <is><t> its text. */
static void XMLCALL xlsx_sheet_start(void *data, const char *name, const char **attributes)
{
    xlsx_reader *reader = data;
    const char *local = xlsx_local_name(name);

    if (strcmp(local, "c") == 0) {
        const char *reference = xlsx_attribute(attributes, "r", 0);
        const char *type = xlsx_attribute(attributes, "t", 0);
        int column = reference != NULL ? xlsx_column_of(reference) : -1;
        if (column < 0) /* no reference: the next column (counting stops past the last one) */
            column = reader->column < TABLE_COLUMNS_MAX ? reader->column + 1 : TABLE_COLUMNS_MAX;
        reader->column = column;
        reader->slot = reader->column < TABLE_COLUMNS_MAX ? reader->column : XLSX_OVERFLOW_SLOT;
        reader->cell_type = type == NULL             ? XLSX_CELL_PLAIN
                            : strcmp(type, "s") == 0 ? XLSX_CELL_SHARED
                            : strcmp(type, "b") == 0 ? XLSX_CELL_BOOLEAN
                                                     : XLSX_CELL_PLAIN;
        const char *style = xlsx_attribute(attributes, "s", 0);
        long style_index = style != NULL ? strtol(style, NULL, 10) : -1;
        reader->cell_date = (type == NULL || strcmp(type, "n") == 0) && style_index >= 0 &&
                            style_index < reader->style_count && reader->date_styles[style_index];
        reader->lengths[reader->slot] = 0;
        if (reader->slot < XLSX_OVERFLOW_SLOT && reader->slot >= reader->touched) {
            for (int i = reader->touched; i < reader->slot; i++) {
                reader->lengths[i] = 0;
                reader->slots[(size_t)i * XLSX_SLOT_BYTES] = '\0';
            }
            reader->touched = reader->slot + 1;
        }
        reader->in_cell = 1;
        reader->in_inline = 0;
        reader->phonetic_depth = 0;
        reader->cell_cut = 0;
    } else if (strcmp(local, "v") == 0) {
        reader->collecting = reader->in_cell;
    } else if (strcmp(local, "is") == 0) {
        reader->in_inline = reader->in_cell;
    } else if (strcmp(local, "rPh") == 0) {
        reader->phonetic_depth++;
    } else if (strcmp(local, "t") == 0) {
        reader->collecting = reader->in_inline && reader->phonetic_depth == 0;
    } else if (strcmp(local, "row") == 0) {
        const char *number = xlsx_attribute(attributes, "r", 0);
        long row = number != NULL ? strtol(number, NULL, 10) : 0;
        if (row <= 0) /* no usable r=: the next row, without overflowing after r="LONG_MAX" */
            row = reader->row_number < LONG_MAX ? reader->row_number + 1 : LONG_MAX;
        reader->row_number = row;
        reader->column = -1;
        reader->touched = 0;
        reader->count = 0;
        reader->overflow = (table_overflow){.kind = TABLE_OVERFLOW_NONE};
    }
}

/* Records the first overflow of the row, at the current column. */
static void xlsx_overflow(xlsx_reader *reader, table_overflow_kind kind)
{
    if (reader->overflow.kind != TABLE_OVERFLOW_NONE)
        return;
    reader->overflow.kind = kind;
    reader->overflow.column = reader->column < INT_MAX ? reader->column + 1 : INT_MAX;
}

/*
 * Character data of <v> or <is><t> goes into the cell's slot, at most
 * TABLE_CELL_MAX bytes: the rest is dropped (cut at a character boundary)
 * and marked for </c>.
 */
static void XMLCALL xlsx_sheet_text(void *data, const char *text, int length)
{
    xlsx_reader *reader = data;
    if (!reader->collecting || reader->cell_cut)
        return;
    char *slot = reader->slots + (size_t)reader->slot * XLSX_SLOT_BYTES;
    size_t *used = &reader->lengths[reader->slot];
    if ((size_t)length > TABLE_CELL_MAX - *used) {
        size_t fits = TABLE_CELL_MAX - *used;
        memcpy(slot + *used, text, fits);
        *used = table_utf8_complete(slot, *used + fits);
        reader->cell_cut = 1;
        return;
    }
    memcpy(slot + *used, text, (size_t)length);
    *used += (size_t)length;
}

/*
 * </c> turns the collected text into the cell value: a shared string looked
 * up, a boolean spelt out, escapes decoded.  A cell cut, or a value beyond
 * the last column allowed, is the row's overflow; empty cells beyond the last
 * column are ignored.
 */
static int xlsx_finish_cell(xlsx_reader *reader)
{
    char *slot = reader->slots + (size_t)reader->slot * XLSX_SLOT_BYTES;
    size_t length = reader->lengths[reader->slot];

    slot[length] = '\0';
    if (reader->cell_type == XLSX_CELL_SHARED && length > 0) {
        char *end;
        unsigned long long index = strtoull(slot, &end, 10);
        if (*end != '\0' || index >= reader->shared_count)
            return bf_error_set(&reader->failure, BF_EPARSE,
                                BF_TR("%s 第 %ld 行：共享字符串编号 %s 无效",
                                      "%s row %ld: invalid shared string index %s"),
                                reader->path, reader->row_number, slot);
        const char *text = reader->shared_text + reader->shared_offsets[index];
        length = reader->shared_offsets[index + 1] - reader->shared_offsets[index] - 1;
        if (length > TABLE_CELL_MAX) { /* kept cut at TABLE_CELL_MAX + 1 bytes */
            length = table_utf8_complete(text, TABLE_CELL_MAX);
            reader->cell_cut = 1;
        }
        memcpy(slot, text, length);
        slot[length] = '\0';
    } else if (reader->cell_type == XLSX_CELL_BOOLEAN && length > 0) {
        const char *text = strcmp(slot, "0") == 0 ? "FALSE" : "TRUE";
        length = strlen(text);
        memcpy(slot, text, length + 1);
    } else {
        length = xlsx_unescape(slot, length);
        char date[XLSX_DATE_TEXT_MAX];
        if (reader->cell_date && length > 0 && xlsx_serial_date(slot, reader->date1904, date)) {
            length = strlen(date);
            memcpy(slot, date, length + 1);
        }
    }
    reader->lengths[reader->slot] = length;
    if (length == 0)
        return BF_OK;
    if (reader->slot == XLSX_OVERFLOW_SLOT) {
        xlsx_overflow(reader, TABLE_OVERFLOW_COLUMNS);
        return BF_OK;
    }
    if (reader->cell_cut)
        xlsx_overflow(reader, TABLE_OVERFLOW_CELL);
    if (reader->slot + 1 > reader->count)
        reader->count = reader->slot + 1;
    return BF_OK;
}

/* Ends <v>, <t>, <is>, <rPh>, <c>; </row> suspends the parser with a row ready. */
static void XMLCALL xlsx_sheet_end(void *data, const char *name)
{
    xlsx_reader *reader = data;
    const char *local = xlsx_local_name(name);

    if (strcmp(local, "v") == 0 || strcmp(local, "t") == 0) {
        reader->collecting = 0;
    } else if (strcmp(local, "c") == 0) {
        reader->collecting = 0;
        reader->in_cell = 0;
        reader->in_inline = 0;
        if (xlsx_finish_cell(reader) < 0)
            xlsx_abort(reader);
    } else if (strcmp(local, "is") == 0) {
        reader->in_inline = 0;
    } else if (strcmp(local, "rPh") == 0) {
        if (reader->phonetic_depth > 0)
            reader->phonetic_depth--;
    } else if (strcmp(local, "row") == 0) {
        reader->row_ready = 1;
        XML_StopParser(reader->parser, XML_TRUE);
    }
}

/* Opens the zip, mapping libzip's errors to messages naming the file. */
static int xlsx_open_archive(xlsx_reader *reader, bf_error *err)
{
    int code = 0;
    reader->archive = zip_open(reader->path, ZIP_RDONLY, &code);
    if (reader->archive != NULL)
        return BF_OK;

    zip_error_t error;
    zip_error_init_with_code(&error, code);
    int rc;
    if (code == ZIP_ER_NOENT)
        rc = bf_error_set(err, BF_ENOTFOUND, BF_TR("找不到文件 %s", "file not found: %s"),
                          reader->path);
    else if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
        rc = bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 不是 .xlsx 工作簿（不是 zip 文件）；如果是 .xls 或 CSV，请另存为 .xlsx",
                  "%s is not an .xlsx workbook (not a zip file); an .xls or CSV file "
                  "must be saved as .xlsx"),
            reader->path);
    else
        rc = bf_error_set(err, BF_EIO, BF_TR("无法打开 %s：%s", "cannot open %s: %s"), reader->path,
                          zip_error_strerror(&error));
    zip_error_fini(&error);
    return rc;
}

int xlsx_reader_select(xlsx_reader *reader, int index, bf_error *err)
{
    if (reader->parser != NULL)
        XML_ParserFree(reader->parser);
    reader->parser = NULL;
    if (reader->sheet != NULL)
        zip_fclose(reader->sheet);
    reader->sheet = NULL;
    bf_error_clear(&reader->failure);
    reader->sheet_size = reader->sheet_consumed = 0;
    reader->input_done = reader->finished = reader->row_ready = 0;
    reader->row_number = 0;
    reader->column = -1;
    reader->in_cell = reader->in_inline = reader->collecting = reader->phonetic_depth = 0;
    reader->touched = reader->count = 0;
    if (index < 0 || index >= reader->sheet_count || reader->sheet_parts[index][0] == '\0')
        return bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("%s：工作簿中没有第 %d 个工作表", "%s: the workbook has no worksheet number %d"),
            reader->path, index + 1);
    snprintf(reader->sheet_part, sizeof reader->sheet_part, "%s", reader->sheet_parts[index]);

    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(reader->archive, reader->sheet_part, ZIP_FL_NOCASE, &stat) == 0 &&
        (stat.valid & ZIP_STAT_SIZE))
        reader->sheet_size = (long long)stat.size;
    reader->sheet = zip_fopen(reader->archive, reader->sheet_part, ZIP_FL_NOCASE);
    reader->parser = XML_ParserCreate("UTF-8");
    if (reader->parser == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    if (reader->sheet == NULL)
        return bf_error_set(err, BF_EPARSE, BF_TR("%s：无法读取 %s：%s", "%s: cannot read %s: %s"),
                            reader->path, reader->sheet_part, zip_strerror(reader->archive));
    XML_SetUserData(reader->parser, reader);
    XML_SetElementHandler(reader->parser, xlsx_sheet_start, xlsx_sheet_end);
    XML_SetCharacterDataHandler(reader->parser, xlsx_sheet_text);
    return BF_OK;
}

int xlsx_reader_sheet_count(const xlsx_reader *reader)
{
    return reader->sheet_count;
}

const char *xlsx_reader_sheet_name(const xlsx_reader *reader, int index)
{
    return index >= 0 && index < reader->sheet_count ? reader->sheet_names[index] : "";
}

int xlsx_reader_open(const char *path, xlsx_reader **out, bf_error *err)
{
    int rc = BF_OK;
    xlsx_reader *reader = calloc(1, sizeof *reader);
    int missing_workbook = 0, missing = 0;

    *out = NULL;
    if (reader == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    bf_error_clear(&reader->failure);
    reader->path = strdup(path);
    reader->slots = malloc((size_t)(TABLE_COLUMNS_MAX + 1) * XLSX_SLOT_BYTES);
    if (reader->path == NULL || reader->slots == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = xlsx_open_archive(reader, err);
    if (rc < 0)
        goto out;

    rc = xlsx_parse_part(reader, "xl/workbook.xml", xlsx_workbook_start, xlsx_ignore_end, NULL,
                         &missing_workbook, err);
    if (rc < 0)
        goto out;
    rc = xlsx_parse_part(reader, "xl/_rels/workbook.xml.rels", xlsx_relations_start,
                         xlsx_ignore_end, NULL, NULL, err);
    if (rc < 0)
        goto out;
    if (reader->sheet_count == 0) /* no usable workbook.xml: the usual first sheet */
        reader->sheet_count = 1;
    if (reader->sheet_parts[0][0] == '\0' ||
        zip_name_locate(reader->archive, reader->sheet_parts[0], ZIP_FL_NOCASE) < 0)
        snprintf(reader->sheet_parts[0], sizeof reader->sheet_parts[0], "xl/worksheets/sheet1.xml");
    if (zip_name_locate(reader->archive, reader->sheet_parts[0], ZIP_FL_NOCASE) < 0) {
        if (missing_workbook)
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("%s 不是 .xlsx 工作簿（缺少 xl/workbook.xml）",
                                    "%s is not an .xlsx workbook (xl/workbook.xml is missing)"),
                              path);
        else
            rc = bf_error_set(err, BF_EPARSE,
                              BF_TR("%s：工作簿中没有工作表", "%s: the workbook has no worksheet"),
                              path);
        goto out;
    }

    rc = xlsx_parse_part(reader,
                         reader->shared_part[0] ? reader->shared_part : "xl/sharedStrings.xml",
                         xlsx_shared_start, xlsx_shared_end, xlsx_shared_text, &missing, err);
    if (rc < 0)
        goto out;
    if (reader->shared_count == 0 || missing) {
        free(reader->shared_offsets);
        reader->shared_offsets = malloc(sizeof *reader->shared_offsets);
        reader->shared_count = 0;
        if (reader->shared_offsets == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
    }
    reader->shared_offsets[reader->shared_count] = reader->shared_length;
    reader->date_styles = malloc(XLSX_STYLES_MAX);
    if (reader->date_styles == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = xlsx_parse_part(reader, reader->styles_part[0] ? reader->styles_part : "xl/styles.xml",
                         xlsx_styles_start, xlsx_styles_end, NULL, NULL, err);
    if (rc < 0)
        goto out;
    rc = xlsx_reader_select(reader, 0, err);
    if (rc < 0)
        goto out;
    *out = reader;
    reader = NULL;
out:
    xlsx_reader_close(reader);
    return rc;
}

/* Hands the finished row out: cells point at the slots, gaps are "". */
static void xlsx_take_row(xlsx_reader *reader, xlsx_record *record)
{
    for (int i = 0; i < reader->count; i++) {
        char *slot = reader->slots + (size_t)i * XLSX_SLOT_BYTES;
        slot[reader->lengths[i]] = '\0';
        reader->cells[i] = slot;
    }
    record->line = reader->row_number;
    record->count = reader->count;
    record->cells = reader->cells;
    record->lengths = reader->lengths;
    record->overflow = reader->overflow;
}

/*
 * Runs the worksheet parser until a row is ready: resumes it when it is
 * suspended after a row, else feeds it the next chunk of the part.
 */
static int xlsx_read_row(xlsx_reader *reader, xlsx_record *record)
{
    for (;;) {
        if (reader->row_ready) {
            reader->row_ready = 0;
            xlsx_take_row(reader, record);
            return BF_ROW;
        }
        if (reader->finished)
            return BF_DONE;
        XML_ParsingStatus status;
        XML_GetParsingStatus(reader->parser, &status);
        enum XML_Status result;
        if (status.parsing == XML_SUSPENDED) {
            result = XML_ResumeParser(reader->parser);
        } else if (reader->input_done) {
            reader->finished = 1;
            continue;
        } else {
            void *buffer = XML_GetBuffer(reader->parser, XLSX_READER_CHUNK);
            if (buffer == NULL)
                return bf_error_set(&reader->failure, BF_ENOMEM, NULL);
            zip_int64_t n = zip_fread(reader->sheet, buffer, XLSX_READER_CHUNK);
            if (n < 0)
                return bf_error_set(&reader->failure, BF_EPARSE,
                                    BF_TR("%s：无法读取 %s：%s", "%s: cannot read %s: %s"),
                                    reader->path, reader->sheet_part,
                                    zip_file_strerror(reader->sheet));
            reader->sheet_consumed += n;
            reader->input_done = n == 0;
            result = XML_ParseBuffer(reader->parser, (int)n, n == 0);
        }
        if (result == XML_STATUS_ERROR) {
            if (reader->failure.code != BF_OK)
                return reader->failure.code;
            return bf_error_set(
                &reader->failure, BF_EPARSE,
                BF_TR("%s：%s 第 %lu 行 XML 格式错误：%s", "%s: %s line %lu: malformed XML: %s"),
                reader->path, reader->sheet_part,
                (unsigned long)XML_GetCurrentLineNumber(reader->parser),
                XML_ErrorString(XML_GetErrorCode(reader->parser)));
        }
    }
}

int xlsx_reader_next(xlsx_reader *reader, xlsx_record *record, bf_error *err)
{
    int rc;

    if (reader->failure.code != BF_OK)
        rc = reader->failure.code;
    else
        rc = xlsx_read_row(reader, record);
    if (rc < 0 && err != NULL)
        *err = reader->failure;
    return rc;
}

double xlsx_reader_progress(const xlsx_reader *reader)
{
    if (reader->finished || reader->sheet_size <= 0 || reader->sheet_consumed >= reader->sheet_size)
        return 1.0;
    return (double)reader->sheet_consumed / (double)reader->sheet_size;
}

void xlsx_reader_close(xlsx_reader *reader)
{
    if (reader == NULL)
        return;
    if (reader->parser != NULL)
        XML_ParserFree(reader->parser);
    if (reader->sheet != NULL)
        zip_fclose(reader->sheet);
    if (reader->archive != NULL)
        zip_discard(reader->archive);
    free(reader->shared_text);
    free(reader->shared_offsets);
    free(reader->date_styles);
    free(reader->slots);
    free(reader->path);
    free(reader);
}
