"""Assemble one document's records: the document row, staged tables and cells, facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract import EXTRACTOR_VERSION
from extract.errors import ExtractError
from extract.model import ExtractedDocument, Table
from transform.anggaran import transform_anggaran
from transform.dokumen import looks_like_report, read_metadata
from transform.efisiensi import transform_efisiensi
from transform.iku import transform_iku
from transform.konteks import transform_konteks
from transform.numbers import guess_locale
from transform.sasaran import JENIS, transform_sasaran
from transform.teks import read_text_figures

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


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


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
                "pages": _pages(t) or None,
                "source_sheet": t.sheet,
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
                        "source_sheet": row.sheet,
                        "source_row": row.index,
                        "column_index": col.index,
                        "column_name": col.name,
                        "column_tahun": col.tahun,
                        "text": cell.text,
                        "x0": _round(cell.x0),
                        "top": _round(cell.top),
                        "x1": _round(cell.x1),
                        "bottom": _round(cell.bottom),
                        "extractor_version": EXTRACTOR_VERSION,
                    }
                )
    return tabel, sel


def transform_document(doc: ExtractedDocument) -> TransformedDocument:
    """Type and normalise everything extract found; reject what is not a report."""
    recognised = [t for t in doc.tables if t.kind]
    if not looks_like_report(doc.page_texts) and not recognised:
        raise ExtractError(doc.file_name, "bukan LKjIP: tidak ada judul laporan kinerja dan tidak ada tabel yang dikenali")
    if not recognised:
        pages = f"{doc.page_count} halaman dibaca" if doc.page_count else (
            "seluruh dokumen dibaca" if doc.format == "docx" else "semua sheet dibaca")
        raise ExtractError(doc.file_name, f"tidak ada tabel LKjIP yang dikenali ({pages}, {len(doc.tables)} tabel lain)")
    preambles = [t.preamble for t in doc.tables if t.preamble]
    meta = {**read_metadata(doc.page_texts, preambles), **doc.metadata}
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
    anggaran, indikator, ringkasan, efisiensi, konteks = [], [], [], [], []
    for t in recognised:
        if t.kind == "anggaran":
            lines, values, footers = transform_anggaran(t, ctx, locale)
            anggaran += lines
            indikator += values
            ringkasan += footers
        elif t.kind in JENIS:
            indikator += transform_sasaran(t, ctx, locale)
        elif t.kind in ("iku", "perjanjian_kinerja"):
            indikator += transform_iku(t, ctx, locale)
        elif t.kind in ("konteks_wilayah", "konteks_variabel", "pegawai"):
            konteks += transform_konteks(t, ctx, locale)
    for t in recognised:
        if t.kind == "efisiensi":
            efisiensi += transform_efisiensi(t, ctx, locale, anggaran)
    angka_teks = read_text_figures(doc.page_texts, {**ctx, "paged": doc.format == "pdf"}, locale)
    tabel, sel = _staged(doc)
    hinted = {p.number for p in doc.pages if p.has_table_hint}
    with_tables = {p for t in doc.tables for p in t.pages}
    dokumen = {
        "source_document_id": doc.sha256,
        "file_name": doc.file_name,
        "format": doc.format,
        "pemda": ctx["pemda"],
        "pemda_inferred": False,
        "opd": ctx["opd"],
        "tahun": ctx["tahun"],
        "page_count": doc.page_count,
        "status": "loaded",
        "error": None,
        "tahapan": (meta.get("tahapan") or "").lower() or None,
        "bulan": (meta.get("bulan") or "").capitalize() or None,
        "sheets": ",".join(dict.fromkeys(t.sheet for t in doc.tables if t.sheet)) or None,
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
            "fct_anggaran_per_dokumen": anggaran,
            "fct_indikator_per_dokumen": indikator,
            "fct_ringkasan_anggaran": ringkasan,
            "fct_efisiensi": efisiensi,
            "fct_konteks": konteks,
            "fct_angka_teks": angka_teks,
        },
    )
