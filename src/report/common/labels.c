/* labels.c - the one table of English and Chinese texts that every writer uses.
 *
 * Three tables: the kpi.md columns (label and plain-words definition), the contract codes
 * (complaint categories from data-model.md, sources, close reasons, promise statuses), and
 * general texts by key, in sections per writer. Keys never change with the language. The
 * contact-compliance texts (rules, severities, contact codes) are labels_compliance.c's
 * tables, which every lookup here consults after its own.
 */
#include "collectkpi/labels.h"

#include <stdio.h>
#include <string.h>

#include "labels_internal.h"

static const column_label column_labels[] = {
    {"cases_worked", "Cases worked", "在案案件数",
     "Distinct cases the agent held at some moment in the period.",
     "本期内任一时刻由该催收员持有的不同案件数。"},
    {"worked_balance", "Worked balance", "在案金额",
     "For each case worked, its outstanding balance when the agent's work on it in the period "
     "began (period start or the later assignment start), summed.",
     "每个在案案件在该催收员本期开始处理时（期初或较晚的分案时间）的未偿余额之和。"},
    {"collected", "Collected", "回款金额",
     "Payments in the period made while the agent held the case, reversals included.",
     "本期内该催收员持案期间发生的还款合计（含冲正）。"},
    {"recovery_rate", "Recovery rate", "金额回收率", "Collected divided by worked balance.",
     "回款金额除以在案金额。"},
    {"paying_cases", "Paying cases", "还款案件数",
     "Distinct cases with at least one positive payment credited to the agent in the period.",
     "本期内至少有一笔正向还款记入该催收员的不同案件数。"},
    {"paying_case_rate", "Paying case rate", "案件回收率", "Paying cases divided by cases worked.",
     "还款案件数除以在案案件数。"},
    {"contacts", "Contacts", "联络次数",
     "The agent's contacts in the period, every channel and direction.",
     "该催收员本期所有渠道、所有方向的联络次数。"},
    {"call_attempts", "Call attempts", "外呼次数", "Outbound calls among those contacts.",
     "其中的外呼电话次数。"},
    {"rpc", "Right-party contacts", "有效联络（本人）",
     "Call attempts that reached the debtor and led to a conversation (contacted, promise, "
     "refusal, dispute or callback requested).",
     "接通债务人本人并形成沟通的外呼（已联系、承诺还款、拒绝、异议、要求回电）。"},
    {"rpc_rate", "RPC rate", "本人接通率", "Right-party contacts divided by call attempts.",
     "有效联络数除以外呼次数。"},
    {"ptp_made", "Promises made", "承诺还款数", "Promises to pay the agent took in the period.",
     "该催收员本期获得的还款承诺数。"},
    {"ptp_made_amount", "Promised amount", "承诺金额", "The amount of those promises.",
     "这些承诺的金额合计。"},
    {"ptp_rate", "Promise rate", "承诺率", "Promises made divided by right-party contacts.",
     "承诺还款数除以有效联络数。"},
    {"ptp_due", "Promises due", "到期承诺数",
     "The agent's promises whose due date falls in the period, whenever they were made.",
     "到期日在本期内的承诺数（无论何时作出）。"},
    {"ptp_pending", "Promises pending", "待判定承诺",
     "Due promises whose payment window (due date plus grace days) is still open at the as-of "
     "time.",
     "截至数据截止时间，付款窗口（到期日加宽限天数）尚未结束的到期承诺。"},
    {"ptp_kept", "Promises kept", "履约承诺数",
     "Judged due promises where the case's payments in the window reached the kept threshold "
     "of the promised amount.",
     "已判定的到期承诺中，窗口内案件还款达到承诺金额履约阈值的数量。"},
    {"ptp_broken", "Promises broken", "违约承诺数",
     "Judged due promises that did not reach the threshold.", "已判定但未达到阈值的到期承诺数。"},
    {"ptp_kept_rate", "PTP kept rate", "承诺履约率",
     "Promises kept divided by promises kept plus broken.", "履约数除以（履约数加违约数）。"},
    {"ptp_kept_amount_rate", "PTP kept amount rate", "承诺金额履约率",
     "Money paid toward judged promises (each capped at its amount) divided by their promised "
     "amount.",
     "已判定承诺的窗口内还款（每笔以承诺金额为上限）除以承诺金额合计。"},
    {"cases_resolved", "Cases resolved", "结案数",
     "Cases closed in the period as paid in full, settled or plan completed (the resolved "
     "reasons), credited to the agent holding the case when it closed.",
     "本期以结清、和解或分期完成（视为解决的原因）结案的案件，记入结案时的持案催收员。"},
    {"resolution_days_mean", "Days to resolve (mean)", "平均结案天数",
     "Mean days from placement to closure of those cases.", "这些案件从委案到结案天数的平均值。"},
    {"resolution_days_median", "Days to resolve (median)", "结案天数中位数",
     "Median of the same days (Excel PERCENTILE.INC at 0.5).",
     "同一组天数的中位数（按 Excel PERCENTILE.INC 取 0.5）。"},
    {"resolution_days_p90", "Days to resolve (P90)", "结案天数 P90",
     "90th percentile of the same days (PERCENTILE.INC at 0.9).",
     "同一组天数的第 90 百分位（PERCENTILE.INC 取 0.9）。"},
    {"complaints", "Complaints", "投诉数", "Complaints received in the period naming the agent.",
     "本期收到的、指向该催收员的投诉数。"},
    {"complaints_substantiated", "Substantiated complaints", "属实投诉数",
     "Of those, complaints found substantiated.", "其中经核实属实的投诉数。"},
    {"complaints_per_1k_contacts", "Complaints per 1,000 contacts", "每千次联络投诉数",
     "Complaints times 1,000 divided by contacts.", "投诉数乘以 1000 再除以联络次数。"},
    {"surveys", "Surveys", "满意度调查数", "Satisfaction surveys in the period naming the agent.",
     "本期指向该催收员的满意度调查数。"},
    {"csat_mean", "Satisfaction (mean, 1-5)", "平均满意度（1-5）", "Mean score of those surveys.",
     "这些调查的平均分。"},
    {"unassigned_collected", "Collected, no holder", "无人持案回款",
     "Payments in the period on cases no agent held at the time; in the total only.",
     "本期发生在无人持案期间的还款，仅计入合计。"},
    {"team", "Team", "团队", "The agent's team (agents.team_id).", "催收员所属团队。"},
    {"employee_no", "Employee no.", "工号", "The agent's employee number.", "催收员工号。"},
    {"agent_name", "Agent", "催收员", "The agent's name.", "催收员姓名。"},
    {"period_start", "Period start", "期间开始", "First moment of the period (included).",
     "期间的第一刻（含）。"},
    {"period_end", "Period end", "期间结束", "End of the period (not included).",
     "期间的结束时刻（不含）。"},
};

static const code_label code_labels[] = {
    {&codes_complaint_category, "harassment", "Harassment / excessive contact", "骚扰、频繁催收"},
    {&codes_complaint_category, "abusive_language", "Abusive or obscene language", "辱骂、恐吓"},
    {&codes_complaint_category, "threat", "Threats (violence, arrest, false legal action)",
     "威胁、暴力催收"},
    {&codes_complaint_category, "third_party_disclosure", "Contacted or told third parties",
     "向第三方透露债务、骚扰亲友"},
    {&codes_complaint_category, "privacy", "Misuse of personal information", "个人信息泄露"},
    {&codes_complaint_category, "misrepresentation", "False statements, impersonation",
     "虚假陈述、冒充公检法"},
    {&codes_complaint_category, "out_of_hours", "Contact at inconvenient times", "非规定时间催收"},
    {&codes_complaint_category, "debt_dispute", "Debt not owed or wrong amount", "债务异议"},
    {&codes_complaint_category, "fees", "Fees, interest, settlement terms", "费用与减免"},
    {&codes_complaint_category, "service", "Attitude, no callback, slow handling", "服务态度"},
    {&codes_complaint_category, "other", "Other", "其他"},
    {&codes_complaint_source, "debtor", "Debtor", "债务人"},
    {&codes_complaint_source, "third_party", "Third party", "第三方"},
    {&codes_complaint_source, "creditor", "Creditor", "委托方"},
    {&codes_complaint_source, "regulator", "Regulator", "监管机构"},
    {&codes_close_reason, "paid_in_full", "Paid in full", "全额结清"},
    {&codes_close_reason, "settled", "Settled", "和解结清"},
    {&codes_close_reason, "plan_completed", "Plan completed", "分期完成"},
    {&codes_close_reason, "recalled", "Recalled", "委托方撤案"},
    {&codes_close_reason, "legal", "Legal", "转诉讼"},
    {&codes_close_reason, "written_off", "Written off", "核销"},
    {&codes_close_reason, "deceased", "Deceased", "债务人身故"},
    {&codes_close_reason, "bankrupt", "Bankrupt", "破产"},
};

/* General texts by key. Each writer keeps its own section. */
static const text_label text_labels[] = {
    /* -- common -- */
    {"common.total", "Total", "合计"},
    {"common.undefined", "n/a", "不适用"},
    {"promise.kept", "Kept", "已履约"},
    {"promise.broken", "Broken", "已违约"},
    {"promise.pending", "Pending", "待判定"},
    {"complaint.substantiated.yes", "Yes", "属实"},
    {"complaint.substantiated.no", "No", "不属实"},
    {"complaint.substantiated.review", "Under review", "核实中"},
    /* -- report (workbook) -- */
    {"report.title", "Collection performance report", "催收绩效报告"},
    {"report.period", "Period", "统计期间"},
    {"report.as_of", "As of", "数据截至"},
    {"report.as_of.given", "(set with --as-of)", "（由 --as-of 指定）"},
    {"report.as_of.cutoff", "(the data cut-off)", "（即数据截止时间）"},
    {"report.as_of.period_end", "(the end of the period: the database has no payments or contacts)",
     "（期末：数据库中没有还款或联络记录）"},
    {"report.cutoff", "Data cut-off (latest payment or contact)",
     "数据截止时间（最近一笔还款或联络）"},
    {"report.cutoff.none", "none: the database has no payments or contacts",
     "无：数据库中没有还款或联络记录"},
    {"report.grace_days", "Grace days after a promise's due date", "承诺到期后宽限天数"},
    {"report.kept_threshold", "Kept threshold (share of the promised amount paid)",
     "履约阈值（已还金额占承诺金额的比例）"},
    {"report.resolved_reasons", "Close reasons counted as resolved", "计为解决的结案原因"},
    {"report.currency", "Currency", "币种"},
    {"report.language", "Report language", "报告语言"},
    {"report.language.name", "English", "中文"},
    {"report.list_separator", ", ", "、"},
    {"report.no_data",
     "No activity in this period: no agent held a case or has a payment, contact, promise, "
     "complaint or survey. The other sheets are empty.",
     "本期无业务数据：没有催收员持有案件，"
     "也没有还款、联络、承诺、投诉或满意度调查记录。其他工作表为空。"},
    {"report.headline", "Headline figures (portfolio)", "核心指标（整体）"},
    {"report.figure", "Figure", "指标"},
    {"report.this_period", "This period", "本期"},
    {"report.previous_month", "Previous month", "上月"},
    {"report.change", "Change", "变化"},
    {"report.previous_period", "Previous period", "上一期间"},
    {"report.under_review", "Complaints under review (not yet decided)",
     "核实中的投诉（尚未认定）"},
    {"report.restated", "Restated figures", "已重述的数字"},
    {"report.restated.note",
     "These figures print differently from the report of this period made before: data "
     "arrived after its cut-off. Values as the CSV prints them; the full list: collectkpi diff "
     "OLD.json NEW.json.",
     "以下数字与本期此前生成的报告不同：有数据在其截止时间之后到达。数值格式与 CSV 相同；完整列表："
     "collectkpi diff 旧.json 新.json。"},
    {"report.restated.who", "Row", "行"},
    {"report.restated.figure", "Figure", "指标"},
    {"report.restated.old", "Sent out", "原值"},
    {"report.restated.new", "Now", "现值"},
    {"report.restated.old_cutoff", "Cut-off then", "原截止时间"},
    {"report.restated.new_cutoff", "Cut-off now", "现截止时间"},
    {"report.restated.more", "more restated figures not shown", "条重述未显示"},
    {"report.review_gap",
     "Substantiated complaints: the change is not marked good or bad, because the share still "
     "under review differs by more than 10 points between the two periods.",
     "属实投诉：两个期间中仍在核实的投诉占比相差超过 10 个百分点，因此其变化不标注好坏。"},
    {"dashboard.under_review", "under review", "件核实中"},
    {"report.change.note",
     "Change = this period minus the previous one (the calendar month before, or for a range "
     "of days the same number of days just before it); rates in percentage points (pp). Green "
     "is good news, red bad; a change is not coloured when either period is not fully covered "
     "by the data.",
     "变化 = "
     "本期减上一期间（上一自然月；按日期范围统计时为紧邻其前、天数相同的期间）；比率的变化以百分点"
     "（pp）计。绿色为向好，红色为变差；任一期间数据不完整时不着色。"},
    {"report.change.no_previous", "There is no previous period to compare with.",
     "没有可比较的上一期间。"},
    {"report.teams", "Teams", "各团队"},
    {"report.chart.team_recovery", "Recovery rate by team", "各团队金额回收率"},
    {"report.chart.trend_recovery", "Recovery rate, last 12 months", "近12个月金额回收率"},
    {"report.chart.trend_kept", "PTP kept rate, last 12 months", "近12个月承诺履约率"},
    {"report.trend.by_team", "by team", "各团队"},
    {"report.trend.title", "Last 12 months", "近12个月趋势"},
    {"report.trend.note",
     "Each block: the portfolio total, then each team. An empty cell: no row that month, a "
     "month with no payment and no contact (the data has not reached it), or a rate with "
     "nothing to divide by.",
     "每个区块先列整体合计，再列各团队。空白单元格表示该月无数据（包括尚无任何还款或联络记录的月份"
     "），"
     "或比率的分母为零。"},
    {"report.promises.empty", "No promise due in this period is broken or pending.",
     "本期没有违约或待判定的到期承诺。"},
    {"report.list.cut",
     "The list stops here: a sheet holds at most 1,048,576 rows, and %zu more rows of this "
     "list are not shown. %s",
     "列表到此为止：一个工作表最多容纳 1,048,576 行，本列表另有 %zu 行未显示。%s"},
    {"report.list.shorter_period", "Report a shorter period to see them.",
     "请缩短报告期间以查看这些行。"},
    {"report.complaints.empty", "No complaints were received in this period.", "本期未收到投诉。"},
    {"report.def.title", "Definitions", "指标定义"},
    {"report.def.note",
     "What every column means (kpi.md), in English and Chinese. Money is in major units of the "
     "currency; a rate with nothing to divide by is an empty cell, never 0.",
     "各列含义（依据 kpi.md），中英对照。金额以货币主单位显示；分母为零的比率留空，而不是 0。"},
    {"report.def.columns", "Columns of the Agents and Teams sheets", "Agents 与 Teams 工作表的列"},
    {"report.def.list_columns", "Columns of the Promises and Complaints sheets",
     "Promises 与 Complaints 工作表的列"},
    {"report.def.key", "Key", "列名"},
    {"report.def.label_en", "Label (English)", "英文名称"},
    {"report.def.text_en", "Definition (English)", "英文定义"},
    {"report.def.label_zh", "Label (Chinese)", "中文名称"},
    {"report.def.text_zh", "Definition (Chinese)", "中文定义"},
    {"report.def.settings", "Settings the figures were computed with", "计算所用设置"},
    {"report.def.snapshot", "Data snapshot", "数据快照"},
    {"report.def.database", "Database file", "数据库文件"},
    {"report.def.version", "Program", "程序版本"},
    {"report.def.table", "Table", "数据表"},
    {"report.def.rows", "Rows", "行数"},
    {"report.col.case_no", "Case no.", "案件编号"},
    {"report.col.made_at", "Made at", "承诺时间"},
    {"report.col.due_on", "Due on", "到期日"},
    {"report.col.amount", "Promised amount", "承诺金额"},
    {"report.col.paid_toward", "Paid toward it", "窗口内已还"},
    {"report.col.status", "Status", "状态"},
    {"report.col.received_at", "Received at", "收到时间"},
    {"report.col.source", "Source", "投诉来源"},
    {"report.col.category", "Category", "投诉类别"},
    {"report.col.substantiated", "Substantiated", "是否属实"},
    {"report.col.resolved_at", "Resolved at", "处理完成时间"},
    {"report.col.days_to_resolve", "Days to resolve", "处理天数"},
    {"report.coldef.case_no", "The case's number (cases.case_no); the debtor is never named.",
     "案件编号（cases.case_no）；报告不显示任何债务人信息。"},
    {"report.coldef.made_at", "When the agent took the promise (promises.made_at).",
     "催收员获得承诺的时间（promises.made_at）。"},
    {"report.coldef.due_on", "The date the debtor promised to pay by (promises.due_on).",
     "债务人承诺的还款日期（promises.due_on）。"},
    {"report.coldef.amount", "The promised amount (promises.amount).",
     "承诺还款金额（promises.amount）。"},
    {"report.coldef.paid_toward",
     "Payments on the case from the promise to the end of its window (due date plus grace "
     "days), reversals included, whoever held the case.",
     "自作出承诺至窗口结束（到期日加宽限天数）期间该案件的还款合计（含冲正），不论持案人。"},
    {"report.coldef.status",
     "Broken: the window has ended and the payments stayed below the kept threshold. Pending: "
     "the window is still open at the as-of time. Kept promises are not listed.",
     "已违约：窗口已结束且还款未达履约阈值。"
     "待判定：截至数据截止时间窗口尚未结束。已履约的承诺不列出。"},
    {"report.coldef.received_at", "When the complaint was received (complaints.received_at).",
     "收到投诉的时间（complaints.received_at）。"},
    {"report.coldef.source", "Who complained: debtor, third party, creditor or regulator.",
     "投诉来源：债务人、第三方、委托方或监管机构。"},
    {"report.coldef.category", "What the complaint is about (the categories of data-model.md).",
     "投诉类别（见数据模型中的分类）。"},
    {"report.coldef.substantiated", "Yes or no once reviewed; under review until decided.",
     "核实后为属实或不属实；尚无结论时为核实中。"},
    {"report.coldef.resolved_at", "When the complaint was resolved; empty while it is open.",
     "投诉处理完成的时间；未完成时留空。"},
    {"report.coldef.days_to_resolve", "Days from receipt to resolution; empty while open.",
     "从收到投诉到处理完成的天数；未完成时留空。"},
    /* -- charts and dashboard -- */
    {"charts.recovery_by_agent.title", "Recovery rate by agent", "催收员金额回收率"},
    {"charts.ptp_outcomes_by_team.title", "Promise-to-pay outcomes by team", "各团队承诺还款结果"},
    {"charts.resolution_days_by_team.title", "Days to resolve by team", "各团队结案天数分布"},
    {"charts.complaints_by_category.title", "Complaints by category", "各类别投诉"},
    {"charts.trends.title", "Twelve-month trend", "近十二个月趋势"},
    {"charts.collected_by_month.title", "Collected per month", "每月回款金额"},
    {"charts.no_data", "No data in this period", "本期无数据"},
    {"charts.portfolio", "Portfolio", "整体"},
    {"charts.agents_by_team", "Agents by team (teams by recovery rate)",
     "各团队催收员分布（团队按金额回收率排序）"},
    {"charts.agents_box_note",
     "Box: middle half of a team's agents; line: median; whiskers: up to 1.5 box heights; "
     "dots: beyond",
     "箱体：团队中间一半的催收员；横线：中位数；须线：至多 1.5 倍箱高；圆点：超出须线的催收员"},
    {"charts.agents_extremes", "Top 15 and bottom 15 agents", "前 15 名与后 15 名催收员"},
    {"charts.agents_between.before", "… ", "…… 中间另有 "},
    {"charts.agents_between.after", " more agents in between …", " 名催收员 ……"},
    {"charts.agents_unrated", "Not shown, no balance worked: ", "未显示（无在案金额）："},
    {"charts.kept_rate_note", "Above each bar: PTP kept rate", "柱顶数字：承诺履约率"},
    {"charts.days_axis", "Days from placement to resolution", "委案至结案天数"},
    {"charts.boxplot_note",
     "Box: middle half of resolved cases; line: median; whiskers: up to 1.5 box heights; "
     "dots: beyond",
     "箱体：中间一半的已结案件；横线：中位数；须线：至多 1.5 倍箱高；圆点：超出须线的案件"},
    {"charts.substantiated", "Substantiated", "属实"},
    {"charts.under_review", "Under review", "核实中"},
    {"charts.not_substantiated", "Not substantiated", "不属实"},
    {"charts.collected_agents", "Collected by agents", "催收员回款"},
    {"charts.no_holder_note",
     "Grey figures above the bars: collected with no holder, where that part is too thin to see",
     "柱顶灰色数字：无人持案回款（该部分太窄看不清时标出）"},
    {"charts.each_team", "Each team", "各团队"},
    {"charts.all_teams", "All teams", "全部团队"},
    {"dashboard.title", "Collection performance", "催收绩效看板"},
    {"dashboard.portfolio", "Portfolio", "整体概览"},
    {"dashboard.recovery", "Recovery", "回收"},
    {"dashboard.compliance", "Complaints and compliance", "投诉与合规"},
    {"dashboard.pp", "pp", "个百分点"},
    {"dashboard.change.before", "Arrows: change against ", "箭头：与 "},
    {"dashboard.change.after", " (rates in percentage points).", " 相比的变化（比率以百分点计）。"},
    {"dashboard.change.none", "No change is shown: the period is not a calendar month.",
     "统计期间不是自然月，因此不显示与上月的变化。"},
    {"dashboard.teams", "Teams", "团队"},
    {"dashboard.agents", "Agents", "催收员"},
    {"dashboard.sort_hint", "Click a column header to sort.", "点击列标题可排序。"},
    {"dashboard.undefined_note", "means the rate has nothing to divide by.",
     "表示该比率的分母为零，无法计算。"},
    {"dashboard.charts", "Charts", "图表"},
    {"dashboard.no_charts",
     "This report has no charts: they were left out with --no-charts, or gnuplot could not "
     "draw them (the report command said why).",
     "本报告没有图表：生成时使用了 --no-charts，或 gnuplot 无法绘图（原因见报告命令的提示）。"},
    {"dashboard.definitions", "Definitions", "指标定义"},
    {"dashboard.settings", "Settings the figures were computed with", "计算所用设置"},
    {"dashboard.footer", "Cases are named by case number only; no debtor is ever shown.",
     "案件仅以案件编号标识，报告不显示任何债务人信息。"},
};

static const column_label *find_column(const char *key)
{
    for (size_t i = 0; i < sizeof column_labels / sizeof column_labels[0]; i++)
        if (strcmp(column_labels[i].key, key) == 0)
            return &column_labels[i];
    for (size_t i = 0; i < labels_compliance_column_count; i++)
        if (strcmp(labels_compliance_columns[i].key, key) == 0)
            return &labels_compliance_columns[i];
    return NULL;
}

const char *labels_column(const char *key, settings_lang lang)
{
    const column_label *c = find_column(key);
    if (c == NULL)
        return key;
    return lang == SETTINGS_LANG_ZH ? c->zh : c->en;
}

const char *labels_column_definition(const char *key, settings_lang lang)
{
    const column_label *c = find_column(key);
    if (c == NULL)
        return "";
    return lang == SETTINGS_LANG_ZH ? c->zh_definition : c->en_definition;
}

const char *labels_code(const codes_list *list, int index, settings_lang lang)
{
    if (index < 0 || (size_t)index >= list->count)
        return "";
    const char *code = list->codes[index];
    for (size_t i = 0; i < sizeof code_labels / sizeof code_labels[0]; i++)
        if (code_labels[i].list == list && strcmp(code_labels[i].code, code) == 0)
            return lang == SETTINGS_LANG_ZH ? code_labels[i].zh : code_labels[i].en;
    for (size_t i = 0; i < labels_compliance_code_count; i++)
        if (labels_compliance_codes[i].list == list &&
            strcmp(labels_compliance_codes[i].code, code) == 0)
            return lang == SETTINGS_LANG_ZH ? labels_compliance_codes[i].zh
                                            : labels_compliance_codes[i].en;
    return code;
}

const char *labels_text(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < sizeof text_labels / sizeof text_labels[0]; i++)
        if (strcmp(text_labels[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? text_labels[i].zh : text_labels[i].en;
    for (size_t i = 0; i < labels_compliance_text_count; i++)
        if (strcmp(labels_compliance_texts[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? labels_compliance_texts[i].zh
                                            : labels_compliance_texts[i].en;
    for (size_t i = 0; i < labels_followup_text_count; i++)
        if (strcmp(labels_followup_texts[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? labels_followup_texts[i].zh
                                            : labels_followup_texts[i].en;
    for (size_t i = 0; i < labels_explain_text_count; i++)
        if (strcmp(labels_explain_texts[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? labels_explain_texts[i].zh
                                            : labels_explain_texts[i].en;
    return key;
}

void labels_resolved_reasons(const settings *s, settings_lang lang, labels_reason_form form,
                             const char *separator, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < codes_close_reason.count; i++) {
        if (!(s->resolved_mask & (1u << i)))
            continue;
        const char *code = codes_close_reason.codes[i];
        const char *label = labels_code(&codes_close_reason, (int)i, lang);
        const char *sep = used > 0 ? separator : "";
        int n = form == LABELS_REASON_CODE ? snprintf(out + used, size - used, "%s%s", sep, code)
                : form == LABELS_REASON_LABEL
                    ? snprintf(out + used, size - used, "%s%s", sep, label)
                    : snprintf(out + used, size - used, "%s%s (%s)", sep, label, code);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}
