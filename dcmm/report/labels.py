"""The fixed wording of reports in Chinese and English; questionnaire text comes from the questionnaire."""

from __future__ import annotations

from dcmm.core.text import Language

# key: (Chinese, English). Templates read them as ``t.key``; a missing key fails the render.
_LABELS: dict[str, tuple[str, str]] = {
    "report_title": ("数据管理能力成熟度自评估差距报告", "Data management capability maturity: gap report"),
    "portfolio_title": ("数据管理能力成熟度自评估汇总报告", "Data management capability maturity: portfolio summary"),
    "self_assessment": ("自评估（非认证结论）", "Self-assessment (not a certification)"),
    "organisation": ("被评估单位", "Organisation"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "region": ("所在地区", "Region"),
    "industry": ("所属行业", "Industry"),
    "party_type": ("申请方类型", "Party type"),
    "edition": ("评估模型", "Model"),
    "assessed_on": ("评估日期", "Assessed on"),
    "assessors": ("评估人", "Assessors"),
    "overall_level": ("综合等级", "Overall level"),
    "overall_score": ("综合得分", "Overall score"),
    "target_level": ("目标等级", "Target level"),
    "points_to_target": ("距目标差", "Points to target"),
    "fictitious": ("示例单位（虚构）", "Example organisation (fictitious)"),
    "not_given": ("未填写", "not given"),
    "contents": ("目录", "Contents"),
    "summary": ("执行摘要", "Executive summary"),
    "summary_lead": (
        "本单位依据 {standard} 的自评估综合得分为 {score}，综合等级为 {level}；目标等级为 {target}。",
        "Against {standard}, the self-assessed overall score is {score}, which is {level}; the target is {target}.",
    ),
    "target_met": ("已达到目标等级。", "The target level is reached."),
    "target_gap": (
        "距目标等级还差 {points} 分；按得分提升最多的顺序，至少需要提升 {count} 条条款。",
        "{points} points short of the target; at least {count} criteria must be raised, most gain first.",
    ),
    "top_actions": ("最关键的行动", "The actions that matter most"),
    "top_actions_none": (
        "目标已达到；下表为迈向更高等级的首要条款。",
        "Target reached; these criteria lead to the next level.",
    ),
    "gain": ("综合得分提升", "Overall gain"),
    "gain_item": ("能力项提升", "Item gain"),
    "completeness": ("作答情况", "Completeness"),
    "completeness_text": (
        "共 {total} 条条款：已作答 {answered} 条（其中不适用 {na} 条），"
        "未作答 {unanswered} 条（按不满足计），待复核 {review} 条。",
        "{total} criteria: {answered} answered ({na} not applicable), {unanswered} unanswered (counted as not met), "
        "{review} marked for review.",
    ),
    "overview": ("能力域概览", "Domains at a glance"),
    "radar_caption": ("各能力域得分：当前与目标", "Domain scores: current against target"),
    "heatmap_title": ("能力项等级热力图", "Heat map of items by level"),
    "heatmap_caption": (
        "每格为该能力项在该等级的等级得分（0–1），颜色越深满足程度越高。",
        "Each cell is the item's level score (0–1); darker means more fully met.",
    ),
    "current": ("当前", "Current"),
    "target": ("目标", "Target"),
    "previous": ("上次", "Previous"),
    "domain": ("能力域", "Domain"),
    "item": ("能力项", "Item"),
    "score": ("得分", "Score"),
    "level": ("等级", "Level"),
    "level_scores": ("各等级得分", "Level scores"),
    "next_level": ("下一等级", "Next level"),
    "points_to_next": ("距下一等级", "To next level"),
    "domain_detail": ("能力域详情", "Domains in detail"),
    "item_scores": ("能力项得分", "Item scores"),
    "not_counted": ("门槛规则下不计入", "not counted under the gated rule"),
    "unmet": ("未满足的条款", "Criteria not fully met"),
    "unmet_lead": (
        "以下条款等级不高于目标等级或该能力项的下一等级，尚未完全满足；按能力项和等级排列。",
        "Criteria up to the target level or the item's next level that are not fully met, by item and level.",
    ),
    "unmet_none": ("本能力域在目标范围内没有未满足的条款。", "No criterion up to the target is short in this domain."),
    "criterion": ("条款", "Criterion"),
    "grade": ("评级", "Grade"),
    "evidence_hints": ("证据提示", "Evidence that shows it"),
    "note": ("备注", "Note"),
    "evidence": ("已提供证据", "Evidence given"),
    "unanswered": ("未作答", "Unanswered"),
    "review": ("待复核", "Marked for review"),
    "no_evidence": ("自评满足但未提供证据的条款", "Claimed without evidence"),
    "no_evidence_lead": (
        "以下条款自评为“完全满足”或“大部分满足”，但没有列出任何证据，认证评估时需补充。",
        "These criteria are rated fully or mostly met but list no evidence; an assessor will ask for it.",
    ),
    "no_evidence_none": ("无。", "None."),
    "roadmap": ("提升路线图", "Roadmap to the target"),
    "roadmap_lead": (
        "先夯实低等级，再提升高等级；每个阶段内按综合得分提升从大到小排列。“完成后综合得分”为该阶段及之前阶段全部完成后的得分。",
        "Foundations first: one phase per level, most overall gain first within a phase. "
        "“Overall after” is the score once the phase and those before it are done.",
    ),
    "roadmap_met": ("已达到目标等级，无需路线图。", "The target level is reached; no roadmap is needed."),
    "phase": ("阶段", "Phase"),
    "phase_title": ("第 {n} 阶段：补齐 {level} 条款", "Phase {n}: the {level} criteria"),
    "overall_after": ("完成后综合得分", "Overall after"),
    "criteria_count": ("条款数", "Criteria"),
    "shortest_path": ("最短路径", "Shortest path"),
    "shortest_path_lead": (
        "只看达到目标综合得分所需的最少条款（每步选提升最多者）：共 {count} 条。",
        "The fewest criteria that lift the overall score to the target, largest gain first: {count}.",
    ),
    "appendix_answers": ("附录 A　全部作答", "Appendix A: every answer"),
    "answers_lead": (
        "下表列出每条条款的评级（格中数字为该等级内的条款序号，如 6.1 行 L3 列的 2 即条款 6.1.3.2）；"
        "其后列出全部备注、证据、不适用理由和复核标记。",
        "Every criterion's grade (the number in a cell is the criterion's number within the level: 2 in row 6.1, "
        "column L3 is criterion 6.1.3.2), then every note, evidence, justification and review mark.",
    ),
    "answer_records": ("备注、证据与理由", "Notes, evidence and justifications"),
    "shortest_path_mark": (
        "加粗的条款属于达到目标的最短路径。",
        "Criteria in bold are on the shortest path to the target.",
    ),
    "appendix_method": ("附录 B　计分方法与规则", "Appendix B: how the scores were computed"),
    "method_self": (
        "本报告为依据本工具问卷进行的自评估结果，不是认证结论；认证须由经认可的评估机构通过文件审查、访谈和现场核查作出。",
        "This report is a self-assessment with this tool's questionnaire, not a certification; certification is "
        "granted by an accredited body after document review, interviews and on-site checks.",
    ),
    "method_rules": ("计分规则", "Scoring rules"),
    "method_rules_name": ("规则名称", "Rules"),
    "method_gated": (
        "门槛规则：开启。某能力项的较高等级仅在其所有较低等级的等级得分均不低于 {threshold} 时计入。",
        "Gated rule: on. A higher level of an item counts only when every lower level scores at least {threshold}.",
    ),
    "method_not_gated": (
        "门槛规则：未开启。各等级得分直接相加，不要求较低等级先达到门槛。",
        "Gated rule: off. Level scores are added without requiring lower levels to pass a threshold.",
    ),
    "method_scale": ("评级与分值", "Grades and their values"),
    "method_arith": (
        "所有平均值按四舍五入保留两位小数；等级得分 0–1，能力项、能力域与综合得分 0–5；能力域不加权。",
        "Every mean is rounded half up to two decimals; level scores are 0–1, item, domain and overall scores "
        "0–5; domains are not weighted.",
    ),
    "method_unanswered": (
        "未作答的条款按“不满足”计入分母，列出如下（共 {count} 条）。",
        "Unanswered criteria count as not met and stay in the denominator; they are listed below ({count}).",
    ),
    "method_na": (
        "“不适用”的条款不计入分母（等级全部不适用时该等级得 1.00；能力项全部不适用时不计入能力域平均）。"
        "本次使用“不适用”共 {count} 条，理由如下：",
        "Not applicable criteria leave the denominator (a level whose criteria are all not applicable scores 1.00; "
        "an item that is entirely not applicable leaves its domain's mean). Used {count} times, with these "
        "justifications:",
    ),
    "method_na_none": ("本次评估未使用“不适用”。", "Not applicable was not used in this assessment."),
    "justification": ("理由", "Justification"),
    "method_provenance": ("问卷来源", "About the questionnaire"),
    "method_provisional": ("问卷中标记为暂定的内容：", "Parts of the questionnaire marked provisional:"),
    "verification": ("报告校验", "Verifying this report"),
    "verification_lead": (
        "以下 SHA-256 可用于日后核对本报告所依据的问卷与答卷，用下面两条命令重新计算并比对：",
        "These SHA-256 values let anyone check later which questionnaire and answers this report came from; "
        "recompute them with the two commands below and compare:",
    ),
    "rules_explained": ("规则说明", "In words"),
    "rules_text": ("规则原文（计分程序中的定义）", "Rules as defined in the scoring code"),
    # Chinese readings of the two presets; English reports show the rules' own description only.
    "rules_published": (
        "等级得分 = 该等级各条款评级分值的平均值；能力项得分 = 五个等级得分之和；能力域得分 = 其能力项得分的平均值；"
        "综合得分 = 各能力域得分的平均值；得分不低于 N 即为 N 级（低于 2 为 1 级）。",
        "",
    ),
    "rules_gated": (
        "与公开方法相同（等级得分为条款评级分值的平均值，能力项得分为五个等级得分之和，能力域与综合得分取平均），"
        "但某能力项的较高等级只有在其所有较低等级的等级得分都达到门槛值时才计入（用于认证准备的保守检查）。",
        "",
    ),
    "questionnaire_sha": ("问卷 SHA-256", "Questionnaire SHA-256"),
    "answers_sha": ("答卷 SHA-256", "Answer file SHA-256"),
    "answers_file": ("答卷文件", "Answer file"),
    "tool_version": ("工具版本", "Tool version"),
    "page": ("第 {page} 页", "Page {page}"),
    "comparison": ("与上次评估对比", "Compared with the previous assessment"),
    "comparison_lead": (
        "上次评估：{old_date}，综合得分 {old_score}（{old_level}）；"
        "本次：{new_date}，综合得分 {new_score}（{new_level}）。",
        "Previous: {old_date}, overall {old_score} ({old_level}); now: {new_date}, overall {new_score} ({new_level}).",
    ),
    "delta": ("变化", "Change"),
    "improved": ("提升的条款", "Criteria that improved"),
    "regressed": ("下降的条款", "Criteria that regressed"),
    "none": ("无。", "None."),
    "item_deltas": ("能力项得分变化", "Item score changes"),
    "domain_deltas": ("能力域得分变化", "Domain score changes"),
    "before": ("之前", "Before"),
    "after": ("之后", "After"),
    "organisations": ("单位数", "Organisations"),
    "mean_score": ("平均综合得分", "Mean overall score"),
    "portfolio_list": ("各单位评估结果", "Every organisation"),
    "level_distribution": ("等级分布", "Level distribution"),
    "shared_gaps": ("多数单位共有的差距", "Gaps most organisations share"),
    "shared_gaps_lead": (
        "在各单位目标等级范围内尚未完全满足、且涉及单位最多的条款。",
        "Criteria not fully met, up to each organisation's target, that the most organisations share.",
    ),
    "share": ("涉及单位", "Organisations"),
    "report_file": ("报告文件", "Report file"),
    "rejected": ("未能处理的文件", "Files that could not be used"),
}


def labels(language: Language) -> dict[str, str]:
    """Every label in one language."""
    index = 0 if language == "zh" else 1
    return {key: pair[index] for key, pair in _LABELS.items()}
