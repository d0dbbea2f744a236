"""Assemble one document's records: the document row, staged tables and cells, facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract import EXTRACTOR_VERSION
from extract.errors import ExtractError
from extract.model import ExtractedDocument, Table
from transform.anggaran import transform_anggaran
from transform.dokumen import looks_like_report, read_metadata
from transform.numbers import guess_locale
from transform.sasaran import JENIS, transform_sasaran

AMOUNT_COLUMNS = ("pagu", "realisasi")


@dataclass
class TransformedDocument:
    """Rows for each warehouse table, keyed by table name, for one source document."""

    dokumen: dict
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _pages(table: Table) -> str:
    return ",".join(str(p) for p in table.pages)


def _staged(doc: ExtractedDocument) -> tuple[list[dict], list[dict]]:
    tabel, sel = [], []
    for t in doc.tables:
        tabel.append(
            {
                "source_document_id": doc.sha256,
                "source_table": t.ordinal,
                "kind": t.kind,
                "caption": t.caption or None,
                "header": t.header_text or None,
                "pages": _pages(t),
                "row_count": len(t.rows),
                "column_count": len(t.columns),
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        for row in t.rows:
            for col in t.columns:
                cell = row.cells[col.index] if col.index < len(row.cells) else None
                if cell is None or cell.covered or not cell.text.strip():
                    continue
                sel.append(
                    {
                        "source_document_id": doc.sha256,
                        "source_table": t.ordinal,
                        "source_page": cell.page,
                        "source_row": row.index,
                        "column_index": col.index,
                        "column_name": col.name,
                        "column_tahun": col.tahun,
                        "text": cell.text,
                        "x0": round(cell.x0, 2),
                        "top": round(cell.top, 2),
                        "x1": round(cell.x1, 2),
                        "bottom": round(cell.bottom, 2),
                        "extractor_version": EXTRACTOR_VERSION,
                    }
                )
    return tabel, sel


def transform_document(doc: ExtractedDocument) -> TransformedDocument:
    """Type and normalise everything extract found; reject what is not a report."""
    recognised = [t for t in doc.tables if t.kind]
    if not looks_like_report(doc.page_texts) and not recognised:
        raise ExtractError(doc.file_name, "bukan LKjIP: tidak ada judul laporan kinerja dan tidak ada tabel yang dikenali")
    captions = [t.caption for t in doc.tables if t.caption]
    meta = {**read_metadata(doc.page_texts, captions), **doc.metadata}
    if "tahun" not in meta:
        raise ExtractError(doc.file_name, "tahun laporan tidak ditemukan di halaman depan", page=1)
    ctx = {
        "source_document_id": doc.sha256,
        "tahun": int(meta["tahun"]),
        "pemda": meta.get("pemda"),
        "opd": meta.get("opd"),
    }
    samples = [
        row.text(c.index)
        for t in recognised if t.kind == "anggaran"
        for row in t.rows
        for name in AMOUNT_COLUMNS
        for c in t.columns_named(name)
    ]
    locale = guess_locale(samples)
    anggaran, indikator, ringkasan = [], [], []
    for t in recognised:
        if t.kind == "anggaran":
            lines, values, footers = transform_anggaran(t, ctx, locale)
            anggaran += lines
            indikator += values
            ringkasan += footers
        elif t.kind in JENIS:
            indikator += transform_sasaran(t, ctx, locale)
    tabel, sel = _staged(doc)
    hinted = {p.number for p in doc.pages if p.has_table_hint}
    with_tables = {p for t in doc.tables for p in t.pages}
    dokumen = {
        "source_document_id": doc.sha256,
        "file_name": doc.file_name,
        "format": doc.format,
        "pemda": ctx["pemda"],
        "opd": ctx["opd"],
        "tahun": ctx["tahun"],
        "page_count": doc.page_count,
        "status": "loaded",
        "error": None,
        "tables_found": len(doc.tables),
        "tables_recognised": len(recognised),
        "pages_without_text": ",".join(map(str, doc.pages_without_text)) or None,
        "pages_figures_no_table": ",".join(map(str, sorted(hinted - with_tables))) or None,
        "number_locale": locale,
        "notes": "; ".join(doc.notes) or None,
        "extractor_version": EXTRACTOR_VERSION,
    }
    return TransformedDocument(
        dokumen=dokumen,
        rows={
            "stg_tabel": tabel,
            "stg_sel": sel,
            "fct_anggaran": anggaran,
            "fct_indikator": indikator,
            "fct_ringkasan_anggaran": ringkasan,
        },
    )
