"""Reviews as scoring reads them: a reviewer's decision beats detection.

Reviews are data in the store (recorded by ``egovscan review``); this is how they apply to a
run's findings. Re-scoring after a review is the application's job (``egovscan/reviews.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ground.store import Store


def by_review(detected_then: str, detected_now: str) -> bool:
    """Whether a change of a finding's standing state between two nights was a reviewer's
    decision: the detector saw the same thing both nights (the one rule of growth, history and
    diff)."""
    return detected_then == detected_now


def on_site(earlier: Mapping, later: Mapping, detected: Callable) -> dict:
    """A later night's findings as the site alone made them: each finding the detector saw alike
    on both nights (``detected`` reads a finding's detected state) stands as it stood on the
    earlier night, so a reviewer's decision since is left out."""
    return {f: earlier[f] if f in earlier and by_review(detected(earlier[f]), detected(v)) else v
            for f, v in later.items()}


@dataclass
class Finding:
    """One feature of one site in one run: what was detected and what stands."""

    site_id: str
    feature: str
    detected: str
    state: str                    # the state that counts: the review's when there is one
    origin: str                   # automatic, confirmed or overridden
    review: dict | None
    # why it needs review since it was reviewed: ("state", detected now, detected then) or
    # ("evidence",); in words: reports.wording.drift_reason
    drift: tuple = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.drift)


def evidence_signature(store: Store, run_id: int, site_id: str, feature: str) -> str:
    rows = sorted({f"{e['page_url']}|{e['target'] or ''}" for e in store.evidence(run_id, site_id, feature)})
    return hashlib.sha1("\n".join(rows).encode("utf-8")).hexdigest()


def standing_reviews(store: Store, up_to_run: int | None = None) -> dict[tuple[str, str], dict]:
    """The newest review of each (site_id, feature), optionally only those made on runs <= up_to_run."""
    standing: dict[tuple[str, str], dict] = {}
    for row in store.reviews(up_to_run):
        standing[(row["site_id"], row["feature"])] = row
    return standing


def findings(store: Store, run_id: int, site_id: str | None = None) -> list[Finding]:
    """Every finding of a run (or of one site) with its review and drift flag."""
    return list(_findings(store, run_id, site_id, reviewed_only=False))


def reviewed_findings(store: Store, run_id: int) -> Iterator[Finding]:
    """The findings of a run that stand on a review (every other finding stands as detected),
    without holding the run's million findings at once."""
    return _findings(store, run_id, None, reviewed_only=True)


def _findings(store: Store, run_id: int, site_id: str | None, reviewed_only: bool) -> Iterator[Finding]:
    standing = standing_reviews(store, up_to_run=run_id)
    if reviewed_only and not standing:
        return
    for row in store.site_features(run_id, site_id):
        review = standing.get((row["site_id"], row["feature"]))
        detected = row["state"]
        if review is None:
            if not reviewed_only:
                yield Finding(row["site_id"], row["feature"], detected, detected, "automatic", None)
            continue
        origin = "confirmed" if review["state"] == detected else "overridden"
        drift = ()
        if review["run_id"] != run_id:
            if detected != review["detected_state"]:
                drift = ("state", detected, review["detected_state"])
            elif evidence_signature(store, run_id, row["site_id"], row["feature"]) != review["evidence_sig"]:
                drift = ("evidence",)
        yield Finding(row["site_id"], row["feature"], detected, review["state"], origin, review, drift)


def effective_states(store: Store, run_id: int) -> dict[tuple[str, str], str]:
    """(site_id, feature) -> reviewed state of the reviews standing for a run (drift does not
    matter here: a flagged review still counts until someone reviews again)."""
    return {key: review["state"] for key, review in standing_reviews(store, up_to_run=run_id).items()}
