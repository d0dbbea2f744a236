"""Dinkes Jawa Barat LKjIP 2016 (../shared/real): budget as a numbered list and a staggered grid.

Two layouts no other real document showed (golden README, section jabar-dinkes-2016-lkip):
- pp. 25-31: the budget as a numbered list in the running text ("a. Program ... sebesar Rp.
  ..., dengan rincian kegiatan sebagai berikut : 1) ... sebesar Rp. ..."), read by
  extract/lists.py;
- pp. 82-86: a ruled table whose cell backgrounds are drawn at other heights than its rules,
  so one printed row is cut into several grid rows (extract/bands.py), and whose JUMLAH lost a
  leading digit in the PDF itself ("04.597.911.173").
The expectation is the hand-made golden file; a line counts as read when bench/eval_real.py
pairs it exactly (same page, name intact, same level, pagu and realisasi equal).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from bench import eval_real
from extract.lists import list_tables, name_of
from extract.pdf import read_page_texts
from flows.documents import read_document

STEM = "jabar-dinkes-2016-lkip"
# pages whose every golden budget line comes out exactly (p29: item C., its amount after a page
# break and a running header, included); p84's last kegiatan stops before the program heading
# "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN" that opens p85 in the same column
WHOLE_PAGES = [25, 26, 27, 28, 29, 30, 31, 82, 83, 84, 85, 86]


@lru_cache(maxsize=None)
def _read():
    result = read_document(eval_real.document_path(STEM))
    assert result.ok, result.error
    golden = eval_real.read_golden(eval_real.golden_files()[STEM]["anggaran"])
    rows = result.document.rows["fct_anggaran_per_dokumen"]
    return golden, rows, eval_real.evaluate("anggaran", golden, rows)


@pytest.mark.parametrize("page", WHOLE_PAGES)
def test_every_golden_budget_line_of_the_page_comes_out_exactly(page):
    golden, _rows, ev = _read()
    wanted = {i for i, g in enumerate(golden) if int(g["source_page"]) == page}
    assert wanted
    exact = {i for i, _ in ev.matches}
    missed = [(m.golden["nama_printed"], m.reasons) for m in ev.misses if int(m.golden["source_page"]) == page]
    assert wanted <= exact, missed


def test_budget_share_reaches_the_target():
    golden, _rows, ev = _read()
    assert len(ev.matches) / len(golden) >= 0.95


def test_a_total_missing_its_leading_digit_keeps_the_text_layer_value_flagged():
    """p86 prints '04.597.911.173' (the '2' is missing from the PDF, not only the text layer):
    the value is the printed one, never 'corrected' to the kegiatan sum, and flagged."""
    _golden, rows, _ev = _read()
    jumlah = [r for r in rows if r["source_page"] == 86 and (r["nama_printed"] or "").startswith("JUMLAH")]
    assert len(jumlah) == 1
    assert jumlah[0]["realisasi_idr"] == Decimal("4597911173.00")
    assert jumlah[0]["realisasi_printed"] == "04.597.911.173"
    assert "diawali nol" in (jumlah[0]["parse_issue"] or "")


def test_staggered_rows_give_one_line_per_kegiatan_with_its_whole_name():
    """p82: the name's two lines, the amounts between them and the % cells cut elsewhere are
    one row; p83: 'Paru di BKPM', ruled apart under its first line, is part of the name."""
    _golden, rows, _ev = _read()
    names = {(r["source_page"], r["nama_printed"]) for r in rows}
    assert (82, "Peningkatan Perilaku Hidup Bersih dan Sehat (PHBS)") in names
    assert (83, "Peningkatan Sumber Daya Pelayanan Kesehatan Paru di BKPM") in names
    assert (82, "Kegiatan Gerakan Penyelamatan Masa Depan (Gema Mapan) Melalui Program Kesehatan Anak "
                "Usia Sekolah dan Remaja") in names


def test_numbered_list_levels_come_from_the_list_structure():
    """'1. Program Pokok' groups programs (other), 'a. Program Promosi Kesehatan' is a program,
    its '1) ...' items kegiatan; the sections A.-F. are other."""
    texts, _ = read_page_texts(eval_real.document_path(STEM))
    tables = list_tables(texts)
    levels = {}
    for t in tables:
        for r in t.rows:
            levels.setdefault(r.cells[1].text, r.cells[3].text)
    assert levels["Belanja Langsung (APBD)"] == "other"
    assert levels["Program Pokok"] == "other"
    assert levels["Program Promosi Kesehatan"] == "program"
    assert levels["Peningkatan Perilaku Hidup Bersih dan Sehat"] == "kegiatan"
    assert levels["Program Penunjang"] == "other"
    assert levels["Program Pelayanan Administrasi Perkantoran"] == "program"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Program Promosi Kesehatan yang dibiayai oleh APBD Provinsi\nsebesar Rp. 4.569.824.875,-", "Program Promosi Kesehatan"),
        ("Program Sumber Daya Kesehatan anggaran yang dibiayai oleh APBD", "Program Sumber Daya Kesehatan"),
        ("Program Pelayanan Administrasi Perkantoran Rp.\n17.042.220.637,-", "Program Pelayanan Administrasi Perkantoran"),
        ("Peningkatan Pelayanan Kesehatan Rujukan, sebesar Rp.", "Peningkatan Pelayanan Kesehatan Rujukan"),
    ],
)
def test_an_items_name_ends_before_its_amount_phrase(text, name):
    assert name_of(text) == name


# indicator rows the golden file has and kinerja reads exactly today: A.1 (pp. 33-35, tables
# continued on the next page with one ruled strip more or less), A.2 (pp. 35-36, "% PENCAPAIAN"),
# A.3.1 (p. 36) and the landscape lampiran p.110 (header "Visi | Misi | ... | Target 2016 |
# Realisasi | Capaian" over a first body row of words and rates). Not yet: the text layer's
# "Angka_keberhasilan Pengobatan_TB" / "100%_Puskesmas" (the golden follows the image's spaces),
# and Misi 4's header "Tahun 2015" (the golden reads the 2016 section's year).
INDICATOR_PAGES = [33, 36, 110]


@lru_cache(maxsize=None)
def _indicators():
    result = read_document(eval_real.document_path(STEM))
    golden = eval_real.read_golden(eval_real.golden_files()[STEM]["indikator"])
    rows = result.document.rows["fct_indikator_per_dokumen"]
    return golden, rows, eval_real.evaluate("indikator", golden, rows)


def test_indicator_rows_mostly_come_out_exactly():
    golden, _rows, ev = _indicators()
    assert len(ev.matches) / len(golden) >= 0.90, [(m.golden["source_page"], m.golden["indikator"], m.reasons) for m in ev.misses]


def test_every_golden_indicator_row_of_the_pages_comes_out_exactly():
    golden, _rows, ev = _indicators()
    wanted = {i for i, g in enumerate(golden) if int(g["source_page"]) in INDICATOR_PAGES}
    exact = {i for i, _ in ev.matches}
    missed = [(m.golden["source_page"], m.golden["indikator"], m.reasons) for m in ev.misses
              if int(m.golden["source_page"]) in INDICATOR_PAGES]
    assert wanted and wanted <= exact, missed


def test_figures_ruled_above_their_name_line_join_it():
    """p.34: "4,01/ 1000 KH | 144.64%" stand in a row above "2 | Ratio Kematian bayi | 5,8/1000 KH"."""
    _golden, rows, _ev = _indicators()
    akb = [r for r in rows if r["source_page"] == 34 and r["indikator"] == "Ratio Kematian bayi"]
    assert len(akb) == 1
    assert (akb[0]["target"], akb[0]["realisasi"], akb[0]["capaian_pct_reported"]) == (
        Decimal("5.8"), Decimal("4.01"), Decimal("144.64"))


def test_a_rate_per_live_births_keeps_its_numerator_flagged():
    """'89/100.000 KH' (AKI, p.34): the figure is 89 per 100.000 live births, told in the issue."""
    _golden, rows, _ev = _indicators()
    aki = [r for r in rows if r["source_page"] == 35 and r["indikator"] == "Ratio Kematian Ibu"]
    assert aki and aki[0]["target"] == Decimal("89")
    assert "pembilang" in (aki[0]["parse_issue"] or "")


def test_words_joined_by_underscores_in_the_text_layer_are_kept_and_flagged():
    """p.34: the text layer has 'Angka_keberhasilan Pengobatan_TB' where the image shows spaces;
    the value stays the text layer's, never silently 'corrected', and says so."""
    _golden, rows, _ev = _indicators()
    tb = [r for r in rows if r["source_page"] == 34 and (r["indikator"] or "").startswith("Angka_keberhasilan")]
    assert tb and "'_'" in (tb[0]["parse_issue"] or "")
