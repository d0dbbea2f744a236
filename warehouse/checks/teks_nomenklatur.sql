-- Program names listed in the text without codes (the Telaahan RKPD table, p.17) against the
-- official names of the report's own bidang (rule nomenklatur): a name that is not official
-- but close to one is a misspelling of it.
WITH listed AS (
    SELECT x.* FROM fct_angka_teks AS x JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded' AND x.label = 'nama_program'
),
own_programs AS (
    SELECT DISTINCT a.source_document_id, n.kode, n.nama, name_key(n.nama) AS nama_key
    FROM fct_anggaran_per_dokumen AS a
    JOIN dim_nomenklatur AS n ON n.versi = '2023' AND n.level = 'program' AND n.kode LIKE a.kode || '.%'
    WHERE a.level = 'bidang'
),
scored AS (
    SELECT l.*, p.kode AS kode_resmi, p.nama AS nama_resmi,
        1 - levenshtein(name_key(l.nilai_printed), p.nama_key) / greatest(length(name_key(l.nilai_printed)), length(p.nama_key)) AS ratio
    FROM listed AS l
    JOIN own_programs AS p ON p.source_document_id = l.source_document_id
),
best AS (
    SELECT source_document_id, source_page, nilai_printed, kutipan, tahun,
        first(kode_resmi ORDER BY ratio DESC, kode_resmi) AS kode_resmi,
        first(nama_resmi ORDER BY ratio DESC, kode_resmi) AS nama_resmi, max(ratio) AS ratio
    FROM scored GROUP BY ALL
)
SELECT source_document_id, 'nomenklatur' AS rule, 'rendah' AS severity, 'program' AS level, NULL AS kode, NULL AS indikator, tahun,
    nilai_printed AS reported, nama_resmi AS expected,
    lokasi_teks(source_page) || ' menyebut "' || nilai_printed || '", tidak sesuai nomenklatur resmi program ' || kode_resmi || ' "' || nama_resmi || '".' AS message,
    source_page, NULL AS source_sheet, NULL AS source_table, NULL AS source_row
FROM best
WHERE ratio < 1 AND ratio >= 0.75
