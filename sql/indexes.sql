-- Indexes the KPI engine's queries use. `collectkpi init` creates them with the schema;
-- `collectkpi demo` creates them after the bulk load (faster than maintaining them row by row),
-- but for contacts_by_time, whose order is the order the contacts are written in.
-- Each one is named for what it serves; db.c checks for them by table and leading column and
-- says once on stderr when one is missing (the figures stay right, only slower).
-- assignments_by_case carries assignment_id (the order of a case's rows: start_at, then id)
-- and end_at, so that import's and check's rules over a case's assignments (id, start_at,
-- end_at in case order) read the index alone instead of seeking every row in the table.
CREATE INDEX IF NOT EXISTS assignments_by_case ON assignments (case_id, start_at, assignment_id, end_at);
CREATE INDEX IF NOT EXISTS assignments_by_end ON assignments (end_at, start_at, case_id, agent_id);
-- contacts_by_time ends with case_id so that the compliance check's read of a month and its
-- look-back (contact_id, case_id, agent_id and the codes, by time) is covering: it never
-- visits the table. kpi's per-agent counts read only its leading columns.
CREATE INDEX IF NOT EXISTS contacts_by_time ON contacts (contact_at, agent_id, channel, direction, party, outcome, case_id);
CREATE INDEX IF NOT EXISTS payments_by_time ON payments (paid_at, case_id, amount);
CREATE INDEX IF NOT EXISTS payments_by_case ON payments (case_id, paid_at, amount);
CREATE INDEX IF NOT EXISTS promises_by_due ON promises (due_on);
CREATE INDEX IF NOT EXISTS promises_by_made ON promises (made_at);
CREATE INDEX IF NOT EXISTS cases_by_close ON cases (closed_at);
CREATE INDEX IF NOT EXISTS complaints_by_time ON complaints (received_at);
CREATE INDEX IF NOT EXISTS surveys_by_time ON surveys (surveyed_at);
