#!/usr/bin/env bash
# report.sh - `collectkpi report` writes the whole chart set and the dashboard.
#
# On the small hand-made database of tests/app/lib.sh, with an agent and a team
# renamed to hostile names (a backquoted shell command, quotes, %, markup), in English and
# Chinese; and on an empty database. Every chart exists as PNG and SVG, the SVGs parse as
# XML, nothing was run, and the page is self-contained.
. "$(dirname "$0")/lib.sh"
need_gnuplot
# Short enough (24 columns) to reach the charts whole, not shortened with "…".
PWNED="/tmp/ckr$$ /tmp/ckd$$"
# shellcheck disable=SC2086
rm -f $PWNED

small_db s.db || fail "could not build the small database"
sqlite3 s.db "UPDATE agents SET name = '\`touch /tmp/ckr$$\`' WHERE agent_id = 3;
UPDATE agents SET name = '\$(touch /tmp/ckd$$)' WHERE agent_id = 2;
UPDATE teams SET name = 'O''Brien \"c\" <b>&amp; %' WHERE team_id = 2;" ||
    fail "could not rename the agents"

for lang in en zh; do
    expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --lang "$lang" --out "out-$lang"
    check_chart_set "out-$lang"
    check_dashboard "out-$lang/index.html" yes
    [ -f "out-$lang/collectkpi-2026-10.xlsx" ] || fail "no workbook in out-$lang"
done
for f in $PWNED; do
    [ -e "$f" ] && fail "a name was run as a command: $f exists"
done
grep -qF "E03 \`touch /tmp/ckr$$\`" out-en/charts/recovery_by_agent.svg ||
    fail "the backquoted agent name is not in the SVG as it is"
grep -qF "O'Brien \"c\" &lt;b>&amp;amp; %" out-en/charts/ptp_outcomes_by_team.svg ||
    fail "the team name is not in the SVG as it is"
grep -qF "O&#39;Brien &quot;c&quot; &lt;b&gt;&amp;amp; %" out-en/index.html ||
    fail "the team name is not escaped in the page"
grep -q 'lang="zh-CN"' out-zh/index.html || fail "the Chinese page does not say so"
grep -qF '催收绩效看板' out-zh/index.html || fail "the Chinese page has no Chinese title"
grep -q 'Noto Sans CJK SC' out-zh/charts/charts.gp || fail "the charts do not ask for a CJK font"
if grep -q 'secret-debtor' out-en/index.html out-en/charts/*; then
    fail "a debtor reference is in the dashboard or the charts"
fi

# A second run replaces the set in place (no temporary folder, same bytes).
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out out-en
check_chart_set out-en

# An empty database: the charts say there is no data, none fails.
"$COLLECTKPI" init empty.db >/dev/null || fail "init"
expect_exit 0 "$COLLECTKPI" report empty.db --month 2026-10 --out out-empty --allow-empty
check_chart_set out-empty
check_dashboard out-empty/index.html yes
finish
