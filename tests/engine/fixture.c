/* fixture.c - see fixture.h. */
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/db.h"

sqlite3 *fixture_open(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_diag diag = {{0}};
    assert_int_equal(db_exec_script(db, db_schema_sql, &diag), CK_OK);
    assert_int_equal(db_exec_script(db, db_indexes_sql, &diag), CK_OK);
    return db;
}

void fixture_exec(sqlite3 *db, const char *sql)
{
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    if (rc != SQLITE_OK)
        fail_msg("fixture SQL failed: %s", message ? message : "?");
}

void fixture_people(sqlite3 *db)
{
    fixture_exec(db, "INSERT INTO teams VALUES (1, 'Alpha'), (2, 'Beta');"
                     "INSERT INTO agents VALUES"
                     " (1, 'A001', 'Ann', 1, '2025-01-01', NULL),"
                     " (2, 'A002', 'Bob', 1, '2025-01-01', NULL),"
                     " (3, 'B001', 'Cai', 2, '2025-01-01', NULL);");
}

kpi_result *fixture_run_settings(sqlite3 *db, const char *month, const char *as_of,
                                 const settings *s)
{
    engine_request req;
    memset(&req, 0, sizeof req);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text(month, &req.period, &diag), CK_OK);
    req.settings = *s;
    req.want_lists = true;
    if (as_of != NULL) {
        req.has_as_of = true;
        assert_true(datetime_parse_ts(as_of, strlen(as_of), &req.as_of));
    }
    kpi_result *r = NULL;
    ck_error err = engine_run(db, &req, &r, &diag);
    if (err != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    return r;
}

kpi_result *fixture_run(sqlite3 *db, const char *month, const char *as_of)
{
    settings s;
    settings_defaults(&s);
    return fixture_run_settings(db, month, as_of, &s);
}

kpi_promise fixture_promise(const kpi_result *r, size_t index)
{
    kpi_promise promise;
    ck_diag diag = {{0}};
    if (index >= r->promise_count)
        fail_msg("no promise %zu: the list has %zu", index, r->promise_count);
    if (kpi_result_promise(r, index, &promise, &diag) != CK_OK)
        fail_msg("promise %zu: %s", index, diag.text);
    return promise;
}

kpi_breach fixture_breach(const kpi_result *r, size_t index)
{
    kpi_breach breach;
    ck_diag diag = {{0}};
    if (index >= r->breach_count)
        fail_msg("no breach %zu: the list has %zu", index, r->breach_count);
    if (kpi_result_breach(r, index, &breach, &diag) != CK_OK)
        fail_msg("breach %zu: %s", index, diag.text);
    return breach;
}

const kpi_agent *fixture_agent(const kpi_result *r, const char *employee_no)
{
    for (size_t i = 0; i < r->agent_count; i++)
        if (strcmp(r->agents[i].employee_no, employee_no) == 0)
            return &r->agents[i];
    return NULL;
}
