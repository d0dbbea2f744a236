"""Spreadsheet exports of the generated data in a layout nobody tuned for (issue 14, item 5).

A title block above the header, two header rows with merged group cells (and optionally a
row of column numbers, or a "%" after each amount under words read by roles only), one NO
column for every level, the code whole in one column and satuan in its own column; .xlsx
written by openpyxl and .xls by xlwt, amounts stored as numbers or as Indonesian-formatted
text. And a flat SIPD list, its code over five columns headed URUSAN | BIDANG | PROGRAM |
KEGIATAN | SUB KEGIATAN in one header row. Expected values come from the generator's data
(`expected_budget_lines`, `expected_footer`), never from an extraction.
"""

from __future__ import annotations

import pytest

from flows.documents import read_document
from tests.generator import expected_budget_lines, expected_footer, klungkung_2024, synthetic_2023
from tests.test_house_styles import assert_indicators_of_lines
from tests.generator.spreadsheet import FLAT_SIPD_STYLE, SHEET_STYLE, write_flat_sipd, write_xls, write_xlsx

DATASETS = {"klungkung_2024": klungkung_2024, "synthetic_2023": synthetic_2023}
WRITERS = {"xlsx": write_xlsx, "xls": write_xls}
CASES = [
    (fmt, data, numbered, as_text, False)
    for fmt in WRITERS for data in DATASETS for numbered in (False, True) for as_text in (False, True)
] + [
    # "KEUANGAN: ALOKASI (Rp) | % | REALISASI (Rp) | %", words no header spelling holds: read by roles
    (fmt, data, False, as_text, True) for fmt in WRITERS for data in DATASETS for as_text in (False, True)
]


def norm(text):
    return " ".join((text or "").split()) or None


def ids(case):
    fmt, data, numbered, as_text, pct_each = case
    return (f"{fmt}-{data}-{'numbered' if numbered else 'plain'}-{'text' if as_text else 'numbers'}"
            + ("-pct_each" if pct_each else ""))


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    root = tmp_path_factory.mktemp("house_sheets")
    out = {}
    for case in CASES:
        fmt, data_name, numbered, as_text, pct_each = case
        data = DATASETS[data_name]()
        path = WRITERS[fmt](root / f"{ids(case)}.{fmt}", data, numbered=numbered, as_text=as_text, pct_each=pct_each)
        result = read_document(path)
        assert result.ok, result.error
        out[case] = (data, result.document)
    return out


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_budget_line_from_the_sheet(docs, case):
    data, doc = docs[case]
    assert doc.dokumen["format"] == case[0]
    got = [
        (ln["kode"], ln["level"], ln["kode_printed"], ln["nomor_printed"], norm(ln["nama_printed"]),
         ln["pagu_idr"], ln["realisasi_idr"], ln["serapan_pct_reported"])
        for ln in doc.rows["fct_anggaran_per_dokumen"]
    ]
    want = [
        (e["kode"], e["level"], e["kode_printed"], e["nomor_printed"], e["nama"], e["pagu_idr"], e["realisasi_idr"],
         e["serapan_pct_reported"])
        for e in expected_budget_lines(data, SHEET_STYLE)
    ]
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_indicator_with_satuan_from_its_own_column(docs, case):
    data, doc = docs[case]
    lines = doc.rows["fct_anggaran_per_dokumen"]
    values = [v for v in doc.rows["fct_indikator_per_dokumen"] if v["jenis"] == "anggaran"]
    assert_indicators_of_lines(lines, values, expected_budget_lines(data, SHEET_STYLE))


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_jumlah_and_sisa_are_footer_not_lines(docs, case):
    data, doc = docs[case]
    f = expected_footer(data)
    footer = {(x["label_key"], x["urutan"]): x["nilai"] for x in doc.rows["fct_ringkasan_anggaran"]}
    assert (footer[("jumlah", 1)], footer[("jumlah", 2)]) == (f.jumlah_pagu, f.jumlah_realisasi)
    assert footer[("sisa", 1)] == f.sisa


FLAT_CASES = [(fmt, data) for fmt in WRITERS for data in DATASETS]


@pytest.mark.parametrize("case", FLAT_CASES, ids=lambda c: f"flat_sipd-{c[0]}-{c[1]}")
def test_flat_sipd_list_with_the_code_over_five_level_columns(tmp_path, case):
    """URUSAN | BIDANG | PROGRAM | KEGIATAN | SUB KEGIATAN hold the code's parts under one
    header row, beside URAIAN: the level names head code cells here, not names."""
    fmt, data_name = case
    data = DATASETS[data_name]()
    result = read_document(write_flat_sipd(tmp_path / f"flat.{fmt}", data, fmt))
    assert result.ok, result.error
    doc = result.document
    lines = doc.rows["fct_anggaran_per_dokumen"]
    expected = expected_budget_lines(data, FLAT_SIPD_STYLE)
    assert [(ln["kode"], ln["level"], ln["kode_printed"], norm(ln["nama_printed"]), ln["pagu_idr"], ln["realisasi_idr"],
             ln["serapan_pct_reported"]) for ln in lines] == [
        (e["kode"], e["level"], e["kode_printed"], e["nama"], e["pagu_idr"], e["realisasi_idr"], e["serapan_pct_reported"])
        for e in expected]
    values = [v for v in doc.rows["fct_indikator_per_dokumen"] if v["jenis"] == "anggaran"]
    assert_indicators_of_lines(lines, values, expected)
