"""Mend the few ways Tesseract misreads figures and codes whose right reading is certain.

OCR of a table reads most digits right and stumbles on what is small: a separator, the white
between two glyphs, the box of a word. Each rule here mends one such misreading, and only
where the word as read is no figure at all and exactly one reading of it is (a rule never
touches a word that already reads as a number or a code). A mended word keeps what Tesseract
read in `read`, so a reviewer can see what was changed; its confidence stays Tesseract's.

Seen on scans of the Klungkung 2024 budget table (pp. 25-28) at 150 dpi, grey, skewed, with
JPEG noise (tests/generator/scan.py):
- a separator read as the other one: "2.07.01,2.02" (a code), "614.220.320.00" (a pagu);
- one figure read as two words: "70.47 1.606,00" for 70.471.606,00, and "4.522. 741.241"
  (Dispora Jabar 2017 PK p.4, scanned);
- the dot of a list number read as a comma or colon: "5," and "5:" alone in the NO. cell;
- two words whose boxes overlap: "4.334.291.936" and ",00" over its last digits, spread
  letter by letter into "4.334.291.9,3060";
- a speck of a rule read as "'" on the rule, joining the code to the name beside it.
"""

from __future__ import annotations

import re

ID = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")  # 1.234.567,89 / 1234,5
EN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # 1,234,567.89 / 97.47
KODE = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,4}(?:\.\d{4})?")  # 2.07.01.2.02(.0001)
FIGURE = re.compile(r"\d[\d.,:;]*\d")
OPEN_GROUP = re.compile(r"\d{1,3}(?:\.\d{3})+\.|\d{1,3}(?:,\d{3})+,")  # "4.522.": a group separator last
SEPARATORS = ".,:;"
LIST_NUMBER = re.compile(r"(\d{1,2})[,:;]")
TIGHT = 0.5  # of the word's height: white narrower than this between two words is no space
ON_RULE = 3.0  # points: a word whose centre is this close to a rule lies on it


def _valid(text: str, grammars=(ID, EN, KODE)) -> bool:
    return any(g.fullmatch(text) for g in grammars)


def mend_separator(text: str) -> str:
    """Return the one reading, a separator changed, that makes a figure or code of `text`.

    "2.07.01,2.02" -> "2.07.01.2.02"; "614.220.320.00" -> "614.220.320,00". A word that reads
    already, or that two readings would fit ("1.234:567"), is returned as it is.
    """
    if not FIGURE.fullmatch(text) or _valid(text):
        return text
    readings = set()
    for i, ch in enumerate(text):
        if ch in SEPARATORS:
            for other in ".,":
                if other != ch:
                    candidate = text[:i] + other + text[i + 1:]
                    if _valid(candidate):
                        readings.add(candidate)
    return readings.pop() if len(readings) == 1 else text


def _joins(a: str, b: str) -> bool:
    """Tell whether two words are one figure cut in two: together they are a figure of the
    convention one of them can only be read in, which the other alone is not ("70.47" +
    "1.606,00": the second is Indonesian only, the first no Indonesian figure). Two words that
    each read in the convention, or that no word pins to it ("97,47" + "1.000"), stay two."""
    joined = a + b
    if OPEN_GROUP.fullmatch(a) and b[:1].isdigit() and (ID.fullmatch(joined) or EN.fullmatch(joined)):
        return True  # "4.522." + "741.241": a grouped figure ending in its separator goes on
    if not all(FIGURE.fullmatch(t) or t.isdigit() for t in (a, b)):
        return False
    for grammar, other in ((ID, EN), (EN, ID)):
        only = [bool(grammar.fullmatch(t)) and not other.fullmatch(t) for t in (a, b)]
        if grammar.fullmatch(joined) and any(only) and not all(grammar.fullmatch(t) for t in (a, b)):
            return True
    return False


def _rules_between(edges: list[dict], x0: float, x1: float, top: float, bottom: float) -> list[float]:
    cy = (top + bottom) / 2
    return [e["x0"] for e in edges
            if e["orientation"] == "v" and x0 <= e["x0"] <= x1 and e["top"] - 1 <= cy <= e["bottom"] + 1]


def on_rule(word: dict, edges: list[dict]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    for e in edges:
        if e["orientation"] == "v" and abs(e["x0"] - cx) <= ON_RULE and e["top"] - ON_RULE <= cy <= e["bottom"] + ON_RULE:
            return True
        if e["orientation"] == "h" and abs(e["top"] - cy) <= ON_RULE and e["x0"] - ON_RULE <= cx <= e["x1"] + ON_RULE:
            return True
    return False


def without_rule_remnants(words: list[dict], edges: list[dict]) -> list[dict]:
    """Drop marks without a letter or digit lying on a rule found: pieces of a rule not whitened.

    A faint scanned rule is whitened where its ink is found; a piece left over reads as "|"
    (Distan Jabar 2016 PK scan p2: a "|" on the frame's rule at x=114 joined the line of "(Ha)"
    and cut it from its indicator) or "'" (the Klungkung budget scan p. 27, on the rule between
    code and name: "207042.03 | 02 ' Pelayanan ..." read as one code). Print puts no lone mark
    on a rule. A lone bar off any rule found is a piece of a rule too faint to be found, or of
    a cell's frame (the Klungkung budget scan at 200 dpi, p. 25: code "2 07 01 2.09" read
    "207 | 01 2.09"): report tables print no bar as text.
    """
    return [w for w in words if any(ch.isalnum() for ch in w["text"])
            or not (set(w["text"]) <= set("|¦") or on_rule(w, edges))]


def _lines(words: list[dict]) -> list[list[dict]]:
    """Group words into lines by where they stand, left to right: a word read again alone
    (extract.ocr's second readings) carries a line key of its own, yet sits on its line."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        cy, height = (w["top"] + w["bottom"]) / 2, w["bottom"] - w["top"]
        line = lines[-1] if lines else None
        if line is not None:
            first = line[0]
            if abs(cy - (first["top"] + first["bottom"]) / 2) <= 0.5 * min(height, first["bottom"] - first["top"]):
                line.append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _changed(word: dict, text: str, **box) -> dict:
    return dict(word, text=text, read=word.get("read", word["text"]), **box)


def _alone_in_cell(word: dict, line: list[dict], edges: list[dict]) -> bool:
    """Tell whether a vertical rule runs on either side of the word and no other word of its
    line lies between them."""
    left = _rules_between(edges, -1e9, word["x0"] + 1, word["top"], word["bottom"])
    right = _rules_between(edges, word["x1"] - 1, 1e9, word["top"], word["bottom"])
    if not left or not right:
        return False
    lo, hi = max(left), min(right)
    return not any(o is not word and lo < (o["x0"] + o["x1"]) / 2 < hi for o in line)


def repair(words: list[dict], edges: list[dict]) -> list[dict]:
    """Return the words with the misreadings the module names mended (new dicts, input untouched)."""
    words = without_rule_remnants(words, edges)
    place = {id(w): i for i, w in enumerate(words)}
    out: list[tuple[int, dict]] = []  # (the place in Tesseract's order of the first word read, the word)
    for line in _lines(words):
        mended: list[tuple[int, dict]] = []
        for w in line:
            at, prev = mended[-1] if mended else (None, None)
            if prev is not None and prev["x0"] < w["x0"] < prev["x1"]:
                # boxes overlapping: the later word starts where the earlier one must end
                prev = dict(prev, x1=w["x0"])
                mended[-1] = (at, prev)
            if (prev is not None and w["x0"] - prev["x1"] <= TIGHT * (w["bottom"] - w["top"])
                    and not _rules_between(edges, prev["x1"], w["x0"], w["top"], w["bottom"])
                    and _joins(prev["text"], w["text"])):
                joined = _changed(prev, prev["text"] + w["text"], x1=w["x1"], conf=min(prev["conf"], w["conf"]),
                                  top=min(prev["top"], w["top"]), bottom=max(prev["bottom"], w["bottom"]))
                joined["read"] = f"{prev.get('read', prev['text'])} {w.get('read', w['text'])}"
                mended[-1] = (at, joined)
                continue
            mended.append((place[id(w)], w))
        line_words = [w for _, w in mended]
        for at, w in mended:
            text = mend_separator(w["text"])
            m = LIST_NUMBER.fullmatch(text)
            if m and _alone_in_cell(w, line_words, edges):
                text = m.group(1) + "."
            out.append((at, _changed(w, text) if text != w["text"] else w))
    # Tesseract's order kept: chars_from_words puts a space only between neighbours of a line
    out.sort(key=lambda pair: pair[0])
    return [w for _, w in out]
