"""Audio and video: players and media embeds, links to media files, named links."""

from __future__ import annotations

import re
from dataclasses import replace

from ground.urls import extension

from ..base import MEDIUM, REGION_CONFIDENCE, STRONG, WEAK, NamedLinkAssessor, host_of, raised, vocabulary
from ..registry import detector

MEDIA_FILE_TYPES = {"mp4", "m4v", "mp3", "m4a", "wav", "wma", "wmv", "avi", "mov", "flv", "webm", "ogg", "ogv", "mkv"}


# a news item typed by its medium before a colon: "Podcast: Summer interns", "VIDEO: the minister
# opens the bridge", "Webcast: council meeting" (the item is the recording, not a story about one)
_TYPED_MEDIA_ITEM = re.compile(r"^(?:video|videos|podcast|audio|webcast|livestream|live stream)\s*[:|]\s*\S")


SHARE_MARKERS = ("sharer", "share.php", "/share", "intent/tweet", "addthis", "sharethis", "shareArticle", "dialog/")


@detector("audio_video")
class AudioVideo(NamedLinkAssessor):
    feature = "media.audio_video"
    videos_name_it = True

    def accept(self, view, link, found):
        # "Listen" is also the button of a read-aloud service (ReadSpeaker): speech of the page, not media
        read_aloud = vocabulary("access.read_aloud", view).find(f"{link.url.lower()} {link.attrs}")
        return link.navigates and not read_aloud and not any(m in link.url for m in SHARE_MARKERS)

    def link_evidence(self, view, terms, link):
        evidence = super().link_evidence(view, terms, link)
        if evidence is not None and evidence.confidence == WEAK and _TYPED_MEDIA_ITEM.match(link.norm):
            evidence = replace(evidence, confidence=MEDIUM, element=f"{evidence.element} typed media item")
        return evidence

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

