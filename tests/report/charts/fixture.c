/* fixture.c - the fixed report of fixture.h. Rates come from kpi_row_finish, the engine's
 * own arithmetic, so the rows are consistent; the charts only read them. */
#include "fixture.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/kpi.h"
#include "collectkpi/period.h"

typedef struct counts {
    int64_t cases, balance, collected, paying, contacts, calls, rpc, made, due, pending, kept,
        broken, resolved, complaints, substantiated, surveys, score_sum;
} counts;

static kpi_row row_of(counts c, const double *days, size_t day_count)
{
    kpi_row r;
    memset(&r, 0, sizeof r);
    r.cases_worked = c.cases;
    r.worked_balance_minor = c.balance;
    r.collected_minor = c.collected;
    r.paying_cases = c.paying;
    r.contacts = c.contacts;
    r.call_attempts = c.calls;
    r.rpc = c.rpc;
    r.ptp_made = c.made;
    r.ptp_made_amount_minor = c.made * 50000;
    r.ptp_due = c.due;
    r.ptp_pending = c.pending;
    r.ptp_kept = c.kept;
    r.ptp_broken = c.broken;
    r.ptp_judged_amount_minor = (c.kept + c.broken) * 50000;
    r.ptp_credited_paid_minor = c.kept * 50000;
    r.cases_resolved = c.resolved;
    r.complaints = c.complaints;
    r.complaints_substantiated = c.substantiated;
    r.surveys = c.surveys;
    r.survey_score_sum = c.score_sum;
    kpi_row_finish(&r, days, day_count);
    return r;
}

static void month_result(kpi_result *r, int month)
{
    memset(r, 0, sizeof *r);
    settings_defaults(&r->settings);
    period_of_month(2026, month, &r->period);
    r->as_of = r->period.end - 1;
    /* A month the data covers, with payments and contacts: changes may be judged. */
    r->coverage.period_days = (r->period.end - r->period.start) / DATETIME_SECONDS_PER_DAY;
    r->coverage.covered_days = r->coverage.period_days;
    r->coverage.any_payment = r->coverage.any_contact = true;
}

void fixture_build(fixture *f, settings_lang lang, bool empty)
{
    memset(f, 0, sizeof *f);
    /* In name order, as the engine gives them ('$' < 'O' < CJK). */
    static const char *const team_names[FIXTURE_TEAMS] = {
        "$(touch " FIXTURE_PWNED_DOLLAR ")",
        "O'Brien's \"crew\" 100%",
        "华东<b>&amp;",
    };
    static const int64_t team_ids[FIXTURE_TEAMS] = {3, 1, 2};
    for (size_t t = 0; t < FIXTURE_TEAMS; t++) {
        f->teams[t].team_id = team_ids[t];
        f->teams[t].name = (char *)team_names[t];
    }
    static const struct {
        const char *employee_no, *name;
        size_t team;
        counts c;
    } agents[FIXTURE_AGENTS] = {
        {"A001",
         "`touch " FIXTURE_PWNED_BACKQUOTE "`",
         0,
         {40, 8000000, 960000, 9, 300, 250, 90, 30, 24, 4, 14, 6, 3, 2, 1, 10, 41}},
        {"A002",
         "张伟",
         2,
         {35, 6000000, 1500000, 12, 280, 240, 100, 35, 30, 5, 20, 5, 2, 0, 0, 8, 36}},
        {"A003",
         "back\\slash @foo {x}_y^z",
         1,
         {30, 5000000, 400000, 4, 260, 230, 70, 20, 18, 2, 7, 9, 1, 1, 0, 6, 22}},
        {"A004",
         "Zoë 'Z' %s%n <script>alert(1)</script>",
         1,
         {0, 0, 0, 0, 120, 100, 30, 5, 4, 4, 0, 0, 0, 1, 1, 0, 0}},
        {"A005",
         "李娜",
         2,
         {38, 7000000, 1260000, 10, 290, 260, 95, 28, 25, 3, 16, 6, 2, 0, 0, 9, 40}},
    };
    static const double agent_days[FIXTURE_AGENTS][3] = {
        {20.5, 44.25, 90.0}, {15.0, 30.0, 0}, {61.75, 0, 0}, {0, 0, 0}, {12.5, 27.0, 0}};
    static const size_t agent_day_count[FIXTURE_AGENTS] = {3, 2, 1, 0, 2};

    month_result(&f->current, 10);
    f->current.agents = f->agents;
    f->current.teams = f->teams;
    f->current.has_cutoff = true;
    f->current.data_cutoff = f->current.period.end - 3600;
    f->current.as_of = f->current.data_cutoff;
    month_result(&f->previous, 9);
    f->report.current = &f->current;
    f->report.previous = &f->previous;
    f->report.lang = lang;
    f->report.database_name = "fixture's <db>.sqlite";
    f->report.program_version = "0.0-test";
    f->report.trend = f->trend;
    if (empty)
        return;

    /* Agents; team rows summed with the engine's kpi_row_add, then finished. */
    size_t r = 0;
    double team_days[FIXTURE_TEAMS][6];
    size_t team_day_count[FIXTURE_TEAMS] = {0};
    kpi_row team_rows[FIXTURE_TEAMS];
    memset(team_rows, 0, sizeof team_rows);
    for (size_t a = 0; a < FIXTURE_AGENTS; a++) {
        kpi_agent *agent = &f->agents[a];
        agent->agent_id = (int64_t)a + 11;
        agent->employee_no = (char *)agents[a].employee_no;
        agent->name = (char *)agents[a].name;
        agent->team_index = agents[a].team;
        agent->row = row_of(agents[a].c, agent_days[a], agent_day_count[a]);
        kpi_row_add(&team_rows[agents[a].team], &agent->row);
        kpi_row_add(&f->current.total, &agent->row);
        for (size_t d = 0; d < agent_day_count[a]; d++) {
            f->resolutions[r++] = (kpi_resolution){a, agent_days[a][d]};
            team_days[agents[a].team][team_day_count[agents[a].team]++] = agent_days[a][d];
        }
    }
    f->current.agent_count = FIXTURE_AGENTS;
    f->current.team_count = FIXTURE_TEAMS;
    f->current.resolutions = f->resolutions;
    f->current.resolution_count = r;
    double all_days[8] = {12.5, 15.0, 20.5, 27.0, 30.0, 44.25, 61.75, 90.0}; /* sorted */
    for (size_t t = 0; t < FIXTURE_TEAMS; t++) {
        /* sort the pooled days (at most three per team here) */
        for (size_t i = 1; i < team_day_count[t]; i++)
            for (size_t j = i; j > 0 && team_days[t][j - 1] > team_days[t][j]; j--) {
                double swap = team_days[t][j];
                team_days[t][j] = team_days[t][j - 1];
                team_days[t][j - 1] = swap;
            }
        f->teams[t].row = team_rows[t];
        kpi_row_finish(&f->teams[t].row, team_days[t], team_day_count[t]);
    }
    kpi_row_finish(&f->current.total, all_days, 8);
    f->current.unassigned_collected_minor = 123456;

    /* Complaints: categories harassment x2, fees, other; one names no agent. */
    static const kpi_complaint complaints[5] = {
        {1, NULL, 0, 0, 0, 0, 1, true, 0, {true, 0.0}, {false, 0.0}, false},
        {2, NULL, 2, 0, 0, 0, 0, false, 0, {false, 0.0}, {false, 0.0}, false},
        {3, NULL, 3, 0, 3, 8, 1, false, 0, {false, 0.0}, {false, 0.0}, false},
        {4, NULL, KPI_NO_INDEX, 0, 1, 8, -1, false, 0, {false, 0.0}, {false, 0.0}, false},
        {5, NULL, 0, 0, 0, 10, 0, true, 0, {true, 0.0}, {false, 0.0}, false},
    };
    memcpy(f->complaints, complaints, sizeof complaints);
    f->current.complaints = f->complaints;
    f->current.complaint_count = 5;

    /* Contact compliance under the cn profile: each agent's breaches by rule (quiet_hours,
     * attempts_per_day, connected_per_day, third_party_early, burst), no contact breaking
     * two rules; teams and the total summed with the engine's kpi_compliance_add, the
     * automated messages' four quiet-hours breaches on the system line. A004 has none. */
    static const int64_t agent_breaches[FIXTURE_AGENTS][5] = {
        {3, 0, 1, 2, 5}, {0, 2, 0, 0, 1}, {1, 0, 0, 4, 0}, {0, 0, 0, 0, 0}, {2, 1, 0, 1, 3}};
    f->current.has_compliance = true;
    for (size_t a = 0; a < FIXTURE_AGENTS; a++) {
        kpi_compliance_row *c = &f->agents[a].compliance;
        c->outbound_contacts = f->agents[a].row.call_attempts;
        for (int rule = 0; rule < 5; rule++) {
            c->breaches[rule] = agent_breaches[a][rule];
            c->breaching_contacts += agent_breaches[a][rule];
        }
        c->critical_breaches = c->breaches[COMPLIANCE_THIRD_PARTY_EARLY];
        c->cases_with_breach = c->breaching_contacts > 0 ? c->breaching_contacts - 1 : 0;
        kpi_compliance_finish(c);
        kpi_compliance_add(&f->teams[f->agents[a].team_index].compliance, c);
        kpi_compliance_add(&f->current.compliance_total, c);
    }
    f->current.compliance_system.outbound_contacts = 40;
    f->current.compliance_system.breaches[COMPLIANCE_QUIET_HOURS] = 4;
    f->current.compliance_system.breaching_contacts = 4;
    f->current.compliance_system.cases_with_breach = 4;
    kpi_compliance_finish(&f->current.compliance_system);
    kpi_compliance_add(&f->current.compliance_total, &f->current.compliance_system);
    kpi_compliance_finish(&f->current.compliance_total);
    for (size_t t = 0; t < FIXTURE_TEAMS; t++)
        kpi_compliance_finish(&f->teams[t].compliance);

    /* Previous month: the same shape with less money. */
    f->previous.total = row_of(
        (counts){140, 26000000, 3100000, 30, 1100, 950, 330, 100, 90, 10, 50, 30, 7, 5, 1, 30, 120},
        all_days, 6);
    f->previous.unassigned_collected_minor = 0;
    f->previous.has_compliance = true;
    f->previous.compliance_total.outbound_contacts = 900;
    f->previous.compliance_total.breaching_contacts = 20;
    f->previous.compliance_total.critical_breaches = 5;
    kpi_compliance_finish(&f->previous.compliance_total);

    /* Trend: 2026-08 (a team that is gone now, id 9), 2026-09, 2026-10 = current. */
    static const char *const old_names[FIXTURE_TEAMS] = {
        "Old team", "$(touch " FIXTURE_PWNED_DOLLAR ")", "O'Brien's \"crew\" 100%"};
    static const int64_t old_ids[FIXTURE_TEAMS] = {9, 3, 1};
    for (size_t m = 0; m < 2; m++) {
        month_result(&f->months[m], 8 + (int)m);
        f->months[m].teams = f->month_teams[m];
        f->months[m].team_count = FIXTURE_TEAMS;
        for (size_t t = 0; t < FIXTURE_TEAMS; t++) {
            kpi_team *team = &f->month_teams[m][t];
            team->team_id = m == 0 ? old_ids[t] : f->teams[t].team_id;
            team->name = (char *)(m == 0 ? old_names[t] : team_names[t]);
            team->row =
                row_of((counts){40, 8000000, 500000 + (int64_t)(m * 3 + t) * 100000, 5, 300, 250,
                                80, 20, 18, 0, 9 + (int64_t)t, 9 - (int64_t)t, 2, 1, 0, 5, 20},
                       NULL, 0);
        }
        f->months[m].total = row_of((counts){120, 24000000, 2000000 + (int64_t)m * 900000, 15, 900,
                                             750, 240, 60, 54, 0, 30, 24, 6, 3, 0, 15, 60},
                                    NULL, 0);
        f->months[m].unassigned_collected_minor = m == 0 ? 250000 : 0;
    }
    /* 2026-09 has no judged promises in Alpha: an undefined rate is a gap in the line. */
    f->month_teams[1][0].row.ptp_kept = 0;
    f->month_teams[1][0].row.ptp_broken = 0;
    f->month_teams[1][0].row.ptp_kept_rate.defined = false;
    f->month_teams[1][0].row.ptp_kept_rate.value = 0;
    f->months[2] = f->current;
    for (size_t m = 0; m < FIXTURE_MONTHS; m++)
        f->trend[m] = &f->months[m];
    f->report.trend_count = FIXTURE_MONTHS;
}

#define LARGE_TEAMS       50
#define LARGE_AGENTS      1000
#define LARGE_RESOLUTIONS 40000
#define LARGE_COMPLAINTS  2000
#define LARGE_MONTHS      12
#define LARGE_NAME        32

/* A fixed linear congruential sequence (Knuth's MMIX constants). */
static uint64_t next_random(uint64_t *state, uint64_t bound)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (*state >> 33) % bound;
}

static kpi_row large_row(uint64_t *state, int64_t scale)
{
    counts c = {0};
    c.cases = scale * (20 + (int64_t)next_random(state, 30));
    c.balance = c.cases * (100000 + (int64_t)next_random(state, 400000));
    c.collected = c.balance / 100 * (2 + (int64_t)next_random(state, 12));
    c.paying = c.cases / 4;
    c.contacts = scale * (200 + (int64_t)next_random(state, 200));
    c.calls = c.contacts * 8 / 10;
    c.rpc = c.calls / 3;
    c.made = c.rpc / 3;
    c.kept = scale * (5 + (int64_t)next_random(state, 15));
    c.broken = scale * (3 + (int64_t)next_random(state, 10));
    c.pending = scale * (int64_t)next_random(state, 4);
    c.due = c.kept + c.broken + c.pending;
    c.complaints = (int64_t)next_random(state, 3);
    c.surveys = scale * 5;
    c.score_sum = c.surveys * 4;
    return row_of(c, NULL, 0);
}

bool fixture_build_large(fixture_large *f, settings_lang lang)
{
    memset(f, 0, sizeof *f);
    f->teams = calloc(LARGE_TEAMS, sizeof *f->teams);
    f->agents = calloc(LARGE_AGENTS, sizeof *f->agents);
    f->resolutions = calloc(LARGE_RESOLUTIONS, sizeof *f->resolutions);
    f->complaints = calloc(LARGE_COMPLAINTS, sizeof *f->complaints);
    f->month_teams = calloc(LARGE_MONTHS * LARGE_TEAMS, sizeof *f->month_teams);
    f->names = calloc(LARGE_TEAMS + LARGE_AGENTS, LARGE_NAME);
    if (f->teams == NULL || f->agents == NULL || f->resolutions == NULL || f->complaints == NULL ||
        f->month_teams == NULL || f->names == NULL) {
        fixture_large_free(f);
        return false;
    }
    uint64_t state = 42;
    month_result(&f->current, 10);
    for (size_t t = 0; t < LARGE_TEAMS; t++) {
        char *name = f->names + t * LARGE_NAME;
        if (t < 26)
            snprintf(name, LARGE_NAME, "Team %02zu", t + 1);
        else
            snprintf(name, LARGE_NAME, "华东%02zu组", t + 1);
        f->teams[t].team_id = (int64_t)t + 1;
        f->teams[t].name = name;
    }
    for (size_t a = 0; a < LARGE_AGENTS; a++) {
        char *number = f->names + (LARGE_TEAMS + a) * LARGE_NAME;
        snprintf(number, LARGE_NAME, "E%04zu", a + 1);
        f->agents[a].agent_id = (int64_t)a + 1;
        f->agents[a].employee_no = number;
        /* Named: the best and worst agents are shown by name at this scale. */
        snprintf(number + 6, LARGE_NAME - 6, "%s %04zu", a % 3 == 0 ? "催收员" : "Agent", a + 1);
        f->agents[a].name = number + 6;
        f->agents[a].team_index = a % LARGE_TEAMS;
        f->agents[a].row = large_row(&state, 1);
        kpi_row_add(&f->teams[a % LARGE_TEAMS].row, &f->agents[a].row);
        kpi_row_add(&f->current.total, &f->agents[a].row);
    }
    for (size_t t = 0; t < LARGE_TEAMS; t++)
        kpi_row_finish(&f->teams[t].row, NULL, 0);
    kpi_row_finish(&f->current.total, NULL, 0);
    for (size_t i = 0; i < LARGE_RESOLUTIONS; i++)
        f->resolutions[i] =
            (kpi_resolution){i % LARGE_AGENTS, (double)next_random(&state, 40000) / 100.0};
    for (size_t i = 0; i < LARGE_COMPLAINTS; i++) {
        size_t agent = (size_t)next_random(&state, LARGE_AGENTS + 50);
        f->complaints[i] = (kpi_complaint){(int64_t)i + 1,
                                           NULL,
                                           agent < LARGE_AGENTS ? agent : KPI_NO_INDEX,
                                           0,
                                           (int)next_random(&state, 4),
                                           (int)next_random(&state, 11),
                                           (int)next_random(&state, 3) - 1,
                                           false,
                                           0,
                                           {false, 0.0},
                                           {false, 0.0},
                                           false};
    }
    f->current.agents = f->agents;
    f->current.agent_count = LARGE_AGENTS;
    f->current.teams = f->teams;
    f->current.team_count = LARGE_TEAMS;
    f->current.resolutions = f->resolutions;
    f->current.resolution_count = LARGE_RESOLUTIONS;
    f->current.complaints = f->complaints;
    f->current.complaint_count = LARGE_COMPLAINTS;
    for (size_t m = 0; m + 1 < LARGE_MONTHS; m++) {
        month_result(&f->months[m], 10);
        period_of_month(m < 2 ? 2025 : 2026, m < 2 ? 11 + (int)m : (int)m - 1,
                        &f->months[m].period);
        f->months[m].teams = f->month_teams + m * LARGE_TEAMS;
        f->months[m].team_count = LARGE_TEAMS;
        for (size_t t = 0; t < LARGE_TEAMS; t++) {
            f->month_teams[m * LARGE_TEAMS + t] = f->teams[t];
            f->month_teams[m * LARGE_TEAMS + t].row = large_row(&state, 20);
            kpi_row_add(&f->months[m].total, &f->month_teams[m * LARGE_TEAMS + t].row);
        }
        kpi_row_finish(&f->months[m].total, NULL, 0);
    }
    f->months[LARGE_MONTHS - 1] = f->current;
    for (size_t m = 0; m < LARGE_MONTHS; m++)
        f->trend[m] = &f->months[m];
    f->report.current = &f->current;
    f->report.lang = lang;
    f->report.trend = f->trend;
    f->report.trend_count = LARGE_MONTHS;
    f->report.database_name = "large.db";
    f->report.program_version = "0.0-test";
    return true;
}

void fixture_large_free(fixture_large *f)
{
    free(f->teams);
    free(f->agents);
    free(f->resolutions);
    free(f->complaints);
    free(f->month_teams);
    free(f->names);
    memset(f, 0, sizeof *f);
}
