/* explain_agents.c - every agent's employee number, to name the rows explain lists. */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/vec.h"
#include "engine_data.h"
#include "explain_internal.h"

static int compare_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

typedef struct agent_load {
    explain_agents *agents;
    size_t id_capacity, name_capacity;
} agent_load;

static ck_error add_agent_name(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    agent_load *load = ctx;
    explain_agents *a = load->agents;
    size_t n = a->count;
    if (!VEC_RESERVE(a->ids, load->id_capacity, n + 1) ||
        !VEC_RESERVE(a->employee_nos, load->name_capacity, n + 1))
        return CK_ERR_NOMEM;
    a->employee_nos[n] = engine_column_strdup(stmt, 1);
    if (a->employee_nos[n] == NULL)
        return CK_ERR_NOMEM;
    a->ids[n] = sqlite3_column_int64(stmt, 0);
    a->count++;
    return CK_OK;
}

char *explain_agents_name(const explain_agents *agents, int64_t agent_id)
{
    const int64_t *found =
        bsearch(&agent_id, agents->ids, agents->count, sizeof *agents->ids, compare_id);
    return found != NULL ? strdup(agents->employee_nos[found - agents->ids]) : NULL;
}

void explain_agents_free(explain_agents *agents)
{
    for (size_t i = 0; i < agents->count; i++)
        free(agents->employee_nos[i]);
    free(agents->employee_nos);
    free(agents->ids);
}

ck_error explain_agents_load(sqlite3 *db, explain_agents *agents, ck_diag *diag)
{
    agent_load load = {agents, 0, 0};
    return db_each_row(db, "SELECT agent_id, employee_no FROM agents ORDER BY agent_id", NULL, 0,
                       add_agent_name, &load, diag);
}
