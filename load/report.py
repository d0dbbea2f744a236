"""The analyst report: one self-contained HTML file drawn from the marts.

Heads of agencies, DPRD members and journalists would rather look than query. The file
carries its own style and its charts as inline SVG (load.charts): no script, no font file,
no request to anywhere, so it opens the same from a laptop, an e-mail or a USB stick.
Its queries live in warehouse/report/*.sql, one per section; labels are in Bahasa
Indonesia and numbers in Indonesian format (load.idformat).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb

from flows.killpoint import kill_point
from load import charts, idformat
from load.idformat import angka, escape, persen, rupiah
from load.parquet import process_alive, warehouse_stamp
from load.warehouse import folder_sql

# More agencies than this in one file makes a report nobody scrolls: the rest are named, and
# --pemda / --opd choose them.
MAX_AGENCIES = 25

SEVERITY_ORDER = {"tinggi": 0, "sedang": 1, "rendah": 2}
PERCENT_RULES = {"serapan_tercetak", "capaian_tercetak"}
LEVEL_LABEL = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan"}
ARAH_LABEL = {"naik": "naik: makin besar makin baik", "turun": "turun: makin kecil makin baik"}


class ReportError(Exception):
    """The report cannot be written (no warehouse, nothing matches the filters)."""


@dataclass
class ReportResult:
    path: Path
    agencies: int
    charts: int
    findings: int


def _queries() -> dict[str, str]:
    return dict(folder_sql("report"))


def _rows(con, sql: str, params: dict) -> list[dict]:
    used = {k: v for k, v in params.items() if "$" + k in sql}
    cur = con.execute(sql, used)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def collect(warehouse: Path, pemda: list[str] | None = None, opd: list[str] | None = None) -> dict:
    """Read every section's rows from the warehouse (read-only)."""
    if not Path(warehouse).exists():
        raise ReportError(f"{warehouse}: no warehouse here; run `kinerja run` first")
    q = _queries()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        agencies = _rows(con, q["opd"], {"pemda": list(pemda or []), "opd": list(opd or [])})
        if not agencies:
            known = _rows(con, q["opd"], {"pemda": [], "opd": []})
            names = "; ".join(f"{a['pemda'] or '(tanpa pemda)'} / {a['opd'] or '(tanpa OPD)'}" for a in known[:8]) or "none loaded"
            asked = " ".join([f"--pemda {p!r}" for p in pemda or []] + [f"--opd {o!r}" for o in opd or []])
            raise ReportError(f"no agency matches {asked or 'the warehouse'} (loaded: {names})")
        shown, hidden = agencies[:MAX_AGENCIES], agencies[MAX_AGENCIES:]
        # the same key as the section queries' concat_ws('|', pemda, opd), which skips NULLs
        keys = ["|".join(x for x in (a["pemda"], a["opd"]) if x is not None) for a in shown]
        params = {"agencies": keys, "pemdas": sorted({a["pemda"] for a in shown if a["pemda"]})}
        data = {name: _rows(con, sql, params) for name, sql in q.items() if name != "opd"}
        stamp = report_stamp(con, pemda, opd)
    finally:
        con.close()
    data["agencies"], data["hidden"], data["stamp"] = shown, hidden, stamp
    return data


def report_stamp(con, pemda: list[str] | None, opd: list[str] | None) -> str:
    """What a report is made of, in one line: the warehouse as it is (documents and their
    latest load), the filters, and the code that draws it. An unchanged re-run keeps a report
    whose stamp matches instead of drawing it again."""
    h = hashlib.sha256(warehouse_stamp(con).encode())
    h.update(repr((sorted(pemda or []), sorted(opd or []))).encode())
    for module in (__file__, charts.__file__, idformat.__file__):
        h.update(Path(module).read_bytes())
    for name, sql in _queries().items():
        h.update(name.encode() + sql.encode())
    return h.hexdigest()[:24]


_STAMP = re.compile(r'<meta name="kinerja-report" content="([0-9a-f]+);(\d+);(\d+);(\d+)">')


def current_report(warehouse: Path, out: Path, pemda: list[str] | None = None,
                   opd: list[str] | None = None) -> ReportResult | None:
    """Return the report at `out` if it was drawn from the warehouse as it is now, else None."""
    if not (Path(out).exists() and Path(warehouse).exists()):
        return None
    with Path(out).open(encoding="utf-8", errors="replace") as fh:
        found = _STAMP.search(fh.read(4096))
    if not found:
        return None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        stamp = report_stamp(con, pemda, opd)
    finally:
        con.close()
    if found.group(1) != stamp:
        return None
    return ReportResult(path=Path(out), agencies=int(found.group(2)), charts=int(found.group(3)), findings=int(found.group(4)))


def _group(rows: list[dict], *keys: str) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        out[tuple(r[k] for k in keys)].append(r)
    return out


# Words Indonesian titles keep in lower case ("Program Pelatihan Kerja dan Produktivitas").
_SMALL_WORDS = {"dan", "di", "ke", "dari", "yang", "untuk", "pada", "atau", "serta", "dalam", "bagi", "oleh"}


def _judul(name: str) -> str:
    """Title case for names printed in capitals (Tabel 3.9 prints program names so)."""
    if not name.isupper():
        return name
    words = name.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def _agency_title(pemda, opd) -> str:
    opd = opd or "OPD tidak disebut dokumen"
    return f"{opd} — {pemda}" if pemda else opd


def _chart_id(*parts) -> str:
    """A chart's data-chart name from its parts; a missing part (no code, no pemda) is left empty."""
    return "-".join("" if p is None else str(p) for p in parts)


def _figure(svg: str, title: str, note: str = "") -> str:
    note_html = f'<p class="note">{note}</p>' if note else ""
    return f'<figure><figcaption>{title}</figcaption>{svg}{note_html}</figure>'


def _empty(what: str) -> str:
    return f'<p class="empty">Tidak ada data {escape(what)} di warehouse untuk pilihan ini.</p>'


def _per_agency(rows: list[dict], figures_of, what: str) -> tuple[str, int]:
    """Lay out each agency's figures under its name; return the HTML and the chart count.

    `figures_of(rows)` draws one agency's figures; an agency with none is left out, and a
    section with no figure at all says there is no data."""
    parts, n = [], 0
    for (pemda, opd), agency_rows in _group(rows, "pemda", "opd").items():
        figures = figures_of(agency_rows)
        if figures:
            parts.append(f'<h3>{escape(_agency_title(pemda, opd))}</h3><div class="grid">{"".join(figures)}</div>')
            n += len(figures)
    return "".join(parts) or _empty(what), n


def _serapan_figures(rows: list[dict]) -> list[str]:
    out = []
    for (kode,), series in _group(rows, "kode").items():
        last = series[-1]
        title = f"<b>{escape(kode)}</b> {escape(_judul(last['nama'] or last['nama_resmi'] or ''))}"
        svg = charts.serapan_bars(_chart_id("serapan", kode), f"Serapan anggaran {kode or ''} per tahun", series)
        note = (f"{last['tahun']}: pagu {rupiah(last['pagu_idr'])}, realisasi {rupiah(last['realisasi_idr'])}, "
                f"serapan {persen(last['serapan_pct'])}")
        if last["serapan_pct_reported"] is not None and last["serapan_pct"] is not None and \
                abs(last["serapan_pct_reported"] - last["serapan_pct"]) >= Decimal("0.01"):
            note += f" (tercetak {persen(last['serapan_pct_reported'])})"
        out.append(_figure(svg, title, escape(note)))
    return out


def _capaian_figures(rows: list[dict]) -> list[str]:
    out = []
    for (level, kode, key), series in _group(rows, "level", "kode", "kunci").items():
        if not any(p["capaian_pct"] is not None or p["capaian_pct_reported"] is not None for p in series):
            continue
        head = series[-1]
        arah = head["arah"]
        nama = head["indikator"] or "(indikator tanpa nama)"
        title = (f"{LEVEL_LABEL.get(level, level)} {escape(kode)} · <b>{escape(nama)}</b>"
                 + (f" <span class=\"unit\">({escape(head['satuan'])})</span>" if head["satuan"] else ""))
        svg = charts.capaian_lines(_chart_id("capaian", level, kode, key), f"Capaian {nama} per tahun", series, arah)
        beda = [p for p in series if p["capaian_pct"] is not None and p["capaian_pct_reported"] is not None
                and abs(p["capaian_pct"] - p["capaian_pct_reported"]) >= Decimal("0.5")]
        note = f"Arah {escape(ARAH_LABEL.get(arah, arah or 'tidak diketahui'))}."
        if beda:
            note += " Capaian tercetak berbeda dari hitungan ulang: " + "; ".join(
                escape(f"{p['tahun']} tercetak {persen(p['capaian_pct_reported'])}, seharusnya {persen(p['capaian_pct'])}")
                for p in beda) + "."
        out.append(_figure(svg, title, note))
    return out


def _efisiensi_figures(rows: list[dict]) -> list[str]:
    usable = [r for r in rows if r["serapan_pct"] is not None and r["capaian_pct"] is not None]
    if not usable:
        return []
    head = usable[0]
    svg = charts.efisiensi_scatter(_chart_id("efisiensi", head["pemda"], head["opd"]), f"Capaian terhadap serapan, {_agency_title(head['pemda'], head['opd'])}", usable)
    tidak = sum(1 for r in usable if r["hasil"] == "tidak efisien")
    note = (f"{len(usable)} titik (program dan kegiatan per tahun); {tidak} di bawah garis "
            f"(capaian lebih rendah dari serapan anggaran).")
    return [_figure(svg, "Capaian (sumbu tegak) terhadap serapan (sumbu datar)", escape(note))]


def _section_konteks(data: dict) -> tuple[str, int]:
    parts, n = [], 0
    # a region, year or value the document left out cannot be placed on the chart
    drawable = [r for r in data["konteks"] if r["wilayah"] is not None and r["tahun"] is not None and r["nilai"] is not None]
    for (pelapor, variabel), rows in _group(drawable, "pemda_pelapor", "variabel").items():
        series: dict[str, list] = defaultdict(list)
        for r in rows:
            series[r["wilayah"]].append((r["tahun"], r["nilai"]))
        satuan = next((r["satuan"] for r in rows if r["satuan"]), "")
        own = pelapor if pelapor in series else None
        svg = charts.wilayah_lines(f"konteks-{n}", f"{variabel or 'Variabel tanpa nama'} menurut wilayah", series, own, satuan or "%")
        latest = max(r["tahun"] for r in rows)
        ranked = [r for r in rows if r["tahun"] == latest and r["wilayah"] == pelapor]
        note = f"Sumber: laporan {escape(pelapor, 'tanpa nama pemda')}."
        if ranked and ranked[0]["peringkat"] is not None:
            among = len({r["wilayah"] for r in rows if r["tahun"] == latest and r["peringkat"] is not None})
            note += f" {latest}: {escape(pelapor)} {angka(ranked[0]['nilai'])} %, peringkat {ranked[0]['peringkat']} dari {among} kabupaten/kota."
        parts.append(_figure(svg, escape(variabel, "Variabel tanpa nama"), note))
        n += 1
    return "".join(parts) or _empty("TPAK menurut wilayah"), n


def _value(finding: dict, key: str) -> tuple[str, bool]:
    """Return a finding's printed or expected figure in Indonesian format, and whether it is
    a number. fct_temuan keeps them as plain text ("6214345759.00", "91.98", or a name for
    the nomenklatur check); the unit is not a column, so it is read from the finding: a
    rupiah amount is one its message prints with "Rp" (a rule such as total_dokumen also
    compares head counts, Klungkung 2024 p. 3: "26 orang PNS")."""
    text = finding[key]
    if text is None:
        return "", False
    s = str(text).strip()
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", s):
        return s, False
    try:
        d = Decimal(s)
    except InvalidOperation:
        return s, False
    if abs(d) >= 1000 and "Rp" in (finding["message"] or ""):
        return rupiah(d), True
    if finding["rule"] in PERCENT_RULES:
        return persen(d), True
    return angka(d), True


def _value_cell(finding: dict, key: str) -> str:
    text, numeric = _value(finding, key)
    return f'<td class="num">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"


def _section_temuan(data: dict) -> tuple[str, int]:
    rows = data["temuan"]
    if not rows:
        return '<p class="empty">Tidak ada temuan: angka-angka laporan saling cocok.</p>', 0
    counts = defaultdict(int)
    for r in rows:
        counts[r["severity"]] += 1
    summary = ", ".join(f'<span class="sev {s}">{counts[s]} {s}</span>' for s in sorted(counts, key=lambda s: SEVERITY_ORDER.get(s, 9)))
    parts = [f"<p>{len(rows)} temuan: {summary}.</p>"]
    for (file_name,), items in _group(rows, "file_name").items():
        parts.append(f'<h3 class="doc">{escape(file_name or "")}</h3><table class="temuan"><thead><tr>'
                     "<th>Hlm.</th><th>Tingkat</th><th>Pemeriksaan</th><th>Kode / indikator</th>"
                     "<th>Tercetak</th><th>Seharusnya</th><th>Keterangan</th></tr></thead><tbody>")
        for (page, sheet), group in _group(items, "source_page", "source_sheet").items():
            where = str(page) if page is not None else (escape(sheet) if sheet else "–")
            for i, r in enumerate(group):
                cell = f'<td rowspan="{len(group)}" class="page">{where}</td>' if i == 0 else ""
                what = escape(r["kode"] or r["indikator"] or "")
                parts.append(
                    f'<tr>{cell}<td><span class="sev {escape(r["severity"])}">{escape(r["severity"])}</span>{_ocr_badge(r)}</td>'
                    f'<td>{escape(r["rule"].replace("_", " "))}</td><td>{what}</td>'
                    f'{_value_cell(r, "reported")}{_value_cell(r, "expected")}<td class="msg">{escape(r["message"] or "")}</td></tr>')
        parts.append("</tbody></table>")
    return "".join(parts), len(rows)


def _ocr_badge(finding: dict) -> str:
    """A mark on a finding that touches a value read by OCR: it may be a misread (#16)."""
    if not finding.get("ocr"):
        return ""
    conf = finding.get("ocr_confidence")
    label = f"OCR {conf:.0f}" if conf is not None else "OCR"
    return (f' <span class="ocr" title="Nilai dibaca dengan OCR dari halaman hasil pindai; keyakinan terendah '
            f'{escape(label[4:] or "?")}/100: mungkin salah baca OCR">{escape(label)}</span>')


def _ocr_note(d: dict) -> str:
    """Which pages of a document were scans, and how many values were read from them by OCR."""
    if not d.get("pages_without_text"):
        return ""
    note = f"Hlm. {d['pages_without_text']} hasil pindai"
    if d.get("ocr_rows"):
        conf = d.get("ocr_confidence")
        note += f": {d['ocr_rows']} baris dibaca dengan OCR" + (f" (keyakinan terendah {conf:.0f}/100)" if conf is not None else "")
    return f'<span class="ocr">{escape(note)}</span>'


def _section_dokumen(data: dict) -> str:
    rows = [
        f"<tr><td>{escape(d['file_name'] or '')}</td><td>{escape(d['pemda'] or '')}</td><td>{escape(d['opd'] or '')}</td>"
        f"<td>{d['tahun'] or ''}</td><td>{escape(d['status'])}</td><td>{escape(d['error'] or '')}</td>"
        f"<td>{_ocr_note(d)}</td></tr>"
        for d in data["dokumen"]
    ]
    return ('<table class="dokumen"><thead><tr><th>Berkas</th><th>Pemda</th><th>OPD</th><th>Tahun</th><th>Status</th>'
            "<th>Keterangan</th><th>OCR</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #1d252c; background: #fff; }
header { background: #0b3d5c; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; opacity: .9; }
main { padding: 8px 28px 40px; max-width: 1800px; }
nav a { color: #fff; margin-right: 14px; }
h2 { border-bottom: 2px solid #0b3d5c; padding-bottom: 4px; margin-top: 34px; }
h3 { margin: 18px 0 6px; }
.grid { display: flex; flex-wrap: wrap; gap: 14px; }
figure { margin: 0; border: 1px solid #dfe3e8; border-radius: 6px; padding: 8px 10px; background: #fcfcfd; max-width: 700px; }
figcaption { font-size: 14px; margin-bottom: 4px; max-width: 560px; }
.unit { color: #5b6670; }
.note { font-size: 12.5px; color: #3c4650; margin: 4px 0 0; max-width: 600px; }
.empty { color: #7a4b00; background: #fff6e0; padding: 8px 12px; border-radius: 4px; }
svg.chart { display: block; font-size: 11px; }
svg .tick, svg .region, svg .legend-item text, svg .axis-title { fill: #3c4650; font-size: 11px; }
svg .value { fill: #1d252c; font-size: 11px; font-weight: 600; }
svg .target-label { fill: #B00020; font-size: 10.5px; }
svg .diagonal-label { fill: #555; font-size: 10.5px; }
svg .grid { stroke: #e6e6e6; }
svg .axis { stroke: #888; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 18px; width: 100%; }
td.msg { min-width: 320px; }
table.temuan td:nth-child(4) { max-width: 260px; }
th, td { border: 1px solid #d5dbe1; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f5; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.page { font-weight: 600; text-align: center; }
.sev { border-radius: 3px; padding: 1px 6px; font-size: 12px; white-space: nowrap; }
.sev.tinggi { background: #B00020; color: #fff; }
.sev.sedang { background: #E69F00; color: #1d252c; }
.sev.rendah { background: #dfe3e8; color: #1d252c; }
.ocr { border-radius: 3px; padding: 1px 6px; font-size: 12px; white-space: nowrap; background: #5b2a86; color: #fff; }
footer { color: #5b6670; font-size: 12px; padding: 0 28px 24px; }
@media print { header { background: none; color: #000; } nav { display: none; } figure { break-inside: avoid; } }
"""


def render(data: dict, warehouse: Path, generated: dt.datetime | None = None) -> tuple[str, int, int]:
    """Return the report's HTML, the number of charts and of findings."""
    generated = generated or dt.datetime.now().astimezone()
    serapan, n1 = _per_agency(data["serapan"], _serapan_figures, "anggaran program")
    capaian, n2 = _per_agency(data["capaian"], _capaian_figures, "capaian indikator")
    efisiensi, n3 = _per_agency(data["efisiensi"], _efisiensi_figures, "efisiensi")
    konteks, n4 = _section_konteks(data)
    temuan, n_findings = _section_temuan(data)
    agencies = data["agencies"]
    years = [y for a in agencies for y in (a["tahun_awal"], a["tahun_akhir"]) if y is not None]
    span = f"{min(years)}–{max(years)}" if years and min(years) != max(years) else (str(years[0]) if years else "")
    who = "; ".join(_agency_title(a["pemda"], a["opd"]) for a in agencies)
    hidden = ""
    if data["hidden"]:
        names = "; ".join(_agency_title(a["pemda"], a["opd"]) for a in data["hidden"][:20])
        hidden = (f'<p class="empty">{len(data["hidden"])} OPD lain tidak ditampilkan ({escape(names)}'
                  f'{"; …" if len(data["hidden"]) > 20 else ""}); pilih dengan --pemda / --opd.</p>')
    sections = [
        ("serapan", "Serapan anggaran per program", "Pagu (batang pucat) dan realisasi (batang biru) per tahun; "
         "label di atas batang: serapan dihitung ulang dari pagu dan realisasi.", serapan),
        ("capaian", "Capaian indikator per tahun", "Capaian tercetak (putus-putus) dan dihitung ulang sesuai arah "
         "indikator (utuh), terhadap garis target 100 %. Lingkaran merah: tahun yang angkanya tidak cocok.", capaian),
        ("efisiensi", "Efisiensi: capaian terhadap serapan", "Satu titik per program (bulat) atau kegiatan (kotak) "
         "per tahun. Di atas garis: capaian lebih tinggi dari serapan anggaran (efisien).", efisiensi),
        ("konteks", "Konteks: TPAK menurut wilayah", "Tingkat Partisipasi Angkatan Kerja wilayah pelapor (tebal) "
         "di antara kabupaten/kota tetangganya, seperti tercetak di laporan.", konteks),
        ("temuan", "Temuan: angka laporan yang saling bertentangan", "Dikelompokkan per dokumen dan halaman; "
         "'seharusnya' adalah nilai yang dihitung ulang atau tercetak di tempat lain.", temuan),
    ]
    body = "".join(
        f'<section id="{sid}" data-section="{sid}"><h2>{title}</h2><p class="lead">{lead}</p>{content}</section>'
        for sid, title, lead, content in sections
    )
    nav = "".join(f'<a href="#{sid}">{title.split(":")[0]}</a>' for sid, title, _, _ in sections)
    html = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="kinerja-report" content="{data.get('stamp', '')};{len(agencies)};{n1 + n2 + n3 + n4};{n_findings}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Laporan kinerja {escape(span)} — {escape(who[:120])}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>Ringkasan kinerja {escape(span)}</h1>
<p>{escape(who)}</p>
<p>Dibuat {generated.strftime('%d-%m-%Y %H:%M %Z').strip()} dari {escape(Path(warehouse).name)} oleh kinerja.</p>
<nav>{nav}<a href="#dokumen">Dokumen</a></nav>
</header>
<main>
{hidden}
{body}
<section id="dokumen" data-section="dokumen"><h2>Dokumen sumber</h2>{_section_dokumen(data)}</section>
</main>
<footer>Setiap angka berasal dari mart di warehouse DuckDB dan dapat ditelusuri ke berkas, halaman dan baris
(source_document_id, source_page). Arahkan kursor ke batang atau titik untuk angka lengkapnya.</footer>
</body>
</html>
"""
    return html, n1 + n2 + n3 + n4, n_findings


def _clear_abandoned_temp(folder: Path) -> None:
    """Remove temporary reports left by writers killed before moving theirs in (their process is gone)."""
    for old in folder.glob(".report-*-*.tmp"):
        pid = old.name.split("-")[1]
        if pid.isdigit() and not process_alive(int(pid)):
            old.unlink(missing_ok=True)


def write_report(warehouse: Path, out: Path, pemda: list[str] | None = None, opd: list[str] | None = None,
                 reuse: bool = False) -> ReportResult:
    """Write the report for the chosen agencies to `out`, atomically (a reader never sees half a file).

    With `reuse`, a report at `out` drawn from the warehouse as it is now is kept as it is."""
    if reuse and (kept := current_report(warehouse, out, pemda, opd)) is not None:
        return kept
    data = collect(Path(warehouse), pemda, opd)
    html, n_charts, n_findings = render(data, Path(warehouse))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _clear_abandoned_temp(out.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".report-{os.getpid()}-", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the report is for sharing
        kill_point("report")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ReportResult(path=out, agencies=len(data["agencies"]), charts=n_charts, findings=n_findings)
