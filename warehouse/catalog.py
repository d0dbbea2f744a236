"""Render the warehouse catalog (tables, grains, columns) from its own COMMENTs.

`docs/warehouse.md` is this output for a warehouse built from the sample; a test keeps it
in step with the schema, so the documentation cannot drift from the SQL.
"""

from __future__ import annotations

import duckdb

INTRO = """# Warehouse reference

Generated from the warehouse's own `COMMENT ON` statements (`warehouse/schema.sql`,
`warehouse/marts/*.sql`) by `make docs`.
Layers: `stg_` as extracted, `dim_`/`fct_` the core, `mart_` published and derived.
Provenance columns come last on staged and core rows.

## One answer per line

The same budget line or indicator value often reaches the warehouse from several documents:
the LKjIP PDF and its e-monev export (the bundled samples), a 2024 report reprinting 2023
beside the 2023 report itself, a corrected re-upload. Two kinds of table keep them apart:

- **`fct_anggaran` and `fct_indikator` hold each line once**: one row per budget line per
  agency (pemda, opd), tahun, tahapan and period, one row per indicator per agency, tahun,
  period, level, kode and ukuran. Sum, count and chart these, and the marts built on them. Each row names the
  document, page and row it was taken from, how many documents print it (`dokumen_count`) and
  whether they agree (`is_sepakat`).
- **`fct_anggaran_per_dokumen` and `fct_indikator_per_dokumen` hold every document's row**,
  for audit and provenance; the checks (`fct_temuan`) read them. Summing them counts a line
  once per document that prints it.

Which row answers, among those of loaded documents (a superseded version never does):

| | budget line (`fct_anggaran`) | indicator (`fct_indikator`) |
| --- | --- | --- |
| 1 | a row with realisasi beats one with pagu only | the report of that year beats a later report's reprint |
| 2 | the kind of document (`dim_dokumen.jenis`): the final LKjIP, then RFK, e-monev triwulan and LRA, then DPPA, DPA, RKA, the rest; then the realisation of a later month (`dim_dokumen.bulan`; none: the whole year) | a one-year table, then the budget table, a multi-year series, the Perjanjian Kinerja, the rest |
| 3 | the PDF beats a spreadsheet of the same report: it is the published, signed document and has a page to cite | the same |
| 4 | the newer file, then the later load | the later report year, the newer file, the later load |
| 5 | the first table and row of the document | the same |

**Periods.** A figure of the whole year, or cumulative to a document's month (an LKjIP; an RFK
or e-monev "s.d. bulan Agustus", whose month is `dim_dokumen.bulan` and `fct_anggaran.bulan`),
has `triwulan` null. A table printing one column group per quarter (an e-monev "Realisasi
Kinerja Pada Triwulan I - IV": K and Rp under I, II, III, IV) gives one row per line per
quarter it fills, with `triwulan` 1-4: that quarter's own figure. The period is part of the
grain, so a quarter's figure never displaces an annual one (nor the other way round) and is
never compared with it in `lintas_dokumen`; the annual marts (`mart_serapan_anggaran`,
`mart_capaian_indikator`) read only `triwulan IS NULL` rows, so quarters are never added to a
year. Sum a year's lines `WHERE triwulan IS NULL`.

A line is its `kode`; a line whose code did not parse is its level, printed name and parent's
name (`induk`: one sub-kegiatan name may stand under several kegiatan). A document that
prints a line in parts (a flat SIPD export: one row per sub-keluaran and akun belanja of a
sub-kegiatan, `rincian_printed`) answers with their sum (`rincian_count` parts), never with
one part. An indicator of a line without a code is also that line's (`sasaran` holds the
line's name, `induk` its parent). An indicator is its text with case, spacing and bracketed parts ignored (`indikator_key`).
`mart_serapan_anggaran` takes one tahapan per line: perubahan, else murni, else none named.
The choice never hides a disagreement: where the documents differ, `is_sepakat` is false and
`fct_temuan` names each figure that was not chosen, with both documents and pages
(`lintas_dokumen` for budget lines, also a line one document prints twice; `lintas_laporan`
for indicators across documents, `beda_antar_tabel` for two tables of one document).
"""


def render_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """Return one section per table: its grain, then each column with type and meaning."""
    out = [INTRO]
    tables = con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal ORDER BY "
        "CASE split_part(table_name, '_', 1) WHEN 'dim' THEN 1 WHEN 'fct' THEN 2 WHEN 'mart' THEN 3 ELSE 4 END, table_name"
    ).fetchall()
    for name, comment in tables:
        out.append(f"## `{name}`\n\n{comment}\n\n| column | type | meaning |\n| --- | --- | --- |")
        cols = con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? AND NOT internal "
            "ORDER BY column_index",
            [name],
        ).fetchall()
        for col, typ, text in cols:
            out.append(f"| `{col}` | {typ} | {(text or '').replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    connection = duckdb.connect(sys.argv[1], read_only=True)
    sys.stdout.write(render_markdown(connection))
