"""The report's own words (words.toml, English and Thai) and the features' titles and advice
(the catalogue, ground/catalogue.toml), without the rest of reports: the CLI's review listing
reads them too."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from ground.catalogue import catalogue_files, load_catalogue


def words() -> dict:
    """{'ui': {lang: {key: word}}, 'features': {id: {'en', 'th', 'advice_en', 'advice_th'}}}, the
    features from the run's catalogue (EGOVSCAN_CATALOGUE included)."""
    return _words(catalogue_files())


@lru_cache(maxsize=4)
def _words(files: tuple[str, ...]) -> dict:
    data = tomllib.loads((Path(__file__).parent / "words.toml").read_text("utf-8"))
    data["features"] = {f.id: {**f.title, **{f"advice_{lang}": text for lang, text in f.advice.items()}}
                        for f in load_catalogue().values()}
    return data


def drift_reason(drift: tuple, lang: str = "en") -> str:
    """Why a reviewed finding needs another look (stages.reviews.Finding.drift), in words."""
    ui = words()["ui"][lang]
    if not drift:
        return ""
    if drift[0] == "state":
        return ui["drift_state"].format(now=ui.get(drift[1], drift[1]), then=ui.get(drift[2], drift[2]))
    return ui["drift_evidence"]
