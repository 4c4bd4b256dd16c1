#!/usr/bin/python3
"""make_hot_journal.py DB: leave DB the way a writer killed in the middle of its transaction
leaves it -- changed pages already in the file, their old content in a hot DB-journal --
by changing every payment with a one-page cache (so the pages spill into the file) and
exiting without commit or close."""
import os
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size = 1")
db.execute("PRAGMA synchronous = OFF")  # no fsync per spilled page: the test stays fast
db.execute("BEGIN")
db.execute("UPDATE payments SET amount = amount + 1")
os._exit(9)  # like kill -9: no rollback, no unlock, the journal stays
