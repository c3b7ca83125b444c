"""The DOCX gap report's management pages: the rest of the executive summary, the action plan with owner and due
columns left blank to fill in, certification readiness and the evidence list. Empty parts are left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dcmm.render.word_report import Report


def _named(report: Report, domains: Sequence[Mapping[str, Any]]) -> str:
    t = report.t
    return t["list_separator"].join(
        t["domain_score"].format(name=d["name"], score=f"{d['score']:.2f}") for d in domains
    )


def sentence_gap(report: Report) -> str:
    """Between two sentences: nothing in Chinese, a space in English."""
    return " " if report.context["lang"] == "en" else ""


def summary(report: Report) -> None:
    """Strengths and weaknesses, each domain's gap to the target, the plan's first work packages, readiness."""
    t, context = report.t, report.context
    found, readiness = context["executive"], context["readiness"]
    strong, weak = _named(report, found["strongest"]), _named(report, found["weakest"])
    report.paragraph(f"{t['strongest_are']}{strong}{t['weakest_are']}{weak}{t['full_stop']}".rstrip())
    report.heading(t["domain_gaps"], 2)
    rows = [[f"{d['id']} {d['name']}", f"{d['score']:.2f}", report.level(d["level"], d["level_name"]),
             f"{d['gap']:.2f}" if d["gap"] > 0 else t["target_reached"]] for d in found["domains"]]  # fmt: skip
    header = [t["domain"], t["score"], t["level"], t["gap_to_target"]]
    report.table(header, rows, [40, 14, 24, 22], [False, True, False, True])
    report.heading(t["priorities"], 2)
    if not found["priorities"]:
        report.paragraph(t["priorities_none"], muted=True)
    else:
        report.paragraph(t["priorities_lead"].format(count=len(found["priorities"])), muted=True)
        rows = [[f"{w['item_id']} {w['item_name']}", f"{w['phase']} · {report.level(w['level'], w['level_name'])}",
                 w["time_frame"], str(w["criteria_count"]), f"+{w['gain_overall']:.3f}"]
                for w in found["priorities"]]  # fmt: skip
        header = [t["work_package"], t["phase"], t["time_frame"], t["criteria_count"], t["gain"]]
        report.table(header, rows, [38, 20, 18, 10, 14], [False, False, False, True, True])
    line = t["readiness_summary"].format(
        claimed=len(readiness["claimed_without_evidence"]),
        review=len(readiness["marked_for_review"]),
        unanswered=readiness["unanswered"],
    )
    if readiness["checked"]:
        files = t["readiness_files"].format(missing=len(readiness["missing"]), changed=len(readiness["changed"]))
        line += sentence_gap(report) + files
    report.paragraph(line)


def action_plan(report: Report) -> None:
    """The roadmap as work packages: one row per item and phase, its criteria in full, owner and due blank."""
    t, plan = report.t, report.context["roadmap"]
    report.page_break()
    report.heading(t["roadmap"], 1)
    if plan["target_met"]:
        report.paragraph(t["roadmap_met"])
        return
    for lead in (t["roadmap_lead"], t["plan_lead"], t["shortest_path_lead"].format(count=plan["shortest_path_count"])):
        report.paragraph(lead)
    rows = [[str(p["phase"]), report.level(p["level"], p["level_name"]), p["time_frame"], str(len(p["by_item"])),
             str(len(p["gaps"])), f"{p['overall_after']:.2f}"] for p in plan["phases"]]  # fmt: skip
    header = [t["phase"], t["level"], t["time_frame"], t["work_package"], t["criteria_count"], t["overall_after"]]
    report.table(header, rows, [10, 24, 20, 14, 14, 18], [False, False, False, True, True, True])
    for phase in plan["phases"]:
        level = report.level(phase["level"], phase["level_name"])
        report.heading(t["phase_heading"].format(n=phase["phase"], level=level, time_frame=phase["time_frame"]), 2)
        rows = []
        for item in phase["by_item"]:
            criteria = [f"{'★ ' if c['in_shortest_path'] else ''}{c['id']} {c['text']}（{c['grade_name']}）"
                        if report.context["lang"] == "zh" else
                        f"{'★ ' if c['in_shortest_path'] else ''}{c['id']} {c['text']} ({c['grade_name']})"
                        for c in item["criteria"]]  # fmt: skip
            package = f"{item['id']} {item['name']}\n{t['gain']} +{item['gain_overall']:.3f}"
            rows.append([package, "\n".join(criteria), "", ""])
        header = [t["work_package"], t["criterion"], t["plan_owner"], t["plan_due"]]
        report.table(header, rows, [21, 51, 14, 14], [False, False, False, False])
    report.paragraph(f"★ {report.words['shortest_path_star']}", muted=True)


def readiness(report: Report) -> None:
    t, context = report.t, report.context
    found, respondents = context["readiness"], context["answers"]["respondents"]
    report.page_break()
    report.heading(t["readiness"], 1)
    report.paragraph(t["readiness_lead"])
    if found["admission"]:
        report.heading(t["admission_title"], 2)
        report.paragraph(t["admission_lead"])
        for line in found["admission"]:
            if line:
                report.paragraph(line)
    report.heading(t["who_and_when"], 2)
    names = [a["name"] + (report.paren(a["role"]) if a["role"] else "") for a in context["assessors"]]
    when = t["assessed_by"].format(date=context["assessed_on"] or t["not_given"])
    report.paragraph(f"{when}{t['list_separator'].join(names) or t['not_given']}{t['full_stop']}".rstrip())
    if respondents:
        rows = [[r["name"] + (f" {r['contact']}" if r["contact"] else ""), r["parts"] or "—", str(r["answered"])]
                for r in respondents]  # fmt: skip
        report.table(
            [t["respondent"], t["assigned_parts"], t["answers_given"]], rows, [24, 62, 14], [False, False, True]
        )
    for title, key in ((t["missing_title"], "missing"), (t["changed_title"], "changed")):
        if found[key]:
            report.heading(title, 2)
            rows = [[e["criterion_id"], e["reference"], e["owner"], e["date"]] for e in found[key]]
            header = [t["criterion"], t["evidence_reference"], t["evidence_owner"], t["evidence_date"]]
            report.table(header, rows, [14, 50, 18, 18], [False] * 4)
    if context["evidence"] and not found["checked"]:
        report.paragraph(t["evidence_not_checked"], muted=True)
    elif context["evidence"] and not (found["missing"] or found["changed"]):
        report.paragraph(t["evidence_all_found"], muted=True)
    for title, key in ((t["no_evidence"], "claimed_without_evidence"), (t["review_title"], "marked_for_review")):
        if found[key]:
            report.heading(title, 2)
            rows = [[f"{c['id']} {c['text']}" + (f"\n{t['note']}{t['colon']}{c['note']}" if c["note"] else ""),
                     c["grade_name"], c["respondent"]] for c in found[key]]  # fmt: skip
            report.table([t["criterion"], t["grade"], t["respondent"]], rows, [64, 16, 20], [False] * 3)


def evidence_list(report: Report) -> None:
    t, found = report.t, report.context["evidence"]
    if not found:
        return
    report.page_break()
    report.heading(t["evidence_list"], 1)
    report.paragraph(t["evidence_list_lead"], muted=True)
    rows = [[e["criterion_id"], f"[{t['kind_' + e['kind']]}] {e['reference']}" + (f"\n{e['description']}" if
             e["description"] else ""), e["owner"], e["date"], e["sha256"],
             t["status_" + e["status"]] if e["status"] else ""] for e in found]  # fmt: skip
    header = [t["criterion"], t["evidence_reference"], t["evidence_owner"], t["evidence_date"], t["evidence_sha"],
              t["evidence_status"]]  # fmt: skip
    report.table(header, rows, [10, 33, 12, 13, 21, 11], [False] * 6)
