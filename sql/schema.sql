-- collectkpi case database: the contract of ../shared/spec/data-model.md.
-- Tables and columns are exactly the contract's; the indexes after them are the ones the
-- KPI engine's queries use (a database without them still works, only slower).
-- Timestamps are 'YYYY-MM-DD HH:MM:SS' text, dates 'YYYY-MM-DD'; the GLOB checks pin the
-- shape, the rules module (collectkpi check) checks that the date is real.

CREATE TABLE teams (
    team_id INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE
);

CREATE TABLE agents (
    agent_id    INTEGER PRIMARY KEY,
    employee_no TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    team_id     INTEGER NOT NULL REFERENCES teams (team_id),
    hired_on    TEXT NOT NULL CHECK (hired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    left_on     TEXT CHECK (left_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

CREATE TABLE cases (
    case_id          INTEGER PRIMARY KEY,
    case_no          TEXT NOT NULL UNIQUE,
    debtor_ref       TEXT NOT NULL,
    product          TEXT NOT NULL CHECK (product IN ('credit_card', 'consumer_loan', 'auto_loan', 'mortgage', 'other')),
    placed_at        TEXT NOT NULL CHECK (placed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    placed_balance   INTEGER NOT NULL CHECK (placed_balance > 0),
    dpd_at_placement INTEGER NOT NULL CHECK (dpd_at_placement >= 0),
    closed_at        TEXT CHECK (closed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    close_reason     TEXT CHECK (close_reason IN ('paid_in_full', 'settled', 'plan_completed', 'recalled', 'legal', 'written_off', 'deceased', 'bankrupt')),
    CHECK ((closed_at IS NULL) = (close_reason IS NULL))
);

CREATE TABLE assignments (
    assignment_id INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (case_id),
    agent_id      INTEGER NOT NULL REFERENCES agents (agent_id),
    start_at      TEXT NOT NULL CHECK (start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    end_at        TEXT CHECK (end_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]')
);

CREATE TABLE contacts (
    contact_id INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (case_id),
    agent_id   INTEGER REFERENCES agents (agent_id),
    contact_at TEXT NOT NULL CHECK (contact_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    channel    TEXT NOT NULL CHECK (channel IN ('call', 'sms', 'email', 'letter', 'visit', 'im')),
    direction  TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    party      TEXT NOT NULL CHECK (party IN ('debtor', 'third_party', 'none')),
    outcome    TEXT NOT NULL CHECK (outcome IN ('no_answer', 'busy', 'invalid_number', 'voicemail', 'contacted', 'promise', 'refusal', 'dispute', 'callback_requested')),
    duration_s INTEGER NOT NULL DEFAULT 0 CHECK (duration_s >= 0)
);

CREATE TABLE promises (
    promise_id INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (case_id),
    agent_id   INTEGER NOT NULL REFERENCES agents (agent_id),
    made_at    TEXT NOT NULL CHECK (made_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    due_on     TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount     INTEGER NOT NULL CHECK (amount > 0)
);

CREATE TABLE payments (
    payment_id INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (case_id),
    paid_at    TEXT NOT NULL CHECK (paid_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    amount     INTEGER NOT NULL CHECK (amount <> 0),
    method     TEXT NOT NULL CHECK (method IN ('bank_transfer', 'card', 'cash', 'alipay', 'wechat_pay', 'other'))
);

CREATE TABLE complaints (
    complaint_id  INTEGER PRIMARY KEY,
    case_id       INTEGER REFERENCES cases (case_id),
    agent_id      INTEGER REFERENCES agents (agent_id),
    received_at   TEXT NOT NULL CHECK (received_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    source        TEXT NOT NULL CHECK (source IN ('debtor', 'third_party', 'creditor', 'regulator')),
    category      TEXT NOT NULL CHECK (category IN ('harassment', 'abusive_language', 'threat', 'third_party_disclosure', 'privacy', 'misrepresentation', 'out_of_hours', 'debt_dispute', 'fees', 'service', 'other')),
    substantiated INTEGER CHECK (substantiated IN (0, 1)),
    resolved_at   TEXT CHECK (resolved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]')
);

CREATE TABLE surveys (
    survey_id   INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (case_id),
    agent_id    INTEGER NOT NULL REFERENCES agents (agent_id),
    surveyed_at TEXT NOT NULL CHECK (surveyed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5)
);
