"""Charts of the analyst report as static inline SVG: no script, no font, no network.

Readers open the report offline (a DPRD member's laptop, an e-mail attachment), so every
chart is drawn here, on the server side, as SVG text: it needs no JavaScript to show and
prints as it looks. Each drawn data mark carries class "mark" and a <title> (the browser's
own tooltip) with its figures in Indonesian format, so a reader can hover for exact values
and a test can count what was drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from load.idformat import angka, escape, persen, rupiah, rupiah_singkat

WIDTH, HEIGHT = 560, 250
MARGIN = {"left": 78, "right": 16, "top": 26, "bottom": 34}

# Colours that stay apart for colour-blind readers (Okabe-Ito), then greys.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PAGU_FILL, REALISASI_FILL, TARGET_STROKE, GRID = "#d7dde4", "#0072B2", "#B00020", "#e6e6e6"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Return round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten)."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks, t = [], first
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _f(x) -> float:
    return float(x) if x is not None else math.nan


def _n(x: float) -> str:
    return f"{x:.1f}"


@dataclass
class Frame:
    """A plot area with linear y and either linear or categorical x."""

    y_lo: float
    y_hi: float
    x_lo: float = 0.0
    x_hi: float = 1.0
    width: int = WIDTH
    height: int = HEIGHT
    pad_right: float = MARGIN["right"]
    parts: list[str] = field(default_factory=list)

    @property
    def left(self) -> float:
        return MARGIN["left"]

    @property
    def right(self) -> float:
        return self.width - self.pad_right

    @property
    def top(self) -> float:
        return MARGIN["top"]

    @property
    def bottom(self) -> float:
        return self.height - MARGIN["bottom"]

    def y(self, v: float) -> float:
        return self.bottom - (v - self.y_lo) / (self.y_hi - self.y_lo) * (self.bottom - self.top)

    def x(self, v: float) -> float:
        return self.left + (v - self.x_lo) / (self.x_hi - self.x_lo) * (self.right - self.left)

    def y_axis(self, ticks: list[float], label) -> None:
        for t in ticks:
            y = self.y(t)
            self.parts.append(f'<line class="grid" x1="{_n(self.left)}" x2="{_n(self.right)}" y1="{_n(y)}" y2="{_n(y)}"/>')
            self.parts.append(f'<text class="tick" x="{_n(self.left - 6)}" y="{_n(y + 4)}" text-anchor="end">{escape(label(t))}</text>')

    def x_axis(self, ticks: list[tuple[float, str]]) -> None:
        self.parts.append(f'<line class="axis" x1="{_n(self.left)}" x2="{_n(self.right)}" y1="{_n(self.bottom)}" y2="{_n(self.bottom)}"/>')
        for pos, text in ticks:
            self.parts.append(f'<text class="tick" x="{_n(pos)}" y="{_n(self.bottom + 16)}" text-anchor="middle">{escape(text)}</text>')

    def svg(self, name: str, label: str, legend: list[tuple[str, str]] | None = None) -> str:
        items = []
        x = self.left
        for kind, text in legend or []:
            items.append(f'<g class="legend-item" transform="translate({_n(x)},8)">{kind}'
                         f'<text x="16" y="9">{escape(text)}</text></g>')
            x += 26 + 6.2 * len(text)
        return (
            f'<svg class="chart" data-chart="{escape(name)}" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" aria-label="{escape(label)}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(items)}{"".join(self.parts)}</svg>'
        )


def _swatch(fill: str) -> str:
    return f'<rect x="0" y="0" width="12" height="10" fill="{fill}"/>'


def _stroke(color: str, dash: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="0" x2="12" y1="5" y2="5" stroke="{color}" stroke-width="2.5"{d}/>'


def _spread(ys: list[float], gap: float) -> list[float]:
    """Move sorted label positions apart to at least `gap`, each as little as it can:
    overlapping neighbours are pushed apart symmetrically until none overlap."""
    out = list(ys)
    for _ in range(200):
        moved = False
        for i in range(len(out) - 1):
            d = out[i + 1] - out[i]
            if d < gap - 0.01:
                shift = (gap - d) / 2
                out[i] -= shift
                out[i + 1] += shift
                moved = True
        if not moved:
            break
    return out


def serapan_bars(name: str, label: str, rows: list[dict]) -> str:
    """Bars per year: the pagu as a wide pale bar behind the realisasi, serapan % on top.

    rows: dicts with tahun, pagu_idr, realisasi_idr, serapan_pct (Decimal or None).
    """
    rows = sorted(rows, key=lambda r: r["tahun"])
    top = max([_f(r["pagu_idr"]) for r in rows if r["pagu_idr"] is not None]
              + [_f(r["realisasi_idr"]) for r in rows if r["realisasi_idr"] is not None] + [1.0])
    ticks = nice_ticks(0, top * 1.12, 4)
    fr = Frame(y_lo=0, y_hi=ticks[-1], x_lo=0, x_hi=len(rows))
    fr.y_axis(ticks, lambda t: rupiah_singkat(Decimal(str(t))))
    slot = (fr.right - fr.left) / max(len(rows), 1)
    wide = min(slot * 0.6, 90)
    x_ticks = []
    for i, r in enumerate(rows):
        cx = fr.left + slot * (i + 0.5)
        x_ticks.append((cx, str(r["tahun"])))
        tip = (f"{r['tahun']}: pagu {rupiah(r['pagu_idr'])}, realisasi {rupiah(r['realisasi_idr'])}, "
               f"serapan {persen(r['serapan_pct'])}")
        if r["pagu_idr"] is not None:
            y = fr.y(_f(r["pagu_idr"]))
            fr.parts.append(f'<rect class="mark pagu" x="{_n(cx - wide / 2)}" y="{_n(y)}" width="{_n(wide)}" '
                            f'height="{_n(fr.bottom - y)}" fill="{PAGU_FILL}"><title>{escape(tip)}</title></rect>')
        if r["realisasi_idr"] is not None:
            y = fr.y(_f(r["realisasi_idr"]))
            fr.parts.append(f'<rect class="mark realisasi" x="{_n(cx - wide / 4)}" y="{_n(y)}" width="{_n(wide / 2)}" '
                            f'height="{_n(fr.bottom - y)}" fill="{REALISASI_FILL}"><title>{escape(tip)}</title></rect>')
        head = min(fr.y(_f(r["pagu_idr"])) if r["pagu_idr"] is not None else fr.bottom,
                   fr.y(_f(r["realisasi_idr"])) if r["realisasi_idr"] is not None else fr.bottom)
        fr.parts.append(f'<text class="value" x="{_n(cx)}" y="{_n(head - 5)}" text-anchor="middle">'
                        f'{escape(persen(r["serapan_pct"]))}</text>')
    fr.x_axis(x_ticks)
    return fr.svg(name, label, [(_swatch(PAGU_FILL), "pagu"), (_swatch(REALISASI_FILL), "realisasi (label: serapan)")])


def capaian_lines(name: str, label: str, points: list[dict], arah: str | None) -> str:
    """Capaian per year, as printed (dashed) and recomputed in the indicator's direction
    (solid), against the target line at 100 %. A year where the two disagree is ringed.

    points: dicts with tahun, target, realisasi, satuan, capaian_pct_reported, capaian_pct.
    """
    points = sorted(points, key=lambda p: p["tahun"])
    years = [p["tahun"] for p in points]
    values = [_f(p[k]) for p in points for k in ("capaian_pct_reported", "capaian_pct") if p[k] is not None]
    hi = max(values + [100.0]) * 1.1
    low = min(values + [100.0])
    # a lower-is-better indicator far over its target has a negative capaian: (2T - R) / T
    lo = low * 0.85 if low > 0 else low * 1.15
    ticks = nice_ticks(lo, hi, 4)
    fr = Frame(y_lo=ticks[0], y_hi=ticks[-1], x_lo=min(years) - 0.5, x_hi=max(years) + 0.5)
    fr.y_axis(ticks, lambda t: persen(Decimal(str(t)), 0))
    y100 = fr.y(100)
    fr.parts.append(f'<line class="target" x1="{_n(fr.left)}" x2="{_n(fr.right)}" y1="{_n(y100)}" y2="{_n(y100)}" '
                    f'stroke="{TARGET_STROKE}" stroke-width="1.5"/>'
                    f'<text class="target-label" x="{_n(fr.right - 2)}" y="{_n(y100 - 4)}" text-anchor="end">target 100 %</text>')
    for key, color, dash, cls in (("capaian_pct_reported", PALETTE[1], "5 3", "tercetak"),
                                  ("capaian_pct", PALETTE[0], "", "dihitung")):
        pts = [(fr.x(p["tahun"]), fr.y(_f(p[key])), p) for p in points if p[key] is not None]
        if len(pts) > 1:
            d = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in pts)
            extra = f' stroke-dasharray="{dash}"' if dash else ""
            fr.parts.append(f'<polyline class="mark line {cls}" points="{d}" fill="none" stroke="{color}" stroke-width="2.2"{extra}/>')
        for x, y, p in pts:
            tip = (f"{p['tahun']}: target {angka(p['target'])}, realisasi {angka(p['realisasi'])} {p.get('satuan') or ''}; "
                   f"capaian tercetak {persen(p['capaian_pct_reported'])}, dihitung ulang {persen(p['capaian_pct'])}")
            fr.parts.append(f'<circle class="mark point {cls}" cx="{_n(x)}" cy="{_n(y)}" r="3.6" fill="{color}">'
                            f'<title>{escape(tip)}</title></circle>')
    for p in points:
        a, b = p["capaian_pct_reported"], p["capaian_pct"]
        if a is not None and b is not None and abs(_f(a) - _f(b)) >= 0.5:
            x, y = fr.x(p["tahun"]), fr.y(_f(a))
            tip = f"{p['tahun']}: tercetak {persen(a)}, seharusnya {persen(b)}"
            fr.parts.append(f'<circle class="beda" cx="{_n(x)}" cy="{_n(y)}" r="8" fill="none" stroke="{TARGET_STROKE}" '
                            f'stroke-width="1.2"><title>{escape(tip)}</title></circle>')
    fr.x_axis([(fr.x(y), str(y)) for y in range(min(years), max(years) + 1)])
    legend = [(_stroke(PALETTE[0]), "dihitung ulang" + (f" (arah {arah})" if arah else "")),
              (_stroke(PALETTE[1], "5 3"), "tercetak"), (_stroke(TARGET_STROKE), "target")]
    return fr.svg(name, label, legend)


def efisiensi_scatter(name: str, label: str, points: list[dict]) -> str:
    """One point per program/kegiatan: serapan (x) against capaian (y). Above the diagonal,
    more of the target was delivered than of the budget spent (efisien).

    points: dicts with tahun, level, kode, nama, serapan_pct, capaian_pct.
    """
    pts = [p for p in points if p["serapan_pct"] is not None and p["capaian_pct"] is not None]
    xs = [_f(p["serapan_pct"]) for p in pts] + [100.0]
    ys = [_f(p["capaian_pct"]) for p in pts] + [100.0]
    xt = nice_ticks(min(xs + [0.0]), max(xs) * 1.05, 5)
    yt = nice_ticks(min(ys + [0.0]), max(ys) * 1.05, 5)
    fr = Frame(y_lo=yt[0], y_hi=yt[-1], x_lo=xt[0], x_hi=xt[-1], height=300)
    fr.y_axis(yt, lambda t: persen(Decimal(str(t)), 0))
    lo, hi = max(xt[0], yt[0]), min(xt[-1], yt[-1])
    fr.parts.append(f'<line class="diagonal" x1="{_n(fr.x(lo))}" y1="{_n(fr.y(lo))}" x2="{_n(fr.x(hi))}" y2="{_n(fr.y(hi))}" '
                    f'stroke="#888" stroke-dasharray="4 3"/>'
                    f'<text class="diagonal-label" x="{_n(fr.x(hi) - 4)}" y="{_n(fr.y(hi) + 28)}" text-anchor="end">'
                    f'capaian = serapan</text>')
    years = sorted({p["tahun"] for p in pts})
    color = {y: PALETTE[i % len(PALETTE)] for i, y in enumerate(years)}
    for p in pts:
        x, y = fr.x(_f(p["serapan_pct"])), fr.y(_f(p["capaian_pct"]))
        tip = (f"{p['tahun']} {p['level'].replace('_', '-')} {p['kode']} {p['nama'] or ''}: "
               f"serapan {persen(p['serapan_pct'])}, capaian {persen(p['capaian_pct'])}")
        if p["level"] == "program":
            shape = f'<circle class="mark point" cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{color[p["tahun"]]}" fill-opacity="0.85">'
            fr.parts.append(shape + f"<title>{escape(tip)}</title></circle>")
        else:
            fr.parts.append(f'<rect class="mark point" x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" '
                            f'fill="{color[p["tahun"]]}" fill-opacity="0.7"><title>{escape(tip)}</title></rect>')
    fr.parts.append(f'<text class="axis-title" x="{_n((fr.left + fr.right) / 2)}" y="{_n(fr.height - 2)}" text-anchor="middle">serapan anggaran</text>')
    fr.x_axis([(fr.x(t), persen(Decimal(str(t)), 0)) for t in xt])
    legend = [(_swatch(color[y]), str(y)) for y in years] + [
        ('<circle cx="6" cy="5" r="5" fill="#666"/>', "program"), (_swatch("#666"), "kegiatan")]
    return fr.svg(name, label, legend)


def wilayah_lines(name: str, label: str, series: dict[str, list[tuple[int, Decimal]]], highlight: str | None,
                  satuan: str = "") -> str:
    """One line per region over the years; the report's own region drawn strong, the rest
    pale, each labelled at its last year."""
    years = sorted({y for pts in series.values() for y, _ in pts})
    values = [_f(v) for pts in series.values() for _, v in pts]
    ticks = nice_ticks(min(values) - 0.5, max(values) + 0.5, 4)
    fr = Frame(y_lo=ticks[0], y_hi=ticks[-1], x_lo=years[0] - 0.3, x_hi=years[-1] + 0.3, width=680, height=300,
               pad_right=150)
    fr.y_axis(ticks, lambda t: angka(Decimal(str(t))) + (" " + satuan if satuan else ""))
    labels: list[tuple[float, str, bool]] = []
    for region in sorted(series, key=lambda r: (r == highlight, r)):
        pts = sorted(series[region])
        own = region == highlight
        color = PALETTE[0] if own else "#9aa5b1"
        coords = [(fr.x(y), fr.y(_f(v)), y, v) for y, v in pts]
        if len(coords) > 1:
            fr.parts.append(f'<polyline class="mark line{" own" if own else ""}" points="{" ".join(f"{_n(x)},{_n(y)}" for x, y, _, _ in coords)}" '
                            f'fill="none" stroke="{color}" stroke-width="{3 if own else 1.3}"/>')
        for x, y, yr, v in coords:
            tip = f"{region} {yr}: {angka(v)}{(' ' + satuan) if satuan else ''}"
            fr.parts.append(f'<circle class="mark point" cx="{_n(x)}" cy="{_n(y)}" r="{3.5 if own else 2.2}" fill="{color}">'
                            f'<title>{escape(tip)}</title></circle>')
        labels.append((coords[-1][1], region, own))
    # region names at the right end, spread apart so they do not overlap
    labels.sort()
    ys = _spread([y for y, _, _ in labels], gap=11.5)
    for y, (_, region, own) in zip(ys, labels):
        weight = ' font-weight="bold"' if own else ""
        fr.parts.append(f'<text class="region" x="{_n(fr.right + 4)}" y="{_n(y + 3.5)}"{weight}>{escape(region)}</text>')
    fr.x_axis([(fr.x(y), str(y)) for y in years])
    return fr.svg(name, label)
