-- One row per tahun x pemda x opd x kode: budget absorption, with the previous year beside it.
-- The lines are fct_anggaran's one answer per line (its precedence: a row with realisasi,
-- the later month, the PDF over its export, the newer file); of the tahapan, the amended budget
-- (perubahan) beats the original (murni), which beats a document that names neither.
-- The mart is of the year: a quarter's own figures (fct_anggaran.triwulan) are left out, never
-- added to or taken for the annual ones.
CREATE OR REPLACE TABLE mart_serapan_anggaran AS
WITH picked AS (
    SELECT
        first(rowid ORDER BY CASE tahapan WHEN 'perubahan' THEN 0 WHEN 'murni' THEN 1 ELSE 2 END) AS fact_rowid
    FROM fct_anggaran
    WHERE kode IS NOT NULL AND triwulan IS NULL
    GROUP BY tahun, pemda, opd, kode
),
chosen AS (
    SELECT a.* FROM picked AS p JOIN fct_anggaran AS a ON a.rowid = p.fact_rowid
),
-- name_key is a regular expression: the printed name is compared with the official one once
-- per distinct (kode, nama), not once per line.
named AS (
    SELECT c.kode, c.nama_printed, n.nama AS nama_resmi,
        n.nama IS NOT NULL AND name_key(n.nama) = name_key(c.nama_printed) AS is_nama_resmi
    FROM (SELECT DISTINCT kode, nama_printed FROM chosen) AS c
    LEFT JOIN dim_nomenklatur AS n ON n.kode = c.kode AND n.versi = '2023'
),
suggested AS (
    SELECT source_document_id, source_table, source_row, min(expected) AS kode_disarankan
    FROM fct_temuan
    WHERE rule = 'nomenklatur' AND regexp_full_match(expected, '[0-9X.]+')
    GROUP BY ALL
)
SELECT
    c.tahun,
    c.pemda,
    c.opd,
    c.kode,
    c.level,
    c.tahapan,
    c.nama_printed AS nama,
    c.pagu_idr,
    c.realisasi_idr,
    c.serapan_pct,
    c.serapan_pct_reported,
    p.pagu_idr AS pagu_idr_prev,
    p.realisasi_idr AS realisasi_idr_prev,
    p.serapan_pct AS serapan_pct_prev,
    c.serapan_pct - p.serapan_pct AS serapan_change_pct_point,
    n.nama_resmi,
    n.is_nama_resmi,
    s.kode_disarankan,
    c.dokumen_count,
    c.is_sepakat,
    c.source_document_id,
    c.source_page
FROM chosen AS c
JOIN named AS n ON n.kode = c.kode AND n.nama_printed IS NOT DISTINCT FROM c.nama_printed
LEFT JOIN suggested AS s
    ON s.source_document_id = c.source_document_id AND s.source_table = c.source_table AND s.source_row = c.source_row
LEFT JOIN chosen AS p
    ON p.pemda IS NOT DISTINCT FROM c.pemda
    AND p.opd IS NOT DISTINCT FROM c.opd
    AND p.kode = c.kode
    AND p.tahun = c.tahun - 1
ORDER BY c.tahun, c.pemda, c.opd, c.kode;
COMMENT ON TABLE mart_serapan_anggaran IS 'One row per tahun x pemda x opd x kode: pagu, realisasi and absorption of each budget line, with the previous year and the change.';
COMMENT ON COLUMN mart_serapan_anggaran.tahun IS 'Budget year.';
COMMENT ON COLUMN mart_serapan_anggaran.pemda IS 'Local government.';
COMMENT ON COLUMN mart_serapan_anggaran.opd IS 'Agency.';
COMMENT ON COLUMN mart_serapan_anggaran.kode IS 'Canonical code of the line as printed.';
COMMENT ON COLUMN mart_serapan_anggaran.level IS 'urusan, bidang, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN mart_serapan_anggaran.tahapan IS 'Budget stage of the chosen figures: perubahan beats murni, which beats a document that names neither.';
COMMENT ON COLUMN mart_serapan_anggaran.nama IS 'Name as printed in the chosen document.';
COMMENT ON COLUMN mart_serapan_anggaran.pagu_idr IS 'Budget ceiling in rupiah.';
COMMENT ON COLUMN mart_serapan_anggaran.realisasi_idr IS 'Spending in rupiah.';
COMMENT ON COLUMN mart_serapan_anggaran.serapan_pct IS 'Absorption recomputed from pagu and realisasi, percent.';
COMMENT ON COLUMN mart_serapan_anggaran.serapan_pct_reported IS 'Absorption as printed, percent.';
COMMENT ON COLUMN mart_serapan_anggaran.pagu_idr_prev IS 'Pagu of the same code the year before, when loaded.';
COMMENT ON COLUMN mart_serapan_anggaran.realisasi_idr_prev IS 'Realisasi of the same code the year before.';
COMMENT ON COLUMN mart_serapan_anggaran.serapan_pct_prev IS 'Recomputed absorption the year before.';
COMMENT ON COLUMN mart_serapan_anggaran.serapan_change_pct_point IS 'serapan_pct minus serapan_pct_prev, in percentage points.';
COMMENT ON COLUMN mart_serapan_anggaran.nama_resmi IS 'Official name of the code (Kepmendagri 900.1-15.5-1317/2023), null when the code is not in it.';
COMMENT ON COLUMN mart_serapan_anggaran.is_nama_resmi IS 'True when the printed name is the official one (case, spacing and punctuation ignored).';
COMMENT ON COLUMN mart_serapan_anggaran.kode_disarankan IS 'The official code the printed name or indicator belongs to, when the nomenklatur check found another one.';
COMMENT ON COLUMN mart_serapan_anggaran.dokumen_count IS 'Loaded documents printing the line (fct_anggaran.dokumen_count).';
COMMENT ON COLUMN mart_serapan_anggaran.is_sepakat IS 'False when those documents disagree (fct_temuan, rule lintas_dokumen, names them).';
COMMENT ON COLUMN mart_serapan_anggaran.source_document_id IS 'Document the chosen figures come from.';
COMMENT ON COLUMN mart_serapan_anggaran.source_page IS 'Page of the chosen row.';
