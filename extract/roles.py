"""Recognise a table by what its columns mean, whoever laid it out (issue 14, item 1).

`extract.headers` knows the header spellings of the layouts seen so far, exactly. Other
agencies print the same columns under other words: "Target Anggaran (Rp)" for pagu
(BP3AKB 2016 Tabel 3.2b p.65), "Keuangan / Pagu | Realisasi | Capaian %" (Bappeda Jabar 2016
Tabel 3.7 p.43), "Alokasi Anggaran" (Dinkes Jabar 2016 p.82), "Nama Progam" with a typo. Here
each header cell is mapped to a role from a vocabulary kept as data
(`data/column_roles.csv`), matched fuzzily on normalised text; a column's parents and units
settle what a bare "Realisasi" or "%" means, and its values settle what the header leaves
open (money or a count, a percentage after an amount or after a count). A table's kind
follows from its roles: names with money make a budget table. Columns nobody recognises
keep no name and stay in staging; they never reject a table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from extract.model import Cell, Column

MAX_HEADER_ROWS = 4  # rows of header text, unless a column-number row closes the header
MAX_HEADER_GRID_ROWS = 8  # grid rows a header may span, merged-cell repeats included
MAX_TITLE_ROWS = 15
FUZZY_WHOLE = 88  # a whole header cell this close to a phrase means the phrase (typos, wraps)
FUZZY_WORD = 85  # one word this close to a one-word phrase of 6+ letters ("Progam", "Realisai")

YEAR = re.compile(r"\b(?:tahun\s*|thn\.?\s*|ta\.?\s*)?((?:19|20)\d{2})\b", re.IGNORECASE)
UNIT = re.compile(r"\(\s*rp\.?\s*(?:000)?\s*\)|\brp\.?|\(\s*%\s*\)|%|\brupiah\b", re.IGNORECASE)
# A column-number row: "1 2 3 3a 3b", "(1) (2)", "8 = (7/6)", "10 = (5+7+9)".
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}[a-z]?\)?(?:\s*=\s*\(?[\d\s/+x*-]+\)?)?$", re.IGNORECASE)
MONEY = re.compile(r"^(?:rp\.?\s*)?-?\(?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?(?:,-|\.-)?\)?$|^\d{4,}(?:[.,]\d{1,2})?$", re.IGNORECASE)
PERCENT = re.compile(r"^-?\d{1,3}(?:[.,]\d{1,5})?\s*%?$")
CODE = re.compile(r"^\d{1,2}(?:[.\s-]\d{1,2}){1,6}(?:[.\s]\d{1,4})?$")

NAMING = {"nama", "sasaran", "nomor", "kode"}


@dataclass(frozen=True)
class Vocabulary:
    phrases: tuple[tuple[str, str, str], ...]  # (role, spaced phrase, compact phrase)


def words(text: str) -> str:
    """Lower-case a header text to words: '%' spelled out, punctuation and breaks to spaces.

    Letter-spaced headings ("U r a i a n", BP3IPTEK/RSUD tables) are joined back.
    """
    text = text.replace("%", " persen ").replace("&", " dan ").lower()
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    tokens = text.split()
    if len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.8 * len(tokens):
        return "".join(tokens)
    return " ".join(tokens)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load the role vocabulary shipped beside this module."""
    src = resources.files("extract").joinpath("data/column_roles.csv")
    out = []
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            phrase = words(row["phrase"])
            out.append((row["role"].strip(), phrase, phrase.replace(" ", "")))
    return Vocabulary(tuple(out))


@lru_cache(maxsize=8192)
def roles_in(text: str) -> tuple[str, ...]:
    """Return the roles a header text names, the strongest first (context markers included).

    A whole cell close to a phrase is that phrase; otherwise the longest phrase found in it
    word by word wins ("Realisasi Anggaran" over "Anggaran"); a word with a typo matches a
    long one-word phrase.
    """
    spaced = words(YEAR.sub(" ", text))
    if not spaced:
        return ()
    compact = spaced.replace(" ", "")
    found: list[tuple[int, str]] = []
    padded = f" {spaced} "
    tokens = spaced.split()
    for role, phrase, compact_phrase in vocabulary().phrases:
        if compact == compact_phrase:
            found.append((1000 + len(compact_phrase), role))
        elif len(compact_phrase) >= 5 and fuzz.ratio(compact, compact_phrase) >= FUZZY_WHOLE:
            found.append((900 + len(compact_phrase), role))
        elif f" {phrase} " in padded:
            found.append((len(compact_phrase), role))
        elif " " not in phrase and len(phrase) >= 6 and any(
            len(t) >= 5 and fuzz.ratio(t, phrase) >= FUZZY_WORD for t in tokens
        ):
            found.append((len(compact_phrase) - 1, role))
    found.sort(key=lambda f: -f[0])
    roles = tuple(dict.fromkeys(r for _, r in found))
    # "Anggaran per Kegiatan", "Indikator Kinerja Program", "Target Program dan Kegiatan (Rp)":
    # program / kegiatan qualify the measure, the measure is the column's role
    measures = tuple(r for r in roles if r not in NAMING and not r.startswith("@"))
    if measures:
        roles = measures + tuple(r for r in roles if r not in measures)
    return roles


def _main_role(text: str) -> str | None:
    return next((r for r in roles_in(text) if not r.startswith("@")), None)


def _markers(path: list[str]) -> set[str]:
    out: set[str] = set()
    for text in path:
        out.update(r for r in roles_in(text) if r.startswith("@"))
        roles = [r for r in roles_in(text) if not r.startswith("@")]
        if roles and roles[0] in ("pagu", "realisasi", "serapan_pct", "pagu_sebelum", "sisa"):
            out.add("@uang")
        if roles and roles[0] in ("indikator", "target?", "capaian_pct"):
            out.add("@kinerja")
        if roles and roles[0] in ("fisik_pct", "rencana_fisik"):
            out.add("@fisik")
    return out


def path_role(path: list[str]) -> tuple[str | None, int | None]:
    """Return the role of a column from its header path (top to bottom) and the year it names.

    The lowest cell naming a role decides; a cell holding only a unit or a year ("(Rp)",
    "(%)", "Tahun 2016") leaves the role to its parent and lends its unit as context.
    """
    other = _other_year(path)
    if other:
        return other, None
    tahun = None
    for text in path:
        m = YEAR.search(text)
        if m:
            tahun = int(m.group(1))
    role = None
    if path and _own_label(path[-1]) and not (len(path) > 1 and _main_role(" ".join(path[-2:]))):
        # (a label split over two grid rows, "Sebelum" / "Perubahan", is a label of a role)
        return None, tahun  # "Belanja Operasi" under "Jumlah": a part of it, not the sum
    for i in range(len(path) - 1, -1, -1):
        # a label split over two grid rows reads as one: "Sebelum" / "Perubahan"
        joined = _main_role(UNIT.sub(" ", " ".join(path[i - 1:i + 1]))) if i else None
        role = _main_role(UNIT.sub(" ", path[i])) or _main_role(path[i])  # "% Keuan gan" needs its %
        if joined and joined != _main_role(UNIT.sub(" ", path[i - 1])):
            role = joined
        if role:
            above = _markers(path[:i]) | {m for m in _markers([path[i]]) if m != "@persen"}
            # a label split over grid rows lends its unit too: "%" / "Realisasi" (BP3IPTEK p39)
            units = " ".join(path[i - 1 if joined and role == joined else i:])
            if re.search(r"%|persen", units, re.IGNORECASE):
                above.add("@persen")
            if re.search(r"\brp\b|rupiah", units, re.IGNORECASE):
                above.add("@uang")
            if role == "target_renstra" and any(_main_role(t) in ("capaian?", "capaian_pct") for t in path[:i]):
                # "Capaian Thn 2016 / terhadap / Target Akhir / Renstra" wrapped over grid rows
                # (BP3IPTEK Jabar 2016 Tabel 3.1 p39): an achievement measured against the
                # Renstra end target, not that target
                return "capaian_renstra", tahun
            return _settle(role, above), tahun
    units = " ".join(path)
    if re.search(r"%|persen", units, re.IGNORECASE) and path:
        return "capaian?", tahun
    if re.search(r"\brp\b|rupiah", units, re.IGNORECASE):
        return "uang?", tahun
    return None, tahun


T_MINUS_1 = re.compile(r"^\s*t\s*-\s*1\s*$", re.IGNORECASE)
T_PLUS_1 = re.compile(r"^\s*t\s*\+\s*1\s*$", re.IGNORECASE)


def _other_year(path: list[str]) -> str | None:
    """Tell a column of the year before or after (SIPD RKA "T-1 | T | T+1"), None otherwise."""
    if any(T_MINUS_1.match(t) for t in path):
        return "pagu_tahun_lalu"
    if any(T_PLUS_1.match(t) for t in path):
        return "pagu_tahun_depan"
    return None


PERIOD = re.compile(r"\b(?:tw|triwulan|semester|smt)\.?\s*(?:[ivx]+|[1-4])\b", re.IGNORECASE)


def _own_label(text: str) -> bool:
    """Tell a lowest header cell that names something no role knows ("Belanja Operasi"),
    as opposed to one holding only a unit, year, period, column number or context word
    ("(Rp)", "Tahun 2016", "TW I", "Keuangan"), which leaves the role to its parent."""
    if _main_role(text) or _main_role(UNIT.sub(" ", " ".join(text.split()))):
        return False
    rest = words(UNIT.sub(" ", PERIOD.sub(" ", YEAR.sub(" ", text))))
    rest = " ".join(w for w in rest.split() if not w.isdigit() and not all(r.startswith("@") for r in roles_in(w) or ("x",)))
    return bool(rest) and len(rest) > 1


def _settle(role: str, markers: set[str]) -> str:
    """Decide an open role from the markers of its path (parents, units)."""
    if role == "realisasi?":
        if "@fisik" in markers:
            return "fisik_pct"
        if "@persen" in markers and "@uang" in markers:
            return "serapan_pct"
        if "@uang" in markers:
            return "realisasi"
        if "@kinerja" in markers and "@persen" in markers:
            return "capaian_pct"  # "% Realisasi" of an indicator is its achievement (BP3IPTEK p39)
        if "@kinerja" in markers:
            return "realisasi_indikator"
    if role == "target?":
        if "@uang" in markers:
            return "pagu"
        if "@kinerja" in markers:
            return "target"
    if role == "capaian?":
        if "@fisik" in markers:
            return "fisik_pct"
        if "@uang" in markers:
            return "serapan_pct"
        if "@kinerja" in markers:
            return "capaian_pct"
    if role == "pagu" and "@persen" in markers and "@uang" not in markers:
        return "serapan_pct"
    if role == "realisasi" and "@persen" in markers:
        return "serapan_pct"
    return role


def value_kind(text: str) -> str | None:
    """Say what a body cell holds: money, percent, code, number, text or None (blank)."""
    t = " ".join(text.split())
    if not t or t in ("-", "–", "—"):
        return None
    t = re.sub(r"\s*\*+$", "", t)
    if MONEY.match(t):
        return "money"
    if CODE.match(t) and not PERCENT.match(t):
        return "code"
    if PERCENT.match(t):
        return "percent"
    if re.match(r"^-?[\d.,]+\s*\S*$", t):
        return "number"
    return "text"


def _votes(rows: list[list[Cell]], col: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        if col < len(row) and not row[col].covered:
            kind = value_kind(row[col].text)
            if kind:
                out[kind] = out.get(kind, 0) + 1
    return out


def _mostly(votes: dict[str, int], kind: str) -> bool:
    total = sum(votes.values())
    return total > 0 and votes.get(kind, 0) * 2 > total


def is_column_number_row(row: list[Cell]) -> bool:
    """Tell a row of column numbers ("1 2 3 3a", "(1) (2)") printed under a header."""
    texts = [" ".join(c.text.split()) for c in row if not c.covered and c.text.strip()]
    return len(texts) >= 3 and all(COLUMN_NUMBER.match(t) for t in texts)


RATE = re.compile(r"^\d[\d.,]*\s*%$")  # a rate printed as a figure: "55%", "56,03%"
TOTAL_LINE = re.compile(r"^\s*(?:sub\s*)?(?:total|jumlah|grand\s*total)\b", re.IGNORECASE)


# A figure no header label prints: a decimal ("80,5", "106.81") or a percentage ("(101%)",
# "100 %"), bracketed or not. Column numbers ("1", "(3)", "3a") and years stay header text.
# A count followed by its unit ("1 dokumen", "14 UPP", "4 OPD Provinsi"); no header label
# prints one (a year, "2016 (Rp)", is told apart by YEAR).
COUNTED = re.compile(r"\d{1,3}(?:[.,]\d{3})*\s+[A-Za-z][A-Za-z/.]*(?:\s+[A-Za-z][A-Za-z/.]*)?")
MEASURED = re.compile(r"\(?\s*(?:\d+[.,]\d{1,2}\s*%?|\d+\s*%)\s*\)?")


LINE_MARK = re.compile(r"^(?:[A-Z]|[IVX]{1,4}|\d{1,2})\.?$")
LEVEL_LINE = re.compile(r"^(?:program|kegiatan|sub\s*kegiatan)\s+(?!dan\b|/|kegiatan\b|sub\b)\S+\s+\S+", re.IGNORECASE)


def numbered_line(texts: list[str]) -> bool:
    """Tell a row listing a numbered program or kegiatan ("H | Program Pengembangan Kompetensi
    Aparatur"): a list mark beside a name opened by its level. It has no amounts when the
    program's figures stand on its kegiatan's rows, so it read as a second header line under
    a repeated header (BP3AKB Jabar 2016 Tabel 3.2b p.66), and the program was lost."""
    marks = [t for t in texts if LINE_MARK.match(" ".join(t.split()))]
    return bool(marks) and any(LEVEL_LINE.match(" ".join(t.split())) for t in texts)


def _is_header_row(row: list[Cell]) -> bool:
    texts = [c.text for c in row if not c.covered and c.text.strip()]
    if not texts or (len(texts) == 1 and TOTAL_LINE.match(texts[0])):
        return False  # "TOTAL ANGGARAN" opening the body (BP3AKB 2016 Tabel 2.3c p.30)
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    if any(value_kind(ln) in ("money", "code") for ln in lines if not YEAR.fullmatch(ln.strip())):
        return False  # amounts stacked in a cell are body (BKPD 2016 Tabel 5 p.42)
    if any(MEASURED.fullmatch(ln.strip()) for ln in lines):
        return False  # a measured value, "80,5" or "(101%)", is body (BKPD 2016 Tabel 2 p.30)
    if any(COUNTED.fullmatch(" ".join(t.split())) and not YEAR.match(t.strip()) for t in texts):
        # a count with its unit, "1 dokumen" or "14 UPP", is a target or realisation, body
        # (Biro Organisasi Jabar 2016 Tabel 3 p.11: each text line of a cell shaded by a box
        # of its own makes a grid row, so the first body row, "1 | Meningkatnya kapasitas |
        # Jumlah rekomendasi yang | 1 dokumen", holds words enough to pass for a header line)
        return False
    if any(RATE.match(" ".join(t.split())) for t in texts):
        # a rate printed as a figure ("55%", "56,03%") is body: under the header "Visi | Misi |
        # ... | Target 2016 | Realisasi | Capaian" the first body row prints words in six
        # columns and its figures in three (Dinkes Jabar 2016 lampiran p.110)
        return False
    if numbered_line(texts):
        return False
    if len(texts) >= 2 and all(QUARTER_CELL.match(" ".join(t.split())) for t in texts):
        return True  # "I | II | III | IV" or "TW I | TW II" under a triwulan group
    if len(texts) == 1:
        # a context word alone ("Belanja Langsung" heading the body, Distan Jabar 2016 p.146)
        # is no header row
        return names_role(texts[0])
    return any(names_role(t) or (roles_in(t) and len(t.split()) <= 6) for t in texts)


def _words_only(row: list[Cell]) -> bool:
    """Tell whether a row prints only words, a year counting as a word ("Capaian Thn" /
    "2016" / "terhadap" wrapped over grid rows, BP3IPTEK Jabar 2016 Tabel 3.1 p39)."""
    texts = [c.text for c in row if not c.covered and c.text.strip()]
    return bool(texts) and all(value_kind(t) == "text" or YEAR.fullmatch(t.strip()) for t in texts)


def _numbers_follow(cells: list[list[Cell]], at: int) -> bool:
    """Tell whether a column-number row closes the rows after `at`: the rows up to it are the
    header's lower lines ("Sebelum" / "Perubahan" split over two grid rows, RSUD Al Ihsan 2016
    Tabel 8 p.24). Within three rows anything may stand between; further down only rows of
    words and blank rows may (a header filled with colour whose labels wrap over seven grid
    rows, "Capaian / Thn Lalu", "Target Akhir / Renstra", BP3IPTEK Jabar 2016 Tabel 3.1 p39)."""
    if any(is_column_number_row(r) for r in cells[at + 1:at + 4]):
        return True
    for row in cells[at + 1:at + 1 + MAX_HEADER_GRID_ROWS]:
        if is_column_number_row(row):
            return True
        if _has_text(row) and not _words_only(row) and not _is_header_row(row):
            return False
    return False


def header_runs_on(cells: list[list[Cell]], nheader: int) -> bool:
    """Tell whether the rows under the first `nheader` rows are more header: words only, closed
    by a column-number row ("1 2 3 ...") before any body row (BP3IPTEK Jabar 2016 Tabel 3.1
    p39, whose spelled top row "No. | Sasaran | Indikator | ... | Target" is only its start)."""
    if not 0 < nheader < len(cells) or is_column_number_row(cells[nheader]):
        return False
    return _words_only(cells[nheader]) and _numbers_follow(cells, nheader - 1)


CODE_PART = re.compile(r"^\d{1,4}(?:\.\d{1,4})?$")


def _code_parts(body: list[list[Cell]], col: int) -> bool:
    """Tell whether a column holds only parts of a code ("2", "07", "2.01", "0001"), at least
    one. A column headed by a level's name ("Program", "Sub Kegiatan") names the lines of that
    level when it holds text, and holds that level's code part when it holds these."""
    texts = [" ".join(r[col].text.split()) for r in body if col < len(r) and not r[col].covered]
    texts = [t for t in texts if t]
    return bool(texts) and all(CODE_PART.match(t) for t in texts)


def _counts_up(body: list[list[Cell]], col: int) -> bool:
    """Tell whether a column's values are the list numbers 1, 2, 3 ... in order: a line's
    number, not a part of its code. Dispora Jabar 2017 PK p.4 prints its row numbers in a strip
    under the "Program" label; code parts repeat ("2", "2") or are zero-padded ("01", "0001")."""
    texts = [" ".join(r[col].text.split()).rstrip(".") for r in body if col < len(r) and not r[col].covered]
    texts = [t for t in texts if t]
    return len(texts) > 1 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _has_text(row: list[Cell]) -> bool:
    """Tell whether a row prints text of its own (a merged cell's repeat does not count)."""
    return any(not c.covered and c.text.strip() for c in row)


def header_rows(cells: list[list[Cell]]) -> tuple[int, int]:
    """Return (rows before the header, header rows including a column-number row).

    Leading blank rows are skipped; up to MAX_HEADER_ROWS rows naming roles and holding no
    amounts or codes, then an optional row of column numbers.
    """
    start = 0
    while start < len(cells) and not _has_text(cells[start]):
        start += 1
    # a title block ruled into the same frame stands above the header (SIPD forms: "RENCANA
    # KERJA DAN ANGGARAN ...", Organisasi, Sub Unit; Sulut DKIPS RKA 2022 p.1): the header
    # starts at the first row naming two roles
    for k in range(start, min(len(cells), start + MAX_TITLE_ROWS)):
        labels = [c.text for c in cells[k] if not c.covered and c.text.strip()]
        if _is_header_row(cells[k]) and sum(1 for t in labels if names_role(t)) >= 2:
            start = k
            break
        if any(value_kind(t) == "money" for t in labels):
            # a title block prints no amounts: rows with amounts above a header are the body
            # of a table run on from the page before, which prints its header again further
            # down (Biro Organisasi Jabar 2016 Tabel 4 p.12: kegiatan 2.-4. of misi 1, then
            # "Misi 2" and the header again); taken for a title they were lost
            break
    n = lines = 0
    while start + n < len(cells) and n < MAX_HEADER_GRID_ROWS:
        row = cells[start + n]
        if not _has_text(row):
            n += 1
            continue
        if is_column_number_row(row):
            break
        # a header whose column-number row is near may run past MAX_HEADER_ROWS: labels
        # split over grid rows ("%" / "Capaian" / "Kinerja" beside "Capaian Tahun 2015" /
        # "(%)" / "Target", RSUD Al Ihsan 2016 Tabel 6 p.19)
        numbered = _numbers_follow(cells, start + n)
        if lines >= MAX_HEADER_ROWS and not numbered:
            break
        if not _is_header_row(row) and not (n and _words_only(row) and numbered):
            break
        n += 1
        lines += 1
    while n and not _has_text(cells[start + n - 1]):
        n -= 1
    if n:
        k = start + n
        while k < len(cells) and k < start + n + 2 and not _has_text(cells[k]):
            k += 1
        if k < len(cells) and is_column_number_row(cells[k]):
            n = k - start + 1
            if k + 1 < len(cells) and _sub_labels(cells[k + 1]):
                n += 1
    return start, n


SUB_LABEL = re.compile(r"^(?:k|r|t|rp\.?|%|\(rp\)|\(%\)|fisik|keu(?:angan)?|kinerja)$", re.IGNORECASE)


def _sub_labels(row: list[Cell]) -> bool:
    """Tell a row of short sub-labels printed under the column numbers: "K | Rp" under each
    triwulan of an e-monev report (Tangerang Selatan 2023 p1: Kinerja and Rupiah of triwulan
    I-IV, below the row numbering the groups 7 8 9 10). Only abbreviations, units and role
    words count, so that a body row is never taken for one."""
    texts = [" ".join(c.text.split()) for c in row if not c.covered and c.text.strip()]
    return len(texts) >= 2 and all(SUB_LABEL.match(t) or names_role(t) and len(t.split()) <= 2 for t in texts)


def _paths(cells: list[list[Cell]], start: int, n: int) -> list[list[str]]:
    ncols = max((len(r) for r in cells[start:start + n]), default=0)
    paths: list[list[str]] = []
    for c in range(ncols):
        path: list[str] = []
        box = None
        for r in range(start, start + n):
            if c >= len(cells[r]) or is_column_number_row(cells[r]):
                continue
            cell = cells[r][c]
            text = " ".join(cell.text.split())
            if cell.covered and COLUMN_NUMBER.match(text):
                continue  # a column number merged down over a row of sub-labels ("K | Rp")
            # a merged cell repeats its text in every grid row it spans; another cell with the
            # same text is a label under its group ("Target" over "Target | Realisasi |
            # % Realisasi", BP3IPTEK Jabar 2016 Tabel 3.1 p39)
            if text and (not path or path[-1] != text or (cell.top, cell.bottom) != box):
                path.append(text)
            if text:
                box = (cell.top, cell.bottom)
        paths.append(path)
    return paths


def _number_labels(cells: list[list[Cell]], start: int, n: int) -> list[str]:
    """Return each column's label in the column-number row ("3", "3a"), empty if none."""
    for r in range(start, start + n):
        if is_column_number_row(cells[r]):
            return [" ".join(c.text.split()) if not c.covered else "" for c in cells[r]]
    return []


def _filled(body: list[list[Cell]], col: int, footers: bool = True) -> bool:
    """Tell a column that prints something in its body; with footers=False a footer's label
    ("Jumlah" under the Sasaran Strategis heading, Biro Organisasi Jabar 2016 Tabel 14 p.34)
    does not count: the column's own values stand in the strip beside it."""
    return any(col < len(r) and not r[col].covered and r[col].text.strip()
               and (footers or not TOTAL_LINE.match(r[col].text)) for r in body)


def _shift_to_body(found: list[tuple[str | None, int | None]], paths: list[list[str]], body: list[list[Cell]]) -> list[tuple[str | None, int | None]]:
    """Move a role from a headed column with an empty body to the filled column beside it
    whose header is at most its parent (left first): a ruled grid may part a column between its
    centred header and its left- or right-aligned body (RSUD Al Ihsan 2016 Tabel 8 and 10,
    p.24-29; BP3IPTEK 2016 Tabel 3.2 p.53: "Keuangan" over "Pagu | Realisasi | %")."""
    out = list(found)
    for i, (role, tahun) in enumerate(found):
        if role is None or _filled(body, i, footers=False):
            continue
        for j in (i - 1, i + 1):
            if (0 <= j < len(out) and out[j][0] is None and found[j][0] is None
                    and paths[j] == paths[i][: len(paths[j])] and _filled(body, j)):
                out[j], out[i] = (role, tahun), (None, None)
                break
    return out


AFTER_CHANGE = re.compile(r"\b(?:menjadi|(?:sesudah|setelah)\s+perubahan|perubahan)\b")


def _after_change(found: list[tuple[str | None, int | None]], paths: list[list[str]]) -> list[tuple[str | None, int | None]]:
    """Read a column named "X after change" as X, and its twin "X" as the value before.

    A flat export prints each figure twice, the second time marked as changed: "JUMLAH |
    JUMLAH PERUBAHAN" (e-budgeting APBD-P export), "anggaran | menjadi_anggaran", "sumberdana |
    menjadi_sumberdana" (SIPD RKPD perubahan export). The marked column takes the role its
    words name without the mark; its unmarked twin is the budget before the change
    (pagu_sebelum) or, for anything else, superseded and left to staging. A column named only
    by the mark alone ("Sesudah Perubahan" under "Anggaran") keeps the role its path gives it.
    """
    out = list(found)
    lowest = [words(p[-1]) if p else "" for p in paths]
    for i, text in enumerate(lowest):
        if "sebelum" in text or not AFTER_CHANGE.search(text):
            continue
        rest = " ".join(AFTER_CHANGE.sub(" ", text).split())
        if not rest:
            continue
        role, tahun = path_role(paths[i][:-1] + [rest])
        out[i] = (role, tahun)  # "menjadi_mulai": a date, whatever "menjadi" alone would name
        if role is None:
            continue
        for j, other in enumerate(lowest):
            if j != i and other == rest and found[j][0] is not None:
                out[j] = ("pagu_sebelum" if found[j][0] in ("pagu", "jumlah?") else None, found[j][1])
    return out


def align_to_body(columns: list[Column], body: list[list[Cell]]) -> list[Column]:
    """Move each named column whose body is empty to the filled unnamed column beside it,
    as `_shift_to_body` does for roles, for a table recognised by its header spellings
    (BP3AKB 2016 Tabel 3.1.3a p.55: "Target | Realisasi | % Capaian" centred over grid
    columns that the ruling parts from their left-aligned values)."""
    found = [(c.name, c.tahun) for c in columns]
    paths = [c.header_path for c in columns]
    moved = _shift_to_body(found, paths, body)
    if moved == found:
        return columns
    origin = {f: c.header_path for c, f in zip(columns, found) if f[0]}
    return [
        Column(index=c.index, header_path=origin.get((name, tahun), c.header_path) if name else c.header_path,
               name=name, tahun=tahun, x0=c.x0, x1=c.x1)
        for c, (name, tahun) in zip(columns, moved)
    ]


def _group_only(paths: list[list[str]], i: int) -> bool:
    """Tell a column that carries only a group heading whose siblings beside it carry their
    own labels below it: a grid column cut between the labelled ones ("Capaian Tahun 2015
    (%)" over "Target | Realisasi", the cells between them empty, RSUD Al Ihsan 2016 Tabel 6
    p.19). It names no role of its own."""
    path = paths[i]
    if not path:
        return False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(paths) and paths[j][: len(path)] == path:
            if len(paths[j]) > len(path):
                return True
            j += step
    return False


TARGET_FIGURE = re.compile(r"[<>≥≤]?\s*\d[\d.,]*\s*%?")


def _figures_only(body: list[list[Cell]], col: int) -> bool:
    """Tell a column whose every printed line is a figure ("85", "450", "> 100").

    A satuan names a unit; a "Satuan" column of figures beside indicators, in a table with
    no target column, holds the targets (BKPD Jabar 2016 Tabel 4 p.40: TARGET over SATUAN |
    PROGRAM/KEGIATAN | ANGGARAN, the targets printed under SATUAN).
    """
    lines = [ln.strip() for row in body if col < len(row) and not row[col].covered
             for ln in row[col].text.splitlines() if ln.strip()]
    return bool(lines) and all(TARGET_FIGURE.fullmatch(ln) for ln in lines)


def assign_roles(paths: list[list[str]], body: list[list[Cell]], numbers: list[str] | None = None) -> list[tuple[str | None, int | None]]:
    """Give each column a role from its header path, then settle open roles by values.

    - "Realisasi" or "Target" left open by the header is money (realisasi, pagu) when the
      column holds amounts, the indicator's otherwise.
    - A "%" left open follows the column to its left: after an amount it is the absorption,
      after an indicator value the achievement. Where a "%" follows both pagu and realisasi,
      the first is the line's share of the budget and keeps no role (generated style
      pct_each, issue 14's "% column after each amount").
    - A column headed only by a money unit ("Rupiah"), right of a pagu column, is the
      realisation (RFK Grobogan 2022 p.1: "Rupiah | %" after the anggaran columns).
    - Columns numbered "3a", "3b" under a numbered header row share the role of column "3"
      when their own header says nothing more (anggaran per paket / sub kegiatan / kegiatan).
    - A column headed by a level's name ("Program", "Sub Kegiatan") holding only code parts
      ("01", "2.02", "0001") is part of the code, and so are the unnamed code-part columns
      left of it ("Urusan", "Bidang"): a flat SIPD list prints its code over five columns
      under one header row (issue 14; tests/generator/spreadsheet.py `flat_sipd`).
    """
    found = _after_change([(None, None) if _group_only(paths, i) else path_role(p) for i, p in enumerate(paths)], paths)
    found = _shift_to_body(found, paths, body)
    roles = [r for r, _ in found]
    years = [y for _, y in found]
    if numbers:
        base_role: dict[str, str] = {}
        for i, label in enumerate(numbers[: len(roles)]):
            m = re.fullmatch(r"\(?(\d+)([a-z]?)\)?", label or "")
            if m and roles[i] and not m.group(2):
                base_role.setdefault(m.group(1), roles[i])
        for i, label in enumerate(numbers[: len(roles)]):
            m = re.fullmatch(r"\(?(\d+)([a-z])\)?", label or "")
            if m and roles[i] in (None, "uang?") and m.group(1) in base_role:
                roles[i] = base_role[m.group(1)]
    for i, role in enumerate(roles):
        votes = _votes(body, i)
        money = _mostly(votes, "money")
        if role == "realisasi?":
            # no values to go by (a header read before its body): beside a pagu, the money's
            roles[i] = "realisasi" if money or (not votes and "pagu" in roles) else "realisasi_indikator"
        elif role == "target?":
            roles[i] = "pagu" if money else "target"
        elif role == "jumlah?":
            # a bare "Jumlah" of amounts is the budget, of anything else a count
            roles[i] = "pagu" if money and "pagu" not in roles else None
        elif role == "uang?":
            roles[i] = "realisasi" if money and "pagu" in roles[:i] and "realisasi" not in roles else None
        elif role in ("pagu", "realisasi", "pagu_sebelum") and votes and not money and _mostly(votes, "percent"):
            roles[i] = "serapan_pct"
        elif role == "nama" and _level_of(paths[i]) is not None and _code_parts(body, i) and not _counts_up(body, i):
            roles[i] = "kode"
    if "target" not in roles and "indikator" in roles:
        for i, role in enumerate(roles):
            if role == "satuan" and _figures_only(body, i):
                roles[i] = "target"
                break
    # a flat SIPD list heads its code cells by level: URUSAN | BIDANG | PROGRAM | KEGIATAN |
    # SUB KEGIATAN; the cells left of a code part that hold code parts too are the code's
    first = next((i for i, r in enumerate(roles) if r == "kode"), None)
    while first and roles[first - 1] is None and _code_parts(body, first - 1):
        first -= 1
        roles[first] = "kode"
    for i, role in enumerate(roles):
        if role == "capaian?":
            left = next((r for r in reversed(roles[:i]) if r and r != "capaian?"), None)
            roles[i] = "serapan_pct" if left in ("realisasi", "pagu", "sisa") else "capaian_pct"
    # "Pagu | % | Realisasi | %" (a % after each amount): the % right after the realisation
    # is the absorption; the one right after pagu is the line's share of the budget, no role
    serapan = [i for i, r in enumerate(roles) if r == "serapan_pct"]
    if len(serapan) > 1 and any(i and roles[i - 1] == "realisasi" for i in serapan):
        for i in serapan:
            if i and roles[i - 1] == "pagu":
                roles[i] = None
    roles = _targets_in_rupiah(roles, years, paths, body)
    roles = _code_strips(roles, paths, body)
    return [(r, y) for r, y in zip(roles, years)]


CODE_SEGMENT = re.compile(r"\d{1,2}(?:\.\d{1,2})?")


def _code_strips(roles: list[str | None], paths: list[list[str]], body: list[list[Cell]]) -> list[str | None]:
    """Give the kode role to the unlabelled strips beside a kode column that print code segments.

    A code split over five cells sits under one "Kode" label, merged over them on most pages;
    where the page's vertical rules run through the label (Sulut DKIPS RKA 2022 p.8), the label
    lands in the middle strip only and the others have no header. A strip with no label whose
    every value is a code segment ("2", "16", "1.01", "04") next to a kode column is part of it.
    """
    out = list(roles)
    changed = True
    while changed:
        changed = False
        for i, role in enumerate(out):
            if role != "kode":
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < len(out)) or out[j] is not None or any(t.strip() for t in paths[j]):
                    continue
                values = [" ".join(r[j].text.split()) for r in body if j < len(r) and not r[j].covered and r[j].text.strip()]
                if values and all(CODE_SEGMENT.fullmatch(v) for v in values):
                    out[j] = "kode"
                    changed = True
    return out


CUMULATIVE = re.compile(r"\bs\s*/\s*d\b|\bsampai\s+dengan\b", re.IGNORECASE)
MEASURES = ("target", "realisasi", "realisasi_indikator", "capaian_pct", "serapan_pct")


def _targets_in_rupiah(roles: list[str | None], years: list[int | None], paths: list[list[str]],
                       body: list[list[Cell]]) -> list[str | None]:
    """Read a kinerja table whose target and realisasi columns print rupiah as a budget.

    A Renja evaluation (BPMPD Jabar, Renja 2015 Tabel I pp.1-2) heads its columns "Target
    Renja Tahun 2013 | Realisasi Renja Tahun 2013 | Tingkat Realisasi (%)" and prints amounts
    in them, beside a Renstra target for 2015 and realisations "s/d tahun 2012" and "s/d
    tahun berjalan 2014". Where a table has no pagu, the target and realisasi columns of
    money are the budget's: the year printing both is the pagu and the realisasi, the % column
    right after that realisasi their serapan. Cumulative figures ("s/d", "sampai dengan")
    and money targets of other years are no year's budget and stay in staging.
    """
    if "pagu" in roles or not body:
        return roles
    money = {i for i, r in enumerate(roles) if r in MEASURES and _mostly(_votes(body, i), "money")}
    if not money:
        return roles
    cumulative = {i for i in money if any(CUMULATIVE.search(p) for p in paths[i])}
    wanted = [i for i in money - cumulative if roles[i] == "target"]
    done = [i for i in money - cumulative if roles[i] in ("realisasi", "realisasi_indikator")]
    pairs = [(t, r) for t in wanted for r in done if years[t] is not None and years[t] == years[r] and t < r]
    if len(pairs) != 1:
        return roles
    target, realised = pairs[0]
    out = list(roles)
    for i in money:
        out[i] = None
    out[target], out[realised] = "pagu", "realisasi"
    after = realised + 1
    if after < len(out) and roles[after] in ("capaian_pct", "serapan_pct") and paths[after][:-1] == paths[realised][:-1]:
        out[after] = "serapan_pct"
    return out


# The levels of the budget nomenclature, top down (Permendagri 90/2019): a name column headed
# by one of these names the lines of that level.
LEVEL_HEADERS = ("program", "kegiatan", "subkegiatan")


def _level_of(path: list[str]) -> int | None:
    text = words(path[-1]).replace(" ", "") if path else ""
    for prefix in ("nama", "uraian"):
        text = text.removeprefix(prefix)
    return LEVEL_HEADERS.index(text) if text in LEVEL_HEADERS else None


def _flat_levels(roles: list[str | None], paths: list[list[str]]) -> list[str | None]:
    """In a flat list naming each line's parents in columns of their own, keep the deepest.

    A pemda-wide e-budgeting export prints PROGRAM | KEGIATAN | SUBKEGIATAN | URAIAN BELANJA
    on every row, each cell "code name": a row is a line of the deepest level column, whose
    parents stand left of it (role `induk`) and whose account lines (a name column headed by
    no level) are its detail (role `rincian`). Both stay in staging.
    """
    named = [i for i, r in enumerate(roles) if r == "nama"]
    levels = {i: _level_of(paths[i]) for i in named}
    leveled = [i for i in named if levels[i] is not None]
    if len(named) < 2 or not leveled:
        return roles
    deepest = max(leveled, key=lambda i: levels[i])
    out = list(roles)
    for i in named:
        if i != deepest:
            out[i] = "induk" if levels[i] is not None else "rincian"
    return out


LIST_NUMBER = re.compile(r"^\(?(?:\d{1,3}|[a-z])[.)]?$")


def _numbered_strips(roles: list[str | None], paths: list[list[str]], body: list[list[Cell]]) -> list[str | None]:
    """Read a strip of list numbers under a name label as the nomor column.

    A label centred over two strips of text makes two columns of one path ("Program" over
    "1 | Program Peningkatan ...", Dispora Jabar 2017 PK p.4, the row numbers printed without
    a NO heading). The strip holding only list numbers (1, 2, 10, "a.") numbers the lines; the
    other one names them. Left as two names, the narrow strip was taken for the name.
    """
    out = list(roles)
    for i, role in enumerate(roles):
        if role != "nama":
            continue
        twins = [j for j in (i - 1, i + 1) if 0 <= j < len(roles) and roles[j] == "nama" and paths[j] == paths[i]]
        values = [" ".join(row[i].text.split()) for row in body
                  if i < len(row) and not row[i].covered and row[i].text.strip()]
        if twins and values and all(LIST_NUMBER.match(v) for v in values):
            out[i] = "nomor"
    return out


def table_kind(roles: list[str | None], years: list[int | None] | None = None) -> str | None:
    """Tell the kind a set of roles makes.

    - Names (or sasaran) with money make a budget table.
    - Indicators with a target and a realisation or an achievement make a measurement
      table: over several years ("Capaian Tahun 2015 | Capaian Tahun 2016", RSUD Al Ihsan
      2016 Tabel 6 p.19) a multi-year one, else one year's.
    - Indicators with targets only make a performance agreement (PK); with a realisation
      and no target, one year's measurement.
    """
    have = set(roles)
    if ("nama" in have or "sasaran" in have) and have & {"pagu", "realisasi"}:
        return "anggaran"
    if "indikator" in have and "target" in have:
        if have & {"realisasi_indikator", "capaian_pct"}:
            named = {y for r, y in zip(roles, years or []) if r == "target" and y}
            return "sasaran_multitahun" if len(named) > 1 else "sasaran_tahunan"
        if not have & {"pagu", "realisasi"}:
            return "perjanjian_kinerja"
    if "indikator" in have and "realisasi_indikator" in have and not have & {"pagu", "realisasi"}:
        # the realisation alone, its targets in another table (Distan Jabar 2016 Tabel 4 p.21)
        return "sasaran_tahunan"
    return None


INDICATOR_NAMES = {"realisasi_indikator": "realisasi"}


def _own_amounts(roles: list[str | None], body: list[list[Cell]]) -> bool:
    """Tell a table whose indicator rows carry amounts of their own: some row prints an
    indicator and a pagu while its sasaran cell is merged from the row above."""
    ind = [i for i, r in enumerate(roles) if r == "indikator"]
    sas = [i for i, r in enumerate(roles) if r == "sasaran"]
    pagu = [i for i, r in enumerate(roles) if r in ("pagu", "realisasi")]
    return any(
        all(i < len(row) for i in ind + sas + pagu)
        and any(row[i].text.strip() and not row[i].covered for i in ind)
        and any(row[i].text.strip() and not row[i].covered for i in pagu)
        and all(row[i].covered for i in sas)
        for row in body
    )


def recognise_columns(paths: list[list[str]], body: list[list[Cell]], numbers: list[str] | None = None) -> tuple[str | None, list[Column]]:
    """Recognise a table from its header paths and body rows: (kind, columns), kind None if
    the roles make no table. A budget table without a `nama` column names its lines by its
    `sasaran` column (BP3AKB 2016 Tabel 3.2a p.64: anggaran per sasaran strategis)."""
    assigned = assign_roles(paths, body, numbers)
    roles = _flat_levels(_numbered_strips([r for r, _ in assigned], paths, body), paths)
    kind = table_kind(roles, [y for _, y in assigned])
    if kind is None:
        return None, []
    if kind != "anggaran":
        # an indicator table's own realisation is its `realisasi` (transform.sasaran)
        roles = [INDICATOR_NAMES.get(r, r) if r else r for r in roles]
    elif "nama" not in roles:
        # the lines are named by the deepest entity printed: a budget per indicator names its
        # lines by the indicator, its sasaran merged over them (Biro Organisasi Jabar 2016
        # Tabel 14 p.34: Sasaran Strategis | Indikator Kinerja | Anggaran | Realisasi | %)
        namer = "indikator" if "indikator" in roles and _own_amounts(roles, body) else "sasaran"
        roles = ["nama" if r == namer else r for r in roles]
    quarters = _quarters_by_merge([quarter_of(p) for p in paths], roles, body)
    return kind, [
        Column(index=i, header_path=paths[i], name=role, tahun=tahun, triwulan=quarters[i])
        for i, (role, (_, tahun)) in enumerate(zip(roles, assigned))
    ]


def _quarters_by_merge(quarters: list[int | None], roles: list[str | None], body: list[list[Cell]]) -> list[int | None]:
    """Give a column of a quartered role with no quarter in its header the quarter of the
    column its body cells are merged with.

    Shaded header boxes add hairline grid columns whose header path lacks the quarter
    (Tangerang Selatan e-monev 2023 p1: the K cell of triwulan I starts 6 pt left of the "I"
    box), and each merged body cell's text sits in its first grid column, the hairline
    one. The quarter is the one of the columns the same merged cells cover.
    """
    quartered = {r for r, q in zip(roles, quarters) if q and r}
    out = list(quarters)
    for i, role in enumerate(roles):
        if out[i] or role not in quartered:
            continue
        seen: set[int] = set()
        for row in body:
            if i >= len(row) or row[i].covered or not row[i].text.strip():
                continue
            cell = row[i]
            for j in range(len(row)):
                other = row[j]
                if j != i and other.covered and other.x0 == cell.x0 and other.top == cell.top and quarters[j]:
                    seen.add(quarters[j])
        if len(seen) == 1:
            out[i] = seen.pop()
    return out


ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_CELL = re.compile(r"^(?:(?:tw|triwulan|trw|trwl)\.?\s*(?P<a>i{1,3}|iv|[1-4])|(?P<b>i{1,3}|iv))$", re.IGNORECASE)
QUARTER_IN = re.compile(r"\b(?:tw|triwulan|trw)\.?\s*(?P<q>i{1,3}|iv|[1-4])\b(?!\s*(?:-|s\.?d\.?|sampai|hingga|/))", re.IGNORECASE)


def quarter_of(path: list[str]) -> int | None:
    """Return the quarter (1-4) a column's header path names, None for none or a span.

    A cell that is only a quarter ("TW I", "Triwulan 2", a bare roman "I" .. "IV" under a
    group) names it, lowest cell first; a label naming one quarter inside it ("Realisasi
    Triwulan II", "Target TW III") too. A span ("Triwulan I - IV", "TW I s.d. III") is the
    whole group's and names none: the columns under it say which quarter is theirs.
    A bare roman numeral counts only below a parent that speaks of triwulan, so that a
    column numbered "I" elsewhere is not read as a quarter. A cumulative figure ("s.d.
    Triwulan III", "sampai dengan", "kumulatif") is no quarter's own and names none.
    """
    if re.search(r"\bs\.?\s*d\b|sampai|hingga|kumulatif", " ".join(path), re.IGNORECASE):
        return None  # "Realisasi s.d. Triwulan III": cumulative to that quarter, not its own
    for i in range(len(path) - 1, -1, -1):
        text = " ".join(path[i].split())
        m = QUARTER_CELL.match(text)
        if m:
            if m.group("a"):
                return ROMAN_QUARTER[m.group("a").lower()]
            if re.search(r"triwulan|\btw\b", " ".join(path[:i]), re.IGNORECASE):
                return ROMAN_QUARTER[m.group("b").lower()]
        m = QUARTER_IN.search(text)
        if m and not re.search(r"(?:i{1,3}|iv|[1-4])\s*(?:-|s\.?d\.?|sampai|hingga)\s*(?:i{1,3}|iv|[1-4])\b", text, re.IGNORECASE):
            return ROMAN_QUARTER[m.group("q").lower()]
    return None


def names_role(text: str) -> bool:
    """Tell whether a short text reads as a column label of some role (a header candidate)."""
    return len(text.split()) <= 6 and _main_role(UNIT.sub(" ", text)) is not None


def recognise_grid(cells: list[list[Cell]]) -> tuple[int, str | None, list[Column]]:
    """Recognise a grid by column roles: (header rows incl. leading blanks, kind, columns).

    A budget table's name column is `nama`; where it has none, its `sasaran` column names
    the lines (BP3AKB 2016 Tabel 3.2a p.64: anggaran per sasaran strategis).
    """
    start, n = header_rows(cells)
    if not n:
        return 0, None, []
    paths = _paths(cells, start, n)
    kind, columns = recognise_columns(paths, cells[start + n:], _number_labels(cells, start, n))
    if kind is None:
        return 0, None, []
    return start + n, kind, columns
