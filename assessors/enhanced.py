"""Stage 2 - enhanced information: downloadable forms, audio/video, languages, two-way interaction."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

from ground.urls import DOCUMENT_EXTENSIONS, extension

from .base import (ABSENT, LISTING, MEDIUM, PRESENT, REGION_CONFIDENCE, STRONG, WEAK, Assessor, Decision, Evidence, NamedLinkAssessor, enough,
                   host_of, is_offsite, link_names, raised, vocabulary)
from .cues import url_cue
from .indicators import social_platform
from ground.text import normalise

FORM_FILE_TYPES = {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "zip"}
MEDIA_FILE_TYPES = {"mp4", "m4v", "mp3", "m4a", "wav", "wma", "wmv", "avi", "mov", "flv", "webm", "ogg", "ogv", "mkv"}
# a machine translation of the page is not a page the agency wrote in that language; "translate.goog"
# is in every Google Translate host (translate.google.*, *.translate.goog, translate.googleusercontent.com)
MACHINE_TRANSLATION = ("translate.goog", "microsofttranslator.com", "translate.yandex.")
SHARE_MARKERS = ("sharer", "share.php", "/share", "intent/tweet", "addthis", "sharethis", "shareArticle", "dialog/")


# an image or "click here" link to the site's own forms page named by its address: a path segment
# "forms", "download-forms", "แบบฟอร์ม" (percent-encoded in the address); Google Forms is an online form
_FORMS_PATH = re.compile(r"/(?:download[-_]?)?(?:forms?|แบบฟอร์ม)(?:[-_]?download)?(?:[/.]|$)", re.I)


def _path(url: str) -> str:
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return ""


class FormsDownload(Assessor):
    features = ("forms.download",)
    name = "forms.download"

    def page(self, view):
        terms = vocabulary("forms.download", view)
        count = 0
        for link in view.links:
            ext = extension(link.url)
            named = link_names(terms, link, view.url)
            confidence = REGION_CONFIDENCE[link.region]
            if url_cue("forms.download", link.url) or ext in FORM_FILE_TYPES and "/form" in link.url.lower():
                confidence = raised(confidence)
            if ext in FORM_FILE_TYPES and (
                    # link_names has already looked for the ordinary terms in a specific link text
                    named or (not link.generic and terms.find_file_term(link.norm))
                    or terms.find_on_file(normalise(link.url.rsplit("/", 1)[-1].replace("_", " ").replace("-", " ")))
                    or (link.context and terms.find(link.context))):
                yield self.evidence("forms.download", view, link.url, f"{link.element} .{ext}", link.text or link.url,
                                    link.region, confidence)
            elif named and link.navigates and ext not in DOCUMENT_EXTENSIONS and not link.url.lower().startswith("javascript:"):
                # a forms page ("ดาวน์โหลดแบบฟอร์ม", "Forms") counts by its name
                yield self.evidence("forms.download", view, link.url, link.element, link.text, link.region, confidence)
            elif link.generic and link.navigates and ext not in DOCUMENT_EXTENSIONS and \
                    _FORMS_PATH.search(_path(link.url)) and not is_offsite(view, link.url) and \
                    not terms.vetoed(link.context):
                # a banner or "click here" to the site's own forms page: its address names it
                yield self.evidence("forms.download", view, link.url, f"{link.element} named by its address",
                                    link.text or link.url, link.region, WEAK if link.region == LISTING else MEDIUM)
            else:
                continue
            count += 1
            if count >= 3:
                return


class AudioVideo(NamedLinkAssessor):
    feature = "media.audio_video"

    def accept(self, view, link, found):
        # "Listen" is also the button of a read-aloud service (ReadSpeaker): speech of the page, not media
        read_aloud = vocabulary("access.read_aloud", view).find(f"{link.url.lower()} {link.attrs}")
        return link.navigates and not read_aloud and not any(m in link.url for m in SHARE_MARKERS)

    def accept_host(self, view, link):
        return not any(m in link.url for m in SHARE_MARKERS) and "/cookies" not in link.url

    def page(self, view):
        for tag, src in view.embeds:
            player = tag in ("video", "audio") or (tag == "source" and src)
            media_source = tag != "frame" and src and (extension(src) in MEDIA_FILE_TYPES or "plugins/video" in src
                                                     or vocabulary(self.feature, view).host_match(src))
            if player or media_source:
                yield self.evidence(self.feature, view, src, f"<{tag}>", host_of(src) or tag, "", STRONG)
                return
        for link in view.links:
            if extension(link.url) in MEDIA_FILE_TYPES:
                yield self.evidence(self.feature, view, link.url, f"{link.element} .{extension(link.url)}",
                                    link.text or link.url, link.region, raised(REGION_CONFIDENCE[link.region]))
                return
        yield from super().page(view)


# a flag image as the whole of a link: "en.png", "flag-en.gif", "uk.png", "english_flag.jpg" (not
# "contact-us.png": the name must be only a language or country code with "flag" or a size)
_ENGLISH_FLAG = re.compile(r"^(?:flags?[-_]?|icon[-_]?|lang[-_]?)?(?:en|eng|english|uk|gb|us|usa|en[-_](?:us|gb))"
                           r"(?:[-_]?(?:flag|icon|lang|\d{1,3}(?:x\d{1,3})?))?\.(?:png|gif|jpe?g|svg|webp)$")
LANGUAGE_NAMES = {"english", "eng", "en", "ภาษาอังกฤษ", "ภาษาไทย", "thai", "th", "español", "en español", "français",
                  "deutsch", "中文", "简体中文", "繁體中文", "日本語", "한국어", "bahasa indonesia", "cymraeg", "tiếng việt"}


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
        for link in view.links:
            if not link.navigates:
                continue
            text = link.norm
            # a switcher leads to the site's own pages in another language; a bare code
            # ("EN", "TH") counts only as the whole link text
            own = not is_offsite(view, link.url)
            url_hint = own and (any(k in link.url.lower() for k in ("/eng/", "/en/", "lang=en", "/english", "/eng.", "/en."))
                                or "flag" in link.attrs)
            flag = own and any(_ENGLISH_FLAG.match(name) for name in link.images.split())
            is_switch = text in LANGUAGE_NAMES or (len(text) <= 40 and bool(terms.find(text)))
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


class TwoWay(NamedLinkAssessor):
    feature = "interact.two_way"

    def page(self, view):
        yield from super().page(view)
        for form in view.forms:
            if form.has("textarea") and len(form.user_fields()) >= 2:
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> with a message box",
                                    form.text[:160], form.region, STRONG)
                break
        for link in view.links:
            if link.url.lower().startswith("mailto:") or link.url.lower().startswith("mailto&#58;"):
                yield self.evidence(self.feature, view, link.url, "<a href=mailto:>", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])
                break
        for link in view.links:
            if social_platform(link.url):
                yield self.evidence(self.feature, view, link.url, f"{link.element} social profile", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])
                break


ASSESSORS = [FormsDownload(), AudioVideo(), Multilingual(), TwoWay()]
