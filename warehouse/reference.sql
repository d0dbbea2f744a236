-- Reference data shipped with kinerja (warehouse/reference/), rebuilt on every run.
-- {nomenklatur_2023}, {nomenklatur_2019}, {arah_kata_kunci}, {arah_indikator}, {ejaan} are package file paths.

CREATE OR REPLACE TABLE dim_nomenklatur AS
WITH raw AS (
    SELECT kode, CASE level WHEN 'subkegiatan' THEN 'sub_kegiatan' ELSE level END AS level, nama, kinerja, indikator, satuan,
        '2023' AS versi, sumber
    FROM read_csv('{nomenklatur_2023}', all_varchar = true)
    WHERE sumber NOT LIKE 'expanded from X.XX template:%'
    UNION ALL
    SELECT kode, CASE level WHEN 'subkegiatan' THEN 'sub_kegiatan' ELSE level END AS level, nama, NULL, NULL, NULL,
        '2019' AS versi, sumber
    FROM read_csv('{nomenklatur_2019}', all_varchar = true)
),
bidang AS (
    SELECT DISTINCT versi, kode AS bidang FROM raw WHERE level = 'bidang' AND kode NOT LIKE 'X%'
)
SELECT kode, level, nama, kinerja, indikator, satuan, versi, false AS is_template, sumber
FROM raw
WHERE kode NOT LIKE 'X%'
UNION ALL
SELECT b.bidang || substr(r.kode, 5), r.level, r.nama, r.kinerja, r.indikator, r.satuan, r.versi, true, 'X.XX template: ' || r.sumber
FROM raw AS r
JOIN bidang AS b ON b.versi = r.versi
WHERE r.kode LIKE 'X.XX.%';
COMMENT ON TABLE dim_nomenklatur IS 'One row per official code per nomenclature version: Kepmendagri 900.1-15.5-1317/2023 (versi 2023, with kinerja/indikator/satuan) and the Permendagri 90/2019-era list (versi 2019); the generic X.XX rows instantiated for every bidang.';
COMMENT ON COLUMN dim_nomenklatur.kode IS 'Official code U.BB.PP.K.KK.SSSS.';
COMMENT ON COLUMN dim_nomenklatur.level IS 'urusan, bidang, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN dim_nomenklatur.nama IS 'Official name, spelled as in the source list.';
COMMENT ON COLUMN dim_nomenklatur.kinerja IS 'Official expected performance (sub-kegiatan, 2023 list).';
COMMENT ON COLUMN dim_nomenklatur.indikator IS 'Official indicator (sub-kegiatan, 2023 list).';
COMMENT ON COLUMN dim_nomenklatur.satuan IS 'Official unit of the indicator (2023 list).';
COMMENT ON COLUMN dim_nomenklatur.versi IS '2023 (Kepmendagri 900.1-15.5-1317/2023) or 2019 (Permendagri 90/2019 era).';
COMMENT ON COLUMN dim_nomenklatur.is_template IS 'True for rows made from the generic X.XX (penunjang) template for this bidang.';
COMMENT ON COLUMN dim_nomenklatur.sumber IS 'Where the row comes from (warehouse/reference/SOURCES.md).';

CREATE OR REPLACE TABLE dim_arah_kata_kunci AS
SELECT kata_kunci, arah, CAST(prioritas AS INTEGER) AS prioritas, catatan
FROM read_csv('{arah_kata_kunci}', all_varchar = true);
COMMENT ON TABLE dim_arah_kata_kunci IS 'One row per keyword deciding an indicator''s direction: an indicator containing it is better when lower (turun) or higher (naik); the highest prioritas among matching keywords wins; no match means naik.';
COMMENT ON COLUMN dim_arah_kata_kunci.kata_kunci IS 'Keyword, matched case-insensitively inside the indicator text.';
COMMENT ON COLUMN dim_arah_kata_kunci.arah IS 'naik (higher is better) or turun (lower is better).';
COMMENT ON COLUMN dim_arah_kata_kunci.prioritas IS 'Higher wins: "terselesaikan" (naik, 2) beats "perselisihan" (turun, 1).';
COMMENT ON COLUMN dim_arah_kata_kunci.catatan IS 'Why, with the report and page where it was seen.';

CREATE OR REPLACE TABLE dim_arah_indikator AS
SELECT indikator, arah, catatan FROM read_csv('{arah_indikator}', all_varchar = true,
    columns = {'indikator': 'VARCHAR', 'arah': 'VARCHAR', 'catatan': 'VARCHAR'}, header = true);
COMMENT ON TABLE dim_arah_indikator IS 'One row per indicator whose direction is set by hand, overriding the keywords.';
COMMENT ON COLUMN dim_arah_indikator.indikator IS 'Indicator text; compared lower-cased with non-alphanumerics removed.';
COMMENT ON COLUMN dim_arah_indikator.arah IS 'naik or turun.';
COMMENT ON COLUMN dim_arah_indikator.catatan IS 'Why.';

CREATE OR REPLACE TABLE dim_ejaan AS
SELECT varian, baku, catatan FROM read_csv('{ejaan}', all_varchar = true);
COMMENT ON TABLE dim_ejaan IS 'One row per known spelling variant accepted as the official spelling when names are compared.';
COMMENT ON COLUMN dim_ejaan.varian IS 'Variant as it may be printed (lower case).';
COMMENT ON COLUMN dim_ejaan.baku IS 'Spelling it stands for (lower case).';
COMMENT ON COLUMN dim_ejaan.catatan IS 'Where the variant was seen.';
