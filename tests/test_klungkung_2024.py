"""The real 2024 LKjIP of Dinas Ketenagakerjaan Kabupaten Klungkung, PDF to records.

Expected values are hand-transcribed from the report's text (tests/golden/); the report's
own contradictions are kept as printed.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import dec, read_golden

GOLDEN_ANGGARAN = read_golden("klungkung_2024_anggaran.csv")
GOLDEN_SASARAN = read_golden("klungkung_2024_sasaran.csv")


def norm(text):
    return " ".join((text or "").split())


def test_document_says_who_and_when(transformed):
    d = transformed.dokumen
    assert (d["pemda"], d["opd"], d["tahun"]) == ("Kabupaten Klungkung", "Dinas Ketenagakerjaan", 2024)
    assert d["page_count"] == 33
    assert d["number_locale"] == "id"
    assert d["pages_without_text"] is None


def test_budget_table_found_by_its_header_and_stitched_over_four_pages(extracted):
    budget = [t for t in extracted.tables if t.kind == "anggaran"]
    assert len(budget) == 1
    assert budget[0].pages == [25, 26, 27, 28]
    assert "Tabel 3.9" in budget[0].caption
    assert "ANGGARAN / RENCANA" in budget[0].header_text


def test_all_45_coded_lines_in_document_order(transformed):
    lines = transformed.rows["fct_anggaran_per_dokumen"]
    assert [r["kode_printed"] for r in lines] == [g["kode_printed"] for g in GOLDEN_ANGGARAN]
    levels = [r["level"] for r in lines]
    assert {lv: levels.count(lv) for lv in set(levels)} == {
        "urusan": 2, "bidang": 2, "program": 5, "kegiatan": 13, "sub_kegiatan": 23,
    }


@pytest.mark.parametrize("golden", GOLDEN_ANGGARAN, ids=lambda g: g["kode_printed"])
def test_budget_line_matches_the_report(transformed, golden):
    line = next(r for r in transformed.rows["fct_anggaran_per_dokumen"] if r["kode_printed"] == golden["kode_printed"])
    assert line["kode"] == golden["kode"]
    assert line["level"] == golden["level"]
    assert line["source_page"] == int(golden["source_page"])
    assert (line["nomor_printed"] or "") == golden["nomor_printed"]
    assert norm(line["nama_printed"]) == golden["nama_printed"]
    assert line["pagu_idr"] == dec(golden["pagu_idr"])
    assert line["realisasi_idr"] == dec(golden["realisasi_idr"])
    assert line["serapan_pct_reported"] == dec(golden["serapan_pct_reported"])
    assert line["parse_issue"] is None


@pytest.mark.parametrize(
    "golden", [g for g in GOLDEN_ANGGARAN if g["target"]], ids=lambda g: g["kode_printed"]
)
def test_budget_line_indicator_matches_the_report(transformed, golden):
    values = [
        r for r in transformed.rows["fct_indikator_per_dokumen"]
        if r["jenis"] == "anggaran" and r["kode"] == golden["kode"] and r["source_page"] == int(golden["source_page"])
    ]
    assert len(values) == 1
    v = values[0]
    assert norm(v["indikator"]) == golden["indikator"]
    assert (v["satuan"] or "") == golden["satuan"]
    assert v["target"] == dec(golden["target"])
    assert v["realisasi"] == dec(golden["realisasi"])
    assert v["capaian_pct_reported"] == dec(golden["capaian_pct_reported"])
    assert v["level"] == golden["level"] and v["tahun"] == 2024


def test_row_split_by_page_break_is_one_row_with_both_pages(transformed):
    line = next(r for r in transformed.rows["fct_anggaran_per_dokumen"] if r["kode"] == "2.07.05.2.01")
    assert line["source_pages"] == "26,27"
    assert norm(line["nama_printed"]).endswith("yang Hanya Beroperasi dalam 1 (Satu) Daerah Kabupaten/Kota")
    indikator = next(r for r in transformed.rows["fct_indikator_per_dokumen"] if r["kode"] == "2.07.05.2.01")
    assert indikator["indikator"] == "Persentase Perusahaan yang Menerapkan sarana Hubungan industrial"


def test_line_without_printed_name_is_kept(transformed):
    line = next(r for r in transformed.rows["fct_anggaran_per_dokumen"] if r["kode"] == "2.07.01.2.01.0002")
    assert line["nama_printed"] is None
    assert line["pagu_idr"] == Decimal("21962530.00")


def test_indicator_without_printed_text_is_kept_and_flagged(transformed):
    v = next(r for r in transformed.rows["fct_indikator_per_dokumen"] if r["kode"] == "2.07.01.2.03")
    assert v["indikator"] is None and v["parse_issue"] == "indikator tidak tercetak"
    assert (v["target"], v["realisasi"], v["capaian_pct_reported"]) == (Decimal("100.00"), Decimal("95.55"), Decimal("95.55"))


def test_recomputed_absorption_sits_beside_the_printed_one(transformed):
    gaji = next(r for r in transformed.rows["fct_anggaran_per_dokumen"] if r["kode"] == "2.07.01.2.02.0001")
    assert gaji["serapan_pct_reported"] == Decimal("93.85")
    assert gaji["serapan_pct"] == Decimal("98.86")


def test_footer_totals_are_read_as_printed_figures(transformed):
    footer = {(r["label_key"], r["urutan"]): r["nilai"] for r in transformed.rows["fct_ringkasan_anggaran"]}
    assert footer[("jumlah", 1)] == Decimal("6254031019.00")
    assert footer[("jumlah", 2)] == Decimal("5736636675.00")
    assert footer[("jumlah", 3)] == Decimal("91.73")
    assert footer[("sisa", 1)] == Decimal("517394344.00")
    assert footer[("totalprogram", 1)] == 5
    assert footer[("totalkegiatan", 1)] == 13
    assert footer[("totalsubkegiatan", 1)] == 23
    assert footer[("ratarataCapaianprogram".lower(), 1)] == Decimal("106.23")
    coded = {r["kode_printed"] for r in transformed.rows["fct_anggaran_per_dokumen"]}
    assert not any(k.startswith(("JUMLAH", "SISA", "Total")) for k in coded)


def sasaran_rows(transformed):
    return [r for r in transformed.rows["fct_indikator_per_dokumen"] if r["jenis"] in ("tahunan", "multitahun", "renstra")]


def test_sasaran_tables_give_every_value(transformed):
    rows = sasaran_rows(transformed)
    assert len(rows) == len(GOLDEN_SASARAN) == 11
    jenis = {"tahunan": "tahunan", "multitahun": "multitahun", "renstra": "renstra"}
    got = sorted(
        (r["jenis"], r["source_page"], norm(r["sasaran"]), norm(r["indikator"]), r["tahun"], r["target"], r["realisasi"], r["capaian_pct_reported"], r["satuan"] or "")
        for r in rows
    )
    want = sorted(
        (jenis[g["jenis"]], int(g["source_page"]), g["sasaran"], g["indikator"], int(g["tahun"]), dec(g["target"]), dec(g["realisasi"]), dec(g["capaian_pct_reported"]), g["satuan"])
        for g in GOLDEN_SASARAN
    )
    assert got == want


def test_printed_decimals_are_kept(transformed):
    renstra = [r for r in sasaran_rows(transformed) if r["jenis"] == "renstra" and r["source_page"] == 21]
    assert sorted(r["capaian_printed"] for r in renstra) == ["100,00", "187,90"]


def test_every_recognised_kind_of_the_report(extracted):
    kinds = sorted(t.kind for t in extracted.tables if t.kind)
    assert kinds == sorted(
        ["pegawai"] * 3 + ["konteks_variabel", "iku", "perjanjian_kinerja", "sasaran_tahunan", "sasaran_tahunan",
         "sasaran_multitahun", "sasaran_multitahun", "renstra", "renstra", "konteks_wilayah",
         "efisiensi", "anggaran"]
    )


def test_cells_keep_page_and_position(transformed):
    cells = [c for c in transformed.rows["stg_sel"] if c["text"] == "6.214.345.759,00"]
    assert {c["source_page"] for c in cells} == {25}
    assert all(c["column_name"] == "pagu" and c["x1"] > c["x0"] and c["bottom"] > c["top"] for c in cells)


def test_iku_and_perjanjian_kinerja_targets(transformed):
    """Tabel 2.2 and 2.3 (p.18), read off the seed text by hand."""
    got = {
        (r["jenis"], r["tahun"], r["indikator"]): (r["target"], r["realisasi"])
        for r in transformed.rows["fct_indikator_per_dokumen"] if r["jenis"] in ("iku", "iku_awal", "iku_akhir", "pk")
    }
    tpak = "Tingkat Partisipasi Angkatan Kerja"
    assert got[("iku_awal", 2023, tpak)] == (None, Decimal("78.99"))
    assert [got[("iku", y, tpak)][0] for y in (2024, 2025, 2026)] == [Decimal("79.00"), Decimal("79.01"), Decimal("79.02")]
    assert got[("iku_akhir", 2026, tpak)] == (Decimal("70.02"), None)
    assert got[("iku", 2026, "Tingkat Partisipasi Angkatan Kerja Oleh BPS")] == (Decimal("15"), None)
    assert got[("iku_akhir", 2026, "Jumlah perselisihan hubungan industrial")] == (Decimal("1"), None)
    assert got[("pk", 2024, tpak)] == (Decimal("79.00"), None)
    assert got[("pk", 2024, "Jumlah perselisihan hubungan industrial")] == (Decimal("2"), None)
    assert len(got) == 17


def test_context_statistics(transformed):
    """TPAK per kabupaten/kota (p.20), Tabel 1.5 (p.8) and staff tables 2.1-2.3 (pp.13-14)."""
    rows = transformed.rows["fct_konteks"]
    tpak = {(r["wilayah"], r["tahun"]): r["nilai"] for r in rows if r["variabel"] and r["variabel"].startswith("Tingkat partisipasi")}
    assert len(tpak) == 30
    assert [tpak[("Kab. Klungkung", y)] for y in (2022, 2023, 2024)] == [Decimal("79.81"), Decimal("79.88"), Decimal("77.23")]
    assert tpak[("Provinsi Bali", 2024)] == Decimal("77.11")
    umk = {r["tahun"]: (r["nilai"], r["satuan"]) for r in rows if r["variabel"] == "UMK"}
    assert umk[2024] == (Decimal("2996561"), "Rp/bulan") and umk[2021] == (Decimal("2538000.00"), "Rp/bulan")
    totals = [r["nilai"] for r in rows if r["kategori"] == "Jumlah"]
    assert totals == [Decimal("34")] * 3
    smp = next(r for r in rows if r["kategori"] == "SMP")
    assert (smp["nilai"], smp["nilai_printed"], smp["parse_issue"]) == (None, "-", None)
