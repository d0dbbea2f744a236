"""The Prefect flow end to end on a real harness: good and bad files, run twice."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.testing.utilities import prefect_test_harness

from flows.pipeline import kinerja_flow


@pytest.fixture(scope="module")
def harness():
    with prefect_test_harness(server_startup_timeout=180):
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield


@pytest.fixture()
def inbox(tmp_path, sample_pdf):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(sample_pdf, folder / sample_pdf.name)
    (folder / "halaman-error.pdf").write_text("<html><body>404 Not Found</body></html>")
    (folder / "kosong.pdf").write_bytes(b"")
    (folder / "catatan.txt").write_text("not a report")
    return folder


def test_flow_loads_good_files_rejects_bad_ones_and_is_idempotent(harness, inbox, tmp_path):
    wh, pq = tmp_path / "out" / "k.duckdb", tmp_path / "out" / "parquet"
    summary = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.file_name for d in summary.loaded] == ["lkjip-disnaker-klungkung-2024.pdf"]
    errors = sorted(d.error for d in summary.rejected)
    assert errors == [
        "halaman-error.pdf: bukan berkas PDF (tanda %PDF tidak ada di awal berkas)",
        "kosong.pdf: berkas kosong (0 byte)",
    ]
    assert [(s.file_name, s.reason) for s in summary.skipped] == [
        ("catatan.txt", "format tidak didukung (.txt; yang dibaca: PDF, xlsx, xls, ods, csv, docx)")
    ]
    assert summary.tables["fct_anggaran"] == 45
    assert summary.parquet_rows["fct_anggaran"] == summary.parquet_rows["fct_anggaran_per_dokumen"] == 45

    again = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert again.tables == summary.tables
    assert [d.file_name for d in again.unchanged] == ["lkjip-disnaker-klungkung-2024.pdf"]
    assert sorted(d.error for d in again.rejected) == errors
    con = duckdb.connect(str(wh), read_only=True)
    statuses = con.execute("SELECT status, count(*) FROM dim_dokumen GROUP BY 1 ORDER BY 1").fetchall()
    con.close()
    assert statuses == [("loaded", 1), ("rejected", 2)]


def test_a_changed_file_is_read_again_and_supersedes_the_old_version(harness, inbox, tmp_path):
    wh, pq = tmp_path / "out" / "k.duckdb", tmp_path / "out" / "parquet"
    kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    pdf = inbox / "lkjip-disnaker-klungkung-2024.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% re-saved\n")
    changed = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.file_name for d in changed.loaded] == ["lkjip-disnaker-klungkung-2024.pdf"] and not changed.unchanged
    con = duckdb.connect(str(wh), read_only=True)
    statuses = con.execute("SELECT status, count(*) FROM dim_dokumen WHERE format = 'pdf' AND status <> 'rejected' GROUP BY 1 ORDER BY 1").fetchall()
    lines = con.execute("SELECT count(*) FROM mart_serapan_anggaran").fetchone()[0]
    con.close()
    assert statuses == [("loaded", 1), ("superseded", 1)]
    assert lines == 45


def test_the_run_leaves_artifacts_in_prefect(harness, inbox, tmp_path):
    from prefect.client.orchestration import get_client

    kinerja_flow(paths=[str(inbox)], warehouse=str(tmp_path / "k.duckdb"), parquet=str(tmp_path / "pq"))

    async def latest():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    import asyncio

    artifacts = {a.key: a for a in asyncio.run(latest())}
    assert artifacts["kinerja-dokumen"].type == "table"
    assert "lkjip-disnaker-klungkung-2024.pdf" in str(artifacts["kinerja-dokumen"].data)
    assert "ditolak" in artifacts["kinerja-ringkasan"].data
    assert "- dilewati: catatan.txt: format tidak didukung (.txt;" in artifacts["kinerja-ringkasan"].data
    assert {"dokumen": "catatan.txt", "status": "dilewati", "baris": 0,
            "keterangan": "format tidak didukung (.txt; yang dibaca: PDF, xlsx, xls, ods, csv, docx)"} in json.loads(artifacts["kinerja-dokumen"].data)


def warehouse_rows(wh):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {
            t: sorted(con.execute(f"SELECT * EXCLUDE (source_document_id) FROM {t}").fetchall(), key=repr)
            for t in ("fct_anggaran", "fct_indikator", "fct_konteks", "fct_efisiensi", "fct_temuan")
        } | {"dokumen": sorted(con.execute("SELECT file_name, status, error FROM dim_dokumen").fetchall(), key=repr)}
    finally:
        con.close()


def test_local_processes_and_a_two_worker_dask_cluster_give_the_same_warehouse(harness, inbox, tmp_path):
    from prefect_dask import DaskTaskRunner

    local = kinerja_flow(paths=[str(inbox)], warehouse=str(tmp_path / "local.duckdb"), parquet=str(tmp_path / "pq1"), workers=2)
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "processes": True, "threads_per_worker": 1})
    dask = kinerja_flow.with_options(task_runner=runner)(
        paths=[str(inbox)], warehouse=str(tmp_path / "dask.duckdb"), parquet=str(tmp_path / "pq2"), workers=1
    )
    assert len(local.loaded) == len(dask.loaded) == 1
    assert warehouse_rows(tmp_path / "local.duckdb") == warehouse_rows(tmp_path / "dask.duckdb")


def test_a_document_past_its_time_limit_is_rejected_and_the_rest_load(harness, inbox, tmp_path):
    summary = kinerja_flow(
        paths=[str(inbox)], warehouse=str(tmp_path / "k.duckdb"), parquet=str(tmp_path / "pq"), workers=2, timeout=0.01
    )
    assert "lkjip-disnaker-klungkung-2024.pdf: melebihi batas waktu 0.01 detik per dokumen" in [d.error for d in summary.rejected]


def test_kinerja_logs_reach_prefect(harness, inbox, tmp_path):
    import asyncio
    import logging

    from flows.settings import set_log_level

    set_log_level(logging.INFO)

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    summary_state = kinerja_flow(paths=[str(inbox)], warehouse=str(tmp_path / "k.duckdb"), parquet=str(tmp_path / "pq"), return_state=True)
    assert summary_state.is_completed()

    async def logs():
        async with get_client() as client:
            return await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[summary_state.state_details.flow_run_id])))

    import time

    messages: list[str] = []
    for _ in range(20):  # logs reach the API in batches; a wait for them, not a speed check
        messages = [entry.message for entry in asyncio.run(logs())]
        if any(m.startswith("rejected kosong.pdf") for m in messages) and any(m.startswith("read ") for m in messages):
            break
        time.sleep(0.5)
    assert any(m.startswith("read lkjip-disnaker-klungkung-2024.pdf: 45 budget lines") for m in messages), messages[:20]
    assert any(m.startswith("rejected kosong.pdf") for m in messages)


def test_a_rerun_with_nothing_new_leaves_warehouse_and_parquet_as_they_are(harness, inbox, tmp_path):
    for bad in ("halaman-error.pdf", "kosong.pdf"):
        (inbox / bad).unlink()
    wh, pq = tmp_path / "k.duckdb", tmp_path / "pq"
    first = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    stamps = (wh.stat().st_mtime_ns, (pq / "_manifest.json").stat().st_mtime_ns)
    again = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.status for d in again.documents] == ["unchanged"]
    assert (again.tables, again.parquet_rows) == (first.tables, first.parquet_rows)
    assert (wh.stat().st_mtime_ns, (pq / "_manifest.json").stat().st_mtime_ns) == stamps


def test_a_folder_of_every_bad_kind_loads_the_good_and_rejects_each_bad_file(harness, inbox, tmp_path):
    from tests.test_bad_inputs import REJECTED, small_lkjip, xml_bomb

    for name, (make, _) in REJECTED.items():
        make(inbox / name)
    small_lkjip(inbox / "hak-cetak.pdf", owner="pemilik")
    xml_bomb(inbox / "bom-xml.xlsx")
    summary = kinerja_flow(paths=[str(inbox)], warehouse=str(tmp_path / "k.duckdb"), parquet=str(tmp_path / "pq"))
    assert sorted(d.file_name for d in summary.loaded) == ["hak-cetak.pdf", "lkjip-disnaker-klungkung-2024.pdf"]
    errors = {d.file_name: d.error for d in summary.rejected}
    for name, (_, message) in REJECTED.items():
        assert errors[name] == message
    assert errors["bom-xml.xlsx"].startswith("bom-xml.xlsx: spreadsheet tidak dapat dibaca")
    assert summary.tables["fct_anggaran_per_dokumen"] == 45
    con = duckdb.connect(str(tmp_path / "k.duckdb"), read_only=True)
    rejected_rows = con.execute("SELECT count(*) FROM dim_dokumen WHERE status = 'rejected' AND error IS NOT NULL").fetchone()[0]
    con.close()
    assert rejected_rows == len(REJECTED) + 3  # and the two bad files of the inbox fixture


def test_parquet_left_behind_by_a_killed_run_is_published_again(harness, inbox, tmp_path):
    """A run killed after swapping in its warehouse but before publishing leaves Parquet of the
    previous warehouse: the next run, though every input is unchanged, publishes again."""
    for bad in ("halaman-error.pdf", "kosong.pdf"):
        (inbox / bad).unlink()
    wh, pq = tmp_path / "k.duckdb", tmp_path / "pq"
    kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    manifest = json.loads((pq / "_manifest.json").read_text())
    manifest["warehouse_stamp"] = "0:older"
    (pq / "_manifest.json").write_text(json.dumps(manifest))
    again = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.status for d in again.documents] == ["unchanged"]
    assert json.loads((pq / "_manifest.json").read_text())["warehouse_stamp"] != "0:older"


def test_a_run_on_a_warehouse_of_the_older_layout_migrates_it(harness, inbox, tmp_path):
    """Before one-answer tables, fct_anggaran and fct_indikator held the per-document rows. A run
    with nothing new to read on such a warehouse does not skip the build: it renames them, builds
    the one-answer tables and publishes both."""
    for bad in ("halaman-error.pdf", "kosong.pdf"):
        (inbox / bad).unlink()
    wh, pq = tmp_path / "k.duckdb", tmp_path / "pq"
    kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    con = duckdb.connect(str(wh))
    for table in ("fct_anggaran", "fct_indikator"):
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE {table}_per_dokumen RENAME TO {table}")
    con.close()
    again = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.status for d in again.documents] == ["unchanged"]
    assert again.tables["fct_anggaran"] == again.tables["fct_anggaran_per_dokumen"] == 45
    assert again.tables["fct_indikator_per_dokumen"] == 69
    assert again.parquet_rows["fct_anggaran"] == again.parquet_rows["fct_anggaran_per_dokumen"] == 45
    third = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert third.tables == again.tables


def test_a_run_with_nothing_new_rebuilds_what_an_older_warehouse_sql_derived(harness, inbox, tmp_path):
    """A new kinerja may change only a check or a mart (warehouse/*.sql), not the schema: a run
    with nothing new to read must still derive the findings and marts again. Simulated by a
    warehouse whose derived rows an older SQL left different: one finding and one mart row gone,
    and its meta_warehouse fingerprint not the current one."""
    for bad in ("halaman-error.pdf", "kosong.pdf"):
        (inbox / bad).unlink()
    wh, pq = tmp_path / "k.duckdb", tmp_path / "pq"
    first = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    con = duckdb.connect(str(wh))
    from extract import EXTRACTOR_VERSION

    assert con.execute("SELECT kinerja_versi, length(sql_sidik) FROM meta_warehouse").fetchall() == [(EXTRACTOR_VERSION, 64)]
    con.execute("DELETE FROM fct_temuan WHERE rowid = (SELECT min(rowid) FROM fct_temuan)")
    con.execute("DELETE FROM mart_serapan_anggaran WHERE rowid = (SELECT min(rowid) FROM mart_serapan_anggaran)")
    con.execute("UPDATE meta_warehouse SET sql_sidik = 'sql of an older kinerja'")
    con.close()
    again = kinerja_flow(paths=[str(inbox)], warehouse=str(wh), parquet=str(pq))
    assert [d.status for d in again.documents] == ["unchanged"]
    assert again.tables == first.tables
    assert again.parquet_rows == first.parquet_rows
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT sql_sidik <> 'sql of an older kinerja' FROM meta_warehouse").fetchall() == [(True,)]
    con.close()
