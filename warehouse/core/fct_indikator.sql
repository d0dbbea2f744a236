-- One answer per indicator value: the per-document rows of every loaded document and table that
-- print the same indicator of one agency for one year (a one-year table and a multi-year series
-- of one report, the 2024 report's reprint of 2023 and the 2023 report itself, a PDF and its
-- export) become one row, chosen by a documented precedence (docs/warehouse.md):
--   1. the report of that year beats a later report's reprint;
--   2. a one-year table beats the budget table, which beats a multi-year series, then the
--      Perjanjian Kinerja, then the rest;
--   3. the PDF beats a spreadsheet of the same figures (the published document, a page to cite);
--   4. the later report year, the newer file, then the later load;
--   5. within one document, the first table and row.
-- An indicator is its printed text keyed across case, spacing and bracketed parts
-- (indikator_key), with its level, code and what it measures against (ukuran); rows without
-- indicator text share the empty key of their level and code. Where the rows disagree, is_sepakat is false and fct_temuan
-- says where: beda_antar_tabel (two tables of one document), lintas_laporan (two documents).
-- The quarter is part of the grain: a value for one triwulan (a table of per-quarter columns)
-- and the year's value (triwulan null) are different facts and never displace each other.
CREATE OR REPLACE TABLE fct_indikator AS
-- indikator_key is two regular expressions: computed once per distinct printed indicator,
-- not once per row (a national warehouse prints the same indicators millions of times).
WITH keyed AS (
    SELECT indikator, indikator_key(indikator) AS indikator_key
    FROM (SELECT DISTINCT indikator FROM fct_indikator_per_dokumen WHERE indikator IS NOT NULL)
),
base AS (
    SELECT
        i.rowid AS fact_rowid,
        i.tahun, i.triwulan, i.pemda, i.opd, i.level, i.kode, i.jenis, i.tahun_laporan,
        i.target, i.realisasi, i.capaian_pct_reported, i.source_document_id, i.source_table, i.source_row, i.ocr,
        ukuran(i.jenis) AS ukuran,
        -- an uncoded budget line's indicator is also its line's: one text under two lines is two values
        baris_indikator(i.kode, i.jenis, i.sasaran, i.induk) AS baris_key,
        coalesce(k.indikator_key, '') AS indikator_key,
        d.format, d.file_modified_at, d.loaded_at
    FROM fct_indikator_per_dokumen AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN keyed AS k USING (indikator)
    WHERE d.status = 'loaded'
),
-- The chosen row of each group by an ordered first() over row ids, then the row itself: the
-- same pick as ranking every row in a window, at half the cost on millions of rows.
chosen AS (
    SELECT
        ukuran, indikator_key,
        count(DISTINCT source_document_id) AS dokumen_count,
        count(*) AS baris_count,
        count(DISTINCT target) <= 1 AND count(DISTINCT realisasi) <= 1 AND count(DISTINCT capaian_pct_reported) <= 1 AS is_sepakat,
        first(fact_rowid ORDER BY
            CASE WHEN tahun_laporan = tahun THEN 0 ELSE 1 END,
            CASE jenis WHEN 'tahunan' THEN 0 WHEN 'anggaran' THEN 1 WHEN 'multitahun' THEN 2 WHEN 'pk' THEN 3 ELSE 4 END,
            CASE WHEN format = 'pdf' THEN 0 ELSE 1 END,
            CASE WHEN ocr THEN 1 ELSE 0 END,
            tahun_laporan DESC,
            file_modified_at DESC NULLS LAST,
            loaded_at DESC,
            source_table,
            source_row
        ) AS fact_rowid
    FROM base
    GROUP BY tahun, triwulan, pemda, opd, level, kode, baris_key, ukuran, indikator_key
)
SELECT
    i.tahun, i.triwulan, i.tahun_laporan, i.pemda, i.opd, i.jenis, c.ukuran, i.level, i.kode,
    c.indikator_key, i.tujuan, i.sasaran, i.induk, i.indikator, i.satuan,
    i.target, i.target_printed, i.realisasi, i.realisasi_printed, i.capaian_pct_reported, i.capaian_printed, i.parse_issue, i.ocr, i.ocr_confidence,
    c.dokumen_count, c.baris_count, c.is_sepakat,
    i.source_document_id, i.source_page, i.source_pages, i.source_sheet, i.source_table, i.source_row, i.extractor_version
FROM chosen AS c
JOIN fct_indikator_per_dokumen AS i ON i.rowid = c.fact_rowid
ORDER BY i.tahun, i.pemda, i.opd, i.level, i.kode, c.ukuran, i.indikator, i.triwulan;
COMMENT ON TABLE fct_indikator IS 'One row per indicator per agency and year (x level, kode and ukuran), whichever tables and documents print it: target, realisasi and printed capaian from the row chosen by precedence (One answer per line, above), with how many documents and rows print it and whether they agree. Query here; fct_indikator_per_dokumen keeps every printed row.';
COMMENT ON COLUMN fct_indikator.tahun IS 'Year the value is for.';
COMMENT ON COLUMN fct_indikator.triwulan IS 'Quarter (1-4) the value is for, where a table prints values per quarter; null for the year''s value. Part of the grain: query a year''s values WHERE triwulan IS NULL.';
COMMENT ON COLUMN fct_indikator.tahun_laporan IS 'Year of the report the chosen value comes from.';
COMMENT ON COLUMN fct_indikator.pemda IS 'Local government.';
COMMENT ON COLUMN fct_indikator.opd IS 'Agency.';
COMMENT ON COLUMN fct_indikator.jenis IS 'Table kind the chosen value comes from (fct_indikator_per_dokumen.jenis).';
COMMENT ON COLUMN fct_indikator.ukuran IS 'What the value measures against, part of the grain: tahunan (the year''s target), renstra (the Renstra end target), akhir (the IKU end-of-period target), awal (the IKU baseline).';
COMMENT ON COLUMN fct_indikator.level IS 'tujuan, sasaran, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN fct_indikator.kode IS 'Canonical code of the program/kegiatan/sub-kegiatan; null for sasaran and tujuan.';
COMMENT ON COLUMN fct_indikator.indikator_key IS 'The indicator across spellings (dim_indikator.indikator_key); empty when no indicator text is printed.';
COMMENT ON COLUMN fct_indikator.tujuan IS 'Tujuan (goal) text as printed, for IKU and Perjanjian Kinerja rows.';
COMMENT ON COLUMN fct_indikator.sasaran IS 'Sasaran text as printed, for sasaran-level rows; for an indicator of a budget line without code, the line''s name (part of the grain then: baris_key).';
COMMENT ON COLUMN fct_indikator.induk IS 'For an indicator of a budget line without code: the line''s parent (part of the grain with sasaran).';
COMMENT ON COLUMN fct_indikator.indikator IS 'Indicator text as printed in the chosen row.';
COMMENT ON COLUMN fct_indikator.satuan IS 'Unit.';
COMMENT ON COLUMN fct_indikator.target IS 'Target (rencana) value.';
COMMENT ON COLUMN fct_indikator.target_printed IS 'Target as printed.';
COMMENT ON COLUMN fct_indikator.realisasi IS 'Realised value.';
COMMENT ON COLUMN fct_indikator.realisasi_printed IS 'Realisasi as printed.';
COMMENT ON COLUMN fct_indikator.capaian_pct_reported IS 'Achievement in percent as printed.';
COMMENT ON COLUMN fct_indikator.capaian_printed IS 'Printed achievement text.';
COMMENT ON COLUMN fct_indikator.parse_issue IS 'Why a printed value did not parse, or that the indicator text is missing; null when clean.';
COMMENT ON COLUMN fct_indikator.ocr IS 'True when the chosen row was read by OCR from a scanned page: check it against the page image (a typed document printing the same value is preferred).';
COMMENT ON COLUMN fct_indikator.ocr_confidence IS 'OCR only: lowest Tesseract word confidence (0-100) among the chosen row''s cells; below 80 a misread is likely.';
COMMENT ON COLUMN fct_indikator.dokumen_count IS 'Loaded documents that print this value.';
COMMENT ON COLUMN fct_indikator.baris_count IS 'Printed rows (tables x documents) that give it.';
COMMENT ON COLUMN fct_indikator.is_sepakat IS 'True when every printed row gives the same target, realisasi and printed capaian (a missing figure disagrees with none); false: fct_temuan names the rows that differ (beda_antar_tabel within a document, lintas_laporan across documents), unless the indicator is unnamed or one printed row gave two values.';
COMMENT ON COLUMN fct_indikator.source_document_id IS 'Document the chosen value comes from.';
COMMENT ON COLUMN fct_indikator.source_page IS 'Page where the chosen row starts.';
COMMENT ON COLUMN fct_indikator.source_pages IS 'All pages the chosen row is printed on.';
COMMENT ON COLUMN fct_indikator.source_sheet IS 'Sheet of the chosen row (spreadsheets only).';
COMMENT ON COLUMN fct_indikator.source_table IS 'Table ordinal in that document (stg_tabel).';
COMMENT ON COLUMN fct_indikator.source_row IS 'Body row in the stitched table.';
COMMENT ON COLUMN fct_indikator.extractor_version IS 'Version of kinerja''s extractor that read the chosen document.';
