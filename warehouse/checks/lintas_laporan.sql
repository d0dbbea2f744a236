-- Across reports: the same indicator and year (same pemda, OPD and code) printed with a
-- different value by another document, e.g. a 2024 report reprinting 2023 differently from
-- the 2023 report, or a superseded version against its correction. The value of a loaded
-- report of that year (else the latest report) is the reference; each document that differs
-- from it gets a finding.
-- indikator_key (two regular expressions) once per distinct printed indicator, not per row.
WITH keyed AS (
    SELECT indikator, indikator_key(indikator) AS ik FROM (SELECT DISTINCT indikator FROM fct_indikator WHERE indikator IS NOT NULL)
),
v AS (
    SELECT i.*, k.ik, ukuran(i.jenis) AS ukuran,
        d.format, d.loaded_at, d.status, t.caption
    FROM fct_indikator AS i
    JOIN keyed AS k USING (indikator)
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status IN ('loaded', 'superseded') AND i.indikator IS NOT NULL
),
-- Only an indicator-year printed more than once can differ: rows of the others are not ranked.
repeated AS (
    SELECT pemda, opd, tahun, ik, ukuran, coalesce(kode, '') AS kode_key
    FROM v
    GROUP BY ALL
    HAVING count(*) > 1
),
ranked AS (
    SELECT *, row_number() OVER (
        PARTITION BY pemda, opd, tahun, ik, ukuran, coalesce(kode, '')
        ORDER BY CASE WHEN status = 'loaded' THEN 0 ELSE 1 END, CASE WHEN tahun_laporan = tahun THEN 0 ELSE 1 END, tahun_laporan DESC,
                 CASE WHEN format = 'pdf' THEN 1 ELSE 0 END, loaded_at DESC, source_page, source_row
    ) AS pick
    FROM v
    SEMI JOIN repeated AS g
        ON g.pemda IS NOT DISTINCT FROM v.pemda AND g.opd IS NOT DISTINCT FROM v.opd AND g.tahun = v.tahun
        AND g.ik = v.ik AND g.ukuran = v.ukuran AND g.kode_key = coalesce(v.kode, '')
),
ref AS (SELECT * FROM ranked WHERE pick = 1)
SELECT
    o.source_document_id, 'lintas_laporan' AS rule, 'sedang' AS severity, o.level, o.kode, o.indikator, o.tahun,
    m.po AS reported, m.pr AS expected,
    kapital(m.measure) || ' "' || o.indikator || '" tahun ' || o.tahun || ' tercetak ' || m.po || ' dalam laporan tahun ' || o.tahun_laporan
        || ' (' || lokasi(o.caption, o.source_page, o.source_sheet, o.source_row) || '), tetapi ' || m.pr || ' dalam laporan tahun '
        || r.tahun_laporan || ' (' || d.file_name || ', ' || lokasi(r.caption, r.source_page, r.source_sheet, r.source_row) || ').' AS message,
    o.source_page, o.source_sheet, o.source_table, o.source_row
FROM ranked AS o
JOIN ref AS r
    ON r.pemda IS NOT DISTINCT FROM o.pemda AND r.opd IS NOT DISTINCT FROM o.opd AND r.tahun = o.tahun
    AND r.ik = o.ik AND r.ukuran = o.ukuran AND coalesce(r.kode, '') = coalesce(o.kode, '')
    AND r.source_document_id <> o.source_document_id
JOIN dim_dokumen AS d ON d.source_document_id = r.source_document_id
CROSS JOIN LATERAL (
    VALUES ('target', o.target, r.target, o.target_printed, r.target_printed),
           ('realisasi', o.realisasi, r.realisasi, o.realisasi_printed, r.realisasi_printed),
           ('capaian', o.capaian_pct_reported, r.capaian_pct_reported, o.capaian_printed, r.capaian_printed)
) AS m(measure, vo, vr, po, pr)
WHERE o.pick > 1 AND m.vo IS NOT NULL AND m.vr IS NOT NULL AND m.vo <> m.vr
