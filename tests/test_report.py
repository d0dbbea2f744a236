"""The analyst's HTML report, written by `kinerja run` and `kinerja report`, opened in a real
headless Chromium.

Inputs: the real 2024 report (samples/) and a generated 2023 report of the same agency, so
every chart has more than one year. Expected figures are the 2024 report's as printed
(Klungkung 2024: Tabel 3.9 p. 25 and the TPAK table of Bali on p. 20 of ../shared/seeds), not the
program's output.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from load.idformat import angka, persen, rupiah, rupiah_singkat
from tests import generator as lkjip
from tests.browser import chromium_path, visit
from tests.conftest import ROOT, fetch
from tests.reports import consistent_report
from tests.test_cli import kinerja

ARTIFACTS = ROOT / "test-artifacts"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory, sample_pdf):
    """`kinerja run` over the real 2024 report and a generated 2023 one; the run's stdout."""
    base = tmp_path_factory.mktemp("report")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    lkjip.write_report(inbox / "lkjip-disnaker-klungkung-2023.pdf", lkjip.STYLES["no_rules_rp"], consistent_report())
    data = base / "data"
    out = kinerja("run", str(inbox), "--warehouse", str(data / "k.duckdb"), "--parquet", str(data / "parquet"))
    assert out.returncode == 0, out.stderr
    return base, data, out.stdout


@pytest.fixture(scope="module")
def report_html(two_years) -> tuple[Path, str]:
    _, data, _ = two_years
    path = data / "laporan-kinerja.html"
    return path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser_visit(report_html):
    if chromium_path() is None:
        pytest.fail("chromium is not installed: apt-get install chromium (.ci/run installs it)")
    path, _ = report_html
    return visit(path, screenshot=ARTIFACTS / "laporan-kinerja.png")


# --- Indonesian number format -------------------------------------------------------------

def test_rupiah_and_percent_are_written_the_indonesian_way():
    assert rupiah(Decimal("6214345759.00")) == f"Rp{NBSP}6.214.345.759"
    assert rupiah(Decimal("1250.5")) == f"Rp{NBSP}1.250,50"
    assert rupiah(Decimal("-179470.00")) == f"Rp{NBSP}-179.470"
    assert persen(Decimal("91.98")) == f"91,98{NBSP}%"
    assert persen(Decimal("97.735")) == f"97,74{NBSP}%"  # half up, as printed reports round
    assert angka(Decimal("79.8800")) == "79,88"
    assert angka(Decimal("60.90")) == "60,9"
    assert angka(Decimal("2.0000")) == "2"
    assert angka(Decimal("-0.001")) == "0"
    assert angka(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert rupiah_singkat(Decimal("4434468359")) == f"Rp{NBSP}4,4{NBSP}M"
    assert rupiah_singkat(Decimal("750000000")) == f"Rp{NBSP}750{NBSP}jt"
    assert persen(None) == "–"


# --- kinerja run / kinerja report ---------------------------------------------------------

def test_run_writes_the_report_beside_the_parquet_and_prints_its_path(two_years):
    _, data, stdout = two_years
    path = data / "laporan-kinerja.html"
    assert path.is_file() and (data / "parquet").is_dir()
    assert re.search(r"^\s+report\s+" + re.escape(str(path)) + r"$", stdout, re.MULTILINE), stdout


def test_an_unchanged_rerun_keeps_the_report_and_a_changed_warehouse_redraws_it(two_years, tmp_path):
    base, data, _ = two_years
    report = data / "laporan-kinerja.html"
    shutil.copytree(data, tmp_path / "data")
    copy = tmp_path / "data" / "laporan-kinerja.html"
    before = copy.stat().st_mtime_ns, copy.read_bytes()
    again = kinerja("run", str(base / "inbox"), "--warehouse", str(tmp_path / "data" / "k.duckdb"),
                    "--parquet", str(tmp_path / "data" / "parquet"))
    assert again.returncode == 0, again.stderr
    assert "2 unchanged" in again.stdout and f"report     {copy}" in again.stdout
    assert (copy.stat().st_mtime_ns, copy.read_bytes()) == before
    # a third document changes the warehouse: the report is drawn again and names it
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx", extra)
    more = kinerja("run", str(base / "inbox"), str(extra), "--warehouse", str(tmp_path / "data" / "k.duckdb"),
                   "--parquet", str(tmp_path / "data" / "parquet"))
    assert more.returncode == 0, more.stderr
    assert copy.read_bytes() != before[1]
    assert "cik-disnaker-klungkung-2024.xlsx" in copy.read_text(encoding="utf-8")
    assert report.read_bytes() == before[1]  # the fixture's own report is untouched


def test_report_command_filters_by_pemda_and_opd_and_says_when_nothing_matches(two_years, tmp_path):
    _, data, _ = two_years
    out = kinerja("report", "--warehouse", str(data / "k.duckdb"), "--out", str(tmp_path / "r.html"),
                  "--pemda", "klungkung", "--opd", "TENAGA")
    assert out.returncode == 0, out.stderr
    assert f"report written: {tmp_path / 'r.html'} (1 agency(ies)" in out.stdout
    assert "Dinas Ketenagakerjaan" in (tmp_path / "r.html").read_text(encoding="utf-8")
    none = kinerja("report", "--warehouse", str(data / "k.duckdb"), "--out", str(tmp_path / "n.html"), "--pemda", "Gianyar")
    assert none.returncode == 1
    assert "no agency matches" in none.stderr and "Kabupaten Klungkung / Dinas Ketenagakerjaan" in none.stderr
    assert not (tmp_path / "n.html").exists()
    missing = kinerja("report", "--warehouse", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no warehouse here" in missing.stderr


def test_run_without_report_writes_none(tmp_path):
    out = kinerja("run", str(ROOT / "samples"), "--warehouse", str(tmp_path / "k.duckdb"),
                  "--parquet", str(tmp_path / "pq"), "--no-report")
    assert out.returncode == 0, out.stderr
    assert not (tmp_path / "laporan-kinerja.html").exists()
    assert "report " not in out.stdout


# --- what the file holds --------------------------------------------------------------------

def test_report_is_self_contained(report_html):
    _, html = report_html
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert not re.search(r"\bsrc\s*=", html, re.IGNORECASE)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    # the only address in the file is the SVG namespace, which is a name, not a request
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}


def test_report_shows_the_printed_2024_budget_in_indonesian_format(report_html):
    """Tabel 3.9 p. 25: program 2.07.01, pagu 4.434.468.359,00, realisasi 4.334.291.936,00,
    serapan 97,74; the bidang 2.07 pagu 6.214.345.759,00 contradicts its children's sum."""
    _, html = report_html
    assert f"pagu Rp{NBSP}4.434.468.359, realisasi Rp{NBSP}4.334.291.936, serapan 97,74{NBSP}%" in html
    assert f"Rp{NBSP}6.214.345.759" in html
    assert "4,434,468,359" not in html and "97.74" not in html


def test_direction_aware_capaian_flags_the_printed_contradiction(report_html):
    """Tabel 3.6 (p. 21): 'Jumlah perselisihan hubungan industrial', an indicator where less is
    better, target 2 and realisasi 0 in 2022 and 2024, printed capaian 100 %; in its direction
    that is (2 x 2 - 0) / 2 = 200 %."""
    _, html = report_html
    assert "Jumlah perselisihan hubungan industrial" in html
    assert f"2022 tercetak 100,00{NBSP}%, seharusnya 200,00{NBSP}%" in html
    assert f"2024 tercetak 100,00{NBSP}%, seharusnya 200,00{NBSP}%" in html
    assert "Arah turun" in html


def test_tpak_chart_names_the_region_and_its_rank(report_html):
    """The TPAK table of Bali (p. 20, under Tabel 3.2, unnumbered): in 2024 Kab. Klungkung's 77,23
    is fifth of the 9 kabupaten/kota, after Karangasem 83,74, Bangli 82,27, Jembrana 80,10 and
    Buleleng 79,77 (Provinsi Bali, 77,11, is not one of them)."""
    _, html = report_html
    assert "2024: Kabupaten Klungkung 77,23 %, peringkat 5 dari 9 kabupaten/kota." in html
    for neighbour in ("Kabupaten Badung", "Kabupaten Gianyar", "Kota Denpasar", "Provinsi Bali"):
        assert neighbour in html


def test_findings_table_holds_every_finding_grouped_by_document(two_years, report_html):
    _, data, _ = two_years
    _, html = report_html
    per_file = dict(fetch(data / "k.duckdb", "SELECT file_name, count(*) FROM mart_temuan GROUP BY ALL"))
    # 2024: the 90 contradictions of tests/golden/klungkung_2024_temuan.csv, and 3 reprints of 2023
    # that differ from the 2023 report (TPAK target 77,75 against 78,25 and capaian 102,64 against
    # 101,99; dispute capaian 100 against 150,00). 2023: its 2022 values differ from the 2024
    # report's, the reference for a year neither reports on (TPAK capaian 102,65 against 102,64,
    # dispute capaian 200,00 against 100).
    assert per_file == {"lkjip-disnaker-klungkung-2024.pdf": 93, "lkjip-disnaker-klungkung-2023.pdf": 2}
    section = html[html.index('id="temuan"'):html.index('id="dokumen"')]
    for name, n in per_file.items():
        start = section.index(f'<h3 class="doc">{name}</h3>')
        end = section.find('<h3 class="doc">', start + 1)
        block = section[start:end if end > 0 else None]
        rows = re.findall(r"<tr>(?:<td rowspan=\"\d+\" class=\"page\">[^<]*</td>)?<td><span class=\"sev", block)
        assert len(rows) == n, name


def test_a_warehouse_with_only_a_budget_export_still_reports(tmp_path):
    """The e-monev spreadsheet holds budget lines only: the other sections say there is no data."""
    out = kinerja("run", str(ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"),
                  "--warehouse", str(tmp_path / "k.duckdb"), "--parquet", str(tmp_path / "pq"))
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "laporan-kinerja.html").read_text(encoding="utf-8")
    assert 'data-chart="serapan-2.07.01"' in html
    assert "Tidak ada data TPAK menurut wilayah" in html


# --- in the browser ---------------------------------------------------------------------------

def test_browser_shows_no_console_error_and_makes_no_request(browser_visit, report_html):
    path, _ = report_html
    assert browser_visit.console_errors == []
    assert browser_visit.page_errors == []
    assert browser_visit.requests == [path.resolve().as_uri()]
    assert browser_visit.failed_requests == []


@pytest.mark.parametrize("section, marks", [
    # five programs in Tabel 3.9 (p. 25), each a pagu and a realisasi bar for 2023 and 2024
    ("serapan", [4] * 5),
    # printed and recomputed capaian, a line and a point per year each: five program indicators
    # over 2023-2024, and the two sasaran over 2021-2024 (Tabel 3.2 and 3.6 of each report)
    ("capaian", [2 + 2 * 2] * 5 + [2 + 2 * 4] * 2),
    # one scatter: the 5 programs and 13 kegiatan of each year
    ("efisiensi", [(5 + 13) * 2]),
    # one TPAK chart: 9 kabupaten/kota and Provinsi Bali (p. 20), a line and 4 years each
    ("konteks", [10 * (1 + 4)]),
])
def test_every_chart_section_rendered_marks(browser_visit, section, marks):
    charts = [c for c in browser_visit.charts if c["section"] == section]
    assert sorted(c["marks"] for c in charts) == sorted(marks)
    for c in charts:
        assert c["sized"] == c["marks"], c
        assert c["width"] > 100 and c["height"] > 100, c
    assert browser_visit.sections[section]["empty"] == 0


def test_browser_shows_every_finding_row_and_the_screenshot_is_kept(browser_visit, two_years):
    _, data, _ = two_years
    (n,) = fetch(data / "k.duckdb", "SELECT count(*) FROM mart_temuan")[0]
    assert browser_visit.sections["temuan"]["rows"] == n
    assert "Temuan" in browser_visit.text and "Dokumen sumber" in browser_visit.text
    shot = ARTIFACTS / "laporan-kinerja.png"
    assert shot.stat().st_size > 50_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- several agencies ---------------------------------------------------------------------------

def test_two_agencies_get_their_own_charts_and_the_filters_choose_one(tmp_path, sample_pdf):
    """A warehouse with the Klungkung 2024 report and a generated report of another pemda's
    agency: each agency gets its own heading and charts; --pemda keeps one and drops the
    other's findings; the TPAK chart is drawn for each reporting pemda."""
    import dataclasses

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_pdf, inbox / sample_pdf.name)
    other = dataclasses.replace(consistent_report(), pemda="Kabupaten Gianyar", opd="Dinas Tenaga Kerja dan Perindustrian")
    lkjip.write_report(inbox / "lkjip-gianyar-2023.pdf", lkjip.STYLES["no_rules_rp"], other)
    data = tmp_path / "data"
    out = kinerja("run", str(inbox), "--warehouse", str(data / "k.duckdb"), "--parquet", str(data / "pq"))
    assert out.returncode == 0, out.stderr
    agencies = fetch(data / "k.duckdb", "SELECT DISTINCT pemda, opd FROM dim_dokumen ORDER BY ALL")
    assert agencies == [("Kabupaten Gianyar", "Dinas Tenaga Kerja dan Perindustrian"),
                        ("Kabupaten Klungkung", "Dinas Ketenagakerjaan")]
    both = (data / "laporan-kinerja.html").read_text(encoding="utf-8")
    for section in ("serapan", "capaian", "efisiensi"):
        block = both[both.index(f'id="{section}"'):]
        block = block[:block.index("</section>")]
        assert "<h3>Dinas Tenaga Kerja dan Perindustrian — Kabupaten Gianyar</h3>" in block, section
        assert "<h3>Dinas Ketenagakerjaan — Kabupaten Klungkung</h3>" in block, section

    only = kinerja("report", "--warehouse", str(data / "k.duckdb"), "--out", str(tmp_path / "g.html"), "--pemda", "gianyar")
    assert only.returncode == 0, only.stderr
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "Kabupaten Klungkung</h3>" not in html
    assert "lkjip-disnaker-klungkung-2024.pdf" not in html  # neither its findings nor its document row
    (n,) = fetch(data / "k.duckdb", "SELECT count(*) FROM mart_temuan WHERE pemda = 'Kabupaten Gianyar'")[0]
    assert html.count('<td><span class="sev') == n


def test_every_drawn_point_lies_inside_its_plot_area():
    """Charts of awkward values: a negative capaian (a lower-is-better indicator far past its
    target, (2 x 2 - 9) / 2 = -250 %), one year only, values far over 100 %."""
    from load import charts

    def inside(svg: str, height: int) -> None:
        for cx, cy in re.findall(r'<circle class="mark[^"]*" cx="([-\d.]+)" cy="([-\d.]+)"', svg):
            assert charts.MARGIN["left"] <= float(cx) <= charts.WIDTH - charts.MARGIN["right"], svg
            assert charts.MARGIN["top"] <= float(cy) <= height - charts.MARGIN["bottom"], (cy, svg)

    d = Decimal
    points = [
        {"tahun": 2022, "target": d(2), "realisasi": d(9), "satuan": "kasus", "capaian_pct_reported": d(100), "capaian_pct": d(-250)},
        {"tahun": 2023, "target": d(2), "realisasi": d(0), "satuan": "kasus", "capaian_pct_reported": d(100), "capaian_pct": d(200)},
    ]
    svg = charts.capaian_lines("t", "t", points, "turun")
    assert svg.count('class="mark point') == 4
    inside(svg, charts.HEIGHT)
    inside(charts.capaian_lines("one", "one", points[1:], "naik"), charts.HEIGHT)
    scatter = charts.efisiensi_scatter("s", "s", [
        {"tahun": 2024, "level": "program", "kode": "1", "nama": "a", "serapan_pct": d("12.5"), "capaian_pct": d(-40)},
        {"tahun": 2024, "level": "kegiatan", "kode": "1.1", "nama": "b", "serapan_pct": d("99.9"), "capaian_pct": d(640)},
    ])
    inside(scatter, 300)
