"""Read what a document says about itself: its kind (jenis), pemda, OPD, year, stage and period.

A value is read from the places a document names itself, most trusted first: the cover, the
title block (with the letterhead and label lines such as "SKPD : ..."), the running header and
footer, the signature block, and last a sentence that names the report ("Laporan Kinerja
Instansi Pemerintah (LKIP) Biro Organisasi Sekretariat Daerah Tahun 2016"). The first place
that yields a value wins. Prose is never read for names: a value is a name (Kabupaten X,
Dinas Y) that ends where the name ends, and a name that runs on into a sentence is dropped,
so a field is right or empty ("Provinsi Jawa Barat Menyusun Suatu" was read before).

Everything here is a pure function of the page texts (PDF) or the sheet cells (spreadsheet),
independent of which tables were recognised, so a rejected document's metadata can be read
too. The words and title patterns are data: `data/jenis_dokumen.csv` (one regex per kind, in
order of precedence) and `data/metadata_words.csv` (pemda prefixes, OPD head words,
abbreviations, signature titles, words that end a name, stage words, months).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

FRONT_PAGES = 4
COVER_MAX_LINES = 25  # a cover prints a title, the agency and a year; a text page prints 30+ lines
BODY_PAGES = 6  # report-title sentences are read from the first pages with text only
RUNNING_SHARE = 0.3  # a line on this share of the text pages (and on 2 at least) is a running header/footer
MAX_OPD_WORDS = 14  # "Badan Penelitian, Pengembangan dan Penerapan Ilmu Pengetahuan dan Teknologi" has 10
MAX_PEMDA_WORDS = 4  # "Kabupaten Penukal Abab Lematang Ilir"
MAX_TITLE_WORDS = 20
YEARS = range(1990, 2101)
CELL_MENTIONS = 2

JENIS = ("lkjip", "pk", "renstra", "renja", "rka", "dpa", "dppa", "rfk", "lra", "rencana_aksi", "realisasi_triwulan", "other")
FIELDS = ("jenis", "pemda", "opd", "tahun", "tahapan", "bulan", "triwulan")

# Where a value was read, as dim_dokumen.metadata_note names it.
COVER, TITLE, RUNNING, SIGNATURE, BODY = "sampul", "judul", "header/footer", "tanda tangan", "kalimat judul"
YEAR_COLUMN, SHEET_HEADER, CELLS, TABLES = "kolom tahun", "kepala tabel", "isi sel", "jenis tabel"
FILE_NAME = "nama berkas"


@dataclass
class Metadata:
    """What a document says about itself; a field it does not state stays None."""

    jenis: str = "other"
    pemda: str | None = None
    opd: str | None = None
    tahun: int | None = None
    tahapan: str | None = None
    bulan: int | None = None
    triwulan: int | None = None
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def bulan_nama(self) -> str | None:
        """The month as its Indonesian name ("Desember"), as dim_dokumen.bulan stores it."""
        return None if self.bulan is None else _words()["bulan_nama"][self.bulan]

    def columns(self) -> dict:
        """The dim_dokumen columns these values fill."""
        return {
            "jenis": self.jenis,
            "pemda": self.pemda,
            "opd": self.opd,
            "tahun": self.tahun,
            "tahapan": self.tahapan,
            "bulan": self.bulan_nama,
            "triwulan": self.triwulan,
            "metadata_note": self.note() or None,
        }

    def note(self) -> str:
        """Say where each value was read and which the document does not state."""
        parts = [f"{f}: {self.sources[f]}" for f in FIELDS if f in self.sources]
        missing = [f for f in ("pemda", "opd", "tahun") if getattr(self, f) is None]
        if missing:
            parts.append(f"tidak disebut dalam dokumen: {', '.join(missing)}")
        return "; ".join(parts)

    def override(self, supplied: dict, source: str) -> None:
        """Put values supplied from outside the document over the ones read, noting where from."""
        for name in FIELDS:
            if supplied.get(name) in (None, ""):
                continue
            value = supplied[name]
            if name in ("tahun", "bulan", "triwulan"):
                value = month_number(str(value)) if name == "bulan" and not str(value).isdigit() else int(value)
            setattr(self, name, value)
            self.sources[name] = source

    def fall_back_to_file_name(self, file_name: str) -> None:
        """Take the year from the file's name when neither the document nor its sidecar gives one.

        Last in the chain (docs/extraction.md "What a document says about itself"): the
        user's sidecar (which wins) and the document's content first, then a year the user or
        the portal wrote into the name (`mamberamoraya-pemkab-2023-apbdp-ebudgeting.xlsx`, whose cells name no year
        of their own: their line names mention 2022, 2023 and 2024). metadata_note says
        "tahun: nama berkas", so an analyst sees the year was not read from the document.
        """
        if self.tahun is None:
            year = year_from_file_name(file_name)
            if year is not None:
                self.tahun = year
                self.sources["tahun"] = FILE_NAME


_FILE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_FILE_DATE_AFTER = re.compile(r"^[-_. ]?[0-9]{1,2}[-_. ][0-9]{1,2}(?![0-9])")
_FILE_DATE_BEFORE = re.compile(r"(?<![0-9])[0-9]{1,2}[-_. ][0-9]{1,2}[-_. ]?$")


def year_from_file_name(file_name: str) -> int | None:
    """Return the one year a file's name states ("ebugeting-perubahan-2023.xlsx" -> 2023), else None.

    Only a name that states exactly one year gives one: a span ("renstra-2019-2023.pdf") or
    two years name no single year of the figures, and a date ("export-2024-01-15.xlsx",
    "15-01-2024") is when the file was saved, not the year it is for.
    """
    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    found = set()
    for m in _FILE_YEAR.finditer(stem):
        if _FILE_DATE_AFTER.match(stem[m.end():]) or _FILE_DATE_BEFORE.search(stem[: m.start()]):
            continue
        if int(m.group(1)) in YEARS:
            found.add(int(m.group(1)))
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class _Words:
    pemda: dict[tuple[str, ...], str]
    opd: set[tuple[str, ...]]
    singkatan: dict[tuple[str, ...], str]
    signer: set[tuple[str, ...]]
    joining: dict[str, str]
    acronym: set[str]
    stop: set[str]
    tahapan: dict[str, str]
    not_pemda: set[str]


@lru_cache(maxsize=None)
def _rows(name: str) -> list[dict]:
    with resources.files("transform").joinpath(f"data/{name}").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _jenis_patterns() -> list[tuple[str, re.Pattern, str | None]]:
    return [(r["jenis"], re.compile(r["pattern"], re.IGNORECASE), r["tahapan"] or None) for r in _rows("jenis_dokumen.csv")]


@lru_cache(maxsize=1)
def _words() -> dict:
    by_kind: dict[str, list[dict]] = {}
    for r in _rows("metadata_words.csv"):
        by_kind.setdefault(r["kind"], []).append(r)

    def key(word: str) -> tuple[str, ...]:
        return _key(word.split())

    words = _Words(
        pemda={key(r["word"]): r["canonical"] for r in by_kind["pemda"]},
        opd={key(r["word"]) for r in by_kind["opd"]},
        singkatan={key(r["word"]): r["canonical"] for r in by_kind["singkatan"]},
        signer={key(r["word"]) for r in by_kind["penanda_tangan"]},
        joining={r["word"].upper(): r["canonical"] for r in by_kind["sambung"]},
        acronym={r["word"].upper() for r in by_kind["akronim"]},
        stop={r["word"].upper() for r in by_kind["berhenti"]},
        tahapan={r["word"].upper(): r["canonical"] for r in by_kind["tahapan"]},
        not_pemda={r["word"].upper().rstrip(".") for r in by_kind["bukan_pemda"]},
    )
    months = {r["word"].upper(): int(r["canonical"]) for r in by_kind["bulan"]}
    return {"w": words, "bulan": months, "bulan_nama": {n: w.capitalize() for w, n in months.items()}}


def month_number(word: str) -> int | None:
    """Return 1-12 for an Indonesian month name ("Desember", "AGUSTUS"), else None."""
    return _words()["bulan"].get(word.strip().upper())


_EDGE = ",.;:()|\"'“”"
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _core(token: str) -> str:
    return token.strip(_EDGE)


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.upper().strip(_EDGE).rstrip(".") for w in words)


def _at(tokens: list[str], i: int, table):
    """Return (length, entry) of the longest key of `table` (a dict or set of word tuples)
    that starts at tokens[i], or None; case, dots and commas do not matter."""
    for n in (3, 2, 1):
        if i + n <= len(tokens):
            cand = _key(tokens[i : i + n])
            if cand in table:
                return n, (table[cand] if isinstance(table, dict) else cand)
    return None


def _mixed(text: str) -> bool:
    return any(c.islower() for c in text)


def _name_case(words: list[str], whole: list[str] | None = None) -> str:
    """Print a name the way names are written: as printed when the document wrote it in mixed
    case, else capitalised ("DINAS PUPR" -> "Dinas PUPR"); joining words in lower case.
    `whole` is the whole name when `words` is a part of it."""
    w = _words()["w"]
    mixed = any(_mixed(x) for x in (whole or words) if x.rstrip(",").upper() not in w.joining)
    out = []
    for i, word in enumerate(words):
        bare = word.rstrip(",")
        if i and bare.upper() in w.joining:
            out.append(w.joining[bare.upper()] + word[len(bare):])
        elif mixed or bare.upper() in w.acronym:
            out.append(word)
        else:
            out.append(word.capitalize() if "-" not in word else "-".join(p.capitalize() for p in word.split("-")))
    return " ".join(out)


def _name_words(tokens: list[str], j: int, limit: int, mixed: bool, extra_stops: set[str] = frozenset()) -> tuple[list[str], int, bool]:
    """Collect the words of a name from tokens[j]: capitalised words and joining words, up to
    a word that ends names (TAHUN, a verb, a pemda prefix...), a number, a bracket or a
    sentence mark. Return the words, the index after them, and whether the name ended
    cleanly (False when it ran past `limit` words: a sentence, not a name)."""
    w = _words()["w"]
    words: list[str] = []
    while j < len(tokens):
        tok = tokens[j]
        core = _core(tok)
        upper = core.upper()
        if not core or tok[0] in "(|" or upper in w.stop or upper in extra_stops:
            break
        if _at(tokens, j, w.pemda) or not core[0].isalpha():
            break
        if upper in w.joining:
            words.append(core.lower() + ("," if tok.endswith(",") else ""))
            j += 1
            continue
        if mixed and not core[0].isupper():
            break
        if len(words) >= limit:
            return words, j, False
        words.append(core + ("," if tok.rstrip().endswith(",") else ""))
        j += 1
        if tok[-1] in ".;:)|" and not re.fullmatch(r"[A-Za-z]{1,4}\.", tok):
            break
    while words and (words[-1].rstrip(",").upper() in w.joining or words[-1].endswith(",")):
        if words[-1].rstrip(",").upper() in w.joining:
            words.pop()
        else:
            words[-1] = words[-1].rstrip(",")
    return words, j, True


def _pemda_at(tokens: list[str], i: int, mixed: bool) -> tuple[str, int] | None:
    """Read "Kabupaten Klungkung" (or "GUBERNUR JAWA BARAT" -> Provinsi Jawa Barat) at tokens[i]."""
    w = _words()["w"]
    hit = _at(tokens, i, w.pemda)
    if not hit or "/" in tokens[i]:
        return None
    n, level = hit
    if tokens[i + n - 1][-1] in ",;:)":
        return None  # "BBGRM Tk. Provinsi, Terselenggaranya" (jabar-bpmpd-2015 p1)
    words, end, clean = _name_words(tokens, i + n, MAX_PEMDA_WORDS, mixed, set(w.joining))
    words = [x.rstrip(",") for x in words]
    if not clean or not words or any(_at([x], 0, w.opd) for x in words):
        return None
    return f"{level} {_name_case(words)}", end


def _generic_before(tokens: list[str], i: int) -> bool:
    """Tell whether a pemda name at tokens[i] is no pemda or not the document's own: after the
    generic "Kabupaten/Kota (pada)" it names other governments ("Dana Desa Kabupaten/Kota pada
    Provinsi Papua", mamberamoraya e-budgeting export); after "Ibu", "Dalam" ... "Kota" is a
    town ("Ibu Kota Distrik", "jalan Dalam Kota Burmeso", mamberamoraya rkpdp2)."""
    if i and _core(tokens[i - 1]).upper() in _words()["w"].not_pemda:
        return True
    return any("/" in t and _core(t).upper().startswith(("KAB", "KOTA")) for t in tokens[max(0, i - 2) : i])


def find_pemda(text: str) -> str | None:
    """Return the first pemda named in `text` ("Kabupaten Klungkung"), or None."""
    tokens, mixed = text.split(), _mixed(text)
    for i in range(len(tokens)):
        if _generic_before(tokens, i):
            continue
        hit = _pemda_at(tokens, i, mixed)
        if hit:
            return hit[0]
    return None


def _opd_at(tokens: list[str], i: int, mixed: bool) -> tuple[str, int] | None:
    """Read an agency name that starts with a head word (Dinas, Badan, RSUD ...) at tokens[i]."""
    w = _words()["w"]
    head = _at(tokens, i, w.opd)
    expanded: list[str] = []
    if head:
        n = head[0]
        expanded = [_core(t) for t in tokens[i : i + n]]
    else:
        abbr = _at(tokens, i, w.singkatan)
        if not abbr:
            return None
        n = abbr[0]
        expanded = abbr[1].split()
    words, end, clean = _name_words(tokens, i + n, MAX_OPD_WORDS, mixed)
    if head:
        while words and expanded and words[0].rstrip(",").upper() == expanded[-1].upper():
            words.pop(0)  # "KEPALA DINAS DINAS KESEHATAN" (jabar-dinkes-2016 p109)
    if not clean or (head and not words):
        return None
    return " ".join(_name_case(part, expanded + words) for part in (expanded, words) if part), end


def find_opd(text: str) -> str | None:
    """Return the first agency named in `text` ("Dinas Kesehatan"), or None."""
    tokens, mixed = text.split(), _mixed(text)
    for i in range(len(tokens)):
        hit = _opd_at(tokens, i, mixed)
        if hit:
            return hit[0]
    return None


_TAHUN = re.compile(
    r"\b(?:TAHUN(?:\s+ANGGARAN)?|T\.?A\.?)\s+((?:19|20)\d\d)\b(?!\s*(?:[-–—/]|s\.?d\.?|s/d|sampai)\s*(?:19|20)?\d\d)",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"(?<![\d./-])((?:19|20)\d\d)(?![\d./-])")


def find_tahun(text: str, titled: bool = False) -> int | None:
    """Return the year of "Tahun (Anggaran) 2024" / "TA 2016"; in a report title (`titled`)
    also a bare year ("LKIP 2016", "LKIP Dinas ... Jawa Barat 2016") that is not a date's.
    A span of years ("Tahun 2013-2018") is no report year."""
    m = _TAHUN.search(text)
    if m and int(m.group(1)) in YEARS:
        return int(m.group(1))
    if titled:
        for m in _BARE_YEAR.finditer(text):
            before = text[: m.start()].split()
            if before and month_number(_core(before[-1])):
                continue  # "JANUARI 2017", "Bandung, Februari 2017": when it was printed
            if before and before[-1].lower().endswith(("-", "–", "—", "s/d", "s.d.", "s.d")):
                continue  # the end of a span, "Renstra 2013 - 2018"
            after = text[m.end() :].lstrip()
            if (after and after[0] in "-–—") or int(m.group(1)) not in YEARS:
                continue
            return int(m.group(1))
    return None


_BULAN = re.compile(r"\bBULAN\s*:?\s*([A-Za-z]+)", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TRIWULAN = re.compile(
    r"\b(?:TRIWULAN|TW)\.?\s+(IV|I{1,3}|[1-4])\b(?!\s*(?:[-–—]|s\.?d\.?|s/d|SAMPAI)\s*(?:IV|I{1,3}|[1-4])\b)", re.IGNORECASE
)


def find_bulan(text: str) -> int | None:
    """Return the month of "Bulan : Agustus 2022" / "BULAN : Desember"."""
    m = _BULAN.search(text)
    return month_number(m.group(1)) if m else None


def find_triwulan(text: str) -> int | None:
    """Return the quarter of "Triwulan II"; a span ("Triwulan I - IV") names no one quarter."""
    m = _TRIWULAN.search(text)
    return _ROMAN[m.group(1).upper()] if m else None


def find_tahapan(text: str) -> str | None:
    """Return murni / perubahan / pergeseran when a title or header names the budget stage."""
    table = _words()["w"].tahapan
    for word in re.split(r"[^A-Za-z]+", text):
        if word.upper() in table:
            return table[word.upper()]
    return None


def jenis_from_tables(kinds) -> str | None:
    """Return the kind of document its recognised tables point to, for a document whose text
    names none: the first in `data/jenis_tabel.csv` order (sasaran measurement -> lkjip before
    a PK table -> pk, as an LKjIP prints its PK too); None when no table tells."""
    found = set(kinds)
    return next((r["jenis"] for r in _rows("jenis_tabel.csv") if r["kind"] in found), None)


def find_jenis(text: str) -> tuple[str, str | None] | None:
    """Return (jenis, implied tahapan) of the first kind, in precedence order, named in `text`."""
    for jenis, pattern, tahapan in _jenis_patterns():
        if pattern.search(text):
            return jenis, tahapan
    return None


def _lines(text: str) -> list[str]:
    return [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]


def _continues(line: str) -> bool:
    """Tell whether a line breaks inside a name: it ends with a comma or a joining word
    ("DINAS PENDIDIKAN DAN" / "KEBUDAYAAN", tangsel-dikbud-2023 p1)."""
    last = line.split()[-1]
    return last.endswith(",") or last.upper() in _words()["w"].joining


# a line that opens a new element of a cover or title block, never the rest of a name
_OPENS = re.compile(r"^(?:PROVINSI|KABUPATEN|KOTA|PEMERINTAH|TAHUN|LAPORAN|PERJANJIAN|\d)", re.IGNORECASE)


def _name_runs_on(line: str, nxt: str) -> bool:
    """Tell whether a cover line in capitals that names an agency goes on in the next line:
    "BADAN PENELITIAN, PENGEMBANGAN DAN PENERAPAN" / "ILMU PENGETAHUAN DAN TEKNOLOGI
    PROVINSI JAWA BARAT" (jabar-bp3iptek-2016 cover p1, read by OCR). Both lines are in
    capitals, the first names no region yet and the second opens no new element."""
    if not (line.isupper() and nxt.isupper()) or _OPENS.match(nxt):
        return False
    if re.search(r"\b(?:PROVINSI|KABUPATEN|KOTA)\b", line):
        return False
    return find_opd(line) is not None


def _joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if out and (_continues(out[-1]) or _name_runs_on(out[-1], ln)):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def _prose(line: str) -> bool:
    """Tell whether a line is running text: a word in lower case that is no joining word."""
    joining = _words()["w"].joining
    label = line.split(":", 1)[0] if ":" in line[:40] else ""
    rest = line[len(label) :]
    return any(t[0].islower() and _core(t).upper() not in joining for t in rest.split() if t[0].isalpha())


_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+")  # "80.103.588.769": a table row, not a title
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ./]{0,25}\s:")
_NORM = re.compile(r"\d+")
_ROMAN_TOKEN = re.compile(r"\b[ivxl]+\b")


def _normal(line: str) -> str:
    """A line with numbers and page numerals blanked, to see it repeat from page to page."""
    return " ".join(_ROMAN_TOKEN.sub(" ", _NORM.sub("#", line.lower())).split())


def _running(pages: list[list[str]]) -> list[str]:
    """Lines printed on many pages (running header and footer), first-seen order."""
    with_text = [p for p in pages if p]
    if len(with_text) < 2:
        return []
    counts = Counter(n for p in with_text for n in {_normal(ln) for ln in p})
    need = max(2, RUNNING_SHARE * len(with_text))
    out, seen = [], set()
    for p in with_text:
        for ln in p:
            n = _normal(ln)
            if counts[n] >= need and len(n.split()) >= 2 and n not in seen and len(ln.split()) <= MAX_TITLE_WORDS:
                seen.add(n)
                out.append(ln)
    return out


def _titled(line: str) -> bool:
    """Tell whether a page-1 line belongs to a title block: a label line ("SKPD : ..."), or a
    short non-prose line that names a report kind or starts with a pemda, "PEMERINTAH" or an
    agency."""
    w = _words()["w"]
    tokens = line.split()
    if len(tokens) > MAX_TITLE_WORDS:
        return False
    if _LABEL.match(line):
        return True
    if _prose(line) or _AMOUNT.search(line):
        return False
    return bool(
        find_jenis(line)
        or find_pemda(line)
        or re.search(r"\bTAHUN\s+ANGGARAN\s+(?:19|20)\d\d", line, re.IGNORECASE)
        or tokens[0].upper() == "PEMERINTAH"
        or _at(tokens, 0, w.pemda)
        or _at(tokens, 0, w.opd)
        or _at(tokens, 0, w.singkatan)
    )


def _signatures(pages: list[list[str]]) -> list[str]:
    """Signature blocks: "KEPALA DINAS ... / PENATAAN RUANG KABUPATEN GROBOGAN" with the title
    word dropped and the lines of the name joined until the pemda is named."""
    w = _words()["w"]
    out = []
    for lines in pages:
        for k, line in enumerate(lines):
            text = re.sub(r"^Jabatan\s*:\s*", "", line, flags=re.IGNORECASE)
            tokens = text.split()
            hit = _at(tokens, 0, w.signer) if tokens else None
            if not hit or _prose(text) or len(tokens) > 12:
                continue
            n = hit[0]
            if _at(tokens, 0, w.pemda):
                n = 0  # GUBERNUR / BUPATI / WALIKOTA name the pemda itself
            block = " ".join(tokens[n:])
            for nxt in lines[k + 1 : k + 4]:
                if find_pemda(block):
                    break
                if _at(nxt.split(), 0, w.pemda):
                    block = f"{block} {nxt}"
                    break
                if _prose(nxt) or re.search(r"[\d.]", nxt) or len(nxt.split()) > 8:
                    break
                block = f"{block} {nxt}"
            if block.strip(_EDGE + " "):
                out.append(block)
    return out


_TITLE_TAIL = re.compile(r"^\s*(?:INSTANSI\s+PEMERINTAH\s*)?(?:\([^)]{1,15}\)\s*)?(?:(?:OPD|SKPD)\s+)?", re.IGNORECASE)


def _title_sentences(pages: list[list[str]]) -> list[str]:
    """The words after each report title in the first pages' running text: "(LKIP) Biro
    Organisasi Sekretariat Daerah Tahun 2016 disusun ..." (jabar-biroorganisasi-2016 p1)."""
    text = " ".join(" ".join(p) for p in [p for p in pages if p][:BODY_PAGES])
    out = []
    for _, pattern, _ in _jenis_patterns():
        for m in pattern.finditer(text):
            rest = text[m.end() :]
            rest = rest[_TITLE_TAIL.match(rest).end() :]
            out.append((m.start(), " ".join(rest.split()[:MAX_OPD_WORDS + 6])))
    return [s for _, s in sorted(out)]


def _read_sentence(sentence: str) -> dict:
    """Read "<OPD> [Pemerintah Daerah] [<pemda>] [Tahun YYYY]" from the start of a title sentence."""
    tokens, mixed = sentence.split(), _mixed(sentence)
    found: dict = {}
    i = 0
    opd = _opd_at(tokens, 0, mixed) if tokens else None
    if opd:
        found["opd"], i = opd
    while i < len(tokens) and _core(tokens[i]).upper() in ("PEMERINTAH", "DAERAH"):
        i += 1
    pemda = _pemda_at(tokens, i, mixed) if i < len(tokens) else None
    if pemda:
        found["pemda"], i = pemda
    tahun = _TAHUN.match(" ".join(tokens[i : i + 3]))
    if tahun and int(tahun.group(1)) in YEARS:
        found["tahun"] = int(tahun.group(1))
    return found


def _decide(zones: list[tuple[str, list[str]]], sentences: list[str] = (), extra: dict | None = None) -> Metadata:
    """Take each field from the most trusted zone that states it, the first chunk first.

    The kind is the zone's first in precedence order (data/jenis_dokumen.csv), read first from
    its lines printed in capitals or carrying a year: a mixed-case line without one is as
    likely a table row naming a document ("Koordinasi dan Penyusunan DPA-SKPD" in the title
    block of the sulut RKA p1) as a title."""
    meta = Metadata()

    def first(fn, name: str, titled_only: bool = False) -> None:
        """Set `name` from the first chunk of the most trusted zone that states it; with
        `titled_only`, only from chunks naming the document's own kind ("LAPORAN CAPAIAN
        INDIKATOR KINERJA PERUBAHAN"), not from a table row ("Perubahan RKA-SKPD",
        tangsel-dikbud-2023 p1)."""
        for source, chunks in zones:
            for chunk in chunks:
                if titled_only and (find_jenis(chunk) or ("",))[0] != meta.jenis:
                    continue  # a stage or quarter counts in the document's own title only
                value = fn(chunk)
                if value is not None:
                    setattr(meta, name, value)
                    meta.sources[name] = source
                    return

    implied = None
    for source, chunks in zones:
        strong = [c for c in chunks if not _mixed(c) or find_tahun(c) or _TAHUN.search(c)]
        hit = find_jenis(" | ".join(strong)) or find_jenis(" | ".join(chunks))
        if hit:
            meta.jenis, implied = hit
            meta.sources["jenis"] = source
            break
    first(find_pemda, "pemda")
    first(find_opd, "opd")
    first(lambda c: find_tahun(c, titled=bool(find_jenis(c))), "tahun")
    first(find_tahapan, "tahapan", titled_only=True)
    first(find_bulan, "bulan")
    first(find_triwulan, "triwulan", titled_only=True)
    for sentence in sentences:
        for name, value in _read_sentence(sentence).items():
            if getattr(meta, name) is None:
                setattr(meta, name, value)
                meta.sources[name] = BODY
    if "jenis" not in meta.sources:
        hit = next((h for h in (find_jenis(s) for s in sentences) if h), None)
        if sentences and hit:
            meta.jenis, implied = hit
            meta.sources["jenis"] = BODY
    for name, (value, source) in (extra or {}).items():
        if getattr(meta, name) is None and value is not None:
            setattr(meta, name, value)
            meta.sources[name] = source
    if meta.tahapan is None and implied:
        meta.tahapan = implied
        meta.sources["tahapan"] = "jenis"
    return meta


def read_pdf_metadata(page_texts: list[str]) -> Metadata:
    """Read a PDF's kind, pemda, OPD, year, stage and period from its page texts."""
    pages = [_lines(t) for t in page_texts]
    running = _running(pages)
    run_set = {_normal(ln) for ln in running}
    cover = _joined(pages[0]) if pages and 0 < len(pages[0]) <= COVER_MAX_LINES else []
    title: list[str] = []
    if pages and not cover:
        # the title block of a document without a cover is on its first page; where that
        # page is an image, a later page's lines are a chapter's, not a title (jabar-bappeda
        # p2 prints "Perencanaan dan Perjanjian Kinerja" over its executive summary)
        lines = [ln for ln in pages[0] if _normal(ln) not in run_set]
        title = [ln for ln in _joined(lines) if _titled(ln)]
    zones = [(COVER, cover), (TITLE, title), (RUNNING, running), (SIGNATURE, _signatures(pages))]
    return _decide(zones, _title_sentences(pages))


def _is_header(row: list[str]) -> bool:
    return sum(1 for c in row if c.strip()) >= 3


def read_sheet_metadata(sheets: list[tuple[str, list[list[str]]]]) -> Metadata:
    """Read a spreadsheet export's metadata from its cells.

    An export has no cover: its title block is the rows above the first row of three or more
    cells (the sample CIK export: title, "TAHUN ANGGARAN 2024", "OPD : ...", "BULAN : ...").
    Beyond that, a column headed "tahun" holding one year on every row gives the year
    (mamberamoraya rkpdp2), header words ("JUMLAH PERUBAHAN", "menjadi_anggaran") the stage,
    and a pemda named in the cells the pemda, when the cells name it at least twice and twice as
    often as any other (a cell may name a town the money goes to).
    """
    title: list[str] = []
    headers: list[str] = []
    years: set[str] = set()
    mentions: Counter = Counter()
    for _, rows in sheets:
        start = next((i for i, r in enumerate(rows) if _is_header(r)), len(rows))
        title += [" ".join(c.strip() for c in r if c.strip()) for r in rows[:start] if any(c.strip() for c in r)]
        if start == len(rows):
            continue
        header = rows[start]
        headers.append(" ".join(header))
        for col, name in enumerate(header):
            if name.strip().lower() == "tahun":
                years |= {r[col].strip() for r in rows[start + 1 :] if col < len(r) and r[col].strip()}
        for r in rows[start + 1 :]:
            for cell in r:
                if cell and any(p in cell.upper() for p in ("KABUPATEN", "KOTA", "PROVINSI", "PROPINSI")):
                    tokens, mixed = cell.split(), _mixed(cell)
                    for i in range(len(tokens)):
                        hit = None if _generic_before(tokens, i) else _pemda_at(tokens, i, mixed)
                        if hit:
                            mentions[hit[0]] += 1
    extra = {}
    if len(years) == 1 and _YEAR.match(next(iter(years))):
        extra["tahun"] = (int(next(iter(years))), YEAR_COLUMN)
    if headers:
        extra["tahapan"] = (next((t for t in map(find_tahapan, headers) if t), None), SHEET_HEADER)
    ranked = mentions.most_common(2)
    if ranked and ranked[0][1] >= CELL_MENTIONS and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        extra["pemda"] = (ranked[0][0], CELLS)
    return _decide([(TITLE, title)], extra=extra)


def looks_like_report(page_texts: list[str]) -> bool:
    """Tell whether the front pages name a performance report (LKjIP, LAKIP, CIK)."""
    front = " ".join(" ".join(page_texts[:FRONT_PAGES]).upper().split())
    return any(m in front for m in _markers())


@lru_cache(maxsize=1)
def _markers() -> list[str]:
    return [row["marker"].upper() for row in _rows("report_markers.csv")]
