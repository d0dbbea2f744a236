-- One row per tahun x pemda x opd x indicator (and code for program-level indicators),
-- indicators keyed across spellings by indikator_key and read in their direction (dim_indikator),
-- Renstra end-target progress kept apart from the year's own target.
-- One truth: the report of that year beats a later reprint, a one-year table beats a
-- multi-year series, a structured export beats a PDF, then the latest load.
CREATE OR REPLACE TABLE mart_capaian_indikator AS
-- indikator_key is two regular expressions: computed once per distinct printed indicator,
-- not once per row (a national warehouse prints the same indicators millions of times).
WITH keyed AS (
    SELECT s.indikator, s.indikator_key, coalesce(k.arah, 'naik') AS arah
    FROM (SELECT indikator, indikator_key(indikator) AS indikator_key FROM (SELECT DISTINCT indikator FROM fct_indikator)) AS s
    LEFT JOIN dim_indikator AS k USING (indikator_key)
),
base AS (
    SELECT
        i.rowid AS fact_rowid,
        i.tahun, i.pemda, i.opd, i.level, i.kode, i.jenis, i.tahun_laporan, i.source_page, i.source_row,
        d.format,
        d.loaded_at,
        ukuran(i.jenis) AS ukuran,
        s.indikator_key,
        s.arah
    FROM fct_indikator AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    JOIN keyed AS s ON s.indikator IS NOT DISTINCT FROM i.indikator
    WHERE d.status = 'loaded'
),
-- The chosen row of each group by an ordered first() over row ids, then the row itself: the
-- same pick as ranking every row in a window, at half the cost on millions of rows.
chosen AS (
    SELECT
        tahun, pemda, opd, level, kode, ukuran, indikator_key,
        arah,  -- follows from indikator_key
        count(*) AS source_count,
        first(fact_rowid ORDER BY
            CASE WHEN tahun_laporan = tahun THEN 0 ELSE 1 END,
            CASE jenis WHEN 'tahunan' THEN 0 WHEN 'anggaran' THEN 1 WHEN 'multitahun' THEN 2 WHEN 'pk' THEN 3 ELSE 4 END,
            CASE WHEN format = 'pdf' THEN 1 ELSE 0 END,
            tahun_laporan DESC,
            loaded_at DESC,
            source_page,
            source_row
        ) AS fact_rowid
    FROM base
    GROUP BY tahun, pemda, opd, level, kode, ukuran, indikator_key, arah
),
ranked AS (
    SELECT i.*, c.ukuran, c.indikator_key, c.arah, c.source_count
    FROM chosen AS c
    JOIN fct_indikator AS i ON i.rowid = c.fact_rowid
),
-- The end-of-period target of each indicator: the IKU's kondisi akhir beats a Renstra
-- table's target akhir, then the latest report's. mart_renstra reads it from here.
akhir AS (
    SELECT i.pemda, i.opd, indikator_key(i.indikator) AS indikator_key,
        first(i.target ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS target_akhir_renstra,
        first(i.tahun ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS tahun_akhir_renstra,
        first(i.jenis ORDER BY CASE i.jenis WHEN 'iku_akhir' THEN 2 ELSE 1 END DESC, i.tahun_laporan DESC, i.source_table, i.source_row) AS sumber_target_akhir
    FROM fct_indikator AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded' AND i.jenis IN ('iku_akhir', 'renstra') AND i.target IS NOT NULL
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
COMMENT ON COLUMN mart_capaian_indikator.source_count IS 'How many printed rows (tables, reports) give this value.';
COMMENT ON COLUMN mart_capaian_indikator.tahun_laporan IS 'Year of the report the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.jenis IS 'Kind of table the chosen value comes from.';
COMMENT ON COLUMN mart_capaian_indikator.source_document_id IS 'Document of the chosen value.';
COMMENT ON COLUMN mart_capaian_indikator.source_page IS 'Page of the chosen value.';
