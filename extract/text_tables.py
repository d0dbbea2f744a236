"""Build cell grids of tables drawn without vertical rules, from the alignment of their text.

Many reports rule only between rows, or not at all: the generated house styles
`horizontal_en` and `rotated_split` (tests/generator) rule rows only, `no_rules_rp` and
`no_rules_rotated` draw no line. pdfplumber's lines strategy finds no table there, and its
text strategy merges adjacent right-aligned amount columns (docs: PLATFORM.md). Here the
table's own header says where the columns are:

- **Lines and phrases.** Characters make lines; a line splits into phrases where two
  characters lie more than half an em apart. Words are a quarter em apart, the text of two
  cells at least twice the cell padding, so a phrase never straddles two cells.
- **Header.** A band of lines above the first line with figures whose phrases, stacked into
  header cells (a label wrapped over lines, a group label such as ANGGARAN over
  RENCANA | REALISASI | CAPAIAN IK), are recognised as a known table kind.
- **Columns.** One per header cell of the lowest level; the edge between two of them is the
  empty vertical strip the body leaves between their labels, every such strip when there are
  several (KODE over a code and a sub-code column). A continuation page without a header
  carries the previous page's columns.
- **Rows.** A line with text in a value column (code, number, amount, percentage) starts a row;
  a line with text only in text columns (nama, indikator) continues the cells above, which
  wrap. A horizontal rule between two lines also starts a row.
- **End.** The table ends at a blank line's worth of white space, or at a line whose text runs
  across columns without figures of its own ("Sumber data: ...", prose, a running header).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pdfplumber.utils import extract_text

from extract.grid import Grid, Region, page_segments
from extract.headers import is_header_text, recognise
from extract.model import Cell
from extract.stitch import TEXT_COLUMNS

# Lengths in ems of the table's type: it is set in 7-9 pt in the generated styles, 6-10 pt
# in reports seen so far.
LINE_TOLERANCE = 0.25  # characters of one line: tops this close
PHRASE_GAP = 0.5  # a word space is ~0.28 em; two cells' texts are >= 2 x padding apart
WRAP_PITCH = 1.3  # wrapped lines of one cell follow at the line pitch (~1.18 em)
BLANK = 0.9  # white space between rows is < 0.65 em; a folio or a note lies further away
CROSSING = 1.0  # text reaching this far into the next column runs across columns
MAX_HEADER_LINES = 8


@dataclass
class Phrase:
    """A run of characters on one line, closer to each other than PHRASE_GAP."""

    chars: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return extract_text(self.chars, x_tolerance=1.5, y_tolerance=3).strip()

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    """The phrases sharing a text line, left to right."""

    phrases: list[Phrase]
    top: float
    bottom: float
    size: float

    @property
    def has_figure(self) -> bool:
        """Tell whether a phrase holds a figure (amount, code, percentage), not a year label."""
        return any(_is_figure(p.text) for p in self.phrases)


@dataclass
class Block:
    """A header cell: the phrases of one label, wrapped over one or more lines."""

    phrases: list[Phrase]
    x0: float
    x1: float
    top: float
    bottom: float
    last_top: float

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.phrases)

    def add(self, p: Phrase) -> None:
        self.phrases.append(p)
        self.x0, self.x1 = min(self.x0, p.x0), max(self.x1, p.x1)
        self.bottom, self.last_top = max(self.bottom, p.bottom), p.top


@dataclass
class Header:
    """A recognised header band: its lines, lowest-level cells and their group cells."""

    first: int  # index of the band's first line
    body: int  # index of the first body line
    leaves: list[Block]
    groups: list[Block | None]  # per leaf
    size: float


@dataclass
class Layout:
    """Columns of a text table, carried to the next page when the table runs on."""

    edges: list[float]  # inner column edges, left to right
    left: float
    right: float
    names: list[str | None]
    header: list[list[str]]  # per column: group label, label (empty when carried)
    leaf_labels: list[str]
    size: float
    page_size: tuple[float, float]
    header_cells: list[list[Cell]] = field(default_factory=list)

    def column(self, x: float) -> int:
        return bisect.bisect_right(self.edges, x)


def _is_figure(text: str) -> bool:
    return bool(re.search(r"\d", text)) and not is_header_text(text)


def _phrases(chars: list[dict], size: float) -> list[Phrase]:
    chars = sorted(chars, key=lambda c: c["x0"])
    groups: list[list[dict]] = []
    for ch in chars:
        if groups and ch["x0"] - groups[-1][-1]["x1"] <= PHRASE_GAP * size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    return [
        Phrase(g, min(c["x0"] for c in g), max(c["x1"] for c in g), min(c["top"] for c in g), max(c["bottom"] for c in g))
        for g in groups
    ]


def page_lines(chars: list[dict]) -> list[Line]:
    """Group printed characters into lines of phrases, top to bottom."""
    rows: list[list[dict]] = []
    for ch in sorted((c for c in chars if c["text"].strip()), key=lambda c: (c["top"], c["x0"])):
        if rows and ch["top"] - rows[-1][0]["top"] <= LINE_TOLERANCE * ch["size"]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines = []
    for row in rows:
        size = sorted(c["size"] for c in row)[len(row) // 2]
        lines.append(Line(_phrases(row, size), min(c["top"] for c in row), max(c["bottom"] for c in row), size))
    return lines


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def header_blocks(band: list[Line]) -> list[Block]:
    """Stack the band's phrases into header cells.

    A phrase continues the cell above it when it is the line right under it (wrap pitch) and
    the two face only each other; a group label stands a row's padding higher, or faces
    several labels (the year over Target | Realisasi | Capaian).
    """
    blocks: list[Block] = []
    for line in band:
        opened: list[Block] = []
        for p in line.phrases:
            above = [
                b for b in blocks
                if _overlap(b.x0, b.x1, p.x0, p.x1) > 0 and p.top - b.last_top <= WRAP_PITCH * line.size
            ]
            if len(above) == 1 and above[0] not in opened:
                facing = [q for q in line.phrases if _overlap(above[0].x0, above[0].x1, q.x0, q.x1) > 0]
                if facing == [p]:
                    above[0].add(p)
                    opened.append(above[0])
                    continue
            blocks.append(Block([p], p.x0, p.x1, p.top, p.bottom, p.top))
            opened.append(blocks[-1])
    return blocks


def _leaves_and_groups(blocks: list[Block]) -> tuple[list[Block], list[Block | None]]:
    """Split header cells into the lowest level and, per leaf, the group cell over it."""

    def below(g: Block, b: Block) -> bool:
        return b.top >= g.bottom - 1 and _overlap(g.x0, g.x1, b.x0, b.x1) > 0

    groups = [g for g in blocks if any(below(g, b) for b in blocks if b is not g)]
    leaves = sorted((b for b in blocks if b not in groups), key=lambda b: b.x0)
    owners: list[Block | None] = []
    for leaf in leaves:
        over = [g for g in groups if g.bottom <= leaf.top + 1]
        owners.append(min(over, key=lambda g: max(0.0, g.x0 - leaf.x1, leaf.x0 - g.x1)) if over else None)
    return leaves, owners


def _paths(leaves: list[Block], groups: list[Block | None]) -> list[list[str]]:
    return [([g.text] if g else []) + [leaf.text] for leaf, g in zip(leaves, groups)]


def _score(paths: list[list[str]]) -> tuple[str | None, int]:
    kind, columns = recognise(paths)
    return kind, (sum(1 for c in columns if c.name) if kind else 0)


def _header_start(line: Line) -> bool:
    return len(line.phrases) >= 2 and any(is_header_text(p.text) for p in line.phrases)


def _gap(upper: Line, lower: Line) -> float:
    return lower.top - upper.bottom


def find_header(lines: list[Line], i: int, floor: int) -> Header | None:
    """Read a header whose labels include line `i`, or None.

    The band runs down to the first line with figures; it may start higher (a label wrapped
    over lines above: "Capaian / kinerja Tahun / 2024", rotated_split style), never above
    `floor`. Of the possible first lines, the one explaining most columns wins, the lowest
    on a tie (a title over the whole table explains nothing more).
    """
    if not _header_start(lines[i]):
        return None
    size = lines[i].size
    body = i
    while body < len(lines) and not lines[body].has_figure:
        if body > i and _gap(lines[body - 1], lines[body]) > BLANK * size:
            return None
        body += 1
    if body >= len(lines) or body - i > MAX_HEADER_LINES or _gap(lines[body - 1], lines[body]) > BLANK * size:
        return None
    first = i
    while (
        first - 1 >= floor and body - first < MAX_HEADER_LINES and not lines[first - 1].has_figure
        and _gap(lines[first - 1], lines[first]) <= BLANK * size
    ):
        first -= 1
    best: tuple[int, Header | None] = (0, None)
    for top in range(i, first - 1, -1):
        leaves, groups = _leaves_and_groups(header_blocks(lines[top:body]))
        kind, score = _score(_paths(leaves, groups))
        if kind and score > best[0]:
            best = (score, Header(top, body, leaves, groups, size))
    return best[1]


def _crossing(p: Phrase, edges: list[float], size: float) -> bool:
    return any(p.x0 < e - CROSSING * size and p.x1 > e + CROSSING * size for e in edges)


def _runs_across(line: Line, edges: list[float], size: float) -> bool:
    """Tell whether a line's text runs across columns without figures of its own.

    Footer rows ("Total Program ... 5", "JUMLAH Rp ...") span columns but print figures.
    """
    return not line.has_figure and any(_crossing(p, edges, size) for p in line.phrases)


def _free_strips(phrases: list[Phrase], lo: float, hi: float) -> list[tuple[int, float, float]]:
    """Return (phrases crossing, start, end) of the strips between phrase edges in lo..hi."""
    cuts = sorted({lo, hi, *(x for p in phrases for x in (p.x0, p.x1) if lo < x < hi)})
    strips = []
    for a, b in zip(cuts, cuts[1:]):
        mid = (a + b) / 2
        strips.append((sum(1 for p in phrases if p.x0 < mid < p.x1), a, b))
    return strips


def column_edges(leaves: list[Block], body: list[Phrase], size: float) -> list[float]:
    """Place the inner column edges between the header's lowest-level labels.

    Between two labels every strip the body leaves empty (at least PHRASE_GAP wide) is an
    edge; where footer text spans the strip, the least crossed one is.
    """
    edges: list[float] = []
    for a, b in zip(leaves, leaves[1:]):
        lo, hi = a.x1, b.x0
        if hi <= lo:
            edges.append((lo + hi) / 2)
            continue
        strips = _free_strips(body, lo, hi)
        empty = [(s, e) for n, s, e in strips if n == 0 and e - s >= PHRASE_GAP * size]
        if empty:
            edges += [(s + e) / 2 for s, e in _merge_touching(empty)]
            continue
        fewest = min(n for n, _, _ in strips)
        s, e = max(((s, e) for n, s, e in strips if n == fewest), key=lambda se: se[1] - se[0])
        edges.append((s + e) / 2)
    return edges


def _merge_touching(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + 0.01:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _leaf_of(x0: float, x1: float, leaves: list[Block]) -> int:
    """Return the label over a column: the one overlapping it most, else the nearest."""
    best = max(range(len(leaves)), key=lambda k: _overlap(x0, x1, leaves[k].x0, leaves[k].x1))
    if _overlap(x0, x1, leaves[best].x0, leaves[best].x1) > 0:
        return best
    return min(range(len(leaves)), key=lambda k: max(leaves[k].x0 - x1, x0 - leaves[k].x1))


def _header_cells(edges: list[float], left: float, right: float, header: Header, page: int) -> tuple[list[list[Cell]], list[list[str]]]:
    """Lay the header out as grid rows, group cells over label cells, merged like ruled ones.

    A label over several columns (KODE over code and sub-code) covers all of them, as a
    merged cell of a ruled table does; so does a group label.
    """
    xs = [left, *edges, right]
    owner = [_leaf_of(xs[c], xs[c + 1], header.leaves) for c in range(len(xs) - 1)]
    levels: list[list[Block | None]] = [[header.leaves[k] for k in owner]]
    if any(header.groups):
        levels.insert(0, [header.groups[k] for k in owner])
    rows = []
    for blocks in levels:
        row = []
        for c, block in enumerate(blocks):
            covered = c > 0 and block is not None and block is blocks[c - 1]
            row.append(
                Cell(
                    text=block.text if block else "", page=page, x0=xs[c], x1=xs[c + 1],
                    top=(block or header.leaves[owner[c]]).top, bottom=(block or header.leaves[owner[c]]).bottom,
                    covered=covered,
                )
            )
        rows.append(row)
    paths = [[b.text for b in (blocks[c] for blocks in levels) if b] for c in range(len(owner))]
    return rows, paths


def _body_lines(lines: list[Line], start: int, stop: int, size: float) -> list[Line]:
    """Return the lines from `start` that follow each other without a blank line's space."""
    out: list[Line] = []
    for line in lines[start:stop]:
        if out and _gap(out[-1], line) > BLANK * size:
            break
        out.append(line)
    return out


def _trim(body: list[Line], edges: list[float], size: float) -> list[Line]:
    """Cut the body at the first line whose text runs across columns."""
    for k, line in enumerate(body):
        if _runs_across(line, edges, size):
            return body[:k]
    return body


def _rules_between(rules: list[tuple[float, float, float]], a: Line, b: Line, left: float, right: float) -> bool:
    """Tell whether a horizontal rule across most of the table lies between two lines."""
    width = right - left
    return any(a.bottom - 1 <= y <= b.top + 1 and _overlap(x0, x1, left, right) >= 0.5 * width for y, x0, x1 in rules)


def _rows(body: list[Line], layout: Layout, rules: list[tuple[float, float, float]]) -> list[list[Line]]:
    """Group body lines into rows: a value-column phrase or a rule starts a new one."""
    rows: list[list[Line]] = []
    for line in body:
        keyed = any(layout.names[layout.column(p.centre)] not in TEXT_COLUMNS for p in line.phrases)
        ruled = bool(rows) and _rules_between(rules, rows[-1][-1], line, layout.left, layout.right)
        if not rows or keyed or ruled:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _row_cells(row: list[Line], layout: Layout, page: int) -> list[Cell]:
    xs = [layout.left, *layout.edges, layout.right]
    chars: list[list[dict]] = [[] for _ in range(len(xs) - 1)]
    for line in row:
        for p in line.phrases:
            chars[layout.column(p.centre)].extend(p.chars)
    top, bottom = row[0].top, row[-1].bottom
    return [
        Cell(
            text=extract_text(cs, x_tolerance=1.5, y_tolerance=3).strip() if cs else "",
            page=page, x0=xs[c], top=top, x1=xs[c + 1], bottom=bottom,
        )
        for c, cs in enumerate(chars)
    ]


def _grid(header_cells: list[list[Cell]], body: list[Line], layout: Layout, rules, page: int, top: float) -> Grid:
    rows = [_row_cells(r, layout, page) for r in _rows(body, layout, rules)]
    xs = [layout.left, *layout.edges, layout.right]
    ys = [top] + [r[0].bottom for r in rows] if rows else [top, top]
    return Grid(xs=xs, ys=ys, cells=header_cells + rows, page=page, header_rows=len(header_cells))


def _layout_from_header(header: Header, lines: list[Line], stop: int, page_size, page: int, carried: Layout | None) -> tuple[Layout, list[Line]]:
    """Place the columns under a header and return them with the table's body lines."""
    size = header.size
    body = _body_lines(lines, header.body, stop, size)
    labels = [leaf.text for leaf in header.leaves]
    phrases = [p for line in body for p in line.phrases]
    everything = phrases + [p for b in header.leaves for p in b.phrases]
    left = min(p.x0 for p in everything) - 1
    right = max(p.x1 for p in everything) + 1
    if carried is not None and carried.page_size == page_size and _same_labels(carried, header):
        edges = carried.edges
        body = _trim(body, edges, size)
    else:
        edges = column_edges(header.leaves, phrases, size)
        body = _trim(body, edges, size)
        edges = column_edges(header.leaves, [p for line in body for p in line.phrases], size)
    cells, paths = _header_cells(edges, left, right, header, page)
    names = [c.name for c in recognise(paths)[1]]
    layout = Layout(edges, left, right, names, paths, labels, size, page_size, cells)
    return layout, body


def _same_labels(carried: Layout, header: Header) -> bool:
    """Tell whether a repeated header is the carried table's (same labels, same places)."""
    labels = [leaf.text for leaf in header.leaves]
    if labels != carried.leaf_labels:
        return False
    xs = [carried.left, *carried.edges, carried.right]
    return all(any(_overlap(leaf.x0, leaf.x1, xs[c], xs[c + 1]) > 0 for c in range(len(xs) - 1)) for leaf in header.leaves)


def _keyed(line: Line, layout: Layout) -> bool:
    return any(layout.names[layout.column(p.centre)] not in TEXT_COLUMNS for p in line.phrases)


def _continuation(lines: list[Line], stop: int, layout: Layout) -> list[Line]:
    """Find the rows a header-less continuation page carries on, or none.

    The page's first block of lines (blocks are parted by blank space: a running header
    stands apart) that fits the carried columns and holds a value is the table's; its first
    lines may only carry the tail of a row cut by the page break.
    """
    k = 0
    while k < stop:
        block = _body_lines(lines, k, stop, layout.size)
        body = _trim(block, layout.edges, layout.size)
        if body and any(_keyed(line, layout) for line in body):
            return body
        k += max(1, len(block))
    return []


def _h_rules(page) -> list[tuple[float, float, float]]:
    h, _ = page_segments(page)
    return [(s.pos, s.start, s.end) for s in h]


def _outside(chars: list[dict], regions: list[Region]) -> list[dict]:
    def inside(ch: dict) -> bool:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return any(r.x0 <= cx <= r.x1 and r.top <= cy <= r.bottom for r in regions)

    return [c for c in chars if not inside(c)]


def _ends_page(lines: list[Line], last: Line) -> bool:
    """Tell whether nothing but a folio (a lone page number) follows a table's last line."""
    after = [line for line in lines if line.top > last.bottom]
    return all(len(line.phrases) == 1 and re.fullmatch(r"[-\s]*\d{1,4}[-\s]*", line.phrases[0].text) for line in after)


def text_tables(page, page_number: int, regions: list[Region], carried: Layout | None) -> tuple[list[Grid], Layout | None]:
    """Find the page's tables without vertical rules; return their grids and the layout to
    carry to the next page (the last table's, when it runs to the foot of this page)."""
    lines = page_lines(_outside(page.chars, regions))
    if not lines:
        return [], None
    page_size = (float(page.width), float(page.height))
    rules = _h_rules(page)
    headers: list[Header] = []
    i = 0
    while i < len(lines):
        header = find_header(lines, i, headers[-1].body if headers else 0)
        if header is None:
            i += 1
            continue
        headers.append(header)
        i = header.body
    grids: list[Grid] = []
    last: tuple[Layout, Line] | None = None
    first_header = headers[0].first if headers else len(lines)
    if carried is not None and carried.page_size == page_size:
        body = _continuation(lines, first_header, carried)
        if body:
            grids.append(_grid([], body, carried, rules, page_number, body[0].top))
            last = (carried, body[-1])
    for n, header in enumerate(headers):
        stop = headers[n + 1].first if n + 1 < len(headers) else len(lines)
        layout, body = _layout_from_header(header, lines, stop, page_size, page_number, last[0] if last else carried)
        if not body:
            continue
        grids.append(_grid(layout.header_cells, body, layout, rules, page_number, lines[header.first].top))
        last = (layout, body[-1])
    if last is None or not _ends_page(lines, last[1]):
        return grids, None
    return grids, last[0]
