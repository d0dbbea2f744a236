"""The `kinerja` command: run the pipeline, query the warehouse.

Exit codes of `kinerja run`: 0 every input loaded, 3 some inputs rejected or skipped (the rest
loaded) or nothing to read at all, 1 the run itself failed.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from decimal import Decimal
from pathlib import Path

from flows.serve import DEFAULT_CRON, DEFAULT_TIMEZONE
from flows.settings import configure_prefect, set_log_level

DEFAULT_WAREHOUSE = "data/kinerja.duckdb"
DEFAULT_PARQUET = "data/parquet"
DEFAULT_INPUTS = ["samples"]
REPORT_NAME = "laporan-kinerja.html"


def default_report(parquet: str) -> str:
    """The analyst report goes beside the Parquet folder (data/laporan-kinerja.html)."""
    return str(Path(parquet).parent / REPORT_NAME)

EXIT_OK, EXIT_FAILED, EXIT_REJECTED = 0, 1, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinerja",
        description="Turn Indonesian LKjIP performance reports into a DuckDB warehouse, marts and Parquet.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser(
        "run",
        help="ingest reports, build marts, publish Parquet",
        description="Ingest every PDF/spreadsheet given (files or folders), build the marts and publish "
        "Parquet. Files in other formats are listed as skipped. Exit 0 when every input loaded, 3 when some were "
        "rejected or skipped or there was nothing to read, 1 when the run failed.",
    )
    run.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to ingest (default: samples/)")
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="FILE", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    run.add_argument("--parquet", default=DEFAULT_PARQUET, metavar="DIR", help=f"Parquet folder (default {DEFAULT_PARQUET})")
    run.add_argument("--workers", type=int, default=None, metavar="N", help="processes reading documents (default: one per core)")
    run.add_argument("--timeout", type=float, default=600, metavar="SECONDS", help="time limit per document (default 600)")
    run.add_argument("--max-pages", type=int, default=1000, metavar="N", help="reject PDFs with more pages (default 1000)")
    run.add_argument("--max-mb", type=float, default=500, metavar="MB", help="reject larger files (default 500)")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--report", metavar="FILE", help=f"where to write the HTML report (default: {REPORT_NAME} beside the Parquet folder)")
    where.add_argument("--no-report", action="store_true", help="do not write the HTML report")
    run.add_argument("--runner", choices=["local", "dask"], default="local", help="where documents are read: local processes or a Dask cluster")
    run.add_argument("--dask-address", metavar="ADDR", help="scheduler of an existing Dask cluster (tcp://host:8786); default: a local cluster")
    loud = run.add_mutually_exclusive_group()
    loud.add_argument("-v", "--verbose", action="store_true", help="show the pipeline's log")
    loud.add_argument("-q", "--quiet", action="store_true", help="print only rejections and errors")

    query = sub.add_parser(
        "query",
        help="run read-only SQL against the warehouse",
        description="Run one read-only SQL statement against the warehouse and print the result.",
    )
    query.add_argument("sql", metavar="SQL", help='e.g. "SELECT kode, pagu_idr FROM fct_anggaran"')
    query.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="FILE", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    query.add_argument("--csv", action="store_true", help="print CSV instead of a table")

    check = sub.add_parser(
        "check",
        help="list the contradictions found in reports",
        description="Show the findings (contradictions inside a report, against the official nomenclature, "
        "between reports) of the given documents, read into a throw-away warehouse, or, without PATH, "
        "those already in the warehouse. Grouped by document and page.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (default: the warehouse's findings)")
    check.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="FILE", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    fmt = check.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--json", action="store_true", help="print JSON")

    report = sub.add_parser(
        "report",
        help="write the analyst's HTML report",
        description="Write one self-contained HTML file (charts as inline SVG, no script, no network) from the "
        "marts: budget absorption per program, indicator achievement over the years, capaian against serapan, "
        "TPAK among neighbouring regions, and the reports' contradictions by document and page.",
    )
    report.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="FILE", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    report.add_argument("--out", metavar="FILE", help=f"HTML file to write (default: {REPORT_NAME} beside the warehouse)")
    report.add_argument("--pemda", nargs="+", action="extend", metavar="NAME", help="only these pemda (part of the name, any case)")
    report.add_argument("--opd", nargs="+", action="extend", metavar="NAME", help="only these agencies (part of the name, any case)")

    serve = sub.add_parser(
        "serve",
        help="serve the yearly scheduled deployment kinerja/tahunan",
        description="Register and serve the deployment kinerja/tahunan on the Prefect server named by "
        "PREFECT_API_URL: it ingests the inbox folder on a yearly cron schedule (default 1 April 02:00, "
        "after the 31 March LKjIP deadline) in the pemda's time zone. The schedule stays active when "
        "this process stops.",
    )
    serve.add_argument("--inbox", default="inbox", metavar="DIR", help="folder the reports arrive in (default inbox/)")
    serve.add_argument("--cron", default=DEFAULT_CRON, metavar="EXPR", help=f'cron expression (default "{DEFAULT_CRON}")')
    serve.add_argument("--timezone", default=DEFAULT_TIMEZONE, metavar="TZ", help=f"time zone of the schedule (default {DEFAULT_TIMEZONE}, WITA)")
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="FILE", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    serve.add_argument("--parquet", default=DEFAULT_PARQUET, metavar="DIR", help=f"Parquet folder (default {DEFAULT_PARQUET})")
    serve.add_argument("--report", metavar="FILE",
                       help=f"HTML report written after each run (default: {REPORT_NAME} beside the Parquet folder)")
    serve.add_argument("-q", "--quiet", action="store_true", help="do not print Prefect's starting message")
    return parser


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def safe_cell(value) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula (=, +, @, -text)."""
    text = _fmt(value)
    if isinstance(value, str) and text and (
        text[0] in "=+@\t\r" or (text[0] == "-" and not text[1:2].replace(".", "").isdigit())
    ):
        return "'" + text
    return text


def write_csv(names: list[str], rows: list[tuple]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    path = Path(args.warehouse)
    if not path.exists():
        print(f"kinerja: {path}: no warehouse here; run `kinerja run` first", file=sys.stderr)
        return EXIT_FAILED
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        print(f"kinerja: {path}: cannot open ({exc})", file=sys.stderr)
        return EXIT_FAILED
    try:
        cur = con.execute(args.sql)
        names = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if names else []
    except duckdb.Error as exc:
        print(f"kinerja: query failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    if args.csv:
        write_csv(names, rows)
        return EXIT_OK
    cells = [[_fmt(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    print(f"({len(rows)} rows)")
    return EXIT_OK


def _summary(summary) -> str:
    lines = [
        f"kinerja: {len(summary.loaded)} document(s) loaded, {len(summary.unchanged)} unchanged, {len(summary.rejected)} rejected, "
        f"{len(summary.skipped)} skipped"
    ]
    for d in summary.documents:
        if d.status == "loaded":
            detail = ", ".join(f"{n} {t}" for t, n in d.rows.items() if t.startswith("fct_") and n) or "no rows"
            lines.append(f"  loaded    {d.file_name}: {detail}")
        elif d.status == "unchanged":
            lines.append(f"  unchanged {d.file_name}: already loaded, not read again")
        else:
            lines.append(f"  REJECTED  {d.error}")
    lines += [skipped_line(s) for s in summary.skipped]
    lines.append("rows per table:")
    for table, n in summary.tables.items():
        lines.append(f"  {table:<28} {n:>8}")
    findings = summary.tables.get("fct_temuan")
    if findings is not None:
        lines.append(f"findings: {findings}")
    lines.append("outputs:")
    lines.append(f"  warehouse  {summary.warehouse}")
    lines.append(f"  parquet    {summary.parquet}  ({len(summary.parquet_rows)} tables)")
    if summary.report:
        lines.append(f"  report     {summary.report}")
    return "\n".join(lines)


def skipped_line(skipped) -> str:
    """One line of the run summary for a file kinerja does not read."""
    return f"  SKIPPED   {skipped.file_name}: {skipped.reason}"


def cmd_run(args: argparse.Namespace) -> int:
    warehouse = Path(args.warehouse)
    configure_prefect(warehouse.parent)
    level = logging.INFO if args.verbose else logging.ERROR
    logging.getLogger("prefect").setLevel(level)
    set_log_level(level)
    import os

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if args.verbose else "ERROR")
    from flows.pipeline import kinerja_flow
    from load.warehouse import WarehouseBusy

    paths = args.paths or DEFAULT_INPUTS
    flow_fn, workers = kinerja_flow, args.workers
    if args.runner == "dask":
        # Dask reads its logging config at import: its scheduler and worker chatter is for -v only
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if args.verbose else "error")
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=args.dask_address)
            if args.dask_address
            else DaskTaskRunner(cluster_kwargs={
                "n_workers": args.workers or 2, "processes": True, "threads_per_worker": 1, "dashboard_address": None,
            })
        )
        flow_fn, workers = kinerja_flow.with_options(task_runner=runner), 1
    from rich.progress import Progress

    from flows.documents import nothing_to_read, scan_inputs
    from flows.pipeline import on_document_read

    try:
        scan = scan_inputs(paths)
    except FileNotFoundError as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return EXIT_FAILED
    empty = nothing_to_read(paths, scan)
    if empty:  # the warehouse is left as it is: there is nothing to load
        if scan.skipped and not args.quiet:
            print("\n".join(skipped_line(s) for s in scan.skipped))
        print(f"kinerja: {empty}", file=sys.stderr)
        return EXIT_REJECTED
    total = len(scan.files)
    bar = Progress(transient=True, disable=args.quiet or not sys.stderr.isatty(), console=None)
    job = bar.add_task("reading reports", total=total)
    on_document_read(lambda name, ok: bar.update(job, advance=1, description=name))
    try:
        with bar:
            summary = flow_fn(
                paths=[str(p) for p in paths], warehouse=str(warehouse), parquet=str(args.parquet),
                workers=workers, timeout=args.timeout, max_pages=args.max_pages, max_mb=args.max_mb,
                report=None if args.no_report else (args.report or default_report(args.parquet)),
            )
    except (FileNotFoundError, WarehouseBusy) as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # the run itself failed; the previous warehouse is intact
        print(f"kinerja: run failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(_summary(summary))
    for d in summary.rejected:
        print(f"kinerja: rejected: {d.error}", file=sys.stderr)
    for s in summary.skipped:
        print(f"kinerja: skipped: {s.file_name}: {s.reason}", file=sys.stderr)
    if summary.report_error:
        print(f"kinerja: report not written: {summary.report_error}", file=sys.stderr)
    return EXIT_REJECTED if summary.rejected or summary.skipped else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from load.report import ReportError, write_report

    out = args.out or str(Path(args.warehouse).parent / REPORT_NAME)
    try:
        result = write_report(Path(args.warehouse), Path(out), pemda=args.pemda, opd=args.opd)
    except ReportError as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"kinerja: report written: {result.path} ({result.agencies} agency(ies), {result.charts} charts, "
          f"{result.findings} findings)")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "check":
        from flows.check import cmd_check

        return cmd_check(args)
    if args.command == "report":
        return cmd_report(args)
    if args.command == "serve":
        configure_prefect(Path(args.warehouse).parent)
        set_log_level(logging.INFO)
        from flows.serve import cmd_serve

        return cmd_serve(args)
    return cmd_query(args)


if __name__ == "__main__":
    raise SystemExit(main())
