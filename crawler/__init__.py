"""The Scrapy project: one generic spider for every agency site, storing pages to WARC + SQLite."""
