"""Write the budget table of a ReportData as a spreadsheet export (.xlsx with openpyxl, .xls with xlwt).

The layout is one that no spreadsheet reader of kinerja was tuned for (issue 14, item 5):

- a title block first, so the header does not start on row 1;
- several header rows: merged group cells ANGGARAN and INDIKATOR KINERJA over their columns,
  optionally a row of column numbers "1 2 3 ... n" under them;
- a single NO column holding the printed running number of every level ("1.", "1.", "1.");
- the code whole in one column (`2.07.01.2.02.0001`);
- satuan in its own column beside the indicator;
- then the footer rows JUMLAH and SISA.

Values are written as numbers (or, with `as_text`, as "1.234.567,00" text as some exports
do). `write_flat_sipd` writes another layout: a flat SIPD list, the code over five columns
headed by level names in one header row. What the reader should give is `expected_budget_lines(data, SHEET_STYLE)`, computed
from the same data, never from an extraction.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.generator.lkjip import ReportData, Style, _pct, expected_footer, fmt_amount, fmt_pct, fmt_value, split5_cells

# what expected_budget_lines needs to know of the layout: one code cell, a number column
SHEET_STYLE = Style(name="sheet_no_satuan", code_style="official", satuan="column", header_spelling="cik")

HEADER = [
    ["NO", "KODE", "PROGRAM / KEGIATAN / SUB KEGIATAN", "ANGGARAN", "", "", "INDIKATOR KINERJA", "", "", "", ""],
    ["", "", "", "PAGU (Rp)", "REALISASI (Rp)", "%", "INDIKATOR", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"],
]
# (first row, first col, last row, last col) of merged header cells, 0-based within HEADER
MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5), (0, 6, 0, 10)]
# With `pct_each`: a "%" after each amount, under words no header spelling of kinerja holds
# (so the columns are read by their roles): the first % is the line's share of the budget.
HEADER_PCT_EACH = [
    ["NO", "KODE", "URAIAN", "KEUANGAN", "", "", "", "INDIKATOR KINERJA", "", "", "", ""],
    ["", "", "", "ALOKASI (Rp)", "%", "REALISASI (Rp)", "%", "INDIKATOR", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"],
]
MERGES_PCT_EACH = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 6), (0, 7, 0, 11)]


def title_rows(data: ReportData) -> list[list]:
    return [
        [f"LAPORAN REALISASI ANGGARAN DAN CAPAIAN KINERJA TAHUN {data.tahun}"],
        [f"PEMERINTAH {data.pemda.upper()}"],
        [f"Perangkat Daerah : {data.opd}"],
        [],
    ]


def sheet_rows(data: ReportData, numbered: bool = False, as_text: bool = False,
               pct_each: bool = False) -> tuple[list[list], int]:
    """All rows of the sheet, and the 0-based row where the header starts."""

    def num(value: Decimal | None, field: str, dash: frozenset[str], kind: str):
        if value is None:
            return "-" if field in dash else ""
        if not as_text:
            return float(value)
        return {"amount": fmt_amount, "pct": fmt_pct, "value": fmt_value}[kind](value, "id")

    rows = title_rows(data)
    start = len(rows)
    header = HEADER_PCT_EACH if pct_each else HEADER
    rows += [list(r) for r in header]
    if numbered:
        rows.append([str(i + 1) for i in range(len(header[0]))])
    f = expected_footer(data)
    for ln in data.budget_lines:
        share = [] if not pct_each else [num(None if ln.pagu is None else _pct(ln.pagu, f.jumlah_pagu), "", frozenset(), "pct")]
        rows.append([
            ln.nomor, ln.kode, ln.nama, num(ln.pagu, "pagu", ln.dash, "amount"), *share,
            num(ln.realisasi, "realisasi", ln.dash, "amount"), num(ln.serapan, "serapan", ln.dash, "pct"),
            ln.indikator, ln.satuan,
            num(ln.target, "target", ln.dash, "value"), num(ln.realisasi_ik, "realisasi_ik", ln.dash, "value"),
            num(ln.capaian, "capaian", ln.dash, "pct"),
        ])
    pct = (lambda v: "" if v is None else (float(v) if not as_text else fmt_pct(v, "id")))
    money = (lambda v: float(v) if not as_text else fmt_amount(v, "id"))
    gap = [""] if pct_each else []
    rows.append(["", "", "JUMLAH", money(f.jumlah_pagu), *gap, money(f.jumlah_realisasi), pct(f.jumlah_pct)] + [""] * 5)
    rows.append(["", "", "SISA", "", *gap, money(f.sisa), pct(f.sisa_pct)] + [""] * 5)
    return rows, start


def write_xlsx(path: str | Path, data: ReportData, numbered: bool = False, as_text: bool = False,
               pct_each: bool = False) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    rows, start = sheet_rows(data, numbered, as_text, pct_each)
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for r0, c0, r1, c1 in (MERGES_PCT_EACH if pct_each else MERGES):
        ws.merge_cells(f"{get_column_letter(c0 + 1)}{start + r0 + 1}:{get_column_letter(c1 + 1)}{start + r1 + 1}")
    wb.save(str(path))
    return Path(path)


def write_xls(path: str | Path, data: ReportData, numbered: bool = False, as_text: bool = False,
              pct_each: bool = False) -> Path:
    import xlwt

    rows, start = sheet_rows(data, numbered, as_text, pct_each)
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Realisasi")
    merged = {(start + r0, c0): (start + r1, c1) for r0, c0, r1, c1 in (MERGES_PCT_EACH if pct_each else MERGES)}
    covered = {(r, c) for (r0, c0), (r1, c1) in merged.items()
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(merged)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if (r, c) in merged:
                r1, c1 = merged[(r, c)]
                ws.write_merge(r, r1, c, c1, v)
            elif v != "" and (r, c) not in covered:
                ws.write(r, c, v)
    wb.save(str(path))
    return Path(path)


# A flat SIPD list: the code over five cells, each headed by its level's name in one header
# row, no NO column; what expected_budget_lines needs to know of it
FLAT_SIPD_STYLE = Style(name="sheet_flat_sipd", code_style="split5", satuan="column", header_spelling="simple")
FLAT_HEADER = ["URUSAN", "BIDANG", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", "URAIAN", "PAGU (Rp)", "REALISASI (Rp)", "%",
               "INDIKATOR", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"]


def flat_sipd_rows(data: ReportData) -> list[list]:
    """Title block, one header row, one row per line (code parts as text: "07" keeps its zero)."""
    def num(value: Decimal | None, field: str, dash: frozenset[str]):
        return ("-" if field in dash else "") if value is None else float(value)

    rows = title_rows(data) + [list(FLAT_HEADER)]
    for ln in data.budget_lines:
        rows.append(split5_cells(ln.kode) + [
            ln.nama, num(ln.pagu, "pagu", ln.dash), num(ln.realisasi, "realisasi", ln.dash),
            num(ln.serapan, "serapan", ln.dash), ln.indikator, ln.satuan, num(ln.target, "target", ln.dash),
            num(ln.realisasi_ik, "realisasi_ik", ln.dash), num(ln.capaian, "capaian", ln.dash),
        ])
    f = expected_footer(data)
    rows.append([""] * 5 + ["JUMLAH", float(f.jumlah_pagu), float(f.jumlah_realisasi),
                            "" if f.jumlah_pct is None else float(f.jumlah_pct)] + [""] * 5)
    return rows


def write_flat_sipd(path: str | Path, data: ReportData, fmt: str = "xlsx") -> Path:
    """Write `flat_sipd_rows` as .xlsx (openpyxl) or .xls (xlwt)."""
    rows = flat_sipd_rows(data)
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Sheet1"
        for row in rows:
            ws.append([None if v == "" else v for v in row])
        wb.save(str(path))
        return Path(path)
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    wb.save(str(path))
    return Path(path)
