"""Logging of a crawl: a progress-bar-friendly handler, or one plain line per message for cron,
and Scrapy's chatty loggers quietened to what a nightly log needs."""

from __future__ import annotations

import logging
import sys

from rich.console import Console
from rich.logging import RichHandler


def configure_logging(progress_console: Console, quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose else logging.INFO)
    if quiet:
        # cron mail: one plain line per message, never wrapped into boxes at 80 columns
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler = RichHandler(console=progress_console, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s", force=True)
    if not verbose:
        for noisy in ("scrapy.core.engine", "scrapy.middleware", "scrapy.extensions.logstats",
                      "scrapy.crawler", "scrapy.addons", "scrapy.utils.log", "scrapy.core.scraper",
                      "scrapy.statscollectors", "py.warnings", "scrapy.extensions.telnet",
                      "scrapy.downloadermiddlewares.redirect", "scrapy.downloadermiddlewares.retry",
                      "scrapy.downloadermiddlewares.robotstxt", "protego", "filelock"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        # "Gave up retrying" is an ERROR to Scrapy but an ordinary outcome here: the page
        # row records it with its status.
        logging.getLogger("scrapy.downloadermiddlewares.retry").setLevel(logging.CRITICAL)
        # a site that is down fails its robots.txt first; one line says so (the site's status
        # records it), not a traceback of Twisted's frames in every nightly mail
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_without_traceback)
        # a failed download is recorded with its page and, for a homepage, said once per site as
        # the site ends: Scrapy's own line per failed request would repeat it
        for name in ("scrapy.core.scraper", "scrapy.downloadermiddlewares.robotstxt"):
            logging.getLogger(name).addFilter(_not_a_download_error)


def _without_traceback(record: logging.LogRecord) -> bool:
    record.exc_info, record.exc_text = None, None
    return True


def _not_a_download_error(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Error downloading")


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return " ".join(super().format(record).split())
