"""The later chapters of the DOCX gap report: comparison, the answers and method appendices, and
the signature-and-seal page of a branded report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from dcmm.render.word_parts import grey, keep_row_whole

if TYPE_CHECKING:
    from dcmm.render.word_report import Report

SEAL_BOX = Mm(42)  # a round company seal is 38–42 mm across


def answer_lines(report: Report, row: Mapping[str, Any]) -> list[str]:
    """What an answer adds to a criterion: the review mark, note, justification and evidence."""
    t = report.t
    lines = [f"[{t['review']}]"] if row["marked_for_review"] else []
    for key in ("note", "justification"):
        if row[key]:
            lines.append(f"{t[key]}{t['colon']}{row[key]}")
    lines += [f"{t['evidence']}{t['colon']}{e}" for e in row["evidence"]]
    return lines


def _signed(value: float) -> str:
    return f"{value:+.2f}" if value else "0.00"


def comparison(report: Report) -> None:
    found = report.context.get("comparison")
    if not found:
        return
    t = report.t
    report.page_break()
    report.heading(t["comparison"], 1)
    old, new = found["old"], found["new"]
    lead = t["comparison_lead"].format(
        old_date=old["assessed_on"] or t["not_given"],
        old_score=f"{old['score']:.2f}",
        old_level=report.level(old["level"], old["level_name"]),
        new_date=new["assessed_on"] or t["not_given"],
        new_score=f"{new['score']:.2f}",
        new_level=report.level(new["level"], new["level_name"]),
    )
    report.paragraph(f"{lead} {t['delta']} {_signed(found['overall_delta'])}")
    if "comparison_radar" in report.context["charts"]:
        report.picture("comparison_radar", Mm(130))
        report.caption(t["domain_deltas"])
    header = [t["domain"], t["before"], t["after"], t["delta"], t["level"]]
    for title, key in ((t["domain_deltas"], "domains"), (t["item_deltas"], "items")):
        report.heading(title, 2)
        rows = [[f"{d['id']} {d['name']}", f"{d['before']:.2f}", f"{d['after']:.2f}", _signed(d["delta"]),
                 f"L{d['level_before']} → L{d['level_after']}"] for d in found[key]]  # fmt: skip
        first = t["domain"] if key == "domains" else t["item"]
        report.table([first, *header[1:]], rows, [40, 14, 14, 14, 18], [False, True, True, True, False])
    for title, key in ((t["improved"], "improved"), (t["regressed"], "regressed")):
        report.heading(title + report.paren(len(found[key])), 2)
        if found[key]:
            rows = [[f"{r['id']} {r['text']}", r["before"], r["after"]] for r in found[key]]
            report.table([t["criterion"], t["before"], t["after"]], rows, [60, 20, 20], [False, False, False])
        else:
            report.paragraph(t["none"])


def answers(report: Report) -> None:
    t, found = report.t, report.context["answers"]
    report.page_break()
    report.heading(t["appendix_answers"], 1)
    report.paragraph(t["answers_lead"], muted=True)
    for domain in found["domains"]:
        report.heading(f"{domain['id']} {domain['name']}", 2)
        rows = [[f"{item['id']} {item['name']}", *("\n".join(f"{c['n']} {c['grade_name']}" for c in cells)
                 for cells in item["levels"])] for item in domain["items"]]  # fmt: skip
        report.table([t["item"], "L1", "L2", "L3", "L4", "L5"], rows, [20, 16, 16, 16, 16, 16], [False] * 6)
    if found["respondents"]:
        report.heading(t["who_answered"], 2)
        rows = [[r["name"] + (f" {r['contact']}" if r["contact"] else ""), r["parts"] or "—", str(r["answered"])]
                for r in found["respondents"]]  # fmt: skip
        header = [t["respondent"], t["assigned_parts"], t["answers_given"]]
        report.table(header, rows, [24, 62, 14], [False, False, True])
    if found["records"]:
        report.heading(t["answer_records"], 2)
        with_respondents = bool(found["respondents"])
        rows = [[r["id"], r["grade_name"], *([r["respondent"]] if with_respondents else []),
                 "\n".join(answer_lines(report, r))] for r in found["records"]]  # fmt: skip
        header = [t["criterion"], t["grade"], *([t["respondent"]] if with_respondents else []),
                  f"{t['note']} · {t['evidence']} · {t['justification']}"]  # fmt: skip
        shares = [12, 12, 16, 60] if with_respondents else [12, 12, 76]
        report.table(header, rows, shares, [False] * len(header))


def method(report: Report) -> None:
    t, context = report.t, report.context
    found, edition, verification = context["method"], context["edition"], context["verification"]
    report.page_break()
    report.heading(t["appendix_method"], 1)
    report.paragraph(t["method_self"])
    report.heading(t["method_rules"], 2)
    rows = [[t["method_rules_name"], found["rules_name"]]]
    if context["lang"] == "zh" and found["rules_name"] in ("published", "gated"):
        rows.append([t["rules_explained"], t["rules_" + found["rules_name"]]])
    rows.append([t["rules_text"], found["rules_description"]])
    report.table([], rows, [25, 75], [False, False])
    gated = t["method_gated"].format(threshold=f"{found['gate_threshold']:.2f}")
    report.paragraph(gated if found["gated"] else t["method_not_gated"])
    report.paragraph(t["method_arith"])
    report.heading(t["method_scale"], 3)
    rows = [[g["name"], "–" if g["not_applicable"] else f"{g['value']:.1f}"] for g in found["scale"]]
    report.table([t["grade"], t["score"]], rows, [70, 30], [False, True])
    report.heading(t["level"], 3)
    rows = [[report.level(level["level"], level["name"]), level["description"]] for level in context["levels"]]
    report.table([t["level"], t["sheet_value"]], rows, [22, 78], [False, False])
    report.heading(t["unanswered"], 3)
    report.paragraph(t["method_unanswered"].format(count=len(found["unanswered"])))
    if found["unanswered"]:
        report.paragraph(t["list_separator"].join(found["unanswered"]), size=8)
    report.heading(found["scale"][-1]["name"], 3)
    if found["not_applicable"]:
        report.paragraph(t["method_na"].format(count=len(found["not_applicable"])))
        rows = [[f"{n['id']} {n['text']}", n["justification"]] for n in found["not_applicable"]]
        report.table([t["criterion"], t["justification"]], rows, [55, 45], [False, False])
    else:
        report.paragraph(t["method_na_none"])
    if found["marked_for_review"]:
        report.heading(t["review"], 3)
        report.paragraph(t["list_separator"].join(found["marked_for_review"]), size=8)
    report.heading(t["method_provenance"], 2)
    report.paragraph(edition["provenance"])
    if edition["provisional"]:
        report.paragraph(f"{t['method_provisional']} {', '.join(edition['provisional'])}")
    report.heading(t["verification"], 2)
    report.paragraph(t["verification_lead"])
    command = report.document.add_paragraph()
    run = command.add_run(
        f"dcmm questionnaire export {edition['id']} | sha256sum\nsha256sum {verification['answers_file']}"
    )
    run.font.name, run.font.size = "DejaVu Sans Mono", Pt(8.5)
    rows = [
        [t["tool_version"], f"{context['tool']['name']} {context['tool']['version']}"],
        [t["edition"], f"{edition['id']}{report.paren(edition['data_version'])}"],
        [t["questionnaire_sha"], verification["questionnaire_sha256"]],
        [t["answers_file"], verification["answers_file"]],
        [t["answers_sha"], verification["answers_sha256"]],
    ]
    report.table([], rows, [25, 75], [False, False])


def signature(report: Report) -> None:
    """The page the consultancy signs and seals: who issues the report, signatory, title, date, the seal box."""
    brand, words, document = report.brand or {}, report.t, report.document
    report.page_break()
    report.heading(words["signature_title"], 1)
    organisation = report.context["organisation"]["name"]
    report.paragraph(words["signature_lead"].format(issuer=brand["name"], organisation=organisation))
    signing = brand["signature"]
    rows = [
        [words["issuer"], brand["name"]],
        [words["signatory"], signing["signatory"]],
        [words["signatory_title"], signing["title"]],
        [words["signature"], ""],
        [words["signed_on"], signing["date"] or words["date_blank"]],
    ]
    report.table([], rows, [30, 70], [False, False])
    for row in document.tables[-1].rows[1:]:
        row.height = Mm(12)  # room to sign by hand
    seal = document.add_table(rows=1, cols=1)
    seal.style = "Table Grid"
    seal.alignment = WD_TABLE_ALIGNMENT.RIGHT
    cell = seal.rows[0].cells[0]
    cell.width = seal.columns[0].width = SEAL_BOX
    seal.rows[0].height = SEAL_BOX
    keep_row_whole(seal.rows[0])
    grey(cell.paragraphs[0], words["seal_here"], size=9)
    for line in brand["contact"]:
        grey(document.add_paragraph(), line, size=8)
