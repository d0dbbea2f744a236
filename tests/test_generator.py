"""The fixture generator itself (tests/generator): valid PDFs, pages, rotation, text, data.

These tests do not run the kinerja extractor.
"""

from __future__ import annotations

import csv
from dataclasses import fields
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.generator import (
    STYLES,
    Style,
    expected_budget_lines,
    expected_footer,
    expected_sasaran,
    klungkung_2024,
    render_report,
    synthetic_2023,
    write_report,
)
from tests.generator.lkjip import fmt_amount, fmt_pct, fmt_total, fmt_value, parent_kode, printed_code, split5_cells

GOLDEN = Path(__file__).resolve().parent / "golden"
DATASETS = {"klungkung_2024": klungkung_2024, "synthetic_2023": synthetic_2023}
CASES = [(s, d) for s in STYLES for d in DATASETS]


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = {}
    root = tmp_path_factory.mktemp("generated")
    for style_name, data_name in CASES:
        data = DATASETS[data_name]()
        path = root / f"{style_name}-{data_name}.pdf"
        info = render_report(path, STYLES[style_name], data)
        doc = pdfium.PdfDocument(str(path))
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            pages.append({
                "text": _norm(page.get_textpage().get_text_range()),
                "rotation": page.get_rotation(),
                "size": page.get_size(),
            })
        doc.close()
        out[(style_name, data_name)] = {"path": path, "info": info, "pages": pages, "data": data,
                                        "style": STYLES[style_name]}
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_valid_pdf_with_text_layer_and_sane_page_count(reports, case):
    r = reports[case]
    assert r["path"].read_bytes()[:5] == b"%PDF-"
    assert len(r["pages"]) == r["info"].page_count
    assert 8 <= len(r["pages"]) <= 30
    assert all(len(p["text"]) > 0 for p in r["pages"][1:]), "every page has real text"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_cover_says_who_and_when(reports, case):
    r = reports[case]
    cover = r["pages"][0]["text"]
    for needle in ("LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKJIP)", f"TAHUN {r['data'].tahun}",
                   "PEMERINTAH KABUPATEN KLUNGKUNG", "DINAS KETENAGAKERJAAN"):
        assert needle in cover


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_budget_pages_are_wide_or_rotated_as_asked(reports, case):
    r = reports[case]
    info = r["info"]
    assert len(info.budget_pages) >= 3, "the budget table runs over several pages"
    raw = r["path"].read_bytes()
    for n, page in enumerate(r["pages"], start=1):
        w, h = page["size"]  # pdfium reports the displayed (rotated) size
        if n in info.budget_pages:
            assert w > h
            assert page["rotation"] == (90 if r["style"].orientation == "rotated" else 0)
        else:
            assert page["rotation"] == 0 and w < h
    expected = len(info.budget_pages) if r["style"].orientation == "rotated" else 0
    assert raw.count(b"/Rotate 90") == expected == len(info.rotated_pages)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_every_budget_line_and_the_footer_is_printed(reports, case):
    r = reports[case]
    info, data, style = r["info"], r["data"], r["style"]
    text = {n: r["pages"][n - 1]["text"] for n in info.budget_pages}
    assert "Tabel 3.9" in text[info.budget_pages[0]]
    expected = expected_budget_lines(data, style)
    assert len(expected) == 45 == len(info.line_pages)
    assert list(info.line_pages) == [e["kode"] for e in expected], "all lines, in order"
    for e in expected:
        first_page = info.line_pages[e["kode"]][0]
        main = e["kode_printed"].split(" | ")[0]
        assert main in text[first_page], e["kode"]
        if e["pagu_idr"] is not None:
            assert fmt_amount(e["pagu_idr"], style.number_locale) in text[first_page]
    last = text[info.budget_pages[-1]]
    footer = expected_footer(data)
    for needle in ("Total Program", "Total Kegiatan", "Total Sub Kegiatan", "Rata - Rata Capaian Program",
                   "JUMLAH", "SISA", fmt_total(footer.jumlah_pagu, style.number_locale),
                   fmt_total(footer.sisa, style.number_locale)):
        assert needle in last


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_header_repeats_only_where_asked(reports, case):
    r = reports[case]
    info, style = r["info"], r["style"]
    needle = "PROGRAM / KEGIATAN / SUB KEGIATAN" if style.header_spelling == "cik" else "Program/Kegiatan/Sub Kegiatan"
    with_header = [n for n in info.budget_pages if needle in r["pages"][n - 1]["text"]]
    if style.repeat_header:
        assert with_header == info.budget_pages == info.budget_header_pages
    else:
        assert with_header == info.budget_pages[:1] == info.budget_header_pages


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_split_rows_only_where_asked(reports, case):
    r = reports[case]
    info = r["info"]
    if not r["style"].split_row:
        assert info.split_kodes == []
        assert all(len(p) == 1 for p in info.line_pages.values())
        return
    assert info.split_kodes
    for kode in info.split_kodes:
        first, second = info.line_pages[kode]
        assert second == first + 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_sasaran_tables_have_their_caption_above(reports, case):
    r = reports[case]
    for t in r["data"].sasaran_tables:
        page = r["info"].sasaran_pages[t.nomor]
        assert f"Tabel {t.nomor}" in r["pages"][page - 1]["text"]
    locale = r["style"].number_locale
    for e in expected_sasaran(r["data"]):
        page_text = r["pages"][r["info"].sasaran_pages[e["tabel"]] - 1]["text"]
        assert fmt_value(e["target"], locale) in page_text
        assert fmt_pct(e["capaian_pct_reported"], locale) in page_text
    for phrase in ("Target akhir renstra", "Indikator Sasaran"):
        if r["style"].producer == "reportlab":  # words written column-major, one by one
            assert any(set(phrase.split()) <= set(p["text"].split()) for p in r["pages"]), phrase
        else:
            assert any(phrase in p["text"] for p in r["pages"]), phrase


def test_reportlab_writes_a_text_layer_of_its_own(reports):
    """The reportlab style writes its text column-major: in the text layer the codes of the
    budget lines follow one another, as they never do in an fpdf2 style (row by row, a code
    is followed by its line's name)."""
    r = reports[("reportlab_plain", "synthetic_2023")]
    doc = pdfium.PdfDocument(str(r["path"]))
    assert "ReportLab" in doc.get_metadata_dict()["Producer"]
    doc.close()
    codes = "2 2.07 2.07.01 2.07.01.2.01 2.07.01.2.01.0001"
    assert codes in r["pages"][r["info"].budget_pages[0] - 1]["text"]
    fpdf = reports[("horizontal_en", "synthetic_2023")]  # official codes too, written by fpdf2
    page = fpdf["pages"][fpdf["info"].budget_pages[0] - 1]["text"]
    assert "2.07.01.2.01.0001" in page and codes not in page


def test_same_bytes_every_run(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_report(a, STYLES["rotated_split"], synthetic_2023())
    write_report(b, STYLES["rotated_split"], synthetic_2023())
    assert a.read_bytes() == b.read_bytes()
    write_report(a, STYLES["reportlab_plain"], synthetic_2023())
    write_report(b, STYLES["reportlab_plain"], synthetic_2023())
    assert a.read_bytes() == b.read_bytes()


def test_presets_cover_every_knob():
    styles = list(STYLES.values())
    assert 6 <= len(styles) <= 12
    choices = {
        "rules": {"full", "horizontal", "none"}, "orientation": {"landscape", "rotated"},
        "repeat_header": {True, False}, "split_row": {True, False},
        "code_style": {"dotted", "spaced_split", "spaced", "official", "mixed", "split5"},
        "producer": {"fpdf2", "reportlab"}, "amount_pct": {"serapan", "each"},
        "numbered_header": {True, False},
        "number_locale": {"id", "en", "rp"}, "satuan": {"brackets", "column"},
        "header_spelling": {"cik", "simple"}, "blank_mark": {"", "-"},
    }
    for knob, values in choices.items():
        assert {getattr(s, knob) for s in styles} == values, knob
    assert all(7 <= s.table_font_size <= 9 for s in styles)
    assert {f.name for f in fields(Style)} >= set(choices)


@pytest.mark.parametrize(
    "value, locale, amount, pct",
    [
        (Decimal("6214345759.00"), "id", "6.214.345.759,00", "6.214.345.759,00"),
        (Decimal("6214345759.00"), "en", "6,214,345,759.00", "6,214,345,759.00"),
        (Decimal("6214345759.00"), "rp", "Rp 6.214.345.759", "6.214.345.759,00%"),
        (Decimal("91.98"), "id", "91,98", "91,98"),
        (Decimal("91.98"), "rp", "Rp 92", "91,98%"),
    ],
)
def test_number_locales(value, locale, amount, pct):
    assert fmt_amount(value, locale) == amount
    assert fmt_pct(value, locale) == pct
    assert fmt_value(Decimal("2"), locale) == "2"
    assert fmt_total(Decimal("6254031019.00"), "id") == "Rp. 6.254.031.019,00"


@pytest.mark.parametrize(
    "style, cells",
    [
        ("dotted", ("2.07.01.2.01.02", "")),
        ("official", ("2.07.01.2.01.0002", "")),
        ("spaced", ("2 07 01 2.01 02", "")),
        ("spaced_split", ("2 07 01 2.01", "02")),
    ],
)
def test_code_styles(style, cells):
    assert printed_code("2.07.01.2.01.0002", style) == cells
    assert printed_code("3.32", "spaced_split") == ("3", "32")


def test_split5_cells():
    assert split5_cells("2.07.01.2.02.0001") == ["2", "07", "01", "2.02", "0001"]
    assert split5_cells("3.32") == ["3", "32", "", "", ""]


def _golden(name):
    with (GOLDEN / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _d(text):
    return Decimal(text) if text else None


def test_klungkung_2024_data_are_exactly_the_golden_ones():
    got = expected_budget_lines(klungkung_2024(), STYLES["cik_like"])
    gold = _golden("klungkung_2024_anggaran.csv")
    assert len(got) == len(gold) == 45
    for e, g in zip(got, gold):
        assert (e["kode"], e["level"], e["kode_printed"], e["nomor_printed"] or "") == (
            g["kode"], g["level"], g["kode_printed"], g["nomor_printed"])
        assert (e["nama"] or "") == g["nama_printed"]
        assert (e["pagu_idr"], e["realisasi_idr"], e["serapan_pct_reported"]) == (
            _d(g["pagu_idr"]), _d(g["realisasi_idr"]), _d(g["serapan_pct_reported"]))
        assert (e["indikator"] or "", e["satuan"] or "") == (g["indikator"], g["satuan"])
        assert (e["target"], e["realisasi"], e["capaian_pct_reported"]) == (
            _d(g["target"]), _d(g["realisasi"]), _d(g["capaian_pct_reported"]))
    sas = expected_sasaran(klungkung_2024())
    gold_s = _golden("klungkung_2024_sasaran.csv")
    assert len(sas) == len(gold_s) == 11
    want = sorted((g["tabel"], g["jenis"], int(g["tahun"]), g["sasaran"], g["indikator"], g["satuan"],
                   _d(g["target"]), _d(g["realisasi"]), _d(g["capaian_pct_reported"])) for g in gold_s)
    have = sorted((s["tabel"], s["jenis"], s["tahun"], s["sasaran"], s["indikator"], s["satuan"] or "",
                   s["target"], s["realisasi"], s["capaian_pct_reported"]) for s in sas)
    assert have == want


def _round(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_synthetic_2023_is_consistent():
    data = synthetic_2023()
    assert data.tahun == 2023
    lines = data.budget_lines
    by_kode = {ln.kode: ln for ln in lines}
    assert len(by_kode) == 45
    for ln in lines:
        kids = [c for c in lines if parent_kode(c.kode) == ln.kode]
        if ln.level != "sub_kegiatan":
            assert kids, ln.kode
            assert ln.pagu == sum(c.pagu for c in kids), ln.kode
            assert ln.realisasi == sum(c.realisasi for c in kids), ln.kode
        if ln.level != "urusan":
            assert parent_kode(ln.kode) in by_kode
        if ln.pagu:
            assert ln.serapan == _round(ln.realisasi / ln.pagu * 100)
        else:
            assert ln.serapan is None and "serapan" in ln.dash
        if ln.target:
            assert ln.capaian == _round(ln.realisasi_ik / ln.target * 100)
    # The footer, worked out here from the sub-kegiatan lines (the generator sums the urusan
    # lines): the 2024 report's structure of 5 programs, 13 kegiatan and 23 sub-kegiatan (p. 28).
    footer = expected_footer(data)
    leaves = [ln for ln in lines if ln.level == "sub_kegiatan"]
    pagu, real = sum(ln.pagu for ln in leaves), sum(ln.realisasi for ln in leaves)
    assert (footer.total_program, footer.total_kegiatan, footer.total_sub_kegiatan) == (5, 13, 23)
    assert (footer.jumlah_pagu, footer.jumlah_realisasi, footer.sisa) == (pagu, real, pagu - real)
    assert (footer.jumlah_pct, footer.sisa_pct) == (_round(real / pagu * 100), _round((pagu - real) / pagu * 100))
    for level, rata in (("program", footer.rata_program), ("kegiatan", footer.rata_kegiatan),
                        ("sub_kegiatan", footer.rata_sub_kegiatan)):
        capaian = [ln.capaian for ln in lines if ln.level == level]
        assert rata == _round(sum(capaian) / len(capaian)), level
    for t in data.sasaran_tables:
        for row in t.rows:
            for v in row.values:
                assert v.capaian == _round(v.realisasi / v.target * 100)
    multi = [t for t in data.sasaran_tables if t.jenis == "multitahun"]
    assert multi and all(t.years == [2021, 2022, 2023] for t in multi)
    assert {t.jenis for t in data.sasaran_tables} == {"tahunan", "multitahun", "renstra"}


def test_synthetic_prints_a_dash_and_a_zero(reports):
    r = reports[("cik_like", "synthetic_2023")]
    text = " ".join(r["pages"][n - 1]["text"] for n in r["info"].budget_pages)
    assert " - " in text and "0,00 0,00" in text
