"""Generated reports used by several test modules."""

from __future__ import annotations

from decimal import Decimal


def consistent_report():
    """The generator's 2023 report with its inherited mistakes put right by hand: official
    names (and the two codes whose names belong to code 0007), capaian of the lower-is-better
    dispute indicator computed downwards."""
    import csv
    import dataclasses
    from decimal import ROUND_HALF_UP

    from tests.conftest import ROOT
    from tests.generator import lkjip

    with (ROOT / "warehouse" / "reference" / "nomenklatur.csv").open(encoding="utf-8") as fh:
        official = {r["kode"]: r["nama"] for r in csv.DictReader(fh)}
    moved = {"2.07.01.2.01.0002": "2.07.01.2.01.0007", "2.07.01.2.02.0002": "2.07.01.2.02.0007"}
    data = lkjip.synthetic_2023()
    lines = []
    for line in data.budget_lines:
        kode = moved.get(line.kode, line.kode)
        nama = official.get(kode) or official.get("X.XX" + kode[4:]) or line.nama
        lines.append(dataclasses.replace(line, kode=kode, nama=nama))

    def downwards(value):
        if value.target:
            exact = (2 * value.target - value.realisasi) / value.target * 100
            return dataclasses.replace(value, capaian=exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        return value

    tables = []
    for table in data.sasaran_tables:
        rows = []
        for row in table.rows:
            if "perselisihan" in row.indikator.lower():
                row = dataclasses.replace(row, values=tuple(downwards(v) for v in row.values))
            rows.append(row)
        tables.append(dataclasses.replace(table, rows=tuple(rows)))
    return dataclasses.replace(data, budget_lines=tuple(lines), sasaran_tables=tuple(tables))
