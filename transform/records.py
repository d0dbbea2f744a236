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
    }
