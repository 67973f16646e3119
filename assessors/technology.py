"""Technology checks (LOSI 2024, TEC) from what was crawled, on the stored home page.

The home page is the first page the crawl fetched for the site (its URL, after redirects), as the
UN's researchers test the main page. The engine hands its HTML to these assessors as
``facts["home"]``, and the offline checkers' findings on it (assessors/checkers.py: the Nu Html
Checker, axe-core) as ``facts["checks"]``. Each records its figures as the feature's value.

- ``site.mobile_friendly`` (204): a viewport ``width=device-width`` and a width media query (inline
  ``<style>``, a ``<link media>``, an ``@import``) or a linked responsive framework. The crawl does
  not fetch style sheets: a fitting viewport whose queries may be in a linked sheet is unknown.
- ``site.browser_compat`` (201): no content that needs a plug-in and no "best viewed in <browser>".
- ``site.sitemap`` (205): a link named as a site map (Thai and English words: ground/packs), or a
  link to a machine sitemap (``sitemap.xml``).
- ``site.valid_html`` (208), ``site.valid_css`` (209): the Nu Html Checker's errors on the page.
- ``site.wcag`` (210): axe-core's WCAG 2.1 A/AA violations, when the check was turned on.
- ``help.helpdesk`` (288): a phone number labelled as help with the site or its e-services.
"""

from __future__ import annotations

import re

from .base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence, NamedLinkAssessor
from .page import excerpt
from .registry import detector
from .soup import parse

HOME = "home"


def home_soup(findings):
    """(url, parsed home page) or (None, None) when no page was fetched."""
    home = findings.facts.get(HOME)
    if not home:
        return None, None
    if "soup" not in home:
        home["soup"] = parse(home["html"])
    return home["url"], home["soup"]


# --- 204 responsive design ------------------------------------------------------------------------

_DEVICE_WIDTH = re.compile(r"(?:^|[,;\s])width\s*=\s*device-width\b", re.I)
# a media query on the viewport's width: "@media (max-width: 768px)", "screen and (min-width:992px)"
_WIDTH_QUERY = re.compile(r"\(\s*(?:max|min)-(?:device-)?width\s*:", re.I)
_MEDIA_RULE = re.compile(r"@media\b([^{;]*)\{", re.I)
_IMPORT_RULE = re.compile(r"@import\s+[^;]*?\)\s*([^;]*);", re.I)
# responsive CSS frameworks by their file names (our reading of LOSI 2024: linking one counts)
RESPONSIVE_FRAMEWORKS = re.compile(
    r"(?<![a-z])(bootstrap|foundation|bulma|tailwind|materialize|uikit|semantic(?:-ui)?|pure-min|w3\.css|skeleton)"
    r"(?:[.\-/][^/]*)?\.css(?:[?#]|$)", re.I)


def width_queries(soup) -> list[str]:
    """The width media queries of a page: in its <style> elements, <link media> and <style media>."""
    found = []
    for style in soup.find_all("style"):
        css = style.get_text() or ""
        found += [m.group(1).strip() for m in _MEDIA_RULE.finditer(css) if _WIDTH_QUERY.search(m.group(1))]
        found += [m.group(1).strip() for m in _IMPORT_RULE.finditer(css) if _WIDTH_QUERY.search(m.group(1))]
        if _WIDTH_QUERY.search(style.get("media") or ""):
            found.append(style["media"].strip())
    for link in soup.find_all("link"):
        if "stylesheet" in (link.get("rel") or "").lower() and _WIDTH_QUERY.search(link.get("media") or ""):
            found.append(link["media"].strip())
    return found


def stylesheets(soup) -> list[str]:
    return [link.get("href") or "" for link in soup.find_all("link")
            if "stylesheet" in (link.get("rel") or "").lower() and link.get("href")]


@detector("mobile_friendly")
class MobileFriendly(Assessor):
    features = ("site.mobile_friendly",)
    name = "site.mobile_friendly"

    def site(self, findings):
        feature = self.features[0]
        url, soup = home_soup(findings)
        if soup is None:
            return {feature: Decision(ABSENT)}
        viewport = next((m.get("content") or "" for m in soup.find_all("meta")
                         if (m.get("name") or "").strip().lower() == "viewport"), None)
        queries = width_queries(soup)
        framework = next((m.group(1).lower() for href in stylesheets(soup)
                          for m in [RESPONSIVE_FRAMEWORKS.search(href)] if m), None)
        fits = bool(viewport and _DEVICE_WIDTH.search(viewport))
        present = fits and bool(queries or framework)
        linked = len(stylesheets(soup))
        value = {"viewport": viewport, "width_media_queries": len(queries), "framework": framework,
                 "linked_stylesheets": linked}
        if fits and not present and linked:
            # the media queries would be in the style sheets, which the crawl does not fetch
            return {feature: Decision(UNKNOWN, value, reason=(
                f"the viewport fits the device and the page has no width media query of its own; it links {linked} "
                "style sheets, which the crawl does not fetch"))}
        if present:
            shown = f"viewport {viewport}; " + (f"{len(queries)} width media queries, e.g. {queries[0][:80]}"
                                                if queries else f"links the {framework} framework")
            findings.evidence[feature] = [Evidence(feature, url, "", '<meta name="viewport">', shown, self.name,
                                                   "", STRONG)]
        return {feature: Decision(PRESENT if present else ABSENT, value)}


# --- 201 works in the main browsers (static proxy) --------------------------------------------------

_PLUGIN_TYPE = re.compile(r"shockwave|x-flash|futuresplash|silverlight|x-java-applet|activex", re.I)
_PLUGIN_SRC = re.compile(r"\.swf(?:[?#]|$)|\.xap(?:[?#]|$)", re.I)
_BROWSERS = r"(?:internet\s?explorer|ie\s?\d{1,2}|microsoft edge|edge|google chrome|chrome|firefox|safari|opera)"
# "best viewed in/with Internet Explorer", "แสดงผลได้ดีที่สุดบน Google Chrome", "ควรใช้ Internet Explorer"
# (a notice about screen resolution alone, "แสดงผลได้ดีที่สุดที่ความละเอียด 1024x768", names no browser)
_BROWSER_NOTICE = re.compile(
    r"(?:best viewed|works (?:best|only)|optimi[sz]ed for|please use|แสดงผลได้ดีที่สุด|แสดงผลได้ดี|ควรใช้|ควรเปิดด้วย"
    r"|รองรับเฉพาะ|ใช้งานได้เฉพาะ)[^.]{0,40}?" + _BROWSERS, re.I)


@detector("browser_compat")
class BrowserCompat(Assessor):
    features = ("site.browser_compat",)
    name = "site.browser_compat"

    def site(self, findings):
        feature = self.features[0]
        url, soup = home_soup(findings)
        if soup is None:
            return {feature: Decision(ABSENT)}
        plugins = [f"<{el.name}>" for el in soup.find_all(["object", "embed", "applet"])
                   if el.name == "applet" or (el.get("classid") or "").lower().startswith("clsid:")
                   or _PLUGIN_TYPE.search(el.get("type") or "")
                   or _PLUGIN_SRC.search(el.get("data") or el.get("src") or el.get("movie") or "")]
        plugins += ["<param movie>" for el in soup.find_all("param")
                    if (el.get("name") or "").lower() == "movie" and _PLUGIN_SRC.search(el.get("value") or "")]
        text = " ".join(soup.get_text(" ").split())
        notice = _BROWSER_NOTICE.search(text)
        value = {"plugins": sorted(set(plugins)), "browser_notice": notice.group(0) if notice else None}
        if not plugins and not notice:
            findings.evidence[feature] = [Evidence(feature, url, "", "home page markup",
                                                   "no plug-in content and no browser notice", self.name, "", STRONG)]
            return {feature: Decision(PRESENT, value)}
        return {feature: Decision(ABSENT, value)}


# --- 205 site map ----------------------------------------------------------------------------------

_SITEMAP_XML = re.compile(r"/[^/?#]*sitemap[^/?#]*\.xml(?:\.gz)?(?:[?#]|$)", re.I)


@detector("sitemap")
class Sitemap(NamedLinkAssessor):
    """A site-map page named so in a link (แผนผังเว็บไซต์, Site map), or a link to a machine sitemap."""

    feature = "site.sitemap"
    max_text = 60
    use_cues = False

    def page(self, view):
        for link in view.links:
            if link.navigates and _SITEMAP_XML.search(link.url):
                yield self.evidence(self.feature, view, link.url, f"{link.element} sitemap.xml", link.text or link.url,
                                    link.region, STRONG)
                break
        yield from super().page(view)


# --- 288 help-desk phone ---------------------------------------------------------------------------

# a label for help with the site or its e-services, then a phone number in the same block (a
# general hotline is channel.call_center, not this)
_HELPDESK_LABEL = (r"แจ้งปัญหาการใช้(?:งาน)?(?:ระบบ|เว็บไซต์)?|ปัญหาการใช้งาน(?:ระบบ|เว็บไซต์)?|ติดต่อผู้ดูแลระบบ|ติดต่อผู้ดูแลเว็บ(?:ไซต์)?"
                   r"|ผู้ดูแลเว็บไซต์|ผู้ดูแลระบบ|ฝ่ายสนับสนุน(?:ด้าน)?(?:ระบบ|เทคนิค|ไอที)|ศูนย์ช่วยเหลือ(?:การใช้งาน)?"
                   r"|help\s?desk|technical support|tech support|it support|technical help|system support"
                   r"|webmaster|having (?:trouble|problems)|trouble (?:using|with) (?:the|this|our)")
_PHONE = r"((?<!\d)(?:\+66[\s-]?|0)\d(?:[\s-]?\d){7,8}(?!\d)|(?<!\d)1\d{3}(?!\d))"
_HELPDESK = re.compile(rf"({_HELPDESK_LABEL})[^@]{{0,40}}?(?:โทร(?:ศัพท์)?\.?|tel\.?|phone|call)?\s*:?\s*{_PHONE}",
                       re.I)


@detector("helpdesk")
class Helpdesk(Assessor):
    features = ("help.helpdesk",)
    name = "help.helpdesk"

    def page(self, view):
        match = _HELPDESK.search(view.norm_text)
        if match:
            yield self.evidence(self.features[0], view, "", "page text",
                                excerpt(view.norm_text, match.start(), match.end(), 20, 20))

    def site(self, findings):
        evidence = findings.evidence.get(self.features[0], [])
        number = None
        if evidence:
            found = _HELPDESK.search(evidence[0].text)
            number = found.group(2) if found else None
        return {self.features[0]: Decision(PRESENT if evidence else ABSENT, {"number": number} if number else None)}


# --- 208, 209, 210: the offline checkers' findings --------------------------------------------------

NOT_CHECKED = "the offline checkers did not run on this site (assessed without egovscan assess)"


def _check(findings, name: str) -> tuple[dict | None, str | None]:
    """(the checker's result for the home page, or None with the reason it has none)."""
    checks = findings.facts.get("checks")
    if checks is None:
        return None, NOT_CHECKED
    result = checks.get(name)
    if result is None:
        return None, f"{name}: no result"
    if "skipped" in result:
        return None, result["skipped"]
    if "failed" in result:
        return None, f"{result.get('checker', name)} could not check the home page: {result['failed']}"
    return result, None


@detector("valid_markup")
class ValidMarkup(Assessor):
    """The Nu Html Checker's findings: markup errors (208) and CSS errors in the page's own styles (209)."""

    features = ("site.valid_html", "site.valid_css")
    name = "vnu"

    def site(self, findings):
        result, reason = _check(findings, "nu")
        if result is None:
            return {f: Decision(UNKNOWN, reason=reason) for f in self.features}
        url, soup = home_soup(findings)
        checker = result.get("checker", "Nu Html Checker")
        html = {"errors": result["html_errors"], "warnings": result["html_warnings"], "checker": checker,
                "first_errors": result["html_messages"]}
        css = {"errors": result["css_errors"], "warnings": result["css_warnings"], "checker": checker,
               "first_errors": result["css_messages"], "linked_stylesheets": len(stylesheets(soup)) if soup else 0}
        decisions = {"site.valid_html": Decision(PRESENT if html["errors"] == 0 else ABSENT, html)}
        if css["errors"]:
            decisions["site.valid_css"] = Decision(ABSENT, css)
        elif css["linked_stylesheets"]:
            decisions["site.valid_css"] = Decision(UNKNOWN, css, reason=(
                f"the home page's own styles have no CSS errors, but it links {css['linked_stylesheets']} style "
                "sheets, which the crawl does not fetch"))
        else:
            decisions["site.valid_css"] = Decision(PRESENT, css)
        for feature, decision in decisions.items():
            if decision.state == PRESENT:
                findings.evidence[feature] = [Evidence(
                    feature, url or "", "", checker,
                    f"0 errors, {decision.value['warnings']} warnings", self.name, "", STRONG)]
        return decisions


@detector("wcag")
class Wcag(Assessor):
    """axe-core's WCAG 2.1 A and AA rules on the home page: present when none is violated."""

    features = ("site.wcag",)
    name = "axe-core"

    def site(self, findings):
        feature = self.features[0]
        result, reason = _check(findings, "axe")
        if result is None:
            return {feature: Decision(UNKNOWN, reason=reason)}
        url, _ = home_soup(findings)
        value = {"violations": result["violations"], "by_impact": result["by_impact"], "rules": result["rules"],
                 "checker": result.get("checker", "axe-core")}
        if result["violations"] == 0:
            findings.evidence[feature] = [Evidence(feature, url or "", "", value["checker"],
                                                   "no WCAG 2.1 A/AA violation found by axe-core", self.name, "", STRONG)]
            return {feature: Decision(PRESENT, value)}
        return {feature: Decision(ABSENT, value)}

