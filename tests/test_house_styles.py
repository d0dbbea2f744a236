"""PDF extraction on every generated house style: ruled, horizontally ruled and unruled tables.

Each preset of tests/generator, and three combinations of its knobs that no preset uses, is
written with both data sets (the real 2024 values and the synthetic 2023 year) and read end to
end by `flows.documents.read_document`. Expected values come from the generator's data
(`expected_budget_lines`, `expected_sasaran`, `expected_footer`), never from an extraction.
"""

from __future__ import annotations

import pytest

from flows.documents import read_document
from tests.generator import (
    STYLES,
    Style,
    expected_budget_lines,
    expected_footer,
    expected_sasaran,
    klungkung_2024,
    render_report,
    synthetic_2023,
)

# Beyond the presets: the CIK header with no rules at all and no repeated header; Courier
# (word spaces as wide as the gap between cells) between horizontal rules; a fully ruled
# simple header not repeated, with rows cut by the page break; reportlab's text layer with
# five code cells and numbered header rows; a "%" after each amount with numbered rows and
# no rules; five code cells with no rules, the source note flowing to a page of its own; five
# code cells each headed by its level's name (Urusan | Bidang | Program | Kegiatan | Sub
# Kegiatan), ruled.
OTHER_STYLES = {
    s.name: s
    for s in (
        Style(name="unruled_cik_split", rules="none", repeat_header=False, split_row=True, code_style="mixed",
              satuan="column", header_spelling="cik", table_font_size=7),
        Style(name="horizontal_courier", rules="horizontal", repeat_header=True, code_style="spaced",
              number_locale="rp", satuan="brackets", header_spelling="simple", blank_mark="-",
              table_font="courier", table_font_size=7),
        Style(name="ruled_simple_split", rules="full", repeat_header=False, split_row=True, code_style="spaced",
              number_locale="en", satuan="column", header_spelling="simple", table_font_size=8),
        Style(name="reportlab_numbered_split5", rules="none", repeat_header=False, split_row=True, code_style="split5",
              number_locale="en", satuan="column", header_spelling="simple", table_font_size=7,
              numbered_header=True, bold_parents=False, producer="reportlab", body_font="helvetica"),
        Style(name="unruled_pct_numbered_cik", rules="none", repeat_header=True, split_row=True, code_style="spaced_split",
              satuan="column", header_spelling="cik", table_font_size=7, amount_pct="each", numbered_header=True),
        Style(name="unruled_split5_simple", rules="none", repeat_header=True, code_style="split5",
              satuan="brackets", header_spelling="simple", table_font_size=7),
        Style(name="ruled_levels_split5", rules="full", repeat_header=False, code_style="split5", code_header="levels",
              satuan="column", header_spelling="simple", table_font_size=7, bold_parents=False),
    )
}
ALL_STYLES = {**STYLES, **OTHER_STYLES}
DATASETS = {"klungkung_2024": klungkung_2024, "synthetic_2023": synthetic_2023}
CASES = [(style, data) for style in ALL_STYLES for data in DATASETS]
SASARAN_JENIS = {"tahunan", "multitahun", "renstra"}


def norm(text):
    return " ".join((text or "").split()) or None


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Write and read every (style, data set) once for the module."""
    root = tmp_path_factory.mktemp("house_styles")
    out = {}
    for style_name, data_name in CASES:
        data, style = DATASETS[data_name](), ALL_STYLES[style_name]
        path = root / f"{style_name}-{data_name}.pdf"
        info = render_report(path, style, data)
        result = read_document(path)
        assert result.ok, result.error
        out[(style_name, data_name)] = {"data": data, "style": style, "info": info, "doc": result.document}
    return out


def ids(case):
    return f"{case[0]}-{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_budget_line_in_order_with_its_figures(reports, case):
    r = reports[case]
    expected = expected_budget_lines(r["data"], r["style"])
    lines = r["doc"].rows["fct_anggaran_per_dokumen"]
    got = [
        (ln["kode"], ln["level"], ln["kode_printed"], ln["nomor_printed"], norm(ln["nama_printed"]),
         ln["pagu_idr"], ln["realisasi_idr"], ln["serapan_pct_reported"])
        for ln in lines
    ]
    want = [
        (e["kode"], e["level"], e["kode_printed"], e["nomor_printed"], e["nama"],
         e["pagu_idr"], e["realisasi_idr"], e["serapan_pct_reported"])
        for e in expected
    ]
    assert got == want


def assert_indicators_of_lines(lines, values, expected):
    """Each budget line carries its expected indicator values (by source row), or none."""
    for line, e in zip(lines, expected, strict=True):
        got = [
            (norm(v["indikator"]), norm(v["satuan"]), v["target"], v["realisasi"], v["capaian_pct_reported"])
            for v in values if v["source_row"] == line["source_row"]
        ]
        want = (e["indikator"], e["satuan"], e["target"], e["realisasi"], e["capaian_pct_reported"])
        if want == (None,) * 5:
            # urusan and bidang lines print no indicator; a style may print "-" in its cells
            assert all(g == (None,) * 5 for g in got), e["kode"]
        else:
            assert got == [want], e["kode"]


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_budget_line_indicator(reports, case):
    r = reports[case]
    lines = r["doc"].rows["fct_anggaran_per_dokumen"]
    values = [v for v in r["doc"].rows["fct_indikator_per_dokumen"] if v["jenis"] == "anggaran"]
    assert_indicators_of_lines(lines, values, expected_budget_lines(r["data"], r["style"]))


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_sasaran_value(reports, case):
    r = reports[case]
    got = sorted(
        (v["jenis"], v["tahun"], norm(v["sasaran"]), norm(v["indikator"]), norm(v["satuan"]),
         v["target"], v["realisasi"], v["capaian_pct_reported"])
        for v in r["doc"].rows["fct_indikator_per_dokumen"] if v["jenis"] in SASARAN_JENIS
    )
    want = sorted(
        (e["jenis"], e["tahun"], e["sasaran"], e["indikator"], e["satuan"], e["target"], e["realisasi"],
         e["capaian_pct_reported"])
        for e in expected_sasaran(r["data"])
    )
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_footer_figures(reports, case):
    r = reports[case]
    f = expected_footer(r["data"])
    footer = {(x["label_key"], x["urutan"]): x["nilai"] for x in r["doc"].rows["fct_ringkasan_anggaran"]}
    assert footer == {
        ("totalprogram", 1): f.total_program,
        ("totalkegiatan", 1): f.total_kegiatan,
        ("totalsubkegiatan", 1): f.total_sub_kegiatan,
        ("rataratacapaianprogram", 1): f.rata_program,
        ("rataratacapaiankegiatan", 1): f.rata_kegiatan,
        ("rataratacapaiansubkegiatan", 1): f.rata_sub_kegiatan,
        ("jumlah", 1): f.jumlah_pagu,
        ("jumlah", 2): f.jumlah_realisasi,
        ("jumlah", 3): f.jumlah_pct,
        ("sisa", 1): f.sisa,
        ("sisa", 2): f.sisa_pct,
    }


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_budget_table_stitched_over_its_pages(reports, case):
    r = reports[case]
    tables = [t for t in r["doc"].rows["stg_tabel"] if t["kind"] == "anggaran"]
    assert [t["pages"] for t in tables] == [",".join(map(str, r["info"].budget_pages))]
    by_kode = {ln["kode"]: ln for ln in r["doc"].rows["fct_anggaran_per_dokumen"]}
    for kode, pages in r["info"].line_pages.items():
        assert by_kode[kode]["source_page"] == pages[0], kode
        assert by_kode[kode]["source_pages"] == ",".join(map(str, pages)), kode


@pytest.mark.parametrize("case", [c for c in CASES if ALL_STYLES[c[0]].split_row], ids=ids)
def test_row_cut_by_the_page_break_is_joined(reports, case):
    r = reports[case]
    split = r["info"].split_kodes
    assert split, "the style promises at least one row broken over a page"
    lines = {ln["kode"]: ln for ln in r["doc"].rows["fct_anggaran_per_dokumen"]}
    for kode in split:
        assert len(lines[kode]["source_pages"].split(",")) == 2, kode
