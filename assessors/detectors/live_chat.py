"""Live chat: a chat answered by staff, by the live-chat service a page loads (tawk.to, LiveChat,
Zendesk Chat ...) or a link named as a chat with staff. A Messenger or LINE link that does not say
so may be a bot, and is no evidence."""

from __future__ import annotations

from ..base import NamedLinkAssessor
from ..registry import detector
from .ai_chatbot import widget


@detector("live_chat")
class LiveChat(NamedLinkAssessor):
    feature = "channel.live_chat"
    max_text = 60
    listing_is_news = True

    pages_only = False      # a chat opens in the page: its button is often a script link

    def page(self, view):
        yield from widget(self, view, (), "live-chat")
        yield from super().page(view)
