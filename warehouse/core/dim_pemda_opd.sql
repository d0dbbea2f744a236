-- One row per local government, and one per agency, named by the loaded documents.
CREATE OR REPLACE TABLE dim_pemda AS
SELECT pemda, count(DISTINCT opd) AS opd_count, count(*) AS dokumen_count, min(tahun) AS tahun_pertama, max(tahun) AS tahun_terakhir
FROM dim_dokumen
WHERE status IN ('loaded', 'superseded') AND pemda IS NOT NULL
GROUP BY pemda;
COMMENT ON TABLE dim_pemda IS 'One row per local government (pemda) named by a loaded document.';
COMMENT ON COLUMN dim_pemda.pemda IS 'Name as the reports print it (Kabupaten Klungkung).';
COMMENT ON COLUMN dim_pemda.opd_count IS 'Agencies of this pemda with documents.';
COMMENT ON COLUMN dim_pemda.dokumen_count IS 'Documents (loaded or superseded).';
COMMENT ON COLUMN dim_pemda.tahun_pertama IS 'Earliest report year.';
COMMENT ON COLUMN dim_pemda.tahun_terakhir IS 'Latest report year.';

CREATE OR REPLACE TABLE dim_opd AS
SELECT pemda, opd, count(*) AS dokumen_count, list(DISTINCT tahun ORDER BY tahun) AS tahun_laporan
FROM dim_dokumen
WHERE status IN ('loaded', 'superseded') AND opd IS NOT NULL
GROUP BY pemda, opd;
COMMENT ON TABLE dim_opd IS 'One row per agency (OPD) of a pemda named by a loaded document.';
COMMENT ON COLUMN dim_opd.pemda IS 'Local government.';
COMMENT ON COLUMN dim_opd.opd IS 'Agency name as printed (Dinas Ketenagakerjaan).';
COMMENT ON COLUMN dim_opd.dokumen_count IS 'Documents (loaded or superseded).';
COMMENT ON COLUMN dim_opd.tahun_laporan IS 'Report years present.';
