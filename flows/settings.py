"""Prefect's environment, set before Prefect is first imported.

Prefect reads its settings at import time. kinerja runs offline with no server configured:
Prefect then starts a temporary local API server (PLATFORM.md: 15-18 s fresh, default
startup timeout 20 s is too close on a busy machine), and would try to send telemetry.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

OFFLINE_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "extract,transform,load,flows",
    "PREFECT_CLIENT_CSRF_SUPPORT_ENABLED": "false",
    # kinerja check and the plain functions log outside flow runs; that is not an error
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


OWN_LOGGERS = ("extract", "transform", "load", "flows")


def set_log_level(level: int) -> None:
    """Give kinerja's loggers a level: Prefect forwards the loggers named in
    PREFECT_LOGGING_EXTRA_LOGGERS only when they have one of their own (PLATFORM.md)."""
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(level)


def configure_prefect(data_dir: Path) -> None:
    """Point PREFECT_HOME under the data directory (unless the user set one); go offline."""
    os.environ.setdefault("PREFECT_HOME", str(Path(data_dir).resolve() / ".prefect"))
    # Prefect creates PREFECT_HOME without parents and then fails to start its server.
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
