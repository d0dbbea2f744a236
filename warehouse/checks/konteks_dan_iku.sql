-- Figures a report takes from elsewhere printed differently (rule beda_antar_tabel):
-- a sasaran indicator's realisasi against the official statistic in the report's own context
-- table for its region and year (TPAK 2024 printed 79,88, the BPS table on p.20 gives
-- Kab. Klungkung 77,23); the Renstra end target against the IKU's kondisi akhir; the IKU's
-- kondisi akhir against its own last yearly target. Statistic gaps from 1 point and target
-- gaps from 10 points are tinggi.
WITH v AS (
    SELECT i.*, indikator_key(i.indikator) AS ik, t.caption
    FROM fct_indikator_per_dokumen AS i
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status = 'loaded' AND i.indikator IS NOT NULL
),
stat AS (
    SELECT k.*, t.caption
    FROM fct_konteks AS k
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE k.nilai IS NOT NULL
),
vs_statistic AS (
    SELECT v.*, s.nilai AS other, s.nilai_printed AS other_printed, s.wilayah,
        lokasi(s.caption, s.source_page, s.source_sheet, s.source_row) AS other_place, s.variabel
    FROM v
    JOIN stat AS s
        ON s.source_document_id = v.source_document_id AND s.tahun = v.tahun
        AND contains(name_key(s.variabel), v.ik) AND length(v.ik) >= 8
        AND name_key(replace(replace(s.wilayah, 'Kab.', 'Kabupaten'), 'Prov.', 'Provinsi')) = name_key(v.pemda)
    WHERE v.level IN ('sasaran', 'tujuan') AND v.jenis IN ('tahunan', 'multitahun', 'renstra')
        AND v.realisasi IS NOT NULL AND v.realisasi <> s.nilai
),
renstra_vs_iku AS (
    SELECT r.*, a.target AS other, a.target_printed AS other_printed, lokasi(a.caption, a.source_page, a.source_sheet, a.source_row) AS other_place
    FROM v AS r
    JOIN v AS a ON a.source_document_id = r.source_document_id AND a.ik = r.ik AND a.jenis = 'iku_akhir'
    WHERE r.jenis = 'renstra' AND r.target IS NOT NULL AND a.target IS NOT NULL AND r.target <> a.target
),
akhir_vs_last AS (
    SELECT a.*, y.target AS other, y.target_printed AS other_printed, lokasi(y.caption, y.source_page, y.source_sheet, y.source_row) AS other_place
    FROM v AS a
    JOIN v AS y
        ON y.source_document_id = a.source_document_id AND y.source_table = a.source_table AND y.source_row = a.source_row
        AND y.jenis = 'iku' AND y.tahun = a.tahun
    WHERE a.jenis = 'iku_akhir' AND a.target IS NOT NULL AND y.target IS NOT NULL AND a.target <> y.target
)
SELECT source_document_id, 'beda_antar_tabel' AS rule, CASE WHEN abs(realisasi - other) >= 1 THEN 'tinggi' ELSE 'rendah' END AS severity,
    level, kode, indikator, tahun, CAST(realisasi AS VARCHAR) AS reported, CAST(other AS VARCHAR) AS expected,
    'Realisasi "' || indikator || '" tahun ' || tahun || ' tercetak ' || realisasi_printed || ' (' || lokasi(caption, source_page, source_sheet, source_row)
        || '), sedangkan tabel ' || variabel || ' (' || other_place || ') mencatat ' || wilayah || ' ' || other_printed || '.' AS message,
    source_page, source_sheet, source_table, source_row
FROM vs_statistic
UNION ALL
SELECT source_document_id, 'beda_antar_tabel', CASE WHEN abs(target - other) >= 10 THEN 'tinggi' ELSE 'sedang' END,
    level, kode, indikator, tahun, CAST(target AS VARCHAR), CAST(other AS VARCHAR),
    'Target akhir Renstra "' || indikator || '" tercetak ' || target_printed || ' (' || lokasi(caption, source_page, source_sheet, source_row)
        || '), sedangkan kondisi akhir IKU ' || other_printed || ' (' || other_place || ').',
    source_page, source_sheet, source_table, source_row
FROM renstra_vs_iku
UNION ALL
SELECT source_document_id, 'beda_antar_tabel', CASE WHEN abs(target - other) >= 10 THEN 'tinggi' ELSE 'sedang' END,
    level, kode, indikator, tahun, CAST(target AS VARCHAR), CAST(other AS VARCHAR),
    'Kondisi akhir IKU "' || indikator || '" tercetak ' || target_printed || ' (' || lokasi(caption, source_page, source_sheet, source_row)
        || '), padahal target tahun terakhirnya ' || tahun || ' ' || other_printed || '.',
    source_page, source_sheet, source_table, source_row
FROM akhir_vs_last
