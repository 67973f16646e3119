"""Valid HTML and CSS (LOSI 2024, 208 and 209): the Nu Html Checker's errors on the home page
(assessors/checkers.py)."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence
from ..registry import detector
from ..technology import checker_result, home_soup, stylesheets


@detector("valid_markup")
class ValidMarkup(Assessor):
    """The Nu Html Checker's findings: markup errors (208) and CSS errors in the page's own styles (209)."""

    features = ("site.valid_html", "site.valid_css")
    name = "vnu"

    def site(self, findings):
        result, reason = checker_result(findings, "nu")
        if result is None:
            return {f: Decision(UNKNOWN, reason=reason) for f in self.features}
        url, soup = home_soup(findings)
        checker = result.get("checker", "Nu Html Checker")
        html = {"errors": result["html_errors"], "warnings": result["html_warnings"], "checker": checker,
                "first_errors": result["html_messages"]}
        css = {"errors": result["css_errors"], "warnings": result["css_warnings"], "checker": checker,
               "first_errors": result["css_messages"], "linked_stylesheets": len(stylesheets(soup)) if soup else 0}
        decisions = {"site.valid_html": Decision(PRESENT if html["errors"] == 0 else ABSENT, html)}
        if css["errors"]:
            decisions["site.valid_css"] = Decision(ABSENT, css)
        elif css["linked_stylesheets"]:
            decisions["site.valid_css"] = Decision(UNKNOWN, css, reason=(
                f"the home page's own styles have no CSS errors, but it links {css['linked_stylesheets']} style "
                "sheets, which the crawl does not fetch"))
        else:
            decisions["site.valid_css"] = Decision(PRESENT, css)
        for feature, decision in decisions.items():
            if decision.state == PRESENT:
                findings.evidence[feature] = [Evidence(
                    feature, url or "", "", checker,
                    f"0 errors, {decision.value['warnings']} warnings", self.name, "", STRONG)]
        return decisions
