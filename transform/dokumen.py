"""Read what a document says about itself: pemda, OPD and report year.

The patterns live in `data/dokumen_patterns.csv`, each citing where it was seen; the first
pattern that matches in the first pages wins.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

FRONT_PAGES = 4


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    src = resources.files("transform").joinpath("data/dokumen_patterns.csv")
    with src.open(encoding="utf-8") as fh:
        return [
            (row["field"], re.compile(row["pattern"], re.IGNORECASE | re.MULTILINE))
            for row in csv.DictReader(fh)
        ]


@lru_cache(maxsize=1)
def _markers() -> list[str]:
    src = resources.files("transform").joinpath("data/report_markers.csv")
    with src.open(encoding="utf-8") as fh:
        return [row["marker"].upper() for row in csv.DictReader(fh)]


def _title(text: str) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(w if w.isupper() and len(w) <= 4 and w not in {"DINAS", "KOTA", "BADAN"} else w.capitalize() for w in words)


def read_metadata(page_texts: list[str], extra_texts: list[str] = ()) -> dict[str, str]:
    """Return pemda, opd and tahun (as text) found on the front pages or table titles."""
    front = "\n".join(page_texts[:FRONT_PAGES])
    found: dict[str, str] = {}
    for field, pattern in _patterns():
        if field in found:
            continue
        for text in (front, *extra_texts):
            m = pattern.search(text)
            if m:
                found[field] = m.group(1).strip()
                break
    if "pemda" in found:
        found["pemda"] = _title(found["pemda"])
    if "opd" in found:
        found["opd"] = _title(found["opd"])
    return found


def looks_like_report(page_texts: list[str]) -> bool:
    """Tell whether the front pages name a performance report (LKjIP, LAKIP, CIK)."""
    front = " ".join(" ".join(page_texts[:FRONT_PAGES]).upper().split())
    return any(m in front for m in _markers())
