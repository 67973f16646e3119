"""Assessing a crawl: stored pages in, site-level feature states with evidence out.

Reads pages from the run's WARC files (never the network), runs every assessor on each page,
decides each feature per site, and writes ``site_features`` and ``evidence``. Sites are
assessed in worker processes (CPU-bound), streamed one site at a time so memory does not
grow with the number of sites; each site's results are written in one transaction, so an
interrupted assessment resumes where it stopped (``--resume``) and a new one replaces the
previous results site by site.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
import time
from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import Callable, Iterator

from langdetect import DetectorFactory, LangDetectException, detector_factory

from ground.status import PAGE_OK, SITE_JUDGED
from ground.store import Store, now
from ground.warc import read_record

from . import ASSESSORS, CATALOGUE, FEATURES
from .base import ABSENT, PRESENT, UNKNOWN, WEAK, Decision, SiteFindings, best_confidence, host_of
from .checkers import HomeChecks, axe_wanted
from .langdetector import SameDetector
from .language import SAMPLE, domain_languages, letter_counts, select_packs, site_languages
from .notfound import soft_404
from .page import build_page
from .splash import enter_link
from .technology import HOME, STYLESHEET_BYTES, STYLESHEETS, css_text

DetectorFactory.seed = 0            # langdetect is random unless seeded
MIN_LINKS_TO_JUDGE = 3
MIN_TEXT_TO_JUDGE = 300
# the catalogue's features that only a person can decide (check = "human"): unknown until reviewed
REVIEWED_ONLY = tuple(f for f, entry in FEATURES.items() if entry.check == "human")
NEEDS_REVIEWER = "needs a reviewer"


LANGDETECT_CHARS = 1200


def page_language(text: str) -> str | None:
    """The language of a page's text, or None when there is too little text to tell.

    Thai script is written for Thai only, so a page whose letters are mostly Thai is Thai
    without asking langdetect; other text goes to langdetect, whose pure-Python n-gram pass
    was most of the assessment's CPU, on its first 1,200 characters (plenty for it). Pages of
    a site often begin with the same header and menu, so answers for a sample are remembered."""
    sample = text[:SAMPLE]
    if len(sample) < 200:
        return None
    letters, scripts = letter_counts(sample)        # counted once per page: the pack choice asks too
    if letters and scripts.get("th", 0) > 0.6 * letters:
        return "th"
    return _detect(sample[:LANGDETECT_CHARS])


LANGDETECT_TRIALS = 3


@lru_cache(maxsize=256)
def _detect(sample: str) -> str | None:
    """langdetect's detect() with 3 sampling trials instead of its 7: on the 412 pages of the
    corpus and the simulated web that need it, the same answer for every page in 2/3 the time."""
    detector_factory.init_factory()
    detector = SameDetector(detector_factory._factory)     # langdetect's answers in half its time
    detector.n_trial = LANGDETECT_TRIALS
    detector.append(sample)
    try:
        return detector.detect()
    except LangDetectException:
        return None


def _site_languages(site) -> set[str]:
    """The site's languages from its sites-file row: the language column and its URL's country
    (its other domains are the pages' own domains, read with each page)."""
    if site is None:
        return set()
    try:
        metadata = json.loads(site["metadata"] or "{}")
    except ValueError:
        metadata = {}
    return site_languages(str(metadata.get("language") or ""), [host_of(site["url"] or "")])


def _short_text(view) -> str:
    """What a page with too little text for langdetect says: its title and link texts."""
    return " ".join([view.title] + [link.text for link in view.links[:40]])[:1000]


def assess_site(db_path: str, run_id: int, site_id: str, checks: dict | None = None) -> dict:
    """Everything decided for one site: {'features': {id: Decision}, 'evidence': [Evidence]}.

    ``checks``: the offline checkers' findings on its home page (checkers.check_home_pages), when run."""
    store = Store.reader(db_path)          # each worker process reads on its own connection
    try:
        run = store.run(run_id)
        site = store.site_row(run_id, site_id)
        own_hosts = store.site_own_hosts(run_id, site_id)
        declared = store.site_declared_domains(run_id, site_id)
        pages = store.site_pages(run_id, site_id)
        sheets = home_stylesheets(store, run_id, site_id)
    finally:
        store.close()
    evidence = defaultdict(list)
    facts = {"page_languages": {}, "crawled_on": date.fromisoformat(run["started_at"][:10]),
             "site_name": (site["name"] or "") if site else "", "own_hosts": own_hosts}
    if checks is not None:
        facts["checks"] = checks
    facts[STYLESHEETS] = [{"url": s["url"], "css": s["css"]} for s in sheets]
    links = text_chars = assessed = 0
    first_view = None
    not_found: list[str] = []          # what each soft 404 said
    site_langs = _site_languages(site)
    first_language = None
    for page in pages:
        if page["fetch_status"] != PAGE_OK or not page["warc_file"]:
            continue
        headers, body = read_record(run["warc_dir"], page["warc_file"], page["warc_offset"])
        if page is pages[0] and "strict-transport-security" in headers:
            facts["hsts"] = True
        html = body.decode(page["encoding"] or "utf-8", errors="replace")
        view = build_page(html, page["final_url"] or page["url"])
        if HOME not in facts:           # the first page fetched: the technology checks read it
            facts[HOME] = {"url": view.url, "html": html}
        view.fetched_on = date.fromisoformat(page["fetched_at"][:10]) if page["fetched_at"] else None
        view.own_domains.update(own_hosts)      # links to them are the site's own, wherever it is served from
        view.declared_domains.update(declared)
        said = soft_404(view.title, view.headings, view.text)
        if said:                # "page not found" served with 200: not content, never evidence
            not_found.append(said)
            continue
        assessed += 1
        first_view = first_view or view
        links += len(view.links)
        text_chars += len(view.text)
        language = page_language(view.text)
        if language:
            facts["page_languages"][view.url] = language
            if first_language is None:          # the site's entry page: the site's language
                first_language = language
                site_langs = site_langs | {language}
        if view.own_domains:                     # a canonical or og:url host names the site's country
            site_langs = site_langs | domain_languages(view.own_domains)
        view.packs = select_packs(view.lang, language, view.text, site_langs,
                                  "" if language else _short_text(view))
        for assessor in ASSESSORS:
            for item in assessor.page(view):
                assessor.keep(evidence[item.feature], item)
    findings = SiteFindings(evidence=evidence, pages=pages, facts=facts)
    # what the pages' own links and elements show, before the site-wide checks add theirs
    on_pages = {f: list(items) for f, items in evidence.items()}
    decisions: dict[str, Decision] = {}
    judgeable = site is not None and site["status"] in SITE_JUDGED and (
        links >= MIN_LINKS_TO_JUDGE or text_chars >= MIN_TEXT_TO_JUDGE)
    for assessor in ASSESSORS:
        decisions.update(assessor.site(findings))
    for feature in REVIEWED_ONLY:        # a reviewer decides it, whatever candidates a detector listed
        decisions[feature] = Decision(UNKNOWN, reason=NEEDS_REVIEWER)
    door = None
    if judgeable and assessed == 1:     # one page of content: an intro page whose way in was not fetched?
        fetched = {u for p in pages if p["fetch_status"] == PAGE_OK for u in (p["url"], p["final_url"]) if u}
        door = enter_link(first_view, fetched)
        judgeable = door is None
    if not judgeable:
        # an intro page's own buttons ("ยื่นคำร้องออนไลน์", "EN") are evidence like any other link:
        # what they prove is present; only what the door cannot show is unknown (FEATURES.md). The
        # way in is the site itself, never another agency's site; the site-wide checks (valid CSS,
        # plug-ins) judge a home page the door is not
        shown = {f: [e for e in on_pages.get(f, []) if e.target != door[1]] for f in CATALOGUE} if door else {}
        proven = {f: decisions[f] for f in CATALOGUE if door and f not in REVIEWED_ONLY
                  and decisions[f].state == PRESENT and any(e.confidence != WEAK for e in shown[f])}
        decisions = {f: proven.get(f) or Decision(UNKNOWN) for f in CATALOGUE}
        for f, decision in proven.items():       # where its evidence is, not why the rest is unknown
            decisions[f] = Decision(decision.state, decision.value,
                                    _shown_where(shown[f], first_view.url, door))
        if not site or site["status"] not in SITE_JUDGED:
            reason = f"site status {site['status'] if site else 'missing'}"
        elif door:
            reason = (f"only an intro page was fetched: its link '{door[0][:60]}' into the site "
                      f"({door[1][:120]}) could not be followed")
        elif not_found and not assessed:
            reason = (f"every page fetched says it was not found ({len(not_found)} soft 404: status 200 "
                      f"with '{not_found[0]}')")
        else:
            reason = f"too little fetched to judge ({links} links, {text_chars} characters of text)"
        return {"site_id": site_id, "features": decisions, "reason": reason,
                "evidence": [e for f in proven for e in shown[f]]}
    # a present feature's evidence, the weak cues of an absent one (a reviewer checks those first)
    # and the candidate pages of one only a reviewer decides
    kept = [e for f in CATALOGUE for e in findings.evidence.get(f, [])
            if decisions[f].state == PRESENT or (decisions[f].state == ABSENT and e.confidence == WEAK)
            or f in REVIEWED_ONLY]
    return {"site_id": site_id, "features": decisions, "evidence": kept, "reason": None}


def _shown_where(evidence: list, intro_url: str, door: tuple[str, str]) -> str:
    """The reason of a feature present on a site seen through its intro page: the page its
    evidence is on, the intro page's own buttons or another page fetched."""
    pages = list(dict.fromkeys(e.page_url for e in evidence if e.confidence != WEAK))
    if pages == [intro_url]:
        return (f"shown by the intro page's own links ({intro_url[:120]}); the site behind its link "
                f"'{door[0][:60]}' could not be followed")
    return f"shown on {', '.join(p[:120] for p in pages[:3])}"


def _worker(args):
    return assess_site(*args)


def write_site(store: Store, run_id: int, result: dict, pass_id: int) -> None:
    site_id = result["site_id"]
    by_feature = defaultdict(list)
    for e in result["evidence"]:
        by_feature[e.feature].append(e)
    store.write_assessment(run_id, site_id, [
        {"run_id": run_id, "site_id": site_id, "feature": f, "state": d.state,
         "value": json.dumps(d.value, ensure_ascii=False) if d.value is not None else None,
         "evidence_count": len(by_feature[f]), "confidence": best_confidence(by_feature[f]), "reason": d.reason or result["reason"],
         "pass": pass_id, "assessed_at": now()}
        for f, d in result["features"].items()], [
        {"run_id": run_id, "site_id": site_id, "feature": e.feature, "page_url": e.page_url,
         "target": e.target, "element": e.element, "text": e.text, "detector": e.detector,
         "region": e.region or None, "confidence": e.confidence}
        for e in result["evidence"]])


# home pages checked per start of the offline checkers (one JVM, one Chromium): their start costs
# seconds, and a batch's pages are held in memory while they are checked
CHECK_BATCH = 200
# beside a crawl, a batch takes the sites finished within this many seconds of each other (at most
# CHECK_BATCH): the checkers start once per batch, and no site waits long for a full one
CHECK_LINGER = 5.0
# beside a crawl, the sites handed to the workers and not yet assessed, at most: when assessing
# falls behind the crawl, the next batch waits with its checks' findings and the sites finished
# after it wait as bare ids, instead of every finished site's findings in the pool's queue
PENDING_SITES = 2 * CHECK_BATCH


def home_stylesheets(store: Store, run_id: int, site_id: str) -> list[dict]:
    """The home page's style sheets that the crawl fetched, as CSS: url, css, body (the bytes)."""
    sheets = []
    for row in store.home_stylesheets(run_id, site_id):
        try:
            headers, body = read_record(row["warc_dir"], row["warc_file"], row["warc_offset"])
        except (OSError, ValueError):
            continue                     # a pruned or damaged archive: as if not fetched
        content_type = headers.get("content-type") or row["content_type"] or ""
        css = css_text(body, content_type)
        if css is not None:
            sheets.append({"url": row["url"], "css": css, "body": body[:STYLESHEET_BYTES]})
    return sheets


def home_pages(store: Store, run_id: int, site_ids: list[str]) -> dict[str, dict]:
    """The stored home pages of sites, as the offline checkers read them (checkers.check_home_pages)."""
    homes = {}
    for site_id in site_ids:
        row = store.home_page(run_id, site_id)
        if row is None:
            continue
        try:
            headers, body = read_record(row["warc_dir"], row["warc_file"], row["warc_offset"])
        except (OSError, ValueError):
            continue                     # a pruned or damaged archive: the checks are unknown, the site is not
        homes[site_id] = {"url": row["final_url"] or row["url"], "body": body, "encoding": row["encoding"],
                          "stylesheets": home_stylesheets(store, run_id, site_id),
                          "content_type": headers.get("content-type") or row["content_type"] or ""}
    return homes


def assess_run(store: Store, run_id: int, workers: int | None = None, resume: bool = False,
               progress: Callable[[str], None] | None = None, axe: bool | None = None) -> int:
    """Assess every site of a run; returns the number of sites assessed now.

    The offline checkers (Nu Html Checker; axe-core when ``axe``, by default EGOVSCAN_AXE) run on
    the home pages of CHECK_BATCH sites at a time, before those sites are assessed; the Nu Html
    Checker of a batch runs while the batch before is assessed."""
    axe = axe_wanted() if axe is None else axe
    run = store.run(run_id)
    pass_id = run.get("assess_pass") or 0
    if not resume or not pass_id:
        pass_id += 1
        store.begin_assessment(run_id, pass_id)
    done = store.assessed_sites(run_id, pass_id)
    todo = [s["site_id"] for s in store.site_rows(run_id) if s["site_id"] not in done]
    workers = workers or min(2, os.cpu_count() or 1)
    pool = multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=200) \
        if workers > 1 and len(todo) > 1 else None
    batches = [todo[start:start + CHECK_BATCH] for start in range(0, len(todo), CHECK_BATCH)]
    pending = None
    try:
        # the Nu Html Checker of the next batch runs (a process of its own) while the workers assess this one
        pending = HomeChecks(home_pages(store, run_id, batches[0]), axe) if batches else None
        for i, batch in enumerate(batches):
            checks = pending.results()
            if i + 1 < len(batches):
                pending = HomeChecks(home_pages(store, run_id, batches[i + 1]), axe)
            jobs = [(store.path, run_id, site_id, checks.get(site_id, {})) for site_id in batch]
            results: Iterator[dict] = pool.imap_unordered(_worker, jobs, chunksize=1) if pool else map(_worker, jobs)
            for result in results:
                write_site(store, run_id, result, pass_id)
                if progress:
                    progress(result["site_id"])
    finally:
        if pending is not None:
            pending.close()             # an interrupted assessment leaves no checker running
        if pool is not None:
            pool.close()
            pool.join()
    store.finish_assessment(run_id)
    return len(todo)


def _beside_the_crawl() -> None:
    """A pool worker beside a crawl yields the CPU to the crawl (nice 5), so assessing never
    delays a request, and ends when the process that started it is gone (killed with kill -9,
    it cannot end its pool): an orphaned worker would wait for work for ever."""
    os.nice(5)
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class SitePool:
    """Assesses sites as they are handed over, while the crawl goes on: the application hands
    each site whose crawl is finished to `submit`, the offline checkers run on the home pages of
    a batch of them, worker processes assess them beside the crawl, and one writer thread stores each result in one transaction (the same rows as
    ``assess_run``'s, in the same pass, so `assess_run(resume=True)` after the crawl assesses
    only what is left and a kill at any moment loses no more than the sites under way).

    Workers come from a fork server started before the crawl's threads, so none is forked from a
    process running the crawl's reactor."""

    def __init__(self, db_path: str, run_id: int, workers: int | None = None, axe: bool | None = None):
        self.db_path, self.run_id = str(db_path), run_id
        store = Store(self.db_path)
        self.pass_id = store.open_assessment_pass(run_id)
        self.handed = store.assessed_sites(run_id, self.pass_id)
        store.close()
        self.errors: list[BaseException] = []
        self.done = 0
        self._results: queue.Queue = queue.Queue()
        self._pending = threading.BoundedSemaphore(PENDING_SITES)
        self._writer = threading.Thread(target=self._write, name="assess-writer", daemon=True)
        self._writer.start()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        self._pool = context.Pool(workers or os.cpu_count() or 1, initializer=_beside_the_crawl,
                                  maxtasksperchild=200)
        self.axe = axe_wanted() if axe is None else axe
        self._todo: queue.Queue = queue.Queue()
        self._feeder = threading.Thread(target=self._feed, name="assess-feeder", daemon=True)
        self._feeder.start()

    def submit(self, site_id: str) -> None:
        """Assess a site whose crawl is finished (a site handed twice is assessed once)."""
        if site_id in self.handed:
            return
        self.handed.add(site_id)
        self._todo.put(site_id)

    def _feed(self) -> None:
        """Finished sites in batches (CHECK_BATCH, or what came within CHECK_LINGER seconds): the
        offline checkers run on a batch's home pages, as in ``assess_run``, then its sites go to
        the workers with their checks."""
        store, closing = None, False
        while not closing:
            batch = []
            item = self._todo.get()
            while item is not None:
                batch.append(item)
                if len(batch) >= CHECK_BATCH:
                    break
                try:
                    item = self._todo.get(timeout=CHECK_LINGER)
                except queue.Empty:
                    break
            else:
                closing = True
            if not batch:
                continue
            try:
                store = store or Store.reader(self.db_path)
                checks = HomeChecks(home_pages(store, self.run_id, batch), self.axe)
                try:
                    found = checks.results()
                finally:
                    checks.close()
                for site_id in batch:
                    self._pending.acquire()
                    self._pool.apply_async(_worker, ((self.db_path, self.run_id, site_id, found.get(site_id, {})),),
                                           callback=self._assessed, error_callback=self._failed)
            except ValueError:           # the pool was stopped
                break
            except BaseException as exc:        # noqa: BLE001 -- raised by close()
                self.errors.append(exc)
        if store is not None:
            store.close()

    def submit_finished(self) -> None:
        """Hand over every site of the run whose crawl is finished and that is not yet assessed
        (those of an earlier, interrupted process of the same run, or of another worker)."""
        store = Store.reader(self.db_path)
        try:
            finished = [site_id for site_id, status in store.site_statuses(self.run_id).items() if status]
        finally:
            store.close()
        for site_id in finished:
            self.submit(site_id)

    def _assessed(self, result: dict) -> None:
        self._pending.release()
        self._results.put(result)

    def _failed(self, exc: BaseException) -> None:
        self._pending.release()
        self.errors.append(exc)

    def _write(self) -> None:
        store = None
        while (result := self._results.get()) is not None:
            try:
                store = store or Store(self.db_path)
                write_site(store, self.run_id, result, self.pass_id)
                self.done += 1
            except BaseException as exc:        # noqa: BLE001 -- raised by close()
                self.errors.append(exc)
        if store is not None:
            store.close()

    def close(self) -> int:
        """Wait for every site handed over to be assessed and stored; returns how many were.
        A worker's error is raised here."""
        self._todo.put(None)
        self._feeder.join()
        self._pool.close()
        self._pool.join()
        self._results.put(None)
        self._writer.join()
        if self.errors:
            raise self.errors[0]
        return self.done

    def stop(self) -> None:
        """Stop at once (the crawl was interrupted): sites under way are assessed again on resume."""
        self._todo.put(None)
        self._pool.terminate()
        self._pool.join()
        self._results.put(None)
        self._writer.join()
