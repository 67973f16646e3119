"""Polls and surveys: a poll form or links that name a survey."""

from __future__ import annotations

from dataclasses import replace

from ground.urls import DOCUMENT_EXTENSIONS, extension

from ..base import STRONG, NamedLinkAssessor, vocabulary
from ..forms import form_kind
from ..page import LISTING, MAIN
from ..registry import detector

# the packs' words that ask the reader to answer a survey ("ขอความร่วมมือ...ตอบแบบสำรวจ", "take our survey")
INVITATION = "poll_invitation"


@detector("poll")
class Poll(NamedLinkAssessor):
    feature = "participate.poll"
    listing_is_news = True

    def accept(self, view, link, found):
        # a questionnaire as a PDF or Word file is filled in on paper: no poll taken on the web
        return super().accept(view, link, found) and extension(link.url) not in DOCUMENT_EXTENSIONS

    def page(self, view):
        for form in view.forms:
            if form_kind(form) == "poll":
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> poll", form.text[:160],
                                    form.region, STRONG)
                break
        yield from super().page(view)

    def link_evidence(self, view, terms, link):
        # a news item about a survey is news; one that asks the reader to answer it and leads to it
        # (a post card "ขอความร่วมมือนักศึกษาตอบแบบสำรวจ...") is the survey's way in, read as content
        if link.region == LISTING and vocabulary(INVITATION, view).find(link.norm) and not terms.vetoed(link.norm):
            link = replace(link, region=MAIN)
        return super().link_evidence(view, terms, link)
