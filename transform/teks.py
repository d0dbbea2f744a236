"""Figures a report states in its running text: totals, counts, absorption, staff numbers.

The executive summary and the conclusion restate the tables in words ("5 ( lima ) program
dengan 12 ( duabelas) kegiatan dan 16 ( enam belas) Sub Kegiatan dengan anggaran sebesar
Rp. 6.214.545.759,00", Klungkung 2024 p.3) and often disagree with them. The phrasings live
in `data/angka_teks.csv`: each named group of a pattern is a figure of that name; a pattern
whose claim is a word ("Program semua efisien") gives its fixed value. The groups `lingkup`
(what part of the report or which indicator) and `tahun` are context, not figures.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from transform.numbers import parse_number

CONTEXT = 60
CONTEXT_GROUPS = {"lingkup", "tahun"}  # say what a figure is about, are not figures themselves
TEXT_LABELS = {"nama_program"}  # names stated in the text: kept as printed, no figure


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, str, re.Pattern]]:
    src = resources.files("transform").joinpath("data/angka_teks.csv")
    with src.open(encoding="utf-8") as fh:
        return [
            (row["label"], row["nilai_tetap"], re.compile(row["pola"], re.IGNORECASE))
            for row in csv.DictReader(fh)
        ]


def _flat(text: str) -> str:
    return " ".join(text.replace("\ufffe", "").split())


def read_text_figures(page_texts: list[str], ctx: dict, locale: str) -> list[dict]:
    """Return one record per figure stated in the text, with the page, its order in the
    text (`urutan`: a .docx has no pages to tell which of two mentions comes first) and a
    quotation."""
    out = []
    places = []
    for page, raw in enumerate(page_texts, start=1):
        text = _flat(raw)
        for label, fixed, pattern in _patterns():
            for m in pattern.finditer(text):
                quote = text[max(0, m.start() - CONTEXT) : m.end() + 10].strip()
                figures = [(label, fixed)] if label else [
                    (name, value) for name, value in m.groupdict().items() if name not in CONTEXT_GROUPS and value
                ]
                tahun = int(m.group("tahun")) if "tahun" in m.groupdict() and m.group("tahun") else ctx["tahun"]
                for name, printed in figures:
                    parsed = parse_number(printed, locale) if name not in TEXT_LABELS else parse_number("")
                    out.append(
                        {
                            "tahun": tahun,
                            "label": name,
                            "lingkup": m.groupdict().get("lingkup"),
                            "nilai": parsed.value,
                            "nilai_printed": printed,
                            "kutipan": quote,
                            "source_document_id": ctx["source_document_id"],
                            "source_page": page if ctx.get("paged", True) else None,
                        }
                    )
                    places.append((page, m.start()))
    for urutan, i in enumerate(sorted(range(len(out)), key=places.__getitem__), start=1):
        out[i]["urutan"] = urutan
    return out
