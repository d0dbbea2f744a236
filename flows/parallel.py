"""Read documents on all cores, each within a time limit.

pdfplumber is CPU-bound Python: Prefect's thread runner does not speed it up (the GIL), and
its process runner re-imports Prefect in every worker (PLATFORM.md: a process pool inside the
run gave 1.73x on 2 cores). The per-document Prefect tasks therefore run in threads that hand
the work to one pool of plain worker processes (no Prefect in them). A document that runs past
its time limit is abandoned; the pool, and with it the stuck worker, is terminated at the end
of the run, so a pathological PDF is cut off by the limit, not by the machine.
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from multiprocessing.pool import Pool

from flows.documents import DocumentBytes, DocumentResult, failed_result, read_document, read_shipped

_pool: Pool | None = None


def default_workers(documents: int) -> int:
    return max(1, min(os.cpu_count() or 1, documents))


@contextmanager
def worker_pool(workers: int):
    """Run the body with a pool of `workers` processes (none for 1), terminated afterwards."""
    global _pool
    if workers <= 1:
        yield None
        return
    _pool = multiprocessing.get_context("spawn").Pool(workers, maxtasksperchild=50)
    try:
        yield _pool
    finally:
        _pool.terminate()
        _pool.join()
        _pool = None


def read_limited(path: str, timeout: float | None, limits: dict | None = None) -> DocumentResult:
    """Read one document in the pool (or here, without one); raise TimeoutError past the limit.

    `limits` are read_document's max_pages and max_mb.
    """
    if _pool is None:
        return read_document(path, **(limits or {}))
    return _pool.apply_async(read_document, (path,), dict(limits or {})).get(timeout)


def read_source(source: str | DocumentBytes, timeout: float | None = None, limits: dict | None = None) -> DocumentResult:
    """Read one document, from a path on this machine or from bytes shipped by the driver.

    This is the body of the per-document Prefect task. It is a plain module-level function
    so that Dask pickles it by reference: the task then carries nothing but its arguments
    (a task pickled by value dragged the CLI's progress bar and its lock along; #19).
    Past its time limit a document is rejected, not retried: it would only time out again.
    """
    if isinstance(source, DocumentBytes):
        return read_shipped(source, **(limits or {}))
    try:
        return read_limited(source, timeout, limits)
    except (TimeoutError, multiprocessing.TimeoutError):
        return failed_result(source, TimeoutError(f"melebihi batas waktu {timeout:g} detik per dokumen"))
