-- Footer averages and counts of the budget table (Rata - Rata Capaian Program/Kegiatan/
-- Sub Kegiatan, Total Program/Kegiatan/Sub Kegiatan) against the rows they summarise.
WITH footer AS (
    SELECT r.*,
        CASE WHEN r.label_key LIKE '%subkegiatan%' THEN 'sub_kegiatan'
             WHEN r.label_key LIKE '%kegiatan%' THEN 'kegiatan'
             WHEN r.label_key LIKE '%program%' THEN 'program' END AS footer_level,
        CASE WHEN r.label_key LIKE 'rata%' THEN 'rata' WHEN r.label_key LIKE 'total%' THEN 'total' END AS kind
    FROM fct_ringkasan_anggaran AS r
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded' AND r.urutan = 1
),
lines AS (
    SELECT a.source_document_id, a.source_table, a.level, count(*) AS n
    FROM fct_anggaran_per_dokumen AS a WHERE a.triwulan IS NULL GROUP BY ALL  -- a line per quarter is no line more
),
capaian AS (
    SELECT source_document_id, source_table, level, avg(CAST(capaian_pct_reported AS DOUBLE)) AS mean, count(capaian_pct_reported) AS n
    FROM fct_indikator_per_dokumen WHERE jenis = 'anggaran' AND triwulan IS NULL GROUP BY ALL
),
compared AS (
    SELECT f.*, t.caption,
        CASE f.kind WHEN 'rata' THEN c.mean ELSE l.n END AS exact,
        CASE f.kind WHEN 'rata' THEN c.n ELSE l.n END AS n
    FROM footer AS f
    LEFT JOIN lines AS l ON l.source_document_id = f.source_document_id AND l.source_table = f.source_table AND l.level = f.footer_level
    LEFT JOIN capaian AS c ON c.source_document_id = f.source_document_id AND c.source_table = f.source_table AND c.level = f.footer_level
    LEFT JOIN stg_tabel AS t ON t.source_document_id = f.source_document_id AND t.source_table = f.source_table
    WHERE f.footer_level IS NOT NULL AND f.kind IS NOT NULL AND f.nilai IS NOT NULL
)
SELECT
    source_document_id, 'rata_rata_footer' AS rule,
    'sedang' AS severity,
    footer_level AS level, NULL AS kode, NULL AS indikator, tahun,
    CAST(nilai AS VARCHAR) AS reported,
    CAST(CASE WHEN kind = 'rata' THEN round(exact, 2) ELSE exact END AS VARCHAR) AS expected,
    label || ' (' || lokasi(caption, source_page, source_sheet, source_row) || ') tercetak ' || nilai_printed
        || CASE WHEN kind = 'rata'
            THEN ', padahal rata-rata capaian ' || n || ' baris ' || replace(footer_level, '_', ' ') || ' = ' || angka(exact) || '.'
            ELSE ', padahal tabel memuat ' || coalesce(exact, 0) || ' baris ' || replace(footer_level, '_', ' ') || '.' END AS message,
    source_page, source_sheet, source_table, source_row
FROM compared
WHERE CASE WHEN kind = 'rata' THEN exact IS NOT NULL AND NOT agrees(nilai, nilai_printed, exact)
           ELSE nilai <> coalesce(exact, 0) END
