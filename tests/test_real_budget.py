"""Budget lines of other agencies' documents (../shared/real), read by column roles (issue 14).

The expectation is the hand-made golden file (tests/golden/real/<stem>.anggaran.csv, transcribed
from the page images); a line is read exactly when bench/eval_real.py says so (same page,
name intact, same level, pagu and realisasi equal as Decimals, empty for empty). Each case
names the tables and pages that come out whole today; the lines of other tables of the same
documents are not read yet and are not asserted here (`make eval` measures them).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from bench import eval_real
from extract.roles import path_role, roles_in
from flows.documents import read_document
from transform.hierarchy import Levels, header_level
from transform.kode import code_level, parse_kode
from transform.numbers import column_locale, parse_number

# (document stem, golden `tabel`, PDF pages, levels left out): every golden line of that table
# on those pages comes out exactly.
WHOLE = [
    # RFK Agustus 2022: program -> kegiatan -> sub-kegiatan -> paket, codes 1-03.01 / 01.2.01 /
    # 01.2.01.01, anggaran per level in four columns, names clipped at the next rule. JUMLAH is
    # the footer of a coded table: a summary figure, not a line.
    ("grobogan-dpupr-2022-rfk-agustus", "", range(1, 7), {"total"}),
    # Tabel 8 (anggaran sebelum / setelah perubahan) and Tabel 10 (realisasi): headers centred
    # over columns the ruling parts from their body, a "Sebelum" / "Perubahan" header split
    # over two grid rows, a column-number row "(1) (2) ...".
    ("jabar-rsudalihsan-2016-lkip", "8", range(24, 26), set()),
    ("jabar-rsudalihsan-2016-lkip", "10", range(26, 30), set()),
    # Tabel 16: program code "29" and kegiatan number "01" in two KODE cells, TOTAL rows.
    ("jabar-distan-2016-lkip", "16", range(50, 53), set()),
    # LAMPIRAN p.146: code over six cells ("2 01 01 10 86 52", the kegiatan one cell deeper
    # than its program), "KODEREKENING" printed without a space, a "Belanja Langsung" heading.
    ("jabar-distan-2016-lkip", "", [146], set()),
    # Lampiran Rencana Kerja 2016, pp.67-78 (no caption number, read because a line opens with
    # "Lampiran" and the table runs on from page to page): "Pagu Indikatif (Rp. 000)" scales the
    # amounts by 1000; two sides (Rancangan Awal RKPD | Hasil Analisa Kebutuhan), the names and
    # pagu of the later, right side; amounts wrapped inside narrow cells ("5.099." / "119",
    # "2.939.6" / "25"). Not yet: p73 and p78 (a kegiatan printed on the right side only, its
    # name off its header's column), p76 (a kegiatan named "Program ...").
    ("jabar-distan-2016-lkip", "", [67, 68, 69, 70, 71, 72, 74, 75, 77], set()),
    # the PK program table without rules: its header "Program | Anggaran | Keterangan" is the
    # last line of p.63 above the footer, its ten rows on p.64 ("Rp. 18.972.674.100,-",
    # "10.Program ..." with the number glued to the name)
    ("jabar-distan-2016-lkip", "", [64], set()),
    # "Target Anggaran (Rp)" / "Realisasi Anggaran (Rp)" / "%", comma thousands, programs
    # lettered A, B ... with kegiatan numbered 1, 2 ... below them, BELANJA categories.
    ("jabar-bp3akb-2016-lkip", "3.2a", [64], set()),
    ("jabar-bp3akb-2016-lkip", "3.2b", [65], set()),
    # its continuation p.66 under a repeated header: the first row "H | Program Pengembangan
    # Kompetensi Aparatur" (no amounts) is a line, no second header line
    ("jabar-bp3akb-2016-lkip", "3.2b", [66], set()),
    # Tabel 2.3c continued on p.31, a page of amounts without cents; on p.30 the printed
    # subtotal "Program Strategis A s/d G" sums programs, no program of its own.
    ("jabar-bp3akb-2016-lkip", "2.3c", [30, 31], set()),
    # Tabel 5: ten kegiatan bulleted in one cell with their amounts stacked beside them.
    ("jabar-bkpd-2016-lkip", "5", [42], set()),
    # Tabel 4 "Penetapan Kinerja" p.40: kegiatan bulleted "- RTM OPD ..." under
    # "PROGRAM/KEGIATAN", beside the sasaran's indicators and targets.
    ("jabar-bkpd-2016-lkip", "4", [40], set()),
    # Tabel 3.2: "Keuangan" over "Pagu | Realisasi | % Realisasi", beside the kinerja columns;
    # on p.55 the Realisasi column lacks the rule between two kegiatan, so their two amounts
    # stand stacked in one merged cell, each at the height of its own kegiatan.
    ("jabar-bp3iptek-2016-lkip", "3.2", [53, 54, 55], set()),
    # Tabel 3.7: "Nama Progam" (sic) and "Keuangan / Pagu | Realisasi | Capaian %"; on p.45 one
    # cell stacks two programs, each opened by "Program", beside two stacked amounts.
    ("jabar-bappeda-2016-lkip", "3.7", [43, 44, 45, 46], set()),
    # Tabel 2.3a: each printed line of a sasaran's name has its own band of colour, so the name
    # column is one grid row per line beside one merged Anggaran cell. TOTAL ALOKASI ANGGARAN:
    # its label and amount merged from the strips left of the Sasaran and Anggaran columns.
    ("jabar-bp3akb-2016-lkip", "2.3a", [28], set()),
    # Spreadsheets (the "pages" are sheet rows). The pemda-wide APBD-P e-budgeting export: one row
    # per akun belanja of a sub-kegiatan of 40 SKPD, "code name" cells, JUMLAH | JUMLAH PERUBAHAN,
    # no year in its cells (the year of its file name). The RKPD export: one row per sub-keluaran.
    ("mamberamoraya-pemkab-2023-apbdp-ebudgeting", "", range(2, 228), set()),
    ("mamberamoraya-pemkab-2023-rkpdp2", "", range(2, 137), set()),
    # SIPD RKA rekap belanja: title block in the same frame, code split over five columns,
    # T-1 | T (Belanja Operasi ... Jumlah) | T+1, comma thousands.
    # p.8: the page's vertical rules run through the "Kode" label, which lands in one strip.
    ("sulut-dkips-2022-rka-rekap-belanja", "", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17], set()),
    # Perjanjian Kinerja, program table: no rules (a white box behind it), "Program" centred
    # over the row numbers and the names, "Rp" in a strip of its own, each amount printed
    # beside the middle of its wrapped name, below the row's number.
    ("jabar-dispora-2017-pk", "", [4], set()),
    # Renja evaluation Tabel I: "Target / Realisasi Renja Tahun 2013" printed in rupiah beside a
    # Renstra target and cumulative "s/d" realisations; code in four cells; three lines with
    # amounts but neither code nor name (level other).
    ("jabar-bpmpd-2015-renja-evaluasi", "I", [1, 2], set()),
    # Tabel 14 "Realisasi Kinerja dan Anggaran" p.34: a budget per indicator, its sasaran merged
    # over the rows, "Jumlah" under the Sasaran heading, "Jumlah Inovasi ..." an indicator.
    ("jabar-biroorganisasi-2016-lkip", "14", [34], set()),
    # e-monev "Realisasi Kinerja Pada Triwulan I - IV": K | Rp under each quarter, one line per
    # quarter; no codes (levels from the SIPD nomenclature), names wrapped behind white fills,
    # the OPD row, '-' for nil; p2-11 continue p1 with fewer hairline columns (tests/test_periode.py).
    ("tangsel-dikbud-2023-realisasi-kinerja-triwulan", "", range(1, 12), set()),
    # Tabel 4 p.11-12: "Tahun 2016" over Satuan | Target | Program | Kegiatan (the Kegiatan
    # column names kegiatan), kegiatan numbered 1.-15.; p.12 opens with kegiatan 2.-4. of misi 1
    # above "Misi 2" and the header printed again, and repeats the header before misi 3.
    ("jabar-biroorganisasi-2016-lkip", "4", [11, 12], set()),
    # Tabel 5 p.12-13: one grid row per shaded text line; "Jumlah Inovasi Pelayanan" / "Publik
    # sesuai Kriteria Nasional" with the sasaran's last line "publik" on a grid row between them.
    ("jabar-biroorganisasi-2016-lkip", "5", [12, 13], set()),
]


@lru_cache(maxsize=None)
def evaluation(stem: str) -> tuple[list[dict], eval_real.Evaluation]:
    """Read one real document as a run reads it and compare it with its golden budget lines."""
    files = eval_real.golden_files()[stem]
    golden = eval_real.read_golden(files["anggaran"])
    result = read_document(eval_real.document_path(stem))
    assert result.ok, result.error
    return golden, eval_real.evaluate("anggaran", golden, result.document.rows["fct_anggaran_per_dokumen"])


@pytest.mark.parametrize("stem, tabel, pages, left_out", WHOLE, ids=lambda v: str(v) if isinstance(v, str) else None)
def test_every_golden_line_of_the_table_comes_out_exactly(stem, tabel, pages, left_out):
    golden, ev = evaluation(stem)
    wanted = {
        i for i, g in enumerate(golden)
        if g["tabel"] == tabel and int(g["source_page"]) in set(pages) and g["level"] not in left_out
    }
    assert wanted, "the case names no golden line"
    exact = {g for g, _ in ev.matches}
    missed = [(golden[i]["source_page"], golden[i]["nama_printed"], m.reasons)
              for m in ev.misses for i in [golden.index(m.golden)] if i in wanted]
    assert wanted <= exact, missed


@pytest.mark.parametrize(
    "path, role",
    [
        # header paths as printed in the real documents, top to bottom
        (["Target Anggaran (Rp)"], "pagu"),  # BP3AKB Tabel 3.2b p.65
        (["REALISASI ANGGARAN (Rp)"], "realisasi"),
        (["Realisasi Anggaran", "(Rp.)"], "realisasi"),  # BKPD Tabel 5 p.42
        (["Realisasi Anggaran", "(%)"], "serapan_pct"),
        (["Keuangan", "Pagu"], "pagu"),  # BP3IPTEK Tabel 3.2 p.53
        (["Keuangan", "Realisasi"], "realisasi"),
        (["Keuangan", "%", "Realisasi"], "serapan_pct"),
        (["Kinerja", "Target"], "target"),
        (["Kinerja", "Realisasi"], "realisasi_indikator"),
        # BP3IPTEK Tabel 3.1 p.39: "Target" over "Target | Realisasi | % Realisasi", the "%" on a
        # grid row of its own; "Capaian Thn Lalu" is last year's realisation; the measure
        # against the Renstra end target is no value of this year
        (["Target", "%", "Realisasi"], "capaian_pct"),
        (["Kinerja", "%", "Realisasi"], "capaian_pct"),
        (["Capaian", "Thn Lalu"], "realisasi_lalu"),
        (["Target", "Akhir", "Renstra"], "target_renstra"),
        (["Capaian Thn", "2016", "terhadap", "Target Akhir", "Renstra"], "capaian_renstra"),
        (["Anggaran", "Sebelum Perubahan"], "pagu_sebelum"),  # RSUD Tabel 10 p.26
        (["Anggaran", "Setelah Perubahan"], "pagu"),
        (["Alokasi Anggaran"], "pagu"),  # Dinkes p.82
        (["% Keuan gan"], "serapan_pct"),  # a word wrapped inside the cell
        (["% Fisik"], "fisik_pct"),
        (["Nama Progam"], "nama"),  # Bappeda Tabel 3.7 p.43, typo as printed
        (["U r a i a n"], "nama"),  # letter-spaced, RSUD Tabel 9 p.26
        (["PROGRAM/KEGIATAN/SUBKEGIATAN/PEKERJAAN"], "nama"),  # Grobogan RFK p.1
        (["ANGGARAN PER SUB KEGIATAN"], "pagu"),
        (["NOMOR SPK"], "kontrak"),
        (["Jumlah", "T-1"], "pagu_tahun_lalu"),  # Sulut RKA p.1
        (["Jumlah", "T+1"], "pagu_tahun_depan"),
        (["Jumlah", "T", "Belanja Operasi"], None),
        (["Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output)"], "indikator"),
    ],
)
def test_printed_headers_have_their_role(path, role):
    assert path_role(path)[0] == role


def test_year_in_a_header_is_kept_with_the_role():
    assert path_role(["Tahun 2016", "Satuan"]) == ("satuan", 2016)


def test_measure_words_outrank_the_entity_they_qualify():
    assert roles_in("ANGGARAN PER KEGIATAN")[0] == "pagu"
    assert roles_in("Uraian Program dan Kegiatan")[0] == "nama"


@pytest.mark.parametrize(
    "printed, level",
    [
        ("01.2.01", "kegiatan"),  # Grobogan RFK p.1, relative to program 1-03.01
        ("01.2.01.01", "sub_kegiatan"),
        ("1.20.1.20.03.15.01", "kegiatan"),  # Permendagri 13/2006
        ("1.20.1.20.03.15", "program"),
        ("1 01 01 01", "kegiatan"),  # BPMPD Renja evaluasi p.1
        ("2.07.01.2", None),
        ("29", None),
    ],
)
def test_code_shapes_outside_the_nomenclature_give_their_level(printed, level):
    assert code_level(printed) == level


def test_codes_keep_mapping_where_they_map():
    assert parse_kode("1-03.01") == ("1.03.01", "program", None)  # Grobogan RFK p.1
    assert parse_kode("2 | 16 | 01 | 1.02 | 03") == ("2.16.01.1.02.0003", "sub_kegiatan", None)  # Sulut RKA
    assert parse_kode("29")[0] is None  # a program number, not urusan 29 (Distan Tabel 16)


@pytest.mark.parametrize(
    "printed, locale, value",
    [
        ("3.600.000.000,-", "id", Decimal("3600000000")),  # BKPD Tabel 4 p.40
        ("Rp.122.318.026.000,-", "id", Decimal("122318026000")),  # Distan PK p.64
        ("11,038,000,000", "id", Decimal("11038000000")),  # BP3AKB Tabel 2.3c p.30
        ("546,146,750.00", "en", Decimal("546146750.00")),
        ("0,59642", "id", Decimal("0.59642")),  # Grobogan RFK kol 12
        ("0.820", "id", Decimal("0.820")),  # a leading 0 groups no thousands
        ("992.770 *", "id", Decimal("992770")),
        ("(3.14)", "en", Decimal("-3.14")),
    ],
)
def test_printed_conventions_parse(printed, locale, value):
    parsed = parse_number(printed, locale)
    assert (parsed.value, parsed.issue, parsed.printed) == (value, None, printed)


def test_a_count_glossed_in_another_unit_is_the_count():
    """"140 Kelompok (1400 orang)" (Dispora Jabar 2017 PK p.3): the count in its own unit; a
    bare bracket stays a negative, two bare numbers stay ambiguous."""
    assert parse_number("140 Kelompok (1400 orang)").value == Decimal("140")
    assert parse_number("140 Kelompok (1400 orang)").printed == "140 Kelompok (1400 orang)"
    assert parse_number("(98,5)").value == Decimal("-98.5")
    assert parse_number("140 (1400 orang)").value is None


def test_a_typo_in_a_number_is_flagged_not_guessed():
    parsed = parse_number("2.807.870.000.00", "id")
    assert parsed.value is None and parsed.issue


def test_a_column_decides_its_convention_from_all_its_values():
    assert column_locale(["4,283,750,000", "15,826,297,300", "700,000"]) == "en"  # BP3AKB Tabel 3.2a
    assert column_locale(["96,22", "68,25", "91,52"]) == "id"  # BKPD Tabel 5
    assert column_locale(["-", ""]) is None


@pytest.mark.parametrize(
    "cell, value, printed",
    [
        # amounts wrapped inside a narrow cell, the break inside a group (Distan Lampiran p67)
        ("400.0\n00", Decimal("400000"), "400.0 00"),
        ("2.939.6\n25", Decimal("2939625"), "2.939.6 25"),
        ("5.099.\n119", Decimal("5099119"), "5.099. 119"),
    ],
)
def test_an_amount_wrapped_inside_its_cell_is_one_number(cell, value, printed):
    parsed = parse_number(cell, "id")
    assert (parsed.value, parsed.issue, parsed.printed) == (value, None, printed)


@pytest.mark.parametrize("cell", ["1.234\n567", "100\n200", "12.540.550 *)\n1.630.238 *)"])
def test_two_values_stacked_in_a_cell_are_not_joined(cell):
    parsed = parse_number(cell, "id")
    assert parsed.value is None and parsed.issue


def _cells(*texts: str) -> list:
    from extract.model import Cell

    return [Cell(text=t, page=1, x0=None, top=None, x1=None, bottom=None) for t in texts]


def test_target_and_realisasi_of_one_year_in_rupiah_are_the_budget():
    """A Renja evaluation's "Target | Realisasi Tahun 2013" of amounts (BPMPD Jabar Renja 2015
    Tabel I p.1) are pagu and realisasi; a cumulative "s/d" realisation and another year's
    target stay unnamed; the same columns of indicator values keep their kinerja roles."""
    from extract.roles import assign_roles

    paths = [["Kegiatan"], ["Indikator Kinerja"], ["Realisasi s/d tahun 2012"],
             ["Tahun Lalu", "Target Renja Tahun 2013"], ["Tahun Lalu", "Realisasi Renja Tahun 2013"],
             ["Tahun Lalu", "Tingkat Realisasi (%)"], ["Target Renja Tahun 2014"]]
    money = [_cells("Bimtek", "Monev", "150.000.000,00", "300.000.000,00", "254.800.272,00", "84,93", "350.000.000,00")]
    roles = [r for r, _ in assign_roles(paths, money)]
    assert roles == ["nama", "indikator", None, "pagu", "realisasi", "serapan_pct", None]
    counts = [_cells("Bimtek", "Jumlah desa", "12", "10", "9", "90,00", "12")]
    roles = [r for r, _ in assign_roles(paths, counts)]
    assert "pagu" not in roles and roles[3] == "target"


def test_an_amount_column_in_thousands_gives_rupiah():
    """"Pagu Indikatif (Rp. 000)" (Distan Jabar 2016 p.67) prints thousands; a plain "(Rp)" not."""
    from extract.model import Column, Table
    from transform.anggaran import amount_scale

    def table(header):
        return Table(kind="anggaran", pages=[1], rows=[], columns=[Column(index=0, header_path=header, name="pagu")])

    assert amount_scale(table(["Pagu Indikatif (Rp. 000)"]), "pagu") == 1000
    assert amount_scale(table(["Anggaran", "(dalam ribuan rupiah)"]), "pagu") == 1000
    assert amount_scale(table(["Anggaran (Rp)"]), "pagu") == 1
    assert amount_scale(table(["Pagu 2016"]), "pagu") == 1


def test_a_year_group_over_the_name_column_names_no_level():
    # Biro Organisasi Jabar 2016 Tabel 4 p.11: "Tahun 2016" over "Kegiatan"
    assert header_level("Tahun 2016 Kegiatan") == "kegiatan"
    assert header_level("Tahun 2016 Program") == "program"
    assert header_level("Tahun 2016") is None


def test_lines_numbered_alike_keep_the_header_level_after_a_line_of_another_level():
    levels = Levels(header_level("Tahun 2016 Kegiatan"))
    assert levels.level("Penataan Organisasi", "arabic") == "kegiatan"
    assert levels.level("Kegiatan", None) == "kegiatan"  # the header printed again in the body
    assert levels.level("Penyusunan Dokumen Pendukung", "arabic") == "kegiatan"


def test_rows_with_amounts_above_a_header_are_no_title_block():
    from extract.model import Cell
    from extract.roles import header_rows

    def row(*texts):
        return [Cell(text=t, page=1, x0=None, top=None, x1=None, bottom=None) for t in texts]

    title = [row("RENCANA KERJA DAN ANGGARAN", "", ""), row("Program", "Kegiatan", "Anggaran Rp."),
             row("", "Penataan Organisasi", "488.810.000")]
    assert header_rows(title)[0] == 1
    run_on = [row("", "Pembinaan OPD", "408.000.000"), row("Misi 2", "", ""),
              row("Program", "Kegiatan", "Anggaran Rp."), row("", "Evaluasi Jabatan", "604.000.000")]
    assert header_rows(run_on) == (0, 0)


@pytest.mark.parametrize(
    "texts, numbered",
    [
        (["H", "Program Pengembangan Kompetensi Aparatur"], True),  # BP3AKB Tabel 3.2b p.66
        (["1.", "Kegiatan Penyusunan Renja"], True),
        (["No", "Uraian Program dan Kegiatan"], False),
        (["No", "Program dan Kegiatan"], False),
        (["A", "Program / Kegiatan / Sub Kegiatan"], False),
        (["Program Pengembangan Kompetensi Aparatur"], False),  # no list mark
    ],
)
def test_a_numbered_program_line_is_no_header_line(texts, numbered):
    from extract.roles import numbered_line

    assert numbered_line(texts) is numbered


@pytest.mark.parametrize(
    "name, level",
    [
        ("Program Strategis A s/d G", "other"),  # BP3AKB Jabar 2016 p.30, a subtotal
        ("Program Pendukung A s.d. F", "other"),
        ("Program Pelayanan Administrasi Perkantoran", "program"),
        ("Program Pembangunan Jalan 2016 s/d 2018", "program"),
    ],
)
def test_a_name_over_a_range_of_list_marks_is_no_line_of_its_level(name, level):
    assert Levels().level(name, None) == level
