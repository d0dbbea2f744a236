"""Read a scanned page with Tesseract, in the terms the table readers know.

A page without a text layer (a scan, a photo) is rendered with pypdfium2 and read by
Tesseract 5 (`-l ind+eng`, Debian's models; nothing is downloaded). What comes back is
offered as `OcrPage`, which has what extract.grid and extract.text_tables use of a pdfplumber
page (`chars`, `edges`, `crop().extract_text()`, `width`, `height`), so a scanned table goes
through the same recognition as a typed one. Steps, each chosen to be cheap:

1. **Resolution per page.** Tesseract reads best at ~300 dpi; the page is rendered at
   TARGET_DPI unless its longest side would pass MAX_SIDE pixels (an A3 or F4 sheet), then
   lower.
2. **Orientation.** Tesseract's OSD (`--psm 0`) on a smaller copy tells whether the text
   runs sideways or upside down (a landscape table fed portrait into a scanner); the image
   is turned upright. The page's coordinates are then those of the upright page.
3. **Deskew.** The skew angle is the one that makes the row profile of dark pixels sharpest
   (projection profile, numpy): text lines and rules then lie flat.
4. **Rules.** Dark runs longer than a table cell's side (morphological opening along rows and
   columns of the binarised image) are the table's rules, given as pdfplumber edges; they
   are whitened before reading, so that Tesseract does not read them as "|" or "_".
5. **Words.** Tesseract's TSV output gives each word with its box and confidence (0-100).
   Each word becomes characters spread evenly over its box, on its line's top and bottom;
   a space glyph joins words a normal word space apart, as in a text layer.

Tesseract is called as a subprocess, not through pytesseract: TSV needs ten lines of
parsing, a binding would add a dependency and a temporary file per call, and the
subprocess's time limit and environment (OMP_THREAD_LIMIT=1, so that pages read in parallel
do not fight over the cores) are set here directly. OCRmyPDF was not used: it writes a new
PDF with a text layer, whose words pdfminer/pdfium would then re-split, and loses the
confidences.

Results are cached by the hash of the rendered page image and the settings (see `cache_key`),
so a re-run reads a scanned page from the cache instead of reading it again.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
from PIL import Image

from extract.chartext import area_text, crop_chars
from extract.ocr_repair import repair, without_rule_remnants

TARGET_DPI = 300
MAX_SIDE = 4200  # pixels: an F4 page at 300 dpi is 3900 high
OSD_SIDE = 1600  # pixels: OSD reads a smaller copy as well
LANGUAGES = "ind+eng"
PSM = "6"  # one uniform block: a table row's cells stay on one line, in reading order
MAX_SKEW = 3.0  # degrees searched either way
RULE_H = 24.0  # points: a horizontal rule is longer than this (a cell's width, not a dash)
RULE_V = 16.0  # points: a vertical rule is longer than this (a row's height, not a letter)
WORD_SPACE = 0.45  # em: words closer than this on a line get a space glyph between them
TIMEOUT = 120  # seconds per Tesseract call
VERSION = 19  # bump when anything here changes what a page reads as: old cache entries lapse
CACHE_VARIABLE = "KINERJA_OCR_CACHE"


class OcrUnavailable(RuntimeError):
    """Tesseract or its Indonesian model is not installed."""


def tesseract() -> str:
    found = shutil.which("tesseract")
    if not found:
        raise OcrUnavailable("Tesseract tidak terpasang (apt-get install tesseract-ocr tesseract-ocr-ind; `make run` memasangnya)")
    return found


def _run(args: list[str], image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PPM")  # uncompressed PGM: no encoding cost, Leptonica reads it
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    done = subprocess.run(
        [tesseract(), "stdin", "stdout", *args], input=buffer.getvalue(), capture_output=True,
        timeout=TIMEOUT, env=env, check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if "Failed loading language" in message:
            raise OcrUnavailable(f"model bahasa Tesseract tidak ada: {message}")
        raise RuntimeError(f"tesseract: {message}")
    return done.stdout.decode("utf-8", "replace")


def page_dpi(width_pt: float, height_pt: float) -> float:
    """Return the resolution to render a page at: TARGET_DPI, lower for a very large sheet."""
    longest = max(width_pt, height_pt, 1.0) / 72.0
    return min(TARGET_DPI, MAX_SIDE / longest)


def orientation(image: Image.Image) -> int:
    """Return the clockwise turn (0, 90 or 270) that sets the page's text upright.

    Text lines make the ink profile across them sharp: when the column profile is sharper
    than the row profile, the lines run up or down the sheet (a landscape table fed portrait
    into a scanner). Which way is told by reading a strip of the page both ways and keeping
    the turn whose words Tesseract is surer of. Tesseract's own OSD (`--psm 0`) was tried
    first and failed on the scan of the Klungkung budget pages (a dense ruled table):
    "Rotate: 0" at one size, 90 or 270 at others.
    """
    ink = _small_ink(image, without_rules=True)
    if _level(ink.rotate(90, expand=True))[1] <= 1.3 * _level(ink)[1]:
        return 0
    # two bands of the sheet, a strip down its middle and one across it, are read with each
    # candidate turn, with one model; the turn that reads more words of the reports' language,
    # read with confidence, wins. Upside down, small print reads as confident nonsense ("uep"
    # for "dan": Tangsel e-monev 2023 p2, scanned at 200 dpi), and one band alone may hold no
    # words: the strip across the sheet held only figures of Tangsel's wide table, the strip
    # down it only blank paper below the end of the Klungkung budget table (p. 27). The band
    # with more print (rules aside) is read first, and a turn reading enough known words ends
    # the search: one Tesseract call for most sideways pages.
    w, h = image.size
    boxes = [(0.35, 0.0, 0.65, 1.0), (0.0, 0.35, 1.0, 0.65)]
    dark = np.asarray(ink) < 128
    iw, ih = ink.size
    print_in = [int(dark[int(t * ih):int(b * ih), int(l * iw):int(r * iw)].sum()) for l, t, r, b in boxes]
    scores = {90: [0, 0.0], 270: [0, 0.0]}  # turn: [known words, confidence of words of letters]
    for k in sorted(range(len(boxes)), key=lambda k: -print_in[k]):
        if print_in[k] < MIN_PRINT * dark.size:
            continue  # blank paper reads as noise, some of it as short words
        l, t, r, b = boxes[k]
        band = image.crop((int(l * w), int(t * h), int(r * w), int(b * h)))
        for turn in (90, 270):
            words = read_words(band.rotate(-turn, expand=True), TARGET_DPI, languages="eng")
            known = sum(1 for wd in words if wd["conf"] >= KNOWN_CONFIDENCE and _known_word(wd["text"]))
            if known >= ENOUGH_KNOWN:
                return turn  # upside down, hardly a word of the vocabulary is read with confidence
            scores[turn][0] += known
            scores[turn][1] += sum(wd["conf"] for wd in words if sum(ch.isalpha() for ch in wd["text"]) >= 3)
    return max(scores, key=lambda turn: tuple(scores[turn]))  # a tie keeps 90, as before


MIN_PRINT = 0.002  # share of the sheet's pixels that are print, in a band worth reading
ENOUGH_KNOWN = 8  # words of the vocabulary read with confidence that settle a turn
KNOWN_CONFIDENCE = 70.0  # a word of the vocabulary read less surely than this may be noise read as one
VOCABULARY = Path(__file__).resolve().parent.parent / "warehouse" / "reference" / "nomenklatur.csv"


@cache
def _vocabulary() -> frozenset[str]:
    """Words of three letters or more in the official nomenclature's names and indicators:
    the words budget and performance tables print."""
    import csv

    words: set[str] = set()
    with open(VOCABULARY, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for field_ in ("nama", "kinerja", "indikator"):
                words.update(t for t in re.findall(r"[a-z]{3,}", (row.get(field_) or "").lower()))
    return frozenset(words)


def _known_word(text: str) -> bool:
    letters = re.sub(r"[^a-z]", "", text.lower())
    return len(letters) >= 3 and letters in _vocabulary()


def _sharpness(dark: np.ndarray) -> float:
    """Sum of squared differences between neighbouring rows' ink counts."""
    rows = dark.sum(axis=1).astype(np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def _dark(image: Image.Image) -> np.ndarray:
    """Binarise: True where ink is (Otsu's threshold on the grey histogram)."""
    pixels = np.asarray(image, dtype=np.uint8)
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    w0 = cum / total
    w1 = 1.0 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (cum_mean[-1] / total * w0 - cum_mean / total) ** 2 / (w0 * w1)
    if np.all(np.isnan(between)):
        return np.zeros(pixels.shape, dtype=bool)  # one grey level: a blank page, no ink
    threshold = int(np.nanargmax(between))
    return pixels <= threshold


def _small_ink(image: Image.Image, without_rules: bool = False) -> Image.Image:
    """A copy ~1000 pixels across, black ink on white, for the profile searches.

    `without_rules`: long straight runs of ink (over 1/40 of the copy) whitened, so that only
    text lines make the profile. A dense ruled table has as many rules one way as the other,
    and with small print they outweigh its text: the RFK of DPUPR Grobogan 2022 (landscape,
    6-point print), scanned sideways, was taken as upright (profile ratio 1.2 with its rules,
    7.9 without; upright pages stay under 0.8 either way).
    """
    small = image.copy()
    small.thumbnail((1000, 1000))
    dark = _dark(small)
    if without_rules:
        length = max(15, max(dark.shape) // 40)
        dark = dark & ~_runs(dark, length) & ~_runs(dark.T, length).T
    return Image.fromarray((~dark).astype(np.uint8) * 255, "L")


def _level(ink: Image.Image) -> tuple[float, float]:
    """Return the angle that makes the row profile of ink sharpest, and that sharpness.

    The profile is sharpest (largest sum of squared differences between neighbouring rows)
    when text lines and rules are level; searched coarse, then fine.
    """

    def score(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=255)) < 128
        return _sharpness(turned)

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    return round(float(best), 2), score(best)


def skew_angle(image: Image.Image) -> float:
    """Return the angle (degrees, counter-clockwise) that levels the page's lines."""
    return _level(_small_ink(image))[0]


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Return the pixels of `mask` lying in runs of at least `length` along axis 1 (opening)."""
    h, w = mask.shape
    if length >= w:
        return np.zeros_like(mask)
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=c[:, 1:])
    full = (c[:, length:] - c[:, :-length]) == length  # a run of `length` starts here
    s = np.zeros((h, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=s[:, 1:])
    # pixel x is in a run when some start lies in [x - length + 1, x]
    x = np.arange(w)
    lo = np.clip(x - length + 1, 0, full.shape[1])
    hi = np.clip(x + 1, 0, full.shape[1])
    return (s[:, hi] - s[:, lo]) > 0


def _segments(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """Return (row, start, end) of the True runs of each row of `mask`."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    starts = np.argwhere(diff == 1)
    ends = np.argwhere(diff == -1)
    return [(int(r), int(s), int(e)) for (r, s), (_, e) in zip(starts, ends)]


RULE_SLACK = 1  # pixels: a rule's ink may step this far across it (and gap this far along it)
THIN_INK = 0.3  # share of ink beside a run (1-2 pt off) that makes it text, not a rule
RULE_INK = 0.25  # share of a run that must be ink for its pixel row to be whitened as rule


def _across(mask: np.ndarray, slack: int) -> np.ndarray:
    """Return `mask` thickened by `slack` pixels across its rows and bridged along them.

    A thin rule scanned is no straight run of pixels: it wavers by a pixel and fades in
    places, so along any one pixel row it falls apart into pieces shorter than a cell (the
    Distan Jabar 2016 PK scan, p2: the rule between sasaran 1 and 2, and the one between
    INDIKATOR and TARGET, were found as four and eleven pieces, and the table read as one
    cell across two columns). Letters do not grow into long runs this way: they are parted
    by white wider than the bridge.
    """
    out = mask.copy()
    for k in range(1, slack + 1):
        out[k:, :] |= mask[:-k, :]
        out[:-k, :] |= mask[k:, :]
    bridged = out.copy()
    for k in range(1, slack + 1):
        bridged[:, k:-k] |= out[:, :-2 * k] & out[:, 2 * k:]
    return bridged


def _thin(runs: np.ndarray, dark: np.ndarray, dpi: float) -> np.ndarray:
    """Drop runs with ink along them a little way off on either side: a line of text, no rule.

    Bridged (`_across`), the feet of a line of bold capitals make a run as long as a short
    rule ("REALISASI" in the header of the 150-dpi scan of the Klungkung budget table, which
    was then cut through and read "PEALISASI"). A rule has paper beside it, one to two points
    off, along most of its length; the letters of a word stand there.
    """
    near, far = max(1, round(1.0 * dpi / 72)), max(2, round(2.0 * dpi / 72))
    out = runs.copy()
    h = dark.shape[0]
    for row, start, end in _segments(runs):
        for lo, hi in ((row - far, row - near), (row + near + 1, row + far + 1)):
            lo, hi = max(0, lo), min(h, hi)
            if hi > lo and dark[lo:hi, start:end].mean() > THIN_INK:
                out[row, start:end] = False
                break
    return out


def find_rules(image: Image.Image, dpi: float) -> tuple[list[dict], np.ndarray]:
    """Return the image's rules as pdfplumber edges (points) and the mask of their pixels."""
    dark = _dark(image)
    scale = 72.0 / dpi
    long_h, long_v = max(2, round(RULE_H / scale)), max(2, round(RULE_V / scale))
    # straight runs are rules as they are; runs found only with the slack must be thin ones
    # (a short rule between narrow header cells has letters close on both sides: "P." | "K.")
    straight_h, straight_v = _runs(dark, long_h), _runs(dark.T, long_v).T
    straight = straight_h | straight_v
    horizontal = straight_h | _thin(_runs(_across(dark, RULE_SLACK), long_h), dark, dpi)
    vertical = straight_v | _thin(_runs(_across(dark.T, RULE_SLACK), long_v), dark.T, dpi).T
    edges = []
    for row, start, end in _segments(horizontal):
        y = (row + 0.5) * scale
        edges.append({"orientation": "h", "x0": start * scale, "x1": end * scale, "top": y, "bottom": y})
    for col, start, end in _segments(vertical.T):
        x = (col + 0.5) * scale
        edges.append({"orientation": "v", "x0": x, "x1": x, "top": start * scale, "bottom": end * scale})
    # whitened: straight runs, and the ink of a broken rule where no straight run lies near
    # (whitening the slack's runs beside a rule took the letters of narrow header cells, "P."
    # and "K." on the 200-dpi Klungkung scan)
    slack = _rule_ink(horizontal & ~straight, dark) | _rule_ink((vertical & ~straight).T, dark.T).T
    return edges, straight | (slack & ~_across(_across(straight, 1).T, 1).T)


def _rule_ink(runs: np.ndarray, dark: np.ndarray) -> np.ndarray:
    """Return the ink of the pixel rows of `runs` that are mostly ink: the rule itself.

    The runs found on the thickened mask (`_across`) also cover the pixel rows beside a rule;
    whitening their ink took the strokes of letters touching the rule ("REALISASI" read
    "PEALISASI" on the 150-dpi scan of the Klungkung budget table), while whitening only
    straight runs left the broken pieces of a faint rule to be read as "|" (Distan PK scan).
    """
    out = np.zeros_like(dark)
    for row, start, end in _segments(runs):
        if dark[row, start:end].mean() >= RULE_INK:
            out[row, start:end] = dark[row, start:end]
    return out


def flatten(image: Image.Image) -> Image.Image:
    """Divide the page by its background, so that shaded cells read as white paper.

    Table headers are often printed on a grey fill (the Klungkung budget table); scanned,
    the fill is as dark as thin grey text and Tesseract's global threshold eats the words
    ("KODE" read as "pane"). The background is the lightest level around each point
    (a max filter over a page copy 1/8 the size, wider than any stroke).
    """
    from PIL import ImageFilter

    small = image.resize((max(1, image.width // 8), max(1, image.height // 8)), Image.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(5)).resize(image.size, Image.BILINEAR)
    pixels = np.asarray(image, dtype=np.float32)
    base = np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(pixels / base * 255.0, 0, 255).astype(np.uint8), "L")


def _without_rules(image: Image.Image, rules: np.ndarray) -> Image.Image:
    """Whiten the rules' pixels (and one pixel around them: anti-aliased edges)."""
    grown = rules.copy()
    grown[1:, :] |= rules[:-1, :]
    grown[:-1, :] |= rules[1:, :]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    pixels = np.array(image, dtype=np.uint8)
    pixels[grown] = 255
    return Image.fromarray(pixels, "L")


def read_words(image: Image.Image, dpi: float, languages: str = LANGUAGES) -> list[dict]:
    """Return Tesseract's words: text, box in points, confidence and line key."""
    out = _run(["-l", languages, "--psm", PSM, "-c", "preserve_interword_spaces=1", "tsv"], image)
    scale = 72.0 / dpi
    words, lines = [], {}
    for line in out.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12:
            continue
        level, block, par, ln = int(parts[0]), int(parts[2]), int(parts[3]), int(parts[4])
        left, top, width, height = (int(p) for p in parts[6:10])
        key = (block, par, ln)
        if level == 4:
            lines[key] = (top * scale, (top + height) * scale)
        elif level == 5 and parts[11].strip() and float(parts[10]) >= 0:
            words.append({
                "text": _without_marks(parts[11].strip()), "x0": left * scale, "x1": (left + width) * scale,
                "top": top * scale, "bottom": (top + height) * scale,
                "conf": round(float(parts[10]), 1), "line": list(key), "cy": (top + height / 2) * scale,
                "y0": top * scale, "y1": (top + height) * scale,
            })
    # a word sits on its line's band (as a glyph's box spans the font's ascent and descent),
    # unless the line is much taller than its words (Tesseract joined two baselines). "Its
    # words" is the line's typical word: a short word without descenders ("dan" beside a pen
    # tick, Distan Jabar 2016 PK scan p3) has a box shorter than the band and, left off it,
    # was read on a line of its own ("Penyediaan Pengembangan ... dan")
    heights: dict[tuple, list[float]] = {}
    for w in words:
        heights.setdefault(tuple(w["line"]), []).append(w["bottom"] - w["top"])
    for w in words:
        band = lines.get(tuple(w["line"]))
        typical = sorted(heights[tuple(w["line"])])[len(heights[tuple(w["line"])]) // 2]
        own = w["bottom"] - w["top"]
        if own < SPECK * typical:
            continue  # a speck or pen tick ("°" beside "10.", same page) is no letter of the line
        if band and band[1] - band[0] <= 1.6 * max(typical, own) + 2 * scale:
            w["top"], w["bottom"] = min(w["top"], band[0]), max(w["bottom"], band[1])
    # a mark a fraction of its line's height, no letter or digit, that Tesseract doubts, is a
    # pen tick or a speck of dirt, not print (the scanned Distan PK p3: "°" left of "10.", read
    # into the program's name)
    return [w for w in words if not (
        w["conf"] < SPECK_CONFIDENCE and not any(ch.isalnum() for ch in w["text"])
        and w["bottom"] - w["top"] < SPECK * sorted(heights[tuple(w["line"])])[len(heights[tuple(w["line"])]) // 2])]


SPECK = 0.4  # share of the line's typical word height below which a mark is no letter of it
SPECK_CONFIDENCE = 60.0
REREAD_BELOW = 85.0  # a ruled cell whose weakest word is below this confidence is read alone
SHORT = 3  # characters: a cell this short is always read again alone
GAP = 24  # pixels of white between the cells pasted together for the second reading


def _doubtful_cells(image: Image.Image, words: list[dict], edges: list[dict], dpi: float) -> list[tuple]:
    """Return (box, words in it) of the ruled cells whose words Tesseract doubted.

    Reading a whole page as one block, Tesseract takes a line across a table row; a header
    cell whose text is centred between two of its neighbours' lines is then cut and misread
    (the scan of the Klungkung budget table, p. 25: "KODE" read as "iz Sn", "KET." as "eg").
    """
    from extract.grid import build_grid, page_segments, ruled_regions

    scale = 72.0 / dpi
    page = OcrPage(OcrResult(image.width * scale, image.height * scale, dpi, 0, 0.0, words, edges))
    h, v = page_segments(page)
    out = []
    for region in ruled_regions(h, v):
        grid = build_grid(page, region, 0)
        for row in grid.cells:
            for cell in row:
                if cell.covered or not cell.text:
                    continue
                conf = page.confidence(cell.x0, cell.top, cell.x1, cell.bottom)
                # a token of one to three characters alone in its cell ("1.", "03") has no
                # line around it to steady Tesseract's reading of the page: read it alone too
                if conf is not None and (conf < REREAD_BELOW or len(cell.text.strip()) <= SHORT):
                    # the crop is taken 3 pixels inside the cell, clear of its rules
                    box = (cell.x0 + 3 * scale, cell.top + 3 * scale, cell.x1 - 3 * scale, cell.bottom - 3 * scale)
                    inside = [w for w in words if cell.x0 <= (w["x0"] + w["x1"]) / 2 <= cell.x1
                              and _inside(w, cell.top, cell.bottom)]
                    out.append((box, inside))
    return out


SURE = 90.0  # a word read this surely is print
ILLEGIBLE = 50.0  # a run without a digit is read again only when a word of it is below this
GARBLED_BELOW = 80.0  # a word Tesseract is less sure of, outside the cells read again, is read again with its neighbours


def _garbled_runs(image: Image.Image, words: list[dict], dpi: float, taken: set[int]) -> list[tuple]:
    """Return (box, words) of the runs of doubtful words outside the cells read again (`taken`).

    Reading a page as one block, Tesseract fits one baseline to a line of an unruled table
    whose cells are not level: Dispora Jabar 2017 PK p.4 prints each amount beside the middle
    of its wrapped program name, half a line below the name's first line; "Rp 442.459.400
    APBD" came out as "BF na anna BEAN" (confidence 0-30). Neighbouring doubtful words of a
    line form a run; its box is padded by half a word's height.
    """
    scale = 72.0 / dpi
    # only lines that are print elsewhere: a line read all in doubt is a picture's (a chart,
    # a logo, the sample's p. 5), and reading it again costs as much as the page
    printed = {tuple(w["line"]) for w in words if w["conf"] >= SURE and sum(ch.isalnum() for ch in w["text"]) >= 3}
    runs: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (tuple(w["line"]), w["x0"])):
        if w["conf"] >= GARBLED_BELOW or id(w) in taken or tuple(w["line"]) not in printed:
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and last["line"] == w["line"] and w["x0"] - last["x1"] <= 3 * (w["bottom"] - w["top"]):
            runs[-1].append(w)
        else:
            runs.append([w])
    out = []
    for run in runs:
        # figures are what a table is read for; words are read again only when illegible
        text = "".join(w["text"] for w in run)
        if not any(ch.isalnum() for ch in text) or (
                not any(ch.isdigit() for ch in text) and min(w["conf"] for w in run) >= ILLEGIBLE):
            continue
        height = max(w["bottom"] - w["top"] for w in run)
        out.append(((max(0.0, min(w["x0"] for w in run) - 0.5 * height), max(0.0, min(w["top"] for w in run) - 0.4 * height),
                     min(image.width * scale, max(w["x1"] for w in run) + 0.5 * height),
                     min(image.height * scale, max(w["bottom"] for w in run) + 0.4 * height)), run))
    return out


def reread_doubtful(image: Image.Image, words: list[dict], edges: list[dict], dpi: float) -> list[dict]:
    """Read again, each on its own, the ruled cells and the runs of words Tesseract doubted,
    all in one more call (`_read_alone`); each keeps the new words when Tesseract is surer
    of them."""
    cells = _doubtful_cells(image, words, edges, dpi)
    taken = {id(w) for _, inside in cells for w in inside}
    items = cells + _garbled_runs(image, words, dpi, taken)
    if not items:
        return words
    out = list(words)
    for k, box, mine in _read_alone(image, [box for box, _ in items], dpi):
        old = [w for w in items[k][1] if any(w is o for o in out)]
        if not mine or sum(w["conf"] for w in mine) / len(mine) <= sum(w["conf"] for w in old) / max(1, len(old)):
            continue
        out = [w for w in out if not any(w is o for o in old)] + [dict(w, line=[10000 + k, *w["line"][1:]]) for w in mine]
    out.sort(key=lambda w: (w["top"], w["x0"]))
    return out


CANVAS_HEIGHT = 14000  # pixels of pasted crops read in one call: twice that is below Tesseract's 32767


def _read_alone(image: Image.Image, boxes: list[tuple[float, float, float, float]], dpi: float):
    """Read each box (points) of the page on its own: crops pasted one under another with white
    between them, read at twice the size in as few Tesseract calls as fit its image limit.

    Yields (the box's index, the crop's box in pixels, its words in page points) for each box
    large enough to read. The Distan Jabar 2016 LKjIP, its 21 table pages scanned, pasted 43222 pixels of
    doubtful cells from one page: Tesseract refuses an image over 32767 pixels.
    """
    scale = 72.0 / dpi
    batch: list[tuple[int, Image.Image, tuple[int, int, int, int], int]] = []
    y = GAP

    def flush():
        canvas = Image.new("L", (max(c.width for _, c, _, _ in batch) + 2 * GAP, y), 255)
        for _, crop, _, at in batch:
            canvas.paste(crop, (GAP, at))
        # twice the size: small print alone in a cell ("1." in a NO. column) has an x-height
        # of ~15 pixels at 300 dpi, below what Tesseract reads reliably (~20-30)
        fresh = read_words(canvas.resize((canvas.width * 2, canvas.height * 2), Image.BICUBIC), dpi * 2)
        for k, _, box, at in batch:
            lo, hi = at * scale, (at + box[3] - box[1]) * scale
            dx, dy = box[0] * scale - GAP * scale, box[1] * scale - lo
            yield k, box, [dict(w, x0=w["x0"] + dx, x1=w["x1"] + dx, top=w["top"] + dy, bottom=w["bottom"] + dy,
                             cy=w["cy"] + dy, y0=w["y0"] + dy, y1=w["y1"] + dy)
                        for w in fresh if lo <= w["cy"] <= hi]

    for k, (x0, top, x1, bottom) in enumerate(boxes):
        box = (round(x0 / scale), round(top / scale), round(x1 / scale), round(bottom / scale))
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            continue
        height = box[3] - box[1]
        if batch and y + height + GAP > CANVAS_HEIGHT:
            yield from flush()
            batch, y = [], GAP
        batch.append((k, image.crop(box), box, y))
        y += height + GAP
    if batch:
        yield from flush()


PICTURE_CONFIDENCE = 60.0  # median word confidence below this: a picture, not print


def is_text(words: list[dict]) -> bool:
    """Tell whether Tesseract's words are print rather than shapes read into a picture.

    A cover photo or a logo page gives words too, nearly all of them doubted (Bappeda Jabar
    2016 LKIP p. 1, a picture cover: median confidence ~30, strings like "AP7 Orm,RANNO");
    kept, they would be the document's text and mislead what is read from it (its year).
    Print reads with a median above 85 even on a poor scan.
    """
    if not words:
        return False
    confidences = sorted(w["conf"] for w in words)
    return confidences[len(confidences) // 2] >= PICTURE_CONFIDENCE


def _inside(word: dict, top: float, bottom: float) -> bool:
    """Tell whether at least 40 % of a word's ink height lies between top and bottom.

    A word's box may reach past its cell (a scanned fill edge, a stroke of the rule above);
    its centre alone would put it in the wrong cell or none.
    """
    height = max(word["y1"] - word["y0"], 1e-6)
    return min(word["y1"], bottom) - max(word["y0"], top) >= 0.4 * height


# A reader's pen ticks beside a list of numbered items ("-5.", "'7.", "“8.": the scanned
# Distan Jabar 2016 PK, p. 3) are read as marks glued to the number.
LIST_NUMBER_WITH_MARKS = re.compile(r"^[\u2018\u2019\u201c\u201d'\"`\u00b4~^\-\u2013\u2014]+(\d{1,2}[.)])$")


def _without_marks(text: str) -> str:
    """Return a word without the pen marks glued before a list number ("'7." -> "7.")."""
    m = LIST_NUMBER_WITH_MARKS.match(text)
    return m.group(1) if m else text


def chars_from_words(words: list[dict]) -> list[dict]:
    """Return pdfplumber-like characters: each word's letters spread evenly over its box."""
    chars: list[dict] = []
    previous = None
    for w in words:
        size = w["bottom"] - w["top"]
        if previous is not None and previous["line"] == w["line"]:
            gap = w["x0"] - previous["x1"]
            if 0 < gap <= WORD_SPACE * size:
                chars.append({
                    "text": " ", "x0": previous["x1"], "x1": w["x0"], "top": w["top"], "bottom": w["bottom"],
                    "doctop": w["top"], "size": size, "upright": True, "conf": w["conf"],
                })
        step = (w["x1"] - w["x0"]) / len(w["text"])
        for i, letter in enumerate(w["text"]):
            chars.append({
                "text": letter, "x0": w["x0"] + i * step, "x1": w["x0"] + (i + 1) * step,
                "top": w["top"], "bottom": w["bottom"], "doctop": w["top"], "size": size,
                "upright": True, "conf": w["conf"],
            })
        previous = w
    return chars


@dataclass
class OcrResult:
    """What reading one scanned page gave, in points of the upright, levelled page."""

    width: float
    height: float
    dpi: float
    rotation: int
    skew: float
    words: list[dict]
    edges: list[dict]
    seconds: float = 0.0
    cached: bool = False
    error: str | None = None  # Tesseract failed on the page: nothing read, nothing cached

    def to_json(self) -> str:
        data = {k: getattr(self, k) for k in ("width", "height", "dpi", "rotation", "skew", "words", "edges", "seconds")}
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> OcrResult:
        return cls(**json.loads(text), cached=True)


def render(page, dpi: float) -> Image.Image:
    """Render a pypdfium2 page grey at `dpi`."""
    return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")


def cache_key(image: Image.Image, dpi: float) -> str:
    """Hash of the rendered page and everything that decides how it is read."""
    h = hashlib.sha256()
    h.update(f"{VERSION}|{dpi:.3f}|{LANGUAGES}|{PSM}|{image.size}|".encode())
    h.update(image.tobytes())
    return h.hexdigest()


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_VARIABLE, "").strip()
    return Path(value) if value else None


def ocr_image(image: Image.Image, dpi: float) -> OcrResult:
    """Read a rendered page: turn it upright, level it, find its rules, read its words."""
    started = time.perf_counter()
    turn = orientation(image)
    if turn:
        image = image.rotate(-turn, expand=True)  # PIL turns counter-clockwise
    skew = skew_angle(image)
    if skew:
        image = image.rotate(skew, resample=Image.BILINEAR, expand=False, fillcolor=255)
    image = flatten(image)
    edges, rules = find_rules(image, dpi)
    clean = _without_rules(image, rules)
    words = without_rule_remnants(read_words(clean, dpi), edges)
    if not is_text(words):
        words, edges = [], []
    else:
        words = reread_doubtful(clean, words, edges, dpi)
    scale = 72.0 / dpi
    return OcrResult(
        width=image.width * scale, height=image.height * scale, dpi=dpi, rotation=turn, skew=skew,
        words=words, edges=edges, seconds=round(time.perf_counter() - started, 3),
    )


def cached(cache: Path | None, image: Image.Image, dpi: float) -> tuple[Path | None, OcrResult | None]:
    """Return (where this page's OCR is cached, the cached result or None); (None, None)
    without a cache. A damaged entry gives None: the page is read again and it is rewritten."""
    if cache is None:
        return None, None
    key = cache_key(image, dpi)
    path = cache / key[:2] / f"{key}.json"
    if path.exists():
        try:
            return path, OcrResult.from_json(path.read_text())
        except (ValueError, TypeError):
            pass
    return path, None


def ocr_page(page, cache: Path | None = None) -> OcrResult:
    """Read one pypdfium2 page by OCR, through the cache when one is given (or configured)."""
    width, height = page.get_size()
    dpi = page_dpi(width, height)
    image = render(page, dpi)
    cache = cache if cache is not None else cache_dir()
    path, result = cached(cache, image, dpi)
    if result is not None:
        return result
    result = ocr_image(image, dpi)
    if path is not None:
        _store(path, result)
    return result


@dataclass
class OcrPage:
    """A scanned page read by OCR, offering what the table readers use of a pdfplumber page."""

    result: OcrResult
    bbox: tuple[float, float, float, float] = field(init=False)

    def __post_init__(self):
        self.width, self.height = self.result.width, self.result.height
        self.bbox = (0.0, 0.0, self.width, self.height)
        # mended on every reading, cached or fresh: the cache keeps what Tesseract gave
        self._words = repair(self.result.words, self.result.edges)

    @property
    def words(self) -> list[dict]:
        return self._words

    @cached_property
    def chars(self) -> list[dict]:
        return chars_from_words(self._words)

    @property
    def edges(self) -> list[dict]:
        return self.result.edges

    def crop(self, bbox, strict: bool = False):
        from extract.pdfium_page import CroppedText

        return CroppedText(crop_chars(self.chars, bbox), bbox)

    def text(self) -> str:
        return area_text(self.chars)

    def close(self) -> None:
        pass

    def confidence(self, x0: float, top: float, x1: float, bottom: float) -> float | None:
        """Return the lowest confidence of the words whose centre lies in the box, if any."""
        found = [
            w["conf"] for w in self._words
            if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= w["cy"] <= bottom
        ]
        return min(found) if found else None


MIN_TEXT_CHARS = 20  # fewer printed characters than this: no text layer worth the name


def _needs_ocr(page) -> bool:
    """Tell whether a page lacks a text layer but shows an image (a scan or photo).

    A scanner's own stamp ("Scanned by CamScanner") may leave a few characters on a scanned
    page; a page of text with tables prints hundreds.
    """
    textpage = page.get_textpage()
    try:
        chars = len(textpage.get_text_range().strip())
    finally:
        textpage.close()
    if chars >= MIN_TEXT_CHARS:
        return False
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def ocr_workers() -> int:
    value = os.environ.get("KINERJA_OCR_THREADS", "").strip()
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


def ocr_document_pages(doc, cache: Path | None = None) -> dict[int, OcrResult]:
    """OCR every page of an open pypdfium2 document that has no text layer; {page number: result}.

    pdfium is not thread-safe: pages are rendered here one after another (~0.1 s each), and
    the cache is looked up; the pages not cached are then read in threads, one Tesseract
    process each (Tesseract and numpy's work run outside the GIL), so the pages of one
    document are read on all cores.
    """
    from concurrent.futures import ThreadPoolExecutor

    cache = cache if cache is not None else cache_dir()
    done: dict[int, OcrResult] = {}
    todo: list[tuple[int, Image.Image, float, Path | None]] = []
    for i in range(len(doc)):
        try:
            page = doc[i]
        except Exception:  # noqa: BLE001 - a damaged page is left to the text pass
            continue
        try:
            if not _needs_ocr(page):
                continue
            tesseract()  # refuse early, with the reason, when Tesseract is missing
            width, height = page.get_size()
            dpi = page_dpi(width, height)
            image = render(page, dpi)
        finally:
            page.close()
        path, result = cached(cache, image, dpi)
        if result is not None:
            done[i + 1] = result
            continue
        todo.append((i + 1, image, dpi, path))

    def read(item):
        number, image, dpi, path = item
        try:
            result = ocr_image(image, dpi)
        except RuntimeError as exc:  # one page Tesseract cannot read must not sink the document
            scale = 72.0 / dpi
            return number, OcrResult(image.width * scale, image.height * scale, dpi, 0, 0.0, [], [], error=str(exc))
        if path is not None:
            _store(path, result)
        return number, result

    if len(todo) == 1:
        done.update([read(todo[0])])
    elif todo:
        with ThreadPoolExecutor(min(ocr_workers(), len(todo))) as pool:
            done.update(pool.map(read, todo))
    return done


def _store(path: Path, result: OcrResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{id(result)}.tmp")
    tmp.write_text(result.to_json())
    tmp.replace(path)
