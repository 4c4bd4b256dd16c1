#!/usr/bin/python3
"""random_db.py - a small random case database for the multi-month test (months.sh).

usage: random_db.py DB SEED

DB already holds the contract's tables (`collectkpi init DB`). The rows lie from 2025-07 to
2026-08 and crowd the edges a run of months must get right: timestamps on the first second
of a month and the last second before it, assignments that end exactly when a month starts
(a closure then is credited to them) or run open, a case handed back and forth between two
agents, payments long before the months asked for and reversals (negative amounts),
promises made months before they fall due and due on a month's first or last day, contacts
and complaints without an agent.
"""
import datetime
import random
import sqlite3
import sys

db_path, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
db = sqlite3.connect(db_path)

START = datetime.datetime(2025, 7, 1)
END = datetime.datetime(2026, 9, 1)
MONTH_STARTS = [datetime.datetime(2025 + (6 + k) // 12, (6 + k) % 12 + 1, 1) for k in range(15)]


def ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def some_time(lo=START, hi=END):
    """A time in [lo, hi): one time in three on or just before a month's start."""
    edges = [m for m in MONTH_STARTS if lo <= m < hi]
    r = rng.random()
    if edges and r < 0.2:
        return rng.choice(edges)
    if edges and r < 0.33:
        t = rng.choice(edges) - datetime.timedelta(seconds=1)
        if t >= lo:
            return t
    span = int((hi - lo).total_seconds())
    return lo + datetime.timedelta(seconds=rng.randrange(max(span, 1)))


def some_day(lo=START, hi=END):
    """A date: often the first or last day of a month."""
    r = rng.random()
    if r < 0.3:
        return rng.choice(MONTH_STARTS[1:-1]).date() - datetime.timedelta(days=rng.choice([0, 1]))
    return some_time(lo, hi).date()


team_count = rng.randint(1, 3)
agent_count = rng.randint(2, 7)
case_count = rng.randint(5, 60)
for t in range(1, team_count + 1):
    db.execute("INSERT INTO teams VALUES (?, ?)", (t, "Team %d" % t))
for a in range(1, agent_count + 1):
    left = None if rng.random() < 0.8 else str(some_day())
    db.execute("INSERT INTO agents VALUES (?, ?, ?, ?, ?, ?)",
               (a, "E%03d" % a, "Agent %d" % a, rng.randint(1, team_count), "2020-01-0%d" % rng.randint(1, 9), left))

reasons = ["paid_in_full", "settled", "plan_completed", "recalled", "legal", "written_off", "deceased", "bankrupt"]
for c in range(1, case_count + 1):
    placed = some_time(START, datetime.datetime(2026, 6, 1))
    closed = None
    reason = None
    if rng.random() < 0.4:
        closed = some_time(placed + datetime.timedelta(seconds=1), END)
        reason = rng.choice(reasons)
    db.execute("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (c, "C%05d" % c, "D%d" % c, "credit_card", ts(placed), rng.randint(1, 500000),
                rng.randint(0, 400), ts(closed) if closed else None, reason))
    # back-to-back or gapped spells, one of two agents often, the last one sometimes open
    t = placed
    agents = [rng.randint(1, agent_count), rng.randint(1, agent_count)]
    for k in range(rng.randint(0, 5)):
        if t >= END:
            break
        start = t if rng.random() < 0.5 else some_time(t, END)
        end = some_time(start + datetime.timedelta(seconds=1), END + datetime.timedelta(days=40))
        if closed is not None and rng.random() < 0.5 and closed > start:
            end = closed  # the closure on the spell's last second (start < closed <= end)
        open_spell = rng.random() < 0.25
        db.execute("INSERT INTO assignments (case_id, agent_id, start_at, end_at) VALUES (?, ?, ?, ?)",
                   (c, rng.choice(agents), ts(start), None if open_spell else ts(end)))
        if open_spell:
            break
        t = end
    for k in range(rng.randint(0, 8)):
        amount = rng.randint(1, 90000) * (-1 if rng.random() < 0.1 else 1)
        db.execute("INSERT INTO payments (case_id, paid_at, amount, method) VALUES (?, ?, ?, 'card')",
                   (c, ts(some_time(START, END)), amount))
    for k in range(rng.randint(0, 4)):
        made = some_time(START, END)
        due = some_day(made, END + datetime.timedelta(days=60))
        if due < made.date():
            due = made.date()
        db.execute("INSERT INTO promises (case_id, agent_id, made_at, due_on, amount) VALUES (?, ?, ?, ?, ?)",
                   (c, rng.randint(1, agent_count), ts(made), str(due), rng.randint(1, 60000)))
    channels = ["call", "sms", "email", "visit"]
    outcomes = ["no_answer", "contacted", "promise", "refusal", "dispute", "callback_requested", "voicemail"]
    for k in range(rng.randint(0, 30)):
        agent = None if rng.random() < 0.1 else rng.randint(1, agent_count)
        db.execute("INSERT INTO contacts (case_id, agent_id, contact_at, channel, direction, party, outcome)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (c, agent, ts(some_time()), rng.choice(channels), rng.choice(["outbound", "inbound"]),
                    rng.choice(["debtor", "third_party", "none"]), rng.choice(outcomes)))
    if rng.random() < 0.3:
        received = some_time()
        resolved = some_time(received, END + datetime.timedelta(days=30)) if rng.random() < 0.6 else None
        db.execute("INSERT INTO complaints (case_id, agent_id, received_at, source, category, substantiated,"
                   " resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (c if rng.random() < 0.8 else None, None if rng.random() < 0.2 else rng.randint(1, agent_count),
                    ts(received), rng.choice(["debtor", "regulator"]), rng.choice(["harassment", "threat", "fees"]),
                    rng.choice([None, 0, 1]), ts(resolved) if resolved else None))
    if rng.random() < 0.4:
        db.execute("INSERT INTO surveys (case_id, agent_id, surveyed_at, score) VALUES (?, ?, ?, ?)",
                   (c, rng.randint(1, agent_count), ts(some_time()), rng.randint(1, 5)))
db.commit()
db.close()
