"""Scanned pages read by OCR (extract.ocr, issue #16), on scans of the sample we make ourselves.

tests/generator/scan.py renders the Klungkung 2024 sample's budget pages (Tabel 3.9, p. 25-28,
landscape) at 150 and at 200 dpi, grey, skewed 0.7 degrees, with JPEG noise and turned
sideways, into image-only PDFs. The 45 budget lines read from them are compared with the
hand-made golden of the typed sample (tests/golden/klungkung_2024_anggaran.csv).

"Exactly" means every compared field equal: kode, level, nomor, nama (spaces folded), pagu,
realisasi, serapan as printed, no parse issue; the printed code compared without its spaces
(OCR loses the narrow spaces of "2 07 01 2.06"; the canonical kode, compared as well, must
still come out the same). A line that is not exact must be flagged for a reviewer: a parse
issue, a finding (fct_temuan), or an OCR confidence below LOW_CONFIDENCE.

Only the four budget pages are scanned (OCR costs seconds a page); the scans and the OCR
cache live for the session. The CLI test goes through `kinerja run`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_PDF, answer, build_warehouse, dec, read_golden

# No skip when Tesseract is missing: `make test` installs it (Makefile system-test), and a
# machine without it must fail here rather than pass without reading a single scan.

GOLDEN = read_golden("klungkung_2024_anggaran.csv")
BUDGET_PAGES = [25, 26, 27, 28]
LOW_CONFIDENCE = 80.0  # below this a reviewer is told to check the row against the image


def norm(text):
    return " ".join((text or "").split())


@pytest.fixture(scope="session")
def scans(tmp_path_factory) -> dict[int, Path]:
    from tests.generator.scan import make_scan

    folder = tmp_path_factory.mktemp("scans")
    return {dpi: make_scan(SAMPLE_PDF, folder / f"scan-{dpi}" / f"klungkung-scan-{dpi}.pdf", dpi, BUDGET_PAGES)
            for dpi in (150, 200)}


@pytest.fixture(scope="session")
def read_scans(scans, tmp_path_factory):
    """Each scan extracted, transformed and loaded into its own warehouse."""
    from extract.pdf import extract_pdf
    from transform.document import transform_document

    out = {}
    for dpi, pdf in scans.items():
        extracted = extract_pdf(pdf)
        transformed = transform_document(extracted)
        wh = tmp_path_factory.mktemp(f"wh-{dpi}") / "k.duckdb"
        build_warehouse(wh, transformed)
        out[dpi] = (extracted, transformed, wh)
    return out


def _mismatches(line: dict | None, golden: dict) -> list[str]:
    if line is None:
        return ["missing"]
    wrong = []
    checks = {
        "kode": (line["kode"], golden["kode"]),
        "kode_printed": ("".join((line["kode_printed"] or "").split()), "".join(golden["kode_printed"].split())),
        "level": (line["level"], golden["level"]),
        "nomor_printed": (line["nomor_printed"] or "", golden["nomor_printed"]),
        "nama_printed": (norm(line["nama_printed"]), golden["nama_printed"]),
        "pagu_idr": (line["pagu_idr"], dec(golden["pagu_idr"])),
        "realisasi_idr": (line["realisasi_idr"], dec(golden["realisasi_idr"])),
        "serapan_pct_reported": (line["serapan_pct_reported"], dec(golden["serapan_pct_reported"])),
        "parse_issue": (line["parse_issue"], None),
    }
    return [name for name, (got, want) in checks.items() if got != want]


@pytest.mark.parametrize("dpi", [150, 200])
def test_scan_is_read_by_ocr_every_page_turned_upright(read_scans, dpi):
    extracted, transformed, _ = read_scans[dpi]
    assert extracted.pages_ocr == [1, 2, 3, 4]
    assert transformed.dokumen["pages_without_text"] == "1,2,3,4"
    budget = [t for t in extracted.tables if t.kind == "anggaran"]
    # the four sideways pages are read upright and stitched into one table, as typed
    assert len(budget) == 1 and budget[0].pages == [1, 2, 3, 4]
    assert [c.name for c in budget[0].columns] == [
        "nomor", "nomor", "nomor", "kode", "kode", "nama", "pagu", "realisasi", "serapan_pct",
        "indikator", "target", "realisasi_indikator", "capaian_pct", "keterangan",
    ]


@pytest.mark.parametrize("dpi", [150, 200])
def test_at_least_90_percent_of_the_45_budget_lines_exact_and_every_other_flagged(read_scans, dpi):
    _, transformed, wh = read_scans[dpi]
    lines = answer(wh, "SELECT * FROM fct_anggaran_per_dokumen")
    assert lines and all(line["ocr"] for line in lines)
    found = answer(wh, "SELECT source_row, ocr, ocr_confidence, message FROM fct_temuan")
    finding_rows = {f["source_row"] for f in found}
    by_kode = {line["kode"]: line for line in lines if line["kode"]}
    exact, unflagged = 0, []
    for golden in GOLDEN:
        line = by_kode.get(golden["kode"])
        wrong = _mismatches(line, golden)
        if not wrong:
            exact += 1
            continue
        flagged = line is not None and (
            line["parse_issue"] is not None
            or line["source_row"] in finding_rows
            or (line["ocr_confidence"] is not None and line["ocr_confidence"] < LOW_CONFIDENCE)
        )
        if not flagged:
            unflagged.append((golden["kode_printed"], wrong, line and line["ocr_confidence"]))
    assert exact >= 0.9 * len(GOLDEN), f"{exact}/{len(GOLDEN)} exact"
    assert not unflagged, unflagged


def test_findings_on_ocr_values_say_they_may_be_misread(read_scans):
    _, _, wh = read_scans[150]
    found = answer(wh, "SELECT ocr, ocr_confidence, message FROM mart_temuan")
    assert found, "the sample's own contradictions (docs/audit.md) are found in the scan too"
    for f in found:
        assert f["ocr"] is True
        assert "Mungkin salah baca OCR" in f["message"]
        assert f["ocr_confidence"] is None or 0 <= f["ocr_confidence"] <= 100


def test_ocr_cells_carry_confidence_into_staging_and_core(read_scans):
    _, _, wh = read_scans[150]
    cells = answer(wh, "SELECT ocr, ocr_confidence FROM stg_sel")
    assert cells and all(c["ocr"] is True for c in cells)
    assert all(c["ocr_confidence"] is None or 0 <= c["ocr_confidence"] <= 100 for c in cells)
    core = answer(wh, "SELECT ocr, ocr_confidence FROM fct_anggaran")
    assert core and all(r["ocr"] is True and r["ocr_confidence"] is not None for r in core)


def test_typed_sample_is_not_marked_as_ocr(transformed):
    rows = transformed.rows["fct_anggaran_per_dokumen"]
    assert rows and all(r["ocr"] is None and r["ocr_confidence"] is None for r in rows)


def test_cached_page_is_not_read_again(scans, tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from extract import ocr

    doc = pdfium.PdfDocument(str(scans[150]))
    try:
        first = ocr.ocr_document_pages(doc, cache=tmp_path)
        assert sorted(first) == [1, 2, 3, 4] and not any(r.cached for r in first.values())
        assert len(list(tmp_path.rglob("*.json"))) == 4

        def no_second_reading(*args, **kwargs):
            raise AssertionError("a cached page was OCR'd again")

        monkeypatch.setattr(ocr, "ocr_image", no_second_reading)
        again = ocr.ocr_document_pages(doc, cache=tmp_path)
    finally:
        doc.close()
    assert all(r.cached for r in again.values())
    assert {n: r.words for n, r in again.items()} == {n: r.words for n, r in first.items()}


def test_skew_and_orientation_are_found(scans):
    import pypdfium2 as pdfium

    from extract import ocr

    doc = pdfium.PdfDocument(str(scans[200]))
    try:
        image = ocr.render(doc[0], 150)
    finally:
        doc.close()
    # page 25 of the sample is landscape: the scan stores it turned a quarter
    turn = ocr.orientation(image)
    assert turn == 90  # the generator turned it a quarter counter-clockwise
    # the same sheet fed the other way round reads the other way
    assert ocr.orientation(image.rotate(180)) == 270
    upright = image.rotate(-turn, expand=True)
    assert upright.width > upright.height
    # the generator skews page 25 (odd) by +0.7 degrees; leveling turns it back
    assert abs(abs(ocr.skew_angle(upright)) - 0.7) <= 0.15


def test_rules_of_the_scanned_table_are_found(read_scans):
    extracted, _, _ = read_scans[200]
    budget = next(t for t in extracted.tables if t.kind == "anggaran")
    # 14 columns cut by the ruled lines detected in the image, as in the typed sample
    assert len(budget.columns) == 14


def test_a_picture_is_not_taken_for_text():
    from extract.ocr import is_text

    print_words = [{"conf": c} for c in (96, 95, 91, 88, 40)]
    picture_words = [{"conf": c} for c in (12, 30, 33, 51, 90)]
    assert is_text(print_words)
    assert not is_text(picture_words)
    assert not is_text([])


def test_cli_run_reads_a_scan_and_marks_ocr_values_in_the_report(scans, read_scans, tmp_path):
    # the session's OCR cache ($KINERJA_OCR_CACHE, tests/conftest.py) already holds these pages
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "flows", "run", str(scans[150].parent), "--warehouse", str(out / "k.duckdb"),
         "--parquet", str(out / "pq"), "--report", str(out / "laporan.html"), "--workers", "1"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = answer(out / "k.duckdb", "SELECT count(*) AS n, bool_and(ocr) AS ocr FROM fct_anggaran_per_dokumen")
    assert rows[0]["n"] == 45 and rows[0]["ocr"] is True
    html = (out / "laporan.html").read_text(encoding="utf-8")
    # the document's scanned pages and rows read by OCR are named; findings carry a badge
    assert "Hlm. 1,2,3,4 hasil pindai: " in html and "baris dibaca dengan OCR" in html
    assert '<span class="ocr" title="Nilai dibaca dengan OCR' in html


def test_scanned_pk_gives_its_budget_table():
    """The scanned Distan Jabar 2016 PK (../shared/real, 3 pages, no text layer): p3's program
    table is read by OCR and matches the hand-made golden (its p2 target table: next test)."""
    from bench import eval_real

    stem = "jabar-distan-2016-pk-scan"
    read = eval_real.read(eval_real.document_path(stem))
    assert read.error is None
    golden = eval_real.read_golden(eval_real.golden_files()[stem]["anggaran"])
    lines = read.rows["fct_anggaran_per_dokumen"]
    assert all(line["ocr"] for line in lines)
    # every amount of the page, read from the scan
    assert sorted(line["pagu_idr"] for line in lines) == sorted(dec(g["pagu_idr"]) for g in golden)
    ev = eval_real.evaluate_document(read, eval_real.golden_files()[stem])["anggaran"]
    assert ev.exact >= 0.9 * ev.golden, ev.reasons()


def test_scanned_pk_gives_its_target_table():
    """p2 of the scanned Distan Jabar 2016 PK: a frame with vertical rules and a rule under
    each numbered sasaran group, none between the items inside a group (extract.items parts
    them by their text lines; its faint rules are found with extract.ocr's RULE_SLACK). Every
    golden row's target is read, on a row of its own, under its sasaran; the indicator texts
    are exact but where Tesseract misreads a "%" ("(Yo)" in one of the 20 on 2 December 2026);
    every value is flagged as OCR with a confidence."""
    from bench import eval_real

    stem = "jabar-distan-2016-pk-scan"
    read = eval_real.read(eval_real.document_path(stem))
    assert read.error is None
    golden = eval_real.read_golden(eval_real.golden_files()[stem]["indikator"])
    rows = [r for r in read.rows["fct_indikator_per_dokumen"] if r["source_page"] == 2]
    assert len(rows) == len(golden) == 20
    # one row per item, in the printed order, each with its own target
    assert [r["target"] for r in rows] == [dec(g["target"]) for g in golden]
    assert all(r["ocr"] is True and r["ocr_confidence"] is not None and 0 <= r["ocr_confidence"] <= 100 for r in rows)
    # the sasaran printed once over its indicators goes with each of them
    named = [(r["sasaran"], g["sasaran"]) for r, g in zip(rows, golden) if r["sasaran"]]
    assert len(named) >= 19 and all(norm(a).lower() == norm(b).lower() for a, b in named), named
    ev = eval_real.evaluate_document(read, eval_real.golden_files()[stem])["indikator"]
    assert ev.exact >= 19, ev.reasons()
    for r, g in zip(rows, golden):
        if norm(r["indikator"]) != g["indikator"]:
            assert "%" in g["indikator"], (r["indikator"], g["indikator"])  # only "%" misread


def test_typed_copy_of_the_pk_gives_the_same_target_table():
    """The typed copy of the same PK in the Distan LKIP (p63, text layer, same layout but each
    sasaran numbered 1.-7. and two indicators in one paragraph) gives the same 20 indicators
    and targets as the golden written from the scan."""
    from bench import eval_real

    golden = eval_real.read_golden(eval_real.golden_files()["jabar-distan-2016-pk-scan"]["indikator"])
    read = eval_real.read(eval_real.document_path("jabar-distan-2016-lkip"))
    rows = [r for r in read.rows["fct_indikator_per_dokumen"] if r["source_page"] == 63]
    assert [(norm(r["indikator"]), r["target"]) for r in rows] == [(g["indikator"], dec(g["target"])) for g in golden]
    assert not any(r["ocr"] for r in rows)


def test_only_pages_without_text_are_read_by_ocr(scans, tmp_path):
    """A report typed but for its scanned budget pages: the typed pages keep their text layer,
    the scanned ones are OCR'd, and the budget table is found on them."""
    import pypdfium2 as pdfium

    from extract.pdf import extract_pdf

    mixed = pdfium.PdfDocument.new()
    typed = pdfium.PdfDocument(str(SAMPLE_PDF))
    scan = pdfium.PdfDocument(str(scans[150]))
    try:
        mixed.import_pages(typed, list(range(0, 24)))  # p. 1-24 typed
        mixed.import_pages(scan)  # p. 25-28 scanned
        mixed.save(str(tmp_path / "campuran.pdf"))
    finally:
        for doc in (mixed, typed, scan):
            doc.close()
    extracted = extract_pdf(tmp_path / "campuran.pdf")
    assert extracted.pages_ocr == [25, 26, 27, 28]
    budget = [t for t in extracted.tables if t.kind == "anggaran"]
    assert len(budget) == 1 and budget[0].pages == [25, 26, 27, 28]
    typed_cells = [c for t in extracted.tables if t.pages[0] < 25 for r in t.rows for c in r.cells if c is not None]
    assert typed_cells and not any(c.ocr for c in typed_cells)
