-- Across reports: the same indicator and year (same pemda, OPD, level, code and ukuran) printed
-- with a different value by another document, e.g. a 2024 report reprinting 2023 differently
-- from the 2023 report, or a superseded version against its correction. The reference is the
-- value fct_indikator chose (its precedence: the report of that year first); each other
-- document, loaded or superseded, that prints a different value gets a finding.
-- indikator_key (two regular expressions) once per distinct printed indicator, not per row.
WITH keyed AS (
    SELECT indikator, indikator_key(indikator) AS ik FROM (SELECT DISTINCT indikator FROM fct_indikator_per_dokumen WHERE indikator IS NOT NULL)
),
ref AS (
    SELECT r.*, t.caption
    FROM fct_indikator AS r
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE r.indikator IS NOT NULL
),
o AS (
    SELECT i.*, k.ik, ukuran(i.jenis) AS ukuran, t.caption
    FROM fct_indikator_per_dokumen AS i
    JOIN keyed AS k USING (indikator)
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status IN ('loaded', 'superseded')
)
SELECT
    o.source_document_id, 'lintas_laporan' AS rule, 'sedang' AS severity, o.level, o.kode, o.indikator, o.tahun,
    m.po AS reported, m.pr AS expected,
    kapital(m.measure) || ' "' || o.indikator || '" tahun ' || o.tahun || ' tercetak ' || m.po || ' dalam laporan tahun ' || o.tahun_laporan
        || ' (' || lokasi(o.caption, o.source_page, o.source_sheet, o.source_row) || '), tetapi ' || m.pr || ' dalam laporan tahun '
        || r.tahun_laporan || ' (' || d.file_name || ', ' || lokasi(r.caption, r.source_page, r.source_sheet, r.source_row) || ').' AS message,
    o.source_page, o.source_sheet, o.source_table, o.source_row
FROM o
JOIN ref AS r
    ON r.pemda IS NOT DISTINCT FROM o.pemda AND r.opd IS NOT DISTINCT FROM o.opd AND r.tahun = o.tahun
    AND r.level IS NOT DISTINCT FROM o.level AND r.kode IS NOT DISTINCT FROM o.kode AND r.ukuran = o.ukuran
    AND r.indikator_key = o.ik AND r.triwulan IS NOT DISTINCT FROM o.triwulan
    AND baris_indikator(r.kode, r.jenis, r.sasaran, r.induk) IS NOT DISTINCT FROM baris_indikator(o.kode, o.jenis, o.sasaran, o.induk)
    AND r.source_document_id <> o.source_document_id
JOIN dim_dokumen AS d ON d.source_document_id = r.source_document_id
CROSS JOIN LATERAL (
    VALUES ('target', o.target, r.target, o.target_printed, r.target_printed),
           ('realisasi', o.realisasi, r.realisasi, o.realisasi_printed, r.realisasi_printed),
           ('capaian', o.capaian_pct_reported, r.capaian_pct_reported, o.capaian_printed, r.capaian_printed)
) AS m(measure, vo, vr, po, pr)
WHERE m.vo IS NOT NULL AND m.vr IS NOT NULL AND m.vo <> m.vr
