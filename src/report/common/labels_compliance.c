/* labels_compliance.c - the contact-compliance texts of the reports (compliance.md), in
 * English and Chinese: the figures' column labels and definitions, the contact codes of the
 * breach list (channel, party, outcome), the rules' short names, severities and profiles, and
 * the rules' one-line definitions with the settings' values filled in.
 *
 * labels.c looks here after its own tables, so writers ask labels_column, labels_code and
 * labels_text as for any other text. Rule keys and column keys never change with the language.
 */
#include <stdio.h>
#include <string.h>

#include "collectkpi/labels.h"
#include "labels_internal.h"

const column_label labels_compliance_columns[] = {
    {"outbound_contacts", "Outbound contacts", "外发联络数",
     "The agent's outbound contacts in the period, every channel.",
     "该催收员本期所有渠道的外发联络次数。"},
    {"breaching_contacts", "Breaching contacts", "违规联络数",
     "Contacts in the period that break at least one rule of the profile (a contact breaking "
     "two rules counts once here).",
     "本期至少违反一条规则的联络次数（同一次联络违反多条规则只计一次）。"},
    {"critical_breaches", "Critical breaches", "严重违规数",
     "Of the breaching contacts, those that break a rule of critical severity.",
     "违规联络中违反“严重”级别规则的次数。"},
    {"breaches_per_1k_outbound", "Breaching contacts per 1,000 outbound", "每千次外发联络违规数",
     "Breaching contacts times 1,000 divided by outbound contacts; empty when there were none.",
     "违规联络数乘以 1000 再除以外发联络数；无外发联络时留空。"},
    {"cases_with_breach", "Cases with a breach", "涉及违规的案件数",
     "Distinct cases with at least one of the agent's breaching contacts in the period (summed "
     "over agents for teams and the total).",
     "本期至少有一次该催收员违规联络的不同案件数（团队与合计为各催收员之和）。"},
    {"breaches_RULE", "Breaches of a rule", "各规则违规数",
     "One column per rule of the profile: the contacts in the period that break it.",
     "按所选规则配置每条规则一列：本期违反该规则的联络次数。"},
    {"contact_at", "Contact time", "联络时间", "When the contact was made (contacts.contact_at).",
     "联络发生的时间（contacts.contact_at）。"},
    {"channel", "Channel", "渠道", "Call, SMS, e-mail, letter, visit or instant message.",
     "电话、短信、电子邮件、信函、上门或即时通讯。"},
    {"party", "Party", "联络对象", "Whom the contact reached: the debtor, a third party or no one.",
     "联络对象：债务人本人、第三方或无人。"},
    {"outcome", "Outcome", "联络结果", "The contact's outcome (contacts.outcome).",
     "联络结果（contacts.outcome）。"},
    {"rules", "Rules broken", "违反的规则",
     "The rules the contact breaks, in the profile's order (the keys are in the rule table).",
     "该次联络违反的规则，按规则配置中的顺序（规则键见规则表）。"},
};
const size_t labels_compliance_column_count =
    sizeof labels_compliance_columns / sizeof labels_compliance_columns[0];

const code_label labels_compliance_codes[] = {
    {&codes_channel, "call", "Call", "电话"},
    {&codes_channel, "sms", "SMS", "短信"},
    {&codes_channel, "email", "E-mail", "电子邮件"},
    {&codes_channel, "letter", "Letter", "信函"},
    {&codes_channel, "visit", "Visit", "上门"},
    {&codes_channel, "im", "Instant message", "即时通讯"},
    {&codes_direction, "outbound", "Outbound", "外呼"},
    {&codes_direction, "inbound", "Inbound", "呼入"},
    {&codes_party, "debtor", "Debtor", "债务人本人"},
    {&codes_party, "third_party", "Third party", "第三方"},
    {&codes_party, "none", "No one", "无人"},
    {&codes_outcome, "no_answer", "No answer", "无人接听"},
    {&codes_outcome, "busy", "Busy", "占线"},
    {&codes_outcome, "invalid_number", "Invalid number", "空号/无效号码"},
    {&codes_outcome, "voicemail", "Voicemail", "语音信箱"},
    {&codes_outcome, "contacted", "Contacted", "已接通"},
    {&codes_outcome, "promise", "Promise to pay", "承诺还款"},
    {&codes_outcome, "refusal", "Refusal", "拒绝还款"},
    {&codes_outcome, "dispute", "Dispute", "提出异议"},
    {&codes_outcome, "callback_requested", "Callback requested", "要求回电"},
};
const size_t labels_compliance_code_count =
    sizeof labels_compliance_codes / sizeof labels_compliance_codes[0];

/* Rule definitions may name the settings' values as {from}, {until} (contact hours),
 * {failed}, {connected}, {calls} (the limits), {seconds} (burst) and {days} (look-back). */
const text_label labels_compliance_texts[] = {
    {"compliance.rule.quiet_hours", "Outside contact hours", "非允许时段联络"},
    {"compliance.rule.attempts_per_day", "Redialled after failed calls", "多次未接通后仍拨打"},
    {"compliance.rule.connected_per_day", "Too many conversations a day", "单日接通次数超限"},
    {"compliance.rule.third_party_early", "Third party contacted too early", "过早联系第三方"},
    {"compliance.rule.burst", "Rapid redial", "短时间内重复拨打"},
    {"compliance.rule.seven_in_seven", "Too many calls in seven days", "七日内呼叫超限"},
    {"compliance.rule.after_conversation", "Call within a week of a conversation",
     "通话后七日内再次呼叫"},
    {"compliance.ruledef.quiet_hours.cn",
     "An outbound call, SMS, instant message or visit before {from} or at or after {until}.",
     "在 {from} 之前或 {until} 及之后拨打电话、发送短信或即时消息、上门。"},
    {"compliance.ruledef.quiet_hours.us",
     "An outbound call, SMS, e-mail, instant message or visit before {from} or at or after "
     "{until}.",
     "在 {from} 之前或 {until} 及之后拨打电话、发送短信、电子邮件或即时消息、上门。"},
    {"compliance.ruledef.attempts_per_day",
     "An outbound call after the case already had {failed} failed calls (no answer, busy, "
     "invalid number, voicemail) that day, even if it connects.",
     "同一案件当日已有 {failed} "
     "次未接通外呼（无人接听、占线、空号、语音信箱）后再次外呼，即使接通。"},
    {"compliance.ruledef.connected_per_day",
     "An outbound call that reaches the debtor after the debtor (over all their cases) already "
     "had {connected} such calls that day.",
     "同一债务人（合并其全部案件）当日已有 {connected} 次外呼接通本人后，再次外呼接通本人。"},
    {"compliance.ruledef.third_party_early",
     "A call, SMS, instant message or visit to a third party while the debtor is still "
     "reachable: no invalid number and no day with 3 failed calls before that day, within "
     "the last {days} days and since the last contact with the debtor.",
     "在债务人仍可联系时联系第三方（电话、短信、即时消息、上门）：近 {days} "
     "天内、且自上次与债务人本人联络以来，既无空号记录，也没有哪一天（早于当日）未接通达 3 次。"},
    {"compliance.ruledef.burst",
     "An outbound call less than {seconds} seconds after the case's previous outbound call.",
     "距同一案件上一次外呼不足 {seconds} 秒再次外呼。"},
    {"compliance.ruledef.seven_in_seven",
     "An outbound call after the case already had {calls} outbound calls that day and the six "
     "days before.",
     "同一案件当日及前六天已有 {calls} 次外呼后再次外呼。"},
    {"compliance.ruledef.after_conversation",
     "An outbound call on the day of a conversation with the debtor or in the six days after.",
     "与债务人本人通话当日或其后六天内再次外呼。"},
    {"compliance.severity.minor", "Minor", "轻微"},
    {"compliance.severity.major", "Major", "重要"},
    {"compliance.severity.critical", "Critical", "严重"},
    {"compliance.profile.cn", "cn: Chinese industry rules (CBA and NIFA collection guidelines)",
     "cn：国内行业规范（中国银行业协会、中国互联网金融协会催收指引）"},
    {"compliance.profile.us", "us: Regulation F (12 CFR 1006)",
     "us：美国 Regulation F（12 CFR 1006）"},
    {"compliance.system", "Automated messages", "系统自动发送"},
    /* -- the workbook's Compliance sheet and its Summary lines -- */
    {"report.compliance.title", "Contact compliance", "联络合规"},
    {"report.compliance.note",
     "Every contact of the period checked against the rules below. A breach is credited to the "
     "agent who made the contact; automated messages are on the system line. A contact can "
     "break several rules: it counts once under each.",
     "本期每一次联络均按下列规则检查。违规记入实施该次联络的催收员；系统自动发送的消息单列为 "
     "system 行。一次联络可违反多条规则，每条规则各计一次。"},
    {"report.compliance.profile", "Rule profile", "规则配置"},
    {"report.compliance.hours", "Permitted contact hours", "允许联络时段"},
    {"report.compliance.rules", "Rules, severities and limits", "规则、严重程度与限值"},
    {"report.compliance.rule", "Rule", "规则"},
    {"report.compliance.key", "Key", "规则键"},
    {"report.compliance.severity", "Severity", "严重程度"},
    {"report.compliance.definition", "A contact breaks it when", "违规情形"},
    {"report.compliance.by_agent", "Breaches by agent", "各催收员违规情况"},
    {"report.compliance.by_team", "Breaches by team", "各团队违规情况"},
    {"report.compliance.colours",
     "Rule columns are coloured by severity: red critical, amber major, yellow minor.",
     "规则列按严重程度着色：红色为严重，橙色为重要，黄色为轻微。"},
    {"report.compliance.breaches", "Breach list", "违规联络明细"},
    {"report.compliance.breaches.note",
     "One line per breaching contact, in time order; filter by any column. Cases are named by "
     "case number only.",
     "每次违规联络一行，按时间排序，可按任一列筛选。案件仅以案件编号标识。"},
    {"report.compliance.cut_hint",
     "'collectkpi compliance DB --from DATE --to DATE --by breach' lists every one.",
     "用 collectkpi compliance DB --from 日期 --to 日期 --by breach 可列出全部。"},
    {"report.compliance.empty", "No contact broke a rule in this period.", "本期没有违规联络。"},
    {"report.compliance.not_checked", "Contact compliance was not checked for this report.",
     "本报告未进行联络合规检查。"},
    {"report.def.compliance", "Contact compliance: rules and columns of the Compliance sheet",
     "联络合规：Compliance 工作表的规则与列"},
    /* -- charts and dashboard -- */
    {"charts.breaches_by_rule.title", "Breaches by rule and team", "各规则违规次数（按团队）"},
    {"charts.breaches_axis", "Breaching contacts", "违规联络数"},
    {"charts.breaches_note", "A contact that breaks two rules counts under each",
     "一次联络违反两条规则时，在两条规则下各计一次"},
    {"dashboard.compliance_rules", "Contact rules", "联络合规规则"},
};
const size_t labels_compliance_text_count =
    sizeof labels_compliance_texts / sizeof labels_compliance_texts[0];

/* A text of this file's table (labels.c consults it too; calling back into labels.c would
 * make the two files call each other). */
static const char *own_text(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < labels_compliance_text_count; i++)
        if (strcmp(labels_compliance_texts[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? labels_compliance_texts[i].zh
                                            : labels_compliance_texts[i].en;
    return key;
}

/* "08:00" for a whole minute, "08:00:30" else. */
static void time_text(int32_t seconds, char *out)
{
    compliance_format_time_of_day(seconds, out);
    if (strcmp(out + 5, ":00") == 0)
        out[5] = '\0';
}

void labels_compliance_rule_definition(compliance_rule rule, const compliance_settings *s,
                                       settings_lang lang, char *out, size_t size)
{
    char key[64];
    if (rule == COMPLIANCE_QUIET_HOURS)
        snprintf(key, sizeof key, "compliance.ruledef.quiet_hours.%s",
                 compliance_profile_names[s->profile]);
    else
        snprintf(key, sizeof key, "compliance.ruledef.%s", compliance_rule_keys[rule]);
    const char *template = own_text(key, lang);
    char from[9], until[9];
    time_text(s->contact_from_s[s->profile], from);
    time_text(s->contact_until_s[s->profile], until);
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = template; *p != '\0' && used + 1 < size;) {
        const char *end = *p == '{' ? strchr(p, '}') : NULL;
        if (end == NULL) {
            out[used++] = *p++;
            out[used] = '\0';
            continue;
        }
        char value[24] = "";
        size_t name_len = (size_t)(end - p - 1);
        const char *name = p + 1;
#define NAME_IS(literal) (name_len == sizeof literal - 1 && strncmp(name, literal, name_len) == 0)
        if (NAME_IS("from"))
            snprintf(value, sizeof value, "%s", from);
        else if (NAME_IS("until"))
            snprintf(value, sizeof value, "%s", until);
        else if (NAME_IS("failed"))
            snprintf(value, sizeof value, "%d", s->failed_calls_per_day);
        else if (NAME_IS("connected"))
            snprintf(value, sizeof value, "%d", s->connected_calls_per_day);
        else if (NAME_IS("calls"))
            snprintf(value, sizeof value, "%d", s->calls_per_seven_days);
        else if (NAME_IS("seconds"))
            snprintf(value, sizeof value, "%d", s->burst_seconds);
        else if (NAME_IS("days"))
            snprintf(value, sizeof value, "%d", s->unreachable_lookback_days);
#undef NAME_IS
        int n = snprintf(out + used, size - used, "%s", value);
        used += n > 0 && (size_t)n < size - used ? (size_t)n : size - used - 1;
        p = end + 1;
    }
}

const char *labels_compliance_rule(compliance_rule rule, settings_lang lang)
{
    static const char *const keys[COMPLIANCE_RULE_COUNT] = {"compliance.rule.quiet_hours",
                                                            "compliance.rule.attempts_per_day",
                                                            "compliance.rule.connected_per_day",
                                                            "compliance.rule.third_party_early",
                                                            "compliance.rule.burst",
                                                            "compliance.rule.seven_in_seven",
                                                            "compliance.rule.after_conversation"};
    return (unsigned)rule < COMPLIANCE_RULE_COUNT ? own_text(keys[rule], lang) : "";
}

const char *labels_compliance_severity(compliance_severity severity, settings_lang lang)
{
    static const char *const keys[COMPLIANCE_SEVERITY_COUNT] = {
        "compliance.severity.minor", "compliance.severity.major", "compliance.severity.critical"};
    return (unsigned)severity < COMPLIANCE_SEVERITY_COUNT ? own_text(keys[severity], lang) : "";
}
