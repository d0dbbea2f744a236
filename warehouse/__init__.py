"""SQL of the warehouse: schema (stg_, dim_, fct_), marts and checks, shipped as package data."""
