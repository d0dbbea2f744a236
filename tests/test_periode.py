"""Periods of a figure (issue 15 item 1, issue 14): per-quarter column groups read as one fact per
quarter, and the warehouse keeping a quarter's own figure apart from the year's.

The real document is the Tangerang Selatan Dinas Pendidikan dan Kebudayaan e-monev report
"Realisasi Kinerja Pada Triwulan I - IV Tahun 2023" (../shared/real, 11 pages, one table: names
without codes, indikator, K and Rp under triwulan I..IV). Its golden files (tests/golden/real/,
transcribed by hand from the page images) give one row per line per quarter with `periode`
tw1 / tw2; the quarter is compared here with the row's `triwulan`.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache

import pytest

from bench import eval_real
from extract.roles import quarter_of
from flows.documents import read_document
from tests.conftest import build_warehouse, fetch
from transform.hierarchy import Levels, nomenclature_level

STEM = "tangsel-dikbud-2023-realisasi-kinerja-triwulan"


@lru_cache(maxsize=1)
def tangsel():
    path = eval_real.document_path(STEM)
    if path is None:
        pytest.skip("../shared/real is not here")
    result = read_document(path)
    assert result.ok, result.error
    return result


def golden(kind: str) -> list[dict]:
    return eval_real.read_golden(eval_real.golden_files()[STEM][kind])


def quarter(periode: str) -> int:
    assert periode.startswith("tw"), periode
    return int(periode[2:])


def test_every_budget_line_comes_out_once_per_quarter_with_its_quarter():
    """Each golden line of each quarter (page, level, name, quarter, realisasi) is extracted, and
    nothing else: the blank triwulan III and IV give no rows, the URUSAN heading (no Rp) none."""
    want = Counter(
        (int(g["source_page"]), g["level"], eval_real.norm_text(g["nama_printed"]), quarter(g["periode"]),
         eval_real.dec(g["realisasi_idr"]), g["realisasi_printed"])
        for g in golden("anggaran")
    )
    rows = tangsel().document.rows["fct_anggaran_per_dokumen"]
    got = Counter(
        (r["source_page"], r["level"], eval_real.norm_text(r["nama_printed"]), r["triwulan"], r["realisasi_idr"],
         r["realisasi_printed"])
        for r in rows
    )
    assert want == got, (want - got, got - want)
    # the document prints no pagu: none is invented
    assert all(r["pagu_idr"] is None and not r["pagu_printed"] for r in rows)


def test_every_indicator_value_comes_out_once_per_quarter_with_its_quarter():
    want = Counter(
        (int(g["source_page"]), g["level"], eval_real.norm_text(g["indikator"]), quarter(g["periode"]),
         eval_real.dec(g["realisasi"]), int(g["tahun"]))
        for g in golden("indikator")
    )
    # the indicator golden covers p1-2 (tests/golden/real/README.md)
    rows = [r for r in tangsel().document.rows["fct_indikator_per_dokumen"] if r["source_page"] in (1, 2)]
    got = Counter(
        (r["source_page"], r["level"], eval_real.norm_text(r["indikator"]), r["triwulan"], r["realisasi"], r["tahun"])
        for r in rows
    )
    assert want == got, (want - got, got - want)
    assert all(r["target"] is None and r["capaian_pct_reported"] is None for r in rows)


def test_a_nil_printed_as_dash_is_kept_not_zeroed():
    dashes = [r for r in tangsel().document.rows["fct_anggaran_per_dokumen"] if r["realisasi_printed"] == "-"]
    assert len(dashes) == sum(1 for g in golden("anggaran") if g["realisasi_printed"] == "-")
    assert all(r["realisasi_idr"] is None for r in dashes)


@pytest.mark.parametrize(
    "path, q",
    [
        (["Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "I", "K"], 1),  # Tangsel p1
        (["Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "IV", "Rp"], 4),
        (["Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "K"], None),  # the span is no quarter
        (["Target", "TW II"], 2),
        (["Realisasi Triwulan III"], 3),
        (["Triwulan 4", "Rp"], 4),
        (["Realisasi s.d. Triwulan III"], None),  # cumulative, not the quarter's own
        (["No", "I"], None),  # a bare roman numeral outside a triwulan group
        (["Program", "II"], None),
    ],
)
def test_a_header_path_names_its_quarter(path, q):
    assert quarter_of(path) == q


def test_names_take_their_level_from_the_nomenclature():
    assert nomenclature_level("Administrasi Keuangan Perangkat Daerah") == "kegiatan"
    assert nomenclature_level("Penyediaan Gaji dan Tunjangan ASN") == "sub_kegiatan"
    assert nomenclature_level("Tidak ada nama seperti ini") is None
    levels = Levels()
    assert levels.level("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA", None) == "program"
    assert levels.level("Administrasi Keuangan Perangkat Daerah", None) == "kegiatan"
    assert levels.level("Penyediaan Gaji dan Tunjangan ASN", None) == "sub_kegiatan"
    # a kegiatan followed by a name no list knows: its sub-kegiatan, since the table has shown
    # that its kegiatan have sub-kegiatan
    assert levels.level("Pengelolaan Pendidikan Nonformal / Kesetaraan", None) == "kegiatan"
    assert levels.level("Nama Sub Kegiatan Versi Lama", None) == "sub_kegiatan"
    assert Levels().level("DINAS PENDIDIKAN DAN KEBUDAYAAN", None) == "other"


# ------------------------------------------------------------------ warehouse

LINE = "2.07.01"  # program 2.07.01 of the sample, Tabel 3.9 p. 25: pagu 4.434.468.359, realisasi 4.334.291.936


def quarterly(doc, digit: str, jenis: str, quarters: dict[int, Decimal]):
    """The sample as another document whose budget lines are printed once per quarter."""
    sid = doc.dokumen["source_document_id"][:-1] + digit
    dokumen = {**doc.dokumen, "source_document_id": sid, "jenis": jenis, "file_name": f"{jenis}.pdf"}
    rows = {table: [] for table in doc.rows}
    for table, rs in doc.rows.items():
        for r in rs:
            r = {**r, "source_document_id": sid} if "source_document_id" in r else dict(r)
            if table != "fct_anggaran_per_dokumen":
                rows[table].append(r)
                continue
            for q, value in quarters.items():
                rows[table].append({**r, "triwulan": q, "pagu_idr": None, "pagu_printed": None,
                                    "realisasi_idr": value, "realisasi_printed": str(value),
                                    "serapan_pct_reported": None, "serapan_printed": None, "serapan_pct": None})
    return type(doc)(dokumen=dokumen, rows=rows)


def annual(doc, digit: str, jenis: str, drop_realisasi: bool):
    """The document as a year's document of another kind, with its own id (test_precedence)."""
    from tests.test_precedence import as_kind

    return as_kind(doc, jenis, digit, None, drop_realisasi=drop_realisasi)


def test_a_quarters_figure_never_displaces_the_years_nor_adds_to_it(transformed, tmp_path):
    """An RKA (annual pagu, no realisasi) and an e-monev report of the same lines per quarter.

    Without the period in the grain, a quarter's row (it has realisasi) would answer for the
    line instead of the RKA's, and differ from it in lintas_dokumen; the annual mart would
    show one quarter's spending as the year's."""
    q1, q2 = Decimal("1000000.00"), Decimal("2500000.00")
    rka = annual(transformed, "3", "rka", drop_realisasi=True)
    emonev = quarterly(transformed, "4", "realisasi_triwulan", {1: q1, 2: q2})
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, rka, emonev)  # loaded last: load time alone would pick the quarter rows
    rows = fetch(wh, "SELECT f.triwulan, pagu_idr, realisasi_idr, d.file_name FROM fct_anggaran f "
                     "JOIN dim_dokumen d USING (source_document_id) WHERE f.kode = ? ORDER BY f.triwulan NULLS FIRST", [LINE])
    assert rows == [(None, Decimal("4434468359.00"), None, "rka.pdf"), (1, None, q1, "realisasi_triwulan.pdf"),
                    (2, None, q2, "realisasi_triwulan.pdf")]
    # each line once per period: 45 annual lines, 45 per quarter
    assert fetch(wh, "SELECT triwulan, count(*), count(DISTINCT kode) FROM fct_anggaran GROUP BY ALL ORDER BY 1 NULLS FIRST") == [
        (None, 45, 45), (1, 45, 45), (2, 45, 45)]
    # quarter and year are not a disagreement; quarter 1 and quarter 2 are not either
    assert fetch(wh, "SELECT count(*) FROM fct_temuan WHERE rule = 'lintas_dokumen'") == [(0,)]
    # the annual mart: the RKA's pagu, no realisasi (no quarter taken or summed for the year)
    [(pagu, realisasi)] = fetch(wh, "SELECT pagu_idr, realisasi_idr FROM mart_serapan_anggaran WHERE kode = ?", [LINE])
    assert (pagu, realisasi) == (Decimal("4434468359.00"), None)
    assert fetch(wh, "SELECT count(*) FROM mart_serapan_anggaran") == [(45,)]


def test_an_lkjip_still_answers_for_the_year_beside_quarters(transformed, tmp_path):
    lkjip = annual(transformed, "1", "lkjip", drop_realisasi=False)
    emonev = quarterly(transformed, "4", "realisasi_triwulan", {1: Decimal("7.00")})
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, lkjip, emonev)
    [(realisasi, name)] = fetch(wh, "SELECT realisasi_idr, d.file_name FROM fct_anggaran f JOIN dim_dokumen d "
                                    "USING (source_document_id) WHERE f.kode = ? AND f.triwulan IS NULL", [LINE])
    assert (realisasi, name) == (Decimal("4334291936.00"), "lkjip.pdf")
    [(realisasi,)] = fetch(wh, "SELECT realisasi_idr FROM mart_serapan_anggaran WHERE kode = ?", [LINE])
    assert realisasi == Decimal("4334291936.00")


def test_the_real_quarters_add_up_in_the_warehouse(tmp_path):
    """Loaded, the Tangerang Selatan report keeps each quarter's lines (fct_anggaran one row per
    line and quarter), and the children of every parent add up quarter by quarter, as the
    golden README says they do on the page: a check summing both quarters together would
    report every parent."""
    result = tangsel()
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, result.document)
    per_doc = len(result.document.rows["fct_anggaran_per_dokumen"])
    assert fetch(wh, "SELECT count(*), count(DISTINCT triwulan) FROM fct_anggaran") == [(per_doc, 2)]
    assert fetch(wh, "SELECT count(*) FROM fct_temuan WHERE rule IN ('jumlah_anak', 'lintas_dokumen')") == [(0,)]
    assert fetch(wh, "SELECT count(*) FROM fct_indikator WHERE triwulan IS NULL") == [(0,)]


# ------------------------------------------------------------------ an e-monev table of targets per quarter

def _grid(rows: list[list[str]], merged: dict[tuple[int, int], tuple[int, int]]) -> list[list]:
    """Cells of a ruled grid; a (row, col) in `merged` is covered by the merged cell that
    starts at its value and repeats its text, as extract.grid gives a merged header cell."""
    from extract.model import Cell

    out: list[list] = []
    for r, texts in enumerate(rows):
        row = []
        for c, text in enumerate(texts):
            start = merged.get((r, c))
            text = (out[start[0]] if start[0] < r else row)[start[1]].text if start else text
            row.append(Cell(text=text, page=1, x0=c * 50.0, top=r * 20.0, x1=c * 50.0 + 50, bottom=r * 20.0 + 20,
                            covered=start is not None))
        out.append(row)
    return out


def test_targets_and_realisations_per_quarter_give_one_value_per_quarter():
    """An indicator table with Target and Realisasi each over TW I .. TW IV (an e-IKU triwulan
    layout) is a one-year measurement read once per quarter; a quarter printing nothing gives
    no value, and no value of the year is made up from the quarters."""
    from extract.tables import table_from_grid
    from transform.sasaran import transform_sasaran

    header = ["No", "Indikator Kinerja", "Target", "", "", "", "Realisasi", "", "", ""]
    quarters = ["", "", "TW I", "TW II", "TW III", "TW IV", "TW I", "TW II", "TW III", "TW IV"]
    body = [["1", "Persentase sekolah terakreditasi", "25", "50", "75", "100", "20", "45", "", ""],
            ["2", "Jumlah guru bersertifikat", "10", "20", "30", "40", "12", "-", "", ""]]
    merged = {(0, c): (0, 2) for c in (3, 4, 5)} | {(0, c): (0, 6) for c in (7, 8, 9)} | {(1, 0): (0, 0), (1, 1): (0, 1)}
    cells = _grid([header, quarters, *body], merged)
    table = table_from_grid(cells, [c * 50.0 for c in range(11)], page=1)
    assert table.kind == "sasaran_tahunan"
    assert [(c.name, c.triwulan) for c in table.columns[2:]] == [
        ("target", 1), ("target", 2), ("target", 3), ("target", 4),
        ("realisasi", 1), ("realisasi", 2), ("realisasi", 3), ("realisasi", 4)]
    ctx = {"tahun": 2023, "pemda": "Kota X", "opd": "Dinas Y", "source_document_id": "d" * 64}
    got = [(r["indikator"], r["triwulan"], r["target"], r["realisasi"], r["realisasi_printed"])
           for r in sorted(transform_sasaran(table, ctx, "id"), key=lambda r: (r["source_row"], r["triwulan"]))]
    assert got == [
        ("Persentase sekolah terakreditasi", 1, Decimal("25"), Decimal("20"), "20"),
        ("Persentase sekolah terakreditasi", 2, Decimal("50"), Decimal("45"), "45"),
        ("Persentase sekolah terakreditasi", 3, Decimal("75"), None, ""),
        ("Persentase sekolah terakreditasi", 4, Decimal("100"), None, ""),
        ("Jumlah guru bersertifikat", 1, Decimal("10"), Decimal("12"), "12"),
        ("Jumlah guru bersertifikat", 2, Decimal("20"), None, "-"),
        ("Jumlah guru bersertifikat", 3, Decimal("30"), None, ""),
        ("Jumlah guru bersertifikat", 4, Decimal("40"), None, ""),
    ]


def test_a_per_quarter_budget_table_without_codes_gives_lines_per_quarter():
    """Generated e-monev layout: names, indicators, K and Rp under I and II, no column numbers;
    a band with no name (a program's second indicator) continues the line above."""
    from extract.tables import table_from_grid
    from transform.anggaran import transform_anggaran

    rows = [
        ["Program / Kegiatan / Sub Kegiatan", "Indikator Kinerja", "Realisasi Kinerja Triwulan I - II", "", "", ""],
        ["", "", "I", "", "II", ""],
        ["", "", "K", "Rp", "K", "Rp"],
        ["Program Penunjang Urusan Pemerintahan Daerah", "Nilai LKE", "", "100.000", "", "250.000"],
        ["", "Predikat SAKIP", "B", "", "BB", ""],
        ["Administrasi Keuangan Perangkat Daerah", "Terselenggaranya administrasi keuangan", "3", "100.000", "3", "250.000"],
        ["Penyediaan Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji", "10", "100.000", "", "-"],
    ]
    merged = ({(0, c): (0, 2) for c in (3, 4, 5)} | {(1, 3): (1, 2), (1, 5): (1, 4)}
              | {(r, c): (0, c) for r in (1, 2) for c in (0, 1)})
    table = table_from_grid(_grid(rows, merged), [c * 50.0 for c in range(7)], page=1)
    assert table.kind == "anggaran"
    assert [(c.name, c.triwulan) for c in table.columns[2:]] == [
        ("realisasi_indikator", 1), ("realisasi", 1), ("realisasi_indikator", 2), ("realisasi", 2)]
    ctx = {"tahun": 2023, "pemda": "Kota X", "opd": "Dinas Y", "source_document_id": "d" * 64}
    lines, values, _ = transform_anggaran(table, ctx, "id")
    assert sorted((r["nama_printed"], r["level"], r["triwulan"], r["realisasi_idr"], r["realisasi_printed"]) for r in lines) == [
        ("Administrasi Keuangan Perangkat Daerah", "kegiatan", 1, Decimal("100000.00"), "100.000"),
        ("Administrasi Keuangan Perangkat Daerah", "kegiatan", 2, Decimal("250000.00"), "250.000"),
        ("Penyediaan Gaji dan Tunjangan ASN", "sub_kegiatan", 1, Decimal("100000.00"), "100.000"),
        ("Penyediaan Gaji dan Tunjangan ASN", "sub_kegiatan", 2, None, "-"),
        ("Program Penunjang Urusan Pemerintahan Daerah", "program", 1, Decimal("100000.00"), "100.000"),
        ("Program Penunjang Urusan Pemerintahan Daerah", "program", 2, Decimal("250000.00"), "250.000"),
    ]
    assert sorted((r["indikator"], r["level"], r["triwulan"], r["realisasi_printed"]) for r in values) == [
        ("Jumlah Orang yang Menerima Gaji", "sub_kegiatan", 1, "10"),
        ("Predikat SAKIP", "program", 1, "B"),
        ("Predikat SAKIP", "program", 2, "BB"),
        ("Terselenggaranya administrasi keuangan", "kegiatan", 1, "3"),
        ("Terselenggaranya administrasi keuangan", "kegiatan", 2, "3"),
    ]


def test_one_indicator_text_under_two_uncoded_lines_is_two_values(tmp_path):
    """Tangerang Selatan p4-6 prints "Jumlah Mebel sekolah yang Tersedia" under the SD and the
    SMP sub-kegiatan of one name, with other values: two indicators of two lines, not one value
    printed twice (no beda_antar_tabel finding), and fct_indikator keeps both."""
    result = tangsel()
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, result.document)
    assert fetch(wh, "SELECT count(*) FROM fct_temuan WHERE rule IN ('beda_antar_tabel', 'lintas_laporan')") == [(0,)]
    per_doc = len(result.document.rows["fct_indikator_per_dokumen"])
    assert fetch(wh, "SELECT sum(baris_count), count(*) FROM fct_indikator") == [(per_doc, per_doc)]
