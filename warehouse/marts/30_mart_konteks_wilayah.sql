-- One row per tahun x wilayah x variabel x kategori: context statistics as the reports print
-- them, one truth (the report of that year, else the latest), with the region's rank among
-- the regions of the same table and year, and the change from the year before.
CREATE OR REPLACE TABLE mart_konteks_wilayah AS
WITH ranked AS (
    SELECT k.*, d.loaded_at,
        replace(replace(k.wilayah, 'Kab. ', 'Kabupaten '), 'Prov. ', 'Provinsi ') AS wilayah_baku,
        row_number() OVER (
            PARTITION BY k.tahun, name_key(replace(replace(k.wilayah, 'Kab. ', 'Kabupaten '), 'Prov. ', 'Provinsi ')), name_key(k.variabel), coalesce(k.kategori, '')
            ORDER BY CASE WHEN k.tahun_laporan = k.tahun THEN 0 ELSE 1 END, k.tahun_laporan DESC, d.loaded_at DESC
        ) AS pick
    FROM fct_konteks AS k
    JOIN dim_dokumen AS d USING (source_document_id)
    WHERE d.status = 'loaded'
),
chosen AS (SELECT * FROM ranked WHERE pick = 1)
SELECT
    c.tahun, c.wilayah_baku AS wilayah, c.variabel, c.kategori, c.nilai, c.satuan,
    CASE WHEN c.wilayah_baku NOT LIKE 'Provinsi%' AND c.nilai IS NOT NULL THEN
        rank() OVER (PARTITION BY c.tahun, name_key(c.variabel), coalesce(c.kategori, ''), c.wilayah_baku LIKE 'Provinsi%' ORDER BY c.nilai DESC)
    END AS peringkat,
    c.nilai - p.nilai AS perubahan,
    c.tahun_laporan, c.pemda AS pemda_pelapor, c.source_document_id, c.source_page
FROM chosen AS c
LEFT JOIN chosen AS p
    ON p.tahun = c.tahun - 1 AND name_key(p.wilayah_baku) = name_key(c.wilayah_baku)
    AND name_key(p.variabel) = name_key(c.variabel) AND coalesce(p.kategori, '') = coalesce(c.kategori, '')
ORDER BY c.variabel, c.tahun, c.wilayah_baku;
COMMENT ON TABLE mart_konteks_wilayah IS 'One row per tahun x wilayah x variabel x kategori: context statistics (TPAK of every kabupaten/kota, UMK, staff counts), one truth per value, ranked among regions.';
COMMENT ON COLUMN mart_konteks_wilayah.tahun IS 'Year.';
COMMENT ON COLUMN mart_konteks_wilayah.wilayah IS 'Region, Kab./Prov. spelled out.';
COMMENT ON COLUMN mart_konteks_wilayah.variabel IS 'What is measured.';
COMMENT ON COLUMN mart_konteks_wilayah.kategori IS 'Category within the variable, when any.';
COMMENT ON COLUMN mart_konteks_wilayah.nilai IS 'Value.';
COMMENT ON COLUMN mart_konteks_wilayah.satuan IS 'Unit.';
COMMENT ON COLUMN mart_konteks_wilayah.peringkat IS 'Rank of the region among the kabupaten/kota with the same variable and year (1 = highest); null for provinces.';
COMMENT ON COLUMN mart_konteks_wilayah.perubahan IS 'Change from the year before.';
COMMENT ON COLUMN mart_konteks_wilayah.tahun_laporan IS 'Year of the report the value comes from.';
COMMENT ON COLUMN mart_konteks_wilayah.pemda_pelapor IS 'Pemda whose report printed it.';
COMMENT ON COLUMN mart_konteks_wilayah.source_document_id IS 'Document.';
COMMENT ON COLUMN mart_konteks_wilayah.source_page IS 'Page.';
