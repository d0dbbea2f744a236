"""Recognise a table by its header: which kind it is and what each column means.

The spellings live in `data/header_spellings.csv` (kind, group, label, column): a column
whose header path ends in `label`, under a merged parent header matching `group`, is the
canonical `column` of a table of that `kind`. `{tahun}` stands for a year and is kept on
the column (multi-year tables print 2022 | 2023 | 2024 over Target/Realisasi/Capaian).
Adding a spelling is adding a line there, never an if-branch here.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extract.model import Cell, Column
from extract.roles import is_column_number_row, numbered_line

YEAR = r"(?P<tahun>(?:19|20)\d{2})"


def normalise(text: str) -> str:
    """Lower-case, '%' spelled out, spaces and punctuation dropped.

    Spaces go too because narrow header cells wrap inside words: Tabel 3.8 (p.22) prints
    "Efisiens/i" and "Rencan/a Input" over two lines.
    """
    text = text.replace("%", " persen ").lower()
    return re.sub(r"[^0-9a-z]+", "", text)


@dataclass(frozen=True)
class Spelling:
    kind: str
    group: re.Pattern | None
    label: re.Pattern
    column: str
    any_group: bool = False

    @property
    def specificity(self) -> int:
        return 2 if (self.group is not None or self.any_group) else 1


def _pattern(text: str) -> re.Pattern:
    parts = [normalise(p) for p in text.split("{tahun}")]
    return re.compile(YEAR.join(re.escape(p) for p in parts))


@lru_cache(maxsize=1)
def spellings() -> tuple[Spelling, ...]:
    """Load the header spelling table shipped beside this module."""
    out = []
    src = resources.files("extract").joinpath("data/header_spellings.csv")
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            group = row["group"].strip()
            out.append(
                Spelling(
                    kind=row["kind"].strip(),
                    group=_pattern(group) if group and group != "*" else None,
                    label=_pattern(row["label"]),
                    column=row["column"].strip(),
                    any_group=group == "*",
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def required_columns() -> dict[str, set[str]]:
    """Return, per table kind, the canonical columns it must have to be recognised."""
    src = resources.files("extract").joinpath("data/table_kinds.csv")
    with src.open(encoding="utf-8") as fh:
        return {r["kind"]: set(r["required"].split()) for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def known_labels() -> tuple[re.Pattern, ...]:
    pats = {s.label.pattern: s.label for s in spellings()}
    pats.update({s.group.pattern: s.group for s in spellings() if s.group is not None})
    return tuple(pats.values())


@lru_cache(maxsize=8192)
def is_header_text(text: str) -> bool:
    """Tell whether a cell reads like a header: a known label or a year."""
    norm = normalise(text)
    if not norm:
        return False
    return any(p.fullmatch(norm) for p in known_labels())


def _match(sp: Spelling, path: list[str]) -> tuple[bool, int | None]:
    m = sp.label.fullmatch(path[-1]) if path else None
    if not m:
        return False, None
    tahun = m.groupdict().get("tahun")
    if sp.group is not None:
        gm = next((g for g in (sp.group.fullmatch(p) for p in path[:-1]) if g), None)
        if gm is None:
            return False, None
        tahun = tahun or gm.groupdict().get("tahun")
    elif sp.any_group and len(path) < 2:
        return False, None
    return True, int(tahun) if tahun else None


# A header cell naming only a quarter ("TW I", "Triwulan 2") under a known label: the label's
# quarter (extract.roles.quarter_of), not a spelling of its own.
QUARTER_ONLY = re.compile(r"^(?:tw|triwulan|trw)\.?\s*(?:i{1,3}|iv|[1-4])$", re.IGNORECASE)


def header_rows(rows: list[list[Cell]], limit: int = 3) -> int:
    """Count the leading grid rows that form the header.

    A header row holds known labels, years or words only; the first row holding other
    figures (amounts, percentages, codes) starts the body. A row of column numbers right
    under the header ("1 2 3 ... 13", printed by many agencies under every table) closes
    the header and belongs to it, not to the body.
    """
    count = 0
    for row in rows[:limit]:
        texts = [c.text for c in row if not c.covered and c.text.strip()]
        if not texts:
            break
        known = sum(1 for t in texts if is_header_text(t) or QUARTER_ONLY.match(" ".join(t.split())))
        figures = sum(1 for t in texts if re.search(r"\d", t) and not is_header_text(t)
                      and not QUARTER_ONLY.match(" ".join(t.split())))
        if figures or known == 0 or numbered_line(texts):
            break
        count += 1
    if count and count < len(rows) and is_column_number_row(rows[count]):
        count += 1
    return count


def best_header_rows(rows: list[list[Cell]]) -> int:
    """Count the header rows, leaving out trailing rows that spoil recognition.

    A body row holding only a known label reads like a header row: on a page that repeats
    the header, the tail of a name cut by the page break ("... di Daerah / Kabupaten/Kota",
    generated style cik_like) is the konteks_wilayah label "Kabupaten/Kota". Of the possible
    counts, the one whose header explains most columns wins, the larger on a tie. Nothing
    recognised and one text alone: that row is such a tail on a page without header, no
    header of its own.
    """
    most = header_rows(rows)
    best, best_score = most, 0
    for n in range(most, 0, -1):
        kind, columns = recognise(column_paths(rows, n))
        score = sum(1 for c in columns if c.name) if kind else 0
        if score > best_score:
            best, best_score = n, score
    if best_score == 0 and most and len({c.text for c in rows[0] if c.text.strip() and not c.covered}) < 2:
        return 0
    return best


def column_paths(rows: list[list[Cell]], nheader: int) -> list[list[str]]:
    """Return, per column, the header texts from top to bottom, merged cells once."""
    ncols = max((len(r) for r in rows[:nheader]), default=0)
    numbers = {r for r in range(nheader) if is_column_number_row(rows[r])}
    paths: list[list[str]] = []
    for c in range(ncols):
        path: list[str] = []
        for r in range(nheader):
            if c >= len(rows[r]) or r in numbers:
                continue
            text = " ".join(rows[r][c].text.split())
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(path)
    return paths


def _meanings(kind: str, path: list[str]) -> tuple[tuple[int, str, int | None], ...]:
    """Return the (specificity, column, tahun) a header path may mean in `kind`: the most
    specific spellings only, in file order."""
    return _path_meanings(kind, tuple(path))


# A page's candidate headers repeat the same few labels hundreds of times (every band of
# lines tried by extract.text_tables.find_header): matching each against every spelling
# was a tenth of the reading time.
@lru_cache(maxsize=4096)
def _path_meanings(kind: str, path: tuple[str, ...]) -> tuple[tuple[int, str, int | None], ...]:
    found = []
    for sp in spellings():
        if sp.kind != kind:
            continue
        ok, tahun = _match(sp, path)
        if ok:
            found.append((sp.specificity, sp.column, tahun))
    if not found:
        return ()
    top = max(f[0] for f in found)
    return tuple(f for f in found if f[0] == top)


def _assign(options: list[tuple[tuple[int, str, int | None], ...]]) -> list[tuple[int, str | None, int | None]]:
    """Give each column one meaning; a label with several takes the first one free.

    The "simple" budget header of the generated styles prints Realisasi twice: "Realisasi
    (Rp)" is the budget's, so the bare "Realisasi" further right is the indicator's; "%" is
    the absorption, so "Capaian (%)" is the indicator's achievement.
    """
    chosen: list[tuple[int, str | None, int | None]] = [(0, None, None)] * len(options)
    taken: set[tuple[str, int | None]] = set()
    for i, opts in enumerate(options):
        if len({(o[1], o[2]) for o in opts}) == 1:
            chosen[i] = opts[0]
            taken.add((opts[0][1], opts[0][2]))
    for i, opts in enumerate(options):
        if len({(o[1], o[2]) for o in opts}) > 1:
            free = [o for o in opts if (o[1], o[2]) not in taken]
            chosen[i] = (free or opts)[0]
            taken.add((chosen[i][1], chosen[i][2]))
    return chosen


def _percent_beside_realisasi(chosen: list[tuple[int, str | None, int | None]]) -> list[tuple[int, str | None, int | None]]:
    """Keep one absorption column where a "%" follows each amount.

    Some agencies print "Pagu | % | Realisasi | %": the first "%" is the line's share of the
    whole budget, the second the absorption (issue 14's "% column after each amount", the
    generated style pct_each). Both read as serapan_pct; the one right after the budget's
    realisasi keeps that meaning, the other is left unnamed and stays in staging.
    """
    at = [i for i, c in enumerate(chosen) if c[1] == "serapan_pct"]
    keep = [i for i in at if i and chosen[i - 1][1] == "realisasi"]
    if len(at) < 2 or not keep:
        return chosen
    return [(0, None, None) if i in at and i not in keep else c for i, c in enumerate(chosen)]


def recognise(paths: list[list[str]]) -> tuple[str | None, list[Column]]:
    """Pick the table kind whose spellings best explain the header; map each column."""
    norm_paths = [[normalise(p) for p in path if not QUARTER_ONLY.match(" ".join(p.split()))] for path in paths]
    best: tuple[int, str | None, list[Column]] = (0, None, [])
    required = required_columns()
    kinds = sorted({s.kind for s in spellings()})
    for kind in kinds:
        chosen = _percent_beside_realisasi(_assign([_meanings(kind, path) for path in norm_paths]))
        columns = [Column(index=i, header_path=paths[i], name=c[1], tahun=c[2]) for i, c in enumerate(chosen)]
        score = 0
        seen: set[tuple[str, int | None]] = set()
        for specificity, name, tahun in chosen:
            if name is not None and (name, tahun) not in seen:
                score += specificity
                seen.add((name, tahun))
        names = {c.name for c in columns if c.name}
        if not required.get(kind, set()) <= names:
            continue
        if score > best[0]:
            best = (score, kind, columns)
    if best[1] is None:
        return None, [Column(index=i, header_path=p) for i, p in enumerate(paths)]
    return best[1], best[2]
