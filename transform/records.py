"""Shared pieces of every staged and core record: provenance, last on each row."""

from __future__ import annotations

from extract import EXTRACTOR_VERSION
from extract.model import Row, Table


def provenance(ctx: dict, table: Table, row: Row) -> dict:
    """Return the provenance columns of a record read from `row` of `table`."""
    return {
        "source_document_id": ctx["source_document_id"],
        "source_page": row.page,
        "source_pages": ",".join(str(p) for p in row.pages) or None,
        "source_sheet": row.sheet,
        "source_table": table.ordinal,
        "source_row": row.index,
        "extractor_version": EXTRACTOR_VERSION,
        **ocr_marks(row),
    }


def ocr_marks(row: Row) -> dict:
    """Return whether the row was read by OCR and its cells' lowest word confidence.

    A record takes its values from several cells of its row; the row's weakest cell bounds
    how far any of them can be trusted (extract.ocr). Typed rows give ocr=None.
    """
    cells = [c for c in row.cells if c is not None and not c.covered and c.text.strip()]
    if not any(c.ocr for c in cells):
        return {"ocr": None, "ocr_confidence": None}
    found = [c.confidence for c in cells if c.ocr and c.confidence is not None]
    return {"ocr": True, "ocr_confidence": min(found) if found else None}
