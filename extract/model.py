"""Plain records that leave the extract stage: cells, rows, tables, documents."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One table cell as printed, with where it was on the page.

    `covered` is True for a grid position that lies under a merged cell whose text sits in
    another row or column; its `text` repeats the merged cell's text so that readers may
    fill down (a Sasaran spanning several indicator rows) or ignore it. Spreadsheet cells
    have no page or position (their row and column say where they are) and carry the typed
    `value` the file stored (a float for a number), which transform converts.
    """

    text: str
    page: int | None
    x0: float | None
    top: float | None
    x1: float | None
    bottom: float | None
    covered: bool = False
    value: object = None
    ocr: bool = False  # read by OCR from a scanned page (extract.ocr)
    confidence: float | None = None  # OCR: lowest Tesseract confidence (0-100) of its words


@dataclass
class Row:
    """One body row of a table; `index` counts rows from 1 within the stitched table."""

    cells: list[Cell | None]
    page: int | None
    index: int
    pages: list[int] = field(default_factory=list)
    sheet: str | None = None

    def text(self, col: int) -> str:
        """Return the printed text of column `col`, empty for a covered or missing cell."""
        if col >= len(self.cells):
            return ""
        cell = self.cells[col]
        if cell is None or cell.covered:
            return ""
        return cell.text

    def joined(self) -> str:
        """Return the whole row's text, cells separated by single spaces."""
        return " ".join(c.text for c in self.cells if c is not None and not c.covered and c.text)


@dataclass
class Column:
    """A table column: its header path as printed and the canonical name it maps to.

    `triwulan` (1-4) is set on a column of one quarter's figures ("TW I", "Triwulan II",
    "I" under "Realisasi ... Triwulan I - IV"): its values are that quarter's own facts.
    """

    index: int
    header_path: list[str]
    name: str | None = None
    tahun: int | None = None
    x0: float = 0.0
    x1: float = 0.0
    triwulan: int | None = None


@dataclass
class Table:
    """A table as recognised in a document, possibly stitched from several pages."""

    kind: str | None
    pages: list[int]
    columns: list[Column]
    rows: list[Row]
    caption: str = ""
    header_text: str = ""
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    ordinal: int = 0
    preamble: str = ""
    sheet: str | None = None

    def columns_named(self, name: str) -> list[Column]:
        """Return the columns mapped to canonical `name`, left to right."""
        return [c for c in self.columns if c.name == name]


@dataclass
class PageInfo:
    """What the fast text pass learnt about one page."""

    number: int
    chars: int
    width: float
    height: float
    rotation: int
    has_table_hint: bool = False
    has_caption: bool = False  # a line opening with "Tabel 2.1": a table of plain counts may follow
    ocr: bool = False  # no text layer: the page was read by OCR


@dataclass
class ExtractedDocument:
    """Everything extract read from one file."""

    path: str
    file_name: str
    sha256: str
    format: str
    page_count: int | None
    page_texts: list[str]
    pages: list[PageInfo]
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    sheet_rows: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # spreadsheets: every cell as text

    @property
    def pages_without_text(self) -> list[int]:
        return [p.number for p in self.pages if p.chars == 0 or p.ocr]

    @property
    def pages_ocr(self) -> list[int]:
        return [p.number for p in self.pages if p.ocr]
