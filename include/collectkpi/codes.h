/* codes.h - the enumerations of data-model.md, in one place.
 *
 * Each list is the contract's codes in the contract's order; the schema's CHECK constraints,
 * the rules, the demo generator and the labels all use these lists, so a code is spelled once.
 */
#ifndef COLLECTKPI_CODES_H
#define COLLECTKPI_CODES_H

#include <stddef.h>

typedef struct codes_list {
    const char *column; /* "cases.product" */
    const char *const *codes;
    size_t count;
} codes_list;

extern const codes_list codes_product;
extern const codes_list codes_close_reason;
extern const codes_list codes_channel;
extern const codes_list codes_direction;
extern const codes_list codes_party;
extern const codes_list codes_outcome;
extern const codes_list codes_method;
extern const codes_list codes_complaint_source;
extern const codes_list codes_complaint_category;

/* Index of text in list, or -1. */
int codes_find(const codes_list *list, const char *text);

/* Close reasons by index in codes_close_reason; the first three resolve a case by default. */
enum {
    CODES_CLOSE_PAID_IN_FULL,
    CODES_CLOSE_SETTLED,
    CODES_CLOSE_PLAN_COMPLETED,
    CODES_CLOSE_RECALLED,
    CODES_CLOSE_LEGAL,
    CODES_CLOSE_WRITTEN_OFF,
    CODES_CLOSE_DECEASED,
    CODES_CLOSE_BANKRUPT,
    CODES_CLOSE_COUNT
};

#endif
