/* test_report_team_colours.c - the one list of team colours the charts (as "#rrggbb") and the
 * workbook (as 0xRRGGBB) draw with (report_charts.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/report_charts.h"

/* The first three are Tol's muted teal, rose and indigo: "#44aa99" = 0x44AA99,
 * "#cc6677" = 0xCC6677, "#332288" = 0x332288. */
static void test_first_colours(void **state)
{
    (void)state;
    assert_string_equal(report_team_colour(0), "#44aa99");
    assert_string_equal(report_team_colour(1), "#cc6677");
    assert_string_equal(report_team_colour(2), "#332288");
    assert_int_equal(report_team_rgb(0), 0x44AA99);
    assert_int_equal(report_team_rgb(1), 0xCC6677);
    assert_int_equal(report_team_rgb(2), 0x332288);
}

/* Both forms name the same colour for every index; each is "#" and six lower-case hex digits
 * and no two teams in a row of REPORT_TEAM_COLOURS share one. */
static void test_two_forms_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < REPORT_TEAM_COLOURS; i++) {
        const char *text = report_team_colour(i);
        assert_int_equal(strlen(text), 7);
        assert_int_equal(text[0], '#');
        assert_int_equal(strspn(text + 1, "0123456789abcdef"), 6);
        uint32_t rgb = report_team_rgb(i);
        assert_int_equal((rgb >> 16) & 0xFF,
                         (uint32_t)strtoul((char[]){text[1], text[2], 0}, NULL, 16));
        assert_int_equal(rgb & 0xFF, (uint32_t)strtoul((char[]){text[5], text[6], 0}, NULL, 16));
        for (size_t j = 0; j < i; j++)
            assert_true(report_team_rgb(j) != rgb);
    }
}

/* Past the last colour they repeat: team 9 has team 0's colour, team 10 team 1's. */
static void test_colours_repeat(void **state)
{
    (void)state;
    assert_string_equal(report_team_colour(REPORT_TEAM_COLOURS), report_team_colour(0));
    assert_int_equal(report_team_rgb(REPORT_TEAM_COLOURS + 1), report_team_rgb(1));
    assert_int_equal(report_team_rgb(9), 0x44AA99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_colours),
        cmocka_unit_test(test_two_forms_agree),
        cmocka_unit_test(test_colours_repeat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
