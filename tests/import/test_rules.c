/* test_rules.c - the rules module on single rows and on the rows of one case, with the
 * expected problems worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/csv_import.h"
#include "collectkpi/datetime.h"
#include "collectkpi/rejects.h"
#include "collectkpi/rules.h"

typedef struct collected {
    size_t count;
    char text[8][640];
    rules_rule rule[8];
    int64_t id[8];
} collected;

static void collect(void *ctx, const rules_problem *p)
{
    collected *c = ctx;
    if (c->count < 8) {
        snprintf(c->text[c->count], sizeof c->text[0], "%s", p->text);
        c->rule[c->count] = p->rule;
        c->id[c->count] = p->id;
    }
    c->count++;
}

/* fields from texts; NULL is an empty unquoted field */
static void fields_of(const char *const *texts, size_t n, rules_field *fields)
{
    for (size_t i = 0; i < n; i++)
        fields[i] = texts[i] == NULL ? (rules_field){.type = RULES_FIELD_NULL}
                                     : (rules_field){.type = RULES_FIELD_TEXT,
                                                     .text = texts[i],
                                                     .len = strlen(texts[i])};
}

static void good_payment(void **state)
{
    (void)state;
    const char *texts[] = {"42", "7", "2026-02-01 10:00:00", "-5000", "card"};
    rules_field fields[5];
    rules_row row;
    collected c = {0};
    fields_of(texts, 5, fields);
    assert_int_equal(rules_check_row(RULES_PAYMENTS, fields, &row, collect, &c), 0);
    assert_true(row.ok);
    assert_int_equal(row.v[0].num, 42);
    /* 2026-02-01 is day 20485 after 1970-01-01 (56 years incl. 14 leap days = 20454, plus
     * 31 days of January); 10:00:00 adds 36000 s */
    assert_int_equal(row.v[SCHEMA_PAYMENT_PAID_AT].num, INT64_C(20485) * 86400 + 36000);
    assert_int_equal(row.v[SCHEMA_PAYMENT_AMOUNT].num, -5000);
    assert_int_equal(row.v[4].num, 1); /* card is the second method code */
}

static void bad_values(void **state)
{
    (void)state;
    /* contacts: id "07" is 7; case "" is an empty text (not an integer); no agent is fine;
     * 2026-02-29 is no day of 2026; "Call" is not a code; duration -3 is negative */
    const char *texts[] = {"07",     "",     NULL, "2026-02-29 08:00:00", "Call", "inbound",
                           "debtor", "busy", "-3"};
    rules_field fields[9];
    rules_row row;
    collected c = {0};
    fields_of(texts, 9, fields);
    assert_int_equal(rules_check_row(RULES_CONTACTS, fields, &row, collect, &c), 4);
    assert_int_equal(c.count, 4);
    assert_string_equal(c.text[0], "column case_id: \"\" is not an integer");
    assert_string_equal(c.text[1], "column contact_at: \"2026-02-29 08:00:00\" is not a real date");
    assert_string_equal(c.text[2], "column channel: \"Call\" is not one of call, sms, email, "
                                   "letter, visit, im");
    assert_string_equal(c.text[3], "column duration_s: -3 must not be negative");
    assert_int_equal(c.rule[1], RULES_RULE_DATETIME);
    assert_int_equal(c.id[0], 7);
    assert_false(row.ok);
}

static void secret_never_echoed(void **state)
{
    (void)state;
    /* a debtor_ref with a control character and a bad byte: the message names the byte */
    const char *texts[] = {"1",   "C1", "REF\x01\xff", "other", "2026-01-01 00:00:00",
                           "100", "0",  NULL,          NULL};
    rules_field fields[9];
    rules_row row;
    collected c = {0};
    char shown[1200];
    fields_of(texts, 9, fields);
    assert_int_equal(rules_check_row(RULES_CASES, fields, &row, collect, &c), 1);
    assert_string_equal(c.text[0], "column debtor_ref: invalid UTF-8 at byte 5");
    rules_format_row(&row, shown, sizeof shown);
    assert_null(strstr(shown, "REF"));
    assert_non_null(strstr(shown, "debtor_ref=(not shown)"));
}

static void row_together(void **state)
{
    (void)state;
    /* a promise made on 2026-03-10 at 23:59:59 may fall due that day, not the day before */
    const char *same_day[] = {"1", "1", "1", "2026-03-10 23:59:59", "2026-03-10", "100"};
    const char *day_before[] = {"1", "1", "1", "2026-03-10 00:00:00", "2026-03-09", "100"};
    rules_field fields[6];
    rules_row row;
    collected c = {0};
    fields_of(same_day, 6, fields);
    assert_int_equal(rules_check_row(RULES_PROMISES, fields, &row, collect, &c), 0);
    fields_of(day_before, 6, fields);
    assert_int_equal(rules_check_row(RULES_PROMISES, fields, &row, collect, &c), 1);
    assert_string_equal(c.text[0], "column due_on: \"2026-03-09\" is before the day of made_at "
                                   "\"2026-03-10 00:00:00\"");
    /* an assignment that ends when it starts is empty: end_at must be after start_at */
    const char *empty[] = {"1", "1", "1", "2026-03-10 00:00:00", "2026-03-10 00:00:00"};
    fields_of(empty, 5, fields);
    assert_int_equal(rules_check_row(RULES_ASSIGNMENTS, fields, &row, collect, &c), 1);
    assert_int_equal(c.rule[1], RULES_RULE_ASSIGNMENT_ORDER);
}

static void equal_rows(void **state)
{
    (void)state;
    /* "0042" and a database integer 42 are the same id; names compare byte for byte */
    const char *a_texts[] = {"0042", "North"};
    rules_field a_fields[2], b_fields[2] = {{.type = RULES_FIELD_INT, .num = 42},
                                            {.type = RULES_FIELD_TEXT, .text = "North", .len = 5}};
    rules_row a, b;
    fields_of(a_texts, 2, a_fields);
    rules_check_row(RULES_TEAMS, a_fields, &a, NULL, NULL);
    rules_check_row(RULES_TEAMS, b_fields, &b, NULL, NULL);
    assert_true(rules_row_equal(&a, &b));
    b_fields[1].len = 4; /* "Nort" */
    rules_check_row(RULES_TEAMS, b_fields, &b, NULL, NULL);
    assert_false(rules_row_equal(&a, &b));
    assert_false(rules_value_equal(&a, &b, 1));
}

static int64_t ts(const char *text)
{
    int64_t s = 0;
    assert_true(datetime_parse_ts(text, strlen(text), &s));
    return s;
}

static void balance(void **state)
{
    (void)state;
    rules_group g;
    collected c = {0};
    rules_group_init(&g, RULES_PAYMENTS);
    /* case 5: +100 and -100 at the same moment are counted credit first (sum 0, fine);
     * then -1 takes it to -1: blamed. A later +10 keeps the sum at 10 since the -1 is left
     * out. Case 6: -5 on its own is blamed. */
    rules_item items[] = {
        {.id = 1, .case_id = 5, .at = ts("2026-01-02 00:00:00"), .value = -100},
        {.id = 2, .case_id = 5, .at = ts("2026-01-02 00:00:00"), .value = 100},
        {.id = 3, .case_id = 5, .at = ts("2026-01-03 00:00:00"), .value = -1},
        {.id = 4, .case_id = 5, .at = ts("2026-01-04 00:00:00"), .value = 10},
        {.id = 5, .case_id = 6, .at = ts("2026-01-01 00:00:00"), .value = -5},
    };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(rules_group_add(&g, &items[i], collect, &c), CK_OK);
    rules_group_finish(&g, collect, &c);
    assert_int_equal(c.count, 2);
    assert_int_equal(c.id[0], 3);
    assert_string_equal(c.text[0], "column amount: -1 takes the payments of case 5 below zero "
                                   "(to -1 at \"2026-01-03 00:00:00\")");
    assert_int_equal(c.id[1], 5);

    /* a stored +100 and a stored -100 a month later; a new -60 in between is what breaks
     * the stored reversal (100 - 60 - 100 = -60): the new row is blamed */
    collected d = {0};
    rules_item fixed[] = {
        {.id = 10, .case_id = 7, .at = ts("2026-01-01 00:00:00"), .value = 100, .fixed = true},
        {.id = 11, .case_id = 7, .at = ts("2026-01-15 00:00:00"), .value = -60},
        {.id = 12, .case_id = 7, .at = ts("2026-02-01 00:00:00"), .value = -100, .fixed = true},
    };
    for (size_t i = 0; i < 3; i++)
        rules_group_add(&g, &fixed[i], collect, &d);
    rules_group_finish(&g, collect, &d);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.id[0], 11);
    rules_group_free(&g);
}

static void overlaps(void **state)
{
    (void)state;
    rules_group g;
    collected c = {0};
    rules_group_init(&g, RULES_ASSIGNMENTS);
    /* stored [01, 05); new [03, 08) overlaps it; new [05, 09) only touches it (fine); new
     * [10, open) fine; new [12, 13) overlaps the open one; new [00, 02) starts before the
     * stored one and runs into it */
    rules_item items[] = {
        {.id = 1,
         .case_id = 1,
         .at = ts("2026-01-01 00:00:00"),
         .value = ts("2026-01-05 00:00:00"),
         .fixed = true},
        {.id = 2,
         .case_id = 1,
         .at = ts("2026-01-03 00:00:00"),
         .value = ts("2026-01-08 00:00:00")},
        {.id = 3,
         .case_id = 1,
         .at = ts("2026-01-05 00:00:00"),
         .value = ts("2026-01-09 00:00:00")},
        {.id = 4, .case_id = 1, .at = ts("2026-01-10 00:00:00"), .value = INT64_MAX},
        {.id = 5,
         .case_id = 1,
         .at = ts("2026-01-12 00:00:00"),
         .value = ts("2026-01-13 00:00:00")},
        {.id = 6,
         .case_id = 1,
         .at = ts("2025-12-31 00:00:00"),
         .value = ts("2026-01-02 00:00:00")},
    };
    for (size_t i = 0; i < 6; i++)
        rules_group_add(&g, &items[i], collect, &c);
    rules_group_finish(&g, collect, &c);
    assert_int_equal(c.count, 3);
    /* in start order: 6 (runs into stored 1), 2 (overlaps stored 1), 5 (inside open 4) */
    assert_int_equal(c.id[0], 6);
    assert_string_equal(c.text[0], "assignment 6 overlaps assignment 1 of case 1 (from "
                                   "\"2026-01-01 00:00:00\" to \"2026-01-05 00:00:00\")");
    assert_int_equal(c.id[1], 2);
    assert_int_equal(c.id[2], 5);
    assert_string_equal(c.text[2], "assignment 5 overlaps assignment 4 of case 1 (from "
                                   "\"2026-01-10 00:00:00\", still open)");
    rules_group_free(&g);
}

static void names(void **state)
{
    (void)state;
    assert_int_equal(rules_table_find("payments", 8), RULES_PAYMENTS);
    assert_int_equal(rules_table_find("payment", 7), -1);
    assert_int_equal(rules_column_find(RULES_CASES, "closed_at", 9), SCHEMA_CASE_CLOSED_AT);
    assert_int_equal(csv_import_table_of("in/payments-2026-10.csv"), RULES_PAYMENTS);
    assert_int_equal(csv_import_table_of("PAYMENTS_oct.CSV"), RULES_PAYMENTS);
    assert_int_equal(csv_import_table_of("cases.csv"), RULES_CASES);
    assert_int_equal(csv_import_table_of("casesx.csv"), -1);
    assert_int_equal(csv_import_table_of("payments/other.csv"), -1);
    char path[64];
    rejects_path_for("out/bad.csv", RULES_PAYMENTS, true, path, sizeof path);
    assert_string_equal(path, "out/bad-payments.csv");
    rejects_path_for("out.d/bad", RULES_CASES, true, path, sizeof path);
    assert_string_equal(path, "out.d/bad-cases");
    rejects_path_for("out/bad.csv", RULES_CASES, false, path, sizeof path);
    assert_string_equal(path, "out/bad.csv");
    char quoted[RULES_QUOTED_SIZE];
    rules_quote_value("a\"b\\\x01", 5, quoted);
    assert_string_equal(quoted, "\"a\\\"b\\\\\\x01\"");
}

/* What the link rules assume of schema_tables: a reference points at teams, agents or cases
 * (rules_state keeps ids for those three only), and a unique code column is required TEXT
 * of teams, agents or cases (rules_state keeps their codes). */
static void schema_fits_the_link_rules(void **state)
{
    (void)state;
    int references = 0, uniques = 0;
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        const schema_table *table = &schema_tables[t];
        for (size_t c = 0; c < table->column_count; c++)
            if (table->columns[c].type == SCHEMA_REF) {
                assert_true(table->columns[c].references <= SCHEMA_CASES);
                references++;
            }
        if (table->unique_column >= 0) {
            assert_true(t <= RULES_CASES);
            assert_int_equal(table->columns[table->unique_column].type, SCHEMA_TEXT);
            assert_false(table->columns[table->unique_column].nullable);
            uniques++;
        }
    }
    /* agents.team_id; case_id in assignments, contacts, promises, payments, complaints,
     * surveys (6); agent_id in the same less payments (5): 1 + 6 + 5 = 12. Unique: teams.name,
     * agents.employee_no, cases.case_no = 3. */
    assert_int_equal(references, 12);
    assert_int_equal(uniques, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schema_fits_the_link_rules),
        cmocka_unit_test(good_payment),
        cmocka_unit_test(bad_values),
        cmocka_unit_test(secret_never_echoed),
        cmocka_unit_test(row_together),
        cmocka_unit_test(equal_rows),
        cmocka_unit_test(balance),
        cmocka_unit_test(overlaps),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
