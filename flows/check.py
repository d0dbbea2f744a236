"""`kinerja check`: the findings of some documents, or of the warehouse, for a reviewer.

With paths, the documents are read into a throw-away warehouse (no Prefect, nothing
written next to the user's warehouse), so a reviewer can check a report before loading it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import duckdb

from flows.cli import EXIT_FAILED, EXIT_OK, _fmt, write_csv
from flows.documents import read_document, scan_inputs
from load.warehouse import WarehouseBuild

FINDINGS_SQL = """
SELECT d.file_name, f.source_page, f.source_sheet, f.severity, f.rule, f.level, f.kode, f.indikator, f.tahun,
    f.reported, f.expected, f.message
FROM fct_temuan AS f
JOIN dim_dokumen AS d USING (source_document_id)
ORDER BY d.file_name, f.source_page NULLS LAST, f.source_sheet, f.source_table, f.source_row, f.rule
"""
SEVERITY_MARK = {"tinggi": "!!!", "sedang": "!! ", "rendah": "!  "}


def findings_of(paths: list[str]) -> tuple[list[str], list[tuple], list[str]]:
    """Read the documents into a temporary warehouse; return columns, findings, rejections
    (files skipped for their format among them, so that none goes unmentioned)."""
    scan = scan_inputs(paths)
    rejected = [f"{s.file_name}: {s.reason}" for s in scan.skipped]
    with tempfile.TemporaryDirectory(prefix="kinerja-check-") as tmp:
        wh = Path(tmp) / "check.duckdb"
        with WarehouseBuild(wh) as build:
            for path in scan.files:
                result = read_document(path)
                if result.ok:
                    build.load_document(result.document.dokumen, result.document.rows, result.size, result.modified_at)
                else:
                    rejected.append(result.error)
            build.refresh()
            build.commit()
        return _read(wh) + (rejected,)


def _read(wh: Path) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        cur = con.execute(FINDINGS_SQL)
        return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


def render_text(names: list[str], rows: list[tuple]) -> str:
    """Group findings by document, then page or sheet; one line each, severity first."""
    out, doc, where = [], None, None
    for row in rows:
        r = dict(zip(names, row))
        if r["file_name"] != doc:
            doc, where = r["file_name"], None
            count = sum(1 for x in rows if x[0] == doc)
            out.append(f"{doc}: {count} temuan")
        if r["source_page"] is not None:
            place = f"hlm. {r['source_page']}"
        else:  # a .docx has neither pages nor sheets: its messages name table and row
            place = f"sheet {r['source_sheet']}" if r["source_sheet"] is not None else "tanpa halaman"
        if place != where:
            where = place
            out.append(f"  {place}")
        out.append(f"    {SEVERITY_MARK.get(r['severity'], '   ')} [{r['rule']}] {r['message']}")
    out.append(f"{len(rows)} temuan")
    return "\n".join(out)


def cmd_check(args) -> int:
    if args.paths:
        try:
            names, rows, rejected = findings_of(args.paths)
        except FileNotFoundError as exc:
            print(f"kinerja: {exc}", file=sys.stderr)
            return EXIT_FAILED
        for error in rejected:
            print(f"kinerja: rejected: {error}", file=sys.stderr)
    else:
        path = Path(args.warehouse)
        if not path.exists():
            print(f"kinerja: {path}: no warehouse here; run `kinerja run` first or give files to check", file=sys.stderr)
            return EXIT_FAILED
        names, rows = _read(path)
    if args.csv:
        write_csv(names, rows)
    elif args.json:
        json.dump([{n: _fmt(v) if v is not None else None for n, v in zip(names, r)} for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(render_text(names, rows))
    return EXIT_OK
