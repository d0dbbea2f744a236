"""Spreadsheet exports: the real sample and generated variants, into the same records as PDFs."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from extract.errors import ExtractError
from extract.spreadsheet import extract_spreadsheet
from flows.documents import read_document
from tests import sheets
from tests.conftest import ROOT, dec, read_golden
from transform.document import transform_document

GOLDEN = read_golden("klungkung_2024_anggaran.csv")
SAMPLE_XLSX = ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"


def budget(path: Path):
    return transform_document(extract_spreadsheet(path))


def assert_same_budget_lines(doc, with_serapan=True):
    lines = doc.rows["fct_anggaran_per_dokumen"]
    assert [(r["kode"], r["level"]) for r in lines] == [(g["kode"], g["level"]) for g in GOLDEN]
    for r, g in zip(lines, GOLDEN):
        assert r["pagu_idr"] == dec(g["pagu_idr"]), g["kode"]
        assert r["realisasi_idr"] == dec(g["realisasi_idr"]), g["kode"]
        if with_serapan:
            assert r["serapan_pct_reported"] == dec(g["serapan_pct_reported"]), g["kode"]
        assert (r["nama_printed"] or "") == g["nama_printed"]
        assert r["parse_issue"] is None


@pytest.fixture(scope="module")
def sample():
    return budget(SAMPLE_XLSX)


def test_sample_export_gives_the_same_45_lines_as_the_pdf_to_the_rupiah(sample, transformed):
    assert_same_budget_lines(sample)
    pdf_lines = [(r["kode"], r["pagu_idr"], r["realisasi_idr"]) for r in transformed.rows["fct_anggaran_per_dokumen"]]
    assert [(r["kode"], r["pagu_idr"], r["realisasi_idr"]) for r in sample.rows["fct_anggaran_per_dokumen"]] == pdf_lines


def test_sample_export_indicators_match_the_pdf(sample, transformed):
    def key(rows):
        return [
            (r["kode"], r["indikator"], r["satuan"], r["target"], r["realisasi"], r["capaian_pct_reported"])
            for r in rows if r["jenis"] == "anggaran"
        ]

    assert key(sample.rows["fct_indikator_per_dokumen"]) == key(transformed.rows["fct_indikator_per_dokumen"])


def test_title_block_gives_year_opd_stage_and_month(sample):
    d = sample.dokumen
    assert (d["tahun"], d["opd"], d["tahapan"], d["bulan"], d["format"]) == (2024, "Dinas Ketenagakerjaan", "perubahan", "Desember", "xlsx")
    assert d["page_count"] is None and d["sheets"] == "CIK"


def test_provenance_is_sheet_and_row(sample):
    first = sample.rows["fct_anggaran_per_dokumen"][0]
    assert (first["source_sheet"], first["source_row"], first["source_page"]) == ("CIK", 9, None)
    cell = next(c for c in sample.rows["stg_sel"] if c["source_row"] == 9 and c["column_name"] == "pagu")
    assert (cell["column_index"], cell["text"]) == (5, "6214345759")


def test_footer_rows_are_totals_not_lines(sample):
    footer = {(r["label_key"], r["urutan"]): r["nilai"] for r in sample.rows["fct_ringkasan_anggaran"]}
    assert footer[("jumlah", 1)] == Decimal("6254031019")
    assert footer[("sisa", 1)] == Decimal("517394344")
    assert footer[("totalsubkegiatan", 1)] == 23
    assert not any(r["kode"] is None for r in sample.rows["fct_anggaran_per_dokumen"])


@pytest.mark.parametrize("layout", ["cik", "subcode", "split", "simple"])
def test_code_layouts_in_xlsx(tmp_path, layout):
    path = sheets.write_xlsx(tmp_path / f"{layout}.xlsx", {"CIK": sheets.TITLE + sheets.budget_rows(layout)})
    doc = budget(path)
    assert_same_budget_lines(doc)
    assert doc.dokumen["tahapan"] == "murni" and doc.dokumen["bulan"] == "Juni"
    footer = {(r["label_key"], r["urutan"]): r["nilai"] for r in doc.rows["fct_ringkasan_anggaran"]}
    assert footer[("jumlah", 1)] == Decimal("6254031019") and footer[("rataratacapaian", 1)] == Decimal("107.21")


def test_merged_header_cells_from_the_file(tmp_path):
    rows = sheets.TITLE + sheets.budget_rows("cik")
    merges = {"CIK": ["A7:C7", "D7:D8", "E7:E8", "F7:H7", "I7:L7", "M7:M8"]}
    doc = budget(sheets.write_xlsx(tmp_path / "merged.xlsx", {"CIK": rows}, merges))
    assert_same_budget_lines(doc)
    assert len([r for r in doc.rows["fct_indikator_per_dokumen"] if r["target"] is not None]) == 41


@pytest.mark.parametrize("locale", ["id", "en"])
def test_numbers_printed_as_text_in_either_locale(tmp_path, locale):
    rows = sheets.TITLE + sheets.budget_rows("cik", locale=locale, as_text=True)
    doc = budget(sheets.write_xlsx(tmp_path / f"text-{locale}.xlsx", {"CIK": rows}))
    assert doc.dokumen["number_locale"] == locale
    assert_same_budget_lines(doc)


def test_csv_with_semicolons_and_two_header_rows(tmp_path):
    rows = sheets.TITLE + sheets.budget_rows("cik", locale="id", as_text=True)
    doc = budget(sheets.write_csv(tmp_path / "cik.csv", rows))
    assert doc.dokumen["format"] == "csv"
    assert_same_budget_lines(doc)


def test_ods(tmp_path):
    doc = budget(sheets.write_ods(tmp_path / "cik.ods", sheets.TITLE + sheets.budget_rows("split")))
    assert doc.dokumen["format"] == "ods"
    assert_same_budget_lines(doc)


def test_xls(tmp_path):
    doc = budget(sheets.write_xls(tmp_path / "cik.xls", sheets.TITLE + sheets.budget_rows("cik")))
    assert doc.dokumen["format"] == "xls"
    assert_same_budget_lines(doc)


def test_several_sheets_keep_the_table_and_name_the_skipped(tmp_path):
    path = sheets.write_xlsx(
        tmp_path / "multi.xlsx",
        {
            "Sampul": [["Laporan bulanan"], ["Disusun oleh bagian program"]],
            "CIK": sheets.TITLE + sheets.budget_rows("simple"),
            "Kosong": [],
        },
    )
    extracted = extract_spreadsheet(path)
    assert [t.sheet for t in extracted.tables] == ["CIK"]
    assert extracted.notes == [
        "sheet 'Sampul' dilewati: tidak ada header tabel yang dikenali",
        "sheet 'Kosong' dilewati: kosong",
    ]
    doc = transform_document(extracted)
    assert "Sampul" in doc.dokumen["notes"]
    assert_same_budget_lines(doc)


def test_spreadsheet_of_something_else_is_rejected_naming_its_sheets(tmp_path):
    path = sheets.write_xlsx(tmp_path / "absensi.xlsx", {"Absensi": [["Nama", "Hadir"], ["Wayan", 20]]})
    result = read_document(path)
    assert result.error == "absensi.xlsx: tidak ada tabel yang dikenali (sheet 'Absensi')"


def test_password_protected_xlsx_is_rejected(tmp_path):
    path = tmp_path / "terkunci.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    assert read_document(path).error == "terkunci.xlsx: spreadsheet terkunci kata sandi (encrypted); simpan ulang tanpa kata sandi"


def test_not_a_spreadsheet_is_rejected(tmp_path):
    path = tmp_path / "laporan.xlsx"
    path.write_text("<html>login</html>")
    assert read_document(path).error == "laporan.xlsx: bukan berkas xlsx (isi berkas bukan arsip spreadsheet)"


def test_zip_bomb_is_rejected_before_reading(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    with pytest.raises(ExtractError, match="zip bomb"):
        extract_spreadsheet(path)


def test_empty_spreadsheet_is_rejected(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    assert read_document(path).error == "kosong.xlsx: berkas kosong (0 byte)"


def flat_export_rows() -> tuple[list[list], list[dict]]:
    """A pemda-wide flat export of the golden sub-kegiatan lines, written as SIPD e-budgeting
    writes one (Mamberamo Raya APBD-P 2023): no title block, one header row whose words no known
    spelling holds, each row naming its agency, program and kegiatan as "code name" cells, the
    budget before and after the change, and the second agency's first amount the text "None"."""
    parents = {g["kode"]: g for g in sheets.GOLDEN if g["level"] in ("program", "kegiatan")}
    subs = [g for g in sheets.GOLDEN if g["level"] == "sub_kegiatan" and g["nama_printed"]]
    rows: list[list] = [["SKPD", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "URAIAN BELANJA", "JUMLAH", "JUMLAH PERUBAHAN"]]
    for opd in ("2.07.01.0000 - DINAS KETENAGAKERJAAN", "2.07.02.0000 - DINAS LAIN"):
        for g in subs:
            program, kegiatan = (".".join(g["kode"].split(".")[:n]) for n in (3, 5))
            rows.append([opd, f"{program} {parents[program]['nama_printed']}",
                         f"{kegiatan} {parents[kegiatan]['nama_printed'] if kegiatan in parents else ''}".strip(),
                         f"{g['kode']} {g['nama_printed']}", "5.1.02.01.01.0024 Belanja Alat Tulis Kantor",
                         float(Decimal(g["pagu_idr"]) + 1000), float(Decimal(g["pagu_idr"]))])
    rows[len(subs) + 1][6] = "None"
    return rows, subs


def test_flat_pemda_wide_export_by_column_roles(tmp_path):
    rows, subs = flat_export_rows()
    doc = budget(sheets.write_xlsx(tmp_path / "flat.xlsx", {"Sheet1": [["TAHUN ANGGARAN 2024"], []] + rows}))
    lines = doc.rows["fct_anggaran_per_dokumen"]
    assert len(lines) == 2 * len(subs)
    for line, g in zip(lines, subs + subs):
        assert (line["kode_printed"], line["level"], line["nama_printed"]) == (g["kode"], "sub_kegiatan", g["nama_printed"])
    assert [r["opd"] for r in lines] == ["2.07.01.0000 - DINAS KETENAGAKERJAAN"] * len(subs) + ["2.07.02.0000 - DINAS LAIN"] * len(subs)
    assert [r["pagu_idr"] for r in lines[: len(subs)]] == [dec(g["pagu_idr"]) for g in subs]  # after the change
    none = lines[len(subs)]
    assert (none["pagu_idr"], none["pagu_printed"]) == (None, "None") and "'None'" in none["parse_issue"]
    assert [r["pagu_idr"] for r in lines[len(subs) + 1:]] == [dec(g["pagu_idr"]) for g in subs[1:]]


def test_xls_with_one_no_column_and_satuan_in_its_own_column(tmp_path):
    """An indicator table's header words (NO | INDIKATOR | SATUAN | TARGET | REALISASI) beside
    amount columns: read as a budget table by roles, so neither the lines nor their indicators
    are lost (issue 14: an .xls with a single NO column and satuan in its own column)."""
    lines = [g for g in sheets.GOLDEN if g["nama_printed"] and g["indikator"] and g["realisasi_idr"]]
    rows = sheets.TITLE + [["NO", "PROGRAM/KEGIATAN", "INDIKATOR", "SATUAN", "TARGET", "REALISASI", "ANGGARAN (Rp)", "REALISASI (Rp)"]]
    for i, g in enumerate(lines, 1):
        rows.append([str(i), g["nama_printed"], g["indikator"], g["satuan"], float(Decimal(g["target"])),
                     float(Decimal(g["realisasi"])), float(Decimal(g["pagu_idr"])), float(Decimal(g["realisasi_idr"]))])
    doc = budget(sheets.write_xls(tmp_path / "no-satuan.xls", rows))
    got = doc.rows["fct_anggaran_per_dokumen"]
    assert [(r["nama_printed"], r["pagu_idr"], r["realisasi_idr"]) for r in got] == [
        (g["nama_printed"], dec(g["pagu_idr"]), dec(g["realisasi_idr"])) for g in lines]
    assert [(r["indikator"], r["satuan"], r["target"], r["realisasi"]) for r in doc.rows["fct_indikator_per_dokumen"]] == [
        (g["indikator"], g["satuan"] or None, dec(g["target"]), dec(g["realisasi"])) for g in lines]
