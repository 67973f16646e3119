"""Site scope (host plus subdomains of the agency's domain) and link extraction."""

from crawler.links import extract_links
from crawler.scope import SiteScope


def test_subdomains_of_the_registered_domain_are_in_scope():
    scope = SiteScope("https://www.moph.go.th/index.php")
    assert "http://eservice.moph.go.th/apply" in scope
    assert "https://moph.go.th/" in scope
    assert "https://www.dga.go.th/" not in scope
    assert "https://www.go.th/" not in scope          # the public suffix itself is not the site
    assert "mailto:saraban@moph.go.th" not in scope


def test_a_ministry_and_its_departments_on_its_subdomains_are_crawled_apart():
    # Thai ministries host their departments on subdomains (the shipped list names them): a
    # department's crawl stays in the department, the ministry's leaves its departments to theirs
    department = SiteScope("https://www.ddc.moph.go.th/index.php")
    assert "https://ddc.moph.go.th/about" in department
    assert "https://e-service.ddc.moph.go.th/" in department and "https://r36.ddc.moph.go.th/" in department
    assert "https://www.moph.go.th/" not in department and "https://anamai.moph.go.th/" not in department
    ministry = SiteScope("https://www.moph.go.th/")
    assert "https://e-service.moph.go.th/" in ministry
    assert "https://ddc.moph.go.th/" not in ministry and "https://www.fda.moph.go.th/" not in ministry
    # near misses: subdomains no list names an agency are the site's own (a university's faculties),
    # and a department whose sites file declares the ministry's domain keeps all of it
    university = SiteScope("https://www.kmutt.ac.th/")
    assert "https://library.kmutt.ac.th/" in university and "https://eng.kmutt.ac.th/" in university
    assert "https://www.moph.go.th/" in SiteScope("https://www.ddc.moph.go.th/", ("moph.go.th",))


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
    # its style sheet is read for the technology checks, but is no link a person follows
    styled = extract_links(shell.replace("<head>", '<head><link rel="stylesheet" href="/app.css">'), "http://a.go.th/")
    assert styled.js_only and [(l.url, l.tag) for l in styled.links] == [("http://a.go.th/app.css", "stylesheet")]
    normal = "<html><body><p>" + "ข้อความ " * 50 + '</p><a href="/a">a</a></body></html>'
    assert not extract_links(normal, "http://a.go.th/").js_only


def test_xml_declaration_and_garbage_do_not_break_extraction():
    assert extract_links('<?xml version="1.0" encoding="utf-8"?><html><body><a href="/x">x</a></body></html>',
                         "http://a.go.th/").links[0].url == "http://a.go.th/x"
    assert extract_links("\x00\x01 not html at all", "http://a.go.th/").links == []


def _nested(depth: int, tag: str = "div") -> str:
    return ("<html><head><title>กรมทดสอบ</title></head><body><a href='/first'>หน้าแรก</a>"
            + f"<{tag}>" * depth + "ข่าวประชาสัมพันธ์" + f"</{tag}>" * depth
            + "<h2>บริการ</h2><a href='/eservice'>บริการออนไลน์</a><a href='/contact'><img alt='ติดต่อเรา'></a>"
            "<script>var x = 1;</script><p>ท้ายหน้า</p></body></html>")


def test_links_after_deep_nesting_are_read_with_a_warning():
    """libxml2 stops at 256 levels (2,048 with huge_tree) and drops the rest of the page: the
    links after 100,000 nested divs were lost. They are read, quickly, and the page says why
    its markup was flattened."""
    import time

    from crawler.links import WARN_NESTING, parse_html
    from assessors.page import build_page

    for tag in ("div", "span", "table"):
        html = _nested(100_000, tag)
        started = time.process_time()
        page = extract_links(html, "https://www.example.go.th/")
        view = build_page(html, "https://www.example.go.th/")
        assert time.process_time() - started < 5, tag               # each took 0.2-0.4 s here
        assert [(l.url.rsplit("/", 1)[1], l.text, l.heading) for l in page.links] == [
            ("first", "หน้าแรก", ""), ("eservice", "บริการออนไลน์", "บริการ"), ("contact", "ติดต่อเรา", "บริการ")], tag
        assert page.warnings == [WARN_NESTING] and page.has_script
        assert page.text_chars == len("หน้าแรก ข่าวประชาสัมพันธ์ บริการ บริการออนไลน์ ท้ายหน้า")
        assert [(l.url.rsplit("/", 1)[1], l.text) for l in view.links] == [
            ("first", "หน้าแรก"), ("eservice", "บริการออนไลน์"), ("contact", "ติดต่อเรา")]
        assert "ข่าวประชาสัมพันธ์" in view.text and "ท้ายหน้า" in view.text and "var x" not in view.text
    # the near misses: nesting libxml2 reads whole is parsed as before, with no warning
    for depth in (200, 2000):
        warnings = []
        root = parse_html(_nested(depth), "https://www.example.go.th/", warnings)
        assert warnings == [] and len(root.xpath("//div")) == depth
        assert extract_links(_nested(depth), "https://www.example.go.th/").warnings == []


def test_a_page_with_more_links_than_are_read_says_so():
    from crawler.links import MAX_LINKS

    many = "<html><body>" + "".join(f"<a href='/n/{i}'>ข่าว {i}</a>" for i in range(MAX_LINKS + 1)) + "</body></html>"
    page = extract_links(many, "https://www.example.go.th/")
    assert len(page.links) == MAX_LINKS and page.warnings == ["more than 5,000 links: only the first 5,000 read"]
    exactly = "<html><body>" + "".join(f"<a href='/n/{i}'>ข่าว {i}</a>" for i in range(MAX_LINKS)) + "<h2>ท้าย</h2></body></html>"
    assert extract_links(exactly, "https://www.example.go.th/").warnings == []


def test_a_text_node_over_ten_megabytes_does_not_lose_the_page():
    """Without huge_tree libxml2 dropped a page holding one text node over 10 MB, links and all."""
    html = "<html><body><a href='/before'>ก่อน</a><p>" + "ก" * 11_000_000 + "</p><a href='/after'>หลัง</a></body></html>"
    page = extract_links(html, "https://www.example.go.th/")
    assert [l.url.rsplit("/", 1)[1] for l in page.links] == ["before", "after"]


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
    # a department's own domain is its own with its subdomains, not its ministry's whole domain
    scope = SiteScope("http://127.0.77.3:8000/index.html", ("ddc.moph.go.th",))
    assert "https://www.ddc.moph.go.th/news" in scope and "https://e-service.ddc.moph.go.th/" in scope
    assert "https://www.moph.go.th/" not in scope and "https://anamai.moph.go.th/" not in scope
    # a declared www. host is its domain without the web server's name, unless that is a public
    # suffix: www.gov.uk owns its own host, not every government department under gov.uk
    assert "https://moph.go.th/" in SiteScope("http://127.0.77.3:8000/", ("www.moph.go.th",))
    scope = SiteScope("http://127.0.77.3:8000/index.html", ("www.gov.uk",))
    assert "https://www.gov.uk/browse" in scope and "https://www.cabinetoffice.gov.uk/" not in scope
