-- One row per tahun x pemda x opd x indicator (and code for program-level indicators): the
-- one answer of fct_indikator (its precedence: the report of that year beats a later reprint, a
-- one-year table beats a multi-year series, the PDF beats its export), read in the indicator's
-- direction (dim_indikator), Renstra end-target progress kept apart from the year's own target.
CREATE OR REPLACE TABLE mart_capaian_indikator AS
WITH ranked AS (
    SELECT i.*, coalesce(k.arah, 'naik') AS arah, i.baris_count AS source_count
    FROM fct_indikator AS i
    LEFT JOIN dim_indikator AS k USING (indikator_key)
    WHERE i.triwulan IS NULL  -- a year's mart: one quarter's value is not the year's
),
-- The end-of-period target of each indicator: the IKU's kondisi akhir beats a Renstra
-- table's target akhir, then the latest report's. mart_renstra reads it from here.
akhir AS (
    SELECT i.pemda, i.opd, i.indikator_key,
        first(i.target ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS target_akhir_renstra,
        first(i.tahun ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS tahun_akhir_renstra,
        first(i.jenis ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS sumber_target_akhir
    FROM fct_indikator AS i
    WHERE i.jenis IN ('iku_akhir', 'renstra') AND i.target IS NOT NULL AND i.triwulan IS NULL
    GROUP BY ALL
)
SELECT
    r.tahun,
    r.pemda,
    r.opd,
    level,
    kode,
    ukuran,
    sasaran,
    indikator,
    satuan,
    target,
    realisasi,
    capaian_pct_reported,
    arah,
    CAST(round(capaian_arah(target, realisasi, arah), 2) AS DECIMAL(12, 2)) AS capaian_pct,
    a.target_akhir_renstra,
    a.tahun_akhir_renstra,
    a.sumber_target_akhir,
    source_count,
    tahun_laporan,
    jenis,
    source_document_id,
    source_page
FROM ranked AS r
LEFT JOIN akhir AS a
    ON a.pemda IS NOT DISTINCT FROM r.pemda AND a.opd IS NOT DISTINCT FROM r.opd AND a.indikator_key = r.indikator_key
ORDER BY r.tahun, r.pemda, r.opd, level, kode, indikator;
COMMENT ON TABLE mart_capaian_indikator IS 'One row per tahun x pemda x opd x indicator (x kode, x ukuran): the chosen target, realisasi and capaian, printed and recomputed.';
COMMENT ON COLUMN mart_capaian_indikator.tahun IS 'Year the value is for.';
COMMENT ON COLUMN mart_capaian_indikator.pemda IS 'Local government.';
COMMENT ON COLUMN mart_capaian_indikator.opd IS 'Agency.';
COMMENT ON COLUMN mart_capaian_indikator.level IS 'sasaran, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN mart_capaian_indikator.kode IS 'Code for program/kegiatan/sub-kegiatan indicators; null for sasaran.';
COMMENT ON COLUMN mart_capaian_indikator.ukuran IS 'tahunan: against the year''s target; renstra: against the Renstra end target; akhir: the IKU end-of-period target (kondisi akhir); awal: the IKU baseline (kondisi awal).';
COMMENT ON COLUMN mart_capaian_indikator.arah IS 'naik or turun (dim_indikator).';
COMMENT ON COLUMN mart_capaian_indikator.sasaran IS 'Sasaran text as printed.';
COMMENT ON COLUMN mart_capaian_indikator.indikator IS 'Indicator text as printed in the chosen document.';
COMMENT ON COLUMN mart_capaian_indikator.satuan IS 'Unit.';
COMMENT ON COLUMN mart_capaian_indikator.target IS 'Target value.';
COMMENT ON COLUMN mart_capaian_indikator.realisasi IS 'Realised value.';
COMMENT ON COLUMN mart_capaian_indikator.capaian_pct_reported IS 'Achievement as printed, percent.';
COMMENT ON COLUMN mart_capaian_indikator.capaian_pct IS 'Achievement recomputed in the indicator''s direction: realisasi / target x 100 (naik) or (2 x target - realisasi) / target x 100 (turun); a zero target gives 100 when 0 is realised, else null.';
COMMENT ON COLUMN mart_capaian_indikator.target_akhir_renstra IS 'End-of-period target of the indicator: the IKU''s kondisi akhir, else a Renstra table''s target akhir.';
COMMENT ON COLUMN mart_capaian_indikator.tahun_akhir_renstra IS 'Year of that end-of-period target.';
COMMENT ON COLUMN mart_capaian_indikator.sumber_target_akhir IS 'iku_akhir or renstra: the table the end-of-period target comes from.';
COMMENT ON COLUMN mart_capaian_indikator.source_count IS 'How many printed rows (tables, reports) give this value (fct_indikator.baris_count).';
COMMENT ON COLUMN mart_capaian_indikator.tahun_laporan IS 'Year of the report the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.jenis IS 'Kind of table the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.source_document_id IS 'Document of the chosen value.';
COMMENT ON COLUMN mart_capaian_indikator.source_page IS 'Page of the chosen value.';
