-- The document's printed totals disagree with its lines or with each other: the JUMLAH
-- footer against the top-level rows (urusan), the footer's percentage against its own
-- amounts, SISA against JUMLAH.
WITH footer AS (
    SELECT
        source_document_id, source_table, tahun,
        max(CASE WHEN label_key = 'jumlah' AND urutan = 1 THEN nilai END) AS jumlah_pagu,
        max(CASE WHEN label_key = 'jumlah' AND urutan = 2 THEN nilai END) AS jumlah_realisasi,
        max(CASE WHEN label_key = 'jumlah' AND urutan = 3 THEN nilai END) AS jumlah_pct,
        max(CASE WHEN label_key = 'jumlah' AND urutan = 3 THEN nilai_printed END) AS jumlah_pct_printed,
        max(CASE WHEN label_key = 'sisa' AND urutan = 1 THEN nilai END) AS sisa,
        max(CASE WHEN label_key = 'jumlah' THEN source_page END) AS page_jumlah,
        max(CASE WHEN label_key = 'jumlah' THEN source_row END) AS row_jumlah,
        max(CASE WHEN label_key = 'sisa' THEN source_row END) AS row_sisa,
        max(source_sheet) AS source_sheet
    FROM fct_ringkasan_anggaran
    GROUP BY ALL
),
top_level AS (
    SELECT a.source_document_id, a.source_table, sum(a.pagu_idr) AS pagu, sum(a.realisasi_idr) AS realisasi, count(*) AS n,
        string_agg(coalesce(a.kode, a.kode_printed), ' + ' ORDER BY a.source_row) AS kodes
    FROM fct_anggaran_per_dokumen AS a
    JOIN (
        SELECT source_document_id, source_table, min(level_rank(level)) AS top_rank
        FROM fct_anggaran_per_dokumen WHERE level IS NOT NULL GROUP BY ALL
    ) AS m ON m.source_document_id = a.source_document_id AND m.source_table = a.source_table AND level_rank(a.level) = m.top_rank
    WHERE a.triwulan IS NULL  -- the footer of a per-quarter table is no sum of one quarter's lines
    GROUP BY ALL
),
pairs AS (
    SELECT f.*, t.caption, c.measure, c.reported, c.expected, c.what, c.row_number
    FROM footer AS f
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN top_level AS l USING (source_document_id, source_table)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    CROSS JOIN LATERAL (
        VALUES
            ('pagu', f.jumlah_pagu, l.pagu, 'jumlah pagu baris teratas (' || l.kodes || ')', f.row_jumlah),
            ('realisasi', f.jumlah_realisasi, l.realisasi, 'jumlah realisasi baris teratas (' || l.kodes || ')', f.row_jumlah),
            ('sisa', f.sisa, f.jumlah_pagu - f.jumlah_realisasi, 'JUMLAH pagu dikurangi JUMLAH realisasi', f.row_sisa)
    ) AS c(measure, reported, expected, what, row_number)
    WHERE d.status = 'loaded' AND c.reported IS NOT NULL AND c.expected IS NOT NULL AND c.reported <> c.expected
)
SELECT
    source_document_id, 'total_dokumen' AS rule, 'tinggi' AS severity, 'dokumen' AS level, NULL AS kode, NULL AS indikator, tahun,
    CAST(reported AS VARCHAR) AS reported, CAST(expected AS VARCHAR) AS expected,
    upper(CASE WHEN measure = 'sisa' THEN 'SISA' ELSE 'JUMLAH ' || measure END) || ' (' || lokasi(caption, page_jumlah, source_sheet, row_number)
        || ') tercetak ' || idr(reported) || ', sedangkan ' || what || ' ' || idr(expected) || ' (selisih ' || idr(reported - expected) || ').' AS message,
    page_jumlah AS source_page, source_sheet, source_table, row_number AS source_row
FROM pairs
UNION ALL
SELECT
    f.source_document_id, 'total_dokumen', 'sedang', 'dokumen', NULL, NULL, f.tahun,
    CAST(f.jumlah_pct AS VARCHAR), CAST(round(f.jumlah_realisasi * 100.0 / f.jumlah_pagu, 2) AS VARCHAR),
    'Persentase JUMLAH (' || lokasi(t.caption, f.page_jumlah, f.source_sheet, f.row_jumlah) || ') tercetak ' || f.jumlah_pct_printed
        || ' %, padahal ' || idr(f.jumlah_realisasi) || ' dari ' || idr(f.jumlah_pagu) || ' = ' || angka(f.jumlah_realisasi * 100.0 / f.jumlah_pagu) || ' %.',
    f.page_jumlah, f.source_sheet, f.source_table, f.row_jumlah
FROM footer AS f
JOIN dim_dokumen AS d USING (source_document_id)
LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
WHERE d.status = 'loaded' AND f.jumlah_pagu > 0 AND f.jumlah_pct IS NOT NULL
  AND NOT agrees(f.jumlah_pct, f.jumlah_pct_printed, f.jumlah_realisasi * 100.0 / f.jumlah_pagu)
