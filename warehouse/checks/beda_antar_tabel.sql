-- The same indicator and year printed with different values in two tables of one report
-- (a one-year table against the multi-year series, a budget-table indicator against a
-- sasaran table). Renstra progress is compared only with other Renstra rows: its target is
-- the end target.
WITH v AS (
    SELECT i.*, name_key(i.indikator) AS ik, CASE WHEN i.jenis = 'renstra' THEN 'renstra' ELSE 'tahunan' END AS ukuran, t.caption
    FROM fct_indikator AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status = 'loaded' AND i.indikator IS NOT NULL
),
pairs AS (
    SELECT a.*, b.source_page AS page_b, b.caption AS caption_b, b.source_sheet AS sheet_b, b.source_row AS row_b,
        m.measure, m.va, m.vb, m.pa, m.pb
    FROM v AS a
    JOIN v AS b
        ON a.source_document_id = b.source_document_id AND a.ik = b.ik AND a.tahun = b.tahun AND a.ukuran = b.ukuran
        AND coalesce(a.kode, '') = coalesce(b.kode, '')
        AND (a.source_table < b.source_table OR (a.source_table = b.source_table AND a.source_row < b.source_row))
    CROSS JOIN LATERAL (
        VALUES ('target', a.target, b.target, a.target_printed, b.target_printed),
               ('realisasi', a.realisasi, b.realisasi, a.realisasi_printed, b.realisasi_printed),
               ('capaian', a.capaian_pct_reported, b.capaian_pct_reported, a.capaian_printed, b.capaian_printed)
    ) AS m(measure, va, vb, pa, pb)
    WHERE m.va IS NOT NULL AND m.vb IS NOT NULL AND m.va <> m.vb
)
SELECT
    source_document_id, 'beda_antar_tabel' AS rule, 'sedang' AS severity, level, kode, indikator, tahun,
    pa AS reported, pb AS expected,
    kapital(measure) || ' "' || indikator || '" tahun ' || tahun || ' tercetak ' || pa || ' di ' || lokasi(caption, source_page, source_sheet, source_row)
        || ', tetapi ' || pb || ' di ' || lokasi(caption_b, page_b, sheet_b, row_b) || '.' AS message,
    source_page, source_sheet, source_table, source_row
FROM pairs
