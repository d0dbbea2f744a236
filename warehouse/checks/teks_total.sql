-- Totals the running text states against the tables (rule total_dokumen): the budget and
-- overall absorption against the budget table's JUMLAH, staff numbers against the staff
-- tables, and a staff number stated twice against its restatement later in the report.
WITH teks AS (
    SELECT x.* FROM fct_angka_teks AS x JOIN dim_dokumen AS d USING (source_document_id) WHERE d.status = 'loaded'
),
footer AS (
    SELECT r.source_document_id, r.urutan, r.nilai, r.nilai_printed, r.source_page, t.caption
    FROM fct_ringkasan_anggaran AS r
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE r.label_key = 'jumlah'
),
staff AS (
    SELECT k.source_document_id, k.kategori, k.nilai, k.source_page, t.caption,
        row_number() OVER (PARTITION BY k.source_document_id, k.kategori ORDER BY k.source_table) AS n
    FROM fct_konteks AS k
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE k.variabel LIKE 'Jumlah pegawai menurut%' AND k.nilai IS NOT NULL
),
pairs AS (
    SELECT x.*, f.nilai AS other, 'JUMLAH pagu ' || lokasi(f.caption, f.source_page, NULL, NULL) AS other_place, 'tinggi' AS severity,
        'anggaran ' || idr(x.nilai) AS claim, idr(f.nilai) AS other_text
    FROM teks AS x JOIN footer AS f ON f.source_document_id = x.source_document_id AND f.urutan = 1
    WHERE x.label = 'total_pagu'
    UNION ALL
    SELECT x.*, f.nilai, 'persentase JUMLAH ' || lokasi(f.caption, f.source_page, NULL, NULL), 'sedang',
        'capaian realisasi anggaran ' || x.nilai_printed || ' %', f.nilai_printed || ' %'
    FROM teks AS x JOIN footer AS f ON f.source_document_id = x.source_document_id AND f.urutan = 3
    WHERE x.label = 'total_serapan'
    UNION ALL
    SELECT x.*, s.nilai, 'baris Jumlah ' || lokasi(s.caption, s.source_page, NULL, NULL), 'rendah',
        x.nilai_printed || ' pegawai', CAST(s.nilai AS INTEGER) || ' orang'
    FROM teks AS x JOIN staff AS s ON s.source_document_id = x.source_document_id AND s.kategori = 'Jumlah' AND s.n = 1
    WHERE x.label = 'jumlah_pegawai'
    UNION ALL
    SELECT x.*, s.nilai, 'baris ' || s.kategori || ' ' || lokasi(s.caption, s.source_page, NULL, NULL), 'rendah',
        x.nilai_printed || ' jabatan fungsional', CAST(s.nilai AS INTEGER) || ' orang'
    FROM teks AS x JOIN staff AS s ON s.source_document_id = x.source_document_id AND s.kategori ILIKE '%fungsional%' AND s.n = 1
    WHERE x.label = 'jumlah_fungsional'
    UNION ALL
    SELECT x.*, y.nilai, lower(lokasi_teks(y.source_page)), 'rendah', x.nilai_printed || ' PNS', y.nilai_printed || ' PNS'
    FROM teks AS x
    JOIN teks AS y ON y.source_document_id = x.source_document_id AND y.label = x.label
        AND coalesce(y.source_page > x.source_page, y.urutan > x.urutan)  -- a later mention; a .docx has no pages
    WHERE x.label = 'jumlah_pns'
)
SELECT source_document_id, 'total_dokumen' AS rule, severity, 'dokumen' AS level, NULL AS kode, NULL AS indikator, tahun,
    CAST(nilai AS VARCHAR) AS reported, CAST(other AS VARCHAR) AS expected,
    lokasi_teks(source_page) || ' menyebut ' || claim || ' ("' || kutipan || '"), sedangkan ' || other_place || ' mencatat ' || other_text || '.' AS message,
    source_page, NULL AS source_sheet, NULL AS source_table, NULL AS source_row
FROM pairs
WHERE nilai IS NOT NULL AND other IS NOT NULL AND nilai <> other
