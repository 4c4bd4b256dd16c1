/* engine_money.c - the engine's checked sum of money (engine_data.h engine_add_money), apart
 * so that the loaders and the crediting both use it. */
#include "engine_data.h"

void engine_add_money(engine_data *data, int64_t *sum, int64_t amount, const char *table,
                      int64_t id)
{
    if (!__builtin_add_overflow(*sum, amount, sum))
        return;
    if (!data->overflow) {
        data->overflow = true;
        data->overflow_table = table;
        data->overflow_id = id;
    }
    *sum = 0; /* never used: the run fails */
}
