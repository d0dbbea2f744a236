-- kinerja warehouse: staged (stg_), core (dim_, fct_) tables. Marts live in marts/*.sql.
-- Every table states its grain; provenance columns come last on staged and core rows.

CREATE TABLE IF NOT EXISTS dim_dokumen (
    source_document_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    jenis VARCHAR,
    pemda VARCHAR,
    pemda_inferred BOOLEAN DEFAULT false,
    opd VARCHAR,
    tahun INTEGER,
    tahapan VARCHAR,
    bulan VARCHAR,
    triwulan INTEGER,
    metadata_note VARCHAR,
    page_count INTEGER,
    sheets VARCHAR,
    status VARCHAR NOT NULL,
    error VARCHAR,
    tables_found INTEGER,
    tables_recognised INTEGER,
    pages_without_text VARCHAR,
    pages_figures_no_table VARCHAR,
    number_locale VARCHAR,
    notes VARCHAR,
    file_size_bytes BIGINT,
    file_modified_at TIMESTAMP WITH TIME ZONE,
    loaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE dim_dokumen IS 'One row per source file version (by content hash): what it is, whether it loaded, and why not.';
COMMENT ON COLUMN dim_dokumen.source_document_id IS 'sha256 of the file bytes: the key every fact carries back to its document.';
COMMENT ON COLUMN dim_dokumen.file_name IS 'File name as it was found in the input folder.';
COMMENT ON COLUMN dim_dokumen.format IS 'pdf, docx, xlsx, xls, ods or csv (by content where it could be told, else by extension).';
COMMENT ON COLUMN dim_dokumen.jenis IS 'Kind of document, from its title, running header or the sentence naming it (else from its recognised tables): lkjip (also LAKIP, LKIP, LKj), pk, renstra, renja, rka, dpa, dppa, rfk, lra, rencana_aksi, realisasi_triwulan (e-monev, e-IKU) or other (a CIK export, an RKPD, an untitled budget export).';
COMMENT ON COLUMN dim_dokumen.pemda IS 'Local government the document belongs to, as it names itself (e.g. Kabupaten Klungkung, Provinsi Jawa Barat); null when the document names none (metadata_note says so) and no other document of its OPD does.';
COMMENT ON COLUMN dim_dokumen.pemda_inferred IS 'True when the document does not name its pemda (a spreadsheet export) and it was taken from the other loaded documents of the same OPD, which all name that one.';
COMMENT ON COLUMN dim_dokumen.opd IS 'Agency (organisasi perangkat daerah) that published the document, as its cover, title block, running header or signature names it (e.g. Dinas Ketenagakerjaan); null for a pemda-wide file.';
COMMENT ON COLUMN dim_dokumen.tahun IS 'The budget/performance year the figures are for, from the title and cover first (not the year of publication, not a comparison table''s year columns).';
COMMENT ON COLUMN dim_dokumen.tahapan IS 'Budget stage the figures belong to: murni (original budget) or perubahan (amended budget), from the title (LAPORAN CAPAIAN INDIKATOR KINERJA PERUBAHAN), the column headers of an export (JUMLAH PERUBAHAN) or the kind (an RKA or DPA is murni, a DPPA perubahan); null when the document does not say.';
COMMENT ON COLUMN dim_dokumen.bulan IS 'Month the realisation is counted up to, from the title block (BULAN : Desember, Bulan : AGUSTUS 2022), as its Indonesian name.';
COMMENT ON COLUMN dim_dokumen.triwulan IS 'Quarter (1-4) the figures are for, when the title names one (Triwulan II); null for a span (Triwulan I - IV) or none.';
COMMENT ON COLUMN dim_dokumen.metadata_note IS 'Where each of jenis, pemda, opd, tahun, tahapan, bulan and triwulan was read (sampul, judul, header/footer, tanda tangan, kalimat judul, kolom tahun, kepala tabel, isi sel; jenis tabel when only the recognised tables told the kind; jenis when the stage follows from the kind; berkas .meta.json when the user supplied it) and which of pemda, opd, tahun the document does not state; a pemda taken from the other documents of the same OPD is said as pemda: disimpulkan dari dokumen lain OPD yang sama (pemda_inferred).';
COMMENT ON COLUMN dim_dokumen.page_count IS 'Pages in the PDF (null for spreadsheets and .docx, which have none).';
COMMENT ON COLUMN dim_dokumen.sheets IS 'For spreadsheets: the sheets that held recognised tables (skipped ones are named in notes).';
COMMENT ON COLUMN dim_dokumen.status IS 'loaded, rejected or superseded (an older version of a report of the same kind, pemda, OPD, year and format; kept queryable, left out of the marts). A rejected document keeps the jenis, pemda, opd and tahun it states when they could be read.';
COMMENT ON COLUMN dim_dokumen.error IS 'For rejected files: one line naming file, page or sheet and the cause.';
COMMENT ON COLUMN dim_dokumen.tables_found IS 'Tables found in the document (stitched across pages).';
COMMENT ON COLUMN dim_dokumen.tables_recognised IS 'Tables whose kind was recognised from their header.';
COMMENT ON COLUMN dim_dokumen.pages_without_text IS 'Comma-separated pages with no text layer (scanned images).';
COMMENT ON COLUMN dim_dokumen.pages_figures_no_table IS 'Comma-separated pages that print figures but hold no ruled table: places to look when a table is missed.';
COMMENT ON COLUMN dim_dokumen.number_locale IS 'id (1.234,56) or en (1,234.56): how the document prints numbers.';
COMMENT ON COLUMN dim_dokumen.notes IS 'Remarks of the extraction about this document.';
COMMENT ON COLUMN dim_dokumen.file_size_bytes IS 'Size of the file in bytes.';
COMMENT ON COLUMN dim_dokumen.file_modified_at IS 'The file''s modification time when read: of two versions of one report in one format, the newer one stays loaded.';
COMMENT ON COLUMN dim_dokumen.loaded_at IS 'When this row was written (UTC).';
COMMENT ON COLUMN dim_dokumen.extractor_version IS 'Version of kinerja''s extractor that read the file.';

CREATE TABLE IF NOT EXISTS stg_tabel (
    source_document_id VARCHAR NOT NULL,
    source_table INTEGER NOT NULL,
    kind VARCHAR,
    caption VARCHAR,
    header VARCHAR,
    pages VARCHAR,
    source_sheet VARCHAR,
    row_count INTEGER NOT NULL,
    column_count INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE stg_tabel IS 'One row per table found in a document (stitched over page breaks), recognised or not.';
COMMENT ON COLUMN stg_tabel.source_document_id IS 'Document the table is in (dim_dokumen).';
COMMENT ON COLUMN stg_tabel.source_table IS 'Ordinal of the table in its document, 1-based (.docx: every table in document order, a nested table right after the one holding it); facts name it in source_table.';
COMMENT ON COLUMN stg_tabel.kind IS 'Recognised kind: anggaran, sasaran_tahunan, sasaran_multitahun, renstra, iku, perjanjian_kinerja, efisiensi, konteks_wilayah, pegawai; null when not recognised.';
COMMENT ON COLUMN stg_tabel.caption IS 'The "Tabel x.y" caption printed above the table, when there is one.';
COMMENT ON COLUMN stg_tabel.header IS 'Header paths the table was recognised by, columns separated by " | ".';
COMMENT ON COLUMN stg_tabel.pages IS 'Comma-separated pages the table spans (null for spreadsheets and .docx).';
COMMENT ON COLUMN stg_tabel.source_sheet IS 'Sheet the table is on (spreadsheets only).';
COMMENT ON COLUMN stg_tabel.row_count IS 'Body rows after stitching.';
COMMENT ON COLUMN stg_tabel.column_count IS 'Columns of the grid.';
COMMENT ON COLUMN stg_tabel.extractor_version IS 'Version of kinerja''s extractor.';

CREATE TABLE IF NOT EXISTS stg_sel (
    source_document_id VARCHAR NOT NULL,
    source_table INTEGER NOT NULL,
    source_page INTEGER,
    source_sheet VARCHAR,
    source_row INTEGER NOT NULL,
    column_index INTEGER NOT NULL,
    column_name VARCHAR,
    column_tahun INTEGER,
    text VARCHAR NOT NULL,
    x0 DOUBLE,
    top DOUBLE,
    x1 DOUBLE,
    bottom DOUBLE,
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE stg_sel IS 'One row per non-empty body cell of every table, exactly as printed: the raw layer every fact can be traced to.';
COMMENT ON COLUMN stg_sel.source_document_id IS 'Document the cell is in.';
COMMENT ON COLUMN stg_sel.source_table IS 'Table ordinal in the document (stg_tabel).';
COMMENT ON COLUMN stg_sel.source_page IS 'Page the cell is printed on (1-based); null for spreadsheets and .docx.';
COMMENT ON COLUMN stg_sel.source_sheet IS 'Sheet the cell is on (spreadsheets only).';
COMMENT ON COLUMN stg_sel.source_row IS 'PDF: body row in the stitched table (1-based); spreadsheet: the sheet''s own row number; .docx: the row in Word''s table, header rows counted. As in the facts.';
COMMENT ON COLUMN stg_sel.column_index IS 'Grid column, 0-based (spreadsheet column A is 0).';
COMMENT ON COLUMN stg_sel.column_name IS 'Canonical column the header maps to (pagu, realisasi, target...), null when unknown.';
COMMENT ON COLUMN stg_sel.column_tahun IS 'Year printed in the column header, for multi-year tables.';
COMMENT ON COLUMN stg_sel.text IS 'Cell text as printed, line breaks kept.';
COMMENT ON COLUMN stg_sel.x0 IS 'Left edge of the cell on the page, in PDF points; null for spreadsheets and .docx.';
COMMENT ON COLUMN stg_sel.top IS 'Top edge of the cell, points from the top of the page.';
COMMENT ON COLUMN stg_sel.x1 IS 'Right edge of the cell, in points.';
COMMENT ON COLUMN stg_sel.bottom IS 'Bottom edge of the cell, points from the top of the page.';
COMMENT ON COLUMN stg_sel.extractor_version IS 'Version of kinerja''s extractor.';
COMMENT ON COLUMN stg_sel.ocr IS 'True when the cell was read by OCR from a scanned page (no text layer): check it against the page image.';
COMMENT ON COLUMN stg_sel.ocr_confidence IS 'OCR only: Tesseract''s lowest word confidence (0-100) among the cell''s OCR words; below 80 a misread is likely.';

CREATE TABLE IF NOT EXISTS fct_anggaran_per_dokumen (
    tahun INTEGER NOT NULL,
    triwulan INTEGER,
    pemda VARCHAR,
    opd VARCHAR,
    kode VARCHAR,
    kode_printed VARCHAR,
    level VARCHAR,
    nomor_printed VARCHAR,
    nama_printed VARCHAR,
    rincian_printed VARCHAR,
    induk VARCHAR,
    pagu_idr DECIMAL(18, 2),
    pagu_printed VARCHAR,
    pagu_sebelum_idr DECIMAL(18, 2),
    pagu_sebelum_printed VARCHAR,
    realisasi_idr DECIMAL(18, 2),
    realisasi_printed VARCHAR,
    serapan_pct_reported DECIMAL(18, 6),
    serapan_printed VARCHAR,
    serapan_pct DECIMAL(12, 2),
    keterangan VARCHAR,
    parse_issue VARCHAR,
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER,
    source_pages VARCHAR,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE fct_anggaran_per_dokumen IS 'One row per budget line per document that prints it (or per part of a line, rincian_printed, where a flat export prints a sub-kegiatan as one row per sub-keluaran and akun): pagu and realisasi of an urusan, bidang, program, kegiatan or sub-kegiatan, as printed and parsed. The same line of one agency-year appears once for every document (the LKjIP PDF, its e-monev export, a superseded version): for audit and provenance. Sums and counts belong on fct_anggaran, which holds each line once.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.tahun IS 'Budget year of the line (the report year).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.triwulan IS 'Quarter (1-4) the figures are for, where the table prints one column group per quarter (an e-monev "Realisasi Kinerja Pada Triwulan I - IV": the quarter''s own realisation); null for a figure of the whole year or cumulative to the document''s month (dim_dokumen.bulan, triwulan). A quarter''s own figure and an annual figure are different facts: never add them.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.induk IS 'Printed name of the line''s parent: the nearest line above it in its table of a higher level (its kegiatan for a sub-kegiatan, its program for a kegiatan); null at the top. A line without a code is known by level, name and parent, since one sub-kegiatan name may stand under several kegiatan.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.pemda IS 'Local government (from dim_dokumen).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.opd IS 'Agency: the row''s own agency column in a pemda-wide export (SKPD, kode_opd), else dim_dokumen''s.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.kode IS 'Canonical code U.BB.PP.K.KK.SSSS of what is printed (not corrected): 2 07 01 2.06 | 01 gives 2.07.01.2.06.0001. Null when the printed code does not parse.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.kode_printed IS 'Code as printed; cells of a code split over two columns joined with " | ".';
COMMENT ON COLUMN fct_anggaran_per_dokumen.level IS 'urusan, bidang, program, kegiatan or sub_kegiatan, from the number of code segments.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.nomor_printed IS 'Row number as printed in the NO. columns (P./K./SK.).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.nama_printed IS 'Name of the program/kegiatan/sub-kegiatan as printed, line breaks folded; null when the report prints none.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.rincian_printed IS 'The detail of the line this row prints, as printed, in a flat export with one row per detail of a sub-kegiatan: the sub-keluaran and akun belanja ("1.01.01.2.01.01.1 Penyusunan ... | 5.1.02.01.01.0024 Belanja Alat/Bahan ..."); null where the row is the line itself. Rows with a rincian are parts of their line: fct_anggaran sums them.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.pagu_idr IS 'Budget ceiling (pagu, ANGGARAN RENCANA) in rupiah.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.pagu_printed IS 'Pagu as printed.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.pagu_sebelum_idr IS 'Budget before the change (JUMLAH beside JUMLAH PERUBAHAN, "Anggaran Sebelum Perubahan", RKPD anggaran beside menjadi_anggaran) in rupiah; null where the document prints none or the cell does not parse (then pagu_sebelum_printed and parse_issue say what was printed).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.pagu_sebelum_printed IS 'Pagu before the change as printed ("None" kept as the export wrote it).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.realisasi_idr IS 'Budget realisation (spending) in rupiah.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.realisasi_printed IS 'Realisasi as printed.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.serapan_pct_reported IS 'Absorption in percent as the report prints it (its "CAPAIAN" of the budget).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.serapan_printed IS 'Printed absorption text.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.serapan_pct IS 'Absorption recomputed: realisasi_idr / pagu_idr x 100, rounded to 2 decimals; null when pagu is 0 or missing.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.keterangan IS 'KET. column as printed (e.g. Disetujui).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.parse_issue IS 'Why a printed value or code did not parse (the printed text is kept); null when all parsed.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_document_id IS 'Document the line comes from.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_page IS 'Page where the row starts (null for spreadsheets and .docx).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_pages IS 'All pages the row is printed on (a row split by a page break has two).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_sheet IS 'Sheet the row is on (spreadsheets only; PDFs give source_page).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_table IS 'Table ordinal in the document (stg_tabel).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.source_row IS 'PDF: body row in the stitched table; spreadsheet: the sheet''s row number; .docx: the row in Word''s table (stg_sel.source_row).';
COMMENT ON COLUMN fct_anggaran_per_dokumen.extractor_version IS 'Version of kinerja''s extractor.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.ocr IS 'True when the row was read by OCR from a scanned page (no text layer): check it against the page image.';
COMMENT ON COLUMN fct_anggaran_per_dokumen.ocr_confidence IS 'OCR only: Tesseract''s lowest word confidence (0-100) among the row''s OCR words; below 80 a misread is likely.';

CREATE TABLE IF NOT EXISTS fct_indikator_per_dokumen (
    tahun INTEGER NOT NULL,
    tahun_laporan INTEGER NOT NULL,
    triwulan INTEGER,
    pemda VARCHAR,
    opd VARCHAR,
    jenis VARCHAR NOT NULL,
    level VARCHAR,
    kode VARCHAR,
    tujuan VARCHAR,
    sasaran VARCHAR,
    induk VARCHAR,
    indikator VARCHAR,
    satuan VARCHAR,
    target DECIMAL(24, 6),
    target_printed VARCHAR,
    realisasi DECIMAL(24, 6),
    realisasi_printed VARCHAR,
    capaian_pct_reported DECIMAL(18, 6),
    capaian_printed VARCHAR,
    parse_issue VARCHAR,
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER,
    source_pages VARCHAR,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE fct_indikator_per_dokumen IS 'One row per indicator value per year per table per document that prints it: target, realisasi and printed capaian of a sasaran, program, kegiatan or sub-kegiatan indicator; multi-year tables give one row per year. The same value appears once for every table and document printing it (a 2024 report reprints 2023): for audit and provenance. fct_indikator holds each value once.';
COMMENT ON COLUMN fct_indikator_per_dokumen.tahun IS 'Year the value is for.';
COMMENT ON COLUMN fct_indikator_per_dokumen.tahun_laporan IS 'Year of the report that printed it (a 2024 report reprints 2022 and 2023).';
COMMENT ON COLUMN fct_indikator_per_dokumen.triwulan IS 'Quarter (1-4) the value is for, where the table prints target or realisasi per quarter (TW I .. TW IV, K under Triwulan I .. IV); null for the year''s value.';
COMMENT ON COLUMN fct_indikator_per_dokumen.pemda IS 'Local government.';
COMMENT ON COLUMN fct_indikator_per_dokumen.opd IS 'Agency.';
COMMENT ON COLUMN fct_indikator_per_dokumen.jenis IS 'Table kind it came from: anggaran (budget table indicator), tahunan (one year), multitahun (series), renstra (progress to the Renstra end target; target is the end target), iku (IKU yearly target), iku_awal (IKU kondisi awal: realised baseline, the year before the first target year), iku_akhir (IKU kondisi akhir: end-of-period target, in the last year), pk (Perjanjian Kinerja target).';
COMMENT ON COLUMN fct_indikator_per_dokumen.tujuan IS 'Tujuan (goal) text as printed, for IKU and Perjanjian Kinerja rows.';
COMMENT ON COLUMN fct_indikator_per_dokumen.level IS 'tujuan, sasaran, program, kegiatan or sub_kegiatan.';
COMMENT ON COLUMN fct_indikator_per_dokumen.kode IS 'Canonical code of the program/kegiatan/sub-kegiatan; null for sasaran.';
COMMENT ON COLUMN fct_indikator_per_dokumen.induk IS 'For an indicator of a budget line printed without code: that line''s parent (fct_anggaran_per_dokumen.induk). Null otherwise.';
COMMENT ON COLUMN fct_indikator_per_dokumen.sasaran IS 'Sasaran (strategic objective) text as printed, for sasaran-level rows; for an indicator of a budget line printed without code (jenis anggaran, kode null), that line''s printed name, which tells apart one indicator text printed under several lines.';
COMMENT ON COLUMN fct_indikator_per_dokumen.indikator IS 'Indicator text as printed, without the satuan in brackets of INDIKATOR (SATUAN) columns; null when not printed.';
COMMENT ON COLUMN fct_indikator_per_dokumen.satuan IS 'Unit: from a Satuan column, the brackets of an INDIKATOR (SATUAN) cell, or the unit printed with the target.';
COMMENT ON COLUMN fct_indikator_per_dokumen.target IS 'Target (rencana) value.';
COMMENT ON COLUMN fct_indikator_per_dokumen.target_printed IS 'Target as printed.';
COMMENT ON COLUMN fct_indikator_per_dokumen.realisasi IS 'Realised value.';
COMMENT ON COLUMN fct_indikator_per_dokumen.realisasi_printed IS 'Realisasi as printed.';
COMMENT ON COLUMN fct_indikator_per_dokumen.capaian_pct_reported IS 'Achievement in percent as the report prints it.';
COMMENT ON COLUMN fct_indikator_per_dokumen.capaian_printed IS 'Printed achievement text.';
COMMENT ON COLUMN fct_indikator_per_dokumen.parse_issue IS 'Why a printed value did not parse, or that the indicator text is missing; null when clean.';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_document_id IS 'Document the value comes from.';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_page IS 'Page where the row starts.';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_pages IS 'All pages the row is printed on.';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_sheet IS 'Sheet the row is on (spreadsheets only; PDFs give source_page).';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_table IS 'Table ordinal in the document (stg_tabel).';
COMMENT ON COLUMN fct_indikator_per_dokumen.source_row IS 'Body row in the stitched table.';
COMMENT ON COLUMN fct_indikator_per_dokumen.extractor_version IS 'Version of kinerja''s extractor.';
COMMENT ON COLUMN fct_indikator_per_dokumen.ocr IS 'True when the row was read by OCR from a scanned page (no text layer): check it against the page image.';
COMMENT ON COLUMN fct_indikator_per_dokumen.ocr_confidence IS 'OCR only: Tesseract''s lowest word confidence (0-100) among the row''s OCR words; below 80 a misread is likely.';

CREATE TABLE IF NOT EXISTS fct_ringkasan_anggaran (
    tahun INTEGER NOT NULL,
    label VARCHAR,
    label_key VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    nilai DECIMAL(24, 6),
    nilai_printed VARCHAR NOT NULL,
    parse_issue VARCHAR,
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER,
    source_pages VARCHAR,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE fct_ringkasan_anggaran IS 'One row per figure printed in a budget table footer (Total Program, Rata-rata Capaian, JUMLAH, SISA) per report: totals to check the lines against.';
COMMENT ON COLUMN fct_ringkasan_anggaran.tahun IS 'Report year.';
COMMENT ON COLUMN fct_ringkasan_anggaran.label IS 'Footer label as printed (JUMLAH, Rata - Rata Capaian Program...).';
COMMENT ON COLUMN fct_ringkasan_anggaran.label_key IS 'Label lower-cased with spaces and punctuation removed (jumlah, ratarata capaianprogram...).';
COMMENT ON COLUMN fct_ringkasan_anggaran.urutan IS 'Position of the figure after its label: JUMLAH 1 is the pagu total, 2 the realisasi total, 3 the percentage.';
COMMENT ON COLUMN fct_ringkasan_anggaran.nilai IS 'The figure parsed (rupiah, count or percent as the label says).';
COMMENT ON COLUMN fct_ringkasan_anggaran.nilai_printed IS 'The figure as printed.';
COMMENT ON COLUMN fct_ringkasan_anggaran.parse_issue IS 'Why the figure did not parse; null when it did.';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_document_id IS 'Document the figure comes from.';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_page IS 'Page of the footer row.';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_pages IS 'All pages the row is printed on.';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_sheet IS 'Sheet the row is on (spreadsheets only; PDFs give source_page).';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_table IS 'Table ordinal in the document.';
COMMENT ON COLUMN fct_ringkasan_anggaran.source_row IS 'Body row in the stitched table.';
COMMENT ON COLUMN fct_ringkasan_anggaran.extractor_version IS 'Version of kinerja''s extractor.';
COMMENT ON COLUMN fct_ringkasan_anggaran.ocr IS 'True when the row was read by OCR from a scanned page (no text layer): check it against the page image.';
COMMENT ON COLUMN fct_ringkasan_anggaran.ocr_confidence IS 'OCR only: Tesseract''s lowest word confidence (0-100) among the row''s OCR words; below 80 a misread is likely.';

CREATE TABLE IF NOT EXISTS fct_temuan (
    source_document_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    level VARCHAR,
    kode VARCHAR,
    indikator VARCHAR,
    tahun INTEGER NOT NULL,
    reported VARCHAR,
    expected VARCHAR,
    message VARCHAR NOT NULL,
    ocr BOOLEAN,
    ocr_confidence DOUBLE,
    source_page INTEGER,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER
);
COMMENT ON TABLE fct_temuan IS 'One row per finding: a contradiction inside a report, against the official nomenclature or between reports; rebuilt by the checks in warehouse/checks/ on every run.';
COMMENT ON COLUMN fct_temuan.source_document_id IS 'Document the finding is about (for cross-report findings: the one printing the value that is not chosen).';
COMMENT ON COLUMN fct_temuan.rule IS 'Check that raised it (file name in warehouse/checks/, explained in docs/audit.md).';
COMMENT ON COLUMN fct_temuan.severity IS 'tinggi (money or achievement materially wrong), sedang, rendah (rounding-size, spelling).';
COMMENT ON COLUMN fct_temuan.level IS 'urusan, bidang, program, kegiatan, sub_kegiatan, sasaran or dokumen.';
COMMENT ON COLUMN fct_temuan.kode IS 'Code of the budget line concerned, canonical as printed.';
COMMENT ON COLUMN fct_temuan.indikator IS 'Indicator concerned, as printed.';
COMMENT ON COLUMN fct_temuan.tahun IS 'Year the contradicting value is for.';
COMMENT ON COLUMN fct_temuan.reported IS 'What the report prints.';
COMMENT ON COLUMN fct_temuan.expected IS 'What it should be by the rule (recomputed value, the other table''s value, the official name or code).';
COMMENT ON COLUMN fct_temuan.message IS 'The finding in Bahasa Indonesia, naming the table and page.';
COMMENT ON COLUMN fct_temuan.source_page IS 'Page to cite (null for spreadsheets and .docx: the message names table and row).';
COMMENT ON COLUMN fct_temuan.source_sheet IS 'Sheet to cite (spreadsheets).';
COMMENT ON COLUMN fct_temuan.source_table IS 'Table ordinal in the document (stg_tabel).';
COMMENT ON COLUMN fct_temuan.source_row IS 'Row in that table (as in the facts).';
COMMENT ON COLUMN fct_temuan.ocr IS 'True when the finding touches a value read by OCR (its row, or for sums and totals its table, is from a scanned page): it may be an OCR misread rather than the report''s error; the message says so.';
COMMENT ON COLUMN fct_temuan.ocr_confidence IS 'Lowest OCR word confidence (0-100) of the row the finding cites (of its table when the row has none).';

CREATE TABLE IF NOT EXISTS fct_efisiensi (
    tahun INTEGER NOT NULL,
    pemda VARCHAR,
    opd VARCHAR,
    kode VARCHAR,
    level VARCHAR,
    nomor_printed VARCHAR,
    nama_printed VARCHAR,
    realisasi_output DECIMAL(24, 6),
    realisasi_output_printed VARCHAR,
    capaian_input DECIMAL(24, 6),
    capaian_input_printed VARCHAR,
    indeks_efisiensi DECIMAL(24, 6),
    indeks_efisiensi_printed VARCHAR,
    rencana_output DECIMAL(24, 6),
    rencana_output_printed VARCHAR,
    rencana_input DECIMAL(24, 6),
    rencana_input_printed VARCHAR,
    standar_efisiensi DECIMAL(24, 6),
    standar_efisiensi_printed VARCHAR,
    tingkat_efisiensi DECIMAL(24, 6),
    tingkat_efisiensi_printed VARCHAR,
    hasil_analisis VARCHAR,
    parse_issue VARCHAR,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER,
    source_pages VARCHAR,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE fct_efisiensi IS 'One row per program/kegiatan/sub-kegiatan of an efficiency analysis table (Tabel 3.8 kind) per report, as printed, tied to its budget line.';
COMMENT ON COLUMN fct_efisiensi.tahun IS 'Report year.';
COMMENT ON COLUMN fct_efisiensi.pemda IS 'Local government.';
COMMENT ON COLUMN fct_efisiensi.opd IS 'Agency.';
COMMENT ON COLUMN fct_efisiensi.kode IS 'Code of the budget line of the same report the row was tied to by order and name (the table prints no codes); null when none matched.';
COMMENT ON COLUMN fct_efisiensi.level IS 'Level of that budget line.';
COMMENT ON COLUMN fct_efisiensi.nomor_printed IS 'No. as printed.';
COMMENT ON COLUMN fct_efisiensi.nama_printed IS 'Name as printed in the efficiency table.';
COMMENT ON COLUMN fct_efisiensi.realisasi_output IS 'Realisasi Output (%): achieved output as the table prints it.';
COMMENT ON COLUMN fct_efisiensi.realisasi_output_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.capaian_input IS 'Capaian Input: budget absorption as the table prints it (percent).';
COMMENT ON COLUMN fct_efisiensi.capaian_input_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.indeks_efisiensi IS 'Indeks Efisiensi (IE): realisasi output / capaian input.';
COMMENT ON COLUMN fct_efisiensi.indeks_efisiensi_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.rencana_output IS 'Rencana Output: planned output.';
COMMENT ON COLUMN fct_efisiensi.rencana_output_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.rencana_input IS 'Rencana Input: as the table fills it (in the sample: the indicator''s realisasi).';
COMMENT ON COLUMN fct_efisiensi.rencana_input_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.standar_efisiensi IS 'Standar Efisiensi (SE): rencana output / rencana input.';
COMMENT ON COLUMN fct_efisiensi.standar_efisiensi_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.tingkat_efisiensi IS 'Tingkat Efisiensi: (IE - SE) / SE.';
COMMENT ON COLUMN fct_efisiensi.tingkat_efisiensi_printed IS 'As printed.';
COMMENT ON COLUMN fct_efisiensi.hasil_analisis IS 'Hasil Analisis as printed (efisiensi / tidak efisiensi).';
COMMENT ON COLUMN fct_efisiensi.parse_issue IS 'Why a printed figure did not parse; null when all parsed.';
COMMENT ON COLUMN fct_efisiensi.source_document_id IS 'Document the row comes from.';
COMMENT ON COLUMN fct_efisiensi.source_page IS 'Page where the row starts.';
COMMENT ON COLUMN fct_efisiensi.source_pages IS 'All pages the row is printed on.';
COMMENT ON COLUMN fct_efisiensi.source_sheet IS 'Sheet (spreadsheets only).';
COMMENT ON COLUMN fct_efisiensi.source_table IS 'Table ordinal in the document.';
COMMENT ON COLUMN fct_efisiensi.source_row IS 'Body row in the stitched table.';
COMMENT ON COLUMN fct_efisiensi.extractor_version IS 'Version of kinerja''s extractor.';

CREATE TABLE IF NOT EXISTS fct_konteks (
    tahun INTEGER NOT NULL,
    tahun_laporan INTEGER NOT NULL,
    pemda VARCHAR,
    opd VARCHAR,
    wilayah VARCHAR,
    variabel VARCHAR,
    kategori VARCHAR,
    nilai DECIMAL(24, 6),
    nilai_printed VARCHAR,
    satuan VARCHAR,
    parse_issue VARCHAR,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER,
    source_pages VARCHAR,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE fct_konteks IS 'One row per context statistic per region, variable, category and year per report: TPAK per kabupaten/kota, UMK, jumlah perusahaan, staff counts.';
COMMENT ON COLUMN fct_konteks.tahun IS 'Year the value is for.';
COMMENT ON COLUMN fct_konteks.tahun_laporan IS 'Year of the report that printed it.';
COMMENT ON COLUMN fct_konteks.pemda IS 'Local government of the report.';
COMMENT ON COLUMN fct_konteks.opd IS 'Agency of the report.';
COMMENT ON COLUMN fct_konteks.wilayah IS 'Region the value is for, as printed (Kab. Klungkung, Provinsi Bali); the report''s own pemda for its own statistics.';
COMMENT ON COLUMN fct_konteks.variabel IS 'What is measured, as printed (the merged header over the years, or the row label without its unit).';
COMMENT ON COLUMN fct_konteks.kategori IS 'Category within the variable (Pejabat Eselon II, Golongan III, Jumlah...), null when none.';
COMMENT ON COLUMN fct_konteks.nilai IS 'The value.';
COMMENT ON COLUMN fct_konteks.nilai_printed IS 'As printed.';
COMMENT ON COLUMN fct_konteks.satuan IS 'Unit: from the row label''s brackets (Rp/bulan) or printed with the value (orang, %).';
COMMENT ON COLUMN fct_konteks.parse_issue IS 'Why the value did not parse; null when it did.';
COMMENT ON COLUMN fct_konteks.source_document_id IS 'Document the value comes from.';
COMMENT ON COLUMN fct_konteks.source_page IS 'Page of the row.';
COMMENT ON COLUMN fct_konteks.source_pages IS 'All pages the row is printed on.';
COMMENT ON COLUMN fct_konteks.source_sheet IS 'Sheet (spreadsheets only).';
COMMENT ON COLUMN fct_konteks.source_table IS 'Table ordinal in the document.';
COMMENT ON COLUMN fct_konteks.source_row IS 'Row in the stitched table.';
COMMENT ON COLUMN fct_konteks.extractor_version IS 'Version of kinerja''s extractor.';

CREATE TABLE IF NOT EXISTS fct_angka_teks (
    tahun INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    lingkup VARCHAR,
    nilai DECIMAL(24, 6),
    nilai_printed VARCHAR NOT NULL,
    kutipan VARCHAR,
    urutan INTEGER,
    source_document_id VARCHAR NOT NULL,
    source_page INTEGER
);
COMMENT ON TABLE fct_angka_teks IS 'One row per figure a report states in its running text (executive summary, conclusion): totals, counts, absorption, staff numbers; read by the phrasings of transform/data/angka_teks.csv.';
COMMENT ON COLUMN fct_angka_teks.tahun IS 'Report year.';
COMMENT ON COLUMN fct_angka_teks.label IS 'What the figure claims: total_pagu, total_serapan, jumlah_program, jumlah_kegiatan, jumlah_sub_kegiatan, jumlah_pegawai, jumlah_pns, jumlah_fungsional, <level>_efisien, <level>_tidak_efisien, capaian_indikator; nama_program for a program name listed without code (nilai null, the name in nilai_printed).';
COMMENT ON COLUMN fct_angka_teks.lingkup IS 'The part of the report it is about when the text names one (Urusan Pemerintahan Bidang Ketenagakerjaan); null for the whole report.';
COMMENT ON COLUMN fct_angka_teks.nilai IS 'The figure.';
COMMENT ON COLUMN fct_angka_teks.nilai_printed IS 'As printed.';
COMMENT ON COLUMN fct_angka_teks.kutipan IS 'The sentence around it, to quote.';
COMMENT ON COLUMN fct_angka_teks.urutan IS 'Order of the figure in the running text (1 = first): tells which of two mentions comes first in a .docx, which has no pages.';
COMMENT ON COLUMN fct_angka_teks.source_document_id IS 'Document.';
COMMENT ON COLUMN fct_angka_teks.source_page IS 'Page of the text.';

CREATE TABLE IF NOT EXISTS meta_warehouse (
    kinerja_versi VARCHAR NOT NULL,
    sql_sidik VARCHAR NOT NULL
);
COMMENT ON TABLE meta_warehouse IS 'One row: which kinerja and which warehouse SQL built the derived tables. A run with nothing new to read rebuilds core tables, checks and marts when the shipped SQL or reference data changed since (sql_sidik differs).';
COMMENT ON COLUMN meta_warehouse.kinerja_versi IS 'Extractor version of the kinerja that built the warehouse.';
COMMENT ON COLUMN meta_warehouse.sql_sidik IS 'SHA-256 over every file of the warehouse package (schema, core, checks, marts, macros, reference CSVs) that built the derived tables.';
