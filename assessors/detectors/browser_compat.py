"""Works in the main browsers (LOSI 2024, 201), a static proxy on the home page: no content that needs
a plug-in and no "best viewed in <browser>" notice."""

from __future__ import annotations

import re

from ..base import ABSENT, PRESENT, STRONG, Assessor, Decision, Evidence
from ..registry import detector
from ..technology import home_soup


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
