-- The printed achievement of an indicator is not what its target and realisasi give, read
-- in the indicator's direction (dim_indikator.arah): realisasi / target x 100 when higher is
-- better, (2 x target - realisasi) / target x 100 when lower is better. Renstra rows compare
-- with the end target, as their tables do.
-- The direction is looked up once per distinct printed indicator (indikator_key is two
-- regular expressions), not once per row.
WITH arah AS (
    SELECT s.indikator, k.arah
    FROM (SELECT indikator, indikator_key(indikator) AS indikator_key FROM (SELECT DISTINCT indikator FROM fct_indikator_per_dokumen)) AS s
    LEFT JOIN dim_indikator AS k USING (indikator_key)
),
v AS (
    SELECT i.*, coalesce(k.arah, 'naik') AS arah, t.caption,
        capaian_arah(i.target, i.realisasi, coalesce(k.arah, 'naik')) AS exact
    FROM fct_indikator_per_dokumen AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    JOIN arah AS k ON k.indikator IS NOT DISTINCT FROM i.indikator
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status = 'loaded' AND i.capaian_pct_reported IS NOT NULL
)
SELECT
    source_document_id,
    'capaian_tercetak' AS rule,
    CASE WHEN abs(capaian_pct_reported - exact) >= 50 AND arah = 'naik' THEN 'tinggi'
         WHEN abs(capaian_pct_reported - exact) >= 0.1 THEN 'sedang'
         ELSE 'rendah' END AS severity,
    level, kode, indikator, tahun,
    CAST(capaian_pct_reported AS VARCHAR) AS reported,
    CAST(round(exact, 2) AS VARCHAR) AS expected,
    'Capaian indikator "' || coalesce(indikator, '?') || '" tahun ' || tahun || ' (' || lokasi(caption, source_page, source_sheet, source_row)
        || ') tercetak ' || regexp_replace(capaian_printed, '\s*%\s*$', '') || ' %, padahal realisasi ' || realisasi_printed || ' terhadap target ' || target_printed
        || CASE WHEN arah = 'turun' THEN ' (makin kecil makin baik)' ELSE '' END
        || ' = ' || angka(exact) || ' %.' AS message,
    source_page, source_sheet, source_table, source_row
FROM v
WHERE exact IS NOT NULL AND NOT agrees(capaian_pct_reported, capaian_printed, exact)
