-- What the report was built from: every document of the chosen agencies, and the rejected
-- files (which name no agency), so a reader sees what is missing. Scanned pages are named,
-- with how many budget and indicator rows were read from them by OCR and the lowest word
-- confidence among those rows (#16).
SELECT file_name, format, pemda, opd, tahun, status, error, page_count, pages_without_text,
       o.ocr_rows, o.ocr_confidence
FROM dim_dokumen AS d
LEFT JOIN (
    SELECT source_document_id, count(*) AS ocr_rows, min(ocr_confidence) AS ocr_confidence
    FROM (SELECT source_document_id, ocr_confidence FROM fct_anggaran_per_dokumen WHERE ocr
          UNION ALL SELECT source_document_id, ocr_confidence FROM fct_indikator_per_dokumen WHERE ocr)
    GROUP BY ALL
) AS o USING (source_document_id)
WHERE list_contains($agencies, concat_ws('|', pemda, opd)) OR status NOT IN ('loaded', 'superseded')
ORDER BY status <> 'loaded', pemda, opd, tahun, file_name
