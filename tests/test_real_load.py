"""Real documents of other agencies load whole into the warehouse: the loader never rejects a
document for a figure printed more precisely than a column holds (#15: a run never fails on
content; never lose data)."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from flows.documents import read_document
from load.warehouse import WarehouseBuild
from tests.conftest import ROOT, fetch

REAL = ROOT.parent / "shared" / "real"



def load_alone(result, wh):
    """Load one read document into a new warehouse, built and committed; return its path."""
    with WarehouseBuild(wh) as build:
        outcome = build.load_document(result.document.dokumen, result.document.rows, result.size)
        build.refresh()
        build.commit()
    assert outcome.status == "loaded", outcome.error
    return wh

def test_rfk_percentages_printed_to_five_decimals_load_as_printed(tmp_path):
    """RFK Grobogan Agustus 2022 prints realisation % to five decimals: 0,49505 for Sistem
    Informasi Penataan Ruang (p. 6, tests/golden/real/grobogan-dpupr-2022-rfk-agustus.anggaran.csv
    line 506); a DECIMAL(12,4) column once rejected the whole document."""
    result = read_document(REAL / "grobogan-dpupr-2022-rfk-agustus.pdf")
    assert result.ok, result.error
    wh = load_alone(result, tmp_path / "k.duckdb")
    rows = fetch(wh, "SELECT pagu_idr, realisasi_idr, serapan_pct_reported, source_page FROM fct_anggaran_per_dokumen "
                     "WHERE nama_printed = 'Sistem Informasi Penataan Ruang'")
    assert rows == [(Decimal("303000000.00"), Decimal("1500000.00"), Decimal("0.495050"), 6)]


def test_an_older_warehouse_with_narrower_percent_columns_is_migrated_with_its_rows(tmp_path, transformed):
    """A warehouse whose printed-percentage columns were DECIMAL(12,4) is rebuilt to the current
    types by the next build, its rows kept."""
    wh = tmp_path / "k.duckdb"
    with WarehouseBuild(wh) as build:
        build.load_document(transformed.dokumen, transformed.rows, 1)
        build.refresh()
        build.commit()
    con = duckdb.connect(str(wh))
    con.execute("ALTER TABLE fct_anggaran_per_dokumen ALTER serapan_pct_reported TYPE DECIMAL(12, 4)")
    con.close()
    with WarehouseBuild(wh) as build:
        build.refresh()
        build.commit()
    assert fetch(wh, "SELECT typeof(serapan_pct_reported), count(*), sum(serapan_pct_reported) FROM fct_anggaran_per_dokumen "
                     "GROUP BY 1") == [("DECIMAL(18,6)", 45, sum(Decimal(str(r["serapan_pct_reported"])) for r in
                                                              transformed.rows["fct_anggaran_per_dokumen"]
                                                              if r["serapan_pct_reported"] is not None))]



def test_a_perjanjian_kinerja_loads_its_targets_and_program_budgets(tmp_path):
    """Dispora Jabar 2017 PK (#15): a PK is no LKjIP, but its tables are indicator targets
    (p.3: NO | SASARAN | INDIKATOR KINERJA | SATUAN | TARGET, few figures on the page) and
    program budgets (p.4: Program | Anggaran | Keterangan); they land in fct_indikator and
    fct_anggaran instead of the document being rejected."""
    result = read_document(REAL / "jabar-dispora-2017-pk.pdf")
    assert result.ok, result.error
    assert result.document.dokumen["jenis"] == "pk"
    wh = load_alone(result, tmp_path / "k.duckdb")
    budget = fetch(wh, "SELECT count(*), sum(pagu_idr), min(source_page), max(source_page) FROM fct_anggaran_per_dokumen")
    assert budget == [(10, Decimal("296480451935.00"), 4, 4)]  # the 10 programs of p.4 (golden amounts, summed)
    targets = fetch(wh, "SELECT indikator, target, target_printed FROM fct_indikator_per_dokumen "
                        "WHERE source_page = 3 ORDER BY source_row")
    assert len(targets) == 5
    assert targets[2] == ("Peningkatan prestasi pemuda Jawa Barat Tingkat Nasional", Decimal("6"), "6")
    assert targets[4][1:] == (Decimal("36.6"), "36,6")
    assert targets[0][2] == "100 dari 110 Organisasi Kepemudaan" and targets[0][1] is None  # kept as text
