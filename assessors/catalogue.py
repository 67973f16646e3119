"""The catalogue's detectors: one assessor per entry of the catalogue (ground/catalogue.toml and
a run's own catalogue files), the generic named-link detector with the entry's knobs or the
registered detector the entry names (assessors/detectors/)."""

from __future__ import annotations

from ground.catalogue import NAMED_LINK, CatalogueError, Feature, load_catalogue

from . import detectors  # noqa: F401  (every detector module registers itself)
from .base import Assessor, NamedLinkAssessor
from .registry import DETECTORS


def build_assessors(catalogue: dict[str, Feature]) -> tuple[Assessor, ...]:
    """The assessors that decide the catalogue's features, in catalogue order; an entry that
    names an unknown detector, or a detector that decides other features, is a CatalogueError
    naming the entry."""
    assessors: list[Assessor] = []
    built: dict[str, Assessor] = {}
    for entry in catalogue.values():
        if entry.detector is None:            # only a reviewer decides it
            continue
        where = f"{entry.source}: feature {entry.id!r}"
        if entry.detector == NAMED_LINK:
            assessors.append(NamedLinkAssessor(entry.id, **_knobs(entry, where)))
            continue
        cls = DETECTORS.get(entry.detector)
        if cls is None:
            raise CatalogueError(f"{where}: unknown detector {entry.detector!r} (the detectors are "
                                 f"{NAMED_LINK}, {', '.join(sorted(DETECTORS))})")
        decides = tuple(getattr(cls, "features", ())) or (cls.feature,)
        if entry.id not in decides:
            raise CatalogueError(f"{where}: detector {entry.detector!r} decides {', '.join(decides)}, "
                                 f"not {entry.id!r}")
        if entry.detector not in built:
            built[entry.detector] = cls()
            assessors.append(built[entry.detector])
    for name, assessor in built.items():
        missing = [f for f in assessor.features if f not in catalogue or catalogue[f].detector != name]
        if missing:
            raise CatalogueError(f"detector {name!r} also decides {', '.join(missing)}, which the catalogue "
                                 f"does not give to it")
    return tuple(assessors)


def _knobs(entry: Feature, where: str) -> dict:
    for knob, value in entry.knobs.items():
        kind = NamedLinkAssessor.KNOBS.get(knob)
        if kind is None:
            raise CatalogueError(f"{where}: unknown named_link setting {knob!r} "
                                 f"(the settings are {', '.join(NamedLinkAssessor.KNOBS)})")
        if type(value) is not kind or (kind is int and value <= 0):
            raise CatalogueError(f"{where}: named_link {knob} = {value!r} must be "
                                 f"{'a positive whole number' if kind is int else 'true or false'}")
    return entry.knobs


def assessor_for(feature: str) -> Assessor:
    """The assessor that decides a feature of the run's catalogue."""
    for assessor in ASSESSORS:
        if feature in assessor.features:
            return assessor
    raise KeyError(f"no detector decides {feature!r}")


FEATURES = load_catalogue()
CATALOGUE = tuple(FEATURES)
ASSESSORS = build_assessors(FEATURES)
