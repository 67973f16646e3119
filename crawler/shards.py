"""Merging shards into a run: the databases of workers that shared only Redis
(``EGOVSCAN_SHARD``, crawler/distributed.py), or of Scrapyd jobs that crawled the parts of one
sites file (``egovscan shard``), become one run of the run's database.

    egovscan merge node1/shard.db node2/shard.db --db audit.db

Each shard's WARC segments are copied beside the run's database under names of their own
(``run-0003-<shard>-00.warc.gz``), then its rows are merged in one transaction (ground/store.py):
a page two workers stored (one was killed before its result was counted) keeps its later copy,
a document keeps the link of the shard that stored its page and the probe of the shard that
probed it, and a site finished in any shard is judged again from every shard's pages. Merging
the same shards again changes nothing, so a merge stopped midway, or done before the last
worker ended, is finished by merging again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ground.store import Store

from .runs import default_warc_dir, finish_site

_SEGMENT = re.compile(r"^run-\d+-(.+)$")


class MergeError(Exception):
    pass


@dataclass
class MergeResult:
    run_id: int
    state: str
    sites: int
    finished: int
    pages: int
    shards: list[tuple[str, int]] = field(default_factory=list)    # (shard database, rows added or changed)


def shard_name(run: dict) -> str:
    """A shard's name: its own (a Redis shard's), else one derived from its run (a Scrapyd part's)."""
    return run.get("shard") or hashlib.sha1(f"{run['sites_sha1']}:{run['id']}:{run['started_at']}".encode()).hexdigest()[:10]


def _open_shard(path: Path, db: Path) -> tuple[Store, dict]:
    if not path.is_file():
        raise MergeError(f"{path}: no such shard database")
    if path.resolve() == db.resolve():
        raise MergeError(f"{path}: that is the run's database itself (--db); give the shards' databases")
    try:
        store, run = Store.shard(path)
    except ValueError as exc:
        raise MergeError(f"{path}: {exc}") from None
    if run is None:
        store.close()
        raise MergeError(f"{path}: holds no crawl run")
    return store, run


def _copy_segments(path: Path, shard: Store, run: dict, name: str, run_id: int, warc_dir: Path) -> dict[str, str]:
    """Copy a shard's WARC segments beside the run's database; {segment: its name there}."""
    folders = [Path(run["warc_dir"])] if run.get("warc_dir") else []
    folders.append(Path(default_warc_dir(str(path))))          # a shard copied here with its WARC folder
    names = {}
    warc_dir.mkdir(parents=True, exist_ok=True)
    for segment in shard.shard_warc_files(run["id"]):
        source = next((f / segment for f in folders if (f / segment).is_file()), None)
        if source is None:
            raise MergeError(f"{path}: its WARC segment {segment} is in none of {', '.join(map(str, folders))}; "
                             "copy the shard's WARC folder beside it")
        match = _SEGMENT.match(segment)
        target = warc_dir / f"run-{run_id:04d}-{name}-{match.group(1) if match else segment}"
        # a segment only grows: one merged before its worker ended is copied again, whole
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        names[segment] = target.name
    return names


def merge_shards(shards: list[str | os.PathLike], db: str | os.PathLike,
                 warc_dir: str | os.PathLike | None = None) -> MergeResult:
    """Merge each shard's latest run into one run of db (the run that already holds any of
    them, else a new one). Raises MergeError, with the shard and the reason, before merging
    anything when a shard cannot be read."""
    if not shards:
        raise MergeError("give the shard databases to merge")
    db = Path(db)
    opened = [(Path(p), *_open_shard(Path(p), db)) for p in shards]
    try:
        store = Store(db)
        names = [shard_name(run) for _, _, run in opened]
        if len(set(names)) < len(names):
            raise MergeError("the same shard is given twice")
        shared = sorted({run["shared_run"] for _, _, run in opened if run.get("shared_run")})
        existing = store.merged_runs(names, shared)
        if len(existing) > 1:
            raise MergeError(f"{db}: these shards were merged into different runs ({', '.join(map(str, existing))}); "
                             "merge each run's shards on their own")
        if existing:
            run_id = existing[0]
        else:
            first = opened[0][2]
            digests = sorted({run["sites_sha1"] for _, _, run in opened})
            files = sorted({run["sites_file"] for _, _, run in opened})
            run_id = store.create_merged_run({
                "started_at": min(run["started_at"] for _, _, run in opened),
                "sites_file": files[0] if len(files) == 1 else f"{len(files)} sites files",
                "sites_sha1": digests[0] if len(digests) == 1 else hashlib.sha1(" ".join(digests).encode()).hexdigest(),
                "warc_dir": str(Path(warc_dir or default_warc_dir(str(db))).resolve()),
                "settings": first["settings"], "tool_version": first["tool_version"],
                "shared_run": shared[0] if len(shared) == 1 else None})
        target_warc = Path(store.run(run_id)["warc_dir"])
        result = MergeResult(run_id, "", 0, 0, 0)
        for path, _, run in opened:         # a shard of other sites is refused before anything is copied
            try:
                store.check_shard(str(path.resolve()), run["id"], run_id)
            except ValueError as exc:
                raise MergeError(f"{path}: {exc}; it is not a shard of this run") from None
        for (path, shard, run), name in zip(opened, names):
            warc_names = _copy_segments(path, shard, run, name, run_id, target_warc)
            try:
                changed = store.merge_shard(str(path.resolve()), run["id"], run_id,
                                            {"shard": name, "shared_run": run.get("shared_run"),
                                             "sites_sha1": run["sites_sha1"]}, warc_names)
            except ValueError as exc:
                raise MergeError(f"{path}: {exc}; it is not a shard of this run") from None
            result.shards.append((str(path), changed))
        for site_id, finished_at in store.finished_site_times(run_id).items():
            finish_site(store, run_id, site_id, finished_at=finished_at)      # from every shard's pages
        result.state = store.settle_merged_run(run_id)
        result.sites, result.finished = store.count_sites(run_id)
        result.pages = store.run_page_count(run_id)
        return result
    finally:
        for _, shard, _ in opened:
            shard.close()
