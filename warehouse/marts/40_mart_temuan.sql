-- One row per finding of a loaded document, ranked for a reviewer: severity first, then
-- money before percentages before names, then document order; findings on one row (pagu and
-- realisasi of one line) by their rule, level, code and message, so a rebuild ranks them alike.
CREATE OR REPLACE TABLE mart_temuan AS
SELECT
    row_number() OVER (
        ORDER BY CASE f.severity WHEN 'tinggi' THEN 1 WHEN 'sedang' THEN 2 ELSE 3 END,
            CASE f.rule WHEN 'jumlah_anak' THEN 1 WHEN 'total_dokumen' THEN 2 WHEN 'realisasi_melebihi_pagu' THEN 3
                WHEN 'serapan_tercetak' THEN 4 WHEN 'capaian_tercetak' THEN 5 WHEN 'beda_antar_tabel' THEN 6
                WHEN 'lintas_dokumen' THEN 7 WHEN 'lintas_laporan' THEN 7 WHEN 'efisiensi' THEN 8 WHEN 'rata_rata_footer' THEN 9 ELSE 10 END,
            d.file_name, f.source_page, f.source_row, f.rule, f.level, f.kode, f.indikator, f.message, f.reported, f.expected
    ) AS peringkat,
    f.tahun, d.pemda, d.opd, d.file_name, f.source_page, f.source_sheet, f.severity, f.rule, f.level, f.kode, f.indikator,
    f.reported, f.expected, f.message, f.ocr, f.ocr_confidence, f.source_document_id
FROM fct_temuan AS f
JOIN dim_dokumen AS d USING (source_document_id)
WHERE d.status IN ('loaded', 'superseded');
COMMENT ON TABLE mart_temuan IS 'One row per finding, ranked for a reviewer (severity, then the kind of contradiction, then document order), with the document named.';
COMMENT ON COLUMN mart_temuan.peringkat IS 'Rank, 1 = look first.';
COMMENT ON COLUMN mart_temuan.tahun IS 'Year of the contradicting value.';
COMMENT ON COLUMN mart_temuan.pemda IS 'Local government.';
COMMENT ON COLUMN mart_temuan.opd IS 'Agency.';
COMMENT ON COLUMN mart_temuan.file_name IS 'File to open.';
COMMENT ON COLUMN mart_temuan.source_page IS 'Page to cite.';
COMMENT ON COLUMN mart_temuan.source_sheet IS 'Sheet to cite (spreadsheets).';
COMMENT ON COLUMN mart_temuan.severity IS 'tinggi, sedang or rendah.';
COMMENT ON COLUMN mart_temuan.rule IS 'Check that raised it (docs/audit.md).';
COMMENT ON COLUMN mart_temuan.level IS 'Level of the line or indicator.';
COMMENT ON COLUMN mart_temuan.kode IS 'Code concerned.';
COMMENT ON COLUMN mart_temuan.indikator IS 'Indicator concerned.';
COMMENT ON COLUMN mart_temuan.reported IS 'What the report prints.';
COMMENT ON COLUMN mart_temuan.expected IS 'What it should be.';
COMMENT ON COLUMN mart_temuan.message IS 'The finding in Bahasa Indonesia.';
COMMENT ON COLUMN mart_temuan.ocr IS 'True when the finding touches a value read by OCR from a scanned page: mungkin salah baca OCR (the message says so).';
COMMENT ON COLUMN mart_temuan.ocr_confidence IS 'Lowest OCR word confidence (0-100) of the row (or table) the finding cites.';
COMMENT ON COLUMN mart_temuan.source_document_id IS 'Document.';
