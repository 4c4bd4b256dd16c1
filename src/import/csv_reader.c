/* csv_reader.c - CSV records with line numbers, around libcsv (see csv_reader.h).
 *
 * The input is fed to libcsv one physical line at a time, so when a record ends the line
 * counter says where it ended, and the line where its first byte was fed says where it
 * started.
 */
#include "collectkpi/csv_reader.h"
#include "collectkpi/vec.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK_SIZE         65536
#define DEFAULT_MAX_RECORD ((size_t)1 << 20)

typedef struct reader {
    struct csv_parser parser;
    const csv_reader_options *options;
    /* the record being read: field bytes (each NUL-terminated) and where each one is */
    char *bytes;
    size_t bytes_len, bytes_capacity;
    size_t *offsets;
    size_t *lens;
    const char **texts;
    size_t count, offsets_capacity, lens_capacity, texts_capacity;
    size_t record_bytes; /* fed since the record began */
    size_t max_record;
    long line;        /* the line being fed */
    long record_line; /* where the record began; 0 between records */
    ck_error stop;    /* set by a callback: the callback's result or CK_ERR_NOMEM */
    size_t records;   /* handed over so far */
    bool enough;      /* max_records reached */
    bool bom_checked;
} reader;

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->stop != CK_OK || r->enough)
        return;
    if (r->record_line == 0)
        r->record_line = r->line; /* after a lone CR ended the record before */
    if (!VEC_RESERVE(r->offsets, r->offsets_capacity, r->count + 1) ||
        !VEC_RESERVE(r->lens, r->lens_capacity, r->count + 1) ||
        !VEC_RESERVE(r->texts, r->texts_capacity, r->count + 1)) {
        r->stop = CK_ERR_NOMEM;
        return;
    }
    if (data == NULL) {
        r->offsets[r->count] = SIZE_MAX;
        r->lens[r->count++] = 0;
        return;
    }
    if (!VEC_RESERVE(r->bytes, r->bytes_capacity, r->bytes_len + len + 1)) {
        r->stop = CK_ERR_NOMEM;
        return;
    }
    memcpy(r->bytes + r->bytes_len, data, len);
    r->bytes[r->bytes_len + len] = '\0';
    r->offsets[r->count] = r->bytes_len;
    r->lens[r->count++] = len;
    r->bytes_len += len + 1;
}

static void on_record_end(int terminator, void *ctx)
{
    (void)terminator;
    reader *r = ctx;
    if (r->stop == CK_OK && !r->enough) {
        for (size_t i = 0; i < r->count; i++)
            r->texts[i] = r->offsets[i] == SIZE_MAX ? NULL : r->bytes + r->offsets[i];
        csv_record record = {.count = r->count,
                             .text = r->texts,
                             .len = r->lens,
                             .line = r->record_line ? r->record_line : r->line};
        r->stop = r->options->record(r->options->ctx, &record);
        r->records++;
        r->enough = r->options->max_records != 0 && r->records >= r->options->max_records;
    }
    r->count = 0;
    r->bytes_len = 0;
    r->record_bytes = 0;
    r->record_line = 0;
}

/* Feeds decoded text, one physical line at a time. */
static ck_error feed(reader *r, const char *data, size_t len, long *bad_line, ck_diag *diag)
{
    if (!r->bom_checked && len > 0) {
        r->bom_checked = true;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3;
            len -= 3;
        }
    }
    while (len > 0 && r->stop == CK_OK && !r->enough) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl != NULL ? (size_t)(nl - data) + 1 : len;
        if (r->record_line == 0) {
            /* line ends alone between records are blank lines: libcsv skips them too */
            for (size_t i = 0; i < n; i++)
                if (data[i] != '\r' && data[i] != '\n') {
                    r->record_line = r->line;
                    break;
                }
        }
        r->record_bytes += n;
        if (r->record_bytes > r->max_record) {
            *bad_line = r->record_line ? r->record_line : r->line;
            ck_diag_set(diag, "a record longer than %zu bytes (a quote that is never closed?)",
                        r->max_record);
            return CK_ERR_DATA;
        }
        if (csv_parse(&r->parser, data, n, on_field, on_record_end, r) != n && r->stop == CK_OK) {
            *bad_line = r->line;
            ck_diag_set(diag, "%s",
                        csv_error(&r->parser) == CSV_EPARSE
                            ? "malformed CSV: a quote inside an unquoted field, or text after "
                              "a closing quote (quote the field and double its quotes)"
                            : "out of memory reading a field");
            return csv_error(&r->parser) == CSV_EPARSE ? CK_ERR_DATA : CK_ERR_NOMEM;
        }
        if (nl != NULL)
            r->line++;
        data += n;
        len -= n;
    }
    return r->stop;
}

/* Converts GB18030 in[0..*in_len) to UTF-8 and feeds it; leaves an incomplete character's
 * bytes at the start of in for the next block. */
static ck_error convert_and_feed(reader *r, iconv_t cd, char *in, size_t *in_len, bool last,
                                 long *bad_line, ck_diag *diag)
{
    char out[BLOCK_SIZE * 2];
    char *src = in;
    size_t left = *in_len;
    ck_error err = CK_OK;
    while (left > 0 && err == CK_OK) {
        char *dst = out;
        size_t room = sizeof out;
        size_t rc = iconv(cd, &src, &left, &dst, &room);
        int why = rc == (size_t)-1 ? errno : 0;
        err = feed(r, out, (size_t)(dst - out), bad_line, diag);
        if (err != CK_OK || why == 0 || why == E2BIG)
            continue;
        if (why == EINVAL && !last)
            break; /* an incomplete character: wait for the rest */
        *bad_line = r->line;
        ck_diag_set(diag, "not valid GB18030 text (is the file in another encoding? see "
                          "--encoding)");
        err = CK_ERR_DATA;
    }
    memmove(in, src, left);
    *in_len = left;
    return err;
}

/* libcsv's test for a space to trim: none is. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

ck_error csv_reader_run(FILE *in, const csv_reader_options *options, long *bad_line, ck_diag *diag)
{
    reader r = {.options = options,
                .line = 1,
                .max_record =
                    options->max_record_bytes ? options->max_record_bytes : DEFAULT_MAX_RECORD};
    iconv_t cd = (iconv_t)-1;
    char *block = NULL;
    ck_error err = CK_OK;
    *bad_line = 0;
    if (csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) !=
        0)
        return CK_ERR_NOMEM;
    /* libcsv trims spaces and tabs around unquoted fields by default; a field is taken as
     * written instead, so " 100" is not a number (number.h) and names keep their spaces. */
    csv_set_space_func(&r.parser, no_space);
    if (options->encoding == CSV_ENCODING_GB18030) {
        cd = iconv_open("UTF-8", "GB18030");
        if (cd == (iconv_t)-1) {
            ck_diag_set(diag, "this system's iconv cannot convert GB18030");
            err = CK_ERR_PROGRAM;
            goto done;
        }
    }
    block = malloc(BLOCK_SIZE + 16);
    if (block == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    struct stat st;
    uint64_t total = fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    uint64_t done_bytes = 0;
    size_t pending = 0; /* GB18030 bytes of an incomplete character */
    for (;;) {
        size_t got = fread(block + pending, 1, BLOCK_SIZE, in);
        if (got == 0 && ferror(in)) {
            ck_diag_set(diag, "%s", strerror(errno));
            err = CK_ERR_IO;
            goto done;
        }
        done_bytes += got;
        bool last = got == 0;
        if (cd != (iconv_t)-1) {
            pending += got;
            err = convert_and_feed(&r, cd, block, &pending, last, bad_line, diag);
        } else {
            err = feed(&r, block, got, bad_line, diag);
        }
        if (err != CK_OK)
            goto done;
        if (options->progress != NULL && got > 0)
            options->progress(options->ctx, done_bytes, total);
        if (last || r.enough || r.stop != CK_OK)
            break;
    }
    if (r.enough)
        goto done;
    if (csv_fini(&r.parser, on_field, on_record_end, &r) != 0 && r.stop == CK_OK) {
        *bad_line = r.record_line ? r.record_line : r.line;
        ck_diag_set(diag, "a quoted field that is never closed starts on this line");
        err = CK_ERR_DATA;
        goto done;
    }
    err = r.stop;
done:
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    csv_free(&r.parser);
    free(block);
    free(r.bytes);
    free(r.offsets);
    free(r.lens);
    free(r.texts);
    return err;
}
