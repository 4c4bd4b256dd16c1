/* labels_explain.c - the sentences of `collectkpi explain` (out_explain.c), in English and
 * Chinese. Most are printf formats: a key's two formats take the same arguments in the same
 * order (tests/report/common/test_labels_explain.c checks every key), and the English one is
 * the specification's wording, which `explain` prints by default.
 */
#include <inttypes.h>

#include "labels_internal.h"

const text_label labels_explain_texts[] = {
    /* the heading, the parts and the last lines */
    {"explain.heading", "%s of %s%s%s%s%s, period %s .. %s, as_of %s\n",
     "%s（%s%s%s%s%s），统计期间 %s .. %s，as_of %s\n"},
    {"explain.target.agent", "agent", "催收员"},
    {"explain.target.team", "team", "团队"},
    {"explain.target.total", "total", "合计"},
    {"explain.part", "\n%s = %s: %s (%zu rows)\n", "\n%s = %s：%s（%zu 行）\n"},
    {"explain.measure.count", "the number of rows", "行数"},
    {"explain.measure.sum", "the sum of the rows' amounts", "各行金额之和"},
    {"explain.measure.sum_credited", "the sum of the rows' credited amounts", "各行计入金额之和"},
    {"explain.measure.distinct_cases", "the number of distinct cases (per agent)",
     "不同案件数（按催收员）"},
    {"explain.measure.days", "the rows' days", "各行天数"},
    {"explain.label.sum_of_scores", "sum of scores", "评分之和"},
    {"explain.label.resolution_days", "resolution days", "解决天数"},
    {"explain.sorted_days", "\nsorted days:", "\n排序后的天数："},
    {"explain.kpi_prints", "\n%s\nkpi prints %s\n", "\n%s\nkpi 输出 %s\n"},
    {"explain.empty", "(empty)", "（空）"},
    {"explain.undefined", "undefined", "无定义"},
    {"explain.why_heading", "\nwhy-not %s: the case's %zu rows behind %s\n",
     "\nwhy-not %s：该案件共 %zu 行与 %s 有关\n"},
    /* the arithmetic */
    {"explain.mean", "%s = sum of days / n = %.4f / %zu = %s",
     "%s = 天数之和 / n = %.4f / %zu = %s"},
    {"explain.percentile.none", "%s: no resolved case, so undefined",
     "%s：没有已解决的案件，因此无定义"},
    {"explain.percentile",
     "%s: sorted days x[0..%zu]; h = (n - 1) x p = %zu x %.2f = %.4f; x[%zu] + %.4f x (x[%zu] - "
     "x[%zu]) = %.4f + %.4f x (%.4f - %.4f) = %s",
     "%s：排序后的天数 x[0..%zu]；h = (n - 1) x p = %zu x %.2f = %.4f；x[%zu] + %.4f x (x[%zu] - "
     "x[%zu]) = %.4f + %.4f x (%.4f - %.4f) = %s"},
    {"explain.score",
     "score = 100 x sum(weight x attainment) / sum(weight) over scored measures%s = %s",
     "score = 100 x sum(weight x attainment) / sum(weight)，只计参与评分的指标%s = %s"},
    {"explain.score.capped", ", then capped", "，再封顶"},
    /* scorecard.md's case mix and intervals (out_explain_review.c) */
    {"explain.casemix.heading",
     "\ncase mix (r[b]: every agent's collected[b] / worked_balance[b]):\n",
     "\n账龄结构（r[b]：全部催收员的 collected[b] / worked_balance[b]）：\n"},
    {"explain.casemix.line",
     "%s: worked_balance %s x r[%s] %s = %s; collected %s; r[%s] = portfolio collected %s / "
     "portfolio worked_balance %s%s",
     "%s：worked_balance %s x r[%s] %s = %s；collected %s；r[%s] = 全部 collected %s / "
     "全部 worked_balance %s%s"},
    {"explain.casemix.zero", " (0: no balance in the bucket)", "（0：该账龄段没有余额）"},
    {"explain.expected", "%s = sum over buckets of worked_balance[b] x r[b] =",
     "%s = 各账龄段 worked_balance[b] x r[b] 之和 ="},
    {"explain.wilson.none", "%s: k = %s = %" PRId64 ", n = %s = 0, so undefined",
     "%s：k = %s = %" PRId64 "，n = %s = 0，因此无定义"},
    {"explain.wilson",
     "%s = (p + z^2/2n %s z x sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n) with k = %s = %" PRId64
     ", n = %s = %" PRId64 ", p = k / n = %.6f, z = %.6f: (%.6f + %.6f %s %.6f x sqrt(%.9f)) / "
     "%.6f = (%.6f %s %.6f) / %.6f = %s%s",
     "%s = (p + z^2/2n %s z x sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n)，其中 k = %s = %" PRId64
     "，n = %s = %" PRId64 "，p = k / n = %.6f，z = %.6f：(%.6f + %.6f %s %.6f x sqrt(%.9f)) / "
     "%.6f = (%.6f %s %.6f) / %.6f = %s%s"},
    {"explain.wilson.ends", " (exactly 0 or 1 at the ends k = 0 and k = n)",
     "（k = 0 或 k = n 时恰为 0 或 1）"},
    /* the rows */
    {"explain.held.open", "from %s (still open)", "自 %s 起（仍在持有）"},
    {"explain.held", "from %s to %s", "自 %s 至 %s"},
    {"explain.nobody", "nobody", "无人"},
    {"explain.workload",
     "%s held the case %s, overlapping the period; t0 %s; outstanding at t0 %s (placed %s, dpd "
     "at t0 %" PRId64 ", bucket %s)",
     "%s 持有该案件 %s，与统计期间重叠；t0 %s；t0 时未偿余额 %s（入催 %s，t0 时逾期 %" PRId64
     " 天，账龄段 %s）"},
    {"explain.workload.collected", "; collected on the pair in the period %s",
     "；本期在该案件上的回款 %s"},
    {"explain.payment.unassigned", "payment of %s at %s while no agent held the case (unassigned)",
     "回款 %s，时间 %s，当时无催收员持有该案件（未分配）"},
    {"explain.payment", "payment of %s at %s while %s held the case %s%s",
     "回款 %s，时间 %s，当时由 %s 持有该案件 %s%s"},
    {"explain.payment.reversal", " (a reversal)", "（冲正）"},
    {"explain.contact", "a contact at %s by %s: %s %s to %s, %s%s%s",
     "联系 %s，由 %s：%s %s，对象 %s，%s%s%s"},
    {"explain.contact.attempt", "; a call attempt (outbound call)", "；一次拨打尝试（外呼电话）"},
    {"explain.contact.rpc", "; a right-party contact", "；一次本人接通"},
    {"explain.promise_made", "promise of %s made at %s by %s", "承诺还款 %s，%s 由 %s 达成"},
    {"explain.promise.pending",
     "promise of %s by %s due %s: window [%s, %s), paid_toward %s so far; pending until %s "
     "(as_of %s)",
     "承诺还款 %s（%s），到期日 %s：窗口 [%s, %s)，目前 paid_toward %s；待判定至 %s（as_of %s）"},
    {"explain.promise.judged",
     "promise of %s by %s due %s: window [%s, %s), paid_toward %s; %s: paid_toward x 100 %s "
     "amount x %d; credited %s",
     "承诺还款 %s（%s），到期日 %s：窗口 [%s, %s)，paid_toward %s；%s：paid_toward x 100 %s "
     "amount x %d；计入 %s"},
    {"explain.kept", "kept", "已履约"},
    {"explain.broken", "broken", "已违约"},
    {"explain.pending", "pending", "待判定"},
    {"explain.resolution",
     "closed at %s (%s, a resolved reason) while %s held the case %s; placed %s: %.4f days",
     "%s 结案（%s，属于已解决原因），当时由 %s 持有该案件 %s；入催 %s：%.4f 天"},
    {"explain.complaint", "complaint received at %s naming %s: %s, %s",
     "%s 收到投诉，涉及 %s：%s，%s"},
    {"explain.complaint.yes", "substantiated", "属实"},
    {"explain.complaint.no", "not substantiated", "不属实"},
    {"explain.complaint.review", "under review", "核实中"},
    {"explain.survey", "survey at %s naming %s: score %" PRId64,
     "%s 的满意度调查，涉及 %s：评分 %" PRId64},
    {"explain.breach", "contact at %s by %s: %s %s to %s, %s; %s%s%s",
     "联系 %s，由 %s：%s %s，对象 %s，%s；%s%s%s"},
    {"explain.breach.system", "system", "系统"},
    {"explain.breach.breaks", "breaks ", "违反 "},
    {"explain.breach.none", "breaks no rule", "未违反任何规则"},
    {"explain.breach.critical", " (critical)", "（严重）"},
    /* what made a contact a breach, rule by rule */
    {"explain.cause", "%s%s%s %s %s to %s, %s", "%s%s%s %s %s，对象 %s，%s"},
    {"explain.rule.quiet_hours",
     "%s %s at %s local time, outside the contact hours %s-%s (before %s or at or after %s)",
     "%s %s 发生于当地时间 %s，不在允许联系的时段 %s-%s 内（早于 %s 或不早于 %s）"},
    {"explain.rule.attempts_per_day",
     "%zu failed outbound calls of the case earlier on %s, limit %d",
     "该案件 %zu 次更早的未接通外呼（%s 当日），上限 %d"},
    {"explain.rule.connected_per_day",
     "%zu outbound connected calls of the debtor's cases earlier on %s, limit %d",
     "该债务人名下案件 %zu 次更早的外呼接通（%s 当日），上限 %d"},
    {"explain.rule.third_party_early",
     "a third party contacted while the debtor was not unreachable: s = %s, ",
     "在债务人并非无法联系时联系了第三方：s = %s，"},
    {"explain.rule.since_debtor", "the latest debtor contact before it",
     "此前最近一次与债务人的联系"},
    {"explain.rule.since_placed", "the case's placed_at (no later debtor contact)",
     "案件的 placed_at（其后没有与债务人的联系）"},
    {"explain.rule.since_lookback",
     "00:00 of the day %d days before (no later debtor contact or placement)",
     "%d 天前当日 00:00（其后没有与债务人的联系，也没有入催）"},
    {"explain.rule.third_party_counted",
     "; after s no outbound call was invalid_number and no day before %s had 3 failed calls; "
     "contacts counted: %zu",
     "；s 之后没有 invalid_number 的外呼，%s 之前也没有哪一天有 3 次未接通；计入的联系：%zu"},
    {"explain.rule.burst", "the previous outbound call of the case", "该案件的上一次外呼"},
    {"explain.rule.burst_gap",
     " came %" PRId64 " s before, limit %d s: ", " 早 %" PRId64 " 秒（不足 %d 秒）："},
    {"explain.rule.seven_in_seven", "%zu outbound calls of the case from %s on, limit %d",
     "该案件 %zu 次外呼（自 %s 起），上限 %d"},
    {"explain.rule.after_conversation", "a connected call of the case from %s on",
     "该案件自 %s 起有过接通的通话"},
    /* --why-not */
    {"explain.why.counted", "counted in %s", "计入 %s"},
    {"explain.why.other_agent", "credited to %s, not to %s%s%s", "计给 %s，而非 %s%s%s"},
    {"explain.why.another_agent", "another agent", "其他催收员"},
    {"explain.why.the_total", "the total", "合计"},
    {"explain.why.unassigned",
     "no agent held the case at that moment: it counts only in the total's "
     "unassigned_collected%s%s",
     "当时无催收员持有该案件：只计入合计的 unassigned_collected%s%s"},
    {"explain.why.pending", "still pending, neither kept nor broken: %s",
     "仍待判定，既未履约也未违约：%s"},
    {"explain.why.not_in_figure", "credited, but not a row of %s%s%s",
     "已计入，但不是 %s 的行%s%s"},
    {"explain.why.outside_period", "outside the period %s .. %s", "不在统计期间 %s .. %s 内"},
    {"explain.why.not_resolved", "closed with reason %s, which does not resolve a case",
     "结案原因 %s 不属于已解决原因"},
    {"explain.why.not_credited", "in the period but credited to no agent (it names none)",
     "在统计期间内，但未计给任何催收员（该行未记录催收员）"},
    {"explain.why.no_holder",
     "closed with reason %s, a resolved reason, but no assignment ended with the closure "
     "(start_at < closed_at <= end_at): no agent is credited",
     "结案原因 %s 属于已解决原因，但没有分案以该结案结束（start_at < closed_at <= end_at）："
     "不计给任何催收员"},
};
const size_t labels_explain_text_count =
    sizeof labels_explain_texts / sizeof labels_explain_texts[0];
