"""Prefect flows and the `kinerja` command line; flows only wire tasks together."""
