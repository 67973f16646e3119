"""What the agency spider hands to the store pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .frontier import Planned
from .links import PageLinks


@dataclass
class PageItem:
    run_id: int
    planned: Planned
    fetch_status: str
    final_url: str | None = None
    status_code: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    page: PageLinks | None = None
    response: Any = None          # the Scrapy response to archive (None for failures)
    error: str | None = None
    rendered: bool = False


@dataclass
class DocumentItem:
    run_id: int
    planned: Planned
    fetch_status: str
    status_code: int | None = None
    content_type: str | None = None
    size: int | None = None
    response: Any = None          # archived only when EGOVSCAN_STORE_DOCUMENTS is on


@dataclass
class SiteDoneItem:
    run_id: int
    site_id: str
