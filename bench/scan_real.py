"""Measure OCR on scans of the real documents: their golden pages scanned, the rest typed.

    python bench/scan_real.py [--dpi 200] [--out DIR] [--only STEM ...]

bench/scan_sample.py measures OCR on one table kind, the sample's. The real documents of
../shared/real hold many more: portrait and landscape, hairline and shaded rules, SIPD
printouts, PKs, e-monev reports. Each of their PDFs with a text layer is written again with
its golden pages (the pages its hand-made golden rows come from, tests/golden/real) replaced
by a scan made as tests/generator/scan.py makes one (grey, skewed 0.7 degrees either way, JPEG
noise, landscape pages stored sideways), the other pages kept as typed. The scan is read with
kinerja's own reader (flows.documents.read_document) and compared with the same golden rows,
by the rules of bench/eval_real.py, beside what the typed document gives. Writes
bench/results/scan_real.json. OCR is cached under the work folder, so a second run with the
same --out reads only what changed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_real import REAL, RESULTS, document_path, evaluate_document, golden_files, pages_of, read, read_golden  # noqa: E402
from tests.generator.scan import make_partial_scan  # noqa: E402


def has_text(path: Path) -> bool:
    """Tell whether a PDF is typed (a scan already, like the Distan PK, is measured by make eval)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[0]
        text = page.get_textpage()
        try:
            return len(text.get_text_range().strip()) > 20
        finally:
            text.close()
            page.close()
    finally:
        doc.close()


def golden_pages(files: dict[str, Path]) -> list[int]:
    pages: set[int] = set()
    for path in files.values():
        for row in read_golden(path):
            pages |= {int(p) for p in pages_of(row)}
    return sorted(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--out", type=Path, default=None, help="keep the scans and the OCR cache here")
    parser.add_argument("--only", nargs="*", default=None, help="these document stems only")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="kinerja-scan-real-"))
    os.environ["KINERJA_OCR_CACHE"] = str(work / "ocr-cache")
    results, totals = {}, {}
    for stem, files in sorted(golden_files().items()):
        source = document_path(stem, REAL)
        if source is None or source.suffix.lower() != ".pdf" or not has_text(source):
            continue
        if args.only and stem not in args.only:
            continue
        pages = golden_pages(files)
        scan = make_partial_scan(source, work / f"scan-{args.dpi}" / source.name, args.dpi, pages)
        typed, scanned = evaluate_document(read(source), files), None
        started = time.perf_counter()
        scanned_read = read(scan)
        seconds = time.perf_counter() - started
        scanned = evaluate_document(scanned_read, files)
        results[stem] = {"pages_scanned": len(pages), "seconds": round(seconds, 1), "error": scanned_read.error,
                         "kinds": {}}
        for kind, ev in scanned.items():
            row = {"golden": ev.golden, "exact_typed": typed[kind].exact, "exact_scan": ev.exact,
                   "misses_by_reason": dict(ev.reasons().most_common())}
            results[stem]["kinds"][kind] = row
            t = totals.setdefault(kind, {"golden": 0, "exact_typed": 0, "exact_scan": 0})
            for key in t:
                t[key] += row[key]
            print(f"{stem:48} {kind:9} {ev.golden:4} typed {typed[kind].exact:4} scan {ev.exact:4}  "
                  f"{len(pages)} pages {seconds:.0f} s  {dict(ev.reasons().most_common(3))}", flush=True)
    for kind, t in totals.items():
        t["share_scan"] = round(t["exact_scan"] / t["golden"], 4) if t["golden"] else None
        t["share_of_typed"] = round(t["exact_scan"] / t["exact_typed"], 4) if t["exact_typed"] else None
        print(f"total {kind}: golden {t['golden']}, typed {t['exact_typed']}, scan {t['exact_scan']} "
              f"({t['share_scan']:.1%} of golden, {t['share_of_typed']:.1%} of typed)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scan_real.json").write_text(json.dumps(
        {"dpi": args.dpi, "totals": totals, "documents": results}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
