"""Canonical budget codes: U.BB.PP.K.KK.SSSS from any printed style.

The Klungkung 2024 budget table alone prints three styles: "2.07.01.2.01.02" (p.25),
"2 07 01 2.06" with the sub-code "01" in the next cell (p.25-27) and "2 07 05 2.02 02"
(p.28); its bidang row prints "3" and "32" in two cells. Extract joins such cells with " | ".
"""

from __future__ import annotations

import re

LEVELS = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}


def parse_kode(printed: str | None, ocr: bool = False) -> tuple[str | None, str | None, str | None]:
    """Return (canonical kode, level, issue) for a printed code; issue explains a failure.

    `ocr`: the code was read by OCR, which loses narrow spaces; digit runs that fill the next
    segments exactly are split (_split_runs). A typed code is taken as printed.
    """
    text = (printed or "").strip()
    if not text:
        return None, None, None
    segments = [s for s in re.split(r"[\s.|-]+", text) if s]  # "1-03.01": RFK Grobogan 2022 p.1
    if ocr:
        segments = _split_runs(segments)
    if not all(re.fullmatch(r"\d{1,4}|[Xx]{1,2}", s) for s in segments):
        return None, None, "kode tidak dikenal"
    level = LEVELS.get(len(segments))
    if level is None:
        return None, None, f"kode dengan {len(segments)} segmen tidak dikenal"
    widths = [1, 2, 2, 1, 2, 4]
    parts = []
    for seg, width in zip(segments, widths):
        if seg.upper().startswith("X"):
            parts.append(seg.upper())
        elif width == 1:
            if len(seg.lstrip("0")) > 1:  # "29": a program number (Distan Jabar 2016 p.50), no urusan
                return None, None, "segmen kode terlalu panjang"
            parts.append(str(int(seg)))
        else:
            if len(seg.lstrip("0")) > width:
                return None, None, "segmen kode terlalu panjang"
            parts.append(seg.zfill(width)[-width:])
    return ".".join(parts), level, None


WIDTHS = [1, 2, 2, 1, 2, 4]


def _split_runs(segments: list[str]) -> list[str]:
    """Split a run of digits that fills the next code segments' widths exactly.

    OCR loses the narrow spaces between code segments: the scan of the Klungkung 2024 budget
    table (p. 25-27, printed "2 07 01 2.06") reads "207012.06". A run of three or more digits
    longer than its segment's width, whose length is the sum of the widths of the segments
    from there on (1+2+2+1 = 6 for "207012"), can only be those segments; anything else is
    left for parse_kode to refuse ("29", a program number, stays one segment). Only codes read
    by OCR are split: a typed "12345" printed no separator and none was lost. The
    sub-kegiatan segment counts as 4 digits or as the 2 the sample prints ("2 07 05 2.02 02",
    p. 28, read "207052.0202").
    """
    out: list[str] = []
    for seg in segments:
        at = len(out)
        if at < len(WIDTHS) and seg.isdigit() and len(seg) >= 3 and len(seg) > WIDTHS[at]:
            for widths in (WIDTHS, WIDTHS[:-1] + [2]):
                total, end = 0, at
                while end < len(widths) and total < len(seg):
                    total += widths[end]
                    end += 1
                if total == len(seg) and end - at > 1:
                    pos = 0
                    for width in widths[at:end]:
                        out.append(seg[pos:pos + width])
                        pos += width
                    break
            else:
                out.append(seg)
            continue
        out.append(seg)
    return out


def parent_kode(kode: str) -> str | None:
    """Return the code one level up: sub-kegiatan -> kegiatan -> program -> bidang -> urusan."""
    parts = kode.split(".")
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    if len(parts) in (2, 3):
        return ".".join(parts[:-1])
    return None


def code_level(printed: str | None) -> str | None:
    """Return the level a printed code's shape tells when it maps to no canonical code.

    - Codes relative to the program, SIPD 2023 style: "01.2.01" kegiatan, "01.2.01.01"
      sub-kegiatan (RFK Grobogan 2022 p.1: program "1-03.01", kegiatan "01.2.01"); the one-digit
      segment after two-digit ones is the kegiatan's type digit.
    - Permendagri 13/2006 codes: "1.20.1.20.03.15.01" (urusan, bidang, the SKPD's urusan and
      bidang, SKPD, program, kegiatan) is a kegiatan, one segment less a program; the short
      Renja form "1 01 01 01" (urusan, bidang, program, kegiatan) a kegiatan (BPMPD Jabar 2015
      Renja evaluation p.1).
    None where the shape says nothing.
    """
    segments = [s for s in re.split(r"[\s.|-]+", (printed or "").strip()) if s]
    if not segments or not all(re.fullmatch(r"\d{1,4}", s) for s in segments):
        return None
    widths = [len(s) for s in segments]
    for i in range(1, len(segments)):
        if widths[i] == 1 and all(w == 2 for w in widths[:i]) and all(w == 2 for w in widths[i + 1:]):
            return {1: "kegiatan", 2: "sub_kegiatan"}.get(len(segments) - i - 1)
    if widths[0] == 1 and len(segments) >= 6 and widths[2] == 1 and widths[3] == 2:
        return {6: "program", 7: "kegiatan"}.get(len(segments))
    if len(segments) == 4 and widths[0] == 1 and widths[1:] == [2, 2, 2]:
        return "kegiatan"
    return None
