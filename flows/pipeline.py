"""The main job as a Prefect flow: read each document, load, build marts, publish Parquet."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from extract import EXTRACTOR_VERSION
from flows.documents import MAX_FILE_MB, MAX_PAGES, DocumentResult, SkippedFile, failed_result, read_document, scan_inputs, ship, sidecar_path
from flows.killpoint import kill_point
from extract.ocr import CACHE_VARIABLE as OCR_CACHE_VARIABLE
from flows.parallel import default_workers, read_source, worker_pool
from extract.pdf import sha256_file
from load.parquet import is_current, publish_parquet
from load.report import ReportError, write_report
from load.warehouse import LoadOutcome, WarehouseBuild, clear_abandoned_build, loaded_versions, schema_is_current, table_counts

log = logging.getLogger(__name__)

_progress: list = []


def on_document_read(callback) -> None:
    """Register a callable told (file name, ok) after each document is read (the CLI's bar)."""
    _progress.append(callback)


@dataclass
class RunSummary:
    """What a run did, for the CLI summary and for tests."""

    warehouse: str
    parquet: str
    documents: list[LoadOutcome] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    parquet_rows: dict[str, int] = field(default_factory=dict)
    report: str | None = None
    report_error: str | None = None
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def loaded(self) -> list[LoadOutcome]:
        return [d for d in self.documents if d.status == "loaded"]

    @property
    def rejected(self) -> list[LoadOutcome]:
        return [d for d in self.documents if d.status not in ("loaded", "unchanged")]

    @property
    def unchanged(self) -> list[LoadOutcome]:
        return [d for d in self.documents if d.status == "unchanged"]


# The task's body is flows.parallel.read_source, a plain importable function: Dask ships the
# task by reference, with its arguments and nothing else (no progress bar, no lock; #19).
read_document_task = task(name="read-document", retries=1, retry_delay_seconds=1)(read_source)

# Bytes of documents travelling to Dask workers at once: the driver reads a file only when
# there is room, so a folder of thousands of reports never sits in its memory whole.
SHIP_BYTES_IN_FLIGHT = 256 * 1024 * 1024


def _document_read(result: DocumentResult) -> None:
    """Log one document's outcome and advance the progress bar, on the driver, whatever the runner."""
    if result.ok:
        log.info("read %s: %d budget lines, %d indicator values", result.file_name,
                 result.document.count("fct_anggaran_per_dokumen"), result.document.count("fct_indikator_per_dokumen"))
    else:
        log.warning("rejected %s", result.error)
    for callback in _progress:
        callback(result.file_name, result.ok)


def _uses_dask() -> bool:
    """Whether this flow run's tasks go to a Dask cluster (whose workers may not share our disk)."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    return ctx is not None and type(ctx.task_runner).__module__.startswith("prefect_dask")


def read_documents(to_read: list[str], timeout: float | None, limits: dict, ship_bytes: bool) -> list[DocumentResult]:
    """Read every file as a task and return the results in input order.

    Each outcome is logged and counted as it comes back. With `ship_bytes` the file's bytes
    travel with the task, so remote workers need no shared disk; a file over the size limit
    is rejected here without being read or sent.
    """
    results: dict[str, DocumentResult] = {}
    pending: dict = {}
    in_flight = 0

    def collect(fut) -> None:
        nonlocal in_flight
        path, size = pending.pop(fut)
        in_flight -= size
        fut.wait()
        if fut.state.is_completed():
            results[path] = fut.result()
        else:
            results[path] = failed_result(path, fut.result(raise_on_failure=False))
        _document_read(results[path])
        kill_point("read")

    max_mb = limits.get("max_mb")
    for path in to_read:
        source, size = path, 0
        if ship_bytes:
            size = Path(path).stat().st_size
            if max_mb is not None and size > max_mb * 1024 * 1024:
                results[path] = read_document(path, **limits)  # rejected on its size, unread
                _document_read(results[path])
                continue
            while pending and in_flight + size > SHIP_BYTES_IN_FLIGHT:
                collect(next(iter(pending)))
            source = ship(path)
        fut = read_document_task.submit(source, timeout=timeout, limits=limits)
        pending[fut] = (path, size)
        in_flight += size
    for fut in as_completed(list(pending)):
        collect(fut)
    return [results[p] for p in to_read]


@task(name="find-unchanged")
def find_unchanged_task(files: list[str], warehouse: str) -> dict[str, str]:
    """Return {path: document id} of files whose bytes were already loaded by this extractor
    version: they are not read again (the cache key is content hash + extractor version).
    A file with a sidecar (`<file>.meta.json`) is always read again, so an edited sidecar
    takes effect on the next run."""
    known = loaded_versions(Path(warehouse))
    unchanged = {}
    for path in files:
        digest = sha256_file(Path(path))
        if known.get(digest) == EXTRACTOR_VERSION and not sidecar_path(path).exists():
            unchanged[path] = digest
    return unchanged


@task(name="load-warehouse")
def load_warehouse_task(
    results: list[DocumentResult], warehouse: str, unchanged: dict[str, str] | None = None
) -> tuple[list[LoadOutcome], dict[str, int]]:
    """Load every document into a fresh copy of the warehouse, build marts, swap it in."""
    outcomes = [LoadOutcome(Path(p).name, sid, "unchanged") for p, sid in (unchanged or {}).items()]
    with WarehouseBuild(Path(warehouse)) as build:
        for r in results:
            if r.ok:
                outcomes.append(build.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at))
            else:
                outcomes.append(build.record_rejected(r.sha256, r.file_name, r.format, r.error, r.size, r.metadata))
        build.refresh()
        counts = build.table_counts()
        kill_point("build")
        build.commit()
    return outcomes, counts


@task(name="publish-parquet")
def publish_parquet_task(warehouse: str, parquet: str) -> dict[str, int]:
    """Publish fct_ and mart_ tables as Hive-partitioned Parquet."""
    return publish_parquet(Path(warehouse), Path(parquet))


@task(name="write-report")
def write_report_task(warehouse: str, out: str) -> tuple[str | None, str | None]:
    """Write the analyst's HTML report; return (path, None), or (None, why not).

    A report that cannot be written (nothing loaded yet) does not undo the run: the
    warehouse and Parquet are already in place."""
    try:
        # an unchanged warehouse keeps its report: nothing in it would change but the date
        return str(write_report(Path(warehouse), Path(out), reuse=True).path), None
    except ReportError as exc:
        log.warning("report not written: %s", exc)
        return None, str(exc)


@task(name="publish-artifacts")
def publish_artifacts_task(summary: "RunSummary") -> None:
    """Leave a table of documents and a summary of the findings on the flow run in Prefect's UI."""
    create_table_artifact(
        key="kinerja-dokumen",
        table=[
            {"dokumen": d.file_name, "status": d.status, "baris": sum(d.rows.values()), "keterangan": d.error or ""}
            for d in summary.documents
        ] + [{"dokumen": s.file_name, "status": "dilewati", "baris": 0, "keterangan": s.reason} for s in summary.skipped],
        description="Files of this run: loaded, unchanged (already loaded, not read again), rejected, "
        "or skipped (a format kinerja does not read).",
    )
    lines = [
        "# kinerja",
        f"{len(summary.loaded)} dokumen dimuat, {len(summary.unchanged)} tidak berubah, {len(summary.rejected)} ditolak, "
        f"{len(summary.skipped)} dilewati.",
        f"Temuan di warehouse: {summary.tables.get('fct_temuan', 0)}.",
    ]
    lines += [f"- ditolak: {d.error}" for d in summary.rejected]
    lines += [f"- dilewati: {s.file_name}: {s.reason}" for s in summary.skipped]
    if summary.report:
        lines.append(f"Laporan HTML: `{summary.report}`.")
    create_markdown_artifact(key="kinerja-ringkasan", markdown="\n".join(lines), description="Run summary and rejections.")


@flow(name="kinerja", task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1))
def kinerja_flow(
    paths: list[str], warehouse: str, parquet: str, workers: int | None = None, timeout: float | None = 600,
    max_pages: int | None = MAX_PAGES, max_mb: float | None = MAX_FILE_MB, report: str | None = None,
    ship_bytes: bool | None = None,
) -> RunSummary:
    """Ingest every report under `paths` into `warehouse`, then publish `parquet`.

    `workers` processes read documents (default: one per core, up to the number of files;
    with a Dask task runner the Dask workers read them and `workers` should be 1); `timeout`
    is the time limit per document in seconds; `max_pages` and `max_mb` reject larger files;
    `report`, when given, is where the analyst's HTML report is written; `ship_bytes` sends
    each document's bytes with its task (default: on a Dask runner, whose workers may not
    share this machine's disk).
    """
    scan = scan_inputs(paths)
    files = [str(p) for p in scan.files]
    # scanned pages' OCR is cached beside the warehouse (extract.ocr), set before the worker
    # processes start so that they inherit it; a caller's own $KINERJA_OCR_CACHE is kept
    os.environ.setdefault(OCR_CACHE_VARIABLE, str(Path(warehouse).parent / "ocr-cache"))
    unchanged = find_unchanged_task(files, warehouse)
    to_read = [f for f in files if f not in unchanged]
    with worker_pool(workers if workers is not None else default_workers(len(to_read))):
        limits = {"max_pages": max_pages, "max_mb": max_mb}
        results = read_documents(to_read, timeout, limits, ship_bytes=_uses_dask() if ship_bytes is None else ship_bytes)
    manifest = Path(parquet) / "_manifest.json"
    if not to_read and is_current(Path(warehouse), Path(parquet)) and schema_is_current(Path(warehouse)):
        # nothing new: the warehouse and the Parquet published from it already hold every input,
        # in the current schema (an older kinerja's warehouse is built once more, to migrate it)
        clear_abandoned_build(Path(warehouse))
        outcomes = [LoadOutcome(Path(p).name, sid, "unchanged") for p, sid in unchanged.items()]
        counts = table_counts(Path(warehouse))
        parquet_rows = {t: info["rows"] for t, info in json.loads(manifest.read_text(encoding="utf-8"))["tables"].items()}
    else:
        outcomes, counts = load_warehouse_task(results, warehouse, unchanged)
        kill_point("swapped")
        parquet_rows = publish_parquet_task(warehouse, parquet)
    summary = RunSummary(warehouse=warehouse, parquet=parquet, documents=outcomes, tables=counts, parquet_rows=parquet_rows,
                         skipped=scan.skipped)
    if report:
        summary.report, summary.report_error = write_report_task(warehouse, report)
    publish_artifacts_task(summary)
    return summary
