/* codes.c - the contract's code lists (data-model.md, "Codes"). */
#include "collectkpi/codes.h"

#include <string.h>

#define CODES_LIST(var, column_name, ...)                                                          \
    static const char *const var##_codes[] = {__VA_ARGS__};                                        \
    const codes_list var = {column_name, var##_codes, sizeof var##_codes / sizeof var##_codes[0]}

CODES_LIST(codes_product, "cases.product", "credit_card", "consumer_loan", "auto_loan", "mortgage",
           "other");
CODES_LIST(codes_close_reason, "cases.close_reason", "paid_in_full", "settled", "plan_completed",
           "recalled", "legal", "written_off", "deceased", "bankrupt");
CODES_LIST(codes_channel, "contacts.channel", "call", "sms", "email", "letter", "visit", "im");
CODES_LIST(codes_direction, "contacts.direction", "outbound", "inbound");
CODES_LIST(codes_party, "contacts.party", "debtor", "third_party", "none");
CODES_LIST(codes_outcome, "contacts.outcome", "no_answer", "busy", "invalid_number", "voicemail",
           "contacted", "promise", "refusal", "dispute", "callback_requested");
CODES_LIST(codes_method, "payments.method", "bank_transfer", "card", "cash", "alipay", "wechat_pay",
           "other");
CODES_LIST(codes_complaint_source, "complaints.source", "debtor", "third_party", "creditor",
           "regulator");
CODES_LIST(codes_complaint_category, "complaints.category", "harassment", "abusive_language",
           "threat", "third_party_disclosure", "privacy", "misrepresentation", "out_of_hours",
           "debt_dispute", "fees", "service", "other");

int codes_find(const codes_list *list, const char *text)
{
    if (text == NULL)
        return -1;
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->codes[i], text) == 0)
            return (int)i;
    return -1;
}
