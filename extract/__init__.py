"""Read source files into raw cell text with provenance (file, page, position, row).

Extract never parses numbers: it finds tables, maps their headers to canonical columns and
stitches them across pages, handing text to `transform`.
"""

# 0.2.0: candidate pages read through pdfium (extract.pdfium_page); the text read above a
# table may differ by one cut prose line, so files loaded by 0.1.0 are read again.
# 0.3.0: tables recognised by column roles on other agencies' layouts (issue #14), per-quarter
# columns, e-budgeting rows in parts, numbered lists in prose: every file is read again.
# 0.3.1: scanned pages read better (OCR misreadings mended, doubtful runs read again, sideways
# pages turned by the words they read): files loaded by 0.3.0 are read again.
EXTRACTOR_VERSION = "0.3.1"
