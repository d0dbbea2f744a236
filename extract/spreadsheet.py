"""Read SIPD / e-monev spreadsheet exports (xlsx, xls, ods, csv) into the same tables as PDFs.

An export has a title block ("LAPORAN CAPAIAN INDIKATOR KINERJA PERUBAHAN", "TAHUN
ANGGARAN 2024", "OPD : ...", "BULAN : Desember"), one or two header rows with merged cells,
the body, footer rows and a source line (the sample `cik-disnaker-klungkung-2024.xlsx`).
python-calamine reads all three binary formats, about ten times faster than openpyxl, and
reports merged ranges for xlsx; where it cannot (csv, some ods/xls), merges in the header are
inferred from the layout. Numbers stay typed (`Cell.value`); transform converts them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook

from extract.errors import ExtractError
from extract.headers import header_rows, is_header_text
from extract.model import Cell, ExtractedDocument, Table
from extract.pdf import sha256_file
from extract.roles import names_role
from extract.tables import table_from_grid

HEADER_SEARCH_ROWS = 40
ZIP_MAX_UNCOMPRESSED = 500 * 1024 * 1024  # a real export is a few MB; more is a zip bomb
ZIP_MAX_RATIO = 200
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def check_zip_size(path: Path, damaged: str) -> None:
    """Refuse a zip container (xlsx, ods, docx) that would unpack to far more than a report.

    `damaged` is the message for a container that is no readable zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            packed = sum(i.compress_size for i in zf.infolist()) or 1
    except zipfile.BadZipFile as exc:
        raise ExtractError(path.name, damaged) from exc
    if total > ZIP_MAX_UNCOMPRESSED or total / packed > ZIP_MAX_RATIO:
        raise ExtractError(path.name, f"isi terkompresi tidak wajar ({total // (1024 * 1024)} MB setelah dibuka); ditolak sebagai zip bomb")


def _check_container(path: Path) -> None:
    """Reject files that are not what their extension says, locked, or zip bombs."""
    name, suffix = path.name, path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if suffix in (".xlsx", ".ods"):
        if head.startswith(OLE2):
            raise ExtractError(name, "spreadsheet terkunci kata sandi (encrypted); simpan ulang tanpa kata sandi")
        if not head.startswith(ZIP):
            raise ExtractError(name, f"bukan berkas {suffix.lstrip('.')} (isi berkas bukan arsip spreadsheet)")
        check_zip_size(path, "berkas spreadsheet rusak atau terpotong")
    elif suffix == ".xls" and not head.startswith(OLE2):
        raise ExtractError(name, "bukan berkas xls (isi berkas bukan spreadsheet Excel 97-2003)")


def _read_csv(path: Path) -> list[tuple[str, list[list], None]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ExtractError(path.name, "bukan berkas CSV teks")
    return [(path.stem, _split_csv(text), None)]


def _split_csv(text: str) -> list[list[str]]:
    """Split CSV text on the delimiter that gives the most rows of one common width.

    csv.Sniffer guesses "," on exports whose title lines precede a ";"-separated table with
    Indonesian amounts ("6.214.345.759,00"), cutting every amount in two.
    """
    best: tuple[int, list[list[str]]] = (-1, [])
    for delimiter in (";", "\t", ",", "|"):
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
        widths = [len(r) for r in rows if len(r) >= 3]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common)
        if score > best[0]:
            best = (score, rows)
    return best[1] or [list(r) for r in csv.reader(io.StringIO(text))]


def _read_workbook(path: Path) -> list[tuple[str, list[list], list | None]]:
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types per format
        msg = str(exc)
        if "password" in msg.lower() or "encrypt" in msg.lower():
            raise ExtractError(path.name, "spreadsheet terkunci kata sandi (encrypted)") from exc
        raise ExtractError(path.name, f"spreadsheet tidak dapat dibaca ({msg.splitlines()[0][:120] if msg else type(exc).__name__})") from exc
    sheets = []
    for name in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = sheet.merged_cell_ranges
        except Exception as exc:
            raise ExtractError(path.name, f"sheet tidak dapat dibaca ({exc})", sheet=name) from exc
        sheets.append((name, rows, merges))
    return sheets


def _cells(rows: list[list], merges: list | None, sheet: str) -> list[list[Cell]]:
    width = max((len(r) for r in rows), default=0)
    grid = [
        [Cell(text=_text(v), page=None, x0=None, top=None, x1=None, bottom=None, value=v) for v in list(r) + [None] * (width - len(r))]
        for r in rows
    ]
    for (r0, c0), (r1, c1) in merges or []:
        if r0 >= len(grid):
            continue
        origin = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Cell(text=origin.text, page=None, x0=None, top=None, x1=None, bottom=None, covered=True)
    return grid


def _covering(cell: Cell) -> Cell:
    return Cell(text=cell.text, page=None, x0=None, top=None, x1=None, bottom=None, covered=True)


def _infer_header_merges(block: list[list[Cell]], body: list[list[Cell]]) -> None:
    """Without merge data, read the header as merged cells would have made it.

    An empty cell under a label continues it downwards (KODE over two header rows). Then an
    empty header cell right of a label lies under that label when the row below (or, on the
    last header row, the body) has something in that column: ANGGARAN over RENCANA |
    REALISASI, KODE over a code and a sub-code column.
    """
    for r in range(1, len(block)):
        for c in range(len(block[r])):
            above = block[r - 1][c]
            if not block[r][c].text and above.text:
                block[r][c] = _covering(above)
    for r, upper in enumerate(block):
        below = block[r + 1] if r + 1 < len(block) else None
        for c in range(1, len(upper)):
            left = upper[c - 1]
            if upper[c].text or not left.text:
                continue
            if below is not None:
                filled = bool(below[c].text) and not below[c].covered
            else:
                filled = any(c < len(row) and row[c].text for row in body)
            if filled:
                upper[c] = _covering(left)


def _find_table(grid: list[list[Cell]], sheet: str, has_merges: bool) -> tuple[Table | None, int]:
    """Try each of the first rows as the header start; keep the first recognised table.

    A start row holds a known header spelling, or names two column roles (extract.roles:
    "SKPD | PROGRAM | ... | JUMLAH PERUBAHAN", "kode_opd | kode_subkegiatan | ..."); a header
    no spelling explains is one row here, its roles recognised by table_from_grid. The body
    runs to the first empty row: what follows (a "Sumber data" line) is not data.
    """
    for start in range(min(HEADER_SEARCH_ROWS, len(grid))):
        known = any(is_header_text(c.text) for c in grid[start])
        if not known and sum(1 for c in grid[start] if c.text and names_role(c.text)) < 2:
            continue
        block = [[Cell(**c.__dict__) for c in row] for row in grid[start : start + 3]]
        nheader = header_rows(block) if known else 1
        if not nheader:
            continue
        body_end = start + nheader
        while body_end < len(grid) and any(c.text for c in grid[body_end]):
            body_end += 1
        if not has_merges:
            _infer_header_merges(block[:nheader], grid[start + nheader : body_end])
        cells = block[:nheader] + [list(r) for r in grid[start + nheader : body_end]]
        edges = [float(i) for i in range(len(grid[start]) + 1)]
        table = table_from_grid(cells, edges, sheet=sheet, first_row_number=start + 1)
        if table.kind is not None:
            return table, start
    return None, -1


def _read_sheets(path: Path) -> list[tuple[str, list[list], list | None]]:
    name, suffix = path.name, path.suffix.lower()
    if path.stat().st_size == 0:
        raise ExtractError(name, "berkas kosong (0 byte)")
    if suffix == ".csv":
        return _read_csv(path)
    _check_container(path)
    return _read_workbook(path)


def _text_rows(rows: list[list]) -> list[list[str]]:
    return [[_text(v) for v in r] for r in rows]


def sheet_rows(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Return every sheet's cells as text, whatever tables they hold.

    The document's own metadata (title rows, a year column, pemda names) is read from these,
    so it is known even for a file whose tables are not recognised.
    """
    return [(name, _text_rows(rows)) for name, rows, _ in _read_sheets(Path(path))]


def extract_spreadsheet(path: Path) -> ExtractedDocument:
    """Read every sheet; keep the recognised tables, say which sheets were skipped and why."""
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    sheets = _read_sheets(path)
    tables, notes, titles = [], [], []
    for sheet_name, rows, merges in sheets:
        grid = _cells(rows, merges, sheet_name)
        if not grid:
            notes.append(f"sheet '{sheet_name}' dilewati: kosong")
            continue
        table, start = _find_table(grid, sheet_name, bool(merges))
        if table is None:
            notes.append(f"sheet '{sheet_name}' dilewati: tidak ada header tabel yang dikenali")
            continue
        table.preamble = "\n".join(t for t in (_row(grid[i]) for i in range(start)) if t)
        titles.append(table.preamble)
        table.ordinal = len(tables) + 1
        tables.append(table)
    if not tables:
        where = ", ".join(f"'{s[0]}'" for s in sheets) or "-"
        raise ExtractError(name, f"tidak ada tabel yang dikenali (sheet {where})")
    return ExtractedDocument(
        path=str(path),
        file_name=name,
        sha256=sha256_file(path),
        format=suffix.lstrip("."),
        page_count=None,
        page_texts=titles,
        pages=[],
        tables=tables,
        notes=notes,
        sheet_rows=[(sheet_name, _text_rows(rows)) for sheet_name, rows, _ in sheets],
    )


def _row(cells: list[Cell]) -> str:
    return " ".join(c.text for c in cells if c.text and not c.covered)
