"""`kinerja run --runner dask` as a user runs it: the command line in a subprocess, on a real
Dask cluster, against the warehouse of a local run of the same files (#19).

Two clusters: the default local one that the command starts itself, and one the test starts
as separate processes (`dask scheduler`, two `dask worker`s on 127.0.0.1) and stops by PID.
The driver is given relative paths from a folder the workers do not start in: a worker that
opened the driver's path instead of the bytes shipped to it would find no file.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_flow import warehouse_rows
from tests.test_serve import free_port, stop, wait_for

BIN = Path(sys.executable).parent
SAMPLE_SHEET = ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"


def kinerja_run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "kinerja"), "run", "inbox", *args], cwd=cwd, env=os.environ.copy(),
        capture_output=True, text=True, timeout=900,
    )


def driver_folder(base: Path, sample_pdf: Path) -> Path:
    """A folder with inbox/ holding the sample PDF and the sample spreadsheet."""
    (base / "inbox").mkdir(parents=True)
    shutil.copy(sample_pdf, base / "inbox" / sample_pdf.name)
    shutil.copy(SAMPLE_SHEET, base / "inbox" / SAMPLE_SHEET.name)
    return base


@pytest.fixture(scope="module")
def local_rows(tmp_path_factory, sample_pdf):
    base = driver_folder(tmp_path_factory.mktemp("local"), sample_pdf)
    out = kinerja_run("--warehouse", "out/k.duckdb", "--parquet", "out/pq", "--no-report", cwd=base)
    assert out.returncode == 0, out.stderr
    return warehouse_rows(base / "out" / "k.duckdb")


def loaded_both(stdout: str) -> bool:
    return "kinerja: 2 document(s) loaded, 0 unchanged, 0 rejected" in stdout


def test_the_default_local_dask_cluster_gives_the_local_warehouse(local_rows, tmp_path, sample_pdf):
    base = driver_folder(tmp_path, sample_pdf)
    out = kinerja_run("--runner", "dask", "--warehouse", "out/k.duckdb", "--parquet", "out/pq", "-v", cwd=base)
    assert out.returncode == 0, out.stderr[-3000:]
    assert loaded_both(out.stdout)
    assert warehouse_rows(base / "out" / "k.duckdb") == local_rows
    # kinerja's own log lines reach the terminal from the results as they come back
    assert re.search(r"read lkjip-disnaker-klungkung-2024\.pdf: 45 budget lines, \d+ indicator values", out.stderr)
    assert re.search(r"read cik-disnaker-klungkung-2024\.xlsx: 45 budget lines", out.stderr)
    assert (base / "out" / "laporan-kinerja.html").exists()


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run a command with stdout and stderr on a pseudo-terminal, as a user at a shell sees it."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, env=os.environ.copy(), stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=900), b"".join(chunks).decode("utf-8", "replace")


def test_the_progress_bar_counts_documents_read_on_dask_and_no_cluster_chatter_shows(tmp_path, sample_pdf):
    base = driver_folder(tmp_path, sample_pdf)
    code, screen = on_a_terminal(
        [str(BIN / "kinerja"), "run", "inbox", "--runner", "dask", "--warehouse", "out/k.duckdb",
         "--parquet", "out/pq", "--no-report"], cwd=base,
    )
    assert code == 0, screen[-3000:]
    frames = [line for line in re.split(r"[\r\n]", screen) if "━" in line]
    assert any("reading reports" in f and " 0%" in f for f in frames)
    # the bar advances as each result comes back, named after the document just read
    assert any(re.search(r"\.(pdf|xlsx) .*━.* 50%", f) for f in frames)
    assert any(re.search(r"\.(pdf|xlsx) .*━.*100%", f) for f in frames)
    assert "distributed." not in screen  # the scheduler's and workers' log is for -v only
    assert "2 document(s) loaded" in screen


@pytest.fixture()
def cluster(tmp_path):
    """A scheduler and two single-threaded workers as separate processes, in a folder of their own."""
    where = tmp_path / "workers"
    where.mkdir()
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = os.environ.copy()
    log = open(where / "cluster.log", "w")
    procs = [subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        cwd=where, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )]
    try:
        wait_for(lambda: "Scheduler at:" in (where / "cluster.log").read_text(), 120, "dask scheduler")
        for _ in range(2):
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                cwd=where, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            ))
        wait_for(lambda: (where / "cluster.log").read_text().count("Register worker") >= 2, 120, "two dask workers")
        yield address, [p.pid for p in procs]
    finally:
        for p in reversed(procs):
            stop(p)
        log.close()
    for p in procs:
        assert p.poll() is not None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_an_existing_cluster_gives_the_local_warehouse_from_shipped_bytes(local_rows, cluster, tmp_path, sample_pdf):
    address, pids = cluster
    base = driver_folder(tmp_path / "driver", sample_pdf)
    out = kinerja_run("--runner", "dask", "--dask-address", address, "--warehouse", "out/k.duckdb",
                      "--parquet", "out/pq", "--no-report", cwd=base)
    assert out.returncode == 0, out.stderr[-3000:]
    assert loaded_both(out.stdout)
    assert warehouse_rows(base / "out" / "k.duckdb") == local_rows
    # the cluster is the test's, not the run's: it is still up after the run
    assert all(alive(pid) for pid in pids)
