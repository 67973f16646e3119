"""Feature detectors: one assessor per feature or small family, with evidence a person can check.

CATALOGUE lists every feature id of the catalogue (ground/catalogue.toml, in FEATURES.md's
order, plus the run's own catalogue files: EGOVSCAN_CATALOGUE). Its ids are a public contract:
never rename or reuse one. A feature whose evidence is links that name it is one catalogue
entry; a feature read from structure also has a detector module (assessors/detectors/).
"""

from .catalogue import ASSESSORS, CATALOGUE, FEATURES, assessor_for, build_assessors

__all__ = ["ASSESSORS", "CATALOGUE", "FEATURES", "assessor_for", "build_assessors", "catalogue_order"]


def catalogue_order(feature: str) -> int:
    """A feature's position in the catalogue (unknown ids last), for listing features in order."""
    return CATALOGUE.index(feature) if feature in CATALOGUE else len(CATALOGUE)
