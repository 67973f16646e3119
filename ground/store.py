"""The SQLite store: one database holds every run (crawl index, later assessments and scores).

Page bodies are not in the database: they live in the run's WARC files, and each page
row points at its record (``warc_file``, ``warc_offset``). The tables are documented in
the README ("The database").
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from .sites import RowError, Site, SitesFile
from .status import PAGE_OK
from .urls import STYLESHEET_EXTENSION

SCHEMA_VERSION = 1

TABLES = {
    "runs": (
        {"id": int, "started_at": str, "finished_at": str, "state": str, "sites_file": str,
         "sites_sha1": str, "warc_dir": str, "settings": str, "tool_version": str, "assess_pass": int,
         "assessed_at": str, "framework": str, "scored_at": str, "warcs_pruned_at": str, "pipeline": str,
         "reported_at": str, "shared_run": str, "shard": str},
        {"pk": "id"},
    ),
    "sites": (
        {"run_id": int, "site_id": str, "url": str, "name": str, "metadata": str, "line": int,
         "status": str, "final_url": str, "pages_fetched": int, "pages_failed": int,
         "documents": int, "outbound_links": int, "detail": str, "finished_at": str, "domains": str},
        {"pk": ("run_id", "site_id")},
    ),
    "pages": (
        {"run_id": int, "site_id": str, "url": str, "depth": int, "ord": int, "final_url": str,
         "fetch_status": str, "status_code": int, "content_type": str, "encoding": str,
         "title": str, "size": int, "text_chars": int, "links_found": int, "js_only": int,
         "rendered": int, "warc_file": str, "warc_offset": int, "warc_length": int,
         "error": str, "fetched_at": str, "warnings": str},
        {"pk": ("run_id", "site_id", "url")},
    ),
    "links": (
        {"run_id": int, "site_id": str, "page_url": str, "url": str, "text": str},
        {"pk": ("run_id", "site_id", "page_url", "url")},
    ),
    "documents": (
        {"run_id": int, "site_id": str, "url": str, "page_url": str, "text": str, "heading": str,
         "extension": str, "fetch_status": str, "status_code": int, "content_type": str,
         "size": int, "warc_file": str, "warc_offset": int},
        {"pk": ("run_id", "site_id", "url")},
    ),
    "site_features": (
        {"run_id": int, "site_id": str, "feature": str, "state": str, "value": str, "evidence_count": int,
         "reason": str, "pass": int, "assessed_at": str, "confidence": str},
        {"pk": ("run_id", "site_id", "feature")},
    ),
    "evidence": (
        {"run_id": int, "site_id": str, "feature": str, "page_url": str, "target": str, "element": str,
         "text": str, "detector": str, "region": str, "confidence": str},
        {},
    ),
    "scores": (
        {"run_id": int, "site_id": str, "framework": str, "status": str, "scored": int, "stage_pct": str,
         "osi_raw": float, "osi_norm": float, "highest_stage": int, "rank": int, "group_ranks": str,
         "gaps": str, "unknown": str, "reason": str, "scored_at": str, "value": float, "level": str,
         "coverage": str},
        {"pk": ("run_id", "site_id", "framework")},
    ),
    "group_scores": (
        {"run_id": int, "framework": str, "group_by": str, "group_value": str, "sites": int, "scored": int,
         "stage_pct": str, "osi_raw": float, "rank": int},
        {"pk": ("run_id", "framework", "group_by", "group_value")},
    ),
    "growth": (
        {"run_id": int, "framework": str, "prev_run_id": int, "site_id": str, "osi_raw": float,
         "prev_osi_raw": float, "growth": float, "quadrant": str},
        {"pk": ("run_id", "framework", "site_id")},
    ),
    "reviews": (
        {"id": int, "run_id": int, "site_id": str, "feature": str, "state": str, "note": str, "evidence_url": str,
         "reviewer": str, "reviewed_at": str, "detected_state": str, "evidence_sig": str,
         "public": int},
        {"pk": "id"},
    ),
    "input_errors": (
        {"run_id": int, "file": str, "line": int, "site_id": str, "problem": str},
        {"pk": ("run_id", "line")},
    ),
    # the shards (a worker's own database, or a Scrapyd part's) merged into a run (egovscan merge)
    "run_shards": (
        {"run_id": int, "shard": str, "file": str, "shared_run": str, "sites_sha1": str, "merged_at": str},
        {"pk": ("run_id", "shard")},
    ),
}

INDEXES = [
    ("pages", ["run_id", "site_id", "depth", "ord"]),
    ("links", ["run_id", "url"]),
    ("evidence", ["run_id", "site_id", "feature"]),
    ("reviews", ["site_id", "feature"]),
]


def _primary_key(table: str) -> tuple[str, ...]:
    pk = TABLES[table][1]["pk"]
    return (pk,) if isinstance(pk, str) else tuple(pk)


@lru_cache(maxsize=64)
def _upsert_sql(table: str, columns: tuple[str, ...]) -> str:
    pk = _primary_key(table)
    names = ", ".join(f"[{c}]" for c in columns)
    update = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in pk)
    return (f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT ({', '.join(f'[{c}]' for c in pk)}) DO " + (f"UPDATE SET {update}" if update else "NOTHING"))


@lru_cache(maxsize=64)
def _insert_ignore_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    return f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({', '.join('?' for _ in columns)})"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: str | os.PathLike) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode with the egovscan schema.

    Several processes may open a new database at once (workers of a shared run): switching to
    WAL and creating the tables can then meet another process's lock or its new table, so both
    steps are retried for a while."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=30))
    _retry_contended(lambda: db.execute("PRAGMA journal_mode=WAL"))
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    _retry_contended(lambda: _ensure_schema(db))
    return db


def _retry_contended(step, attempts: int = 300) -> None:
    for attempt in range(attempts):
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if attempt == attempts - 1 or not any(
                    m in message for m in ("locked", "already exists", "duplicate column")):
                raise
            time.sleep(0.1)


def _ensure_schema(db: sqlite_utils.Database) -> None:
    for name, (columns, options) in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(columns, not_null=set(), **options)
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, type_ in missing.items():
                table.add_column(column, type_)
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)


def read_only_uri(path: str | os.PathLike) -> str:
    """SQLite's URI of a database opened read-only (any folder or file name: '#', '?' and '%'
    are quoted, not read as the URI's own)."""
    return Path(path).absolute().as_uri() + "?mode=ro"


def is_database(path: str | os.PathLike) -> bool:
    """Whether an existing file is a SQLite database (an empty file is one not yet written);
    OSError when it cannot be opened.

    SQLite answers, through its own file handles: a file opened and closed by other code would
    release every POSIX lock this process's connections hold on the database (closing any
    descriptor of a file drops all of a process's locks on it). Another program closing its
    connection (a second reader, Datasette) would then find the database unused and delete its
    WAL under this process: "disk I/O error", and writes made after it lost."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            conn.execute("pragma schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        reason = getattr(exc, "sqlite_errorname", "")
        if reason == "SQLITE_NOTADB":
            return False
        if reason.startswith("SQLITE_CANTOPEN"):
            raise OSError(f"SQLite cannot open it ({exc})") from None
    return True


class Store:
    """Every read and write of the database, by name: the steps and the application call these
    methods and never hold the connection (every SQL statement of the project is in this module)."""

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        self._db = open_db(path)

    @classmethod
    def reader(cls, path: str | os.PathLike) -> "Store":
        """A read-only store on an existing database (an assessment worker's: it never writes,
        creates nothing and changes no journal mode)."""
        store = cls.__new__(cls)
        store.path = str(path)
        store._db = sqlite_utils.Database(sqlite3.connect(read_only_uri(path), uri=True))
        return store

    def close(self) -> None:
        self._db.conn.close()

    # -- runs -------------------------------------------------------------
    def create_run(self, sites_file: SitesFile, warc_dir: str, settings: dict, version: str,
                   shard: dict | None = None) -> int:
        """A new run of a sites file; ``shard``: {shared_run, shard} when this database is one
        worker's shard of a run shared through Redis (crawler/distributed.py)."""
        with self._db.conn:
            run_id = self._db["runs"].insert({
                "started_at": now(), "state": "crawling", "sites_file": os.path.basename(sites_file.path),
                "sites_sha1": sites_file.sha1, "warc_dir": warc_dir,
                "settings": json.dumps(settings, sort_keys=True), "tool_version": version, **(shard or {}),
            }).last_pk
            self._db["sites"].insert_all(
                ({"run_id": run_id, "site_id": s.site_id, "url": s.url, "name": s.name,
                  "metadata": json.dumps(s.metadata, ensure_ascii=False), "line": s.line,
                  "domains": " ".join(s.domains)}
                 for s in sites_file.sites),
            )
            self.record_input_errors(run_id, sites_file.path, sites_file.errors)
        return run_id

    def record_input_errors(self, run_id: int, path: str, errors: list[RowError]) -> None:
        self._db["input_errors"].upsert_all(
            ({"run_id": run_id, "file": os.path.basename(path), "line": e.line,
              "site_id": e.site_id, "problem": e.problem} for e in errors),
            pk=("run_id", "line"),
        )

    def run(self, run_id: int) -> dict | None:
        try:
            return self._db["runs"].get(run_id)
        except sqlite_utils.db.NotFoundError:
            return None

    def latest_run(self, state: str | None = None) -> dict | None:
        where, args = ("state = ?", [state]) if state else (None, None)
        rows = list(self._db["runs"].rows_where(where, args, order_by="id desc", limit=1))
        return rows[0] if rows else None

    def set_run_state(self, run_id: int, state: str, finished: bool = False) -> None:
        update = {"state": state}
        if finished:
            update["finished_at"] = now()
        with self._db.conn:
            self._db["runs"].update(run_id, update)

    def mark_pipeline(self, run_id: int) -> None:
        """The run is driven by `egovscan run`: it is finished when its report is written."""
        with self._db.conn:
            self._db["runs"].update(run_id, {"pipeline": "run"})

    def mark_reported(self, run_id: int) -> None:
        with self._db.conn:
            self._db["runs"].update(run_id, {"reported_at": now()})

    def unreported_pipeline_run(self, sites_sha1: str) -> dict | None:
        """The latest run, when `egovscan run` crawled it from this sites file and was stopped after
        the crawl but before the report (during assessment, scoring or reporting)."""
        latest = self.latest_run()
        if (latest and latest.get("pipeline") == "run" and not latest.get("reported_at")
                and latest["state"] in ("crawled", "assessing", "assessed") and latest["sites_sha1"] == sites_sha1):
            return latest
        return None

    def prune_warcs(self, keep: int, dry_run: bool = False) -> list[dict]:
        """Delete the WARC segments of every finished crawl but the newest `keep`.

        Scores, features, evidence and reviews stay in the database; only the archived page
        bodies go, so such a run can be reported and compared but no longer re-assessed or
        shown as an archived copy. A run whose crawl or assessment is still running (or was
        interrupted and waits for --resume) is never pruned and does not count towards `keep`.
        Returns one row per pruned run: run id, files and bytes removed.
        """
        if keep < 0:
            raise ValueError("keep must be 0 or more")
        finished = list(self._db.execute(
            "select id, warc_dir from runs where state not in ('crawling', 'assessing') order by id desc").fetchall())
        pruned = []
        for run_id, warc_dir in finished[keep:]:
            files = sorted(Path(warc_dir).glob(f"run-{run_id:04d}-*.warc.gz")) if warc_dir else []
            if not files:
                continue
            size = sum(f.stat().st_size for f in files)
            if not dry_run:
                for f in files:
                    f.unlink(missing_ok=True)
                with self._db.conn:
                    self._db["runs"].update(run_id, {"warcs_pruned_at": now()})
            pruned.append({"run_id": run_id, "files": len(files), "bytes": size})
        return pruned

    # -- sites ------------------------------------------------------------
    def run_sites(self, run_id: int, unfinished_only: bool = False) -> list[Site]:
        where = "run_id = ?" + (" and status is null" if unfinished_only else "")
        return [
            Site(site_id=r["site_id"], url=r["url"], name=r["name"] or "",
                 metadata=json.loads(r["metadata"] or "{}"), line=r["line"] or 0,
                 domains=tuple((r["domains"] or "").split()))
            for r in self._db["sites"].rows_where(where, [run_id], order_by="rowid")
        ]

    def site_statuses(self, run_id: int) -> dict[str, str | None]:
        """{site_id: crawl status} of a run (None while a site is unfinished)."""
        return dict(self._db.execute("select site_id, status from sites where run_id = ?", [run_id]).fetchall())

    def scored_frameworks(self, run_id: int) -> list[str]:
        """The frameworks a run has scores for (``egovscan score``), by name."""
        return [r[0] for r in self._db.execute("select distinct framework from scores where run_id = ? order by framework",
                                              [run_id]).fetchall()]

    def site_own_hosts(self, run_id: int, site_id: str) -> tuple[str, ...]:
        """The hosts a site owns whatever host its pages are served from: its listed URL's host
        and the other domains of the sites file's `domains` column."""
        row = self._db.execute("select url, domains from sites where run_id = ? and site_id = ?",
                               [run_id, site_id]).fetchone()
        if row is None:
            return ()
        try:
            host = urlsplit(row[0] or "").hostname or ""
        except ValueError:
            host = ""
        return tuple(([host] if host else []) + (row[1] or "").split())

    def site_declared_domains(self, run_id: int, site_id: str) -> tuple[str, ...]:
        """The domains the sites file's `domains` column declares the agency's own, with their subdomains."""
        row = self._db.execute("select domains from sites where run_id = ? and site_id = ?",
                               [run_id, site_id]).fetchone()
        return tuple((row[0] or "").split()) if row else ()

    def site_outcome(self, run_id: int, site_id: str) -> dict | None:
        """A crawled site's url, status and detail."""
        row = self._db.execute("select url, status, detail from sites where run_id = ? and site_id = ?",
                              [run_id, site_id]).fetchone()
        return None if row is None else {"url": row[0], "status": row[1], "detail": row[2]}

    def status_counts(self, run_id: int) -> list[tuple[str, int]]:
        """(status, sites) of a run, the most frequent first; an unfinished site counts as 'not crawled'."""
        return [tuple(r) for r in self._db.execute(
            "select coalesce(status, 'not crawled') as s, count(*) as n from sites where run_id = ? "
            "group by s order by n desc, s", [run_id])]

    def count_sites(self, run_id: int) -> tuple[int, int]:
        """(all sites, finished sites) of a run."""
        row = self._db.execute(
            "select count(*), count(status) from sites where run_id = ?", [run_id]).fetchone()
        return row[0], row[1]

    def has_result(self, run_id: int, site_id: str, kind: str, url: str) -> bool:
        """Whether a crawl request's result is stored: a page row, or a probed document."""
        if kind == "page":
            sql = "select 1 from pages where run_id = ? and site_id = ? and url = ?"
        else:
            sql = ("select 1 from documents where run_id = ? and site_id = ? and url = ?"
                   " and fetch_status != 'not_probed'")
        return self._db.execute(sql, [run_id, site_id, url]).fetchone() is not None

    # -- crawl records ---------------------------------------------------------
    # What the crawler (crawler/) reads and writes beyond runs and sites: a fetched page with
    # its links, a probed document, a finished site, and what a replay of a site needs.
    def store_page(self, page: dict, outbound: list[dict], documents: list[dict]) -> None:
        """A fetched page's row, its outbound links and its document links, in one transaction:
        a kill leaves the whole page or none of it."""
        with self._db.conn:
            self.upsert_row("pages", page)
            self.insert_ignore("links", outbound)
            self.insert_ignore("documents", documents)

    def record_document_probe(self, run_id: int, site_id: str, url: str, probe: dict) -> None:
        """A document link's probe result (fetch_status, status_code, content_type, size, WARC record)."""
        with self._db.conn:      # an upsert: a shard may hold the probe but not the page that linked it
            self.upsert_row("documents", {"run_id": run_id, "site_id": site_id, "url": url, **probe})

    def probed_documents(self, run_id: int, site_id: str) -> set[str]:
        """The URLs of a site's documents that were probed (a replay does not probe them again)."""
        return {url for url, status in self._db.execute(
            "select url, fetch_status from documents where run_id = ? and site_id = ?",
            [run_id, site_id]) if status != "not_probed"}

    def site_link_counts(self, run_id: int, site_id: str) -> tuple[int, int]:
        """(document links, outbound links) stored for a site; the home page's style sheets, kept
        beside its documents for the technology checks, are not document links."""
        row = self._db.execute(
            "select (select count(*) from documents where run_id = ? and site_id = ?"
            " and coalesce(extension, '') != ?),"
            " (select count(*) from links where run_id = ? and site_id = ?)",
            [run_id, site_id, STYLESHEET_EXTENSION, run_id, site_id]).fetchone()
        return row[0], row[1]

    def record_site_finished(self, run_id: int, site_id: str, outcome: dict, finished_at: str | None = None) -> None:
        """A site's crawl is finished: its status, detail, final URL and counts (finished_at: now
        unless given). A shard records an empty outcome: its pages are only part of the site's."""
        with self._db.conn:
            self._db["sites"].update((run_id, site_id), {**outcome, "finished_at": finished_at or now()})

    # -- hot-path writes ------------------------------------------------------
    # The crawl writes a page row and its links for every response. sqlite-utils' table
    # methods introspect the table on every call (a third of the crawl's store time), so the
    # crawl's per-page writes go through these prepared statements built from TABLES instead.
    def upsert_row(self, table: str, row: dict) -> None:
        """Insert a row, or update the columns it names where its primary key exists."""
        self._db.execute(_upsert_sql(table, tuple(row)), list(row.values()))

    def insert_ignore(self, table: str, rows: list[dict]) -> None:
        """Insert rows (all with the same columns), skipping those whose primary key exists."""
        if rows:
            self._db.conn.executemany(_insert_ignore_sql(table, tuple(rows[0])), [list(r.values()) for r in rows])

    def feature_confidence(self, run_id: int, site_id: str) -> dict[str, str]:
        """How sure each assessed feature of a site is (strong, medium, weak), where it has evidence."""
        return {feature: confidence for feature, confidence in self._db.execute(
            "select feature, confidence from site_features where run_id = ? and site_id = ? and confidence is not null",
            [run_id, site_id])}

    def site_assessed(self, run_id: int, site_id: str) -> bool:
        """Whether the assessment recorded any feature of a site in a run."""
        return self._db.execute("select 1 from site_features where run_id = ? and site_id = ? limit 1",
                               [run_id, site_id]).fetchone() is not None

    def site_pages(self, run_id: int, site_id: str) -> list[dict]:
        return list(self._db["pages"].rows_where(
            "run_id = ? and site_id = ?", [run_id, site_id], order_by="depth, ord"))

    # -- runs, as the application picks them ------------------------------------
    def runs(self) -> list[dict]:
        """Every run of the database, oldest first."""
        return list(self._db["runs"].rows_where(order_by="id"))

    def latest_run_id(self, states: tuple[str, ...]) -> int | None:
        """The newest run in one of these states."""
        placeholders = ",".join("?" * len(states))
        row = self._db.execute(f"select id from runs where state in ({placeholders}) order by id desc limit 1",
                               list(states)).fetchone()
        return None if row is None else row[0]

    def previous_assessed_run(self, run_id: int) -> int | None:
        """The newest assessed run before this one (growth compares with it)."""
        row = self._db.execute("select id from runs where id < ? and state = 'assessed' order by id desc limit 1",
                               [run_id]).fetchone()
        return row[0] if row else None

    def earlier_assessed_runs(self, run_id: int) -> list[int]:
        """The assessed runs before this one, newest first (the report's --since N takes the N-th)."""
        return [r[0] for r in self._db.execute(
            "select id from runs where id < ? and state = 'assessed' order by id desc", [run_id])]

    # -- sites ------------------------------------------------------------------
    def site_rows(self, run_id: int) -> list[dict]:
        """Every site row of a run (crawl outcome and counts), in sites-file order."""
        return list(self._db.query("select * from sites where run_id = ? order by rowid", [run_id]))

    def site_row(self, run_id: int, site_id: str) -> dict | None:
        rows = list(self._db.query("select * from sites where run_id = ? and site_id = ?", [run_id, site_id]))
        return rows[0] if rows else None

    def site_runs(self, site_id: str) -> list[dict]:
        """The assessed runs holding a site, oldest first: run id, crawl start, the site's status."""
        return list(self._db.query(
            "select runs.id as run_id, runs.started_at, sites.status, sites.detail, sites.url from runs "
            "join sites on sites.run_id = runs.id where sites.site_id = ? and runs.state = 'assessed' "
            "order by runs.id", [site_id]))

    # -- assessment -------------------------------------------------------------
    def begin_assessment(self, run_id: int, pass_id: int) -> None:
        """A new assessment pass of a run starts (sites assessed by an earlier pass are redone)."""
        with self._db.conn:
            self._db["runs"].update(run_id, {"assess_pass": pass_id, "state": "assessing"})

    def open_assessment_pass(self, run_id: int) -> int:
        """The assessment pass that sites assessed while the run is crawled belong to: the run's
        pass if it has one (an interrupted run resumes it), else pass 1. The run's state is the
        crawl's until the crawl is done."""
        with self._db.conn:
            self._db.execute("update runs set assess_pass = coalesce(assess_pass, 1) where id = ?", [run_id])
        return self._db.execute("select assess_pass from runs where id = ?", [run_id]).fetchone()[0]

    def assessed_sites(self, run_id: int, pass_id: int) -> set[str]:
        """Sites an assessment pass has written (an interrupted pass resumes after them)."""
        return {r[0] for r in self._db.execute(
            "select distinct site_id from site_features where run_id = ? and pass = ?", [run_id, pass_id])}

    def write_assessment(self, run_id: int, site_id: str, features: list[dict], evidence: list[dict]) -> None:
        """A site's feature states and evidence, replacing its earlier ones in one transaction."""
        with self._db.conn:
            self._db.execute("delete from site_features where run_id = ? and site_id = ?", [run_id, site_id])
            self._db.execute("delete from evidence where run_id = ? and site_id = ?", [run_id, site_id])
            # prepared statements, not sqlite-utils' insert_all, which commits on its own: a kill
            # between its commits left a site's features without their evidence, taken as done
            self.insert_ignore("site_features", features)
            self.insert_ignore("evidence", evidence)

    def finish_assessment(self, run_id: int) -> None:
        with self._db.conn:
            self._db["runs"].update(run_id, {"state": "assessed", "assessed_at": now()})

    def site_features(self, run_id: int, site_id: str | None = None) -> Iterator[dict]:
        """The assessed features of a run (or of one site): site_id, feature, state, value (JSON
        text), reason, confidence, evidence_count; by site, then feature. Rows come as they are
        read (a national run has a million): iterate once."""
        where, args = ("run_id = ?", [run_id]) if site_id is None else ("run_id = ? and site_id = ?", [run_id, site_id])
        return iter(self._db.query(
            "select site_id, feature, state, value, reason, confidence, evidence_count from site_features "
            f"where {where} order by site_id, feature", args))

    def detected_state(self, run_id: int, site_id: str, feature: str) -> str | None:
        """What the detector decided for one feature of one site (None: not assessed)."""
        row = self._db.execute("select state from site_features where run_id = ? and site_id = ? and feature = ?",
                               [run_id, site_id, feature]).fetchone()
        return None if row is None else row[0]

    def detection_changes(self, before_run: int, after_run: int, site_id: str | None = None) -> list[tuple]:
        """(site_id, feature, state before, state after) of the findings whose detected state
        differs between two runs, for sites and features assessed in both (of one site): what a
        history compares, without reading the findings that stayed alike."""
        where, args = ("", []) if site_id is None else (" and a.site_id = ?", [site_id])
        return self._db.execute(
            "select a.site_id, a.feature, a.state, b.state from site_features a join site_features b "
            "on b.run_id = ? and b.site_id = a.site_id and b.feature = a.feature "
            f"where a.run_id = ? and a.state != b.state{where} order by a.site_id, a.feature",
            [after_run, before_run, *args]).fetchall()

    def feature_counts(self, run_id: int) -> dict[str, tuple[int, int, int]]:
        """feature -> (sites present, absent, unknown) of a run."""
        return {r[0]: tuple(r[1:]) for r in self._db.execute(
            "select feature, sum(state = 'present'), sum(state = 'absent'), sum(state = 'unknown') "
            "from site_features where run_id = ? group by feature", [run_id])}

    def evidence(self, run_id: int, site_id: str | None = None, feature: str | None = None) -> Iterator[dict]:
        """The kept evidence of a run (or of a site, or of a site's feature) in the order found, as
        the rows are read: iterate once."""
        where, args = "run_id = ?", [run_id]
        if site_id is not None:
            where, args = where + " and site_id = ?", args + [site_id]
        if feature is not None:
            where, args = where + " and feature = ?", args + [feature]
        return iter(self._db.query(
            "select site_id, feature, page_url, target, element, text, detector, region, confidence from evidence "
            f"where {where} order by rowid", args))

    # -- archived pages -----------------------------------------------------------
    def archived_urls(self, run_id: int, site_id: str) -> set[str]:
        """The URLs of a site whose bodies are in the WARC archive."""
        return {r[0] for r in self._db.execute(
            "select url from pages where run_id = ? and site_id = ? and warc_file is not null", [run_id, site_id])}

    def archived_page(self, run_id: int, site_id: str, url: str) -> dict | None:
        """Where an archived page's body is (warc_file, warc_offset) and its encoding."""
        rows = list(self._db.query(
            "select warc_file, warc_offset, encoding from pages where run_id = ? and site_id = ? and url = ? "
            "and warc_file is not null", [run_id, site_id, url]))
        return rows[0] if rows else None

    # -- scores -------------------------------------------------------------------
    def scores(self, run_id: int, framework: str | None = None, site_id: str | None = None) -> list[dict]:
        """Score rows of a run (of one framework, of one site), by framework."""
        where, args = "run_id = ?", [run_id]
        if framework is not None:
            where, args = where + " and framework = ?", args + [framework]
        if site_id is not None:
            where, args = where + " and site_id = ?", args + [site_id]
        return list(self._db.query(f"select * from scores where {where} order by framework", args))

    def score_history(self, up_to_run: int, site_id: str | None = None) -> list[tuple]:
        """(run_id, site_id, framework, osi_raw) of every score of the runs up to `up_to_run` (of
        one site), by run and framework: a history's line in one query."""
        where, args = ("", []) if site_id is None else (" and site_id = ?", [site_id])
        return self._db.execute(f"select run_id, site_id, framework, osi_raw from scores where run_id <= ?{where} "
                                "order by run_id, framework", [up_to_run, *args]).fetchall()

    def shown_framework(self, run_id: int, preferred: str) -> str | None:
        """The framework a run's scores are shown with: `preferred` when the run has its scores,
        else another it was scored with, else None."""
        row = self._db.execute("select framework from scores where run_id = ? order by framework = ? desc limit 1",
                               [run_id, preferred]).fetchone()
        return row[0] if row else None

    def group_scores(self, run_id: int) -> list[dict]:
        """Group rows of a run: the national group first, then by grouping, rank and name."""
        return list(self._db.query(
            "select * from group_scores where run_id = ? order by group_by = 'all' desc, group_by, "
            "rank is null, rank, group_value", [run_id]))

    def growth(self, run_id: int) -> list[dict]:
        return list(self._db.query("select * from growth where run_id = ? order by quadrant, site_id", [run_id]))

    def replace_scores(self, run_id: int, framework: str, sites: list[dict], groups: list[dict],
                       growth: list[dict] | None, scored_at: str) -> None:
        """A run's scores with one framework, replacing the earlier ones in one transaction, so a
        re-score never leaves a mixture behind."""
        with self._db.conn:
            for table in ("scores", "group_scores", "growth"):
                self._db.execute(f"delete from {table} where run_id = ? and framework = ?", [run_id, framework])
            self._db["scores"].insert_all(sites, pk=_primary_key("scores"))
            self._db["group_scores"].insert_all(groups, pk=_primary_key("group_scores"))
            if growth is not None:
                self._db["growth"].insert_all(growth, pk=_primary_key("growth"))
            self._db["runs"].update(run_id, {"framework": framework, "scored_at": scored_at})

    # -- reviews ------------------------------------------------------------------
    def add_review(self, row: dict) -> None:
        with self._db.conn:
            self._db["reviews"].insert(row)

    def reviews(self, up_to_run: int | None = None) -> list[dict]:
        """Every review (of runs up to `up_to_run`), oldest first: the newest of a finding stands."""
        where, args = ("where run_id <= ?", [up_to_run]) if up_to_run is not None else ("", [])
        return list(self._db.query(f"select * from reviews {where} order by reviewed_at, id", args))

    # -- counts for the benchmarks ---------------------------------------------------
    def count_pages(self, ok_only: bool = False) -> int:
        """Page rows of every run (only those fetched ok)."""
        where = " where fetch_status = 'ok'" if ok_only else ""
        return self._db.execute(f"select count(*) from pages{where}").fetchone()[0]

    def count_probed_documents(self) -> int:
        """Documents of every run that a request was made for."""
        return self._db.execute("select count(*) from documents where fetch_status is not null").fetchone()[0]

    def archived_ok_pages(self, run_id: int) -> list[tuple[str, int]]:
        """(warc_file, warc_offset) of a run's pages fetched ok and archived."""
        return [tuple(r) for r in self._db.execute(
            "select warc_file, warc_offset from pages where run_id = ? and warc_file is not null "
            "and fetch_status = 'ok'", [run_id])]
    # -- technology checks ----------------------------------------------------
    def home_page(self, run_id: int, site_id: str) -> dict | None:
        """The first page the crawl fetched for a site (its home page), with the run's WARC folder,
        or None when no page was fetched."""
        row = self._db.execute(
            "select p.url, p.final_url, p.encoding, p.content_type, p.warc_file, p.warc_offset, r.warc_dir "
            "from pages p join runs r on r.id = p.run_id where p.run_id = ? and p.site_id = ? and p.fetch_status = ? "
            "and p.warc_file is not null order by p.depth, p.ord limit 1", [run_id, site_id, PAGE_OK]).fetchone()
        if row is None:
            return None
        return dict(zip(("url", "final_url", "encoding", "content_type", "warc_file", "warc_offset", "warc_dir"), row))

    def home_stylesheets(self, run_id: int, site_id: str) -> list[dict]:
        """The home page's style sheets the crawl fetched and archived (crawler/frontier.py), by URL."""
        rows = self._db.execute(
            "select d.url, d.content_type, d.warc_file, d.warc_offset, r.warc_dir from documents d "
            "join runs r on r.id = d.run_id where d.run_id = ? and d.site_id = ? and d.extension = ? "
            "and d.fetch_status = ? and d.warc_file is not null order by d.url",
            [run_id, site_id, STYLESHEET_EXTENSION, PAGE_OK]).fetchall()
        return [dict(zip(("url", "content_type", "warc_file", "warc_offset", "warc_dir"), row)) for row in rows]

    # -- shards ---------------------------------------------------------------------
    # A run crawled as shards (workers sharing only Redis, each with its own database, or
    # Scrapyd jobs of a sites file's parts) is merged into one run here (crawler/shards.py):
    # each shard in one transaction, rows the run already holds kept, so merging again changes
    # nothing and a merge stopped midway is finished by running it again.
    @classmethod
    def shard(cls, path: str | os.PathLike) -> tuple["Store", dict | None]:
        """A shard's database and the run of it to merge (its latest); ValueError when the file
        is not an egovscan database."""
        try:
            store = cls(path)
            return store, store.latest_run()
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"not an egovscan database ({exc})") from None

    def shard_warc_files(self, run_id: int) -> list[str]:
        """The WARC segments a shard's pages and documents point at."""
        return [r[0] for r in self._db.execute(
            "select warc_file from pages where run_id = ? and warc_file is not null union "
            "select warc_file from documents where run_id = ? and warc_file is not null order by 1",
            [run_id, run_id])]

    def merged_runs(self, shards: list[str], shared_runs: list[str]) -> list[int]:
        """The runs that already hold one of these shards, or a shard of these shared runs."""
        marks = lambda values: ", ".join("?" for _ in values) or "null"     # noqa: E731
        return [r[0] for r in self._db.execute(
            f"select distinct run_id from run_shards where shard in ({marks(shards)})"
            f" or shared_run in ({marks(shared_runs)}) order by run_id", [*shards, *shared_runs])]

    def create_merged_run(self, run: dict) -> int:
        """The run shards are merged into: the first shard's run row, with this database's WARC folder."""
        with self._db.conn:
            return self._db["runs"].insert({**run, "state": "crawling", "finished_at": None}).last_pk

    def merge_shard(self, path: str, shard_run_id: int, run_id: int, shard: dict, warc_names: dict[str, str]) -> int:
        """Merge one shard's run (database at path) into run_id; warc_names renames its WARC
        segments as copied beside this database. Returns the rows it added or changed.

        A site listed with another URL than the run's is a different site under the same id
        (shards of unrelated sites files): ValueError, and nothing of the shard is merged."""
        with self._attached(path) as conn:
            self._refuse_clashes(conn, shard_run_id, run_id)
            with conn:
                conn.execute("create temp table if not exists warc_names (old text primary key, new text)")
                conn.execute("delete from temp.warc_names")
                conn.executemany("insert into temp.warc_names values (?, ?)", list(warc_names.items()))
                before = conn.total_changes
                site_cols = ["site_id", "url", "name", "metadata", "line", "domains"]
                conn.execute(
                    f"insert or ignore into main.sites (run_id, {', '.join(site_cols)}) select ?, {', '.join(site_cols)}"
                    " from shard.sites where run_id = ?", [run_id, shard_run_id])
                # a site is finished when a shard says so: the worker that planned its last level
                conn.execute(
                    "update main.sites as t set finished_at = s.finished_at from shard.sites s where t.run_id = ?"
                    " and s.run_id = ? and s.site_id = t.site_id and s.finished_at is not null"
                    " and (t.finished_at is null or t.finished_at < s.finished_at)", [run_id, shard_run_id])
                self._merge_rows("pages", run_id, shard_run_id, keep_newer="fetched_at")
                self._merge_rows("links", run_id, shard_run_id)
                self._merge_rows("documents", run_id, shard_run_id, probe=True)
                self._merge_rows("input_errors", run_id, shard_run_id)
                changed = conn.total_changes - before
                conn.execute("insert or ignore into main.run_shards (run_id, shard, file, shared_run, sites_sha1, merged_at)"
                             " values (?, ?, ?, ?, ?, ?)", [run_id, shard["shard"], os.path.basename(path),
                                                            shard.get("shared_run"), shard.get("sites_sha1"), now()])
            return changed

    def check_shard(self, path: str, shard_run_id: int, run_id: int) -> None:
        """ValueError when a shard lists a run's site under another URL (merge_shard's first check)."""
        with self._attached(path) as conn:
            self._refuse_clashes(conn, shard_run_id, run_id)

    @contextmanager
    def _attached(self, path: str):
        conn = self._db.conn
        conn.execute("attach database ? as shard", [path])
        try:
            yield conn
        finally:
            conn.execute("detach database shard")

    @staticmethod
    def _refuse_clashes(conn: sqlite3.Connection, shard_run_id: int, run_id: int) -> None:
        clash = conn.execute(
            "select s.site_id, s.url, t.url from shard.sites s join main.sites t on t.run_id = ? and"
            " t.site_id = s.site_id where s.run_id = ? and t.url != s.url limit 3", [run_id, shard_run_id]).fetchall()
        if clash:
            raise ValueError("; ".join(f"site_id {sid!r} is {a} there but {b} in the run" for sid, a, b in clash))

    def _merge_rows(self, table: str, run_id: int, shard_run_id: int, keep_newer: str | None = None,
                    probe: bool = False) -> None:
        columns = [c for c in TABLES[table][0] if c != "run_id"]
        chosen = ", ".join("coalesce(w.new, s.warc_file)" if c == "warc_file" else f"s.[{c}]" for c in columns)
        names = ", ".join(f"[{c}]" for c in columns)
        select = (f"select ?, {chosen} from shard.[{table}] s left join temp.warc_names w on w.old = s.warc_file"
                  if "warc_file" in columns else f"select ?, {chosen} from shard.[{table}] s") + " where s.run_id = ?"
        insert = f"insert into main.[{table}] (run_id, {names}) {select}"
        pk = ", ".join(f"[{c}]" for c in _primary_key(table))
        if keep_newer:
            # the same request stored by two workers (one killed before its result was counted):
            # the later copy is the one the crawl went on from
            update = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in _primary_key(table))
            sql = f"{insert} on conflict ({pk}) do update set {update} where excluded.[{keep_newer}] > [{table}].[{keep_newer}]"
        elif probe:
            # a document's link (page, text, heading) comes from the shard that stored the page
            # linking it, its probe from the shard that probed it
            linked = ("page_url", "text", "heading", "extension")
            unprobed = f"coalesce([{table}].fetch_status, 'not_probed') = 'not_probed'"
            update = ", ".join(
                [f"[{c}] = coalesce([{table}].[{c}], excluded.[{c}])" for c in linked]
                + [f"[{c}] = case when {unprobed} and excluded.fetch_status != 'not_probed' then excluded.[{c}]"
                   f" else [{table}].[{c}] end" for c in columns if c not in linked and c not in _primary_key(table)])
            gains = " or ".join([f"([{table}].[{c}] is null and excluded.[{c}] is not null)" for c in linked]
                                + [f"({unprobed} and excluded.fetch_status != 'not_probed')"])
            sql = f"{insert} on conflict ({pk}) do update set {update} where {gains}"
        else:
            sql = f"{insert} on conflict do nothing"
        self._db.conn.execute(sql, [run_id, shard_run_id])

    def finished_site_times(self, run_id: int) -> dict[str, str]:
        """{site_id: finished_at} of a run's finished sites."""
        return dict(self._db.execute("select site_id, finished_at from sites where run_id = ? and finished_at is not null",
                                    [run_id]).fetchall())

    def settle_merged_run(self, run_id: int) -> str:
        """A merged run is crawled once every site is finished; returns its state."""
        total, finished = self.count_sites(run_id)
        run = self.run(run_id)
        if finished == total and run["state"] == "crawling":
            last = self._db.execute("select max(finished_at) from sites where run_id = ?", [run_id]).fetchone()[0]
            with self._db.conn:
                self._db["runs"].update(run_id, {"state": "crawled", "finished_at": last})
            return "crawled"
        return run["state"]

    def run_page_count(self, run_id: int) -> int:
        return self._db.execute("select count(*) from pages where run_id = ?", [run_id]).fetchone()[0]
