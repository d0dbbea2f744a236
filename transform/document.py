"""Assemble one document's records: the document row, staged tables and cells, facts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extract import EXTRACTOR_VERSION
from extract.errors import ExtractError
from extract.model import ExtractedDocument, Table
from transform.anggaran import transform_anggaran
from transform.dokumen import TABLES, Metadata, jenis_from_tables, looks_like_report, read_pdf_metadata, read_sheet_metadata
from transform.efisiensi import transform_efisiensi
from transform.iku import transform_iku
from transform.konteks import transform_konteks
from transform.numbers import guess_locale
from transform.sasaran import JENIS, renstra_end, transform_sasaran
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
                        "ocr": True if cell.ocr else None,
                        "ocr_confidence": cell.confidence,
                        "extractor_version": EXTRACTOR_VERSION,
                    }
                )
    return tabel, sel


def agreement_with_budget(table: Table) -> bool:
    """Tell a budget table that also states a performance agreement: sasaran, their
    indicators and targets, and beside them the programs or kegiatan with their anggaran, no
    realisation of either (BKPD Jabar 2016 Tabel 4 p.40 "Penetapan Kinerja": three indicators
    and two kegiatan in one sasaran's row). The indicators belong to the sasaran, not to the
    budget lines beside them, and stack apart from them: they are read as the PK's targets.
    """
    have = {c.name for c in table.columns}
    return {"sasaran", "indikator", "target", "nama", "pagu"} <= have and not have & {
        "realisasi", "realisasi_indikator", "capaian_pct", "serapan_pct"}


SUPPLIED = "berkas .meta.json"


def read_metadata(doc: ExtractedDocument, supplied: dict | None = None) -> Metadata:
    """Read what a document says about itself, then put what the user supplied over it.

    Spreadsheets are read from their cells, PDFs from their page texts; neither depends on
    which tables were recognised. `supplied` is the document's sidecar (flows.documents),
    whose values win over what was read. A year neither gives is taken last from the file's
    name (Metadata.fall_back_to_file_name), never from a vote of years in the cells.
    """
    meta = read_sheet_metadata(doc.sheet_rows) if doc.sheet_rows else read_pdf_metadata(doc.page_texts)
    if supplied:
        meta.override(supplied, SUPPLIED)
    meta.fall_back_to_file_name(doc.file_name)
    return meta


TABLES_LISTED = 5  # a rejection names this many of the tables it saw, then counts the rest


def _tables_seen(doc: ExtractedDocument) -> str:
    """Name the tables a rejected document holds (page, caption or header), so the user sees
    what kinerja found and could not place (#15), e.g. "; 2 tabel terlihat: hlm. 3 'No | Sasaran | Target'"."""
    if not doc.tables:
        return "; tidak ada tabel yang terlihat"
    shown = []
    for t in doc.tables[:TABLES_LISTED]:
        where = f"hlm. {t.pages[0]}" if t.pages else (f"sheet {t.sheet}" if t.sheet else f"tabel {t.ordinal}")
        first = " | ".join(c.text.strip() for c in t.rows[0].cells if c.text.strip()) if t.rows else ""
        label = " ".join((t.caption or t.header_text or first or "tanpa judul").split())
        shown.append(f"{where} '{label[:60]}{'…' if len(label) > 60 else ''}'")
    more = f" dan {len(doc.tables) - TABLES_LISTED} lainnya" if len(doc.tables) > TABLES_LISTED else ""
    return f"; {len(doc.tables)} tabel terlihat: " + ", ".join(shown) + more


def transform_document(doc: ExtractedDocument, supplied: dict | None = None) -> TransformedDocument:
    """Type and normalise everything extract found; reject what is not a report.

    `supplied` holds metadata the user gave for this document (its sidecar file); it wins
    over what the document says.
    """
    meta = read_metadata(doc, supplied)

    def reject(cause: str, page: int | None = None) -> ExtractError:
        error = ExtractError(doc.file_name, cause, page=page)
        error.metadata = meta.columns()
        return error

    recognised = [t for t in doc.tables if t.kind]
    if "jenis" not in meta.sources and jenis_from_tables(t.kind for t in recognised):
        meta.jenis = jenis_from_tables(t.kind for t in recognised)
        meta.sources["jenis"] = TABLES
    if not recognised:
        if not looks_like_report(doc.page_texts) and "jenis" not in meta.sources:
            raise reject("bukan dokumen kinerja atau anggaran: tidak ada judul LKjIP, PK, Renstra, Renja, RKA/DPA, "
                         "RFK, LRA atau laporan triwulan, dan tidak ada tabel yang dikenali" + _tables_seen(doc))
        pages = f"{doc.page_count} halaman dibaca" if doc.page_count else (
            "seluruh dokumen dibaca" if doc.format == "docx" else "semua sheet dibaca")
        raise reject(f"tidak ada tabel yang dikenali ({pages})" + _tables_seen(doc))
    if meta.tahun is None:
        # every fact row carries its year (tahun NOT NULL): a document without one cannot load
        raise reject(
            "tahun laporan tidak ditemukan di sampul, judul, header/footer, tanda tangan atau nama berkas; "
            f"isi lewat berkas {doc.file_name}.meta.json berisi {{\"tahun\": <tahun>}}, "
            "atau beri nama berkas yang memuat tahunnya",
            page=1,
        )
    ctx = {
        "source_document_id": doc.sha256,
        "tahun": meta.tahun,
        "pemda": meta.pemda,
        "opd": meta.opd,
    }
    if any(t.columns_named("target_renstra") for t in recognised):
        ctx["renstra_akhir"] = renstra_end(doc.page_texts, meta.tahun)
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
            ringkasan += footers
            if agreement_with_budget(t):
                indikator += transform_iku(replace(t, kind="perjanjian_kinerja"), ctx, locale)
            else:
                indikator += values
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
        **meta.columns(),
        "pemda_inferred": False,
        "page_count": doc.page_count,
        "status": "loaded",
        "error": None,
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
