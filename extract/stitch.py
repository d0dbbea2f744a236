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


def _coarser_columns(prev: Table, frag: Table) -> list[int] | None:
    """Map a header-less fragment's columns onto the wider table it continues, or None.

    The header page of a table may carry more rules than its continuation: shaded header
    cells add hairline columns at their edges (Tangerang Selatan e-monev 2023 triwulan
    report: 19 columns on p1, 11 on p2-11, every p2 edge being a p1 edge). Each fragment
    column then covers one or more columns of `prev`, and its cells go to the one among
    them that has a name (else the widest). None when an edge of the fragment is no edge
    of `prev`.
    """
    if len(frag.columns) >= len(prev.columns):
        return None
    mapping = []
    for col in frag.columns:
        covered = [p for p in prev.columns if p.x0 >= col.x0 - X_TOLERANCE and p.x1 <= col.x1 + X_TOLERANCE]
        if not covered or abs(covered[0].x0 - col.x0) > X_TOLERANCE or abs(covered[-1].x1 - col.x1) > X_TOLERANCE:
            return None
        named = [p for p in covered if p.name]
        best = max(named or covered, key=lambda p: p.x1 - p.x0)
        mapping.append(best.index)
    return mapping


def _remap(prev: Table, frag: Table, mapping: list[int]) -> None:
    """Put a fragment's cells under the columns of the table it continues (_coarser_columns)."""
    width = max(c.index for c in prev.columns) + 1
    for row in frag.rows:
        cells: list[Cell | None] = [None] * width
        for col, target in zip(frag.columns, mapping):
            if col.index < len(row.cells):
                cells[target] = row.cells[col.index]
        row.cells = cells
    frag.columns = prev.columns


def _continues(prev: Table, frag: Table, first_on_page: bool, prev_last_on_page: bool) -> bool:
    if not (first_on_page and prev_last_on_page):
        return False
    if frag.pages[0] != prev.pages[-1] + 1:
        return False
    if frag.kind is None and not frag.header_text:
        if prev.kind is not None and _coarser_columns(prev, frag) is not None:
            return True
        return _same_columns(prev, frag) or len(prev.columns) == len(frag.columns)
    return frag.kind == prev.kind and frag.header_text == prev.header_text and len(frag.columns) == len(prev.columns)


def is_tail_row(table: Table, row: Row) -> bool:
    """Tell whether a row only carries wrapped text of the row before it."""
    texts = [(col, row.text(col.index)) for col in table.columns]
    if not any(t.strip() for _, t in texts):
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
    """Join fragments continuing over page breaks; rejoin rows split by the break."""
    tables: list[Table] = []
    for i, frag in enumerate(fragments):
        first_on_page = i == 0 or fragments[i - 1].pages[-1] != frag.pages[0]
        prev_last = True
        if tables:
            nxt_same_page = [f for f in fragments[:i] if f.pages[0] == tables[-1].pages[-1]]
            prev_last = bool(nxt_same_page) and nxt_same_page[-1] is fragments[i - 1]
        if tables and _continues(tables[-1], frag, first_on_page, prev_last):
            prev = tables[-1]
            mapping = _coarser_columns(prev, frag) if frag.kind is None and not frag.header_text else None
            if mapping is not None:
                _remap(prev, frag, mapping)
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
