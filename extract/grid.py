"""Build cell grids of ruled tables from a page's drawn edges and characters.

pdfplumber's own table finder merges rows when one border is drawn a hair short (Tabel 3.7
of the Klungkung 2024 sample, page 21, loses a whole row's text that way). Here the grid is
rebuilt from the edges themselves: every drawn x and y position cuts the table into
elementary cells, neighbours are merged where no rule separates them, and each character
is put into the cell under its centre, so no printed character inside a table is dropped.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extract.chartext import cell_text
from extract.model import Cell

SNAP = 2.5  # points: rules closer than this are the same rule (word-processor exports jitter)
MIN_COVER = 0.6  # share of a cell side a rule must cover to separate two cells


@dataclass
class Segment:
    """A horizontal or vertical rule after merging collinear pieces."""

    orientation: str  # "h" or "v"
    pos: float  # y for "h", x for "v"
    start: float
    end: float


@dataclass
class Region:
    """A ruled table's area on a page and the rules inside it."""

    x0: float
    top: float
    x1: float
    bottom: float
    h: list[Segment]
    v: list[Segment]


def _cluster(values: list[float], tol: float = SNAP) -> list[float]:
    """Return representative positions of values closer than `tol` to each other."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _merge_segments(raw: list[tuple[float, float, float]], orientation: str) -> list[Segment]:
    """Merge collinear, touching pieces of rules (pos, start, end) into segments."""
    by_pos: dict[float, list[tuple[float, float]]] = {}
    positions = _cluster([r[0] for r in raw])
    for pos, start, end in raw:
        key = min(positions, key=lambda p: abs(p - pos))
        by_pos.setdefault(key, []).append((min(start, end), max(start, end)))
    segments = []
    for pos, spans in by_pos.items():
        spans.sort()
        cur_s, cur_e = spans[0]
        for s, e in spans[1:]:
            if s <= cur_e + SNAP:
                cur_e = max(cur_e, e)
            else:
                segments.append(Segment(orientation, pos, cur_s, cur_e))
                cur_s, cur_e = s, e
        segments.append(Segment(orientation, pos, cur_s, cur_e))
    return segments


def visible_edge(edge: dict) -> bool:
    """Tell whether an edge is drawn on the page: not the side of a white, unstroked fill.

    Office exports paint a white rectangle behind each line of text in a cell (Tangerang
    Selatan e-monev 2023 triwulan report, every page: one per name line, 11 pt high); their
    sides are not rules a reader sees, and taking them as rules cut every wrapped name into
    one row per line and split each column into three. A white fill on the white page
    shows no edge whatever table it sits in; a stroked path, or a fill in any other colour
    (a shaded header, a black hairline rectangle), still does. pdfplumber's edges say it with
    `fill`, `stroke` and `non_stroking_color`; the pdfium engine marks `white_fill_only`.
    """
    if edge.get("white_fill_only"):
        return False
    if not edge.get("fill") or edge.get("stroke", True):
        return True
    colour = edge.get("non_stroking_color")
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not colour:
        return True
    if len(colour) == 4:  # CMYK: white is no ink
        return any(float(c) != 0 for c in colour)
    return any(float(c) != 1 for c in colour)


def page_segments(page) -> tuple[list[Segment], list[Segment]]:
    """Return the page's horizontal and vertical rules, thin filled rectangles included."""
    hs, vs = [], []
    for e in page.edges:
        if not visible_edge(e):
            continue
        if e["orientation"] == "h":
            hs.append((e["top"], e["x0"], e["x1"]))
        elif e["orientation"] == "v":
            vs.append((e["x0"], e["top"], e["bottom"]))
    h = _merge_segments(hs, "h") if hs else []
    v = _merge_segments(vs, "v") if vs else []
    return [s for s in h if s.end - s.start > SNAP], [s for s in v if s.end - s.start > SNAP]


def _touches(h: Segment, v: Segment) -> bool:
    return (h.start - SNAP <= v.pos <= h.end + SNAP) and (v.start - SNAP <= h.pos <= v.end + SNAP)


def ruled_regions(h: list[Segment], v: list[Segment]) -> list[Region]:
    """Find ruled tables among a page's rules (page_segments): connected groups of crossing
    rules with at least 2 of each kind."""
    segs = h + v
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(h):
        for j, b in enumerate(v):
            if _touches(a, b):
                ra, rb = find(i), find(len(h) + j)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    regions = []
    for members in groups.values():
        gh = [s for s in members if s.orientation == "h"]
        gv = [s for s in members if s.orientation == "v"]
        if len(gh) < 2 or len(gv) < 2:
            continue
        x0 = min(min(s.start for s in gh), min(s.pos for s in gv))
        x1 = max(max(s.end for s in gh), max(s.pos for s in gv))
        top = min(min(s.pos for s in gh), min(s.start for s in gv))
        bottom = max(max(s.pos for s in gh), max(s.end for s in gv))
        if x1 - x0 < 20 or bottom - top < 8:
            continue
        regions.append(Region(x0, top, x1, bottom, gh, gv))
    regions.sort(key=lambda r: (r.top, r.x0))
    return regions


def _covered(segs: list[Segment], pos: float, a: float, b: float) -> bool:
    """Tell whether rules at `pos` cover at least MIN_COVER of the span a..b."""
    if b - a <= 0:
        return True
    cover = 0.0
    for s in segs:
        if abs(s.pos - pos) <= SNAP:
            lo, hi = max(a, s.start), min(b, s.end)
            if hi > lo:
                cover += hi - lo
    return cover >= MIN_COVER * (b - a)


@dataclass
class Grid:
    """Elementary rows x columns of a table; `cells[r][c]` may be covered by a merge.

    `header_rows` is set when the builder knows the header (text tables); otherwise it is
    read from the cells.
    """

    xs: list[float]
    ys: list[float]
    cells: list[list[Cell]]
    page: int
    stray_chars: int = 0
    header_rows: int | None = None


def _runs_on(prev: dict, ch: dict) -> bool:
    """Tell whether `ch` continues the word or phrase of `prev`, glyph after glyph.

    A long name in a narrow cell is clipped at the next rule on the page image but the text
    layer holds all of it, drawn over the next cells (RFK Grobogan 2022 p.1-6: "... Kec.
    Karangrayung (La" | "njutan)" over the amount). A glyph that follows the one before it
    in the content stream on the same line, closer than a fifth of its height, continues it;
    a neighbour cell's own text is parted from it by the padding on both sides of the rule.
    """
    height = ch["bottom"] - ch["top"]
    if abs(ch["top"] - prev["top"]) > 0.2 * height:
        return False
    gap = ch["x0"] - prev["x1"]
    return -0.1 * height <= gap <= 0.2 * height


def build_grid(page, region: Region, page_number: int) -> Grid:
    """Cut `region` into cells along its rules and fill them with the characters inside."""
    xs = _cluster([s.pos for s in region.v] + [region.x0, region.x1])
    ys = _cluster([s.pos for s in region.h] + [region.top, region.bottom])
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(nrows):
        for c in range(ncols):
            if c + 1 < ncols and not _covered(region.v, xs[c + 1], ys[r], ys[r + 1]):
                union(r * ncols + c, r * ncols + c + 1)
            if r + 1 < nrows and not _covered(region.h, ys[r + 1], xs[c], xs[c + 1]):
                union(r * ncols + c, (r + 1) * ncols + c)

    # each merged cell's span (first row, last row, first column, last column), once
    spans: dict[int, list[int]] = {}
    for i in range(nrows * ncols):
        r, c = divmod(i, ncols)
        span = spans.get(find(i))
        if span is None:
            spans[find(i)] = [r, r, c, c]
        else:
            span[0], span[1] = min(span[0], r), max(span[1], r)
            span[2], span[3] = min(span[2], c), max(span[3], c)

    chars_by_root: dict[int, list[dict]] = {}
    stray = 0
    # every character of the page is tested against every region of it: the loop is kept to
    # comparisons (no min/max calls), a fifth of the reading time otherwise (bench profile)
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    last_c, last_r = ncols - 1, nrows - 1
    after = bisect.bisect_right
    prev: dict | None = None
    prev_cell = (-1, -1)
    for ch in page.chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        if cx < left or cx > right:
            prev = None
            continue
        cy = (ch["top"] + ch["bottom"]) / 2
        if cy < top or cy > bottom:
            prev = None
            continue
        c = after(xs, cx) - 1
        c = 0 if c < 0 else last_c if c > last_c else c
        r = after(ys, cy) - 1
        r = 0 if r < 0 else last_r if r > last_r else r
        if prev is not None and r == prev_cell[0] and c > prev_cell[1] and _runs_on(prev, ch):
            c = prev_cell[1]  # text running over the rule: the cell it started in, clipped
        chars_by_root.setdefault(find(r * ncols + c), []).append(ch)
        prev, prev_cell = ch, (r, c)

    texts: dict[int, str] = {}
    for root, chars in chars_by_root.items():
        texts[root] = cell_text(chars).strip()

    cells: list[list[Cell]] = []
    for r in range(nrows):
        row = []
        for c in range(ncols):
            root = find(r * ncols + c)
            r0, r1, c0, c1 = spans[root]
            row.append(
                Cell(
                    text=texts.get(root, ""),
                    page=page_number,
                    x0=xs[c0],
                    top=ys[r0],
                    x1=xs[c1 + 1],
                    bottom=ys[r1 + 1],
                    # union() keeps the lowest index as root: the merge's first cell holds the text
                    covered=(r, c) != divmod(root, ncols),
                )
            )
        cells.append(row)
    return Grid(xs=xs, ys=ys, cells=cells, page=page_number, stray_chars=stray)
