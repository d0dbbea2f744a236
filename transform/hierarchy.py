"""Tell program, kegiatan, sub-kegiatan and paket apart where no code says it (issue 14, item 2).

Most agencies' tables print no code: BP3AKB Jabar 2016 Tabel 3.2b (p.65) numbers its
programs A, B, C and their kegiatan 1, 2, 3 under them; the Grobogan RFK 2022 (p.1-6) numbers
the paket 1, 2, 3 under coded sub-kegiatan; Dinkes Jabar 2016 (p.82) prints "PROGRAM ..." in
capitals. The level of such a line comes, in order, from:

1. its name's prefix ("Program ...", "Kegiatan ...", "Sub Kegiatan ...", "Belanja ..." is a
   budget category, not a program);
2. its numbering style (I., A., 1., a., 1.1): a style takes the level it was first seen with
   in the table;
3. a style not seen yet, right under a line of known level: the level below it;
4. no number and no prefix: below a program its kegiatan, below a kegiatan its sibling;
5. nothing known: the level the name column's header names ("Kegiatan", BKPD 2016 Tabel 5
   p.42), else `other` (sasaran rows, budget categories, subtotals).

An unnumbered line without prefix is first looked up in the SIPD nomenclature
(warehouse/reference/nomenklatur.csv): a name that is only a kegiatan's, or only a
sub-kegiatan's, has that level (Tangerang Selatan e-monev 2023 prints kegiatan and
sub-kegiatan names alike, without codes, numbers or indentation: "Administrasi Keuangan
Perangkat Daerah" is a kegiatan, "Penyediaan Gaji dan Tunjangan ASN" its sub-kegiatan). A
line naming an agency ("DINAS PENDIDIKAN DAN KEBUDAYAAN" over its programs) is `other`.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

CHILD = {"urusan": "bidang", "bidang": "program", "program": "kegiatan", "kegiatan": "sub_kegiatan", "sub_kegiatan": "paket"}
PREFIXES = (
    (re.compile(r"^sub[\s-]*kegiatan\b", re.IGNORECASE), "sub_kegiatan"),
    (re.compile(r"^kegiatan\b", re.IGNORECASE), "kegiatan"),
    (re.compile(r"^program\b", re.IGNORECASE), "program"),
    (re.compile(r"^bidang\s+urusan\b", re.IGNORECASE), "bidang"),
    (re.compile(r"^urusan\b", re.IGNORECASE), "urusan"),
    (re.compile(r"^belanja\b", re.IGNORECASE), "other"),
)
ROMAN = re.compile(r"^(?=[IVXL])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
# A list number leading a name: "1 Pembangunan ...", "a. Penyediaan ...", "II. BELANJA ...", also
# glued to a capitalised word, "10.Program Penyediaan ..." (Distan Jabar 2016 PK p64)
LEADING_NUMBER = re.compile(
    r"^(?P<nomor>(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXL]{1,5})[.)]?)(?:\s+|(?<=\d[.)])(?=[A-Z][a-z]))(?P<nama>\S.*)$",
    re.DOTALL,
)


def numbering_style(nomor: str) -> str | None:
    """Return a number's style: roman, upper, lower, arabic, or arabic.N for dotted depth N."""
    t = nomor.strip().rstrip(".)").lstrip("(")
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", t):
        return f"arabic.{t.count('.') + 1}"
    if re.fullmatch(r"\d{1,3}", t):
        return "arabic"
    if len(t) > 1 and ROMAN.match(t):
        return "roman"
    if re.fullmatch(r"[A-Z]", t):
        return "upper"
    if re.fullmatch(r"[a-z]", t):
        return "lower"
    return None


def split_leading_number(name: str) -> tuple[str | None, str]:
    """Split a list number printed at the start of a name cell: ("1", "Pembangunan ...")."""
    m = LEADING_NUMBER.match(name)
    if not m or numbering_style(m.group("nomor")) is None:
        return None, name
    nama = m.group("nama")
    if not re.match(r"[A-Za-z(\"']", nama):
        return None, name
    return m.group("nomor"), nama


LEADING_CODE = re.compile(r"^(?P<kode>\d{1,2}(?:\.\d{1,4}){2,})\s+(?:-\s+)?(?P<nama>\S.*)$", re.DOTALL)


def split_leading_code(name: str, is_code) -> tuple[str | None, str]:
    """Split a code printed at the start of a name cell: ("1.01.01.2.01.01", "Penyusunan ...").

    A flat export prints code and name in one cell ("1.01.01.2.01.01 Penyusunan Dokumen ...",
    "1.1.01.0000 - DINAS PENDIDIKAN", Mamberamo Raya e-budgeting 2023). `is_code` tells a
    code the nomenclature knows from a list number that merely looks like one.
    """
    m = LEADING_CODE.match(name)
    if not m or not is_code(m.group("kode")):
        return None, name
    return m.group("kode"), m.group("nama")


HEADER_LEVELS = {"program": "program", "kegiatan": "kegiatan", "sub kegiatan": "sub_kegiatan", "paket": "paket"}


NOMENKLATUR = Path(__file__).resolve().parent.parent / "warehouse" / "reference" / "nomenklatur.csv"
NOMENKLATUR_LEVELS = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub_kegiatan"}
# an agency named as a line of its own: the OPD head words of transform/data/metadata_words.csv
OPD_LINE = re.compile(r"^(?:dinas|badan|sekretariat|inspektorat|biro|rumah\s+sakit|satuan\s+polisi|kantor)\b", re.IGNORECASE)


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


@lru_cache(maxsize=1)
def _nomenclature_names() -> dict[str, str | None]:
    """Map each nomenclature name (folded) to its level, None where it names several levels."""
    out: dict[str, str | None] = {}
    with NOMENKLATUR.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            level = NOMENKLATUR_LEVELS.get(row["level"])
            if level is None or not row["nama"].strip():
                continue
            key = _name_key(row["nama"])
            out[key] = level if out.get(key, level) == level else None
    return out


def nomenclature_level(name: str) -> str | None:
    """Return the one level the SIPD nomenclature gives a name, None if none or several."""
    return _nomenclature_names().get(_name_key(name)) if name else None


def header_level(header: str) -> str | None:
    """Return the level a name column's header names when it names one level only."""
    text = re.sub(r"[^a-z]+", " ", header.lower()).strip()
    # a year group printed over several columns ("Tahun 2016" over Satuan | Target | Program |
    # Kegiatan, Biro Organisasi Jabar 2016 Tabel 4 p.11-12) dates the column, it names no level
    text = re.sub(r"^tahun\s+", "", text)
    text = re.sub(r"^(?:nama|uraian)\s+", "", text)
    if text not in HEADER_LEVELS and re.search(r"\bprogram (?:dan )?kegiatan$", text):
        # "PROGRAM/KEGIATAN" (BKPD Jabar 2016 Tabel 4 p.40): programs say so by their prefix
        # ("Program ..."), so a line that does not, and follows no program, is a kegiatan
        return "kegiatan"
    return HEADER_LEVELS.get(text)


STACK_BULLET = re.compile(r"^(?:[-•·*\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|\d{1,2}[.)]|[a-z][.)])\s*(?<=\s|[\uf000-\uf0ff])(.*)$")


def _bullet_kind(line: str, text_start: int) -> str:
    """Return the kind of a list mark: "1" for numbers, "a" for letters, else the mark itself."""
    mark = line[:text_start].strip()
    return "1" if mark[:1].isdigit() else "a" if mark[:1].isalpha() else mark


def split_stacked(name: str, count: int) -> list[str] | None:
    """Split a cell listing `count` items, each opened by a bullet ("- RTM OPD ...", or a
    Symbol-font bullet kept as a private-use character, Distan Jabar 2016 Tabel 4 p.21) or a
    list number, into the items' texts; None when the cell does not list that many.

    A line ending with ":" that introduces items is their heading, no item of its own; it
    opens each of them up to the next mark of its own kind (Distan Jabar 2016 Tabel 4 p22:
    "Persentase margin usahatani ... :" over "Padi", "Palawija", "Sayuran"; p21: "Tersedianya
    infrastruktur pertanian:" over the sub-item "Jitut dan Jides", then the next item).

    Without bullets, a line opening with a level's word ("Program ...", "Kegiatan ...") opens
    an item: BAPPEDA Jabar 2016 Tabel 3.7 p45 stacks "Program Perencanaan, Pengendalian dan /
    Evaluasi Pembangunan / Daerah" over "Program Kerjasama / Pembangunan" beside two amounts.
    """
    entries: list[list[str]] = []  # [mark kind, text]
    for line in name.splitlines():
        line = line.strip()
        if not line:
            continue
        m = STACK_BULLET.match(line)
        if m:
            entries.append([_bullet_kind(line, m.start(1)), m.group(1)])
        elif entries:
            entries[-1][1] += " " + line
        else:
            entries.append(["", line])  # text before the first mark: a heading, or no list
    if not entries or (entries[0][0] == "" and (len(entries) == 1 or not entries[0][1].rstrip().endswith(":"))):
        return _split_by_prefix(name, count)
    items: list[str] = []
    heading, heading_kind = None, None
    for k, (kind, text) in enumerate(entries):
        if heading is not None and kind == heading_kind:
            heading = None
        if text.rstrip().endswith(":") and k + 1 < len(entries) and entries[k + 1][0] != kind:
            heading, heading_kind = text, kind
            continue
        items.append(f"{heading} {text}" if heading else text)
    return items if len(items) == count else _split_by_prefix(name, count)


def _split_by_prefix(name: str, count: int) -> list[str] | None:
    """Split a cell whose items each open with a level's word; None unless it lists `count`."""
    items: list[str] = []
    for line in name.splitlines():
        line = line.strip()
        if not line:
            continue
        if prefix_level(line) not in (None, "other"):
            items.append(line)
        elif items:
            items[-1] += " " + line
        else:
            return None
    return items if len(items) == count else None


def prefix_level(name: str) -> str | None:
    """Return the level a name's first words name, None if they name none."""
    for pattern, level in PREFIXES:
        if pattern.match(name.strip()):
            return level
    return None


# a name spanning a range of list marks sums those lines ("Program Strategis A s/d G", BP3AKB
# Jabar 2016 p.30, a printed subtotal of programs A to G): no line of the level its word names
LINES_RANGE = re.compile(r"\b[A-Z]\.?\s*(?:s/d|s\.d\.?|sampai dengan)\s*[A-Z]\b\.?\s*$")


class Levels:
    """Follow one table's lines top to bottom and give each uncoded line its level."""

    def __init__(self, default: str | None = None) -> None:
        self.by_style: dict[str, str] = {}
        self.last: str | None = None
        self.default = default  # the level the name column's header names ("Kegiatan")
        self.use_names = True  # look unnumbered names up in the nomenclature
        self.levels_seen: set[str] = set()

    def seen(self, level: str | None) -> None:
        """Note a line whose level is known otherwise (its code)."""
        if level and level not in ("other", "total"):
            self.last = level
            self.levels_seen.add(level)

    def level(self, name: str, style: str | None) -> str:
        """Return the level of a line named `name` without a mapped code.

        `style` is how the line is numbered (numbering_style: "upper", "arabic" ...) or which
        code cell holds its unmapped code ("kode1.1"), None when it is neither.
        """
        if LINES_RANGE.search(name):
            return "other"
        level = prefix_level(name)
        if level is None and style:
            level = self.by_style.get(style)
            if level is None and self.last in CHILD:
                level = CHILD[self.last]
        if level is None and style is None and self.use_names:
            level = nomenclature_level(name)
            if level is None and OPD_LINE.match(name.strip()) and name.isupper():
                return "other"  # an agency heading its programs, not a line of the budget tree
        if level is None and style is None and self.last in CHILD:
            # unnumbered: the first line under a program is its kegiatan, the next its sibling;
            # under a kegiatan its sub-kegiatan once the table has shown that kegiatan have
            # sub-kegiatan (a SIPD kegiatan is always followed by its own: Tangerang Selatan
            # e-monev 2023 p8, sub-kegiatan names of an older nomenclature after a known kegiatan)
            below = CHILD[self.last]
            sibling = self.last not in ("urusan", "bidang", "program") and below not in self.levels_seen
            level = self.last if sibling else below
        if level is None:
            if self.default and style:
                # the header's level is this numbering's level: a later line numbered alike
                # keeps it after a line of another level (the repeated header row "Program |
                # Kegiatan" of Biro Organisasi Jabar 2016 Tabel 4 p.12 made kegiatan 12.-15.
                # children of the label "Kegiatan")
                self.by_style.setdefault(style, self.default)
            return self.default or "other"
        if level != "other":
            if style:
                self.by_style.setdefault(style, level)
            self.last = level
            self.levels_seen.add(level)
        return level
