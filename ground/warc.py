"""Reading the run's WARC archive: the record a page row points at (``warc_file``, ``warc_offset``).

The crawler writes the archive (``crawler/warc.py``); assessment, review and replay read it here.
"""

from __future__ import annotations

import os
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def read_record(warc_dir: str | os.PathLike, warc_file: str, offset: int) -> tuple[dict, bytes]:
    """(http headers, body) of the response record at offset."""
    with open(Path(warc_dir) / warc_file, "rb") as f:
        f.seek(offset)
        for record in ArchiveIterator(f):
            headers = {k.lower(): v for k, v in record.http_headers.headers} if record.http_headers else {}
            return headers, record.content_stream().read()
    raise ValueError(f"{warc_file}@{offset}: no WARC record there")
