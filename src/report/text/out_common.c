/* out_common.c - padding and the end of a JSON output (see out_common.h). */
#include "out_common.h"

#include "collectkpi/utf8.h"

void out_put_padded(FILE *out, const char *text, size_t width, bool right)
{
    size_t w = utf8_display_width(text);
    size_t pad = width > w ? width - w : 0;
    for (size_t i = 0; right && i < pad; i++)
        fputc(' ', out);
    fputs(text, out);
    for (size_t i = 0; !right && i < pad; i++)
        fputc(' ', out);
}

ck_error out_json_finish(json_t *array, FILE *out, size_t extra_flags, ck_error err, ck_diag *diag)
{
    if (err == CK_OK &&
        json_dumpf(array, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15) | extra_flags) != 0) {
        ck_diag_set(diag, "could not write the JSON output");
        err = CK_ERR_IO;
    }
    if (err == CK_OK)
        fputc('\n', out);
    json_decref(array);
    return err;
}
