"""The crawl benchmark's baseline: a bare Scrapy spider that only follows links.

    python bench/bare_spider.py SITES_CSV --budget 100 --delay 0 --per-host 2 --out COUNT_FILE

Same politeness as `egovscan crawl` (robots.txt, per-host delay and concurrency, AutoThrottle,
retries, the downloader-aware queue: copied from crawler/settings.py) and the same per-site page
budget, but it keeps nothing: no parsing beyond the links, no store, no archive, no detection.
Writes the number of responses it handled to COUNT_FILE. Everything but politeness is Scrapy's
default unless --tuned.
"""

from __future__ import annotations

import argparse
import csv
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import HtmlResponse

from crawler import settings as egov

POLITENESS = ("ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
              "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
              "AUTOTHROTTLE_TARGET_CONCURRENCY", "DOWNLOAD_TIMEOUT", "RETRY_ENABLED", "RETRY_TIMES",
              "REDIRECT_MAX_TIMES", "COOKIES_ENABLED", "HTTPERROR_ALLOW_ALL", "SCHEDULER_PRIORITY_QUEUE",
              "REACTOR_THREADPOOL_MAXSIZE", "DOWNLOAD_MAXSIZE", "TELNETCONSOLE_ENABLED")
# not politeness: Scrapy overhead egovscan switches off (crawler/settings.py); --tuned gives the
# baseline these too, so the ratio counts egovscan's own work only
TUNING = ("CONCURRENT_ITEMS", "WARN_ON_GENERATOR_RETURN_VALUE")


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, sites: str, budget: int, **kwargs):
        super().__init__(**kwargs)
        with open(sites, newline="", encoding="utf-8") as f:
            self.sites = [(row["site_id"], row["url"]) for row in csv.DictReader(f)]
        self.budget = budget
        self.planned: dict[str, int] = {}
        self.seen: set[str] = set()
        self.handled = 0

    async def start(self):
        for site_id, url in self.sites:
            self.planned[site_id] = 1
            self.seen.add(url)
            yield scrapy.Request(url, cb_kwargs={"site": site_id, "host": urlsplit(url).netloc})

    def parse(self, response, site: str, host: str):
        self.handled += 1
        if not isinstance(response, HtmlResponse):
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href).split("#", 1)[0]
            if self.planned[site] >= self.budget or url in self.seen or urlsplit(url).netloc != host:
                continue
            self.seen.add(url)
            self.planned[site] += 1
            yield scrapy.Request(url, cb_kwargs={"site": site, "host": host})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sites")
    ap.add_argument("--budget", type=int, default=100)
    ap.add_argument("--delay", type=float, default=1.0)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tuned", action="store_true", help="also egovscan's Scrapy overhead settings (TUNING)")
    args = ap.parse_args()
    settings = {key: getattr(egov, key) for key in POLITENESS + (TUNING if args.tuned else ())}
    settings.update(DOWNLOAD_DELAY=args.delay, AUTOTHROTTLE_START_DELAY=args.delay,
                    CONCURRENT_REQUESTS_PER_DOMAIN=args.per_host, LOG_LEVEL="WARNING",
                    USER_AGENT="egovscan-bench-baseline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, sites=args.sites, budget=args.budget)
    process.start()
    with open(args.out, "w") as f:
        f.write(str(crawler.spider.handled))


if __name__ == "__main__":
    main()
