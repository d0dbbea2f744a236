"""Make a scan of a text PDF: pages rendered grey, slightly skewed, JPEG-noisy, image only.

Issue #16 asks for OCR to be measured on "a scan of the sample that you make yourselves":
the Klungkung 2024 sample rendered at 150 and at 200 dpi, grey, slightly skewed, with JPEG
noise, and its landscape budget pages stored sideways (as a sheet fed portrait into a
scanner comes out). Everything is seeded, so a scan is the same bytes on every run.

    python -m tests.generator.scan samples/lkjip-disnaker-klungkung-2024.pdf out.pdf --dpi 150
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

SKEW_DEGREES = 0.7
JPEG_QUALITY = 55
NOISE_SIGMA = 6.0  # grey levels of sensor noise added before JPEG compression


def scan_page(page: pdfium.PdfPage, dpi: int, skew: float, rng: np.random.Generator) -> Image.Image:
    """Render one page as a scanner would give it back: grey, skewed, noisy, upright sheet.

    A landscape page is turned a quarter (it was fed portrait), so its text runs sideways.
    """
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if image.width > image.height:
        image = image.rotate(90, expand=True)
    image = image.rotate(skew, resample=Image.BILINEAR, expand=True, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, NOISE_SIGMA, pixels.shape)
    pixels = np.clip(pixels * 0.94 + 8, 0, 255).astype(np.uint8)  # greyish paper, lighter ink
    buffer = io.BytesIO()
    Image.fromarray(pixels, "L").save(buffer, "JPEG", quality=JPEG_QUALITY)
    buffer.seek(0)
    return Image.open(buffer)


def make_scan(source: Path, target: Path, dpi: int, pages: list[int] | None = None, seed: int = 16) -> Path:
    """Write an image-only PDF scan of `source` (all pages, or the 1-based `pages`)."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(source))
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        images = []
        for n in numbers:
            page = doc[n - 1]
            # skew alternates in sign as sheets go through a feeder slightly askew either way
            skew = SKEW_DEGREES if n % 2 else -SKEW_DEGREES
            images.append(scan_page(page, dpi, skew, rng))
            page.close()
    finally:
        doc.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Pillow stores grey JPEG images as they are (DCTDecode): no text layer, the scan's noise
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return target


def make_partial_scan(source: Path, target: Path, dpi: int, pages: list[int], seed: int = 16) -> Path:
    """Write `source` with the 1-based `pages` replaced by their scan, the others kept as typed.

    A report is often scanned in part: a signed page, an appendix printed and scanned again
    (issue #16). Page numbers stay those of `source`, so its golden rows still point at them.
    """
    with tempfile.TemporaryDirectory() as tmp:
        scanned = make_scan(source, Path(tmp) / "scan.pdf", dpi, sorted(pages), seed)
        src, scan, out = pdfium.PdfDocument(str(source)), pdfium.PdfDocument(str(scanned)), pdfium.PdfDocument.new()
        try:
            at = {n: k for k, n in enumerate(sorted(pages))}
            for n in range(1, len(src) + 1):
                if n in at:
                    out.import_pages(scan, [at[n]])
                else:
                    out.import_pages(src, [n - 1])
            target.parent.mkdir(parents=True, exist_ok=True)
            out.save(str(target))
        finally:
            for doc in (out, scan, src):
                doc.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--pages", type=lambda s: [int(x) for x in s.split(",")], default=None)
    args = parser.parse_args()
    make_scan(args.source, args.target, args.dpi, args.pages)


if __name__ == "__main__":
    main()
