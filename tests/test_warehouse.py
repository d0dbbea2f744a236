"""Loading into a real DuckDB file: one transaction per document, build-and-swap, comments."""

from __future__ import annotations

import os
from decimal import Decimal

import duckdb
import pytest

from load.warehouse import WarehouseBuild, WarehouseBusy


def load_sample(path, transformed, size=1):
    with WarehouseBuild(path) as build:
        outcome = build.load_document(transformed.dokumen, transformed.rows, size)
        build.refresh()
        build.commit()
    return outcome


def counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dim_dokumen", "fct_anggaran", "fct_anggaran_per_dokumen", "fct_indikator", "fct_indikator_per_dokumen",
                      "fct_ringkasan_anggaran", "stg_sel", "mart_serapan_anggaran")
        }
    finally:
        con.close()


def test_load_is_idempotent(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    first = load_sample(wh, transformed)
    assert first.status == "loaded" and first.rows["fct_anggaran_per_dokumen"] == 45
    before = counts(wh)
    load_sample(wh, transformed)
    assert counts(wh) == before
    assert before["fct_anggaran"] == 45 and before["dim_dokumen"] == 1


def test_money_is_decimal_to_the_rupiah(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    con = duckdb.connect(str(wh), read_only=True)
    typ, total = con.execute(
        "SELECT typeof(any_value(pagu_idr)), sum(pagu_idr) FROM fct_anggaran WHERE level = 'sub_kegiatan'"
    ).fetchone()
    con.close()
    assert typ == "DECIMAL(18,2)"
    assert total == Decimal("6253600939.00")


def test_every_table_and_column_is_commented(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    con = duckdb.connect(str(wh), read_only=True)
    tables = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal").fetchall()
    columns = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND (comment IS NULL OR comment = '')"
    ).fetchall()
    con.close()
    assert {t for t, _ in tables} >= {"dim_dokumen", "fct_anggaran", "fct_indikator", "mart_serapan_anggaran", "mart_capaian_indikator"}
    assert [t for t, c in tables if not c] == []
    assert columns == []


def test_rejected_file_is_recorded_and_loaded_documents_untouched(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    with WarehouseBuild(wh) as build:
        out = build.record_rejected("ab" * 32, "rusak.pdf", "pdf", "rusak.pdf: berkas PDF rusak", 10)
        build.refresh()
        build.commit()
    assert out.status == "rejected"
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute("SELECT file_name, status, error FROM dim_dokumen ORDER BY file_name").fetchall()
    n = con.execute("SELECT count(*) FROM fct_anggaran").fetchone()[0]
    con.close()
    assert rows == [
        ("lkjip-disnaker-klungkung-2024.pdf", "loaded", None),
        ("rusak.pdf", "rejected", "rusak.pdf: berkas PDF rusak"),
    ]
    assert n == 45


def test_a_failed_build_leaves_the_previous_warehouse_intact(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    before = counts(wh)
    stamp = os.stat(wh).st_mtime_ns
    with pytest.raises(RuntimeError):
        with WarehouseBuild(wh) as build:
            build.con.execute("DELETE FROM fct_anggaran_per_dokumen")
            raise RuntimeError("machine died")
    assert os.stat(wh).st_mtime_ns == stamp
    assert counts(wh) == before
    assert not list(tmp_path.glob(".*.building*"))


def test_a_document_that_fails_to_insert_is_rolled_back_alone(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    bad_rows = {**transformed.rows, "fct_anggaran_per_dokumen": [{**transformed.rows["fct_anggaran_per_dokumen"][0], "tahun": "not a year"}]}
    with WarehouseBuild(wh) as build:
        out = build.load_document({**transformed.dokumen, "source_document_id": "cd" * 32}, bad_rows, 1)
        ok = build.load_document(transformed.dokumen, transformed.rows, 1)
        build.commit()
    assert out.status == "rejected" and "gagal dimuat" in out.error
    assert ok.status == "loaded"
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM fct_anggaran_per_dokumen").fetchone()[0] == 45
    assert con.execute("SELECT count(*) FROM stg_sel WHERE source_document_id = ?", ["cd" * 32]).fetchone()[0] == 0
    con.close()


def test_second_writer_is_told_to_wait(tmp_path):
    wh = tmp_path / "k.duckdb"
    with WarehouseBuild(wh) as first:
        with pytest.raises(WarehouseBusy, match="another kinerja run"):
            WarehouseBuild(wh)
        first.commit()
    WarehouseBuild(wh).abort()


def test_reader_keeps_its_snapshot_while_a_run_swaps_the_file(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    reader = duckdb.connect(str(wh), read_only=True)
    with WarehouseBuild(wh) as build:
        build.con.execute("DELETE FROM fct_anggaran_per_dokumen WHERE level = 'urusan'")
        build.refresh()
        build.commit()
    assert reader.execute("SELECT count(*) FROM fct_anggaran").fetchone()[0] == 45
    reader.close()
    assert counts(wh)["fct_anggaran"] == 43


def test_mart_serapan_has_one_row_per_code(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    con = duckdb.connect(str(wh), read_only=True)
    dupes = con.execute(
        "SELECT tahun, pemda, opd, kode, count(*) FROM mart_serapan_anggaran GROUP BY ALL HAVING count(*) > 1"
    ).fetchall()
    row = con.execute(
        "SELECT pagu_idr, realisasi_idr, serapan_pct, serapan_pct_reported FROM mart_serapan_anggaran WHERE kode = '2.07.01.2.02.0001'"
    ).fetchone()
    con.close()
    assert dupes == []
    assert row == (Decimal("3787355027.00"), Decimal("3744298911.00"), Decimal("98.86"), Decimal("93.8500"))


def test_docs_warehouse_md_matches_the_schema(tmp_path, transformed):
    from tests.conftest import ROOT
    from warehouse.catalog import render_markdown

    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    con = duckdb.connect(str(wh), read_only=True)
    rendered = render_markdown(con)
    con.close()
    assert (ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8") == rendered, (
        "docs/warehouse.md is stale: python -m warehouse.catalog data/kinerja.duckdb > docs/warehouse.md"
    )


def test_export_and_pdf_of_one_report_give_one_truth_per_line(tmp_path, transformed):
    from tests.test_spreadsheets import SAMPLE_XLSX, budget

    export = budget(SAMPLE_XLSX)
    wh = tmp_path / "k.duckdb"
    with WarehouseBuild(wh) as build:
        build.load_document(transformed.dokumen, transformed.rows, 1)
        build.load_document(export.dokumen, export.rows, 1)
        assert build.fill_missing_pemda() == 1
        build.refresh()
        build.commit()
    con = duckdb.connect(str(wh), read_only=True)
    docs = con.execute("SELECT format, pemda, pemda_inferred FROM dim_dokumen ORDER BY format").fetchall()
    notes = con.execute("SELECT metadata_note FROM dim_dokumen ORDER BY format").fetchall()
    mart = con.execute("SELECT count(*), count(DISTINCT source_document_id) FROM mart_serapan_anggaran").fetchone()
    chosen = con.execute(
        "SELECT DISTINCT d.format FROM mart_serapan_anggaran m JOIN dim_dokumen d USING (source_document_id)"
    ).fetchall()
    facts = con.execute("SELECT count(*) FROM fct_anggaran_per_dokumen WHERE pemda = 'Kabupaten Klungkung'").fetchone()[0]
    lines = con.execute("SELECT count(*), min(dokumen_count), bool_and(is_sepakat) FROM fct_anggaran WHERE pemda = 'Kabupaten Klungkung'").fetchone()
    con.close()
    assert docs == [("pdf", "Kabupaten Klungkung", False), ("xlsx", "Kabupaten Klungkung", True)]
    # the export's note says the pemda is not its own: inferred from the PDF of the same OPD, once
    assert "pemda: disimpulkan" not in (notes[0][0] or "")
    assert notes[1][0].count("pemda: disimpulkan dari dokumen lain OPD yang sama (Kabupaten Klungkung)") == 1
    # the PDF is the published report and has the page to cite; the export printed the same figures
    assert mart == (45, 1) and chosen == [("pdf",)]
    assert facts == 90 and lines == (45, 2, True)


def test_a_warehouse_from_an_older_schema_keeps_its_rows(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    load_sample(wh, transformed)
    con = duckdb.connect(str(wh))
    con.execute("ALTER TABLE fct_indikator_per_dokumen DROP COLUMN tujuan")
    con.execute("ALTER TABLE dim_dokumen DROP COLUMN bulan")
    con.close()
    with WarehouseBuild(wh) as build:
        build.refresh()
        build.commit()
    con = duckdb.connect(str(wh), read_only=True)
    cols = [r[0] for r in con.execute("DESCRIBE fct_indikator_per_dokumen").fetchall()]
    n = con.execute("SELECT count(*) FROM fct_indikator_per_dokumen").fetchone()[0]
    docs = con.execute("SELECT file_name, bulan FROM dim_dokumen").fetchall()
    con.close()
    assert "tujuan" in cols and n == len(transformed.rows["fct_indikator_per_dokumen"])
    assert docs == [("lkjip-disnaker-klungkung-2024.pdf", None)]


def test_leftovers_of_a_killed_build_are_cleared_unless_a_build_is_running(tmp_path, transformed):
    """A run killed mid-build leaves .k.duckdb.building(.wal); a later run with nothing new to
    load builds nothing, and must still clear them, but never those of a run building now."""
    from load.warehouse import clear_abandoned_build
    from tests.conftest import build_warehouse

    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, transformed)
    leftovers = [tmp_path / ".k.duckdb.building", tmp_path / ".k.duckdb.building.wal"]
    for f in leftovers:
        f.write_bytes(b"half a build")
    assert clear_abandoned_build(wh) is True
    assert not any(f.exists() for f in leftovers)
    assert clear_abandoned_build(wh) is False
    with WarehouseBuild(wh):
        assert leftovers[0].exists()  # the running build's own file
        assert clear_abandoned_build(wh) is False
        assert leftovers[0].exists()
