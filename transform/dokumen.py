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


# Joining words Indonesian names keep in lower case ("Dinas Tenaga Kerja dan Perindustrian"):
# short as they are, they are not acronyms like BPBD or PUPR, which stay in capitals.
_JOINING_WORDS = {"DAN", "DI", "KE", "DARI", "YANG", "SERTA", "UNTUK", "PADA", "ATAU"}


def _title(text: str) -> str:
    """Name case for a pemda or OPD printed in capitals on the cover."""
    words = " ".join(text.split()).split(" ")
    out = []
    for i, w in enumerate(words):
        if i and w.upper() in _JOINING_WORDS:
            out.append(w.lower())
        elif w.isupper() and len(w) <= 4 and w not in {"DINAS", "KOTA", "BADAN"}:
            out.append(w)
        else:
            out.append(w.capitalize())
    return " ".join(out)


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
