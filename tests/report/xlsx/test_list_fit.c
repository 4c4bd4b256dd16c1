/* test_list_fit.c - how many rows of a list a sheet shows (xlsx_list_fit). A sheet's rows are
 * 0 .. 1,048,575 (LXW_ROW_MAX = 1,048,576, libxlsxwriter counts from 0). A list that fits
 * shows every row; one that does not shows as many as leave the last row, 1,048,575, free
 * for the note that says how many were left out. rowlimit.sh writes such a workbook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "xlsx_internal.h"

static void fits_whole(void **state)
{
    (void)state;
    assert_int_equal(xlsx_list_fit(10, 0), 0);     /* an empty list */
    assert_int_equal(xlsx_list_fit(10, 100), 100); /* rows 10 .. 109 */
    /* rows 1,048,571 .. 1,048,575: the list ends on the sheet's last row, no note */
    assert_int_equal(xlsx_list_fit(1048571, 5), 5);
    /* the first list row the sheet's last: room for that one row */
    assert_int_equal(xlsx_list_fit(1048575, 1), 1);
}

static void stops_above_the_last_row(void **state)
{
    (void)state;
    /* 6 rows from 1,048,571: 1,048,571 .. 1,048,574 shown (4), the note on 1,048,575 */
    assert_int_equal(xlsx_list_fit(1048571, 6), 4);
    /* a million and a half rows from row 12: 12 .. 1,048,574 shown, 1,048,563 rows */
    assert_int_equal(xlsx_list_fit(12, 1500000), 1048563);
    /* 2 rows from the last row: only the note fits */
    assert_int_equal(xlsx_list_fit(1048575, 2), 0);
    /* a list that would start below the sheet: nothing shown */
    assert_int_equal(xlsx_list_fit(LXW_ROW_MAX, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fits_whole),
        cmocka_unit_test(stops_above_the_last_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
