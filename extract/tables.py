"""Turn a grid of cells (from a PDF page or a sheet) into a recognised table."""

from __future__ import annotations

from extract.headers import best_header_rows, column_paths, recognise
from extract.model import Cell, Column, Row, Table
from extract.roles import align_to_body, header_runs_on, path_role, quarter_of, recognise_columns, recognise_grid


def table_from_grid(
    cells: list[list[Cell]],
    edges: list[float],
    page: int | None = None,
    sheet: str | None = None,
    first_row_number: int | None = None,
    caption: str = "",
    preamble: str = "",
    header_rows: int | None = None,
) -> Table:
    """Split header from body, recognise the kind, map columns.

    Body rows are numbered from 1 (PDF tables), or, when `first_row_number` gives the sheet
    row of the grid's first row, by their own sheet row numbers. `header_rows` says how many
    leading rows are the header when the caller knows it. A grid no header spelling
    explains is tried by column roles (extract.roles).
    """
    nheader = best_header_rows(cells) if header_rows is None else header_rows
    paths = column_paths(cells, nheader)
    kind, columns = recognise(paths) if nheader else (None, [])
    if kind is not None:
        columns = align_to_body(columns, cells[nheader:])
    if kind is None and header_rows is None:
        # no known spelling: what the columns mean (extract.roles) may still make it a table
        by_role, role_kind, role_columns = recognise_grid(cells)
        if role_kind:
            nheader, kind, columns = by_role, role_kind, role_columns
    elif kind is not None and kind != "anggaran" and header_rows is None and _money_left_out(columns):
        # an indicator table's spellings that leave its amount columns unnamed ("NO | PROGRAM/
        # KEGIATAN | INDIKATOR | SATUAN | TARGET | REALISASI | ANGGARAN (Rp) | REALISASI (Rp)"):
        # the budget table the roles see keeps both the lines and their indicators
        by_role, role_kind, role_columns = recognise_grid(cells)
        if role_kind == "anggaran" and by_role == nheader:
            kind, columns = role_kind, role_columns
    elif kind is not None and header_rows is None and header_runs_on(cells, nheader):
        # the spellings read only the top row of a header whose labels run on over more grid
        # rows down to a column-number row (BP3IPTEK Jabar 2016 Tabel 3.1 p39: "Capaian / Thn
        # Lalu", "Target" over "Target | Realisasi | % Realisasi", "Target Akhir / Renstra"):
        # the whole header, read by its roles, says more
        by_role, role_kind, role_columns = recognise_grid(cells)
        if role_kind is not None and by_role > nheader + 1:
            nheader, kind, columns = by_role, role_kind, role_columns
    elif kind is None and nheader:
        # a text table whose header was found by its columns' roles (extract.text_tables)
        kind, role_columns = recognise_columns(paths, cells[nheader:])
        columns = role_columns or columns
    if not columns:
        columns = [Column(index=i, header_path=[]) for i in range(len(edges) - 1)]
    for col in columns:
        # a known spelling under "TW I" .. "TW IV" is that quarter's (extract.roles.quarter_of)
        if col.triwulan is None and col.name:
            col.triwulan = quarter_of(col.header_path)
    for col in columns:
        col.x0, col.x1 = edges[col.index], edges[col.index + 1]
    if kind is not None:
        cells = cells[:nheader] + [_onto_named_columns(r, columns) for r in cells[nheader:]]
    rows = [
        Row(
            cells=list(r),
            page=page,
            index=(first_row_number + nheader + i) if first_row_number is not None else i + 1,
            pages=[page] if page else [],
            sheet=sheet,
        )
        for i, r in enumerate(cells[nheader:])
    ]
    header_text = " | ".join(" / ".join(c.header_path) for c in columns if c.header_path)
    return Table(
        kind=kind,
        pages=[page] if page else [],
        columns=columns,
        rows=rows,
        caption=caption if nheader else "",
        header_text=header_text,
        bbox=(edges[0], 0.0, edges[-1], 0.0),
        preamble=preamble,
        sheet=sheet,
    )


def _money_left_out(columns: list[Column]) -> bool:
    """Tell whether a known kind left a column its roles call money without a name."""
    return any(col.name is None and col.header_path and path_role(col.header_path)[0] in ("pagu", "realisasi", "uang?")
               for col in columns)


def _onto_named_columns(row: list[Cell], columns: list[Column]) -> list[Cell]:
    """Move the text of a merged cell starting in an unnamed strip onto the one named column
    it spans.

    A row ruled apart from the rows above merges its cells over other strips ("TOTAL ALOKASI
    ANGGARAN" | "45,381,466,800" from one strip left of Sasaran Strategis and Anggaran, BP3AKB
    Jabar 2016 Tabel 2.3a p.28): its text sat in a column no role reads, and the total was lost.
    """
    named = {c.index: c.name for c in columns if c.name}
    out = list(row)
    for i, cell in enumerate(row):
        if cell is None or cell.covered or not cell.text.strip() or i in named or cell.x0 is None:
            continue  # sheet cells have no position: their merges are the file's own
        span = [j for j in range(i + 1, len(row))
                if row[j] is not None and row[j].covered and row[j].x0 == cell.x0 and row[j].top == cell.top]
        targets = [j for j in span if j in named]
        if len(targets) != 1:
            continue
        j = targets[0]
        out[j] = Cell(**{**cell.__dict__, "covered": False})
        out[i] = Cell(**{**cell.__dict__, "covered": True})
    return out
