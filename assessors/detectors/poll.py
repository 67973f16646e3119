"""Polls and surveys: a poll form or links that name a survey."""

from __future__ import annotations

from ..base import STRONG, NamedLinkAssessor
from ..forms import form_kind
from ..registry import detector


@detector("poll")
class Poll(NamedLinkAssessor):
    feature = "participate.poll"
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            if form_kind(form) == "poll":
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> poll", form.text[:160],
                                    form.region, STRONG)
                break
        yield from super().page(view)

