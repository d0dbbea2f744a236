"""The OCR misreadings extract/ocr_repair.py mends, on the words Tesseract gave for a scan of
the Klungkung 2024 budget table at 150 dpi (tests/generator/scan.py; boxes in points as read),
and the words it must leave alone."""

from __future__ import annotations

import pytest

from extract.ocr import chars_from_words
from extract.chartext import area_text
from extract.ocr_repair import _joins, mend_separator, repair


def word(text, x0, x1, top=100.0, bottom=106.0, conf=90.0, line=(1, 1, 1)):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "conf": conf, "line": list(line),
            "cy": (top + bottom) / 2, "y0": top, "y1": bottom}


def rule(x, top=50.0, bottom=500.0):
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom}


@pytest.mark.parametrize("read, meant", [
    ("2.07.01,2.02", "2.07.01.2.02"),  # a kegiatan code, p. 25
    ("614.220.320.00", "614.220.320,00"),  # a pagu, p. 26
])
def test_a_separator_misread_is_mended_when_one_reading_alone_fits(read, meant):
    assert mend_separator(read) == meant


@pytest.mark.parametrize("text", [
    "1.606,00", "97.47", "97,47", "2.07.01.2.02", "12.05.2024",  # read already, or a date: no figure to mend
    "1.234:567",  # 1.234.567 or 1.234,567: two readings, none taken
    "Rp", "5.",
])
def test_words_that_read_or_could_read_two_ways_are_left_alone(text):
    assert mend_separator(text) == text


def test_one_figure_read_as_two_words_is_joined_and_what_was_read_is_kept():
    # p. 26, sub-kegiatan 2.07.01.2.09.01: pagu printed 70.471.606,00
    words = [word("70.47", 342.0, 359.0, conf=81.6), word("1.606,00", 360.1, 386.5, conf=83.0)]
    [joined] = repair(words, [rule(300.0), rule(390.0)])
    assert joined["text"] == "70.471.606,00" and joined["read"] == "70.47 1.606,00"
    assert joined["conf"] == 81.6 and (joined["x0"], joined["x1"]) == (342.0, 386.5)


def test_two_figures_stay_two_across_a_rule_or_without_a_convention_to_join_them():
    assert [w["text"] for w in repair(
        [word("70.47", 342.0, 359.0), word("1.606,00", 360.1, 386.5)], [rule(359.5)])] == ["70.47", "1.606,00"]
    assert not _joins("97,47", "1.000")  # 97,471.000 reads only in the English convention, which neither pins
    assert not _joins("12", "345")


def test_overlapping_boxes_keep_the_reading_order_of_their_letters():
    # p. 25, program 2.07.01, realisasi printed 4.334.291.936,00: Tesseract's box of the
    # figure runs over ",00", and spread letter by letter the two read "4.334.291.9,3060"
    words = [word("4.334.291.936", 404.6, 458.9, 237.2, 243.5, line=(10012, 1, 16)),
             word(",00", 450.2, 459.5, 236.8, 244.6, line=(10012, 1, 16))]
    assert area_text(chars_from_words(words)).strip() == "4.334.291.9,3060"  # what the letters gave unmended
    assert area_text(chars_from_words(repair(words, []))).strip() == "4.334.291.936,00"


def test_a_list_number_alone_in_its_cell_keeps_its_dot():
    # p. 25, NO. column of kegiatan 2.07.01.2.08: "5." read "5,"
    five = word("5,", 76.6, 81.6, conf=96.3)
    code = word("2", 110.0, 113.0)
    assert [w["text"] for w in repair([five, code], [rule(70.0), rule(88.0), rule(105.0)])] == ["5.", "2"]
    # without rules around it, or beside another word in its cell, it is left as read
    assert repair([five, code], [])[0]["text"] == "5,"
    assert repair([five, word("x", 83.0, 86.0)], [rule(70.0), rule(88.0)])[0]["text"] == "5,"


def test_a_mark_on_a_rule_is_a_piece_of_the_rule():
    # p. 27: "'" on the rule between code and name joined "207042.03 | 02" to "Pelayanan ..."
    words = [word("02", 171.4, 178.8), word("'", 182.4, 185.8, conf=88.0), word("Pelayanan", 187.2, 219.8)]
    assert [w["text"] for w in repair(words, [rule(166.2), rule(184.0)])] == ["02", "Pelayanan"]
    # the same mark off the rule, and a digit on it, are print
    assert len(repair(words, [rule(166.2)])) == 3
    assert [w["text"] for w in repair([word("1", 182.4, 185.8)], [rule(184.0)])] == ["1"]


def test_a_grouped_figure_ending_in_its_separator_goes_on_in_the_next_word():
    # Dispora Jabar 2017 PK p.4 scanned at 200 dpi: 4.522.741.241 read "4.522." "741.241"
    [joined] = repair([word("4.522.", 320.0, 338.0), word("741.241", 339.5, 362.0)], [])
    assert joined["text"] == "4.522.741.241"
    # a list number is no grouped figure: "5." before an amount stays apart
    assert [w["text"] for w in repair([word("5.", 330.0, 334.0), word("741.241", 335.5, 362.0)], [])] == ["5.", "741.241"]


def test_a_lone_bar_is_a_piece_of_a_rule_wherever_it_stands():
    # the Klungkung budget scan at 200 dpi, p. 25: "2 07 01 2.09" read "207 | 01 2.09"
    words = [word("207", 110.0, 121.0), word("|", 122.0, 123.0), word("01", 125.0, 131.0)]
    assert [w["text"] for w in repair(words, [])] == ["207", "01"]
