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
0 0.250000 3
1 0.180000 3
2 0.120000 1
3 0.080000 2
EOD

# 2. ptp_outcomes_by_team: ptp_kept, ptp_broken, ptp_pending; one row per team by name.
$ptp_outcomes_by_team << EOD
14 6 4
7 9 6
36 11 8
EOD

# 3. resolution_days_by_team: the days from placement to resolution of each resolved case;
#    one block (index 0, 1, ...) per team with resolved cases, by name.
$resolution_days_by_team << EOD
20.5000
44.2500
90.0000


61.7500


15.0000
30.0000
12.5000
27.0000
EOD

# 4. complaints_by_category: y position (0 = the bottom bar), category code (its place in
#    data-model.md's list, from 0), substantiated, under review, not substantiated;
#    the categories with complaints, the most complaints at the top.
$complaints_by_category << EOD
2 0 1 0 1
1 8 1 1 0
0 10 0 0 1
EOD

# 5. trends: month position, the total's rate, then each team's (in the order of the
#    plot clauses); NaN where a rate is undefined or the team had no row that month.
$trend_recovery_rate << EOD
0 0.083333 0.075000 0.087500 0.062500 NaN
1 0.120833 0.100000 0.112500 NaN 0.125000
2 0.158462 0.120000 0.080000 NaN 0.212308
EOD
$trend_ptp_kept_rate << EOD
0 0.555556 0.555556 0.611111 0.500000 NaN
1 0.555556 NaN 0.555556 NaN 0.611111
2 0.686747 0.700000 0.437500 NaN 0.765957
EOD

# 6. collected_by_month: collected (the total row: agents' payments), unassigned_collected;
#    minor units, one row per trend month, oldest first.
$collected_by_month << EOD
2000000 250000
2900000 0
4120000 123456
EOD

# 7. breaches_by_rule: one segment per line: y position (the profile's first rule at the
#    top), team number (by name; 0 = automated messages), segment start, segment end
#    (contacts breaking the rule). With more than nine teams the team number is 1 for all.
$breaches_by_rule << EOD
4 1 0 3
4 2 3 4
4 3 4 6
4 0 6 10
3 3 0 3
2 1 0 1
1 1 0 2
1 2 2 6
1 3 6 7
0 1 0 5
0 3 5 9
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
    set ylabel 'Recovery rate'
    set format y '%g%%'
    set yrange [0:*]
    set xrange [-0.6:3.6]
    set boxwidth 0.8 absolute
    set style fill solid 1.0 noborder
    set xtics rotate by 90 right font ',11' ('A002 张伟' 0, 'A005 李娜' 1, 'A001 `touch /tmp/ckpi-pwned1`' 2, 'A003 back\slash @foo {x}_y^z' 3)
    set xlabel 'Not shown, no balance worked: 1' textcolor rgb '#555555'
    set key outside right top
    plot $recovery_by_agent using 1:($3 == 1 ? 100 * $2 : NaN) with boxes lc rgb '#44aa99' title '$(touch /tmp/ckpi-pw2)', \
        $recovery_by_agent using 1:($3 == 2 ? 100 * $2 : NaN) with boxes lc rgb '#cc6677' title 'O''Brien''s "crew" 100%', \
        $recovery_by_agent using 1:($3 == 3 ? 100 * $2 : NaN) with boxes lc rgb '#332288' title '华东<b>&amp;', \
        100 * 0.158462 with lines dt 2 lw 2 lc rgb '#222222' title 'Portfolio 15.8%'
    unset output

    # 2. ptp_outcomes_by_team
    reset
    set output 'ptp_outcomes_by_team.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Promise-to-pay outcomes by team · 2026-10' font ',18'
    set style data histograms
    set style histogram rowstacked
    set style fill solid 1.0 border lc rgb 'white'
    set boxwidth 0.6 relative
    set xrange [-0.6:2.6]
    set yrange [0:80]
    set ytics ('0' 0, '20' 20, '40' 40, '60' 60, '80' 80)
    set ylabel 'Promises due'
    set xtics ('$(touch /tmp/ckpi-pw2)' 0, 'O''Brien''s "crew" 100%%' 1, '华东<b>&amp;' 2)
    set xlabel 'Above each bar: PTP kept rate' textcolor rgb '#555555'
    set label 1 '70.0%' at 0, 24 center offset 0, 0.8
    set label 2 '43.8%' at 1, 22 center offset 0, 0.8
    set label 3 '76.6%' at 2, 55 center offset 0, 0.8
    set key outside right top
    plot $ptp_outcomes_by_team using 1 lc rgb '#009e73' title 'Promises kept', \
        '' using 2 lc rgb '#d55e00' title 'Promises broken', \
        '' using 3 lc rgb '#bbbbbb' title 'Promises pending'
    unset output

    # 3. resolution_days_by_team
    reset
    set output 'resolution_days_by_team.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set title 'Days to resolve by team · 2026-10' font ',18'
    set style boxplot outliers pointtype 7
    set pointsize 0.6
    set style fill solid 0.35 border
    set boxwidth 0.5 absolute
    set yrange [0:*]
    set xrange [-0.7:2.7]
    set ylabel 'Days from placement to resolution'
    set xlabel 'Box: middle half of resolved cases; line: median; whiskers: up to 1.5 box heights; dots: beyond' textcolor rgb '#555555'
    set xtics ('$(touch /tmp/ckpi-pw2)' 0, 'O''Brien''s "crew" 100%%' 1, '华东<b>&amp;' 2)
    unset key
    plot $resolution_days_by_team index 0 using (0):1 with boxplot lc rgb '#44aa99', \
        $resolution_days_by_team index 1 using (1):1 with boxplot lc rgb '#cc6677', \
        $resolution_days_by_team index 2 using (2):1 with boxplot lc rgb '#332288'
    unset output

    # 4. complaints_by_category
    reset
    set output 'complaints_by_category.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set label 100 'Complaints by category · 2026-10' at screen 0.5, screen 0.943 center font ',18'
    set grid noytics xtics lc rgb '#e3e3e3'
    set yrange [-0.6:2.6]
    set ytics ('Harassment / excessive contact' 2, \
        'Fees, interest, settlement terms' 1, \
        'Other' 0)
    set xrange [0:3]
    set xtics ('0' 0, '1' 1, '2' 2, '3' 3)
    set xlabel 'Complaints'
    set label 1 '2' at 2, 2 left offset 0.5, 0
    set label 2 '2' at 2, 1 left offset 0.5, 0
    set label 3 '1' at 1, 0 left offset 0.5, 0
    set style fill solid 1.0 border lc rgb 'white'
    set tmargin at screen 0.83
    set key at screen 0.5, screen 0.905 center top horizontal reverse Left samplen 1.5 width 2
    plot $complaints_by_category using ((0 + $3) / 2):1:(0):($3):($1 - 0.32):($1 + 0.32) with boxxyerror lc rgb '#d55e00' title 'Substantiated: 2', \
        $complaints_by_category using (($3 + ($3 + $4)) / 2):1:($3):(($3 + $4)):($1 - 0.32):($1 + 0.32) with boxxyerror lc rgb '#e69f00' title 'Under review: 0', \
        $complaints_by_category using ((($3 + $4) + ($3 + $4 + $5)) / 2):1:(($3 + $4)):(($3 + $4 + $5)):($1 - 0.32):($1 + 0.32) with boxxyerror lc rgb '#bbbbbb' title 'Not substantiated: 2'
    unset output

    # 5. trends
    reset
    set output 'trends.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set multiplot layout 1, 2 title 'Twelve-month trend · 2026-08 – 2026-10' font ',18' margins 0.07, 0.78, 0.17, 0.86 spacing 0.07
    set format y '%g%%'
    set xrange [-0.5:2.5]
    set xtics ('08'."\n".'2026' 0, '09' 1, '10' 2)
    set title 'Recovery rate' font ',16'
    set autoscale y
    unset key
    plot $trend_recovery_rate using 1:(100 * $3) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#44aa99' notitle, \
        '' using 1:(100 * $4) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#cc6677' notitle, \
        '' using 1:(100 * $5) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#ddcc77' notitle, \
        '' using 1:(100 * $6) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#332288' notitle, \
        '' using 1:(100 * $2) with linespoints lw 3.5 pt 7 ps 0.9 lc rgb '#222222' notitle
    set title 'PTP kept rate' font ',16'
    set autoscale y
    set key at screen 0.99, screen 0.86 right top
    plot $trend_ptp_kept_rate using 1:(100 * $3) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#44aa99' title '$(touch /tmp/ckpi-pw2)', \
        '' using 1:(100 * $4) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#cc6677' title 'O''Brien''s "crew" 100%', \
        '' using 1:(100 * $5) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#ddcc77' title 'Old team', \
        '' using 1:(100 * $6) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '#332288' title '华东<b>&amp;', \
        '' using 1:(100 * $2) with linespoints lw 3.5 pt 7 ps 0.9 lc rgb '#222222' title 'Total'
    unset multiplot
    unset output

    # 6. collected_by_month
    reset
    set output 'collected_by_month.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set label 100 'Collected per month · 2026-08 – 2026-10' at screen 0.5, screen 0.943 center font ',18'
    set tmargin at screen 0.83
    set style data histograms
    set style histogram rowstacked
    set style fill solid 1.0 border lc rgb 'white'
    set boxwidth 0.6 relative
    set xrange [-0.6:2.6]
    set yrange [0:50000]
    set ytics ('0' 0, '10,000' 10000, '20,000' 20000, '30,000' 30000, '40,000' 40000, '50,000' 50000)
    set ylabel 'Collected (CNY)'
    set xtics ('08'."\n".'2026' 0, '09' 1, '10' 2)
    set bmargin 4.5
    set key at screen 0.5, screen 0.905 center top horizontal reverse Left samplen 1.5 width 2
    plot $collected_by_month using ($1 / 100.0) lc rgb '#4e79a7' title 'Collected by agents', \
        '' using ($2 / 100.0) lc rgb '#bab0ac' title 'Collected, no holder'
    unset output

    # 7. breaches_by_rule
    reset
    set output 'breaches_by_rule.'.ext
    set border 3 lc rgb '#555555'
    set tics nomirror out
    set grid ytics lc rgb '#e3e3e3'
    set label 100 'Breaches by rule and team · 2026-10' at screen 0.5, screen 0.943 center font ',18'
    set grid noytics xtics lc rgb '#e3e3e3'
    set yrange [-0.6:4.4]
    set ytics ('Outside contact hours (Major)' 4, \
        'Redialled after failed calls (Major)' 3, \
        'Too many conversations a day (Major)' 2, \
        'Third party contacted too early (Critical)' 1, \
        'Rapid redial (Minor)' 0)
    set xrange [0:12]
    set xtics ('0' 0, '2' 2, '4' 4, '6' 6, '8' 8, '10' 10, '12' 12)
    set xlabel 'Breaching contacts  ·  A contact that breaks two rules counts under each'
    set label 1 '10' at 10, 4 left offset 0.5, 0
    set label 2 '3' at 3, 3 left offset 0.5, 0
    set label 3 '1' at 1, 2 left offset 0.5, 0
    set label 4 '7' at 7, 1 left offset 0.5, 0
    set label 5 '9' at 9, 0 left offset 0.5, 0
    set tmargin at screen 0.795
    set key at screen 0.5, screen 0.905 center top horizontal reverse Left samplen 1.5 width 2
    plot $breaches_by_rule using ($2 == 1 ? ($3 + $4) / 2 : NaN):1:3:4:($1 - 0.3):($1 + 0.3) with boxxyerror lc rgb '#44aa99' fs solid 1.0 border lc rgb 'white' notitle, \
        $breaches_by_rule using ($2 == 2 ? ($3 + $4) / 2 : NaN):1:3:4:($1 - 0.3):($1 + 0.3) with boxxyerror lc rgb '#cc6677' fs solid 1.0 border lc rgb 'white' notitle, \
        $breaches_by_rule using ($2 == 3 ? ($3 + $4) / 2 : NaN):1:3:4:($1 - 0.3):($1 + 0.3) with boxxyerror lc rgb '#332288' fs solid 1.0 border lc rgb 'white' notitle, \
        $breaches_by_rule using ($2 == 0 ? ($3 + $4) / 2 : NaN):1:3:4:($1 - 0.3):($1 + 0.3) with boxxyerror lc rgb '#9d9d9d' fs solid 1.0 border lc rgb 'white' notitle, \
        keyentry with boxes fs solid 1.0 lc rgb '#44aa99' title '$(touch /tmp/ckpi-pw2)', \
        keyentry with boxes fs solid 1.0 lc rgb '#cc6677' title 'O''Brien''s "crew" 100%', \
        keyentry with boxes fs solid 1.0 lc rgb '#332288' title '华东<b>&amp;', \
        keyentry with boxes fs solid 1.0 lc rgb '#9d9d9d' title 'Automated messages'
    unset output
}
