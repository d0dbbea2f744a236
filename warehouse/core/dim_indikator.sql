-- One row per indicator across years, tables and reports, keyed by its text with case,
-- spacing and punctuation ignored; its direction from the hand-set list, else the keywords.
CREATE OR REPLACE TABLE dim_indikator AS
WITH spellings AS (
    SELECT indikator_key(indikator) AS indikator_key, indikator, count(*) AS n
    FROM fct_indikator_per_dokumen
    WHERE indikator IS NOT NULL
    GROUP BY ALL
),
chosen AS (
    SELECT indikator_key, first(indikator ORDER BY n DESC, indikator) AS indikator, count(*) AS spelling_count
    FROM spellings
    GROUP BY indikator_key
),
keyword AS (
    SELECT c.indikator_key, first(k.arah ORDER BY k.prioritas DESC, k.kata_kunci) AS arah, first(k.kata_kunci ORDER BY k.prioritas DESC, k.kata_kunci) AS kata_kunci
    FROM chosen AS c
    JOIN dim_arah_kata_kunci AS k ON contains(lower(c.indikator), lower(k.kata_kunci))
    GROUP BY c.indikator_key
)
SELECT
    c.indikator_key,
    c.indikator,
    coalesce(o.arah, k.arah, 'naik') AS arah,
    CASE WHEN o.arah IS NOT NULL THEN 'daftar' WHEN k.arah IS NOT NULL THEN 'kata kunci: ' || k.kata_kunci ELSE 'bawaan' END AS arah_sumber,
    c.spelling_count
FROM chosen AS c
LEFT JOIN keyword AS k USING (indikator_key)
LEFT JOIN dim_arah_indikator AS o ON indikator_key(o.indikator) = c.indikator_key;
COMMENT ON TABLE dim_indikator IS 'One row per indicator, the same across years, tables and reports whatever its case, spacing or punctuation; with its direction.';
COMMENT ON COLUMN dim_indikator.indikator_key IS 'Stable key: the indicator text without bracketed parts, lower-cased, non-alphanumerics removed (join on indikator_key(fct_indikator_per_dokumen.indikator)).';
COMMENT ON COLUMN dim_indikator.indikator IS 'The most frequent printed spelling.';
COMMENT ON COLUMN dim_indikator.arah IS 'naik: higher is better; turun: lower is better (capaian = (2 x target - realisasi) / target x 100).';
COMMENT ON COLUMN dim_indikator.arah_sumber IS 'daftar (warehouse/reference/arah_indikator.csv), kata kunci: <keyword> (arah_kata_kunci.csv) or bawaan (default naik).';
COMMENT ON COLUMN dim_indikator.spelling_count IS 'How many different printed spellings share the key.';
