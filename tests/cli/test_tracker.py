"""The ``dcmm tracker`` commands end to end, through dcmm.cli.main."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pypdf
import pytest

from dcmm.cli import Context, main

ROOT = Path(__file__).resolve().parents[2]


def _table(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(table for table in document["tables"] if table["key"] == key)


def _total(document: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = _table(document, "regions")["rows"][-1]
    assert row["kind"] == "total"
    return row


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_list(tmp_path: Path) -> Path:
    path = tmp_path / "synthetic.csv"
    code, _, err = run("tracker", "demo-data", str(path), "--rows", "400", "--as-of", "2026-06-30")
    assert code == 0 and "synthetic" in err
    return path


def test_import_ingest_progress(tracker_url: str, demo_list: Path, tmp_path: Path) -> None:
    code, out, err = run("tracker", "import", str(demo_list), "--db", tracker_url)
    assert code == 1  # the synthetic list has a few bad rows on purpose
    bad_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert bad_lines and all(f"{demo_list}:" in line for line in bad_lines)
    assert "400 rows" in out and f"{len(bad_lines)} rejected" in out
    code, out, _ = run("tracker", "import", str(demo_list), "--db", tracker_url)
    assert "0 added, 0 updated" in out
    code, out, _ = run("tracker", "ingest", str(ROOT / "examples" / "answers"), "--db", tracker_url)
    assert code == 0 and "4 self-assessment(s) read, 4 new" in out

    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["format"] == "dcmm-tracker-progress/2"
    assert document["includes_synthetic"] and document["banners"] == ["合成数据：包含虚构单位，数字不是真实统计"]
    (shandong,) = _table(document, "targets")["rows"]
    assert shandong["key"] == "37:guanbiao:2025-12-31" and shandong["cells"]["target"] == 300
    assert shandong["cells"]["status"] == "未达成"
    total = _total(document)
    assert total["cells"]["self_assessed"] is None and "self_assessed" in total["hidden"]  # 4: a group under 5

    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--format", "csv")
    assert out.startswith("# 合成数据") and "table,kind,key,label,parent," in out
    rows = list(csv.DictReader(out.splitlines()[1:]))
    totals = [r for r in rows if r["kind"] == "total" and r["table"] == "regions"]
    assert [r["label"] for r in totals] == ["合计（全国）"] and totals[0]["self_assessed"] == "<5"

    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--region", "37",
                       "--format", "csv", "--no-breakdowns")  # fmt: skip
    regions = [r for r in csv.DictReader(out.splitlines()[1:]) if r["table"] == "regions"]
    assert [(r["kind"], r["key"], r["label"]) for r in regions] == [("total", "37", "合计（山东省）")]

    code, out, _ = run(
        "tracker", "progress", "--db", tracker_url, "--region", "山东", "--by", "city", "--threshold", "1"
    )
    assert code == 0 and "济南市" in out and "合成数据" in out and "合计（山东省）" in out

    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--exact",
                       "--format", "csv")  # fmt: skip
    assert code == 0 and out.splitlines()[:2] == [
        "# 内部资料：含小于 5 家的精确数",
        "# 合成数据：包含虚构单位，数字不是真实统计",
    ]
    assert "<5" not in out
    code, out, _ = run(
        "tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--exact", "--format", "json"
    )
    document = json.loads(out)
    assert document["exact"] and _total(document)["cells"]["self_assessed"] == 4
    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--exact")
    assert "内部资料：含小于 5 家的精确数" in out

    for by, table in (("industry", "industries"), ("year", "years")):
        code, out, _ = run("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--by", by,
                           "--format", "json")  # fmt: skip
        document = json.loads(out)
        assert code == 0 and [t["key"] for t in document["tables"]] == ["targets", table]

    pdf = tmp_path / "progress.pdf"
    code, _, _ = run(
        "tracker", "progress", "--db", tracker_url, "--format", "pdf", "-o", str(pdf), "--as-of", "2026-11-30"
    )
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert code == 0 and "合成数据" in text and "山东省" in text and "目标 300" in text
    exact = tmp_path / "exact.pdf"
    code, _, _ = run("tracker", "progress", "--db", tracker_url, "--format", "pdf", "-o", str(exact),
                     "--as-of", "2026-11-30", "--exact")  # fmt: skip
    pages = [page.extract_text() for page in pypdf.PdfReader(exact).pages]
    assert code == 0 and all("内部资料：含小于 5 家的精确数" in page for page in pages)

    written = {}
    for fmt in ("xlsx", "docx"):
        written[fmt] = tmp_path / f"progress.{fmt}"
        code, _, err = run(
            "tracker", "progress", "--db", tracker_url, "--format", fmt, "-o", str(written[fmt]),
            "--as-of", "2026-11-30",
        )  # fmt: skip
        assert code == 0 and str(written[fmt]) in err
    book = openpyxl.load_workbook(written["xlsx"])
    assert book.sheetnames == ["目标", "地区", "行业", "年份"]
    assert all("合成数据" in str(sheet.cell(row=3, column=1).value) for sheet in book.worksheets)
    document = docx.Document(str(written["docx"]))
    assert len(document.tables) == 4 and "合成数据" in document.sections[0].header.paragraphs[0].text
    assert any(cell.text == "山东省" for cell in document.tables[0].column_cells(0))


def test_dry_run_strict_and_mapping(tracker_url: str, demo_list: Path) -> None:
    code, out, _ = run("tracker", "import", str(demo_list), "--db", tracker_url, "--dry-run")
    assert code == 1 and "dry run, nothing written" in out
    code, out, _ = run("tracker", "import", str(demo_list), "--db", tracker_url, "--strict")
    assert code == 1 and "rejected as a whole" in out
    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--format", "json", "--as-of", "2026-06-30")
    assert _total(json.loads(out))["cells"]["certified_valid"] == 0
    code, _, err = run("tracker", "import", str(demo_list), "--db", tracker_url, "--column", "nonsense")
    assert code == 1 and "HEADER=FIELD" in err


def test_targets(tracker_url: str) -> None:
    code, out, _ = run(
        "tracker", "target", "add", "--db", tracker_url, "--region", "广东", "--metric", "level3_plus",
        "--number", "50", "--deadline", "2027-12-31", "--source", "示例文件（虚构）",
    )  # fmt: skip
    assert code == 0 and "saved target" in out
    target_id = out.split("#")[1].strip()
    code, out, _ = run("tracker", "target", "list", "--db", tracker_url)
    assert "山东省 (37): guanbiao > 300 by 2025-12-31" in out and "广东省 (44): level3_plus ≥ 50" in out
    assert run("tracker", "target", "remove", "--db", tracker_url, target_id)[0] == 0
    assert run("tracker", "target", "remove", "--db", tracker_url, target_id)[0] == 1


def test_targets_defined_part_by_part(tracker_url: str, tmp_path: Path) -> None:
    rows = "单位名称,统一社会信用代码,省份,城市,行业,评估等级,发证日期,状态\n"
    rows += "示例一（虚构）,91370200MA00000015,山东,青岛,制造业,3,2024-03-01,\n"
    rows += "示例二（虚构）,91370200MA00000028,山东,青岛, 制造业 ,,2024-04-01,试点\n"
    rows += "示例三（虚构）,91370100MA00000036,山东,济南,金融业,2,2024-03-01,\n"
    listed = tmp_path / "list.csv"
    listed.write_text(rows, encoding="utf-8")
    assert run("tracker", "import", str(listed), "--db", tracker_url)[0] == 0
    code, out, err = run(
        "tracker", "target", "add", "--db", tracker_url, "--region", "370200", "--metric", "guanbiao",
        "--counts", "certified,pilots", "--industry", "制造业", "--number", "10", "--deadline", "2025",
        "--source", "示例文件（虚构）",
    )  # fmt: skip
    assert code == 0 and "saved target" in out and err == ""
    code, out, err = run(
        "tracker", "target", "add", "--db", tracker_url, "--region", "37", "--valid-on-day", "--min-level", "3",
        "--industry", "能源", "--number", "5", "--deadline", "2025-06-30", "--source", "示例文件（虚构）",
    )  # fmt: skip
    assert code == 0 and "no organisation recorded so far has the industry '能源'" in err
    code, out, _ = run("tracker", "target", "list", "--db", tracker_url, "--region", "370200")
    assert "青岛市 (370200): guanbiao ≥ 10 by 2025-12-31" in out  # a year means its last day
    assert (
        "counts: organisations ever certified or registered as adoption (guanbiao) pilots (certificates, expired ones"
        in out
    )
    assert "industry: 制造业)" in out
    code, out, _ = run("--lang", "zh", "tracker", "target", "list", "--db", tracker_url, "--region", "37")
    assert "山东省（37）：custom ≥ 5，截止 2025-06-30" in out
    assert "口径：持有效证书单位（证书，仅计当日有效；三级及以上；行业：能源）" in out
    assert "口径：累计获证单位（证书，含已过期；一级及以上）" in out  # the shipped target, as migrated
    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--region", "37", "--format", "json",
                       "--as-of", "2024-06-30", "--threshold", "1", "--lang", "en")  # fmt: skip
    rows = next(t for t in json.loads(out)["tables"] if t["key"] == "targets")["rows"]
    targets = {r["key"].split(":")[0]: r["cells"] for r in rows if ":custom:" not in r["key"]}
    assert targets["370200"]["count"] == 2  # the certified and the pilot, both in 制造业
    assert "pilots" in targets["370200"]["definition"]
    assert targets["37"]["count"] == 2 and targets["37"]["definition"].startswith("organisations ever")
    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--region", "37", "--as-of", "2024-06-30")
    assert code == 0 and "口径" in out  # the terminal's targets table has the definition column
    code, out, _ = run("tracker", "progress", "--db", tracker_url, "--region", "37", "--as-of", "2024-06-30",
                       "--format", "csv")  # fmt: skip
    assert code == 0 and "累计获证或贯标试点" in out


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = run("tracker", "init", "--db", "nosuchdb://x")
    assert code == 1 and err.startswith("error: nosuchdb://x: nosuchdb:// databases are not supported")
    code, _, err = run("tracker", "init", "--db", str(tmp_path / "missing" / "t.db"))
    assert code == 1 and "does not exist" in err
    code, _, err = run("tracker", "import", str(tmp_path / "none.csv"), "--db", str(tmp_path / "t.db"))
    assert code == 1 and "file not found" in err
    assert run("tracker", "progress", "--region", "Atlantis")[0] == 2
    assert run("tracker", "demo-data", str(tmp_path / "x.txt"))[0] == 1


def test_demo_data_is_reproducible_and_labelled(tmp_path: Path) -> None:
    first, second, xlsx = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.xlsx"
    for path in (first, second, xlsx):
        run("tracker", "demo-data", str(path), "--rows", "50", "--seed", "3")
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("DCMM 评估结果汇总 —— 合成演示数据（SYNTHETIC")
    assert text.count("（虚构）") >= 50
    from dcmm.tracker.importing import read_certificate_list

    records, _ = read_certificate_list(xlsx)
    assert records and all(r.synthetic for r in records)


def test_show_gives_each_certificate_its_status(tracker_url: str, tmp_path: Path) -> None:
    from tests.tracker.conftest import HEADER
    from tests.tracker.helpers import credit_code

    path = tmp_path / "list.csv"
    rows = [
        ["示例（虚构）", credit_code(1), "山东", "济南", "制造业", "2", "C-1", "2020-01-10"],
        ["示例（虚构）", credit_code(1), "山东", "济南", "制造业", "3", "C-2", "2021-06-10"],
    ]
    path.write_text("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n", "utf-8")
    assert run("tracker", "import", str(path), "--db", tracker_url)[0] == 0
    code, out, _ = run("tracker", "show", credit_code(1).lower(), "--db", tracker_url, "--as-of", "2024-07-01")
    assert code == 0
    assert "L2 C-1 issued 2020-01-10 expires 2023-01-10 edition 2018: superseded on 2024-07-01" in out
    assert "L3 C-2 issued 2021-06-10 expires 2024-06-10 edition 2018: expired on 2024-07-01" in out
    assert run("tracker", "show", credit_code(2), "--db", tracker_url)[0] == 1


def test_show_finds_organisations_of_a_public_notice_list_by_name(tracker_url: str, tmp_path: Path) -> None:
    path = tmp_path / "notice.csv"
    path.write_text(
        "序号,单位名称,评估等级,评估机构,公示日期\n"
        "1,济南示例数据科技有限公司（虚构）,稳健级,示例中心,2024-03-01\n"
        "2,济南示例数据科技有限公司（虚构）,受管理级,示例中心,2024-03-01\n",
        "utf-8",
    )
    assert run("tracker", "import", str(path), "--province", "37", "--db", tracker_url)[0] == 0
    for province in ("37", "41"):  # the same name in two provinces: two organisations
        assert run("tracker", "import", str(path), "--province", province, "--db", tracker_url)[0] == 0
    code, out, _ = run(
        "tracker", "show", "济南示例数据科技有限责任公司(虚构)", "--db", tracker_url, "--as-of", "2024-07-01"
    )
    assert code == 0
    assert out.count("济南示例数据科技有限公司（虚构）  (no credit code)") == 2
    assert "山东省" in out and "河南省" in out
    code, _, err = run("tracker", "show", "别的示例有限公司", "--db", tracker_url)
    assert code == 1 and "别的示例有限公司: no organisation of that name in the tracker" in err


def test_progress_in_english(tracker_url: str, demo_list: Path, tmp_path: Path) -> None:
    run("tracker", "import", str(demo_list), "--db", tracker_url)
    common = ("tracker", "progress", "--db", tracker_url, "--as-of", "2026-11-30", "--lang", "en")
    code, out, _ = run(*common)
    assert code == 0 and "By province ·" in out and "Targets ·" in out and "Region" in out
    assert "目标" not in out and "合计" not in out and "Total (China)" in out and "300 short" not in out
    code, out, _ = run(*common, "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["banners"] == ["synthetic data: includes made-up organisations, not real figures"]
    code, out, _ = run(*common, "--format", "csv")
    assert code == 0 and "table,kind,key,label,parent" in out and "合成数据" not in out
    pdf = tmp_path / "progress-en.pdf"
    assert run(*common, "--format", "pdf", "-o", str(pdf))[0] == 0
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "DCMM adoption and assessment progress" in text and "目标 300" not in text
