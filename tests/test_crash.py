"""kill -9 a real `kinerja run` at each named moment of a run (flows/killpoint.py): the files a
reader opens stay whole (the previous ones, or the run's own where it got that far), and the next
run completes with no duplicate rows and the right counts. A second run against a warehouse being
written stops with a clear message.

The run kills itself (KINERJA_TEST_KILL_AT) at the step named, so every moment is reached on a
fast machine and on a slow one alike.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from flows.killpoint import KILL_AT_VARIABLE, MOMENTS
from tests.conftest import ROOT
from tests.test_serve import server  # noqa: F401  (a fixture: one Prefect server for the module's runs)

TABLES = ("dim_dokumen", "fct_anggaran_per_dokumen", "fct_indikator_per_dokumen", "fct_temuan")
# Versions of one report pile up in dim_dokumen and the per-document facts (the older ones
# superseded); fct_temuan holds the findings of the loaded version only.
PER_VERSION = ("dim_dokumen", "fct_anggaran_per_dokumen", "fct_indikator_per_dokumen")
REPORT = "laporan-kinerja.html"  # the default: beside the Parquet folder

# What the killed run left in place of the previous files: its own warehouse (it got past the swap)
# and its own Parquet (it got past the publish). The report is always the previous one.
OWN_WAREHOUSE = {"read": False, "build": False, "swapped": True, "publish": True, "swap": True, "report": True}
OWN_PARQUET = {"read": False, "build": False, "swapped": False, "publish": False, "swap": False, "report": True}


def kinerja_run(inbox, out, env, log):
    """Start `kinerja run` in a session of its own; its output goes to `log`, not to a pipe that
    the children of a killed run would hold open."""
    with open(log, "w") as fh:
        return subprocess.Popen(
            [sys.executable, "-m", "flows", "run", str(inbox), "--warehouse", str(out / "k.duckdb"), "--parquet", str(out / "pq"), "-q"],
            cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        )


def state(out) -> dict:
    """Open every file a reader would and check it whole; return rows of the warehouse and the Parquet.

    The warehouse must open, with no duplicate budget row; every Parquet table of the manifest
    must read back with exactly the rows, per partition, that the manifest records, and the
    folder must hold no table the manifest does not list."""
    con = duckdb.connect(str(out / "k.duckdb"), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["loaded"] = con.execute("SELECT count(*) FROM dim_dokumen WHERE status = 'loaded'").fetchone()[0]
        dupes = con.execute(
            "SELECT count(*) FROM (SELECT source_document_id, source_table, source_row FROM fct_anggaran_per_dokumen GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()[0]
        published_tables = {
            r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fct\\_%' ESCAPE '\\' "
                "OR table_name LIKE 'mart\\_%' ESCAPE '\\'"
            ).fetchall()
        }
        warehouse_rows = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in published_tables}
    finally:
        con.close()
    assert dupes == 0
    manifest = json.loads((out / "pq" / "_manifest.json").read_text(encoding="utf-8"))
    reader = duckdb.connect()
    parquet_rows = {}
    for table, info in manifest["tables"].items():
        files = sorted((out / "pq" / table).glob("*/*.parquet"))
        assert sorted(f.parent.name for f in files) == sorted(f"tahun={y}" for y in info["partitions"]), table
        for f in files:
            rows = reader.execute(f"SELECT count(*) FROM read_parquet('{f}')").fetchone()[0]
            assert rows == info["partitions"][f.parent.name.removeprefix("tahun=")], f
        parquet_rows[table] = info["rows"]
        assert sum(info["partitions"].values()) == info["rows"], table
    assert {p.name for p in (out / "pq").iterdir() if p.is_dir()} == set(manifest["tables"])
    return {"warehouse": counts, "parquet": parquet_rows, "warehouse_rows": warehouse_rows,
            "report": (out / REPORT).read_bytes()}


@pytest.fixture(scope="module")
def setting(tmp_path_factory, sample_pdf, server):
    base = tmp_path_factory.mktemp("crash")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    out = base / "out"
    # The module's dozen runs report to one running Prefect server, as production runs do
    # (docs/operations.md), instead of each starting a temporary one of its own (about 10 s each).
    _, server_env = server
    env = {**os.environ, "PREFECT_HOME": str(base / "prefect-home"), "PREFECT_API_URL": server_env["PREFECT_API_URL"]}
    env.pop(KILL_AT_VARIABLE, None)
    first = kinerja_run(inbox, out, env, base / "first.log")
    assert first.wait(timeout=600) == 0, (base / "first.log").read_text()
    one = state(out)
    # one document: the 45 budget lines of Tabel 3.9 and the 90 contradictions of the golden lists
    assert one["warehouse"]["dim_dokumen"] == one["warehouse"]["loaded"] == 1
    assert one["warehouse"]["fct_anggaran_per_dokumen"] == 45 and one["warehouse"]["fct_temuan"] == 90
    assert one["parquet"] == one["warehouse_rows"]
    return base, inbox, out, env, one["warehouse"]


def plus_one_version(counts: dict, document: dict) -> dict:
    """The rows after one more version of the report is loaded: it supersedes the others."""
    return {**counts, **{t: counts[t] + document[t] for t in PER_VERSION}}


@pytest.mark.parametrize("moment", MOMENTS)
def test_kill_at_a_moment_leaves_whole_files_and_the_next_run_completes(setting, moment):
    base, inbox, out, env, document = setting
    before = state(out)
    # a new version of the report arrives, so the run has real work to do when it dies
    revisi = inbox / f"revisi-{moment}.pdf"
    revisi.write_bytes((inbox / "lkjip-disnaker-klungkung-2024.pdf").read_bytes() + f"\n% {moment}\n".encode())
    log = base / f"killed-{moment}.log"
    proc = kinerja_run(inbox, out, {**env, KILL_AT_VARIABLE: moment}, log)
    proc.wait(timeout=600)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the run's children (document readers), orphaned by the kill
    except ProcessLookupError:
        pass
    assert proc.returncode == -signal.SIGKILL, f"the run was not killed at {moment!r}: {log.read_text()}"

    after = state(out)
    expected = plus_one_version(before["warehouse"], document) if OWN_WAREHOUSE[moment] else before["warehouse"]
    assert after["warehouse"] == expected
    if OWN_PARQUET[moment]:
        assert after["parquet"] == after["warehouse_rows"]
    else:
        assert after["parquet"] == before["parquet"]
    # the report is written last: until it is moved in, readers keep the previous one, whole
    assert after["report"] == before["report"]

    final = kinerja_run(inbox, out, env, base / f"after-{moment}.log")
    assert final.wait(timeout=600) == 0, (base / f"after-{moment}.log").read_text()
    done = state(out)
    assert done["warehouse"] == plus_one_version(before["warehouse"], document)
    assert done["parquet"] == done["warehouse_rows"]
    assert revisi.name.encode() in done["report"]
    assert not list(out.glob(".k.duckdb.building*"))
    assert not list(out.glob(".pq.staging-*"))
    assert not list(out.glob(".report-*"))


def test_a_second_run_while_one_writes_stops_with_a_clear_message(setting):
    base, inbox, out, env, _ = setting
    with open(out / ".k.duckdb.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        (inbox / "revisi-x.pdf").write_bytes((inbox / "lkjip-disnaker-klungkung-2024.pdf").read_bytes() + b"\n% x\n")
        proc = kinerja_run(inbox, out, env, base / "second.log")
        proc.wait(timeout=300)
        (inbox / "revisi-x.pdf").unlink()
    assert proc.returncode == 1
    assert "another kinerja run is writing this warehouse; wait for it to finish" in (base / "second.log").read_text()
