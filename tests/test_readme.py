"""The README's example queries run against a warehouse built from the sample."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import ROOT, build_warehouse

QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_readme_has_three_example_queries():
    assert len(QUERIES) >= 3


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, transformed):
    wh = tmp_path_factory.mktemp("readme") / "k.duckdb"
    build_warehouse(wh, transformed)
    return wh


@pytest.mark.parametrize("sql", QUERIES)
def test_readme_query_returns_rows(warehouse, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(sql).fetchall()
    con.close()
    assert rows


def test_absorption_query_finds_the_salary_line(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(QUERIES[1]).fetchall()
    con.close()
    assert ("2.07.01.2.02.0001", 93.85, 98.86, 25) in [(k, float(a), float(b), p) for k, a, b, p in rows]
