"""The Scrapy settings of a crawl started by egovscan: the project's settings (crawler/settings.py)
with the command's options and --set pairs on top, at command-line priority."""

from __future__ import annotations

from pathlib import Path


class SettingError(ValueError):
    pass


def crawl_settings(db: Path, options: dict, extra: list[str]):
    # Scrapy is imported when a crawl starts, as it always was, not when the command line loads:
    # with it imported at start-up, `egovscan run` watched by another process reading the database
    # failed to open the database after the crawl ("disk I/O error", tests/test_operations.py)
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("EGOVSCAN_DB", str(db), priority="cmdline")
    for key, value in options.items():
        if value is not None:
            settings.set(key, value, priority="cmdline")
    for pair in extra:
        if "=" not in pair:
            raise SettingError(f"--set takes KEY=VALUE, got {pair!r}")
        key, value = pair.split("=", 1)
        settings.set(key.strip(), value, priority="cmdline")
    # USER_AGENT and rendering follow from these EGOVSCAN_* settings in crawler/addon.py
    return settings


def default_contact(settings) -> str | None:
    """The contact URL site owners will read in the User-Agent when the user gave none of their
    own (--contact or --set EGOVSCAN_CONTACT_URL=...): the project's placeholder, or None."""
    from scrapy.settings import SETTINGS_PRIORITIES

    if settings.getpriority("EGOVSCAN_CONTACT_URL") < SETTINGS_PRIORITIES["cmdline"]:
        return settings.get("EGOVSCAN_CONTACT_URL")
    return None
