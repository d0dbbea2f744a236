"""The two PDF engines give the same tables: pdfium (default) against pdfplumber (reference).

extract/pdfium_page.py rebuilds pdfplumber's characters and edges from pdfium; these tests
read the real sample and every generated house style (tests/test_house_styles.py's styles,
both data sets) with each engine and compare every table: kind, pages, caption, header and
every cell's text. Page geometry is also compared glyph by glyph and rule by rule on pages
turned by each `/Rotate` and moved off the origin.
"""

from __future__ import annotations

import logging
from collections import Counter

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract import pdf as pdf_module
from extract.pdf import ENGINE_VARIABLE, extract_pdf, pdf_engine
from extract.pdfium_page import PdfiumPage
from tests.conftest import SAMPLE_PDF
from tests.generator import render_report
from tests.test_house_styles import ALL_STYLES, DATASETS

STYLE_CASES = [(style, data) for style in ALL_STYLES for data in DATASETS]


@pytest.fixture(scope="module")
def style_pdfs(tmp_path_factory):
    root = tmp_path_factory.mktemp("engines")
    paths = {}
    for style, data in STYLE_CASES:
        path = root / f"{style}-{data}.pdf"
        render_report(path, ALL_STYLES[style], DATASETS[data]())
        paths[(style, data)] = path
    return paths


def tables(doc) -> list[dict]:
    return [
        {
            "kind": t.kind,
            "pages": t.pages,
            "caption": t.caption,
            "header": t.header_text,
            "rows": [[(c.text, c.covered) for c in row.cells] for row in t.rows],
            "row_pages": [row.pages for row in t.rows],
            "preamble": t.preamble,
        }
        for t in doc.tables
    ]


def same_preamble(a: str, b: str) -> bool:
    """Tell whether two preambles are the same but for the line at the window's top edge.

    The preamble is the text overlapping a 140-pt window above a table (extract.pdf); a
    prose line cut by the window's top edge is in it or not by a fraction of a point. On
    fonts whose descriptor gives Ascent 0 and Descent 0 (the sample's LibreOffice Type1
    fonts) pdfminer sets a glyph's box on its baseline while pdfium can only give the font's
    own descent, so pdfium's boxes sit up to 0.3 em lower and that one line may differ.
    Every other line must be equal.
    """
    la, lb = a.splitlines(), b.splitlines()
    return la == lb or la[1:] == lb or la == lb[1:]


def assert_same_tables(path):
    plumber = tables(extract_pdf(path, engine="pdfplumber"))
    pdfium_ = tables(extract_pdf(path, engine="pdfium"))
    assert len(pdfium_) == len(plumber)
    for n, (p, m) in enumerate(zip(plumber, pdfium_), start=1):
        assert same_preamble(p.pop("preamble"), m.pop("preamble")), f"table {n}: preambles differ"
        assert m == p, f"table {n} differs"
    return plumber


def test_sample_report_gives_the_same_tables_with_both_engines():
    plumber = assert_same_tables(SAMPLE_PDF)
    assert sum(len(t["rows"]) for t in plumber) > 150  # the sample's tables, not an empty read


@pytest.mark.parametrize("case", STYLE_CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_house_style_gives_the_same_tables_with_both_engines(style_pdfs, case):
    plumber = assert_same_tables(style_pdfs[case])
    assert any(t["kind"] == "anggaran" for t in plumber)


def chars_and_edges_agree(path, in_order: bool = True) -> int:
    """Compare every page's glyphs and rules between the engines; return the pages compared.

    With `in_order` false each glyph is matched to the other engine's glyph of the same text
    at the same place, whatever the order the engines list them in: pdfium's text page
    regroups text that runs across a turned page (a portrait page given /Rotate 180 or 270
    here) before listing it. The readers never rely on that order; they sort glyphs by
    position themselves.
    """
    doc = pdfium.PdfDocument(str(path))
    try:
        with pdfplumber.open(str(path)) as pdf:
            for n, expected in enumerate(pdf.pages):
                got = PdfiumPage(doc[n])
                assert (got.width, got.height) == pytest.approx((expected.width, expected.height), abs=0.01)
                want, have = expected.chars, got.chars
                if in_order:
                    assert [c["text"] for c in have] == [c["text"] for c in want], f"page {n + 1}"
                    pairs = list(zip(have, want))
                else:
                    pairs = match_by_place(have, want)
                    assert len(pairs) == len(have) == len(want), f"page {n + 1}"
                for a, b in pairs:
                    for key in ("x0", "x1", "top", "bottom", "size"):
                        assert a[key] == pytest.approx(b[key], abs=0.01), (n + 1, a["text"], key)
                    assert a["upright"] == b["upright"]
                assert edge_set(got.edges) == edge_set(e for e in expected.edges if e["orientation"] in ("h", "v"))
                got.close()
            return len(pdf.pages)
    finally:
        doc.close()


def match_by_place(have: list[dict], want: list[dict]) -> list[tuple[dict, dict]]:
    """Pair glyphs of the same text whose boxes start within 0.01 pt of each other."""
    pool: dict[tuple, list[dict]] = {}
    for c in want:
        pool.setdefault((c["text"], round(c["x0"]), round(c["top"])), []).append(c)
    pairs = []
    for c in have:
        for dx in (0, -1, 1):
            for dy in (0, -1, 1):
                bucket = pool.get((c["text"], round(c["x0"]) + dx, round(c["top"]) + dy), [])
                hit = next((w for w in bucket if abs(w["x0"] - c["x0"]) <= 0.01 and abs(w["top"] - c["top"]) <= 0.01), None)
                if hit is not None:
                    bucket.remove(hit)
                    pairs.append((c, hit))
                    break
            else:
                continue
            break
    return pairs


def edge_set(edges) -> Counter:
    return Counter((e["orientation"], *(round(e[k], 2) for k in ("x0", "x1", "top", "bottom"))) for e in edges)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_glyphs_and_rules_agree_on_turned_and_shifted_pages(tmp_path, style_pdfs, rotation):
    """Every /Rotate, and a MediaBox off the origin, give pdfplumber's coordinates.

    The generated styles use the standard 14 fonts, whose metrics both engines take from
    the AFM, so boxes agree to the hundredth of a point.
    """
    src = pdfium.PdfDocument(str(style_pdfs[("cik_rotated", "klungkung_2024")]))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [2, 8])  # a portrait page of text, a page turned by /Rotate 90
    for k in range(len(out)):
        page = out[k]
        w, h = page.get_size() if page.get_rotation() in (0, 180) else page.get_size()[::-1]
        page.set_mediabox(-30, 20, w - 30, h + 20)
        page.set_rotation(rotation)
    path = tmp_path / f"turned-{rotation}.pdf"
    out.save(str(path))
    out.close()
    src.close()
    assert chars_and_edges_agree(path, in_order=False) == 2


def test_generated_pages_agree_glyph_by_glyph(style_pdfs):
    assert chars_and_edges_agree(style_pdfs[("horizontal_courier", "synthetic_2023")]) > 5


def test_engine_is_chosen_by_the_environment(monkeypatch):
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert pdf_engine() == "pdfium"
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfplumber")
    assert pdf_engine() == "pdfplumber"
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfminer")
    with pytest.raises(ValueError, match=ENGINE_VARIABLE):
        pdf_engine()


def test_a_page_pdfium_cannot_read_is_read_with_pdfplumber(monkeypatch, caplog, style_pdfs):
    path = style_pdfs[("cik_like", "klungkung_2024")]
    expected = tables(extract_pdf(path, engine="pdfplumber"))

    class Broken(PdfiumPage):
        def __init__(self, page, textpage=None):
            raise pdfium.PdfiumError("simulated")

    monkeypatch.setattr(pdf_module, "PdfiumPage", Broken)
    with caplog.at_level(logging.WARNING, logger="extract.pdf"):
        got = tables(extract_pdf(path, engine="pdfium"))
    assert got == expected
    assert "reading it with pdfplumber" in caplog.text
