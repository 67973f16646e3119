"""Metadata for open data: a dataset record (schema.org or DCAT Dataset markup, or the fields of a
Thai catalogue record), a link named as the agency's metadata or data catalogue, or a link to its
records on the national catalogues (data.go.th, gdcatalog.go.th). A bare list of files is not."""

from __future__ import annotations

import re

from ..base import STRONG, NamedLinkAssessor
from ..registry import detector

# the fields of a dataset record as Thai catalogues (CKAN) label them: three make a record
RECORD_FIELDS = re.compile(r"ความถี่ในการปรับปรุง|วันที่ปรับปรุงข้อมูลล่าสุด|วันที่เผยแพร่ข้อมูล|สัญญาอนุญาต"
                           r"|หน่วยงานเจ้าของข้อมูล|ชื่อผู้ติดต่อ|คำสำคัญ|หมวดหมู่ตามธรรมาภิบาลข้อมูล")

# the field names, when the pattern is a plain list of them: a text holding fewer than three of
# them holds no record, and is not scanned with the pattern (most pages hold none)
_FIELD_NAMES = tuple(RECORD_FIELDS.pattern.split("|"))
_FIELD_NAMES = _FIELD_NAMES if all(re.escape(name) == name for name in _FIELD_NAMES) else ()


def _may_hold_record(text: str) -> bool:
    return not _FIELD_NAMES or sum(name in text for name in _FIELD_NAMES) >= 3


@detector("opendata_metadata")
class OpendataMetadata(NamedLinkAssessor):
    feature = "opendata.metadata"
    max_text = 60
    listing_is_news = True

    def page(self, view):
        if view.dataset_markup:
            yield self.evidence(self.feature, view, "", f"{view.dataset_markup} markup", view.title or view.url, "", STRONG)
        elif _may_hold_record(view.norm_text):
            fields = sorted(set(RECORD_FIELDS.findall(view.norm_text)))
            if len(fields) >= 3:
                yield self.evidence(self.feature, view, "", "page text (dataset record)", ", ".join(fields))
        yield from super().page(view)
