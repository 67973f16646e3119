"""The detectors that read structure, by name: a catalogue entry (ground/catalogue.toml) names
its detector, and a detector module registers itself with ``@detector("name")``.

The generic named-link detector ("named_link") is not registered here: it serves every entry
whose evidence is links that name the feature, with the entry's knobs (assessors/base.py).
"""

from __future__ import annotations

DETECTORS: dict[str, type] = {}


def detector(name: str):
    """Register a detector class under a name catalogue entries use."""
    def register(cls: type) -> type:
        if name in DETECTORS and DETECTORS[name] is not cls:
            raise ValueError(f"two detectors are named {name!r}: {DETECTORS[name].__module__} and {cls.__module__}")
        DETECTORS[name] = cls
        cls.detector_name = name
        return cls
    return register
