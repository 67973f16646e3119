"""Content in several languages: a language switcher, hreflang alternates, pages in another language."""

from __future__ import annotations

import re
from collections import Counter

from ground.urls import DOCUMENT_EXTENSIONS, extension

from ..base import (
    ABSENT,
    PRESENT,
    REGION_CONFIDENCE,
    STRONG,
    Assessor,
    Decision,
    Evidence,
    enough,
    host_of,
    is_offsite,
    vocabulary,
)
from ..registry import detector

# a machine translation of the page is not a page the agency wrote in that language; "translate.goog"
# is in every Google Translate host (translate.google.*, *.translate.goog, translate.googleusercontent.com)
MACHINE_TRANSLATION = ("translate.goog", "microsofttranslator.com", "translate.yandex.")
# the scripts of translation widgets (Google's website translator, GTranslate, Microsoft's widget):
# their flags and language links ("#", doGTranslate('th|en')) show the same page machine-translated
TRANSLATION_WIDGETS = ("/translate_a/element.js", "gtranslate", "microsofttranslator.com/ajax")
WIDGET_CALLS = ("dogtranslate", "googtrans")
# the class Google's translator reads as "leave this text alone": a widget's menu of language names
# carries it (a site's own bundle may load the widget, so its script need not be on the page)
WIDGET_CLASS = "notranslate"
# the same widgets set up by the page's own inline script (the widget's file then loaded by that
# script, not by a <script src>): Google's googleTranslateElementInit, GTranslate's doGTranslate
INLINE_WIDGETS = ("googletranslateelementinit", "google.translate.translateelement", "dogtranslate", "gtranslatesettings")
# a link that stays on the page ("#", an empty href, javascript:void(0)) switches the language only
# through a script, which its id, class, handler, javascript: href or data- attributes name ("lang-switch",
# "switchLocale", setLanguage('en'), javascript:changeLanguage('en'), data-lang="en"); one whose markup names no switch is a template's placeholder
# ("English Version" under a video box) that leads to no page in that language, even when its title
# or aria-label names the language to the reader (title="ภาษาอังกฤษ")
_SCRIPT_SWITCH = re.compile(r"lang|locale|i18n|ภาษา")


# a flag image as the whole of a link: "en.png", "flag-en.gif", "uk.png", "english_flag.jpg" (not
# "contact-us.png": the name must be only a language or country code with "flag" or a size)
_ENGLISH_FLAG = re.compile(r"^(?:flags?[-_]?|icon[-_]?|lang[-_]?)?(?:en|eng|english|uk|gb|us|usa|en[-_](?:us|gb))"
                           r"(?:[-_]?(?:flag|icon|lang|\d{1,3}(?:x\d{1,3})?))?\.(?:png|gif|jpe?g|svg|webp)$")


LANGUAGE_NAMES = {"english", "eng", "en", "ภาษาอังกฤษ", "ภาษาไทย", "thai", "th", "español", "en español", "français",
                  "deutsch", "中文", "简体中文", "繁體中文", "日本語", "한국어", "bahasa indonesia", "cymraeg", "tiếng việt",
                  # the home languages of English-speaking governments, as their switchers name them
                  "gaeilge", "as gaeilge", "gàidhlig", "gaidhlig", "te reo māori", "te reo maori",
                  # India's state languages beside English, named in English or in their own script
                  # (a district's top bar: "Marathi"), and Singapore's and Malaysia's other languages
                  "hindi", "marathi", "tamil", "telugu", "kannada", "bengali", "bangla", "gujarati", "malayalam",
                  "punjabi", "odia", "oriya", "assamese", "urdu", "हिन्दी", "हिंदी", "मराठी", "தமிழ்", "తెలుగు", "ಕನ್ನಡ",
                  "বাংলা", "ગુજરાતી", "മലയാളം", "ਪੰਜਾਬੀ", "ଓଡ଼ିଆ", "অসমীয়া", "اردو",
                  "bahasa melayu", "bahasa malaysia", "melayu", "chinese", "华文", "filipino"}


@detector("multilingual")
class Multilingual(Assessor):
    """A language switcher, hreflang alternates, or crawled pages whose main text is in another language."""

    features = ("lang.multilingual",)
    name = "lang.multilingual"

    def page(self, view):
        terms = vocabulary("lang.multilingual", view)
        for lang, url in view.hreflangs:
            if lang.split("-")[0] not in ("x", (view.lang or "").split("-")[0]):
                yield self.evidence(self.features[0], view, url, f'<link hreflang="{lang}">', lang, "", STRONG)
                return
        widget = any(w in src.lower() for src in view.script_srcs for w in TRANSLATION_WIDGETS) or \
            any(w in view.script_text for w in INLINE_WIDGETS)
        for link in view.links:
            if not link.navigates:
                continue
            if any(call in link.attrs.lower() or call in link.url.lower() for call in WIDGET_CALLS) or \
                    (link.inert and (widget or WIDGET_CLASS in link.attrs.lower().split())):
                continue        # a translation widget's switch: the page machine-translated
            if link.inert and not _SCRIPT_SWITCH.search(link.handler):
                continue        # a placeholder that stays on the page: no switch behind it
            text = link.norm
            # a switcher leads to the site's own pages in another language; a bare code
            # ("EN", "TH") counts only as the whole link text
            own = not is_offsite(view, link.url)
            url_hint = own and (any(k in link.url.lower() for k in ("/eng/", "/en/", "lang=en", "/english", "/eng.", "/en."))
                                or "flag" in link.attrs)
            flag = own and any(_ENGLISH_FLAG.match(name) for name in link.images.split())
            # a document offered in a language ("मराठी" beside "इंग्रजी" under a notice, each a PDF) is
            # that document's translation, not a way to the site's pages in that language
            # and a language listed in a box of courses or lessons (หลักสูตรฝึกอบรมภาษา, "Language
            # courses", an e-learning box) is a subject taught, not the site in that language
            is_switch = (text in LANGUAGE_NAMES or (len(text) <= 40 and bool(terms.find(text)))) \
                and extension(link.url) not in DOCUMENT_EXTENSIONS and not terms.vetoed(link.section)
            if (is_switch or (not text and url_hint) or flag) and not any(m in host_of(link.url) for m in MACHINE_TRANSLATION):
                yield self.evidence(self.features[0], view, link.url, f"{link.element} language switcher",
                                    link.text or link.url, link.region, REGION_CONFIDENCE[link.region])
                return

    def site(self, findings):
        evidence = list(findings.evidence.get(self.features[0], []))
        languages = findings.facts.get("page_languages", {})
        counts = Counter(languages.values())
        if counts:
            main = counts.most_common(1)[0][0]
            for url, lang in languages.items():
                if lang != main:
                    evidence.append(Evidence(self.features[0], url, url, "page language",
                                             f"main text in '{lang}' (the site's pages are mostly '{main}')", self.name))
                    break
        findings.evidence[self.features[0]] = evidence
        return {self.features[0]: Decision(PRESENT if enough(evidence) else ABSENT)}

