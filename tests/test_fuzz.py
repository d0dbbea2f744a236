"""Property-based tests of the parsers: any text either parses or says why, never raises.

No deadline: how fast a parser runs is measured by `make bench`, not here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.headers import normalise, recognise
from transform.kode import parse_kode
from transform.numbers import parse_number

FIGURE_CHARS = st.text(alphabet="0123456789.,-()% Rp\n\t", max_size=30)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=40), FIGURE_CHARS), st.sampled_from(["id", "en"]))
def test_any_text_parses_or_says_why(text, locale):
    parsed = parse_number(text, locale)
    assert parsed.printed == " ".join(text.split())
    assert (parsed.value is None) or isinstance(parsed.value, Decimal)
    if parsed.value is None and parsed.printed and parsed.printed not in {"-", "–", "—", "--"}:
        assert parsed.issue


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=Decimal("999999999999"), places=2, allow_nan=False))
def test_indonesian_amounts_round_trip(value):
    whole, frac = f"{value:.2f}".split(".")
    printed = f"{int(whole):,}".replace(",", ".") + "," + frac
    assert parse_number(printed, "id").value == value
    assert parse_number(f"{int(whole):,}.{frac}", "en").value == value


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_percentages_round_trip(value):
    printed = f"{value:.2f}".replace(".", ",") + " %"
    parsed = parse_number(printed, "id")
    assert (parsed.value, parsed.unit) == (value, "%")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 .|Xx", max_size=25))
def test_any_code_text_is_canonical_or_refused(text):
    kode, level, issue = parse_kode(text)
    if kode is None:
        assert level is None
        assert issue or not text.strip()
    else:
        assert level in {"urusan", "bidang", "program", "kegiatan", "sub_kegiatan"}
        assert issue is None


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9), st.integers(0, 99), st.integers(0, 99), st.integers(1, 9), st.integers(0, 99), st.integers(0, 9999))
def test_every_printed_style_of_a_code_gives_the_same_canonical_code(u, b, p, k, kk, s):
    canonical = f"{u}.{b:02d}.{p:02d}.{k}.{kk:02d}.{s:04d}"
    styles = [
        canonical,
        f"{u}.{b:02d}.{p:02d}.{k}.{kk:02d}.{s:02d}" if s < 100 else canonical,
        f"{u} {b:02d} {p:02d} {k}.{kk:02d} | {s:02d}" if s < 100 else canonical,
        f"{u} {b:02d} {p:02d} {k}.{kk:02d} {s:02d}" if s < 100 else canonical,
    ]
    assert {parse_kode(x)[0] for x in styles} == {canonical}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=3), max_size=14))
def test_any_header_is_recognised_or_left_unknown(paths):
    kind, columns = recognise(paths)
    assert len(columns) == len(paths)
    assert kind is None or isinstance(kind, str)
    assert [(c.index, c.header_path) for c in columns] == list(enumerate(paths))
    for path in paths:
        # a header cell that wraps inside a word (Tabel 3.8, p. 22: "Efisiens/i") reads as unwrapped
        normalised = normalise(" ".join(path))
        assert normalised == normalise("".join(path)) == normalise("\n".join(path))
        assert re.fullmatch("[0-9a-z]*", normalised)
