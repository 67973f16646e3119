"""Social-media profile links: the platform of an account's profile; share buttons and single posts are not profiles."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

SOCIAL = [
    # Facebook's own web hosts: www., the mobile m., mbasic. and touch., the desktop web. (an address
    # copied from the browser bar keeps it) and a language's host (th-th., en-gb.)
    ("facebook", re.compile(r"^https?://(?:www\.|m\.|web\.|mbasic\.|touch\.|[a-z]{2}-[a-z]{2}\.)?(?:facebook|fb)\.com/(?!sharer|share|dialog|plugins/(?:like|share)|l\.php|login|home\.php)[^?#]*[A-Za-z0-9]", re.I)),
    # the Page plugin, and its older name the Like Box (many Thai agency templates still embed it),
    # show the page given in href=; the Like button (plugins/like.php) is a share button
    ("facebook", re.compile(r"facebook\.com/plugins/(?:page|likebox)\.php\?href=", re.I)),
    # an account's page, or a list the account keeps (an embedded timeline of the agency's own list
    # of accounts: twitter.com/<account>/lists/<name>); the platform's own pages (i/…) are no account
    ("x", re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?!intent|share|home|search|hashtag|i/)"
                     r"[A-Za-z0-9_]{1,30}(?:/lists/[A-Za-z0-9_-]+)?/?$", re.I)),
    ("instagram", re.compile(r"^https?://(?:www\.)?instagram\.com/(?!p/|explore)[A-Za-z0-9_.]+/?", re.I)),
    ("youtube", re.compile(r"^https?://(?:www\.|m\.)?youtube\.com/(?:user/|channel/|c/|@)[^/?#]+", re.I)),
    ("line", re.compile(r"^https?://(?:line\.me/(?:R/ti/p/|ti/p/)|lin\.ee/|page\.line\.me/)", re.I)),
    ("linkedin", re.compile(r"^https?://(?:www\.)?linkedin\.com/(?:company|school|in)/", re.I)),
    ("tiktok", re.compile(r"^https?://(?:www\.)?tiktok\.com/@", re.I)),
]


@lru_cache(maxsize=1 << 15)        # a site's menus and footers link the same accounts from every page
def social_platform(url: str) -> str | None:
    """The platform of an account's profile link; share buttons and single posts are not profiles."""
    for platform, pattern in SOCIAL:
        if pattern.search(url or ""):
            return platform
    return None


# Council and city CMSs link their accounts through a short redirect on their own site
# ("/facebook/", "/twitter") drawn as a platform icon; the path alone names the platform, so the
# icon's alt, title or label must name it too, and a share button ("Share on Facebook") is none.
_REDIRECT = re.compile(r"/(facebook|twitter|instagram|youtube|linkedin|tiktok)/?", re.I)
_REDIRECT_PLATFORM = {"twitter": "x"}
_SHARE = re.compile(r"\bshare\b", re.I)


def redirect_platform(url: str, words: str) -> str | None:
    """The platform of a one-step redirect path on the site ('/facebook/') whose words name it.

    The caller checks that the link stays on the agency's own site."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    found = _REDIRECT.fullmatch(parts.path or "")
    if not found or parts.query or _SHARE.search(words or "") or "share" in (parts.path or "").lower():
        return None
    name = found.group(1).lower()
    if not re.search(rf"\b{name}\b", words or "", re.I):
        return None
    return _REDIRECT_PLATFORM.get(name, name)
