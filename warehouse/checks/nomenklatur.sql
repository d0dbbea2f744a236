-- Budget lines against the official nomenclature (dim_nomenklatur, 2023 list first, the
-- 2019-era list accepted too): unknown codes, names that belong to another code, misspelt
-- names, an unnamed line whose indicator belongs to another code, and a code that does not
-- sit under the row it is printed under. The printed values are never corrected.
WITH lines AS (
    SELECT a.source_document_id, a.tahun, a.level, a.kode, a.kode_printed, a.nama_printed,
        a.source_page, a.source_sheet, a.source_table, a.source_row,
        level_rank(a.level) AS rk, t.caption, i.indikator AS indikator_printed
    -- each line once per document table: the parts of one line (rincian, one row per akun of a
    -- sub-kegiatan in a flat export) print its code and name on every row, one finding is enough
    FROM baris_per_dokumen() AS b
    JOIN fct_anggaran_per_dokumen AS a ON a.rowid = b.fact_rowid
    JOIN dim_dokumen AS d ON d.source_document_id = a.source_document_id
    LEFT JOIN stg_tabel AS t ON t.source_document_id = a.source_document_id AND t.source_table = a.source_table
    LEFT JOIN fct_indikator_per_dokumen AS i
        ON i.source_document_id = a.source_document_id AND i.source_table = a.source_table
        AND i.source_row = a.source_row AND i.jenis = 'anggaran' AND i.triwulan IS NOT DISTINCT FROM a.triwulan
    WHERE d.status = 'loaded' AND a.kode IS NOT NULL AND a.kode NOT LIKE 'X%'
),
official AS (
    SELECT kode, level, nama, indikator, versi, name_key(nama) AS nama_key, name_key(indikator) AS indikator_key
    FROM dim_nomenklatur
),
-- A name is judged once per distinct printed (kode, level, nama), however many reports print
-- it: the judgement depends on nothing else, and a national warehouse prints the same few
-- thousand lines millions of times.
printed AS (
    SELECT DISTINCT kode, level, rk, nama_printed FROM lines
),
named AS (
    SELECT l.*,
        o.nama AS nama_resmi, o.nama_key AS resmi_key, o.indikator AS indikator_resmi,
        (SELECT count(*) FROM official AS x WHERE x.kode = l.kode) AS known,
        name_key(l.nama_printed) AS printed_key,
        array_to_string(string_split(l.kode, '.')[1:CASE WHEN l.rk <= 3 THEN 2 ELSE 3 END], '.') AS family
    FROM printed AS l
    LEFT JOIN official AS o ON o.kode = l.kode AND o.versi = '2023'
),
name_ok AS (
    SELECT n.*,
        n.printed_key = '' OR EXISTS (
            SELECT 1 FROM official AS x
            WHERE x.kode = n.kode AND (
                x.nama_key = n.printed_key
                OR EXISTS (SELECT 1 FROM dim_ejaan AS e WHERE replace(n.printed_key, name_key(e.varian), name_key(e.baku)) = x.nama_key)
            )
        ) AS matches
    FROM named AS n
),
best_other AS (
    SELECT n.kode, n.level, n.nama_printed,
        first(x.kode ORDER BY 1 - levenshtein(n.printed_key, x.nama_key) / greatest(length(n.printed_key), length(x.nama_key)) DESC, x.kode) AS kode_lain,
        first(x.nama ORDER BY 1 - levenshtein(n.printed_key, x.nama_key) / greatest(length(n.printed_key), length(x.nama_key)) DESC, x.kode) AS nama_lain,
        max(1 - levenshtein(n.printed_key, x.nama_key) / greatest(length(n.printed_key), length(x.nama_key))) AS ratio
    FROM name_ok AS n
    JOIN official AS x ON x.level = n.level AND x.versi = '2023' AND x.kode <> n.kode AND x.kode LIKE n.family || '.%'
    WHERE NOT n.matches AND n.known > 0
    GROUP BY n.kode, n.level, n.nama_printed
),
judged_name AS (
    SELECT n.*, b.kode_lain, b.nama_lain, coalesce(b.ratio, 0) AS ratio_lain,
        CASE WHEN n.resmi_key IS NULL THEN 0
             ELSE 1 - levenshtein(n.printed_key, n.resmi_key) / greatest(length(n.printed_key), length(n.resmi_key)) END AS ratio_sendiri
    FROM name_ok AS n
    LEFT JOIN best_other AS b
        ON b.kode = n.kode AND b.level IS NOT DISTINCT FROM n.level AND b.nama_printed IS NOT DISTINCT FROM n.nama_printed
    -- only these can raise a finding below: an unknown code, a name that does not match, an unnamed line
    WHERE n.known = 0 OR NOT n.matches OR n.printed_key = ''
),
judged AS (
    SELECT l.*, j.nama_resmi, j.resmi_key, j.indikator_resmi, j.known, j.printed_key, j.family, j.matches,
        j.kode_lain, j.nama_lain, j.ratio_lain, j.ratio_sendiri
    FROM lines AS l
    JOIN judged_name AS j
        ON j.kode = l.kode AND j.level IS NOT DISTINCT FROM l.level AND j.nama_printed IS NOT DISTINCT FROM l.nama_printed
),
findings AS (
    -- a code found in neither list
    SELECT *, 'sedang' AS severity, kode AS reported, NULL AS expected,
        'Kode ' || kode || ' (' || coalesce(nama_printed, 'tanpa nama') || ') tidak ada dalam nomenklatur resmi (Kepmendagri 900.1-15.5-1317/2023 maupun daftar era Permendagri 90/2019).' AS message
    FROM judged WHERE known = 0
    UNION ALL
    -- the printed name is (nearly) the official name of another code of the same program
    SELECT *, 'sedang', kode_printed, kode_lain,
        'Nama "' || nama_printed || '" tercetak pada kode ' || kode || ', padahal itu nomenklatur kode ' || kode_lain || ' ("' || nama_lain
            || '"); nama resmi kode ' || kode || ' adalah "' || coalesce(nama_resmi, '?') || '".'
    FROM judged WHERE NOT matches AND known > 0 AND ratio_lain >= 0.9 AND ratio_lain > ratio_sendiri
    UNION ALL
    -- ... and is spelled differently from that other code's name
    SELECT *, 'rendah', nama_printed, nama_lain,
        'Nama "' || nama_printed || '" tercetak dengan ejaan berbeda dari nomenklatur resmi "' || nama_lain || '" (kode ' || kode_lain || ').'
    FROM judged WHERE NOT matches AND known > 0 AND ratio_lain >= 0.9 AND ratio_lain > ratio_sendiri AND ratio_lain < 1
    UNION ALL
    -- the printed name is a misspelling of the code's own official name
    SELECT *, CASE WHEN levenshtein(printed_key, resmi_key) >= 3 THEN 'sedang' ELSE 'rendah' END, nama_printed, nama_resmi,
        'Nama ' || replace(level, '_', ' ') || ' ' || kode || ' tercetak "' || nama_printed || '", nomenklatur resmi "' || nama_resmi || '".'
    FROM judged WHERE NOT matches AND known > 0 AND resmi_key IS NOT NULL AND ratio_sendiri >= 0.8 AND NOT (ratio_lain >= 0.9 AND ratio_lain > ratio_sendiri)
    UNION ALL
    -- a different name altogether
    SELECT *, 'sedang', nama_printed, nama_resmi,
        'Nama ' || replace(level, '_', ' ') || ' ' || kode || ' tercetak "' || nama_printed || '", tidak sesuai nomenklatur resmi "' || coalesce(nama_resmi, '?') || '".'
    FROM judged WHERE NOT matches AND known > 0 AND ratio_sendiri < 0.8 AND NOT (ratio_lain >= 0.9 AND ratio_lain > ratio_sendiri)
),
unnamed AS (
    SELECT j.*, x.kode AS kode_indikator
    FROM judged AS j
    JOIN official AS x ON x.versi = '2023' AND x.level = j.level AND x.kode <> j.kode AND x.kode LIKE j.family || '.%'
        AND x.indikator_key = name_key(j.indikator_printed)
    WHERE j.printed_key = '' AND j.indikator_printed IS NOT NULL
        AND name_key(j.indikator_printed) <> coalesce(name_key(j.indikator_resmi), '')
),
parents AS (
    SELECT l.*,
        max(CASE WHEN rk = 3 THEN kode END) OVER w AS program_kode,
        max(CASE WHEN rk = 4 THEN kode END) OVER w AS kegiatan_kode,
        max(CASE WHEN rk = 3 THEN source_row END) OVER w AS program_row,
        max(CASE WHEN rk = 4 THEN source_row END) OVER w AS kegiatan_row
    FROM lines AS l
    WINDOW w AS (PARTITION BY source_document_id, source_table ORDER BY source_row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
misplaced AS (
    SELECT *, CASE WHEN rk = 5 THEN kegiatan_kode ELSE program_kode END AS induk
    FROM parents
    WHERE (rk = 5 AND kegiatan_kode IS NOT NULL AND kegiatan_row > coalesce(program_row, 0)
            AND array_to_string(string_split(kode, '.')[1:5], '.') <> kegiatan_kode)
       OR (rk = 4 AND program_kode IS NOT NULL AND array_to_string(string_split(kode, '.')[1:3], '.') <> program_kode)
)
SELECT source_document_id, 'nomenklatur' AS rule, severity, level, kode, NULL AS indikator, tahun, reported, expected,
    message || ' (' || lokasi(caption, source_page, source_sheet, source_row) || ')' AS message,
    source_page, source_sheet, source_table, source_row
FROM findings
UNION ALL
SELECT source_document_id, 'nomenklatur', 'sedang', level, kode, indikator_printed, tahun, kode_printed, kode_indikator,
    replace(kapital(level), '_', ' ') || ' ' || kode || ' tercetak tanpa nama; indikatornya "' || indikator_printed || '" adalah indikator resmi kode '
        || kode_indikator || ', bukan kode ' || kode || ' (' || lokasi(caption, source_page, source_sheet, source_row) || ').',
    source_page, source_sheet, source_table, source_row
FROM unnamed
UNION ALL
SELECT source_document_id, 'nomenklatur', 'rendah', level, kode, NULL, tahun,
    array_to_string(string_split(kode, '.')[1:CASE WHEN rk = 5 THEN 5 ELSE 3 END], '.'), induk,
    replace(kapital(level), '_', ' ') || ' ' || kode || ' tercetak di bawah ' || CASE WHEN rk = 5 THEN 'kegiatan ' ELSE 'program ' END || induk
        || ', padahal kodenya menunjuk ' || array_to_string(string_split(kode, '.')[1:CASE WHEN rk = 5 THEN 5 ELSE 3 END], '.')
        || ' (' || lokasi(caption, source_page, source_sheet, source_row) || ').',
    source_page, source_sheet, source_table, source_row
FROM misplaced
