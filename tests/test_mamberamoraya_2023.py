"""Two flat SIPD exports of Kabupaten Mamberamo Raya 2023 (../shared/real), read by column roles.

- `mamberamoraya-pemkab-2023-rkpdp2.xlsx`: the RKPD perubahan, snake_case headers, every
  figure twice ("anggaran | menjadi_anggaran"), the agency as a code column (`kode_opd`).
- `mamberamoraya-pemkab-2023-apbdp-ebudgeting.xlsx`: the pemda-wide APBD-P e-budgeting export,
  one row per sub-kegiatan and account for 40 agencies (SKPD column), PROGRAM | KEGIATAN |
  SUBKEGIATAN | ... each "code name", JUMLAH | JUMLAH PERUBAHAN, 48 amount cells holding the
  text "None". The file names no year anywhere (neither title nor column), so a run asks for
  it in a sidecar, as a user would give it.

The expectation is the hand-made golden file of the first agency of each
(tests/golden/real/<stem>.anggaran.csv; source_page = the sheet row) and the file-wide totals
verified by hand with Decimal sums (tests/golden/real/README.md).
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from bench import eval_real
from extract.model import Cell
from extract.roles import recognise_columns
from flows.documents import read_document

RKPD = "mamberamoraya-pemkab-2023-rkpdp2"
EBUDGETING = "mamberamoraya-pemkab-2023-apbdp-ebudgeting"


def golden(stem: str) -> list[dict]:
    return eval_real.read_golden(eval_real.golden_files()[stem]["anggaran"])


@lru_cache(maxsize=None)
def rkpd_rows() -> tuple[dict, ...]:
    result = read_document(eval_real.document_path(RKPD))
    assert result.ok, result.error
    return tuple(result.document.rows["fct_anggaran_per_dokumen"])


@pytest.fixture(scope="module")
def ebudgeting_rows(tmp_path_factory) -> list[dict]:
    """Read the e-budgeting export beside a sidecar giving the year the file does not print."""
    folder = tmp_path_factory.mktemp("ebudgeting")
    path = folder / eval_real.document_path(EBUDGETING).name
    shutil.copyfile(eval_real.document_path(EBUDGETING), path)
    (folder / f"{path.name}.meta.json").write_text(json.dumps({"tahun": 2023}), encoding="utf-8")
    result = read_document(path)
    assert result.ok, result.error
    return result.document.rows["fct_anggaran_per_dokumen"]


def exact_share(stem: str, rows) -> eval_real.Evaluation:
    return eval_real.evaluate("anggaran", golden(stem), list(rows))


def test_every_golden_line_of_the_rkpd_export_comes_out_exactly():
    ev = exact_share(RKPD, rkpd_rows())
    assert ev.exact == ev.golden == 135, [(m.golden["source_page"], m.reasons) for m in ev.misses]


def test_rkpd_lines_keep_the_sub_kegiatan_code_and_the_changed_budget():
    by_row = {r["source_row"]: r for r in rkpd_rows()}
    for g in golden(RKPD):
        line = by_row[int(g["source_page"])]
        assert line["kode_printed"] == g["kode_printed"]
        assert line["pagu_idr"] == Decimal(g["pagu_idr"])  # menjadi_anggaran, not anggaran_maju


def test_rkpd_agency_sum_is_the_hand_verified_one():
    opd = [r for r in rkpd_rows() if r["opd"] == "1.01.0.00.0.00.01.0000"]
    assert len(opd) == 135
    assert sum(r["pagu_idr"] for r in opd) == Decimal("174868827378.13")


def test_rkpd_file_total_after_change():
    assert sum(r["pagu_idr"] for r in rkpd_rows()) == Decimal("1185539354926.81")


def test_ebudgeting_without_a_year_is_rejected_for_the_year_not_for_its_table():
    result = read_document(eval_real.document_path(EBUDGETING))
    assert not result.ok
    assert "tahun" in result.error
    assert "tidak ada tabel" not in result.error


def test_every_golden_line_of_the_ebudgeting_export_comes_out_exactly(ebudgeting_rows):
    ev = exact_share(EBUDGETING, ebudgeting_rows)
    assert ev.exact == ev.golden == 226, [(m.golden["source_page"], m.reasons) for m in ev.misses]


def test_ebudgeting_rows_name_their_own_agency(ebudgeting_rows):
    assert len(ebudgeting_rows) == 3311
    first = {r["opd"] for r in ebudgeting_rows if 2 <= r["source_row"] <= 227}
    assert first == {"1.1.01.0000 - DINAS PENDIDIKAN"}
    assert len({r["opd"] for r in ebudgeting_rows}) == 40


def test_ebudgeting_none_cells_are_kept_as_printed_and_flagged(ebudgeting_rows):
    none = [r for r in ebudgeting_rows if r["pagu_printed"] == "None"]
    assert len(none) == 24  # JUMLAH PERUBAHAN; the other 24 are in JUMLAH (before the change)
    assert all(r["pagu_idr"] is None and "'None'" in r["parse_issue"] for r in none)


def test_ebudgeting_file_total_after_change(ebudgeting_rows):
    amounts = [r["pagu_idr"] for r in ebudgeting_rows if r["pagu_idr"] is not None]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert sum(amounts) == Decimal("1247743534764.44")


def test_ebudgeting_code_and_name_are_split_from_one_cell(ebudgeting_rows):
    line = next(r for r in ebudgeting_rows if r["source_row"] == 2)
    assert (line["kode_printed"], line["level"]) == ("1.01.01.2.01.01", "sub_kegiatan")
    assert line["nama_printed"] == "Penyusunan Dokumen Perencanaan Perangkat Daerah"


def test_rkpd_targets_without_an_indicator_stay_in_staging():
    result = read_document(eval_real.document_path(RKPD))
    assert result.document.rows["fct_indikator_per_dokumen"] == []
    header = result.document.rows["stg_tabel"][0]["header"].split(" | ")
    col = header.index("menjadi_target_kinerja")
    cells = [c for c in result.document.rows["stg_sel"] if c["source_row"] == 2 and c["column_index"] == col]
    assert [c["text"] for c in cells] == ["100"]


@pytest.mark.parametrize(
    "headers, roles",
    [
        # e-budgeting APBD-P, sheet row 1 as printed
        (["SKPD", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "SUBKELUARAN", "URAIAN BELANJA", "SUMBERDANA",
          "SUMBERDANA PERUBAHAN", "JUMLAH", "JUMLAH PERUBAHAN"],
         ["opd", "induk", "induk", "nama", "keluaran", "rincian", None, "sumber_dana", "pagu_sebelum", "pagu"]),
        # RKPD perubahan, the columns that carry meaning for a budget line
        (["kode_opd", "kode_subkegiatan", "kode_subkeluaran", "uraian", "anggaran", "anggaran_maju",
          "menjadi_anggaran", "menjadi_anggaran_maju", "menjadi_mulai"],
         ["opd", "kode", "keluaran", "nama", "pagu_sebelum", None, "pagu", "pagu_tahun_depan", None]),
    ],
)
def test_flat_export_headers_have_their_role(headers, roles):
    body = [[Cell(text="4950000" if r in ("pagu", "pagu_sebelum") else "x", page=None, x0=None, top=None, x1=None, bottom=None)
             for r in roles]]
    kind, columns = recognise_columns([[h] for h in headers], body)
    assert kind == "anggaran"
    assert [c.name for c in columns] == roles
