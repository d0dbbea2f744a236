"""Two years in one warehouse, the real 2024 report twice (PDF and export) beside a generated 2023
report: each line answered once, and every documented query answering what the report prints."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from flows.documents import read_document
from load.warehouse import WarehouseBuild
from tests.conftest import ROOT, answer, assert_each_key_once, read_golden
from tests.generator import lkjip
from tests.reports import consistent_report

QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "queries.md").read_text(encoding="utf-8"), re.DOTALL)
# The one-answer facts and the marts, each with the columns of its grain.
GRAINS = {
    # a line is its kode, else its level, name and parent (baris_anggaran), else its own printed
    # row; a quarter's own figure is another line than the year's (triwulan)
    "fct_anggaran": "tahun, triwulan, pemda, opd, tahapan, coalesce(baris_anggaran(kode, level, nama_printed, induk), source_document_id || source_table || source_row)",
    "fct_indikator": "tahun, triwulan, pemda, opd, level, kode, baris_indikator(kode, jenis, sasaran, induk), ukuran, indikator_key",
    "mart_serapan_anggaran": "tahun, pemda, opd, kode",
    "mart_capaian_indikator": "tahun, pemda, opd, level, kode, ukuran, indikator",
    "mart_efisiensi": "tahun, pemda, opd, kode",
    "mart_renstra": "tahun, pemda, opd, indikator",
    "mart_konteks_wilayah": "tahun, wilayah, variabel, kategori",
    "mart_temuan": "peringkat",
}
# The columns of each documented question's answer that name one line, indicator or finding:
# no two answer rows may share them.
QUERY_KEYS = [
    ("pemda", "opd", "kode", "tahun"),
    ("pemda", "opd", "tahun", "kode"),
    ("pemda", "opd", "indikator", "tahun"),
    ("pemda", "opd", "tahun", "level", "kode", "indikator", "ukuran"),
    ("peringkat",),
    ("file_name", "tahun", "rule"),
    ("tahun", "wilayah"),
    ("pemda", "opd", "tahun", "kode"),
    ("pemda", "opd", "indikator", "tahun"),
    ("pemda", "opd", "tahun", "kode"),
]
GOLDEN_LINES = read_golden("klungkung_2024_anggaran.csv")
CENT = Decimal("0.01")


def serapan(pagu, realisasi):
    """Absorption by hand: realisasi / pagu x 100, to the cent, half up (as the reports round)."""
    return (Decimal(realisasi) * 100 / Decimal(pagu)).quantize(CENT, rounding=ROUND_HALF_UP)


def lines_2024(level):
    """(kode, pagu, realisasi) of the 2024 lines of a level, from the hand-made golden (pp. 25-28)."""
    return [(g["kode"], Decimal(g["pagu_idr"]), Decimal(g["realisasi_idr"])) for g in GOLDEN_LINES if g["level"] == level]


def lines_2023(level):
    """(kode, pagu, realisasi) of the generated 2023 report's lines of a level: what its PDF prints."""
    return [(b.kode, b.pagu, b.realisasi) for b in consistent_report().budget_lines if b.level == level]


def build(path, results):
    with WarehouseBuild(path) as b:
        for r in results:
            b.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at)
        b.refresh()
        b.commit()


def q(wh, sql, params=()):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("table", GRAINS)
def test_each_one_answer_table_has_one_row_per_grain(two_years_twice, table):
    wh, _ = two_years_twice
    dupes = q(wh, f"SELECT {GRAINS[table]}, count(*) FROM {table} GROUP BY ALL HAVING count(*) > 1")
    assert dupes == []


def test_each_budget_line_once_though_two_documents_print_2024(two_years_twice):
    wh, _ = two_years_twice
    per_year = {level: (len(lines_2023(level)), len(lines_2024(level))) for level in ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")}
    # the report's own counts (p. 28 footer; p. 42 text): 5 programs, 13 kegiatan, 23 sub-kegiatan
    assert per_year["program"][1] == 5 and per_year["kegiatan"][1] == 13 and per_year["sub_kegiatan"][1] == 23
    got = q(wh, "SELECT level, tahun, count(*), min(dokumen_count), max(dokumen_count), bool_and(is_sepakat) FROM fct_anggaran GROUP BY ALL")
    assert sorted(got) == sorted(
        [(level, 2023, n23, 1, 1, True) for level, (n23, _) in per_year.items()]
        + [(level, 2024, n24, 2, 2, True) for level, (_, n24) in per_year.items()]
    )
    assert q(wh, "SELECT tahun, count(*) FROM mart_serapan_anggaran GROUP BY 1 ORDER BY 1") == [
        (2023, sum(n for n, _ in per_year.values())), (2024, 45)
    ]
    # every 2024 line still has its two documents' rows, for audit
    assert q(wh, "SELECT count(*) FROM fct_anggaran_per_dokumen WHERE tahun = 2024") == [(90,)]
    # mart_efisiensi: programs, kegiatan and sub-kegiatan of both years
    assert q(wh, "SELECT tahun, count(*) FROM mart_efisiensi GROUP BY 1 ORDER BY 1") == [
        (2023, sum(per_year[lv][0] for lv in ("program", "kegiatan", "sub_kegiatan"))), (2024, 5 + 13 + 23)
    ]


def test_urusan_sum_is_the_reports_own_total(two_years_twice):
    """p. 25 and p. 28: urusan 2 Rp 6.214.345.759,00 and urusan 3 Rp 39.485.260,00."""
    wh, _ = two_years_twice
    total = q(wh, "SELECT tahun, sum(pagu_idr), sum(realisasi_idr) FROM fct_anggaran WHERE level = 'urusan' GROUP BY 1 ORDER BY 1")
    urusan_2023 = lines_2023("urusan")
    assert total == [
        (2023, sum(p for _, p, _ in urusan_2023), sum(r for _, _, r in urusan_2023)),
        (2024, Decimal("6214345759.00") + Decimal("39485260.00"), Decimal("5716353675.00") + Decimal("20273000.00")),
    ]
    # and the per-document rows, summed, count every 2024 line twice: why they are not the default
    assert q(wh, "SELECT sum(pagu_idr) FROM fct_anggaran_per_dokumen WHERE level = 'urusan' AND tahun = 2024") == [
        (2 * (Decimal("6214345759.00") + Decimal("39485260.00")),)
    ]


def test_the_chosen_row_is_the_pdf_page_and_names_its_document(two_years_twice):
    """Precedence 3: of the PDF and its export, the published PDF answers (a page to cite)."""
    wh, _ = two_years_twice
    rows = q(wh, "SELECT d.file_name, a.source_page, a.pagu_printed FROM fct_anggaran a JOIN dim_dokumen d USING (source_document_id) "
                 "WHERE a.tahun = 2024 AND a.kode = '2.07.01.2.02.0001'")
    assert rows == [("lkjip-disnaker-klungkung-2024.pdf", 25, "3.787.355.027,00")]


def test_two_budget_years_with_the_previous_year_beside(two_years_twice):
    wh, _ = two_years_twice
    years = q(wh, "SELECT tahun, count(*) FROM mart_serapan_anggaran GROUP BY 1 ORDER BY 1")
    assert [y for y, _ in years] == [2023, 2024]
    row = q(wh, "SELECT pagu_idr, pagu_idr_prev, serapan_pct_prev FROM mart_serapan_anggaran WHERE tahun = 2024 AND kode = '2.07.03'")
    pagu_2023 = q(wh, "SELECT pagu_idr, serapan_pct FROM mart_serapan_anggaran WHERE tahun = 2023 AND kode = '2.07.03'")[0]
    assert row == [(Decimal("721768870.00"), pagu_2023[0], pagu_2023[1])]


def test_indicator_series_from_2021_to_the_end_of_the_renstra(two_years_twice):
    wh, _ = two_years_twice
    series = q(wh, "SELECT tahun, target, realisasi, tahun_laporan FROM mart_capaian_indikator "
                   "WHERE indikator_key(indikator) = 'tingkatpartisipasiangkatankerja' AND level = 'sasaran' AND ukuran = 'tahunan' ORDER BY tahun")
    assert [r[0] for r in series] == [2021, 2022, 2023, 2024, 2025, 2026]
    by_year = {r[0]: r for r in series}
    assert by_year[2023][3] == 2023  # the report of that year beats the 2024 report's reprint
    assert by_year[2024][1:3] == (Decimal("79.0000"), Decimal("79.8800"))
    assert by_year[2026][1:3] == (Decimal("79.0200"), None)


def test_conflicting_reprint_is_reported(two_years_twice):
    wh, _ = two_years_twice
    rows = q(wh, "SELECT tahun, reported, expected FROM fct_temuan WHERE rule = 'lintas_laporan' AND indikator LIKE 'Tingkat%' AND tahun = 2023")
    assert ("77,75", "78,25") in [(r[1], r[2]) for r in rows]
    # the chosen 2023 value (the 2023 report's) says it is not the only one printed
    assert q(wh, "SELECT realisasi, tahun_laporan, is_sepakat FROM fct_indikator WHERE tahun = 2023 AND level = 'sasaran' "
                 "AND ukuran = 'tahunan' AND indikator_key = 'tingkatpartisipasiangkatankerja'")[0][1:] == (2023, False)


def test_direction_aware_capaian_in_the_mart(two_years_twice):
    wh, _ = two_years_twice
    row = q(wh, "SELECT arah, target, realisasi, capaian_pct, capaian_pct_reported FROM mart_capaian_indikator "
                "WHERE tahun = 2024 AND level = 'sasaran' AND ukuran = 'tahunan' AND indikator ILIKE 'jumlah perselisihan%'")
    assert row == [("turun", Decimal("2.0000"), Decimal("0.0000"), Decimal("200.00"), Decimal("100.0000"))]


@pytest.mark.parametrize("sql,key", list(zip(QUERIES, QUERY_KEYS)), ids=[f"query{i + 1}" for i in range(len(QUERIES))])
def test_documented_query_answers_each_line_once(two_years_twice, sql, key):
    wh, _ = two_years_twice
    assert_each_key_once(answer(wh, sql), key)


def test_query1_program_absorption_year_to_year(two_years_twice):
    """Programs of p. 25-28 (2024) beside the generated 2023 report's."""
    wh, _ = two_years_twice
    rows = answer(wh, QUERIES[0])
    got = [(r["kode"], r["tahun"], r["pagu_idr"], r["realisasi_idr"], r["serapan_pct"], r["serapan_pct_prev"]) for r in rows]
    prev = {k: serapan(p, r) for k, p, r in lines_2023("program")}
    want = [(k, 2023, p, r, serapan(p, r), None) for k, p, r in lines_2023("program")]
    want += [(k, 2024, p, r, serapan(p, r), prev.get(k)) for k, p, r in lines_2024("program")]
    assert got == sorted(want, key=lambda w: (w[0], w[1]))
    # p. 25: program 2.07.01 absorbed 97,74 % (4.334.291.936 of 4.434.468.359)
    assert ("2.07.01", 2024, Decimal("4434468359.00"), Decimal("4334291936.00"), Decimal("97.74")) == got[1][:5]


def test_query2_sub_kegiatan_that_spent_least(two_years_twice):
    wh, _ = two_years_twice
    got = [(r["tahun"], r["kode"], r["pagu_idr"], r["realisasi_idr"], r["serapan_pct"]) for r in answer(wh, QUERIES[1])]
    want = sorted(((2024, k, p, r, serapan(p, r)) for k, p, r in lines_2024("sub_kegiatan")), key=lambda w: w[4])[:10]
    assert [g[4] for g in got] == [w[4] for w in want]
    assert set(got) == set(want)
    # p. 25: Rp 8.187.850 of Rp 21.962.530 (37,28 %) is the least
    assert got[0] == (2024, "2.07.01.2.01.0002", Decimal("21962530.00"), Decimal("8187850.00"), Decimal("37.28"))


def test_query3_achievement_of_100_percent_while_realisation_falls(two_years_twice):
    """pp. 25 and 26 print 100 % for three indicators whose realisation fell from the 2023 report's."""
    wh, _ = two_years_twice
    got = [(r["indikator"], r["tahun"], r["realisasi"], r["realisasi_prev"], r["capaian_pct_reported"]) for r in answer(wh, QUERIES[2])]
    golden = {g["indikator"]: g for g in GOLDEN_LINES if g["indikator"]}
    generated = {b.indikator: b for b in consistent_report().budget_lines if b.indikator}
    names = [
        "Jumlah Dokumen Perencanaan Perangkat Daerah",  # p. 25: 9 of 9 dokumen, 100,00; 2023: 10
        "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan",  # p. 26: 12 of 12; 2023: 13
        "Persentase Pemenuhan Kebutuhan sarana dan Prasarana Kantor",  # p. 25: 100 of 100; 2023: 110
    ]
    want = [(n, 2024, Decimal(golden[n]["realisasi"]), generated[n].realisasi_ik, Decimal(golden[n]["capaian_pct_reported"])) for n in names]
    assert got == want


def test_query4_printed_achievement_against_the_figures(two_years_twice):
    """The sasaran tables of pp. 19-21 (tests/golden/klungkung_2024_sasaran.csv) and the budget
    table's p. 28: 200 % printed for 0 of 2 perkara."""
    wh, _ = two_years_twice
    got = {(r["tahun"], r["indikator"], r["ukuran"]): (r["target"], r["realisasi"], r["capaian_pct_reported"], r["capaian_pct"])
           for r in answer(wh, QUERIES[3])}
    tpak, sengketa = "Tingkat partisipasi Angkatan Kerja ( TPAK )", "Jumlah perselisihan hubungan industrial"
    D = Decimal
    assert got == {
        (2024, "Jumlah Perkara Perselisihan yang Terselesaikan", "tahunan"): (D("2"), D("0"), D("200"), D("0")),
        (2024, tpak, "tahunan"): (D("79"), D("79.88"), D("187.90"), D("101.11")),  # p. 19, Tabel 3.1
        (2024, tpak, "renstra"): (D("42.51"), D("79.88"), D("187.90"), D("187.91")),  # p. 21, Tabel 3.7
        (2022, tpak, "tahunan"): (D("77.75"), D("79.81"), D("102.64"), D("102.65")),  # p. 20, Tabel 3.2
        # lower is better: 0 disputes of at most 2 is 200 %, printed 100 (pp. 20-21)
        (2024, sengketa, "tahunan"): (D("2"), D("0"), D("100"), D("200")),
        (2024, sengketa, "renstra"): (D("2"), D("0"), D("100"), D("200")),
        (2022, sengketa, "tahunan"): (D("2"), D("0"), D("100"), D("200")),
    }


def test_query5_and_6_findings_of_the_pdf_are_the_golden_ones(two_years_twice):
    wh, _ = two_years_twice
    top = answer(wh, QUERIES[4])
    assert [r["peringkat"] for r in top] == list(range(1, 21))
    assert {r["severity"] for r in top} == {"tinggi"}
    per_rule = {(r["file_name"], r["rule"]): r["temuan"] for r in answer(wh, QUERIES[5])}
    golden = Counter(g["rule"] for g in read_golden("klungkung_2024_temuan.csv"))
    pdf = {rule: n for (f, rule), n in per_rule.items() if f == "lkjip-disnaker-klungkung-2024.pdf"}
    # the PDF's own 90 findings, by rule, exactly, and three reprints of 2023 that differ from the
    # 2023 report: TPAK target 77,75 and capaian 102,64 (Tabel 3.2, p. 20), disputes capaian 100
    # (Tabel 3.6, p. 21); its export agrees with it line for line
    assert pdf == dict(golden) | {"lintas_laporan": 3}
    assert not any(rule == "lintas_dokumen" for _, rule in per_rule)


def test_query7_tpak_of_bali_ranked(two_years_twice):
    """p. 18: TPAK of the kabupaten/kota of Bali, 2024 column; Klungkung fifth of nine."""
    wh, _ = two_years_twice
    printed = {"Kabupaten Jembrana": "80.10", "Kabupaten Tabanan": "75.29", "Kabupaten Badung": "75.59",
               "Kabupaten Gianyar": "76.50", "Kabupaten Klungkung": "77.23", "Kabupaten Bangli": "82.27",
               "Kabupaten Karangasem": "83.74", "Kabupaten Buleleng": "79.77", "Kota Denpasar": "69.71"}
    ranked = sorted(printed, key=lambda w: Decimal(printed[w]), reverse=True)
    got = {r["wilayah"]: (r["nilai"], r["peringkat"]) for r in answer(wh, QUERIES[6]) if r["tahun"] == 2024}
    want = {w: (Decimal(v), ranked.index(w) + 1) for w, v in printed.items()} | {"Provinsi Bali": (Decimal("77.11"), None)}
    assert got == want
    assert got["Kabupaten Klungkung"] == (Decimal("77.23"), 5)


def test_query8_lines_that_delivered_more_than_they_spent(two_years_twice):
    """p. 27: Pelayanan dan Penyediaan Informasi Pasar Kerja Online, 483 of 200 pencari kerja
    (241,50 %) on 61,20 % of its budget; Tabel 3.8 (p. 23) prints 3,95 for it, as recomputed."""
    wh, _ = two_years_twice
    rows = answer(wh, QUERIES[7])
    assert len(rows) == 10
    top = rows[0]
    assert (top["tahun"], top["serapan_pct"], top["capaian_pct"], top["indeks_efisiensi"], top["hasil"]) == (
        2024, Decimal("61.20"), Decimal("241.50"), Decimal("3.95"), "efisien"
    )
    assert {r["kode"] for r in rows[:2]} == {"2.07.04.2.03", "2.07.04.2.03.0002"}
    assert [r["indeks_efisiensi"] for r in rows] == sorted((r["indeks_efisiensi"] for r in rows), reverse=True)


def test_query9_distance_to_the_renstra_end_target(two_years_twice):
    """Tabel 2.2 (p. 18): the IKU's kondisi akhir 2026, TPAK 70,02 and at most 1 dispute."""
    wh, _ = two_years_twice
    got = {(r["indikator"], r["tahun"]): (r["realisasi"], r["target_akhir"], r["tahun_akhir"], r["progres_pct"], r["sisa_tahun"])
           for r in answer(wh, QUERIES[8])}
    tpak, sengketa = "Tingkat partisipasi Angkatan Kerja ( TPAK )", "Jumlah perselisihan hubungan industrial"
    D = Decimal
    assert got[(tpak, 2024)] == (D("79.88"), D("70.02"), 2026, serapan(D("70.02"), D("79.88")), 2)  # 79,88 / 70,02
    assert got[(sengketa, 2024)] == (D("0"), D("1"), 2026, D("200.00"), 2)  # lower is better: (2 x 1 - 0) / 1
    assert got[(sengketa, 2023)][0] == D("1")  # the 2023 report's own value (p. 21 of 2024 reprints 1 too)
    assert sorted({t for _, t in got}) == [2021, 2022, 2023, 2024]


def test_query10_names_that_are_not_the_official_ones(two_years_twice):
    """p. 25: program 2.07.01 printed "PROGRAM PELUANG JURUSAN" for "PROGRAM PENUNJANG URUSAN";
    the 2023 report was generated with the official names (tests/reports.py)."""
    wh, _ = two_years_twice
    rows = answer(wh, QUERIES[9])
    assert {r["tahun"] for r in rows} == {2024}
    by_kode = {r["kode"]: r for r in rows}
    assert by_kode["2.07.01"]["nama"] == "PROGRAM PELUANG JURUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert by_kode["2.07.01"]["nama_resmi"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    # the two sub-kegiatan printed under the code of another (their names belong to 0007)
    assert by_kode["2.07.01.2.01.0002"]["kode_disarankan"] == "2.07.01.2.01.0007"
    assert by_kode["2.07.01.2.02.0002"]["kode_disarankan"] == "2.07.01.2.02.0007"


def test_there_are_ten_documented_queries():
    assert len(QUERIES) == 10 == len(QUERY_KEYS)


def test_a_disagreeing_export_is_named_not_hidden(tmp_path, sample_pdf):
    """An export whose pagu of one line differs from the PDF: the PDF's row answers, the line
    says the documents disagree, and lintas_dokumen names both files and places."""
    import openpyxl

    from tests.conftest import SAMPLE_XLSX

    book = openpyxl.load_workbook(SAMPLE_XLSX)
    sheet = book["CIK"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 3787355027)
    cell.value = 3787355028
    changed = tmp_path / "cik-disnaker-klungkung-2024-ubah.xlsx"
    book.save(changed)
    wh = tmp_path / "k.duckdb"
    build(wh, [read_document(sample_pdf), read_document(changed)])
    line = q(wh, "SELECT pagu_idr, dokumen_count, is_sepakat FROM fct_anggaran WHERE kode = '2.07.01.2.02.0001'")
    assert line == [(Decimal("3787355027.00"), 2, False)]
    assert q(wh, "SELECT count(*) FROM fct_anggaran WHERE NOT is_sepakat") == [(1,)]
    found = q(wh, "SELECT d.file_name, f.severity, f.reported, f.expected, f.message FROM fct_temuan f "
                  "JOIN dim_dokumen d USING (source_document_id) WHERE f.rule = 'lintas_dokumen'")
    assert [(f, s) for f, s, *_ in found] == [("cik-disnaker-klungkung-2024-ubah.xlsx", "tinggi")]
    message = found[0][4]
    assert "cik-disnaker-klungkung-2024-ubah.xlsx (sheet CIK, baris" in message
    assert "lkjip-disnaker-klungkung-2024.pdf (Tabel 3.9, hlm. 25)" in message


def test_a_corrected_version_supersedes_the_first(two_years_twice, tmp_path):
    import shutil

    wh_src, base = two_years_twice
    wh = tmp_path / "k.duckdb"
    shutil.copy(wh_src, wh)
    # the 2023 report re-issued with one sasaran value corrected, a newer file
    data = consistent_report()
    first = base / "lkjip-disnaker-klungkung-2023.pdf"
    corrected = tmp_path / "lkjip-disnaker-klungkung-2023-revisi.pdf"
    import dataclasses

    tables = list(data.sasaran_tables)
    first_table = tables[0]
    row = first_table.rows[0]
    value = dataclasses.replace(row.values[0], realisasi=Decimal("79.90"), capaian=Decimal("102.11"))
    tables[0] = dataclasses.replace(first_table, rows=(dataclasses.replace(row, values=(value,)),) + first_table.rows[1:])
    lkjip.write_report(corrected, lkjip.STYLES["no_rules_rp"], dataclasses.replace(data, sasaran_tables=tuple(tables)))
    later = time.time() + 60
    os.utime(corrected, (later, later))
    build(wh, [read_document(corrected)])
    statuses = dict(q(wh, "SELECT file_name, status FROM dim_dokumen"))
    assert statuses["lkjip-disnaker-klungkung-2023.pdf"] == "superseded"
    assert statuses["lkjip-disnaker-klungkung-2023-revisi.pdf"] == "loaded"
    chosen = q(wh, "SELECT realisasi, d.file_name FROM mart_capaian_indikator m JOIN dim_dokumen d USING (source_document_id) "
                   "WHERE m.tahun = 2023 AND m.jenis = 'tahunan' AND m.indikator ILIKE 'tingkat%'")
    assert chosen == [(Decimal("79.9000"), "lkjip-disnaker-klungkung-2023-revisi.pdf")]
    changed = q(wh, "SELECT reported, expected FROM fct_temuan f JOIN dim_dokumen d USING (source_document_id) "
                    "WHERE f.rule = 'lintas_laporan' AND d.status = 'superseded' AND f.tahun = 2023 AND f.indikator ILIKE 'tingkat%'")
    assert ("79,81", "79,90") in changed


def test_a_line_printed_twice_in_one_document_is_named_too(tmp_path, transformed):
    """A document that prints one code twice with two pagu (jabar-distan-2016-lkip.pdf, p. 50-52,
    where program numbers read as codes repeat): one answer, the first printing, and the other
    row named by lintas_dokumen. The sample's salary line (p. 25) printed again 1 rupiah higher."""
    import dataclasses

    from tests.conftest import build_warehouse

    rows = transformed.rows["fct_anggaran_per_dokumen"]
    gaji = next(r for r in rows if r["kode"] == "2.07.01.2.02.0001")
    again = {**gaji, "pagu_idr": gaji["pagu_idr"] + 1, "pagu_printed": "3.787.355.028,00", "source_page": 28, "source_row": 999}
    doc = dataclasses.replace(transformed, rows={**transformed.rows, "fct_anggaran_per_dokumen": [*rows, again]})
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, doc)
    assert q(wh, "SELECT pagu_idr, source_row, dokumen_count, is_sepakat FROM fct_anggaran WHERE kode = '2.07.01.2.02.0001'") == [
        (gaji["pagu_idr"], gaji["source_row"], 1, False)
    ]
    found = q(wh, "SELECT reported, expected, message FROM fct_temuan WHERE rule = 'lintas_dokumen'")
    assert [(r, e) for r, e, _ in found] == [("3.787.355.028,00", "3.787.355.027,00")]
    assert "lkjip-disnaker-klungkung-2024.pdf (Tabel 3.9, hlm. 28)" in found[0][2]
    assert "lkjip-disnaker-klungkung-2024.pdf (Tabel 3.9, hlm. 25)" in found[0][2]
    # never hidden: every line whose printings disagree has a finding
    assert q(wh, "SELECT kode FROM fct_anggaran a WHERE NOT is_sepakat AND NOT EXISTS "
                 "(SELECT 1 FROM fct_temuan f WHERE f.rule = 'lintas_dokumen' AND f.kode = a.kode AND f.tahun = a.tahun)") == []
