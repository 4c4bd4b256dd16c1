#!/usr/bin/python3
"""writer.py DB MODE STOP: commit to DB every 20 ms until the file STOP exists.

MODE other: insert a row into a table of its own, which no figure reads.
MODE flip:  in one transaction, add (or, the next time, remove again) a payment and a
            contact of October 2026 of case 1: a reader that saw one without the other
            would print figures of neither state."""
import os
import sqlite3
import sys
import time

db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
mode, stop = sys.argv[2], sys.argv[3]
db.execute("CREATE TABLE IF NOT EXISTS writer_log (n INTEGER)")
present = False
n = 0
while not os.path.exists(stop):
    db.execute("BEGIN IMMEDIATE")
    if mode == "other":
        db.execute("INSERT INTO writer_log VALUES (?)", (n,))
    elif not present:
        db.execute("INSERT INTO payments VALUES (900000001, 1, '2026-10-15 12:00:00', 777, 'cash')")
        db.execute("INSERT INTO contacts VALUES (900000001, 1, (SELECT agent_id FROM assignments"
                   " WHERE case_id = 1 ORDER BY start_at DESC LIMIT 1), '2026-10-15 11:00:00',"
                   " 'call', 'outbound', 'debtor', 'contacted', 60)")
    else:
        db.execute("DELETE FROM payments WHERE payment_id = 900000001")
        db.execute("DELETE FROM contacts WHERE contact_id = 900000001")
    db.execute("COMMIT")
    present = not present if mode == "flip" else present
    n += 1
    time.sleep(0.02)
print(n)
