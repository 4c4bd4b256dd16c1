/* test_script.c - the chart script of the fixed fixture report, byte for byte.
 *
 * The expected scripts are tests/report/charts/golden/charts_{en,zh,empty}.gp (GOLDEN_DIR). They
 * were checked by hand: the data blocks hold the fixture's figures (fixture.c: e.g. agent
 * A002's recovery rate 1,500,000 / 6,000,000 = 0.250000 comes first, the first team's PTP row is
 * kept 14, broken 6, pending 4), every name is a single-quoted string, and the charts were
 * looked at. After an intended change of the script or of a label, regenerate them with
 *     CHARTS_UPDATE_GOLDEN=1 meson test -C BUILD charts_script
 * and review the diff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/charts.h"
#include "fixture.h"

static char *script_of(settings_lang lang, bool empty)
{
    fixture f;
    fixture_build(&f, lang, empty);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    ck_diag diag = {""};
    assert_int_equal(charts_script_write(out, &f.report, &diag), CK_OK);
    assert_int_equal(fclose(out), 0);
    return text;
}

static char *read_text(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0)
        fwrite(buffer, 1, n, out);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    return text;
}

static void compare_golden(settings_lang lang, bool empty, const char *name)
{
    const char *dir = getenv("GOLDEN_DIR");
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *got = script_of(lang, empty);
    const char *update = getenv("CHARTS_UPDATE_GOLDEN");
    if (update != NULL && strcmp(update, "1") == 0) {
        FILE *out = fopen(path, "wb");
        assert_non_null(out);
        fputs(got, out);
        assert_int_equal(fclose(out), 0);
    }
    char *want = read_text(path);
    if (want == NULL)
        fail_msg("cannot read %s", path);
    if (strcmp(got, want) != 0) {
        size_t line = 1, i = 0;
        while (got[i] != '\0' && got[i] == want[i])
            line += got[i++] == '\n';
        fail_msg("%s differs from the generated script at line %zu", path, line);
    }
    free(got);
    free(want);
}

static void test_golden_en(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_EN, false, "charts_en.gp");
}

static void test_golden_zh(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_ZH, false, "charts_zh.gp");
}

static void test_golden_empty(void **state)
{
    (void)state;
    compare_golden(SETTINGS_LANG_EN, true, "charts_empty.gp");
}

static void test_deterministic(void **state)
{
    (void)state;
    char *a = script_of(SETTINGS_LANG_ZH, false);
    char *b = script_of(SETTINGS_LANG_ZH, false);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* Every text of the script comes from labels.h: no key is left untranslated, and the one
 * double-quoted string is the newline of the month tics (constant, never user text). */
static void test_texts_resolved_and_single_quoted(void **state)
{
    (void)state;
    for (int lang = 0; lang < 2; lang++) {
        char *text = script_of(lang == 0 ? SETTINGS_LANG_EN : SETTINGS_LANG_ZH, false);
        assert_null(strstr(text, "'charts."));
        assert_null(strstr(text, "'common."));
        for (const char *p = strchr(text, '"'); p != NULL; p = strchr(p + 1, '"')) {
            /* outside the fixture's names (inside '...'), only ."\n". appears */
            if (strncmp(p, "\"\\n\"", 4) == 0) {
                p += 3;
                continue;
            }
            /* a double quote inside a single-quoted name: the line has 'O''Brien''s "crew" */
            const char *line = p;
            while (line > text && line[-1] != '\n')
                line--;
            size_t quotes = 0;
            for (const char *q = line; q < p; q++)
                quotes += *q == '\'';
            if (quotes % 2 == 0)
                fail_msg("a double quote outside a single-quoted string: %.60s", line);
        }
        free(text);
    }
}

/* The script of the large fixture (1,000 agents with a rate in 50 teams) cut to its first
 * agent_count agents; the caller frees it. */
static char *large_script_of(size_t agent_count)
{
    fixture_large f;
    assert_true(fixture_build_large(&f, SETTINGS_LANG_EN));
    f.current.agent_count = agent_count;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    ck_diag diag = {""};
    assert_int_equal(charts_script_write(out, &f.report, &diag), CK_OK);
    assert_int_equal(fclose(out), 0);
    fixture_large_free(&f);
    return text;
}

/* The drawing commands of recovery_by_agent, from its start in the loop to the next chart. */
static char *agents_section(const char *script)
{
    const char *start = strstr(script, "    # 1. recovery_by_agent\n");
    assert_non_null(start);
    const char *end = strstr(start, "    # 2. ptp_outcomes_by_team\n");
    assert_non_null(end);
    return strndup(start, (size_t)(end - start));
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The five agents of the small fixture (four with a rate): a bar each, no box plot. */
static void test_agents_few_are_bars(void **state)
{
    (void)state;
    char *script = script_of(SETTINGS_LANG_EN, false);
    char *section = agents_section(script);
    assert_non_null(strstr(section, "with boxes"));
    assert_null(strstr(section, "with boxplot"));
    assert_null(strstr(section, "multiplot"));
    assert_null(strstr(script, "$recovery_by_team"));
    free(section);
    free(script);
}

/* 40 agents with a rate is the last count with a bar per agent: 40 name tics, no boxes. */
static void test_agents_forty_are_bars(void **state)
{
    (void)state;
    char *script = large_script_of(40);
    char *section = agents_section(script);
    assert_null(strstr(section, "with boxplot"));
    assert_int_equal(count_of(section, "'E00"), 40);
    assert_non_null(strstr(section, "' 39)\n"));
    free(section);
    free(script);
}

/* 41 agents: the spread. The first 41 agents are in teams 1..41 (agent a in team a % 50), so
 * one box per team, 41 boxplot clauses; the best 15 and the worst 15 by name, each with its
 * rate beside the bar (30 rate labels), and 41 - 30 = 11 agents between them. */
static void test_agents_forty_one_are_spread(void **state)
{
    (void)state;
    char *script = large_script_of(41);
    char *section = agents_section(script);
    assert_non_null(strstr(script, "$recovery_by_team << EOD\n"));
    assert_non_null(strstr(section, "set multiplot title 'Recovery rate by agent · 2026-10'"));
    assert_int_equal(count_of(section, "with boxplot"), 41);
    assert_int_equal(count_of(section, " left offset 0.4, 0 font ',9'"), 30);
    assert_non_null(strstr(section, "set label 100 '… 11 more agents in between …'"));
    /* The portfolio line of the extremes panel: behind the bars, named above the best agent
     * (row 31, the label in row 32); the rate axis in steps, not gnuplot's crowded auto tics. */
    assert_non_null(strstr(section, ", first 31.7 nohead back dt 2 lw 1.5"));
    assert_non_null(strstr(section, "set label 99 'Portfolio "));
    assert_non_null(strstr(section, ", first 32.15 center font ',9'"));
    assert_null(strstr(section, "set xtics auto"));
    assert_non_null(strstr(section, "    set xtics 0, "));
    assert_non_null(strstr(section, "with boxxyerror"));
    /* rows: rank 0 at the top (31), rank 14 at 17, rank 26 at 14, rank 40 (the last) at 0 */
    assert_non_null(strstr(section, "($1 < 15 ? 31 - $1 : $1 >= 26 ? 40 - $1 : NaN)"));
    free(section);
    free(script);
}

/* 1,000 agents in 50 teams: 50 boxes, still 30 agents by name, 970 between; with more than
 * nine teams the bars are one colour in one clause and the names say the team. */
static void test_agents_thousand_are_spread(void **state)
{
    (void)state;
    char *script = large_script_of(1000);
    char *section = agents_section(script);
    assert_int_equal(count_of(section, "with boxplot"), 50);
    assert_int_equal(count_of(section, " left offset 0.4, 0 font ',9'"), 30);
    assert_int_equal(count_of(section, "with boxxyerror"), 1);
    assert_non_null(strstr(section, "'… 970 more agents in between …'"));
    assert_non_null(strstr(section, " · Team "));
    free(section);
    free(script);
}

/* The drawing commands of resolution_days_by_team. */
static char *resolution_section(const char *script)
{
    const char *start = strstr(script, "    # 3. resolution_days_by_team\n");
    assert_non_null(start);
    const char *end = strstr(start, "    # 4. complaints_by_category\n");
    assert_non_null(end);
    return strndup(start, (size_t)(end - start));
}

/* A colour never stands for two teams. The small fixture's 3 teams: 3 boxes in the palette's
 * first three colours (teal #44aa99, rose #cc6677, indigo #332288). The large one's 50 teams
 * would wrap the 9-colour palette 5 times (teams 1, 10, 19, ... all teal): instead all 50
 * boxes are the one colour #4e79a7 and the axis names the teams. */
static void test_resolution_colours_never_repeat(void **state)
{
    (void)state;
    char *script = script_of(SETTINGS_LANG_EN, false);
    char *section = resolution_section(script);
    assert_int_equal(count_of(section, "with boxplot lc rgb '"), 3);
    assert_int_equal(count_of(section, "with boxplot lc rgb '#44aa99'"), 1);
    assert_int_equal(count_of(section, "with boxplot lc rgb '#cc6677'"), 1);
    assert_int_equal(count_of(section, "with boxplot lc rgb '#332288'"), 1);
    free(section);
    free(script);

    script = large_script_of(1000);
    section = resolution_section(script);
    assert_int_equal(count_of(section, "with boxplot lc rgb '"), 50);
    assert_int_equal(count_of(section, "with boxplot lc rgb '#4e79a7'"), 50);
    free(section);
    free(script);
}

/* A period the data covers gets no note; one it covers 17 of 31 days of (the data ending
 * 2026-10-17 12:00, the fixture's month being 2026-10) says so under every chart: seven
 * charts, seven notes. */
static void test_coverage_note(void **state)
{
    (void)state;
    char *full = script_of(SETTINGS_LANG_EN, false);
    assert_null(strstr(full, "Incomplete data"));
    free(full);
    fixture f;
    fixture_build(&f, SETTINGS_LANG_EN, false);
    f.current.coverage.covered_days = 17;
    f.current.data_cutoff = f.current.period.start + 16 * 86400 + 12 * 3600;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    ck_diag diag = {""};
    assert_int_equal(charts_script_write(out, &f.report, &diag), CK_OK);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(count_of(text, "set label 99 'Incomplete data: 17 of 31 days (data to "
                                    "2026-10-17 12:00:00)' at screen 0.01, screen 0.02"),
                     7);
    free(text);
}

static char *script_of_fixture(const fixture *f)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    ck_diag diag = {""};
    assert_int_equal(charts_script_write(out, &f->report, &diag), CK_OK);
    assert_int_equal(fclose(out), 0);
    return text;
}

/* collected_by_month writes the no-holder amount above a bar only where that part is thinner
 * than a fortieth of the axis. Fixture months (minor units, agents + no holder): 2,000,000 +
 * 250,000; 2,900,000 + 0; 4,120,000 + 100,000 (set here). The highest stack 4,220,000 plus a
 * sixteenth for room (263,750) is 4,483,750; a fortieth of it is 112,093. So 100,000 is
 * labelled ("1,000.00" at the top of its stack, 42,200.00), 250,000 is not, and a month
 * without any is not. */
static void test_collected_thin_no_holder_labelled(void **state)
{
    (void)state;
    fixture f;
    fixture_build(&f, SETTINGS_LANG_EN, false);
    f.months[2].unassigned_collected_minor = 100000;
    char *text = script_of_fixture(&f);
    const char *start = strstr(text, "    # 6. collected_by_month\n");
    assert_non_null(start);
    const char *end = strstr(start, "    # 7.");
    assert_non_null(end);
    char *chart = strndup(start, (size_t)(end - start));
    assert_non_null(
        strstr(chart, "    set label 3 '1,000.00' at 2, 42200.00 center offset 0, 0.7"));
    assert_null(strstr(chart, "'2,500.00'"));
    assert_null(strstr(chart, "    set label 2 "));
    assert_non_null(strstr(chart, "    set xlabel 'Grey figures above the bars"));
    free(chart);
    free(text);
    /* the fixture as it is: 123,456 against a fortieth of 4,508,672 (112,716): no label */
    fixture_build(&f, SETTINGS_LANG_EN, false);
    text = script_of_fixture(&f);
    start = strstr(text, "    # 6. collected_by_month\n");
    assert_non_null(start);
    end = strstr(start, "    # 7.");
    assert_non_null(end);
    const char *note = strstr(start, "Grey figures above the bars");
    assert_true(note == NULL || note > end);
    free(text);
}

/* complaints_by_category: bars by count, not by category code. The fixture's complaints
 * moved so that "Other" (code 10) has three (ids 1, 2 and 5: substantiated, not, not),
 * harassment (0) none, fees (8) two (3 substantiated, 4 under review): Other on top (y 1),
 * fees under it (y 0); each line: y, code, substantiated, under review, not substantiated. */
static void test_complaints_sorted_by_count(void **state)
{
    (void)state;
    fixture f;
    fixture_build(&f, SETTINGS_LANG_EN, false);
    f.complaints[0].category = 10;
    f.complaints[1].category = 10;
    char *text = script_of_fixture(&f);
    assert_non_null(strstr(text, "$complaints_by_category << EOD\n1 10 1 0 2\n0 8 1 1 0\nEOD\n"));
    assert_non_null(strstr(text, "set ytics ('Other' 1, \\\n        'Fees, interest, settlement "
                                 "terms' 0)"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_en),
        cmocka_unit_test(test_golden_zh),
        cmocka_unit_test(test_golden_empty),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_texts_resolved_and_single_quoted),
        cmocka_unit_test(test_agents_few_are_bars),
        cmocka_unit_test(test_agents_forty_are_bars),
        cmocka_unit_test(test_agents_forty_one_are_spread),
        cmocka_unit_test(test_agents_thousand_are_spread),
        cmocka_unit_test(test_resolution_colours_never_repeat),
        cmocka_unit_test(test_coverage_note),
        cmocka_unit_test(test_collected_thin_no_holder_labelled),
        cmocka_unit_test(test_complaints_sorted_by_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
