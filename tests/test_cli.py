"""The `kinerja` command as a user runs it: help everywhere, run, query."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import ROOT, dec, read_golden

COMMANDS = ["run", "query", "check", "report", "serve"]


def kinerja(*args, cwd=ROOT, env=None):
    return subprocess.run(
        [sys.executable, "-m", "flows", *args], cwd=cwd, env=env or os.environ.copy(),
        capture_output=True, text=True, timeout=600,
    )


def test_top_level_help_lists_every_command():
    out = kinerja("--help")
    assert out.returncode == 0
    for cmd in COMMANDS:
        assert cmd in out.stdout


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help(cmd):
    out = kinerja(cmd, "--help")
    assert out.returncode == 0
    assert "usage: kinerja " + cmd in out.stdout
    assert len(out.stdout.splitlines()) > 4


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_is_documented_in_readme(cmd):
    assert f"kinerja {cmd}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_query_without_warehouse_says_so(tmp_path):
    out = kinerja("query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode == 1
    assert "no warehouse here" in out.stderr


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory, sample_pdf):
    base = tmp_path_factory.mktemp("cli")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    (inbox / "terpotong.pdf").write_bytes(sample_pdf.read_bytes()[:5000])
    (inbox / "foto-rapat.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (inbox / "catatan.txt").write_text("kirim ulang tabel 3.1")
    (inbox / "draf-lama.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # OLE2 signature of Word 97-2003
    env = {**os.environ, "PREFECT_HOME": str(base / "prefect-home")}
    wh = base / "data" / "kinerja.duckdb"
    out = kinerja("run", str(inbox), "--warehouse", str(wh), "--parquet", str(base / "data" / "parquet"), env=env)
    return out, wh, env


def test_run_exits_3_when_some_inputs_are_rejected_and_prints_a_summary(cli_run):
    out, wh, _ = cli_run
    assert out.returncode == 3, out.stderr
    assert "1 document(s) loaded, 0 unchanged, 1 rejected, 3 skipped" in out.stdout
    assert "REJECTED  terpotong.pdf:" in out.stdout
    assert "fct_anggaran" in out.stdout and str(wh) in out.stdout
    assert "kinerja: rejected: terpotong.pdf" in out.stderr
    assert wh.exists()


def test_run_lists_every_file_it_does_not_read_and_how_to_convert_a_doc(cli_run):
    out, _, _ = cli_run
    skipped = [line for line in out.stdout.splitlines() if line.startswith("  SKIPPED")]
    assert skipped == [
        "  SKIPPED   catatan.txt: format tidak didukung (.txt; yang dibaca: PDF, xlsx, xls, ods, csv, docx)",
        "  SKIPPED   draf-lama.doc: format tidak didukung: dokumen Word lama (.doc); simpan ulang sebagai .docx, "
        "atau ubah dengan `libreoffice --headless --convert-to docx BERKAS.doc`",
        "  SKIPPED   foto-rapat.png: format tidak didukung (.png; yang dibaca: PDF, xlsx, xls, ods, csv, docx)",
    ]
    assert "kinerja: skipped: foto-rapat.png: format tidak didukung" in out.stderr


def test_every_file_under_the_inputs_is_read_or_skipped_with_its_reason(tmp_path):
    from flows.documents import scan_inputs

    inbox = tmp_path / "inbox"
    (inbox / "2024").mkdir(parents=True)
    (inbox / ".git").mkdir()
    for name in ("2024/lkjip.pdf", "2024/draf.docx", "2024/~$draf.docx", "cik.xlsx", "README", "foto.PNG", ".DS_Store", ".git/HEAD"):
        (inbox / name).write_bytes(b"x")
    (tmp_path / "catatan.txt").write_text("named on the command line")
    scan = scan_inputs([inbox, inbox / "cik.xlsx", tmp_path / "catatan.txt"])  # cik.xlsx twice: taken once
    assert [f.relative_to(tmp_path).as_posix() for f in scan.files] == ["inbox/2024/draf.docx", "inbox/2024/lkjip.pdf", "inbox/cik.xlsx"]
    assert [(s.file_name, s.reason) for s in scan.skipped] == [
        ("~$draf.docx", "format tidak didukung: berkas kunci sementara Word/Excel (~$), bukan laporan"),
        ("README", "format tidak didukung (tanpa ekstensi; yang dibaca: PDF, xlsx, xls, ods, csv, docx)"),
        ("foto.PNG", "format tidak didukung (.png; yang dibaca: PDF, xlsx, xls, ods, csv, docx)"),
        ("catatan.txt", "format tidak didukung (.txt; yang dibaca: PDF, xlsx, xls, ods, csv, docx)"),
    ]


def test_run_of_an_empty_folder_says_so_in_one_line_and_exits_3(tmp_path):
    (tmp_path / "inbox").mkdir()
    wh = tmp_path / "data" / "kinerja.duckdb"
    out = kinerja("run", "inbox", "--warehouse", str(wh), "--parquet", str(tmp_path / "data" / "parquet"), cwd=tmp_path)
    assert out.returncode == 3
    assert (out.stdout, out.stderr) == ("", "kinerja: nothing to read in inbox: no files\n")
    assert not wh.exists()


def test_run_of_a_folder_with_nothing_readable_lists_the_files_and_exits_3(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    (inbox / "arsip.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    out = kinerja("run", "inbox", "--warehouse", str(tmp_path / "k.duckdb"), "--parquet", str(tmp_path / "pq"), cwd=tmp_path)
    assert out.returncode == 3
    assert out.stderr == ("kinerja: nothing to read in inbox: 2 file(s), none in a format kinerja reads "
                          "(PDF, xlsx, xls, ods, csv, docx)\n")
    assert out.stdout.splitlines() == [
        "  SKIPPED   arsip.zip: format tidak didukung (.zip; yang dibaca: PDF, xlsx, xls, ods, csv, docx)",
        "  SKIPPED   scan.jpg: format tidak didukung (.jpg; yang dibaca: PDF, xlsx, xls, ods, csv, docx)",
    ]
    assert not (tmp_path / "k.duckdb").exists()


def test_query_returns_the_45_budget_lines_to_the_rupiah(cli_run):
    _, wh, env = cli_run
    out = kinerja(
        "query", "SELECT kode_printed, pagu_idr, realisasi_idr FROM fct_anggaran ORDER BY source_table, source_row",
        "--warehouse", str(wh), "--csv", env=env,
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    golden = read_golden("klungkung_2024_anggaran.csv")
    assert [(r["kode_printed"], Decimal(r["pagu_idr"]), Decimal(r["realisasi_idr"])) for r in rows] == [
        (g["kode_printed"], dec(g["pagu_idr"]), dec(g["realisasi_idr"])) for g in golden
    ]


def test_query_prints_a_table_and_refuses_writes(cli_run):
    _, wh, env = cli_run
    out = kinerja("query", "SELECT level, count(*) AS n FROM fct_anggaran GROUP BY 1 ORDER BY 1", "--warehouse", str(wh), env=env)
    assert out.returncode == 0
    assert "sub_kegiatan  23" in out.stdout and "(5 rows)" in out.stdout
    denied = kinerja("query", "DELETE FROM fct_anggaran", "--warehouse", str(wh), env=env)
    assert denied.returncode == 1 and "read-only" in denied.stderr.lower()


def test_check_lists_the_findings_of_given_files_without_a_warehouse(tmp_path, sample_pdf):
    import json

    out = kinerja("check", str(sample_pdf), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    findings = json.loads(out.stdout)
    # the hand-made list of the report's contradictions (tests/golden/klungkung_2024_temuan.csv): 90
    golden = read_golden("klungkung_2024_temuan.csv")
    assert len(findings) == len(golden) == 90
    assert Counter((f["rule"], str(f["source_page"])) for f in findings) == Counter((g["rule"], g["source_page"]) for g in golden)
    gaji = [f for f in findings if f["rule"] == "serapan_tercetak" and f["kode"] == "2.07.01.2.02.0001"]
    assert [(f["reported"], f["expected"], f["source_page"]) for f in gaji] == [("93.85", "98.86", "25")]  # as printed on p. 25: 93,85
    assert not (tmp_path / "data").exists()
    text = kinerja("check", str(sample_pdf), cwd=tmp_path)
    assert text.stdout.splitlines()[0] == f"{sample_pdf.name}: {len(findings)} temuan"
    assert "  hlm. 25" in text.stdout


def test_check_reads_the_warehouse_findings(cli_run):
    _, wh, env = cli_run
    out = kinerja("check", "--warehouse", str(wh), "--csv", env=env)
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["file_name"] for r in rows} == {"lkjip-disnaker-klungkung-2024.pdf"}
    assert any(r["rule"] == "jumlah_anak" and r["kode"] == "2.07.01" for r in rows)


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    from flows.cli import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-cmd") == "'-cmd"
    assert safe_cell("-209998.00") == "-209998.00"
    assert safe_cell("Rp 5") == "Rp 5"
