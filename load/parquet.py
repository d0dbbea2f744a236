"""Publish every fct_ and mart_ table as Hive-partitioned Parquet, swapped in atomically.

Layout: `<out>/<table>/tahun=YYYY/part-0.parquet`, `tahun` also inside the files (DuckDB
drops it from partitioned files unless asked, and BI tools read files one by one). Each
publication is written whole to a staging folder beside `<out>` (never inside it: DuckDB's glob
also reads temp files in the tree), then exchanged with `<out>` in one atomic rename: partitions
and tables the new publication no longer has are gone with the old folder, so no stale rows
linger, and no reader or killed run ever sees a mix of two publications.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flows.killpoint import kill_point

PUBLISHED_PREFIXES = ("fct_", "mart_")
PART_FILE = "part-0.parquet"


def published_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows if r[0].startswith(PUBLISHED_PREFIXES)]


def warehouse_stamp(con: duckdb.DuckDBPyConnection) -> str:
    """What the warehouse holds, in one line: documents and their latest load time.

    The manifest keeps the stamp of the warehouse it was published from, so a run can tell
    whether the Parquet is still that of the warehouse (a run killed between the warehouse
    swap and the publish leaves it behind)."""
    count, latest = con.execute("SELECT count(*), max(loaded_at) FROM dim_dokumen").fetchone()
    return f"{count}:{latest}"


def is_current(warehouse: Path, out_dir: Path) -> bool:
    """Tell whether the Parquet under `out_dir` was published from the warehouse as it is now."""
    manifest = Path(out_dir) / "_manifest.json"
    if not (Path(warehouse).exists() and manifest.exists()):
        return False
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        stamp = warehouse_stamp(con)
    finally:
        con.close()
    return json.loads(manifest.read_text(encoding="utf-8")).get("warehouse_stamp") == stamp


def publish_parquet(warehouse: Path, out_dir: Path) -> dict[str, int]:
    """Write the warehouse's published tables under `out_dir`; return rows per table."""
    out_dir = Path(out_dir)
    _restore_interrupted_swap(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_abandoned_staging(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    manifest: dict = {"published_at": datetime.now(timezone.utc).isoformat(), "tables": {}}
    counts: dict[str, int] = {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        manifest["warehouse_stamp"] = warehouse_stamp(con)
        for table in published_tables(con):
            years = [r[0] for r in con.execute(f'SELECT DISTINCT tahun FROM "{table}" ORDER BY 1').fetchall()]
            schema = [
                {"name": n, "type": t}
                for n, t, *_ in con.execute(f'DESCRIBE "{table}"').fetchall()
            ]
            docs = []
            if any(s["name"] == "source_document_id" for s in schema):
                docs = [r[0] for r in con.execute(f'SELECT DISTINCT source_document_id FROM "{table}" ORDER BY 1').fetchall()]
            partitions = {}
            for year in years:
                if year is None:
                    raise ValueError(f"{table}: rows without tahun cannot be partitioned")
                part_dir = staging / table / f"tahun={int(year)}"
                part_dir.mkdir(parents=True)
                target = part_dir / PART_FILE
                # zstd level 1: about 12 % less CPU than the default level 3 for files about 2 %
                # larger (5 M fact rows, docs/benchmarks.md).
                con.execute(
                    f"COPY (SELECT * FROM \"{table}\" WHERE tahun = {int(year)}) TO '{target}' "
                    "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)"
                )
                partitions[str(int(year))] = con.execute(
                    f'SELECT count(*) FROM "{table}" WHERE tahun = ?', [int(year)]
                ).fetchone()[0]
            counts[table] = sum(partitions.values())
            manifest["tables"][table] = {
                "rows": counts[table],
                "partitions": partitions,
                "schema": schema,
                "documents": docs,
            }
            kill_point("publish")
    finally:
        con.close()
    _swap_in(staging, out_dir, manifest)
    shutil.rmtree(staging, ignore_errors=True)
    return counts


def _swap_in(staging: Path, out_dir: Path, manifest: dict) -> None:
    """Make the staged publication the one under `out_dir` in a single step.

    Readers and a killed run see either the whole previous publication or the whole new one,
    never new files under the old manifest: the staged folder, completed with the manifest and
    hard links to whatever else the user keeps in `out_dir`, is exchanged with `out_dir` by one
    atomic rename (Linux renameat2 RENAME_EXCHANGE). Where the system has no such rename, two
    renames are used, and a run killed between them is repaired by the next publish
    (`_restore_interrupted_swap`)."""
    for entry in out_dir.iterdir():
        if entry.name == "_manifest.json" or (entry.is_dir() and entry.name.startswith(PUBLISHED_PREFIXES)):
            continue
        if entry.is_dir():
            shutil.copytree(entry, staging / entry.name, copy_function=os.link, symlinks=True)
        else:
            os.link(entry, staging / entry.name, follow_symlinks=False)
    (staging / "_manifest.json").write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    kill_point("swap")
    if not _exchange(staging, out_dir):
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then nothing was changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a), None, str(b))


def _restore_interrupted_swap(out_dir: Path) -> None:
    """A publish killed between its two renames (systems without an atomic exchange) leaves the
    previous publication as `.<name>.old-<pid>` and no `out_dir`: put it back."""
    if out_dir.exists():
        return
    for old in sorted(out_dir.parent.glob(f".{out_dir.name}.old-*")):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            os.replace(old, out_dir)
            return


def _clear_abandoned_staging(out_dir: Path) -> None:
    """Remove staging folders left by publishes that died (their process is gone)."""
    for old in [*out_dir.parent.glob(f".{out_dir.name}.staging-*"), *out_dir.parent.glob(f".{out_dir.name}.old-*")]:
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Tell whether process `pid` still runs (its staging or temporary files are still in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
