"""Indicator rows of other agencies' documents (../shared/real), read by column roles (issue 14).

The expectation is the hand-made golden file (tests/golden/real/<stem>.indikator.csv, transcribed
from the page images); a row is read exactly when bench/eval_real.py says so (same page,
indicator text intact, same year, target, realisasi and capaian equal as Decimals, empty for
empty). Each case names the tables and pages that come out whole today; the rows of other
tables of the same documents are not read yet and are not asserted here (`make eval` measures
them).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from bench import eval_real
from extract.roles import table_kind
from flows.documents import read_document
from transform.hierarchy import split_stacked
from transform.sasaran import renstra_end

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
    # Tabel 4, pp.21-22: eleven indicators in one cell beside twelve %, the first the sasaran's
    # own (99,02, level with the sasaran); sub-items under a heading ending with ":" (the
    # margin's Padi / Palawija / Sayuran; "Jitut dan Jides" under a bullet of another kind).
    ("jabar-distan-2016-lkip", "4", [21, 22]),
    # Tabel 3.1.3a / 3.1.3b, read by their header spellings: values left-aligned in grid
    # columns the ruling parts from the centred "Target | Realisasi | % Capaian", an indicator
    # wrapped onto a row whose value cells are the merged cells above, units in the values
    # ("73 poin", "9 buah").
    ("jabar-bp3akb-2016-lkip", "3.1.3a", [55]),
    ("jabar-bp3akb-2016-lkip", "3.1.3b", [56]),
    # Tabel 7: "TAHUN 2016" over "TARGET | REALISASI", then "CAPAIAN (%)"; indicators
    # numbered "1.", "2." inside their cells.
    ("jabar-biroorganisasi-2016-lkip", "7", [16]),
    # Tabel 3 (PK) p.11: each text line of a cell shaded by a box of its own, one grid row per
    # line; the first body row "1 | Meningkatnya kapasitas | Jumlah rekomendasi yang | 1 dokumen"
    # is no header line (a count with its unit), targets "14 UPP", "4 OPD Provinsi", "100%".
    ("jabar-biroorganisasi-2016-lkip", "3", [11]),
    # Tabel 2.4 Perjanjian Kinerja: sasaran, indicator and a target only ("80%").
    ("jabar-bp3iptek-2016-lkip", "2.4", [35]),
    # Tabel 3.1, pp.39-40: a coloured header wrapping over seven grid rows down to "1 ... 9";
    # "Capaian Thn Lalu" (the 2015 realisasi), "Target" over "Target | Realisasi | %
    # Realisasi", "Target Akhir Renstra" (the 2018 target: the report names its Renstra
    # 2015 - 2018 on p32), "Capaian ... terhadap Target Akhir Renstra" left in staging; p40
    # cut into more grid columns by its fill bands, an indicator cut by the page break.
    ("jabar-bp3iptek-2016-lkip", "3.1", [39, 40]),
    # Tabel 2.1 (PK), pp.22-23: "SASARAN STRATEGIS | INDIKATOR SASARAN | TARGET" in capitals,
    # the header apart from its body columns; p.22 prints its targets as plain counts (100, 85),
    # no figure the page hint knows, and is read because it prints the caption "Tabel 2.1".
    ("jabar-bappeda-2016-lkip", "2.1", [22, 23]),
    # Tabel 3.2, pp.25-27: "Tahun (2016)" over "Satuan | Target | Realisasi", then "Capaian %"
    # with no year; p.26 is ruled with an extra blank strip left of "No", and the names cut
    # by both page breaks go on under the repeated header.
    ("jabar-bappeda-2016-lkip", "3.2", [25, 26, 27]),
    # Tabel 2: header "1 | Sasaran | ..." over body rows of decimals, realisasi and its capaian
    # stacked in one cell ("86" / "(101%)"), indicators bulleted "-" and lettered "a.", a
    # "Capaian Sasaran" column holding one figure per sasaran.
    ("jabar-bkpd-2016-lkip", "2", [30]),
    # Perjanjian Kinerja p.3: a page with few figures, a target "140 Kelompok (1400 orang)".
    ("jabar-dispora-2017-pk", "", [3]),
    # Tabel 4 "Penetapan Kinerja" p.40: sasaran, indicators and their targets (printed under
    # "TARGET / SATUAN") beside the kegiatan and anggaran, in one table; two sasaran share a row.
    ("jabar-bkpd-2016-lkip", "4", [40]),
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
        # no bullets: each item opens with a level's word (BAPPEDA Jabar 2016 Tabel 3.7 p.45)
        ("Program Perencanaan,\nPengendalian dan\nDaerah\nProgram Kerjasama\nPembangunan", 2,
         ["Program Perencanaan, Pengendalian dan Daerah", "Program Kerjasama Pembangunan"]),
        ("Program Perencanaan,\nPengendalian dan\nDaerah", 2, None),
        # a line ending with ":" introduces the items: their heading, no item of its own
        # (Distan Jabar 2016 Tabel 4 pp.21-22)
        ("Persentase margin usahatani\ndan hortikultura :\n\uf0d8 Padi\n\uf0d8 Palawija", 2,
         ["Persentase margin usahatani dan hortikultura : Padi", "Persentase margin usahatani dan hortikultura : Palawija"]),
        ("\uf0b7 Tersedianya infrastruktur:\n\uf0d8 Jitut dan Jides\n\uf0b7 Jumlah Luas sawah Baru", 2,
         ["Tersedianya infrastruktur: Jitut dan Jides", "Jumlah Luas sawah Baru"]),
    ],
)
def test_stacked_items_split_by_their_bullets(cell, count, items):
    assert split_stacked(cell, count) == items


@pytest.mark.parametrize(
    "texts, tahun, end",
    [
        # BP3IPTEK Jabar 2016 p32
        (["Renstra BP3IPTEK Provinsi Jawa Barat Tahun 2015 \u2013 2018\r\n"], 2016, 2018),
        (["Rencana Strategis Dinas ... Tahun 2013-2018", "Renstra 2013 s/d 2018"], 2016, 2018),
        # a period that does not hold the report year is another Renstra
        (["Renstra 2009-2013"], 2016, None),
        (["RPJMD 2013-2018"], 2016, None),
        ([], 2016, None),
    ],
)
def test_the_renstra_end_year_comes_from_the_period_the_report_names(texts, tahun, end):
    assert renstra_end(texts, tahun) == end


def _table(realisasi: list[str], capaian: str = "80,5"):
    from extract.model import Cell, Column, Row, Table

    def cell(t):
        return Cell(text=t, page=1, x0=None, top=None, x1=None, bottom=None)

    columns = [Column(index=0, header_path=["Indikator"], name="indikator"),
               Column(index=1, header_path=["Target"], name="target"),
               Column(index=2, header_path=["Realisasi"], name="realisasi"),
               Column(index=3, header_path=["Capaian"], name="capaian_pct")]
    rows = [Row(cells=[cell("- A\n- B"), cell("85\n450"), cell(r), cell(capaian)], page=1, index=i, pages=[1])
            for i, r in enumerate(realisasi)]
    return Table(kind="sasaran_tahunan", pages=[1], columns=columns, rows=rows)


def test_brackets_under_each_realisation_are_its_capaian_decided_per_column():
    """BKPD Jabar 2016 Tabel 2 p.30 stacks "86" / "(101%)" per indicator: the bracket is the
    indicator's capaian. A column where a bracket stands first is one of negative numbers."""
    from transform.sasaran import transform_sasaran

    ctx = {"tahun": 2016, "pemda": None, "opd": None, "source_document_id": "x"}
    rows = transform_sasaran(_table(["86\n(101%)\n270\n(60%)"]), ctx, "id")
    assert [(r["indikator"], r["realisasi"], r["capaian_pct_reported"]) for r in rows] == [
        ("A", Decimal("86"), Decimal("101")), ("B", Decimal("270"), Decimal("60"))]
    rows = transform_sasaran(_table(["(3,14)\n12"], "-3,7\n14,1"), ctx, "id")
    assert [(r["realisasi"], r["capaian_pct_reported"]) for r in rows] == [
        (Decimal("-3.14"), Decimal("-3.7")), (Decimal("12"), Decimal("14.1"))]


def test_a_count_with_its_unit_is_no_header_line():
    from extract.model import Cell
    from extract.roles import header_rows

    def row(*texts):
        return [Cell(text=t, page=11, x0=None, top=None, x1=None, bottom=None) for t in texts]

    # Biro Organisasi Jabar 2016 Tabel 3 p.11, a grid row per printed line
    cells = [row("NO.", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"),
             row("1", "Meningkatnya kapasitas", "Jumlah rekomendasi yang", "1 dokumen"),
             row("", "organisasi Pemerintah Daerah", "ditindaklanjuti menjadi kebijakan", "")]
    assert header_rows(cells) == (0, 1)
    # a year with its unit stays a header label
    assert header_rows([row("Uraian", "2016 (Rp)", "Realisasi"), row("Program A", "1.000.000", "900.000")]) == (0, 1)
