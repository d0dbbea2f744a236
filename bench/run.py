"""Benchmark kinerja against the naive pipeline and the text-extraction limit, in one run.

    python bench/run.py [--copies N] [--pemda 546 --opd 40 --years 5] [--big-pages 300] [--real DIR]

Every measure runs in a fresh process of its own (peak memory is that process's), on a
workload made from the bundled sample (renamed copies with changed bytes) and the generated
house styles, and on the real documents of other agencies in ../shared/real (reading speed,
`real_pages_per_s`). Results go to bench/results/latest.json and are printed as a table. The
machine is shared and noisy: compare figures of one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf"
REAL = ROOT.parent / "shared" / "real"
RESULTS = ROOT / "bench" / "results"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- workload

def make_workload(folder: Path, copies: int) -> list[Path]:
    """Copies of the sample (each with different bytes) plus every generated house style."""
    sys.path.insert(0, str(ROOT))
    from tests.generator import lkjip

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    data = SAMPLE.read_bytes()
    for i in range(copies):
        path = folder / f"lkjip-copy-{i:03d}.pdf"
        path.write_bytes(data + f"\n% copy {i}\n".encode())
        files.append(path)
    for name, style in lkjip.STYLES.items():
        path = folder / f"lkjip-style-{name}.pdf"
        lkjip.write_report(path, style, lkjip.klungkung_2024())
        files.append(path)
    return files


def page_count(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        total += len(doc)
        doc.close()
    return total


# ---------------------------------------------------------------- measures (child side)

def m_pdfium(folder: str) -> dict:
    from extract.pdf import read_page_texts

    files = sorted(Path(folder).glob("*.pdf"))
    start = time.perf_counter()
    pages = sum(len(read_page_texts(f)[0]) for f in files)
    return {"seconds": time.perf_counter() - start, "pages": pages}


def m_naive(folder: str) -> dict:
    import pdfplumber

    files = sorted(Path(folder).glob("*.pdf"))
    start = time.perf_counter()
    pages = 0
    for f in files:
        with pdfplumber.open(str(f)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return {"seconds": time.perf_counter() - start, "pages": pages}


def m_engine(folder: str, workers: str) -> dict:
    """extract + transform + load + marts + Parquet without Prefect, on `workers` processes."""
    from flows.documents import read_document
    from load.parquet import publish_parquet
    from load.warehouse import WarehouseBuild

    files = [str(f) for f in sorted(Path(folder).glob("*.pdf"))]
    out = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    start = time.perf_counter()
    if int(workers) > 1:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(int(workers)) as pool:
            results = pool.map(read_document, files, chunksize=1)
    else:
        results = [read_document(f) for f in files]
    read_s = time.perf_counter() - start
    with WarehouseBuild(out / "k.duckdb") as build:
        for r in results:
            build.load_document(r.document.dokumen, r.document.rows, r.size)
        build.refresh()
        build.commit()
    publish_parquet(out / "k.duckdb", out / "pq")
    total = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": total, "read_seconds": read_s, "documents": len(results),
            "rejected": sum(1 for r in results if not r.ok)}


def m_national(pemda: str, opd: str, years: str) -> dict:
    """A synthetic (marked) warehouse of pemda x opd x years reports -> checks, marts, Parquet."""
    import duckdb

    from load.parquet import publish_parquet
    from load.warehouse import WarehouseBuild

    out = Path(tempfile.mkdtemp(prefix="kinerja-national-"))
    wh = out / "k.duckdb"
    with WarehouseBuild(wh) as build:
        build.build_reference()
        from load.warehouse import sql_statements

        for stmt in sql_statements(NATIONAL_SQL.format(pemda=int(pemda), opd=int(opd), years=int(years))):
            build.con.execute(stmt)
        build.build_core()
        build.con.execute(NATIONAL_CAPAIAN_SQL)
        build.commit()
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute("SELECT (SELECT count(*) FROM fct_anggaran_per_dokumen) + (SELECT count(*) FROM fct_indikator_per_dokumen)").fetchone()[0]
    con.close()
    generated_mb = round(peak_rss_mb(), 1)
    from load.warehouse import folder_sql, sql_statements

    start = time.perf_counter()
    start_cpu = time.process_time()
    steps: dict[str, float] = {}
    peaks: dict[str, float] = {}

    cpu: dict[str, float] = {}
    last_cpu = [time.process_time()]

    def done(step: str, t: float) -> None:
        steps[step] = round(time.perf_counter() - t, 2)
        peaks[step] = round(peak_rss_mb(), 1)
        cpu[step] = round(time.process_time() - last_cpu[0], 2)
        last_cpu[0] = time.process_time()

    with WarehouseBuild(wh) as build:
        for step in ("fill_missing_pemda", "mark_superseded", "build_reference", "build_core"):
            t = time.perf_counter()
            getattr(build, step)()
            done(step, t)
        build.con.execute("DELETE FROM fct_temuan")
        for name, text in folder_sql("checks"):
            t = time.perf_counter()
            body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("--")).strip().rstrip(";")
            build.con.execute(f"INSERT INTO fct_temuan BY NAME {body}")
            done("check " + name, t)
        for name, statements in [(n, sql_statements(t)) for n, t in folder_sql("marts")]:
            t = time.perf_counter()
            for stmt in statements:
                build.con.execute(stmt)
            done("mart " + name, t)
        findings = build.con.execute("SELECT count(*) FROM fct_temuan").fetchone()[0]
        t = time.perf_counter()
        build.commit()
        done("checkpoint and swap", t)
    refresh_s = time.perf_counter() - start
    t = time.perf_counter()
    publish_parquet(wh, out / "pq")
    done("publish parquet", t)
    total = time.perf_counter() - start
    total_cpu = time.process_time() - start_cpu
    shutil.rmtree(out, ignore_errors=True)
    # CPU seconds beside wall seconds: on a shared machine the wall clock also counts other
    # people's work; CPU seconds over 2 cores bound what an idle machine would take.
    return {"seconds": total, "refresh_seconds": refresh_s, "cpu_seconds": round(total_cpu, 2), "fact_rows": rows,
            "findings": findings, "steps": steps, "cpu_seconds_per_step": cpu,
            "generated_peak_rss_mb": generated_mb, "peak_rss_mb_after": peaks}


# One synthetic report per pemda x opd x year, each a budget table of 24 lines under official
# codes and names (dim_nomenklatur, Kepmendagri 900.1-15.5-1317/2023): the urusan and bidang of
# the OPD, two programs of that bidang, two kegiatan each and four sub-kegiatan each, every
# OPD of a pemda on its own bidang (32 bidang have that many lines; OPD o takes bidang o mod 32).
# Sub-kegiatan pagu from a hash, realisasi 60-100 % of it, every parent the sum of its children,
# serapan printed as computed; one indicator per program, kegiatan and sub-kegiatan line (the
# official indicator and unit for a sub-kegiatan), its capaian printed as computed in the
# indicator's direction: a consistent report, as most are. 24 budget rows and 22 indicator rows
# a report: 5.02 M fact rows at 546 x 40 x 5. Documents are marked file_name 'SYNTHETIC-...'; their
# ids are SHA-256 digests, as a real file's are (ids with a long common prefix make every sort slower).
NATIONAL_SQL = """
CREATE OR REPLACE TEMP TABLE plan AS
WITH n AS (SELECT * FROM dim_nomenklatur WHERE versi = '2023'),
sub AS (
    SELECT kode, left(kode, length(kode) - 5) AS kegiatan,
           row_number() OVER (PARTITION BY left(kode, length(kode) - 5) ORDER BY kode) AS k
    FROM n WHERE level = 'sub_kegiatan'
),
keg AS (
    SELECT kegiatan AS kode, left(kegiatan, length(kegiatan) - 5) AS program,
           row_number() OVER (PARTITION BY left(kegiatan, length(kegiatan) - 5) ORDER BY kegiatan) AS k
    FROM sub GROUP BY kegiatan HAVING count(*) >= 4
),
prog AS (
    SELECT program AS kode, left(program, length(program) - 3) AS bidang,
           row_number() OVER (PARTITION BY left(program, length(program) - 3) ORDER BY program) AS k
    FROM keg WHERE k <= 2 GROUP BY program HAVING count(*) = 2
),
bid AS (
    SELECT bidang AS kode, row_number() OVER (ORDER BY bidang) - 1 AS nomor
    FROM prog WHERE k <= 2 GROUP BY bidang HAVING count(*) = 2
),
tree AS (
    SELECT nomor, split_part(kode, '.', 1) AS kode FROM bid
    UNION ALL SELECT nomor, kode FROM bid
    UNION ALL SELECT b.nomor, p.kode FROM bid AS b JOIN prog AS p ON p.bidang = b.kode AND p.k <= 2
    UNION ALL SELECT b.nomor, g.kode FROM bid AS b JOIN prog AS p ON p.bidang = b.kode AND p.k <= 2
        JOIN keg AS g ON g.program = p.kode AND g.k <= 2
    UNION ALL SELECT b.nomor, s.kode FROM bid AS b JOIN prog AS p ON p.bidang = b.kode AND p.k <= 2
        JOIN keg AS g ON g.program = p.kode AND g.k <= 2 JOIN sub AS s ON s.kegiatan = g.kode AND s.k <= 4
)
SELECT t.nomor AS bidang_nomor, t.kode, n.level, n.nama, n.indikator, n.satuan FROM tree AS t JOIN n USING (kode);
CREATE OR REPLACE TEMP TABLE docs AS
SELECT sha256('synthetic-' || p || '-' || o || '-' || y) AS source_document_id, 'synthetic-' || p || '-' || o || '-' || y AS label,
       'Kabupaten Sintetis ' || p AS pemda,
       'Dinas Sintetis ' || o AS opd, 2020 + y AS tahun, o % (SELECT max(bidang_nomor) + 1 FROM plan) AS bidang_nomor
FROM range({pemda}) AS a(p), range({opd}) AS b(o), range({years}) AS c(y);
INSERT INTO dim_dokumen BY NAME
SELECT source_document_id, 'SYNTHETIC-' || label || '.pdf' AS file_name, 'pdf' AS format, pemda, false AS pemda_inferred,
       opd, tahun, 'loaded' AS status, now() AS loaded_at, 'bench' AS extractor_version FROM docs;
INSERT INTO fct_anggaran_per_dokumen BY NAME
WITH leaf AS (
    SELECT d.source_document_id, d.tahun, d.pemda, d.opd, d.bidang_nomor, l.kode,
           CAST(1000000 + hash(d.source_document_id || l.kode) % 900000000 AS DECIMAL(18, 2)) AS pagu
    FROM docs AS d JOIN plan AS l USING (bidang_nomor) WHERE l.level = 'sub_kegiatan'
),
leaf_real AS (
    SELECT *, CAST(pagu * (0.6 + (hash(kode || tahun) % 40) / 100.0) AS DECIMAL(18, 2)) AS realisasi FROM leaf
),
all_levels AS (
    SELECT source_document_id, tahun, pemda, opd, bidang_nomor, kode, pagu, realisasi FROM leaf_real
    UNION ALL
    SELECT r.source_document_id, r.tahun, r.pemda, r.opd, r.bidang_nomor, l.kode, sum(r.pagu), sum(r.realisasi)
    FROM leaf_real AS r
    JOIN plan AS l ON l.bidang_nomor = r.bidang_nomor AND l.level <> 'sub_kegiatan' AND starts_with(r.kode, l.kode || '.')
    GROUP BY ALL
)
SELECT a.tahun, a.pemda, a.opd, a.kode, a.kode AS kode_printed, l.level, l.nama AS nama_printed,
       a.pagu AS pagu_idr, a.realisasi AS realisasi_idr, a.source_document_id, 1 AS source_page, 1 AS source_table,
       row_number() OVER (PARTITION BY a.source_document_id ORDER BY a.kode) AS source_row, 'bench' AS extractor_version
FROM all_levels AS a JOIN plan AS l USING (bidang_nomor, kode);
UPDATE fct_anggaran_per_dokumen SET serapan_pct = round(realisasi_idr * 100 / pagu_idr, 2), serapan_pct_reported = round(realisasi_idr * 100 / pagu_idr, 2),
    serapan_printed = CAST(round(realisasi_idr * 100 / pagu_idr, 2) AS VARCHAR)
WHERE extractor_version = 'bench';
INSERT INTO fct_indikator_per_dokumen BY NAME
SELECT a.tahun, a.tahun AS tahun_laporan, a.pemda, a.opd, 'anggaran' AS jenis, a.level, a.kode,
       coalesce(l.indikator, 'Indikator ' || a.kode) AS indikator, coalesce(l.satuan, 'Persen') AS satuan,
       100 AS target, '100' AS target_printed,
       90 + hash(a.source_document_id || a.kode) % 20 AS realisasi, CAST(90 + hash(a.source_document_id || a.kode) % 20 AS VARCHAR) AS realisasi_printed,
       a.source_document_id, 1 AS source_page, 1 AS source_table, a.source_row, 'bench' AS extractor_version
FROM fct_anggaran_per_dokumen AS a
JOIN docs AS d USING (source_document_id)
JOIN plan AS l ON l.bidang_nomor = d.bidang_nomor AND l.kode = a.kode
WHERE a.level NOT IN ('urusan', 'bidang');
"""

# After build_core has read each indicator's direction: capaian printed as computed in it.
NATIONAL_CAPAIAN_SQL = """
UPDATE fct_indikator_per_dokumen SET capaian_pct_reported = round(capaian_arah(target, realisasi, k.arah), 2),
    capaian_printed = CAST(CAST(round(capaian_arah(target, realisasi, k.arah), 2) AS DECIMAL(12, 2)) AS VARCHAR)
FROM dim_indikator AS k
WHERE k.indikator_key = indikator_key(fct_indikator_per_dokumen.indikator) AND fct_indikator_per_dokumen.extractor_version = 'bench';
"""


def m_big(pages: str) -> dict:
    """Ingest one report of about `pages` pages (the sample's pages repeated) and time it."""
    import pypdfium2 as pdfium

    from flows.documents import read_document

    out = Path(tempfile.mkdtemp(prefix="kinerja-big-"))
    src = pdfium.PdfDocument(str(SAMPLE))
    big = pdfium.PdfDocument.new()
    while len(big) < int(pages):
        big.import_pages(src)
    path = out / "big.pdf"
    big.save(str(path))
    n = len(big)
    big.close()
    src.close()
    start = time.perf_counter()
    result = read_document(path)
    seconds = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "pages": n, "loaded": result.ok, "error": result.error}


def m_real(folder: str) -> dict:
    """Read every PDF of the real documents folder as a run reads it (extract + transform), one process.

    Rejected files count: a run reads them too. Pages are counted before the clock starts.
    """
    from flows.documents import read_document

    files = sorted(Path(folder).glob("*.pdf"))
    pages = page_count(files)
    start, start_cpu = time.perf_counter(), time.process_time()
    results = [read_document(f) for f in files]
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {"seconds": seconds, "cpu_seconds": round(cpu, 2), "pages": pages, "documents": len(files),
            "rejected": sum(1 for r in results if not r.ok)}


def m_ocr(folder: str) -> dict:
    """OCR a scan of the sample's four landscape budget pages (tests/generator/scan.py, 150 dpi,
    turned sideways and skewed): seconds per page read afresh (no cache; the pages of the
    document on all cores, as a run reads them) and again from the cache.

    CPU seconds count Tesseract's processes too (RUSAGE_CHILDREN); over the cores they bound
    what an idle machine would take, as the wall clock on a shared machine does not.
    """
    import resource

    from extract.pdf import extract_pdf
    from tests.generator.scan import make_scan

    pdf = make_scan(ROOT / "samples" / "lkjip-disnaker-klungkung-2024.pdf", Path(folder) / "scan-150.pdf", 150,
                    pages=[25, 26, 27, 28])
    cache = Path(folder) / "ocr-cache"

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    os.environ["KINERJA_OCR_CACHE"] = str(cache)
    start, start_cpu = time.perf_counter(), cpu()
    doc = extract_pdf(pdf)
    fresh, fresh_cpu = time.perf_counter() - start, cpu() - start_cpu
    start = time.perf_counter()
    extract_pdf(pdf)
    cached = time.perf_counter() - start
    pages = len(doc.pages_ocr)
    return {"pages": pages, "seconds": fresh, "cpu_seconds": round(fresh_cpu, 2), "cached_seconds": cached,
            "cores": os.cpu_count()}


MEASURES = {"ocr": m_ocr, "pdfium": m_pdfium, "naive": m_naive, "engine": m_engine, "national": m_national, "big": m_big,
            "real": m_real}


def child(name: str, *args: str) -> None:
    sys.path.insert(0, str(ROOT))
    result = MEASURES[name](*args)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(result))


# ---------------------------------------------------------------- parent side

def run_child(name: str, *args) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", name, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_prefect_server(home: Path):
    """Start `prefect server start` on a free loopback port, as production runs serve against one."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_API_URL": api, "PREFECT_UI_ENABLED": "false"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    for _ in range(180):
        try:
            with urllib.request.urlopen(api + "/health", timeout=2) as r:
                if r.status == 200:
                    return proc, api
        except OSError:
            time.sleep(1)
    proc.terminate()
    raise RuntimeError("prefect server did not start")


def run_cli(folder: Path, out: Path, api: str | None = None, *extra: str) -> float:
    env = {**os.environ, "PREFECT_HOME": str(out / "prefect")}
    if api:
        env["PREFECT_API_URL"] = api
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "flows", "run", str(folder), "--warehouse", str(out / "k.duckdb"), "--parquet", str(out / "pq"), "-q", *extra],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if proc.returncode not in (0, 3):
        raise RuntimeError(proc.stderr[-3000:])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20, help="copies of the sample report in the workload")
    parser.add_argument("--pemda", type=int, default=546)
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--big-pages", type=int, default=300)
    parser.add_argument("--real", type=Path, default=REAL, help="folder of real documents for real_pages_per_s (default ../shared/real)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(tempfile.mkdtemp(prefix="kinerja-workload-"))
    try:
        files = make_workload(work / "in", args.copies)
        pages = page_count(files)
        results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                         "workload": {"documents": len(files), "pages": pages}}
        pdfium = run_child("pdfium", work / "in")
        naive = run_child("naive", work / "in")
        one = run_child("engine", work / "in", 1)
        two = run_child("engine", work / "in", 2)
        cold_ephemeral = run_cli(work / "in", work / "out-ephemeral")
        warm_ephemeral = run_cli(work / "in", work / "out-ephemeral")
        server, api = start_prefect_server(work / "prefect-server")
        try:
            cold = run_cli(work / "in", work / "out", api)
            warm = run_cli(work / "in", work / "out", api)
            # the same documents on two local worker processes and on a two-worker Dask cluster
            # (started by the run itself; documents' bytes travel to the workers)
            local_2 = run_cli(work / "in", work / "out-local-2", api, "--workers", "2", "--no-report")
            dask_2 = run_cli(work / "in", work / "out-dask-2", api, "--runner", "dask", "--workers", "2", "--no-report")
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=60)
        national = run_child("national", args.pemda, args.opd, args.years)
        big = run_child("big", args.big_pages)
        real = run_child("real", args.real.resolve()) if args.real.is_dir() else None
        ocr = run_child("ocr", work / "ocr")
        results.update({
            "pages_per_s": round(pages / one["seconds"], 1),
            "naive_pages_per_s": round(pages / naive["seconds"], 1),
            "pdfium_text_pages_per_s": round(pages / pdfium["seconds"], 1),
            "cold_run_s": round(cold, 2),
            "warm_rerun_s": round(warm, 2),
            "cold_run_ephemeral_prefect_s": round(cold_ephemeral, 2),
            "warm_rerun_ephemeral_prefect_s": round(warm_ephemeral, 2),
            "speedup_2_workers": round(one["seconds"] / two["seconds"], 2),
            "cli_local_2_workers_s": round(local_2, 2),
            "cli_dask_2_workers_s": round(dask_2, 2),
            "national_marts_s": round(national["seconds"], 2),
            "national_peak_rss_mb": national["peak_rss_mb"],
            "national_fact_rows": national["fact_rows"],
            "big_report_pages": big["pages"],
            "big_report_s": round(big["seconds"], 2),
            "big_report_peak_rss_mb": big["peak_rss_mb"],
            # target (#16): at most 3 s per scanned page on 2 cores
            "ocr_s_per_page": round(ocr["seconds"] / ocr["pages"], 2),
            "ocr_cpu_s_per_page": round(ocr["cpu_seconds"] / ocr["pages"], 2),
            "ocr_cached_s_per_page": round(ocr["cached_seconds"] / ocr["pages"], 3),
            "real_pages_per_s": round(real["pages"] / real["seconds"], 1) if real else None,
            "real_workload": {"documents": real["documents"], "pages": real["pages"], "rejected": real["rejected"]}
            if real else f"{args.real}: no such folder",
            "detail": {"engine_1_worker": one, "engine_2_workers": two, "naive": naive, "pdfium": pdfium,
                       "national": national, "big": big, "real": real, "ocr": ocr},
        })
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS / "latest.json.tmp"
    tmp.write_text(json.dumps(results, indent=2), encoding="utf-8")
    os.replace(tmp, RESULTS / "latest.json")
    width = max(len(k) for k in results if k != "detail")
    for key, value in results.items():
        if key != "detail":
            print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
