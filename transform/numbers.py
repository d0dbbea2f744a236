"""Parse printed figures: amounts, percentages and counts in Indonesian or English style.

Seen in the Klungkung 2024 sample: "6.214.345.759,00", "Rp. 6.254.031.019,00", "91,98",
"79,00 %", "2 Perselisihan", "-", blank. English exports print "6,214,345,759.00".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NUMBER = re.compile(r"[-+]?\(?\d[\d.,]*\)?")
CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
# "1.458.000.000,-" (no cents, Jabar 2016 LKIPs) and "992.770 *" (a footnote mark)
NO_CENTS = re.compile(r"(?<=\d)[.,]-$")
# "1,584,085, 700": a space the text layer put inside a number after its separator
# (Bappeda Jabar 2016 Tabel 3.7 p.43); only before a whole group of three digits
SPLIT_GROUP = re.compile(r"(?<=\d[.,])\s+(?=\d{3}(?!\d))")
FOOTNOTE = re.compile(r"(?<=[\d%])\s*\*+\)?$")
# a first thousands group opening with 0, the rest whole groups ("04.597.911.173")
LEADING_ZERO_GROUP = re.compile(r"0[1-9]\d?([.,])\d{3}(?:\1\d{3})+")
# "86,97//100.000 KH", "5,8/1000 KH": a figure per a denominator, the unit after it
RATE = re.compile(r"^(?P<num>\d[\d.,]*)\s*/+\s*(?P<den>\d(?:[\d.,]*\d)?)\s*/?\s*(?P<unit>[A-Za-z][A-Za-z .]*)?$")
DASHES = {"-", "–", "—", "--"}


@dataclass(frozen=True)
class Parsed:
    """A printed figure: its value when it parses, the text as printed, and any issue."""

    value: Decimal | None
    printed: str
    issue: str | None = None
    unit: str | None = None

    @property
    def is_blank(self) -> bool:
        return not self.printed


def _to_decimal(token: str, locale: str) -> Decimal:
    negative = token.startswith("-") or (token.startswith("(") and token.endswith(")"))
    token = token.strip("()+-")
    has_dot, has_comma = "." in token, "," in token
    if has_dot and has_comma:
        decimal_sep = "," if token.rfind(",") > token.rfind(".") else "."
    elif has_comma:
        grouped = re.fullmatch(r"[1-9]\d{0,2}(,\d{3})+", token)
        decimal_sep = "." if (grouped and (locale == "en" or token.count(",") > 1)) else ","
    elif has_dot:
        grouped = re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", token)  # "0.820" is a decimal
        decimal_sep = "," if (grouped and (locale == "id" or token.count(".") > 1)) else "."
    else:
        decimal_sep = "."
    thousands = "." if decimal_sep == "," else ","
    if token.count(decimal_sep) > 1:
        raise InvalidOperation(token)
    plain = token.replace(thousands, "").replace(decimal_sep, ".")
    if not re.fullmatch(r"\d+(\.\d+)?", plain):
        raise InvalidOperation(token)
    value = Decimal(plain)
    return -value if negative else value


# an amount wrapped inside a narrow cell, the break falling inside a group: "400.0" / "00",
# "2.939.6" / "25" (Distan Jabar 2016 Lampiran pp67-78); its lines joined make one grouped number
WRAPPED_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?")

# A count with its unit restated in another unit in brackets after it: "140 Kelompok (1400
# orang)" (Dispora Jabar 2017 PK p.3). The figure is the first count, in the unit printed beside
# it; the bracket is a gloss, kept in the printed text. Only a bracket of a number and a word
# after a number with a word counts: "(98,5)" alone is a negative or a capaian.
GLOSS = re.compile(r"\s\(\s*[\d.,]+\s+[^\W\d_][^()]*\)\s*$")


def parse_number(text: str | None, locale: str = "id") -> Parsed:
    """Parse one printed figure; keep the printed text and say why when it does not parse."""
    printed = " ".join((text or "").split())
    if text and "\n" in text.strip():
        joined = "".join(text.split())
        if WRAPPED_AMOUNT.fullmatch(joined):
            # the figure is the lines joined; the printed text stays as printed (lines folded
            # to one space, as for every cell), so "1.\n000" is printed "1. 000", value 1000
            inner = parse_number(joined, locale)
            return Parsed(inner.value, printed, inner.issue, inner.unit)
    if not printed:
        return Parsed(None, "")
    if printed in DASHES:
        return Parsed(None, printed)
    rate = RATE.match(printed)
    if rate and re.fullmatch(r"10{2,}", re.sub(r"[.,]", "", rate.group("den"))):
        # "89/100.000 KH", "4,01/ 1000 KH": a rate per a power of ten; the figure is the
        # numerator, the denominator goes with the unit (Dinkes Jabar 2016 p.34, AKI / AKB)
        number = parse_number(rate.group("num"), locale)
        if number.value is not None:
            unit = " ".join(f"/{rate.group('den')} {rate.group('unit') or ''}".split())
            return Parsed(number.value, printed, f"angka per {rate.group('den')}: pembilang diambil", unit)
    body = FOOTNOTE.sub("", NO_CENTS.sub("", CURRENCY.sub("", printed))).strip()
    body = SPLIT_GROUP.sub("", body)
    unit = None
    if body.endswith("%"):
        unit, body = "%", body[:-1].strip()
    gloss = GLOSS.search(body)
    if gloss and NUMBER.findall(body[: gloss.start()]) and re.search(r"[^\W\d_]", body[: gloss.start()].split()[-1]):
        body = body[: gloss.start()].strip()  # the gloss stays in `printed`
    numbers = NUMBER.findall(body)
    if not numbers:
        return Parsed(None, printed, "bukan angka")
    if len(numbers) > 1:
        return Parsed(None, printed, "lebih dari satu angka dalam satu sel")
    token = numbers[0]
    start = body.find(token)
    before, after = body[:start].strip(), body[start + len(token):].strip()
    if before:
        return Parsed(None, printed, "bukan angka")
    if after:
        if re.search(r"\d", after):
            return Parsed(None, printed, "bukan angka")
        unit = after
    issue = None
    if LEADING_ZERO_GROUP.fullmatch(token.strip("()+-")):
        # "04.597.911.173": thousands groups after a first group opening with 0, which no
        # typist writes; the figure as printed is kept, flagged (Dinkes Jabar 2016 p.86, whose
        # JUMLAH lost its leading "2" in the PDF itself: the kegiatan sum to 204.597.911.173)
        token = token.replace("0", "", 1)
        issue = "angka diawali nol: digit di depan mungkin hilang"
    try:
        value = _to_decimal(token, locale)
    except InvalidOperation:
        return Parsed(None, printed, "format angka tidak dikenal")
    return Parsed(value, printed, issue, unit)


FLOAT_DIGITS = Decimal("0.0001")


def from_stored(value: int | float) -> Decimal:
    """Convert a number a spreadsheet stored as binary float to Decimal, float noise removed.

    calamine hands over 97.73999999999999 for a cell showing 97,74 (PLATFORM.md): the
    shortest repr, rounded to 4 decimals, is what the sheet meant; money is rounded to the
    cent later by the column type.
    """
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if d.as_tuple().exponent < -4:
        d = d.quantize(FLOAT_DIGITS, rounding=ROUND_HALF_UP)
    return d


def parse_cell(text: str | None, value: object = None, locale: str = "id") -> Parsed:
    """Parse a cell: a number the file stored as a number is taken as is, text is parsed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and value != value:  # NaN
            return Parsed(None, text or "", "bukan angka")
        return Parsed(from_stored(value), " ".join((text or "").split()))
    return parse_number(text, locale)


def column_locale(samples: list[str]) -> str | None:
    """Tell how one column writes its figures, None when its values leave it open.

    Decided per column from all its values (issue 14, item 3): a document may print
    "2,223,750,000" beside "85,00" (Bappeda Jabar 2016 Tabel 3.7 p.43), or "0.820" as a decimal
    in one column and "1.234.567" as thousands in the next.
    """
    id_votes = en_votes = 0
    for s in samples:
        s = s.strip().rstrip("%*-").strip().rstrip(",.")
        if re.search(r"\d\.\d{3},\d|\d,\d{1,2}$|\d\.\d{3}\.\d{3}$|^\d{1,3},\d{4,}$", s):
            id_votes += 1
        elif re.search(r"\d,\d{3}\.\d|\d\.\d{1,2}$|\d,\d{3},\d{3}$|^\d{1,3}\.\d{4,}$", s):
            en_votes += 1
    if id_votes == en_votes:
        return None
    return "id" if id_votes > en_votes else "en"


def guess_locale(samples: list[str]) -> str:
    """Tell 'id' (1.234,56) from 'en' (1,234.56) by how amounts end in a document."""
    id_votes = sum(1 for s in samples if re.search(r"\d\.\d{3},\d{1,2}$|\d,\d{2}$", s.strip()))
    en_votes = sum(1 for s in samples if re.search(r"\d,\d{3}\.\d{1,2}$|\d\.\d{2}$", s.strip()))
    return "en" if en_votes > id_votes else "id"
