"""Read source files into raw cell text with provenance (file, page, position, row).

Extract never parses numbers: it finds tables, maps their headers to canonical columns and
stitches them across pages, handing text to `transform`.
"""

EXTRACTOR_VERSION = "0.1.0"
