"""Budget codes in the three styles of the sample and the official form."""

import pytest

from transform.kode import parent_kode, parse_kode


@pytest.mark.parametrize(
    "printed, kode, level",
    [
        ("2", "2", "urusan"),
        ("2.07", "2.07", "bidang"),
        ("3 | 32", "3.32", "bidang"),
        ("2 07 03", "2.07.03", "program"),
        ("2.07.01.2.01", "2.07.01.2.01", "kegiatan"),
        ("2 07 01 2.06", "2.07.01.2.06", "kegiatan"),
        ("2.07.01.2.01.02", "2.07.01.2.01.0002", "sub_kegiatan"),
        ("2 07 01 2.06 | 01", "2.07.01.2.06.0001", "sub_kegiatan"),
        ("2 07 05 2.02 02", "2.07.05.2.02.0002", "sub_kegiatan"),
        ("2.07.01.2.02.0001", "2.07.01.2.02.0001", "sub_kegiatan"),
        ("2.07.01.02.01.0001", "2.07.01.2.01.0001", "sub_kegiatan"),
        ("X.XX.01.2.01.0001", "X.XX.01.2.01.0001", "sub_kegiatan"),
    ],
)
def test_printed_codes_become_canonical(printed, kode, level):
    assert parse_kode(printed) == (kode, level, None)


@pytest.mark.parametrize("printed", ["abc", "2.07.01.2", "2.07.01.2.01.02.03", "2.07.01.2.01.123456"])
def test_unknown_codes_are_flagged_not_guessed(printed):
    kode, level, issue = parse_kode(printed)
    assert kode is None and level is None and issue


def test_blank_code_is_no_code():
    assert parse_kode("") == (None, None, None)


@pytest.mark.parametrize(
    "kode, parent",
    [("2.07.01.2.06.0001", "2.07.01.2.06"), ("2.07.01.2.06", "2.07.01"), ("2.07.01", "2.07"), ("2.07", "2"), ("2", None)],
)
def test_parent_code(kode, parent):
    assert parent_kode(kode) == parent


@pytest.mark.parametrize(
    "printed, kode",
    [
        # OCR loses the narrow spaces of "2 07 01 2.06" (scan of the sample, tests/test_ocr.py)
        ("207012.06", "2.07.01.2.06"),
        ("20703", "2.07.03"),
        ("2 07 012.06 | 01", "2.07.01.2.06.0001"),
        ("20705201 | 03", "2.07.05.2.01.0003"),
        ("207052.0202", "2.07.05.2.02.0002"),
        ("2 0703", "2.07.03"),
        ("3 3203", "3.32.03"),
    ],
)
def test_ocr_digit_runs_that_fill_the_code_segments_exactly_are_split(printed, kode):
    assert parse_kode(printed, ocr=True)[0] == kode
    assert parse_kode(printed)[0] != kode  # a typed code is taken as printed


@pytest.mark.parametrize("printed", ["29", "2070120", "12345"])
def test_digit_runs_that_fill_no_segments_exactly_stay_refused(printed):
    assert parse_kode(printed)[0] is None
    if printed != "12345":  # 1+2+2: read by OCR, an urusan, bidang and program that lost their spaces
        assert parse_kode(printed, ocr=True)[0] is None
