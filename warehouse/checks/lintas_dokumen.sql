-- Across documents: the same budget line of one agency, year and tahapan (its kode, else its
-- level and name) printed with a different pagu, realisasi or serapan by another document:
-- the LKjIP against its e-monev export, a superseded version against its correction, later an
-- RFK or a DPPA against the LKjIP. The reference is the row fct_anggaran chose; each other
-- row, loaded or superseded, that prints a different figure gets a finding naming both
-- documents and pages, so the choice never hides a disagreement. That includes a line one
-- document prints twice (a misread program number taken for a code, jabar-distan-2016-lkip.pdf).
-- A quarter's own figure (triwulan) is compared only with the same quarter's.
WITH ref AS (
    SELECT r.*, baris_anggaran(r.kode, r.level, r.nama_printed, r.induk) AS baris_key, d.file_name, t.caption
    FROM fct_anggaran AS r
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
),
o AS (
    SELECT a.*, baris_anggaran(a.kode, a.level, a.nama_printed, a.induk) AS baris_key, d.tahapan, d.file_name, t.caption
    FROM fct_anggaran_per_dokumen AS a
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status IN ('loaded', 'superseded')
)
SELECT
    o.source_document_id, 'lintas_dokumen' AS rule, m.severity, o.level, o.kode, NULL AS indikator, o.tahun,
    m.po AS reported, m.pr AS expected,
    kapital(m.measure) || ' ' || coalesce(o.kode, o.nama_printed) || ' tahun ' || o.tahun || ' tercetak ' || m.po || ' dalam '
        || o.file_name || ' (' || lokasi(o.caption, o.source_page, o.source_sheet, o.source_row) || '), tetapi ' || m.pr || ' dalam '
        || r.file_name || ' (' || lokasi(r.caption, r.source_page, r.source_sheet, r.source_row) || ').' AS message,
    o.source_page, o.source_sheet, o.source_table, o.source_row
FROM o
JOIN ref AS r
    ON r.pemda IS NOT DISTINCT FROM o.pemda AND r.opd IS NOT DISTINCT FROM o.opd AND r.tahun = o.tahun
    AND r.tahapan IS NOT DISTINCT FROM o.tahapan AND r.baris_key = o.baris_key AND r.triwulan IS NOT DISTINCT FROM o.triwulan
    AND NOT (r.source_document_id = o.source_document_id AND r.source_table IS NOT DISTINCT FROM o.source_table AND r.source_row = o.source_row)
CROSS JOIN LATERAL (
    VALUES ('pagu', 'tinggi', o.pagu_idr, r.pagu_idr, o.pagu_printed, r.pagu_printed),
           ('realisasi', 'tinggi', o.realisasi_idr, r.realisasi_idr, o.realisasi_printed, r.realisasi_printed),
           ('serapan', 'sedang', o.serapan_pct_reported, r.serapan_pct_reported, o.serapan_printed, r.serapan_printed)
) AS m(measure, severity, vo, vr, po, pr)
WHERE m.vo IS NOT NULL AND m.vr IS NOT NULL AND m.vo <> m.vr
