"""The report as a consultant hands it over: pages that fit a 1280-pixel screen, and the PDFs
`egovscan report --pdf` prints through Chromium on A4, checked with poppler (pdfinfo, pdftotext,
pdffonts, pdftoppm). Screenshots and page images are saved under test-output/.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import SHOTS, egovscan, needs_browser, open_browser

from assessors import CATALOGUE


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    egovscan("demo", "--out", out, "--quiet")
    return out


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@needs_browser
def test_pages_fit_1280_pixels_and_print_to_a4_pdf(demo, three_nights, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("needs poppler-utils (scripts/system-deps.sh)")
    SHOTS.mkdir(exist_ok=True)
    for lang in ("th", "en"):
        egovscan("report", "--db", demo / "demo.db", "--out", tmp_path / lang, "--lang", lang, "--pdf", "--quiet")
        # three nights: the cards' history lines and the ranking's change column
        egovscan("report", "--db", three_nights, "--out", tmp_path / f"trends-{lang}", "--lang", lang, "--quiet")
    playwright, browser = open_browser()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages = [(lang, name) for lang in ("th", "en") for name in (
            "index.html", "method.html", "sites/th-province-sample.html", "sites/th-ministry-digital.html")]
        for lang, name in pages + [(f"trends-{lang}", name) for lang in ("th", "en")
                                   for name in ("index.html", "sites/s4.html")]:
            page.goto((tmp_path / lang / name).as_uri())
            page.wait_for_selector("body[data-report-ready='1']")
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280, (lang, name)
            # no table scrolls sideways inside its box either: every column is in view
            assert page.evaluate("[...document.querySelectorAll('table')].every("
                                 "t => t.scrollWidth <= t.parentElement.clientWidth)"), (lang, name)
            if name.startswith("sites/"):
                text = page.inner_text("body")
                assert not [f for f in CATALOGUE if f in text], (lang, name)
            shot = f"handover-{lang}-{name.replace('/', '-').removesuffix('.html')}.png"
            page.screenshot(path=str(SHOTS / shot), full_page=True)
            if name == "sites/s4.html":                     # the history line: three points, in view
                line = page.locator("figure.history-line svg")
                assert line.locator("circle").count() == 3
                box = line.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 1280 and box["height"] > 80, box
        # on A4 (the printable width at 96 dpi) the ranking and the card's tables fit the page,
        # and so does the card's history line, scaled down whole
        page.set_viewport_size({"width": 700, "height": 1000})
        page.emulate_media(media="print")
        for folder, name in (("th", "index.html"), ("th", "sites/th-province-sample.html"),
                             ("trends-th", "index.html"), ("trends-th", "sites/s4.html")):
            page.goto((tmp_path / folder / name).as_uri())
            widest = page.evaluate("Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))")
            assert widest <= 700, (folder, name, widest)
            assert page.evaluate("document.documentElement.scrollWidth") <= 700, (folder, name)
            if name == "sites/s4.html":
                box = page.locator("figure.history-line svg").bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 700 and box["height"] > 60, box
                page.locator("#history").screenshot(path=str(SHOTS / "handover-th-history-a4.png"))
    finally:
        browser.close()
        playwright.stop()

    def pdf(path, *args):
        return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout

    printed = tmp_path / "th" / "pdf"
    assert sorted(p.name for p in (printed / "sites").glob("*.pdf")) == sorted(
        p.name.replace(".html", ".pdf") for p in (tmp_path / "th" / "sites").glob("*.html"))
    card = printed / "sites" / "th-province-sample.pdf"
    # the card, then its features from a page of their own: 115 catalogue features with the
    # LOSI 2024 indicators take a few A4 pages in Thai, not dozens
    assert 2 <= page_count(card) <= 8
    text = pdf(card, "pdftotext", "-layout")
    assert "สำนักงานจังหวัดตัวอย่าง" in text and "สามสิ่งที่ควรทำต่อไป" in text and "+7.5" in text
    assert not [f for f in CATALOGUE if f in text]
    fonts = subprocess.run(["pdffonts", str(card)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"(Loma|Garuda|Sarabun|NotoSansThai)\S*\s.*\byes\b", fonts), fonts   # Thai font embedded
    summary = pdf(printed / "summary.pdf", "pdftotext", "-layout")
    assert "บทสรุปสำหรับผู้บริหาร" in summary and "ที่ว่าการอำเภอตัวอย่าง" in summary
    assert page_count(printed / "summary.pdf") >= 3                                          # summary, ranking, charts each from a new page
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(card), str(SHOTS / "handover-card-pdf")], check=True)
    from PIL import Image

    with Image.open(SHOTS / "handover-card-pdf-1.png") as image:
        assert abs(image.height / image.width - 297 / 210) < 0.02       # A4 portrait
