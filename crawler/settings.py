"""Scrapy settings of the egovscan crawler: polite by default, for nightly crawls of ~1,000 sites.

Everything egovscan adds is an EGOVSCAN_* setting; the rest are Scrapy's own. The CLI
overrides some of them from its options (--budget, --depth, --delay ...).
"""

BOT_NAME = "egovscan"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- egovscan ---------------------------------------------------------------
EGOVSCAN_DB = "egovscan.db"              # SQLite store; `-s EGOVSCAN_DB=...` or --db
EGOVSCAN_WARC_DIR = None                 # default: <db name>-warc/ beside the database
EGOVSCAN_PAGE_BUDGET = 100               # pages requested per site (per site, not global)
EGOVSCAN_DEPTH_LIMIT = 5                 # clicks from the start page
EGOVSCAN_DOCUMENT_PROBES = 20            # documents per site probed with HEAD for type and size
EGOVSCAN_STORE_DOCUMENTS = False         # GET and archive documents instead of HEAD
EGOVSCAN_MAX_ACTIVE_SITES = 200          # sites crawled at once (bounds memory)
EGOVSCAN_MAX_CRAWL_DELAY = 30.0          # cap on a robots.txt Crawl-delay, in seconds
EGOVSCAN_CONTACT_URL = "https://pypi.org/project/egovscan/"  # set your own: site owners read it (USER_AGENT)
EGOVSCAN_FOCUS = True                    # service links first within each level (crawler/focus.py)
EGOVSCAN_RENDER = False                  # render JavaScript-only pages with Chromium (scrapy-playwright)
EGOVSCAN_CHROMIUM = "/usr/bin/chromium"
EGOVSCAN_REDIS_URL = None               # redis://host:port/db: share the run with other workers (crawler/distributed.py)
EGOVSCAN_SHARD = False                   # with EGOVSCAN_REDIS_URL: this worker's own database is a shard (egovscan merge)
EGOVSCAN_TIMINGS_FILE = None              # a JSON file: the crawl process's event loop, CPU and writes (bench/national.py)
EGOVSCAN_BLOCK_PRIVATE = True            # refuse private addresses the sites file does not list

# the Scrapy settings that follow from the EGOVSCAN_* ones, however the crawl is started
# (egovscan crawl, scrapy crawl, Scrapyd): USER_AGENT from EGOVSCAN_CONTACT_URL, and with
# EGOVSCAN_RENDER scrapy-playwright's download handlers and Chromium (crawler/addon.py);
# with EGOVSCAN_REDIS_URL set, scrapy-redis's scheduler and dupefilter (crawler/distributed.py)
ADDONS = {"crawler.addon.EgovscanAddon": 0, "crawler.distributed.RedisAddon": 0}

DOWNLOADER_MIDDLEWARES = {
    # a name that does not exist is looked up once; its other URLs are not requested (nor retried)
    "crawler.middlewares.UnresolvedHosts": 40,
    "crawler.middlewares.PrivateAddressGuard": 50,   # before robots.txt: not even a robots fetch
    # Scrapy's robots.txt middleware, letting a host's parser go when its sites are finished
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.SiteRobotsTxt": 100,
}
# the same check on the address each download connects to (a name can answer differently later)
TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"

# USER_AGENT: "egovscan/<version> (e-government service survey; +<EGOVSCAN_CONTACT_URL>)", set by
# crawler/addon.py; a USER_AGENT set here or with -s wins over it
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "egovscan"

# -- politeness -----------------------------------------------------------------
# Scrapy counts a request that waits for its host's delay as active: with fewer than one
# request a site for EGOVSCAN_MAX_ACTIVE_SITES sites, sites wait for a global slot rather than
# for their own pace (at 64, 1,000 sites x 20 pages at delay 1 s took 1.48 x the politeness
# bound; at 256, 1.33 x). Per-host politeness is CONCURRENT_REQUESTS_PER_DOMAIN and the delay.
CONCURRENT_REQUESTS = 256
# a callback yields a handful of items and requests, and the store pipeline is synchronous;
# Scrapy starts this many asyncio tasks per callback to process them (default 100), which cost
# more CPU than the page's own processing and gain nothing here
CONCURRENT_ITEMS = 1
# Scrapy checks each callback for a generator that returns a value by reading its source with
# inspect and ast; its cache is keyed by weak references to bound methods, which die with their
# requests, so a long crawl re-reads parse_page's source again and again. egovscan's callbacks
# are its own and tested, so the development-time warning is off.
WARN_ON_GENERATOR_RETURN_VALUE = False
CONCURRENT_REQUESTS_PER_DOMAIN = 2       # download slots are per host
DOWNLOAD_DELAY = 1.0
# --delay is a floor, to the owner and to the politeness bound: Scrapy's default +-50 % jitter
# goes down to half of it, and, drawn again each time the downloader looks at a waiting
# slot, spaced a site's requests 1.22 x the delay on average (1,000-site simulated web)
DOWNLOAD_DELAY_JITTER = 0.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
EXTENSIONS = {
    # the run the crawl writes into, opened from the spider's arguments; the spider, the store
    # pipeline, the middlewares and the scheduler take it from here (crawler/runs.py)
    "crawler.runs.OpenRun": 0,
    "crawler.extensions.RobotsCrawlDelay": 100,   # after AutoThrottle (0): it has the last word
    "crawler.extensions.BodySizeLimit": 100,      # an endless body is too_large, not a lost connection
    "crawler.extensions.CrawlTimings": 100,       # only with EGOVSCAN_TIMINGS_FILE
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
}
# No remote control of a crawl that reads untrusted pages: both consoles off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# -- robustness -------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DNS_TIMEOUT = 15
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
HTTPERROR_ALLOW_ALL = True               # error pages are results too
COOKIES_ENABLED = False
REACTOR_THREADPOOL_MAXSIZE = 20
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"

ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 300,
}

LOG_LEVEL = "INFO"
