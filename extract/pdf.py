"""Read a PDF report: fast page text for every page, table grids only where tables are.

pypdfium2 reads every page's text (~500 pages/s here) to decide which pages may hold a
table; only those pages' characters and rules are then read for the table builders, in the
same pass, from the page already loaded.

Two engines give those characters and rules. The default, `pdfium`, takes them from the
pdfium document already open (extract.pdfium_page), with no content stream interpreted in
Python. `pdfplumber` (pdfminer underneath) was the only engine before and stays as the
reference: it costs ~93 % of the reading time, but its behaviour on odd files is the one the
table builders were written against. `KINERJA_PDF_ENGINE=pdfplumber` chooses it for a whole
run; with pdfium, a page pdfium cannot read is read again with pdfplumber, so no page is lost
to the faster engine. tests/test_pdf_engines.py checks that both give the same tables.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from extract.errors import ExtractError
from extract.bands import join_staggered_rows, join_wrapped_rows
from extract.lists import list_tables
from extract.items import split_item_rows
from extract.grid import Grid, build_grid, page_segments, ruled_regions
from extract.model import ExtractedDocument, PageInfo, Table
from extract.ocr import OcrPage, OcrResult, OcrUnavailable, ocr_document_pages
from extract.pdfium_page import PdfiumPage
from extract.stitch import stitch
from extract.tables import table_from_grid
from extract.text_tables import Layout, text_tables

log = logging.getLogger(__name__)

# A page may hold a table when it prints several amounts or percentages ("6.214.345.759,00",
# "91,98", amounts of millions without cents: "11,038,000,000", "266.000.000" as BP3AKB and
# Distan Jabar 2016 print them) or the start of a table header; prose pages rarely print more
# than two.
FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})*[.,]\d{1,2}(?![\w])|\d+\s?%|(?<![\w.,])\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+(?![\d])"
)
FIGURES_FOR_TABLE = 3
# A line opening with a table caption ("Tabel 2.1", "TABEL 3.2a", "Lampiran. Rencana Kerja ..."):
# a table of targets printed as
# plain counts (100, 85, 20) shows no figure FIGURE knows, yet its caption says it is there
# (BAPPEDA Jabar 2016 Tabel 2.1 p22, the Perjanjian Kinerja targets).
CAPTION = re.compile(r"^[ \t]*(?:tabel[ \t]+[0-9IVX]+(?:[.\-][0-9a-z]+)*\b|lampiran\b)", re.IGNORECASE | re.MULTILINE)
# ... or a header row of column numbers ("1 2 3 4 5" under NO | SASARAN | INDIKATOR KINERJA |
# SATUAN | TARGET): a Perjanjian Kinerja's target table prints words and small counts, few
# figures (Dispora Jabar 2017 PK p.3: "100 dari 110 Organisasi", "6", "2", "36,6"). Prose
# never prints a line of four or more consecutive column numbers.
NUMBERED_HEADER = re.compile(r"^[ \t]*1[ \t]+2[ \t]+3[ \t]+4(?:[ \t]+\d{1,2})*[ \t]*$", re.MULTILINE)

ENGINES = ("pdfium", "pdfplumber")
ENGINE_VARIABLE = "KINERJA_PDF_ENGINE"


def pdf_engine(chosen: str | None = None) -> str:
    """Return the engine reading candidate pages: `chosen`, else $KINERJA_PDF_ENGINE, else
    pdfium; an unknown name is refused here, whichever way it came."""
    if chosen:
        engine, source = chosen, "engine"
    else:
        engine, source = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or "pdfium", ENGINE_VARIABLE
    if engine not in ENGINES:
        raise ValueError(f"{source}={engine!r}: choose one of {', '.join(ENGINES)}")
    return engine


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    path = Path(path)
    name = path.name
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ExtractError(name, "PDF terkunci kata sandi (encrypted); buka kuncinya lalu kirim ulang") from exc
        if "format" in msg or "data" in msg:
            raise ExtractError(name, "berkas PDF rusak atau terpotong, tidak dapat dibaca") from exc
        raise ExtractError(name, f"PDF tidak dapat dibuka ({exc})") from exc


class _OpenPage:
    """A page pdfium loaded for its text, and its text page, kept for reading its tables."""

    def __init__(self, page: pdfium.PdfPage | None, textpage: pdfium.PdfTextPage | None):
        self.page, self.textpage = page, textpage

    def close(self) -> None:
        if self.textpage is not None:
            self.textpage.close()
        if self.page is not None:
            self.page.close()
        self.page = self.textpage = None


def _read_page(doc: pdfium.PdfDocument, i: int) -> tuple[str, PageInfo, _OpenPage]:
    """Return page i's text, what it tells, and the page still open."""
    try:
        page = doc[i]
    except pdfium.PdfiumError:
        # a damaged page object: the page counts as one without text (the file's other
        # pages are still read; a file with no readable text at all is rejected)
        return "", PageInfo(number=i + 1, chars=0, width=0.0, height=0.0, rotation=0), _OpenPage(None, None)
    textpage = None
    try:
        textpage = page.get_textpage()
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
    except pdfium.PdfiumError:
        text = ""
    w, h = page.get_size()
    info = PageInfo(
        number=i + 1,
        chars=len(text.strip()),
        width=w,
        height=h,
        rotation=page.get_rotation(),
        has_table_hint=len(FIGURE.findall(text)) >= FIGURES_FOR_TABLE or bool(NUMBERED_HEADER.search(text)),
        has_caption=CAPTION.search(text) is not None,
    )
    return text, info, _OpenPage(page, textpage)


def read_page_texts(path: Path) -> tuple[list[str], list[PageInfo]]:
    """Return every page's text and size through pdfium."""
    doc = _open_pdfium(Path(path))
    try:
        texts, infos = [], []
        for i in range(len(doc)):
            text, info, opened = _read_page(doc, i)
            opened.close()
            texts.append(text)
            infos.append(info)
        return texts, infos
    finally:
        doc.close()


def _preamble(page, top: float, floor: float) -> str:
    """Return the text printed just above a table (caption, title block: OPD, BULAN...),
    no higher than the table before it on the same page."""
    above = page.crop((0, max(0, floor, top - 140), page.width, max(1, top)), strict=False)
    return (above.extract_text() or "").strip()


def caption_in(preamble: str) -> str:
    """Return the 'Tabel x.y' caption and the title line after it, if any."""
    lines = [ln.strip() for ln in preamble.splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        if re.match(r"^(?:[a-z]\.\s*)?tabel\s+[\dIVX]", lines[i], re.IGNORECASE):
            return " ".join(lines[i : i + 2])[:200]
    return ""


def _mark_ocr(page: OcrPage, grid: Grid) -> None:
    """Mark a scanned page's cells as read by OCR, with their words' lowest confidence."""
    for row in grid.cells:
        for cell in row:
            cell.ocr = True
            if cell.text:
                cell.confidence = page.confidence(cell.x0, cell.top, cell.x1, cell.bottom)


def _fragment(page, grid: Grid, page_number: int, floor: float) -> Table:
    if isinstance(page, OcrPage):
        _mark_ocr(page, grid)
    preamble = _preamble(page, grid.ys[0], floor) if grid.ys[0] - floor > 5 else ""
    table = table_from_grid(
        grid.cells, grid.xs, page=page_number, preamble=preamble, caption=caption_in(preamble),
        header_rows=grid.header_rows,
    )
    table.bbox = (grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1])
    return table


def _page_grids(page, number: int, carried: Layout | None) -> tuple[list[Grid], Layout | None]:
    """Return the page's table grids, top to bottom, and the text-table columns running on.

    Ruled tables are cut along their rules; the text outside them is searched for tables
    without vertical rules (see extract.text_tables).
    """
    h, v = page_segments(page)
    regions = ruled_regions(h, v)
    grids = [split_item_rows(join_wrapped_rows(join_staggered_rows(build_grid(page, region, number)), page.chars), page.chars)
             for region in _outermost(regions)]
    text_grids, running = text_tables(page, number, regions, h, carried)
    return sorted(grids + text_grids, key=lambda g: g.ys[0]), running


def _outermost(regions: list) -> list:
    """Drop boxes lying wholly inside another ruled region: shaded boxes behind header labels.

    A header cell filled in colour behind its text (Tangerang Selatan e-monev 2023 triwulan
    report p1: green and yellow boxes behind "Indikator Kinerja ...", "Realisasi Kinerja Pada
    Triwulan ...") is a rectangle of its own inside the table's frame. Its characters already
    belong to the outer table's cell; read again as a small table of their own, they also
    came between the table and its continuation on the next page, which then was not stitched.
    Only a box (two vertical sides, no column inside) is dropped: a table of columns inside a
    frame (a page border drawn round everything) is still read as a table.
    """
    def inside(a, b) -> bool:
        if len({round(s.pos) for s in a.v}) > 2:
            return False
        return (a is not b and b.x0 - 1 <= a.x0 and a.x1 <= b.x1 + 1 and b.top - 1 <= a.top
                and a.bottom <= b.bottom + 1 and (a.x1 - a.x0) * (a.bottom - a.top) < (b.x1 - b.x0) * (b.bottom - b.top))

    return [r for r in regions if not any(inside(r, other) for other in regions)]


class _CandidatePages:
    """Read candidate pages with the chosen engine; with pdfium, fall back page by page.

    pdfium reads a candidate page from the page (and text page) already loaded for its text:
    loading and analysing a page again cost ~5 % of the reading time. pdfplumber's file is
    opened only when a page needs it.
    """

    def __init__(self, path: Path, engine: str, doc: pdfium.PdfDocument):
        self.path, self.engine, self._doc = path, engine, doc
        self._plumber = None

    def __enter__(self) -> _CandidatePages:
        return self

    def __exit__(self, *exc) -> None:
        if self._plumber is not None:
            self._plumber.close()

    def grids(self, number: int, carried: Layout | None, opened: _OpenPage, scanned: OcrResult | None = None):
        """Return page `number`'s grids, the layout running on, and the page read.

        `opened` is the page as loaded for its text; it is closed here or with the page read.
        A scanned page (`scanned`, its OCR) is read from its OCR words and rules.
        """
        if scanned is not None:
            opened.close()
            page = OcrPage(scanned)
            return (*_page_grids(page, number, carried), page)
        if self.engine == "pdfium":
            page = None
            try:
                if opened.page is None:
                    opened.page = self._doc[number - 1]
                page = PdfiumPage(opened.page, opened.textpage)
                return (*_page_grids(page, number, carried), page)
            except Exception as exc:  # noqa: BLE001 - any failure: read the page the old way
                opened.close()
                log.warning("%s p. %d: pdfium cannot read the page (%s); reading it with pdfplumber",
                            self.path.name, number, exc)
        opened.close()
        if self._plumber is None:
            self._plumber = pdfplumber.open(str(self.path))
        page = self._plumber.pages[number - 1]
        return (*_page_grids(page, number, carried), page)

    def fragments(
        self, number: int, carried: Layout | None, opened: _OpenPage, scanned: OcrResult | None = None
    ) -> tuple[list[Table], Layout | None]:
        """Return the table fragments of page `number`, top to bottom, and the layout running on."""
        grids, running, page = self.grids(number, carried, opened, scanned)
        fragments = []
        floor = 0.0
        for grid in grids:
            fragments.append(_fragment(page, grid, number, floor))
            floor = grid.ys[-1]
        page.close()
        return fragments, running


def _read_pages(
    path: Path, engine: str, doc: pdfium.PdfDocument, scanned: dict[int, OcrResult] | None = None
) -> tuple[list[str], list[PageInfo], list[Table], list[int]]:
    """Read every page's text and the candidates' table fragments in one pass over the pages.

    A page is a candidate when it or the page before prints FIGURES_FOR_TABLE figures or a
    table caption, or the page before holds a recognised table (a table may run on to a page
    of text rows only); all are known when the page is read.
    Return the texts, page infos, fragments and candidate page numbers. `scanned` holds the
    OCR of the pages without a text layer, by page number: their text and tables come from it.
    """
    scanned = scanned or {}
    texts: list[str] = []
    infos: list[PageInfo] = []
    fragments: list[Table] = []
    candidates: list[int] = []
    carried: Layout | None = None
    hinted_before = False
    with _CandidatePages(path, engine, doc) as pages:
        for i in range(len(doc)):
            text, info, opened = _read_page(doc, i)
            ocr = scanned.get(i + 1)
            if ocr is not None:
                text = OcrPage(ocr).text()
                info.chars, info.ocr = len(text.strip()), True
                info.width, info.height = ocr.width, ocr.height
                info.has_table_hint = len(FIGURE.findall(text)) >= FIGURES_FOR_TABLE or bool(NUMBERED_HEADER.search(text))
                info.has_caption = CAPTION.search(text) is not None
            texts.append(text)
            infos.append(info)
            found = []
            if not (info.has_table_hint or info.has_caption or hinted_before):
                opened.close()
                carried = None  # a table runs on only to the next page
            else:
                try:
                    found, carried = pages.fragments(info.number, carried, opened, ocr)
                except ExtractError:
                    raise
                except Exception as exc:  # pdfminer raises many types on damaged files
                    cause = str(exc) or repr(exc.__cause__ or exc)
                    raise ExtractError(path.name, f"PDF tidak dapat dibaca: {cause}") from exc
                fragments += found
                candidates.append(info.number)
            # a recognised table may run on to a page of figures no hint knows (Distan Jabar
            # 2016 Lampiran Rencana Kerja, pp67-78: amounts in thousands, "266.000", wrapped
            # inside their cells as "5.099." / "119")
            hinted_before = info.has_table_hint or info.has_caption or any(t.kind for t in found)
    return texts, infos, fragments, candidates


def extract_pdf(path: Path, max_pages: int | None = None, engine: str | None = None) -> ExtractedDocument:
    """Read one PDF into recognised, stitched tables with provenance; raise ExtractError.

    `engine` is "pdfium" or "pdfplumber" (default: `pdf_engine()`).
    """
    path = Path(path)
    name = path.name
    engine = pdf_engine(engine)
    if path.stat().st_size == 0:
        raise ExtractError(name, "berkas kosong (0 byte)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise ExtractError(name, "bukan berkas PDF (tanda %PDF tidak ada di awal berkas)")
    digest = sha256_file(path)
    doc = _open_pdfium(path)
    try:
        count = len(doc)
        if max_pages is not None and count > max_pages:
            raise ExtractError(name, f"{count} halaman, melebihi batas {max_pages} halaman")
        if not count:
            raise ExtractError(name, "PDF tanpa halaman")
        notes: list[str] = []
        try:
            scanned = ocr_document_pages(doc)
        except OcrUnavailable as exc:
            scanned = {}
            notes.append(f"halaman tanpa lapisan teks tidak dibaca: {exc}")
        failed = sorted(n for n, r in scanned.items() if r.error)
        if failed:
            notes.append(f"OCR gagal di halaman {', '.join(map(str, failed))}: {scanned[failed[0]].error}")
        texts, infos, fragments, candidates = _read_pages(path, engine, doc, scanned)
    finally:
        doc.close()
    if all(p.chars == 0 for p in infos):
        # no text, no figures: no page was a candidate, no table was looked for
        # OCR read the scanned pages and found no print (blank pages, pictures), or could not run
        why = "OCR tidak menemukan teks yang terbaca" if scanned else "perlu OCR"
        raise ExtractError(
            name, f"tidak ada lapisan teks di halaman 1-{len(infos)} (hasil pindai?); {why}", page=1
        )
    tables = stitch(fragments)
    tables += list_tables(texts, {p for t in tables if t.kind for p in t.pages})
    for i, t in enumerate(tables, start=1):
        t.ordinal = i
    log.info("%s: %d pages, %d candidate pages, %d tables", name, len(infos), len(candidates), len(tables))
    return ExtractedDocument(
        path=str(path),
        file_name=name,
        sha256=digest,
        format="pdf",
        page_count=len(infos),
        page_texts=texts,
        pages=infos,
        tables=tables,
        notes=notes,
    )
