"""High contrast: a contrast or colour-blind control on the page."""

from __future__ import annotations

import re

from ..controls import ControlAssessor
from ..registry import detector


@detector("contrast")
class Contrast(ControlAssessor):
    feature = "access.contrast"
    control = re.compile(r"contrast|color.?blind|colour.?blind|dark.?mode|ความคมชัด")

