/* engine_coverage.c - how far the data reaches into a period (kpi.h kpi_coverage).
 *
 * The facts behind the trust guard: a report of a month whose payment feed is not loaded
 * yet must not look like a month of zero recovery. The writers and the commands only show
 * these facts; the engine alone reads the database for them. The data cut-off (the latest
 * payment or contact) is here too.
 */
#include <string.h>

#include "collectkpi/db.h"
#include "engine_data.h"

typedef struct first_state {
    const char *what; /* "payments.paid_at" */
    bool found;
    int64_t first;
} first_state;

static ck_error take_first(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    first_state *st = ctx;
    const char *text = (const char *)sqlite3_column_text(stmt, 0);
    int64_t t;
    if (text == NULL)
        return CK_OK;
    if (!datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 0), &t)) {
        ck_diag_set(diag, "the earliest %s '%s' is not a real timestamp; run 'collectkpi check'",
                    st->what, text);
        return CK_ERR_DATA;
    }
    if (!st->found || t < st->first)
        st->first = t;
    st->found = true;
    return CK_OK;
}

static ck_error take_flag(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    *(bool *)ctx = sqlite3_column_int(stmt, 0) != 0;
    return CK_OK;
}

ck_error engine_coverage(sqlite3 *db, const period *p, bool has_cutoff, int64_t cutoff,
                         kpi_coverage *out, ck_diag *diag)
{
    memset(out, 0, sizeof *out);
    int64_t first_day = datetime_day_of(p->start);
    int64_t end_day = datetime_day_of(p->end - 1) + 1; /* exclusive */
    out->period_days = end_day - first_day;
    const db_param bounds[] = {DB_TEXT(p->start_text), DB_TEXT(p->end_text)};
    ck_error err = db_each_row(db,
                               "SELECT EXISTS (SELECT 1 FROM payments"
                               " WHERE paid_at >= ?1 AND paid_at < ?2)",
                               bounds, 2, take_flag, &out->any_payment, diag);
    if (err == CK_OK)
        err = db_each_row(db,
                          "SELECT EXISTS (SELECT 1 FROM contacts"
                          " WHERE contact_at >= ?1 AND contact_at < ?2)",
                          bounds, 2, take_flag, &out->any_contact, diag);
    if (err != CK_OK || !has_cutoff)
        return err;
    first_state first = {"payments.paid_at", false, 0};
    err = db_each_row(db, "SELECT min(paid_at) FROM payments", NULL, 0, take_first, &first, diag);
    first.what = "contacts.contact_at";
    if (err == CK_OK)
        err = db_each_row(db, "SELECT min(contact_at) FROM contacts", NULL, 0, take_first, &first,
                          diag);
    if (err != CK_OK)
        return err;
    out->data_first = first.found ? first.first : cutoff;
    /* Covered days: from the period's first day to the cut-off's day, both included. The
     * start of the data does not count: a database whose first payment fell on the 3rd
     * still covers the 1st and 2nd (nothing happened then); a period wholly before the
     * data is caught as empty instead. */
    int64_t to = datetime_day_of(cutoff) + 1;
    if (to > end_day)
        to = end_day;
    out->covered_days = to > first_day ? to - first_day : 0;
    return CK_OK;
}

ck_error engine_data_cutoff(sqlite3 *db, bool *found, int64_t *cutoff, ck_diag *diag)
{
    static const char *const sql[] = {"SELECT max(paid_at) FROM payments",
                                      "SELECT max(contact_at) FROM contacts"};
    *found = false;
    *cutoff = 0;
    for (size_t i = 0; i < 2; i++) {
        sqlite3_stmt *stmt = NULL;
        ck_error err = db_prepare(db, sql[i], &stmt, diag);
        if (err != CK_OK)
            return err;
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            sqlite3_finalize(stmt);
            return CK_ERR_DB;
        }
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        int64_t t;
        if (text != NULL) {
            /* a BLOB sorts after every text, so max() finds it; its bytes are not shown */
            if (sqlite3_column_type(stmt, 0) != SQLITE_TEXT ||
                !datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 0), &t)) {
                ck_diag_set(diag, "the latest %s is not a real timestamp; run 'collectkpi check'",
                            i == 0 ? "payments.paid_at" : "contacts.contact_at");
                sqlite3_finalize(stmt);
                return CK_ERR_DATA;
            }
            if (!*found || t > *cutoff)
                *cutoff = t;
            *found = true;
        }
        sqlite3_finalize(stmt);
    }
    return CK_OK;
}
