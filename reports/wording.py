"""The report's own words (words.toml, English and Thai), without the rest of reports: the
CLI's review listing reads them too."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def words() -> dict:
    return tomllib.loads((Path(__file__).parent / "words.toml").read_text("utf-8"))


def drift_reason(drift: tuple, lang: str = "en") -> str:
    """Why a reviewed finding needs another look (stages.reviews.Finding.drift), in words."""
    ui = words()["ui"][lang]
    if not drift:
        return ""
    if drift[0] == "state":
        return ui["drift_state"].format(now=ui.get(drift[1], drift[1]), then=ui.get(drift[2], drift[2]))
    return ui["drift_evidence"]
