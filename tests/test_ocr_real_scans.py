"""OCR on scans of real documents of other agencies (../shared/real), made here by
tests/generator/scan.py at 200 dpi: the page turned the right way, and the lines of an
unruled table that Tesseract first reads as nonsense read again.

bench/scan_real.py measures the whole of it on every golden page; these tests hold what it
found wanting, one page each (OCR costs seconds a page)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract.ocr import OcrPage, ocr_image, orientation, page_dpi, render
from tests.conftest import ROOT
from tests.generator.scan import make_scan

REAL = ROOT.parent / "shared" / "real"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")


def _scanned_page(tmp_path: Path, name: str, page: int):
    scan = make_scan(REAL / name, tmp_path / name, 200, [page])
    doc = pdfium.PdfDocument(str(scan))
    p = doc[0]
    width, height = p.get_size()
    dpi = page_dpi(width, height)
    image = render(p, dpi)
    p.close()
    doc.close()
    return image, dpi


@pytest.mark.parametrize("name, page", [
    # a wide e-monev table: the strip across the sheet holds only figures, upside down the
    # names read as confident nonsense ("uep" for "dan")
    ("tangsel-dikbud-2023-realisasi-kinerja-triwulan.pdf", 2),
    # a dense RFK in 6-point print: its rules outweigh its text in the ink profile
    ("grobogan-dpupr-2022-rfk-agustus.pdf", 1),
])
def test_a_landscape_page_scanned_sideways_is_turned_upright(tmp_path, name, page):
    image, _ = _scanned_page(tmp_path, name, page)
    # tests/generator/scan.py turns a landscape page a quarter counter-clockwise, as a sheet
    # fed portrait: a quarter clockwise sets it upright
    assert orientation(image) == 90


def test_an_upright_page_stays_upright(tmp_path):
    image, _ = _scanned_page(tmp_path, "jabar-dispora-2017-pk.pdf", 4)
    assert orientation(image) == 0


def test_amounts_half_a_line_off_the_names_baseline_are_read(tmp_path):
    # Dispora Jabar 2017 PK p.4: each amount is printed beside the middle of its wrapped
    # program name; read with the page, "Rp 442.459.400 APBD" came out "BF na anna BEAN"
    image, dpi = _scanned_page(tmp_path, "jabar-dispora-2017-pk.pdf", 4)
    words = [w["text"] for w in OcrPage(ocr_image(image, dpi)).words]
    amounts = ("177.792.500", "921.285.000", "4.522.741.241", "210.500.000", "2.680.195.747", "8.259.668.500",
               "272.969.874.747", "442.459.400", "496.814.800", "5.799.120.000")
    # the three a first reading garbled (rows 5, 8 and 10), and all but one of ten in all:
    # a scan's noise may still cost a dot ("4522." "741.241", caught by the audit checks)
    assert {"2.680.195.747", "442.459.400", "5.799.120.000"} <= set(words)
    assert sum(a in words for a in amounts) >= 9
