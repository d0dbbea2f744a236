-- The agencies the report covers: every (pemda, opd) with loaded figures that matches the
-- --pemda / --opd filters (case-insensitive parts of the name; an empty list matches all).
-- A document that names no OPD (or no pemda) is still an agency of its own: its figures are
-- drawn under "OPD tidak disebut dokumen" rather than left out.
SELECT pemda, opd, min(tahun) AS tahun_awal, max(tahun) AS tahun_akhir, count(*) AS dokumen
FROM dim_dokumen
WHERE status = 'loaded'
  AND (len($pemda) = 0 OR list_bool_or([contains(lower(coalesce(pemda, '')), lower(f)) FOR f IN $pemda]))
  AND (len($opd) = 0 OR list_bool_or([contains(lower(opd), lower(f)) FOR f IN $opd]))
GROUP BY ALL
ORDER BY pemda, opd
