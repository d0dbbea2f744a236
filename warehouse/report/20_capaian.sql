-- Yearly achievement of sasaran, tujuan and program indicators, one series per indicator:
-- spellings that differ only in case, spacing or a bracketed acronym ("Tingkat partisipasi
-- Angkatan Kerja ( TPAK )" in Tabel 2.2 and "Tingkat Partisipasi Angkatan Kerja" in
-- Tabel 3.1 of Klungkung 2024) are one series, named by its latest spelling.
WITH chosen AS (
    SELECT *, indikator_key(indikator) AS kunci
    FROM mart_capaian_indikator
    WHERE ukuran = 'tahunan' AND level IN ('tujuan', 'sasaran', 'program')
      AND list_contains($agencies, concat_ws('|', pemda, opd))
)
SELECT pemda, opd, level, coalesce(kode, '') AS kode, kunci,
       last(indikator ORDER BY tahun, indikator) OVER w AS indikator,
       last(arah ORDER BY tahun) OVER w AS arah,
       tahun, satuan, target, realisasi, capaian_pct_reported, capaian_pct
FROM chosen
WHERE realisasi IS NOT NULL OR capaian_pct_reported IS NOT NULL
WINDOW w AS (PARTITION BY pemda, opd, level, kode, kunci ORDER BY tahun ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
QUALIFY row_number() OVER (PARTITION BY pemda, opd, level, kode, kunci, tahun ORDER BY source_count DESC, indikator) = 1
ORDER BY pemda, opd, CASE level WHEN 'tujuan' THEN 0 WHEN 'sasaran' THEN 1 ELSE 2 END, kode, kunci, tahun
