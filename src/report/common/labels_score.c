/* labels_score.c - the human texts of the review scores (scorecard.md) in English and
 * Chinese: column labels of the Scores sheet, rank notes, cap reasons, why a measure is
 * not scored, and the settings line. Keys are the contract's column keys or "score.*". */
#include <stdio.h>
#include <string.h>

#include "collectkpi/codes.h"

#include "collectkpi/labels.h"

typedef struct score_label {
    const char *key;
    const char *en, *zh;
} score_label;

static const score_label score_labels[] = {
    {"rank", "Rank", "排名"},
    {"team_rank", "Team rank", "组内排名"},
    {"score", "Score (0-120)", "得分（0-120）"},
    {"coverage", "Coverage", "可评分权重"},
    {"rank_note", "Not ranked because", "未排名原因"},
    {"cap_reason", "Capped by", "封顶原因"},
    {"capped", "Capped", "是否封顶"},
    {"recovery_index", "Recovery index (case-mix)", "回收指数（按账龄调整）"},
    {"expected_collected", "Expected collections", "预期回收金额"},
    {"complaints_upheld_per_1k_contacts", "Upheld complaints per 1,000 contacts",
     "每千次联系属实投诉"},
    {"complaints_under_review", "Complaints under review", "核实中投诉"},
    {"breaches_per_1k_outbound", "Breaches per 1,000 outbound", "每千次外呼违规"},
    {"score.target", "Target", "目标"},
    {"score.critical_categories", "Critical complaint categories: %s.", "严重投诉类别：%s。"},
    {"score.critical_categories.none", "none", "无"},
    {"score.group.agent", "Agent and score", "催收员与得分"},
    {"score.group.values", "Measures (coloured against target)", "各项指标（按目标着色）"},
    {"score.attainment", "Attainment", "达成率"},
    {"score.sample", "Sample", "样本量"},
    {"score.sheet_title", "Review scores", "考核评分"},
    {"score.note.new", "New in period", "期内入职"},
    {"score.note.left", "Left in period", "期内离职"},
    {"score.note.low_coverage", "Too few measures scored", "可评分指标不足"},
    {"score.cap.breach", "Critical breach", "严重合规违规"},
    {"score.cap.complaint", "Upheld critical complaint", "属实的严重投诉"},
    {"score.reason.no_weight", "weight 0", "权重为0"},
    {"score.reason.undefined", "no value", "无数据"},
    {"score.reason.low_sample", "n %lld < %lld", "样本 %lld < %lld"},
    {"score.targets", "Targets (weight; minimum sample):", "目标（权重；最小样本）："},
    {"score.legend",
     "Green: at or above target. Amber: from %g%% of target. Red: below. Grey: not scored "
     "(shown, left out of the score). Ranked from %g%% coverage; a critical breach or an upheld "
     "critical complaint caps the score at %g.",
     "绿：达到目标；黄：达到目标的%g%%"
     "以上；红：低于此线；灰：未评分（仅展示，不计入得分）。可评分权重达"
     "%g%%方参与排名；严重合规违规或属实的严重投诉使得分封顶为%g分。"},
    {"score.rag.green", "On target", "达标"},
    {"score.rag.amber", "Near target", "接近目标"},
    {"score.rag.red", "Below target", "未达标"},
    {"score.rag.grey", "Not scored", "未评分"},
    {"score.dashboard.ranking", "Review ranking", "考核排名"},
    {"score.dashboard.top", "Top %zu", "前%zu名"},
    {"score.dashboard.bottom", "Lowest %zu of the %zu ranked", "排名最后%zu位（共%zu位参与排名）"},
    {"score.dashboard.unranked", "Not ranked (%zu), with the reason", "未排名（%zu位）及原因"},
    {"score.dashboard.none_ranked", "No agent is ranked in this period.",
     "本期没有参与排名的催收员。"},
    {"score.dashboard.no_memory", "The ranking could not be drawn: out of memory.",
     "内存不足，无法显示排名。"},
    {"scorecard.title", "Review scorecard", "考核评分卡"},
    {"scorecard.summary", "Score and rank", "得分与排名"},
    {"scorecard.rank_note", "Not ranked", "未排名原因"},
    {"scorecard.rank_of", "%lld of %lld", "第%lld名（共%lld名）"},
    {"scorecard.measures", "Measures against target", "各项指标与目标"},
    {"scorecard.col.measure", "Measure", "指标"},
    {"scorecard.col.value", "Value", "实际值"},
    {"scorecard.col.interval", "95% interval", "95%置信区间"},
    {"scorecard.col.rag", "Status", "状态"},
    {"scorecard.col.team_median", "Team median", "团队中位数"},
    {"scorecard.col.portfolio", "Portfolio", "全体"},
    {"scorecard.other", "Other figures", "其他数据"},
    {"scorecard.history", "Last 6 months", "近6个月"},
    {"scorecard.month", "Month", "月份"},
    /* recovery_index broken where a reader would break it: the history's column is too
     * narrow for one line, and a wrap left to the viewer cut off the closing bracket */
    {"scorecard.history_index", "Recovery index\n(case-mix)", "回收指数\n（按账龄调整）"},
    {"scorecard.complaints", "Complaints in the period", "期内投诉"},
    {"scorecard.none", "None", "无"},
    {"scorecard.rules", "Rules broken", "违反规则"},
    {"scorecard.contact_at", "Contact at", "联系时间"},
    {"scorecard.more_complaints", "... and %lld more (the workbook's Complaints sheet lists all)",
     "……另有%lld条（完整列表见报告工作簿的投诉表）"},
    {"scorecard.more_breaches", "... and %lld more (collectkpi compliance --by breach lists all)",
     "……另有%lld条（完整列表见 collectkpi compliance --by breach）"},
    {"scorecard.breaches", "Contact compliance in the period", "期内联系合规"},
    {"scorecard.definitions", "Definitions in short", "定义摘要"},
    {"scorecard.comments", "Reviewer comments", "考核人意见"},
    {"scorecard.hired_on", "Hired on", "入职日期"},
    {"scorecard.left_on", "Left on", "离职日期"},
    {"scorecard.employed", "employed", "在职"},
    {"outbound_contacts", "Outbound contacts", "外呼联系次数"},
    {"breaching_contacts", "Breaching contacts", "违规联系次数"},
    {"critical_breaches", "Critical breaches", "严重违规"},
};

/* Plain-words definitions of the review columns (the workbook's Definitions sheet). */
static const score_label score_definitions[] = {
    {"complaints_under_review",
     "Complaints in the period naming the agent that are not yet decided (substantiated "
     "empty). They count for nobody until decided, so they are shown beside the figures.",
     "期内点名该催收员、尚未核实结论的投诉。结论出来之前不计入任何人，因此单独列出。"},
    {"recovery_index",
     "Collected divided by expected collections: what the portfolio recovers, bucket by "
     "bucket of days past due, on the same cases. 1.00 = as the portfolio; teams and the "
     "total divide their sums.",
     "实际回收除以预期回收；预期回收按逾期天数分段，用全体组合在各段的回收率乘以该人各段的在"
     "催余额。1.00即与组合持平；团队与合计按合计数相除。"},
    {"expected_collected",
     "Sum over the delinquency buckets (days past due when the agent took the case: 0-30, "
     "31-60, 61-90, 91-180, over 180) of the agent's worked balance times the portfolio's "
     "recovery rate in that bucket.",
     "按接案时逾期天数分段（0-30、31-60、61-90、91-180、180以上），该人各段在催余额乘以组合"
     "在该段的回收率，再求和。"},
    {"score",
     "100 x the weighted mean attainment of the scored measures (100 = every measure on "
     "target, 120 at most); at most the critical cap after a critical breach or an upheld "
     "critical complaint.",
     "已评分指标达成率的加权平均乘以100（100即全部达标，最高120）；有严重违规或属实的严重投诉"
     "时不超过封顶分。"},
    {"coverage", "Weights of the scored measures divided by all weights.",
     "已评分指标的权重之和除以全部权重之和。"},
    {"rank",
     "1 + the ranked agents with a higher score (six decimals); equal scores share a rank. "
     "Ranked: employed through the period, enough coverage, a score.",
     "得分（保留六位小数）更高的已排名人数加1，同分同名次。排名条件：整个期间在职、可评分权重"
     "足够且有得分。"},
    {"team_rank", "The rank among the ranked agents of the same team.",
     "在同一团队已排名催收员中的名次。"},
    {"rank_note", "Why an agent is not ranked: new, left, or too few measures scored.",
     "未排名原因：期内入职、期内离职或可评分指标不足。"},
    {"cap_reason",
     "What capped the score: a critical compliance breach, else an upheld complaint in a "
     "critical category.",
     "封顶原因：严重合规违规，其次为属实的严重类别投诉。"},
    {"score.attainment",
     "Value / target (lower is better: target / value, 1.2 at 0), kept between 0 and 1.2. "
     "Green from 1, amber from amber_at, red below, grey when not scored.",
     "实际值除以目标（越低越好的指标为目标除以实际值，为0时取1.2），限定在0至1.2之间。"
     "达到1为绿，达到黄线为黄，以下为红，未评分为灰。"},
    {"score.sample",
     "The measure's sample (cases worked, promises judged, call attempts, contacts, "
     "outbound contacts, surveys); below its minimum the measure is not scored.",
     "指标的样本量（在催案件、已判定承诺、外呼次数、联系次数、外呼联系次数、问卷数）；低于最"
     "小样本则不评分。"},
};

const char *labels_score_definition(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < sizeof score_definitions / sizeof score_definitions[0]; i++)
        if (strcmp(score_definitions[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? score_definitions[i].zh : score_definitions[i].en;
    return labels_column_definition(key, lang);
}

void labels_score_critical_categories(const settings_score *s, settings_lang lang, char *out,
                                      size_t size)
{
    char names[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < codes_complaint_category.count && used < sizeof names; i++)
        if (s->critical_category_mask & (1u << i))
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                     used ? (lang == SETTINGS_LANG_ZH ? "、" : "; ") : "",
                                     labels_code(&codes_complaint_category, (int)i, lang));
    snprintf(out, size, labels_score("score.critical_categories", lang),
             used ? names : labels_score("score.critical_categories.none", lang));
}

const char *labels_score(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < sizeof score_labels / sizeof score_labels[0]; i++)
        if (strcmp(score_labels[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? score_labels[i].zh : score_labels[i].en;
    /* kpi.md columns (team, employee_no, ptp_kept_rate, ...) keep their labels. */
    return labels_column(key, lang);
}
