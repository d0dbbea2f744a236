"""Build cell grids of tables drawn without vertical rules, from the alignment of their text.

Many reports rule only between rows, or not at all: the generated house styles
`horizontal_en` and `rotated_split` (tests/generator) rule rows only, `no_rules_rp` and
`no_rules_rotated` draw no line. pdfplumber's lines strategy finds no table there, and its
text strategy merges adjacent right-aligned amount columns (docs: PLATFORM.md). Here the
table's own header says where the columns are:

- **Lines and phrases.** Characters make lines; a line splits into phrases where more than
  half an em lies empty between two glyphs. A space glyph joins words however wide it is, and
  two cells are parted by their padding, so a phrase never straddles two cells.
- **Header.** A band of lines above the first line with figures whose phrases, stacked into
  header cells (a label wrapped over lines, a group label such as ANGGARAN over
  RENCANA | REALISASI | CAPAIAN IK), are recognised as a known table kind.
- **Columns.** One per header cell of the lowest level. Each vertical strip of body text
  belongs to the label over it or the nearest one; two strips of one label are two columns
  under a merged label (KODE over a code and a sub-code column). Edges fall midway between
  neighbours. A continuation page carries the previous page's columns.
- **Rows.** A line with text in a value column (code, number, amount, percentage) starts a row;
  a line with text only in text columns (nama, indikator) continues the cells above, which
  wrap. A horizontal rule between two lines also starts a row.
- **End.** The table ends at a blank line's worth of white space, or at a line whose text runs
  across columns without figures of its own ("Sumber data: ...", prose, a running header).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

from extract.chartext import cell_text
from extract.grid import Grid, Region, Segment
from extract.headers import is_header_text, recognise
from extract.roles import COLUMN_NUMBER, names_role, recognise_columns
from extract.model import Cell
from extract.stitch import TEXT_COLUMNS

# Lengths in ems of the table's type (7-9 pt in the generated styles), measured on them.
LINE_TOLERANCE = 0.25  # characters of one line: tops this close
PHRASE_GAP = 0.5  # a word space is ~0.28 em; two cells' texts are >= 2 x padding apart
WRAP_PITCH = 1.3  # wrapped lines of one cell follow at the line pitch (~1.18 em)
BLANK = 0.9  # white space between rows is < 0.65 em; a folio or a note lies further away
CROSSING = 1.0  # text reaching this far into the next column runs across columns
MAX_HEADER_LINES = 8

Rule = tuple[float, float, float]  # a horizontal rule: y, x0, x1


@dataclass
class Phrase:
    """A run of characters on one line, closer to each other than PHRASE_GAP."""

    chars: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float

    @cached_property
    def text(self) -> str:
        return cell_text(self.chars).strip()

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
    at_foot: bool = False  # nothing but the page's footer under it: its body is on the next page


@dataclass
class Layout:
    """Columns of a text table, carried to the next page when the table runs on."""

    edges: list[float]  # inner column edges, left to right
    left: float
    right: float
    names: list[str | None]  # canonical column names, for telling value columns from text
    leaf_labels: list[str]
    size: float
    page_size: tuple[float, float]
    header_cells: list[list[Cell]]
    pending: Header | None = None  # a header printed at the foot of the page before, body to come

    def column(self, x: float) -> int:
        return bisect.bisect_right(self.edges, x)

    def keyed(self, line: Line) -> bool:
        """Tell whether a line prints something in a value column (code, number, amount)."""
        return any(self.names[self.column(p.centre)] not in TEXT_COLUMNS for p in line.phrases)


# A phrase that is a figure: code, number, amount or percentage ("2 07 01 2.06", "1.",
# "Rp 3.612.000.000", "94,1%"), not a year label of the header.
FIGURE = re.compile(r"(?:rp\.?\s*)?[-(]?\d[\d.,\s]*\)?\s*%?", re.IGNORECASE)


def _is_figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text)) and not is_header_text(text)


def _phrases(chars: list[dict], size: float) -> list[Phrase]:
    """Split a line's characters where more than PHRASE_GAP lies empty between two glyphs.

    A space glyph is not empty: it joins the words on both sides, however wide it is (Courier
    prints 0.6 em spaces; two cells are parted by padding, never by a space glyph).
    """
    gap = PHRASE_GAP * size
    groups: list[list[dict]] = []
    pending: list[dict] = []
    for ch in sorted(chars, key=_X0):
        if not ch["text"].strip():
            if groups:
                pending.append(ch)
            continue
        if groups and _joined(groups[-1][-1], pending, ch, gap):
            groups[-1] += [*pending, ch]
        else:
            groups.append([ch])
        pending = []
    return [_phrase(g) for g in groups]


def _X0(ch: dict) -> float:
    return ch["x0"]


def _joined(last: dict, spaces: list[dict], ch: dict, gap: float) -> bool:
    """Tell whether no more than `gap` lies empty between each two of last, spaces..., ch."""
    a = last
    for b in (*spaces, ch):
        if not b["x0"] - a["x1"] <= gap:
            return False
        a = b
    return True


def _phrase(chars: list[dict]) -> Phrase:
    return Phrase(
        chars,
        min(c["x0"] for c in chars), max(c["x1"] for c in chars),
        min(c["top"] for c in chars), max(c["bottom"] for c in chars),
    )


_TOP_X0 = itemgetter("top", "x0")


def page_lines(chars: list[dict]) -> list[Line]:
    """Group characters into lines of phrases, top to bottom; a line starts at a glyph."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=_TOP_X0):
        if rows and ch["top"] - rows[-1][0]["top"] <= LINE_TOLERANCE * ch["size"]:
            rows[-1].append(ch)
        elif ch["text"].strip():
            rows.append([ch])
    lines = []
    for row in rows:
        glyphs = [c for c in row if c["text"].strip()]
        size = sorted(c["size"] for c in glyphs)[len(glyphs) // 2]
        lines.append(Line(_phrases(row, size), min(c["top"] for c in glyphs), max(c["bottom"] for c in glyphs), size))
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


def _leaves_and_groups(blocks: list[Block], size: float) -> tuple[list[Block], list[Block | None]]:
    """Split header cells into the lowest level and, per leaf, the group cell over it.

    A group faces at least one cell right under it (the year over Realisasi); the other
    cells of that lower row, aligned with it (same middle when labels are centred, same
    top when they hang), belong to the nearest group. A label spanning both header rows
    (KODE, Sasaran) is aligned with neither: it has no group.
    """

    def under(g: Block, b: Block) -> bool:
        return b.top >= g.bottom - 1 and _overlap(g.x0, g.x1, b.x0, b.x1) > 0

    faced = [(g, b) for g in blocks for b in blocks if b is not g and under(g, b)]
    groups = list({id(g): g for g, _ in faced}.values())
    lower = [b for _, b in faced]
    leaves = sorted((b for b in blocks if all(b is not g for g in groups)), key=lambda b: b.x0)
    owners: list[Block | None] = []
    for leaf in leaves:
        in_row = any(_aligned(leaf, b, size) for b in lower)
        over = [g for g in groups if g.bottom <= leaf.top + 1] if in_row else []
        owners.append(min(over, key=lambda g: max(0.0, g.x0 - leaf.x1, leaf.x0 - g.x1)) if over else None)
    return leaves, owners


def _aligned(a: Block, b: Block, size: float) -> bool:
    middle = abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2)
    return middle <= 0.5 * size or abs(a.top - b.top) <= 0.5 * size


def _paths(leaves: list[Block], groups: list[Block | None]) -> list[list[str]]:
    return [([g.text] if g else []) + [leaf.text] for leaf, g in zip(leaves, groups)]


def _score(paths: list[list[str]]) -> tuple[str | None, int, bool]:
    """Return (kind, columns explained, by roles): a known spelling first, else the roles."""
    kind, columns = recognise(paths)
    if kind:
        return kind, sum(1 for c in columns if c.name), False
    kind, columns = recognise_columns(paths, [])
    return kind, (sum(1 for c in columns if c.name) if kind else 0), True


def _names(paths: list[list[str]], body: list[list[Cell]] | None = None) -> list[str | None]:
    """Return the columns' names; roles read from the header are settled by the body lines'
    values where given (a strip of list numbers under a name label is the nomor, Dispora
    Jabar 2017 PK p.4, and keys the rows as a NO column does)."""
    kind, columns = recognise(paths)
    if kind is None:
        columns = recognise_columns(paths, body or [])[1] or recognise_columns(paths, [])[1] or columns
    return [c.name for c in columns]


def _line_cells(body: list[Line], edges: list[float], page: int) -> list[list[Cell]]:
    """Return each body line cut at the column edges, one text per column (for the roles' votes)."""
    out = []
    for line in body:
        texts = [[] for _ in range(len(edges) + 1)]
        for p in line.phrases:
            texts[bisect.bisect_right(edges, p.centre)].append(p.text)
        out.append([Cell(text=" ".join(t), page=page, x0=None, top=None, x1=None, bottom=None) for t in texts])
    return out


def _header_start(line: Line) -> bool:
    return len(line.phrases) >= 2 and any(is_header_text(p.text) or names_role(p.text) for p in line.phrases)


def _gap(upper: Line, lower: Line) -> float:
    return lower.top - upper.bottom


def find_header(lines: list[Line], i: int, floor: int) -> Header | None:
    """Read a header whose labels include line `i`, or None.

    The band runs down to the first line with figures; it may start higher (a label wrapped
    over lines above: "Capaian / kinerja Tahun / 2024", rotated_split style), never above
    `floor` nor into text of another size (a caption). Of the possible first lines, the one
    explaining most columns wins, the highest on a tie (a group title wrapped over two lines,
    Tabel 3.4 of the generated reports, is read whole). The band may also end higher: on a
    page that repeats the header, the tail of a row cut by the page break follows it without
    figures (no_rules_rotated style); it spoils the labels it would be read into, and of
    equal readings the longest band wins ("Pagu Anggaran" reads as well without "(Rp)").
    """
    if not _header_start(lines[i]):
        return None
    size = lines[i].size
    body = i
    at_foot = False
    while body < len(lines) and not lines[body].has_figure:
        if body > i and _gap(lines[body - 1], lines[body]) > BLANK * size:
            if not _footer_only(lines[body:], size):
                return None
            at_foot = True
            break
        body += 1
    if body >= len(lines) and body > i + 1 and not at_foot:
        return None
    at_foot = at_foot or body >= len(lines)
    if body - i > MAX_HEADER_LINES or (not at_foot and _gap(lines[body - 1], lines[body]) > BLANK * size):
        return None
    first = i
    while (
        first - 1 >= floor and body - first < MAX_HEADER_LINES and not lines[first - 1].has_figure
        and abs(lines[first - 1].size - size) < 0.5 and _gap(lines[first - 1], lines[first]) <= BLANK * size
    ):
        first -= 1
    candidates: list[tuple[tuple[int, int, int, int], Header]] = []
    for top in range(first, i + 1):
        for end in range(i + 1, body + 1):
            leaves, groups = _leaves_and_groups(header_blocks(lines[top:end]), size)
            kind, score, by_roles = _score(_paths(leaves, groups))
            if kind:
                # a known spelling beats any reading by roles
                candidates.append(((not by_roles, score, end, -top), Header(top, end, leaves, groups, size)))
    if not candidates:
        return None
    header = max(candidates, key=lambda c: c[0])[1]
    if _column_numbers(lines, header.body, size):
        header.body += 1
    if at_foot and header.body != body:
        return None  # a header at the page's foot is its last lines, all of them
    header.at_foot = at_foot
    return header


def _footer_only(lines: list[Line], size: float) -> bool:
    """Tell whether lines are only a page's footer: a folio or a running line in another size.

    Distan Jabar 2016 prints the PK program table's header "Program | Anggaran | Keterangan"
    at the foot of p63, over the footer "63LKIP Dinas Pertanian ... 2016" in a smaller size,
    and its ten rows on p64.
    """
    return bool(lines) and len(lines) <= 2 and all(
        len(line.phrases) == 1 and (abs(line.size - size) >= 0.5 or re.fullmatch(r"[-\s]*\d{1,4}[-\s]*", line.phrases[0].text))
        for line in lines
    )


def _column_numbers(lines: list[Line], k: int, size: float) -> bool:
    """Tell whether line `k` is the row of column numbers ("1 2 3 ... n") many agencies print
    right under a header: it closes the header, it is no body row (its figures made it look
    like one; generated styles with `numbered_header`)."""
    if k + 1 >= len(lines) or k == 0 or _gap(lines[k - 1], lines[k]) > BLANK * size:
        return False
    texts = [" ".join(p.text.split()) for p in lines[k].phrases]
    return len(texts) >= 3 and all(COLUMN_NUMBER.match(t) for t in texts)


def _crossing(p: Phrase, edges: list[float], size: float) -> bool:
    return any(p.x0 < e - CROSSING * size and p.x1 > e + CROSSING * size for e in edges)


def _runs_across(line: Line, edges: list[float], size: float) -> bool:
    """Tell whether a line's text runs across columns without figures of its own.

    Footer rows ("Total Program ... 5", "JUMLAH Rp ...") span columns but print figures.
    """
    return not line.has_figure and any(_crossing(p, edges, size) for p in line.phrases)


def _provisional_edges(leaves: list[Block], body: list[Phrase], size: float) -> list[float]:
    """Place one edge between each two labels: in the widest of the least crossed strips."""
    edges = []
    for a, b in zip(leaves, leaves[1:]):
        lo, hi = a.x1, b.x0
        if hi - lo < PHRASE_GAP * size:
            edges.append((lo + hi) / 2)
            continue
        cuts = sorted({lo, hi, *(x for p in body for x in (p.x0, p.x1) if lo < x < hi)})
        strips = [(sum(1 for p in body if p.x0 < (s + e) / 2 < p.x1), s, e) for s, e in zip(cuts, cuts[1:])]
        fewest = min(n for n, _, _ in strips)
        s, e = max(((s, e) for n, s, e in strips if n == fewest), key=lambda se: se[1] - se[0])
        edges.append((s + e) / 2)
    return edges


def _clusters(phrases: list[Phrase], size: float) -> list[tuple[float, float]]:
    """Return the x-spans the phrases fill, parted where at least PHRASE_GAP is empty."""
    spans: list[tuple[float, float]] = []
    for p in sorted(phrases, key=lambda p: p.x0):
        if spans and p.x0 - spans[-1][1] < PHRASE_GAP * size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], p.x1))
        else:
            spans.append((p.x0, p.x1))
    return spans


def column_edges(leaves: list[Block], body: list[Phrase], size: float) -> list[float]:
    """Place the inner column edges from the labels and the body's vertical strips of text.

    Body text spanning columns (footer labels and totals) is set aside first, with one
    provisional edge between each two labels. Each remaining strip of text belongs to the
    label over it or, failing that, the nearest one: a centred label may stand beside its
    right-aligned figures (a year over TPAK values, Tabel 3.4). A label owns its strips and
    its own place; two strips of one label are two columns under a merged label (KODE over
    "2 07 01 2.06" and "01", rotated_split style). Edges fall midway between neighbours.
    """
    provisional = _provisional_edges(leaves, body, size)
    kept = [p for p in body if not _crossing(p, provisional, size)]
    items: list[tuple[float, float]] = []
    strips = _clusters(kept, size)
    owners = [_leaf_of(s, e, leaves) for s, e in strips]
    for k, leaf in enumerate(leaves):
        mine = [st for st, o in zip(strips, owners) if o == k]
        if not mine:
            items.append((leaf.x0, leaf.x1))
            continue
        main = max(mine, key=lambda st: _overlap(st[0], st[1], leaf.x0, leaf.x1))
        for st in mine:
            items.append((min(st[0], leaf.x0), max(st[1], leaf.x1)) if st is main else st)
    items.sort()
    return [(a[1] + b[0]) / 2 for a, b in zip(items, items[1:])]


def _distance(span: tuple[float, float], leaf: Block) -> float:
    return max(0.0, leaf.x0 - span[1], span[0] - leaf.x1)


def _leaf_of(x0: float, x1: float, leaves: list[Block]) -> int:
    """Return the label over a column: the one overlapping it most, else the nearest."""
    best = max(range(len(leaves)), key=lambda k: _overlap(x0, x1, leaves[k].x0, leaves[k].x1))
    if _overlap(x0, x1, leaves[best].x0, leaves[best].x1) > 0:
        return best
    return min(range(len(leaves)), key=lambda k: _distance((x0, x1), leaves[k]))


def _header_cells(
    edges: list[float], left: float, right: float, header: Header, page: int
) -> tuple[list[list[Cell]], list[list[str]]]:
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


def _rules_between(rules: list[Rule], a: Line, b: Line, left: float, right: float) -> bool:
    """Tell whether a horizontal rule across most of the table lies between two lines."""
    width = right - left
    return any(a.bottom - 1 <= y <= b.top + 1 and _overlap(x0, x1, left, right) >= 0.5 * width for y, x0, x1 in rules)


def _rows(body: list[Line], layout: Layout, rules: list[Rule]) -> list[list[Line]]:
    """Group body lines into rows: a value-column phrase or a rule starts a new one."""
    rows: list[list[Line]] = []
    for n, line in enumerate(body):
        ruled = bool(rows) and _rules_between(rules, rows[-1][-1], line, layout.left, layout.right)
        centred = (bool(rows) and not ruled and n + 1 < len(body) and not layout.keyed(body[n + 1])
                   and _centred_values(rows[-1], line, layout))
        if not rows or (layout.keyed(line) and not centred) or ruled:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


IDENTIFIERS = ("nomor", "kode")


def _value_columns(line: Line, layout: Layout) -> set[int]:
    return {layout.column(p.centre) for p in line.phrases if layout.names[layout.column(p.centre)] not in TEXT_COLUMNS}


def _centred_values(row: list[Line], line: Line, layout: Layout) -> bool:
    """Tell a row's values printed beside the middle of its wrapped name, below its number.

    Dispora Jabar 2017 PK p.4 prints "1 Program Peningkatan" / "Pengembangan Sistem Pelaporan
    Rp 177.792.500 APBD" / "Capaian Kinerja dan Keuangan": the amount is centred on the row,
    the number at its top. The value line continues the row when the row so far holds a number
    or code and no value, the line holds no number or code of its own, and the name goes on
    below it (the next line is text only). An unnumbered line that opens a row of its own
    (a kegiatan under a numbered program heading without amounts) is told apart only when its
    name is printed wholly on or above its value line; one wrapped below it is read as here.
    """
    above = {c for upper in row for c in _value_columns(upper, layout)}
    mine = _value_columns(line, layout)
    kinds = {layout.names[c] for c in above}
    return (bool(above) and kinds <= set(IDENTIFIERS) and bool(mine)
            and not any(layout.names[c] in IDENTIFIERS for c in mine))


def _row_cells(row: list[Line], layout: Layout, page: int) -> list[Cell]:
    """Put each phrase of a row, whole, into the column under its middle."""
    xs = [layout.left, *layout.edges, layout.right]
    chars: list[list[dict]] = [[] for _ in range(len(xs) - 1)]
    for line in row:
        for p in line.phrases:
            for part in _currency_apart(p):
                chars[_home(part, line, layout)].extend(part.chars)
    top, bottom = row[0].top, row[-1].bottom
    return [
        Cell(
            text=cell_text(cs).strip() if cs else "",
            page=page, x0=xs[c], top=top, x1=xs[c + 1], bottom=bottom,
        )
        for c, cs in enumerate(chars)
    ]


CURRENCY = re.compile(r"rp\.?", re.IGNORECASE)


def _currency_apart(p: Phrase) -> list[Phrase]:
    """Split a currency mark that a space glyph joins to the end of a name ("Pengembangan
    Sistem Pelaporan Rp", Dispora Jabar 2017 PK p.4) into a phrase of its own, for `_home`."""
    chars = p.chars
    if len(chars) < 4 or not CURRENCY.fullmatch("".join(c["text"] for c in chars[-3:]).strip()):
        return [p]
    k = len(chars) - (3 if chars[-1]["text"] == "." else 2)
    if chars[k - 1]["text"] != " " or k < 2:
        return [p]
    mark = chars[k:]
    rest = chars[: k - 1]
    return [Phrase(rest, rest[0]["x0"], rest[-1]["x1"], p.top, p.bottom),
            Phrase(mark, mark[0]["x0"], mark[-1]["x1"], p.top, p.bottom)]


def _home(p: Phrase, line: Line, layout: Layout) -> int:
    """Return the column a phrase belongs to: the one under its middle, except a currency
    mark printed in a strip of its own under no label, which marks the amount to its right
    ("Rp" between the name and "Anggaran", Dispora Jabar 2017 PK p.4); left in the name
    column it would end up in the program's name."""
    c = layout.column(p.centre)
    if CURRENCY.fullmatch(p.text.strip()) and layout.names[c] in TEXT_COLUMNS:
        for q in line.phrases:
            k = layout.column(q.centre)
            if q.x0 > p.x1 and layout.names[k] not in TEXT_COLUMNS and layout.names[k] not in IDENTIFIERS:
                return k
    return c


def _grid(
    header_cells: list[list[Cell]], body: list[Line], layout: Layout, rules: list[Rule], page: int, top: float
) -> Grid:
    """Return the header rows (none on a continuation page) and body rows as a cell grid."""
    rows = [_row_cells(r, layout, page) for r in _rows(body, layout, rules)]
    xs = [layout.left, *layout.edges, layout.right]
    ys = [top] + [r[0].bottom for r in rows] if rows else [top, top]
    return Grid(xs=xs, ys=ys, cells=header_cells + rows, page=page, header_rows=len(header_cells))


def _layout_from_header(
    header: Header, lines: list[Line], stop: int, page_size: tuple[float, float], page: int, carried: Layout | None
) -> tuple[Layout, list[Line]]:
    """Place the columns under a header and return them with the table's body lines.

    A header repeated on a continuation page keeps the carried columns, so that the pages of
    one table cut alike even where one page's body leaves a strip empty and another's not.
    """
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
    names = _names(paths, _line_cells(body, edges, page))
    return Layout(edges, left, right, names, labels, size, page_size, cells), body


def _same_labels(carried: Layout, header: Header) -> bool:
    """Tell whether a repeated header is the carried table's (same labels, same places)."""
    labels = [leaf.text for leaf in header.leaves]
    if labels != carried.leaf_labels:
        return False
    xs = [carried.left, *carried.edges, carried.right]
    spans = list(zip(xs, xs[1:]))
    return all(any(_overlap(leaf.x0, leaf.x1, a, b) > 0 for a, b in spans) for leaf in header.leaves)


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
        if body and any(layout.keyed(line) for line in body) and not all(_folio(line) for line in body):
            return body
        k += max(1, len(block))
    return []


def _under_pending(lines: list[Line], stop: int, pending: Layout, page: int) -> tuple[Layout, list[Line]] | None:
    """Read the body of a header printed at the foot of the page before.

    The page's first block of lines holding a figure is the body; the columns are placed
    from the header's labels and that body, as for a header with its body below it.
    """
    header = pending.pending
    k = 0
    while k < stop:
        block = _body_lines(lines, k, stop, header.size)
        if any(line.has_figure for line in block):
            phrases = [p for line in block for p in line.phrases]
            edges = column_edges(header.leaves, phrases, header.size)
            body = _trim(block, edges, header.size)
            if not body:
                return None
            edges = column_edges(header.leaves, [p for line in body for p in line.phrases], header.size)
            everything = [p for line in body for p in line.phrases] + [p for b in header.leaves for p in b.phrases]
            left = min(p.x0 for p in everything) - 1
            right = max(p.x1 for p in everything) + 1
            cells, paths = _header_cells(edges, left, right, header, page)
            layout = Layout(edges, left, right, _names(paths), [b.text for b in header.leaves], header.size,
                            pending.page_size, cells)
            return layout, body
        k += max(1, len(block))
    return None


def _outside(chars: list[dict], regions: list[Region]) -> list[dict]:
    """Return the characters not inside a ruled table (those are read along its rules)."""
    if not regions:
        return chars
    boxes = [(r.x0, r.x1, r.top, r.bottom) for r in regions]
    out = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for x0, x1, top, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            out.append(ch)
    return out


def _folio(line: Line) -> bool:
    """Tell whether a line is a folio: a lone page number ("12", "- 12 -").

    A page after a table's last one may hold only its source note and a folio; the folio,
    a figure under a value column, is no continuation row (a generated unruled style whose
    source note flowed to the next page).
    """
    return len(line.phrases) == 1 and bool(re.fullmatch(r"[-\s]*\d{1,4}[-\s]*", line.phrases[0].text))


def _ends_page(lines: list[Line], last: Line) -> bool:
    """Tell whether nothing but a folio (a lone page number) follows a table's last line."""
    after = [line for line in lines if line.top > last.bottom]
    return all(_folio(line) for line in after)


def _headers(lines: list[Line]) -> list[Header]:
    """Return the page's recognised headers, top to bottom."""
    headers: list[Header] = []
    i = 0
    while i < len(lines):
        header = find_header(lines, i, headers[-1].body if headers else 0)
        if header is None:
            i += 1
            continue
        headers.append(header)
        i = header.body
    return headers


def text_tables(
    page, page_number: int, regions: list[Region], h_rules: list[Segment], carried: Layout | None
) -> tuple[list[Grid], Layout | None]:
    """Find the page's tables without vertical rules; return their grids and the layout to
    carry to the next page (the last table's, when it runs to the foot of this page).

    `regions` are the page's ruled tables and `h_rules` its horizontal rules
    (extract.grid.page_segments), which the caller has already read.
    """
    lines = page_lines(_outside(page.chars, regions))
    if not lines:
        return [], None
    page_size = (float(page.width), float(page.height))
    rules = [(s.pos, s.start, s.end) for s in h_rules]
    headers = _headers(lines)
    grids: list[Grid] = []
    last: tuple[Layout, Line] | None = None
    first_header = headers[0].first if headers else len(lines)
    if carried is not None and carried.page_size == page_size and carried.pending is not None:
        found = _under_pending(lines, first_header, carried, page_number)
        if found:
            layout, body = found
            grids.append(_grid(layout.header_cells, body, layout, rules, page_number, body[0].top))
            last = (layout, body[-1])
    elif carried is not None and carried.page_size == page_size:
        body = _continuation(lines, first_header, carried)
        if body:
            grids.append(_grid([], body, carried, rules, page_number, body[0].top))
            last = (carried, body[-1])
    for n, header in enumerate(headers):
        stop = headers[n + 1].first if n + 1 < len(headers) else len(lines)
        if header.at_foot and n + 1 == len(headers):
            # the header ends the page; its body is on the next one (_under_pending)
            edges = column_edges(header.leaves, [], header.size)
            left = min(b.x0 for b in header.leaves) - 1
            right = max(b.x1 for b in header.leaves) + 1
            cells, paths = _header_cells(edges, left, right, header, page_number)
            pending = Layout(edges, left, right, _names(paths), [b.text for b in header.leaves], header.size,
                             page_size, cells, pending=header)
            return grids, pending
        layout, body = _layout_from_header(header, lines, stop, page_size, page_number, last[0] if last else carried)
        if not body:
            continue
        grids.append(_grid(layout.header_cells, body, layout, rules, page_number, lines[header.first].top))
        last = (layout, body[-1])
    if last is None or not _ends_page(lines, last[1]):
        return grids, None
    return grids, last[0]
