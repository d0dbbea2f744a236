"""Write the Klungkung 2024 LKjIP as the Word draft it was exported from (.docx).

The running text and the tables other than Tabel 3.9 come from the report's full text
(`../shared/seeds/000_e43e33c829622563.txt`: paragraphs, markdown headings, tables as
tab-separated rows, `<b>` for bold). Tabel 3.9, the budget table, is built from the
hand-made golden `tests/golden/klungkung_2024_anggaran.csv` and the footer printed on p. 28,
with the PDF's columns: NO. over P. | K. | SK., KODE over a code and a sub-code column,
ANGGARAN and INDIKATOR KINERJA over their labels.

Two styles, as drafts come: `ruled` (every border drawn, header rows marked to repeat on
each page, Tabel 3.1 nested in a one-cell layout table) and `horizontal` (rules between
rows only, header rows bold but not marked).
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_e43e33c829622563.txt"
GOLDEN = ROOT / "tests" / "golden" / "klungkung_2024_anggaran.csv"
STYLES = ("ruled", "horizontal")

# Tabel 3.9's footer as printed on p. 28 of the sample PDF: label, figure, label, figure.
FOOTER = [
    ("Total Program", "5", "Rata - Rata Capaian Program", "106,23"),
    ("Total Kegiatan", "13", "Rata - Rata Capaian Kegiatan", "109,86"),
    ("Total Sub Kegiatan", "23", "Rata - Rata Capaian Sub Kegiatan", "107,21"),
]
JUMLAH = [("JUMLAH", "Rp. 6.254.031.019,00", "Rp. 5.736.636.675,00", "91,73"), ("SISA", "", "Rp. 517.394.344,00", "8,27")]
NOMOR_COLUMN = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}
FIGURE = re.compile(r"^-?\d+(?:[.,]\d+)*$")
YEAR = re.compile(r"^(?:19|20)\d\d$")


def idr(text: str) -> str:
    """Print a decimal as the report does: 6.214.345.759,00."""
    if text == "":
        return ""
    whole, _, cents = f"{Decimal(text):.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + cents


def _borders(table, style: str) -> None:
    edges = ("top", "bottom", "insideH") if style == "horizontal" else ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if edge in edges else "nil")
        el.set(qn("w:sz"), "4")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _write(cell, text: str, bold: bool = False) -> None:
    """Put text in a fresh cell, one paragraph per line, `<b>` parts bold."""
    for i, line in enumerate(text.split("\n")):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _runs(para, line, bold)


def _runs(para, text: str, bold: bool = False) -> None:
    for part in re.split(r"(<b>.*?</b>)", text):
        if part.startswith("<b>"):
            para.add_run(part[3:-4]).bold = True
        elif part:
            para.add_run(part).bold = bold or None


def _mark_header(table, nheader: int, style: str) -> None:
    for row in table.rows[:nheader]:
        if style == "ruled":
            flag = OxmlElement("w:tblHeader")
            row._tr.get_or_add_trPr().append(flag)
        else:
            for cell in row.cells:
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.bold = True


def _header_rows(rows: list[list[str]]) -> int:
    """Count the seed table's header rows: the first row, and a second that starts empty
    and prints no figure but years (Tabel 3.2: Target | Realisasi | Capaian under the years)."""
    def figures(row):
        return any(FIGURE.match(c.strip()) and not YEAR.match(c.strip()) for c in row)

    return 2 if len(rows) > 2 and not rows[1][0].strip() and not figures(rows[1]) else 1


def _cell_text(text: str) -> str:
    """A seed cell as typed in Word: an HTML list is one paragraph per item, tags dropped
    (the program list of the Telaahan RKPD table, p. 17)."""
    text = re.sub(r"</li>\s*<li>", "\n", text)
    return re.sub(r"<(?!/?b>)[^>]+>", "", text).strip()


def _seed_rows(rows: list[list[str]]) -> list[list[str]]:
    """Clean the seed's rows: markdown rule rows go; a row wider than the header loses its
    rightmost empty cells until it fits (the seed slips a cell into Tabel 2.2's last row, so
    that '1 Perselisihan' would leave the Kondisi akhir column it has on p. 18)."""
    rows = [[_cell_text(c) for c in r] for r in rows if not all(set(c.strip()) <= {"-"} for c in r)]
    width = len(rows[0])
    fitted = []
    for row in rows:
        while len(row) > width and "" in row[:-1]:
            gap = max(i for i, c in enumerate(row[:-1]) if c == "")
            row = row[:gap] + row[gap + 1:]
        fitted.append(row)
    return fitted


def seed_table(doc_or_cell, rows: list[list[str]], style: str):
    """Add a seed table: header labels with empty cells right of them span those columns when
    the row below fills them; a header label with nothing below spans the header rows."""
    rows = _seed_rows(rows)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = doc_or_cell.add_table(rows=len(rows), cols=width)
    _borders(table, style)
    nheader = _header_rows(rows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                _write(table.cell(r, c), text)
    if nheader == 2:
        top, below = rows[0], rows[1]
        c = 0
        while c < width:
            end = c
            while end + 1 < width and not top[end + 1] and below[end + 1]:
                end += 1
            if top[c] and end > c:
                table.cell(0, c).merge(table.cell(0, end))
            elif top[c] and not below[c]:
                table.cell(0, c).merge(table.cell(1, c))
            c = end + 1
    _mark_header(table, nheader, style)
    return table


def budget_table(doc, style: str):
    """Add Tabel 3.9 from the golden budget lines, with the PDF's 14 columns."""
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        golden = list(csv.DictReader(fh))
    table = doc.add_table(rows=2 + len(golden) + len(FOOTER) + len(JUMLAH), cols=14)
    _borders(table, style)
    cell = table.cell
    for col, text in ((0, "NO."), (3, "KODE"), (5, "PROGRAM / KEGIATAN / SUB KEGIATAN"), (6, "ANGGARAN"),
                      (9, "INDIKATOR KINERJA"), (13, "KET.")):
        _write(cell(0, col), text)
    for col, text in enumerate(["P.", "K.", "SK.", "", "", "", "RENCANA", "REALISASI", "CAPAIAN IK",
                                "INDIKATOR (SATUAN)", "RENCANA", "REALISASI", "CAPAIAN IK", ""]):
        if text:
            _write(cell(1, col), text)
    cell(0, 0).merge(cell(0, 2))
    cell(0, 3).merge(cell(1, 4))
    cell(0, 5).merge(cell(1, 5))
    cell(0, 6).merge(cell(0, 8))
    cell(0, 9).merge(cell(0, 12))
    cell(0, 13).merge(cell(1, 13))
    _mark_header(table, 2, style)
    for i, g in enumerate(golden, start=2):
        bold = g["kode_printed"].startswith("3") and g["level"] in ("urusan", "bidang")
        if g["nomor_printed"]:
            _write(cell(i, NOMOR_COLUMN[g["level"]]), g["nomor_printed"])
        kode, _, sub = g["kode_printed"].partition(" | ")
        indikator = f"{g['indikator']} ({g['satuan']})" if g["satuan"] else g["indikator"]
        for col, text in ((3, kode), (4, sub), (5, g["nama_printed"]), (6, idr(g["pagu_idr"])), (7, idr(g["realisasi_idr"])),
                          (8, idr(g["serapan_pct_reported"])), (9, indikator), (10, idr(g["target"])),
                          (11, idr(g["realisasi"])), (12, idr(g["capaian_pct_reported"]))):
            if text:
                _write(cell(i, col), text, bold=bold and col != 3)
    row = 2 + len(golden)
    for label, figure, average, value in FOOTER:
        _write(cell(row, 0), label)
        _write(cell(row, 6), figure)
        _write(cell(row, 7), average)
        _write(cell(row, 12), value)
        cell(row, 0).merge(cell(row, 5))
        cell(row, 7).merge(cell(row, 11))
        cell(row, 12).merge(cell(row, 13))
        row += 1
    for label, pagu, realisasi, pct in JUMLAH:
        _write(cell(row, 0), label)
        _write(cell(row, 6), pagu)
        _write(cell(row, 9), realisasi)
        _write(cell(row, 12), pct)
        cell(row, 0).merge(cell(row, 5))
        cell(row, 6).merge(cell(row, 8))
        cell(row, 9).merge(cell(row, 11))
        cell(row, 12).merge(cell(row, 13))
        row += 1
    return table


def _blocks(text: str):
    """Yield ('heading', level, text), ('para', text) and ('table', rows) from the seed."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or (not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1])):
                if lines[i].strip() or "\t" in lines[i]:
                    rows.append(lines[i].split("\t"))
                i += 1
            yield ("table", rows)
            continue
        stripped = line.strip()
        i += 1
        if not stripped or set(stripped) <= {"-"}:
            continue
        heading = re.match(r"^(#+)\s*(.*)$", stripped)
        if heading:
            yield ("heading", len(heading.group(1)), _plain(heading.group(2)))
        else:
            yield ("para", _plain(stripped))


def _plain(text: str) -> str:
    text = re.sub(r"^[-*]\s+", "", text) if re.match(r"^[-*]\s+\S", text) and not text.startswith("**") else text
    return text.replace("**", "").replace("*", "").strip()


def write_docx(path: Path, style: str = "ruled") -> Path:
    """Write the sample report as a .docx in `style` ("ruled" or "horizontal")."""
    if style not in STYLES:
        raise ValueError(f"style {style!r}: choose one of {STYLES}")
    doc = Document()
    in_budget = False
    after_31 = False
    for block in _blocks(SEED.read_text(encoding="utf-8")):
        kind = block[0]
        if kind == "heading":
            _, level, text = block
            if level <= 2 and doc.paragraphs:
                doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            doc.add_heading(text, level=min(level, 4))
        elif kind == "para":
            text = block[1]
            if in_budget and text.startswith("Sumber data"):
                in_budget = False
            elif in_budget:
                continue
            _runs(doc.add_paragraph(), text)
            if text.startswith("BULAN :"):
                budget_table(doc, style)
                in_budget = True
            after_31 = after_31 or text.startswith("b. Tabel 3.1")
        else:
            if in_budget:
                continue
            rows = block[1]
            if after_31 and style == "ruled":
                layout = doc.add_table(rows=1, cols=1)
                seed_table(layout.cell(0, 0), rows, style)
            else:
                seed_table(doc, rows, style)
            after_31 = False
    doc.save(str(path))
    return Path(path)
