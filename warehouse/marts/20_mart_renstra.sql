-- One row per tahun x pemda x opd x indicator with an end-of-period target: progress of the
-- year's realisasi towards the Renstra end target (the IKU's kondisi akhir, else the end
-- target printed by a Renstra progress table), direction-aware.
CREATE OR REPLACE TABLE mart_renstra AS
-- the end target is chosen once, in mart_capaian_indikator (target_akhir_renstra)
SELECT
    m.tahun, m.pemda, m.opd, m.level, m.indikator, m.satuan, m.arah,
    m.target AS target_tahun, m.realisasi,
    m.target_akhir_renstra AS target_akhir, m.tahun_akhir_renstra AS tahun_akhir, m.sumber_target_akhir AS sumber_target,
    CAST(round(capaian_arah(m.target_akhir_renstra, m.realisasi, m.arah), 2) AS DECIMAL(12, 2)) AS progres_pct,
    m.tahun_akhir_renstra - m.tahun AS sisa_tahun,
    m.source_document_id, m.source_page
FROM mart_capaian_indikator AS m
WHERE m.ukuran = 'tahunan' AND m.realisasi IS NOT NULL AND m.target_akhir_renstra IS NOT NULL
ORDER BY m.tahun, m.pemda, m.opd, m.indikator;
COMMENT ON TABLE mart_renstra IS 'One row per tahun x pemda x opd x indicator with a Renstra end target: the year''s realisasi against the end target.';
COMMENT ON COLUMN mart_renstra.tahun IS 'Year of the realisasi.';
COMMENT ON COLUMN mart_renstra.pemda IS 'Local government.';
COMMENT ON COLUMN mart_renstra.opd IS 'Agency.';
COMMENT ON COLUMN mart_renstra.level IS 'tujuan, sasaran, program...';
COMMENT ON COLUMN mart_renstra.indikator IS 'Indicator.';
COMMENT ON COLUMN mart_renstra.satuan IS 'Unit.';
COMMENT ON COLUMN mart_renstra.arah IS 'naik or turun.';
COMMENT ON COLUMN mart_renstra.target_tahun IS 'The year''s own target.';
COMMENT ON COLUMN mart_renstra.realisasi IS 'Realised value that year.';
COMMENT ON COLUMN mart_renstra.target_akhir IS 'End-of-period target: the IKU''s kondisi akhir, else a Renstra table''s target akhir (the latest report''s).';
COMMENT ON COLUMN mart_renstra.tahun_akhir IS 'Year of the end target.';
COMMENT ON COLUMN mart_renstra.sumber_target IS 'iku_akhir or renstra: where the end target comes from.';
COMMENT ON COLUMN mart_renstra.progres_pct IS 'Realisasi against the end target, direction-aware, percent.';
COMMENT ON COLUMN mart_renstra.sisa_tahun IS 'Years left to the end target.';
COMMENT ON COLUMN mart_renstra.source_document_id IS 'Document of the realisasi.';
COMMENT ON COLUMN mart_renstra.source_page IS 'Page of the realisasi.';
