"""`kinerja serve`: the yearly scheduled deployment `kinerja/tahunan` on a Prefect server.

LKjIP are due three months after the year ends (PermenPAN-RB 53/2014: by 31 March), so the
default schedule reads the inbox on 1 April at 02:00, in the pemda's own time zone (WITA,
Asia/Makassar, for Bali). The schedule stays active when this process stops
(`pause_on_shutdown=False`): the server keeps the scheduled runs and the next `kinerja serve`
executes them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_CRON = "0 2 1 4 *"
DEFAULT_TIMEZONE = "Asia/Makassar"
DEPLOYMENT = "tahunan"


def cmd_serve(args) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        print(
            "kinerja: serve needs a Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api); see docs/operations.md",
            file=sys.stderr,
        )
        return 1
    from prefect.schedules import Cron

    from flows.cli import default_report
    from flows.pipeline import kinerja_flow

    parameters = {
        "paths": [str(Path(args.inbox).resolve())],
        "warehouse": str(Path(args.warehouse).resolve()),
        "parquet": str(Path(args.parquet).resolve()),
        # the report goes where `kinerja run` puts it: beside the Parquet folder, unless told
        "report": str(Path(args.report or default_report(args.parquet)).resolve()),
    }
    kinerja_flow.serve(
        name=DEPLOYMENT,
        schedules=[Cron(args.cron, timezone=args.timezone)],
        parameters=parameters,
        description="Yearly ingestion of the LKjIP inbox into the kinerja warehouse and Parquet.",
        tags=["kinerja", "tahunan"],
        pause_on_shutdown=False,
        print_starting_message=not args.quiet,
    )
    return 0
