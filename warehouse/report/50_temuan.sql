-- The reports' own contradictions, by document and page (mart_temuan).
SELECT file_name, tahun, pemda, opd, source_page, source_sheet, severity, rule, level, kode, indikator,
       reported, expected, message, peringkat, ocr, ocr_confidence
FROM mart_temuan
WHERE list_contains($agencies, concat_ws('|', pemda, opd))
ORDER BY file_name, source_page NULLS LAST, source_sheet, peringkat
