"""Indicator rows of other agencies' documents (../shared/real), read by column roles (issue 14).

The expectation is the hand-made golden file (tests/golden/real/<stem>.indikator.csv, transcribed
from the page images); a row is read exactly when bench/eval_real.py says so (same page,
indicator text intact, same year, target, realisasi and capaian equal as Decimals, empty for
empty). Each case names the tables and pages that come out whole today; the rows of other
tables of the same documents are not read yet and are not asserted here (`make eval` measures
them).
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from bench import eval_real
from extract.roles import table_kind
from flows.documents import read_document
from transform.hierarchy import split_stacked

# (document stem, golden `tabel`, PDF pages): every golden indicator row of that table on those
# pages comes out exactly.
WHOLE = [
    # Tabel 6: "Capaian Tahun 2015 (%)" / "Capaian Tahun2016 (%)" each over "Target | Realisasi",
    # a "% Capaian Kinerja" column without a year (the report year's), a header of six grid
    # rows closed by "(1) ... (6)", values ruled apart from their centred headers; continued
    # on p.20. Decimal commas in one column, decimal points in the others.
    ("jabar-rsudalihsan-2016-lkip", "6", [19, 20]),
    # Tabel 7: "Indikator Kinerja | Target (%) | Realisasi (% ) | Katagori", no capaian.
    ("jabar-rsudalihsan-2016-lkip", "7", [20]),
    # Tabel 3 (IKU targets): seven indicators listed in one cell, each opened by "- ", with
    # their satuan and targets stacked line by line beside them; continued on p.20.
    ("jabar-distan-2016-lkip", "3", [19, 20]),
    # Tabel 3.1.3a / 3.1.3b, read by their header spellings: values left-aligned in grid
    # columns the ruling parts from the centred "Target | Realisasi | % Capaian", an indicator
    # wrapped onto a row whose value cells are the merged cells above, units in the values
    # ("73 poin", "9 buah").
    ("jabar-bp3akb-2016-lkip", "3.1.3a", [55]),
    ("jabar-bp3akb-2016-lkip", "3.1.3b", [56]),
    # Tabel 7: "TAHUN 2016" over "TARGET | REALISASI", then "CAPAIAN (%)"; indicators
    # numbered "1.", "2." inside their cells.
    ("jabar-biroorganisasi-2016-lkip", "7", [16]),
    # Tabel 2.4 Perjanjian Kinerja: sasaran, indicator and a target only ("80%").
    ("jabar-bp3iptek-2016-lkip", "2.4", [35]),
    # Tabel 2.1 (PK) continued on p.23 without its caption: "SASARAN STRATEGIS | INDIKATOR
    # SASARAN | TARGET" in capitals, the header apart from its body columns.
    ("jabar-bappeda-2016-lkip", "2.1", [23]),
    # Tabel 3.2 continued on p.27: "Tahun (2016)" over "Satuan | Target | Realisasi", then
    # "Capaian %" with no year.
    ("jabar-bappeda-2016-lkip", "3.2", [27]),
    # e-monev triwulan report: the K (kinerja) value of each quarter, no target column.
    ("tangsel-dikbud-2023-realisasi-kinerja-triwulan", "", [1, 2]),
]


@lru_cache(maxsize=None)
def evaluation(stem: str) -> tuple[list[dict], eval_real.Evaluation]:
    """Read one real document as a run reads it and compare it with its golden indicator rows."""
    files = eval_real.golden_files()[stem]
    golden = eval_real.read_golden(files["indikator"])
    result = read_document(eval_real.document_path(stem))
    assert result.ok, result.error
    return golden, eval_real.evaluate("indikator", golden, result.document.rows["fct_indikator_per_dokumen"])


@pytest.mark.parametrize("stem, tabel, pages", WHOLE, ids=lambda v: str(v) if isinstance(v, str) else None)
def test_every_golden_indicator_row_of_the_table_comes_out_exactly(stem, tabel, pages):
    golden, ev = evaluation(stem)
    wanted = {i for i, g in enumerate(golden) if g["tabel"] == tabel and int(g["source_page"]) in set(pages)}
    assert wanted, "the case names no golden row"
    exact = {g for g, _ in ev.matches}
    missed = [(golden[i]["source_page"], golden[i]["indikator"], golden[i]["tahun"], m.reasons)
              for m in ev.misses for i in [golden.index(m.golden)] if i in wanted]
    assert wanted <= exact, missed


@pytest.mark.parametrize(
    "roles, years, kind",
    [
        (["nomor", "indikator", "satuan", "target", "realisasi_indikator", "capaian_pct"], None, "sasaran_tahunan"),
        (["indikator", "target", "realisasi_indikator", "target", "realisasi_indikator", "capaian_pct"],
         [None, 2015, 2015, 2016, 2016, None], "sasaran_multitahun"),
        (["sasaran", "indikator", "target"], None, "perjanjian_kinerja"),
        # the realisation alone (its targets in another table)
        (["sasaran", "indikator", "satuan", "realisasi_indikator", "capaian_pct"], None, "sasaran_tahunan"),
        # indicators beside money are a budget table's own (realisation per kegiatan)
        (["nama", "indikator", "target", "realisasi_indikator", "pagu", "realisasi"], None, "anggaran"),
        # an indicator with neither target nor value makes no measurement
        (["nomor", "indikator", "satuan"], None, None),
    ],
)
def test_indicator_roles_make_the_kind(roles, years, kind):
    assert table_kind(roles, years) == kind


@pytest.mark.parametrize(
    "cell, count, items",
    [
        ("- Jumlah produksi padi\n- Jumlah Produksi\nJagung", 2, ["Jumlah produksi padi", "Jumlah Produksi Jagung"]),
        # Symbol-font bullets reach the text layer as private-use characters (Distan 2016 p.22)
        ("\uf0d8 Padi\n\uf0d8Palawija\n\uf0d8 Sayuran", 3, ["Padi", "Palawija", "Sayuran"]),
        # a wrapped name is one item, not two
        ("Jumlah produksi\npadi", 2, None),
    ],
)
def test_stacked_items_split_by_their_bullets(cell, count, items):
    assert split_stacked(cell, count) == items
