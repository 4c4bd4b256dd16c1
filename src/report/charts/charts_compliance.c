/* charts_compliance.c - the chart of contact-compliance breaches by rule and team (see
 * charts_internal.h and compliance.md).
 *
 * Horizontal stacked bars like the complaints chart: one bar per rule of the profile (the
 * rule names are long, so they sit on the y axis, with their severity), one segment per team
 * in the team colours, and the automated messages (the `system` line) in grey. The segments
 * are the engine's team rows and system line as they are; the number at the end of a bar is
 * the total's count for the rule. With more teams than colours can tell apart, one segment
 * holds all teams.
 */
#include <stdio.h>

#include "charts_internal.h"
#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/report_charts.h"
#include "collectkpi/utf8.h"
#include "gpquote.h"

typedef struct breach_slots {
    bool by_team;
    size_t count; /* the teams (or one "all teams"), then the system line */
    const compliance_rule *rules;
    size_t rule_count;
} breach_slots;

static breach_slots slots_of(const charts_script *s)
{
    breach_slots b;
    b.by_team = s->cur->team_count <= CHARTS_LEGEND_MAX;
    b.count = (b.by_team ? s->cur->team_count : 1) + 1;
    b.rule_count = compliance_profile_rules(s->cur->settings.compliance.profile, &b.rules);
    return b;
}

static bool is_system(const breach_slots *b, size_t slot)
{
    return slot + 1 == b->count;
}

/* Breaches of rule in a slot: a team's row, all teams' rows, or the system line. */
static int64_t slot_breaches(const charts_script *s, const breach_slots *b, size_t slot,
                             compliance_rule rule)
{
    const kpi_result *r = s->cur;
    if (is_system(b, slot))
        return r->compliance_system.breaches[rule];
    if (b->by_team)
        return r->teams[slot].compliance.breaches[rule];
    int64_t n = 0;
    for (size_t t = 0; t < r->team_count; t++)
        n += r->teams[t].compliance.breaches[rule];
    return n;
}

/* The slot's number in the data block: 1.. a team by name (all teams: 1), 0 the system. */
static size_t slot_number(const breach_slots *b, size_t slot)
{
    return is_system(b, slot) ? 0 : slot + 1;
}

static const char *slot_colour(const breach_slots *b, size_t slot)
{
    return is_system(b, slot) ? CHARTS_GREY : report_team_colour(slot);
}

static const char *slot_name(const charts_script *s, const breach_slots *b, size_t slot)
{
    if (is_system(b, slot))
        return labels_text("compliance.system", s->lang);
    return b->by_team ? s->cur->teams[slot].name : charts_text(s, "charts.all_teams");
}

static int64_t rule_total(const charts_script *s, compliance_rule rule)
{
    return s->cur->compliance_total.breaches[rule];
}

void charts_breaches_data(const charts_script *s)
{
    FILE *out = s->out;
    fputs("\n# 7. breaches_by_rule: one segment per line: y position (the profile's first rule "
          "at the\n#    top), team number (by name; 0 = automated messages), segment start, "
          "segment end\n#    (contacts breaking the rule). With more than nine teams the "
          "team number is 1 for all.\n$breaches_by_rule << EOD\n",
          out);
    breach_slots b = slots_of(s);
    for (size_t i = 0; s->cur->has_compliance && i < b.rule_count; i++) {
        size_t y = b.rule_count - 1 - i;
        int64_t start = 0;
        for (size_t slot = 0; slot < b.count; slot++) {
            int64_t n = slot_breaches(s, &b, slot, b.rules[i]);
            if (n == 0)
                continue;
            fprintf(out, "%zu %zu %lld %lld\n", y, slot_number(&b, slot), (long long)start,
                    (long long)(start + n));
            start += n;
        }
    }
    fputs("EOD\n", out);
}

void charts_breaches_plot(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    breach_slots b = slots_of(s);
    int64_t top = 0;
    for (size_t i = 0; r->has_compliance && i < b.rule_count; i++)
        top = rule_total(s, b.rules[i]) > top ? rule_total(s, b.rules[i]) : top;
    charts_begin(s, CHART_BREACHES, top == 0);
    if (top == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    /* The title as a label where the other charts have theirs, the legend in one row under
     * it (on the right it took a fifth of the width): gnuplot would move its title down with
     * the room made for the legend. */
    char title[256];
    snprintf(title, sizeof title, "%s · %s", report_chart_title(CHART_BREACHES, s->lang),
             s->period);
    fputs("    set label 100 ", out);
    gpquote_write(out, title);
    fputs(" at screen 0.5, screen 0.943 center font ',18'\n", out);
    fprintf(out, "    set grid noytics xtics lc rgb '#e3e3e3'\n    set yrange [-0.6:%zu.4]\n",
            b.rule_count - 1);
    fputs("    set ytics (", out);
    for (size_t i = 0; i < b.rule_count; i++) {
        /* "Rapid redial (Minor)": the severity beside the rule, as on the Compliance sheet. */
        char tic[256];
        snprintf(tic, sizeof tic, s->lang == SETTINGS_LANG_ZH ? "%s（%s）" : "%s (%s)",
                 labels_compliance_rule(b.rules[i], s->lang),
                 labels_compliance_severity(r->settings.compliance.severity[b.rules[i]], s->lang));
        fputs(i > 0 ? ", \\\n        " : "", out);
        gpquote_write_tic(out, tic);
        fprintf(out, " %zu", b.rule_count - 1 - i);
    }
    fputs(")\n", out);
    /* Room on the right for the count at the end of the longest bar. */
    charts_put_grouped_axis(out, 'x', 0, top + top / 12 + 1);
    char axis[256];
    snprintf(axis, sizeof axis, "%s  \xC2\xB7  %s", charts_text(s, "charts.breaches_axis"),
             charts_text(s, "charts.breaches_note"));
    charts_put_set_text(out, "xlabel", axis);
    for (size_t i = 0; i < b.rule_count; i++) {
        char count[32];
        format_integer_grouped(rule_total(s, b.rules[i]), count, sizeof count);
        fprintf(out, "    set label %zu ", i + 1);
        gpquote_write(out, count);
        fprintf(out, " at %lld, %zu left offset 0.5, 0\n", (long long)rule_total(s, b.rules[i]),
                b.rule_count - 1 - i);
    }
    bool used[CHARTS_LEGEND_MAX + 2] = {false};
    size_t entries = 0, widest = 0;
    for (size_t slot = 0; slot < b.count; slot++) {
        for (size_t i = 0; i < b.rule_count && !used[slot]; i++)
            used[slot] = slot_breaches(s, &b, slot, b.rules[i]) > 0;
        if (used[slot]) {
            size_t width = utf8_display_width(slot_name(s, &b, slot));
            widest = width > widest ? width : widest;
            entries++;
        }
    }
    /* gnuplot gives every legend column the widest name's room: about four columns of names
     * up to 18 characters fit across, three of longer ones. The plot starts below the rows
     * that takes. */
    size_t columns = widest <= 18 ? 4 : 3;
    size_t rows = (entries + columns - 1) / columns;
    fputs("    set tmargin at screen ", out);
    charts_put_number(out, 0.83 - 0.035 * (double)(rows > 1 ? rows - 1 : 0), 3);
    fputs("\n    set key at screen 0.5, screen 0.905 center top horizontal reverse Left "
          "samplen 1.5 width 2\n    plot ",
          out);
    for (size_t slot = 0; slot < b.count; slot++) {
        if (!used[slot])
            continue; /* no clause without points: gnuplot would warn */
        fprintf(out,
                "$breaches_by_rule using ($2 == %zu ? ($3 + $4) / 2 : NaN):1:3:4:($1 - 0.3):"
                "($1 + 0.3) with boxxyerror lc rgb '%s' fs solid 1.0 border lc rgb 'white' "
                "notitle, \\\n        ",
                slot_number(&b, slot), slot_colour(&b, slot));
    }
    /* The legend: one entry per team with a breach (or all teams), then the system line. */
    bool first = true;
    for (size_t slot = 0; slot < b.count; slot++) {
        if (!used[slot])
            continue;
        fprintf(out, "%skeyentry with boxes fs solid 1.0 lc rgb '%s' ",
                first ? "" : ", \\\n        ", slot_colour(&b, slot));
        charts_put_title(out, slot_name(s, &b, slot), true);
        first = false;
    }
    fputc('\n', out);
    charts_end(s);
}
