/* case_refs.c - the stored cases a few incoming rows refer to (see case_refs.h). */
#include "case_refs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "collectkpi/number.h"
#include "collectkpi/vec.h"

typedef struct id_list {
    int64_t *ids;
    size_t count, capacity;
    int field;
    bool header_seen;
} id_list;

static ck_error on_record(void *ctx, const csv_record *rec)
{
    id_list *list = ctx;
    int64_t id;
    if (!list->header_seen) {
        list->header_seen = true;
        return CK_OK;
    }
    /* a short record has no case_id (the load reports it); an id that does not parse
     * refers to nothing */
    if ((size_t)list->field >= rec->count || rec->text[list->field] == NULL ||
        !number_parse_int64(rec->text[list->field], rec->len[list->field], &id))
        return CK_OK;
    if (!VEC_RESERVE(list->ids, list->capacity, list->count + 1))
        return CK_ERR_NOMEM;
    list->ids[list->count++] = id;
    return CK_OK;
}

static int by_id(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The stored cases with the ids of the files' case_id fields, into st. */
static ck_error load_named_cases(rules_state *st, sqlite3 *db, const case_refs_file *files,
                                 size_t count, csv_encoding encoding, ck_diag *diag)
{
    id_list list = {0};
    sqlite3_stmt *stmt = NULL;
    ck_error err = CK_OK;
    for (size_t i = 0; i < count && err == CK_OK; i++) {
        if (files[i].case_field < 0)
            continue;
        FILE *in = fopen(files[i].path, "rb");
        if (in == NULL)
            continue; /* the load says why */
        list.field = files[i].case_field;
        list.header_seen = false;
        csv_reader_options ro = {.encoding = encoding, .record = on_record, .ctx = &list};
        long bad_line;
        ck_diag why = {{0}};
        err = csv_reader_run(in, &ro, &bad_line, &why);
        fclose(in);
        if (err != CK_ERR_NOMEM)
            err = CK_OK; /* a syntax or encoding error is the load's to report */
    }
    if (err == CK_OK && list.count > 0)
        qsort(list.ids, list.count, sizeof *list.ids, by_id);
    if (err == CK_OK)
        err = rules_case_lookup_prepare(db, &stmt, diag);
    for (size_t i = 0; i < list.count && err == CK_OK; i++)
        if (i == 0 || list.ids[i] != list.ids[i - 1])
            err = rules_state_look_up_case(st, stmt, list.ids[i], diag);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory reading the cases the rows refer to");
    sqlite3_finalize(stmt);
    free(list.ids);
    return err;
}

/* Reading the files' case ids first and looking those cases up costs a few times what a
 * case read in a pass over all of them does: below an eighth of the stored cases, the rows'
 * own cases are the cheaper read, and the run's fixed cost follows its rows. */
#define CASE_LOOKUP_FACTOR 8

ck_error case_refs_state_load(rules_state *st, sqlite3 *db, const case_refs_file *files,
                              size_t count, uint64_t referring_rows, csv_encoding encoding,
                              ck_diag *diag)
{
    bool people_or_cases = false, look_up = false;
    for (size_t i = 0; i < count; i++)
        people_or_cases |= files[i].table <= RULES_CASES;
    ck_error err = CK_OK;
    /* teams, agents and cases need every stored code for their unique rules */
    if (!people_or_cases && referring_rows <= UINT64_MAX / CASE_LOOKUP_FACTOR)
        err = rules_cases_to_look_up(db, referring_rows * CASE_LOOKUP_FACTOR, &look_up, diag);
    if (err == CK_OK)
        err = rules_state_load(st, db, people_or_cases, !look_up, diag);
    if (err == CK_OK && look_up)
        err = load_named_cases(st, db, files, count, encoding, diag);
    return err;
}
