"""Chatbot: an automated assistant embedded in a page (a bot platform's web chat, by its element or
script), or a link named as one. A chat answered by staff is channel.live_chat."""

from __future__ import annotations

from ..base import STRONG, NamedLinkAssessor, vocabulary
from ..registry import detector

# custom elements bot platforms' web chats are written as: Dialogflow Messenger, Dialogflow CX
BOT_ELEMENTS = ("df-messenger", "df-messenger-chat-bubble")


@detector("ai_chatbot")
class AiChatbot(NamedLinkAssessor):
    feature = "channel.ai_chatbot"
    max_text = 60
    listing_is_news = True

    pages_only = False      # a chat opens in the page: its button is often a script link

    def page(self, view):
        yield from widget(self, view, BOT_ELEMENTS, "chatbot")
        yield from super().page(view)


def widget(assessor: NamedLinkAssessor, view, elements: tuple[str, ...], kind: str):
    """The chat widget a page embeds, by its element or by the host of its script or frame: one item."""
    for name in elements:
        if name in view.tags:
            yield assessor.evidence(assessor.feature, view, "", f"<{name}> {kind} widget", f"<{name}>", "", STRONG)
            return
    terms = vocabulary(assessor.feature, view)
    for tag, src in [("script", s) for s in view.script_srcs + view.script_urls] + view.embeds:
        host = terms.host_match(src)
        if host:
            yield assessor.evidence(assessor.feature, view, src, f"<{tag}> {kind} widget", host, "", STRONG)
            return
