"""Canonical budget codes: U.BB.PP.K.KK.SSSS from any printed style.

The Klungkung 2024 budget table alone prints three styles: "2.07.01.2.01.02" (p.25),
"2 07 01 2.06" with the sub-code "01" in the next cell (p.25-27) and "2 07 05 2.02 02"
(p.28); its bidang row prints "3" and "32" in two cells. Extract joins such cells with " | ".
"""

from __future__ import annotations

import re

LEVELS = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}


def parse_kode(printed: str | None) -> tuple[str | None, str | None, str | None]:
    """Return (canonical kode, level, issue) for a printed code; issue explains a failure."""
    text = (printed or "").strip()
    if not text:
        return None, None, None
    segments = [s for s in re.split(r"[\s.|]+", text) if s]
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
            parts.append(str(int(seg)))
        else:
            if len(seg.lstrip("0")) > width:
                return None, None, "segmen kode terlalu panjang"
            parts.append(seg.zfill(width)[-width:])
    return ".".join(parts), level, None


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
