-- One row per tahun x pemda x opd x kode (program, kegiatan, sub-kegiatan): what was
-- achieved against what was spent. The documented index is capaian / serapan (both
-- recomputed, capaian direction-aware): above 1 the line delivered more of its target than
-- it spent of its budget. The report's own efficiency figures sit beside it.
CREATE OR REPLACE TABLE mart_efisiensi AS
WITH capaian AS (
    SELECT tahun, pemda, opd, kode, capaian_pct, capaian_pct_reported, indikator
    FROM mart_capaian_indikator
    WHERE kode IS NOT NULL AND ukuran = 'tahunan'
),
report AS (
    SELECT e.tahun, e.pemda, e.opd, e.kode,
        first(e.indeks_efisiensi ORDER BY d.loaded_at DESC, e.source_document_id, e.source_row) AS indeks_efisiensi_reported,
        first(e.tingkat_efisiensi ORDER BY d.loaded_at DESC, e.source_document_id, e.source_row) AS tingkat_efisiensi_reported,
        first(e.hasil_analisis ORDER BY d.loaded_at DESC, e.source_document_id, e.source_row) AS hasil_analisis_reported
    FROM fct_efisiensi AS e
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded' AND e.kode IS NOT NULL
    GROUP BY ALL
)
SELECT
    s.tahun, s.pemda, s.opd, s.kode, s.level, s.nama,
    s.pagu_idr, s.realisasi_idr, s.serapan_pct,
    c.indikator, c.capaian_pct, c.capaian_pct_reported,
    CAST(round(c.capaian_pct / nullif(s.serapan_pct, 0), 2) AS DECIMAL(12, 2)) AS indeks_efisiensi,
    CASE WHEN s.serapan_pct IS NULL OR c.capaian_pct IS NULL THEN NULL
         WHEN c.capaian_pct >= s.serapan_pct THEN 'efisien' ELSE 'tidak efisien' END AS hasil,
    r.indeks_efisiensi_reported, r.tingkat_efisiensi_reported, r.hasil_analisis_reported,
    s.source_document_id
FROM mart_serapan_anggaran AS s
LEFT JOIN capaian AS c ON c.tahun = s.tahun AND c.pemda IS NOT DISTINCT FROM s.pemda AND c.opd IS NOT DISTINCT FROM s.opd AND c.kode = s.kode
LEFT JOIN report AS r ON r.tahun = s.tahun AND r.pemda IS NOT DISTINCT FROM s.pemda AND r.opd IS NOT DISTINCT FROM s.opd AND r.kode = s.kode
WHERE s.level IN ('program', 'kegiatan', 'sub_kegiatan')
ORDER BY s.tahun, s.pemda, s.opd, s.kode;
COMMENT ON TABLE mart_efisiensi IS 'One row per tahun x pemda x opd x program/kegiatan/sub-kegiatan: capaian against serapan, the documented efficiency index beside the report''s own.';
COMMENT ON COLUMN mart_efisiensi.tahun IS 'Budget year.';
COMMENT ON COLUMN mart_efisiensi.pemda IS 'Local government.';
COMMENT ON COLUMN mart_efisiensi.opd IS 'Agency.';
COMMENT ON COLUMN mart_efisiensi.kode IS 'Code of the line.';
COMMENT ON COLUMN mart_efisiensi.level IS 'program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN mart_efisiensi.nama IS 'Name as printed.';
COMMENT ON COLUMN mart_efisiensi.pagu_idr IS 'Budget ceiling, rupiah.';
COMMENT ON COLUMN mart_efisiensi.realisasi_idr IS 'Spending, rupiah.';
COMMENT ON COLUMN mart_efisiensi.serapan_pct IS 'Absorption recomputed, percent.';
COMMENT ON COLUMN mart_efisiensi.indikator IS 'The line''s indicator.';
COMMENT ON COLUMN mart_efisiensi.capaian_pct IS 'Achievement recomputed, direction-aware, percent.';
COMMENT ON COLUMN mart_efisiensi.capaian_pct_reported IS 'Achievement as printed, percent.';
COMMENT ON COLUMN mart_efisiensi.indeks_efisiensi IS 'capaian_pct / serapan_pct: above 1, more of the target delivered than of the budget spent.';
COMMENT ON COLUMN mart_efisiensi.hasil IS 'efisien when capaian_pct >= serapan_pct, else tidak efisien; null without both.';
COMMENT ON COLUMN mart_efisiensi.indeks_efisiensi_reported IS 'The report''s own Indeks Efisiensi (Tabel 3.8 kind), as printed.';
COMMENT ON COLUMN mart_efisiensi.tingkat_efisiensi_reported IS 'The report''s own Tingkat Efisiensi, as printed.';
COMMENT ON COLUMN mart_efisiensi.hasil_analisis_reported IS 'The report''s own Hasil Analisis, as printed.';
COMMENT ON COLUMN mart_efisiensi.source_document_id IS 'Document of the budget figures.';
