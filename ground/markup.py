"""How deep a page's markup is read: the crawler's link parse and the detectors' tree flatten
what lies deeper than NESTING_LIMIT elements alike, so both see the same page."""

NESTING_LIMIT = 1000
