"""Frameworks as data: a stage model (or a set of weighted dimensions) read from a TOML file.

A framework file names its stages, their weights and the catalogue features each stage is
made of, with their shares of the stage. Adding a framework is adding a file: the bundled
ones live in ``stages/frameworks/``; any other file is used by passing its path. A file
that cannot be used raises FrameworkError naming the file and the problem.

Beyond stages and shares a framework may say how its score reads (README, "Frameworks as
data"): ``index = "pooled"`` counts indicators met over all indicators (LOSI), ``levels``
names bands of the score, a criterion's ``kpi`` maps a raw figure to 1-5 between five
thresholds (seed 003), and ``planned_features = true`` lets a framework name features the
catalogue does not have yet (they stay open: no detector decides them).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from ground.catalogue import load_catalogue

FRAMEWORKS_DIR = Path(__file__).with_name("frameworks")
DEFAULT_FRAMEWORK = "un2012"

_TOP_KEYS = {"id", "title", "title_th", "source", "threshold", "ordered", "stages", "index", "levels",
             "planned_features"}
_STAGE_KEYS = {"name", "name_th", "weight", "criteria"}
_CRITERION_KEYS = {"feature", "any", "share", "name", "name_th", "credit", "code", "check", "formats", "kpi"}
_LEVEL_KEYS = {"name", "name_th", "above", "from"}
INDEXES = ("weighted", "pooled")
CHECK_KINDS = ("auto", "partly", "human")     # how an indicator is decided (LOSI2024.md, "Check kinds")
KPI_STEPS = 5
_FEATURE_ID = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


class FrameworkError(ValueError):
    """A framework that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Kpi:
    """A raw figure mapped to 1-5 points by linear interpolation between five thresholds, as in
    seed 003's KPI table: the threshold of level 1 earns 1 point, that of level 5 earns 5, a
    figure between two thresholds earns the points in between, beyond level 5 still 5. A level
    may have no threshold (seed 003 writes "-"): the figure is interpolated between its
    neighbours. Thresholds may fall (fewer days since the last update is better). A figure
    short of level 1 earns 0 points (our reading; the seed has no such case)."""

    value: str                                   # key of the feature's value holding the figure
    thresholds: tuple[float | None, ...]         # levels 1..5

    def points(self, raw: float) -> float:
        steps = [(level, t) for level, t in enumerate(self.thresholds, start=1) if t is not None]
        sign = 1.0 if steps[-1][1] >= steps[0][1] else -1.0     # falling thresholds: smaller is better
        figure = sign * raw
        steps = [(level, sign * t) for level, t in steps]
        if figure < steps[0][1]:
            return 0.0
        if figure >= steps[-1][1]:
            return float(steps[-1][0])
        for (low_level, low), (high_level, high) in pairwise(steps):
            if low <= figure < high:
                return low_level + (high_level - low_level) * (figure - low) / (high - low)
        return float(steps[-1][0])         # not reached: the steps cover every figure


@dataclass(frozen=True)
class Level:
    """A named band of the score (0-1): the value is in it when above `bound`, or at it too
    when `inclusive`; the first band of the table that holds the value is the site's."""

    name: str
    name_th: str
    bound: float
    inclusive: bool

    def holds(self, value: float) -> bool:
        value = round(value, 9)            # 23/92 is 0.25, whatever the float arithmetic says
        return value > self.bound or (self.inclusive and value >= self.bound)


@dataclass(frozen=True)
class Criterion:
    """One sub-criterion of a stage: met when its feature (or any one of `any`) is present."""

    features: tuple[str, ...]
    share: float                       # per cent of the stage, before not_applicable rescaling
    name: str = ""
    name_th: str = ""
    credit_value: str | None = None    # partial credit from the feature's value (e.g. open-data tier)
    credit_max: float | None = None
    code: str = ""                     # the instrument's own code for the indicator (LOSI: "236")
    check: str | None = None           # auto, partly or human (LOSI2024.md); human: only a reviewer decides
    formats: tuple[str, ...] = ()      # met only when the feature's value lists one of these formats
    kpi: Kpi | None = None

    @property
    def key(self) -> str:
        """The id a gap list and a report use for this criterion."""
        return self.features[0] if len(self.features) == 1 else "|".join(self.features)


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    name_th: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    title_th: str
    source: str
    threshold: float
    ordered: bool
    stages: tuple[Stage, ...]
    path: str = field(default="", compare=False)
    index: str = "weighted"            # weighted: STAGES.md's osi_raw; pooled: indicators met / indicators
    levels: tuple[Level, ...] = ()
    planned: tuple[str, ...] = ()      # features named here that the catalogue does not have yet

    @property
    def total_weight(self) -> float:
        return sum(s.weight for s in self.stages)

    @property
    def indicators(self) -> int:
        return sum(len(s.criteria) for s in self.stages)

    @property
    def has_coverage(self) -> bool:
        """Whether scores carry the value, level and coverage (a pooled index or a level table)."""
        return self.index == "pooled" or bool(self.levels)

    def level_of(self, value: float | None) -> Level | None:
        if value is None:
            return None
        return next((level for level in self.levels if level.holds(value)), None)

    @property
    def features(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for stage in self.stages:
            for criterion in stage.criteria:
                seen.update(dict.fromkeys(criterion.features))
        return tuple(seen)


def bundled_frameworks() -> list[str]:
    return sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.toml"))


def load_framework(name_or_path: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """A bundled framework by id (``un2012``), or any framework file by its path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        path = candidate
    else:
        path = FRAMEWORKS_DIR / f"{name_or_path}.toml"
        if not path.exists():
            raise FrameworkError(f"no framework named {str(name_or_path)!r}: the bundled ones are "
                                 f"{', '.join(bundled_frameworks())}; or give the path of a .toml file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FrameworkError(f"{path}: no such framework file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: not valid TOML: {exc}") from None
    return parse_framework(data, str(path), default_id=path.stem)


def parse_framework(data: dict, where: str, default_id: str) -> Framework:
    def problem(message: str) -> FrameworkError:
        return FrameworkError(f"{where}: {message}")

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise problem(f"unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_TOP_KEYS))})")
    threshold = _number(data.get("threshold", 50), "threshold", problem)
    if not 0 <= threshold <= 100:
        raise problem(f"threshold must be between 0 and 100, got {threshold}")
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data:
        raise problem("needs at least one [[stages]] table")
    index = data.get("index", "weighted")
    if index not in INDEXES:
        raise problem(f"index must be one of {', '.join(INDEXES)}, got {index!r}")
    planned_ok = data.get("planned_features", False)
    if not isinstance(planned_ok, bool):
        raise problem(f"planned_features must be true or false, got {planned_ok!r}")
    planned: dict[str, None] = {}
    stages = tuple(_parse_stage(i, s, problem, index == "pooled", planned if planned_ok else None)
                   for i, s in enumerate(stages_data, start=1))
    levels = _parse_levels(data.get("levels", []), problem)
    ordered = data.get("ordered", True)
    if not isinstance(ordered, bool):
        raise problem(f"ordered must be true or false, got {ordered!r}")
    framework_id = data.get("id", default_id)
    if not isinstance(framework_id, str) or not framework_id.strip():
        raise problem("id must be a non-empty string")
    return Framework(id=framework_id, title=str(data.get("title", framework_id)),
                     title_th=str(data.get("title_th", "")), source=str(data.get("source", "")),
                     threshold=threshold, ordered=ordered, stages=stages, path=where, index=index,
                     levels=levels, planned=tuple(planned))


def _parse_levels(data, problem) -> tuple[Level, ...]:
    """The level table: bands from the highest down, each `above = x` (x itself excluded) or
    `from = x` (included); the last band starts `from = 0`, so every score has a level."""
    if not isinstance(data, list):
        raise problem(f"levels must be a list of tables like {{ name = \"high\", from = 0.5 }}, got {data!r}")
    levels = []
    for i, entry in enumerate(data, start=1):
        label = f"level {i}"
        if not isinstance(entry, dict):
            raise problem(f"{label} is not a table like {{ name = \"high\", from = 0.5 }}: {entry!r}")
        unknown = set(entry) - _LEVEL_KEYS
        if unknown:
            raise problem(f"{label}: unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_LEVEL_KEYS))})")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise problem(f"{label}: needs a name")
        if ("above" in entry) == ("from" in entry):
            raise problem(f"{label} ({entry['name']}): give either above = x (x excluded) or from = x (x included)")
        inclusive = "from" in entry
        bound = _number(entry["from" if inclusive else "above"], f"{label} ({entry['name']}): bound", problem)
        if not 0 <= bound <= 1:
            raise problem(f"{label} ({entry['name']}): bounds are on the 0-1 scale of the value, got {bound:g}")
        if levels and (bound, inclusive) >= (levels[-1].bound, levels[-1].inclusive):
            raise problem(f"{label} ({entry['name']}): levels go from the highest band down; "
                          f"{bound:g} does not lie below {levels[-1].name}'s {levels[-1].bound:g}")
        levels.append(Level(entry["name"].strip(), str(entry.get("name_th", "")), bound, inclusive))
    if levels and not (levels[-1].inclusive and levels[-1].bound == 0):
        raise problem(f"the last level ({levels[-1].name}) must start from = 0, so that every score has a level")
    return tuple(levels)


def _parse_stage(number: int, data, problem, pooled: bool = False, planned: dict | None = None) -> Stage:
    if not isinstance(data, dict):
        raise problem(f"stage {number} is not a table")
    label = f"stage {number} ({data.get('name', 'unnamed')})"
    unknown = set(data) - _STAGE_KEYS
    if unknown:
        raise problem(f"{label}: unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_STAGE_KEYS))})")
    criteria_data = data.get("criteria")
    if not isinstance(criteria_data, list) or not criteria_data:
        raise problem(f"{label}: needs a non-empty criteria list")
    if pooled:
        # every indicator weighs the same, so a criterion weighs as many indicators as it has
        if "weight" in data:
            raise problem(f"{label}: a pooled index weighs every indicator equally; remove the stage weight")
        weight = float(len(criteria_data))
    else:
        if "weight" not in data:
            raise problem(f"{label}: no weight")
        weight = _number(data["weight"], f"{label}: weight", problem)
        if weight <= 0:
            raise problem(f"{label}: weight must be positive, got {weight}")
    raw = [_parse_criterion(c, label, problem, planned) for c in criteria_data]
    if pooled and any(c.share is not None for c in raw):
        raise problem(f"{label}: a pooled index weighs every indicator equally; remove the shares")
    keys = [c.key for c in raw]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise problem(f"{label}: criterion listed twice: {', '.join(duplicates)}")
    given = [c.share for c in raw if c.share is not None]
    if given and len(given) != len(raw):
        raise problem(f"{label}: give a share to every criterion or to none (none means equal shares)")
    if given:
        if not math.isclose(sum(given), 100, abs_tol=0.01):
            raise problem(f"{label}: shares add up to {sum(given):g}, not 100")
        criteria = tuple(raw)
    else:
        equal = 100 / len(raw)
        criteria = tuple(replace(c, share=equal) for c in raw)
    return Stage(number=number, name=str(data.get("name", f"Stage {number}")), name_th=str(data.get("name_th", "")),
                 weight=weight, criteria=criteria)


def _parse_criterion(data, label: str, problem, planned: dict | None = None) -> Criterion:
    if not isinstance(data, dict):
        raise problem(f"{label}: a criterion must be a table like {{ feature = \"forms.download\" }}, got {data!r}")
    unknown = set(data) - _CRITERION_KEYS
    if unknown:
        raise problem(f"{label}: unknown criterion key(s) {', '.join(sorted(unknown))} "
                      f"(allowed: {', '.join(sorted(_CRITERION_KEYS))})")
    if ("feature" in data) == ("any" in data):
        raise problem(f"{label}: a criterion needs either feature = \"id\" or any = [\"id\", ...]: {data!r}")
    features = (data["feature"],) if "feature" in data else data["any"]
    if isinstance(features, str) or not isinstance(features, (list, tuple)) or not features:
        raise problem(f"{label}: any = must be a non-empty list of feature ids")
    catalogue = load_catalogue()          # the run's: EGOVSCAN_CATALOGUE adds features
    for feature in features:
        if feature in catalogue:
            continue
        if planned is None:
            raise problem(f"{label}: unknown feature id {feature!r} (feature ids are those of the catalogue, "
                          f"e.g. {next(iter(catalogue))}; a framework naming features still to come sets "
                          f"planned_features = true)")
        if not isinstance(feature, str) or not _FEATURE_ID.fullmatch(feature):
            raise problem(f"{label}: {feature!r} is not a feature id (family.name in lower case, e.g. info.budget)")
        planned[feature] = None
    share = data.get("share")
    if share is not None:
        share = _number(share, f"{label}: share of {features[0]}", problem)
        if share <= 0:
            raise problem(f"{label}: share of {features[0]} must be positive, got {share}")
    credit = data.get("credit")
    credit_value = credit_max = None
    if credit is not None:
        if not isinstance(credit, dict) or set(credit) != {"value", "max"}:
            raise problem(f"{label}: credit must be {{ value = \"key\", max = N }}, got {credit!r}")
        credit_value = str(credit["value"])
        credit_max = _number(credit["max"], f"{label}: credit max", problem)
        if credit_max <= 0:
            raise problem(f"{label}: credit max must be positive")
    code = data.get("code", "")
    if not isinstance(code, str):
        raise problem(f"{label}: code of {features[0]} must be a string like \"236\", got {code!r}")
    check = data.get("check")
    if check is not None and check not in CHECK_KINDS:
        raise problem(f"{label}: check of {features[0]} must be one of {', '.join(CHECK_KINDS)}, got {check!r}")
    # the catalogue records how a feature is decided; only a reviewer decides a human one
    human = [f for f in features if f in catalogue and catalogue[f].check == "human"]
    if human and check not in (None, "human"):
        raise problem(f"{label}: check of {features[0]} is {check!r}, but the catalogue says only a reviewer "
                      f"decides {human[0]} (check = \"human\")")
    if check is None and len(features) == 1 and features[0] in catalogue:
        check = catalogue[features[0]].check
    formats = data.get("formats", [])
    if isinstance(formats, str) or not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
        raise problem(f"{label}: formats of {features[0]} must be a list of file formats like [\"csv\", \"json\"]")
    kpi = _parse_kpi(data["kpi"], f"{label}: kpi of {features[0]}", problem) if "kpi" in data else None
    if sum(x is not None for x in (credit, kpi)) + bool(formats) > 1:
        raise problem(f"{label}: {features[0]} takes one of credit, kpi and formats, not several")
    return Criterion(features=tuple(features), share=share, name=str(data.get("name", "")),
                     name_th=str(data.get("name_th", "")), credit_value=credit_value, credit_max=credit_max,
                     code=code, check=check, formats=tuple(f.lower().lstrip(".") for f in formats), kpi=kpi)


def _parse_kpi(data, label: str, problem) -> Kpi:
    """kpi = { value = "days", thresholds = [365, 180, 90, 30, 7] }: five thresholds, levels 1 to 5;
    "-" for a level without one (seed 003 writes it so), but levels 1 and 5 need theirs."""
    if not isinstance(data, dict) or set(data) != {"value", "thresholds"}:
        raise problem(f"{label} must be {{ value = \"key\", thresholds = [t1, t2, t3, t4, t5] }}, got {data!r}")
    raw = data["thresholds"]
    if not isinstance(raw, list) or len(raw) != KPI_STEPS:
        raise problem(f"{label}: needs {KPI_STEPS} thresholds (levels 1 to {KPI_STEPS}), got {raw!r}")
    thresholds = [None if t == "-" else _number(t, f"{label}: threshold", problem) for t in raw]
    if thresholds[0] is None or thresholds[-1] is None:
        raise problem(f"{label}: levels 1 and {KPI_STEPS} need a threshold, got {raw!r}")
    given = [t for t in thresholds if t is not None]
    rising = all(a < b for a, b in pairwise(given))
    falling = all(a > b for a, b in pairwise(given))
    if not (rising or falling):
        raise problem(f"{label}: thresholds must rise (more is better) or fall (less is better) "
                      f"from level 1 to {KPI_STEPS}, got {raw!r}")
    return Kpi(str(data["value"]), tuple(thresholds))


def _number(value, what: str, problem) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise problem(f"{what} must be a number, got {value!r}")
    return float(value)
