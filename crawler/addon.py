"""Scrapy add-on: the Scrapy settings that follow from egovscan's own (EGOVSCAN_*) settings.

`egovscan crawl`, `scrapy crawl agency -s ...` and a Scrapyd job all pass through it, so the
same EGOVSCAN_* settings give the same crawl whichever way it is started:

- USER_AGENT names the tool and EGOVSCAN_CONTACT_URL, where a site owner can reach whoever runs it;
- with EGOVSCAN_RENDER true, pages are downloaded through scrapy-playwright in the Chromium at
  EGOVSCAN_CHROMIUM (crawler/render.py), launched with no network of its own while
  EGOVSCAN_BLOCK_PRIVATE is on.

Everything is set at the add-on's priority, so a setting a user gives explicitly (in the project's
settings or with `-s`) still wins, e.g. `-s USER_AGENT=...`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ground import __version__

from .render import chromium_args

PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# the browser context pages are rendered in: service workers blocked (crawler/render.py)
RENDER_CONTEXTS = {"default": {"service_workers": "block"}}


class RenderUnavailable(RuntimeError):
    """EGOVSCAN_RENDER is on but scrapy-playwright or Chromium is missing."""


def user_agent(contact: str) -> str:
    return f"egovscan/{__version__} (e-government service survey; +{contact})"


def render_problem(settings) -> str | None:
    """Why rendering cannot run with these settings (what is missing and how to get it), or None."""
    if importlib.util.find_spec("scrapy_playwright") is None:
        return ("rendering (--render, EGOVSCAN_RENDER) needs scrapy-playwright: "
                "pip install 'egovscan[render]' (and Debian's chromium)")
    chromium = settings.get("EGOVSCAN_CHROMIUM")
    if not chromium or not Path(chromium).exists():
        return (f"rendering (--render, EGOVSCAN_RENDER) needs Chromium at {chromium} "
                "(apt-get install chromium, or set EGOVSCAN_CHROMIUM=PATH)")
    return None


class EgovscanAddon:
    """Derives USER_AGENT and, when rendering, scrapy-playwright's settings from EGOVSCAN_*."""

    def update_settings(self, settings) -> None:
        settings.set("USER_AGENT", user_agent(settings.get("EGOVSCAN_CONTACT_URL")), priority="addon")
        if not settings.getbool("EGOVSCAN_RENDER"):
            return
        problem = render_problem(settings)
        if problem:
            raise RenderUnavailable(problem)
        for name, value in {
            "DOWNLOAD_HANDLERS": {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER},
            "TWISTED_REACTOR": ASYNCIO_REACTOR,
            "PLAYWRIGHT_BROWSER_TYPE": "chromium",
            "PLAYWRIGHT_LAUNCH_OPTIONS": {
                "executable_path": settings.get("EGOVSCAN_CHROMIUM"), "headless": True,
                "args": chromium_args(settings.getbool("EGOVSCAN_BLOCK_PRIVATE", True))},
            "PLAYWRIGHT_CONTEXTS": RENDER_CONTEXTS,
        }.items():
            settings.set(name, value, priority="addon")
