"""extract.items on generated layouts: a ruled frame with no rules between the items of a group.

Characters are laid out as a typed page would give them (10-pt glyphs, 5 pt wide, lines 12 pt
apart, a blank line between paragraphs), in four columns NO | SASARAN | INDIKATOR | TARGET.
The real cases (the Distan Jabar 2016 PK, scanned and typed) are in tests/test_ocr.py.
"""

from __future__ import annotations

from extract.grid import Grid
from extract.items import split_item_rows
from extract.model import Cell

XS = [0.0, 30.0, 150.0, 300.0, 400.0]
LEFT = [3.0, 33.0, 153.0, None]  # the target column is right-aligned at 397


def words(text: str, col: int, line: int, top0: float = 40.0) -> list[dict]:
    """Characters of `text` on text line `line` (12 pt apart) of column `col`."""
    top = top0 + 12.0 * line
    width = 5.0 * len(text)
    x = LEFT[col] if LEFT[col] is not None else XS[col + 1] - 3.0 - width
    return [{"text": ch, "x0": x + 5.0 * i, "x1": x + 5.0 * (i + 1), "top": top, "bottom": top + 10.0,
             "doctop": top, "size": 10.0, "upright": True}
            for i, ch in enumerate(text)]


def one_tall_row(chars: list[dict], bottom: float) -> Grid:
    ys = [20.0, 35.0, bottom]
    header = [Cell(text=t, page=1, x0=XS[c], top=20.0, x1=XS[c + 1], bottom=35.0)
              for c, t in enumerate(["NO", "SASARAN", "INDIKATOR", "TARGET"])]
    body = [Cell(text="x", page=1, x0=XS[c], top=35.0, x1=XS[c + 1], bottom=bottom) for c in range(4)]
    return Grid(xs=XS, ys=ys, cells=[header, body], page=1)


def texts(grid: Grid) -> list[list[str]]:
    return [[("^" if c.covered else "") + " ".join(c.text.split()) for c in row] for row in grid.cells[1:]]


def test_heading_with_its_list_then_the_next_paragraph_is_a_row_of_its_own():
    chars = (
        words("1.", 0, 0) + words("Meningkatnya", 1, 0) + words("produksi", 1, 1)
        + words("Jumlah produksi :", 2, 0) + words("a. Padi", 2, 1) + words("b. Jagung", 2, 2)
        + words("12.317 ton", 3, 1) + words("1.190 ton", 3, 2)
        # blank line 3
        + words("Menurunnya", 1, 4) + words("kehilangan", 1, 5)
        + words("Persentase", 2, 4) + words("kehilangan (%)", 2, 5) + words("10,90 %", 3, 4)
    )
    grid = split_item_rows(one_tall_row(chars, 120.0), chars)
    assert texts(grid) == [
        ["1.", "Meningkatnya produksi", "Jumlah produksi : a. Padi b. Jagung", "12.317 ton 1.190 ton"],
        ["", "Menurunnya kehilangan", "Persentase kehilangan (%)", "10,90 %"],
    ]
    assert grid.ys[0] == 20.0 and grid.ys[-1] == 120.0 and len(grid.ys) == len(grid.cells) + 1


def test_list_items_beside_targets_apart_share_the_sasaran_above():
    chars = (
        words("2.", 0, 0) + words("Tersedianya", 1, 0) + words("prasarana", 1, 1)
        + words("a. Luas sawah yang", 2, 0) + words("diairi (Ha)", 2, 1) + words("b. Sawah baru", 2, 2)
        + words("2.500 Ha", 3, 0) + words("25.000 Ha", 3, 2)
    )
    grid = split_item_rows(one_tall_row(chars, 80.0), chars)
    assert texts(grid) == [
        ["2.", "Tersedianya prasarana", "a. Luas sawah yang diairi (Ha)", "2.500 Ha"],
        ["", "^Tersedianya prasarana", "b. Sawah baru", "25.000 Ha"],
    ]


def test_a_name_wrapped_beside_the_next_figure_leaves_the_row_whole():
    # the indicator runs on to the margin and wraps beside the second target: no clean cut
    long_line = "Persentase aparatur yang"  # 24 glyphs: 120 pt, the column's whole width
    chars = (
        words(long_line, 2, 0) + words("bersertifikat kompetensi", 2, 1) + words("daerah", 2, 2)
        + words("Meningkatnya", 1, 0) + words("kompetensi", 1, 1)
        + words("0,09", 3, 0) + words("0,17", 3, 2)
    )
    grid = one_tall_row(chars, 80.0)
    assert split_item_rows(grid, chars) is grid


def test_header_and_single_items_are_left_alone():
    chars = words("1.", 0, 0) + words("Meningkatnya", 1, 0) + words("Persentase", 2, 0) + words("36,6", 3, 0)
    grid = one_tall_row(chars, 60.0)
    assert split_item_rows(grid, chars) is grid
