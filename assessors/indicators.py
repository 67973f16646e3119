"""Further indicators: accessibility, policies, open data, channels, satisfaction, search, HTTPS, freshness."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ground.urls import extension

from .base import (ABSENT, PRESENT, REGION_CONFIDENCE, STRONG, Assessor, Decision, Evidence, NamedLinkAssessor, enough,
                   link_names, vocabulary)
from .thaidate import dates_in
from .transactional import form_kind


class ControlAssessor(NamedLinkAssessor):
    """A widget on the page (button, script link) rather than a link to another page: named
    by its markup (``control``: class, id, handler, A+/ก+ labels) or by the feature's words
    on the button itself ("ฟังเสียงอ่าน", "High contrast")."""

    control = re.compile("$^")

    def accept(self, view, link, found):
        low = link.url.lower()
        return low.startswith(("javascript:", "#")) or low == view.url or "#" in low and low.split("#")[0] == view.url.split("#")[0]

    def page(self, view):
        terms = vocabulary(self.feature, view)
        for tag, descriptor, shown in view.controls:
            if self.control.search(descriptor) or terms.find(descriptor):
                yield self.evidence(self.feature, view, "", f"<{tag}> control", shown, "", STRONG)
                return
        for link in view.links:
            if self.control.search(f"{link.attrs} {link.norm} {link.url.lower()} {link.images}") and self.accept(view, link, ""):
                yield self.evidence(self.feature, view, link.url, f"{link.element} control", link.text or link.url,
                                    link.region, STRONG)
                return
        yield from super().page(view)


_TEXT_RESIZE = re.compile(r"font.?size|text.?size|text.?resize|resize.?text|changefont|clickfont|fontsize|zoom.?text|"
                         r"increase.?font|decrease.?font|(?<![\w-])a\s?[+\-](?![\w-])|(?<![\w-])[+\-]\s?a(?![\w-])|"
                         # a CMS's buttons named in markup: class="font-larger", "text-smaller", jfontsize, iconAplus.png
                         r"(?<![a-z])(?:font|text).?(?:larger|smaller|bigger|up|down|plus|minus|inc|dec)(?![a-z])|icon.?a.?(?:plus|minus)|"
                         # Thai templates label the buttons with the letter ก: "ก- ก ก+"
                         r"(?<![\w-])ก\s?[+\-](?![\w-])|(?<![\w-])[+\-]\s?ก(?![\w-])")


# a button that stays on the page named only by its id or class: <a href="#" id="larger">
_RESIZE_IDS = {"larger", "smaller", "bigger", "fontlarger", "fontsmaller", "textlarger", "textsmaller"}


class TextResize(ControlAssessor):
    feature = "access.text_resize"
    control = _TEXT_RESIZE

    def page(self, view):
        found = False
        for evidence in super().page(view):
            found = True
            yield evidence
        if found:
            return
        for link in view.links:
            if _RESIZE_IDS & set(link.attrs.split()) and self.accept(view, link, ""):
                yield self.evidence(self.feature, view, link.url, f"{link.element} control", link.text or link.attrs)
                return


class Contrast(ControlAssessor):
    feature = "access.contrast"
    control = re.compile(r"contrast|color.?blind|colour.?blind|dark.?mode|ความคมชัด")


class ReadAloud(ControlAssessor):
    feature = "access.read_aloud"
    control = re.compile(r"readspeaker|read.?aloud|text.?to.?speech|responsivevoice|browsealoud|อ่านออกเสียง")

    def accept(self, view, link, found):
        return True


# manuals and policies are sections a site links to by name ("Privacy policy", "คู่มือสำหรับประชาชน");
# news and posts that mention guidance or data protection are longer
SECTION_NAME = 60


class ServiceManual(NamedLinkAssessor):
    feature = "access.service_manual"
    max_text = SECTION_NAME


class WebsitePolicy(NamedLinkAssessor):
    feature = "policy.website"
    max_text = SECTION_NAME


class PrivacyPolicy(NamedLinkAssessor):
    feature = "policy.privacy"
    use_headings = True
    max_text = SECTION_NAME


class SecurityPolicy(NamedLinkAssessor):
    feature = "policy.security"
    max_text = SECTION_NAME


DATA_TIERS = {**dict.fromkeys(("pdf", "doc", "docx", "txt"), 1), **dict.fromkeys(("xls", "xlsx"), 2),
              **dict.fromkeys(("csv", "ods", "json", "kml", "kmz", "shp", "geojson", "xml"), 3),
              **dict.fromkeys(("rdf", "ttl", "jsonld", "n3"), 4)}


# news feeds and site maps are XML for machines that follow the site, not data it publishes
_FEED_URL = re.compile(r"rss|sitemap|\batom\b|/feeds?(?:[/.?]|$)|feed\.xml", re.I)
_FEED_TEXT = re.compile(r"\bsubscribe\b|\brss\b|\batom\b|\bfeeds?\b|sitemap|site map|สมัครรับ|ฟีด")


class OpenDataFiles(Assessor):
    """Data published as files; the value is the best open-data tier reached (seed 001, 1-4)."""

    features = ("opendata.files",)
    name = "opendata.files"

    def page(self, view):
        terms = vocabulary("opendata.files", view)
        for link in view.links:
            ext = extension(link.url)
            tier = DATA_TIERS.get(ext)
            if not tier or _FEED_URL.search(link.url) or _FEED_TEXT.search(link.norm):
                continue
            # PDF and spreadsheets are data only when the link or its heading says so
            if tier >= 3 or link_names(terms, link, view.url) or (link.context and terms.find(link.context)):
                yield self.evidence(self.features[0], view, link.url, f"{link.element} .{ext} (tier {tier})",
                                    link.text or link.url, link.region, REGION_CONFIDENCE[link.region])

    def site(self, findings):
        found = findings.evidence.get(self.features[0], [])
        tiers = [int(re.search(r"tier (\d)", e.element).group(1)) for e in found] if enough(found) else []
        return {self.features[0]: Decision(PRESENT if tiers else ABSENT, {"tier": max(tiers)} if tiers else None)}


# a data catalogue by its address: a host that begins so (data.agency.go.th, the Thai agencies'
# gdcatalog.agency.go.th) or a CKAN catalogue's dataset list, whatever the link's words
_CATALOGUE_URL = re.compile(r"^https?://(?:(?:data|catalog|gdcatalog|datacatalog|opendata)\.[^/?#]+\.[a-z]{2,}"
                            r"|[^/?#]+/dataset/?(?:[?#]|$))", re.I)


class OpenDataPortal(NamedLinkAssessor):
    feature = "opendata.portal"

    def page(self, view):
        terms = vocabulary(self.feature)
        for link in view.links:
            if link.navigates and _CATALOGUE_URL.match(link.url) and not terms.vetoed(link.norm):
                yield self.evidence(self.feature, view, link.url, f"{link.element} catalogue address", link.text or link.url)
                break
        yield from super().page(view)


SOCIAL = [
    ("facebook", re.compile(r"^https?://(?:www\.|m\.|th-th\.)?(?:facebook|fb)\.com/(?!sharer|share|dialog|plugins/(?:like|share)|l\.php|login|home\.php)[^?#]*[A-Za-z0-9]", re.I)),
    ("facebook", re.compile(r"facebook\.com/plugins/page\.php\?href=", re.I)),
    ("x", re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?!intent|share|home|search|hashtag)[A-Za-z0-9_]{1,30}/?$", re.I)),
    ("instagram", re.compile(r"^https?://(?:www\.)?instagram\.com/(?!p/|explore)[A-Za-z0-9_.]+/?", re.I)),
    ("youtube", re.compile(r"^https?://(?:www\.|m\.)?youtube\.com/(?:user/|channel/|c/|@)[^/?#]+", re.I)),
    ("line", re.compile(r"^https?://(?:line\.me/(?:R/ti/p/|ti/p/)|lin\.ee/|page\.line\.me/)", re.I)),
    ("linkedin", re.compile(r"^https?://(?:www\.)?linkedin\.com/(?:company|school|in)/", re.I)),
    ("tiktok", re.compile(r"^https?://(?:www\.)?tiktok\.com/@", re.I)),
]


def social_platform(url: str) -> str | None:
    """The platform of an account's profile link; share buttons and single posts are not profiles."""
    for platform, pattern in SOCIAL:
        if pattern.search(url or ""):
            return platform
    return None


class Social(Assessor):
    features = ("channel.social",)
    name = "channel.social"

    def page(self, view):
        seen = set()
        for link in view.links:
            platform = social_platform(link.url)
            # a profile the link names as another organisation's (the staff's savings co-operative)
            if platform and vocabulary(self.features[0]).vetoed(f"{link.norm} {link.attrs}"):
                continue
            if platform and platform not in seen:
                seen.add(platform)
                yield self.evidence(self.features[0], view, link.url, f"<{link.tag}> {platform} profile", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])

    def site(self, findings):
        found = findings.evidence.get(self.features[0], [])
        platforms = sorted({e.element.split()[1] for e in found}) if enough(found) else []
        return {self.features[0]: Decision(PRESENT if platforms else ABSENT, {"platforms": platforms} if platforms else None)}


class MobileApp(NamedLinkAssessor):
    feature = "channel.mobile_app"


class Chatbot(NamedLinkAssessor):
    feature = "channel.chatbot"

    def page(self, view):
        for tag, src in view.embeds:
            if vocabulary(self.feature, view).host_match(src):
                yield self.evidence(self.feature, view, src, f"<{tag}> chat widget", src, "", STRONG)
                return
        yield from super().page(view)


_HOTLINE = re.compile(r"(สายด่วน|call\s?cent(?:er|re)|hotline|ศูนย์บริการข้อมูล|dial)\D{0,25}(\d[\d\s-]{2,11}\d)")


class CallCenter(Assessor):
    features = ("channel.call_center",)
    name = "channel.call_center"

    def page(self, view):
        match = _HOTLINE.search(view.norm_text)
        if match:
            yield self.evidence(self.features[0], view, "", "page text", view.norm_text[match.start(): match.end() + 20])

    def site(self, findings):
        evidence = findings.evidence.get(self.features[0], [])
        number = _HOTLINE.search(evidence[0].text).group(2).strip() if evidence else None
        return {self.features[0]: Decision(PRESENT if evidence else ABSENT, {"number": number} if number else None)}


class Satisfaction(NamedLinkAssessor):
    feature = "participate.satisfaction"


class Search(Assessor):
    features = ("site.search",)
    name = "site.search"

    def page(self, view):
        for form in view.forms:
            if form_kind(form) == "search" or (vocabulary("site.search", view).find(form.text + " " + form.attrs)
                                               and len(form.user_fields()) <= 3 and not form.has("password")):
                yield self.evidence(self.features[0], view, form.action, f"<form action={form.action[:80]}>",
                                    form.text[:120] or "search form", form.region, STRONG)
                return
        if view.has_search_tag:
            yield self.evidence(self.features[0], view, "", "<gcse:search>", "Google custom search box", "", STRONG)
            return
        for tag, descriptor, shown in view.controls:
            if tag == "input" and re.search(r"search|ค้นหา|sbox", descriptor):
                yield self.evidence(self.features[0], view, "", "<input> search box", shown, "", STRONG)
                return


class Https(Assessor):
    """Served over HTTPS, HTTP redirecting to it, HSTS: read from the crawl, not from page text."""

    features = ("site.https",)
    name = "site.https"

    def site(self, findings):
        pages = findings.pages
        if not pages:
            return {self.features[0]: Decision(ABSENT)}
        home = pages[0]
        final = home.get("final_url") or home["url"]
        value = {"final_scheme": final.split(":", 1)[0], "http_redirects_to_https":
                 home["url"].startswith("http:") and final.startswith("https:"),
                 "hsts": bool(findings.facts.get("hsts"))}
        if value["final_scheme"] == "https":
            findings.evidence[self.features[0]] = [self.evidence_for(final, value)]
        return {self.features[0]: Decision(PRESENT if value["final_scheme"] == "https" else ABSENT, value)}

    def evidence_for(self, url, value):
        return Evidence(self.features[0], url, url, "final URL", f"served over HTTPS; {value}", self.name, "", STRONG)


class Freshness(Assessor):
    """The newest content date on the site; present when it is at most a year before the crawl.

    Each page gives its newest date that is not after the day it was fetched (a later date is an
    event or a deadline, not an update), and every page's counts: the newest may be deep. Pages
    write their own local date and the store keeps UTC, so a date one day after the crawl's is
    still today for an agency east of Greenwich (Bangkok is UTC+7: a crawl after midnight)."""

    features = ("site.freshness",)
    name = "site.freshness"
    max_age_days = 365
    evidence_kept = None
    local_ahead = timedelta(days=1)

    def page(self, view):
        dates = [d for d in dates_in(view.norm_text) if view.fetched_on is None or d <= view.fetched_on + self.local_ahead]
        if dates:
            newest = max(dates)
            yield self.evidence(self.features[0], view, "", "page text date", newest.isoformat())

    def site(self, findings):
        crawled = findings.facts.get("crawled_on") or date.today()
        dates = [date.fromisoformat(e.text) for e in findings.evidence.get(self.features[0], [])]
        dates = [d for d in dates if d <= crawled + self.local_ahead]    # a later date is an event, not an update
        if not dates:
            return {self.features[0]: Decision(ABSENT)}
        newest = max(dates)
        age = max(0, (crawled - newest).days)
        findings.evidence[self.features[0]] = sorted(
            (e for e in findings.evidence[self.features[0]] if e.text == newest.isoformat()), key=lambda e: e.page_url)[:3]
        return {self.features[0]: Decision(PRESENT if age <= self.max_age_days else ABSENT,
                                           {"newest": newest.isoformat(), "age_days": age})}


ASSESSORS = [TextResize(), Contrast(), ReadAloud(), ServiceManual(), WebsitePolicy(), PrivacyPolicy(),
             SecurityPolicy(), OpenDataFiles(), OpenDataPortal(), Social(), MobileApp(), Chatbot(), CallCenter(),
             Satisfaction(), Search(), Https(), Freshness()]
