"""Join the elementary rows of a ruled grid that one printed row was cut into.

A word processor that draws every cell's border on its own often leaves the rules of
neighbouring columns at different heights: in the Belanja Langsung table of the Dinkes Jawa
Barat LKjIP 2016 (pp. 82-86) the two lines of a kegiatan name are two cells, the amounts
beside them sit in one cell centred between the two, and the % cells are cut elsewhere
again. Cutting the table at every drawn y (extract.grid) then gives one printed row as
four or five grid rows: a name line, a line with the name and the amounts, the tail of the
name, and so on.

What tells those pieces apart from a real merged cell is how the cells overlap. A merged
cell that spans several records (a Sasaran over its indicators, a program over its kegiatan)
holds two or more whole figure cells of another column: each record prints its own target or
amount. A cell of a staggered row holds at most one figure of each other column, however many
lines of a name it spans ("56,03%" beside the three ruled-apart lines of one indicator, Dinkes
p.33): the rows it spans print one thing. Rows linked by such cells are one row; its cells join the
text of the pieces, top to bottom. Rows held together only by a group cell stay apart, and
the group cell keeps its text in each (covered below its first row), as before.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from extract.grid import Grid
from extract.model import Cell

TOL = 0.5  # points: a cell edge on a grid position
# a figure of a body row: an amount or rate with separators, or a percentage
VALUE = re.compile(r"\d[.,]\d|\d\s*%")


def _span(positions: list[float], a: float, b: float) -> tuple[int, int]:
    """Return the first and last elementary index a merged cell from a to b covers."""
    first = bisect.bisect_left(positions, a - TOL)
    last = bisect.bisect_left(positions, b - TOL) - 1
    return first, max(first, last)


def join_staggered_rows(grid: Grid) -> Grid:
    """Return `grid` with the rows of staggered cells joined (see the module docstring).

    A grid in which no filled cell links two rows is returned unchanged.
    """
    nrows = len(grid.cells)
    if nrows < 2:
        return grid
    # every merged cell once: its rows, columns, text
    cells: dict[tuple, tuple[int, int, int, int, Cell]] = {}
    for row in grid.cells:
        for cell in row:
            key = (cell.x0, cell.top, cell.x1, cell.bottom)
            if key not in cells:
                r0, r1 = _span(grid.ys, cell.top, cell.bottom)
                c0, c1 = _span(grid.xs, cell.x0, cell.x1)
                cells[key] = (r0, r1, c0, c1, cell)
    filled = [v for v in cells.values() if v[4].text.strip()]
    by_col: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r0, r1, c0, _c1, cell in filled:
        if VALUE.search(cell.text):
            by_col[c0].append((r0, r1))  # the figures: each record prints its own
    joined = [False] * (nrows - 1)  # joined[r]: rows r and r + 1 are one printed row
    for r0, r1, c0, _c1, _cell in filled:
        if r1 == r0:
            continue
        if any(
            sum(1 for a, b in spans if r0 <= a and b <= r1) >= 2
            for col, spans in by_col.items() if col != c0
        ):
            continue  # a group cell over the figures of several records
        for r in range(r0, r1):
            joined[r] = True
    if not any(joined):
        return grid
    bands = _bands(joined, nrows)
    first = _first_figure_row(grid.cells)
    for b0, b1 in bands:
        if b1 > b0 and not _body_band(grid.cells[b0:b1 + 1], header_zone=b0 < first):
            for r in range(b0, b1):
                joined[r] = False
    if not any(joined):
        return grid
    bands = _bands(joined, nrows)
    out: list[list[Cell]] = []
    ncols = len(grid.xs) - 1
    for b0, b1 in bands:
        row: list[Cell] = []
        for c in range(ncols):
            pieces = []
            seen = set()
            for r in range(b0, b1 + 1):
                cell = grid.cells[r][c]
                key = (cell.x0, cell.top, cell.x1, cell.bottom)
                if key not in seen:
                    seen.add(key)
                    pieces.append(cells[key])
            row.append(_band_cell(pieces, c, b0, b1, grid))
        out.append(row)
    ys = [grid.ys[b0] for b0, _ in bands] + [grid.ys[-1]]
    return Grid(xs=grid.xs, ys=ys, cells=out, page=grid.page, stray_chars=grid.stray_chars,
                header_rows=grid.header_rows)


def _bands(joined: list[bool], nrows: int) -> list[tuple[int, int]]:
    """Return (first, last) row of each run of joined rows."""
    bands: list[tuple[int, int]] = []
    start = 0
    for r in range(nrows - 1):
        if not joined[r]:
            bands.append((start, r))
            start = r + 1
    bands.append((start, nrows - 1))
    return bands


def _first_figure_row(rows: list[list[Cell]]) -> int:
    """Return the index of the first row printing a figure of its own (len(rows) if none)."""
    return next((i for i, row in enumerate(rows)
                 if any(not c.covered and VALUE.search(c.text) for c in row)), len(rows))


def _body_band(rows: list[list[Cell]], header_zone: bool = True) -> bool:
    """Tell whether rows to be joined are one body row: a figure among them, no header row.

    Header rows overlap in the same way (a "Capaian Tahun 2015 (%)" cell over two rows beside
    "Target" cut lower down, RSUD Al Ihsan 2016 p.19) but print no figure, and a header row
    holds two or more cells of words only where a staggered body row holds one (its name);
    that test is made where headers are, above the grid's first figure (`header_zone`): below
    it, a sasaran and an indicator side by side are body (Dinkes p.34).
    A name opening with a level word under another text in the same column ("PROGRAM ..."
    under the last kegiatan of a page, Dinkes p.85) starts a row of its own.
    """
    figure = False
    named: set[float] = set()  # left edges of the text cells begun so far
    for row in rows:
        if any(not c.covered and c.x0 in named and OPENS_LINE.match(c.text) for c in row):
            return False
        named.update(c.x0 for c in row if not c.covered and c.text.strip())
        own = [c.text for c in row if not c.covered and c.text.strip()]
        if header_zone and sum(1 for t in own if not re.search(r"\d", t)) >= 2:
            return False
        figure = figure or any(VALUE.search(t) for t in own)
    return figure


def _band_cell(pieces: list[tuple[int, int, int, int, Cell]], c: int, b0: int, b1: int, grid: Grid) -> Cell:
    """Return the cell of column `c` in the band of rows b0..b1 from the merged cells there."""
    own = [p for p in pieces if p[2] == c]  # cells whose text starts in this column
    starting = [p for p in own if p[0] >= b0]
    if len(pieces) == 1:
        return grid.cells[b0][c]  # one merged cell over the whole band: as it was
    if not starting:
        first = pieces[0][4]
        return Cell(text=first.text, page=first.page, x0=first.x0, top=grid.ys[b0], x1=first.x1,
                    bottom=grid.ys[b1 + 1], covered=True)
    texts = [p[4].text for p in sorted(starting, key=lambda p: p[0]) if p[4].text.strip()]
    x0 = min(p[4].x0 for p in starting)
    x1 = max(p[4].x1 for p in starting)
    top = min(p[4].top for p in starting)
    bottom = max(p[4].bottom for p in starting)
    return Cell(text="\n".join(texts), page=starting[0][4].page, x0=x0, top=top, x1=x1, bottom=bottom)


# ---------------------------------------------------------------- names wrapped over rows

FIGURE = re.compile(r"\d")
# a row that opens a line of its own: a level word, a list number or a code
# a heading of a higher level is a row of its own even where its last line is full (RSUD Al
# Ihsan 2016 Tabel 10 p.26: "Program Pengembangan / Lingkungan Sehat" over its kegiatan)
HEADING = re.compile(r"^\s*(?:program|urusan|bidang|sasaran|tujuan|misi|belanja)\b", re.IGNORECASE)
OPENS_LINE = re.compile(r"^\s*(?:program|kegiatan|sub\s*kegiatan|urusan|bidang|sasaran|belanja|jumlah|total|\d+[.)]|[a-z][.)]\s)", re.IGNORECASE)


def _only_text_cell(row: list[Cell]) -> int | None:
    """Return the column of the row's single filled cell when it holds words only, else None."""
    found = None
    for c, cell in enumerate(row):
        if cell.covered or not cell.text.strip():
            continue
        if found is not None or FIGURE.search(cell.text):
            return None
        found = c
    return found


def _lines(chars: list[dict], cell: Cell) -> list[list[dict]]:
    """Return the cell's printed lines, top to bottom, each left to right."""
    inside = [ch for ch in chars
              if cell.x0 <= (ch["x0"] + ch["x1"]) / 2 <= cell.x1 and cell.top <= (ch["top"] + ch["bottom"]) / 2 <= cell.bottom]
    lines: list[list[dict]] = []
    for ch in sorted(inside, key=lambda ch: (ch["top"], ch["x0"])):
        height = ch["bottom"] - ch["top"]
        if lines and abs(lines[-1][0]["top"] - ch["top"]) <= 0.5 * height:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda ch: ch["x0"]) for line in lines]


def _wraps_into(chars: list[dict], upper: Cell, lower: Cell) -> bool:
    """Tell whether the text of `lower` is the next line of `upper`'s text, wrapped.

    The word-wrap test: `upper`'s last line plus a space and `lower`'s first word would not
    have fitted between the cell's left padding and its right edge.
    """
    up, low = _lines(chars, upper), _lines(chars, lower)
    if not up or not low:
        return False
    last = [ch for ch in up[-1] if ch["text"].strip()]
    first = low[0]
    if not last or not first:
        return False
    size = max(ch["bottom"] - ch["top"] for ch in last)
    word = [first[0]]
    for ch in first[1:]:
        if not ch["text"].strip() or ch["x0"] - word[-1]["x1"] > 0.2 * size:
            break
        word.append(ch)
    left = min(line[0]["x0"] for line in up)
    pad = max(0.0, left - upper.x0)
    limit = upper.x1 - pad
    needed = last[-1]["x1"] + 0.25 * size + (word[-1]["x1"] - word[0]["x0"])
    return needed > limit


def join_wrapped_rows(grid: Grid, chars: list[dict]) -> Grid:
    """Join rows that only carry the wrapped lines of a name to the row they belong to.

    In the Belanja Langsung table of the Dinkes Jawa Barat LKjIP 2016 (p. 83) the lines of a
    kegiatan name are ruled apart although one cell on the image: the amounts stand beside
    the first line ("Peningkatan Sumber Daya Pelayanan Kesehatan | 2.755.260.000 ...") and
    "Paru di BKPM" is a row of its own; elsewhere the amounts stand beside the second line
    and the first line is a row above them. A row whose single filled cell holds words only
    continues the cell above it in the same column when that cell's last line was wrapped
    (the word-wrap test of `_wraps_into`), or else starts the cell below when its own last
    line was. What a word processor wraps is decided by the width of the cell alone, so the
    test holds for any table; a row opening with a level word, list number or code is never
    a tail.
    """
    rows = [list(r) for r in grid.cells]
    if len(rows) < 2:
        return grid
    ys = list(grid.ys)
    # the header's labels wrap too ("%" over "Capaian", BP3AKB 2016 p.56): only rows below the
    # first one printing a figure are joined
    first = _first_figure_row(rows)
    if any(sum(1 for c in row if not c.covered and c.text.strip()) >= 2 for row in rows[:first]):
        r = first + 1  # below a header
    else:
        r = 0  # no header: a continuation page opening with a name over two rows (Dinkes p.85)
    while r < len(rows):
        if r and not any(not c.covered and c.text.strip() for c in rows[r]):
            # nothing of its own (a blank strip, or the lower part of merged cells): part of
            # the row above, so that the rows around it are compared with each other
            _merge_rows(rows, ys, r - 1, -1)
            continue
        col = _only_text_cell(rows[r])
        if col is None:
            if r + 1 < len(rows) and _figures_only(rows[r]) and _takes_figures(rows[r + 1], rows[r]):
                # figures centred above the line of the name they belong to, ruled apart from
                # it ("4,01/ 1000 KH | 144.64%" over "2 | Ratio Kematian bayi | 5,8/1000 KH",
                # Dinkes Jabar 2016 p.34): the row below names something, prints a figure of
                # its own and leaves their columns empty (or under the same merged cells)
                _merge_rows(rows, ys, r, -1)
                continue
            r += 1
            continue
        cell = rows[r][col]
        above = rows[r - 1][col] if r else cell
        if (r and not above.covered and above.text.strip() and abs(above.x0 - cell.x0) < TOL
                and not OPENS_LINE.match(cell.text) and _wraps_into(chars, above, cell)):
            _merge_rows(rows, ys, r - 1, col)
            continue
        if r + 1 < len(rows) and (not HEADING.match(cell.text) or _capitals_run_on(cell, rows[r + 1][col])):
            below = rows[r + 1][col]
            # a row opening a line of its own ("TOTAL ALOKASI ...", "Program ...") is no tail
            # of the name above it (BP3AKB Jabar 2016 Tabel 2.3a p.28)
            if (not below.covered and below.text.strip() and abs(below.x0 - cell.x0) < TOL
                    and not OPENS_LINE.match(below.text)
                    and _only_text_cell(rows[r + 1]) is None and _wraps_into(chars, cell, below)):
                _merge_rows(rows, ys, r, col)
                continue
        r += 1
    if len(rows) == len(grid.cells):
        return grid
    return Grid(xs=grid.xs, ys=ys, cells=rows, page=grid.page, stray_chars=grid.stray_chars,
                header_rows=grid.header_rows)


def _figures_only(row: list[Cell]) -> bool:
    """Tell a row whose own cells all print figures (no name, no label)."""
    own = [c.text for c in row if not c.covered and c.text.strip()]
    return bool(own) and all(re.search(r"\d", t) and not re.search(r"[A-Za-z]{4,}", t) for t in own)


def _takes_figures(row: list[Cell], figures: list[Cell]) -> bool:
    """Tell whether `row` names something, prints a figure of its own and has no text of its
    own in any column `figures` fills."""
    own = [c for c in row if not c.covered and c.text.strip()]
    if not any(re.search(r"[A-Za-z]{4,}", c.text) for c in own) or not any(VALUE.search(c.text) or re.search(r"\d", c.text) and not re.fullmatch(r"\s*\d{1,2}[.)]?\s*", c.text) for c in own):
        return False
    return all(i < len(row) and (row[i].covered or not row[i].text.strip())
               for i, c in enumerate(figures) if not c.covered and c.text.strip())


def _capitals_run_on(heading: Cell, below: Cell) -> bool:
    """Tell whether a heading in capitals goes on in capitals in the cell below.

    A name keeps its case over its wrapped lines: "PROGRAM PENINGKATAN PENGEMBANGAN" over
    "SISTEM PELAPORAN CAPAIAN KINERJA DAN KEUANGAN" and its amounts is one program (Dinkes
    p.86), where a kegiatan under its program is set in another case.
    """
    upper = below.text.split("\n")[0]
    return heading.text.isupper() and upper.isupper()


def _merge_rows(rows: list[list[Cell]], ys: list[float], r: int, col: int) -> None:
    """Merge row r + 1 into row r: text joined in column `col`, the other filled cells kept."""
    upper, lower = rows[r], rows.pop(r + 1)
    del ys[r + 1]
    for c, (a, b) in enumerate(zip(upper, lower)):
        if b.covered or not b.text.strip():
            if a.covered and not a.text.strip():
                upper[c] = b
            continue
        if a.covered or not a.text.strip():
            upper[c] = b
            continue
        upper[c] = Cell(text=a.text + "\n" + b.text, page=a.page, x0=min(a.x0, b.x0), top=min(a.top, b.top),
                        x1=max(a.x1, b.x1), bottom=max(a.bottom, b.bottom), covered=False, value=a.value)
