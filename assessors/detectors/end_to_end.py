"""End-to-end services: status tracking (or an electronic certificate) of a service also offered online."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, STRONG, Decision, NamedLinkAssessor, enough, vocabulary
from ..forms import form_kind
from ..registry import detector


@detector("end_to_end")
class EndToEnd(NamedLinkAssessor):
    """Status tracking (or an electronic certificate) of a service the site also offers online."""

    feature = "service.end_to_end"
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            kind = form_kind(form)
            found = vocabulary(self.feature, view).find(form.text + " " + form.attrs)
            if found and kind not in ("login", "newsletter", "page"):
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> status lookup",
                                    form.text[:160], form.region, STRONG)
                break
        yield from super().page(view)

    def site(self, findings):
        tracked = enough(findings.evidence.get(self.feature, ()))
        applies = enough(findings.evidence.get("service.online_application", ()))
        certificate = any("certificate" in e.text.lower() or "อิเล็กทรอนิกส์" in e.text
                          for e in findings.evidence.get(self.feature, []))
        return {self.feature: Decision(PRESENT if tracked and (applies or certificate) else ABSENT)}

