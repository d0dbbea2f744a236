"""Budget tables ("LAPORAN CAPAIAN INDIKATOR KINERJA") into budget lines and indicators.

One coded row is one budget line; its indicator columns give one indicator value. Rows
without a code are footers (Total Program, JUMLAH, SISA, Rata-rata: kept as printed
summary figures to check against) or stray text, kept and flagged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from extract.headers import normalise
from extract.model import Cell, Row, Table
from transform.hierarchy import (
    Levels, header_level, numbering_style, prefix_level, split_leading_code, split_leading_number, split_stacked,
)
from transform.kode import code_level, parse_kode
from transform.numbers import Parsed, column_locale, parse_cell, parse_number
from transform.records import ocr_marks, provenance

FOOTER = re.compile(r"^\s*(total|jumlah|sisa|rata|sub\s*total|grand\s*total)\b", re.IGNORECASE)
# "Rp. 6.254.031.019,00", "91,73", "5": a figure ending a footer label
FOOTER_VALUE = re.compile(r"^(?:rp\.?\s*)?[-(]?\d[\d.,]*\)?\s*%?$", re.IGNORECASE)
FOOTER_LABEL = re.compile(r"\s*[\d.,%\s-]*$")
GIVEN_LEVELS = {"program", "kegiatan", "sub_kegiatan", "paket", "other", "total"}
SATUAN_AT_END = re.compile(r"^(?P<indikator>.*?)\s*\((?P<satuan>[^()]*)\)\s*$", re.DOTALL)


def clean(text: str) -> str:
    """Collapse the line breaks and runs of spaces of wrapped cell text."""
    return " ".join(text.split())


def cell_value(table: Table, row: Row, name: str) -> str:
    """Join the row's cells under canonical column `name` (" | " between filled cells)."""
    parts = [clean(row.text(c.index)) for c in table.columns_named(name)]
    return " | ".join(p for p in parts if p)


def name_value(table: Table, row: Row) -> str:
    """Return the row's name: of several groups of name columns parted by other columns (a
    table with two sides, "Rancangan Awal RKPD" and "Hasil Analisa Kebutuhan", each with its
    Program/Kegiatan and pagu, Distan Jabar 2016 Lampiran pp67-78) the rightmost filled one,
    as the pagu is the rightmost filled; names in adjacent columns are joined as one."""
    cols = table.columns_named("nama")
    groups: list[list[int]] = []
    named = {c.index for c in table.columns if c.name and c.name != "nama"}
    for col in cols:
        if groups and not any(groups[-1][-1] < i < col.index for i in named):
            groups[-1].append(col.index)
        else:
            groups.append([col.index])
    for group in reversed(groups):
        parts = [p for p in (clean(row.text(i)) for i in group) if p]
        if len(parts) > 1 and LIST_NUMBER.fullmatch(parts[0]):
            # the kegiatan's number in a strip of its own under the name's header ("1" |
            # "Koordinasi Perencanaan Pembangunan"): it leads the name, read as its nomor
            return " ".join([parts[0], " | ".join(parts[1:])])
        if parts:
            return " | ".join(parts)
    return ""


LIST_NUMBER = re.compile(r"\d{1,3}[.)]?|[A-Za-z][.)]|[IVXL]{1,5}[.)]?")


LINE_END_HYPHEN = re.compile(r"(?<=\w)-\s*\n\s*(?=\w)")


def indicator_text(table: Table, row: Row) -> str:
    """Return the indicator cell's text, a word broken at a hyphen ending a line rejoined.

    "Jumlah Dokumen Perubahan RKA-" / "SKPD dan ..." (Tangerang Selatan e-monev 2023 p1) is
    the compound RKA-SKPD that the line happened to break at; the hyphen stays, the break
    goes. A hyphen printed inside a line ("DPA- SKPD") is kept as printed.
    """
    parts = [clean(LINE_END_HYPHEN.sub("-", row.text(c.index))) for c in table.columns_named("indikator")]
    return " | ".join(p for p in parts if p)


def cell_number(table: Table, row: Row, name: str, locale: str) -> Parsed:
    """Parse the figure under canonical column `name`, typed spreadsheet values as stored.

    Several filled pagu columns are the anggaran per level printed side by side (RFK Grobogan
    2022 p.1: per paket | per sub kegiatan | per kegiatan | per program): a line's own pagu is
    the widest level it fills, the rightmost.
    """
    cells = []
    for col in table.columns_named(name):
        cell = row.cells[col.index] if col.index < len(row.cells) else None
        if cell is not None and not cell.covered and clean(cell.text):
            cells.append(cell)
    if len(cells) > 1 and name == "pagu":
        parsed = [parse_cell(c.text, c.value, locale) for c in cells]
        if all(p.value is not None for p in parsed):
            return parsed[-1]
    if len(cells) == 1:
        return parse_cell(cells[0].text, cells[0].value, locale)
    return parse_number(" | ".join(clean(c.text) for c in cells), locale)


# an amount column printed in thousands or millions of rupiah: "Pagu Indikatif (Rp. 000)"
# (Distan Jabar 2016 Lampiran Rencana Kerja pp.67-78: "266.000" is Rp 266.000.000)
THOUSANDS = re.compile(r"\brp\.?\s*0{3}\b|\(\s*0{3}\s*\)|\bribu(?:an)?\b|\brp\.?\s*ribu", re.IGNORECASE)
MILLIONS = re.compile(r"\brp\.?\s*0{3}\.0{3}\b|\bjuta(?:an)?\b|\brp\.?\s*juta", re.IGNORECASE)


def amount_scale(table: Table, name: str) -> Decimal:
    """Return the factor a money column's header puts on its figures (1, 1000, 1000000).

    The printed text stays as printed; the rupiah value is the figure times the factor.
    """
    headers = [" ".join(c.header_path) for c in table.columns_named(name)]
    if headers and all(MILLIONS.search(h) for h in headers):
        return Decimal(1000000)
    if headers and all(THOUSANDS.search(h) for h in headers):
        return Decimal(1000)
    return Decimal(1)


def scaled(parsed: Parsed, factor: Decimal) -> Parsed:
    """Return a parsed amount in rupiah when its column prints thousands or millions."""
    if factor == 1 or parsed.value is None:
        return parsed
    return replace(parsed, value=parsed.value * factor)


def column_locales(table: Table, locale: str, names: tuple[str, ...]) -> dict[str, str]:
    """Decide each figure column's number convention from all its values; the document's
    convention where a column's values leave it open."""
    out = {}
    for name in names:
        samples = [clean(row.text(c.index)) for row in table.rows for c in table.columns_named(name)]
        out[name] = column_locale([s for s in samples if s]) or locale
    return out


def line_level(table: Table, row: Row, kode_printed: str, levels: Levels, nama: str, nomor: str | None) -> tuple[str | None, str | None, str]:
    """Return (canonical kode, level, issue) of a budget line, its level also where no code maps.

    A code maps to the 2019/2023 nomenclature (transform.kode.parse_kode), or its shape tells
    the level (code_level: program-relative and Permendagri 13/2006 codes); a code printed only
    in a later KODE cell (Distan Jabar 2016 Tabel 16 p.50: program "29" in the first cell, its
    kegiatan "01" in the second) and a line without code take their level from the table's
    structure (transform.hierarchy.Levels).
    """
    cells = [clean(row.text(c.index)) for c in table.columns_named("kode")]
    relative = len(cells) > 1 and not cells[0] and any(cells[1:])
    if kode_printed and not relative:
        shape = code_level(kode_printed)
        if shape:
            kode, level, issue = None, shape, "kode di luar nomenklatur, tingkat dari bentuk kode"
        else:
            kode, level, issue = parse_kode(kode_printed, ocr=bool(ocr_marks(row)["ocr"]))
        if level is not None:
            levels.seen(level)
            return kode, level, issue or ""
    if kode_printed:
        first = next(i for i, c in enumerate(cells) if c)
        segments = len(re.split(r"[\s.|-]+", kode_printed.strip()))
        style = f"kode{first}.{segments}"
        return None, levels.level(nama, style), "kode di luar nomenklatur, tingkat dari susunan tabel"
    if not nama and not nomor:
        # amounts with neither code, number nor name (BPMPD Jabar Renja 2015 p.2, the last three
        # rows): nothing tells their level, and taking the line above's would guess it
        return None, "other", "baris tanpa kode dan tanpa nama"
    return None, levels.level(nama, numbering_style(nomor) if nomor else None), "baris tanpa kode"


DETAIL_ROLES = ("keluaran", "rincian")


def rincian(table: Table, row: Row) -> str | None:
    """Return the detail a row prints below its line (sub-keluaran, akun belanja), or None.

    A flat SIPD export prints one row per detail of a sub-kegiatan, each with the sub-kegiatan's
    code: the RKPD per sub-keluaran (`kode_subkeluaran`, mamberamoraya rkpdp2), the e-budgeting
    APBD-P per sub-keluaran and akun belanja (SUBKELUARAN | URAIAN BELANJA, mamberamoraya
    apbdp-ebudgeting). Such rows are parts of their line, not copies of it: fct_anggaran sums a
    document's parts into the line (warehouse/core/fct_anggaran.sql) instead of choosing one.
    The roles say what the column means (extract/data/column_roles.csv, extract.roles
    `_flat_levels`), so any export with such a column is read the same way.
    """
    parts = [cell_value(table, row, name) for name in DETAIL_ROLES]
    return " | ".join(p for p in parts if p) or None


def split_satuan(text: str) -> tuple[str, str | None]:
    """Split "Jumlah Dokumen ... (Dokumen)" into indicator and the satuan in its last brackets."""
    m = SATUAN_AT_END.match(text)
    if not m or not m.group("satuan").strip():
        return text, None
    return clean(m.group("indikator")), clean(m.group("satuan"))


def rupiah(value: Decimal | None) -> Decimal | None:
    """Round an amount to the cent, as DECIMAL(18,2) stores it."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def amounts(pagu, realisasi, serapan) -> dict:
    """A line's pagu, realisasi and printed serapan, parsed and as printed, with serapan recomputed."""
    return {
        "pagu_idr": rupiah(pagu.value),
        "pagu_printed": pagu.printed,
        "realisasi_idr": rupiah(realisasi.value),
        "realisasi_printed": realisasi.printed,
        "serapan_pct_reported": serapan.value,
        "serapan_printed": serapan.printed,
        "serapan_pct": serapan_pct(rupiah(pagu.value), rupiah(realisasi.value)),
    }


def serapan_pct(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Recompute absorption: realisasi / pagu x 100, half-up to 2 decimals as reports print."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return (realisasi * 100 / pagu).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def issues_of(**parsed: Parsed) -> str | None:
    msgs = [f"{name}: {p.issue} ('{p.printed}')" for name, p in parsed.items() if p.issue]
    return "; ".join(msgs) or None


def footer_values(row: Row) -> list[tuple[str, int, Cell]]:
    """Return (label, position, cell) for each figure of a footer row, in order."""
    out: list[tuple[str, int, Cell]] = []
    label, pos = "", 0
    for cell in row.cells:
        if cell is None or cell.covered or not clean(cell.text):
            continue
        text = clean(cell.text)
        if FOOTER_VALUE.match(text):
            pos += 1
            out.append((label, pos, cell))
        else:
            label, pos = text, 0
    return out


def unstack(
    table: Table,
    row: Row,
    figures: tuple[str, ...] = ("pagu", "realisasi", "serapan_pct"),
    name: str = "nama",
    keep: tuple[str, ...] = (),
    lists: tuple[str, ...] = (),
) -> list[Row]:
    """Split a row whose cells list several lines at once into one row per line.

    BKPD Jabar 2016 Tabel 5 (p.42) prints ten kegiatan in one cell, each opened by "- ", with
    their ten anggaran, realisasi and % stacked line by line in the cells beside; Distan Jabar
    2016 Tabel 3 (p.19) seven indicators with their satuan and targets. Where every filled
    `figures` column stacks the same number of lines and the `name` cell lists as many items,
    each item becomes a row; any other row is kept as it is. A cell of a `keep` column (the
    sasaran the items share) goes with every item; a cell of a `lists` column (satuan) is
    split too when it lists as many lines, else it goes with every item ("Ton" printed once);
    other cells spanning the items (nomor) stay with none of them.
    """
    figure_cols = [c for f in figures for c in table.columns_named(f)]
    stacks = {c.index: [ln for ln in row.text(c.index).splitlines() if ln.strip()] for c in figure_cols}
    counts = {len(v) for v in stacks.values() if v}
    if len(counts) == 2 and max(counts) == min(counts) + 1 >= 3:
        # a column printing one line more than the others: its first line is the heading's
        # own figure, printed level with the heading above the items (Distan Jabar 2016 Tabel
        # 4 p21: the sasaran's % "99,02" over its eleven indicators' %). It stays in staging
        # (stg_sel); the items take the lines beside them.
        count = min(counts)
        stacks = {i: v[1:] if len(v) == count + 1 else v for i, v in stacks.items()}
        counts = {count}
    if len(counts) != 1 or (count := counts.pop()) < 2:
        return [row]
    kept = {c.index for k in keep for c in table.columns_named(k)}
    for c in (c for n in lists for c in table.columns_named(n)):
        lines = [ln for ln in row.text(c.index).splitlines() if ln.strip()]
        if len(lines) == count:
            stacks[c.index] = lines
        else:
            kept.add(c.index)
    name_cols = table.columns_named(name)
    items = {c.index: split_stacked(row.text(c.index), count) for c in name_cols if row.text(c.index).strip()}
    if len(items) != 1 or None in items.values():
        return [row]
    out = []
    for k in range(count):
        cells = []
        for i, cell in enumerate(row.cells):
            if cell is None or cell.covered:
                cells.append(cell)
                continue
            if i in items:
                text = items[i][k]
            elif i in stacks and stacks[i]:
                text = stacks[i][k]
            elif i in kept:
                text = cell.text
            else:
                text = ""  # a cell spanning the items (sasaran, nomor) stays with none of them
            cells.append(Cell(**{**cell.__dict__, "text": text, "value": None}))
        out.append(Row(cells=cells, page=row.page, index=row.index, pages=list(row.pages), sheet=row.sheet))
    return out


def total_line(table: Table, row: Row, ctx: dict, locales: dict[str, str], label: str, prov: dict) -> dict | None:
    """Return a footer's own budget line (level `total`) in a table without codes, where its
    money stands in the table's amount columns ("JUMLAH ANGGARAN PENDUKUNG", BP3AKB 2016 p.31); None
    where they do not (footers spanning the columns stay summary figures only)."""
    if not clean(label):
        return None
    pagu = scaled(cell_number(table, row, "pagu", locales["pagu"]), amount_scale(table, "pagu"))
    realisasi = scaled(cell_number(table, row, "realisasi", locales["realisasi"]), amount_scale(table, "realisasi"))
    serapan = cell_number(table, row, "serapan_pct", locales["serapan_pct"])
    if pagu.value is None and realisasi.value is None:
        return None
    return {
        "tahun": ctx["tahun"],
        "pemda": ctx["pemda"],
        "opd": ctx["opd"],
        "kode": None,
        "kode_printed": "",
        "level": "total",
        "nomor_printed": cell_value(table, row, "nomor") or None,
        "nama_printed": clean(label),
        **amounts(pagu, realisasi, serapan),
        "keterangan": cell_value(table, row, "keterangan") or None,
        "parse_issue": issues_of(pagu=pagu, realisasi=realisasi, serapan=serapan),
        **prov,
    }


AMOUNTS = ("pagu", "realisasi", "serapan_pct")


def _name_continues(table: Table, row: Row) -> bool:
    """Tell a row that carries only the next line of the name above: every amount cell of it
    lies under the merged amount of the row above, nomor and kode are blank, and the line
    opens no level of its own ("Kegiatan ..." under a program's merged pagu is a line).

    BP3AKB Jabar 2016 Tabel 2.3a p28 fills each line of a sasaran's name with its own band
    of colour, which parts the name column into one grid row per printed line while the
    Anggaran cell spans them all; the indicator transform joins such rows the same way.
    """
    cells = [row.cells[c.index] for n in AMOUNTS for c in table.columns_named(n) if c.index < len(row.cells)]
    if not cells or not all(c is not None and c.covered for c in cells):
        return False
    if cell_value(table, row, "nomor") or cell_value(table, row, "kode"):
        return False
    text = " ".join(row.text(c.index).strip() for c in table.columns_named("nama")).strip()
    return bool(text) and prefix_level(text) in (None, "other")


def name_lines_joined(table: Table) -> list[Row]:
    """Return the table's rows with name lines carried by rows of their own joined upwards."""
    rows: list[Row] = []
    printed = -1  # the last row printing text of its own (an empty strip of grid may follow it)
    for row in table.rows:
        if printed >= 0 and _name_continues(table, row):
            upper = rows[printed]
            cells = list(upper.cells)
            for c in table.columns_named("nama"):
                line = row.text(c.index).strip()
                cell = cells[c.index] if c.index < len(cells) else None
                if line and cell is not None and not cell.covered:
                    cells[c.index] = Cell(**{**cell.__dict__, "text": f"{cell.text}\n{line}"})
            pages = list(dict.fromkeys(upper.pages + row.pages))
            rows[printed] = Row(cells=cells, page=upper.page, index=upper.index, pages=pages, sheet=upper.sheet)
        else:
            rows.append(row)
            if clean(row.joined()) and not _lines_of_others(table, row):
                printed = len(rows) - 1
    return rows


def _lines_of_others(table: Table, row: Row) -> bool:
    """Tell a row printing only lines of other columns' cells under the line above: its amount
    and name cells are merged from above or blank, nomor and kode blank. A name line below it
    still continues the line above (Biro Organisasi Jabar 2016 Tabel 5 p.13: "Jumlah Inovasi
    Pelayanan" / "Publik sesuai Kriteria Nasional" with the sasaran's last line "publik" on a
    grid row between them, each text line being shaded by a box of its own)."""
    amounts = [row.cells[c.index] for n in AMOUNTS for c in table.columns_named(n) if c.index < len(row.cells)]
    names = [row.cells[c.index] for c in table.columns_named("nama") if c.index < len(row.cells)]
    if not amounts or not names or not all(c is not None and c.covered for c in amounts):
        return False
    if cell_value(table, row, "nomor") or cell_value(table, row, "kode"):
        return False
    return all(c is None or c.covered or not c.text.strip() for c in names)
# a dash opening a name lists it ("- RTM OPD Pengawasan Keamanan Pangan", BKPD Jabar 2016
# Tabel 4 p.40, a single kegiatan in its cell); split_stacked drops it from listed items alike
LIST_BULLET = re.compile(r"^[-•·*]\s+(?=\w)")


RANK = {"urusan": 1, "bidang": 2, "program": 3, "kegiatan": 4, "sub_kegiatan": 5, "paket": 6}


class Parents:
    """Follow a table's lines top to bottom and name each line's parent: the nearest line above
    it of a higher level of the budget tree.

    A line without a code is known by its level and name, and a name repeats under several
    parents (Tangerang Selatan e-monev 2023: "Penambahan Ruang Kelas Baru" under the SD and
    under the SMP kegiatan, the same SIPD sub-kegiatan name); the parent's name keeps them
    two lines (fct_anggaran's baris_anggaran).
    """

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def under(self, level: str | None, nama: str) -> str | None:
        rank = RANK.get(level or "")
        if rank is None:
            # a line outside the tree (the OPD row over its programs, a total): under the
            # nearest line above it, a parent of nothing (Tangerang Selatan prints its OPD row
            # once under each urusan, p1 and p10)
            return self.stack[-1][1] if self.stack else None
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        if nama:
            self.stack.append((rank, nama))
        return parent


def quarter_views(table: Table) -> list[tuple[int | None, Table]]:
    """Return the table once per quarter its columns print, or once as it is (quarter None).

    An e-monev triwulan report prints each line's figures once per quarter side by side
    ("Realisasi Kinerja Pada Triwulan I - IV": K and Rp under I, II, III, IV; Tangerang
    Selatan 2023). Each quarter is a fact of its own: the view of quarter q keeps the
    columns of q and those printed once for the whole row (name, indikator, pagu), and drops
    the other quarters' columns and any column of a quartered role outside every quarter.
    """
    quarters = sorted({c.triwulan for c in table.columns if c.triwulan})
    if not quarters:
        return [(None, table)]
    quartered = {c.name for c in table.columns if c.triwulan and c.name}
    views = []
    for q in quarters:
        columns = [
            c if c.triwulan == q or (not c.triwulan and c.name not in quartered)
            else replace(c, name=None)
            for c in table.columns
        ]
        views.append((q, replace(table, columns=columns)))
    return views


def transform_anggaran(table: Table, ctx: dict, locale: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (budget lines, indicator values, footer figures) of one budget table.

    A table of per-quarter columns gives one line (and indicator value) per quarter that
    prints a figure for it, with `triwulan` set (quarter_views); footers are taken once.
    """
    lines, indicators, footers = [], [], []
    for quarter, view in quarter_views(table):
        got = _transform_view(view, ctx, locale, quarter)
        lines += got[0]
        indicators += got[1]
        if not footers:
            footers = got[2]
    return lines, indicators, footers


def _printed(*parsed: Parsed) -> bool:
    return any((p.printed or "").strip() for p in parsed)


def _transform_view(table: Table, ctx: dict, locale: str, quarter: int | None) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (budget lines, indicator values, footer figures) of one budget table or quarter
    view of it; in a quarter view a line or indicator printing no figure of that quarter is
    left out (the quarter's cells are blank: nothing was reported for it)."""
    lines, indicators, footers = [], [], []
    names = [" ".join(c.header_path) for c in table.columns_named("nama")]
    levels = Levels(header_level(names[0]) if len(set(names)) == 1 else None)
    parents = Parents()
    band_above: tuple | None = None
    locales = column_locales(table, locale, ("pagu", "pagu_sebelum", "realisasi", "serapan_pct"))
    scale = {name: amount_scale(table, name) for name in ("pagu", "pagu_sebelum", "realisasi")}
    # where lines carry nomenclature codes, a footer is a summary figure to check them by;
    # in a table without codes the totals are lines of their own (level `total`)
    coded = any(
        parse_kode(cell_value(table, row, "kode"), ocr=bool(ocr_marks(row)["ocr"]))[1] in ("program", "kegiatan", "sub_kegiatan")
        for row in table.rows
    )
    # several target columns and no indicator text to tell them apart (SIPD RKPD export:
    # target_indikator | target | target_kinerja, each with its own satuan): no value can be
    # given to an indicator, so they stay in staging rather than be joined into one
    untold_targets = not table.columns_named("indikator") and len(table.columns_named("target")) > 1
    satuan_in_brackets = any(
        "satuan" in normalise(" ".join(c.header_path)) for c in table.columns_named("indikator")
    )
    # lines named by their indicator (Biro Organisasi Jabar 2016 Tabel 14 p.34): "Jumlah
    # Inovasi Pelayanan Publik ..." counts something, it is no footer; "Jumlah" alone is
    # (the indicator column became the name column: the header names one, no column keeps it)
    by_indicator = not table.columns_named("indikator") and "indikator" in normalise(table.header_text or "")
    for row in (r for stacked in name_lines_joined(table) for r in unstack(table, stacked)):
        kode_printed = cell_value(table, row, "kode")
        nama = LIST_BULLET.sub("", name_value(table, row))
        whole = clean(row.joined())
        if not whole:
            continue
        prov = provenance(ctx, table, row)
        counted = by_indicator and FOOTER.match(nama) and len(nama.split()) > 2
        if FOOTER.match(whole) and not counted and (not kode_printed or parse_kode(kode_printed, ocr=bool(prov["ocr"]))[0] is None):
            for label, pos, cell in footer_values(row):
                value = parse_cell(cell.text, cell.value, locale)
                footers.append(
                    {
                        "tahun": ctx["tahun"],
                        "label": label,
                        "label_key": normalise(label) or "tanpa_label",
                        "urutan": pos,
                        "nilai": value.value,
                        "nilai_printed": value.printed,
                        "parse_issue": value.issue,
                        **prov,
                    }
                )
            if coded or not nama or FOOTER.match(nama):
                total = None if coded else total_line(table, row, ctx, locales, nama or FOOTER_LABEL.sub("", whole), prov)
                if total:
                    lines.append({**total, "triwulan": quarter})
                continue
            # else a footer label of other columns beside a named line ("Rata-rata" of the
            # kinerja columns beside a kegiatan, BP3IPTEK Tabel 3.2 p.53): the line goes on
        nomor = cell_value(table, row, "nomor") or None
        if not kode_printed and nama:
            kode_printed, nama = split_leading_code(nama, lambda k: parse_kode(k)[1] is not None or code_level(k) is not None)
            kode_printed = kode_printed or ""
        if not kode_printed and not nomor and nama:
            nomor, nama = split_leading_number(nama)
        if quarter is not None and not (nama or kode_printed or nomor) and band_above is not None:
            # a band with no name of its own in a per-quarter table continues the line above: a
            # second indicator of the same program ("Predikat SAKIP" under "Nilai LKE PMPRB",
            # Tangerang Selatan e-monev 2023 p1); it takes that line's level and code and leaves
            # the table's levels alone
            kode, level, kode_issue, line_name, line_induk = band_above
            induk = parents.under(None, nama)
        else:
            kode, level, kode_issue = line_level(table, row, kode_printed, levels, nama, nomor)
            given = cell_value(table, row, "tingkat")
            if given in GIVEN_LEVELS:
                # a numbered list in the running text knows its items' levels (extract.lists)
                level, kode_issue = given, "tingkat dari susunan daftar bernomor"
                levels.seen(level)
            induk = parents.under(level, nama)
            line_name, line_induk = nama, induk
            band_above = (kode, level, kode_issue, nama, induk)
        pagu = scaled(cell_number(table, row, "pagu", locales["pagu"]), scale["pagu"])
        realisasi = scaled(cell_number(table, row, "realisasi", locales["realisasi"]), scale["realisasi"])
        serapan = cell_number(table, row, "serapan_pct", locales["serapan_pct"])
        sebelum = scaled(cell_number(table, row, "pagu_sebelum", locales["pagu_sebelum"]), scale["pagu_sebelum"])
        issue = issues_of(pagu=pagu, pagu_sebelum=sebelum, realisasi=realisasi, serapan=serapan)
        if kode_issue:
            issue = "; ".join(filter(None, [f"kode: {kode_issue} ('{kode_printed}')", issue]))
        if nomor and numbering_style(nomor) is None and ocr_marks(row)["ocr"]:
            # a list number read by OCR that has no list number's shape ("5:", "4,", "&"): a
            # misread to check against the image (the scans of the sample, tests/test_ocr.py)
            issue = "; ".join(filter(None, [issue, f"nomor: bentuk tidak dikenal ('{nomor}'), mungkin salah baca OCR"]))
        indikator_text = indicator_text(table, row)
        target = cell_number(table, row, "target", locale)
        real_ik = cell_number(table, row, "realisasi_indikator", locale)
        capaian = cell_number(table, row, "capaian_pct", locale)
        if quarter is not None and not _printed(pagu, realisasi, serapan, target, real_ik, capaian):
            continue
        lines.append(
            {
                "tahun": ctx["tahun"],
                "triwulan": quarter,
                "pemda": ctx["pemda"],
                # a pemda-wide export names each row's agency in a column of its own
                "opd": cell_value(table, row, "opd") or ctx["opd"],
                "kode": kode,
                "kode_printed": kode_printed,
                "level": level,
                "nomor_printed": nomor,
                "nama_printed": nama or None,
                "induk": induk,
                **amounts(pagu, realisasi, serapan),
                "pagu_sebelum_idr": rupiah(sebelum.value),
                "pagu_sebelum_printed": sebelum.printed or None,
                "rincian_printed": rincian(table, row),
                "keterangan": cell_value(table, row, "keterangan") or None,
                "parse_issue": issue,
                **prov,
            }
        )
        if quarter is not None and not _printed(pagu, realisasi, serapan):
            lines.pop()  # the quarter prints only the indicator's value: no budget figure
        if quarter is not None and not _printed(target, real_ik, capaian):
            continue
        if untold_targets or not (indikator_text or target.printed or real_ik.printed or capaian.printed):
            continue
        indikator, satuan = split_satuan(indikator_text) if satuan_in_brackets else (indikator_text, None)
        satuan = satuan or cell_value(table, row, "satuan") or None  # a SATUAN column of its own
        ik_issue = issues_of(target=target, realisasi=real_ik, capaian=capaian)
        if not indikator_text:
            ik_issue = "; ".join(filter(None, ["indikator tidak tercetak", ik_issue]))
        indicators.append(
            {
                "tahun": ctx["tahun"],
                "tahun_laporan": ctx["tahun"],
                "triwulan": quarter,
                "pemda": ctx["pemda"],
                "opd": cell_value(table, row, "opd") or ctx["opd"],
                "jenis": "anggaran",
                "level": level,
                "kode": kode,
                # the uncoded line the indicator belongs to: one indicator text stands under
                # several sub-kegiatan of one name pattern (Tangerang Selatan e-monev 2023 p4-6)
                "sasaran": None if kode else (line_name or None),
                "induk": None if kode else line_induk,
                "indikator": indikator or None,
                "satuan": satuan or target.unit,
                "target": target.value,
                "target_printed": target.printed,
                "realisasi": real_ik.value,
                "realisasi_printed": real_ik.printed,
                "capaian_pct_reported": capaian.value,
                "capaian_printed": capaian.printed,
                "parse_issue": ik_issue,
                **prov,
            }
        )
    return lines, indicators, footers
