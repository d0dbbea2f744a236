"""Read a page's characters and drawn rules from pdfium, in pdfplumber's terms.

The table readers (extract.grid, extract.text_tables) were written against pdfplumber's page:
`chars` (dicts with text, x0, x1, top, bottom, size, upright in top-left-origin points),
`edges` (rules with an orientation) and `crop(bbox).extract_text()`. pdfplumber builds those
by interpreting the content stream in Python (pdfminer), about 93 % of kinerja's reading time;
pdfium has already interpreted it in C. `PdfiumPage` offers the same few members from
pdfium's text page and path objects, computed the way pdfminer computes them, so both
engines feed the readers the same numbers:

- **Characters.** A glyph's box runs from its origin over its advance width, and from the
  baseline plus the font's descent over one font size, through the character's matrix: that
  is pdfminer's box, not pdfium's (pdfium's tight box hugs the ink, so two digits "11" would
  stand 2-3 points apart and read as two words). Characters pdfium generates (spaces and line
  breaks it infers) are left out: pdfplumber has only the space glyphs the document prints.
- **Rules.** Each painted path is cut into subpaths; a subpath of one segment is a line, a
  closed axis-aligned quadrilateral a rectangle (four edges: a thin filled rectangle is a
  rule), anything else a curve whose straight horizontal and vertical steps are edges.
  Form XObjects are entered with their matrix.
- **Rotation and boxes.** Coordinates go through pdfminer's page matrix for `/Rotate` and the
  MediaBox origin, then pdfplumber's flip to a top-left origin; `width` and `height` are the
  MediaBox's, turned with the page.

Known difference: for a font whose descriptor gives Ascent 0 and Descent 0 (LibreOffice
exports, the Klungkung sample) pdfminer places the box on the baseline, while pdfium reports
the descent of the glyph 'g'; boxes then sit 0.2-0.3 em lower than pdfplumber's. The
engines' tables are compared in tests/test_pdf_engines.py.
"""

from __future__ import annotations

import ctypes
from functools import cached_property

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS

from extract.chartext import area_text, crop_chars

Matrix = tuple[float, float, float, float, float, float]

# Coordinates are rounded to this many decimals: pdfium keeps float32, pdfminer the content
# stream's decimals; rounding makes "the same x" equal again for the rectangle and
# orientation tests below, which compare exactly, as pdfminer does.
DECIMALS = 4


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """Return the matrix applying `m` first, then `n` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _media_box(page) -> tuple[float, float, float, float]:
    """Return the page's MediaBox (left, bottom, right, top).

    FPDFPage_GetMediaBox reads only the page's own dictionary; a box inherited from the page
    tree (fpdf2 writes it there) is pdfium's effective page box instead, which is the
    MediaBox unless a CropBox narrows it.
    """
    box = [ctypes.c_float() for _ in range(4)]
    if not pdfium_c.FPDFPage_GetMediaBox(page, *box):
        rect = pdfium_c.FS_RECTF()
        if not pdfium_c.FPDF_GetPageBoundingBox(page, rect):
            raise pdfium.PdfiumError("page without a box")
        return (rect.left, rect.bottom, rect.right, rect.top)
    left, bottom, right, top = (v.value for v in box)
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


def _page_matrix(box: tuple[float, float, float, float], rotation: int) -> tuple[Matrix, float, float]:
    """Return the matrix from PDF user space to pdfplumber's top-left space, width and height.

    pdfminer turns the page by `/Rotate` about the MediaBox (PDFPageInterpreter.process_page);
    pdfplumber then flips y about the turned box (Page.process_object), keeping its origin.
    """
    x0, y0, x1, y1 = box
    device = {
        0: (1.0, 0.0, 0.0, 1.0, -x0, -y0),
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }[rotation]
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    width, height = nx1 - nx0, ny1 - ny0
    # pdfplumber: x + mediabox x0; top = (height - y) + mediabox top, its top being -ny0
    flip = (1.0, 0.0, 0.0, -1.0, nx0, height - ny0)
    return _mul(device, flip), width, height


class PdfiumPage:
    """A page read through pdfium, offering what the table readers use of a pdfplumber page."""

    def __init__(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None):
        """Read `page`; `textpage`, when the caller has loaded it already, is used and closed here."""
        self._page, self._textpage = page, textpage
        # per font of the page: descent (per 1000 units) and glyph widths by (code, size)
        self._descents: dict[int | None, float] = {}
        self._widths: dict[tuple[int, int, float], float] = {}
        rotation = page.get_rotation() % 360
        self._to_plumber, self.width, self.height = _page_matrix(_media_box(page.raw), rotation)
        self.bbox = (0.0, 0.0, self.width, self.height)

    def close(self) -> None:
        if self._textpage is not None:
            self._textpage.close()
        self._page.close()

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._to_plumber
        return round(a * x + c * y + e, DECIMALS), round(b * x + d * y + f, DECIMALS)

    # ------------------------------------------------------------------ characters

    @cached_property
    def chars(self) -> list[dict]:
        """Return the printed characters in content order, as pdfplumber's char dicts."""
        if self._textpage is not None:
            return self._chars(self._textpage.raw)
        textpage = self._page.get_textpage()
        try:
            return self._chars(textpage.raw)
        finally:
            textpage.close()

    def _chars(self, tp) -> list[dict]:
        # The loop below runs once per glyph (3 000 on a dense table page): it calls pdfium
        # through prototypes taking plain addresses (no pointer objects built per call) and
        # keeps per glyph of a text object (its code) everything but the origin, so that a
        # character costs three calls, one lookup and a little arithmetic.
        handle = ctypes.cast(tp, ctypes.c_void_p).value
        styles: dict[int, tuple] = {}
        glyphs: dict[tuple[int, int], tuple] = {}
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rx, ry = ctypes.addressof(ox), ctypes.addressof(oy)
        text_object, unicode, origin = _FAST.text_object, _FAST.unicode, _FAST.origin
        pa, pb, pc, pd, pe, pf = self._to_plumber
        out: list[dict] = []
        last_key = last_x = last_y = None
        for i in range(pdfium_c.FPDFText_CountChars(tp)):
            key = text_object(handle, i)
            if not key:  # a space or line break pdfium inferred; no glyph is printed there
                continue
            code = unicode(handle, i)
            glyph = glyphs.get((key, code))
            if glyph is None:
                style = styles.get(key)
                if style is None:
                    style = styles[key] = self._text_style(tp, i)
                ua, ub, x0, t0, x1, t1, upright = style[2:9]
                width = self._advance(tp, i, code, style)
                # pdfminer's box: text-space corners (0, descent) and (advance, descent + size)
                glyph = glyphs[(key, code)] = (_text(code), x0, t0, width * ua, width * ub, x1, t1, upright)
            text, x0, t0, wa, wb, x1, t1, upright = glyph
            origin(handle, i, rx, ry)
            x, y = ox.value, oy.value
            if key == last_key and x == last_x and y == last_y:
                # a second character of one glyph: pdfium spells a ligature out ("fi" for
                # U+FB01, sample p. 22 "Efisiensi"); pdfminer keeps one character there
                self._widen(out[-1], tp, i, code)
                continue
            last_key, last_x, last_y = key, x, y
            X, T = pa * x + pc * y + pe, pb * x + pd * y + pf
            px, pt = X + x0, T + t0
            qx, qt = X + wa + x1, T + wb + t1
            if px > qx:
                px, qx = qx, px
            if pt > qt:
                pt, qt = qt, pt
            out.append({
                "text": text, "x0": px, "x1": qx, "top": pt, "bottom": qt, "doctop": pt,
                "size": qt - pt, "upright": upright,
            })
        return out

    def _widen(self, char: dict, tp, index: int, code: int) -> None:
        """Add a character to the one before it, whose box grows to the glyph's drawn box."""
        char["text"] += _text(code)
        box = [ctypes.c_double() for _ in range(4)]
        pdfium_c.FPDFText_GetCharBox(tp, index, *box)
        left, right, bottom, top = (v.value for v in box)
        xs = [self._point(x, y)[0] for x in (left, right) for y in (bottom, top)]
        char["x0"], char["x1"] = min(char["x0"], *xs), max(char["x1"], *xs)

    def _text_style(self, tp, index: int) -> tuple:
        """Return what a text object's glyphs share: font, size and their box in page terms.

        The box offsets are pdfminer's text-space corners (0, descent) and (0, descent +
        size) carried to pdfplumber's space; (ua, ub) is one unit of advance there.
        """
        m = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(tp, index, m)
        size = pdfium_c.FPDFText_GetFontSize(tp, index)
        handle = pdfium_c.FPDFText_GetTextObject(tp, index)
        font = pdfium_c.FPDFTextObj_GetFont(handle) if handle else None
        font_key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        descent = self._descents.get(font_key)
        if descent is None:
            descent = self._descents[font_key] = _font_descent(font)
        descent = -abs(descent) * size / 1000.0
        la, lb, lc, ld, _, _ = _mul((m.a, m.b, m.c, m.d, 0.0, 0.0), self._to_plumber[:4] + (0.0, 0.0))
        # pdfminer tells upright on its y-up device matrix; the flip to a top-left origin
        # negated b and d
        upright = la * -ld > 0 and -lb * lc <= 0
        return (
            font, size, la, lb,
            lc * descent, ld * descent, lc * (descent + size), ld * (descent + size),
            upright, font_key,
        )

    def _advance(self, tp, index: int, code: int, style: tuple) -> float:
        """Return a glyph's advance in text space (points at the font size).

        Text objects sharing a font and size (one per table cell, often) share the widths.
        """
        font, size, font_key = style[0], style[1], style[-1]
        if font and code:
            key = (font_key, code, size)
            width = self._widths.get(key)
            if width is None:
                value = ctypes.c_float()
                # FPDFFont_GetGlyphWidth maps the Unicode value back to the font's character code
                found = pdfium_c.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), value)
                width = self._widths[key] = value.value if found and value.value > 0 else 0.0
            if width > 0:
                return width
        # no way back from Unicode to a code (a symbol font): the glyph's own box
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetCharBox(tp, index, left, right, bottom, top)
        scale = (style[2] ** 2 + style[3] ** 2) ** 0.5 or 1.0
        return max(right.value - left.value, top.value - bottom.value) / scale

    # ------------------------------------------------------------------ rules

    @cached_property
    def edges(self) -> list[dict]:
        """Return the horizontal and vertical edges of painted lines, rectangles and curves."""
        out: list[dict] = []
        page = self._page.raw
        for i in range(pdfium_c.FPDFPage_CountObjects(page)):
            self._object_edges(pdfium_c.FPDFPage_GetObject(page, i), self._to_plumber, out)
        return out

    def _object_edges(self, obj, outer: Matrix, out: list[dict]) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            white = _white_fill_only(obj)
            for ops in _subpaths(obj, _mul(_matrix(obj), outer)):
                edges = _edges(ops)
                if white:
                    for edge in edges:
                        edge["white_fill_only"] = True
                out.extend(edges)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = _mul(_matrix(obj), outer)
            for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                self._object_edges(pdfium_c.FPDFFormObj_GetObject(obj, k), inner, out)

    # ------------------------------------------------------------------ text of an area

    def crop(self, bbox: tuple[float, float, float, float], strict: bool = False) -> CroppedText:
        """Return the characters overlapping `bbox`, clipped to it (pdfplumber's crop)."""
        return CroppedText(crop_chars(self.chars, bbox), bbox)


class CroppedText:
    """Characters of a page area, read as text like pdfplumber's CroppedPage.extract_text."""

    def __init__(self, chars: list[dict], bbox: tuple[float, float, float, float]):
        self.chars = chars
        self.bbox = bbox

    def extract_text(self) -> str:
        return area_text(self.chars)


# pdfium reports a hyphen ending a line as 0x02 (its "hyphen" char type); pdfminer gives
# the printed "-" (Klungkung 2024 sample, p. 30: "pilih-" at a line's end).
HYPHEN_AT_LINE_END = 0x02


def _text(code: int) -> str:
    if code == HYPHEN_AT_LINE_END:
        return "-"
    return chr(code) if code else ""


def _font_descent(font) -> float:
    """Return a font's descent per 1000 units of size, as pdfminer would take it."""
    metrics = FONT_METRICS.get(_font_name(font))
    if metrics is not None:
        # a standard 14 font: pdfminer takes its metrics from the AFM, as should we
        return float(metrics[0].get("Descent", 0))
    value = ctypes.c_float()
    return value.value if font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), value) else 0.0


def _font_name(handle) -> str:
    if not handle:
        return ""
    size = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, size)
    return buffer.value.decode("utf-8", "replace")


class _FAST:
    """pdfium functions called once per glyph, typed to take and give plain addresses."""

    text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
        ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
    )
    unicode = ctypes.CFUNCTYPE(ctypes.c_uint, ctypes.c_void_p, ctypes.c_int)(
        ctypes.cast(pdfium_c.FPDFText_GetUnicode, ctypes.c_void_p).value
    )
    origin = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
        ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p).value
    )


Op = tuple[str, tuple[float, float]]


def _subpaths(obj, matrix: Matrix) -> list[list[Op]]:
    """Return a path object's subpaths as pdfminer's operators with their end points.

    pdfium gives a Bezier segment as three points; pdfminer keeps only the end point. A
    closing flag stands for pdfminer's "h", whose point is the subpath's start.
    """
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[Op]] = []
    current: list[Op] = []
    bezier = 0
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (round(a * x.value + c * y.value + e, DECIMALS), round(b * x.value + d * y.value + f, DECIMALS))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if current:
                subpaths.append(current)
            current, bezier = [("m", point)], 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
            current.append(("c", point))
        else:
            current.append(("l", point))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and current:
            current.append(("h", current[0][1]))
    if current:
        subpaths.append(current)
    # pdfminer paints only subpaths opened by "m" with at least one more operator
    return [s for s in subpaths if s[0][0] == "m" and len(s) > 1]


def _white_fill_only(obj) -> bool:
    """Tell whether a path is only filled, in white: it draws no visible rule (grid.visible_edge)."""
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke) or stroke.value or not fillmode.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return r.value == g.value == b.value == 255


def _edges(ops: list[Op]) -> list[dict]:
    """Return a subpath's edges the way pdfminer and pdfplumber classify it.

    pdfminer (converter.PDFLayoutAnalyzer.paint_path) makes "ml"/"mlh" a line, a closed
    axis-aligned "mlllh"/"mllll" a rectangle and anything else a curve; pdfplumber turns a
    line into one edge ("h" when flat, else "v"), a rectangle into its four sides and a
    curve into one edge per step between points (only flat or upright steps are kept here:
    the readers use no other).
    """
    shape = "".join(op for op, _ in ops)
    pts = [p for _, p in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("ml", "mlh"):
        (ax, ay), (bx, by) = pts[0], pts[1]
        return [_edge("h" if ay == by else "v", min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            left, right = min(x0, x2), max(x0, x2)
            top, bottom = min(y0, y2), max(y0, y2)
            return [
                _edge("h", left, right, top, top),
                _edge("h", left, right, bottom, bottom),
                _edge("v", left, left, top, bottom),
                _edge("v", right, right, top, bottom),
            ]
    out = []
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        if ax == bx:
            out.append(_edge("v", ax, bx, min(ay, by), max(ay, by)))
        elif ay == by:
            out.append(_edge("h", min(ax, bx), max(ax, bx), ay, by))
    return out


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}
