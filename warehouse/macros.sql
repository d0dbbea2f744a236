-- Small SQL helpers used by checks and marts. Re-created on every run.

-- Names and indicators compared lower-cased, spaces and punctuation dropped ("Antarkerja" = "antar Kerja").
CREATE OR REPLACE MACRO name_key(t) AS lower(regexp_replace(coalesce(t, ''), '[^0-9A-Za-z]+', '', 'g'));

-- Decimals a printed figure shows: "91,98" 2, "100" 0, "6.214.345.759,00" 2.
CREATE OR REPLACE MACRO printed_decimals(p) AS CAST(coalesce(length(regexp_extract(coalesce(p, ''), '[.,]([0-9]{1,2})\s*%?\s*$', 1)), 0) AS INTEGER);

-- A printed figure agrees with an exact value when it is that value rounded or cut to the
-- printed decimals: reports print 91,98 for 91,9864 (Klungkung 2024 p.25, urusan 2) as often
-- as 91,99, and neither is a contradiction; 37,29 for 37,2810 is (p.25, 2.07.01.2.01.02).
CREATE OR REPLACE MACRO agrees(printed_value, printed_text, exact) AS
    abs(CAST(printed_value AS DOUBLE) - round(CAST(exact AS DOUBLE), printed_decimals(printed_text))) < 1e-6
    OR abs(CAST(printed_value AS DOUBLE) - trunc(CAST(exact AS DOUBLE) * power(10, printed_decimals(printed_text))) / power(10, printed_decimals(printed_text))) < 1e-6;

CREATE OR REPLACE MACRO level_rank(l) AS
    CASE l WHEN 'urusan' THEN 1 WHEN 'bidang' THEN 2 WHEN 'program' THEN 3 WHEN 'kegiatan' THEN 4 WHEN 'sub_kegiatan' THEN 5 END;

-- Indonesian number formats for messages: Rp 6.214.345.759,00 and 91,98.
CREATE OR REPLACE MACRO idr(x) AS 'Rp ' || translate(format('{:,.2f}', CAST(x AS DOUBLE)), ',.', '.,');
CREATE OR REPLACE MACRO angka(x) AS translate(format('{:,.2f}', CAST(x AS DOUBLE)), ',.', '.,');

-- "Tabel 3.9, hlm. 25", "hlm. 25", "sheet CIK, baris 9" or, in a .docx, which has no pages,
-- "Tabel 3.9, baris 12" (the row of Word's table): where a reviewer finds the row.
CREATE OR REPLACE MACRO lokasi(caption, page, sheet, row_number) AS
    concat_ws(', ',
        nullif(regexp_extract(coalesce(caption, ''), '(Tabel\s+[0-9]+(\.[0-9]+)*)', 1), ''),
        CASE WHEN page IS NOT NULL THEN 'hlm. ' || page END,
        CASE WHEN page IS NULL AND sheet IS NOT NULL THEN 'sheet ' || sheet END,
        CASE WHEN page IS NULL THEN 'baris ' || coalesce(CAST(row_number AS VARCHAR), '?') END);

-- "Teks hlm. 3", or "Teks" for the running text of a .docx, which has no pages.
CREATE OR REPLACE MACRO lokasi_teks(page) AS 'Teks' || coalesce(' hlm. ' || page, '');

-- Capaian recomputed by direction; a zero target gives 100 when met exactly (0 realised), else null.
CREATE OR REPLACE MACRO capaian_arah(target, realisasi, arah) AS
    CASE
        WHEN target IS NULL OR realisasi IS NULL THEN NULL
        WHEN target = 0 THEN CASE WHEN realisasi = 0 THEN 100.0 END
        WHEN arah = 'turun' THEN (2 * CAST(target AS DOUBLE) - CAST(realisasi AS DOUBLE)) / CAST(target AS DOUBLE) * 100
        ELSE CAST(realisasi AS DOUBLE) / CAST(target AS DOUBLE) * 100
    END;

-- First letter upper-cased ("pagu" -> "Pagu"); DuckDB has no initcap.
CREATE OR REPLACE MACRO kapital(s) AS upper(left(s, 1)) || substr(s, 2);

-- An indicator's identity across tables and years: its name_key without bracketed parts, so
-- "Tingkat partisipasi Angkatan Kerja ( TPAK )" (Tabel 3.1) is the IKU's "Tingkat Partisipasi
-- Angkatan Kerja" (Tabel 2.2).
CREATE OR REPLACE MACRO indikator_key(t) AS name_key(regexp_replace(coalesce(t, ''), '\([^)]*\)', '', 'g'));

-- What a value measures against: the year's target, the Renstra end target, the IKU's end
-- target (kondisi akhir) or its baseline (kondisi awal). Values compare only within one.
CREATE OR REPLACE MACRO ukuran(jenis) AS
    CASE jenis WHEN 'renstra' THEN 'renstra' WHEN 'iku_akhir' THEN 'akhir' WHEN 'iku_awal' THEN 'awal' ELSE 'tahunan' END;

-- Month a document's realisation runs to (dim_dokumen.bulan, "Desember" -> 12); a document that
-- names no month accounts for the whole year (an LKjIP), so it counts as December.
CREATE OR REPLACE MACRO bulan_ke(b) AS coalesce(
    list_position(['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'], lower(trim(b))),
    12);

-- Which kind of document answers first for a budget line printed by several (#15, #17): the
-- final LKjIP, then the realisation reports (RFK, e-monev triwulan, LRA), then the budget
-- documents from the latest (DPPA) to the earliest (RKA); the rest after them.
CREATE OR REPLACE MACRO jenis_ke(j) AS coalesce(
    list_position(['lkjip', 'rfk', 'realisasi_triwulan', 'lra', 'dppa', 'dpa', 'rka', 'renja', 'pk', 'rencana_aksi', 'renstra'], j),
    99);

-- A budget line across documents: its kode, else its level and printed name (a line whose
-- code did not parse); null for a line with neither, which matches no other line.
-- The budget line an indicator of an uncoded budget line belongs to (its name in sasaran, its
-- parent in induk); null for any other indicator, which its kode or level says enough about.
CREATE OR REPLACE MACRO baris_indikator(kode, jenis, sasaran, induk) AS
    CASE WHEN kode IS NULL AND jenis = 'anggaran' THEN name_key(sasaran) || '<' || coalesce(name_key(induk), '') END;

CREATE OR REPLACE MACRO baris_anggaran(kode, level, nama, induk) AS
    CASE WHEN kode IS NOT NULL THEN kode
         WHEN name_key(nama) <> '' THEN coalesce(level, '') || ':' || name_key(nama) || coalesce('<' || name_key(induk), '') END;

-- Absorption realisasi / pagu x 100, half-up to 2 decimals, exactly as transform.anggaran.serapan_pct
-- computes it: DuckDB divides decimals in floating point, so the cents are divided as integers.
CREATE OR REPLACE MACRO serapan_tepat(realisasi, pagu) AS
    CAST(sign(realisasi) * sign(pagu)
        * ((2 * abs(CAST(realisasi * 100 AS HUGEINT)) * 10000 + abs(CAST(pagu * 100 AS HUGEINT))) // (2 * abs(CAST(pagu * 100 AS HUGEINT))))
        AS DECIMAL(14, 0)) * CAST(0.01 AS DECIMAL(3, 2));

-- Each document's budget lines, one row per line per document table (fct_anggaran chooses among
-- them; lintas_dokumen compares them). A row that prints its line is that line. The rows that
-- print parts of one line (rincian_printed: the sub-keluaran and akun belanja of a flat SIPD
-- export, many rows under one sub-kegiatan code, mamberamoraya apbdp-ebudgeting and rkpdp2) are
-- summed into it: choosing one of them would drop the others' money. A part whose amount did not
-- parse ("None") stays out of the sum and parse_issue says how many were left out. The line keeps
-- the first part's row (fact_rowid) for its code, name and provenance; the *_printed of a sum are
-- null (nothing printed it) and so is a printed serapan, which does not add up.
CREATE OR REPLACE MACRO baris_per_dokumen() AS TABLE
SELECT
    arg_min(a.rowid, a.source_row) AS fact_rowid,
    a.source_document_id, a.source_table, min(a.source_row) AS source_row,
    a.tahun, a.triwulan, a.pemda, a.opd, any_value(a.induk) AS induk,
    coalesce(baris_anggaran(a.kode, a.level, a.nama_printed, a.induk), a.source_document_id || ':' || a.source_table || ':' || a.source_row) AS baris_key,
    CAST(count(a.rincian_printed) AS INTEGER) AS rincian_count,
    CAST(sum(a.pagu_idr) AS DECIMAL(18, 2)) AS pagu_idr,
    CAST(sum(a.pagu_sebelum_idr) AS DECIMAL(18, 2)) AS pagu_sebelum_idr,
    CAST(sum(a.realisasi_idr) AS DECIMAL(18, 2)) AS realisasi_idr,
    -- a line with any part read by OCR is an OCR line, as sure as its least sure part
    coalesce(bool_or(a.ocr), false) AS ocr, min(a.ocr_confidence) AS ocr_confidence,
    CASE WHEN count(*) = 1 THEN any_value(a.pagu_printed) END AS pagu_printed,
    CASE WHEN count(*) = 1 THEN any_value(a.pagu_sebelum_printed) END AS pagu_sebelum_printed,
    CASE WHEN count(*) = 1 THEN any_value(a.realisasi_printed) END AS realisasi_printed,
    CASE WHEN count(*) = 1 THEN any_value(a.serapan_pct_reported) END AS serapan_pct_reported,
    CASE WHEN count(*) = 1 THEN any_value(a.serapan_printed) END AS serapan_printed,
    CASE WHEN count(*) = 1 THEN any_value(a.serapan_pct)
         WHEN sum(a.pagu_idr) <> 0 THEN CAST(serapan_tepat(sum(a.realisasi_idr), sum(a.pagu_idr)) AS DECIMAL(12, 2)) END AS serapan_pct,
    CASE WHEN count(*) = 1 THEN any_value(a.parse_issue)
         ELSE nullif(concat_ws('; ',
            CASE WHEN count(*) FILTER (a.pagu_idr IS NULL AND coalesce(a.pagu_printed, '') <> '') > 0 THEN
                'pagu: jumlah ' || count(*) || ' rincian tanpa ' || count(*) FILTER (a.pagu_idr IS NULL AND coalesce(a.pagu_printed, '') <> '')
                || ' yang bukan angka (fct_anggaran_per_dokumen)' END,
            CASE WHEN count(*) FILTER (a.pagu_sebelum_idr IS NULL AND coalesce(a.pagu_sebelum_printed, '') <> '') > 0 THEN
                'pagu_sebelum: jumlah ' || count(*) || ' rincian tanpa ' || count(*) FILTER (a.pagu_sebelum_idr IS NULL AND coalesce(a.pagu_sebelum_printed, '') <> '')
                || ' yang bukan angka (fct_anggaran_per_dokumen)' END,
            CASE WHEN count(*) FILTER (a.realisasi_idr IS NULL AND coalesce(a.realisasi_printed, '') <> '') > 0 THEN
                'realisasi: jumlah ' || count(*) || ' rincian tanpa ' || count(*) FILTER (a.realisasi_idr IS NULL AND coalesce(a.realisasi_printed, '') <> '')
                || ' yang bukan angka (fct_anggaran_per_dokumen)' END), '') END AS parse_issue
FROM fct_anggaran_per_dokumen AS a
GROUP BY a.source_document_id, a.source_table, a.tahun, a.triwulan, a.pemda, a.opd,
    coalesce(baris_anggaran(a.kode, a.level, a.nama_printed, a.induk), a.source_document_id || ':' || a.source_table || ':' || a.source_row),
    CASE WHEN a.rincian_printed IS NULL THEN a.rowid END;

-- A finding's printed or expected figure as text without the zeros a column's scale adds:
-- DECIMAL(18,6) prints 93,85 as 93.850000; the finding says 93.85 (two decimals kept, as money
-- is written, and every digit the document printed: 0.49505).
CREATE OR REPLACE MACRO angka_polos(t) AS regexp_replace(t, '^(-?[0-9]+\.[0-9]{2}[0-9]*?)0+$', '\1');
