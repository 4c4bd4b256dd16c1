/* labels_score.c - the human texts of the review scores (scorecard.md) in English and
 * Chinese: column labels of the Scores sheet, rank notes, cap reasons, why a measure is
 * not scored, and the settings line. Keys are the contract's column keys or "score.*". */
#include <string.h>

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
    {"score.attainment", "Attainment", "达成率"},
    {"score.sample", "Sample", "样本量"},
    {"score.sheet_title", "Review scores", "考核评分"},
    {"score.note.new", "New in period", "期内入职"},
    {"score.note.left", "Left in period", "期内离职"},
    {"score.note.low_coverage", "Too few measures scored", "可评分指标不足"},
    {"score.cap.breach", "Critical compliance breach", "严重合规违规"},
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
};

const char *labels_score(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < sizeof score_labels / sizeof score_labels[0]; i++)
        if (strcmp(score_labels[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? score_labels[i].zh : score_labels[i].en;
    /* kpi.md columns (team, employee_no, ptp_kept_rate, ...) keep their labels. */
    return labels_column(key, lang);
}
