-- Differences under 2 points (37,28 against 37,29) are rendah, larger ones sedang.
-- The same indicator and year printed with different values in two tables of one report
-- (a one-year table against the multi-year series, a budget-table indicator against a
-- sasaran table). Renstra progress is compared only with other Renstra rows: its target is
-- the end target.
-- indikator_key (two regular expressions) once per distinct printed indicator, not per row.
WITH keyed AS (
    SELECT indikator, indikator_key(indikator) AS ik FROM (SELECT DISTINCT indikator FROM fct_indikator_per_dokumen WHERE indikator IS NOT NULL)
),
v AS (
    SELECT i.*, k.ik, ukuran(i.jenis) AS ukuran, t.caption
    FROM fct_indikator_per_dokumen AS i
    JOIN keyed AS k USING (indikator)
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
        AND a.triwulan IS NOT DISTINCT FROM b.triwulan  -- two quarters' values are two facts
        AND coalesce(a.kode, '') = coalesce(b.kode, '')
        -- an uncoded budget line's indicator belongs to its line (its name in sasaran)
        AND baris_indikator(a.kode, a.jenis, a.sasaran, a.induk) IS NOT DISTINCT FROM baris_indikator(b.kode, b.jenis, b.sasaran, b.induk)
        AND (a.source_table < b.source_table OR (a.source_table = b.source_table AND a.source_row < b.source_row))
    CROSS JOIN LATERAL (
        VALUES ('target', a.target, b.target, a.target_printed, b.target_printed),
               ('realisasi', a.realisasi, b.realisasi, a.realisasi_printed, b.realisasi_printed),
               ('capaian', a.capaian_pct_reported, b.capaian_pct_reported, a.capaian_printed, b.capaian_printed)
    ) AS m(measure, va, vb, pa, pb)
    WHERE m.va IS NOT NULL AND m.vb IS NOT NULL AND m.va <> m.vb
)
SELECT
    source_document_id, 'beda_antar_tabel' AS rule, CASE WHEN abs(va - vb) < 2 THEN 'rendah' ELSE 'sedang' END AS severity,
    level, kode, indikator, tahun,
    CAST(va AS VARCHAR) AS reported, CAST(vb AS VARCHAR) AS expected,
    kapital(measure) || ' "' || indikator || '" tahun ' || tahun || ' tercetak ' || pa || ' di ' || lokasi(caption, source_page, source_sheet, source_row)
        || ', tetapi ' || pb || ' di ' || lokasi(caption_b, page_b, sheet_b, row_b) || '.' AS message,
    source_page, source_sheet, source_table, source_row
FROM pairs

UNION ALL
-- The efficiency table reprints figures of the budget table: its Capaian Input is the line's
-- absorption, Realisasi Output the indicator's capaian, Rencana Output its target, and (as
-- the sample fills it, p.22) Rencana Input its realisasi.
SELECT
    e.source_document_id, 'beda_antar_tabel', CASE WHEN abs(m.ve - m.va) < 2 THEN 'rendah' ELSE 'sedang' END, e.level, e.kode,
    CASE WHEN m.what <> 'Capaian Input' THEN i.indikator END, e.tahun,
    CAST(m.ve AS VARCHAR), CAST(m.va AS VARCHAR),
    m.what || ' "' || coalesce(e.nama_printed, '?') || '" tercetak ' || m.pe || ' di ' || lokasi(te.caption, e.source_page, e.source_sheet, e.source_row)
        || ', tetapi ' || m.other || ' baris yang sama ' || m.pa || ' di ' || lokasi(ta.caption, a.source_page, a.source_sheet, a.source_row) || '.',
    e.source_page, e.source_sheet, e.source_table, e.source_row
FROM fct_efisiensi AS e
JOIN dim_dokumen AS d ON d.source_document_id = e.source_document_id AND d.status = 'loaded'
JOIN fct_anggaran_per_dokumen AS a ON a.source_document_id = e.source_document_id AND a.kode = e.kode AND a.triwulan IS NULL
LEFT JOIN fct_indikator_per_dokumen AS i
    ON i.source_document_id = a.source_document_id AND i.source_table = a.source_table AND i.source_row = a.source_row AND i.jenis = 'anggaran'
LEFT JOIN stg_tabel AS te ON te.source_document_id = e.source_document_id AND te.source_table = e.source_table
LEFT JOIN stg_tabel AS ta ON ta.source_document_id = a.source_document_id AND ta.source_table = a.source_table
CROSS JOIN LATERAL (
    VALUES
        ('Capaian Input', e.capaian_input, e.capaian_input_printed, a.serapan_pct_reported, a.serapan_printed, 'serapan'),
        ('Realisasi Output', e.realisasi_output, e.realisasi_output_printed, i.capaian_pct_reported, i.capaian_printed, 'capaian indikator'),
        ('Rencana Output', e.rencana_output, e.rencana_output_printed, i.target, i.target_printed, 'target indikator'),
        ('Rencana Input', e.rencana_input, e.rencana_input_printed, i.realisasi, i.realisasi_printed, 'realisasi indikator')
) AS m(what, ve, pe, va, pa, other)
WHERE m.ve IS NOT NULL AND m.va IS NOT NULL AND m.ve <> m.va
