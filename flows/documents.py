"""Find input files and read one document end to end (extract, transform), no Prefect.

These are plain functions so that tests and other runners can call them directly; the
Prefect tasks in `flows.pipeline` only wrap them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import datetime, timezone
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from extract.errors import ExtractError
from extract.pdf import extract_pdf, sha256_file
from extract.spreadsheet import extract_spreadsheet, sheet_rows
from extract.word import extract_docx
from load.idformat import angka
from transform.document import SUPPLIED, TransformedDocument, transform_document
from transform.dokumen import FIELDS, JENIS, YEARS, month_number, read_sheet_metadata

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv"}
WORD_SUFFIXES = {".docx"}
SUPPORTED = PDF_SUFFIXES | SPREADSHEET_SUFFIXES | WORD_SUFFIXES
READABLE = "PDF, xlsx, xls, ods, csv, docx"


@dataclass
class DocumentResult:
    """One input file's outcome before loading: its records, or why it was rejected."""

    path: str
    file_name: str
    sha256: str
    format: str
    size: int
    error: str | None = None
    document: TransformedDocument | None = None
    modified_at: datetime | None = None
    metadata: dict | None = None  # of a rejected document: what it says about itself, when it was read

    @property
    def ok(self) -> bool:
        return self.document is not None


@dataclass(frozen=True)
class SkippedFile:
    """A file in the inputs that kinerja does not read, and why: every file is accounted for."""

    path: str
    file_name: str
    reason: str


# Formats a user is likely to drop in an inbox beside the reports, with what to do instead.
# Word 97-2003 .doc is binary (no XML to read); LibreOffice converts it without a desktop.
CONVERSION_HINTS = {
    ".doc": "dokumen Word lama (.doc); simpan ulang sebagai .docx, atau ubah dengan "
    "`libreoffice --headless --convert-to docx BERKAS.doc`",
}
UNSUPPORTED = "format tidak didukung"


def skip_reason(path: Path) -> str:
    """Say why a file is not read: its format, and how to convert it when there is a way."""
    if path.name.startswith("~$"):
        return f"{UNSUPPORTED}: berkas kunci sementara Word/Excel (~$), bukan laporan"
    suffix = path.suffix.lower()
    hint = CONVERSION_HINTS.get(suffix)
    if hint:
        return f"{UNSUPPORTED}: {hint}"
    return f"{UNSUPPORTED} ({suffix or 'tanpa ekstensi'}; yang dibaca: {READABLE})"


@dataclass
class InputScan:
    """The files of a run: those kinerja reads, and those it skips with their reason."""

    files: list[Path]
    skipped: list[SkippedFile]


def scan_inputs(paths: list[str | Path]) -> InputScan:
    """Expand files and folders into files to read and files skipped, sorted, hidden files left out.

    A file in a format kinerja does not read is skipped with its reason, whether it was named
    or found in a folder, so that the user can tell it was seen. Hidden files (.DS_Store,
    .git) are not reports and are left out silently, as are documents' sidecars
    (`laporan.pdf.meta.json` beside `laporan.pdf`), which are read with their document.
    """
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found += [f for f in sorted(p.rglob("*"))
                      if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)]
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")
    seen: set[Path] = set()
    scan = InputScan([], [])
    for f in found:
        key = f.resolve()
        if key in seen:
            continue
        seen.add(key)
        if f.suffix.lower() in SUPPORTED and not f.name.startswith("~$"):
            scan.files.append(f)
        elif f.name.endswith(SIDECAR_SUFFIX) and f.with_name(f.name[: -len(SIDECAR_SUFFIX)]).is_file():
            continue  # a document's sidecar (docs/operations.md), read with the document
        else:
            scan.skipped.append(SkippedFile(str(f), f.name, skip_reason(f)))
    return scan


def nothing_to_read(paths: list[str | Path], scan: InputScan) -> str | None:
    """Say in one line that the inputs hold nothing to read, or None when they do."""
    if scan.files:
        return None
    where = ", ".join(str(p) for p in paths)
    if not scan.skipped:
        return f"nothing to read in {where}: no files"
    return (f"nothing to read in {where}: {len(scan.skipped)} file(s), none in a format kinerja reads "
            f"({READABLE})")


def _digest(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:
        return hashlib.sha256(str(path).encode()).hexdigest()


def failed_result(path: str | Path, exc: BaseException) -> DocumentResult:
    """Turn an unexpected crash while reading one file into that file's rejection."""
    p = Path(path)
    return DocumentResult(
        str(p), p.name, _digest(p), p.suffix.lower().lstrip(".") or "unknown",
        p.stat().st_size if p.exists() else 0,
        error=f"{p.name}: {exc}" if isinstance(exc, TimeoutError) else f"{p.name}: kesalahan tak terduga saat membaca ({type(exc).__name__}: {exc})",
    )


SIDECAR_SUFFIX = ".meta.json"
TAHAPAN = ("murni", "perubahan", "pergeseran")


def sidecar_path(path: str | Path) -> Path:
    """Where a document's sidecar sits: `laporan.pdf` -> `laporan.pdf.meta.json` beside it."""
    p = Path(path)
    return p.with_name(p.name + SIDECAR_SUFFIX)


def read_sidecar(path: str | Path) -> dict | None:
    """Return the metadata a user supplied for a document, checked, or None without a sidecar.

    The sidecar is a JSON object with any of jenis, pemda, opd, tahun, tahapan, bulan and
    triwulan; its values win over what the document says (docs/operations.md). A sidecar that
    cannot be used rejects its document with the reason, rather than load it half-described.
    """
    side = sidecar_path(path)
    if not side.exists():
        return None
    name = Path(path).name
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExtractError(name, f"{side.name} tidak dapat dibaca sebagai JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ExtractError(name, f"{side.name} harus berisi satu objek JSON {{\"pemda\": ..., \"tahun\": ...}}")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ExtractError(name, f"{side.name}: kunci tidak dikenal {', '.join(unknown)} (yang dikenal: {', '.join(FIELDS)})")

    def bad(key: str, allowed: str) -> ExtractError:
        return ExtractError(name, f"{side.name}: {key} = {data[key]!r}, harus {allowed}")

    out = {k: v for k, v in data.items() if v not in (None, "")}
    for key in ("pemda", "opd"):
        if key in out and not isinstance(out[key], str):
            raise bad(key, "teks")
    if "jenis" in out and out["jenis"] not in JENIS:
        raise bad("jenis", "salah satu dari " + ", ".join(JENIS))
    if "tahapan" in out and out["tahapan"] not in TAHAPAN:
        raise bad("tahapan", "salah satu dari " + ", ".join(TAHAPAN))
    if "tahun" in out and not (str(out["tahun"]).isdigit() and int(out["tahun"]) in YEARS):
        raise bad("tahun", f"tahun {YEARS.start}-{YEARS.stop - 1}")
    if "bulan" in out:
        text = str(out["bulan"])
        number = int(text) if text.isdigit() else month_number(text)
        if number is None or not 1 <= number <= 12:
            raise bad("bulan", "1-12 atau nama bulan (Desember)")
        out["bulan"] = number
    if "triwulan" in out and str(out["triwulan"]) not in ("1", "2", "3", "4"):
        raise bad("triwulan", "1-4")
    return out


MAX_FILE_MB = 500  # an LKjIP is a few MB; a scanned annex of hundreds of pages some tens
MAX_PAGES = 1000


def _over_limit_mb(size: int, max_mb: float) -> str:
    """Say "0,4 MB, melebihi batas 0,1 MB": the size with as many decimals as show it over the limit.

    A whole number of MB would print a 392 KB file as "0 MB" against a limit of 0,1 MB.
    """
    limit = Decimal(str(max_mb))
    limit_places = max(0, -limit.normalize().as_tuple().exponent)
    mb = Decimal(size) / (1024 * 1024)
    places = limit_places
    while places < 9 and mb.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) <= limit:
        places += 1
    return f"{angka(mb, places)} MB, melebihi batas {angka(limit, limit_places)} MB"


def read_document(path: str | Path, max_pages: int | None = MAX_PAGES, max_mb: float | None = MAX_FILE_MB) -> DocumentResult:
    """Extract and transform one file; an unreadable file comes back with its error."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = suffix.lstrip(".") or "unknown"
    size = path.stat().st_size if path.exists() else 0
    modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc) if path.exists() else None
    result = DocumentResult(str(path), path.name, _digest(path), fmt, size, modified_at=modified)
    try:
        if max_mb is not None and size > max_mb * 1024 * 1024:
            raise ExtractError(path.name, f"berkas {_over_limit_mb(size, max_mb)}")
        supplied = read_sidecar(path)
        if suffix in PDF_SUFFIXES:
            extracted = extract_pdf(path, max_pages=max_pages)
        elif suffix in SPREADSHEET_SUFFIXES:
            extracted = extract_spreadsheet(path)
        elif suffix in WORD_SUFFIXES:
            extracted = extract_docx(path)
        else:
            raise ExtractError(path.name, skip_reason(path))
        result.document = transform_document(extracted, supplied)
    except ExtractError as exc:
        log.info("rejected: %s", exc)
        result.error = str(exc)
        result.metadata = exc.metadata if exc.metadata is not None else _sheet_metadata(path)
    except Exception as exc:  # untrusted input must not crash the run: reject, keep the trace in the log
        log.exception("%s: unexpected error while reading", path.name)
        result.error = f"{path.name}: kesalahan tak terduga saat membaca ({type(exc).__name__}: {str(exc)[:200]})".replace("\n", " ")
    return result


def _sheet_metadata(path: Path) -> dict | None:
    """Read a rejected spreadsheet's metadata from its cells (extraction stopped before
    transform: no table was recognised), with its sidecar over it; None when unreadable."""
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return None
    try:
        meta = read_sheet_metadata(sheet_rows(path))
        meta.override(read_sidecar(path) or {}, SUPPLIED)
        meta.fall_back_to_file_name(path.name)
    except ExtractError:
        return None
    return meta.columns()


@dataclass
class DocumentBytes:
    """A document's bytes, shipped to a worker that does not share the driver's disk (Dask).

    `path` is the file's path on the driver: provenance and messages name it, not the
    worker's temporary copy.
    """

    path: str
    data: bytes
    modified: float
    sidecar: bytes | None = None


def ship(path: str | Path) -> DocumentBytes:
    """Read a file's bytes, modification time and sidecar for a worker on another machine."""
    p = Path(path)
    side = sidecar_path(p)
    return DocumentBytes(str(p), p.read_bytes(), p.stat().st_mtime, side.read_bytes() if side.exists() else None)


def read_shipped(doc: DocumentBytes, **limits) -> DocumentResult:
    """Read a shipped document from a temporary copy under its own name, then forget the copy.

    The copy keeps the file name (its suffix picks the reader, messages cite it), the
    modification time (dim_dokumen records it) and the sidecar beside it, so the result equals
    a read of the original.
    """
    with tempfile.TemporaryDirectory(prefix="kinerja-") as tmp:
        copy = Path(tmp) / Path(doc.path).name
        copy.write_bytes(doc.data)
        os.utime(copy, (doc.modified, doc.modified))
        if doc.sidecar is not None:
            sidecar_path(copy).write_bytes(doc.sidecar)
        result = read_document(copy, **limits)
    result.path = doc.path
    return result
