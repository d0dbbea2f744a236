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


def filled(table: Table, row: Row, name: str) -> str:
    """Return the text under `name`, filling down a cell merged over several rows."""
    for col in table.columns_named(name):
        cell = row.cells[col.index] if col.index < len(row.cells) else None
        if cell is not None and clean(cell.text):
            return clean(cell.text)
    return ""


# a bullet (Symbol-font bullets reach the text layer as private-use characters) or a list
# number ("1. Jumlah rekomendasi ...", Biro Organisasi Jabar 2016 Tabel 7 p.16)
BULLET = re.compile(r"^(?:[-•·*]\s+|[\uf0a7\uf0b7\uf0d8\uf076\uf0fc]\s*|(?:\d{1,2}|[a-z])[.)]\s+(?=[A-Za-z]))")


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
    return [
        r for row in rows
        for r in unstack(table, row, ("target", "realisasi", "capaian_pct"), "indikator", ("sasaran", "nama"), ("satuan",))
    ]


VALUES = ("target", "realisasi", "capaian_pct")


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


def _by_year(table: Table, tahun: int | None = None) -> dict[int | None, dict[str, int]]:
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
        return {named[0] if named else None: merged}
    return years


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
    groups = _by_year(table, ctx["tahun"])
    for row in indicator_rows(table):
        indikator = indicator_text(table, row)
        sasaran = filled(table, row, "sasaran")
        if not clean(row.joined()):
            continue
        satuan = filled(table, row, "satuan") or None
        for tahun, cols in sorted(groups.items(), key=lambda kv: kv[0] or 0):
            def number(name: str) -> Parsed:
                cell = row.cells[cols[name]] if name in cols and cols[name] < len(row.cells) else None
                if cell is None or cell.covered:
                    return parse_number("")
                return parse_cell(cell.text, cell.value, locale)

            target, realisasi, capaian = number("target"), number("realisasi"), number("capaian_pct")
            if not (target.printed or realisasi.printed or capaian.printed):
                continue
            issue = issues_of(target=target, realisasi=realisasi, capaian=capaian)
            if not indikator:
                issue = "; ".join(filter(None, ["indikator tidak tercetak", issue]))
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
