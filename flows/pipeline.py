"""The main job as a Prefect flow: read each document, load, build marts, publish Parquet."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task

from flows.documents import DocumentResult, discover_inputs, failed_result, read_document
from load.parquet import publish_parquet
from load.warehouse import LoadOutcome, WarehouseBuild

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run did, for the CLI summary and for tests."""

    warehouse: str
    parquet: str
    documents: list[LoadOutcome] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    parquet_rows: dict[str, int] = field(default_factory=dict)

    @property
    def loaded(self) -> list[LoadOutcome]:
        return [d for d in self.documents if d.status == "loaded"]

    @property
    def rejected(self) -> list[LoadOutcome]:
        return [d for d in self.documents if d.status != "loaded"]


@task(name="read-document", retries=1, retry_delay_seconds=1)
def read_document_task(path: str) -> DocumentResult:
    """Extract and transform one file (CPU-bound; a file's own errors come back as data)."""
    return read_document(path)


@task(name="load-warehouse")
def load_warehouse_task(results: list[DocumentResult], warehouse: str) -> tuple[list[LoadOutcome], dict[str, int]]:
    """Load every document into a fresh copy of the warehouse, build marts, swap it in."""
    outcomes = []
    with WarehouseBuild(Path(warehouse)) as build:
        for r in results:
            if r.ok:
                outcomes.append(build.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at))
            else:
                outcomes.append(build.record_rejected(r.sha256, r.file_name, r.format, r.error, r.size))
        build.refresh()
        counts = build.table_counts()
        build.commit()
    return outcomes, counts


@task(name="publish-parquet")
def publish_parquet_task(warehouse: str, parquet: str) -> dict[str, int]:
    """Publish fct_ and mart_ tables as Hive-partitioned Parquet."""
    return publish_parquet(Path(warehouse), Path(parquet))


@flow(name="kinerja")
def kinerja_flow(paths: list[str], warehouse: str, parquet: str) -> RunSummary:
    """Ingest every report under `paths` into `warehouse`, then publish `parquet`."""
    files = [str(p) for p in discover_inputs(paths)]
    futures = read_document_task.map(files)
    results = []
    for path, fut in zip(files, futures):
        fut.wait()
        if fut.state.is_completed():
            results.append(fut.result())
        else:
            results.append(failed_result(path, fut.result(raise_on_failure=False)))
    outcomes, counts = load_warehouse_task(results, warehouse)
    parquet_rows = publish_parquet_task(warehouse, parquet)
    return RunSummary(warehouse=warehouse, parquet=parquet, documents=outcomes, tables=counts, parquet_rows=parquet_rows)
