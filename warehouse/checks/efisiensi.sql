-- The efficiency table's own arithmetic (Tabel 3.8 kind): Indeks Efisiensi = Realisasi Output
-- / Capaian Input, Standar Efisiensi = Rencana Output / Rencana Input, Tingkat Efisiensi =
-- (IE - SE) / SE from the exact ratios. The sample prints IE - 1 as Tingkat on rows whose SE
-- is not 1 (Klungkung 2024 p.22).
WITH e AS (
    SELECT f.*, t.caption,
        CAST(realisasi_output AS DOUBLE) / nullif(CAST(capaian_input AS DOUBLE), 0) AS ie,
        CAST(rencana_output AS DOUBLE) / nullif(CAST(rencana_input AS DOUBLE), 0) AS se
    FROM fct_efisiensi AS f
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status = 'loaded'
),
checks AS (
    SELECT e.*, c.what, c.printed_value, c.printed_text, c.exact, c.how
    FROM e
    CROSS JOIN LATERAL (
        VALUES
            ('Indeks Efisiensi', indeks_efisiensi, indeks_efisiensi_printed, ie,
                'Realisasi Output ' || realisasi_output_printed || ' / Capaian Input ' || capaian_input_printed),
            ('Standar Efisiensi', standar_efisiensi, standar_efisiensi_printed, se,
                'Rencana Output ' || rencana_output_printed || ' / Rencana Input ' || rencana_input_printed),
            ('Tingkat Efisiensi', tingkat_efisiensi, tingkat_efisiensi_printed, (ie - se) / nullif(se, 0),
                '(IE ' || angka(ie) || ' - SE ' || angka(se) || ') / SE')
    ) AS c(what, printed_value, printed_text, exact, how)
    WHERE c.printed_value IS NOT NULL AND c.exact IS NOT NULL AND NOT agrees(c.printed_value, c.printed_text, c.exact)
)
SELECT
    source_document_id, 'efisiensi' AS rule, CASE WHEN abs(printed_value - exact) < 0.1 THEN 'rendah' ELSE 'sedang' END AS severity,
    level, kode, NULL AS indikator, tahun,
    CAST(printed_value AS VARCHAR) AS reported, format('{:.2f}', round(exact, 2) + 0.0) AS expected,
    what || ' "' || coalesce(nama_printed, '?') || '" (' || lokasi(caption, source_page, source_sheet, source_row) || ') tercetak '
        || printed_text || ', padahal ' || how || ' = ' || angka(exact) || '.' AS message,
    source_page, source_sheet, source_table, source_row
FROM checks
