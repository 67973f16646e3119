"""Frameworks as data: a stage model (or a set of weighted dimensions) read from a TOML file.

A framework file names its stages, their weights and the catalogue features each stage is
made of, with their shares of the stage. Adding a framework is adding a file: the bundled
ones live in ``stages/frameworks/``; any other file is used by passing its path. A file
that cannot be used raises FrameworkError naming the file and the problem.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ground.catalogue import load_catalogue

FRAMEWORKS_DIR = Path(__file__).with_name("frameworks")
DEFAULT_FRAMEWORK = "un2012"

_TOP_KEYS = {"id", "title", "title_th", "source", "threshold", "ordered", "stages"}
_STAGE_KEYS = {"name", "name_th", "weight", "criteria"}
_CRITERION_KEYS = {"feature", "any", "share", "name", "name_th", "credit"}


class FrameworkError(ValueError):
    """A framework that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Criterion:
    """One sub-criterion of a stage: met when its feature (or any one of `any`) is present."""

    features: tuple[str, ...]
    share: float                       # per cent of the stage, before not_applicable rescaling
    name: str = ""
    name_th: str = ""
    credit_value: str | None = None    # partial credit from the feature's value (e.g. open-data tier)
    credit_max: float | None = None

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

    @property
    def total_weight(self) -> float:
        return sum(s.weight for s in self.stages)

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
    stages = tuple(_parse_stage(i, s, problem) for i, s in enumerate(stages_data, start=1))
    ordered = data.get("ordered", True)
    if not isinstance(ordered, bool):
        raise problem(f"ordered must be true or false, got {ordered!r}")
    framework_id = data.get("id", default_id)
    if not isinstance(framework_id, str) or not framework_id.strip():
        raise problem("id must be a non-empty string")
    return Framework(id=framework_id, title=str(data.get("title", framework_id)),
                     title_th=str(data.get("title_th", "")), source=str(data.get("source", "")),
                     threshold=threshold, ordered=ordered, stages=stages, path=where)


def _parse_stage(number: int, data, problem) -> Stage:
    if not isinstance(data, dict):
        raise problem(f"stage {number} is not a table")
    label = f"stage {number} ({data.get('name', 'unnamed')})"
    unknown = set(data) - _STAGE_KEYS
    if unknown:
        raise problem(f"{label}: unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_STAGE_KEYS))})")
    if "weight" not in data:
        raise problem(f"{label}: no weight")
    weight = _number(data["weight"], f"{label}: weight", problem)
    if weight <= 0:
        raise problem(f"{label}: weight must be positive, got {weight}")
    criteria_data = data.get("criteria")
    if not isinstance(criteria_data, list) or not criteria_data:
        raise problem(f"{label}: needs a non-empty criteria list")
    raw = [_parse_criterion(c, label, problem) for c in criteria_data]
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
        criteria = tuple(Criterion(c.features, equal, c.name, c.name_th, c.credit_value, c.credit_max) for c in raw)
    return Stage(number=number, name=str(data.get("name", f"Stage {number}")), name_th=str(data.get("name_th", "")),
                 weight=weight, criteria=criteria)


def _parse_criterion(data, label: str, problem) -> Criterion:
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
        if feature not in catalogue:
            raise problem(f"{label}: unknown feature id {feature!r} (feature ids are those of the catalogue, "
                          f"e.g. {next(iter(catalogue))})")
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
    return Criterion(features=tuple(features), share=share, name=str(data.get("name", "")),
                     name_th=str(data.get("name_th", "")), credit_value=credit_value, credit_max=credit_max)


def _number(value, what: str, problem) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise problem(f"{what} must be a number, got {value!r}")
    return float(value)
