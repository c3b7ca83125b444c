"""The interface's own words in Chinese and English; questionnaire texts carry their own translations."""

from __future__ import annotations

from dcmm.core.text import Language

# key: (Chinese, English). Placeholders use str.format names.
_TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("DCMM 数据管理能力成熟度自评估", "DCMM data-management maturity self-assessment"),
    # edition screen
    "choose_edition": ("选择评估所依据的标准版本", "Choose the edition of the standard to assess against"),
    "edition_line": (
        "{standard} · {in_force} 实施 · {domains} 个能力域 {items} 个能力项 {criteria} 条",
        "{standard} · {in_force} · {domains} domains, {items} items, {criteria} criteria",
    ),
    "provisional": ("（部分内容为暂定）", "(partly provisional)"),
    # organisation screen
    "new_assessment": ("新建评估：被评估组织", "New assessment: the organisation"),
    "org_name": ("组织名称 *", "Organisation name *"),
    "credit_code": ("统一社会信用代码（18 位）", "Unified social credit code (18 characters)"),
    "province": ("省级行政区", "Province"),
    "city": ("城市", "City"),
    "industry": ("行业", "Industry"),
    "party_type": ("申请方类型", "Party type"),
    "party_owner": ("甲方（数据拥有方）", "甲方 (data owner)"),
    "party_provider": ("乙方（数据解决方案提供方）", "乙方 (solution provider)"),
    "target_level": ("目标等级", "Target level"),
    "answer_path": ("答卷文件（自动保存到此）", "Answer file (saved here automatically)"),
    "start": ("开始评估", "Start"),
    "required": ("必填", "required"),
    "code_ok": ("校验通过", "check character OK"),
    "file_exists": (
        "文件已存在：请换一个名称，或用 dcmm assess 该文件 继续评估",
        "the file exists: choose another name, or resume it with dcmm assess FILE",
    ),
    "folder_missing": ("文件夹不存在", "the folder does not exist"),
    "must_be_json": ("文件名须以 .json 结尾", "the file name must end in .json"),
    "fix_errors": ("请先改正标红的字段", "Fix the fields marked in red first"),
    "not_chosen": ("（未选择）", "(not chosen)"),
    # main screen
    "overall": ("总分", "Score"),
    "answered": ("已答", "Done"),
    "review_count": ("待复核", "Review"),
    "saved": ("已保存", "Saved"),
    "save_failed": ("保存失败：{error}", "Could not save: {error}"),
    "item_header": ("{id} {name}  得分 {score:.2f} · {level_name}", "{id} {name}  score {score:.2f} · {level_name}"),
    "to_next": ("距 {level} 级还差 {points:.2f}", "{points:.2f} to level {level}"),
    "level_header": ("{level} 级 {name}  等级得分 {score:.2f}", "Level {level} {name}  level score {score:.2f}"),
    "evidence_hint": ("典型证据：", "Typical evidence: "),
    "note": ("备注：", "Note: "),
    "evidence_refs": ("证据：", "Evidence: "),
    "justification": ("不适用理由：", "N/A because: "),
    "marked": ("待复核", "review"),
    "all_answered": ("全部条款均已作答", "Every criterion is answered"),
    "no_more_criteria": ("已是最后一条", "This is the last criterion"),
    "scoring": ("计分中…", "scoring…"),
    # key bar words
    "k_fully": ("完全", "Fully"),
    "k_mostly": ("大部分", "Mostly"),
    "k_partly": ("一般", "Partly"),
    "k_not": ("不满足", "Not met"),
    "k_na": ("不适用", "N/A"),
    "k_clear": ("清除", "Clear"),
    "k_note": ("备注", "Note"),
    "k_review": ("复核", "Review"),
    "k_unanswered": ("未答", "Unanswered"),
    "k_search": ("搜索", "Search"),
    "k_summary": ("汇总", "Summary"),
    "k_language": ("English", "中文"),
    "k_help": ("帮助", "Help"),
    "k_quit": ("退出", "Quit"),
    "k_back": ("返回", "Back"),
    "k_next_field": ("下一项", "Next field"),
    "k_start": ("开始", "Start"),
    "k_choose": ("确定", "Choose"),
    "k_json": ("导出 JSON", "JSON"),
    "k_html": ("导出 HTML", "HTML"),
    "k_pdf": ("导出 PDF", "PDF"),
    "k_ok": ("确定", "OK"),
    "k_cancel": ("取消", "Cancel"),
    "k_open": ("打开", "Open"),
    "k_close": ("关闭", "Close"),
    # modals
    "na_title": ("不适用：{id}", "Not applicable: {id}"),
    "na_prompt": (
        "不适用的条款不计入分母，请写明理由（必填）。",
        "N/A criteria leave the denominator; say why (required).",
    ),
    "na_required": ("理由不能为空", "A justification is required"),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "note_title": ("备注与证据：{id}", "Note and evidence: {id}"),
    "note_label": ("备注", "Note"),
    "evidence_label": ("证据引用（每行一条，如文件名或编号）", "Evidence references (one a line: file name or number)"),
    "search_title": ("搜索条款（编号、文字或证据提示）", "Search criteria (id, text or evidence hint)"),
    "search_none": ("没有匹配的条款", "No criterion matches"),
    "search_count": ("{count} 条匹配", "{count} matches"),
    "help_title": ("按键一览", "Keys"),
    "help_close": ("按 Esc 或 ? 关闭", "Esc or ? closes"),
    # summary
    "summary_title": ("评估汇总", "Summary"),
    "summary_overall": (
        "总分 {score:.2f} · {level} 级 {name} · 完成 {percent}%",
        "Overall {score:.2f} · level {level} {name} · {percent}% complete",
    ),
    "domain_col": ("能力域 / 能力项", "Domain / item"),
    "score_col": ("得分", "Score"),
    "level_col": ("等级", "Level"),
    "gaps_title": ("距目标 {target} 级的差距", "Gaps to target level {target}"),
    "target_met": ("已达到目标 {target} 级。", "Target level {target} is met."),
    "target_missing": (
        "总分还差 {points:.2f}；至少需要把以下 {count} 条提升为“完全满足”：",
        "The overall score is {points:.2f} short; at least these {count} criteria must become fully met:",
    ),
    "roadmap_title": ("改进路线图", "Roadmap"),
    "phase_line": (
        "第 {phase} 阶段（{level} 级条款）：{count} 条 → 总分 {after:.2f}",
        "Phase {phase} (level {level} criteria): {count} criteria → overall {after:.2f}",
    ),
    "gap_line": ("{id}  +{gain:.2f} 总分  {text}", "{id}  +{gain:.2f} overall  {text}"),
    "export_title": ("导出", "Export"),
    "export_running": ("正在导出 {kind}…", "Exporting {kind}…"),
    "export_done": ("已导出：{path}", "Exported: {path}"),
    "export_failed": ("导出失败：{error}", "Export failed: {error}"),
    # quick scan
    "qs_chosen": ("已选", "Chosen"),
    "qs_no_estimate": ("尚无估算", "no estimate yet"),
    "qs_prompt": ("哪一项描述最符合贵组织？", "Which statement fits you best?"),
    "qs_last": ("已是最后一个能力项", "This is the last item"),
    "qs_all_chosen": ("全部能力项均已选择", "Every item has a level"),
    "k_qs_level1": ("初始", "Initial"),
    "k_qs_level2": ("受管理", "Managed"),
    "k_qs_level3": ("稳健", "Robust"),
    "k_qs_level4": ("量化", "Quantitative"),
    "k_qs_level5": ("优化", "Optimizing"),
    "k_qs_move": ("上/下一项", "Prev/next"),
    # problems
    "problem_title": ("无法打开答卷文件", "This answer file cannot be opened"),
    "problem_help": (
        "文件未被修改，也不会被覆盖。请改正以下问题后重试：",
        "The file was not changed and will not be overwritten. Fix these problems and try again:",
    ),
}


def t(key: str, language: Language, **values: object) -> str:
    """The interface text ``key`` in ``language``, with ``values`` filled in."""
    zh, en = _TEXTS[key]
    text = zh if language == "zh" else en
    return text.format(**values) if values else text


def other_language(language: Language) -> Language:
    return "en" if language == "zh" else "zh"


# Every key of the main screen, as the help screen lists them: (keys, Chinese, English).
HELP_ROWS: tuple[tuple[str, str, str], ...] = (
    ("1", "完全满足（1.0）", "Fully met (1.0)"),
    ("2", "大部分满足（0.7）", "Mostly met (0.7)"),
    ("3", "一般满足（0.5）", "Partly met (0.5)"),
    ("4", "不满足（0）", "Not met (0)"),
    ("0", "不适用：需填写理由，不计入分母", "Not applicable: asks for a justification, leaves the denominator"),
    ("Del / Backspace", "清除本条评级", "Clear this criterion's grade"),
    ("↑ ↓ / k j", "上一条 / 下一条（跨能力项）", "Previous / next criterion (across items)"),
    ("PgUp PgDn / [ ]", "上一个 / 下一个能力项", "Previous / next item"),
    ("Tab", "在目录树与条款列表之间切换", "Switch between the tree and the criteria"),
    ("n / e", "编辑本条备注与证据引用", "Edit this criterion's note and evidence references"),
    ("m", "标记 / 取消标记为待复核", "Mark or unmark for review"),
    ("u", "跳到下一条未作答的条款", "Jump to the next unanswered criterion"),
    ("/", "搜索条款", "Search criteria"),
    ("s", "汇总：得分、差距、路线图与导出", "Summary: scores, gaps, roadmap and export"),
    ("F2", "切换中文 / English", "Switch between Chinese and English"),
    ("? / F1", "本帮助", "This help"),
    ("q / Ctrl+Q", "退出（每次修改均已即时保存）", "Quit (every change is already saved)"),
    ("鼠标 Mouse", "点击目录树、条款和底部按键", "Click the tree, the criteria and the keys at the bottom"),
)

# Every key of the quick-scan screen, as the help screen lists them.
QUICK_SCAN_HELP_ROWS: tuple[tuple[str, str, str], ...] = (
    (
        "1 – 5",
        "选择本能力项最符合的等级描述，保存并进入下一项",
        "Choose the level whose statement fits, save, next item",
    ),
    ("Del / Backspace", "清除本能力项的选择", "Clear this item's choice"),
    ("↑ ↓ / k j", "上一个 / 下一个能力项", "Previous / next item"),
    ("u", "跳到下一个未选择的能力项", "Jump to the next item without a level"),
    ("F2", "切换中文 / English", "Switch between Chinese and English"),
    ("? / F1", "本帮助", "This help"),
    ("q / Ctrl+Q", "退出（每次选择均已即时保存）", "Quit (every choice is already saved)"),
)
