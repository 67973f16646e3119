"""egovscan: how far a government agency's website has come as an online service."""

__version__ = "0.1.0"
