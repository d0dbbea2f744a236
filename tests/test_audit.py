"""Findings on the real report against the hand-made list of its contradictions.

tests/golden/klungkung_2024_temuan.csv was made by reading the report with a calculator:
every listed contradiction must be raised, with its severity, and nothing else.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import duckdb
import pytest

from tests.conftest import build_warehouse, read_golden
from tests.reports import consistent_report

GOLDEN = read_golden("klungkung_2024_temuan.csv")

def value_key(text: str | None) -> str:
    text = (text or "").strip()
    try:
        return str(Decimal(text).normalize())
    except InvalidOperation:
        return re.sub(r"[^0-9a-z]", "", text.lower())


def key(rule, level, kode, indikator, tahun, reported, expected, page):
    return (
        rule, level or "", kode or "", re.sub(r"[^0-9a-z]", "", (indikator or "").lower())[:30],
        int(tahun), value_key(reported), value_key(expected), int(page) if page not in (None, "") else None,
    )


@pytest.fixture(scope="module")
def findings(tmp_path_factory, transformed):
    wh = tmp_path_factory.mktemp("audit") / "k.duckdb"
    build_warehouse(wh, transformed)
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute(
        "SELECT rule, severity, level, kode, indikator, tahun, reported, expected, source_page, message FROM fct_temuan"
    ).fetchall()
    con.close()
    return rows


def test_every_contradiction_is_raised_and_nothing_else(findings):
    got = sorted(key(r[0], r[2], r[3], r[4] if r[0] == "capaian_tercetak" else None, r[5], r[6], r[7], r[8]) for r in findings)
    want = sorted(
        key(g["rule"], g["level"], g["kode"], g["indikator"] if g["rule"] == "capaian_tercetak" else None,
            g["tahun"], g["reported"], g["expected"], g["source_page"])
        for g in GOLDEN
    )
    missing = [w for w in want if w not in got]
    unexpected = [g for g in got if g not in want]
    assert missing == [] and unexpected == []


def test_severities_match_the_reviewer(findings):
    by_key = {key(r[0], r[2], r[3], r[4] if r[0] == "capaian_tercetak" else None, r[5], r[6], r[7], r[8]): r[1] for r in findings}
    for g in GOLDEN:
        k = key(g["rule"], g["level"], g["kode"], g["indikator"] if g["rule"] == "capaian_tercetak" else None,
                g["tahun"], g["reported"], g["expected"], g["source_page"])
        assert by_key[k] == g["severity"], g


def test_messages_are_indonesian_and_cite_table_and_page(findings):
    for rule, *_, page, message in findings:
        assert re.search(r"(Tabel \d+(\.\d+)*, |Teks )hlm\. \d+", message), message
        assert str(page) in message
        assert any(w in message for w in ("tercetak", "padahal", "sedangkan", "melebihi", "tidak")), message


def test_the_issue_examples(findings):
    def one(rule, **kw):
        rows = [r for r in findings if r[0] == rule and all(
            {"kode": r[3], "reported": value_key(r[6]), "expected": value_key(r[7])}[k] == v for k, v in kw.items()
        )]
        assert len(rows) == 1, (rule, kw)
        return rows[0]

    tpak = [r for r in findings if r[0] == "capaian_tercetak" and value_key(r[6]) == "187.9"]
    assert sorted((value_key(r[7]), r[8]) for r in tpak) == [("101.11", 19), ("101.11", 20)]
    assert one("serapan_tercetak", kode="2.07.01.2.02.0001", reported="93.85", expected="98.86")
    program = one("jumlah_anak", kode="2.07.01", reported="4434468359")
    assert Decimal(program[6]) - Decimal(program[7]) == Decimal("300009470.00")
    totals = [r for r in findings if r[0] == "total_dokumen" and r[-1].startswith("JUMLAH")]
    assert {value_key(r[6]) for r in totals} == {"6254031019", "5736636675"}
    summary = [r for r in findings if r[0] == "total_dokumen" and r[8] == 3 and value_key(r[6]) == "6214545759"]
    assert len(summary) == 1 and "Rp 6.254.031.019,00" in summary[0][-1]


def test_a_report_without_contradictions_raises_nothing(tmp_path):
    from flows.documents import read_document
    from tests.generator import lkjip

    path = tmp_path / "konsisten-2023.pdf"
    lkjip.write_report(path, lkjip.STYLES["full_official_rp"], consistent_report())
    result = read_document(path)
    assert result.error is None
    assert len(result.document.rows["fct_anggaran_per_dokumen"]) == 45
    wh = tmp_path / "k.duckdb"
    counts = build_warehouse(wh, result.document)
    con = duckdb.connect(str(wh), read_only=True)
    messages = [r[0] for r in con.execute("SELECT message FROM fct_temuan").fetchall()]
    con.close()
    assert messages == []
    assert set(counts) >= {"jumlah_anak", "serapan_tercetak", "capaian_tercetak", "nomenklatur", "total_dokumen"}


def test_a_reprint_that_differs_from_the_report_of_its_year_is_raised(tmp_path, transformed):
    from flows.documents import read_document
    from tests.generator import lkjip

    path = tmp_path / "lkjip-2023.pdf"
    lkjip.write_report(path, lkjip.STYLES["full_official_rp"], consistent_report())
    report_2023 = read_document(path).document
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, transformed, report_2023)
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute(
        "SELECT d.tahun, f.tahun, f.indikator, f.reported, f.expected, f.message FROM fct_temuan f "
        "JOIN dim_dokumen d USING (source_document_id) WHERE f.rule = 'lintas_laporan' ORDER BY 1, 2, 4"
    ).fetchall()
    con.close()
    tpak_2023 = [r for r in rows if r[0] == 2024 and r[1] == 2023 and "TPAK" in r[2]]
    # the 2024 report reprints 2023 as 77,75 / 79,81 / 102,64; the 2023 report printed 78,25 / 79,81 / 101,99
    assert sorted((r[3], r[4]) for r in tpak_2023) == [("102,64", "101,99%"), ("77,75", "78,25")]
    assert "laporan tahun 2023" in tpak_2023[0][5]
