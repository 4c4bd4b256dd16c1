/* demo.c - `collectkpi demo`: the deterministic synthetic case database.
 *
 * The entry point of the generator: checks the options, lays out the covered months,
 * creates the people and the cases, runs the month-by-month simulation (demo_sim.c) while
 * the writer (demo_db.c) loads each month's rows, then builds the indexes and moves the
 * finished file into place. The file is written under a temporary name in the same folder
 * and only appears at its path when complete; an existing file is kept unless `force`.
 */
#include "collectkpi/demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/interrupt.h"
#include "collectkpi/codes.h"
#include "collectkpi/datetime.h"
#include "demo_internal.h"

/* ---- the generator ---- */

bool demo_size_from_text(const char *text, demo_size *out)
{
    if (text != NULL && strcmp(text, "demo") == 0)
        *out = DEMO_SIZE_DEMO;
    else if (text != NULL && strcmp(text, "large") == 0)
        *out = DEMO_SIZE_LARGE;
    else
        return false;
    return true;
}

/* contact_budget: the contacts the simulation may hold in blocks while the writer still has
 * some to give back (demo_rows.c). The large size's is a little more than its largest month
 * (2024-07 at seed 1: 1,700,673 contacts, 27 MB, and at most a part-filled block a day), so
 * that the simulation has the next month ready when the writer is done with one (it makes
 * a month four times as fast as the writer writes it; 40 MiB was no quicker and 8 MiB more
 * at the peak); the demo size's, about one month (a block a day), makes the simulation
 * wait for the writer's blocks now and then, so the tests run that path too. */
typedef struct scale {
    int teams, agents, months;
    int32_t cases;
    size_t contact_budget;
} scale;

static const scale scales[] = {
    [DEMO_SIZE_DEMO] = {6, 60, 13, 20000, (size_t)2 << 20},
    [DEMO_SIZE_LARGE] = {50, 1000, 24, 1000000, (size_t)32 << 20},
};

/* demo_sim.c names codes by their index in the codes.h lists; make sure they still agree
 * (a reordered list would otherwise write wrong codes silently). */
static bool codes_agree(void)
{
    static const struct {
        const codes_list *list;
        const char *code;
        int index;
    } used[] = {
        {&codes_channel, "call", 0},
        {&codes_channel, "sms", 1},
        {&codes_channel, "email", 2},
        {&codes_channel, "letter", 3},
        {&codes_channel, "visit", 4},
        {&codes_channel, "im", 5},
        {&codes_direction, "outbound", 0},
        {&codes_direction, "inbound", 1},
        {&codes_party, "debtor", 0},
        {&codes_party, "third_party", 1},
        {&codes_party, "none", 2},
        {&codes_outcome, "no_answer", 0},
        {&codes_outcome, "busy", 1},
        {&codes_outcome, "invalid_number", 2},
        {&codes_outcome, "voicemail", 3},
        {&codes_outcome, "contacted", 4},
        {&codes_outcome, "promise", 5},
        {&codes_outcome, "refusal", 6},
        {&codes_outcome, "dispute", 7},
        {&codes_outcome, "callback_requested", 8},
        {&codes_product, "credit_card", 0},
        {&codes_product, "consumer_loan", 1},
        {&codes_product, "auto_loan", 2},
        {&codes_product, "mortgage", 3},
        {&codes_product, "other", 4},
        {&codes_close_reason, "paid_in_full", 0},
        {&codes_close_reason, "settled", 1},
        {&codes_close_reason, "plan_completed", 2},
        {&codes_close_reason, "recalled", 3},
        {&codes_close_reason, "legal", 4},
        {&codes_close_reason, "written_off", 5},
        {&codes_close_reason, "deceased", 6},
        {&codes_close_reason, "bankrupt", 7},
    };
    for (size_t i = 0; i < sizeof used / sizeof used[0]; i++)
        if (codes_find(used[i].list, used[i].code) != used[i].index)
            return false;
    return codes_method.count == 6 && codes_complaint_source.count == 4 &&
           codes_complaint_category.count == 11;
}

typedef struct progress {
    const demo_options *options;
    const char *phase;
    double from, to;
} progress;

static void report(const progress *p, double within)
{
    if (p->options->progress != NULL)
        p->options->progress(p->options->progress_ctx, p->phase,
                             p->from + (p->to - p->from) * within);
}

static void index_step(void *ctx, double fraction)
{
    report(ctx, fraction);
}

static void world_free(demo_world *w)
{
    demo_sim_free(w);
    demo_people_free(w);
    free(w->complaints.items);
    free(w->surveys.items);
}

/* The simulation's thread: month after month, rows made, sorted and handed over. */
typedef struct sim_run {
    demo_world *world;
    demo_rows *rows;
    ck_error err; /* read by the caller once the thread has ended */
} sim_run;

static void *simulate(void *arg)
{
    sim_run *run = arg;
    demo_world *w = run->world;
    for (int k = 0; k < w->months && run->err == CK_OK; k++) {
        demo_month_rows *m = demo_rows_begin_month(run->rows, k);
        if (m == NULL) /* the writer stopped */
            break;
        w->rows = m;
        demo_sim_month(w, k);
        if (k == w->months - 1)
            demo_sim_finish(w);    /* the assignments still current at the end */
        if (interrupt_requested()) /* the simulation itself runs no SQL */
            run->err = CK_ERR_IO;
        else if (w->out_of_memory || !demo_rows_publish(run->rows, w, m))
            run->err = CK_ERR_NOMEM;
    }
    w->rows = NULL;
    demo_rows_sim_end(run->rows);
    return NULL;
}

static void count_month(const demo_month_rows *m, demo_summary *s)
{
    for (int d = 0; d < DEMO_MONTH_DAYS; d++)
        s->contacts += (int64_t)m->days[d].count;
    s->payments += (int64_t)m->payments.count;
    s->promises += (int64_t)m->promises.count;
    s->assignments += (int64_t)m->assignments.count;
    s->complaints += (int64_t)m->complaints.count;
    s->surveys += (int64_t)m->surveys.count;
}

/* Runs the simulation on a thread of its own while this one writes each month it hands
 * over; then the cases and the complaints and surveys still held. */
static ck_error simulate_and_write(demo_db *db, demo_world *w, demo_rows *rows, progress *p,
                                   demo_summary *summary, ck_diag *diag)
{
    sim_run run = {w, rows, CK_OK};
    pthread_t thread;
    ck_error err = CK_OK;
    if (pthread_create(&thread, NULL, simulate, &run) != 0) {
        ck_diag_set(diag, "cannot start the simulation's thread");
        return CK_ERR_NOMEM;
    }
    for (int k = 0; err == CK_OK; k++) {
        report(p, (double)k / w->months);
        demo_month_rows *m = demo_rows_next(rows);
        if (m == NULL)
            break;
        count_month(m, summary);
        err = demo_db_write_month(db, rows, m, w->month_start[m->month], diag);
        demo_rows_done(rows, m);
    }
    if (err != CK_OK)
        demo_rows_stop(rows);
    pthread_join(thread, NULL);
    if (err == CK_OK && run.err != CK_OK) {
        ck_diag_set(diag, run.err == CK_ERR_IO ? "interrupted" : "out of memory");
        err = run.err;
    }
    if (err != CK_OK)
        return err;
    *p = (progress){p->options, "writing cases", 0.62, 0.65};
    report(p, 0);
    err = demo_db_write_cases(db, diag);
    /* the complaints and surveys received after the data's end month */
    if (err == CK_OK) {
        demo_month_rows *late = &rows->slots[0];
        if (!demo_rows_take_late(w, INT64_MAX, late)) {
            ck_diag_set(diag, "out of memory");
            return CK_ERR_NOMEM;
        }
        summary->complaints += (int64_t)late->complaints.count;
        summary->surveys += (int64_t)late->surveys.count;
        err = demo_db_write_late_rows(db, late, diag);
    }
    return err;
}

ck_error demo_generate(const char *path, const demo_options *options, demo_summary *summary,
                       ck_diag *diag)
{
    const scale *sc = &scales[options->size == DEMO_SIZE_LARGE ? DEMO_SIZE_LARGE : 0];
    demo_world *w = NULL;
    demo_db db = {0};
    demo_rows rows = {0};
    atomic_file file = {0};
    ck_error err = CK_OK;
    struct stat st;
    memset(summary, 0, sizeof *summary);

    /* From 2000 on: the simulation uses 0 seconds (1970-01-01 00:00:00) for "none". */
    if (options->end_month < 1 || options->end_month > 12 || options->end_year < 2000 ||
        options->end_year > 9998) {
        ck_diag_set(diag, "the end month must lie between 2000-01 and 9998-12");
        return CK_ERR_USAGE;
    }
    if (!codes_agree()) {
        ck_diag_set(diag, "the demo generator's codes are out of step with codes.c");
        return CK_ERR_PROGRAM;
    }
    if (!options->force && stat(path, &st) == 0) {
        ck_diag_set(diag, "it exists already; choose a new file name, remove it, or pass "
                          "--force to replace it");
        return CK_ERR_EXISTS;
    }

    w = calloc(1, sizeof *w);
    if (w == NULL)
        return CK_ERR_NOMEM;
    w->seed = options->seed;
    demo_rng_seed(&w->rng, options->seed);
    w->months = sc->months;
    int first = options->end_year * 12 + (options->end_month - 1) - (sc->months - 1);
    for (int k = 0; k <= sc->months; k++) {
        int ym = first + k;
        w->month_start[k] = datetime_days_from_civil(ym / 12, ym % 12 + 1, 1) * DEMO_DAY;
    }
    w->data_start = w->month_start[0];
    w->data_end = w->month_start[sc->months];
    summary->first_year = first / 12;
    summary->first_month = first % 12 + 1;
    summary->months = sc->months;

    progress p = {options, "preparing", 0.0, 0.01};
    report(&p, 0);
    err = demo_people_create(w, sc->teams, sc->agents);
    if (err == CK_OK)
        err = demo_sim_create_cases(w, sc->cases);
    if (err == CK_OK && interrupt_requested()) { /* making the cases takes seconds */
        ck_diag_set(diag, "interrupted");
        err = CK_ERR_IO;
        goto done;
    }
    if (err != CK_OK) {
        ck_diag_set(diag, "out of memory");
        goto done;
    }
    err = atomic_file_reserve(&file, path, diag);
    if (err == CK_OK)
        err = demo_db_open(&db, file.temp_path, w, diag);
    if (err == CK_OK)
        err = demo_db_write_people(&db, diag);
    if (err == CK_OK &&
        (err = demo_rows_init(&rows, sc->contact_budget / sizeof(demo_contact_block))) != CK_OK)
        ck_diag_set(diag, "out of memory");
    w->pipe = &rows;
    p = (progress){options, "simulating months", 0.01, 0.62};
    if (err == CK_OK)
        err = simulate_and_write(&db, w, &rows, &p, summary, diag);
    summary->teams = w->team_count;
    summary->agents = w->agent_count;
    summary->cases = w->case_count;
    /* The rows are in; free the simulation before the index sorter wants memory. */
    demo_rows_free(&rows);
    world_free(w);
    free(w);
    w = NULL;

    p = (progress){options, "building indexes", 0.65, 1.0};
    if (err == CK_OK)
        err = demo_db_finish(&db, summary, index_step, &p, diag);
    demo_db_close(&db);
    /* Without force, never over a file that appeared while this one was written. */
    if (err == CK_OK && options->force)
        err = atomic_file_commit(&file, diag);
    else if (err == CK_OK && (err = atomic_file_commit_new(&file, diag)) == CK_ERR_EXISTS)
        ck_diag_set(diag, "it appeared while the database was generated; not replaced");
    if (err == CK_OK) {
        p = (progress){options, "done", 1.0, 1.0};
        report(&p, 1.0);
    }
done:
    if (db.db != NULL)
        demo_db_close(&db);
    demo_rows_free(&rows);
    atomic_file_abort(&file);
    if (w != NULL) {
        world_free(w);
        free(w);
    }
    return err;
}
