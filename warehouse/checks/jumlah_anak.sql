-- A parent's pagu or realisasi differs from the sum of the rows printed under it.
-- Children are found by position, not by code: the rows after a parent down to the next
-- row of its level or higher (Klungkung 2024 p.25 prints sub-kegiatan 2.07.01.2.05.0003
-- under kegiatan row 2.07.01.2.03; the code would put it elsewhere). A table of per-quarter
-- columns gives each quarter its own rows (triwulan): each quarter is summed on its own.
WITH lines AS (
    SELECT a.*, level_rank(a.level) AS rk, t.caption
    FROM fct_anggaran_per_dokumen AS a
    JOIN dim_dokumen AS d USING (source_document_id)
    LEFT JOIN stg_tabel AS t USING (source_document_id, source_table)
    WHERE d.status = 'loaded' AND a.level IS NOT NULL
),
last_of_rank AS (
    SELECT
        *,
        max(CASE WHEN rk = 1 THEN source_row END) OVER w AS r1,
        max(CASE WHEN rk = 2 THEN source_row END) OVER w AS r2,
        max(CASE WHEN rk = 3 THEN source_row END) OVER w AS r3,
        max(CASE WHEN rk = 4 THEN source_row END) OVER w AS r4
    FROM lines
    WINDOW w AS (PARTITION BY source_document_id, source_table, triwulan ORDER BY source_row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
children AS (
    SELECT
        source_document_id, source_table, triwulan,
        greatest(
            CASE WHEN rk > 1 THEN r1 END, CASE WHEN rk > 2 THEN r2 END,
            CASE WHEN rk > 3 THEN r3 END, CASE WHEN rk > 4 THEN r4 END
        ) AS parent_row,
        pagu_idr, realisasi_idr
    FROM last_of_rank
),
sums AS (
    SELECT source_document_id, source_table, triwulan, parent_row, sum(pagu_idr) AS pagu, sum(realisasi_idr) AS realisasi, count(*) AS n
    FROM children
    WHERE parent_row IS NOT NULL
    GROUP BY ALL
),
compared AS (
    SELECT p.*, s.n, m.measure, m.printed, m.summed
    FROM lines AS p
    JOIN sums AS s ON s.source_document_id = p.source_document_id AND s.source_table = p.source_table AND s.parent_row = p.source_row
        AND s.triwulan IS NOT DISTINCT FROM p.triwulan
    CROSS JOIN LATERAL (
        VALUES ('pagu', p.pagu_idr, s.pagu), ('realisasi', p.realisasi_idr, s.realisasi)
    ) AS m(measure, printed, summed)
    WHERE m.printed IS NOT NULL AND m.summed IS NOT NULL AND m.printed <> m.summed
)
SELECT
    source_document_id,
    'jumlah_anak' AS rule,
    'tinggi' AS severity,
    level,
    kode,
    NULL AS indikator,
    tahun,
    CAST(printed AS VARCHAR) AS reported,
    CAST(summed AS VARCHAR) AS expected,
    kapital(measure) || ' ' || replace(level, '_', ' ') || ' ' || coalesce(kode, kode_printed) || ' (' || lokasi(caption, source_page, source_sheet, source_row)
        || ') tercetak ' || idr(printed) || ', sedangkan jumlah ' || n || ' baris di bawahnya ' || idr(summed)
        || ' (selisih ' || idr(printed - summed) || ').' AS message,
    source_page, source_sheet, source_table, source_row
FROM compared
