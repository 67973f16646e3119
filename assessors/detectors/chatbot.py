"""Chat: chat widgets embedded in a page, or links that name a chat channel."""

from __future__ import annotations

from ..base import STRONG, NamedLinkAssessor, vocabulary
from ..registry import detector


@detector("chatbot")
class Chatbot(NamedLinkAssessor):
    feature = "channel.chatbot"

    pages_only = False      # a chat opens in the page: its button is often a script link

    def page(self, view):
        for tag, src in view.embeds:
            if vocabulary(self.feature, view).host_match(src):
                yield self.evidence(self.feature, view, src, f"<{tag}> chat widget", src, "", STRONG)
                return
        yield from super().page(view)

