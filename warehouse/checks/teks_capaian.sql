-- An indicator's achievement restated in the running text against the one-year table
-- (rule beda_antar_tabel): p.20 says TPAK "mencapai 181,67 % di Tahun 2024", Tabel 3.1 187,90.
SELECT
    x.source_document_id, 'beda_antar_tabel' AS rule, 'sedang' AS severity, i.level, i.kode, i.indikator, x.tahun,
    CAST(x.nilai AS VARCHAR) AS reported, CAST(i.capaian_pct_reported AS VARCHAR) AS expected,
    lokasi_teks(x.source_page) || ' menyebut capaian ' || x.nilai_printed || ' % ("' || x.kutipan || '"), sedangkan '
        || lokasi(t.caption, i.source_page, i.source_sheet, i.source_row) || ' mencatat capaian "' || i.indikator || '" tahun '
        || i.tahun || ' ' || i.capaian_printed || ' %.' AS message,
    x.source_page, NULL AS source_sheet, NULL AS source_table, NULL AS source_row
FROM fct_angka_teks AS x
JOIN dim_dokumen AS d ON d.source_document_id = x.source_document_id AND d.status = 'loaded'
JOIN fct_indikator_per_dokumen AS i
    ON i.source_document_id = x.source_document_id AND i.tahun = x.tahun AND i.jenis = 'tahunan'
    AND length(indikator_key(i.indikator)) >= 8 AND contains(name_key(x.lingkup), indikator_key(i.indikator))
LEFT JOIN stg_tabel AS t ON t.source_document_id = i.source_document_id AND t.source_table = i.source_table
WHERE x.label = 'capaian_indikator' AND x.nilai IS NOT NULL AND i.capaian_pct_reported IS NOT NULL
    AND x.nilai <> i.capaian_pct_reported
