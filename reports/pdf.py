"""The report printed to PDF by Chromium (Playwright driving Debian's chromium): one PDF for the
run summary, one for the method page and one per agency card, on A4 with the report's print
stylesheet.

The browser opens only the report's own files: every request that is not a file of the report
folder is aborted, so printing never touches the network. Chromium embeds the fonts it draws
with (a subset of the Thai font), so a PDF reads the same on a computer without Thai fonts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from .html import site_file

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


class PdfError(RuntimeError):
    """Printing could not run (no Chromium, or the report folder is incomplete)."""


def chromium_path() -> str:
    """Chromium to print with: $EGOVSCAN_CHROMIUM, else Debian's chromium."""
    chosen = os.environ.get("EGOVSCAN_CHROMIUM")
    candidates = [chosen] if chosen else [*CHROMIUM_CANDIDATES, shutil.which("chromium") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    raise PdfError("printing to PDF needs Chromium: install Debian's chromium (scripts/system-deps.sh) "
                   "or set EGOVSCAN_CHROMIUM to its path")


def write_pdfs(report_dir: Path, site_ids: list[str]) -> list[Path]:
    """Print summary.pdf, method.pdf and sites/<card>.pdf into report_dir/pdf; returns the files."""
    report_dir = Path(report_dir).resolve()
    pages = [(report_dir / "index.html", "summary.pdf"), (report_dir / "method.html", "method.pdf")]
    pages += [(report_dir / "sites" / site_file(s), "sites/" + site_file(s).removesuffix(".html") + ".pdf")
              for s in site_ids]
    missing = [str(p) for p, _ in pages if not p.exists()]
    if missing:
        raise PdfError(f"the report folder {report_dir} lacks {missing[0]}: write the report first")
    out = report_dir / "pdf"
    (out / "sites").mkdir(parents=True, exist_ok=True)
    for old in (out / "sites").glob("*.pdf"):
        old.unlink()
    root = report_dir.as_uri() + "/"
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(offline=True, java_script_enabled=True)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(root)
                          else route.abort())
            page = context.new_page()
            for source, name in pages:
                page.goto(source.as_uri(), wait_until="load")
                page.wait_for_selector("body[data-report-ready='1']", timeout=30_000)
                target = out / name
                page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True,
                         display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                         margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
                written.append(target)
        finally:
            browser.close()
    return written
