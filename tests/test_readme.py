"""The README's example queries answer what the report prints, each line once, on a warehouse
holding the sample twice (PDF and export, as `make run` loads it) and a second year."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import ROOT, answer, assert_each_key_once, read_golden
from tests.test_marts import lines_2024, serapan

QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
# The columns of each answer that name one line or indicator value (the README's queries show
# the agency by its opd name; a warehouse of several pemda would add pemda).
KEYS = [("opd", "tahun", "kode"), ("opd", "tahun", "kode"), ("opd", "indikator", "tahun")]


def test_readme_has_three_example_queries():
    assert len(QUERIES) == 3 == len(KEYS)


@pytest.mark.parametrize("sql,key", list(zip(QUERIES, KEYS)), ids=["least_spent", "printed_serapan", "indicator_years"])
def test_readme_query_answers_each_line_once(two_years_twice, sql, key):
    wh, _ = two_years_twice
    assert_each_key_once(answer(wh, sql), key)


def test_least_spent_sub_kegiatan_are_the_reports(two_years_twice):
    """pp. 25-28: the five sub-kegiatan with the lowest realisasi / pagu, each once."""
    wh, _ = two_years_twice
    got = [(r["tahun"], r["kode"], r["pagu_idr"], r["realisasi_idr"], r["serapan_pct"]) for r in answer(wh, QUERIES[0])]
    want = sorted(((2024, k, p, r, serapan(p, r)) for k, p, r in lines_2024("sub_kegiatan")), key=lambda w: (w[4], w[1]))[:5]
    assert got == want
    assert [k for _, k, *_ in got] == [
        "2.07.01.2.01.0002", "2.07.05.2.02.0002", "3.32.03.2.01.0001", "2.07.04.2.01.0002", "2.07.05.2.02.0003"
    ]


def test_absorption_query_finds_the_printed_contradictions(two_years_twice):
    """The serapan the report prints against realisasi / pagu (golden, pp. 25-28): where they
    differ by more than 0,01 point, with the page to cite, once each though the export prints
    them too. The generated 2023 report prints every serapan right."""
    wh, _ = two_years_twice
    got = [(r["tahun"], r["kode"], r["serapan_pct_reported"], r["serapan_pct"], r["source_page"]) for r in answer(wh, QUERIES[1])]
    want = []
    for g in read_golden("klungkung_2024_anggaran.csv"):
        if g["serapan_pct_reported"] and Decimal(g["pagu_idr"]):
            exact = serapan(g["pagu_idr"], g["realisasi_idr"])
            if abs(Decimal(g["serapan_pct_reported"]) - exact) > Decimal("0.01"):
                want.append((2024, g["kode"], Decimal(g["serapan_pct_reported"]), exact, int(g["source_page"])))
    assert sorted(got) == sorted(want)
    # p. 25: the salary line prints 93,85 % for 3.744.298.911 of 3.787.355.027 (98,86 %)
    assert (2024, "2.07.01.2.02.0001", Decimal("93.85"), Decimal("98.86"), 25) in got


def test_sasaran_indicators_over_the_years(two_years_twice):
    """Tabel 3.1-3.7 (pp. 19-21) and the IKU's targets to 2026 (Tabel 2.2, p. 18)."""
    wh, _ = two_years_twice
    got = {(r["indikator"], r["tahun"]): (r["target"], r["realisasi"], r["capaian_pct_reported"]) for r in answer(wh, QUERIES[2])}
    tpak, sengketa = "Tingkat partisipasi Angkatan Kerja ( TPAK )", "Jumlah perselisihan hubungan industrial"
    D = Decimal
    assert got[(tpak, 2024)] == (D("79"), D("79.88"), D("187.90"))  # Tabel 3.1, p. 19
    assert got[(tpak, 2022)] == (D("77.75"), D("79.81"), D("102.64"))  # Tabel 3.2, p. 20
    assert got[(sengketa, 2024)] == (D("2"), D("0"), D("100"))  # Tabel 3.5, p. 21
    assert got[(sengketa, 2026)] == (D("1"), None, None)  # the IKU's end target
    assert sorted({t for _, t in got}) == [2021, 2022, 2023, 2024, 2025, 2026]
