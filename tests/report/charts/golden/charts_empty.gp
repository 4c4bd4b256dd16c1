# charts.gp - the charts of the collectkpi report for 2026-10, written by collectkpi 0.0-test.
#
# Re-run it in this folder to draw every chart again as NAME.png and NAME.svg:
#     gnuplot charts.gp
# Restyle freely. The data blocks ($name << EOD) hold the report's figures as plain
# numbers (rates as ratios, money in minor units); every name and label is a
# single-quoted string, in which a quote is written twice ('O''Brien').

set encoding utf8
chart_font = 'Noto Sans CJK SC,14'

# 1. recovery_by_agent: position, recovery_rate, team number (1 = the first team by name);
#    the agents that have a recovery rate, best first.
$recovery_by_agent << EOD
EOD

# 2. ptp_outcomes_by_team: ptp_kept, ptp_broken, ptp_pending; one row per team by name.
$ptp_outcomes_by_team << EOD
EOD

# 3. resolution_days_by_team: the days from placement to resolution of each resolved case;
#    one block (index 0, 1, ...) per team with resolved cases, by name.
$resolution_days_by_team << EOD
EOD

# 4. complaints_by_category: y position (0 = the bottom bar), category code (its place in
#    data-model.md's list, from 0), substantiated, under review, not substantiated;
#    the categories with complaints, the most complaints at the top.
$complaints_by_category << EOD
EOD

# 5. trends: month position, the total's rate, then each team's (in the order of the
#    plot clauses); NaN where a rate is undefined or the team had no row that month.
$trend_recovery_rate << EOD
EOD
$trend_ptp_kept_rate << EOD
EOD

# 6. collected_by_month: collected (the total row: agents' payments), unassigned_collected;
#    minor units, one row per trend month, oldest first.
$collected_by_month << EOD
EOD

# 7. breaches_by_rule: one segment per line: y position (the profile's first rule at the
#    top), team number (by name; 0 = automated messages), segment start, segment end
#    (contacts breaking the rule). With more than nine teams the team number is 1 for all.
$breaches_by_rule << EOD
EOD

# Each chart twice: PNG for slides and e-mail, SVG for the dashboard.
do for [ext in 'png svg'] {
    if (ext eq 'png') {
        set terminal pngcairo size 1280, 720 noenhanced font chart_font
    } else {
        set terminal svg size 1280, 720 noenhanced font chart_font background rgb 'white'
    }

    # 1. recovery_by_agent
    reset
    set output 'recovery_by_agent.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Recovery rate by agent · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 2. ptp_outcomes_by_team
    reset
    set output 'ptp_outcomes_by_team.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Promise-to-pay outcomes by team · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 3. resolution_days_by_team
    reset
    set output 'resolution_days_by_team.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Days to resolve by team · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 4. complaints_by_category
    reset
    set output 'complaints_by_category.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Complaints by category · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 5. trends
    reset
    set output 'trends.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Twelve-month trend · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 6. collected_by_month
    reset
    set output 'collected_by_month.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Collected per month · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output

    # 7. breaches_by_rule
    reset
    set output 'breaches_by_rule.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Breaches by rule and team · 2026-10' font ',18'
    unset border
    unset xtics
    unset ytics
    unset grid
    unset key
    set xrange [0:1]
    set yrange [0:1]
    set label 1 'No data in this period' at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'
    plot NaN notitle
    unset output
}
