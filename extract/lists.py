"""Budget lines written as a numbered list in the running text, read as a budget table.

Many LKjIPs give the budget in prose, not in a table: Dinkes Jawa Barat 2016 (pp. 25-31)
lists "A. Belanja Langsung (APBD) sebesar Rp. 203.092.251.125,-, dengan rincian sebagai
berikut : / 1. Program Pokok, sebesar Rp. ... / a. Program Promosi Kesehatan yang dibiayai oleh
APBD Provinsi sebesar Rp. ... / 1) Peningkatan Perilaku Hidup Bersih dan Sehat sebesar : Rp.
3.102.512.000,-". Each item is opened by a list marker (A., 1., a., 1), a)); its name is the
text before the amount phrase ("sebesar", "yang dibiayai", "Rp."), its pagu the first amount
after "Rp". The markers nest as the document nests them: a marker style not open yet starts
the children of the item before it, a style already open closes the items under it.

The level of an item comes from the list itself, which says more than a numbering style can:
a "Program ..." item is a program unless its children are programs too (then it groups them,
"Program Pokok" over programs a.-f.); the items under a program, or under an item whose text
announces "rincian kegiatan", are kegiatan; everything else (sections A.-F., funding groups,
DAK sub-bidang) is `other`. The level is carried in a `tingkat` column, which the budget
transform takes as given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.model import Cell, Column, Row, Table

# a list marker opening a line: "A.", "1.", "a.", "1)", "a)", "10)"
MARKER = re.compile(r"^\s*(?P<m>[A-Z]\.|\d{1,2}[.)]|[a-z][.)])\s+(?P<rest>\S.*)$")
# "Rp. 3.102.512.000,-", "Rp 41.814.414.000-", "Rp. : 1.234.567,00": grouped thousands
AMOUNT = re.compile(r"\bRp\.?\s*:?\s*(?P<a>\d{1,3}(?:\.\d{3}){2,}(?:,-|,\d{2}|-)?)", re.IGNORECASE)
# where an item's name ends: the amount phrase, or who funds it
NAME_END = re.compile(
    r"\s*,?\s*(?:\b(?:anggaran\s+)?yang\s+dibiayai\b|\bsebesar\b|\bRp\b\.?)", re.IGNORECASE)
PROGRAM = re.compile(r"^program\b", re.IGNORECASE)
PROSE = re.compile(r"\bsebesar\b", re.IGNORECASE)
KEGIATAN_FOLLOW = re.compile(r"\brincian\s+kegiatan\b", re.IGNORECASE)
MIN_ITEMS = 3  # amounts a list must give to be read as budget lines
RUNNING_SHARE = 0.2  # a line opening or closing this share of the pages runs over them
EDGE_LINES = 3  # lines at the top and the bottom of a page where running lines stand


@dataclass
class Item:
    """One list item: its marker, text and where its amount is printed."""

    marker: str
    style: str
    text: str
    page: int
    amount_page: int | None = None
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)


def _style(marker: str) -> str:
    """Return a marker's style: its kind of symbol and its punctuation ("upper.", "arabic)")."""
    sym, punct = marker[:-1], marker[-1]
    kind = "arabic" if sym.isdigit() else "upper" if sym.isupper() else "lower"
    return kind + punct


def _running_lines(page_texts: list[str]) -> set[str]:
    """Return the lines (by `_key`) that open or close many pages: running headers and
    footers ("Laporan Kinerja Instansi Pemerintah ( LKIP ) Tahun 2016", "Dinas Kesehatan
    Provinsi Jawa Barat 25"), wherever the text layer puts them among a page's first and last
    lines."""
    counts: Counter[str] = Counter()
    for text in page_texts:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        counts.update({_key(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    limit = max(3, RUNNING_SHARE * len(page_texts))
    return {ln for ln, n in counts.items() if n >= limit and ln}


def _key(line: str) -> str:
    """A line as compared with other pages' lines: letters only, lower case (page numbers and
    spacing differ from page to page: "(LKIP)" and "( LKIP )")."""
    return re.sub(r"[\W\d_]+", "", line).lower()


def _items(page_texts: list[str]) -> list[Item]:
    """Cut the pages' text into list items, each with the text up to the next marker."""
    running = _running_lines(page_texts)
    items: list[Item] = []
    for number, text in enumerate(page_texts, start=1):
        for line in text.splitlines():
            line = line.strip()
            if not line or _key(line) in running:
                continue
            m = MARKER.match(line)
            if m:
                items.append(Item(marker=m.group("m"), style=_style(m.group("m")), text=m.group("rest"), page=number))
            elif items:
                items[-1].text += "\n" + line
            if items and items[-1].amount_page is None and AMOUNT.search(" ".join(items[-1].text.split())):
                items[-1].amount_page = number
    return items


def _runs(items: list[Item]) -> list[list[Item]]:
    """Group consecutive items into lists; a list goes on while its items give amounts or
    open the next level (an item without amount, "E. Alokasi anggaran bersumber APBN, dengan
    rincian sebagai berikut", heads the items below it)."""
    runs: list[list[Item]] = []
    current: list[Item] = []
    for item in items:
        if item.amount_page is not None or "berikut" in item.text or "rincian" in item.text:
            current.append(item)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [r for r in runs if sum(1 for i in r if i.amount_page is not None) >= MIN_ITEMS]


def _nest(run: list[Item]) -> None:
    """Give each item its parent by how the marker styles open and close."""
    stack: list[Item] = []
    for item in run:
        if item.marker[:-1] in ("1", "a", "A") and stack:
            # a list opening anew ("1)" after "a. Program ...") holds the item before it, even
            # where an earlier list of the same style is still open below
            item.parent = stack[-1]
            stack[-1].children.append(item)
            stack.append(item)
            continue
        while stack and stack[-1].style != item.style and item.style in {s.style for s in stack}:
            stack.pop()
        if stack and stack[-1].style == item.style:
            stack.pop()
        if stack:
            item.parent = stack[-1]
            stack[-1].children.append(item)
        stack.append(item)


def name_of(text: str) -> str:
    """Return an item's name: its text before the amount phrase, trailing commas dropped."""
    flat = " ".join(text.split())
    m = NAME_END.search(flat)
    name = flat[: m.start()] if m else flat
    return name.strip().rstrip(",;:").strip()


def level_of(item: Item) -> str:
    """Return an item's level from where it stands in the list (see the module docstring)."""
    name = name_of(item.text)
    if PROGRAM.match(name) and not any(PROGRAM.match(name_of(c.text)) for c in item.children):
        return "program"
    parent = item.parent
    if parent is not None and (level_of(parent) == "program" or KEGIATAN_FOLLOW.search(" ".join(parent.text.split()))):
        return "kegiatan"
    return "other"


def list_tables(page_texts: list[str], table_pages: set[int] = frozenset()) -> list[Table]:
    """Return one budget table per numbered list of amounts in the running text.

    Pages in `table_pages` hold recognised tables: their text is the tables' cells (a budget
    table prints "P. K. SK." and "Rp" amounts too), not prose, and is left out. A list counts
    when most of its amounts are told in prose ("sebesar Rp. ...").
    """
    texts = ["" if n in table_pages else t for n, t in enumerate(page_texts, start=1)]
    tables = []
    for run in _runs(_items(texts)):
        told = [i for i in run if i.amount_page is not None]
        if sum(1 for i in told if PROSE.search(i.text)) * 2 < len(told):
            continue
        _nest(run)
        rows = []
        for item in run:
            if item.amount_page is None:
                continue
            amount = AMOUNT.search(" ".join(item.text.split())).group("a")
            page = item.amount_page
            texts = [item.marker, name_of(item.text), amount, level_of(item)]
            cells = [Cell(text=t, page=page, x0=None, top=None, x1=None, bottom=None) for t in texts]
            pages = sorted({item.page, page})
            rows.append(Row(cells=cells, page=page, index=len(rows) + 1, pages=pages))
        columns = [
            Column(index=0, header_path=["No"], name="nomor"),
            Column(index=1, header_path=["Uraian"], name="nama"),
            Column(index=2, header_path=["Rp"], name="pagu"),
            Column(index=3, header_path=["Tingkat"], name="tingkat"),
        ]
        tables.append(Table(kind="anggaran", pages=sorted({p for r in rows for p in r.pages}), columns=columns,
                            rows=rows, caption="", header_text="daftar bernomor dalam teks (No | Uraian | Rp)"))
    return tables
