#!/usr/bin/env bash
# hostile.sh - the real gnuplot on the script of the fixture report, whose agent and team
# names carry a backquoted and a $(...) shell command, quotes, %, @, backslashes and markup.
#
# Nothing runs (the files the commands would create never appear, also when the kept
# charts.gp is re-run by hand), every chart is drawn in both formats, the names print as
# they are, the same data gives the same SVG bytes, and a failing gnuplot leaves no half
# chart set and shows its error line.
# shellcheck disable=SC2016 # the shell commands in names are literal on purpose
. "$(dirname "$0")/lib.sh"
need_gnuplot
: "${CHARTS_DRIVER:?set CHARTS_DRIVER to the charts_driver binary}"
PWNED="/tmp/ckpi-pwned1 /tmp/ckpi-pw2" # fixture.h: what the names would create
# shellcheck disable=SC2086
rm -f $PWNED

no_pwned() {
    local f
    for f in $PWNED; do
        [ -e "$f" ] && fail "$1: $f was created: a name was run as a command"
    done
}

for lang in en zh; do
    expect_exit 0 "$CHARTS_DRIVER" "$lang" "$lang"
    check_chart_set "$lang"
    check_dashboard "$lang/index.html" yes
done
no_pwned "charts_write"

# The names print exactly as they are, escaped once (by gnuplot's SVG writer, by the page).
grep -qF "O'Brien's \"crew\" 100%" en/charts/ptp_outcomes_by_team.svg ||
    fail "the quoted team name is not in the SVG as it is"
grep -qF 'A001 `touch /tmp/ckpi-pwned1`' en/charts/recovery_by_agent.svg ||
    fail "the backquoted agent name is not in the SVG as it is"
grep -qF '$(touch /tmp/ckpi-pw2)' en/charts/recovery_by_agent.svg ||
    fail "the team name with \$(...) is not in the SVG as it is"
grep -qF '华东&lt;b>&amp;amp;' en/charts/recovery_by_agent.svg ||
    fail "the team name with markup is not escaped once in the SVG"
grep -qF 'Zoë &#39;Z&#39; %s%n &lt;script&gt;alert(1)&lt;/script&gt;' en/index.html ||
    fail "the agent name with markup is not escaped in the page"
grep -q '<script>alert' en/index.html && fail "a name became markup in the page"

# Re-running the kept script by hand draws the same set and still runs nothing.
cp -r en/charts rerun
(cd rerun && rm -f ./*.png ./*.svg && LC_ALL=C.UTF-8 gnuplot charts.gp) 2>rerun.err ||
    fail "gnuplot charts.gp in the chart folder failed: $(cat rerun.err)"
no_pwned "gnuplot charts.gp"
# The report then titles each SVG with its chart's title (gnuplot's own <title> is the
# terminal's "name", which takes no spaces or CJK): the rest is the same bytes.
for name in $CHARTS; do
    sed '0,/<title>[^<]*<\/title>/s//<title>T<\/title>/' "en/charts/$name.svg" >report.svg
    sed '0,/<title>[^<]*<\/title>/s//<title>T<\/title>/' "rerun/$name.svg" >rerun.svg
    cmp -s report.svg rerun.svg || fail "rerun: $name.svg differs"
    grep -q '<title>Gnuplot</title>' "en/charts/$name.svg" && fail "$name.svg is titled Gnuplot"
done

# Deterministic: the same data again gives the same SVG bytes (and the same script).
expect_exit 0 "$CHARTS_DRIVER" again en
for name in $CHARTS charts; do
    ext=svg
    [ "$name" = charts ] && ext=gp
    cmp -s "en/charts/$name.$ext" "again/charts/$name.$ext" || fail "$name.$ext differs on a rerun"
done

# An empty report: every chart says so, none fails.
expect_exit 0 "$CHARTS_DRIVER" empty en --empty
check_chart_set empty

# A failing gnuplot: its error line is shown, the previous set stays whole, nothing half.
mkdir -p fake
cat >fake/gnuplot <<'SH'
#!/bin/sh
echo '         plot foo(x)' >&2
echo '              ^' >&2
echo '"charts.gp" line 42: undefined function: foo' >&2
: >recovery_by_agent.png
exit 1
SH
chmod +x fake/gnuplot
before=$(cd en/charts && cat ./*.svg ./*.png | cksum)
expect_exit 1 env PATH="$WORK/fake:$PATH" "$CHARTS_DRIVER" en en
grep -qF 'gnuplot failed on charts.gp (exit status 1): "charts.gp" line 42: undefined function: foo' \
    err || fail "gnuplot's error line is not in the message: $(cat err)"
[ "$(cd en/charts && cat ./*.svg ./*.png | cksum)" = "$before" ] ||
    fail "a failed run changed the previous chart set"
check_chart_set en
expect_exit 1 env PATH="$WORK/fake:$PATH" "$CHARTS_DRIVER" fresh en
[ -z "$(ls fresh/charts 2>/dev/null)" ] || fail "a failed run left files: $(ls -a fresh/charts)"

# gnuplot missing: which program, and how to install it.
mkdir -p nobin
expect_exit 1 env PATH="$WORK/nobin" "$CHARTS_DRIVER" missing en
grep -q "gnuplot is not installed.*apt-get install gnuplot-nox" err ||
    fail "the message for a missing gnuplot: $(cat err)"
finish
