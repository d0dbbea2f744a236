"""The sample report as the Word draft it was exported from (.docx), read like the PDF.

The drafts are written by tests/generator/docx_report.py: Tabel 3.9 from the hand-made
golden budget lines, the rest from the report's full text. They must give the golden's 45
budget lines and the golden's findings, in both styles: every border ruled (header rows
marked to repeat, Tabel 3.1 nested in a layout table) and rules between rows only (header
rows bold, not marked).
"""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document

from flows.documents import read_document
from tests.conftest import ROOT, build_warehouse, dec, fetch, read_golden
from tests.generator.docx_report import STYLES, write_docx
from tests.test_audit import key

GOLDEN_ANGGARAN = read_golden("klungkung_2024_anggaran.csv")
GOLDEN_TEMUAN = read_golden("klungkung_2024_temuan.csv")


def norm(text):
    return " ".join((text or "").split())


@pytest.fixture(scope="module", params=STYLES)
def draft(request, tmp_path_factory):
    path = write_docx(tmp_path_factory.mktemp("docx") / f"lkjip-klungkung-2024-{request.param}.docx", request.param)
    result = read_document(path)
    assert result.error is None
    return request.param, path, result.document


@pytest.fixture(scope="module")
def warehouse(draft, tmp_path_factory):
    wh = tmp_path_factory.mktemp("docx-wh") / "k.duckdb"
    build_warehouse(wh, draft[2])
    return wh


def test_the_draft_says_who_and_when(draft):
    d = draft[2].dokumen
    assert (d["format"], d["pemda"], d["opd"], d["tahun"], d["page_count"]) == (
        "docx", "Kabupaten Klungkung", "Dinas Ketenagakerjaan", 2024, None)
    # the CIK annex's title block (PERUBAHAN, BULAN : Desember) is a table's, not the LKjIP's:
    # the report has no stage or month (tests/golden/real/metadata.csv, the sample LKjIP row)
    assert (d["tahapan"], d["bulan"], d["number_locale"]) == (None, None, "id")
    assert (d["jenis"], d["metadata_note"]) == ("lkjip", "jenis: sampul; pemda: sampul; opd: sampul; tahun: sampul")


def test_the_45_budget_lines_match_the_golden(draft):
    lines = draft[2].rows["fct_anggaran_per_dokumen"]
    assert [r["kode_printed"] for r in lines] == [g["kode_printed"] for g in GOLDEN_ANGGARAN]
    for line, g in zip(lines, GOLDEN_ANGGARAN):
        assert (line["kode"], line["level"], line["nomor_printed"] or "") == (g["kode"], g["level"], g["nomor_printed"])
        assert norm(line["nama_printed"]) == g["nama_printed"]
        assert (line["pagu_idr"], line["realisasi_idr"], line["serapan_pct_reported"]) == (
            dec(g["pagu_idr"]), dec(g["realisasi_idr"]), dec(g["serapan_pct_reported"]))
        assert line["parse_issue"] is None


def test_the_budget_lines_indicators_match_the_golden(draft):
    values = {r["kode"]: r for r in draft[2].rows["fct_indikator_per_dokumen"] if r["jenis"] == "anggaran"}
    for g in (g for g in GOLDEN_ANGGARAN if g["target"]):
        v = values[g["kode"]]
        assert (norm(v["indikator"]), v["satuan"] or "") == (g["indikator"], g["satuan"])
        assert (v["target"], v["realisasi"], v["capaian_pct_reported"]) == (
            dec(g["target"]), dec(g["realisasi"]), dec(g["capaian_pct_reported"]))


def test_provenance_is_the_table_number_and_words_row(draft, warehouse):
    """No pages: source_page is null, source_table the table's number in the document and
    source_row its row in Word's table, header rows counted."""
    style = draft[0]
    tables = fetch(warehouse, "SELECT source_table, kind, caption, pages, header FROM stg_tabel ORDER BY source_table")
    assert [t[0] for t in tables] == list(range(1, len(tables) + 1))
    assert all(t[3] is None for t in tables)
    [(budget, caption)] = [(t[0], t[2]) for t in tables if t[1] == "anggaran"]
    assert caption.startswith("Tabel 3.9 Realisasi Anggaran")
    rows = fetch(warehouse, "SELECT source_page, source_table, source_row, kode_printed FROM fct_anggaran ORDER BY source_row")
    assert {(r[0], r[1]) for r in rows} == {(None, budget)}
    assert [(r[2], r[3]) for r in rows[:3]] == [(3, "2"), (4, "2.07"), (5, "2.07.01")]
    assert rows[-1][2] == 47
    jumlah = fetch(warehouse, "SELECT source_row, nilai_printed FROM fct_ringkasan_anggaran WHERE label_key = 'jumlah' ORDER BY urutan")
    assert jumlah[0] == (51, "Rp. 6.254.031.019,00")
    assert fetch(warehouse, "SELECT count(*) FROM stg_sel WHERE source_page IS NOT NULL") == [(0,)]
    sasaran = [t for t in tables if (t[2] or "").startswith("b. Tabel 3.1")]
    assert [t[1] for t in sasaran] == ["sasaran_tahunan"]
    layout = [t for t in tables if t[0] == sasaran[0][0] - 1][0]
    if style == "ruled":  # the layout table holding Tabel 3.1 comes first, the nested table right after
        assert (layout[1], layout[4]) == (None, None)
    else:
        assert layout[2].startswith("Tabel 2.3")


def test_the_findings_are_the_pdfs(warehouse):
    """Every finding of the golden list is raised on the draft, and nothing else; pages
    aside, since the draft has none."""
    found = fetch(warehouse, "SELECT rule, severity, level, kode, indikator, tahun, reported, expected, message FROM fct_temuan")
    got = sorted(key(r[0], r[2], r[3], r[4] if r[0] == "capaian_tercetak" else None, r[5], r[6], r[7], None) + (r[1],)
                 for r in found)
    want = sorted(key(g["rule"], g["level"], g["kode"], g["indikator"] if g["rule"] == "capaian_tercetak" else None,
                      g["tahun"], g["reported"], g["expected"], None) + (g["severity"],) for g in GOLDEN_TEMUAN)
    assert got == want
    for *_, message in found:
        assert "hlm." not in message and "sheet" not in message, message
        assert re.search(r"(Tabel \d+(\.\d+)*, baris \d+|Teks menyebut)", message), message


def test_kinerja_check_lists_a_drafts_findings_without_pages(draft, warehouse):
    from flows.check import _read, render_text

    names, rows = _read(warehouse)
    text = render_text(names, rows).splitlines()
    assert text[:2] == [f"{draft[1].name}: {len(GOLDEN_TEMUAN)} temuan", "  tanpa halaman"]
    assert text[-1] == f"{len(GOLDEN_TEMUAN)} temuan" and len(text) == len(GOLDEN_TEMUAN) + 3


def test_a_draft_and_its_pdf_are_one_report_and_their_differences_are_findings(tmp_path, transformed):
    """The .docx changed after the PDF was exported: TPAK realised 79,88 became 79,90 in
    Tabel 3.1. The later-loaded draft supersedes the PDF, and the difference is a finding."""
    path = write_docx(tmp_path / "lkjip-klungkung-2024-revisi.docx", "horizontal")
    doc = Document(str(path))
    table = next(t for t in doc.tables if t.cell(0, 0).text == "Sasaran" and t.cell(0, 2).text == "Satuan")
    assert table.cell(1, 4).text == "79,88"
    table.cell(1, 4).paragraphs[0].text = "79,90"
    doc.save(str(path))
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, transformed, read_document(path).document)
    assert fetch(wh, "SELECT format, status FROM dim_dokumen ORDER BY format") == [("docx", "loaded"), ("pdf", "superseded")]
    assert fetch(wh, "SELECT count(*) FROM mart_serapan_anggaran") == [(45,)]
    found = fetch(wh, "SELECT d.format, reported, expected, f.source_page, message FROM fct_temuan f "
                      "JOIN dim_dokumen d USING (source_document_id) WHERE rule = 'lintas_laporan' ORDER BY f.source_page")
    # the PDF prints the 2024 TPAK in Tabel 3.1 (p. 19) and Tabel 3.2 (p. 20): both now differ from the draft
    assert [f[:4] for f in found] == [("pdf", "79,88", "79,90", 19), ("pdf", "79,88", "79,90", 20)]
    assert found[0][4].endswith("tercetak 79,88 dalam laporan tahun 2024 (Tabel 3.1, hlm. 19), tetapi 79,90 dalam laporan "
                                "tahun 2024 (lkjip-klungkung-2024-revisi.docx, Tabel 3.1, baris 2).")


def test_merged_cells_come_as_words_grid(draft):
    """The budget header: NO. over P. | K. | SK. (gridSpan), KODE over two columns and two
    rows (gridSpan and vMerge), the KET. column merged down."""
    from extract.word import extract_docx

    budget = next(t for t in extract_docx(draft[1]).tables if t.kind == "anggaran")
    assert [" / ".join(c.header_path) for c in budget.columns] == [
        "NO. / P.", "NO. / K.", "NO. / SK.", "KODE", "KODE", "PROGRAM / KEGIATAN / SUB KEGIATAN",
        "ANGGARAN / RENCANA", "ANGGARAN / REALISASI", "ANGGARAN / CAPAIAN IK", "INDIKATOR KINERJA / INDIKATOR (SATUAN)",
        "INDIKATOR KINERJA / RENCANA", "INDIKATOR KINERJA / REALISASI", "INDIKATOR KINERJA / CAPAIAN IK", "KET."]
    jumlah = budget.rows[-2]
    assert [(c.text, c.covered) for c in jumlah.cells[5:10]] == [
        ("JUMLAH", True), ("Rp. 6.254.031.019,00", False), ("Rp. 6.254.031.019,00", True),
        ("Rp. 6.254.031.019,00", True), ("Rp. 5.736.636.675,00", False)]


def test_tracked_changes_read_as_accepted(tmp_path):
    """A reviewer's draft carries tracked changes: inserted text is read, deleted text not
    (python-docx's own Paragraph.text drops the inserted runs)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from extract.word import extract_docx

    def changed(paragraph, old, new):
        paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="Inspektorat"><w:r><w:delText>{old}'
                                      "</w:delText></w:r></w:del>"))
        paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="Inspektorat"><w:r><w:t>{new}</w:t>'
                                      "</w:r></w:ins>"))

    doc = Document()
    changed(doc.add_paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN "), "2023", "2024")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "Indikator", "Realisasi", "TPAK"
    changed(table.cell(1, 1).paragraphs[0], "79,88", "79,90")
    doc.save(str(tmp_path / "revisi.docx"))
    read = extract_docx(tmp_path / "revisi.docx")
    assert read.page_texts[0].startswith("LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024\n")
    assert [[c.text for c in r.cells] for r in read.tables[0].rows] == [["TPAK", "79,90"]]


BAD_DRAFTS = {
    "draf-kosong.docx": (lambda p: p.write_bytes(b""), "draf-kosong.docx: berkas kosong (0 byte)"),
    "draf-terkunci.docx": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        "draf-terkunci.docx: bukan .docx biasa: dokumen Word terkunci kata sandi atau dokumen Word lama (.doc) "
        "yang diberi nama .docx; buka kuncinya atau simpan ulang sebagai .docx"),
    "draf-rusak.docx": (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(100)), "draf-rusak.docx: berkas docx rusak atau terpotong"),
}


@pytest.mark.parametrize("name", BAD_DRAFTS)
def test_a_bad_draft_is_rejected_with_one_line(tmp_path, name):
    make, message = BAD_DRAFTS[name]
    make(tmp_path / name)
    assert read_document(tmp_path / name).error == message


def test_a_zip_that_is_no_word_document_is_rejected(tmp_path):
    path = tmp_path / "bukan-word.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert read_document(path).error == (
        "bukan-word.docx: dokumen Word tidak dapat dibaca (bagian word/document.xml tidak ada atau rusak)")


def test_a_spreadsheet_named_docx_is_rejected(tmp_path):
    path = tmp_path / "cik.docx"
    path.write_bytes((ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx").read_bytes())
    assert read_document(path).error == (
        "cik.docx: bukan dokumen Word (arsip Office lain, mis. spreadsheet, yang diberi nama .docx)")
