"""Printed figures as the reports print them, in both number locales."""

from decimal import Decimal

import pytest

from transform.numbers import guess_locale, parse_number


@pytest.mark.parametrize(
    "printed, value, unit",
    [
        ("6.214.345.759,00", Decimal("6214345759.00"), None),
        ("Rp. 6.254.031.019,00", Decimal("6254031019.00"), None),
        ("Rp 3.612.000.000", Decimal("3612000000"), None),
        ("91,98", Decimal("91.98"), None),
        ("91,98 %", Decimal("91.98"), "%"),
        ("94,1%", Decimal("94.1"), "%"),
        ("2 Perselisihan", Decimal("2"), "Perselisihan"),
        ("34 orang", Decimal("34"), "orang"),
        ("0,00", Decimal("0.00"), None),
        ("-0,23", Decimal("-0.23"), None),
        ("(1.000,00)", Decimal("-1000.00"), None),
        ("1.046", Decimal("1046"), None),
        ("79.00", Decimal("79.00"), None),
    ],
)
def test_indonesian_figures(printed, value, unit):
    parsed = parse_number(printed, "id")
    assert parsed.value == value
    assert parsed.unit == unit
    assert parsed.printed == printed
    assert parsed.issue is None


@pytest.mark.parametrize(
    "printed, value",
    [("6,214,345,759.00", Decimal("6214345759.00")), ("91.98", Decimal("91.98")), ("1,046", Decimal("1046"))],
)
def test_english_figures(printed, value):
    assert parse_number(printed, "en").value == value


def test_thousands_and_decimals_told_apart_when_both_present():
    assert parse_number("6,214,345,759.00", "id").value == Decimal("6214345759.00")
    assert parse_number("6.214.345.759,00", "en").value == Decimal("6214345759.00")


@pytest.mark.parametrize("printed", ["", "   ", None])
def test_blank_is_blank_not_zero(printed):
    parsed = parse_number(printed)
    assert parsed.value is None and parsed.issue is None and parsed.is_blank


def test_dash_is_kept_distinct_from_blank_and_zero():
    dash = parse_number("-")
    assert dash.value is None and dash.printed == "-" and not dash.is_blank and dash.issue is None
    assert parse_number("0,00").value == Decimal("0")


@pytest.mark.parametrize(
    "printed, issue",
    [
        ("abc", "bukan angka"),
        ("187,90\n100,00", "lebih dari satu angka dalam satu sel"),
        ("1,2,3", "format angka tidak dikenal"),
        ("Tahun 2024", "bukan angka"),
    ],
)
def test_unparseable_is_kept_with_its_reason(printed, issue):
    parsed = parse_number(printed)
    assert parsed.value is None
    assert parsed.issue == issue
    assert parsed.printed == " ".join(printed.split())


def test_locale_guessed_from_amounts():
    assert guess_locale(["6.214.345.759,00", "91,98", "1.046.000,00"]) == "id"
    assert guess_locale(["6,214,345,759.00", "1,046,000.00"]) == "en"


def test_a_rate_per_a_power_of_ten_gives_its_numerator_flagged():
    """Dinkes Jabar 2016 p.34 / p.110: AKI '89/100.000 KH', AKB '4,01/ 1000 KH'."""
    for printed, value, unit in [("89/100.000 KH", "89", "/100.000 KH"), ("86,97//100.000 KH", "86.97", "/100.000 KH"),
                                 ("89//100,000KH", "89", "/100,000 KH"), ("4,01/ 1000\nKH", "4.01", "/1000 KH")]:
        parsed = parse_number(printed, "id")
        assert parsed.value == Decimal(value) and parsed.unit == unit and "pembilang" in parsed.issue
    assert parse_number("1/2", "id").value is None  # a fraction, not a rate
    assert parse_number("12/2016", "id").value is None


def test_a_thousands_group_opening_with_zero_is_read_as_printed_and_flagged():
    """Dinkes Jabar 2016 p.86: JUMLAH '04.597.911.173' lost its leading '2' in the PDF itself."""
    parsed = parse_number("04.597.911.173", "id")
    assert parsed.value == Decimal("4597911173") and "diawali nol" in parsed.issue
    assert parse_number("0.820", "id").value == Decimal("0.820") and parse_number("0.820", "id").issue is None
    assert parse_number("01.234", "id").issue is None
