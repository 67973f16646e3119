"""Accessibility (LOSI 2024, 210): axe-core's WCAG 2.1 A and AA violations on the home page, when the
check was turned on (assessors/checkers.py)."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence
from ..registry import detector
from ..technology import checker_result, home_soup


@detector("wcag")
class Wcag(Assessor):
    """axe-core's WCAG 2.1 A and AA rules on the home page: present when none is violated."""

    features = ("site.wcag",)
    name = "axe-core"

    def site(self, findings):
        feature = self.features[0]
        result, reason = checker_result(findings, "axe")
        if result is None:
            return {feature: Decision(UNKNOWN, reason=reason)}
        url, _ = home_soup(findings)
        value = {"violations": result["violations"], "by_impact": result["by_impact"], "rules": result["rules"],
                 "checker": result.get("checker", "axe-core")}
        if result["violations"] == 0:
            findings.evidence[feature] = [Evidence(feature, url or "", "", value["checker"],
                                                   "no WCAG 2.1 A/AA violation found by axe-core", self.name, "", STRONG)]
            return {feature: Decision(PRESENT, value)}
        return {feature: Decision(ABSENT, value)}
