-- One row per tahun x pemda x opd x indicator with an end-of-period target: progress of the
-- year's realisasi towards the Renstra end target (the IKU's kondisi akhir, else the end
-- target printed by a Renstra progress table), direction-aware.
CREATE OR REPLACE TABLE mart_renstra AS
WITH akhir AS (
    SELECT i.pemda, i.opd, indikator_key(i.indikator) AS ik,
        first(i.target ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS target_akhir,
        first(i.tahun ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS tahun_akhir,
        first(i.jenis ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS sumber_target
    FROM fct_indikator AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded' AND i.jenis IN ('iku_akhir', 'renstra') AND i.target IS NOT NULL
    GROUP BY ALL
)
SELECT
    m.tahun, m.pemda, m.opd, m.level, m.indikator, m.satuan, m.arah,
    m.target AS target_tahun, m.realisasi,
    a.target_akhir, a.tahun_akhir, a.sumber_target,
    CAST(round(capaian_arah(a.target_akhir, m.realisasi, m.arah), 2) AS DECIMAL(12, 2)) AS progres_pct,
    a.tahun_akhir - m.tahun AS sisa_tahun,
    m.source_document_id, m.source_page
FROM mart_capaian_indikator AS m
JOIN akhir AS a ON a.pemda IS NOT DISTINCT FROM m.pemda AND a.opd IS NOT DISTINCT FROM m.opd AND a.ik = indikator_key(m.indikator)
WHERE m.ukuran = 'tahunan' AND m.realisasi IS NOT NULL
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
