"""Stage 4 - connected services: data exchange between agencies, one-stop services."""

from __future__ import annotations

from .base import NamedLinkAssessor, is_offsite


class DataExchange(NamedLinkAssessor):
    feature = "connected.data_exchange"


class OneStop(NamedLinkAssessor):
    feature = "connected.one_stop"

    def accept_host(self, view, link):
        return is_offsite(view, link.url)       # a national portal's own pages do not link "to" it


ASSESSORS = [DataExchange(), OneStop()]
