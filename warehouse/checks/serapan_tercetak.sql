-- The printed absorption ("CAPAIAN" of the budget) is not realisasi / pagu x 100, beyond
-- one unit of its last printed decimal.
SELECT
    a.source_document_id,
    'serapan_tercetak' AS rule,
    CASE WHEN abs(a.serapan_pct_reported - a.realisasi_idr * 100.0 / a.pagu_idr) >= 1 THEN 'tinggi'
         WHEN abs(a.serapan_pct_reported - a.realisasi_idr * 100.0 / a.pagu_idr) >= 0.1 THEN 'sedang'
         ELSE 'rendah' END AS severity,
    a.level, a.kode, NULL AS indikator, a.tahun,
    CAST(a.serapan_pct_reported AS VARCHAR) AS reported,
    format('{:.2f}', round(a.realisasi_idr * 100.0 / a.pagu_idr, 2)) AS expected,
    'Serapan ' || replace(a.level, '_', ' ') || ' ' || coalesce(a.kode, a.kode_printed) || ' (' || lokasi(t.caption, a.source_page, a.source_sheet, a.source_row)
        || ') tercetak ' || a.serapan_printed || ' %, padahal realisasi ' || idr(a.realisasi_idr) || ' dari pagu ' || idr(a.pagu_idr)
        || ' = ' || angka(a.realisasi_idr * 100.0 / a.pagu_idr) || ' %.' AS message,
    a.source_page, a.source_sheet, a.source_table, a.source_row
FROM fct_anggaran_per_dokumen AS a
JOIN dim_dokumen AS d USING (source_document_id)
LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
WHERE d.status = 'loaded'
  AND a.pagu_idr > 0 AND a.realisasi_idr IS NOT NULL AND a.serapan_pct_reported IS NOT NULL
  AND NOT agrees(a.serapan_pct_reported, a.serapan_printed, a.realisasi_idr * 100.0 / a.pagu_idr)
