"""Each document's kind, pemda, OPD and year, read as the document states them, or left empty.

The expected values are tests/golden/real/metadata.csv, written by hand from the documents
(README "Metadata"). Every document of ../shared/real/ and the two samples are read with the
metadata readers, a pure function of the page texts a run reads (pages without a text layer,
such as an image cover or the scanned PK, through OCR) or of the sheet cells.

OPD names are compared after `normal()`: case folded, commas dropped and runs of white space
made one space ("Badan Penelitian, Pengembangan, dan Penerapan ..." in the signature of
jabar-bp3iptek p3 equals the cover's "Badan Penelitian, Pengembangan dan Penerapan ...").
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdf import extract_pdf
from extract.spreadsheet import sheet_rows
from load.warehouse import WarehouseBuild
from tests.conftest import ROOT, build_warehouse
from tests.test_cli import kinerja
from flows.documents import read_document
from transform.dokumen import (
    JENIS,
    Metadata,
    find_opd,
    find_pemda,
    find_tahun,
    find_triwulan,
    read_pdf_metadata,
    read_sheet_metadata,
    year_from_file_name,
)

REAL = ROOT.parent / "shared" / "real"
GOLDEN = ROOT / "tests" / "golden" / "real" / "metadata.csv"
SAMPLE_XLSX = ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"


def normal(text: str | None) -> str:
    """Compare names without case, commas or spacing differences."""
    return " ".join((text or "").replace(",", " ").split()).casefold()


def _golden() -> list[dict]:
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _path(name: str) -> Path:
    return ROOT / name if name.startswith("samples/") else REAL / name


@lru_cache(maxsize=None)
def read(name: str):
    """The metadata a run gives the document: its content, then a year in its file name."""
    path = _path(name)
    if path.suffix == ".pdf":
        # the page texts a run reads: pages without a text layer (a cover that is a picture, a
        # scanned PK) through OCR, as flows.documents does (the OCR cache keeps reruns cheap)
        meta = read_pdf_metadata(extract_pdf(path).page_texts)
    else:
        meta = read_sheet_metadata(sheet_rows(path))
    meta.fall_back_to_file_name(path.name)
    return meta


CASES = [
    pytest.param(row, name, id=f"{Path(row['file']).stem}-{name}")
    for row in _golden()
    for name in ("jenis", "pemda", "opd", "tahun")
]


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
@pytest.mark.parametrize(("row", "name"), CASES)
def test_metadata_matches_the_hand_made_golden(row, name):
    meta = read(row["file"])
    got = getattr(meta, name)
    if name == "opd":
        assert normal(got) == normal(row["opd"]), meta.note()
    elif name == "tahun":
        assert got == (int(row["tahun"]) if row["tahun"] else None), meta.note()
    else:
        assert (got or "") == row[name], meta.note()


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_a_year_the_content_does_not_state_is_taken_from_the_file_name_and_said_so():
    # the e-budgeting export's cells name 2022, 2023 and 2024 inside line names ("Penyusunan
    # LKPJ Bupati ... Tahun Anggaran 2022"): no vote of those is trusted; its name says 2023
    path = REAL / "mamberamoraya-pemkab-2023-apbdp-ebudgeting.xlsx"
    assert read_sheet_metadata(sheet_rows(path)).tahun is None
    meta = read(path.name)
    assert (meta.tahun, meta.sources["tahun"]) == (2023, "nama berkas")
    assert "tahun: nama berkas" in meta.note() and "tahun" not in meta.note().split("tidak disebut")[-1]


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_the_document_s_own_year_beats_the_file_name(tmp_path):
    # the RKPD export's column tahun says 2023; a copy named for another year keeps 2023
    copy = tmp_path / "rkpd-2019.xlsx"
    shutil.copyfile(REAL / "mamberamoraya-pemkab-2023-rkpdp2.xlsx", copy)
    meta = read_sheet_metadata(sheet_rows(copy))
    meta.fall_back_to_file_name(copy.name)
    assert (meta.tahun, meta.sources["tahun"]) == (2023, "kolom tahun")


@pytest.mark.parametrize(
    ("name", "tahun"),
    [
        ("ebugeting-perubahan-2023.xlsx", 2023),
        ("lkjip_dinkes_2024_final.pdf", 2024),
        ("TA2023.xlsx", 2023),
        ("renstra-2019-2023.pdf", None),  # a span names no one year
        ("rkpd 2022 dan 2023.xlsx", None),  # two years: which?
        ("export-2024-01-15.xlsx", None),  # a date: when it was saved
        ("15.01.2024.xlsx", None),
        ("20230115.xlsx", None),
        ("laporan.xlsx", None),
        ("scan-1234.pdf", None),
    ],
)
def test_year_from_file_name(name, tahun):
    assert year_from_file_name(name) == tahun


def test_a_sidecar_year_beats_the_file_name():
    meta = Metadata()
    meta.override({"tahun": 2022}, "berkas .meta.json")
    meta.fall_back_to_file_name("apbd-2023.xlsx")
    assert (meta.tahun, meta.sources["tahun"]) == (2022, "berkas .meta.json")


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_a_document_with_no_year_anywhere_is_rejected_naming_the_sidecar_to_write(tmp_path):
    path = tmp_path / "ebudgeting-perubahan.xlsx"
    shutil.copyfile(REAL / "mamberamoraya-pemkab-2023-apbdp-ebudgeting.xlsx", path)
    result = read_document(path)
    assert not result.ok
    assert result.error.startswith("ebudgeting-perubahan.xlsx")
    assert "ebudgeting-perubahan.xlsx.meta.json" in result.error and "nama berkas" in result.error
    assert result.metadata["pemda"] == "Kabupaten Mamberamo Raya" and result.metadata["tahun"] is None


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_a_document_that_names_no_pemda_says_so():
    meta = read("tangsel-dikbud-2023-realisasi-kinerja-triwulan.pdf")
    assert meta.pemda is None and "tidak disebut dalam dokumen: pemda" in meta.note()


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_the_year_is_the_title_s_not_the_year_of_publication_nor_a_table_s():
    # cover: "LAPORAN KINERJA ... TAHUN 2016" over "JANUARI 2017"; Klungkung: TAHUN 2024 over TAHUN 2025
    assert read("jabar-bp3akb-2016-lkip.pdf").tahun == 2016
    assert read("samples/lkjip-disnaker-klungkung-2024.pdf").tahun == 2024
    assert read("samples/lkjip-disnaker-klungkung-2024.pdf").sources["tahun"] == "sampul"


def test_the_loaded_sample_keeps_its_metadata_and_says_where_it_was_read(transformed):
    d = transformed.dokumen
    assert (d["jenis"], d["pemda"], d["opd"], d["tahun"]) == ("lkjip", "Kabupaten Klungkung", "Dinas Ketenagakerjaan", 2024)
    assert d["metadata_note"] == "jenis: sampul; pemda: sampul; opd: sampul; tahun: sampul"


@pytest.mark.parametrize(
    ("text", "pemda"),
    [
        ("PEMERINTAH KABUPATEN KLUNGKUNG", "Kabupaten Klungkung"),
        ("Badan Ketahanan Pangan Daerah Provinsi Jawa Barat Tahun 2016", "Provinsi Jawa Barat"),
        ("PROVINSI JAWA BARAT MENYUSUN SUATU LAPORAN", "Provinsi Jawa Barat"),
        ("Pemerintah Provinsi Sulawesi Utara Tahun Anggaran 2022", "Provinsi Sulawesi Utara"),
        ("KEPALA DINAS KESEHATAN PROPINSI JAWA BARAT,", "Provinsi Jawa Barat"),
        ("GUBERNUR JAWA BARAT", "Provinsi Jawa Barat"),
        ("Dana Desa Kabupaten/Kota pada Provinsi Papua", None),
        ("Pemetaan Titik Kordinat Ibu Kota Distrik", None),
        ("Lomba Desa Tk. Provinsi, Terselenggaranya", None),
        ("Kota Satu Dua Tiga Empat Lima Enam", None),
    ],
)
def test_a_pemda_is_a_name_or_nothing(text, pemda):
    assert find_pemda(text) == pemda


@pytest.mark.parametrize(
    ("text", "opd"),
    [
        ("DINAS KETENAGAKERJAAN", "Dinas Ketenagakerjaan"),
        ("Dinas Peternakan Provinsi Jawa Barat merupakan salah satu bagian dalam", "Dinas Peternakan"),
        ("DINAS PETERNAKAN MERUPAKAN SALAH SATU BAGIAN", "Dinas Peternakan"),
        ("Organisasi : 2.16.2.21.2.20.04.0000 DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK",
         "Dinas Komunikasi, Informatika, Persandian dan Statistik"),
        ("LKIP RSUD Al Ihsan Provinsi Jawa Barat TA 2016", "Rumah Sakit Umum Daerah Al Ihsan"),
        ("KEPALA DINAS DINAS KESEHATAN", "Dinas Kesehatan"),
        ("Nama OPD : Badan Pemberdayaan Masyarakat dan Pemerintahan Desa Lembar : 1 dari 2",
         "Badan Pemberdayaan Masyarakat dan Pemerintahan Desa"),
        ("Kepala Badan mempunyai tugas pokok", None),
        ("Dinas Satu Dua Tiga Empat Lima Enam Tujuh Delapan Sembilan Sepuluh Sebelas Duabelas Tigabelas Empatbelas Limabelas", None),
    ],
)
def test_an_opd_is_a_name_or_nothing(text, opd):
    assert find_opd(text) == opd


@pytest.mark.parametrize(
    ("text", "titled", "tahun"),
    [
        ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKJIP) TAHUN 2024", False, 2024),
        ("LKIP RSUD Al Ihsan Provinsi Jawa Barat TA 2016", False, 2016),
        ("Rencana Strategis Tahun 2013-2018", False, None),
        ("LKIP Dinas Pertanian Tanaman Pangan Provinsi Jawa Barat 2016", True, 2016),
        ("BP3AKB PROVINSI JAWA BARAT JANUARI 2017", True, None),
        ("Renstra 2013 - 2018", True, None),
    ],
)
def test_tahun_from_titles_not_from_spans_or_dates(text, titled, tahun):
    assert find_tahun(text, titled=titled) == tahun


@pytest.mark.parametrize(("text", "triwulan"), [("Laporan Triwulan II Tahun 2023", 2), ("Triwulan I - IV Tahun 2023", None)])
def test_triwulan_is_one_quarter_or_none(text, triwulan):
    assert find_triwulan(text) == triwulan


def test_a_warehouse_without_the_metadata_columns_keeps_its_documents(tmp_path, transformed):
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, transformed)
    con = duckdb.connect(str(wh))
    for col in ("jenis", "triwulan", "metadata_note"):
        con.execute(f"ALTER TABLE dim_dokumen DROP COLUMN {col}")
    con.close()
    with WarehouseBuild(wh) as build:
        build.refresh()
        build.commit()
    con = duckdb.connect(str(wh), read_only=True)
    docs = con.execute("SELECT file_name, pemda, tahun, jenis, triwulan, metadata_note FROM dim_dokumen").fetchall()
    con.close()
    assert docs == [("lkjip-disnaker-klungkung-2024.pdf", "Kabupaten Klungkung", 2024, None, None, None)]


def test_a_sidecar_supplies_what_the_document_lacks_through_the_cli(tmp_path):
    """The CIK export names no pemda; its sidecar does, and a broken sidecar rejects its file."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE_XLSX, inbox / SAMPLE_XLSX.name)
    (inbox / f"{SAMPLE_XLSX.name}.meta.json").write_text(json.dumps({"pemda": "Kabupaten Klungkung", "triwulan": 4}), encoding="utf-8")
    shutil.copy(ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf", inbox / "salinan.pdf")
    (inbox / "salinan.pdf.meta.json").write_text('{"tahun": "dua ribu"}', encoding="utf-8")
    wh = tmp_path / "k.duckdb"
    out = kinerja("run", str(inbox), "--warehouse", str(wh), "--parquet", str(tmp_path / "pq"))
    assert out.returncode == 3, out.stderr
    assert f"{SAMPLE_XLSX.name}.meta.json" not in out.stdout + out.stderr  # a sidecar is no skipped input
    con = duckdb.connect(str(wh), read_only=True)
    loaded = con.execute(
        "SELECT pemda, pemda_inferred, opd, tahun, triwulan, metadata_note FROM dim_dokumen WHERE status = 'loaded'"
    ).fetchall()
    rejected = con.execute("SELECT file_name, error FROM dim_dokumen WHERE status = 'rejected'").fetchall()
    lines = con.execute("SELECT DISTINCT pemda FROM fct_anggaran").fetchall()
    con.close()
    pemda, inferred, opd, tahun, triwulan, note = loaded[0]
    assert (pemda, inferred, opd, tahun, triwulan) == ("Kabupaten Klungkung", False, "Dinas Ketenagakerjaan", 2024, 4)
    assert "pemda: berkas .meta.json" in note and "opd: judul" in note
    assert lines == [("Kabupaten Klungkung",)]
    assert rejected[0][0] == "salinan.pdf" and "salinan.pdf.meta.json: tahun = 'dua ribu'" in rejected[0][1]


def test_a_shipped_document_takes_its_sidecar_along(tmp_path):
    """A Dask worker reads a temporary copy: the sidecar travels with the bytes."""
    from flows.documents import read_shipped, ship

    copy = tmp_path / SAMPLE_XLSX.name
    shutil.copy(SAMPLE_XLSX, copy)
    (tmp_path / f"{SAMPLE_XLSX.name}.meta.json").write_text('{"pemda": "Kabupaten Klungkung"}', encoding="utf-8")
    result = read_shipped(ship(copy))
    assert result.document.dokumen["pemda"] == "Kabupaten Klungkung"
    assert "pemda: berkas .meta.json" in result.document.dokumen["metadata_note"]


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not on this machine")
def test_a_rejected_document_is_still_known_by_its_agency_and_year(tmp_path):
    """Whether or not its tables load, a document's row carries what it says about itself."""
    from flows.documents import read_document

    rows = {}
    with WarehouseBuild(tmp_path / "k.duckdb") as build:
        for name in ("tangsel-dikbud-2023-realisasi-kinerja-triwulan.pdf", "mamberamoraya-pemkab-2023-rkpdp2.xlsx"):
            r = read_document(REAL / name)
            if r.ok:
                build.load_document(r.document.dokumen, r.document.rows, r.size, r.modified_at)
            else:
                build.record_rejected(r.sha256, r.file_name, r.format, r.error, r.size, r.metadata)
        for row in build.con.execute("SELECT file_name, jenis, pemda, opd, tahun, metadata_note FROM dim_dokumen").fetchall():
            rows[row[0]] = row[1:]
    jenis, pemda, opd, tahun, note = rows["tangsel-dikbud-2023-realisasi-kinerja-triwulan.pdf"]
    assert (jenis, pemda, opd, tahun) == ("realisasi_triwulan", None, "Dinas Pendidikan dan Kebudayaan", 2023)
    assert "tidak disebut dalam dokumen: pemda" in note
    assert rows["mamberamoraya-pemkab-2023-rkpdp2.xlsx"][:4] == ("other", "Kabupaten Mamberamo Raya", None, 2023)


@pytest.mark.parametrize(("jenis", "status"), [("lkjip", "superseded"), ("pk", "loaded")])
def test_only_a_later_document_of_the_same_kind_supersedes(tmp_path, transformed, jenis, status):
    """The sample, and a newer file of the same agency and year: a re-issued LKjIP replaces
    it, the agency's PK of that year does not."""
    from datetime import datetime, timezone

    other = "cd" * 32
    dokumen = {**transformed.dokumen, "source_document_id": other, "file_name": "lain.pdf", "jenis": jenis}
    rows = {t: [{**r, "source_document_id": other} for r in rs] for t, rs in transformed.rows.items()}
    wh = tmp_path / "k.duckdb"
    with WarehouseBuild(wh) as build:
        build.load_document(transformed.dokumen, transformed.rows, 1, datetime(2025, 2, 1, tzinfo=timezone.utc))
        build.load_document(dokumen, rows, 1, datetime(2025, 3, 1, tzinfo=timezone.utc))
        build.refresh()
        build.commit()
    con = duckdb.connect(str(wh), read_only=True)
    statuses = dict(con.execute("SELECT file_name, status FROM dim_dokumen").fetchall())
    con.close()
    assert statuses == {transformed.dokumen["file_name"]: status, "lain.pdf": "loaded"}


def test_the_tables_tell_the_kind_only_when_no_title_does(extracted):
    from transform.dokumen import jenis_from_tables

    kinds = {t.kind for t in extracted.tables if t.kind}
    assert "perjanjian_kinerja" in kinds and jenis_from_tables(kinds) == "lkjip"
    assert jenis_from_tables(["perjanjian_kinerja"]) == "pk"
    assert jenis_from_tables(["anggaran", "iku"]) is None


# Words real covers, headers and sentences are made of: names, name enders, verbs, numbers.
_VOCAB = (
    "PEMERINTAH KABUPATEN Kota PROVINSI Propinsi DINAS Badan RSUD Kepala GUBERNUR Jabatan : "
    "Jawa BARAT Klungkung Tangerang Selatan Kesehatan PENDIDIKAN dan DAN serta merupakan MENYUSUN "
    "Tahun TAHUN ANGGARAN TA 2016 2024 2013-2018 Januari LAPORAN KINERJA LKjIP Perjanjian RKA "
    "Triwulan II - IV , . ( ) Kabupaten/Kota pada Ibu 1.02 6.214.345.759,00"
).split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12), max_size=8), min_size=1, max_size=4))
def test_whatever_the_pages_say_a_value_is_a_name_or_empty(pages):
    meta = read_pdf_metadata(["\n".join(" ".join(line) for line in page) for page in pages])
    assert meta.jenis in JENIS
    assert meta.pemda is None or re.fullmatch(r"(Kabupaten|Kota|Provinsi)( [^\s,.;:()]+){1,4}", meta.pemda), meta.pemda
    assert meta.opd is None or 2 <= len(meta.opd.split()) <= 18, meta.opd
    assert meta.tahun is None or 1990 <= meta.tahun <= 2100
    assert meta.triwulan in (None, 1, 2, 3, 4)
