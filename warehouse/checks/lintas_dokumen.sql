-- Across documents: the same budget line of one agency, year and tahapan (its kode, else its
-- level and name) printed with a different pagu, realisasi or serapan by another document:
-- the LKjIP against its e-monev export, a superseded version against its correction, later an
-- RFK or a DPPA against the LKjIP. The reference is the row fct_anggaran chose; each other
-- row, loaded or superseded, that prints a different figure gets a finding naming both
-- documents and pages, so the choice never hides a disagreement. That includes a line one
-- document prints twice (a misread program number taken for a code, jabar-distan-2016-lkip.pdf).
-- A quarter's own figure (triwulan) is compared only with the same quarter's.
WITH ref AS (
    SELECT r.* REPLACE (
            coalesce(r.pagu_printed, 'jumlah ' || r.rincian_count || ' rincian ' || angka(r.pagu_idr)) AS pagu_printed,
            coalesce(r.realisasi_printed, 'jumlah ' || r.rincian_count || ' rincian ' || angka(r.realisasi_idr)) AS realisasi_printed),
        coalesce(baris_anggaran(r.kode, r.level, r.nama_printed, r.induk), r.source_document_id || ':' || r.source_table || ':' || r.source_row) AS baris_key,
        d.file_name, t.caption
    FROM fct_anggaran AS r
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
),
-- each document's lines as fct_anggaran sees them: the parts of a line (rincian) summed
o AS (
    SELECT a.kode, a.level, a.nama_printed, a.source_page, a.source_sheet,
        b.source_document_id, b.source_table, b.source_row, b.tahun, b.triwulan, b.pemda, b.opd, b.baris_key,
        b.pagu_idr, b.realisasi_idr, b.serapan_pct_reported,
        coalesce(b.pagu_printed, 'jumlah ' || b.rincian_count || ' rincian ' || angka(b.pagu_idr)) AS pagu_printed,
        coalesce(b.realisasi_printed, 'jumlah ' || b.rincian_count || ' rincian ' || angka(b.realisasi_idr)) AS realisasi_printed,
        b.serapan_printed, d.tahapan, d.file_name, t.caption
    FROM baris_per_dokumen() AS b
    JOIN fct_anggaran_per_dokumen AS a ON a.rowid = b.fact_rowid
    JOIN dim_dokumen AS d ON d.source_document_id = b.source_document_id
    LEFT JOIN stg_tabel AS t ON t.source_document_id = b.source_document_id AND t.source_table = b.source_table
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
