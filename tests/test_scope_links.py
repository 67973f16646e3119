"""Site scope (host plus subdomains of the registered domain) and link extraction."""

from crawler.links import extract_links
from crawler.scope import SiteScope


def test_subdomains_of_the_registered_domain_are_in_scope():
    scope = SiteScope("https://www.moph.go.th/index.php")
    assert "http://eservice.moph.go.th/apply" in scope
    assert "https://moph.go.th/" in scope
    assert "https://www.dga.go.th/" not in scope
    assert "https://www.go.th/" not in scope          # the public suffix itself is not the site
    assert "mailto:saraban@moph.go.th" not in scope


def test_loopback_sites_are_their_host_and_port():
    scope = SiteScope("http://127.0.77.3:8000/Pages/default.html")
    assert "http://127.0.77.3:8000/about.html" in scope
    assert "http://127.0.77.3:9000/" not in scope
    assert "http://127.0.77.4:8000/" not in scope


def test_scope_answers_follow_a_widened_scope():
    # answers are remembered per origin; a homepage redirect to a new domain widens the scope
    scope = SiteScope("https://www.old-agency.go.th/")
    assert "https://www.new-agency.go.th/about" not in scope
    assert "https://www.new-agency.go.th/?a=b/c" not in scope
    scope.add("https://www.new-agency.go.th/home")
    assert "https://www.new-agency.go.th/about" in scope
    assert "https://e.new-agency.go.th?x=1" in scope
    assert "https://www.old-agency.go.th/news" in scope
    assert "https://www.new-agency.go.th.evil.example/" not in scope


def test_links_carry_text_heading_and_skip_comments():
    html = """<html><head><base href="/sub/"><title> Forms  page </title></head><body>
    <h2>แบบฟอร์มดาวน์โหลด</h2>
    <a href="form-1.pdf">แบบคำขอ <b>ก.พ. ๗</b></a>
    <a href="https://www.facebook.com/agency"><img src="fb.png" alt="Facebook"></a>
    <!-- <a href="/hidden.html">hidden</a> -->
    <a href="javascript:void(0)">js</a> <a href="#top">top</a> <a href="mailto:x@y.go.th">mail</a>
    <iframe src="https://www.youtube.com/embed/abc"></iframe></body></html>"""
    page = extract_links(html, "http://127.0.0.1:8000/index.html")
    assert page.title == "Forms page"
    urls = [(l.url, l.text, l.heading, l.tag) for l in page.links]
    assert urls == [
        ("http://127.0.0.1:8000/sub/form-1.pdf", "แบบคำขอ ก.พ. ๗", "แบบฟอร์มดาวน์โหลด", "a"),
        ("https://www.facebook.com/agency", "Facebook", "แบบฟอร์มดาวน์โหลด", "a"),
        ("https://www.youtube.com/embed/abc", "", "แบบฟอร์มดาวน์โหลด", "iframe"),
    ]


def test_javascript_shell_is_flagged():
    shell = '<html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>'
    assert extract_links(shell, "http://a.go.th/").js_only
    normal = "<html><body><p>" + "ข้อความ " * 50 + '</p><a href="/a">a</a></body></html>'
    assert not extract_links(normal, "http://a.go.th/").js_only


def test_xml_declaration_and_garbage_do_not_break_extraction():
    assert extract_links('<?xml version="1.0" encoding="utf-8"?><html><body><a href="/x">x</a></body></html>',
                         "http://a.go.th/").links[0].url == "http://a.go.th/x"
    assert extract_links("\x00\x01 not html at all", "http://a.go.th/").links == []


def test_an_agencys_own_domains_widen_its_scope():
    # the sites file's `domains`: a second registered domain and the live domain of a copy
    scope = SiteScope("http://127.0.77.3:8000/index.html", ("ocsc.go.th", "ocsc.or.th"))
    assert "http://127.0.77.3:8000/about.html" in scope
    assert "http://www.ocsc.go.th/news" in scope
    assert "https://e-exam.ocsc.go.th/" in scope                  # a subdomain of an own domain
    assert "https://www.ocsc.or.th/" in scope
    # near misses: a look-alike domain, another agency, the public suffix, another loopback port
    assert "https://www.ocsc.go.th.evil.example/" not in scope
    assert "https://myocsc.go.th/" not in scope
    assert "https://www.opdc.go.th/" not in scope
    assert "https://www.go.th/" not in scope
    assert "http://127.0.77.3:9000/" not in scope
    assert "http://www.ocsc.go.th/" not in SiteScope("http://127.0.77.3:8000/index.html")
