"""Render the warehouse catalog (tables, grains, columns) from its own COMMENTs.

`docs/warehouse.md` is this output for a warehouse built from the sample; a test keeps it
in step with the schema, so the documentation cannot drift from the SQL.
"""

from __future__ import annotations

import duckdb

INTRO = """# Warehouse reference

Generated from the warehouse's own `COMMENT ON` statements (`warehouse/schema.sql`,
`warehouse/marts/*.sql`) by `make docs`.
Layers: `stg_` as extracted, `dim_`/`fct_` the core, `mart_` published and derived.
Provenance columns come last on staged and core rows.
"""


def render_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """Return one section per table: its grain, then each column with type and meaning."""
    out = [INTRO]
    tables = con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal ORDER BY "
        "CASE split_part(table_name, '_', 1) WHEN 'dim' THEN 1 WHEN 'fct' THEN 2 WHEN 'mart' THEN 3 ELSE 4 END, table_name"
    ).fetchall()
    for name, comment in tables:
        out.append(f"## `{name}`\n\n{comment}\n\n| column | type | meaning |\n| --- | --- | --- |")
        cols = con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? AND NOT internal "
            "ORDER BY column_index",
            [name],
        ).fetchall()
        for col, typ, text in cols:
            out.append(f"| `{col}` | {typ} | {(text or '').replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    connection = duckdb.connect(sys.argv[1], read_only=True)
    sys.stdout.write(render_markdown(connection))
