"""The yearly deployment on a real `prefect server`, started here on 127.0.0.1 and stopped by PID."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

PREFECT = Path(sys.executable).parent / "prefect"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    """Poll `check` until it holds. The bound (minutes) is not a speed check: it only turns a
    server that never comes up into a failure instead of a hung suite."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    raise TimeoutError(what)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
        "PREFECT_API_URL": api, "PREFECT_UI_ENABLED": "false",
    }
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for(lambda: healthy(api) or proc.poll() is not None, 180, "prefect server start")
        assert proc.poll() is None, (home / "server.log").read_text()[-2000:]
        yield api, env
    finally:
        stop(proc)
        log.close()
    assert proc.poll() is not None


async def read_deployment(api):
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        try:
            return await client.read_deployment_by_name("kinerja/tahunan")
        except Exception:
            return None


def test_yearly_deployment_is_scheduled_runs_and_survives_the_serve_process(server, tmp_path, sample_pdf):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    api, env = server
    # other modules' Prefect harness may already have set this process's settings
    with temporary_settings(updates={PREFECT_API_URL: api}):
        check_deployment(api, env, tmp_path, sample_pdf)


def check_deployment(api, env, tmp_path, sample_pdf):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    wh = tmp_path / "data" / "kinerja.duckdb"
    serve_log = open(tmp_path / "serve.log", "w")
    serve = subprocess.Popen(
        [sys.executable, "-m", "flows", "serve", "--inbox", str(inbox), "--warehouse", str(wh),
         "--parquet", str(tmp_path / "data" / "parquet"), "--quiet"],
        cwd=ROOT, env=env, stdout=serve_log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deployment = wait_for(lambda: asyncio.run(read_deployment(api)) or serve.poll() is not None, 120, "deployment registered")
        assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
        [schedule] = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == ("0 2 1 4 *", "Asia/Makassar", True)
        assert not deployment.paused
        # the report follows `kinerja run`: beside the Parquet folder, not under serve's working directory
        report = tmp_path / "data" / "laporan-kinerja.html"
        assert deployment.parameters["report"] == str(report.resolve())

        from prefect.deployments import run_deployment

        flow_run = run_deployment("kinerja/tahunan", timeout=300)
        assert flow_run.state.is_completed(), flow_run.state
        con = duckdb.connect(str(wh), read_only=True)
        loaded = con.execute("SELECT file_name, status FROM dim_dokumen").fetchall()
        lines = con.execute("SELECT count(*) FROM fct_anggaran").fetchone()[0]
        con.close()
        assert loaded == [(sample_pdf.name, "loaded")] and lines == 45
        assert "Rp\u00a06.214.345.759" in report.read_text(encoding="utf-8")  # the bidang pagu, in a finding
    finally:
        stop(serve)
        serve_log.close()
    after = asyncio.run(read_deployment(api))
    assert not after.paused and after.schedules[0].active
