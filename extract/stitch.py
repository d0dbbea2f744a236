"""Stitch table fragments that run over page breaks into one table.

pdfplumber declines multi-page tables (its issues #550, #922); reports print them all the
time. In the Klungkung 2024 sample, Tabel 3.9 runs over pages 25-28: pages 26-27 repeat the
header, page 28 does not, and kegiatan 2 07 05 2.01 starts on page 26 and ends on page 27
with a row that carries only the tail of its name and indicator.
"""

from __future__ import annotations

import re

from extract.model import Cell, Row, Table
from extract.roles import LEVEL_LINE

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
    """Map each column of `frag` to the column of `prev` it starts at, if `frag` only merges
    neighbouring columns of `prev`; None otherwise.

    A page holding only the footer rows of a table whose header spans several columns with
    one cell ("Kode" over Urusan | Bidang | Program | Kegiatan | Sub Kegiatan, generated style
    sipd_split5) has no rule or text between those columns, so its grid has fewer columns
    than the pages before, with the same outer edges.
    """
    if not frag.columns or len(frag.columns) >= len(prev.columns):
        return None
    starts = [c.x0 for c in prev.columns]
    out = []
    for col in frag.columns:
        j = next((k for k, x in enumerate(starts) if abs(x - col.x0) <= X_TOLERANCE), None)
        if j is None or (out and j <= out[-1]):
            return None
        out.append(j)
    if out[0] != 0 or abs(prev.columns[-1].x1 - frag.columns[-1].x1) > X_TOLERANCE:
        return None
    return out


def _header_words(table: Table) -> list[str]:
    """The header paths left to right, a merged header cell counted once."""
    out: list[str] = []
    for col in table.columns:
        text = " / ".join(col.header_path)
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def _covering_columns(prev: Table, frag: Table) -> list[int] | None:
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


# where each column of a fragment goes in the table it continues: fragment column index ->
# (the table column its cells go under, the end of the span they cover there)
Placement = dict[int, tuple[int, int]]


def _one_each(mapping: dict[int, int]) -> Placement:
    return {f: (p, p + 1) for f, p in mapping.items()}


def _placement(prev: Table, frag: Table, first_on_page: bool, prev_last_on_page: bool) -> Placement | None:
    """Return where the columns of `frag` go if it continues `prev` over a page break, else None.

    The rules are tried in order; each names the documents that asked for it.
    """
    if not (first_on_page and prev_last_on_page):
        return None
    if frag.pages[0] != prev.pages[-1] + 1:
        return None
    same = {c.index: (c.index, c.index + 1) for c in frag.columns}
    if frag.kind is None and not frag.header_text:
        covering = _covering_columns(prev, frag) if prev.kind is not None else None
        if covering is not None:  # a header page ruled more finely (Tangsel)
            return _one_each({c.index: t for c, t in zip(frag.columns, covering)})
        if _same_columns(prev, frag) or len(prev.columns) == len(frag.columns):
            return same
        if not _fits(prev, frag):
            return None
        coarser = _coarser_columns(prev, frag)
        if coarser is not None:  # merged columns spread back under the table's
            return _spans(prev, frag, coarser)
        mapped = _column_map(prev, frag) or _finer_map(prev, frag)
        if mapped:
            return _one_each(mapped)
        # a headerless page ruled by other strips: each cell under the column it stands in
        return _one_each({c.index: _column_at(prev, (c.x0 + c.x1) / 2) for c in frag.columns})
    if frag.kind != prev.kind:
        return None
    coarser = _coarser_columns(prev, frag) if frag.header_text else None
    if coarser is not None:
        return _spans(prev, frag, coarser) if _header_words(frag) == _header_words(prev) else None
    if frag.header_text != prev.header_text:
        # A header repeated on a scanned page is read again by OCR and may be spelt differently
        # ("NO." / "NO,", scan of the Klungkung sample p. 25-27): there, the columns must mean
        # the same (same roles, same order) instead.
        mapped = _column_map(prev, frag) or _finer_map(prev, frag)
        if mapped:
            return _one_each(mapped)
        if _read_by_ocr(frag) and _read_by_ocr(prev) and [c.name for c in frag.columns] == [c.name for c in prev.columns]:
            return same
        return None
    if len(frag.columns) == len(prev.columns):
        return same
    mapped = _column_map(prev, frag)
    return _one_each(mapped) if mapped else None


def _spans(prev: Table, frag: Table, starts: list[int]) -> Placement:
    """A fragment with merged columns (_coarser_columns): each cell sits under the first table
    column it spans and covers the others, like a merged cell."""
    ends = starts[1:] + [len(prev.columns)]
    return {col.index: (j, end) for col, j, end in zip(frag.columns, starts, ends)}


def _placed(prev: Table, frag: Table, placement: Placement) -> list[Row]:
    """Return the fragment's rows laid out in the columns of the table they continue.

    Where several fragment columns go under one table column, the cell printing its own text
    wins over an empty one, and an empty one over a covered one; two printed texts are joined
    left to right (strips of one printed column, Dinkes Jabar 2016 p.33-34).
    """
    if len(frag.columns) == len(prev.columns) and all(f == p and e == p + 1 for f, (p, e) in placement.items()):
        return list(frag.rows)
    width = max([len(prev.columns)] + [len(r.cells) for r in prev.rows])

    def rank(cell: Cell) -> int:
        return 0 if cell.covered else (2 if cell.text.strip() else 1)

    rows = []
    for row in frag.rows:
        cells: list[Cell | None] = [None] * width
        for f, (first, end) in sorted(placement.items()):
            cell = row.cells[f] if f < len(row.cells) else None
            if cell is None or first >= width:
                continue
            have = cells[first]
            if have is None or rank(cell) > rank(have):
                cells[first] = cell
            elif rank(cell) == rank(have) == 2 and cell.text != have.text:
                cells[first] = Cell(**{**have.__dict__, "text": have.text + " " + cell.text})
            for k in range(first + 1, min(end, width)):  # the rest of a span: covered
                cells[k] = Cell(**{**cell.__dict__, "covered": True})
        rows.append(Row(cells=cells, page=row.page, index=row.index, pages=row.pages, sheet=row.sheet))
    return rows


def _finer_map(prev: Table, frag: Table) -> dict[int, int] | None:
    """Map the columns of a fragment ruled more finely than the table it continues, by position.

    BP3IPTEK Jabar 2016 Tabel 3.1 runs from p39 to p40 under a repeated coloured header whose
    filled bands cut p40 into more grid columns (34 against 27), so the header paths differ.
    When every column edge of the table is also an edge of the fragment (same frame, finer
    cuts), each fragment column lies inside one table column; the pairing holds only where no
    table column receives two printed texts and no text lands in a column of another role.
    None otherwise.
    """
    if not prev.columns or not frag.columns or len(frag.columns) <= len(prev.columns):
        return None
    frag_edges = [c.x0 for c in frag.columns] + [frag.columns[-1].x1]
    for edge in [c.x0 for c in prev.columns] + [prev.columns[-1].x1]:
        if not any(abs(edge - e) <= X_TOLERANCE for e in frag_edges):
            return None
    mapped: dict[int, int] = {}
    for col in frag.columns:
        centre = (col.x0 + col.x1) / 2
        home = next((p for p in prev.columns if p.x0 <= centre <= p.x1), None)
        if home is None:
            return None
        mapped[col.index] = home.index
    names = {c.index: c.name for c in prev.columns}
    for row in frag.rows:
        filled: set[int] = set()
        for col in frag.columns:
            if not row.text(col.index).strip():
                continue
            home = mapped[col.index]
            if home in filled or (col.name and names[home] and col.name != names[home]):
                return None
            filled.add(home)
    return mapped


def _column_map(prev: Table, frag: Table) -> dict[int, int] | None:
    """Map a repeated-header fragment's columns onto the table it continues, by header.

    One page may rule its table with an extra strip at a side (BAPPEDA Jabar 2016 Tabel 3.2:
    p26 has a blank strip left of "No" that p25 and p27 have not), so the grid counts differ
    while the header repeats label for label. The labelled columns pair in order; a strip
    without a label may be dropped only when it prints nothing. None when they do not pair.
    """
    labelled_prev = [c for c in prev.columns if c.header_path]
    labelled_frag = [c for c in frag.columns if c.header_path]
    if [c.header_path for c in labelled_prev] != [c.header_path for c in labelled_frag]:
        return None
    mapped = {f.index: p.index for f, p in zip(labelled_frag, labelled_prev)}
    for col in frag.columns:
        if col.index not in mapped and any(row.text(col.index).strip() for row in frag.rows):
            return None
    return mapped


def _fits(prev: Table, frag: Table) -> bool:
    """Tell whether a headerless fragment spans the table above and each of its columns lies
    inside one of that table's columns.

    A word processor's ruling differs by a strip from page to page (A.1 tables of Dinkes Jabar
    2016, 17 strips on p.33, 16 on p.34 under the same five printed columns): the fragment's
    cells are put under the columns they stand in (`_placement`, `_placed`).
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


def _read_by_ocr(table: Table) -> bool:
    return any(c is not None and c.ocr for row in table.rows[:1] for c in row.cells)


def is_tail_row(table: Table, row: Row) -> bool:
    """Tell whether a row only carries wrapped text of the row before it.

    A row with text in a cell left empty in the row before does not carry its wrapped text:
    "PROGRAM PELAYANAN ADMINISTRASI" in the program column, heading the page after the last
    kegiatan of the one before (Dinkes Jabar 2016 p.85), starts a line.
    """
    texts = [(col, row.text(col.index)) for col in table.columns]
    if not any(t.strip() for _, t in texts):
        return False
    if (any(LEVEL_LINE.match(" ".join(t.split())) for col, t in texts if col.name == "nama")
            and not _stacks_amounts(table)):
        # a name opened by its level's word starts a line, even in the column of the name above
        # ("PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN" heading p.85 under the last kegiatan of
        # p.84 in the same Uraian column, Dinkes Jabar 2016), unless the row above stacks the
        # amounts of two lines and waits for the second name (Bappeda Jabar 2016 Tabel 3.7
        # p.45-46: "Program Kerjasama Pembangunan" printed on p.46 beside p.45's second amount)
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


AMOUNT_COLUMNS = {"pagu", "pagu_sebelum", "realisasi"}


def _stacks_amounts(table: Table) -> bool:
    """Tell whether the table's last row prints two or more figures in one amount cell."""
    if not table.rows:
        return False
    last = table.rows[-1]
    for col in table.columns:
        if col.name in AMOUNT_COLUMNS and col.index < len(last.cells):
            cell = last.cells[col.index]
            if cell is not None and not cell.covered and len([ln for ln in cell.text.splitlines() if ln.strip()]) > 1:
                return True
    return False


def _last_printed(rows: list[Row]) -> Row:
    """Return the last row that prints text of its own.

    A grid row under the last printed line whose cells all lie under merges from above (the
    strip between the last row's text and the foot rule, BAPPEDA Jabar 2016 Tabel 3.2 p26)
    holds no cell the tail's text could join.
    """
    for row in reversed(rows):
        if any(c is not None and not c.covered and c.text.strip() for c in row.cells):
            return row
    return rows[-1]


def _append_tail(prev_row: Row, tail: Row) -> None:
    for i, cell in enumerate(tail.cells):
        if cell is None or cell.covered or not cell.text.strip() or i >= len(prev_row.cells):
            continue
        target = prev_row.cells[i]
        if target is None:
            prev_row.cells[i] = Cell(**{**cell.__dict__})
            continue
        target.text = (target.text + "\n" + cell.text).strip()
        if cell.confidence is not None:
            target.ocr = True
            target.confidence = min(cell.confidence, target.confidence if target.confidence is not None else 100.0)
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
        placement = _placement(tables[-1], frag, first_on_page, prev_last) if tables else None
        if placement is not None:
            prev = tables[-1]
            rows = _placed(prev, frag, placement)
            # the first row printing text (an empty strip of grid may stand above it, p40 of
            # BP3IPTEK Jabar 2016 Tabel 3.1) may carry the tail of the row cut by the break
            first = next((k for k, r in enumerate(rows) if r.joined().strip()), None)
            if first is not None and prev.rows and is_tail_row(prev, rows[first]):
                _append_tail(_last_printed(prev.rows), rows.pop(first))
            for row in rows:
                row.index = len(prev.rows) + 1
                prev.rows.append(row)
            prev.pages.append(frag.pages[0])
            continue
        tables.append(frag)
    return tables
