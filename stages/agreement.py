"""How far the score computed from detection is from the score the human labels give.

Precision and recall count features; a consultant reads scores. A miss on a stage-4 feature
moves ``osi_raw`` by up to 9.75 points, a miss on a stage-1 feature by 1.4, so the same
recall can mean very different reports. This module scores each labelled site twice with the
same framework, once from the detected states and once from the labels, and says how often
the two agree within a tolerance and how well the two rankings agree (Spearman).

Only sites *fully labelled* for the framework count: every feature the framework names is
labelled ``present``, ``absent`` or ``not_applicable`` (an ``unknown`` label gives no score to
compare with). Pure functions over plain mappings; the caller reads labels and states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from .framework import Framework
from .scorer import score_site

JUDGED_LABELS = {"present", "absent", "not_applicable"}


@dataclass
class SiteAgreement:
    site_id: str
    from_labels: float
    from_detection: float | None       # None: detection left the site unscored (all unknown)

    @property
    def error(self) -> float | None:
        return None if self.from_detection is None else abs(self.from_detection - self.from_labels)


@dataclass
class Agreement:
    framework: str
    tolerance: float
    sites: list[SiteAgreement] = field(default_factory=list)
    partly_labelled: list[str] = field(default_factory=list)   # not compared: a label is unknown

    @property
    def within(self) -> int:
        return sum(1 for s in self.sites if s.error is not None and s.error <= self.tolerance)

    @property
    def share_within(self) -> float | None:
        return self.within / len(self.sites) if self.sites else None

    @property
    def mean_error(self) -> float | None:
        errors = [s.error for s in self.sites if s.error is not None]
        return sum(errors) / len(errors) if errors else None

    @property
    def worst(self) -> SiteAgreement | None:
        scored = [s for s in self.sites if s.error is not None]
        return max(scored, key=lambda s: (s.error, s.site_id)) if scored else None

    @property
    def spearman(self) -> float | None:
        """Rank correlation of the two scores over the compared sites (ties share a rank)."""
        pairs = [(s.from_labels, s.from_detection) for s in self.sites if s.from_detection is not None]
        if len(pairs) < 3:
            return None
        frame = pd.DataFrame(pairs, columns=["labels", "detection"])
        if frame["labels"].nunique() < 2 or frame["detection"].nunique() < 2:
            return None
        return float(frame["labels"].rank().corr(frame["detection"].rank()))


def score_agreement(framework: Framework, labels: Mapping[str, Mapping[str, str]],
                    detected: Mapping[str, Mapping[str, str]], statuses: Mapping[str, str | None],
                    tolerance: float = 10.0) -> Agreement:
    """Compare osi_raw from detection with osi_raw from labels, site by site.

    ``labels`` and ``detected`` are {site_id: {feature: state}}; ``statuses`` the crawl status
    of each detected site. Labelled sites that were not crawled are left out.
    """
    result = Agreement(framework.id, tolerance)
    for site_id in sorted(labels):
        if site_id not in detected:
            continue
        site_labels = labels[site_id]
        if any(site_labels.get(f) not in JUDGED_LABELS for f in framework.features):
            result.partly_labelled.append(site_id)
            continue
        truth = score_site(framework, "ok", {f: (site_labels[f], None) for f in framework.features})
        found = score_site(framework, statuses.get(site_id),
                           {f: (state, None) for f, state in detected[site_id].items()})
        result.sites.append(SiteAgreement(site_id, truth.osi_raw or 0.0, found.osi_raw if found.scored else None))
    return result
