"""Two years in one warehouse: the real 2024 report and a generated 2023 report."""

from __future__ import annotations

import os
import re
import time
from decimal import Decimal

import duckdb
import pytest

from flows.documents import read_document
from load.warehouse import WarehouseBuild
from tests.conftest import ROOT
from tests.generator import lkjip
from tests.reports import consistent_report

QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "queries.md").read_text(encoding="utf-8"), re.DOTALL)
MARTS = {
    "mart_serapan_anggaran": "tahun, pemda, opd, kode",
    "mart_capaian_indikator": "tahun, pemda, opd, level, kode, ukuran, indikator",
    "mart_efisiensi": "tahun, pemda, opd, kode",
    "mart_renstra": "tahun, pemda, opd, indikator",
    "mart_konteks_wilayah": "tahun, wilayah, variabel, kategori",
    "mart_temuan": "peringkat",
}


def build(path, results):
    with WarehouseBuild(path) as b:
        for r in results:
            b.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at)
        b.refresh()
        b.commit()


@pytest.fixture(scope="module")
def two_years(tmp_path_factory, sample_pdf):
    base = tmp_path_factory.mktemp("marts")
    report_2023 = base / "lkjip-disnaker-klungkung-2023.pdf"
    lkjip.write_report(report_2023, lkjip.STYLES["no_rules_rp"], consistent_report())
    wh = base / "k.duckdb"
    build(wh, [read_document(sample_pdf), read_document(report_2023)])
    return wh, base


def q(wh, sql, params=()):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("mart", MARTS)
def test_each_mart_has_one_row_per_grain(two_years, mart):
    wh, _ = two_years
    dupes = q(wh, f"SELECT {MARTS[mart]}, count(*) FROM {mart} GROUP BY ALL HAVING count(*) > 1")
    assert dupes == []
    assert q(wh, f"SELECT count(*) FROM {mart}")[0][0] > 0


def test_two_budget_years_with_the_previous_year_beside(two_years):
    wh, _ = two_years
    years = q(wh, "SELECT tahun, count(*) FROM mart_serapan_anggaran GROUP BY 1 ORDER BY 1")
    assert [y for y, _ in years] == [2023, 2024]
    row = q(wh, "SELECT pagu_idr, pagu_idr_prev, serapan_pct_prev FROM mart_serapan_anggaran WHERE tahun = 2024 AND kode = '2.07.03'")
    pagu_2023 = q(wh, "SELECT pagu_idr, serapan_pct FROM mart_serapan_anggaran WHERE tahun = 2023 AND kode = '2.07.03'")[0]
    assert row == [(Decimal("721768870.00"), pagu_2023[0], pagu_2023[1])]


def test_indicator_series_from_2021_to_the_end_of_the_renstra(two_years):
    wh, _ = two_years
    series = q(wh, "SELECT tahun, target, realisasi, tahun_laporan FROM mart_capaian_indikator "
                   "WHERE indikator_key(indikator) = 'tingkatpartisipasiangkatankerja' AND level = 'sasaran' AND ukuran = 'tahunan' ORDER BY tahun")
    assert [r[0] for r in series] == [2021, 2022, 2023, 2024, 2025, 2026]
    by_year = {r[0]: r for r in series}
    assert by_year[2023][3] == 2023  # the report of that year beats the 2024 report's reprint
    assert by_year[2024][1:3] == (Decimal("79.0000"), Decimal("79.8800"))
    assert by_year[2026][1:3] == (Decimal("79.0200"), None)


def test_conflicting_reprint_is_reported(two_years):
    wh, _ = two_years
    rows = q(wh, "SELECT tahun, reported, expected FROM fct_temuan WHERE rule = 'lintas_laporan' AND indikator LIKE 'Tingkat%' AND tahun = 2023")
    assert ("77,75", "78,25") in [(r[1], r[2]) for r in rows]


def test_direction_aware_capaian_in_the_mart(two_years):
    wh, _ = two_years
    row = q(wh, "SELECT arah, target, realisasi, capaian_pct, capaian_pct_reported FROM mart_capaian_indikator "
                "WHERE tahun = 2024 AND level = 'sasaran' AND ukuran = 'tahunan' AND indikator ILIKE 'jumlah perselisihan%'")
    assert row == [("turun", Decimal("2.0000"), Decimal("0.0000"), Decimal("200.00"), Decimal("100.0000"))]


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query{i + 1}" for i in range(len(QUERIES))])
def test_documented_queries_run_and_answer(two_years, sql):
    wh, _ = two_years
    assert q(wh, sql)


def test_there_are_ten_documented_queries():
    assert len(QUERIES) == 10


def test_a_corrected_version_supersedes_the_first(two_years, tmp_path):
    import shutil

    wh_src, base = two_years
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
