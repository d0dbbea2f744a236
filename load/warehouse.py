"""Load documents into the DuckDB warehouse without ever exposing a half-written file.

DuckDB allows one writer per file and a writer blocks every reader. A run therefore builds
into a hidden copy beside the warehouse, one transaction per document, rebuilds the marts,
checkpoints and swaps the copy over the old file with `os.replace`: an analyst's open
read-only connection keeps its snapshot, and a run that dies leaves the previous warehouse
as it was. A lock file keeps two runs from building at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from extract import EXTRACTOR_VERSION

log = logging.getLogger(__name__)

DOCUMENT_TABLES = ("stg_tabel", "stg_sel", "fct_anggaran_per_dokumen", "fct_indikator_per_dokumen", "fct_ringkasan_anggaran", "fct_efisiensi", "fct_konteks", "fct_angka_teks")

# Tables renamed since an older kinerja wrote them: {old name: current name}. Before issue 17
# fct_anggaran and fct_indikator held one row per document; those rows now live under names
# that say so, and fct_anggaran / fct_indikator are rebuilt as one answer per line.
RENAMED_TABLES = {"fct_anggaran": "fct_anggaran_per_dokumen", "fct_indikator": "fct_indikator_per_dokumen"}


def loaded_versions(path: Path) -> dict[str, str]:
    """Return {document id: extractor version} of the documents loaded in a warehouse.

    Read-only and tolerant: no warehouse (or an unreadable one) means nothing is known yet.
    """
    if not Path(path).exists():
        return {}
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(
            con.execute(
                "SELECT source_document_id, extractor_version FROM dim_dokumen WHERE status IN ('loaded', 'superseded')"
            ).fetchall()
        )
    except duckdb.Error:
        return {}
    finally:
        con.close()


def _schema_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Return {table: [(column, type)]} of the main schema of an open database."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
        "ORDER BY table_name, column_index"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        out.setdefault(table, []).append((column, data_type))
    return out


def sql_fingerprint() -> str:
    """SHA-256 over every file of the warehouse package: the SQL and reference data that derive
    the core tables, findings and marts from the loaded rows.

    Stored in meta_warehouse at each build, so that a run with nothing new to read still
    rebuilds when only a check, a mart or the nomenclature changed."""
    digest = hashlib.sha256()
    root = resources.files("warehouse")

    def walk(node, prefix: str = "") -> None:
        for item in sorted(node.iterdir(), key=lambda f: f.name):
            name = f"{prefix}{item.name}"
            if item.is_dir():
                if item.name != "__pycache__":
                    walk(item, name + "/")
            elif item.name.endswith((".sql", ".csv")):
                digest.update(name.encode() + b"\0" + item.read_bytes() + b"\0")

    walk(root)
    return digest.hexdigest()


def schema_is_current(path: Path) -> bool:
    """Tell whether a warehouse file has every table of the current schema, column for column
    and type for type, and was derived by the current warehouse SQL (meta_warehouse.sql_sidik).

    A run with nothing new to read skips the build; a warehouse written by an older kinerja
    must still be built once, so that its rows are migrated and the tables derived from them
    (fct_anggaran, the marts) follow the current SQL."""
    if not Path(path).exists():
        return False
    fresh = duckdb.connect()
    try:
        for stmt in schema_sql():
            fresh.execute(stmt)
        want = _schema_columns(fresh)
    finally:
        fresh.close()
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        have = _schema_columns(con)
        if not all(have.get(table) == columns for table, columns in want.items()):
            return False
        built_by = con.execute("SELECT sql_sidik FROM meta_warehouse").fetchall()
    finally:
        con.close()
    return built_by == [(sql_fingerprint(),)]


def counts_of(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table of an open warehouse."""
    names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1").fetchall()]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table of a warehouse file, read-only."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return counts_of(con)
    finally:
        con.close()


# The build spills to disk past this much memory instead of growing (DuckDB's default is 80 %
# of RAM). A national warehouse (546 pemda x 40 OPD x 5 years, 5 M fact rows) peaks near
# 3.1 GB of process memory with it; 2 GB held the peak near 2.2 GB but spilled the marts'
# joins and sorts and cost about 7 CPU seconds more (docs/benchmarks.md). Spill files go to a
# hidden folder beside the build.
BUILD_MEMORY_LIMIT = "3GB"


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


@dataclass
class LoadOutcome:
    """What happened to one document in the warehouse."""

    file_name: str
    source_document_id: str
    status: str
    error: str | None = None
    rows: dict[str, int] = field(default_factory=dict)


def sql_statements(text: str) -> list[str]:
    """Split a SQL file into statements at semicolons that end a line."""
    out = []
    for chunk in re.split(r";\s*\n", text + "\n"):
        body = "\n".join(ln for ln in chunk.splitlines() if not ln.strip().startswith("--")).strip()
        if body:
            out.append(body)
    return out


def schema_sql() -> list[str]:
    return sql_statements(resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8"))


def folder_sql(folder: str) -> list[tuple[str, str]]:
    """Return (name, text) of every .sql file of a warehouse folder, in file-name order.

    A numeric prefix orders files that build on each other (10_mart_serapan_anggaran.sql
    before 20_mart_efisiensi.sql) and is not part of the name.
    """
    root = resources.files("warehouse").joinpath(folder)
    files = sorted((f for f in root.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(re.sub(r"^\d+_", "", f.name[:-4]), f.read_text(encoding="utf-8")) for f in files]


def mart_sql() -> list[tuple[str, list[str]]]:
    """Return (name, statements) of every mart, in file-name order."""
    return [(name, sql_statements(text)) for name, text in folder_sql("marts")]


REFERENCE_FILES = {
    "nomenklatur_2023": "nomenklatur.csv",
    "nomenklatur_2019": "nomenklatur_permendagri90_2019era.csv",
    "arah_kata_kunci": "arah_kata_kunci.csv",
    "arah_indikator": "arah_indikator.csv",
    "ejaan": "ejaan.csv",
}


def reference_sql() -> list[str]:
    """Statements that rebuild the reference dims from the CSVs shipped in warehouse/reference."""
    text = resources.files("warehouse").joinpath("reference.sql").read_text(encoding="utf-8")
    ref = resources.files("warehouse").joinpath("reference")
    for key, name in REFERENCE_FILES.items():
        text = text.replace("{" + key + "}", str(ref.joinpath(name)).replace("'", "''"))
    return sql_statements(text)


_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
}


def _arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    fields = []
    for name, typ, *_ in con.execute(f"DESCRIBE {table}").fetchall():
        m = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", typ)
        fields.append(pa.field(name, pa.decimal128(int(m.group(1)), int(m.group(2))) if m else _ARROW_TYPES[typ]))
    return pa.schema(fields)


def _building_files(target: Path) -> tuple[Path, Path]:
    building = target.parent / f".{target.name}.building"
    return building, Path(str(building) + ".wal")


def _spill_dir(target: Path) -> Path:
    """Where the build connection spills past its memory limit (cleared with the build)."""
    return target.parent / f".{target.name}.spill"


def _take_lock(target: Path):
    """Return the open lock file of `target`'s writer, locked; raise WarehouseBusy if taken."""
    fh = open(target.parent / f".{target.name}.lock", "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        fh.close()
        raise WarehouseBusy(f"{target}: another kinerja run is writing this warehouse; wait for it to finish") from exc
    return fh


def clear_abandoned_build(target: Path) -> bool:
    """Remove the build files a killed run left beside `target`, unless a run is building now.

    A run with nothing new to load does not open a build, so without this the leftovers of a
    run killed mid-build would stay until the next real build (seen in tests/test_crash.py)."""
    target = Path(target)
    if not target.parent.exists():
        return False
    try:
        fh = _take_lock(target)
    except WarehouseBusy:
        return False
    try:
        found = _spill_dir(target).exists()
        shutil.rmtree(_spill_dir(target), ignore_errors=True)
        for leftover in _building_files(target):
            found |= leftover.exists()
            leftover.unlink(missing_ok=True)
        return found
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


# A finding that touches a value read by OCR may be a misread, not the report's error (#16):
# its row's OCR cells (stg_sel), else its table's (a sum or total: any row may be misread),
# give the lowest word confidence, and the message says so.
_OCR_NOTE = (
    "' Mungkin salah baca OCR: nilai dibaca dari halaman hasil pindai (keyakinan OCR terendah '"
    " || coalesce(CAST(round(o.conf) AS INTEGER)::VARCHAR, '?') || '/100); periksa gambar halamannya.'"
)
OCR_FINDINGS = [
    f"""UPDATE fct_temuan AS t SET ocr = true, ocr_confidence = o.conf, message = t.message || {_OCR_NOTE}
    FROM (SELECT source_document_id, source_table, source_row, min(ocr_confidence) AS conf
          FROM stg_sel WHERE ocr GROUP BY ALL) AS o
    WHERE t.source_document_id = o.source_document_id AND t.source_table = o.source_table
      AND t.source_row = o.source_row""",
    f"""UPDATE fct_temuan AS t SET ocr = true, ocr_confidence = o.conf, message = t.message || {_OCR_NOTE}
    FROM (SELECT source_document_id, source_table, min(ocr_confidence) AS conf
          FROM stg_sel WHERE ocr GROUP BY ALL) AS o
    WHERE t.ocr IS NULL AND t.source_document_id = o.source_document_id AND t.source_table = o.source_table""",
]


class WarehouseBuild:
    """One run's build of the warehouse: open, load documents, build marts, swap in."""

    def __init__(self, target: Path):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.building = _building_files(self.target)[0]
        self.spill = _spill_dir(self.target)
        self._lock_fh = _take_lock(self.target)
        for leftover in _building_files(self.target):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(self.spill, ignore_errors=True)
        if self.target.exists():
            shutil.copy2(self.target, self.building)
        self.con = duckdb.connect(
            str(self.building), config={"memory_limit": BUILD_MEMORY_LIMIT, "temp_directory": str(self.spill)}
        )
        self._migrate()
        for stmt in schema_sql() + sql_statements(
            resources.files("warehouse").joinpath("macros.sql").read_text(encoding="utf-8")
        ):
            self.con.execute(stmt)
        self._schemas = {t: _arrow_schema(self.con, t) for t in (*DOCUMENT_TABLES, "dim_dokumen")}

    def _migrate(self) -> None:
        """Bring tables written by an older kinerja to the current columns, keeping their rows.

        The build starts from a copy of the existing warehouse and reloads only the documents
        of this run, so older documents must survive a schema change: each table whose columns
        differ is rebuilt and its rows copied by column name (new columns stay null); a table
        renamed since (RENAMED_TABLES) is renamed first.
        """
        creates = [s for s in schema_sql() if s.upper().startswith("CREATE TABLE")]
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
        for old, new in RENAMED_TABLES.items():
            if old in tables and new not in tables:
                log.warning("%s: per-document rows of an older warehouse; renamed to %s", old, new)
                self.con.execute(f"ALTER TABLE main.{old} RENAME TO {new}")
        self.con.execute("CREATE SCHEMA IF NOT EXISTS kinerja_new")
        try:
            for stmt in creates:
                name = re.search(r"CREATE TABLE IF NOT EXISTS (\w+)", stmt).group(1)
                exists = self.con.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?", [name]
                ).fetchone()[0]
                if not exists:
                    continue
                self.con.execute(stmt.replace(f"CREATE TABLE IF NOT EXISTS {name}", f"CREATE TABLE kinerja_new.{name}", 1))
                # names and types: a column widened since (DECIMAL(12,4) -> (18,6) for printed
                # percentages of five decimals, RFK Grobogan 2022) is rebuilt too
                new_cols = [tuple(r[:2]) for r in self.con.execute(f"DESCRIBE kinerja_new.{name}").fetchall()]
                old_cols = [tuple(r[:2]) for r in self.con.execute(f"DESCRIBE main.{name}").fetchall()]
                if new_cols == old_cols:
                    continue
                old_names = {c for c, _ in old_cols}
                common = ", ".join(f'"{c}"' for c, _ in new_cols if c in old_names)
                log.warning("%s: columns or types changed since this warehouse was built; migrating its rows", name)
                self.con.execute(f"ALTER TABLE main.{name} RENAME TO {name}__old")
                self.con.execute(stmt)
                self.con.execute(f"INSERT INTO main.{name} ({common}) SELECT {common} FROM main.{name}__old")
                self.con.execute(f"DROP TABLE main.{name}__old")
        finally:
            self.con.execute("DROP SCHEMA kinerja_new CASCADE")

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        schema = self._schemas[table]
        # column by column: from_pylist over one dict per row cost half the load time (bench)
        data = pa.Table.from_pydict({f.name: [r.get(f.name) for r in rows] for f in schema}, schema=schema)
        # the Arrow schema is the table's own (DESCRIBE, in column order)
        self.con.from_arrow(data).insert_into(table)

    def _status(self, source_document_id: str) -> str | None:
        row = self.con.execute(
            "SELECT status FROM dim_dokumen WHERE source_document_id = ?", [source_document_id]
        ).fetchone()
        return row[0] if row else None

    def load_document(
        self, dokumen: dict, rows: dict[str, list[dict]], file_size: int | None, file_modified_at: datetime | None = None
    ) -> LoadOutcome:
        """Replace everything known of one document in a single transaction."""
        sid = dokumen["source_document_id"]
        self.con.execute("BEGIN TRANSACTION")
        try:
            # a document's rows are only ever written with its dim_dokumen row, in this one
            # transaction: without that row there is nothing of it to delete
            if self._status(sid) is not None:
                for table in (*DOCUMENT_TABLES, "dim_dokumen"):
                    self.con.execute(f"DELETE FROM {table} WHERE source_document_id = ?", [sid])
            self._insert(
                "dim_dokumen",
                [{**dokumen, "file_size_bytes": file_size, "file_modified_at": file_modified_at, "loaded_at": datetime.now(timezone.utc)}],
            )
            for table in DOCUMENT_TABLES:
                self._insert(table, rows.get(table, []))
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            log.error("%s: not loaded: %s", dokumen["file_name"], exc)
            return LoadOutcome(dokumen["file_name"], sid, "rejected", f"{dokumen['file_name']}: gagal dimuat ({exc})")
        return LoadOutcome(dokumen["file_name"], sid, "loaded", rows={t: len(rows.get(t, [])) for t in DOCUMENT_TABLES})

    def record_rejected(
        self, source_document_id: str, file_name: str, fmt: str, error: str, file_size: int | None, metadata: dict | None = None
    ) -> LoadOutcome:
        """Record a rejected file; a version of the same bytes that loaded before stays loaded.

        `metadata` (jenis, pemda, opd, tahun ... as the document states them) is kept when it
        was read, so a rejected report is still found by its agency and year.
        """
        if self._status(source_document_id) == "loaded":
            log.warning("%s: rejected this time but loaded before; keeping the loaded version", file_name)
            return LoadOutcome(file_name, source_document_id, "loaded", rows={})
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM dim_dokumen WHERE source_document_id = ?", [source_document_id])
        self._insert(
            "dim_dokumen",
            [
                {
                    **(metadata or {}),
                    "source_document_id": source_document_id,
                    "file_name": file_name,
                    "format": fmt,
                    "status": "rejected",
                    "error": error,
                    "file_size_bytes": file_size,
                    "loaded_at": datetime.now(timezone.utc),
                    "extractor_version": EXTRACTOR_VERSION,
                }
            ],
        )
        self.con.execute("COMMIT")
        return LoadOutcome(file_name, source_document_id, "rejected", error)

    def fill_missing_pemda(self) -> int:
        """Give a document that does not name its pemda the one its OPD's other documents name.

        A SIPD/e-monev export names the OPD but not the pemda (the sample export's title block);
        when every loaded document of the same OPD that names one names the same pemda, that
        pemda is copied, `pemda_inferred` set, `metadata_note` told where it came from (the
        note's "tidak disebut dalam dokumen: pemda" stays true of the document) and the
        document's facts updated. Otherwise the pemda stays null.
        """
        rows = self.con.execute(
            """
            SELECT d.source_document_id, min(o.pemda)
            FROM dim_dokumen AS d
            JOIN dim_dokumen AS o
                ON lower(o.opd) = lower(d.opd) AND o.pemda IS NOT NULL AND o.status = 'loaded'
            WHERE d.pemda IS NULL AND d.opd IS NOT NULL AND d.status = 'loaded'
            GROUP BY d.source_document_id
            HAVING count(DISTINCT o.pemda) = 1
            """
        ).fetchall()
        for sid, pemda in rows:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                "UPDATE dim_dokumen SET pemda = ?, pemda_inferred = true, metadata_note = concat_ws('; ', metadata_note, "
                "'pemda: disimpulkan dari dokumen lain OPD yang sama (' || ? || ')') WHERE source_document_id = ?",
                [pemda, pemda, sid],
            )
            for table in ("fct_anggaran_per_dokumen", "fct_indikator_per_dokumen"):
                self.con.execute(f"UPDATE {table} SET pemda = ? WHERE source_document_id = ?", [pemda, sid])
            self.con.execute("COMMIT")
        return len(rows)

    def mark_superseded(self) -> int:
        """Mark older versions of a report superseded by a newer file of the same kind.

        Two loaded documents of one kind, pemda, OPD and year in one format are two versions of
        a report (a corrected re-upload): the one whose file is newer (then the later load) stays
        loaded, the other becomes 'superseded' and stays queryable. A Word draft (.docx) and the
        PDF exported from it are one report too, so they supersede each other; a PDF and a
        SIPD export of one report are not versions of each other, nor are an agency's LKjIP and
        its PK.
        """
        self.con.execute(
            """
            UPDATE dim_dokumen SET status = CASE WHEN r.rank = 1 THEN 'loaded' ELSE 'superseded' END
            FROM (
                SELECT source_document_id, row_number() OVER (
                    PARTITION BY jenis, pemda, opd, tahun, CASE format WHEN 'docx' THEN 'pdf' ELSE format END
                    ORDER BY file_modified_at DESC NULLS LAST, loaded_at DESC, file_name DESC
                ) AS rank
                FROM dim_dokumen
                WHERE status IN ('loaded', 'superseded') AND tahun IS NOT NULL AND opd IS NOT NULL
            ) AS r
            WHERE dim_dokumen.source_document_id = r.source_document_id
            """
        )
        return self.con.execute("SELECT count(*) FROM dim_dokumen WHERE status = 'superseded'").fetchone()[0]

    def build_reference(self) -> None:
        """Rebuild the nomenclature, direction and spelling dims from the shipped CSVs."""
        for stmt in reference_sql():
            self.con.execute(stmt)

    def build_core(self) -> None:
        """Rebuild the derived core tables (dim_indikator) from the facts."""
        for _, text in folder_sql("core"):
            for stmt in sql_statements(text):
                self.con.execute(stmt)

    def run_checks(self) -> dict[str, int]:
        """Rebuild fct_temuan: every check in warehouse/checks/ returns its offending rows."""
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM fct_temuan")
        counts = {}
        for name, text in folder_sql("checks"):
            body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("--")).strip().rstrip(";")
            before = self.con.execute("SELECT count(*) FROM fct_temuan").fetchone()[0]
            # A document that leaves a name, code or caption out makes a `||` message NULL: the
            # finding still stands, said with what is known (#15: a run never fails on content).
            self.con.execute(
                f"""INSERT INTO fct_temuan BY NAME
                SELECT * REPLACE (coalesce(message, 'Temuan ' || replace(rule, '_', ' ')
                    || coalesce(' ' || level, '') || coalesce(' ' || kode, '') || coalesce(' "' || indikator || '"', '')
                    || ' tahun ' || tahun || ': tercetak ' || coalesce(reported, '–') || ', seharusnya '
                    || coalesce(expected, '–') || ' (sebagian keterangan tidak tercetak di dokumen).') AS message,
                    angka_polos(reported) AS reported, angka_polos(expected) AS expected)
                FROM ({body})"""
            )
            counts[name] = self.con.execute("SELECT count(*) FROM fct_temuan").fetchone()[0] - before
        for stmt in OCR_FINDINGS:
            self.con.execute(stmt)
        self.con.execute("COMMIT")
        return counts

    def refresh(self) -> dict[str, int]:
        """After loading: reference dims, core, checks (findings), then marts."""
        self.fill_missing_pemda()
        self.mark_superseded()
        self.build_reference()
        self.build_core()
        findings = self.run_checks()
        self.build_marts()
        self.con.execute("DELETE FROM meta_warehouse")
        self.con.execute("INSERT INTO meta_warehouse VALUES (?, ?)", [EXTRACTOR_VERSION, sql_fingerprint()])
        return findings

    def build_marts(self) -> dict[str, int]:
        """Materialise every mart from the core tables; return their row counts."""
        counts = {}
        for name, statements in mart_sql():
            for stmt in statements:
                self.con.execute(stmt)
            counts[name] = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        return counts

    def table_counts(self) -> dict[str, int]:
        return counts_of(self.con)

    def commit(self) -> None:
        """Checkpoint the build and swap it over the warehouse atomically."""
        self.con.execute("CHECKPOINT")
        self.con.close()
        shutil.rmtree(self.spill, ignore_errors=True)
        os.replace(self.building, self.target)
        self._release()

    def abort(self) -> None:
        """Drop the build; the previous warehouse stays untouched."""
        try:
            self.con.close()
        finally:
            for leftover in _building_files(self.target):
                leftover.unlink(missing_ok=True)
            shutil.rmtree(self.spill, ignore_errors=True)
            self._release()

    def _release(self) -> None:
        fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
        self._lock_fh.close()

    def __enter__(self) -> "WarehouseBuild":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()
