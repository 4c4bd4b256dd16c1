/* demo_internal.h - what the demo generator's files share (not a public interface).
 *
 * The generator is split by concern; each file calls only files listed below it:
 *   demo.c        the entry point: options, temporary file, progress, the month loop
 *   demo_people.c teams and agents (names, skills, hiring and leaving)
 *   demo_sim.c    the cases: placement, assignments, contacts, promises, payments, closure
 *   demo_events.c the events of a case's month (contacts, promises, payments, ...)
 *   demo_db.c     the SQLite writer (prepared statements, pragmas, indexes)
 *   demo_rows.c   a month's rows from the simulation's thread to the writer's (and their sorts)
 *   demo_rng.c    the random draws every other file uses
 * All randomness flows from one demo_rng in the world, consumed in a fixed order, so the
 * same seed gives the same rows.
 */
#ifndef COLLECTKPI_DEMO_INTERNAL_H
#define COLLECTKPI_DEMO_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "collectkpi/demo.h"
#include "collectkpi/error.h"
#include "collectkpi/schema.h"
#include "collectkpi/vec.h"

#define DEMO_DAY        INT64_C(86400)
#define DEMO_HOUR       INT64_C(3600)
#define DEMO_NEVER      INT64_MAX
#define DEMO_MAX_MONTHS 24

/* ---- random numbers: xoshiro256** seeded through splitmix64 ---- */

typedef struct demo_rng {
    uint64_t s[4];
} demo_rng;

static inline uint64_t demo_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline void demo_rng_seed(demo_rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng->s[i] = demo_splitmix64(&seed);
}

static inline uint64_t demo_rng_next(demo_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t x = s[1] * 5;
    uint64_t result = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform in [0, 1). */
static inline double demo_rng_unit(demo_rng *rng)
{
    return (double)(demo_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for the ranges used here. */
static inline int64_t demo_rng_below(demo_rng *rng, int64_t n)
{
    return (int64_t)(demo_rng_next(rng) % (uint64_t)n);
}

/* Uniform in [lo, hi] (both included). */
static inline int64_t demo_rng_range(demo_rng *rng, int64_t lo, int64_t hi)
{
    return lo + demo_rng_below(rng, hi - lo + 1);
}

static inline bool demo_rng_chance(demo_rng *rng, double p)
{
    return demo_rng_unit(rng) < p;
}

/* demo_rng.c: the draws that are more than one line. */
double demo_rng_gauss(demo_rng *rng);
int demo_rng_poisson(demo_rng *rng, double lambda);
/* Index drawn from weights[0..n-1] (need not sum to 1). */
int demo_rng_pick(demo_rng *rng, const double *weights, int n);

/* ---- rows, buffered per month and written in time order ---- */

/* 16 bytes, as a month holds over a million: the key is both the sort key (the order of
 * contacts_by_time) and the row's time, agent and codes, DEMO_KEY_* below. */
typedef struct demo_contact {
    uint64_t key;
    int32_t case_id;
    int32_t duration_s;
} demo_contact;

/* The key: seconds since the month's start << 27 | agent (0 = NULL, an automated message)
 * << 11 | the ranks in text order (what contacts_by_time sorts by) of channel << 7,
 * direction << 6, party << 4 and outcome. */
#define DEMO_KEY_TIME_SHIFT  27
#define DEMO_KEY_AGENT_SHIFT 11
#define DEMO_KEY_AGENT_MASK  0xFFFF
#define DEMO_MONTH_DAYS      31

typedef struct demo_payment {
    int64_t at;
    int64_t amount;
    int32_t case_id;
    uint8_t method;
} demo_payment;

typedef struct demo_promise {
    int64_t made_at;
    int64_t due_day;
    int64_t amount;
    int32_t case_id;
    int32_t agent_id;
} demo_promise;

typedef struct demo_assignment {
    int64_t start_at;
    int64_t end_at; /* 0 = NULL (still current) */
    int32_t case_id;
    int32_t agent_id;
} demo_assignment;

typedef struct demo_complaint {
    int64_t at;
    int64_t resolved_at;  /* 0 = NULL */
    int32_t case_id;      /* 0 = NULL */
    int32_t agent_id;     /* 0 = NULL */
    int8_t substantiated; /* -1 = NULL (under review) */
    uint8_t source, category;
} demo_complaint;

typedef struct demo_survey {
    int64_t at;
    int32_t case_id;
    int32_t agent_id;
    int32_t score;
} demo_survey;

/* The buffered rows of one type: a vec.h array. */
#define DEMO_ROWS(name, type)                                                                      \
    typedef struct name {                                                                          \
        type *items;                                                                               \
        size_t count, capacity;                                                                    \
    } name
DEMO_ROWS(demo_contacts, demo_contact);
DEMO_ROWS(demo_payments, demo_payment);
DEMO_ROWS(demo_promises, demo_promise);
DEMO_ROWS(demo_assignments, demo_assignment);
DEMO_ROWS(demo_complaints, demo_complaint);
DEMO_ROWS(demo_surveys, demo_survey);

/* A pointer to a new zeroed row at the end of rows (a DEMO_ROWS), NULL when out of memory. */
#define DEMO_NEW_ROW(rows)                                                                         \
    (VEC_RESERVE((rows).items, (rows).capacity, (rows).count + 1)                                  \
         ? memset(&(rows).items[(rows).count++], 0, sizeof *(rows).items)                          \
         : NULL)

/* A day's contacts: a list of blocks of DEMO_BLOCK_ROWS (64 KiB) from the pool of
 * demo_rows, so that the writer can give a stored day's memory back to the simulation. */
#define DEMO_BLOCK_ROWS 4096
typedef struct demo_contact_block {
    struct demo_contact_block *next;
    size_t count;
    demo_contact rows[DEMO_BLOCK_ROWS];
} demo_contact_block;

typedef struct demo_contact_day {
    demo_contact_block *first, *last;
    size_t count;
} demo_contact_day;

/* One month's rows: contacts by day of the month (so that sorting them needs room for one
 * day's, not the month's), and the complaints and surveys known by the month's end. */
typedef struct demo_month_rows {
    int month;
    demo_contact_day days[DEMO_MONTH_DAYS];
    demo_payments payments;
    demo_promises promises;
    demo_assignments assignments;
    demo_complaints complaints;
    demo_surveys surveys;
} demo_month_rows;

/* The hand-over between the simulation's thread and the writer's; the fields below the
 * lock change only under it. */
typedef struct demo_rows {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool ready; /* lock and condition made */
    size_t block_budget;
    size_t blocks;                   /* made so far */
    demo_contact_block *free_blocks; /* given back by the writer */
    int published;                   /* months handed to the writer */
    int written;                     /* months the writer is done with */
    bool sim_ended, stop;            /* no month to come; the writer gave up */
    demo_month_rows slots[2];        /* month k in slots[k % 2] */
    /* the simulation's room for sorting a day */
    demo_contact *sort_a, *sort_b;
    size_t sort_a_capacity, sort_b_capacity;
} demo_rows;

/* ---- the people ---- */

typedef struct demo_agent {
    int64_t hired_day; /* days since 1970 */
    int64_t left_day;  /* DEMO_NEVER while employed */
    int64_t leave_at;  /* left_day 18:00:00, when the agent's cases are handed over */
    int32_t team_id;
    int32_t load;      /* cases held right now, for balanced allocation */
    double skill;      /* reaching debtors, getting and keeping promises (about 0.5..1.6) */
    double effort;     /* attempts per case (about 0.7..1.3) */
    double aggression; /* complaint propensity (1 = typical) */
    double courtesy;   /* survey scores (about 0.6..1.4) */
    unsigned habits;   /* DEMO_HABIT_*: how the agent bends the contact rules */
    char employee_no[8];
    char name[40];
} demo_agent;

/* Contact habits of a few agents (docs/demo.md): what the compliance rules catch. */
enum {
    DEMO_HABIT_LATE = 1,      /* calls on into the evening, now and then before 08:00 */
    DEMO_HABIT_REDIAL = 2,    /* redials at once after a failed call, and calls back again
                                 and again the day the debtor answers */
    DEMO_HABIT_RELATIVES = 4, /* rings relatives before the debtor has been tried */
};

typedef struct demo_team {
    char name[32];
    int32_t *members; /* agent ids */
    int32_t member_count;
} demo_team;

/* ---- a case while it is simulated ---- */

/* A time of a case after its placement, in 4 bytes (a million cases are held at once): 0 for
 * none, else 1 + the seconds since the case's placed_at. Nothing happens to a case before it
 * is placed, and 2^31 seconds are 68 years. Read and written only through demo_case_time
 * and demo_case_set (a struct, so that a plain integer use does not compile). */
typedef struct demo_case_t32 {
    int32_t since_placed;
} demo_case_t32;

typedef struct demo_case {
    int64_t placed_at;
    int64_t balance; /* placed_balance */
    int64_t paid;    /* running sum of its payments */
    int64_t pay_amount;
    int64_t rev_amount;
    int64_t plan_amount;     /* instalment of a running payment plan */
    demo_case_t32 closed_at; /* 0 = open */
    demo_case_t32 holder_since;
    demo_case_t32 pool_until;    /* unassigned, waiting for an agent until then (0 = not waiting) */
    demo_case_t32 pay_at;        /* the next scheduled payment (0 = none) */
    demo_case_t32 rev_at;        /* a scheduled reversal of an earlier payment (0 = none) */
    demo_case_t32 promise_until; /* end of the window of the open promise */
    /* Whether the debtor counts as unreachable (compliance.md): from unreachable_from (0 =
     * not), while the evidence of evidence_day is in the last 30 days; failed_calls of
     * failed_day count towards three failed calls in a day. */
    demo_case_t32 unreachable_from;
    int32_t evidence_day, failed_day;
    int32_t holder; /* agent id, 0 = none */
    int32_t debtor; /* debtor number behind the opaque debtor_ref */
    float will;     /* willingness to pay (0..~2) */
    uint16_t dpd;
    uint8_t failed_calls;
    uint8_t product, bucket, close_reason, pay_kind, plan_left, plan_k;
    uint8_t method, rev_method, flags, idle_months;
    uint8_t term_months; /* the placement term agreed with the creditor */
} demo_case;

/* A time field of c in seconds since 1970 (0 for none). */
#define demo_case_time(c, field)                                                                   \
    ((c)->field.since_placed == 0 ? INT64_C(0) : (c)->placed_at + (c)->field.since_placed - 1)

/* Sets a time field of c to t (seconds since 1970, 0 for none; never before placed_at). */
#define demo_case_set(c, field, t) ((c)->field = demo_case_pack((c)->placed_at, (t)))

static inline demo_case_t32 demo_case_pack(int64_t placed_at, int64_t t)
{
    return (demo_case_t32){t == 0 ? 0 : (int32_t)(t - placed_at + 1)};
}

enum {
    DEMO_CASE_BAD_NUMBER = 1,
    DEMO_CASE_PAID_THIS_MONTH = 2,
    DEMO_CASE_TRACKED_PLAN = 4, /* each instalment of the plan is a promise row */
    DEMO_CASE_FORTNIGHTLY = 8,  /* the plan pays every two weeks, not monthly */
};

/* ---- the world: everything the generator knows, passed by pointer (no globals) ---- */

typedef struct demo_world {
    demo_rng rng;
    uint64_t seed;
    int months;
    int64_t month_start[DEMO_MAX_MONTHS + 1]; /* seconds; [months] is the data end */
    int64_t data_start, data_end;

    int team_count;
    demo_team *teams; /* [1..team_count], index 0 unused */
    int agent_count;
    demo_agent *agents; /* [1..agent_count], index 0 unused */

    int32_t case_count;
    demo_case *cases; /* [1..case_count], index 0 unused, placed_at ascending */
    int32_t placed_by_month[DEMO_MAX_MONTHS + 1]; /* cases placed before month_start[k] */
    int32_t debtor_count;

    /* Rank of each code (by codes.h index) in text order, for sorting contacts the way the
     * contacts_by_time index orders them. */
    uint8_t rank_channel[8], rank_direction[4], rank_party[4], rank_outcome[16];

    /* where the rows of the month being simulated go (demo_rows.c) */
    struct demo_rows *pipe;
    struct demo_month_rows *rows;
    /* rows kept to the end: they may fall after the month that caused them */
    demo_complaints complaints;
    demo_surveys surveys;
    bool out_of_memory;
} demo_world;

/* demo_people.c: teams and agents; CK_ERR_NOMEM on failure. */
ck_error demo_people_create(demo_world *world, int team_count, int agent_count);
void demo_people_free(demo_world *world);
/* An agent to take a case at time t in month `month` (0 when nobody can): employed at t
 * and not leaving before the month ends; prefers team_id (0 = any) and lighter loads. */
int32_t demo_people_pick(demo_world *world, int64_t t, int month, int32_t team_id,
                         int32_t not_agent);

/* demo_sim.c: cases. */
ck_error demo_sim_create_cases(demo_world *world, int32_t case_count);
/* Simulates month k of every open case, filling the month's row buffers. */
void demo_sim_month(demo_world *world, int month);
/* The assignments still current at the end of the data. */
void demo_sim_finish(demo_world *world);
void demo_sim_free(demo_world *world);
/* The opaque debtor_ref of a debtor number: 16 hex digits of a keyed hash. */
void demo_sim_debtor_ref(const demo_world *world, int32_t debtor, char out[20]);

/* demo_rows.c: the hand-over. CK_ERR_NOMEM when the lock cannot be made. */
ck_error demo_rows_init(demo_rows *p, size_t block_budget);
void demo_rows_free(demo_rows *p);
/* The simulation's side: the slot for month (waiting until the writer is done with the
 * month two before), NULL once the writer has stopped; a new contact in day, NULL when out of
 * memory or stopped; the month's rows sorted and handed over with the complaints and
 * surveys received before the next month (false when out of memory); no more months. */
demo_month_rows *demo_rows_begin_month(demo_rows *p, int month);
demo_contact *demo_rows_new_contact(demo_rows *p, demo_contact_day *day);
bool demo_rows_publish(demo_rows *p, demo_world *world, demo_month_rows *m);
void demo_rows_sim_end(demo_rows *p);
/* Moves the complaints and surveys received before until from the world into m, sorted
 * (as one sort of all of them at the end would order them), and keeps the rest in order;
 * false when out of memory. */
bool demo_rows_take_late(demo_world *world, int64_t until, demo_month_rows *m);
/* The writer's side: the next month handed over, NULL when there is none to come (the
 * simulation ended or stopped); a stored day's blocks given back; the month stored; giving
 * up (the simulation stops at its next wait). */
demo_month_rows *demo_rows_next(demo_rows *p);
void demo_rows_release_day(demo_rows *p, demo_contact_day *day);
void demo_rows_done(demo_rows *p, demo_month_rows *m);
void demo_rows_stop(demo_rows *p);

/* demo_db.c: the writer. The rows go DEMO_ROW_BATCH to a statement (`VALUES (...), (...)`):
 * SQLite's cost of running a statement, about that of the row it writes, is paid once for
 * them all; the few left over at the end of a day or a month go one by one. */
#define DEMO_ROW_BATCH 32
typedef struct demo_code_text {
    const char *text;
    int len;
} demo_code_text;
typedef struct demo_db {
    sqlite3 *db;
    const demo_world *world; /* the world being written (demo_db_open's) */
    /* per table of schema.h, the insert of one row, and from cases on that of DEMO_ROW_BATCH
     * rows */
    sqlite3_stmt *one[SCHEMA_TABLE_COUNT], *batch[SCHEMA_TABLE_COUNT];
    /* each row of a batch has its own texts (two timestamps or dates, a case number, a
     * debtor reference), bound SQLITE_STATIC until the statement is stepped */
    char row_text[DEMO_ROW_BATCH][4][24];
    /* The code texts, with their lengths, behind a contact key's ranks (text order). */
    demo_code_text channel_of_rank[16], direction_of_rank[2], party_of_rank[4], outcome_of_rank[16];
    /* Two timestamp texts (a row binds up to two), each with its day cached, and a date
     * text; bound SQLITE_STATIC, so they must not change until the row is stepped. */
    int64_t ts_day[2];
    char ts_text[2][24];
    char date_text[2][12];
} demo_db;

/* Opens the new file; world's code ranks (set before, never changed) name the contacts'
 * codes. */
ck_error demo_db_open(demo_db *out, const char *path, const demo_world *world, ck_diag *diag);
/* The teams and agents of the world demo_db_open was given. */
ck_error demo_db_write_people(demo_db *w, ck_diag *diag);
/* Writes the (sorted) rows of m, giving each day's contact blocks back to rows as soon as
 * they are stored; month_start is the start of m's month. */
ck_error demo_db_write_month(demo_db *w, demo_rows *rows, demo_month_rows *m, int64_t month_start,
                             ck_diag *diag);
/* The cases of the world demo_db_open was given, in their final state. */
ck_error demo_db_write_cases(demo_db *w, ck_diag *diag);
/* Writes the complaints and surveys of m (demo_rows_take_late). */
ck_error demo_db_write_late_rows(demo_db *w, const demo_month_rows *m, ck_diag *diag);
/* Builds the indexes of sql/indexes.sql that demo_db_open did not (all but the contacts'
 * one) one at a time, reporting the share done (weighted by the rows of each index's
 * table), and commits. */
ck_error demo_db_finish(demo_db *w, const demo_summary *rows,
                        void (*step)(void *ctx, double fraction), void *ctx, ck_diag *diag);
void demo_db_close(demo_db *w);

#endif
