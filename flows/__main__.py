"""Allow `python -m flows ...` as well as the `kinerja` console script."""

from flows.cli import main

raise SystemExit(main())
