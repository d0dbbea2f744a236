-- One answer per budget line: the per-document rows of every loaded document that prints the
-- same line of one agency, year and tahapan (the LKjIP PDF and its e-monev export, later an RFK
-- or a DPPA) become one row, chosen by a documented precedence (docs/warehouse.md):
--   1. a row with realisasi beats one without (a DPA or DPPA prints only pagu);
--   2. the kind of document (jenis_ke): the final LKjIP, then RFK, e-monev triwulan and LRA,
--      then DPPA, DPA, RKA;
--   3. the realisation of a later month beats an earlier one (bulan; no month = the whole year);
--   4. the PDF beats a spreadsheet of the same figures: it is the published, signed document
--      and gives a page to cite; a typed row beats one read by OCR from a scan;
--   5. the newer file, then the later load;
--   6. within one document, the first table and row that print the line.
-- A document that prints a line in parts (rincian_printed: one row per sub-keluaran and akun
-- belanja of a sub-kegiatan, a flat SIPD export) answers with their sum (baris_per_dokumen in
-- macros.sql), so no part is dropped and the line's pagu is the document's.
-- Where the documents disagree, is_sepakat is false and the lintas_dokumen check names each
-- document whose figure was not chosen (fct_temuan).
-- The period is part of the line: a quarter's own figure (triwulan 1-4, from a table of
-- per-quarter columns) and the figure of the whole year or cumulative to a month (triwulan
-- null) are different facts, never chosen against each other nor added.
-- A line is its kode; a line printed without a parsable code is its level, name and parent's
-- name (baris_anggaran), and one without either stays its own row.
CREATE OR REPLACE TABLE fct_anggaran AS
WITH lines AS (
    SELECT
        b.fact_rowid,
        -- A document that names no stage (an LKjIP: the year's final figures) answers for the
        -- latest stage another document of the agency-year names, so the sample LKjIP and its
        -- e-monev export (BULAN : Desember, perubahan) are one line, not two.
        coalesce(d.tahapan, CASE
            WHEN bool_or(d.tahapan = 'perubahan') OVER agency_year THEN 'perubahan'
            WHEN bool_or(d.tahapan = 'murni') OVER agency_year THEN 'murni' END) AS tahapan,
        b.baris_key, b.source_document_id, b.pagu_idr, b.pagu_printed, b.pagu_sebelum_idr, b.pagu_sebelum_printed,
        b.realisasi_idr, b.realisasi_printed, b.serapan_pct_reported, b.serapan_printed, b.serapan_pct, b.parse_issue,
        b.rincian_count, b.ocr, b.ocr_confidence, b.tahun, b.triwulan, b.pemda, b.opd, b.source_table, b.source_row,
        d.format, d.jenis, d.bulan, d.file_modified_at, d.loaded_at
    -- one row per line per document table: the parts of a line (rincian) summed (macros.sql)
    FROM baris_per_dokumen() AS b
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded'
    WINDOW agency_year AS (PARTITION BY b.tahun, b.pemda, b.opd)
),
-- The chosen row of each line by an ordered first() over row ids, then the row itself: the same
-- pick as ranking every row in a window, at half the cost on millions of rows.
chosen AS (
    SELECT
        tahapan,
        count(DISTINCT source_document_id) AS dokumen_count,
        count(DISTINCT pagu_idr) <= 1 AND count(DISTINCT realisasi_idr) <= 1 AND count(DISTINCT serapan_pct_reported) <= 1 AS is_sepakat,
        first(fact_rowid ORDER BY
            CASE WHEN realisasi_idr IS NULL THEN 1 ELSE 0 END,
            jenis_ke(jenis),
            bulan_ke(bulan) DESC,
            CASE WHEN format = 'pdf' THEN 0 ELSE 1 END,
            CASE WHEN ocr THEN 1 ELSE 0 END,
            file_modified_at DESC NULLS LAST,
            loaded_at DESC,
            source_table,
            source_row
        ) AS fact_rowid
    FROM lines
    GROUP BY tahun, triwulan, pemda, opd, tahapan, baris_key
)
SELECT
    a.tahun, a.triwulan, d.bulan, a.pemda, a.opd, c.tahapan, a.kode, a.kode_printed, a.level, a.nomor_printed, a.nama_printed, a.induk,
    nullif(l.rincian_count, 0) AS rincian_count,
    l.pagu_idr, l.pagu_printed, l.pagu_sebelum_idr, l.pagu_sebelum_printed, l.realisasi_idr, l.realisasi_printed,
    l.serapan_pct_reported, l.serapan_printed, l.serapan_pct, a.keterangan, l.parse_issue, l.ocr, l.ocr_confidence,
    c.dokumen_count, c.is_sepakat,
    a.source_document_id, a.source_page, a.source_pages, a.source_sheet, a.source_table, a.source_row, a.extractor_version
FROM chosen AS c
JOIN lines AS l ON l.fact_rowid = c.fact_rowid
JOIN fct_anggaran_per_dokumen AS a ON a.rowid = c.fact_rowid
JOIN dim_dokumen AS d ON d.source_document_id = a.source_document_id
ORDER BY a.tahun, a.pemda, a.opd, c.tahapan, a.source_document_id, a.source_table, a.source_row, a.triwulan;
COMMENT ON TABLE fct_anggaran IS 'One row per budget line per agency, year and tahapan, whichever documents print it: pagu and realisasi of an urusan, bidang, program, kegiatan or sub-kegiatan from the document chosen by precedence (One answer per line, above), with how many documents print the line and whether they agree. Sum and count here; fct_anggaran_per_dokumen keeps every document''s row.';
COMMENT ON COLUMN fct_anggaran.tahun IS 'Budget year of the line (the report year).';
COMMENT ON COLUMN fct_anggaran.triwulan IS 'Quarter (1-4) whose own figures these are (a table printing per-quarter columns, e-monev triwulan reports); null for the whole year or cumulative to the document''s month. Part of the grain: a quarter never displaces nor adds to an annual figure; sum a year''s lines WHERE triwulan IS NULL.';
COMMENT ON COLUMN fct_anggaran.bulan IS 'Month the chosen document''s realisation runs to (dim_dokumen.bulan: the cut-off month of an RFK, e-monev or LRA), null when it names none (an LKjIP: the whole year).';
COMMENT ON COLUMN fct_anggaran.induk IS 'Printed name of the line''s parent in the chosen document (fct_anggaran_per_dokumen.induk); part of the key of a line without a code.';
COMMENT ON COLUMN fct_anggaran.pemda IS 'Local government (from dim_dokumen).';
COMMENT ON COLUMN fct_anggaran.opd IS 'Agency: the row''s own agency column in a pemda-wide export, else the document''s (dim_dokumen).';
COMMENT ON COLUMN fct_anggaran.tahapan IS 'Budget stage of the documents: murni or perubahan. A document that names none (an LKjIP) answers for the latest stage another document of the same agency and year names; null when none does. Part of the grain: an original and an amended budget are two answers.';
COMMENT ON COLUMN fct_anggaran.kode IS 'Canonical code U.BB.PP.K.KK.SSSS of what is printed (not corrected). Null when the printed code does not parse: the line is then known by its level and name.';
COMMENT ON COLUMN fct_anggaran.kode_printed IS 'Code as printed in the chosen document.';
COMMENT ON COLUMN fct_anggaran.level IS 'urusan, bidang, program, kegiatan or sub_kegiatan, from the number of code segments.';
COMMENT ON COLUMN fct_anggaran.nomor_printed IS 'Row number as printed in the NO. columns (P./K./SK.).';
COMMENT ON COLUMN fct_anggaran.nama_printed IS 'Name as printed in the chosen document; null when it prints none.';
COMMENT ON COLUMN fct_anggaran.rincian_count IS 'How many rows of the chosen document print parts of this line (sub-keluaran and akun belanja of a flat SIPD export) and were summed into it; null where the document prints the line itself.';
COMMENT ON COLUMN fct_anggaran.pagu_idr IS 'Budget ceiling (pagu) in rupiah; the sum of the parts where rincian_count is set (parts whose amount is no number left out, said in parse_issue).';
COMMENT ON COLUMN fct_anggaran.pagu_printed IS 'Pagu as printed; null for a sum of parts.';
COMMENT ON COLUMN fct_anggaran.pagu_sebelum_idr IS 'Budget before the change (JUMLAH beside JUMLAH PERUBAHAN), in rupiah; summed like pagu_idr.';
COMMENT ON COLUMN fct_anggaran.pagu_sebelum_printed IS 'Pagu before the change as printed; null for a sum of parts.';
COMMENT ON COLUMN fct_anggaran.realisasi_idr IS 'Budget realisation (spending) in rupiah.';
COMMENT ON COLUMN fct_anggaran.realisasi_printed IS 'Realisasi as printed.';
COMMENT ON COLUMN fct_anggaran.serapan_pct_reported IS 'Absorption in percent as the chosen document prints it.';
COMMENT ON COLUMN fct_anggaran.serapan_printed IS 'Printed absorption text.';
COMMENT ON COLUMN fct_anggaran.serapan_pct IS 'Absorption recomputed: realisasi_idr / pagu_idr x 100, rounded to 2 decimals; null when pagu is 0 or missing.';
COMMENT ON COLUMN fct_anggaran.keterangan IS 'KET. column as printed.';
COMMENT ON COLUMN fct_anggaran.parse_issue IS 'Why a printed value or code did not parse (the printed text is kept); null when all parsed.';
COMMENT ON COLUMN fct_anggaran.ocr IS 'True when the chosen row was read by OCR from a scanned page: check it against the page image (a typed document printing the same value is preferred).';
COMMENT ON COLUMN fct_anggaran.ocr_confidence IS 'OCR only: lowest Tesseract word confidence (0-100) among the chosen row''s cells; below 80 a misread is likely.';
COMMENT ON COLUMN fct_anggaran.dokumen_count IS 'Loaded documents that print this line (1: only the chosen one; the others are in fct_anggaran_per_dokumen).';
COMMENT ON COLUMN fct_anggaran.is_sepakat IS 'True when every loaded document (and every row) printing the line gives the same pagu, realisasi and printed serapan (a missing figure disagrees with none); false: the lintas_dokumen findings in fct_temuan name each figure not chosen.';
COMMENT ON COLUMN fct_anggaran.source_document_id IS 'Document the chosen row comes from.';
COMMENT ON COLUMN fct_anggaran.source_page IS 'Page where the chosen row starts (null for spreadsheets and .docx).';
COMMENT ON COLUMN fct_anggaran.source_pages IS 'All pages the chosen row is printed on.';
COMMENT ON COLUMN fct_anggaran.source_sheet IS 'Sheet of the chosen row (spreadsheets only).';
COMMENT ON COLUMN fct_anggaran.source_table IS 'Table ordinal in that document (stg_tabel).';
COMMENT ON COLUMN fct_anggaran.source_row IS 'PDF: body row in the stitched table; spreadsheet: the sheet''s row number; .docx: the row in Word''s table.';
COMMENT ON COLUMN fct_anggaran.extractor_version IS 'Version of kinerja''s extractor that read the chosen document.';
