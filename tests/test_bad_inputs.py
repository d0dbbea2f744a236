"""Broken and hostile inputs: each is rejected with a one-line message naming file, page or
sheet and cause, or, when it is readable, loaded; nothing raises."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from flows.documents import read_document
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf"


def small_lkjip(path: Path, owner: str | None = None, user: str | None = None, with_table: bool = True) -> Path:
    """A one-table LKjIP made here: cover words and Tabel 3.1 ruled, optionally encrypted."""
    pdf = FPDF()
    if owner:
        pdf.set_encryption(owner_password=owner, user_password=user)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in ("LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKJIP)", "TAHUN 2024", "PEMERINTAH KABUPATEN KLUNGKUNG", "DINAS KETENAGAKERJAAN"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT", align="C")
    if with_table:
        pdf.ln(10)
        pdf.cell(0, 8, "Tabel 3.1 Pengukuran Kinerja", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        rows = [["Sasaran", "Indikator Sasaran", "Satuan", "Target", "Realisasi", "Capaian"],
                ["Terserapnya Angkatan Kerja", "Tingkat Partisipasi Angkatan Kerja", "%", "79,00", "79,88", "101,11"]]
        for row in rows:
            for text, width in zip(row, (45, 55, 15, 20, 22, 22)):
                pdf.cell(width, 8, text, border=1)
            pdf.ln()
    else:
        pdf.multi_cell(0, 6, "Laporan ini belum memuat tabel capaian. " * 10)
    pdf.output(str(path))
    return path


def scanned(path: Path) -> Path:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(image, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def letter(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Undangan rapat koordinasi. Dengan hormat, kami mengundang Bapak/Ibu untuk hadir. " * 5)
    pdf.output(str(path))
    return path


def garbled(path: Path) -> Path:
    rng = random.Random(7)
    path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(20000)))
    return path


def docx_renamed(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return path


def xml_bomb(path: Path) -> Path:
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ) + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="CIK" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", bomb)
    return path


REJECTED = {
    "terkunci.pdf": (lambda p: small_lkjip(p, owner="pemilik", user="rahasia"), "terkunci.pdf: PDF terkunci kata sandi (encrypted); buka kuncinya lalu kirim ulang"),
    "pindaian.pdf": (scanned, "pindaian.pdf, halaman 1: tidak ada lapisan teks di halaman 1-2 (hasil pindai?); OCR tidak menemukan teks yang terbaca"),
    "undangan.pdf": (letter, "undangan.pdf: bukan dokumen kinerja atau anggaran: tidak ada judul LKjIP, PK, Renstra, Renja, RKA/DPA, "
                                 "RFK, LRA atau laporan triwulan, dan tidak ada tabel yang dikenali; tidak ada tabel yang terlihat"),
    "tanpa-tabel.pdf": (lambda p: small_lkjip(p, with_table=False), "tanpa-tabel.pdf: tidak ada tabel yang dikenali (1 halaman dibaca); tidak ada tabel yang terlihat"),
    "acak.pdf": (garbled, "acak.pdf: berkas PDF rusak atau terpotong, tidak dapat dibaca"),
    "laporan-word.pdf": (docx_renamed, "laporan-word.pdf: bukan berkas PDF (tanda %PDF tidak ada di awal berkas)"),
    "terpotong.pdf": (lambda p: p.write_bytes(SAMPLE.read_bytes()[: len(SAMPLE.read_bytes()) // 2]) or p,
                      "terpotong.pdf: berkas PDF rusak atau terpotong, tidak dapat dibaca"),
}


@pytest.mark.parametrize("name", REJECTED)
def test_bad_file_is_rejected_with_a_clear_line(tmp_path, name):
    make, message = REJECTED[name]
    path = tmp_path / name
    make(path)
    result = read_document(path)
    assert result.error == message
    assert "\n" not in result.error and result.document is None


def test_owner_password_only_pdf_is_readable_and_loads(tmp_path):
    result = read_document(small_lkjip(tmp_path / "hak-cetak.pdf", owner="pemilik"))
    assert result.error is None
    [value] = [r for r in result.document.rows["fct_indikator_per_dokumen"] if r["jenis"] == "tahunan"]
    assert (value["target_printed"], value["realisasi_printed"], value["capaian_printed"]) == ("79,00", "79,88", "101,11")


def test_xml_bomb_in_a_spreadsheet_is_rejected_not_expanded(tmp_path):
    result = read_document(xml_bomb(tmp_path / "bom-xml.xlsx"))
    assert result.document is None
    assert result.error.startswith("bom-xml.xlsx: ") and "\n" not in result.error


def test_absurd_sizes_are_cut_by_the_limits(tmp_path):
    big = tmp_path / "lampiran.pdf"
    big.write_bytes(SAMPLE.read_bytes())
    # 401 326 bytes are 0,3827 MB: shown to the decimal that puts them over the limit
    assert read_document(big, max_mb=0.1).error == "lampiran.pdf: berkas 0,4 MB, melebihi batas 0,1 MB"
    assert read_document(big, max_mb=0.3827).error == "lampiran.pdf: berkas 0,38273 MB, melebihi batas 0,3827 MB"
    assert read_document(big, max_pages=10).error == "lampiran.pdf: 33 halaman, melebihi batas 10 halaman"


def test_mutated_real_files_are_loaded_or_rejected_cleanly(tmp_path):
    """Bytes of the real PDF and export flipped at random: no exception escapes."""
    rng = random.Random(2024)
    outcomes = {"loaded": 0, "rejected": 0}
    for source in (SAMPLE, ROOT / "samples" / "cik-disnaker-klungkung-2024.xlsx"):
        data = bytearray(source.read_bytes())
        for i in range(12):
            mutated = bytearray(data)
            for _ in range(rng.randrange(1, 40)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            path = tmp_path / f"mutasi-{i}{source.suffix}"
            path.write_bytes(bytes(mutated))
            result = read_document(path)
            assert (result.document is None) != (result.error is None)
            if result.error:
                assert result.error.startswith(path.name) and "\n" not in result.error
            outcomes["loaded" if result.document else "rejected"] += 1
    assert sum(outcomes.values()) == 24
