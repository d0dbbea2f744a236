"""Write LKjIP-like PDFs in several house styles, for testing the extractor on unseen layouts.

The values printed come only from the ReportData given (hand-transcribed golden CSVs, or
the deterministic synthetic year built from them); what an extractor should yield is computed
from that same data by expected_budget_lines / expected_sasaran / expected_footer, never from
an extraction.

Library: fpdf2 (tested with 2.8.9), core fonts only (Helvetica / Times: real text, WinAnsi).
"""

from __future__ import annotations

import csv
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Iterator, Literal

from fpdf import FPDF
from fpdf.output import PDFPage

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden"

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
_LEVEL_BY_PARTS = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}

A4_W, A4_H = 595.28, 841.89
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    """One coded line of the budget table (Tabel 3.9), values as the report prints them."""

    kode: str  # canonical U.BB.PP.K.KK.SSSS (or a prefix of it)
    level: str  # urusan / bidang / program / kegiatan / sub_kegiatan
    nama: str = ""
    nomor: str = ""  # printed running number ("1."), in the P./K./SK. column of its level
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    serapan: Decimal | None = None  # printed "CAPAIAN IK" of the budget, in percent
    indikator: str = ""
    satuan: str = ""
    target: Decimal | None = None
    realisasi_ik: Decimal | None = None
    capaian: Decimal | None = None  # printed "CAPAIAN IK" of the indicator, in percent
    ket: str = ""
    kode_printed: str = ""  # as printed in the source, cells joined by " | " (code_style "mixed")
    dash: frozenset[str] = frozenset()  # numeric fields (names above) printed "-" (value None)


@dataclass(frozen=True)
class BudgetFooter:
    total_program: int
    total_kegiatan: int
    total_sub_kegiatan: int
    rata_program: Decimal | None
    rata_kegiatan: Decimal | None
    rata_sub_kegiatan: Decimal | None
    jumlah_pagu: Decimal
    jumlah_realisasi: Decimal
    jumlah_pct: Decimal | None
    sisa: Decimal
    sisa_pct: Decimal | None


@dataclass(frozen=True)
class SasaranValue:
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None


@dataclass(frozen=True)
class SasaranRow:
    sasaran: str
    indikator: str
    satuan: str  # printed only in one-year tables
    values: tuple[SasaranValue, ...]  # one for tahunan/renstra, one per year for multitahun


@dataclass(frozen=True)
class SasaranTable:
    nomor: str  # "3.1"
    jenis: Literal["tahunan", "multitahun", "renstra"]
    rows: tuple[SasaranRow, ...]
    title: str = ""  # printed under the caption; a default is made from jenis if empty
    sumber: str = ""

    @property
    def years(self) -> list[int]:
        return sorted({v.tahun for r in self.rows for v in r.values})


@dataclass(frozen=True)
class ContextTable:
    """A non-sasaran table (TPAK per kabupaten) placed among the sasaran tables as a distractor."""

    nomor: str
    title: str
    years: tuple[int, ...]
    rows: tuple[tuple[str, tuple[Decimal, ...]], ...]


@dataclass(frozen=True)
class ReportData:
    tahun: int
    budget_lines: tuple[BudgetLine, ...]
    sasaran_tables: tuple[SasaranTable, ...]
    footer: BudgetFooter | None = None  # None: computed from the lines (compute_footer)
    pemda: str = "Kabupaten Klungkung"
    opd: str = "Dinas Ketenagakerjaan"
    opd_short: str = "Disnaker"
    budget_table_nomor: str = "3.9"
    budget_sumber: str = ""  # default "Sumber data: CIK Disnaker Tahun <tahun>"
    context_table: ContextTable | None = None


# --------------------------------------------------------------------------------------------
# Style
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    name: str = "custom"
    rules: Literal["full", "horizontal", "none"] = "full"
    orientation: Literal["landscape", "rotated"] = "landscape"  # budget-table pages
    repeat_header: bool = True  # budget header on every continuation page
    split_row: bool = False  # rows may (and at least one will) break across a page
    code_style: Literal["dotted", "spaced_split", "spaced", "official", "mixed", "split5"] = "mixed"
    number_locale: Literal["id", "en", "rp"] = "id"
    satuan: Literal["brackets", "column"] = "brackets"
    header_spelling: Literal["cik", "simple"] = "cik"
    blank_mark: str = ""  # how an absent number is printed in the budget table ("" or "-")
    table_font: Literal["helvetica", "times", "courier"] = "helvetica"
    table_font_size: float = 7.0  # 7-9 pt
    body_font: Literal["times", "helvetica"] = "times"
    bold_parents: bool = True  # urusan / bidang / program rows in bold
    cover_publication_year: bool = True  # cover also says "TAHUN <year+1>" (as the real one)
    producer: Literal["fpdf2", "reportlab"] = "fpdf2"  # the PDF library that writes the file
    amount_pct: Literal["serapan", "each"] = "serapan"  # "each": a % column after pagu too
    numbered_header: bool = False  # a row "1 2 3 ... n" under every table header
    code_header: Literal["kode", "levels"] = "kode"  # split5: one KODE cell, or a level name each


STYLES: dict[str, Style] = {
    s.name: s
    for s in (
        # As close to the real 2024 report as the generator gets.
        Style(name="cik_like", rules="full", orientation="landscape", repeat_header=True,
              split_row=True, code_style="mixed", number_locale="id", satuan="brackets",
              header_spelling="cik", table_font_size=7),
        # Same form, printed on portrait pages turned by /Rotate 90.
        Style(name="cik_rotated", rules="full", orientation="rotated", repeat_header=True,
              split_row=False, code_style="dotted", number_locale="id", satuan="brackets",
              header_spelling="cik", table_font_size=7),
        # Booktabs-like rules, English digits, official codes, SATUAN column, simple header.
        Style(name="horizontal_en", rules="horizontal", orientation="landscape",
              repeat_header=False, split_row=True, code_style="official", number_locale="en",
              satuan="column", header_spelling="simple", table_font_size=8,
              body_font="helvetica", cover_publication_year=False),
        # No rules at all: columns aligned by position only; amounts as "Rp 1.234".
        Style(name="no_rules_rp", rules="none", orientation="landscape", repeat_header=True,
              split_row=False, code_style="spaced", number_locale="rp", satuan="column",
              header_spelling="simple", blank_mark="-", table_font_size=8),
        # Rotated pages, header only on the first page, split codes, rows broken over pages.
        Style(name="rotated_split", rules="horizontal", orientation="rotated",
              repeat_header=False, split_row=True, code_style="spaced_split",
              number_locale="id", satuan="column", header_spelling="cik", table_font_size=7,
              blank_mark="-"),
        # No rules on rotated pages, larger type.
        Style(name="no_rules_rotated", rules="none", orientation="rotated", repeat_header=True,
              split_row=True, code_style="dotted", number_locale="en", satuan="brackets",
              header_spelling="simple", table_font_size=9, body_font="helvetica"),
        # Full grid, official codes, rupiah amounts, CIK header not repeated.
        Style(name="full_official_rp", rules="full", orientation="landscape",
              repeat_header=False, split_row=False, code_style="official", number_locale="rp",
              satuan="brackets", header_spelling="cik", table_font_size=8,
              cover_publication_year=False),
        # Written by reportlab, not fpdf2: no rules, text column-major and word by word.
        Style(name="reportlab_plain", rules="none", orientation="landscape", repeat_header=True,
              split_row=False, code_style="official", number_locale="id", satuan="column",
              header_spelling="simple", table_font_size=8, body_font="helvetica",
              producer="reportlab"),
        # "Pagu | % | Realisasi | %": the pagu's share of the whole budget, then the serapan.
        Style(name="pct_each", rules="horizontal", orientation="landscape", repeat_header=True,
              split_row=False, code_style="dotted", number_locale="id", satuan="column",
              header_spelling="simple", table_font_size=7, amount_pct="each"),
        # A flat SIPD list: the code over five cells under one "Kode", one header row, no bold.
        Style(name="sipd_split5", rules="full", orientation="landscape", repeat_header=True,
              split_row=False, code_style="split5", number_locale="id", satuan="column",
              header_spelling="simple", table_font_size=7, bold_parents=False),
        # Column numbers "1 2 3 ... n" under every header, rows broken over pages.
        Style(name="numbered_cik", rules="full", orientation="landscape", repeat_header=True,
              split_row=True, code_style="mixed", number_locale="id", satuan="brackets",
              header_spelling="cik", table_font_size=7, numbered_header=True),
    )
}


# --------------------------------------------------------------------------------------------
# Numbers and codes as printed
# --------------------------------------------------------------------------------------------


def _places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _fmt(d: Decimal, places: int, thousands: str, decimal: str) -> str:
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(q):.{places}f}"
    ip, _, fp = text.partition(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    out = thousands.join(groups) + (decimal + fp if fp else "")
    return ("-" if q < 0 else "") + out


def _seps(locale: str) -> tuple[str, str]:
    return (",", ".") if locale == "en" else (".", ",")


def fmt_amount(d: Decimal, locale: str) -> str:
    """Rupiah amounts: "6.214.345.759,00" (id), "6,214,345,759.00" (en), "Rp 6.214.345.759" (rp)."""
    if locale == "rp":
        return "Rp " + _fmt(d, 0, ".", ",")
    return _fmt(d, 2, *_seps(locale))


def fmt_total(d: Decimal, locale: str) -> str:
    """Amounts in the footer rows (JUMLAH / SISA)."""
    if locale == "id":
        return "Rp. " + _fmt(d, 2, ".", ",")
    return "Rp " + fmt_amount(d, locale).removeprefix("Rp ")


def fmt_pct(d: Decimal, locale: str) -> str:
    """Percentages keep their printed decimals: "91,98" / "91.98" / "91,98%"."""
    text = _fmt(d, _places(d), *_seps(locale))
    return text + "%" if locale == "rp" else text


def fmt_value(d: Decimal, locale: str) -> str:
    """Targets and realisations keep their printed decimals ("2", "79,00")."""
    return _fmt(d, _places(d), *_seps(locale))


def _kode_parts(kode: str) -> list[str]:
    return kode.split(".")


def printed_code(kode: str, code_style: str) -> tuple[str, str]:
    """The two KODE cells (main, sub) for a canonical code in one code style."""
    p = _kode_parts(kode)
    n = len(p)
    sub2 = f"{int(p[5]):02d}" if n == 6 else ""
    if code_style == "official":
        return ".".join(p), ""
    if code_style == "dotted":
        return ".".join(p[:5] + ([sub2] if sub2 else [])), ""
    # spaced forms: "2 07 01 2.06" for a kegiatan
    if n <= 3:
        spaced = " ".join(p)
    else:
        spaced = " ".join(p[:3]) + " " + ".".join(p[3:5])
    if code_style == "spaced":
        return (spaced + " " + sub2 if sub2 else spaced), ""
    if code_style == "spaced_split":
        if n == 2:
            return p[0], p[1]
        return spaced, sub2
    raise ValueError(f"unknown code style {code_style!r}")


def split5_cells(kode: str) -> list[str]:
    """Urusan | Bidang | Program | Kegiatan | Sub Kegiatan cells, as SIPD lists print them:
    "2 | 07 | 01 | 2.02 | 0001" for a sub-kegiatan, the cells right of a parent's level empty."""
    p = _kode_parts(kode)
    cells = p[:3] + [".".join(p[3:5]) if len(p) > 3 else ""] + [p[5] if len(p) > 5 else ""]
    return cells + [""] * (5 - len(cells))


def _line_code_cells(line: BudgetLine, style: Style, index: int, count: int) -> tuple[str, str]:
    if style.code_style == "split5":  # five cells: see split5_cells
        return " ".join(c for c in split5_cells(line.kode) if c), ""
    if style.code_style != "mixed":
        return printed_code(line.kode, style.code_style)
    if line.kode_printed:
        main, _, sub = line.kode_printed.partition(" | ")
        return main, sub
    # like the real report: first lines dotted, then split cells, the last sub-kegiatan spaced
    if index < round(count * 0.22):
        return printed_code(line.kode, "dotted")
    if index >= round(count * 0.8) and line.level == "sub_kegiatan":
        return printed_code(line.kode, "spaced")
    return printed_code(line.kode, "spaced_split")


# --------------------------------------------------------------------------------------------
# Data builders
# --------------------------------------------------------------------------------------------


def _dec(text: str) -> Decimal | None:
    text = (text or "").strip()
    return Decimal(text) if text else None


def _read_csv(name: str) -> list[dict]:
    with (GOLDEN_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _default_title(table: SasaranTable, data: ReportData) -> str:
    if table.jenis == "tahunan":
        return f"Pengukuran Kinerja {data.opd} {data.pemda} Tahun {data.tahun}"
    if table.jenis == "multitahun":
        ys = table.years
        return f"Capaian Kinerja Tahun {ys[0]} - {ys[-1]}"
    return f"Capaian Kinerja Renstra {data.opd_short} Tahun {data.tahun}"


def _sasaran_from_rows(rows: list[dict]) -> tuple[SasaranTable, ...]:
    tables: dict[str, dict] = {}
    for g in rows:
        t = tables.setdefault(g["tabel"], {"jenis": g["jenis"], "rows": {}})
        key = (g["sasaran"], g["indikator"])
        r = t["rows"].setdefault(key, {"satuan": g["satuan"], "values": []})
        r["values"].append(
            SasaranValue(int(g["tahun"]), _dec(g["target"]), _dec(g["realisasi"]),
                         _dec(g["capaian_pct_reported"]))
        )
    return tuple(
        SasaranTable(
            nomor=nomor,
            jenis=t["jenis"],
            rows=tuple(SasaranRow(s, i, r["satuan"], tuple(r["values"])) for (s, i), r in t["rows"].items()),
        )
        for nomor, t in tables.items()
    )


_BALI_2022_2024 = (  # Tabel of TPAK per kabupaten, as printed on page 20 of the 2024 report
    ("Kabupaten Jembrana", ("80.60", "80.05", "80.10")),
    ("Kabupaten Tabanan", ("76.93", "74.16", "75.29")),
    ("Kab. Badung", ("72.80", "73.79", "75.59")),
    ("Kab. Gianyar", ("80.26", "77.26", "76.50")),
    ("Kab. Klungkung", ("79.81", "79.88", "77.23")),
    ("Kab. Bangli", ("83.36", "83.04", "82.27")),
    ("Kab. Karangasem", ("85.39", "86.01", "83.74")),
    ("Kab. Buleleng", ("75.38", "75.49", "79.77")),
    ("Kota Denpasar", ("72.37", "73.13", "69.71")),
    ("Provinsi Bali", ("76.86", "77.08", "77.11")),
)


def klungkung_2024() -> ReportData:
    """The real 2024 report's values, from tests/golden/ (contradictions kept as printed)."""
    lines = []
    for g in _read_csv("klungkung_2024_anggaran.csv"):
        lines.append(
            BudgetLine(
                kode=g["kode"], level=g["level"], nama=g["nama_printed"], nomor=g["nomor_printed"],
                pagu=_dec(g["pagu_idr"]), realisasi=_dec(g["realisasi_idr"]),
                serapan=_dec(g["serapan_pct_reported"]), indikator=g["indikator"], satuan=g["satuan"],
                target=_dec(g["target"]), realisasi_ik=_dec(g["realisasi"]),
                capaian=_dec(g["capaian_pct_reported"]),
                ket="Disetujui" if g["nomor_printed"] else "", kode_printed=g["kode_printed"],
            )
        )
    # Footer as printed on page 28 of the real report (its JUMLAH differs from the sum of the
    # urusan lines; kept as printed, like tests/test_klungkung_2024.py reads it).
    footer = BudgetFooter(
        total_program=5, total_kegiatan=13, total_sub_kegiatan=23,
        rata_program=Decimal("106.23"), rata_kegiatan=Decimal("109.86"),
        rata_sub_kegiatan=Decimal("107.21"),
        jumlah_pagu=Decimal("6254031019.00"), jumlah_realisasi=Decimal("5736636675.00"),
        jumlah_pct=Decimal("91.73"), sisa=Decimal("517394344.00"), sisa_pct=Decimal("8.27"),
    )
    ctx = ContextTable(
        nomor="3.4",
        title="Tingkat partisipasi Angkatan kerja Provinsi Bali Menurut Kabupaten/Kota",
        years=(2022, 2023, 2024),
        rows=tuple((n, tuple(Decimal(v) for v in vs)) for n, vs in _BALI_2022_2024),
    )
    return ReportData(
        tahun=2024,
        budget_lines=tuple(lines),
        sasaran_tables=_sasaran_from_rows(_read_csv("klungkung_2024_sasaran.csv")),
        footer=footer,
        context_table=ctx,
    )


def _pct(num: Decimal, den: Decimal) -> Decimal | None:
    if not den:
        return None
    return (num / den * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def parent_kode(kode: str) -> str | None:
    p = _kode_parts(kode)
    cut = {6: 5, 5: 3, 3: 2, 2: 1}.get(len(p))
    return ".".join(p[:cut]) if cut else None


def compute_footer(lines: tuple[BudgetLine, ...] | list[BudgetLine]) -> BudgetFooter:
    def mean(level: str) -> Decimal | None:
        vals = [ln.capaian for ln in lines if ln.level == level and ln.capaian is not None]
        return (sum(vals) / len(vals)).quantize(CENT, rounding=ROUND_HALF_UP) if vals else None

    top = [ln for ln in lines if ln.level == "urusan"]
    pagu = sum((ln.pagu or Decimal(0) for ln in top), Decimal("0.00"))
    real = sum((ln.realisasi or Decimal(0) for ln in top), Decimal("0.00"))
    return BudgetFooter(
        total_program=sum(ln.level == "program" for ln in lines),
        total_kegiatan=sum(ln.level == "kegiatan" for ln in lines),
        total_sub_kegiatan=sum(ln.level == "sub_kegiatan" for ln in lines),
        rata_program=mean("program"), rata_kegiatan=mean("kegiatan"),
        rata_sub_kegiatan=mean("sub_kegiatan"),
        jumlah_pagu=pagu, jumlah_realisasi=real, jumlah_pct=_pct(real, pagu),
        sisa=pagu - real, sisa_pct=_pct(pagu - real, pagu),
    )


_WHOLE_UNITS = {"orang", "dokumen", "laporan", "paket", "unit", "kali", "perkara", "serikat pekerja"}


def synthetic_2023() -> ReportData:
    """A plausible 2023 report of the same OPD: same structure, new deterministic values.

    Parents are exactly the sums of their children, every percentage is recomputed and rounded
    half-up to 2 decimals, the 2024 report's typos are fixed, and a few blanks are planted: one
    sub-kegiatan with pagu and realisasi "0,00" whose serapan is printed "-", and indicator
    realisations of 0 ("0,00").
    """
    base = klungkung_2024().budget_lines
    fixed: list[BudgetLine] = []
    for ln in base:
        kode, nama, ind, sat = ln.kode, ln.nama, ln.indikator, ln.satuan
        if kode == "2.07.01.2.03":  # printed code of "Administrasi Kepegawaian" was wrong
            kode = "2.07.01.2.05"
        if kode == "2.07.01.2.01.0002" and not nama:
            nama = "Evaluasi Kinerja Perangkat Daerah"
        if kode == "2.07.01.2.05" and not ind:
            ind, sat = "Persentase Layanan Administrasi Kepegawaian yang Terpenuhi", "Persen"
        nama = nama.replace("PELUANG JURUSAN", "PENUNJANG URUSAN").replace("Tahun 2024", "Tahun 2023")
        ind = ind.replace("umlah Fasilitas", "Jumlah Fasilitas").replace("Tahun 2024", "Tahun 2023")
        ind = ind.replace("Jumlah Jumlah", "Jumlah")
        fixed.append(replace(ln, kode=kode, nama=nama, indikator=ind, satuan=sat[:1].upper() + sat[1:],
                             kode_printed="", nomor="", ket=""))

    # sub-kegiatan amounts, then parents as exact sums
    amounts: dict[str, tuple[Decimal, Decimal]] = {}
    zero_line = "2.07.01.2.06.0005"
    subs = [ln for ln in fixed if ln.level == "sub_kegiatan"]
    for i, ln in enumerate(subs):
        if ln.kode == zero_line:
            amounts[ln.kode] = (Decimal("0.00"), Decimal("0.00"))
            continue
        f = Decimal(88 + (i * 37) % 17) / HUNDRED  # 0.88 .. 1.04
        r = Decimal(1) if i % 7 == 3 else Decimal(6000 + (i * 5347) % 3991) / 10000  # 0.60 .. 0.999
        pagu = ((ln.pagu or Decimal(0)) * f / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000
        real = (pagu * r).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        amounts[ln.kode] = (pagu.quantize(CENT), real.quantize(CENT))
    for level in ("kegiatan", "program", "bidang", "urusan"):
        for ln in fixed:
            if ln.level != level:
                continue
            kids = [amounts[c.kode] for c in fixed if parent_kode(c.kode) == ln.kode]
            if not kids:
                raise ValueError(f"{ln.kode} has no children")
            amounts[ln.kode] = (sum((k[0] for k in kids), Decimal("0.00")), sum((k[1] for k in kids), Decimal("0.00")))

    ratios = [Decimal(1), Decimal(1), Decimal("0.95"), Decimal(1), Decimal("1.10"), Decimal(1), Decimal("0.90")]
    counters = {"program": 0, "kegiatan": 0, "sub_kegiatan": 0}
    out: list[BudgetLine] = []
    for i, ln in enumerate(fixed):
        pagu, real = amounts[ln.kode]
        serapan = _pct(real, pagu)
        dash = frozenset({"serapan"}) if serapan is None else frozenset()
        target = realisasi_ik = capaian = None
        if ln.level in counters:
            target = (ln.target if ln.target is not None else Decimal(100)).quantize(CENT)
            whole = ln.satuan.lower() in _WHOLE_UNITS
            if ln.kode in (zero_line, "2.07.05.2.02.0002"):
                realisasi_ik = Decimal("0.00")
            else:
                realisasi_ik = target * ratios[i % len(ratios)]
                realisasi_ik = realisasi_ik.quantize(Decimal(1) if whole else CENT, rounding=ROUND_HALF_UP).quantize(CENT)
            capaian = _pct(realisasi_ik, target)
            counters[ln.level] += 1
        nomor = f"{counters[ln.level]}." if ln.level in counters else ""
        out.append(replace(
            ln, pagu=pagu, realisasi=real, serapan=serapan, dash=dash, target=target,
            realisasi_ik=realisasi_ik, capaian=capaian, nomor=nomor,
            ket="Disetujui" if ln.level in counters else "",
        ))

    def v(tahun, t, r) -> SasaranValue:
        t, r = Decimal(t), Decimal(r)
        return SasaranValue(tahun, t, r, _pct(r, t))

    tpak, tpak_ind = "Terserapnya Angkatan Kerja", "Tingkat partisipasi Angkatan Kerja ( TPAK )"
    hi = "Meningkatnya Harmonisasi Hubungan Industrial Antar Pekerja Dengan Perusahaan"
    hi_ind = "Jumlah perselisihan hubungan industrial"
    tpak_years = (v(2021, "77.00", "78.27"), v(2022, "77.75", "79.81"), v(2023, "78.25", "79.81"))
    hi_years = (v(2021, "2", "2"), v(2022, "2", "0"), v(2023, "2", "1"))
    sasaran = (
        SasaranTable("3.1", "tahunan", (SasaranRow(tpak, tpak_ind, "%", (tpak_years[-1],)),)),
        SasaranTable("3.2", "multitahun", (SasaranRow(tpak, tpak_ind, "", tpak_years),)),
        SasaranTable("3.3", "renstra", (SasaranRow(tpak, tpak_ind, "", (v(2023, "79.50", "79.81"),)),)),
        SasaranTable("3.5", "tahunan", (SasaranRow(hi, hi_ind, "Perselisihan", (hi_years[-1],)),)),
        SasaranTable("3.6", "multitahun", (SasaranRow(hi, hi_ind, "", hi_years),)),
        SasaranTable("3.7", "renstra", (
            SasaranRow(tpak, tpak_ind, "", (v(2023, "79.50", "79.81"),)),
            SasaranRow(hi, hi_ind, "", (v(2023, "2", "1"),)),
        )),
    )
    ctx_rows = []
    for j, (name, vals) in enumerate(_BALI_2022_2024):
        y2022, y2023 = Decimal(vals[0]), Decimal(vals[1])
        y2021 = y2022 - Decimal((j * 29) % 150 - 60) / HUNDRED
        ctx_rows.append((name, (y2021, y2022, y2023)))
    for_2023 = list(ctx_rows)
    for_2023[4] = ("Kab. Klungkung", (Decimal("78.27"), Decimal("79.81"), Decimal("79.81")))
    ctx = ContextTable(
        nomor="3.4",
        title="Tingkat partisipasi Angkatan kerja Provinsi Bali Menurut Kabupaten/Kota",
        years=(2021, 2022, 2023),
        rows=tuple(for_2023),
    )
    return ReportData(tahun=2023, budget_lines=tuple(out), sasaran_tables=sasaran, footer=None, context_table=ctx)


# --------------------------------------------------------------------------------------------
# Expected values (from the data, never from an extraction)
# --------------------------------------------------------------------------------------------


def _norm(text: str) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def expected_budget_lines(data: ReportData, style: Style | None = None) -> list[dict]:
    """One dict per coded line, in document order, named like fct_anggaran / fct_indikator.

    With a style, also kode_printed (cells joined by " | ") and nomor_printed (None where the
    style prints no number column).
    """
    out = []
    n = len(data.budget_lines)
    for i, ln in enumerate(data.budget_lines):
        row = {
            "kode": ln.kode,
            "level": ln.level,
            "nama": _norm(ln.nama),
            "pagu_idr": ln.pagu,
            "realisasi_idr": ln.realisasi,
            "serapan_pct_reported": ln.serapan,
            "indikator": _norm(ln.indikator),
            "satuan": _norm(ln.satuan),
            "target": ln.target,
            "realisasi": ln.realisasi_ik,
            "capaian_pct_reported": ln.capaian,
        }
        if style is not None and style.code_style == "split5":
            row["kode_printed"] = " | ".join(c for c in split5_cells(ln.kode) if c)
        elif style is not None:
            main, sub = _line_code_cells(ln, style, i, n)
            row["kode_printed"] = main + (f" | {sub}" if sub else "")
        if style is not None:
            row["nomor_printed"] = (ln.nomor or None) if style.header_spelling == "cik" else None
        out.append(row)
    return out


def expected_sasaran(data: ReportData) -> list[dict]:
    out = []
    for t in data.sasaran_tables:
        for r in t.rows:
            for v in r.values:
                out.append({
                    "tabel": t.nomor,
                    "jenis": t.jenis,
                    "tahun": v.tahun,
                    "sasaran": _norm(r.sasaran),
                    "indikator": _norm(r.indikator),
                    "satuan": _norm(r.satuan) if t.jenis == "tahunan" else None,
                    "target": v.target,
                    "realisasi": v.realisasi,
                    "capaian_pct_reported": v.capaian,
                })
    return out


def expected_footer(data: ReportData) -> BudgetFooter:
    return data.footer or compute_footer(data.budget_lines)


# --------------------------------------------------------------------------------------------
# Table layout
# --------------------------------------------------------------------------------------------


@dataclass
class _Col:
    key: str
    align: str = "L"
    wrap: bool = False
    weight: float = 1.0
    min_w: float = 0.0


@dataclass
class _HCell:
    row: int
    c0: int
    c1: int
    text: str
    nrows: int = 1


@dataclass
class _Cell:
    c0: int
    c1: int
    text: str
    align: str = "L"
    bold: bool = False
    italic: bool = False


@dataclass
class _Row:
    cells: list[_Cell]
    bold: bool = False
    splittable: bool = True
    kode: str | None = None
    lines: list[list[str]] = field(default_factory=list)
    n: int = 1


def _numbered(header: list[_HCell], hrows: int, ncols: int) -> tuple[list[_HCell], int]:
    """Add the column-number row many agencies print under a header: "1 2 3 ... n", one per column."""
    return header + [_HCell(hrows, i, i, str(i + 1)) for i in range(ncols)], hrows + 1


class _Grid:
    """A ruled (or unruled) table: column widths, wrapped cells, header, drawable row fragments."""

    def __init__(self, pdf: FPDF, style: Style, cols: list[_Col], header: list[_HCell],
                 header_rows: int, rows: list[_Row], width: float, x0: float, font_size: float):
        self.pdf, self.style, self.cols, self.header = pdf, style, cols, header
        self.header_rows, self.rows, self.fs, self.x0 = header_rows, rows, font_size, x0
        self.lh = font_size * 1.18
        self.padv, self.padh = 1.5, 2.4
        self.font = style.table_font
        self.widths = self._widths(width)
        self.xs = [x0]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self._layout()

    # -- measuring
    def _sw(self, text: str, bold: bool = False, italic: bool = False) -> float:
        self.pdf.set_font(self.font, ("B" if bold else "") + ("I" if italic else ""), self.fs)
        return self.pdf.get_string_width(text)

    def wrap(self, text: str, width: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        for para in (text or "").split("\n"):
            cur = ""
            for word in para.split():
                cand = f"{cur} {word}" if cur else word
                if self._sw(cand, bold) <= width:
                    cur = cand
                    continue
                if cur:
                    lines.append(cur)
                while self._sw(word, bold) > width and len(word) > 1:
                    k = len(word) - 1
                    while k > 1 and self._sw(word[:k], bold) > width:
                        k -= 1
                    lines.append(word[:k])
                    word = word[k:]
                cur = word
            if cur:
                lines.append(cur)
        return lines

    def _widths(self, total: float) -> list[float]:
        n = len(self.cols)
        need = [c.min_w for c in self.cols]
        word_min = [0.0] * n
        for row in self.rows:
            for cell in row.cells:
                if cell.c0 != cell.c1:
                    continue
                i = cell.c0
                bold = row.bold or cell.bold
                if self.cols[i].wrap:
                    for w in cell.text.split():
                        word_min[i] = max(word_min[i], self._sw(w, bold) + 2 * self.padh + 1.0)
                else:
                    need[i] = max(need[i], self._sw(cell.text, bold) + 2 * self.padh + 1.0)
        for h in self.header:
            if h.c0 == h.c1:
                for w in h.text.split():
                    word_min[h.c0] = max(word_min[h.c0], self._sw(w, True) + 2 * self.padh + 1.0)
        widths = [0.0] * n
        for i, c in enumerate(self.cols):
            if not c.wrap:
                widths[i] = max(need[i], word_min[i], 6.0)
        rest = total - sum(widths)
        wrap_idx = [i for i, c in enumerate(self.cols) if c.wrap]
        weight = sum(self.cols[i].weight for i in wrap_idx)
        for i in wrap_idx:
            widths[i] = rest * self.cols[i].weight / weight
        short = [i for i in wrap_idx if widths[i] < max(word_min[i], need[i])]
        if short or rest <= 0:
            raise ValueError(f"table does not fit in {total:.0f}pt at {self.fs}pt type")
        return widths

    def _layout(self) -> None:
        for row in self.rows:
            row.lines = []
            for cell in row.cells:
                w = self.xs[cell.c1 + 1] - self.xs[cell.c0] - 2 * self.padh
                bold = row.bold or cell.bold
                wraps = cell.c0 != cell.c1 or self.cols[cell.c0].wrap
                row.lines.append(self.wrap(cell.text, w, bold) if wraps else ([cell.text] if cell.text else []))
            row.n = max([1] + [len(x) for x in row.lines])
        self.hlines = []
        heights = [0.0] * self.header_rows
        for h in self.header:
            w = self.xs[h.c1 + 1] - self.xs[h.c0] - 2 * self.padh
            lines = self.wrap(h.text, w, True)
            self.hlines.append(lines)
            if h.nrows == 1:
                heights[h.row] = max(heights[h.row], self.height(len(lines)))
        for h, lines in zip(self.header, self.hlines):
            if h.nrows > 1:
                have = sum(heights[h.row:h.row + h.nrows])
                if have < self.height(len(lines)):
                    heights[h.row + h.nrows - 1] += self.height(len(lines)) - have
        self.hrow_heights = [max(x, self.height(1)) for x in heights]
        self.header_height = sum(self.hrow_heights)

    def height(self, nlines: int) -> float:
        return nlines * self.lh + 2 * self.padv

    # -- drawing
    def _text_lines(self, lines: list[str], x0: float, x1: float, y: float, align: str,
                    bold: bool, italic: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(self.font, ("B" if bold else "") + ("I" if italic else ""), self.fs)
        for k, line in enumerate(lines):
            sw = pdf.get_string_width(line)
            if align == "R":
                x = x1 - self.padh - sw
            elif align == "C":
                x = (x0 + x1 - sw) / 2
            else:
                x = x0 + self.padh
            pdf.text(x, y + self.padv + k * self.lh + self.fs * 0.92, line)

    def draw_header(self, y: float) -> float:
        pdf, rules = self.pdf, self.style.rules
        x_end = self.xs[-1]
        pdf.set_line_width(0.5)
        for h, lines in zip(self.header, self.hlines):
            top = y + sum(self.hrow_heights[:h.row])
            hh = sum(self.hrow_heights[h.row:h.row + h.nrows])
            x0, x1 = self.xs[h.c0], self.xs[h.c1 + 1]
            if rules == "full":
                pdf.rect(x0, top, x1 - x0, hh)
            elif rules == "horizontal" and h.c1 > h.c0 and h.row + h.nrows < self.header_rows:
                pdf.set_line_width(0.4)
                pdf.line(x0 + 2, top + hh, x1 - 2, top + hh)
            block = len(lines) * self.lh
            self._text_lines(lines, x0, x1, top + (hh - block) / 2 - self.padv, "C", True)
        if rules == "horizontal":
            pdf.set_line_width(1.0)
            pdf.line(self.x0, y, x_end, y)
            pdf.set_line_width(0.6)
            pdf.line(self.x0, y + self.header_height, x_end, y + self.header_height)
        return y + self.header_height

    def draw_fragment(self, row: _Row, a: int, b: int, y: float, top_rule: bool) -> float:
        pdf, rules = self.pdf, self.style.rules
        h = self.height(b - a)
        pdf.set_line_width(0.4)
        for cell, lines in zip(row.cells, row.lines):
            x0, x1 = self.xs[cell.c0], self.xs[cell.c1 + 1]
            if rules == "full":
                pdf.rect(x0, y, x1 - x0, h)
            self._text_lines(lines[a:b], x0, x1, y, cell.align, row.bold or cell.bold, cell.italic)
        if rules == "horizontal":
            pdf.set_line_width(0.3)
            if top_rule:
                pdf.line(self.x0, y, self.xs[-1], y)
            pdf.line(self.x0, y + h, self.xs[-1], y + h)
        return y + h


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


class _RotatedPage(PDFPage):
    """A PDFPage serialised with /Rotate 90 (fpdf2 builds the page dict from attributes)."""

    __slots__ = ()
    rotate = 90


@dataclass
class RenderInfo:
    """Where things landed (1-based page numbers), for tests that need source pages."""

    page_count: int = 0
    cover_page: int = 1
    sasaran_pages: dict[str, int] = field(default_factory=dict)
    budget_pages: list[int] = field(default_factory=list)
    budget_header_pages: list[int] = field(default_factory=list)
    rotated_pages: list[int] = field(default_factory=list)
    line_pages: dict[str, list[int]] = field(default_factory=dict)
    split_kodes: list[str] = field(default_factory=list)


_PROSE = {
    "kata_pengantar": [
        "Puji syukur kami panjatkan ke hadapan Tuhan Yang Maha Esa, karena berkat rahmat dan "
        "anugerah-Nya Laporan Kinerja Instansi Pemerintah {opd} {pemda} Tahun {tahun} dapat "
        "terselesaikan. Laporan ini disusun guna mendukung terselenggaranya tata kelola "
        "pemerintahan yang baik, yang merupakan syarat bagi pemerintahan untuk mewujudkan "
        "aspirasi masyarakat dan mencapai tujuan pembangunan daerah.",
        "Untuk mendukung hal tersebut diperlukan penerapan sistem pertanggungjawaban yang tepat, "
        "jelas, terukur dan sah, sehingga penyelenggaraan pemerintahan dan pembangunan dapat "
        "berdaya guna, berhasil guna, bersih dan bertanggung jawab. Laporan ini menyajikan "
        "capaian kinerja sasaran strategis serta realisasi anggaran program, kegiatan dan sub "
        "kegiatan selama tahun anggaran {tahun}.",
        "Kami menyadari laporan ini masih jauh dari sempurna. Oleh karena itu saran dan masukan "
        "yang membangun sangat kami harapkan demi penyempurnaan laporan pada tahun berikutnya.",
    ],
    "ikhtisar": [
        "Dalam rangka meningkatkan pelaksanaan pemerintahan yang berdaya guna, berhasil guna, "
        "bersih dan bertanggung jawab serta berorientasi kepada hasil, perlu adanya sistem "
        "akuntabilitas kinerja instansi pemerintah. Laporan Kinerja Instansi Pemerintah (LKjIP) "
        "merupakan bahan utama monitoring dan evaluasi sistem tersebut.",
        "Pada tahun {tahun} {opd} melaksanakan {n_program} program, {n_kegiatan} kegiatan dan "
        "{n_sub} sub kegiatan dengan pagu anggaran sebesar {jumlah_pagu} dan realisasi sebesar "
        "{jumlah_realisasi} atau {jumlah_pct} persen. Capaian kinerja sasaran strategis secara "
        "umum telah memenuhi target yang ditetapkan dalam Perjanjian Kinerja.",
    ],
    "bab1": [
        "Laporan Kinerja adalah ikhtisar yang menjelaskan secara ringkas dan lengkap tentang "
        "capaian kinerja yang disusun berdasarkan rencana kerja yang ditetapkan dalam rangka "
        "pelaksanaan Anggaran Pendapatan dan Belanja Daerah (APBD), sebagaimana diatur dalam "
        "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
        "Pemerintah dan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
        "Kinerja Instansi Pemerintah (SAKIP).",
        "{opd} {pemda} mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan bidang "
        "tenaga kerja dan bidang transmigrasi yang menjadi kewenangan daerah serta tugas "
        "pembantuan yang diberikan kepada daerah. Dalam melaksanakan tugas tersebut {opd} "
        "menyelenggarakan fungsi perumusan kebijakan, pelaksanaan kebijakan, evaluasi dan "
        "pelaporan, serta pelaksanaan administrasi dinas.",
        "Susunan organisasi terdiri atas Kepala Dinas, Sekretariat yang membawahi Sub Bagian "
        "Umum dan Kepegawaian, Bidang Pelatihan dan Penempatan Tenaga Kerja, Bidang Hubungan "
        "Industrial dan Jaminan Sosial, Bidang Transmigrasi, serta kelompok jabatan fungsional.",
    ],
    "bab2": [
        "Rencana Strategis {opd} merupakan dokumen perencanaan untuk periode lima tahun yang "
        "memuat visi, misi, tujuan, strategi, kebijakan, program dan kegiatan pembangunan sesuai "
        "dengan tugas dan fungsi perangkat daerah, berpedoman pada RPJMD {pemda}.",
        "Perjanjian Kinerja tahun {tahun} memuat sasaran strategis Terserapnya Angkatan Kerja "
        "dengan indikator Tingkat Partisipasi Angkatan Kerja (TPAK), serta sasaran Meningkatnya "
        "Harmonisasi Hubungan Industrial Antar Pekerja Dengan Perusahaan dengan indikator jumlah "
        "perselisihan hubungan industrial.",
        "Indikator Kinerja Utama (IKU) adalah ukuran keberhasilan dari suatu tujuan dan sasaran "
        "strategis organisasi. Setiap instansi pemerintah wajib merumuskan IKU sebagai prioritas "
        "program dan kegiatan yang mengacu pada sasaran strategis dalam RPJMD dan Renstra.",
    ],
    "bab3": [
        "Pengukuran kinerja dilakukan dengan membandingkan target dan realisasi indikator kinerja "
        "sasaran. Capaian kinerja dihitung sebagai perbandingan realisasi terhadap target "
        "dikalikan seratus persen, dengan kategori sangat baik, baik, cukup dan kurang.",
    ],
    "sasaran_after": [
        "Capaian tersebut didukung oleh pelaksanaan program pelatihan kerja, penempatan tenaga "
        "kerja dan pembinaan hubungan industrial. Faktor penghambat antara lain terbatasnya "
        "anggaran dan sarana pendukung, yang diatasi melalui koordinasi dengan instansi terkait.",
        "Perbandingan capaian kinerja antar tahun menunjukkan kecenderungan yang relatif stabil. "
        "Upaya yang dilakukan ke depan adalah meningkatkan kualitas layanan serta memperluas "
        "kerja sama dengan dunia usaha dan dunia industri.",
    ],
    "anggaran": [
        "Untuk mencapai sasaran strategis tersebut, pada tahun {tahun} {opd} didukung anggaran "
        "belanja sebagaimana tercantum dalam Dokumen Pelaksanaan Anggaran Perubahan. Realisasi "
        "anggaran dan capaian indikator kinerja program, kegiatan dan sub kegiatan disajikan "
        "pada tabel berikut.",
    ],
    "bab4": [
        "Laporan Kinerja Instansi Pemerintah {opd} {pemda} Tahun {tahun} merupakan wujud "
        "pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi dalam rangka mencapai visi "
        "dan misi yang telah ditetapkan.",
        "Secara umum sasaran strategis yang ditetapkan telah tercapai. Beberapa kendala yang "
        "dihadapi akan menjadi bahan evaluasi dan perbaikan dalam penyusunan rencana kerja tahun "
        "berikutnya, sehingga kinerja {opd} dapat terus ditingkatkan.",
    ],
}


class _Report:
    PORTRAIT_MARGINS = (72.0, 60.0, 62.0, 64.0)  # left, right, top, bottom
    WIDE_MARGINS = (36.0, 36.0, 50.0, 40.0)

    def __init__(self, style: Style, data: ReportData):
        self.style, self.data = style, data
        self.footer = data.footer or compute_footer(data.budget_lines)
        self.info = RenderInfo()
        if style.producer == "reportlab":
            if style.orientation != "landscape":
                raise ValueError("the reportlab producer prints its budget table on landscape pages only")
            from tests.generator.rl_backend import ReportlabPDF

            pdf = ReportlabPDF()
        else:
            pdf = FPDF(orientation="P", unit="pt", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_creation_date(datetime(data.tahun + 1, 3, 1, tzinfo=timezone.utc))
        pdf.set_title(f"LKjIP {data.opd} {data.pemda} Tahun {data.tahun}")
        pdf.set_author(f"{data.opd} {data.pemda}")
        pdf.set_creator("kinerja tests/generator")
        pdf.set_lang("id")
        pdf.set_draw_color(0, 0, 0)
        self.pdf = pdf
        self.y = 0.0
        self.sub = {
            "tahun": data.tahun, "opd": data.opd, "pemda": data.pemda,
            "n_program": self.footer.total_program, "n_kegiatan": self.footer.total_kegiatan,
            "n_sub": self.footer.total_sub_kegiatan,
            "jumlah_pagu": fmt_total(self.footer.jumlah_pagu, "id"),
            "jumlah_realisasi": fmt_total(self.footer.jumlah_realisasi, "id"),
            "jumlah_pct": fmt_pct(self.footer.jumlah_pct, "id") if self.footer.jumlah_pct is not None else "-",
        }

    # -- page furniture
    @property
    def body_size(self) -> float:
        return 11.0 if self.style.body_font == "times" else 10.0

    def _chrome(self, w: float, h: float, margins: tuple[float, float, float, float]) -> None:
        pdf = self.pdf
        left, right = margins[0], margins[1]
        text = f"LKjIP {self.data.opd} {self.data.pemda} Tahun {self.data.tahun}"
        pdf.set_font(self.style.body_font, "I", 8)
        pdf.text(w - right - pdf.get_string_width(text), 30, text)
        pdf.set_line_width(0.6)
        pdf.line(left, 34, w - right, 34)
        pdf.set_font(self.style.body_font, "", 10)
        num = str(pdf.page)
        pdf.text((w - pdf.get_string_width(num)) / 2, h - 26, num)

    def new_portrait(self) -> None:
        self.pdf.add_page(orientation="P")
        self._chrome(A4_W, A4_H, self.PORTRAIT_MARGINS)
        self.y = self.PORTRAIT_MARGINS[2]

    @contextmanager
    def wide_page(self) -> Iterator[tuple[float, float]]:
        """A budget-table page: landscape, or portrait with /Rotate 90 drawn turned."""
        pdf = self.pdf
        if self.style.orientation == "landscape":
            pdf.add_page(orientation="L")
            self._chrome(A4_H, A4_W, self.WIDE_MARGINS)
            yield A4_H, A4_W
            return
        pdf.add_page(orientation="P")
        pdf.pages[pdf.page].__class__ = _RotatedPage
        self.info.rotated_pages.append(pdf.page)
        # content drawn as on an 841.89 x 595.28 page, turned 90 degrees counter-clockwise so
        # that the viewer's clockwise /Rotate 90 shows it upright: (X, Y) -> (Y, H - X)
        with pdf.rotation(90, A4_H / 2, A4_H / 2):
            self._chrome(A4_H, A4_W, self.WIDE_MARGINS)
            yield A4_H, A4_W

    # -- prose flow on portrait pages
    @property
    def text_left(self) -> float:
        return self.PORTRAIT_MARGINS[0]

    @property
    def text_width(self) -> float:
        return A4_W - self.PORTRAIT_MARGINS[0] - self.PORTRAIT_MARGINS[1]

    @property
    def bottom(self) -> float:
        return A4_H - self.PORTRAIT_MARGINS[3]

    def ensure(self, h: float) -> None:
        if self.y + h > self.bottom:
            self.new_portrait()

    def _wrap_body(self, text: str, width: float, style: str = "") -> list[str]:
        pdf = self.pdf
        pdf.set_font(self.style.body_font, style, self.body_size)
        lines, cur = [], ""
        for word in text.split():
            cand = f"{cur} {word}" if cur else word
            if pdf.get_string_width(cand) <= width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    def paragraph(self, text: str, style: str = "", indent: float = 24.0, align: str = "L",
                  space: float = 6.0) -> None:
        text = text.format(**self.sub)
        lh = self.body_size * 1.45
        lines = self._wrap_body(text, self.text_width - indent, style)
        pdf = self.pdf
        for line in lines:
            self.ensure(lh)
            pdf.set_font(self.style.body_font, style, self.body_size)
            sw = pdf.get_string_width(line)
            if align == "C":
                x = self.text_left + (self.text_width - sw) / 2
            else:
                x = self.text_left + indent
            pdf.text(x, self.y + self.body_size, line)
            self.y += lh
        self.y += space

    def heading(self, text: str, center: bool = False, size: float | None = None) -> None:
        size = size or self.body_size + 1
        pdf = self.pdf
        pdf.set_font(self.style.body_font, "B", size)
        lines, cur = [], ""
        for word in text.split():
            cand = f"{cur} {word}" if cur else word
            if pdf.get_string_width(cand) <= self.text_width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = word
        lines.append(cur)
        self.ensure(size * 1.4 * len(lines) + size * 3)
        self.y += 4
        for line in lines:
            sw = pdf.get_string_width(line)
            x = self.text_left + (self.text_width - sw) / 2 if center else self.text_left
            pdf.text(x, self.y + size, line)
            self.y += size * 1.4
        self.y += size * 0.2

    def chapter(self, title: str, subtitle: str) -> None:
        self.new_portrait()
        self.y += 10
        self.heading(title, center=True, size=self.body_size + 3)
        self.heading(subtitle, center=True, size=self.body_size + 2)
        self.y += 6

    # -- pages
    def cover(self) -> None:
        pdf, d = self.pdf, self.data
        pdf.add_page(orientation="P")
        font = self.style.body_font

        def center(text: str, y: float, style: str = "", size: float = 16) -> None:
            pdf.set_font(font, style, size)
            pdf.text((A4_W - pdf.get_string_width(text)) / 2, y, text)

        center("LAPORAN KINERJA INSTANSI PEMERINTAH", 175)
        center("(LKJIP)", 205)
        center(f"TAHUN {d.tahun}", 235)
        pdf.set_fill_color(22, 86, 160)
        pdf.polygon([(250, 310), (297.6, 290), (345, 310), (338, 400), (297.6, 430), (257, 400)], style="F")
        pdf.set_fill_color(240, 200, 40)
        pdf.ellipse(277.6, 325, 40, 40, style="F")
        pdf.set_fill_color(200, 40, 40)
        pdf.rect(285.6, 372, 24, 30, style="F")
        center(f"PEMERINTAH {d.pemda.upper()}", 500, "I")
        center(d.opd.upper(), 530, "I")
        if self.style.cover_publication_year:
            center(f"TAHUN {d.tahun + 1}", 560)

    def prose_pages(self) -> None:
        self.new_portrait()
        self.heading("KATA PENGANTAR", center=True, size=self.body_size + 3)
        for p in _PROSE["kata_pengantar"]:
            self.paragraph(p)
        self.y += 20
        self.paragraph(f"Semarapura, Februari {self.data.tahun + 1}", indent=260, space=2)
        self.paragraph(f"Kepala {self.data.opd}", indent=260, space=40)
        self.paragraph(f"{self.data.pemda}", indent=260)

        self.new_portrait()
        self.heading("IKHTISAR EKSEKUTIF", center=True, size=self.body_size + 3)
        for p in _PROSE["ikhtisar"]:
            self.paragraph(p)

        self.chapter("BAB I", "PENDAHULUAN")
        for title, p in zip(("1.1 Latar Belakang", "1.2 Tugas Pokok dan Fungsi", "1.3 Struktur Organisasi"),
                            _PROSE["bab1"]):
            self.heading(title)
            self.paragraph(p)

        self.chapter("BAB II", "PERENCANAAN KINERJA")
        for title, p in zip(("2.1 Rencana Strategis", "2.2 Perjanjian Kinerja", "2.3 Indikator Kinerja Utama"),
                            _PROSE["bab2"]):
            self.heading(title)
            self.paragraph(p)

    # -- sasaran tables
    def _sasaran_grid(self, table: SasaranTable) -> _Grid:
        st, loc = self.style, self.style.number_locale
        cik = st.header_spelling == "cik"
        fs = st.table_font_size
        val = lambda d: "" if d is None else fmt_value(d, loc)  # noqa: E731
        pct = lambda d: "" if d is None else fmt_pct(d, loc)  # noqa: E731
        t = self.data.tahun
        if table.jenis == "tahunan":
            cols = [_Col("sasaran", wrap=True, weight=1.2), _Col("indikator", wrap=True, weight=1.2),
                    _Col("satuan", wrap=True, weight=0.6), _Col("target", "R", min_w=54),
                    _Col("realisasi", "R", min_w=54), _Col("capaian", "R", min_w=54)]
            names = (["Sasaran", "Indikator Sasaran", "Satuan", f"Target Tahun {t}", f"Realisasi Tahun {t}",
                      f"Capaian kinerja Tahun {t}"] if cik else
                     ["Sasaran", "Indikator Sasaran", "Satuan", "Target", "Realisasi", "Capaian (%)"])
            header = [_HCell(0, i, i, n) for i, n in enumerate(names)]
            hrows = 1
            rows = [_Row([_Cell(0, 0, r.sasaran), _Cell(1, 1, r.indikator), _Cell(2, 2, r.satuan),
                          _Cell(3, 3, val(r.values[0].target), "R"), _Cell(4, 4, val(r.values[0].realisasi), "R"),
                          _Cell(5, 5, pct(r.values[0].capaian), "R")]) for r in table.rows]
        elif table.jenis == "multitahun":
            years = table.years
            fs = max(6.0, fs - 1)
            cols = [_Col("sasaran", wrap=True), _Col("indikator", wrap=True)]
            header = [_HCell(0, 0, 0, "Sasaran", 2), _HCell(0, 1, 1, "Indikator Sasaran", 2)]
            for j, y in enumerate(years):
                c = 2 + 3 * j
                cols += [_Col(f"t{y}", "R"), _Col(f"r{y}", "R"), _Col(f"c{y}", "R")]
                header += [_HCell(0, c, c + 2, str(y)), _HCell(1, c, c, "Target"),
                           _HCell(1, c + 1, c + 1, "Realisasi"), _HCell(1, c + 2, c + 2, "Capaian")]
            hrows = 2
            rows = []
            for r in table.rows:
                by_year = {v.tahun: v for v in r.values}
                cells = [_Cell(0, 0, r.sasaran), _Cell(1, 1, r.indikator)]
                for j, y in enumerate(years):
                    v = by_year.get(y)
                    c = 2 + 3 * j
                    cells += [_Cell(c, c, val(v and v.target), "R"), _Cell(c + 1, c + 1, val(v and v.realisasi), "R"),
                              _Cell(c + 2, c + 2, pct(v and v.capaian), "R")]
                rows.append(_Row(cells))
        else:
            cols = [_Col("sasaran", wrap=True), _Col("indikator", wrap=True), _Col("target", "R", min_w=62),
                    _Col("realisasi", "R", min_w=62), _Col("capaian", "R", min_w=56)]
            header = [_HCell(0, 0, 0, "Sasaran", 2), _HCell(0, 1, 1, "Indikator Sasaran", 2),
                      _HCell(0, 2, 4, "Renstra"), _HCell(1, 2, 2, "Target akhir renstra"),
                      _HCell(1, 3, 3, f"Realisasi s/d Tahun {t}"), _HCell(1, 4, 4, "Capaian")]
            hrows = 2
            rows = [_Row([_Cell(0, 0, r.sasaran), _Cell(1, 1, r.indikator),
                          _Cell(2, 2, val(r.values[0].target), "R"), _Cell(3, 3, val(r.values[0].realisasi), "R"),
                          _Cell(4, 4, pct(r.values[0].capaian), "R")]) for r in table.rows]
        if st.numbered_header:
            header, hrows = _numbered(header, hrows, len(cols))
        return _Grid(self.pdf, st, cols, header, hrows, rows, self.text_width, self.text_left, fs)

    def _context_grid(self, ctx: ContextTable) -> _Grid:
        st = self.style
        cols = [_Col("wilayah", wrap=True)] + [_Col(str(y), "R", min_w=70) for y in ctx.years]
        n = len(ctx.years)
        header = [_HCell(0, 0, 0, "Kabupaten/Kota", 2), _HCell(0, 1, n, ctx.title)]
        header += [_HCell(1, 1 + j, 1 + j, str(y)) for j, y in enumerate(ctx.years)]
        rows = [_Row([_Cell(0, 0, name)] + [_Cell(1 + j, 1 + j, fmt_value(v, st.number_locale), "R")
                                             for j, v in enumerate(vals)],
                     bold=name.startswith("Provinsi")) for name, vals in ctx.rows]
        return _Grid(self.pdf, st, cols, header, 2, rows, self.text_width * 0.85,
                     self.text_left + self.text_width * 0.075, st.table_font_size)

    def _place_grid(self, grid: _Grid, caption: str | None, title: str, sumber: str, lead: str = "") -> int:
        """Lead-in line, caption above, title, the whole table, source note below; returns the page."""
        cap_h = (self.body_size * 1.5 if caption else 0) + self.body_size * 1.5
        lead_h = self.body_size * 1.45 + 2 if lead else 0
        total = lead_h + cap_h + grid.header_height + sum(grid.height(r.n) for r in grid.rows) + 22
        self.ensure(total)
        if lead:
            self.paragraph(lead, indent=10, space=2)
        pdf = self.pdf
        pdf.set_font(self.style.body_font, "B", self.body_size)
        for text in ([caption] if caption else []) + [title]:
            pdf.set_font(self.style.body_font, "B", self.body_size)
            pdf.text(self.text_left + (self.text_width - pdf.get_string_width(text)) / 2, self.y + self.body_size, text)
            self.y += self.body_size * 1.5
        y = grid.draw_header(self.y)
        for i, row in enumerate(grid.rows):
            y = grid.draw_fragment(row, 0, row.n, y, top_rule=False)
        self.y = y + 6
        if sumber:
            pdf.set_font(self.style.body_font, "I", 8)
            pdf.text(self.text_left, self.y + 8, sumber)
            self.y += 18
        return pdf.page

    def sasaran_section(self) -> None:
        d = self.data
        self.chapter("BAB III", "AKUNTABILITAS KINERJA")
        self.heading("3.1. Capaian Kinerja Organisasi")
        self.paragraph(_PROSE["bab3"][0])
        headed: list[str] = []
        roman = ["I", "II", "III", "IV", "V"]
        multi_seen = False
        for t in d.sasaran_tables:
            first = t.rows[0].sasaran
            if t.jenis != "renstra" or len({r.sasaran for r in t.rows}) == 1:
                if first not in headed:
                    headed.append(first)
                    self.heading(f"{chr(64 + len(headed))}. Sasaran {roman[len(headed) - 1]}: {first}")
            label = {"tahunan": f"Capaian Kinerja Tahun {d.tahun}", "multitahun": "Capaian Kinerja Tiga Tahun Terakhir",
                     "renstra": "Capaian Kinerja terhadap Target Renstra"}[t.jenis]
            grid = self._sasaran_grid(t)
            sumber = t.sumber or f"Sumber: {d.opd_short} {d.pemda}, {d.tahun}"
            self.info.sasaran_pages[t.nomor] = self._place_grid(
                grid, f"Tabel {t.nomor}", t.title or _default_title(t, d), sumber, lead=label)
            self.paragraph(_PROSE["sasaran_after"][len(self.info.sasaran_pages) % 2])
            if t.jenis == "multitahun" and not multi_seen and d.context_table is not None:
                multi_seen = True
                ctx = d.context_table
                self._place_grid(self._context_grid(ctx), f"Tabel {ctx.nomor}", ctx.title.split(" Menurut")[0],
                                 f"Sumber: BPS Provinsi Bali, {d.tahun}",
                                 lead="Perbandingan TPAK Kabupaten/Kota di Provinsi Bali")

    # -- the budget table
    def _budget_grid(self, width: float, x0: float) -> _Grid:
        st, d, loc = self.style, self.data, self.style.number_locale
        cik = st.header_spelling == "cik"
        column_satuan = st.satuan == "column"
        split_codes = st.code_style in ("spaced_split", "mixed")
        split5 = st.code_style == "split5"
        pct_each = st.amount_pct == "each"
        cols: list[_Col] = []
        idx: dict[str, int] = {}

        def add(key: str, align: str = "L", wrap: bool = False, weight: float = 1.0, min_w: float = 0.0):
            idx[key] = len(cols)
            cols.append(_Col(key, align, wrap, weight, min_w))

        if cik:
            add("p", "C", min_w=16)
            add("k", "C", min_w=16)
            add("sk", "C", min_w=18)
        add("kode", "C" if split5 else "L")
        if split5:
            for k in ("kode2", "kode3", "kode4", "kode5"):
                add(k, "C")
        elif cik or split_codes:
            add("kode2", "C", min_w=14)
        add("nama", wrap=True, weight=1.0)
        add("pagu", "R")
        if pct_each:
            add("bobot", "R", min_w=30)
        add("realisasi", "R")
        add("serapan", "R", min_w=30)
        add("indikator", wrap=True, weight=1.15)
        if column_satuan:
            add("satuan", wrap=True, weight=0.32)
        add("target", "R")
        add("real_ik", "R")
        add("capaian", "R", min_w=30)
        if cik:
            add("ket", "C")
        last = len(cols) - 1
        kode_hi = idx.get("kode5", idx.get("kode2", idx["kode"]))

        # header
        header: list[_HCell] = []
        if cik:
            header += [_HCell(0, idx["p"], idx["sk"], "NO."), _HCell(1, idx["p"], idx["p"], "P."),
                       _HCell(1, idx["k"], idx["k"], "K."), _HCell(1, idx["sk"], idx["sk"], "SK."),
                       _HCell(0, idx["kode"], kode_hi, "KODE", 2),
                       _HCell(0, idx["nama"], idx["nama"], "PROGRAM / KEGIATAN / SUB KEGIATAN", 2),
                       _HCell(0, idx["pagu"], idx["serapan"], "ANGGARAN"),
                       _HCell(1, idx["pagu"], idx["pagu"], "RENCANA"),
                       _HCell(1, idx["realisasi"], idx["realisasi"], "REALISASI"),
                       _HCell(1, idx["serapan"], idx["serapan"], "%" if pct_each else "CAPAIAN IK"),
                       _HCell(0, idx["indikator"], idx["capaian"], "INDIKATOR KINERJA"),
                       _HCell(1, idx["indikator"], idx["indikator"],
                              "INDIKATOR" if column_satuan else "INDIKATOR (SATUAN)"),
                       _HCell(1, idx["target"], idx["target"], "RENCANA"),
                       _HCell(1, idx["real_ik"], idx["real_ik"], "REALISASI"),
                       _HCell(1, idx["capaian"], idx["capaian"], "CAPAIAN IK"),
                       _HCell(0, idx["ket"], idx["ket"], "KET.", 2)]
            if column_satuan:
                header.append(_HCell(1, idx["satuan"], idx["satuan"], "SATUAN"))
            if pct_each:
                header.append(_HCell(1, idx["bobot"], idx["bobot"], "%"))
            hrows = 2
        else:
            header += [_HCell(0, idx["kode"], kode_hi, "Kode"),
                       _HCell(0, idx["nama"], idx["nama"], "Program/Kegiatan/Sub Kegiatan"),
                       _HCell(0, idx["pagu"], idx["pagu"], "Pagu Anggaran (Rp)"),
                       _HCell(0, idx["realisasi"], idx["realisasi"], "Realisasi (Rp)"),
                       _HCell(0, idx["serapan"], idx["serapan"], "%"),
                       _HCell(0, idx["indikator"], idx["indikator"],
                              "Indikator" if column_satuan else "Indikator (Satuan)"),
                       _HCell(0, idx["target"], idx["target"], "Target"),
                       _HCell(0, idx["real_ik"], idx["real_ik"], "Realisasi"),
                       _HCell(0, idx["capaian"], idx["capaian"], "Capaian (%)")]
            if column_satuan:
                header.append(_HCell(0, idx["satuan"], idx["satuan"], "Satuan"))
            if pct_each:
                header.append(_HCell(0, idx["bobot"], idx["bobot"], "%"))
            hrows = 1
        if split5 and st.code_header == "levels":
            # a flat SIPD list: each code cell headed by its level's name, no KODE over them
            header = [h for h in header if h.c0 != idx["kode"]]
            for k, label in zip(("kode", "kode2", "kode3", "kode4", "kode5"),
                                ("Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan")):
                header.append(_HCell(0, idx[k], idx[k], label, hrows))
        if st.numbered_header:
            header, hrows = _numbered(header, hrows, len(cols))

        def num(ln: BudgetLine, fld: str, fmt) -> str:
            value = getattr(ln, fld)
            if value is None:
                return "-" if fld in ln.dash else st.blank_mark
            return fmt(value, loc)

        rows: list[_Row] = []
        n = len(d.budget_lines)
        for i, ln in enumerate(d.budget_lines):
            main, sub = _line_code_cells(ln, st, i, n)
            ind = ln.indikator.strip()
            if not column_satuan and ln.satuan.strip():
                ind = f"{ind} ({ln.satuan.strip()})".strip()
            ik_num = lambda fld, fmt, ln=ln: num(ln, fld, fmt)  # noqa: E731
            cells: dict[str, tuple[str, str]] = {
                "kode": (main, "L"), "nama": (ln.nama, "L"),
                "pagu": (num(ln, "pagu", fmt_amount), "R"),
                "realisasi": (num(ln, "realisasi", fmt_amount), "R"),
                "serapan": (num(ln, "serapan", fmt_pct), "R"),
                "indikator": (ind, "L"),
                "target": (ik_num("target", fmt_value), "R"),
                "real_ik": (ik_num("realisasi_ik", fmt_value), "R"),
                "capaian": (ik_num("capaian", fmt_pct), "R"),
            }
            if split5:
                for k, text in zip(("kode", "kode2", "kode3", "kode4", "kode5"), split5_cells(ln.kode)):
                    cells[k] = (text, "C")
            elif "kode2" in idx:
                cells["kode2"] = (sub, "C")
            elif sub:  # no second cell in this form: print the code whole
                cells["kode"] = (f"{main} {sub}", "L")
            if column_satuan:
                cells["satuan"] = (ln.satuan, "L")
            if pct_each:
                share = None if ln.pagu is None else _pct(ln.pagu, self.footer.jumlah_pagu)
                cells["bobot"] = (st.blank_mark if share is None else fmt_pct(share, loc), "R")
            if cik:
                col = {"program": "p", "kegiatan": "k", "sub_kegiatan": "sk"}.get(ln.level, "p")
                for c in ("p", "k", "sk"):
                    cells[c] = (ln.nomor if c == col else "", "C")
                cells["ket"] = (ln.ket, "C")
            row_cells = [_Cell(idx[k], idx[k], t, a) for k, (t, a) in cells.items()]
            row_cells.sort(key=lambda c: c.c0)
            bold = st.bold_parents and ln.level in ("urusan", "bidang", "program")
            rows.append(_Row(row_cells, bold=bold, kode=ln.kode))

        # footer rows
        f = self.footer
        pct = lambda v: "" if v is None else fmt_pct(v, loc)  # noqa: E731
        name_hi = idx["nama"]
        label = lambda t: _Cell(0, name_hi, t, "C", bold=True)  # noqa: E731
        if cik:
            ang = (idx["pagu"], idx["serapan"])
            ikr = (idx["indikator"], idx["real_ik"])
            end = (idx["capaian"], last)
            for lab, cnt, rata_lab, rata in (
                ("Total Program", f.total_program, "Rata - Rata Capaian Program", f.rata_program),
                ("Total Kegiatan", f.total_kegiatan, "Rata - Rata Capaian Kegiatan", f.rata_kegiatan),
                ("Total Sub Kegiatan", f.total_sub_kegiatan, "Rata - Rata Capaian Sub Kegiatan", f.rata_sub_kegiatan),
            ):
                rows.append(_Row([label(lab), _Cell(*ang, str(cnt), "C", True), _Cell(*ikr, rata_lab, "R", True),
                                  _Cell(*end, pct(rata), "R", True)], bold=True, splittable=False))
            rows.append(_Row([label("JUMLAH"), _Cell(*ang, fmt_total(f.jumlah_pagu, loc), "R", True),
                              _Cell(*ikr, fmt_total(f.jumlah_realisasi, loc), "R", True),
                              _Cell(*end, pct(f.jumlah_pct), "R", True)], bold=True, splittable=False))
            rows.append(_Row([label("SISA"), _Cell(*ang, "", "R"), _Cell(*ikr, fmt_total(f.sisa, loc), "R", True),
                              _Cell(*end, pct(f.sisa_pct), "R", True)], bold=True, splittable=False))
        else:
            p, r, s = idx["pagu"], idx["realisasi"], idx["serapan"]
            ikr = (idx["indikator"], idx["real_ik"])
            c = idx["capaian"]
            for lab, cnt, rata_lab, rata in (
                ("Total Program", f.total_program, "Rata - Rata Capaian Program", f.rata_program),
                ("Total Kegiatan", f.total_kegiatan, "Rata - Rata Capaian Kegiatan", f.rata_kegiatan),
                ("Total Sub Kegiatan", f.total_sub_kegiatan, "Rata - Rata Capaian Sub Kegiatan", f.rata_sub_kegiatan),
            ):
                rows.append(_Row([label(lab), _Cell(p, s, str(cnt), "C", True), _Cell(*ikr, rata_lab, "R", True),
                                  _Cell(c, c, pct(rata), "R", True)], bold=True, splittable=False))
            rows.append(_Row([label("JUMLAH"), _Cell(p, p, fmt_total(f.jumlah_pagu, loc), "R", True),
                              _Cell(r, r, fmt_total(f.jumlah_realisasi, loc), "R", True),
                              _Cell(s, s, pct(f.jumlah_pct), "R", True), _Cell(ikr[0], c, "")],
                             bold=True, splittable=False))
            rows.append(_Row([label("SISA"), _Cell(p, p, ""), _Cell(r, r, fmt_total(f.sisa, loc), "R", True),
                              _Cell(s, s, pct(f.sisa_pct), "R", True), _Cell(ikr[0], c, "")],
                             bold=True, splittable=False))
        # footer cells span several columns: widths come from the coded rows only
        return _Grid(self.pdf, st, cols, header, hrows, rows, width, x0, st.table_font_size)

    def _paginate(self, grid: _Grid, first_avail: float, next_avail: float,
                  force: tuple[int, int] | None = None) -> list[list[tuple[int, int, int]]]:
        """Row fragments (row, first line, end line) per page."""
        split = self.style.split_row
        pages: list[list[tuple[int, int, int]]] = [[]]
        avail = first_avail - grid.header_height
        cont_avail = next_avail - (grid.header_height if self.style.repeat_header else 0)
        eps = 0.01
        for i, row in enumerate(grid.rows):
            start = 0
            while start < row.n:
                if force and force[0] == i and start == 0 and len(pages) == 1:
                    pages[-1].append((i, 0, force[1]))
                    start = force[1]
                    pages.append([])
                    avail = cont_avail
                    continue
                h = grid.height(row.n - start)
                if h <= avail + eps:
                    pages[-1].append((i, start, row.n))
                    avail -= h
                    break
                fit = int((avail - 2 * grid.padv + eps) // grid.lh)
                if split and row.splittable and fit >= 1 and row.n - start - fit >= 1 and pages[-1]:
                    pages[-1].append((i, start, start + fit))
                    start += fit
                if not pages[-1] and h > avail:
                    raise ValueError("a budget row is taller than a page")
                pages.append([])
                avail = cont_avail
        return pages

    def budget_section(self) -> None:
        d, st = self.data, self.style
        self.heading("3.2. Realisasi Anggaran")
        self.paragraph(_PROSE["anggaran"][0])
        left, right, top, bottom = self.WIDE_MARGINS
        W, H = A4_H, A4_W
        grid = self._budget_grid(W - left - right, left)
        cik = st.header_spelling == "cik"
        if cik:
            titles = [("Tabel " + d.budget_table_nomor, "B", 10),
                      (f"Realisasi Anggaran Untuk Mewujudkan Kinerja Organisasi Tahun {d.tahun}", "B", 10),
                      ("LAPORAN CAPAIAN INDIKATOR KINERJA PERUBAHAN", "", 10),
                      (f"TAHUN ANGGARAN {d.tahun}", "", 10)]
            meta = [f"OPD : {d.opd}", "BULAN : Desember"]
        else:
            titles = [("Tabel " + d.budget_table_nomor, "B", 10),
                      (f"Realisasi Anggaran dan Capaian Kinerja Program/Kegiatan/Sub Kegiatan Tahun {d.tahun}", "B", 10)]
            meta = []
        title_h = len(titles) * 14 + len(meta) * 14 + 8
        first_avail = H - bottom - top - title_h
        next_avail = H - bottom - top
        pages = self._paginate(grid, first_avail, next_avail)
        if st.split_row and not any(b - a < grid.rows[i].n for pg in pages for i, a, b in pg):
            # no row happened to break: end the first page inside its last multi-line row
            cand = [(i, a, b) for i, a, b in pages[0] if b - a >= 2 and grid.rows[i].splittable]
            if cand:
                i, a, b = cand[-1]
                pages = self._paginate(grid, first_avail, next_avail, force=(i, grid.rows[i].n // 2))
        sumber = d.budget_sumber or f"Sumber data: CIK {d.opd_short} Tahun {d.tahun}"
        pdf = self.pdf
        for p, frags in enumerate(pages):
            with self.wide_page():
                page_no = pdf.page
                self.info.budget_pages.append(page_no)
                y = top
                if p == 0:
                    for text, fstyle, size in titles:
                        pdf.set_font(st.body_font, fstyle, size)
                        pdf.text((W - pdf.get_string_width(text)) / 2, y + size, text)
                        y += 14
                    y += 4
                    for text in meta:
                        pdf.set_font(st.body_font, "", 10)
                        pdf.text(left, y + 10, text)
                        y += 14
                    y += 4
                if p == 0 or st.repeat_header:
                    y = grid.draw_header(y)
                    self.info.budget_header_pages.append(page_no)
                    top_rule = False
                else:
                    top_rule = True
                for k, (i, a, b) in enumerate(frags):
                    row = grid.rows[i]
                    y = grid.draw_fragment(row, a, b, y, top_rule=top_rule and k == 0)
                    if row.kode:
                        pages_of = self.info.line_pages.setdefault(row.kode, [])
                        if page_no not in pages_of:
                            pages_of.append(page_no)
                        if (a, b) != (0, row.n) and row.kode not in self.info.split_kodes:
                            self.info.split_kodes.append(row.kode)
                if p == len(pages) - 1 and y + 16 <= H - bottom:
                    pdf.set_font(st.body_font, "I", 9)
                    pdf.text(left, y + 12, sumber)
        if y + 16 > H - bottom:
            # no room under the table's last row: the source note goes to the next page, as a
            # word processor flows it (it was once printed over the last row)
            with self.wide_page():
                pdf.set_font(st.body_font, "I", 9)
                pdf.text(left, top + 12, sumber)

    def closing(self) -> None:
        self.chapter("BAB IV", "PENUTUP")
        for p in _PROSE["bab4"]:
            self.paragraph(p)

    def render(self, path: str | Path) -> RenderInfo:
        self.cover()
        self.prose_pages()
        self.sasaran_section()
        self.budget_section()
        self.closing()
        self.pdf.output(str(path))
        self.info.page_count = self.pdf.page
        return self.info


def render_report(path: str | Path, style: Style, data: ReportData) -> RenderInfo:
    """write_report, also telling on which pages things were put."""
    return _Report(style, data).render(path)


def write_report(path: str | Path, style: Style, data: ReportData) -> None:
    """Write one LKjIP-like PDF of `data` in house style `style` to `path`."""
    render_report(path, style, data)
