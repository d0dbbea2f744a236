"""Read a Word draft (.docx) into the same tables and running text as a PDF.

An LKjIP is written in Word and exported to PDF; the Inspektorat's reviu often gets the
draft. Word keeps the table grid the PDF reader has to rebuild from rules and glyphs: cells
spanning columns (`w:gridSpan`) and rows (`w:vMerge`), header rows marked to repeat on every
page (`w:tblHeader`), bold runs, tables nested in a cell. python-docx gives the document's
XML as objects; each table becomes the same cell grid as a PDF page or a sheet and goes
through the same header recognition (extract.tables.table_from_grid), so there is no second
set of rules.

A .docx has no pages. Provenance is the table's number in document order (`source_table`;
a nested table is numbered right after the table holding it) and its row in Word's table,
header rows counted (`source_row`); `source_page` stays empty. The running text is cut at
explicit page breaks only, and, as in a PDF's page text, holds the tables' text in place.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from extract.errors import ExtractError
from extract.headers import header_rows
from extract.model import Cell, ExtractedDocument, Table
from extract.pdf import caption_in, sha256_file
from extract.spreadsheet import OLE2, ZIP, check_zip_size
from extract.tables import table_from_grid

PREAMBLE_LINES = 8  # about the 140 pt the PDF reader looks above a table: caption, title block
TEXT_ELEMENTS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
# Deleted text (tracked deletions, moves away) and the fallback copy of a drawing's text box,
# which repeats the text box's own paragraphs.
NOT_READ = {qn("w:del"), qn("w:moveFrom"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def paragraph_text(p) -> str:
    """Return a paragraph's text as it reads with its tracked changes accepted.

    A reviewer's draft carries tracked changes; python-docx's Paragraph.text reads only the
    runs directly under the paragraph, so text inserted with change tracking on (w:ins) would
    be lost. Inserted text is read, deleted text is not.
    """
    out = []
    for el in p.iter(*TEXT_ELEMENTS):
        if any(a.tag in NOT_READ for a in el.iterancestors()):
            continue
        out.append((el.text or "") if el.tag == qn("w:t") else TEXT_ELEMENTS[el.tag])
    return "".join(out)


def _cell(text: str, covered: bool = False) -> Cell:
    return Cell(text=text, page=None, x0=None, top=None, x1=None, bottom=None, covered=covered)


def _is_bold(paragraphs: list[Paragraph]) -> bool:
    """Tell whether every run holding text is bold, directly or by its paragraph's style."""
    flags = [
        bool(run.bold) if run.bold is not None else bool(p.style is not None and p.style.font.bold)
        for p in paragraphs for run in p.runs if run.text.strip()
    ]
    return bool(flags) and all(flags)


class _Reader:
    """Walk the document body in order, collecting text and tables with their numbers."""

    def __init__(self, doc):
        self.doc = doc  # the part paragraph styles are looked up in (bold by style)
        self.chunks: list[list[str]] = [[]]  # running text, cut at explicit page breaks
        self.tables: list[Table | None] = []

    def walk(self, parent_element, since_table: list[str]) -> None:
        """Read the block items under `parent_element`: paragraphs, tables, content controls."""
        for child in parent_element.iterchildren():
            if child.tag == qn("w:p"):
                text = paragraph_text(child)
                if child.xpath("./w:pPr/w:pageBreakBefore") and any(self.chunks[-1]):
                    self.chunks.append([])
                self.chunks[-1].append(text)
                since_table.append(text)
                if child.xpath(".//w:br[@w:type='page']"):
                    self.chunks.append([])
            elif child.tag == qn("w:tbl"):
                self.table(child, since_table)
                since_table.clear()
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.walk(content, since_table)

    def table(self, tbl, before: list[str]) -> None:
        """Read one table into a grid, then the tables nested in its cells."""
        slot = len(self.tables)
        self.tables.append(None)  # keeps this table's number ahead of the tables nested in it
        grid, bold, repeated, nested = self.grid(tbl)
        titles = 0
        while titles < len(grid) and len(grid[titles]) > 1 and grid[titles][0].text and not grid[titles][0].covered \
                and all(c.covered for c in grid[titles][1:]):
            titles += 1  # a caption typed in a row spanning the whole table ("Tabel 3.9 ...")
        preamble_lines = [t for t in before if t.strip()][-PREAMBLE_LINES:] + [grid[r][0].text for r in range(titles)]
        preamble = "\n".join(preamble_lines)
        body = grid[titles:]
        # Word marks the header rows to repeat on every page; else a bold band on top is the
        # header, as far as its cells read as labels (a bold first body row is no header)
        marked = _leading(repeated[titles:]) or min(_leading(bold[titles:]), header_rows(body))
        edges = [float(i) for i in range(len(body[0]) + 1)] if body else [0.0]
        table = table_from_grid(body, edges, first_row_number=titles + 1, caption=caption_in(preamble),
                                preamble=preamble, header_rows=marked or None) if body else None
        if table is not None and marked and table.kind is None:
            # a row marked as header that is no header of a known kind: let the labels decide
            table = table_from_grid(body, edges, first_row_number=titles + 1, caption=caption_in(preamble), preamble=preamble)
        if table is None:
            table = Table(kind=None, pages=[], columns=[], rows=[], preamble=preamble)
        table.ordinal = slot + 1
        self.tables[slot] = table
        self.chunks[-1] += ["\t".join(c.text for c in row if not c.covered) for row in grid]
        for inner, holder in nested:  # a table laid out inside a cell keeps the text above the cell
            self.table(inner, list(before) + [paragraph_text(p) for p in holder.p_lst])

    def grid(self, tbl):
        """Return the table's cells on Word's grid, per row whether it is bold and marked to
        repeat as header, and the tables nested in its cells with the cell holding each.

        A cell spanning columns covers the grid columns right of it; a cell continuing a
        vertical merge is covered by the one above it. Both repeat its text (extract.model.Cell).
        """
        width = len(tbl.tblGrid.gridCol_lst) if tbl.tblGrid is not None else 0
        rows: list[list[Cell]] = []
        bold: list[bool] = []
        repeated: list[bool] = []
        nested = []
        for tr in tbl.tr_lst:
            row: list[Cell] = [_cell("", covered=False) for _ in range(tr.grid_before)]
            paragraphs = []
            for tc in tr.tc_lst:
                text = "\n".join(paragraph_text(p) for p in tc.p_lst).strip()
                col = len(row)
                if tc.vMerge == "continue":
                    above = rows[-1][col] if rows and col < len(rows[-1]) else _cell("")
                    first = _cell(above.text, covered=True)
                else:
                    first = _cell(text)
                    paragraphs += [Paragraph(p, self.doc) for p in tc.p_lst]
                row.append(first)
                row += [_cell(first.text, covered=True) for _ in range(tc.grid_span - 1)]
                nested += [(inner, tc) for inner in tc.tbl_lst]
            rows.append(row)
            bold.append(_is_bold(paragraphs))
            header = tr.trPr.find(qn("w:tblHeader")) if tr.trPr is not None else None
            repeated.append(header is not None and header.get(qn("w:val"), "true") not in ("0", "false", "off"))
            width = max(width, len(row))
        for row in rows:
            row += [_cell("") for _ in range(width - len(row))]
        return rows, bold, repeated, nested


def _leading(flags: list[bool]) -> int:
    count = 0
    for flag in flags:
        if not flag:
            break
        count += 1
    return count


def _check_container(path: Path) -> None:
    name = path.name
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE2):
        raise ExtractError(name, "bukan .docx biasa: dokumen Word terkunci kata sandi atau dokumen Word lama (.doc) "
                                 "yang diberi nama .docx; buka kuncinya atau simpan ulang sebagai .docx")
    if not head.startswith(ZIP):
        raise ExtractError(name, "bukan berkas docx (isi berkas bukan dokumen Word)")
    check_zip_size(path, "berkas docx rusak atau terpotong")


def extract_docx(path: Path) -> ExtractedDocument:
    """Read a .docx: every table on its own grid, the running text cut at page breaks."""
    path = Path(path)
    name = path.name
    if path.stat().st_size == 0:
        raise ExtractError(name, "berkas kosong (0 byte)")
    _check_container(path)
    try:
        doc = Document(str(path))
    except ValueError as exc:  # python-docx: "file ... is not a Word file, content type is ..."
        raise ExtractError(name, "bukan dokumen Word (arsip Office lain, mis. spreadsheet, yang diberi nama .docx)") from exc
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ExtractError(name, "dokumen Word tidak dapat dibaca (bagian word/document.xml tidak ada atau rusak)") from exc
    except Exception as exc:  # python-docx raises its own and lxml's errors on damaged parts
        raise ExtractError(name, f"dokumen Word tidak dapat dibaca ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})") from exc
    reader = _Reader(doc)
    reader.walk(doc.element.body, [])
    texts = ["\n".join(chunk) for chunk in reader.chunks if any(t.strip() for t in chunk)]
    if not texts and not reader.tables:
        raise ExtractError(name, "dokumen Word kosong: tidak ada teks dan tidak ada tabel")
    return ExtractedDocument(
        path=str(path),
        file_name=name,
        sha256=sha256_file(path),
        format="docx",
        page_count=None,
        page_texts=texts,
        pages=[],
        tables=reader.tables,
    )
