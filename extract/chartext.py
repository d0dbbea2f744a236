"""Read characters as text the way pdfplumber's extract_text does, without its generality.

The table readers turn a cell's, a phrase's or an area's characters into text hundreds of
times a page. pdfplumber's `extract_text` does it through a general word extractor (any
reading direction, extra attributes, a word dict of ten keys per word, layout options) that
cost about a fifth of kinerja's reading time with the pdfium engine. The readers use two
settings only; the functions here follow pdfplumber 0.11's steps for exactly those settings,
in the same order and with the same comparisons, so that they give the same strings:

1. Characters are taken in runs of equal `upright`. In a run, lines are clusters of `top`
   (turned text: of `x0`) values, each value joining the cluster of the next lower one when at
   most the tolerance above it; the lines are ordered by cluster and their characters by `x0`
   (turned text: by `top`, `bottom`), stable.
2. Along a line, a white-space character ends a word; a character starts a new word when it
   stands before the previous one, more than `x_tolerance` after its end, or more than
   `y_tolerance` above or below it (turned text: the axes swap). Ligatures are spelt out.
3. Words are grouped into lines by their top (clustered as above) and joined: words by one
   space, lines by a line break. `cell_text` orders the lines (pdfplumber's `extract_text`),
   `area_text` keeps the words' order and starts a line wherever the cluster changes, as
   pdfplumber's `CroppedPage.extract_text` (its text map, not laid out) does.

tests/test_chartext.py runs both against pdfplumber on every call the readers make on the
sample and all generated house styles, and on random characters.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from pdfplumber.utils.text import LIGATURES

_UPRIGHT = itemgetter("upright")


def _clusters(values, tolerance: float) -> dict[float, int]:
    """Number each distinct value by its cluster (pdfplumber's make_cluster_dict)."""
    index: dict[float, int] = {}
    n = -1
    last = 0.0
    for v in sorted(set(values)):
        if n < 0 or not v <= last + tolerance:
            n += 1
        index[v] = n
        last = v
    return index


def _words(chars: list[dict], x_tolerance: float, y_tolerance: float) -> list[tuple[str, float]]:
    """Return each word's text and top, in pdfplumber's WordExtractor order."""
    words: list[tuple[str, float]] = []
    for upright, run in groupby(chars, _UPRIGHT):
        run = list(run)
        if upright:
            line_of = _clusters([c["top"] for c in run], y_tolerance)
            ordered = sorted(run, key=lambda c: (line_of[c["top"]], c["x0"]))
            line_key, start, end, across, tolerance, slack = "top", "x0", "x1", "top", x_tolerance, y_tolerance
        else:
            line_of = _clusters([c["x0"] for c in run], x_tolerance)
            ordered = sorted(run, key=lambda c: (line_of[c["x0"]], c["top"], c["bottom"]))
            line_key, start, end, across, tolerance, slack = "x0", "top", "bottom", "x0", y_tolerance, x_tolerance
        word: list[dict] = []
        line = None
        for c in ordered:
            this_line = line_of[c[line_key]]
            if this_line != line:
                if word:
                    words.append(_word(word))
                word, line = [], this_line
            text = c["text"]
            if text.isspace() or not text:
                # white space ends a word; an empty text is a word of its own ("" is in
                # pdfplumber's empty punctuation string, which splits around it)
                if word:
                    words.append(_word(word))
                word = []
                if not text:
                    words.append(_word([c]))
                continue
            if word:
                p = word[-1]
                if c[start] < p[start] or c[start] > p[end] + tolerance or abs(c[across] - p[across]) > slack:
                    words.append(_word(word))
                    word = []
            word.append(c)
        if word:
            words.append(_word(word))
    return words


def _word(chars: list[dict]) -> tuple[str, float]:
    return "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars), min(c["top"] for c in chars)


def cell_text(chars: list[dict], x_tolerance: float = 1.5, y_tolerance: float = 3) -> str:
    """Return `pdfplumber.utils.extract_text(chars, x_tolerance=..., y_tolerance=...)`."""
    if not chars:
        return ""
    words = _words(chars, x_tolerance, y_tolerance)
    line_of = _clusters([top for _, top in words], y_tolerance)
    ordered = sorted(words, key=lambda w: line_of[w[1]])
    return "\n".join(
        " ".join(text for text, _ in line) for _, line in groupby(ordered, key=lambda w: line_of[w[1]])
    )


def area_text(chars: list[dict]) -> str:
    """Return the text of a cropped area as pdfplumber's `CroppedPage.extract_text()` does."""
    if not chars:
        return ""
    words = _words(chars, 3, 3)
    line_of = _clusters([top for _, top in words], 3)
    out: list[str] = []
    for n, (_, line) in enumerate(groupby(words, key=lambda w: line_of[w[1]])):
        if n:
            out.append("\n")
        length = 0
        for text, _ in line:
            if length:
                out.append(" ")
                length += 1
            out.append(text)
            length += len(text)
    return "".join(out)


def crop_chars(chars: list[dict], bbox: tuple[float, float, float, float]) -> list[dict]:
    """Return the characters overlapping `bbox`, their boxes clipped to it (pdfplumber's crop).

    Only what the text functions read is kept: text, upright and the clipped box.
    """
    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        if c["x0"] > x1 or c["x1"] < x0 or c["top"] > bottom or c["bottom"] < top:
            continue  # no overlap; the cheap test spares most of a page's chars the clipping
        left, right = max(c["x0"], x0), min(c["x1"], x1)
        up, down = max(c["top"], top), min(c["bottom"], bottom)
        width, height = right - left, down - up
        if height >= 0 and width >= 0 and height + width > 0:
            out.append({"text": c["text"], "upright": c["upright"], "x0": left, "top": up, "x1": right, "bottom": down})
    return out
