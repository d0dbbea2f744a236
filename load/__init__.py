"""Write typed records into DuckDB (one transaction per document) and publish Parquet."""
