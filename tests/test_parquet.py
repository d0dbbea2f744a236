"""Published Parquet: Hive-partitioned by tahun, tahun inside the files, same rows as DuckDB."""

from __future__ import annotations

import json

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from load.parquet import publish_parquet
from tests.conftest import build_warehouse


@pytest.fixture()
def warehouse(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, transformed)
    return wh


def warehouse_counts(wh):
    con = duckdb.connect(str(wh), read_only=True)
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'fct_%' OR table_name LIKE 'mart_%'"
    ).fetchall()]
    out = {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
    con.close()
    return out


def test_every_fact_and_mart_published_with_same_rows(tmp_path, warehouse):
    out = tmp_path / "parquet"
    counts = publish_parquet(warehouse, out)
    expected = warehouse_counts(warehouse)
    assert counts == expected
    for table, n in expected.items():
        via_duckdb = duckdb.connect().execute(
            f"SELECT count(*) FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true)"
        ).fetchone()[0]
        via_arrow = ds.dataset(out / table, format="parquet", partitioning="hive").count_rows()
        assert via_duckdb == via_arrow == n
    con = duckdb.connect(str(warehouse), read_only=True)
    years = [r[0] for r in con.execute("SELECT DISTINCT tahun FROM fct_indikator ORDER BY 1").fetchall()]
    con.close()
    assert years == [2022, 2023, 2024, 2025, 2026]
    assert sorted(p.name for p in (out / "fct_indikator").iterdir()) == [f"tahun={y}" for y in years]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["tables"]["fct_anggaran"]["rows"] == 45


def test_partition_column_is_inside_the_files_and_money_stays_decimal(tmp_path, warehouse):
    out = tmp_path / "parquet"
    publish_parquet(warehouse, out)
    schema = pq.read_schema(out / "fct_anggaran" / "tahun=2024" / "part-0.parquet")
    assert "tahun" in schema.names
    assert str(schema.field("pagu_idr").type) == "decimal128(18, 2)"


def test_republishing_leaves_no_stale_files(tmp_path, warehouse):
    out = tmp_path / "parquet"
    publish_parquet(warehouse, out)
    stale = out / "fct_anggaran" / "tahun=2019"
    stale.mkdir()
    (stale / "part-0.parquet").write_bytes(b"old")
    (out / "fct_anggaran" / "tahun=2024" / "part-1.parquet").write_bytes(b"old")
    publish_parquet(warehouse, out)
    assert sorted(p.name for p in (out / "fct_anggaran").iterdir()) == ["tahun=2024"]
    assert [p.name for p in (out / "fct_anggaran" / "tahun=2024").iterdir()] == ["part-0.parquet"]
    assert not list(tmp_path.glob(".parquet.staging*"))


def test_duckdb_pyarrow_pandas_and_polars_read_identical_rows(tmp_path, warehouse):
    import pandas as pd
    import polars as pl

    out = tmp_path / "parquet"
    publish_parquet(warehouse, out)
    con = duckdb.connect(str(warehouse), read_only=True)
    want = sorted(con.execute("SELECT kode_printed, pagu_idr, realisasi_idr, tahun FROM fct_anggaran").fetchall())
    con.close()
    files = sorted(str(p) for p in (out / "fct_anggaran").rglob("*.parquet"))
    via_duckdb = sorted(duckdb.connect().execute(
        f"SELECT kode_printed, pagu_idr, realisasi_idr, tahun FROM read_parquet({files})"
    ).fetchall())
    table = ds.dataset(out / "fct_anggaran", format="parquet", partitioning="hive").to_table(
        columns=["kode_printed", "pagu_idr", "realisasi_idr", "tahun"]
    )
    via_arrow = sorted(zip(*(table.column(c).to_pylist() for c in table.column_names)))
    frame = pd.concat(pd.read_parquet(f, engine="pyarrow") for f in files)
    via_pandas = sorted(zip(frame.kode_printed, frame.pagu_idr, frame.realisasi_idr, frame.tahun))
    via_polars = sorted(pl.read_parquet(files).select(["kode_printed", "pagu_idr", "realisasi_idr", "tahun"]).rows())
    assert via_duckdb == via_arrow == via_pandas == via_polars == want


def test_one_answer_and_per_document_tables_in_their_own_folders(tmp_path, two_years_twice):
    """The sample twice (PDF and export) and a 2023 report: a BI tool reading fct_anggaran from
    Parquet sums the report's own total (Tabel 3.9, pp. 25 and 28: Rp 6.214.345.759 +
    Rp 39.485.260); every document's rows sit apart, in fct_anggaran_per_dokumen."""
    wh, _ = two_years_twice
    out = tmp_path / "parquet"
    counts = publish_parquet(wh, out)
    assert counts == warehouse_counts(wh)
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["tables"]["fct_anggaran"]["partitions"]["2024"] == 45
    assert manifest["tables"]["fct_anggaran_per_dokumen"]["partitions"]["2024"] == 90
    assert {p.name for p in out.iterdir()} >= {"fct_anggaran", "fct_anggaran_per_dokumen", "fct_indikator", "fct_indikator_per_dokumen"}
    total = duckdb.connect().execute(
        f"SELECT sum(pagu_idr) FROM read_parquet('{out}/fct_anggaran/*/*.parquet', hive_partitioning = true) "
        "WHERE tahun = 2024 AND level = 'urusan'"
    ).fetchone()[0]
    assert str(total) == "6253831019.00"


def _dead_pid() -> int:
    """A process id that no process has: a child that has exited and been reaped."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_folder_is_exchanged_whole_and_keeps_the_users_own_files(tmp_path, warehouse):
    """The new publication replaces the folder in one rename: the old folder's inode is gone from
    the path, the user's own file kept in it is still there, and nothing is left beside it."""
    out = tmp_path / "parquet"
    publish_parquet(warehouse, out)
    (out / "CATATAN.txt").write_text("catatan analis")
    (out / "dasbor").mkdir()
    (out / "dasbor" / "tampilan.json").write_text("{}")
    before = out.stat().st_ino
    publish_parquet(warehouse, out)
    assert out.stat().st_ino != before
    assert (out / "CATATAN.txt").read_text() == "catatan analis"
    assert (out / "dasbor" / "tampilan.json").read_text() == "{}"
    assert json.loads((out / "_manifest.json").read_text())["tables"]["fct_anggaran"]["rows"] == 45
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".parquet")) == []


def test_without_an_atomic_exchange_two_renames_are_used_and_an_interrupted_pair_is_repaired(tmp_path, warehouse, monkeypatch):
    """On a system without renameat2 the folder is swapped by two renames; a run killed between
    them leaves no published folder and the previous one as .<name>.old-<pid>: the next publish
    puts it back before writing (the user's file in it survives) and leaves nothing beside it."""
    import load.parquet as parquet

    monkeypatch.setattr(parquet, "_exchange", lambda a, b: False)
    out = tmp_path / "parquet"
    publish_parquet(warehouse, out)
    (out / "CATATAN.txt").write_text("catatan analis")
    interrupted = tmp_path / f".parquet.old-{_dead_pid()}"
    out.rename(interrupted)
    counts = publish_parquet(warehouse, out)
    assert counts["fct_anggaran"] == 45
    assert (out / "CATATAN.txt").read_text() == "catatan analis"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".parquet")] == []
