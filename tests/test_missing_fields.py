"""The whole pipeline after reading copes with documents that leave things out (#15).

Real documents of other agencies come without a pemda, an OPD, a year, names, codes, units or
whole tables: an indicator with no name once made a run exit 1 in the HTML report, after the
warehouse had been replaced. Here Hypothesis takes the two real sample documents (the PDF and
the e-monev spreadsheet, as read), removes fields and tables from them, and drives every step
that follows reading: load, checks, marts, Parquet and the report. Each document must end
loaded with every row it had, or rejected with a message; the steps after it must not fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from flows.documents import read_document
from load.parquet import publish_parquet
from load.report import write_report
from load.warehouse import WarehouseBuild
from tests.conftest import ROOT

FACT_TABLES = ["fct_anggaran_per_dokumen", "fct_indikator_per_dokumen", "fct_efisiensi", "fct_konteks", "fct_ringkasan_anggaran", "fct_angka_teks"]
# provenance keys every row carries from the reader; everything else may be missing in a document
PROVENANCE = {"source_document_id", "source_row", "source_table", "extractor_version"}
DOKUMEN_FIELDS = ["pemda", "opd", "tahun", "tahapan", "bulan"]


@pytest.fixture(scope="module")
def documents():
    docs = []
    for name in ("lkjip-disnaker-klungkung-2024.pdf", "cik-disnaker-klungkung-2024.xlsx"):
        result = read_document(ROOT / "samples" / name)
        assert result.ok, result.error
        docs.append(result.document)
    return docs


def table_edit():
    """Keep a table, empty it, or blank some of its fields in every k-th row."""
    return st.one_of(
        st.just(("keep",)),
        st.just(("empty",)),
        st.tuples(st.just("blank"), st.integers(min_value=1, max_value=3), st.integers(min_value=0, max_value=2)),
    )


edits = st.fixed_dictionaries({
    "dokumen": st.lists(st.sampled_from(DOKUMEN_FIELDS), unique=True),
    "tables": st.fixed_dictionaries({t: table_edit() for t in FACT_TABLES}),
    "field_picks": st.lists(st.integers(min_value=0, max_value=10_000), min_size=6, max_size=6),
})


def mutate(doc, edit: dict):
    """A copy of `doc` with the drawn fields set to None and tables emptied."""
    dokumen = dict(doc.dokumen)
    for f in edit["dokumen"]:
        dokumen[f] = None
    rows = {t: [dict(r) for r in rs] for t, rs in doc.rows.items()}
    for i, (table, how) in enumerate(edit["tables"].items()):
        if table not in rows or how[0] == "keep":
            continue
        if how[0] == "empty":
            rows[table] = []
            continue
        _, every, offset = how
        fields = sorted({k for r in rows[table] for k in r} - PROVENANCE)
        if not fields:
            continue
        # a deterministic choice of 1-4 fields from the drawn number, so Hypothesis can shrink it
        pick = edit["field_picks"][i]
        chosen = {fields[(pick + j * 7) % len(fields)] for j in range(1 + pick % 4)}
        for n, r in enumerate(rows[table]):
            if n % every == offset % every:
                for f in chosen:
                    r[f] = None
    return dokumen, rows


def loaded_rows(warehouse: Path, sid: str) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t} WHERE source_document_id = ?", [sid]).fetchone()[0]
                for t in FACT_TABLES}
    finally:
        con.close()


# Each example builds a whole warehouse (seconds): no shrinking, whose hundreds of builds would
# take longer than the suite; a failure shows the drawn edit as it was.
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pdf_edit=edits, sheet_edit=edits)
def test_load_checks_marts_parquet_and_report_survive_missing_fields(documents, tmp_path_factory, pdf_edit, sheet_edit):
    out = tmp_path_factory.mktemp("missing")
    warehouse = out / "k.duckdb"
    given_rows = {}
    with WarehouseBuild(warehouse) as build:
        outcomes = []
        for doc, edit in zip(documents, (pdf_edit, sheet_edit)):
            dokumen, rows = mutate(doc, edit)
            outcome = build.load_document(dokumen, rows, 1)
            assert outcome.status in ("loaded", "rejected")
            if outcome.status == "rejected":
                assert outcome.error.startswith(dokumen["file_name"] + ": ")
            else:
                given_rows[dokumen["source_document_id"]] = {t: len(rows.get(t, [])) for t in FACT_TABLES}
            outcomes.append(outcome)
        build.refresh()
        build.commit()
    # never lose data: a loaded document holds every row it came with
    for sid, counts in given_rows.items():
        assert loaded_rows(warehouse, sid) == counts
    published = publish_parquet(warehouse, out / "pq")
    manifest = json.loads((out / "pq" / "_manifest.json").read_text(encoding="utf-8"))
    assert {t: info["rows"] for t, info in manifest["tables"].items()} == published
    if given_rows:
        report = write_report(warehouse, out / "laporan.html")
        html = report.path.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
        at = html.find("None")  # a missing value is said, never printed as Python's None
        assert at < 0, html[max(0, at - 300):at + 100]

