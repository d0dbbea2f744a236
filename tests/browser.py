"""Open an HTML file in Debian's headless Chromium through Playwright and report what happened.

Playwright drives the system browser (/usr/bin/chromium, installed by .ci/run); it never
downloads one. The flags keep Chromium from phoning home: on this machine's closed network
its background connections would otherwise be refused many at a time (PLATFORM notes).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    """What the browser saw while opening and rendering a page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    sections: dict[str, dict] = field(default_factory=dict)
    text: str = ""


# Per chart: its name, how many data marks it drew and their total drawn area on screen
# (a mark of zero size is not a rendered mark), and the section it sits in.
_CHARTS_JS = """
() => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
  const marks = Array.from(svg.querySelectorAll('.mark'));
  const sized = marks.filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; });
  const r = svg.getBoundingClientRect();
  const sec = svg.closest('section');
  return {name: svg.dataset.chart, marks: marks.length, sized: sized.length,
          width: r.width, height: r.height, section: sec ? sec.dataset.section : null};
})
"""

_SECTIONS_JS = """
() => Object.fromEntries(Array.from(document.querySelectorAll('section[data-section]')).map(s => [
  s.dataset.section,
  {charts: s.querySelectorAll('svg.chart').length, rows: s.querySelectorAll('tbody tr').length,
   empty: s.querySelectorAll('.empty').length, height: s.getBoundingClientRect().height}]))
"""


def visit(html_file: Path, screenshot: Path | None = None, full_page: bool = True,
          viewport: tuple[int, int] = (1400, 1000)) -> PageVisit:
    """Open `html_file` (file://), wait for it to render, and collect errors, requests and charts."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium not found: install Debian's chromium (apt-get install chromium); .ci/run does")
    out = PageVisit()
    with sync_playwright() as p:
        # Playwright gives the browser a new, empty profile of its own
        browser = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.on("console", lambda m: out.console_errors.append(m.text) if m.type in ("error", "assert") else None)
            page.on("pageerror", lambda e: out.page_errors.append(str(e)))
            page.on("request", lambda r: out.requests.append(r.url))
            page.on("requestfailed", lambda r: out.failed_requests.append(r.url))
            page.goto(Path(html_file).resolve().as_uri(), wait_until="load")
            page.wait_for_load_state("networkidle")
            out.charts = page.evaluate(_CHARTS_JS)
            out.sections = page.evaluate(_SECTIONS_JS)
            out.text = page.inner_text("body")
            if screenshot is not None:
                Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=full_page)
        finally:
            browser.close()
    return out


if __name__ == "__main__":  # python -m tests.browser REPORT.html OUT.png [WIDTH HEIGHT]: a viewport screenshot
    import sys

    w, h = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (1400, 1000)
    seen = visit(Path(sys.argv[1]), screenshot=Path(sys.argv[2]), full_page=False, viewport=(w, h))
    print(f"{sys.argv[2]}: {len(seen.charts)} charts, console errors {len(seen.console_errors)}, requests {len(seen.requests)}")
