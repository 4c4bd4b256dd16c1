/* test_utf8.c - the one rule for bad text in outputs (U+FFFD) and the terminal escapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "collectkpi/utf8.h"

/* "A", a NUL, 0xFF (never UTF-8), "B", a cut 3-byte sequence (E5 8C without its last byte)
 * -> "A" U+FFFD U+FFFD "B" U+FFFD U+FFFD: each bad byte is one U+FFFD (EF BF BD). */
static void test_replacing(void **state)
{
    (void)state;
    char *out = utf8_dup_replacing("A\0\xFF"
                                   "B\xE5\x8C",
                                   6);
    assert_non_null(out);
    assert_string_equal(out, "A\xEF\xBF\xBD\xEF\xBF\xBD"
                             "B\xEF\xBF\xBD\xEF\xBF\xBD");
    free(out);
    /* valid text, CJK included, is copied unchanged */
    out = utf8_dup_replacing("\xE5\x8C\x97 x", 5);
    assert_string_equal(out, "\xE5\x8C\x97 x");
    free(out);
}

/* ESC [ 3 1 m -> "\x1B[31m" (4 characters for ESC), CR -> \x0D, DEL -> \x7F,
 * U+009B (C2 9B, the C1 CSI) -> \u009B, a lone 0xFF -> U+FFFD, tab -> \x09. */
static void test_terminal(void **state)
{
    (void)state;
    char *out = utf8_dup_for_terminal("\x1B[31mR\rx\x7F\xC2\x9B\xFF\t\xE5\x8C\x97");
    assert_non_null(out);
    assert_string_equal(out, "\\x1B[31mR\\x0Dx\\x7F\\u009B\xEF\xBF\xBD\\x09\xE5\x8C\x97");
    free(out);
}

/* A buffer of 7 bytes holds "ab" and the 4-byte escape of ESC (6 bytes + NUL), not a part
 * of the next escape; a buffer of 6 stops before the escape. */
static void test_terminal_truncates_whole(void **state)
{
    (void)state;
    char buf[7];
    assert_int_equal(utf8_escape_terminal("ab\x1B\x1B", buf, sizeof buf), 6);
    assert_string_equal(buf, "ab\\x1B");
    assert_int_equal(utf8_escape_terminal("ab\x1B\x1B", buf, 6), 2);
    assert_string_equal(buf, "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replacing),
        cmocka_unit_test(test_terminal),
        cmocka_unit_test(test_terminal_truncates_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
