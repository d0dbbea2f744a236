"""kill -9 a real `kinerja run` at several moments: the previous warehouse and Parquet stay
intact and consistent, and the next run completes with no duplicate rows. A second run
against a warehouse being written stops with a clear message."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.conftest import ROOT

KILL_AFTER_SECONDS = (2, 6, 10, 14)


def kinerja_run(inbox, out, env):
    return subprocess.Popen(
        [sys.executable, "-m", "flows", "run", str(inbox), "--warehouse", str(out / "k.duckdb"), "--parquet", str(out / "pq"), "-q"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True,
    )


def state(out):
    """Rows of the warehouse, its duplicate keys, and the manifest's and files' Parquet rows."""
    con = duckdb.connect(str(out / "k.duckdb"), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("dim_dokumen", "fct_anggaran_per_dokumen", "fct_indikator_per_dokumen", "fct_temuan")}
        dupes = con.execute(
            "SELECT count(*) FROM (SELECT source_document_id, source_table, source_row FROM fct_anggaran_per_dokumen GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()[0]
    finally:
        con.close()
    manifest = json.loads((out / "pq" / "_manifest.json").read_text())
    published = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{out / 'pq' / 'fct_anggaran_per_dokumen'}/*/*.parquet')"
    ).fetchone()[0]
    return counts, dupes, manifest["tables"]["fct_anggaran_per_dokumen"]["rows"], published


@pytest.fixture(scope="module")
def setting(tmp_path_factory, sample_pdf):
    base = tmp_path_factory.mktemp("crash")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    out = base / "out"
    env = {**os.environ, "PREFECT_HOME": str(base / "prefect-home")}
    first = kinerja_run(inbox, out, env)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    return base, inbox, out, env


def test_kill_at_any_moment_leaves_the_previous_warehouse_and_parquet(setting):
    base, inbox, out, env = setting
    before = state(out)
    counts, dupes, manifest_rows, published = before
    assert dupes == 0 and manifest_rows == published == counts["fct_anggaran_per_dokumen"] == 45
    survived = 0
    for i, seconds in enumerate(KILL_AFTER_SECONDS):
        # a new version of the report arrives, so the run has real work to do when it dies
        (inbox / f"revisi-{i}.pdf").write_bytes((inbox / "lkjip-disnaker-klungkung-2024.pdf").read_bytes() + f"\n% {i}\n".encode())
        proc = kinerja_run(inbox, out, env)
        time.sleep(seconds)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            survived += 1
        proc.wait(timeout=60)
        after = state(out)
        counts, dupes, manifest_rows, published = after
        # each file is whole: the warehouse opens with no duplicate rows, the Parquet matches its manifest
        assert dupes == 0 and manifest_rows == published
        if after != before:
            # the run got as far as swapping in its warehouse: the new document is loaded whole,
            # the old version superseded; the Parquet is the previous publication or the new one
            assert counts["dim_dokumen"] == before[0]["dim_dokumen"] + 1
            assert counts["fct_anggaran_per_dokumen"] == before[0]["fct_anggaran_per_dokumen"] + 45
            assert published in (before[3], counts["fct_anggaran_per_dokumen"])
            before = after
        for leftover in inbox.glob("revisi-*.pdf"):
            leftover.unlink()
    assert survived >= 3
    final = kinerja_run(inbox, out, env)
    assert final.wait(timeout=300) == 0, final.stderr.read()
    counts, dupes, manifest_rows, published = state(out)
    # the next run completes and the Parquet is again that of the warehouse
    assert dupes == 0 and manifest_rows == published == counts["fct_anggaran_per_dokumen"]
    assert not list(out.glob(".k.duckdb.building*"))
    assert not list(out.glob(".pq.staging-*"))


def test_a_second_run_while_one_writes_stops_with_a_clear_message(setting):
    base, inbox, out, env = setting
    with open(out / ".k.duckdb.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        (inbox / "revisi-x.pdf").write_bytes((inbox / "lkjip-disnaker-klungkung-2024.pdf").read_bytes() + b"\n% x\n")
        proc = kinerja_run(inbox, out, env)
        _, err = proc.communicate(timeout=300)
        (inbox / "revisi-x.pdf").unlink()
    assert proc.returncode == 1
    assert "another kinerja run is writing this warehouse; wait for it to finish" in err
