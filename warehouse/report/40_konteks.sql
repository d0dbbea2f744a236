-- The labour-force participation rate (TPAK) of every region a chosen pemda's reports print,
-- over the years: the report's region among its neighbours (mart_konteks_wilayah).
SELECT pemda_pelapor, variabel, wilayah, tahun, nilai, satuan, peringkat
FROM mart_konteks_wilayah
WHERE (variabel ILIKE '%partisipasi angkatan kerja%' OR variabel ILIKE '%TPAK%')
  AND kategori IS NULL AND nilai IS NOT NULL
  AND list_contains($pemdas, pemda_pelapor)
ORDER BY pemda_pelapor, variabel, wilayah, tahun
