"""Part a ruled table's tall body cells into the items their text lines print.

Some tables draw vertical rules and a rule under the header, but no rule between the items of
a group: a Perjanjian Kinerja's target table rules each numbered sasaran group off and prints
its sasaran, indicators and targets one under the other inside it (Distan Jabar 2016 PK, p2 of
the scan and p63 of the typed copy in the LKIP: "Jumlah Produksi ... :" over "a. Padi" ...
"k. Tanaman Hias" beside eleven targets, then after a blank line "Persentase kehilangan hasil"
beside "10,90 %"). The grid then holds one tall cell per column and group. The layout is a
general one, typed or scanned, so the rows are told apart here by what a reader uses instead
of rules: the text lines and the white between them.

- Each column's lines are cut into **blocks** where more than BLOCK_GAP of a line's height lies
  blank between two lines (a paragraph: one sasaran, one indicator with its wrapped lines, one
  run of targets).
- A **value column** is one whose every block opens with a figure (targets "12.317.066 ton",
  "10,90 %", "20 Kelompok/Pelaku"; a list number "1."): each of its blocks is one item or one
  run of stacked items (the transform unstacks those as for a typed cell listing them).
- An item starts at the first of its value blocks' lines, or higher, at the first block any
  column opens since the value block above ended (the indicator and sasaran paragraphs that
  open beside or above their target: "Persentase Margin ... :" over "a. Padi (%)" beside "32").
- A text column printing nothing in an item below the first continues its cell above (a
  sasaran over its indicators), as a merged cell would; a figure column's empty cell stays
  empty (a figure is not repeated down).

Rows whose cells span one grid row only and that hold two or more value blocks in one column
are parted; anything else (headers, a single item, merged cells) is left as it is.
"""

from __future__ import annotations

import re
from statistics import median

from extract.chartext import cell_text
from extract.grid import Grid
from extract.model import Cell

BLOCK_GAP = 0.75  # share of a line's height: blank space above a line that opens a paragraph
VALUE_START = re.compile(r"^[-+]?\d[\d.,]*(?:\s|%|$)")


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Group characters into lines by their vertical centre, top to bottom."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        cy = (ch["top"] + ch["bottom"]) / 2
        if lines:
            last = lines[-1]
            ly = sum((c["top"] + c["bottom"]) / 2 for c in last) / len(last)
            height = median(c["bottom"] - c["top"] for c in last)
            if abs(cy - ly) <= 0.5 * height:
                last.append(ch)
                continue
        lines.append([ch])
    return [sorted(ln, key=lambda c: c["x0"]) for ln in lines]


def _blocks(lines: list[list[dict]]) -> list[list[list[dict]]]:
    """Cut a column's lines into paragraphs parted by blank space."""
    blocks: list[list[list[dict]]] = []
    prev_bottom = None
    for ln in lines:
        top = min(c["top"] for c in ln)
        height = median(c["bottom"] - c["top"] for c in ln)
        if prev_bottom is None or top - prev_bottom > BLOCK_GAP * height:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
        prev_bottom = max(c["bottom"] for c in ln)
    return blocks


def _text(line: list[dict]) -> str:
    return cell_text(line).strip()


def _top(block) -> float:
    return min(c["top"] for c in block[0])


def _bottom(block) -> float:
    return max(c["bottom"] for c in block[-1])


def _item_tops(columns: list[list[list[list[dict]]]]) -> list[float] | None:
    """Return where each item after the first begins, None when the row is no list of items."""
    value_blocks = [blocks for blocks in columns
                    if len(blocks) >= 2 and all(VALUE_START.match(_text(b[0])) for b in blocks)]
    if not value_blocks or sum(1 for blocks in columns if blocks) < 2:
        return None
    openings = sorted(_top(b) for blocks in columns for b in blocks)
    tops: set[float] = set()
    for blocks in value_blocks:
        for above, block in zip(blocks, blocks[1:]):
            end, start = _bottom(above), _top(block)
            clean = [t for t in openings if end < t <= start and _clean_cut(columns, t)]
            if not clean:
                return None
            tops.add(clean[0])
    return sorted(tops)


LIST_MARK = re.compile(r"^(?:[-•·*\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")


def _clean_cut(columns, t: float) -> bool:
    """Tell whether a cut above the line at `t` parts no paragraph but between list items.

    A paragraph running over the cut is one cell's wrapped text, unless its line there opens
    a list item ("b. Jumlah Luas Sawah Baru" under "a. Jumlah Luas Sawah yang ..." in the
    Distan PK). Where a name runs on beside the next item's figures (BAPPEDA Jabar 2016 Tabel
    3.7 p45: "Program Perencanaan, ... / Evaluasi Pembangunan / Daerah" over "Program
    Kerjasama ..."), or a sasaran runs on beside its second indicator (BKPD Jabar 2016 p30),
    the row is left whole for the transform, which unstacks such cells by their marks.
    """
    for blocks in columns:
        for block in blocks:
            above = [ln for ln in block if min(c["top"] for c in ln) < t - 0.5]
            if above and _text(above[-1]).endswith(":"):
                return False  # a heading stays with the list it introduces (Distan LKIP p22)
            if _top(block) < t - 0.5 and _bottom(block) > t:
                line = next((ln for ln in block if min(c["top"] for c in ln) >= t - 0.5), None)
                if line is None or LIST_MARK.match(_text(line)):
                    continue
                right = max(c["x1"] for b in blocks for ln in b for c in ln)
                if not (_level_with(line, t) and not _wrapped(above[-1], line, right)):
                    return False
    return True


def _level_with(line: list[dict], t: float) -> bool:
    """Tell a line that stands on the cut's own text line (baselines aligned across columns)."""
    height = median(c["bottom"] - c["top"] for c in line)
    return abs(min(c["top"] for c in line) - t) <= 0.3 * height


def _wrapped(upper: list[dict], lower: list[dict], right: float) -> bool:
    """Tell whether `lower` is `upper` wrapped: its first word would not have fitted after it.

    `right` is the column's text margin (its widest line's end). A line broken by hand before
    the margin ends an entry: the next begins below it (the typed Distan PK, LKIP p63:
    "komoditas Padi (%)" over "Jumlah Serangan Luas", one paragraph, two indicators beside
    the list numbers 2. and 3.).
    """
    height = median(c["bottom"] - c["top"] for c in lower)
    first_end = lower[0]["x1"]
    for prev, ch in zip(lower, lower[1:]):
        if ch["x0"] - prev["x1"] > 0.2 * height:
            break
        first_end = ch["x1"]
    word = first_end - lower[0]["x0"]
    space = 0.25 * height
    return max(c["x1"] for c in upper) + space + word > right + 0.5


def split_item_rows(grid: Grid, chars: list[dict]) -> Grid:
    """Return `grid` with each tall unruled body row parted into its items (module docstring)."""
    if not grid.cells:
        return grid
    xs, ys = grid.xs, grid.ys
    ncols = len(xs) - 1
    new_ys: list[float] = [ys[0]]
    new_rows: list[list[Cell]] = []
    changed = False
    for r, row in enumerate(grid.cells):
        top, bottom = ys[r], ys[r + 1]
        parts = None
        if all(not c.covered and c.top == top and c.bottom == bottom for c in row) and len({id(c) for c in row}) == ncols:
            inside = [ch for ch in chars if ch["text"].strip()
                      and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom and xs[0] <= (ch["x0"] + ch["x1"]) / 2 <= xs[-1]]
            by_col: list[list[dict]] = [[] for _ in range(ncols)]
            for ch in inside:
                cx = (ch["x0"] + ch["x1"]) / 2
                c = max(i for i in range(ncols) if xs[i] <= cx) if cx >= xs[0] else 0
                by_col[min(c, ncols - 1)].append(ch)
            columns = [_blocks(_lines(col)) for col in by_col]
            tops = _item_tops(columns)
            if tops:
                parts = _parted(row, by_col, columns, tops, top, bottom)
        if parts is None:
            new_rows.append(row)
            new_ys.append(bottom)
            continue
        changed = True
        for part_row, part_bottom in parts:
            new_rows.append(part_row)
            new_ys.append(part_bottom)
    if not changed:
        return grid
    return Grid(xs=xs, ys=new_ys, cells=new_rows, page=grid.page, stray_chars=grid.stray_chars,
                header_rows=grid.header_rows)


def _parted(row: list[Cell], by_col, columns, tops: list[float], top: float, bottom: float):
    """Return the items of one tall row as (cells, bottom) pairs."""
    # the cut between two items lies in the white above the next item's first line
    cuts = [top]
    for t in tops:
        above = [c["bottom"] for col in by_col for c in col if c["bottom"] <= t + 0.01 and (c["top"] + c["bottom"]) / 2 < t]
        cuts.append((max(above) + t) / 2 if above else t)
    cuts.append(bottom)
    n = len(cuts) - 1
    # a figure printed once beside the first of several items is not repeated down: without
    # a rule nothing shows that it spans them (BKPD Jabar 2016 p30: "Capaian Sasaran" 80,5
    # beside two indicators whose own capaian is bracketed under their realisasi)
    value_cols = {i for i, blocks in enumerate(columns)
                  if blocks and all(VALUE_START.match(_text(b[0])) for b in blocks)}
    out_rows: list[list[Cell]] = [[None] * len(row) for _ in range(n)]  # type: ignore[list-item]
    for c, cell in enumerate(row):
        pieces: list[list[dict]] = [[] for _ in range(n)]
        for ch in by_col[c]:
            cy = (ch["top"] + ch["bottom"]) / 2
            k = max(i for i in range(n) if cuts[i] <= cy) if cy >= cuts[0] else 0
            pieces[min(k, n - 1)].append(ch)
        k = 0
        while k < n:
            text = cell_text(pieces[k]).strip() if pieces[k] else ""
            end = k + 1
            if c not in value_cols:
                # a text column printing nothing in the items below continues its cell
                while end < n and not pieces[end]:
                    end += 1
            for j in range(k, end):
                out_rows[j][c] = Cell(text=text, page=cell.page, x0=cell.x0, top=cuts[k], x1=cell.x1,
                                      bottom=cuts[end], covered=j > k, ocr=cell.ocr, confidence=cell.confidence)
            k = end
    return [(out_rows[i], cuts[i + 1]) for i in range(n)]
