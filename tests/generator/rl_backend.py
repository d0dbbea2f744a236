"""A second PDF producer for the generator: the few fpdf2 calls it makes, written with reportlab.

Why: every other style is written by fpdf2, so the extractor could come to depend on how fpdf2
writes its text layer (one `Tj` per line, in drawing order, row after row). Real reports come
from Word, LibreOffice, Crystal Reports and SIPD's own printer, which order and space their
text differently. This backend draws the same pages (same positions, same core fonts) with
reportlab, and changes what only the text layer shows:

- text is written column-major, left to right across the page and top to bottom inside a
  column, as producers that lay a table out column by column do, so a cell's neighbours in the
  content stream are the cells above and below it, not beside it;
- every word is its own text object placed at its own x (reportlab `drawString` per word),
  so the spaces of the text layer are gaps between glyph boxes, not space characters.

Only the calls `lkjip._Report` makes are provided. Page rotation (/Rotate 90) is not: the
reportlab style prints its budget table on landscape pages.
Output is byte-for-byte repeatable (`invariant=1`: no dates, no random document id).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

A4_W, A4_H = 595.28, 841.89

_FONTS = {
    ("helvetica", ""): "Helvetica", ("helvetica", "B"): "Helvetica-Bold",
    ("helvetica", "I"): "Helvetica-Oblique", ("helvetica", "BI"): "Helvetica-BoldOblique",
    ("times", ""): "Times-Roman", ("times", "B"): "Times-Bold",
    ("times", "I"): "Times-Italic", ("times", "BI"): "Times-BoldItalic",
    ("courier", ""): "Courier", ("courier", "B"): "Courier-Bold",
    ("courier", "I"): "Courier-Oblique", ("courier", "BI"): "Courier-BoldOblique",
}


class ReportlabPDF:
    """fpdf2-like drawing calls (top-left origin, points) recorded per page, written by reportlab."""

    def __init__(self) -> None:
        self.page = 0
        self._font = ("Helvetica", 10.0)
        self._line_width = 0.5
        self._fill = (0, 0, 0)
        self._pages: list[dict] = []
        self._meta: dict[str, str] = {}

    # -- document metadata (fpdf2 names)
    def set_auto_page_break(self, *_a, **_k) -> None:
        pass

    def set_creation_date(self, *_a, **_k) -> None:
        pass  # invariant output carries a fixed date

    def set_title(self, text: str) -> None:
        self._meta["title"] = text

    def set_author(self, text: str) -> None:
        self._meta["author"] = text

    def set_creator(self, text: str) -> None:
        self._meta["creator"] = text

    def set_lang(self, lang: str) -> None:
        self._meta["lang"] = lang

    def set_draw_color(self, *_rgb) -> None:
        pass  # always black

    # -- state
    def add_page(self, orientation: str = "P") -> None:
        size = (A4_W, A4_H) if orientation == "P" else (A4_H, A4_W)
        self._pages.append({"size": size, "ops": [], "texts": []})
        self.page = len(self._pages)

    def set_font(self, family: str, style: str = "", size: float = 10.0) -> None:
        key = (family.lower(), "".join(sorted(style.upper(), key="BI".index)))
        self._font = (_FONTS[key], float(size))

    def get_string_width(self, text: str) -> float:
        return stringWidth(text, *self._font)

    def set_line_width(self, w: float) -> None:
        self._line_width = w

    def set_fill_color(self, r: int, g: int, b: int) -> None:
        self._fill = (r, g, b)

    @contextmanager
    def rotation(self, *_a, **_k):
        raise NotImplementedError("the reportlab backend draws no rotated pages")
        yield  # pragma: no cover

    # -- drawing (y measured downwards from the top, as in fpdf2)
    def _h(self) -> float:
        return self._pages[-1]["size"][1]

    def text(self, x: float, y: float, txt: str) -> None:
        font, size = self._font
        space = stringWidth(" ", font, size)
        cursor = x
        for word in txt.split(" "):
            if word:
                self._pages[-1]["texts"].append((round(x, 1), y, cursor, font, size, word))
            cursor += stringWidth(word, font, size) + space

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        h, w = self._h(), self._line_width
        self._pages[-1]["ops"].append(lambda c: (c.setLineWidth(w), c.line(x1, h - y1, x2, h - y2)))

    def rect(self, x: float, y: float, w: float, h: float, style: str | None = None) -> None:
        ph, lw, fill = self._h(), self._line_width, self._fill
        filled = bool(style and "F" in style)

        def op(c: Canvas) -> None:
            c.setLineWidth(lw)
            c.setFillColorRGB(*(v / 255 for v in fill))
            c.rect(x, ph - y - h, w, h, stroke=0 if filled else 1, fill=1 if filled else 0)
            c.setFillColorRGB(0, 0, 0)

        self._pages[-1]["ops"].append(op)

    def polygon(self, points: list[tuple[float, float]], style: str = "F") -> None:
        ph, fill = self._h(), self._fill

        def op(c: Canvas) -> None:
            c.setFillColorRGB(*(v / 255 for v in fill))
            path = c.beginPath()
            path.moveTo(points[0][0], ph - points[0][1])
            for px, py in points[1:]:
                path.lineTo(px, ph - py)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)

        self._pages[-1]["ops"].append(op)

    def ellipse(self, x: float, y: float, w: float, h: float, style: str = "F") -> None:
        ph, fill = self._h(), self._fill

        def op(c: Canvas) -> None:
            c.setFillColorRGB(*(v / 255 for v in fill))
            c.ellipse(x, ph - y - h, x + w, ph - y, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)

        self._pages[-1]["ops"].append(op)

    # -- writing
    def output(self, path: str | Path) -> None:
        c = Canvas(str(path), invariant=1, lang=self._meta.get("lang"))
        c.setTitle(self._meta.get("title", ""))
        c.setAuthor(self._meta.get("author", ""))
        c.setCreator(self._meta.get("creator", ""))
        c.setProducer("ReportLab (kinerja tests/generator)")
        for page in self._pages:
            c.setPageSize(page["size"])
            h = page["size"][1]
            for op in page["ops"]:
                op(c)
            # column-major: by the x where the line starts, then down the page
            for _line_x, y, x, font, size, word in sorted(page["texts"], key=lambda t: (t[0], t[1], t[2])):
                c.setFont(font, size)
                c.drawString(x, h - y, word)
            c.showPage()
        c.save()
