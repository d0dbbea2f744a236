"""IKU and Perjanjian Kinerja tables into indicator values (targets over the Renstra period).

Tabel 2.2 of the Klungkung 2024 sample (p.18) prints, per tujuan/sasaran indicator, a
kondisi awal, a target per year and a kondisi akhir; Tabel 2.3 (p.18) the year's agreed
targets. Kondisi awal is the realised baseline the year before the first target year;
kondisi akhir is the target at the end of the period (jenis iku_akhir, in the last year).
"""

from __future__ import annotations

from extract.model import Table
from transform.anggaran import clean
from transform.numbers import Parsed, parse_cell, parse_number
from transform.records import provenance
from transform.sasaran import filled, indicator_rows, indicator_text


def _number(row, index: int, locale: str) -> Parsed:
    cell = row.cells[index] if index < len(row.cells) else None
    if cell is None or cell.covered:
        return parse_number("")
    return parse_cell(cell.text, cell.value, locale)


def transform_iku(table: Table, ctx: dict, locale: str) -> list[dict]:
    """Return target (and baseline) values of an IKU or Perjanjian Kinerja table."""
    years = sorted(c.tahun for c in table.columns_named("target") if c.tahun)
    out = []
    for row in indicator_rows(table):
        indikator = indicator_text(table, row)
        if not indikator:
            continue
        sasaran = filled(table, row, "sasaran") if any(
            c.index < len(row.cells) and row.cells[c.index] is not None and not row.cells[c.index].covered
            for c in table.columns_named("sasaran")
        ) else ""
        base = {
            "tahun_laporan": ctx["tahun"], "pemda": ctx["pemda"], "opd": ctx["opd"],
            "level": "sasaran" if sasaran else "tujuan", "kode": None,
            "tujuan": filled(table, row, "tujuan") or None, "sasaran": sasaran or None, "indikator": indikator,
            **provenance(ctx, table, row),
        }
        values: list[tuple[str, int, str, Parsed]] = []
        if table.kind == "perjanjian_kinerja":
            for col in table.columns_named("target"):
                values.append(("pk", col.tahun or ctx["tahun"], "target", _number(row, col.index, locale)))
        else:
            for col in table.columns_named("target"):
                values.append(("iku", col.tahun or ctx["tahun"], "target", _number(row, col.index, locale)))
            first, last = (years[0], years[-1]) if years else (ctx["tahun"], ctx["tahun"])
            for col in table.columns_named("kondisi_awal"):
                values.append(("iku_awal", first - 1, "realisasi", _number(row, col.index, locale)))
            for col in table.columns_named("kondisi_akhir"):
                values.append(("iku_akhir", last, "target", _number(row, col.index, locale)))
        for jenis, tahun, measure, parsed in values:
            if not parsed.printed:
                continue
            record = {
                **base, "tahun": tahun, "jenis": jenis, "satuan": parsed.unit,
                "target": None, "target_printed": "", "realisasi": None, "realisasi_printed": "",
                "capaian_pct_reported": None, "capaian_printed": "",
                "parse_issue": f"{measure}: {parsed.issue} ('{parsed.printed}')" if parsed.issue else None,
            }
            record[measure] = parsed.value
            record[measure + "_printed"] = parsed.printed
            out.append(record)
    return out
