"""Two flat SIPD exports of Kabupaten Mamberamo Raya 2023 (../shared/real), read by column roles.

- `mamberamoraya-pemkab-2023-rkpdp2.xlsx`: the RKPD perubahan, snake_case headers, every
  figure twice ("anggaran | menjadi_anggaran"), the agency as a code column (`kode_opd`).
- `mamberamoraya-pemkab-2023-apbdp-ebudgeting.xlsx`: the pemda-wide APBD-P e-budgeting export,
  one row per sub-kegiatan and account for 40 agencies (SKPD column), PROGRAM | KEGIATAN |
  SUBKEGIATAN | ... each "code name", JUMLAH | JUMLAH PERUBAHAN, 48 amount cells holding the
  text "None". The cells name no year of their own (line names mention 2022, 2023 and 2024), so
  the year is the one its file name states (transform.dokumen.year_from_file_name).

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

import duckdb
import pytest

from bench import eval_real
from extract.model import Cell
from extract.roles import recognise_columns
from flows.documents import read_document
from tests.test_cli import kinerja

RKPD = "mamberamoraya-pemkab-2023-rkpdp2"
EBUDGETING = "mamberamoraya-pemkab-2023-apbdp-ebudgeting"


def golden(stem: str) -> list[dict]:
    return eval_real.read_golden(eval_real.golden_files()[stem]["anggaran"])


@lru_cache(maxsize=None)
def rkpd_rows() -> tuple[dict, ...]:
    result = read_document(eval_real.document_path(RKPD))
    assert result.ok, result.error
    return tuple(result.document.rows["fct_anggaran_per_dokumen"])


@lru_cache(maxsize=None)
def ebudgeting_document():
    """Read the e-budgeting export as a run reads it, with nothing beside it."""
    result = read_document(eval_real.document_path(EBUDGETING))
    assert result.ok, result.error
    return result.document


@pytest.fixture(scope="module")
def ebudgeting_rows() -> list[dict]:
    return ebudgeting_document().rows["fct_anggaran_per_dokumen"]


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


def test_ebudgeting_loads_with_the_year_of_its_file_name():
    dokumen = ebudgeting_document().dokumen
    assert (dokumen["tahun"], dokumen["tahapan"], dokumen["pemda"]) == (2023, "perubahan", "Kabupaten Mamberamo Raya")
    assert "tahun: nama berkas" in dokumen["metadata_note"]


def test_ebudgeting_a_sidecar_year_wins_over_the_file_name(tmp_path):
    path = tmp_path / eval_real.document_path(EBUDGETING).name
    shutil.copyfile(eval_real.document_path(EBUDGETING), path)
    (tmp_path / f"{path.name}.meta.json").write_text(json.dumps({"tahun": 2024}), encoding="utf-8")
    result = read_document(path)
    assert result.ok, result.error
    assert result.document.dokumen["tahun"] == 2024
    assert "tahun: berkas .meta.json" in result.document.dokumen["metadata_note"]


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
    assert len(none) == 24  # JUMLAH PERUBAHAN
    assert all(r["pagu_idr"] is None and "pagu: bukan angka ('None')" in r["parse_issue"] for r in none)
    before = [r for r in ebudgeting_rows if r["pagu_sebelum_printed"] == "None"]
    assert len(before) == 24  # JUMLAH: 48 cells in all (README)
    assert all(r["pagu_sebelum_idr"] is None and "pagu_sebelum: bukan angka ('None')" in r["parse_issue"] for r in before)


def test_ebudgeting_golden_lines_keep_the_budget_before_the_change(ebudgeting_rows):
    by_row = {r["source_row"]: r for r in ebudgeting_rows}
    for g in golden(EBUDGETING):
        line = by_row[int(g["source_page"])]
        assert line["pagu_sebelum_idr"] == Decimal(g["pagu_sebelum_idr"]), g["source_page"]
        assert line["kode_printed"] == g["kode_printed"]
        # the akun line of the golden note is the row's own detail
        assert g["note"].split("; ")[0].removeprefix("akun line: ") in line["rincian_printed"]


def test_ebudgeting_agency_sums_are_the_hand_verified_ones(ebudgeting_rows):
    opd = [r for r in ebudgeting_rows if r["opd"] == "1.1.01.0000 - DINAS PENDIDIKAN"]
    assert len(opd) == 226
    assert sum(r["pagu_sebelum_idr"] for r in opd) == Decimal("159409821999.13")
    assert sum(r["pagu_idr"] for r in opd) == Decimal("174657771482.13")


def test_ebudgeting_file_totals_before_and_after_change(ebudgeting_rows):
    amounts = [r["pagu_idr"] for r in ebudgeting_rows if r["pagu_idr"] is not None]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert sum(amounts) == Decimal("1247743534764.44")
    assert sum(r["pagu_sebelum_idr"] for r in ebudgeting_rows if r["pagu_sebelum_idr"] is not None) == Decimal("1156925987516.00")


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


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """`kinerja run` in a subprocess on a folder holding the two exports and nothing else."""
    folder = tmp_path_factory.mktemp("mamberamo")
    inbox = folder / "inbox"
    inbox.mkdir()
    for stem in (EBUDGETING, RKPD):
        shutil.copyfile(eval_real.document_path(stem), inbox / eval_real.document_path(stem).name)
    db = folder / "kinerja.duckdb"
    out = kinerja("run", str(inbox), "--warehouse", str(db), "--parquet", str(folder / "parquet"),
                  "--report", str(folder / "laporan.html"), "--workers", "1")
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _file_id(con, stem: str) -> str:
    return con.execute("SELECT source_document_id FROM dim_dokumen WHERE file_name = ?", [f"{stem}.xlsx"]).fetchone()[0]


def test_run_loads_the_ebudgeting_export_with_the_year_of_its_file_name(warehouse):
    status, tahun, note = warehouse.execute(
        "SELECT status, tahun, metadata_note FROM dim_dokumen WHERE file_name = ?", [f"{EBUDGETING}.xlsx"]
    ).fetchone()
    assert (status, tahun) == ("loaded", 2023)
    assert "tahun: nama berkas" in note


@pytest.mark.parametrize("stem", [EBUDGETING, RKPD])
def test_one_answer_per_line_sums_the_rows_of_a_sub_kegiatan(warehouse, stem):
    # several akun / sub-keluaran rows share one sub-kegiatan code: fct_anggaran holds the line
    # once, with the sum of its rows, per agency; nothing is dropped
    doc = _file_id(warehouse, stem)
    per_row = dict(warehouse.execute(
        "SELECT opd || ' ' || kode, sum(pagu_idr) FROM fct_anggaran_per_dokumen WHERE source_document_id = ? GROUP BY ALL", [doc]
    ).fetchall())
    per_line = warehouse.execute(
        "SELECT opd || ' ' || kode, pagu_idr, rincian_count FROM fct_anggaran WHERE source_document_id = ?", [doc]
    ).fetchall()
    assert len(per_line) == len(per_row) == len({k for k, _, _ in per_line})
    assert {k: v for k, v, _ in per_line} == per_row
    rows = warehouse.execute("SELECT count(*) FROM fct_anggaran_per_dokumen WHERE source_document_id = ?", [doc]).fetchone()[0]
    assert sum(n for _, _, n in per_line) == rows


def test_one_answer_totals_are_the_files(warehouse):
    totals = dict(
        ((name, opd), (pagu, sebelum)) for name, opd, pagu, sebelum in warehouse.execute(
            "SELECT d.file_name, a.opd IN ('1.1.01.0000 - DINAS PENDIDIKAN', '1.01.0.00.0.00.01.0000'), "
            "sum(a.pagu_idr), sum(a.pagu_sebelum_idr) FROM fct_anggaran AS a JOIN dim_dokumen AS d USING (source_document_id) "
            "GROUP BY ALL"
        ).fetchall()
    )
    eb, rk = f"{EBUDGETING}.xlsx", f"{RKPD}.xlsx"
    assert totals[(eb, True)] == (Decimal("174657771482.13"), Decimal("159409821999.13"))
    assert totals[(rk, True)] == (Decimal("174868827378.13"), Decimal("159409821999.13"))
    assert tuple(map(sum, zip(totals[(eb, True)], totals[(eb, False)]))) == (Decimal("1247743534764.44"), Decimal("1156925987516.00"))
    assert tuple(map(sum, zip(totals[(rk, True)], totals[(rk, False)]))) == (Decimal("1185539354926.81"), Decimal("1156925987516.00"))


def test_a_sum_with_none_cells_says_how_many_it_left_out(warehouse):
    doc = _file_id(warehouse, EBUDGETING)
    flagged = warehouse.execute(
        "SELECT opd, kode, pagu_idr, pagu_printed, parse_issue FROM fct_anggaran "
        "WHERE source_document_id = ? AND parse_issue LIKE '%bukan angka%'", [doc]
    ).fetchall()
    left_out = warehouse.execute(
        "SELECT opd, kode, count(*) FROM fct_anggaran_per_dokumen WHERE source_document_id = ? AND pagu_printed = 'None' GROUP BY ALL", [doc]
    ).fetchall()
    assert sum(n for _, _, n in left_out) == 24
    assert {(o, k) for o, k, *_ in flagged} == {(o, k) for o, k, _ in left_out}
    for opd, kode, pagu, printed, issue in flagged:
        n = next(n for o, k, n in left_out if (o, k) == (opd, kode))
        assert printed is None and f"tanpa {n} yang bukan angka" in issue


def test_the_parts_of_one_line_are_no_disagreement_and_the_mart_counts_each_line_once(warehouse):
    assert warehouse.execute("SELECT count(*) FROM fct_temuan WHERE rule = 'lintas_dokumen'").fetchone()[0] == 0
    mart, lines = warehouse.execute(
        "SELECT (SELECT sum(pagu_idr) FROM mart_serapan_anggaran), (SELECT sum(pagu_idr) FROM fct_anggaran WHERE kode IS NOT NULL)"
    ).fetchone()
    assert mart == lines == Decimal("1247743534764.44") + Decimal("1185539354926.81")
    assert warehouse.execute(
        "SELECT count(*) FROM (SELECT tahun, pemda, opd, kode FROM mart_serapan_anggaran GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0] == 0
