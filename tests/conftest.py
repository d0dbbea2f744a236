"""Shared fixtures: the real sample report, read once per session."""

from __future__ import annotations

import csv
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

# Prefect reads its settings when first imported: give the test session its own offline home.
_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="kinerja-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "extract,transform,load,flows")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

ROOT = Path(__file__).resolve().parent.parent
# scanned pages (the real documents' image pages, the OCR tests' scans) are OCR'd once per
# machine, not once per session: the cache is keyed by the page image and the OCR settings
os.environ.setdefault("KINERJA_OCR_CACHE", str(ROOT / ".pytest_cache" / "ocr-cache"))
SAMPLE_PDF = ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf"
SAMPLE_XLSX = ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"
GOLDEN = Path(__file__).resolve().parent / "golden"


def read_golden(name: str) -> list[dict]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def dec(text: str) -> Decimal | None:
    return Decimal(text) if text != "" else None


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    return SAMPLE_PDF


@pytest.fixture(scope="session")
def extracted(sample_pdf):
    from extract.pdf import extract_pdf

    return extract_pdf(sample_pdf)


@pytest.fixture(scope="session")
def transformed(extracted):
    from transform.document import transform_document

    return transform_document(extracted)


@pytest.fixture(scope="session")
def two_years_twice(tmp_path_factory, sample_pdf):
    """Return (warehouse, folder) of the 2024 report twice (the sample PDF and its e-monev
    export, as `make run` loads them) plus a generated 2023 report in the folder.

    Every 2024 budget line reaches this warehouse from two documents and a second year sits
    beside it: the warehouse on which every documented query must answer each line once."""
    from flows.documents import read_document
    from load.warehouse import WarehouseBuild
    from tests.generator import lkjip
    from tests.reports import consistent_report

    base = tmp_path_factory.mktemp("two-years-twice")
    report_2023 = base / "lkjip-disnaker-klungkung-2023.pdf"
    lkjip.write_report(report_2023, lkjip.STYLES["no_rules_rp"], consistent_report())
    wh = base / "k.duckdb"
    with WarehouseBuild(wh) as build:
        for r in (read_document(sample_pdf), read_document(SAMPLE_XLSX), read_document(report_2023)):
            build.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at)
        build.refresh()
        build.commit()
    return wh, base


def build_warehouse(path: Path, *documents) -> dict:
    """Load transformed documents into a warehouse file, refresh checks and marts, swap it in.

    Returns what `refresh` returned (findings per check)."""
    from load.warehouse import WarehouseBuild

    with WarehouseBuild(path) as build:
        for doc in documents:
            build.load_document(doc.dokumen, doc.rows, 1)
        counts = build.refresh()
        build.commit()
    return counts


def fetch(path: Path, sql: str, params=()) -> list[tuple]:
    """Run one read-only query against a warehouse file."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def answer(path: Path, sql: str) -> list[dict]:
    """Rows of a read-only query as dicts, by column name."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()


def assert_each_key_once(rows: list[dict], key: tuple[str, ...]) -> None:
    """A documented query answers something, and each key (agency, year, line ...) once (#17)."""
    keys = [tuple(r[k] for k in key) for r in rows]
    assert rows and len(set(keys)) == len(keys), [k for k in keys if keys.count(k) > 1]
