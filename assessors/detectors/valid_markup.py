"""Valid HTML and CSS (LOSI 2024, 208 and 209): the Nu Html Checker's errors on the home page and on
the style sheets of its own that the crawl fetched (assessors/checkers.py)."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence
from ..checkers import MESSAGES_KEPT
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
        sheets = result.get("stylesheets") or {"checked": 0, "css_errors": 0, "css_warnings": 0, "css_messages": []}
        css = {"errors": result["css_errors"] + sheets["css_errors"], "warnings": result["css_warnings"] + sheets["css_warnings"],
               "checker": checker, "first_errors": (result["css_messages"] + sheets["css_messages"])[:MESSAGES_KEPT],
               "linked_stylesheets": len(stylesheets(soup)) if soup else 0, "stylesheets_checked": sheets["checked"]}
        unread = css["linked_stylesheets"] - sheets["checked"]
        decisions = {"site.valid_html": Decision(PRESENT if html["errors"] == 0 else ABSENT, html)}
        if css["errors"]:
            decisions["site.valid_css"] = Decision(ABSENT, css)
        elif unread > 0:
            decisions["site.valid_css"] = Decision(UNKNOWN, css, reason=(
                f"the home page's own styles and the {sheets['checked']} style sheets checked have no CSS errors, but "
                f"{unread} of the {css['linked_stylesheets']} style sheets it links were not fetched (on another host, "
                "beyond the first five, or not answered as CSS)"))
        else:
            decisions["site.valid_css"] = Decision(PRESENT, css)
        for feature, decision in decisions.items():
            if decision.state == PRESENT:
                findings.evidence[feature] = [Evidence(
                    feature, url or "", "", checker,
                    f"0 errors, {decision.value['warnings']} warnings", self.name, "", STRONG)]
        return decisions
