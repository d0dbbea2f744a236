-- Counts the running text states against the tables (rule rata_rata_footer): programs,
-- kegiatan and sub-kegiatan of the report or of one bidang it names ("Urusan Pemerintahan
-- Bidang Ketenagakerjaan ... 4 program dengan 11 kegiatan", p.30, matched to the budget
-- row URUSAN PEMERINTAHAN BIDANG TENAGA KERJA), and efficient / inefficient counts against
-- the efficiency table's Hasil Analisis. Off by 5 or more, or a claim about programs: sedang.
WITH teks AS (
    SELECT x.*,
        CASE WHEN x.label LIKE '%sub_kegiatan%' THEN 'sub_kegiatan' WHEN x.label LIKE '%kegiatan%' THEN 'kegiatan'
             WHEN x.label LIKE '%program%' THEN 'program' END AS tingkat
    FROM fct_angka_teks AS x JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded'
),
bidang AS (
    SELECT source_document_id, kode, nama_printed,
        regexp_replace(name_key(nama_printed), '^urusanpemerintahanbidang', '') AS bidang_key
    FROM fct_anggaran_per_dokumen WHERE level = 'bidang' AND triwulan IS NULL
),
scoped AS (
    SELECT t.*, b.kode AS bidang_kode
    FROM teks AS t
    LEFT JOIN bidang AS b
        ON b.source_document_id = t.source_document_id AND t.lingkup IS NOT NULL AND b.bidang_key <> ''
        AND contains(regexp_replace(name_key(t.lingkup), '^urusanpemerintahanbidang', ''), b.bidang_key)
            OR (b.source_document_id = t.source_document_id AND t.lingkup IS NOT NULL AND b.bidang_key <> ''
                AND contains(b.bidang_key, regexp_replace(name_key(t.lingkup), '^urusanpemerintahanbidang', '')))
    WHERE t.label IN ('jumlah_program', 'jumlah_kegiatan', 'jumlah_sub_kegiatan')
),
counts AS (
    SELECT s.*, (
        SELECT count(*) FROM fct_anggaran_per_dokumen AS a
        WHERE a.source_document_id = s.source_document_id AND a.level = s.tingkat AND a.triwulan IS NULL
          AND (s.lingkup IS NULL OR a.kode LIKE s.bidang_kode || '.%')
    ) AS other
    FROM scoped AS s
    WHERE s.lingkup IS NULL OR s.bidang_kode IS NOT NULL
),
labels AS (
    SELECT source_document_id, level,
        count(*) FILTER (WHERE hasil_analisis ILIKE '%tidak%') AS tidak,
        count(*) FILTER (WHERE hasil_analisis ILIKE '%efisien%' AND hasil_analisis NOT ILIKE '%tidak%') AS ya
    FROM fct_efisiensi GROUP BY ALL
),
efficiency AS (
    SELECT t.*, NULL AS bidang_kode,
        CASE WHEN t.label LIKE '%tidak_efisien' THEN coalesce(l.tidak, 0) ELSE coalesce(l.ya, 0) END AS other
    FROM teks AS t
    LEFT JOIN labels AS l ON l.source_document_id = t.source_document_id AND l.level = t.tingkat
    WHERE t.label LIKE '%efisien'
        AND EXISTS (SELECT 1 FROM fct_efisiensi AS e WHERE e.source_document_id = t.source_document_id)
),
compared AS (
    SELECT *, 'baris ' || replace(tingkat, '_', ' ') || coalesce(' di bawah bidang ' || bidang_kode, '') || ' dalam tabel anggaran' AS what FROM counts
    UNION ALL
    SELECT *, 'baris ' || replace(tingkat, '_', ' ') || ' berlabel ' || CASE WHEN label LIKE '%tidak%' THEN '"tidak efisien"' ELSE '"efisien"' END
        || ' dalam tabel efisiensi' FROM efficiency
)
SELECT source_document_id, 'rata_rata_footer' AS rule,
    CASE WHEN abs(nilai - other) >= 5 OR tingkat = 'program' THEN 'sedang' ELSE 'rendah' END AS severity,
    tingkat AS level, bidang_kode AS kode, NULL AS indikator, tahun,
    CAST(nilai AS VARCHAR) AS reported, CAST(other AS VARCHAR) AS expected,
    lokasi_teks(source_page) || ' menyebut ' || nilai_printed || ' ("' || kutipan || '"), padahal terdapat ' || other || ' ' || what || '.' AS message,
    source_page, NULL AS source_sheet, NULL AS source_table, NULL AS source_row
FROM compared
WHERE nilai IS NOT NULL AND nilai <> other
