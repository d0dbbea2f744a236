"""Measure extraction on the real documents: the share of hand-made golden rows read exactly.

    python bench/eval_real.py [--show STEM] [--real DIR] [--golden DIR]

Every golden file tests/golden/real/<stem>.anggaran.csv / <stem>.indikator.csv (transcribed by
hand from the page images, never from kinerja) is compared with what kinerja reads from
../shared/real/<stem>.*, the way a run reads it (flows.documents.read_document, then
fct_anggaran_per_dokumen / fct_indikator_per_dokumen). Prints, per document and kind, golden rows, rows extracted
exactly and their share, the fields that fail most, and the reading speed in pages/s over
every PDF of the folder; writes bench/results/eval.json. `--show STEM` lists the misses of one
document instead (and writes nothing).

Exact, budget line (fct_anggaran_per_dokumen): an extracted row on the golden row's page (its source_page
or one of its source_pages; a spreadsheet's sheet row number) with nama_printed equal to the
golden name (both NFC-normalised, whitespace runs folded to one space, case kept), the same
level, and pagu_idr and realisasi_idr equal to the golden as Decimals, where an empty golden
value requires an empty extracted one (a figure the golden has none for is invented or
misplaced).
Exact, indicator row (fct_indikator_per_dokumen): on the golden row's page, the same tahun, indikator text
equal as above, and target, realisasi and capaian_pct_reported equal as Decimals, empty for
empty.
Both kinds: a golden row of one quarter (`periode` tw1 .. tw4) needs an extracted row of that
`triwulan`; any other golden row (the year's, or to a month) one whose triwulan is empty.

Golden and extracted rows are paired one to one: a maximum matching over the exact pairs, so
one extracted row never counts for two golden rows (the tw1 and tw2 rows of one line share
page and name). A rejected document counts 0. Each golden row left over is then paired, one to
one again, with its nearest unmatched extracted row (same page; same or similar text, equal
figures) to name the fields that fail.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
GOLDEN = ROOT / "tests" / "golden" / "real"
RESULTS = ROOT / "bench" / "results"

DOCUMENT_SUFFIXES = (".pdf", ".xlsx", ".xls", ".ods", ".csv")


@dataclass(frozen=True)
class Kind:
    """What a golden row of one kind is compared on, and where kinerja puts such rows."""

    name: str
    table: str
    text: str  # the name that must come out intact
    text_label: str  # how the reasons call it
    numbers: tuple[str, ...]  # compared as Decimals, empty for empty
    same: str  # compared as is: level (budget) or tahun (indicator)


KINDS = {
    "anggaran": Kind("anggaran", "fct_anggaran_per_dokumen", "nama_printed", "name", ("pagu_idr", "realisasi_idr"), "level"),
    "indikator": Kind(
        "indikator", "fct_indikator_per_dokumen", "indikator", "indikator",
        ("target", "realisasi", "capaian_pct_reported"), "tahun",
    ),
}
# Short field names in the reasons: "pagu missing", not "pagu_idr missing".
LABELS = {"pagu_idr": "pagu", "realisasi_idr": "realisasi", "capaian_pct_reported": "capaian"}
REQUIRED = {
    "anggaran": ("source_page", "level", "nama_printed", "pagu_idr", "realisasi_idr"),
    "indikator": ("source_page", "indikator", "tahun", "target", "realisasi", "capaian_pct_reported"),
}


def norm_text(text: str | None) -> str:
    """Fold a name for comparison: NFC, whitespace runs to one space, ends stripped, case kept."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def dec(text: str | None) -> Decimal | None:
    """Parse a golden number cell ("1458000000.00"); empty is None."""
    return Decimal(text) if text else None


def read_golden(path: Path) -> list[dict]:
    """Read one golden CSV (UTF-8, header row)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def golden_files(folder: Path = GOLDEN) -> dict[str, dict[str, Path]]:
    """Map each document stem to its golden files by kind: {stem: {"anggaran": path, ...}}."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.glob("*.csv")):
        stem, _, kind = path.name.removesuffix(".csv").rpartition(".")
        if kind in KINDS and stem:
            found.setdefault(stem, {})[kind] = path
    return found


def document_path(stem: str, real: Path = REAL) -> Path | None:
    """Return the document a golden stem names (<stem>.pdf, .xlsx, ...), None if absent."""
    for suffix in DOCUMENT_SUFFIXES:
        path = real / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def pages_of(row: dict) -> set[int]:
    """Return where an extracted row is printed: its pages, or a spreadsheet's sheet row number."""
    if row.get("source_sheet") or row.get("source_page") is None:
        return {row["source_row"]} if row.get("source_row") is not None else set()
    pages = {row["source_page"]}
    pages.update(int(p) for p in (row.get("source_pages") or "").split(",") if p.strip())
    return pages


def golden_value(kind: Kind, name: str, golden: dict):
    """Return a golden row's value of field `name`, typed as kinerja types it."""
    text = golden.get(name, "")
    if name in kind.numbers:
        return dec(text)
    if name == "tahun":
        return int(text) if text else None
    return text or None


def golden_quarter(golden: dict) -> int | None:
    """Return the quarter a golden row's `periode` names (tw1 .. tw4), None for the year's
    figures (empty, a month such as `agustus`, `T`)."""
    m = re.fullmatch(r"tw([1-4])", (golden.get("periode") or "").strip().lower())
    return int(m.group(1)) if m else None


def text_reason(label: str, golden: str, extracted: str) -> str | None:
    """Say how an extracted name differs from the golden one, None if it is intact."""
    if golden == extracted:
        return None
    if not extracted:
        return f"{label} missing"
    if golden.startswith(extracted):
        return f"{label} cut"
    if extracted.startswith(golden):
        return f"{label} runs on"
    return f"{label} differs"


def differences(kind: Kind, golden: dict, row: dict) -> list[str]:
    """Return why `row` is not an exact reading of `golden` (empty: it is exact)."""
    reasons = []
    if int(golden["source_page"]) not in pages_of(row):
        reasons.append("page differs")
    reason = text_reason(kind.text_label, norm_text(golden.get(kind.text)), norm_text(row.get(kind.text)))
    if reason:
        reasons.append(reason)
    if golden_value(kind, kind.same, golden) != row.get(kind.same):
        reasons.append(f"{kind.same} wrong")
    if golden_quarter(golden) != row.get("triwulan"):
        reasons.append("triwulan wrong")
    for name in kind.numbers:
        want, got = golden_value(kind, name, golden), row.get(name)
        if want == got:
            continue
        label = LABELS.get(name, name)
        if got is None:
            reasons.append(f"{label} missing")
        elif want is None:
            reasons.append(f"{label} where golden has none")
        else:
            reasons.append(f"{label} wrong")
    return reasons


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """Pair left nodes with right nodes one to one, as many as possible (Kuhn's augmenting paths).

    candidates[g] lists the right nodes left node g may take. Returns {right: left}.
    """
    owner: dict[int, int] = {}

    def take(g: int, seen: set[int]) -> bool:
        for e in candidates[g]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or take(owner[e], seen):
                owner[e] = g
                return True
        return False

    for g in range(len(candidates)):
        if candidates[g]:
            take(g, set())
    return owner


@dataclass
class Miss:
    """A golden row not read exactly: the nearest extracted row, if any, and what differs."""

    golden: dict
    nearest: dict | None
    reasons: list[str]


@dataclass
class Evaluation:
    """One document and kind: golden rows, the exact pairs (golden index, extracted index), misses."""

    kind: str
    golden: int
    matches: list[tuple[int, int]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def exact(self) -> int:
        return len(self.matches)

    @property
    def share(self) -> float:
        return self.exact / self.golden if self.golden else 0.0

    def reasons(self) -> Counter:
        return Counter(r for m in self.misses for r in m.reasons)


def _closeness(kind: Kind, golden: dict, row: dict) -> int:
    """Score how likely `row` is the extracted form of `golden` (0: not a candidate)."""
    want, got = norm_text(golden.get(kind.text)), norm_text(row.get(kind.text))
    score = 0
    if want and got:
        if want == got:
            score = 8
        elif want.startswith(got) or got.startswith(want):
            score = 4
        else:
            matcher = SequenceMatcher(None, want, got, autojunk=False)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                score = 3
    wanted = [(golden_value(kind, n, golden), row.get(n)) for n in kind.numbers]
    figures = sum(3 for want_n, got_n in wanted if want_n is not None and want_n == got_n)
    if not score and not figures:
        return 0
    return score + figures + (golden_value(kind, kind.same, golden) == row.get(kind.same))


def evaluate(kind_name: str, golden: list[dict], extracted: list[dict], rejected: str | None = None) -> Evaluation:
    """Count the golden rows read exactly, one extracted row per golden row at most."""
    kind = KINDS[kind_name]
    result = Evaluation(kind_name, len(golden))
    if rejected is not None:
        result.misses = [Miss(g, None, ["document rejected"]) for g in golden]
        return result
    by_key: dict[tuple[int, str], list[int]] = {}
    by_page: dict[int, list[int]] = {}
    by_text: dict[str, list[int]] = {}
    for i, row in enumerate(extracted):
        text = norm_text(row.get(kind.text))
        by_text.setdefault(text, []).append(i)
        for page in pages_of(row):
            by_key.setdefault((page, text), []).append(i)
            by_page.setdefault(page, []).append(i)
    candidates = [
        [i for i in by_key.get((int(g["source_page"]), norm_text(g.get(kind.text))), [])
         if not differences(kind, g, extracted[i])]
        for g in golden
    ]
    owner = _max_matching(candidates)
    result.matches = sorted((g, e) for e, g in owner.items())
    matched = {g for g, _ in result.matches}
    pairs = []
    for g, row in enumerate(golden):
        if g in matched:
            continue
        scored = [(score, i) for i in by_page.get(int(row["source_page"]), [])
                  if i not in owner and (score := _closeness(kind, row, extracted[i]))]
        elsewhere = not scored
        text = norm_text(row.get(kind.text))
        if elsewhere and text:  # the same text on another page: the row landed on the wrong page
            scored = [(_closeness(kind, row, extracted[i]), i) for i in by_text.get(text, []) if i not in owner]
        pairs += [(elsewhere, -score, g, i) for score, i in scored]
    nearest: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, g, i in sorted(pairs):  # rows on their own page first, then the closest
        if g not in nearest and i not in taken:
            nearest[g] = i
            taken.add(i)
    for g, row in enumerate(golden):
        if g in matched:
            continue
        if g in nearest:
            near_row = extracted[nearest[g]]
            result.misses.append(Miss(row, near_row, differences(kind, row, near_row)))
        else:
            result.misses.append(Miss(row, None, ["not extracted"]))
    return result


@dataclass
class DocumentRead:
    """One file of the folder as a run reads it: its rows or its rejection, and the time taken."""

    path: Path
    seconds: float
    cpu_seconds: float
    pages: int | None
    rows: dict[str, list[dict]]
    error: str | None


def page_count(path: Path) -> int | None:
    """Count a PDF's pages with pdfium (None for spreadsheets)."""
    if path.suffix.lower() != ".pdf":
        return None
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def read(path: Path) -> DocumentRead:
    """Read one document with kinerja's own reader, timed."""
    from flows.documents import read_document

    start, start_cpu = time.perf_counter(), time.process_time()
    result = read_document(path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    rows = {k.table: result.document.rows.get(k.table, []) for k in KINDS.values()} if result.ok else {}
    return DocumentRead(path, seconds, cpu, page_count(path), rows, result.error)


def evaluate_document(read_doc: DocumentRead | None, files: dict[str, Path]) -> dict[str, Evaluation]:
    """Evaluate every golden file of one document (a missing document counts as rejected)."""
    out = {}
    for kind_name, path in sorted(files.items()):
        golden = read_golden(path)
        if read_doc is None:
            out[kind_name] = evaluate(kind_name, golden, [], rejected="document missing")
        else:
            out[kind_name] = evaluate(kind_name, golden, read_doc.rows.get(KINDS[kind_name].table, []), read_doc.error)
    return out


def speed(reads: list[DocumentRead]) -> dict:
    """Pages per second of reading every PDF (wall time of read_document, rejected files included).

    CPU seconds beside wall seconds: on a shared machine the wall clock also counts other
    people's work.
    """
    pdfs = [r for r in reads if r.pages is not None]
    seconds, cpu = sum(r.seconds for r in pdfs), sum(r.cpu_seconds for r in pdfs)
    pages = sum(r.pages for r in pdfs)
    return {"documents": len(pdfs), "pages": pages, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "pages_per_s": round(pages / seconds, 1) if seconds else None,
            "pages_per_cpu_s": round(pages / cpu, 1) if cpu else None}


def pct(share: float) -> str:
    return f"{100 * share:.1f} %"


def summary(reason_counts: Counter) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in reason_counts.most_common()) or "none"


def table(results: dict[str, dict[str, Evaluation]], status: dict[str, str]) -> list[str]:
    """Render the per-document table (Markdown, as docs/extraction.md keeps it)."""
    lines = ["| document | kind | golden | exact | share | read as | most frequent misses |",
             "| --- | --- | ---: | ---: | ---: | --- | --- |"]
    for stem, kinds in results.items():
        for kind_name, ev in kinds.items():
            top = summary(Counter(dict(ev.reasons().most_common(3)))) if ev.misses else ""
            lines.append(f"| {stem} | {kind_name} | {ev.golden} | {ev.exact} | {pct(ev.share)} | {status[stem]} | {top} |")
    for kind_name in KINDS:
        evs = [kinds[kind_name] for kinds in results.values() if kind_name in kinds]
        golden, exact = sum(e.golden for e in evs), sum(e.exact for e in evs)
        lines.append(f"| **total** | {kind_name} | {golden} | {exact} | {pct(exact / golden if golden else 0)} "
                     f"| {len(evs)} documents | see below |")
    return lines


def show(stem: str, ev: dict[str, Evaluation], read_doc: DocumentRead | None) -> None:
    """Print every miss of one document: the golden row, what differs, the nearest extracted row."""
    print(f"{stem}: {'missing' if read_doc is None else read_doc.error or 'read'}")
    for kind_name, e in ev.items():
        kind = KINDS[kind_name]
        print(f"\n{kind_name}: {e.exact} of {e.golden} exact; misses: {summary(e.reasons())}")
        for miss in e.misses:
            g = miss.golden
            want = ", ".join(f"{LABELS.get(n, n)}={g.get(n) or '-'}" for n in (kind.same, *kind.numbers))
            print(f"  p{g['source_page']} {norm_text(g.get(kind.text))!r} [{want}]: {'; '.join(miss.reasons)}")
            if miss.nearest is not None:
                r = miss.nearest
                got = ", ".join(f"{LABELS.get(n, n)}={r.get(n) if r.get(n) is not None else '-'}" for n in (kind.same, *kind.numbers))
                print(f"      nearest p{sorted(pages_of(r))} {norm_text(r.get(kind.text))!r} [{got}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", type=Path, default=REAL, help="folder of the real documents (default ../shared/real)")
    parser.add_argument("--golden", type=Path, default=GOLDEN, help="folder of the golden files")
    parser.add_argument("--show", metavar="STEM", help="list the misses of one document and write nothing")
    args = parser.parse_args(argv)
    # scanned pages are OCR'd once per machine, as a run does beside its warehouse (extract.ocr)
    os.environ.setdefault("KINERJA_OCR_CACHE", str(ROOT / "data" / "ocr-cache"))
    sys.path.insert(0, str(ROOT))
    goldens = golden_files(args.golden)
    if args.show:
        if args.show not in goldens:
            parser.error(f"no golden file for {args.show} in {args.golden}")
        path = document_path(args.show, args.real)
        read_doc = read(path) if path else None
        show(args.show, evaluate_document(read_doc, goldens[args.show]), read_doc)
        return 0
    if not args.real.is_dir():
        parser.error(f"{args.real}: no such folder")
    reads = {p.stem: read(p) for p in sorted(args.real.iterdir()) if p.suffix.lower() in DOCUMENT_SUFFIXES}
    results, status = {}, {}
    for stem, files in goldens.items():
        read_doc = reads.get(stem)
        results[stem] = evaluate_document(read_doc, files)
        status[stem] = "missing" if read_doc is None else ("rejected" if read_doc.error else "read")
    pages = speed(list(reads.values()))
    for line in table(results, status):
        print(line)
    totals = {}
    for kind_name in KINDS:
        evs = [kinds[kind_name] for kinds in results.values() if kind_name in kinds]
        reasons = sum((e.reasons() for e in evs), Counter())
        golden, exact = sum(e.golden for e in evs), sum(e.exact for e in evs)
        totals[kind_name] = {"golden": golden, "exact": exact, "share": round(exact / golden, 4) if golden else None,
                             "misses_by_reason": dict(reasons.most_common())}
        print(f"\n{kind_name} misses by reason (a miss may have several): {summary(reasons)}")
    print(f"\nreading {args.real}: {pages['pages']} pages of {pages['documents']} PDFs in {pages['seconds']} s, "
          f"{pages['pages_per_s']} pages/s ({pages['cpu_seconds']} CPU s, {pages['pages_per_cpu_s']} pages per CPU s)")
    from extract import EXTRACTOR_VERSION

    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "extractor_version": EXTRACTOR_VERSION,
        "totals": totals,
        "documents": {
            stem: {
                "document": reads[stem].path.name if stem in reads else None,
                "status": status[stem],
                "error": reads[stem].error if stem in reads else "document missing",
                "kinds": {k: {"golden": e.golden, "exact": e.exact, "share": round(e.share, 4),
                              "misses_by_reason": dict(e.reasons().most_common())} for k, e in kinds.items()},
            }
            for stem, kinds in results.items()
        },
        "reading": {**pages, "per_document": {s: {"pages": r.pages, "seconds": round(r.seconds, 2), "cpu_seconds": round(r.cpu_seconds, 2),
                                                  "rejected": r.error is not None}
                                              for s, r in reads.items()}},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS / "eval.json.tmp"
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, RESULTS / "eval.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
