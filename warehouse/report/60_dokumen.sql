-- What the report was built from: every document of the chosen agencies, and the rejected
-- files (which name no agency), so a reader sees what is missing.
SELECT file_name, format, pemda, opd, tahun, status, error, page_count
FROM dim_dokumen
WHERE list_contains($agencies, concat_ws('|', pemda, opd)) OR status NOT IN ('loaded', 'superseded')
ORDER BY status <> 'loaded', pemda, opd, tahun, file_name
