#!/usr/bin/env bash
# svg_title.sh - every chart's SVG has the chart's title as its document <title> (not
# gnuplot's "Gnuplot"), in the report's language; the dashboard links each chart to its SVG
# (a tap opens it full size) and its agents table starts with the agent's name.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || { echo "SKIP: gnuplot is not installed"; exit 77; }
small_db s.db || fail "could not build the small database"
for lang in en zh; do
    expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --lang "$lang" --out "$lang"
done
check_title() { # LANG NAME TITLE
    local got
    got=$(grep -m1 -o '<title>[^<]*</title>' "$1/charts/$2.svg")
    [ "$got" = "<title>$3</title>" ] || fail "$1/charts/$2.svg: $got, expected <title>$3</title>"
    grep -q "<a href=\"charts/$2.svg\"><img" "$1/index.html" ||
        fail "$1/index.html does not link the chart $2 to its SVG"
}
# Every chart of the set, in both languages (the titles of labels.c).
check_title en recovery_by_agent "Recovery rate by agent"
check_title en ptp_outcomes_by_team "Promise-to-pay outcomes by team"
check_title en resolution_days_by_team "Days to resolve by team"
check_title en complaints_by_category "Complaints by category"
check_title en trends "Twelve-month trend"
check_title en collected_by_month "Collected per month"
check_title en breaches_by_rule "Breaches by rule and team"
check_title zh recovery_by_agent "催收员金额回收率"
check_title zh ptp_outcomes_by_team "各团队承诺还款结果"
check_title zh resolution_days_by_team "各团队结案天数分布"
check_title zh complaints_by_category "各类别投诉"
check_title zh trends "近十二个月趋势"
check_title zh collected_by_month "每月回款金额"
check_title zh breaches_by_rule "各规则违规次数（按团队）"
n=$(ls en/charts/*.svg | wc -l)
[ "$n" -eq 7 ] || fail "en/charts has $n SVG files; the test names 7"
grep -q 'Gnuplot</title>' en/charts/*.svg zh/charts/*.svg && fail "an SVG is still titled Gnuplot"
# The agents table: the sticky first column is the name, the figures follow it.
$PY - en/index.html <<'PY' || fail "the dashboard's agents table"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
agents = page[page.index('id="agents"'):]
heads = re.findall(r"<th scope=\"col\"[^>]*>([^<]*)<", agents[:agents.index("</thead>")])
assert heads[0] == "Agent" and heads[1] == "Cases worked", heads
assert heads[-2:] == ["Team", "Employee no."], heads
PY
finish
