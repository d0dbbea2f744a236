"""Stop a run with SIGKILL at a named moment: the crash tests' way to kill at the same step on any machine.

tests/test_crash.py sets KINERJA_TEST_KILL_AT to one of MOMENTS on a real `kinerja run`; a kill
after a fixed number of seconds would land in a different step on a faster or slower machine.
Unset, as in every real run, nothing happens.
"""

from __future__ import annotations

import os
import signal

KILL_AT_VARIABLE = "KINERJA_TEST_KILL_AT"
MOMENTS = (
    "read",  # the first document is read, the others are not yet collected
    "build",  # every document is loaded into the build copy, not yet committed and swapped in
    "swapped",  # the new warehouse is in place, its Parquet not yet published
    "publish",  # the first table is written to the Parquet staging folder, the rest and the manifest not yet
    "swap",  # the whole publication and its manifest are staged, not yet exchanged with the published folder
    "report",  # the HTML report is written to its temporary file, not yet moved over the old one
)


def kill_point(moment: str) -> None:
    """Kill this process at once, as `kill -9` would, when KINERJA_TEST_KILL_AT names `moment`."""
    if os.environ.get(KILL_AT_VARIABLE) == moment:
        os.kill(os.getpid(), signal.SIGKILL)
