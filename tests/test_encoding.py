"""Thai pages decode correctly in UTF-8, TIS-620 and windows-874, declared, undeclared or mis-declared."""

import pytest

from crawler.encoding import decode_html

THAI = "ดาวน์โหลดแบบฟอร์ม แบบคำขอ ข่าวประชาสัมพันธ์ ติดต่อเรา"
PAGE = "<html><head>{meta}<title>กรมตัวอย่าง</title></head><body><p>" + THAI + "</p></body></html>"


def body(encoding, meta=""):
    return PAGE.format(meta=meta).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "tis-620", "cp874"])
@pytest.mark.parametrize("declared", ["header", "meta", "none"])
def test_thai_in_each_encoding(encoding, declared):
    label = {"utf-8": "utf-8", "tis-620": "TIS-620", "cp874": "windows-874"}[encoding]
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">' if declared == "meta" else ""
    content_type = f"text/html; charset={label}" if declared == "header" else "text/html"
    text, _ = decode_html(body(encoding, meta), content_type)
    assert THAI in text and "กรมตัวอย่าง" in text


def test_windows_874_only_characters_undeclared():
    # curly quotes and the ellipsis exist in windows-874 but not in TIS-620
    raw = "<p>“ประกาศ” ข่าวล่าสุด…</p>".encode("cp874")
    text, encoding = decode_html(raw, "text/html")
    assert text == "<p>“ประกาศ” ข่าวล่าสุด…</p>" and encoding == "cp874"


def test_tis620_bytes_declared_as_utf8():
    text, encoding = decode_html(body("tis-620", '<meta charset="utf-8">'), "text/html; charset=utf-8")
    assert THAI in text and encoding == "cp874"


def test_utf8_bytes_declared_as_tis620():
    text, encoding = decode_html(body("utf-8", '<meta charset="tis-620">'), "text/html; charset=tis-620")
    assert THAI in text and encoding == "utf-8"


def test_western_page_is_not_mistaken_for_thai():
    raw = "<p>Café de la Mairie – résumé des démarches</p>".encode("cp1252")
    text, encoding = decode_html(raw, "text/html")
    assert "Café" in text and "résumé" in text and encoding == "cp1252"


def test_declared_latin1_page_keeps_its_declaration():
    raw = '<meta charset="iso-8859-1"><p>Akron — “City”</p>'.encode("cp1252")
    text, _ = decode_html(raw, "text/html")
    assert "Akron" in text
