"""Online consultation (LOSI 272): a way to give an opinion on a named draft or topic.

LOSI asks for an online tool for the public's opinion: a comment form, a poll, a forum or a
survey tied to the draft. The papers of a hearing (the draft as a PDF, เอกสารประกอบการรับฟัง
ความคิดเห็น) are read, not answered: a link to a document file is no evidence, and a page that
only says it is about a hearing (its heading, its text) counts when it offers a way to respond
on the page: a form, an address to write to, a link to a survey."""

from __future__ import annotations

from ground.urls import DOCUMENT_EXTENSIONS, extension

from ..base import NamedLinkAssessor, vocabulary
from ..page import MAIN
from ..forms import form_kind
from ..registry import detector

POLL = "participate.poll"
# what a form a person answers in is: a comment or message form, a poll, a filled-in request
ANSWERED = ("message", "poll", "application")


def way_to_respond(view) -> str | None:
    """How a person gives an opinion on this page: a form, an e-mail address, a survey's link."""
    for form in view.forms:
        if form_kind(form) in ANSWERED:
            return f"<form method={form.method}>"
    surveys = vocabulary(POLL, view)
    for link in view.links:
        if link.scheme == "mailto" and link.region == MAIN:        # not the footer's general address
            return link.url
        if link.leads_to_page and surveys.host_match(link.url):
            return link.url
    return None


@detector("consultation")
class Consultation(NamedLinkAssessor):
    feature = "participate.consultation"
    max_text = 100
    listing_is_news = True
    use_headings = True

    def link_evidence(self, view, terms, link):
        if extension(link.url) in DOCUMENT_EXTENSIONS:
            return None         # the draft or the notice to read: the way to respond is elsewhere
        return super().link_evidence(view, terms, link)

    def page(self, view):
        respond = None
        for item in super().page(view):
            if item.element in ("page heading", "page text"):
                respond = respond or way_to_respond(view)
                if not respond:
                    continue    # a page about a hearing with nothing to answer in
                item = self.evidence(self.feature, view, item.target, f"{item.element}, answered through {respond[:80]}",
                                     item.text, item.region, item.confidence)
            yield item
