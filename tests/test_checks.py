"""Each check on its own: putting one printed figure of the real report right removes exactly
that figure's finding; making one consistent figure wrong raises exactly one new finding."""

from __future__ import annotations

import copy
from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import build_warehouse, fetch


def findings(tmp_path, doc) -> list[tuple]:
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, doc)
    return sorted(fetch(wh, "SELECT rule, coalesce(kode, ''), coalesce(indikator, ''), tahun, reported, expected FROM fct_temuan"))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, transformed):
    return findings(tmp_path_factory.mktemp("base"), transformed)


def line(doc, kode):
    return next(r for r in doc.rows["fct_anggaran_per_dokumen"] if r["kode"] == kode)


def indicator(doc, jenis, tahun, start):
    return next(r for r in doc.rows["fct_indikator_per_dokumen"] if r["jenis"] == jenis and r["tahun"] == tahun and (r["indikator"] or "").startswith(start))


def fix_serapan(doc):
    line(doc, "2.07.01.2.02.0001").update(serapan_pct_reported=Decimal("98.86"), serapan_printed="98,86")


def break_serapan(doc):
    line(doc, "2.07.03.2.01").update(serapan_pct_reported=Decimal("95.00"), serapan_printed="95,00")


def fix_capaian(doc):
    indicator(doc, "tahunan", 2024, "Tingkat").update(capaian_pct_reported=Decimal("101.11"), capaian_printed="101,11")


def break_capaian(doc):
    indicator(doc, "anggaran", 2024, "Jumlah Tenaga Kerja yang Ditempatkan").update(capaian_pct_reported=Decimal("100.00"), capaian_printed="100,00")


def fix_parent(doc):
    line(doc, "2.07.01.2.01").update(pagu_idr=Decimal("25257580.00"), realisasi_idr=Decimal("10921850.00"))


def break_parent(doc):
    line(doc, "2.07.03.2.05").update(realisasi_idr=Decimal("565345226.00"))


def break_over_pagu(doc):
    line(doc, "2.07.04.2.01.0005").update(realisasi_idr=Decimal("852158461.00"))


def fix_footer_average(doc):
    row = next(r for r in doc.rows["fct_ringkasan_anggaran"] if r["label_key"] == "ratarata capaiankegiatan".replace(" ", ""))
    row.update(nilai=Decimal("109.77"), nilai_printed="109,77")


def fix_name(doc):
    line(doc, "2.07.01.2.06.0005").update(nama_printed="Penyediaan Barang Cetakan dan Penggandaan")


def break_table_pair(doc):
    indicator(doc, "multitahun", 2024, "Jumlah perselisihan").update(realisasi=Decimal("1"), realisasi_printed="1")


CASES = {
    # change: (rules of the findings it removes, rules of the findings it adds). A changed
    # figure also moves the findings that compare with it, and those are named too.
    "serapan_tercetak fixed": (fix_serapan, ["serapan_tercetak", "beda_antar_tabel"], ["beda_antar_tabel"]),
    "serapan_tercetak broken": (break_serapan, [], ["serapan_tercetak", "beda_antar_tabel"]),
    "capaian_tercetak fixed": (fix_capaian, ["capaian_tercetak", "beda_antar_tabel"], ["beda_antar_tabel"] * 2),
    "capaian_tercetak broken": (break_capaian, [], ["capaian_tercetak", "beda_antar_tabel", "rata_rata_footer"]),
    "jumlah_anak fixed": (fix_parent, ["jumlah_anak"] * 4 + ["serapan_tercetak"], ["jumlah_anak"] * 2 + ["serapan_tercetak"]),
    "jumlah_anak broken": (break_parent, [], ["jumlah_anak"] * 2),
    "realisasi_melebihi_pagu broken": (break_over_pagu, [], ["realisasi_melebihi_pagu", "jumlah_anak", "serapan_tercetak"]),
    "rata_rata_footer fixed": (fix_footer_average, ["rata_rata_footer"], []),
    "nomenklatur fixed": (fix_name, ["nomenklatur"], []),
    "beda_antar_tabel broken": (break_table_pair, ["capaian_tercetak"], ["capaian_tercetak", "beda_antar_tabel"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_one_changed_figure_changes_only_its_findings(case, tmp_path, transformed, baseline):
    change, removed, added = CASES[case]
    doc = copy.deepcopy(transformed)
    change(doc)
    after = Counter(findings(tmp_path, doc))
    before = Counter(baseline)
    gone = sorted((before - after).elements())
    new = sorted((after - before).elements())
    assert (sorted(f[0] for f in gone), sorted(f[0] for f in new)) == (sorted(removed), sorted(added)), (gone, new)
