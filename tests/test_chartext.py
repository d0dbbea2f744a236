"""extract.chartext gives pdfplumber's strings: on every call the readers make, and on random chars.

The table readers read cells, phrases and the preamble above a table through
extract.chartext instead of pdfplumber's general `extract_text`. Here each of those calls,
on the sample and every generated house style (both data sets), is also answered by
pdfplumber and the two strings compared; random characters (turned runs, white space,
empty texts, ligatures, ties) check the corners the documents do not reach.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import chars_to_textmap, extract_text
from pdfplumber.utils.geometry import crop_to_bbox

from extract import chartext, grid, text_tables
from extract.pdf import extract_pdf
from extract.pdfium_page import PdfiumPage
from tests.conftest import SAMPLE_PDF
from tests.generator import render_report
from tests.test_house_styles import ALL_STYLES, DATASETS


def plumber_area_text(chars: list[dict], bbox) -> str:
    """What pdfplumber's CroppedPage.extract_text() gives for a page's chars cropped to bbox."""
    cropped = crop_to_bbox(chars, bbox)
    if not cropped:
        return ""
    x0, top, x1, bottom = bbox
    return chars_to_textmap(cropped, layout_bbox=bbox, layout_width=x1 - x0, layout_height=bottom - top).as_string


@pytest.fixture
def compared(monkeypatch):
    """Answer every reader's text call with extract.chartext and check it against pdfplumber."""
    calls = {"cell": 0, "area": 0}

    def cell_text(chars, x_tolerance=1.5, y_tolerance=3):
        ours = chartext.cell_text(chars, x_tolerance, y_tolerance)
        assert ours == extract_text(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance)
        calls["cell"] += 1
        return ours

    crop = PdfiumPage.crop

    def checked_crop(page, bbox, strict=False):
        cropped = crop(page, bbox, strict)
        assert cropped.extract_text() == plumber_area_text(page.chars, bbox)
        calls["area"] += 1
        return cropped

    monkeypatch.setattr(grid, "cell_text", cell_text)
    monkeypatch.setattr(text_tables, "cell_text", cell_text)
    monkeypatch.setattr(PdfiumPage, "crop", checked_crop)
    return calls


def test_same_text_on_the_sample(compared):
    extract_pdf(SAMPLE_PDF, engine="pdfium")
    assert compared["cell"] > 1000 and compared["area"] > 10


def test_same_text_on_every_house_style(compared, tmp_path):
    for style in ALL_STYLES:
        for data in DATASETS:
            path = tmp_path / f"{style}-{data}.pdf"
            render_report(path, ALL_STYLES[style], DATASETS[data]())
            extract_pdf(path, engine="pdfium")
    assert compared["cell"] > 1000 and compared["area"] > 10


# Coordinates on a half-point grid, so that tops and ends tie and fall within tolerances.
HALF = st.integers(0, 60).map(lambda n: n / 2)
CHAR = st.builds(
    lambda text, x0, width, top, height, upright: {
        "text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + height,
        "doctop": top, "upright": upright, "size": height,
    },
    st.sampled_from(["a", "B", "1", ".", " ", "\u00a0", "\n", "", "\ufb01"]),
    HALF, st.integers(0, 8).map(lambda n: n / 2), HALF, st.integers(0, 8).map(lambda n: n / 2),
    st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(CHAR, max_size=30))
def test_cell_text_is_pdfplumbers(chars):
    assert chartext.cell_text(chars) == extract_text(chars, x_tolerance=1.5, y_tolerance=3)


@settings(max_examples=500, deadline=None)
@given(st.lists(CHAR, max_size=30), st.tuples(HALF, HALF, HALF, HALF))
def test_area_text_is_pdfplumbers(chars, corners):
    x0, x1 = sorted(corners[::2])
    top, bottom = sorted(corners[1::2])
    bbox = (x0, top, x1, bottom)
    assert chartext.area_text(chartext.crop_chars(chars, bbox)) == plumber_area_text(chars, bbox)
