"""Page language: the same answers as langdetect and as counting each script on its own, faster.

The engine tells a page's language by its script where it can (Thai letters) and asks langdetect
otherwise (assessors/engine.py page_language); the pack choice counts each script's share of the
text (assessors/language.py scripts_of). Both are computed in bulk now; these tests hold them to
the plain computations on the corpus's real pages, and keep the decisions that matter to a user.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector

from assessors.engine import LANGDETECT_CHARS, LANGDETECT_TRIALS, page_language
from assessors.langdetector import SameDetector
from assessors.language import SAMPLE, SCRIPTS, letter_counts, scripts_of, select_packs
from assessors.page import build_page


def corpus_texts(corpus) -> list[str]:
    """The page text of every site's entry page and of every fourth page of the mirrors."""
    pages = sorted(p for p in (corpus / "sites").rglob("*") if p.suffix.lower() in (".html", ".htm"))
    texts = []
    for i, path in enumerate(pages):
        if path.name == "index.html" or path.parent.name == "Pages" and path.name == "default.html" or i % 4 == 0:
            html = path.read_bytes().decode("utf-8", errors="replace")
            texts.append(build_page(html, f"http://example.test/{path.name}").text)
    return [t for t in texts if t]


def langdetect_answer(cls, text: str):
    DetectorFactory.seed = 0
    detector_factory.init_factory()
    detector = cls(detector_factory._factory)
    detector.n_trial = LANGDETECT_TRIALS
    detector.append(text)
    try:
        detector.detect()
    except Exception as exc:        # noqa: BLE001 - the same failure is the same answer
        return type(exc).__name__
    return detector.langprob


def test_same_detector_gives_langdetects_probabilities_to_the_last_digit(corpus):
    texts = corpus_texts(corpus)
    assert len(texts) > 60
    # what the engine asks (a page's first characters), the middle of a page, and a short text
    samples = [t[:LANGDETECT_CHARS] for t in texts] + [t[len(t) // 2:][:LANGDETECT_CHARS] for t in texts] \
        + ["ข่าวประชาสัมพันธ์ News Contact us ติดต่อเรา", "Selamat datang di Pemerintah Kabupaten Bantul",
           "ＡＢＣ  東京都  ひらがな カタカナ 한국어   Tiếng Việt  ș ț", "x"]
    for sample in samples:
        assert langdetect_answer(SameDetector, sample) == langdetect_answer(Detector, sample), sample[:80]


def plain_counts(sample: str) -> tuple[int, dict[str, int]]:
    """Each script counted on its own, as the pack choice counted before."""
    letters = sum(map(len, re.findall(r"[^\W\d_]+", sample)))
    counts = {lang: sum(map(len, pattern.findall(sample))) for lang, pattern in SCRIPTS}
    return letters, {lang: n for lang, n in counts.items() if n}


def test_script_counts_are_those_of_each_script_counted_on_its_own(corpus):
    mixed = ["กรมการปกครอง Department of Provincial Administration 東京 ひらがな 한국어 हिन्दी العربية Русский ລາວ ខ្មែរ မြန်မာ",
             "English only, with digits 2567 and_underscores", "", "๑๒๓ ๔๕๖",
             # beyond the Basic Multilingual Plane (an emoji, a Han character of Extension B), and
             # Thai's vowel and tone marks, which are not letters to re
             "ข่าวประชาสัมพันธ์ 😀 𠀀 news", "ที่นี่ ก็ ๆ ฯ", "Ünïcödé Latin only"]
    for text in corpus_texts(corpus) + mixed:
        sample = text[:SAMPLE]
        assert letter_counts(sample) == plain_counts(sample), sample[:80]


THAI_MENU = ("หน้าหลัก ข่าวประชาสัมพันธ์ เกี่ยวกับหน่วยงาน ประวัติความเป็นมา วิสัยทัศน์ พันธกิจ โครงสร้างองค์กร "
             "ผู้บริหาร ภารกิจและอำนาจหน้าที่ ยุทธศาสตร์ แผนปฏิบัติราชการ รายงานผลการดำเนินงาน ประกาศจัดซื้อจัดจ้าง "
             "บริการประชาชน ดาวน์โหลดแบบฟอร์ม กฎหมายที่เกี่ยวข้อง ติดต่อเรา ถาม-ตอบ แผนผังเว็บไซต์ ")


def test_a_thai_page_with_english_menu_words_stays_thai():
    text = ("Home | Sitemap | English | Login | E-Service | FAQ | Contact | RSS | Facebook | YouTube | "
            + THAI_MENU * 3)
    assert page_language(text) == "th"
    assert "th" in select_packs("", page_language(text), text, set())
    # near miss: the same English words with only a line of Thai are an English page
    english = ("Home Sitemap Login E-Service FAQ Contact. The Department publishes its annual report, news, "
               "procurement notices and services for citizens and businesses on this website. ") * 3
    assert page_language(english + "กรมการปกครอง") == "en"


def test_an_english_page_with_a_thai_agency_name_stays_english():
    text = ("Office of the Civil Service Commission สำนักงานคณะกรรมการข้าราชการพลเรือน. The Commission "
            "sets the rules for recruitment, pay and conduct of civil servants, and publishes its news, "
            "announcements and annual reports here. Contact us for more information about our services. ") * 3
    assert page_language(text) == "en"
    assert "th" not in scripts_of(text)
    # near miss: a Thai page that names the agency in English is Thai
    thai = "Office of the Civil Service Commission " + THAI_MENU * 3
    assert page_language(thai) == "th"
    assert "th" in scripts_of(thai)

