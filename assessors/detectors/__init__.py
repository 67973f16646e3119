"""Detectors that read structure (forms, embeds, widgets, the crawl itself): one module each,
registered by name with ``@detector`` (assessors/registry.py) and named by catalogue entries.
Every module of this package is imported here, so a new detector is one new file."""

from __future__ import annotations

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
