"""One answer per line across document kinds (#15, #17): the final LKjIP answers before the
realisation reports, which answer before the budget documents; every other document's figure
that differs is a lintas_dokumen finding.

The documents are the real sample report as read, loaded again as an RFK and an RKA of the same
agency and year (other kinds, other bytes) with one line's figures changed, as a pemda's folder
holds them."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import build_warehouse, fetch

LINE = "2.07.01"  # program 2.07.01, Tabel 3.9 p. 25: pagu 4.434.468.359, realisasi 4.334.291.936


def as_kind(doc, jenis: str, digit: str, realisasi_delta: Decimal | None, drop_realisasi: bool = False):
    """The document as if it were another kind of document with its own id, one line changed."""
    sid = doc.dokumen["source_document_id"][:-1] + digit
    dokumen = {**doc.dokumen, "source_document_id": sid, "jenis": jenis, "file_name": f"{jenis}.pdf"}
    rows = {}
    for table, rs in doc.rows.items():
        rows[table] = []
        for r in rs:
            r = {**r, "source_document_id": sid} if "source_document_id" in r else dict(r)
            if table == "fct_anggaran_per_dokumen":
                if drop_realisasi:
                    r["realisasi_idr"], r["realisasi_printed"], r["serapan_pct_reported"] = None, None, None
                elif r["kode"] == LINE and realisasi_delta is not None:
                    r["realisasi_idr"] = r["realisasi_idr"] + realisasi_delta
                    r["realisasi_printed"] = f"{r['realisasi_idr']:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
            rows[table].append(r)
    return type(doc)(dokumen=dokumen, rows=rows)


def test_the_lkjip_answers_before_an_rfk_and_an_rka_and_their_differences_are_findings(transformed, tmp_path):
    lkjip = as_kind(transformed, "lkjip", "1", None)
    rfk = as_kind(transformed, "rfk", "2", Decimal("1000.00"))
    rka = as_kind(transformed, "rka", "3", None, drop_realisasi=True)
    wh = tmp_path / "k.duckdb"
    # loaded so that load time alone would pick the RFK: the LKjIP first
    build_warehouse(wh, lkjip, rfk, rka)
    [(realisasi, file_name, count, sepakat)] = fetch(
        wh, "SELECT f.realisasi_idr, d.file_name, f.dokumen_count, f.is_sepakat FROM fct_anggaran f "
            "JOIN dim_dokumen d USING (source_document_id) WHERE f.kode = ?", [LINE])
    assert (realisasi, file_name, count, sepakat) == (Decimal("4334291936.00"), "lkjip.pdf", 3, False)
    # every line is answered once, by the LKjIP
    assert fetch(wh, "SELECT DISTINCT d.jenis FROM fct_anggaran JOIN dim_dokumen d USING (source_document_id)") == [("lkjip",)]
    assert fetch(wh, "SELECT count(*), count(DISTINCT kode) FROM fct_anggaran") == [(45, 45)]
    # the RFK's other realisasi is named, not hidden by the choice
    findings = fetch(wh, "SELECT d.file_name, t.reported, t.expected FROM fct_temuan t "
                         "JOIN dim_dokumen d USING (source_document_id) WHERE t.rule = 'lintas_dokumen' AND t.kode = ?", [LINE])
    assert ("rfk.pdf", "4.334.292.936,00", "4.334.291.936,00") in findings


def test_without_an_lkjip_the_rfk_answers_before_the_rka(transformed, tmp_path):
    rfk = as_kind(transformed, "rfk", "2", Decimal("1000.00"))
    rka = as_kind(transformed, "rka", "3", None)
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, rfk, rka)  # load time alone would pick the RKA
    [(realisasi, file_name)] = fetch(
        wh, "SELECT f.realisasi_idr, d.file_name FROM fct_anggaran f JOIN dim_dokumen d USING (source_document_id) "
            "WHERE f.kode = ?", [LINE])
    assert (realisasi, file_name) == (Decimal("4334292936.00"), "rfk.pdf")


def in_parts(doc, digit: str, parts: list[Decimal]):
    """The document as a budget export (DPA, no realisasi) that prints LINE as one row per akun
    belanja (rincian), as the pemda-wide e-budgeting export prints every sub-kegiatan."""
    dpa = as_kind(doc, "dpa", digit, None, drop_realisasi=True)
    rows = []
    for r in dpa.rows["fct_anggaran_per_dokumen"]:
        if r["kode"] != LINE:
            rows.append(r)
            continue
        for k, amount in enumerate(parts):
            rows.append({**r, "pagu_idr": amount, "pagu_printed": str(amount), "source_row": r["source_row"] * 100 + k,
                         "rincian_printed": f"5.1.02.01.01.{k:04d} Belanja {k}"})
    dpa.rows["fct_anggaran_per_dokumen"] = rows
    return dpa


PAGU = Decimal("4434468359.00")  # LINE's pagu in the sample


def test_a_line_printed_in_parts_answers_with_their_sum_and_agrees_with_the_whole(transformed, tmp_path):
    lkjip = as_kind(transformed, "lkjip", "1", None)
    dpa = in_parts(transformed, "4", [Decimal("1000000000.00"), Decimal("2000000000.00"), PAGU - Decimal("3000000000.00")])
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, lkjip, dpa)
    # the LKjIP answers (it has realisasi); the DPA's parts add up to its pagu: no disagreement
    assert fetch(wh, "SELECT f.pagu_idr, d.file_name, f.dokumen_count, f.is_sepakat, f.rincian_count FROM fct_anggaran f "
                     "JOIN dim_dokumen d USING (source_document_id) WHERE f.kode = ?", [LINE]) == [(PAGU, "lkjip.pdf", 2, True, None)]
    assert fetch(wh, "SELECT count(*) FROM fct_temuan WHERE rule = 'lintas_dokumen' AND kode = ?", [LINE]) == [(0,)]


def test_parts_that_do_not_add_up_to_the_whole_are_a_finding_and_alone_answer_with_their_sum(transformed, tmp_path):
    parts = [Decimal("1000000000.00"), Decimal("2000000000.00"), PAGU - Decimal("3000001000.00")]
    wh = tmp_path / "k.duckdb"
    build_warehouse(wh, as_kind(transformed, "lkjip", "1", None), in_parts(transformed, "4", parts))
    assert fetch(wh, "SELECT is_sepakat FROM fct_anggaran WHERE kode = ?", [LINE]) == [(False,)]
    [(reported, expected)] = fetch(wh, "SELECT reported, expected FROM fct_temuan WHERE rule = 'lintas_dokumen' AND kode = ? "
                                       "AND message LIKE 'Pagu%'", [LINE])
    assert (reported, expected) == ("jumlah 3 rincian 4.434.467.359,00", "4.434.468.359,00")
    # the DPA alone: its line is the sum of its parts, none dropped
    alone = tmp_path / "alone.duckdb"
    build_warehouse(alone, in_parts(transformed, "4", parts))
    assert fetch(alone, "SELECT pagu_idr, pagu_printed, rincian_count FROM fct_anggaran WHERE kode = ?", [LINE]) == [(sum(parts), None, 3)]
