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
SAMPLE_PDF = ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf"
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
