"""The page view read from lxml's own tree (assessors/tree.py) on pages whose markup libxml2's
tree does not hold as written: what comes after </html>, markup nested hundreds deep, valueless
boolean attributes, names lxml refuses. Agencies' CMSs write all of these; a link there is
still a link a person follows, and what a detector shows of a control is its markup as written.
"""

from assessors.page import build_page
from assessors.tree import parse

URL = "https://www.example.go.th/"


def test_links_after_the_end_of_html_are_links_but_not_page_text():
    # CMS templates and analytics snippets append markup after </html>: browsers show it
    html = ("<html><head><title>กรมตัวอย่าง</title></head><body><a href='/about'>เกี่ยวกับหน่วยงาน</a>"
            "<p>ข่าวประชาสัมพันธ์</p></body></html>\n<a href='/eservice'>บริการออนไลน์</a> ท้ายหน้า")
    view = build_page(html, URL)
    assert [(link.url, link.text) for link in view.links] == [
        (URL + "about", "เกี่ยวกับหน่วยงาน"), (URL + "eservice", "บริการออนไลน์")]
    assert view.text == "เกี่ยวกับหน่วยงาน ข่าวประชาสัมพันธ์"      # the page's <body>, as before
    assert parse(html).exact
    # the near miss: only white space and comments after </html> read from libxml2's tree
    assert not parse("<html><body><a href='/a'>a</a></body></html>\n<!-- generated 0.2 s -->\n").exact


def test_a_controls_markup_is_shown_as_written():
    html = ("<html><body><form action='/search'><input name='q' required>"
            "<input type='checkbox' name='all' checked='checked'><button disabled>ค้นหา</button></form></body></html>")
    controls = [shown for _, _, shown in build_page(html, URL).controls]
    assert controls == ['<input name="q" required=""/>', '<input checked="checked" name="all" type="checkbox"/>',
                        '<button disabled="">ค้นหา</button>']


def test_markup_nested_hundreds_deep_keeps_its_links_and_text():
    # libxml2's own tree stops at 256 levels and drops the rest of the page
    html = ("<html><body><a href='/first'>หน้าแรก</a>" + "<div>" * 300 + "<a href='/deep'>ติดต่อเรา</a>"
            + "</div>" * 300 + "<a href='/last'>แผนผังเว็บไซต์</a><p>ท้ายหน้า</p></body></html>")
    view = build_page(html, URL)
    assert [link.text for link in view.links] == ["หน้าแรก", "ติดต่อเรา", "แผนผังเว็บไซต์"]
    assert view.text == "หน้าแรก ติดต่อเรา แผนผังเว็บไซต์ ท้ายหน้า"


def test_comments_scripts_templates_and_ruby_annotations_are_not_text():
    html = ("<html><body><p>ยื่น<!-- -- draft -- -->คำร้อง</p><script>var x = 'ข่าว';</script>"
            "<template><p>ต้นแบบ</p></template><noscript>เปิด JavaScript</noscript>"
            "<ruby>漢<rt>kan</rt></ruby><a href='/x'>ลิงก์<style>a{}</style></a></body></html>")
    view = build_page(html, URL)
    assert view.text == "ยื่น คำร้อง 漢 ลิงก์"
    assert [link.text for link in view.links] == ["ลิงก์"]


def test_names_lxml_refuses_are_kept():
    # Vue and Alpine attributes, a tag name with a stray bracket: markup agencies publish
    html = ("<html><body><div :class=\"{on: x}\" @click=\"go()\" onclick=\"location.href='/apply'\">ยื่นคำขอ</div>"
            "<span onclick='f()'><x<y>ปุ่ม</x<y></span></body></html>")
    for exact in (False, True):
        doc = parse(html, exact=exact)
        assert doc.markup(next(doc.iter("div")), 160) == \
            '<div :class="{on: x}" @click="go()" onclick="location.href=\'/apply\'">ยื่นคำขอ</div>'
        assert doc.markup(next(doc.iter("span")), 160) == '<span onclick="f()"><x<y>ปุ่ม</x<y></span>'
        assert "x<y" in doc.tags()
    view = build_page(html, URL)
    assert [(link.url, link.text, link.element) for link in view.links] == [
        (URL + "apply", "ยื่นคำขอ", "<div onclick>")]
