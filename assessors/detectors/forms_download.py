"""Downloadable forms: links to document files or a forms page that name a form."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from ground.text import normalise
from ground.urls import DOCUMENT_EXTENSIONS, extension

from ..base import LISTING, MEDIUM, REGION_CONFIDENCE, WEAK, Assessor, is_offsite, link_names, raised, vocabulary
from ..cues import url_cue
from ..registry import detector

FORM_FILE_TYPES = {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "zip"}


# an image or "click here" link to the site's own forms page named by its address: a path segment
# "forms", "download-forms", "แบบฟอร์ม" (percent-encoded in the address); Google Forms is an online form
_FORMS_PATH = re.compile(r"/(?:download[-_]?)?(?:forms?|แบบฟอร์ม)(?:[-_]?download)?(?:[/.]|$)", re.I)


# the longest link text that still names a forms page (a file named as a form counts whatever its text)
_PAGE_NAME_TEXT = 80


def _path(url: str) -> str:
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return ""


@detector("forms_download")
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
                    # the file's name, unless the link's own words name something else (a file
                    # application-stats-2017.pdf offered as "Application statistics 2017")
                    or (not terms.vetoed(link.norm) and terms.find_on_file(
                        normalise(link.url.rsplit("/", 1)[-1].replace("_", " ").replace("-", " "))))
                    or (link.context and terms.find(link.context))):
                yield self.evidence("forms.download", view, link.url, f"{link.element} .{ext}", link.text or link.url,
                                    link.region, confidence)
            elif named and link.navigates and ext not in DOCUMENT_EXTENSIONS and not link.url.lower().startswith("javascript:") \
                    and len(link.text) <= _PAGE_NAME_TEXT:
                # a forms page ("ดาวน์โหลดแบบฟอร์ม", "Forms") counts by its name; a longer text is a
                # headline or a banner's sentence that mentions forms in passing
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

