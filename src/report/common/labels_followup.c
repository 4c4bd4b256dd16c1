/* labels_followup.c - English and Chinese texts of the Agent trend sheet and of the columns
 * and per-agent blocks the follow-up lists (Promises, Complaints) add. labels_text looks here
 * when its other tables have no such key; the keys follow labels.c's sections. */
#include "labels_internal.h"

const text_label labels_followup_texts[] = {
    /* -- workbook: Agent trend -- */
    {"report.agent_trend.title", "Agents, last 12 months", "催收员近12个月趋势"},
    {"report.agent_trend.note",
     "One row per agent: each month's recovery rate and PTP kept rate, then a line of the twelve "
     "months (lowest to highest of the row; · = no value). An empty cell: no row that month, a "
     "month the data has not reached, or a rate with nothing to divide by.",
     "每行一名催收员：各月金额回收率与承诺履约率，以及十二个月的走势条（按该行最低到最高缩放；· "
     "表示无数值）。空白单元格表示该月无该催收员数据、数据尚未覆盖该月，或比率的分母为零。"},
    {"report.agent_trend.sparkline", "12 months", "12个月走势"},
    {"report.agent_trend.empty", "No agent has a row in the last twelve months.",
     "近十二个月没有任何催收员的数据。"},
    /* -- workbook: Promises and Complaints -- */
    {"report.promises.title", "Follow-up: promises broken or still pending",
     "跟进清单：已违约或待判定的承诺"},
    {"report.promises.note",
     "Promises due in the period that were broken or are still pending, at the as-of time. "
     "First the count per agent, most broken first; then the list, each team on its own pages.",
     "本期到期、截至数据截止时间已违约或待判定的承诺。先按催收员列出数量（违约多者在前），再列"
     "明细，每个团队单独成页。"},
    {"report.promises.by_agent", "Per agent", "按催收员"},
    {"report.promises.list", "The promises", "承诺明细"},
    {"report.complaints.title", "Complaints received in the period", "本期收到的投诉"},
    {"report.complaints.note",
     "First the count per agent named, then every complaint in order of receipt. An open "
     "complaint is overdue after",
     "先按被投诉的催收员汇总，再按收到时间列出每条投诉。未处理完的投诉超过"},
    {"report.complaints.note_days", "days (complaint_handling_days).",
     "天即为超期（complaint_handling_days）。"},
    {"report.complaints.by_agent", "Per agent", "按催收员"},
    {"report.complaints.list", "The complaints", "投诉明细"},
    {"complaint.overdue", "Overdue", "超期"},
    {"report.col.broken_count", "Broken", "已违约"},
    {"report.col.pending_count", "Pending", "待判定"},
    {"report.col.shortfall", "Shortfall", "差额"},
    {"report.col.days_overdue", "Days since the window closed", "逾期天数"},
    {"report.col.current_holder", "Case now held by", "现持案人"},
    {"report.col.last_contact_at", "Last contact", "最近联络"},
    {"report.col.outstanding", "Balance now", "当前余额"},
    {"report.col.complaints_under_review", "Under review", "核实中"},
    {"report.col.overdue_count", "Open, overdue", "超期未结"},
    {"report.col.days_open", "Days open", "已等待天数"},
    {"report.col.overdue", "Overdue", "是否超期"},
    {"report.coldef.shortfall",
     "The promised amount less what was paid toward it (a negative payment counts as 0), never "
     "below 0.",
     "承诺金额减去窗口内已还金额（负数按 0 计），最低为 0。"},
    {"report.coldef.days_overdue",
     "Broken promises: whole days from the end of the window (due date plus grace days, "
     "midnight) to the as-of day; 0 = it closed on the as-of day.",
     "已违约的承诺：从窗口结束（到期日加宽限天数后的零点）到数据截止日的整天数；0 "
     "表示当天结束。"},
    {"report.coldef.current_holder",
     "The agent holding the case at the as-of time, when that is not the agent who took the "
     "promise (the case was reassigned); empty otherwise, or when nobody holds it.",
     "截至数据截止时间的持案人（若与作出承诺的催收员不同，即案件已转分）；否则留空，无人持案时"
     "也留空。"},
    {"report.coldef.last_contact_at", "The case's latest contact up to the as-of time.",
     "截至数据截止时间该案件的最近一次联络。"},
    {"report.coldef.outstanding",
     "The case's balance at the as-of time: placed balance less every payment up to then "
     "(kpi.md outstanding), never below 0.",
     "截至数据截止时间的案件余额：委案金额减去此前的全部还款（kpi.md 的 outstanding），最低为 "
     "0。"},
    {"report.coldef.days_open",
     "Open complaints: days from receipt to the as-of time; empty once resolved.",
     "未处理完的投诉：从收到到数据截止时间的天数；处理完成后留空。"},
    {"report.coldef.overdue",
     "Open for more than complaint_handling_days days (default 15, docs/configuration.md).",
     "未处理时间超过 complaint_handling_days 天（默认 15 天）。"},
};

const size_t labels_followup_text_count =
    sizeof labels_followup_texts / sizeof labels_followup_texts[0];
