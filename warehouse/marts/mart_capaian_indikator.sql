-- One row per tahun x pemda x opd x indicator (and code for program-level indicators),
-- Renstra end-target progress kept apart from the year's own target.
-- One truth: the report of that year beats a later reprint, a one-year table beats a
-- multi-year series, a structured export beats a PDF, then the latest load.
CREATE OR REPLACE TABLE mart_capaian_indikator AS
WITH base AS (
    SELECT
        i.*,
        d.format,
        d.loaded_at,
        CASE WHEN i.jenis = 'renstra' THEN 'renstra' ELSE 'tahunan' END AS ukuran,
        lower(regexp_replace(coalesce(i.indikator, ''), '[^0-9A-Za-z]+', '', 'g')) AS indikator_key
    FROM fct_indikator AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded'
),
ranked AS (
    SELECT
        *,
        count(*) OVER w AS source_count,
        row_number() OVER (
            w ORDER BY
                CASE WHEN tahun_laporan = tahun THEN 0 ELSE 1 END,
                CASE jenis WHEN 'tahunan' THEN 0 WHEN 'anggaran' THEN 1 WHEN 'multitahun' THEN 2 ELSE 3 END,
                CASE WHEN format = 'pdf' THEN 1 ELSE 0 END,
                tahun_laporan DESC,
                loaded_at DESC,
                source_page,
                source_row
        ) AS pick
    FROM base
    WINDOW w AS (PARTITION BY tahun, pemda, opd, level, kode, ukuran, indikator_key)
)
SELECT
    tahun,
    pemda,
    opd,
    level,
    kode,
    ukuran,
    sasaran,
    indikator,
    satuan,
    target,
    realisasi,
    capaian_pct_reported,
    CASE WHEN target IS NOT NULL AND target <> 0 AND realisasi IS NOT NULL
        THEN CAST(round(CAST(realisasi AS DECIMAL(38, 10)) * 100 / target, 2) AS DECIMAL(12, 2)) END AS capaian_pct,
    source_count,
    tahun_laporan,
    jenis,
    source_document_id,
    source_page
FROM ranked
WHERE pick = 1
ORDER BY tahun, pemda, opd, level, kode, indikator;
COMMENT ON TABLE mart_capaian_indikator IS 'One row per tahun x pemda x opd x indicator (x kode, x ukuran): the chosen target, realisasi and capaian, printed and recomputed.';
COMMENT ON COLUMN mart_capaian_indikator.tahun IS 'Year the value is for.';
COMMENT ON COLUMN mart_capaian_indikator.pemda IS 'Local government.';
COMMENT ON COLUMN mart_capaian_indikator.opd IS 'Agency.';
COMMENT ON COLUMN mart_capaian_indikator.level IS 'sasaran, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN mart_capaian_indikator.kode IS 'Code for program/kegiatan/sub-kegiatan indicators; null for sasaran.';
COMMENT ON COLUMN mart_capaian_indikator.ukuran IS 'tahunan: against the year''s target; renstra: against the Renstra end target.';
COMMENT ON COLUMN mart_capaian_indikator.sasaran IS 'Sasaran text as printed.';
COMMENT ON COLUMN mart_capaian_indikator.indikator IS 'Indicator text as printed in the chosen document.';
COMMENT ON COLUMN mart_capaian_indikator.satuan IS 'Unit.';
COMMENT ON COLUMN mart_capaian_indikator.target IS 'Target value.';
COMMENT ON COLUMN mart_capaian_indikator.realisasi IS 'Realised value.';
COMMENT ON COLUMN mart_capaian_indikator.capaian_pct_reported IS 'Achievement as printed, percent.';
COMMENT ON COLUMN mart_capaian_indikator.capaian_pct IS 'Achievement recomputed as realisasi / target x 100 (higher-is-better reading), percent; null for a zero or missing target.';
COMMENT ON COLUMN mart_capaian_indikator.source_count IS 'How many printed rows (tables, reports) give this value.';
COMMENT ON COLUMN mart_capaian_indikator.tahun_laporan IS 'Year of the report the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.jenis IS 'Kind of table the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.source_document_id IS 'Document of the chosen value.';
COMMENT ON COLUMN mart_capaian_indikator.source_page IS 'Page of the chosen value.';
