"""Numbers as Indonesian readers write them: "Rp 6.214.345.759", "91,98 %", "1,5 M".

The reports print thousands with dots and decimals with a comma (LKjIP Klungkung 2024,
Tabel 3.9, p. 25: "6.214.345.759,00"; Tabel 3.3: "91,98"); a reader of the analyst report
should see the same, not "6,214,345,759.00". Values come as Decimal from DuckDB (money is
never float); floats are accepted for chart geometry only.
"""

from __future__ import annotations

import html
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"  # keeps "Rp" and "%" on the line of their number


def escape(value, missing: str = "") -> str:
    """Return `value` as HTML text; a missing value (NULL in the warehouse) as `missing`.

    Real documents leave names, codes and units out (an indicator with no name, a line with
    no code: #15); the report says so instead of failing on None."""
    if value is None:
        return html.escape(missing)
    return html.escape(value if isinstance(value, str) else str(value))


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def angka(value, places: int | None = None) -> str:
    """Return `value` with "." for thousands and "," for decimals.

    `places` None keeps up to 2 decimals and drops trailing zeros (79,88; 2; 60,9).
    """
    if value is None:
        return "–"
    d = _dec(value)
    if places is None:
        q = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = format(q, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = format(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    if sign and set(out) <= {"-", "0", "."} and not frac.strip("0"):
        out = out.lstrip("-")  # no "-0"
    return out + ("," + frac if frac else "")


def rupiah(value) -> str:
    """Return "Rp 6.214.345.759" (sen shown only when there are any: "Rp 1.250,50")."""
    if value is None:
        return "–"
    d = _dec(value)
    places = 0 if d == d.to_integral_value() else 2
    return "Rp" + NBSP + angka(d, places)


def persen(value, places: int = 2) -> str:
    """Return "91,98 %"."""
    if value is None:
        return "–"
    return angka(value, places) + NBSP + "%"


# Short scale for chart axes; Indonesian: ribu (rb), juta (jt), miliar (M), triliun (T).
_SCALE = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "M"), (Decimal(10) ** 6, "jt"), (Decimal(10) ** 3, "rb"))


def rupiah_singkat(value) -> str:
    """Return an axis label such as "Rp 4,4 M" (miliar) or "Rp 750 jt" (juta)."""
    if value is None:
        return "–"
    d = _dec(value)
    for size, unit in _SCALE:
        if abs(d) >= size:
            return "Rp" + NBSP + angka((d / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), None) + NBSP + unit
    return "Rp" + NBSP + angka(d, 0)
