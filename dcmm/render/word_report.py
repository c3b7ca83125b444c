"""A gap report as an editable DOCX (python-docx), from the same context as the PDF, as a plain dict.

Chapters are set in Word's own Heading 1–3 styles, so the navigation pane and the table-of-contents field
work; the charts are pictures; the footer numbers the pages with fields. Nothing here knows how the
figures were computed: the dict holds every text and number as the reader sees it, ``words`` the fixed
wording of this document, ``charts`` the pictures and ``brand`` the issuing consultancy (or None).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from dcmm.render import word_appendix, word_plan
from dcmm.render.word_parts import (
    GREY,
    bookmark,
    contents_entry,
    data_table,
    field_end,
    field_start,
    grey,
    page_number,
    save_document,
    set_fonts,
    update_fields_on_open,
)

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(20)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PRIMARY, ACCENT = "1F5FA8", "C0392B"  # the PDF's blue and red, unless a brand says otherwise
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "TOC Heading")
HEADING_SIZES = {"Title": 24, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11}
TOC_DEPTH = 1  # the contents list the chapters; the navigation pane shows every heading
LOGO_HEIGHT = Mm(18)


class Report:
    """The document being written and what every part of it reads: the context, the wording, the colours."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.context = context
        self.t: Mapping[str, str] = context["t"]
        self.words: Mapping[str, str] = context["words"]
        self.brand: Mapping[str, Any] | None = context.get("brand")
        brand = self.brand or {}
        self.primary: str = brand.get("primary") or PRIMARY
        self.accent: str = brand.get("accent") or ACCENT
        self.header_shade = tint(self.primary, 0.82)
        self.document: WordDocument = Document()
        self.contents: list[tuple[int, str, str]] = []  # level, text and bookmark of each heading listed
        self.contents_end: Paragraph | None = None
        self.new_page = False

    def heading(self, text: str, level: int) -> None:
        paragraph = self.document.add_heading(text, level=level)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.page_break_before = self.new_page
        self.new_page = False
        if level <= TOC_DEPTH:
            name = f"_Toc{len(self.contents) + 1:04d}"
            bookmark(paragraph, name, len(self.contents) + 1)
            self.contents.append((level, text, name))

    def paragraph(self, text: str, size: float | None = None, muted: bool = False) -> None:
        paragraph = self.document.add_paragraph()
        if muted:
            grey(paragraph, text, size or 9)
        else:
            run = paragraph.add_run(text)
            if size:
                run.font.size = Pt(size)

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float], numeric: Sequence[bool]
    ) -> None:
        """A table whose columns take ``shares`` of the text width."""
        widths = [Length(int(TEXT_WIDTH * share / sum(shares))) for share in shares]
        data_table(self.document, header, rows, widths, numeric, size=8.5, header_shade=self.header_shade)
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)

    def picture(self, name: str, width: Length) -> None:
        picture = self.context["charts"][name]
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(picture["png"]), width=width)

    def caption(self, text: str) -> None:
        paragraph = self.document.add_paragraph(style="Caption")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text)

    def page_break(self) -> None:
        # The next heading starts the page: an empty paragraph holding the break would, after a full page,
        # be pushed onto a page of its own and leave it blank.
        self.new_page = True

    def level(self, number: int, name: str) -> str:
        return f"L{number} {name}"

    def paren(self, text: object) -> str:
        return f"{self.t['paren_open']}{text}{self.t['paren_close']}"


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with ``amount`` of white: a light shade of the brand colour for table headers."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def write_report_docx(context: Mapping[str, Any], path: Path) -> None:
    """Write the gap report described by ``context`` to ``path`` atomically."""
    report = Report(context)
    _set_up(report)
    _cover(report)
    _contents(report)
    _summary(report)
    _overview(report)
    word_appendix.comparison(report)
    for domain in context["domains"]:
        _domain(report, domain)
    word_plan.action_plan(report)
    word_plan.readiness(report)
    word_plan.evidence_list(report)
    word_appendix.answers(report)
    word_appendix.method(report)
    if report.brand is not None and report.brand["signature"] is not None:
        word_appendix.signature(report)
    _contents_entries(report)
    save_document(report.document, path)


def _set_up(report: Report) -> None:
    document, context = report.document, report.context
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    set_fonts(document, context["lang"], [s for s in STYLES if s in [x.name for x in document.styles]])
    document.styles["Normal"].font.size = Pt(10)
    for name, size in HEADING_SIZES.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(report.primary)
    document.styles["TOC Heading"].font.color.rgb = RGBColor.from_string(report.primary)
    document.styles["Caption"].font.color.rgb = GREY
    document.styles["Caption"].font.size = Pt(8.5)
    properties = document.core_properties
    properties.title = f"{report.t['report_title']} · {context['organisation']['name']}"
    properties.author = (
        report.brand["name"] if report.brand else f"{context['tool']['name']} {context['tool']['version']}"
    )
    properties.language = "zh-CN" if context["lang"] == "zh" else "en-GB"
    properties.comments = f"{report.t['answers_sha']} {context['verification']['answers_sha256']}"
    section.different_first_page_header_footer = True  # the cover has neither
    issuer = report.brand["name"] if report.brand else report.t["self_assessment"]
    grey(section.header.paragraphs[0], f"{issuer} · {context['organisation']['name']}", size=8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    grey(footer, f"{context['tool']['name']} {context['tool']['version']}    ", size=8)
    page_number(footer)
    for run in footer.runs:
        run.font.size = Pt(8)
    update_fields_on_open(document)


def _cover(report: Report) -> None:
    document, context, t, brand = report.document, report.context, report.t, report.brand
    if brand is not None:
        if brand.get("logo"):
            document.add_paragraph().add_run().add_picture(io.BytesIO(brand["logo"]), height=LOGO_HEIGHT)
        issuer = document.add_paragraph()
        run = issuer.add_run(brand["name"])
        run.bold, run.font.size, run.font.color.rgb = True, Pt(12), RGBColor.from_string(report.primary)
    for _ in range(3):
        document.add_paragraph()
    edition = context["edition"]
    grey(document.add_paragraph(), f"{edition['standard']} · {t['self_assessment']}", size=11)
    document.add_paragraph(t["report_title"], style="Title")
    name = document.add_paragraph().add_run(context["organisation"]["name"])
    name.bold, name.font.size = True, Pt(18)
    rows = [[t["edition"], f"{edition['title']}{report.paren(edition['id'] + ' · ' + edition['data_version'])}"]]
    rows.append([t["assessed_on"], context["assessed_on"] or t["not_given"]])
    names = [a["name"] + (report.paren(a["role"]) if a["role"] else "") for a in context["assessors"]]
    rows.append([t["assessors"], t["list_separator"].join(names) or t["not_given"]])
    organisation = context["organisation"]
    for key in ("credit_code", "region", "industry", "party_type"):
        if organisation[key]:
            rows.append([t[key], organisation[key]])
    report.table([], rows, [1, 3], [False, False])
    overall, target = context["overall"], context["target"]
    badge = document.add_paragraph()
    run = badge.add_run(f"{t['overall_level']}  {report.level(overall['level'], overall['level_name'])}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(20), RGBColor.from_string(report.primary)
    grey(
        document.add_paragraph(),
        f"{t['overall_score']} {overall['score']:.2f} · {t['target_level']} "
        f"{report.level(target['level'], target['level_name'])}",
        size=11,
    )
    disclaimer = (t["fictitious"] + t["full_stop"] if organisation["fictitious"] else "") + t["method_self"]
    grey(document.add_paragraph(), disclaimer, size=8)
    if brand is not None:
        for line in brand["contact"]:
            grey(document.add_paragraph(), line, size=8)


def _contents(report: Report) -> None:
    """The table of contents: a TOC field over Heading 1 and 2. Its entries are written too (see
    :func:`_contents_entries`), as Word would have computed them, so it is complete before any update."""
    document = report.document
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph(report.t["contents"], style="TOC Heading")
    field_start(document.add_paragraph()._p, f'TOC \\o "1-{TOC_DEPTH}" \\h \\z \\u')
    report.contents_end = document.add_paragraph()
    field_end(report.contents_end._p)
    grey(document.add_paragraph(), report.words["toc_note"], size=8)
    report.page_break()


def _contents_entries(report: Report) -> None:
    """One line per heading listed, linked to it, with its page number as a field."""
    styles = report.document.styles
    for level in range(1, TOC_DEPTH + 1):
        style = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        layout = style.paragraph_format
        layout.left_indent = Mm(6 * (level - 1))
        layout.space_after = Pt(2 if level > 1 else 4)
        layout.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.font.bold = level == 1
    end = report.contents_end
    assert end is not None, "the contents are written before their entries"
    for level, text, name in report.contents:
        entry = report.document.add_paragraph(style=f"TOC {level}")
        contents_entry(entry, text, name)
        end._p.addprevious(entry._p)


def _summary(report: Report) -> None:
    context, t = report.context, report.t
    overall, target, completeness = context["overall"], context["target"], context["completeness"]
    report.heading(t["summary"], 1)
    facts = [
        [t["overall_level"], report.level(overall["level"], overall["level_name"])],
        [t["overall_score"], f"{overall['score']:.2f} / 5.00"],
        [t["target_level"], report.level(target["level"], target["level_name"])],
        [t["points_to_target"], f"{target['points_to_target']:.2f}"],
    ]
    report.table([], facts, [1, 2], [False, False])
    lead = t["summary_lead"].format(
        standard=context["edition"]["standard"],
        score=f"{overall['score']:.2f}",
        level=report.level(overall["level"], overall["level_name"]),
        target=report.level(target["level"], target["level_name"]),
    )
    count = context["roadmap"]["shortest_path_count"]
    gap = (
        t["target_met"]
        if target["met"]
        else t["target_gap"].format(points=f"{target['points_to_target']:.2f}", count=count)
    )
    report.paragraph(lead + word_plan.sentence_gap(report) + gap)
    report.paragraph(
        t["completeness_text"].format(
            total=completeness["total"],
            answered=completeness["answered"],
            na=completeness["not_applicable"],
            unanswered=completeness["unanswered"],
            review=completeness["review"],
        )
    )
    word_plan.summary(report)


def _overview(report: Report) -> None:
    context, t = report.context, report.t
    report.page_break()
    report.heading(t["overview"], 1)
    report.picture("radar", Mm(140))
    report.caption(t["radar_caption"])
    rows = [[f"{d['id']} {d['name']}", f"{d['score']:.2f}", report.level(d["level"], d["level_name"])]
            for d in context["domains"]]  # fmt: skip
    report.table([t["domain"], t["score"], t["level"]], rows, [3, 1, 2], [False, True, False])
    report.page_break()
    report.heading(t["heatmap_title"], 2)
    width, height = context["charts"]["heatmap"]["size"]
    report.picture("heatmap", Length(min(int(TEXT_WIDTH), int(Mm(215) * width / height))))
    report.caption(t["heatmap_caption"])


def _domain(report: Report, domain: Mapping[str, Any]) -> None:
    t = report.t
    report.page_break()
    report.heading(f"{domain['id']} {domain['name']}", 1)
    report.paragraph(domain["description"], muted=True)
    report.paragraph(
        f"{t['score']} {domain['score']:.2f} · {t['level']} {report.level(domain['level'], domain['level_name'])}"
    )
    report.heading(t["item_scores"], 2)
    rows = []
    for item in domain["items"]:
        to_next = f"{item['points_to_next']:.2f}" if item["next_level"] else "–"
        scores = [f"{s:.2f}" for s in item["level_scores"]]
        rows.append([f"{item['id']} {item['name']}", *scores, f"{item['score']:.2f}",
                     report.level(item["level"], item["level_name"]), to_next])  # fmt: skip
    header = [t["item"], "L1", "L2", "L3", "L4", "L5", t["score"], t["level"], t["points_to_next"]]
    report.table(header, rows, [27, 7.5, 7.5, 7.5, 7.5, 7.5, 9, 15, 11.5], [False, *[True] * 6, False, True])
    if domain["unmet"]:  # an empty section is left out
        report.heading(t["unmet"], 2)
        report.paragraph(t["unmet_lead"], muted=True)
        for item in domain["unmet"]:
            report.heading(f"{item['id']} {item['name']}", 3)
            rows = [[criterion_text(report, c), f"L{c['level']}", c["grade_name"], f"+{c['gain_overall']:.3f}"]
                    for c in item["criteria"]]  # fmt: skip
            header = [t["criterion"], t["level"], t["grade"], t["gain"]]
            report.table(header, rows, [66, 8, 13, 13], [False, False, False, True])
    claimed = domain["claimed_without_evidence"]
    if claimed:  # the PDF's empty "none" section is left out
        report.heading(t["no_evidence"], 2)
        report.paragraph(t["no_evidence_lead"], muted=True)
        rows = [[f"{c['id']} {c['text']}" + (f"\n{t['note']}{t['colon']}{c['note']}" if c["note"] else ""),
                 c["item_name"], c["grade_name"]] for c in claimed]  # fmt: skip
        report.table([t["criterion"], t["item"], t["grade"]], rows, [64, 22, 14], [False, False, False])


def criterion_text(report: Report, gap: Mapping[str, Any]) -> str:
    """A criterion with its evidence hints and what the answer says, one paragraph a line."""
    t = report.t
    lines = [f"{gap['id']} {gap['text']}"]
    if gap.get("fully_met_looks"):
        lines.append(f"{t['fully_met_looks']}{t['colon']}{gap['fully_met_looks']}")
    lines += [f"{t['evidence_hints']}{t['colon']}{hint}" for hint in gap["evidence_hints"]]
    lines += word_appendix.answer_lines(report, gap)
    return "\n".join(lines)
