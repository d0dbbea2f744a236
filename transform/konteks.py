"""Context statistics into one value per region, variable and year (fct_konteks).

Three shapes in the Klungkung 2024 sample: a region table (TPAK of every kabupaten/kota of
Bali, p.20: the variable is the merged header over the years), a variable table (Tabel 1.5
p.8: jumlah perusahaan and UMK by year, for the report's own region) and staff counts by
eselon, golongan and pendidikan (Tabel 2.1-2.3, pp.13-14: one year, the report's).
"""

from __future__ import annotations

import re

from extract.model import Table
from transform.anggaran import cell_value, clean
from transform.numbers import parse_cell
from transform.records import provenance

UNIT_IN_BRACKETS = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*)\)\s*$")


def _record(ctx: dict, table: Table, row, wilayah, variabel, kategori, tahun, parsed, satuan) -> dict:
    return {
        "tahun": tahun,
        "tahun_laporan": ctx["tahun"],
        "pemda": ctx["pemda"],
        "opd": ctx["opd"],
        "wilayah": wilayah,
        "variabel": variabel,
        "kategori": kategori,
        "nilai": parsed.value,
        "nilai_printed": parsed.printed,
        "satuan": satuan or (parsed.unit if parsed.unit else None),
        "parse_issue": f"nilai: {parsed.issue} ('{parsed.printed}')" if parsed.issue else None,
        **provenance(ctx, table, row),
    }


def _values(table: Table, row, locale: str):
    for col in table.columns_named("nilai"):
        cell = row.cells[col.index] if col.index < len(row.cells) else None
        if cell is None or cell.covered or not clean(cell.text):
            continue
        yield col, parse_cell(cell.text, cell.value, locale)


def transform_konteks(table: Table, ctx: dict, locale: str) -> list[dict]:
    """Return one record per printed context value of a region, variable or staff table."""
    out = []
    for row in table.rows:
        if not clean(row.joined()):
            continue
        if table.kind == "konteks_wilayah":
            wilayah = cell_value(table, row, "wilayah")
            for col, parsed in _values(table, row, locale):
                variabel = clean(col.header_path[0]) if len(col.header_path) > 1 else None
                out.append(_record(ctx, table, row, wilayah, variabel, None, col.tahun, parsed, None))
        elif table.kind == "konteks_variabel":
            name = cell_value(table, row, "variabel")
            m = UNIT_IN_BRACKETS.match(name)
            variabel, satuan = (clean(m.group("name")), clean(m.group("unit"))) if m else (name, None)
            for col, parsed in _values(table, row, locale):
                out.append(_record(ctx, table, row, ctx["pemda"], variabel, None, col.tahun, parsed, satuan))
        elif table.kind == "pegawai":
            header = next((" ".join(c.header_path) for c in table.columns_named("kategori")), "")
            cell = next((row.cells[c.index] for c in table.columns_named("jumlah") if c.index < len(row.cells)), None)
            if cell is None:
                continue
            parsed = parse_cell(cell.text, cell.value, locale)
            kategori = cell_value(table, row, "kategori") or cell_value(table, row, "nomor")
            out.append(
                _record(ctx, table, row, ctx["pemda"], f"Jumlah pegawai menurut {header.lower()}", kategori,
                        ctx["tahun"], parsed, (parsed.unit or "").lower() or None)
            )
    return out
