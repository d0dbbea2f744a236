"""Efficiency analysis tables (Tabel 3.8 kind) into typed rows tied to budget lines.

The table names programs, kegiatan and sub-kegiatan but prints no codes (Klungkung 2024
pp.22-23). Its rows follow the budget table's order, so each row is tied to the next budget
line of the same report whose name matches; a budget line printed without a name (p.25,
2.07.01.2.01.02) takes the efficiency row standing in its place.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from extract.headers import normalise
from extract.model import Table
from transform.anggaran import cell_number, cell_value, issues_of
from transform.records import provenance

FIGURES = (
    "realisasi_output", "capaian_input", "indeks_efisiensi", "rencana_output",
    "rencana_input", "standar_efisiensi", "tingkat_efisiensi",
)
LOOKAHEAD = 4
SIMILAR = 0.85


def _similar(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or SequenceMatcher(None, a, b).ratio() >= SIMILAR)


def _match(names: list[str], lines: list[dict]) -> list[int | None]:
    """Tie each efficiency row name to a budget line index, keeping document order."""
    out: list[int | None] = []
    j = 0
    for name in names:
        found = None
        for k in range(j, min(j + LOOKAHEAD, len(lines))):
            line_key = normalise(lines[k]["nama_printed"] or "")
            if _similar(normalise(name), line_key):
                found = k
                break
        if found is None and j < len(lines) and not lines[j]["nama_printed"] and name:
            found = j
        out.append(found)
        if found is not None:
            j = found + 1
    return out


def transform_efisiensi(table: Table, ctx: dict, locale: str, lines: list[dict]) -> list[dict]:
    """Return one record per row of an efficiency table, with the budget line it belongs to."""
    rows = [r for r in table.rows if r.joined().strip()]
    names = [cell_value(table, r, "nama") for r in rows]
    budget = [ln for ln in lines if ln["level"] not in (None, "urusan", "bidang")]
    matched = _match(names, budget)
    out = []
    for row, name, k in zip(rows, names, matched):
        parsed = {f: cell_number(table, row, f, locale) for f in FIGURES}
        if not any(p.printed for p in parsed.values()):
            continue
        line = budget[k] if k is not None else None
        record = {
            "tahun": ctx["tahun"],
            "pemda": ctx["pemda"],
            "opd": ctx["opd"],
            "kode": line["kode"] if line else None,
            "level": line["level"] if line else None,
            "nomor_printed": cell_value(table, row, "nomor") or None,
            "nama_printed": name or None,
            "hasil_analisis": cell_value(table, row, "hasil_analisis") or None,
            "parse_issue": issues_of(**parsed),
            **provenance(ctx, table, row),
        }
        for f, p in parsed.items():
            record[f] = p.value
            record[f + "_printed"] = p.printed
        out.append(record)
    return out
