/* test_escape.c - user text into gnuplot strings (gpquote) and into HTML (html), with hostile
 * names: quotes, backquoted and $(...) shell commands, gnuplot's % @ \ { } _ ^, markup,
 * CR/LF/tab, bytes that are not UTF-8. Expected texts are written out by hand: a quote
 * doubles, % doubles only in tic labels, control characters become one space each, a bad
 * byte becomes U+FFFD (EF BF BD), everything else passes unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpquote.h"
#include "html.h"

/* What writer(text) writes, as a NUL-terminated string (caller frees). */
static char *capture(void (*writer)(FILE *, const char *), const char *text)
{
    char *buffer = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    assert_non_null(out);
    writer(out, text);
    assert_int_equal(fclose(out), 0);
    return buffer;
}

static void expect(void (*writer)(FILE *, const char *), const char *text, const char *want)
{
    char *got = capture(writer, text);
    if (strcmp(got, want) != 0)
        fail_msg("for [%s]: got [%s], want [%s]", text != NULL ? text : "(null)", got, want);
    free(got);
}

static void test_gnuplot_quotes(void **state)
{
    (void)state;
    expect(gpquote_write, "O'Brien", "'O''Brien'");
    expect(gpquote_write, "''", "''''''");
    expect(gpquote_write, "", "''");
    expect(gpquote_write, NULL, "''");
    /* Double quotes and backslashes mean nothing inside single quotes. */
    expect(gpquote_write, "say \"hi\" \\n \\", "'say \"hi\" \\n \\'");
}

static void test_gnuplot_commands_stay_text(void **state)
{
    (void)state;
    /* Single quotes: gnuplot runs no backquoted command and expands no @macro in them. */
    expect(gpquote_write, "`touch /tmp/pwned-XXXX`", "'`touch /tmp/pwned-XXXX`'");
    expect(gpquote_write, "$(touch /tmp/pwned) @foo {x}_y^z & %s",
           "'$(touch /tmp/pwned) @foo {x}_y^z & %s'");
    /* A name that tries to close the string and start a command of its own. */
    expect(gpquote_write, "x'; system('touch /tmp/pwned'); '",
           "'x''; system(''touch /tmp/pwned''); '''");
}

static void test_gnuplot_tic_percent(void **state)
{
    (void)state;
    /* Tic labels are gnuplot number formats: 100% would be a bad format (or read memory). */
    expect(gpquote_write_tic, "100% %s %n", "'100%% %%s %%n'");
    expect(gpquote_write_tic, "O'Brien", "'O''Brien'");
    expect(gpquote_write, "100%", "'100%'");
}

static void test_gnuplot_one_line_valid_utf8(void **state)
{
    (void)state;
    /* CR or LF would end the command, and the rest of the name would be a new one. */
    expect(gpquote_write, "a\r\nplot 1\tb\x01\x7f", "'a  plot 1 b  '");
    expect(gpquote_write, "张伟 Zoë", "'张伟 Zoë'");
    expect(gpquote_write, "bad \xff byte", "'bad \xEF\xBF\xBD byte'");
    /* A sequence cut short: each stray byte is replaced. */
    expect(gpquote_write, "\xe5\x8d", "'\xEF\xBF\xBD\xEF\xBF\xBD'");
    /* An overlong encoding of '/' (C0 AF) is not UTF-8 either. */
    expect(gpquote_write, "\xc0\xaf", "'\xEF\xBF\xBD\xEF\xBF\xBD'");
}

static void test_html_markup(void **state)
{
    (void)state;
    expect(html_write_text, "<script>alert('x')</script>",
           "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html_write_text, "Tom & \"Jerry\"", "Tom &amp; &quot;Jerry&quot;");
    expect(html_write_text, "&amp;", "&amp;amp;");
    expect(html_write_text, "\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)");
    expect(html_write_text, NULL, "");
}

static void test_html_plain_and_hostile_text(void **state)
{
    (void)state;
    expect(html_write_text, "`touch /tmp/pwned` $(x) \\ @ {} _ ^ %s",
           "`touch /tmp/pwned` $(x) \\ @ {} _ ^ %s");
    expect(html_write_text, "李娜\r\nx\ty", "李娜  x y");
    expect(html_write_text, "bad \xff", "bad \xEF\xBF\xBD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gnuplot_quotes),
        cmocka_unit_test(test_gnuplot_commands_stay_text),
        cmocka_unit_test(test_gnuplot_tic_percent),
        cmocka_unit_test(test_gnuplot_one_line_valid_utf8),
        cmocka_unit_test(test_html_markup),
        cmocka_unit_test(test_html_plain_and_hostile_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
