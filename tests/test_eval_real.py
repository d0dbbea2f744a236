"""The evaluator of `make eval` (bench/eval_real.py), tested on real inputs.

These tests check the measuring instrument, not the shares it measures: the golden files of
../shared/real parse and name existing documents, the matching is one to one, and on the
Klungkung sample, whose 45 budget lines and 11 sasaran rows kinerja reads exactly
(tests/test_klungkung_2024.py), the evaluator says 100 %, while a golden row altered by one
rupiah, one level or one word is counted as a miss with the right reason.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from bench import eval_real
from tests.conftest import GOLDEN, SAMPLE_PDF

GOLDEN_FILES = eval_real.golden_files()
GOLDEN_PATHS = [path for files in GOLDEN_FILES.values() for path in files.values()]
BUDGET_LEVELS = {"urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "paket", "total", "other"}
INDICATOR_LEVELS = {"tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "iku", "pk"}
NUMBER_COLUMNS = {
    "anggaran": ("pagu_idr", "pagu_sebelum_idr", "realisasi_idr", "serapan_pct_reported", "fisik_pct_reported"),
    "indikator": ("target", "realisasi", "capaian_pct_reported"),
}


def kind_of(path) -> str:
    return path.name.removesuffix(".csv").rpartition(".")[2]


def test_every_golden_file_is_found_with_its_kind():
    on_disk = sorted(p.name for p in eval_real.GOLDEN.glob("*.csv") if p.name != "metadata.csv")
    assert sorted(p.name for p in GOLDEN_PATHS) == on_disk
    assert {kind_of(p) for p in GOLDEN_PATHS} == {"anggaran", "indikator"}


@pytest.mark.parametrize("stem", sorted(GOLDEN_FILES))
def test_golden_document_exists_in_the_real_folder(stem):
    path = eval_real.document_path(stem)
    assert path is not None, f"{stem}: no document in {eval_real.REAL}"
    assert path.stem == stem


@pytest.mark.parametrize("path", GOLDEN_PATHS, ids=lambda p: p.name)
def test_golden_rows_have_the_columns_and_numbers_the_evaluator_reads(path):
    kind = kind_of(path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames
        rows = list(reader)
    assert rows
    assert set(eval_real.REQUIRED[kind]) <= set(header)
    levels = BUDGET_LEVELS if kind == "anggaran" else INDICATOR_LEVELS
    for n, row in enumerate(rows, start=2):
        where = f"{path.name} line {n}"
        assert row["source_page"].isdigit() and int(row["source_page"]) >= 1, where
        assert row["level"] in levels, where
        # a line the document prints without a name (BPMPD Renja evaluation p. 2) says so in its note
        assert eval_real.norm_text(row[eval_real.KINDS[kind].text]) or "no name" in row["note"], where
        for name in NUMBER_COLUMNS[kind]:
            if row.get(name):
                assert isinstance(eval_real.dec(row[name]), Decimal), where
                assert eval_real.dec(row[name]).is_finite(), where
        if kind == "anggaran":
            for name in ("pagu_idr", "pagu_sebelum_idr", "realisasi_idr"):
                if row.get(name):
                    assert eval_real.dec(row[name]).as_tuple().exponent == -2, f"{where}: {name} not in cents"
        else:
            assert row["tahun"].isdigit() and 2000 <= int(row["tahun"]) <= 2100, where


@pytest.fixture(scope="module")
def sample_read():
    """The Klungkung sample read as a run reads it, once for this module."""
    read = eval_real.read(SAMPLE_PDF)
    assert read.error is None
    return read


@pytest.fixture(scope="module")
def budget_golden():
    rows = eval_real.read_golden(GOLDEN / "klungkung_2024_anggaran.csv")
    assert len(rows) == 45
    return rows


@pytest.fixture(scope="module")
def sasaran_golden():
    rows = eval_real.read_golden(GOLDEN / "klungkung_2024_sasaran.csv")
    assert len(rows) == 11
    return rows


def test_sample_budget_lines_are_45_of_45_exact(sample_read, budget_golden):
    ev = eval_real.evaluate("anggaran", budget_golden, sample_read.rows["fct_anggaran_per_dokumen"])
    assert (ev.exact, ev.golden, ev.share) == (45, 45, 1.0)
    assert ev.misses == []


def test_sample_sasaran_rows_are_11_of_11_exact(sample_read, sasaran_golden):
    ev = eval_real.evaluate("indikator", sasaran_golden, sample_read.rows["fct_indikator_per_dokumen"])
    assert (ev.exact, ev.golden) == (11, 11)


def altered(rows: list[dict], index: int, **changes) -> list[dict]:
    copy = [dict(r) for r in rows]
    copy[index].update(changes)
    return copy


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda g: {"pagu_idr": str(Decimal(g["pagu_idr"]) + 1)}, "pagu wrong"),
        (lambda g: {"realisasi_idr": str(Decimal(g["realisasi_idr"]) - Decimal("0.01"))}, "realisasi wrong"),
        (lambda g: {"realisasi_idr": ""}, "realisasi where golden has none"),
        (lambda g: {"level": "program"}, "level wrong"),
        (lambda g: {"nama_printed": g["nama_printed"] + " Daerah"}, "name cut"),
        (lambda g: {"nama_printed": g["nama_printed"].lower()}, "name differs"),
        (lambda g: {"source_page": str(int(g["source_page"]) + 1)}, "page differs"),
        (lambda g: {"periode": "tw1"}, "triwulan wrong"),  # the year's line is no quarter's
    ],
    ids=["pagu+1", "realisasi-0.01", "realisasi-blank", "level", "name-longer", "name-case", "page", "quarter"],
)
def test_an_altered_budget_line_is_a_miss_with_its_reason(sample_read, budget_golden, change, reason):
    index = 3  # kegiatan 2.07.01.2.01, p25 (a line that sits among lines of other levels)
    golden = altered(budget_golden, index, **change(budget_golden[index]))
    ev = eval_real.evaluate("anggaran", golden, sample_read.rows["fct_anggaran_per_dokumen"])
    assert (ev.exact, ev.golden) == (44, 45)
    [miss] = ev.misses
    assert miss.golden is golden[index]
    assert reason in miss.reasons
    assert miss.nearest["kode_printed"] == budget_golden[index]["kode_printed"]


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda g: {"target": str(Decimal(g["target"]) + 1)}, "target wrong"),
        (lambda g: {"capaian_pct_reported": ""}, "capaian where golden has none"),
        (lambda g: {"tahun": str(int(g["tahun"]) + 1)}, "tahun wrong"),
        (lambda g: {"indikator": g["indikator"][:-3]}, "indikator runs on"),
    ],
    ids=["target+1", "capaian-blank", "tahun", "indikator-shorter"],
)
def test_an_altered_sasaran_row_is_a_miss_with_its_reason(sample_read, sasaran_golden, change, reason):
    golden = altered(sasaran_golden, 0, **change(sasaran_golden[0]))
    ev = eval_real.evaluate("indikator", golden, sample_read.rows["fct_indikator_per_dokumen"])
    assert (ev.exact, ev.golden) == (10, 11)
    [miss] = ev.misses
    assert reason in miss.reasons


def test_one_extracted_line_counts_for_one_golden_line_only(sample_read, budget_golden):
    twice = budget_golden + [dict(budget_golden[7])]
    ev = eval_real.evaluate("anggaran", twice, sample_read.rows["fct_anggaran_per_dokumen"])
    assert (ev.exact, ev.golden) == (45, 46)
    assert len({e for _, e in ev.matches}) == len(ev.matches)
    [miss] = ev.misses
    assert miss.reasons == ["not extracted"]


def test_a_rejected_document_counts_zero():
    path = GOLDEN_FILES["sulut-dkips-2022-rka-rekap-belanja"]["anggaran"]
    golden = eval_real.read_golden(path)
    ev = eval_real.evaluate("anggaran", golden, [], rejected="tidak ada tabel yang dikenali")
    assert (ev.exact, ev.golden) == (0, len(golden))
    assert ev.reasons() == {"document rejected": len(golden)}


@pytest.fixture(scope="module")
def dinkes():
    """A real document kinerja reads in part: some indicator rows exact, many not."""
    stem = "jabar-dinkes-2016-lkip"
    read = eval_real.read(eval_real.document_path(stem))
    return read, eval_real.evaluate_document(read, GOLDEN_FILES[stem])["indikator"]


def test_matching_on_a_real_document_is_one_to_one_and_accounts_for_every_golden_row(dinkes):
    read, ev = dinkes
    golden = eval_real.read_golden(GOLDEN_FILES["jabar-dinkes-2016-lkip"]["indikator"])
    extracted = read.rows["fct_indikator_per_dokumen"]
    assert ev.golden == len(golden)
    assert ev.exact + len(ev.misses) == ev.golden
    assert len({g for g, _ in ev.matches}) == len(ev.matches)
    assert len({e for _, e in ev.matches}) == len(ev.matches)
    nearest = [id(m.nearest) for m in ev.misses if m.nearest is not None]
    assert len(set(nearest)) == len(nearest)
    assert not {id(extracted[e]) for _, e in ev.matches} & set(nearest)
    for g, e in ev.matches:
        assert eval_real.differences(eval_real.KINDS["indikator"], golden[g], extracted[e]) == []
    for miss in ev.misses:
        assert miss.reasons


def test_show_lists_every_miss_of_a_document(dinkes, capsys):
    read, ev = dinkes
    eval_real.show("jabar-dinkes-2016-lkip", {"indikator": ev}, read)
    out = capsys.readouterr().out
    assert f"indikator: {ev.exact} of {ev.golden} exact" in out
    assert sum(1 for line in out.splitlines() if line.startswith("  p")) == len(ev.misses)
