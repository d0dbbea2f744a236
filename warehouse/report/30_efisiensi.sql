-- Capaian against serapan, one point per program or kegiatan and year (mart_efisiensi).
SELECT pemda, opd, tahun, level, kode, nama, indikator, serapan_pct, capaian_pct, hasil
FROM mart_efisiensi
WHERE level IN ('program', 'kegiatan') AND list_contains($agencies, concat_ws('|', pemda, opd))
ORDER BY pemda, opd, tahun, kode
