-- Budget absorption per program per year (mart_serapan_anggaran), for the chosen agencies.
SELECT pemda, opd, kode, tahun, nama, nama_resmi, pagu_idr, realisasi_idr, serapan_pct, serapan_pct_reported
FROM mart_serapan_anggaran
WHERE level = 'program' AND list_contains($agencies, concat_ws('|', pemda, opd))
ORDER BY pemda, opd, kode, tahun
