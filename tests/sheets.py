"""Write e-monev-style spreadsheet exports of the golden budget lines in several layouts.

The values come from the hand-made golden file, so each export's expected output is the
golden file itself, whatever the layout.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from tests.conftest import read_golden

GOLDEN = read_golden("klungkung_2024_anggaran.csv")
TITLE = [
    ["LAPORAN CAPAIAN INDIKATOR KINERJA MURNI"],
    ["TAHUN ANGGARAN 2024"],
    [],
    ["OPD : Dinas Ketenagakerjaan"],
    ["BULAN : Juni"],
    [],
]
FOOTER_JUMLAH = ("JUMLAH", Decimal("6254031019.00"), Decimal("5736636675.00"), Decimal("91.73"))


def indicator_text(g: dict) -> str:
    return f"{g['indikator']} ({g['satuan']})" if g["satuan"] else g["indikator"]


def fmt(value: str, locale: str, as_text: bool):
    """Return a golden decimal as a stored number or as text in a number locale."""
    if value == "":
        return ""
    d = Decimal(value)
    if not as_text:
        return float(d)
    whole, _, frac = f"{d:.2f}".partition(".")
    grouped = f"{int(whole):,}"
    if locale == "id":
        return grouped.replace(",", ".") + "," + frac
    return grouped + "." + frac


def split_code(kode: str) -> list[str]:
    """Urusan | Bidang | Program | Kegiatan | Sub Kegiatan cells of a canonical code."""
    parts = kode.split(".")
    cells = [parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""]
    cells.append(".".join(parts[3:5]) if len(parts) > 3 else "")
    cells.append(parts[5] if len(parts) > 5 else "")
    return cells


def budget_rows(layout: str, locale: str = "id", as_text: bool = False) -> list[list]:
    """Header rows + body + footer for one of the layouts.

    layouts: "cik" (two header rows, one code column), "subcode" (code + sub-code cells under
    one KODE header), "split" (Urusan | Bidang | Program | Kegiatan | Sub Kegiatan columns),
    "simple" (one header row: Kode | Program/Kegiatan | Pagu Anggaran (Rp) | Realisasi (Rp) | %).
    """
    f = lambda v: fmt(v, locale, as_text)  # noqa: E731
    rows: list[list] = []
    if layout == "cik":
        rows += [
            ["NO.", "", "", "KODE", "PROGRAM / KEGIATAN / SUB KEGIATAN", "ANGGARAN", "", "", "INDIKATOR KINERJA", "", "", "", "KET."],
            ["P.", "K.", "SK.", "", "", "RENCANA", "REALISASI", "CAPAIAN IK", "INDIKATOR (SATUAN)", "RENCANA", "REALISASI", "CAPAIAN IK", ""],
        ]
        for g in GOLDEN:
            rows.append(["", "", g["nomor_printed"], g["kode"], g["nama_printed"], f(g["pagu_idr"]), f(g["realisasi_idr"]),
                         f(g["serapan_pct_reported"]), indicator_text(g), f(g["target"]), f(g["realisasi"]), f(g["capaian_pct_reported"]), ""])
    elif layout == "subcode":
        rows += [["KODE", "", "PROGRAM / KEGIATAN / SUB KEGIATAN", "PAGU", "REALISASI", "CAPAIAN IK"]]
        for g in GOLDEN:
            head, sub = (g["kode"].rsplit(".", 1) if g["level"] == "sub_kegiatan" else (g["kode"], ""))
            rows.append([head, sub, g["nama_printed"], f(g["pagu_idr"]), f(g["realisasi_idr"]), f(g["serapan_pct_reported"])])
    elif layout == "split":
        rows += [
            ["KODE", "", "", "", "", "URAIAN", "ANGGARAN", "", ""],
            ["URUSAN", "BIDANG", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", "", "PAGU", "REALISASI", "CAPAIAN"],
        ]
        for g in GOLDEN:
            rows.append(split_code(g["kode"]) + [g["nama_printed"], f(g["pagu_idr"]), f(g["realisasi_idr"]), f(g["serapan_pct_reported"])])
    elif layout == "simple":
        rows += [["Kode", "Program/Kegiatan", "Pagu Anggaran (Rp)", "Realisasi (Rp)", "%"]]
        for g in GOLDEN:
            rows.append([g["kode"], g["nama_printed"], f(g["pagu_idr"]), f(g["realisasi_idr"]), f(g["serapan_pct_reported"])])
    else:
        raise ValueError(layout)
    width = len(rows[0])
    jumlah = ["JUMLAH"] + [""] * (width - 1)
    pagu_col = next(i for i, h in enumerate(rows[1 if layout in ("cik", "split") else 0]) if h in ("RENCANA", "PAGU", "Pagu Anggaran (Rp)"))
    jumlah[pagu_col] = f(str(FOOTER_JUMLAH[1]))
    jumlah[pagu_col + 1] = f(str(FOOTER_JUMLAH[2]))
    jumlah[pagu_col + 2] = f(str(FOOTER_JUMLAH[3]))
    rows.append(jumlah)
    rows.append(["Rata-rata Capaian"] + [""] * (width - 2) + [f("107.21")])
    return rows


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    import pandas as pd

    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame(padded).to_excel(writer, sheet_name="CIK", header=False, index=False)
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("CIK")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    wb.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path
