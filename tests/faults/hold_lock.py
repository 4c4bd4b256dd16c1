#!/usr/bin/python3
"""hold_lock.py DB READY RELEASE: take an exclusive lock on DB (no one may read or write),
create the file READY, and keep the lock until the file RELEASE exists; then commit a
change of a table of its own (the contract's tables stay as they were) and exit."""
import os
import sqlite3
import sys
import time

db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("CREATE TABLE IF NOT EXISTS lock_holder (at INTEGER)")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT INTO lock_holder VALUES (1)")
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.02)
db.execute("COMMIT")
db.close()
