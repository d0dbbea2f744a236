"""Measure OCR on a scan of the WHOLE sample, read the way a user reads it (issue #16).

    python bench/scan_sample.py [--dpi 150 200] [--out DIR]

tests/test_ocr.py scans only the sample's four budget pages (OCR costs seconds a page, and the
suite must stay short). This script scans all 33 pages of samples/lkjip-disnaker-klungkung-2024.pdf
with tests/generator/scan.py (grey, skewed 0.7 degrees either way, JPEG noise, the landscape
budget pages stored sideways) at each resolution, runs `kinerja run` on the scan in a
subprocess with an empty OCR cache, and compares its 45 budget lines with the hand-made golden
of the typed sample by the rules of tests/test_ocr.py: a line is exact when code, level,
number, name, pagu, realisasi and serapan are all right and it carries no parse issue; every
other line must be flagged (a parse issue, a finding on its row, or an OCR confidence under
80). Writes bench/results/scan.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SAMPLE_PDF, answer  # noqa: E402
from tests.generator.scan import make_scan  # noqa: E402
from tests.test_ocr import GOLDEN, LOW_CONFIDENCE, _mismatches  # noqa: E402


def measure(dpi: int, work: Path) -> dict:
    scan = make_scan(SAMPLE_PDF, work / f"in-{dpi}" / f"klungkung-scan-{dpi}.pdf", dpi)
    out = work / f"out-{dpi}"
    env_cache = out / "ocr-cache"
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "flows", "run", str(scan.parent), "--warehouse", str(out / "k.duckdb"),
         "--parquet", str(out / "pq"), "--no-report", "-q"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "KINERJA_OCR_CACHE": str(env_cache)},
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        return {"dpi": dpi, "exit": proc.returncode, "error": proc.stderr[-2000:]}
    wh = out / "k.duckdb"
    lines = answer(wh, "SELECT * FROM fct_anggaran_per_dokumen")
    finding_rows = {f["source_row"] for f in answer(wh, "SELECT source_row FROM fct_temuan")}
    # lines pair with the golden by code, and where OCR spoilt the code (kode null: "2.07.01,2.02")
    # by their place in the table, so a misread code is judged as the line it is
    by_kode = {line["kode"]: line for line in lines if line["kode"]}
    in_order = sorted(lines, key=lambda ln: ln["source_row"])
    exact, flagged, unflagged, misses = 0, 0, [], []
    for i, golden in enumerate(GOLDEN):
        line = by_kode.get(golden["kode"])
        if line is None and len(in_order) == len(GOLDEN) and in_order[i]["kode"] is None:
            line = in_order[i]
        wrong = _mismatches(line, golden)
        if not wrong:
            exact += 1
        elif line is not None and (
            line["parse_issue"] is not None or line["source_row"] in finding_rows
            or (line["ocr_confidence"] is not None and line["ocr_confidence"] < LOW_CONFIDENCE)
        ):
            flagged += 1
        else:
            unflagged.append({"kode": golden["kode_printed"], "wrong": wrong})
        if wrong:
            misses.append({"kode": golden["kode_printed"], "wrong": wrong,
                           "ocr_confidence": line and line["ocr_confidence"], "parse_issue": line and line["parse_issue"]})
    dokumen = answer(wh, "SELECT page_count AS pages, pages_without_text, tahun, pemda, opd FROM dim_dokumen")[0]
    return {"dpi": dpi, "exit": proc.returncode, "pages": dokumen["pages"], "seconds": round(seconds, 1),
            "s_per_page": round(seconds / dokumen["pages"], 2), "lines": len(GOLDEN), "exact": exact,
            "flagged": flagged, "unflagged": unflagged, "misses": misses, "budget_rows": len(lines),
            "metadata": {k: dokumen[k] for k in ("tahun", "pemda", "opd")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    parser.add_argument("--out", type=Path, default=None, help="keep the scans and warehouses here")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="kinerja-scan-"))
    results = [measure(dpi, work) for dpi in args.dpi]
    for r in results:
        print(json.dumps(r, ensure_ascii=False, default=str))
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "scan.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
