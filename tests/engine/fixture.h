/* fixture.h - tiny hand-built case databases for the unit tests. */
#ifndef COLLECTKPI_TEST_FIXTURE_H
#define COLLECTKPI_TEST_FIXTURE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "collectkpi/engine.h"

/* An in-memory database with the contract schema and indexes; fails the test on error. */
sqlite3 *fixture_open(void);
/* Runs SQL (several statements) and fails the test on error. */
void fixture_exec(sqlite3 *db, const char *sql);
/* Two teams and three agents used by most tests:
 *   team 1 'Alpha': agent 1 'A001' Ann, agent 2 'A002' Bob; team 2 'Beta': agent 3 'B001' Cai */
void fixture_people(sqlite3 *db);
/* Runs the engine for a calendar month with default settings (lists on). as_of NULL =
 * the data cut-off. Fails the test on error. */
kpi_result *fixture_run(sqlite3 *db, const char *month, const char *as_of);
kpi_result *fixture_run_settings(sqlite3 *db, const char *month, const char *as_of,
                                 const settings *s);
/* The agent row of employee_no, or NULL when the agent has no row. */
const kpi_agent *fixture_agent(const kpi_result *r, const char *employee_no);
/* Promise `index` of the result's list; fails the test when it cannot be read. */
kpi_promise fixture_promise(const kpi_result *r, size_t index);
/* Breach `index` of the result's list; fails the test when it cannot be read. */
kpi_breach fixture_breach(const kpi_result *r, size_t index);

#endif
