-- Spending above the budget ceiling.
SELECT
    a.source_document_id,
    'realisasi_melebihi_pagu' AS rule,
    'tinggi' AS severity,
    a.level, a.kode, NULL AS indikator, a.tahun,
    CAST(a.realisasi_idr AS VARCHAR) AS reported,
    CAST(a.pagu_idr AS VARCHAR) AS expected,
    'Realisasi ' || replace(a.level, '_', ' ') || ' ' || coalesce(a.kode, a.kode_printed) || ' (' || lokasi(t.caption, a.source_page, a.source_sheet, a.source_row)
        || ') ' || idr(a.realisasi_idr) || ' melebihi pagunya ' || idr(a.pagu_idr) || '.' AS message,
    a.source_page, a.source_sheet, a.source_table, a.source_row
FROM fct_anggaran_per_dokumen AS a
JOIN dim_dokumen AS d USING (source_document_id)
LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
WHERE d.status = 'loaded' AND a.realisasi_idr > a.pagu_idr
