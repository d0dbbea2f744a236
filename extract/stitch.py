"""Stitch table fragments that run over page breaks into one table.

pdfplumber declines multi-page tables (its issues #550, #922); reports print them all the
time. In the Klungkung 2024 sample, Tabel 3.9 runs over pages 25-28: pages 26-27 repeat the
header, page 28 does not, and kegiatan 2 07 05 2.01 starts on page 26 and ends on page 27
with a row that carries only the tail of its name and indicator.
"""

from __future__ import annotations

import re

from extract.model import Cell, Row, Table

# Columns whose text wraps and may spill onto the next page; any other column holding a
# value marks a row as a row of its own.
TEXT_COLUMNS = {
    "nama", "indikator", "sasaran", "tujuan", "keterangan", "satuan", "kategori", "wilayah",
    "hasil_analisis", None,
}
FIGURE = re.compile(r"\d[\d.,]*\s*%?$")
X_TOLERANCE = 4.0


def _same_columns(a: Table, b: Table) -> bool:
    if len(a.columns) != len(b.columns):
        return False
    return all(
        abs(ca.x0 - cb.x0) <= X_TOLERANCE and abs(ca.x1 - cb.x1) <= X_TOLERANCE
        for ca, cb in zip(a.columns, b.columns)
    )


def _continues(prev: Table, frag: Table, first_on_page: bool, prev_last_on_page: bool) -> bool:
    if not (first_on_page and prev_last_on_page):
        return False
    if frag.pages[0] != prev.pages[-1] + 1:
        return False
    if frag.kind is None and not frag.header_text:
        return _same_columns(prev, frag) or len(prev.columns) == len(frag.columns) or _fits(prev, frag)
    return frag.kind == prev.kind and frag.header_text == prev.header_text and len(frag.columns) == len(prev.columns)


def _fits(prev: Table, frag: Table) -> bool:
    """Tell whether a headerless fragment spans the table above and each of its columns lies
    inside one of that table's columns.

    A word processor's ruling differs by a strip from page to page (A.1 tables of Dinkes Jabar
    2016, 17 strips on p.33, 16 on p.34 under the same five printed columns): the fragment's
    cells are put under the columns they stand in (`_remap`).
    """
    if not prev.kind or abs(prev.columns[0].x0 - frag.columns[0].x0) > X_TOLERANCE \
            or abs(prev.columns[-1].x1 - frag.columns[-1].x1) > X_TOLERANCE:
        return False
    return all(_column_at(prev, (c.x0 + c.x1) / 2) is not None for c in frag.columns)


def _column_at(table: Table, x: float) -> int | None:
    for i, col in enumerate(table.columns):
        if col.x0 <= x <= col.x1:
            return i
    return None


def _remap(prev: Table, frag: Table) -> None:
    """Put the cells of `frag` under the columns of `prev` they stand in, texts of two strips
    that fall in one column joined left to right."""
    where = [_column_at(prev, (c.x0 + c.x1) / 2) for c in frag.columns]
    for row in frag.rows:
        cells: list[Cell | None] = [None] * len(prev.columns)
        for col, target in zip(frag.columns, where):
            cell = row.cells[col.index] if col.index < len(row.cells) else None
            if cell is None:
                continue
            have = cells[target]
            if have is None or (have.covered and not cell.covered) or not have.text.strip():
                cells[target] = cell
            elif not cell.covered and cell.text.strip() and cell.text != have.text:
                cells[target] = Cell(**{**have.__dict__, "text": have.text + " " + cell.text})
        row.cells = cells


def is_tail_row(table: Table, row: Row) -> bool:
    """Tell whether a row only carries wrapped text of the row before it.

    A row with text in a cell left empty in the row before does not carry its wrapped text:
    "PROGRAM PELAYANAN ADMINISTRASI" in the program column, heading the page after the last
    kegiatan of the one before (Dinkes Jabar 2016 p.85), starts a line.
    """
    texts = [(col, row.text(col.index)) for col in table.columns]
    if not any(t.strip() for _, t in texts):
        return False
    if table.rows and any(
        cell is not None and not cell.covered and cell.text.strip()
        and not (i < len(table.rows[-1].cells) and table.rows[-1].cells[i] is not None
                 and table.rows[-1].cells[i].text.strip())
        for i, cell in enumerate(row.cells)
    ):
        return False
    if table.kind is None:
        first = texts[0][1].strip() if texts else ""
        return not first and not any(FIGURE.fullmatch(t.strip()) for _, t in texts if t.strip())
    return all(not t.strip() for col, t in texts if col.name not in TEXT_COLUMNS)


def _append_tail(prev_row: Row, tail: Row) -> None:
    for i, cell in enumerate(tail.cells):
        if cell is None or cell.covered or not cell.text.strip() or i >= len(prev_row.cells):
            continue
        target = prev_row.cells[i]
        if target is None:
            prev_row.cells[i] = Cell(**{**cell.__dict__})
            continue
        target.text = (target.text + "\n" + cell.text).strip()
    if tail.page not in prev_row.pages:
        prev_row.pages.append(tail.page)


def stitch(fragments: list[Table]) -> list[Table]:
    """Join fragments continuing over page breaks; rejoin rows split by the break.

    A ruled frame without a single character (an empty box drawn below a table, Dinkes Jawa
    Barat LKjIP 2016 p. 82) is no table: it is left out, so that it does not part the table
    above it from its continuation on the next page.
    """
    fragments = [f for f in fragments if f.kind is not None or any(
        c is not None and c.text.strip() for r in f.rows for c in r.cells)]
    tables: list[Table] = []
    for i, frag in enumerate(fragments):
        first_on_page = i == 0 or fragments[i - 1].pages[-1] != frag.pages[0]
        prev_last = True
        if tables:
            nxt_same_page = [f for f in fragments[:i] if f.pages[0] == tables[-1].pages[-1]]
            prev_last = bool(nxt_same_page) and nxt_same_page[-1] is fragments[i - 1]
        if tables and _continues(tables[-1], frag, first_on_page, prev_last):
            prev = tables[-1]
            if len(frag.columns) != len(prev.columns):
                _remap(prev, frag)
            rows = list(frag.rows)
            if rows and prev.rows and is_tail_row(prev, rows[0]):
                _append_tail(prev.rows[-1], rows.pop(0))
            for row in rows:
                row.index = len(prev.rows) + 1
                prev.rows.append(row)
            prev.pages.append(frag.pages[0])
            continue
        tables.append(frag)
    return tables
