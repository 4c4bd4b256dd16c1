/* test_script.c - the chart script of the fixed fixture report, byte for byte.
 *
 * The expected scripts are tests/report/charts/golden/charts_{en,zh,empty}.gp (GOLDEN_DIR). They
 * were checked by hand: the data blocks hold the fixture's figures (fixture.c: e.g. agent
 * A002's recovery rate 1,500,000 / 6,000,000 = 0.250000 comes first, the first team's PTP row is
 * kept 14, broken 6, pending 4), every name is a single-quoted string, and the charts were
 * looked at. After an intended change of the script or of a label, regenerate them with
 *     CHARTS_UPDATE_GOLDEN=1 meson test -C BUILD charts_script
 * and review the diff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/charts.h"
#include "fixture.h"

static char *script_of(settings_lang lang, bool empty)
{
    fixture f;
    fixture_build(&f, lang, empty);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    ck_diag diag = {""};
    assert_int_equal(charts_script_write(out, &f.report, &diag), CK_OK);
    assert_int_equal(fclose(out), 0);
    return text;
}

static char *read_text(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0)
        fwrite(buffer, 1, n, out);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    return text;
}

static void compare_golden(settings_lang lang, bool empty, const char *name)
{
    const char *dir = getenv("GOLDEN_DIR");
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *got = script_of(lang, empty);
    const char *update = getenv("CHARTS_UPDATE_GOLDEN");
    if (update != NULL && strcmp(update, "1") == 0) {
        FILE *out = fopen(path, "wb");
        assert_non_null(out);
        fputs(got, out);
        assert_int_equal(fclose(out), 0);
    }
    char *want = read_text(path);
    if (want == NULL)
        fail_msg("cannot read %s", path);
    if (strcmp(got, want) != 0) {
        size_t line = 1, i = 0;
        while (got[i] != '\0' && got[i] == want[i])
            line += got[i++] == '\n';
        fail_msg("%s differs from the generated script at line %zu", path, line);
    }
    free(got);
    free(want);
}

static void test_golden_en(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_EN, false, "charts_en.gp");
}

static void test_golden_zh(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_ZH, false, "charts_zh.gp");
}

static void test_golden_empty(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_EN, true, "charts_empty.gp");
}

static void test_deterministic(void **state)
{
    (void)state;
    char *a = script_of(SETTINGS_LANG_ZH, false);
    char *b = script_of(SETTINGS_LANG_ZH, false);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* Every text of the script comes from labels.h: no key is left untranslated, and the one
 * double-quoted string is the newline of the month tics (constant, never user text). */
static void test_texts_resolved_and_single_quoted(void **state)
{
    (void)state;
    for (int lang = 0; lang < 2; lang++) {
        char *text = script_of(lang == 0 ? SETTINGS_LANG_EN : SETTINGS_LANG_ZH, false);
        assert_null(strstr(text, "'charts."));
        assert_null(strstr(text, "'common."));
        for (const char *p = strchr(text, '"'); p != NULL; p = strchr(p + 1, '"')) {
            /* outside the fixture's names (inside '...'), only ."\n". appears */
            if (strncmp(p, "\"\\n\"", 4) == 0) {
                p += 3;
                continue;
            }
            /* a double quote inside a single-quoted name: the line has 'O''Brien''s "crew" */
            const char *line = p;
            while (line > text && line[-1] != '\n')
                line--;
            size_t quotes = 0;
            for (const char *q = line; q < p; q++)
                quotes += *q == '\'';
            if (quotes % 2 == 0)
                fail_msg("a double quote outside a single-quoted string: %.60s", line);
        }
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_en),
        cmocka_unit_test(test_golden_zh),
        cmocka_unit_test(test_golden_empty),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_texts_resolved_and_single_quoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
