"""Choosing the run a crawl writes into: a new one, or the unfinished one to resume."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ground import __version__
from ground.sites import SitesFile, read_sites
from ground.store import Store

RECORDED_SETTINGS = ("EGOVSCAN_PAGE_BUDGET", "EGOVSCAN_DEPTH_LIMIT", "EGOVSCAN_DOCUMENT_PROBES",
                     "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "EGOVSCAN_RENDER", "EGOVSCAN_FOCUS")


class RunError(Exception):
    pass


@dataclass
class CrawlRun:
    run_id: int
    resumed: bool
    warc_dir: str
    sites_file: SitesFile | None


def default_warc_dir(db_path: str) -> str:
    p = Path(db_path)
    return str(p.with_name(p.stem + "-warc"))


def prepare_run(store: Store, sites_path: str | None, settings, resume: bool | None = None,
                run_id: int | None = None) -> CrawlRun:
    """resume=True: continue the latest unfinished run (error if none). resume=None: continue it
    automatically when it crawled the same sites file, else start a new run. resume=False: new run."""
    if run_id is not None:
        run = store.run(run_id)
        if run is None:
            raise RunError(f"{store.path}: there is no run {run_id}")
        return CrawlRun(run_id, True, run["warc_dir"], None)
    sites_file = read_sites(sites_path) if sites_path else None
    unfinished = store.latest_run(state="crawling")
    if resume is True and unfinished is None:
        raise RunError(f"{store.path}: no unfinished crawl to resume")
    if unfinished is not None and (resume is True or (
            resume is None and sites_file is not None and unfinished["sites_sha1"] == sites_file.sha1)):
        return CrawlRun(unfinished["id"], True, unfinished["warc_dir"], sites_file)
    if sites_file is None:
        raise RunError("a sites file is needed to start a new run")
    if not sites_file.sites:
        shown = [e.format(sites_file.path) for e in sites_file.errors[:10]]
        more = [f"... and {len(sites_file.errors) - 10} more"] if len(sites_file.errors) > 10 else []
        raise RunError("\n".join([f"{sites_file.path}: no usable site rows ({len(sites_file.errors)} bad rows)",
                                   *shown, *more]))
    warc_dir = settings.get("EGOVSCAN_WARC_DIR") or default_warc_dir(store.path)
    recorded = {k: settings.get(k) for k in RECORDED_SETTINGS}
    run_id = store.create_run(sites_file, str(Path(warc_dir).resolve()), recorded, __version__)
    return CrawlRun(run_id, False, str(Path(warc_dir).resolve()), sites_file)
