#!/usr/bin/env bash
# injection.sh - names from the data reach a terminal, a spreadsheet or a JSON reader
# unharmed and harmless: control characters are escapes on every terminal output (tables and
# error lines), CSV texts that a spreadsheet would run as a formula get a leading ' (not
# with --raw, never in numeric columns), and a name that is not UTF-8 or holds a NUL byte is
# shown with U+FFFD in every format (never dropped, cut or refused), while check reports it.
. "$(dirname "$0")/../import/lib.sh"

ESC=$'\e'
# ESC, OSC (ESC ] ... BEL), CR, backspace, a newline and a C1 CSI (U+009B) in names; texts
# that start like formulas; an invalid byte and a NUL in two more names.
"$COLLECTKPI" init i.db >/dev/null || fail "init"
sqlite3 i.db "PRAGMA ignore_check_constraints = 1;
INSERT INTO teams VALUES (1, '+SUM(1)'), (2, 'Plain');
INSERT INTO agents VALUES
 (1, '=cmd|'' /C calc''!A0', 'Red' || char(27) || '[31m' || char(27) || ']0;pwned' || char(7) || 'x', 1, '2025-01-01', NULL),
 (2, '@E2', 'Over' || char(13) || 'write' || char(8) || char(10) || 'line' || char(155) || 'z', 1, '2025-01-01', NULL),
 (3, '-E3', CAST(x'426164FF6E616D65' AS TEXT), 2, '2025-01-01', NULL),
 (4, 'E4', CAST(x'4E756C00427974' AS TEXT), 2, '2025-01-01', NULL);
INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 100000, 0, NULL, NULL),
 (2, 'C2', 'SECRET-REF-2', 'other', '2026-01-01 00:00:00', 100000, 0, NULL, NULL),
 (3, 'C3', 'SECRET-REF-3', 'other', '2026-01-01 00:00:00', 100000, 0, NULL, NULL),
 (4, 'C4', 'SECRET-REF-4', 'other', '2026-01-01 00:00:00', 100000, 0, NULL, NULL);
INSERT INTO assignments VALUES (1, 1, 1, '2026-01-01 00:00:00', NULL), (2, 2, 2, '2026-01-01 00:00:00', NULL),
 (3, 3, 3, '2026-01-01 00:00:00', NULL), (4, 4, 4, '2026-01-01 00:00:00', NULL);
INSERT INTO payments VALUES (1, 1, '2026-10-02 00:00:00', -500, 'cash');" || fail "sqlite3"

# no control byte but the line ends reaches the terminal; one line per row
raw_controls() { LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$1"; }
for cmd in "kpi i.db --month 2026-10" "kpi i.db --month 2026-10 --by team" "compliance i.db --month 2026-10"; do
    # shellcheck disable=SC2086
    expect_exit 0 "$COLLECTKPI" $cmd
    [ "$(raw_controls "$WORK/out")" = 0 ] || fail "$cmd: raw control characters: $(od -c "$WORK/out" | head)"
done
expect_exit 0 "$COLLECTKPI" kpi i.db --month 2026-10
# four agents, four lines that start with their team (a newline in a name made a fifth)
[ "$(grep -c '^\(Plain\|+SUM(1)\) ' "$WORK/out")" = 4 ] && [ "$(grep -vc '^\(Plain\|+SUM(1)\|Period\|Note:\|Team\) ' "$WORK/out")" = 0 ] ||
    fail "kpi table: a name broke the lines: $(cat "$WORK/out")"
grep -qF 'Red\x1B[31m\x1B]0;pwned\x07x' "$WORK/out" || fail "kpi table: ESC/OSC not shown as escapes: $(cat "$WORK/out")"
grep -qF 'Over\x0Dwrite\x08\x0Aline\u009Bz' "$WORK/out" || fail "kpi table: CR/BS/LF/CSI not shown as escapes"
grep -qF $'Bad\xef\xbf\xbdname' "$WORK/out" || fail "kpi table: invalid byte not U+FFFD"
grep -qF $'Nul\xef\xbf\xbdByt' "$WORK/out" || fail "kpi table: NUL not U+FFFD"

# CSV: the formula guard on text columns only; the refund's -5.00 stays a number
expect_exit 0 "$COLLECTKPI" kpi i.db --month 2026-10 --format csv
grep -qF "\"'=cmd|' /C calc'!A0\"" "$WORK/out" || fail "csv: employee_no not guarded: $(cat "$WORK/out")"
grep -qF "\"'+SUM(1)\"" "$WORK/out" || fail "csv: team not guarded"
grep -qF "\"'@E2\"" "$WORK/out" || fail "csv: @ not guarded"
grep -qF "\"'-E3\"" "$WORK/out" || fail "csv: - not guarded"
grep -q ",-5.00," "$WORK/out" || fail "csv: the negative collected was touched: $(cat "$WORK/out")"
grep -qF $'Bad\xef\xbf\xbdname' "$WORK/out" || fail "csv: invalid byte not U+FFFD"
cp "$WORK/out" guarded.csv
expect_exit 0 "$COLLECTKPI" kpi i.db --month 2026-10 --format csv --raw
grep -qF ",=cmd|' /C calc'!A0," "$WORK/out" || fail "csv --raw: text changed: $(cat "$WORK/out")"
grep -qF "'" <(grep -v "calc" "$WORK/out") && fail "csv --raw: a guard quote was added"
expect_exit 0 "$COLLECTKPI" compliance i.db --month 2026-10 --format csv --by breach
expect_exit 0 "$COLLECTKPI" kpi i.db --month 2026-10 --format csv --by team
grep -qF "\"'+SUM(1)\"" "$WORK/out" || fail "csv by team: not guarded"

# JSON: every agent keeps its name (jansson refused invalid UTF-8: the key was dropped)
expect_exit 0 "$COLLECTKPI" kpi i.db --month 2026-10 --format json
/usr/bin/python3 - "$WORK/out" <<'PY' || fail "json: $(cat "$WORK/out")"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
names = [r["agent_name"] for r in rows]
assert "Bad\ufffdname" in names and "Nul\ufffdByt" in names, names
assert "Red\x1b[31m\x1b]0;pwned\x07x" in names, names  # JSON escapes controls itself
assert all("team" in r and "employee_no" in r for r in rows)
PY

# the report takes the same names (it refused invalid UTF-8 with exit 3)
expect_exit 0 "$COLLECTKPI" report i.db --month 2026-10 --no-charts --out rep
grep -qF $'Bad\xef\xbf\xbdname' rep/index.html || fail "report: invalid byte not U+FFFD"

# check names both problems
expect_exit 3 "$COLLECTKPI" check i.db
grep -q "agents 3: column name: invalid UTF-8 at byte 4" "$WORK/out" || fail "check: invalid UTF-8: $(cat "$WORK/out")"
grep -q "agents 4: column name: contains a NUL byte" "$WORK/out" || fail "check: NUL: $(cat "$WORK/out")"

# an error line that quotes a name from the data (the overlap's case_no) stays one line
sqlite3 i.db "PRAGMA ignore_check_constraints = 1; UPDATE cases SET case_no = 'C' || char(27) || '[2J' || char(10) || 'x' WHERE case_id = 1;
INSERT INTO assignments VALUES (5, 1, 2, '2026-10-01 00:00:00', '2026-10-05 00:00:00');"
expect_exit 3 "$COLLECTKPI" kpi i.db --month 2026-10
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "error line split: $(cat "$WORK/err")"
grep -qF "case 'C\x1B[2J\x0Ax' has assignments that overlap" "$WORK/err" || fail "error line: $(cat "$WORK/err")"
no_secrets
finish
