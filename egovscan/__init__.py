"""egovscan: how far a government agency's website has come as an online service."""

from ground import __version__

__all__ = ["__version__"]
