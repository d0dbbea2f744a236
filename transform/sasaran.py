"""Sasaran measurement tables into indicator values, one per indicator and year.

Three kinds share the record: one year's measurement (Tabel 3.1/3.5 of the Klungkung
2024 sample), a multi-year series (Tabel 3.2/3.6: each year over Target/Realisasi/
Capaian gives one value per year) and progress to the Renstra end target (3.3/3.7).
"""

from __future__ import annotations

import re

from extract.model import Cell, Row, Table
from transform.anggaran import clean, issues_of, quarter_views, unstack
from transform.numbers import Parsed, parse_cell, parse_number
from transform.records import provenance

JENIS = {"sasaran_tahunan": "tahunan", "sasaran_multitahun": "multitahun", "renstra": "renstra"}


LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]?$")


def filled(table: Table, row: Row, name: str) -> str:
    """Return the text under `name`, filling down a cell merged over several rows.

    A header cell over several ruled strips may have the item's list number in a strip of its
    own ("1" | "Persentase Rumah Tangga ..." under "Indikator Kinerja", Dinkes Jabar 2016
    p.33): a bare number is taken only when nothing else is printed there. An indicator printed
    in two of those strips is joined.
    """
    texts, own = [], []
    for col in table.columns_named(name):
        cell = row.cells[col.index] if col.index < len(row.cells) else None
        if cell is not None and clean(cell.text):
            texts.append(clean(cell.text))
            if not cell.covered and not LIST_NUMBER.match(clean(cell.text)) and clean(cell.text) not in own:
                own.append(clean(cell.text))
    if len(own) > 1 and name == "indikator":
        # one indicator's lines ruled into two strips under one header ("Persentase penduduk
        # yang" | "memiliki akses terhadap air minum ...", Dinkes Jabar 2016 p.34)
        return " ".join(own)
    words = [t for t in texts if not LIST_NUMBER.match(t)]
    return (words or texts or [""])[0]


# a bullet (Symbol-font bullets reach the text layer as private-use characters) or a list
# number ("1. Jumlah rekomendasi ...", Biro Organisasi Jabar 2016 Tabel 7 p.16)
# or a bare number in the indicator's own cell ("1 Persentase Rumah tangga ...", Dinkes Jabar
# 2016 lampiran p.110)
BULLET = re.compile(r"^(?:[-•·*]\s+|[\uf0a7\uf0b7\uf0d8\uf076\uf0fc]\s*|(?:\d{1,2}|[a-z])[.)]\s+(?=[A-Za-z])|\d{1,2}\s+(?=[A-Za-z]{3}))")


def indicator_rows(table: Table) -> list[Row]:
    """Return the table's rows with stacked indicators split one per row.

    A cell may list several indicators, each opened by a bullet, with their satuan, targets
    and realisations stacked line by line beside them (Distan Jabar 2016 Tabel 3 p.19:
    "- Jumlah produksi padi" / "- Jumlah Produksi Jagung" ... over "Ton" / "Ton" ...).
    """
    rows: list[Row] = []
    for row in table.rows:
        if rows and _continues(table, row):
            rows[-1] = _joined(table, rows[-1], row)
        else:
            rows.append(row)
    if _bracketed_capaian(table):
        return [r for row in rows for r in _unstack_bracketed(table, row)]
    return [
        r for row in rows
        for r in unstack(table, row, ("target", "realisasi", "capaian_pct"), "indikator", ("sasaran", "nama"), ("satuan",))
    ]


BRACKETED = re.compile(r"\(\s*([<>≥≤]?\s*\d[\d.,]*\s*%?)\s*\)")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _bracketed_capaian(table: Table) -> bool:
    """Tell a realisasi column that prints each value's capaian in brackets below it.

    BKPD Jabar 2016 Tabel 2 (p.30) stacks "86" / "(101%)" / "270" / "(60%)" in one cell. A
    bracketed figure is a negative number in some tables, so this is decided per column from
    all its values: every bracketed line follows a plain figure (never stands first or after
    another bracket) and some cell pairs them. Negative realisations stand alone.
    """
    pairs = 0
    for col in table.columns_named("realisasi"):
        for row in table.rows:
            cell = row.cells[col.index] if col.index < len(row.cells) else None
            if cell is None or cell.covered:
                continue
            previous = None
            for ln in _lines(cell.text):
                if BRACKETED.fullmatch(ln):
                    if previous is None or BRACKETED.fullmatch(previous):
                        return False
                    pairs += 1
                previous = ln
    return pairs > 0


def _with_text(row: Row, texts: dict[int, str]) -> Row:
    cells = [Cell(**{**c.__dict__, "text": texts[i], "value": None}) if i in texts and c is not None and not c.covered else c
             for i, c in enumerate(row.cells)]
    return Row(cells=cells, page=row.page, index=row.index, pages=list(row.pages), sheet=row.sheet)


def _unstack_bracketed(table: Table, row: Row) -> list[Row]:
    """Split a row of a table whose realisasi cells carry their capaian in brackets.

    Each plain figure of the realisasi cell is one indicator's realisation and the bracket
    under it, if any, its capaian ("106.81" has none). The items are split by targets and
    realisations; the table's own capaian column then holds one figure for several
    indicators, the sasaran's achievement ("Capaian Sasaran" 80,5 beside 101 % and 60 %), which
    is no indicator's and stays in staging; where the realisasi cell prints no bracket, the
    column's figure is the row's capaian.
    """
    realisasi = [c.index for c in table.columns_named("realisasi") if c.index < len(row.cells)]
    capaian = [c.index for c in table.columns_named("capaian_pct") if c.index < len(row.cells)]
    if not realisasi:
        return [row]
    values: list[str] = []
    brackets: list[str] = []
    for ln in _lines(row.text(realisasi[0])):
        m = BRACKETED.fullmatch(ln)
        if m and values:
            brackets[-1] = m.group(1)
        else:
            values.append(ln)
            brackets.append("")
    if not any(brackets):
        return unstack(table, row, ("target", "realisasi", "capaian_pct"), "indikator", ("sasaran", "nama"), ("satuan",))
    flat = _with_text(row, {realisasi[0]: "\n".join(values)})
    rows = unstack(table, flat, ("target", "realisasi"), "indikator", ("sasaran", "nama"), ("satuan",))
    if len(rows) != len(values):
        return [row]
    return [_with_text(r, {i: b for i in capaian}) for r, b in zip(rows, brackets)] if capaian else rows


VALUES = ("target", "realisasi", "capaian_pct")
JOINED_WORDS = re.compile(r"[A-Za-z0-9%]_[A-Za-z]")


def _continues(table: Table, row: Row) -> bool:
    """Tell a row that carries only the next line of the indicator above: its value cells
    are all the merged cells of that indicator's values ("Penghargaan Presiden Anugerah" /
    "Parahita Ekapraya", BP3AKB Jabar 2016 Tabel 3.1.3a p.55)."""
    values = [row.cells[c.index] for n in VALUES for c in table.columns_named(n) if c.index < len(row.cells)]
    return (bool(values) and all(v is not None and v.covered for v in values)
            and any(row.text(c.index).strip() for c in table.columns_named("indikator")))


def _joined(table: Table, upper: Row, lower: Row) -> Row:
    """Return `upper` with the indicator line of `lower` joined to its indicator cell."""
    cells = list(upper.cells)
    for c in table.columns_named("indikator"):
        if c.index < len(cells) and cells[c.index] is not None and lower.text(c.index).strip():
            cell = cells[c.index]
            cells[c.index] = Cell(**{**cell.__dict__, "text": f"{cell.text}\n{lower.text(c.index)}"})
    pages = list(dict.fromkeys(upper.pages + lower.pages))
    return Row(cells=cells, page=upper.page, index=upper.index, pages=pages, sheet=upper.sheet)


def indicator_text(table: Table, row: Row) -> str:
    """Return the row's indicator as printed, without the bullet or number opening a listed item."""
    return BULLET.sub("", filled(table, row, "indikator"))


def _by_year(table: Table, tahun: int | None = None, renstra_akhir: int | None = None) -> dict[int | None, dict[str, int]]:
    """Group value columns by the year their header names (None: no year printed).

    In a multi-year table a measure printed once without a year belongs to the report year
    (or the last year) when that year's group lacks it: "% Capaian Kinerja" after
    "Tahun 2015 | Tahun 2016", which has no capaian of its own (RSUD Al Ihsan 2016 Tabel 6 p.19).
    """
    years: dict[int | None, dict[str, int]] = {}
    for col in table.columns:
        if col.name in ("target", "realisasi", "capaian_pct"):
            years.setdefault(col.tahun, {})[col.name] = col.index
    named = sorted(y for y in years if y is not None)
    if table.kind == "sasaran_multitahun" and None in years and named:
        home = tahun if tahun in years else named[-1]
        loose = years[None]
        for name in [n for n in loose if n not in years[home]]:
            years[home][name] = loose.pop(name)
        if not loose:
            del years[None]
    if table.kind != "sasaran_multitahun" and len(years) > 1:
        merged: dict[str, int] = {}
        named = [y for y in years if y is not None]
        for cols in years.values():
            merged.update(cols)
        years = {named[0] if named else None: merged}
    if tahun:
        # the year before's realisation ("Capaian Thn Lalu", BP3IPTEK Jabar 2016 Tabel 3.1 p39)
        for col in table.columns_named("realisasi_lalu"):
            years.setdefault(tahun - 1, {}).setdefault("realisasi", col.index)
    if renstra_akhir and renstra_akhir != tahun:
        # the Renstra end target, its year the last of the Renstra period the report names
        for col in table.columns_named("target_renstra")[:1]:
            years.setdefault(renstra_akhir, {}).setdefault("target", col.index)
    return years


RENSTRA_SPAN = re.compile(
    r"\b(?:renstra|rencana\s+strategis)\b[^\n]{0,80}?\b((?:19|20)\d\d)\s*(?:[-–—]|s\.?\s*d\.?|s/d|sampai)\s*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def renstra_end(page_texts: list[str], tahun: int | None) -> int | None:
    """Return the last year of the Renstra period the report names around its year.

    A column "Target Akhir Renstra" prints no year (BP3IPTEK Jabar 2016 Tabel 3.1 p39); the
    report names its Renstra elsewhere ("Renstra BP3IPTEK Provinsi Jawa Barat Tahun 2015 –
    2018", p32). The period must hold the report year; the most named end wins; none: None,
    and such columns stay in staging.
    """
    if tahun is None:
        return None
    ends: dict[int, int] = {}
    for text in page_texts:
        for m in RENSTRA_SPAN.finditer(text):
            first, last = int(m.group(1)), int(m.group(2))
            if first <= tahun <= last:
                ends[last] = ends.get(last, 0) + 1
    return max(ends, key=lambda y: (ends[y], y)) if ends else None


def _same_role(table: Table) -> dict[int, list[int]]:
    """Map each value column to the other columns of its role and year (left to right)."""
    out: dict[int, list[int]] = {}
    for col in table.columns:
        if col.name in VALUES:
            out[col.index] = [c.index for c in table.columns
                              if c.name == col.name and c.tahun == col.tahun and c.index != col.index]
    return out


def transform_sasaran(table: Table, ctx: dict, locale: str) -> list[dict]:
    """Return indicator values of a sasaran table of any of the three kinds.

    A table of per-quarter columns (target and realisasi under TW I .. TW IV, e-monev /
    e-IKU triwulan reports) gives one value per quarter that prints one, with `triwulan` set
    (transform.anggaran.quarter_views).
    """
    out = []
    for quarter, view in quarter_views(table):
        out += _values(view, ctx, locale, quarter)
    return out


def _values(table: Table, ctx: dict, locale: str, quarter: int | None) -> list[dict]:
    out = []
    jenis = JENIS[table.kind]
    groups = _by_year(table, ctx["tahun"], ctx.get("renstra_akhir"))
    same_role = _same_role(table)
    for row in indicator_rows(table):
        indikator = indicator_text(table, row)
        sasaran = filled(table, row, "sasaran")
        if not clean(row.joined()):
            continue
        satuan = filled(table, row, "satuan") or None
        for tahun, cols in sorted(groups.items(), key=lambda kv: kv[0] or 0):
            def number(name: str) -> Parsed:
                for index in [cols[name]] if name in cols else []:
                    # several strips of one role (a role moved onto the filled strip beside
                    # its header, the header's own strip left with it, BP3IPTEK 2016 p40):
                    # the one printing a value
                    for i in [index, *same_role.get(index, ())]:
                        cell = row.cells[i] if i < len(row.cells) else None
                        if cell is not None and not cell.covered and cell.text.strip():
                            return parse_cell(cell.text, cell.value, locale)
                return parse_number("")

            target, realisasi, capaian = number("target"), number("realisasi"), number("capaian_pct")
            if not (target.printed or realisasi.printed or capaian.printed):
                continue
            issue = issues_of(target=target, realisasi=realisasi, capaian=capaian)
            if not indikator:
                issue = "; ".join(filter(None, ["indikator tidak tercetak", issue]))
            elif JOINED_WORDS.search(indikator):
                # the text layer joins words with "_" where the page shows spaces ("Angka_
                # keberhasilan Pengobatan_TB", Dinkes Jabar 2016 p.34): kept as the text layer
                # has it, flagged
                issue = "; ".join(filter(None, ["indikator: '_' di antara kata pada lapisan teks", issue]))
            out.append(
                {
                    "tahun": tahun or ctx["tahun"],
                    "tahun_laporan": ctx["tahun"],
                    "triwulan": quarter,
                    "pemda": ctx["pemda"],
                    "opd": ctx["opd"],
                    "jenis": jenis,
                    "level": "sasaran",
                    "kode": None,
                    "sasaran": sasaran or None,
                    "indikator": indikator or None,
                    "satuan": satuan or target.unit,
                    "target": target.value,
                    "target_printed": target.printed,
                    "realisasi": realisasi.value,
                    "realisasi_printed": realisasi.printed,
                    "capaian_pct_reported": capaian.value,
                    "capaian_printed": capaian.printed,
                    "parse_issue": issue,
                    **provenance(ctx, table, row),
                }
            )
    return out
