"""One scan of a text for every feature: the Aho-Corasick scanner answers exactly what each
feature's regular expressions answer (the term a detector shows as evidence, the veto of a
negative term, file and page terms, hosts), on real government pages and on the edge cases of
matching: whole words in spaced scripts, Thai substrings, overlapping terms, patterns."""

from dataclasses import replace

import pytest

from assessors.base import named_links, vocabulary
from assessors.page import build_page
from ground.text import Terms, Vocabulary, _leading_words, load_vocabulary, normalise

LANGUAGE_CHOICES = [None, frozenset({"th", "en"}), frozenset({"en"}), frozenset({"id", "ms", "en"})]


def answers(terms, text):
    return (terms.find(text), terms.find_file_term(text), terms.vetoed(text), terms.find_statement(text))


def regex_answers(terms, text):
    """What the feature's own regular expressions say, without the scanner."""
    return answers(replace(terms, scanner=None), text)


def assert_same(vocab: Vocabulary, texts):
    checked = 0
    for text in texts:
        for feature, terms in vocab.items():
            assert answers(terms, text) == regex_answers(terms, text), (feature, text[:200])
            checked += 1
    return checked


EDGE_CASES = [
    "contact us", "contactus", "recontact", "e-service online", "eservice", "บริการออนไลน์ระบบยื่นคำขอ",
    "about us", "about", "ประกาศจัดซื้อจัดจ้าง", "ร้องเรียนร้องทุกข์", "ข่าวประชาสัมพันธ์ ข่าว",
    "apply online for a licence", "track your application status", "how to use this website",
    "แบบ ภ.ง.ด. 90", "ระบบสารสนเทศเพื่อการยื่นคำขอ", "newsletter subscribe", "privacy policy",
    "download forms (pdf)", "opendata catalogue", "tentang kami", "à propos", "e-licence", "elicence",
    "faq", "faqs", "site map", "ดาวน์โหลดแบบฟอร์ม", "สำรวจความคิดเห็น ผลสำรวจความคิดเห็น", "", "a",
]


@pytest.mark.parametrize("languages", LANGUAGE_CHOICES, ids=lambda v: "all" if v is None else "-".join(sorted(v)))
def test_scanner_answers_as_the_regular_expressions_on_edge_cases(languages):
    vocab = load_vocabulary(languages)
    texts = [normalise(t) for t in EDGE_CASES]
    # every term of the vocabulary alone, glued to a letter on either side, and in a sentence
    for terms in vocab.values():
        for pattern in (terms.positive, terms.negative, terms.file, terms.page):
            if pattern is None:
                continue
            for source in pattern.pattern.split("|")[:40]:
                word = source.replace("\\", "").split("(?")[0]
                texts += [word, f"x{word}", f"{word}x", f"the {word} and more", f"ก{word}ข"]
    assert assert_same(vocab, texts) > 10_000


def test_scanner_answers_as_the_regular_expressions_on_corpus_pages(corpus):
    root = corpus / "sites"
    pages = sorted(root.rglob("*.htm*"))[:120]
    assert pages
    texts: list[str] = []
    for path in pages:
        view = build_page(path.read_bytes().decode("utf-8", errors="replace"), "https://example.go.th/")
        texts.append(view.norm_text)
        texts += [link.norm for link in view.links] + [link.context for link in view.links if link.context]
        texts += [normalise(h) for h in view.headings] + [f.text for f in view.forms]
    texts = list(dict.fromkeys(texts))
    assert assert_same(load_vocabulary(None), texts) > 50_000
    assert_same(load_vocabulary(frozenset({"th", "en"})), texts)


def test_hosts_answer_as_each_feature_did():
    vocab = load_vocabulary(None)
    urls = ["https://www.thaid.go.th/login", "https://ktb.co.th/epayment", "https://data.go.th/dataset/x",
            "http://opendata.agency.go.th/", "https://biz.gov.go.th:8443/", "https://www.gov.uk/",
            "https://sub.digilocker.gov.in/x", "mailto:someone@example.org", "", "https://x.example/"]
    for feature, terms in vocab.items():
        for host in terms.hosts:
            bare = host.rstrip(".")
            urls += [f"https://{bare}/", f"https://www.{bare}/path", f"https://a{bare}/", f"https://{bare}.evil.example/",
                     f"http://{bare}x/", f"https://sub.{host}example.org/"]
    for url in urls:
        for feature, terms in vocab.items():
            if terms.hosts:
                assert terms.host_match(url) == replace(terms, scanner=None).host_match(url), (feature, url)


def test_named_links_are_every_link_that_names_the_feature():
    """The links a named-link detector reads are, in page order, those whose words, host or URL
    cue concern the feature; a link that names another feature is not among them."""
    html = """<html lang="th"><body><ul class="menu">
      <li><a href="/contact">ติดต่อเรา</a></li>
      <li><a href="https://www.facebook.com/agency">Facebook</a></li>
      <li><a href="https://eservice.agency.go.th/">คลิกที่นี่</a></li>
      <li><a href="/about">เกี่ยวกับเรา</a></li>
      <li><a href="/news">ข่าวประชาสัมพันธ์</a></li></ul></body></html>"""
    view = build_page(html, "https://www.agency.go.th/")
    view.packs = frozenset({"th", "en"})
    contact = named_links(view, "info.contact")
    assert [link.url for link in contact] == ["https://www.agency.go.th/contact"]
    assert vocabulary("info.contact", view).find(contact[0].norm)
    assert "https://www.agency.go.th/news" not in [link.url for link in contact]
    assert [link.url for link in named_links(view, "info.organization")] == ["https://www.agency.go.th/about"]
    # a banner without words counts for the feature its address carries a cue of
    assert "https://eservice.agency.go.th/" in [link.url for link in named_links(view, "service.online_application")]


def test_a_run_restricted_to_some_features_assesses_and_reads_only_them(monkeypatch):
    """EGOVSCAN_FEATURES keeps some features of the catalogue (the benchmark of the catalogue's
    size runs the 32 original ones); an id the catalogue lacks is named, not ignored."""
    from ground.catalogue import CatalogueError, load_catalogue

    monkeypatch.setenv("EGOVSCAN_FEATURES", "info.contact, interact.two_way")
    assert list(load_catalogue()) == ["info.contact", "interact.two_way"]
    vocab = load_vocabulary(frozenset({"th", "en"}))
    assert {f for f in vocab if "." in f} == {"info.contact", "interact.two_way"}
    assert "online" in vocab            # the packs' shared word lists stay: detectors read them
    assert vocab["info.contact"].find(normalise("ติดต่อเรา"))
    monkeypatch.setenv("EGOVSCAN_FEATURES", "info.contact,info.no_such_feature")
    with pytest.raises(CatalogueError, match="EGOVSCAN_FEATURES: no catalogue entry 'info.no_such_feature'"):
        load_catalogue()


def test_a_features_pattern_still_answers_as_a_regular_expression():
    """Detectors that read a feature's pattern themselves (every match of the page terms) get a
    regular expression, compiled when first used."""
    terms = load_vocabulary(frozenset({"th", "en"}))["policy.privacy"]
    text = normalise("Privacy policy and privacy notice")
    assert [m.group(0) for m in terms.positive.finditer(text)] == [m.group(0) for m in
                                                                     __import__("re").finditer(terms.positive.pattern, text)]
    assert terms.positive.findall(text)


@pytest.mark.parametrize("source, words", [
    ("(?:ชำระ|จ่าย)(?:เงิน)?\\s?ค่า", ("ชำระ", "จ่าย")), ("ระบบ\\s?e(?:licence|permit)", ("ระบบ",)),
    ("track (?:your|my) application", ("track ",)), ("x+y", ("x",)),
    # near misses: an optional last letter or group, an alternation outside a group, an empty
    # alternative, a class, an anchor, an escape or an inline flag first: no leading words
    ("ab?c", ("a",)), ("(?:a|b)?c", ()), ("(?:a|b)c|d", ()), ("(?:ab|)c", ()), ("(?:a|[b])c", ()),
    ("[a|b]c", ()), ("^about", ()), ("\\d+ baht", ()), ("(?i)abc", ()),
    # a look-behind first consumes nothing: the words after it lead ("(?<!แบบ)สอบถาม"); near
    # misses: an optional letter or an anchor after it
    ("(?<!แบบ)(?<!แบบ\\s)สอบถาม", ("สอบถาม",)), ("(?<![a-z])sso[ -]?portal", ("sso",)),
    ("(?<!how to )(?:take|fill in) our survey", ("take", "fill in")), ("(?<=[(])abc", ("abc",)),
    ("(?<!a)b?c", ()), ("(?<!a)^b", ()), ("(?<!a|b)", ())])
def test_a_patterns_leading_words_are_only_what_every_match_begins_with(source, words):
    """The scanner skips a hand-written pattern on a text that holds none of its leading words."""
    assert _leading_words(source) == words


def test_a_pattern_after_a_look_behind_is_found_only_where_its_words_allow():
    """A pattern that begins with a look-behind is skipped on texts without its leading word,
    and answers as its regular expression on the others."""
    from ground.text import Scanner

    scanner = Scanner({"f": [[("(?<!แบบ)(?<!แบบ\\s)สอบถาม", None)], [], [], []]}, {})
    assert scanner._scan(normalise("ช่องทางสอบถามข้อมูล")).find("f") == "สอบถาม"
    assert scanner._scan(normalise("ดาวน์โหลดแบบสอบถาม")).find("f") is None      # near miss: after แบบ
    assert scanner._scan(normalise("ติดต่อเรา")).find("f") is None


def test_a_pattern_is_still_found_where_its_leading_word_is():
    vocab = load_vocabulary(frozenset({"th", "en"}))
    assert vocab["payment.water"].find(normalise("ชำระค่าน้ำประปาออนไลน์")) == "ชำระค่าน้ำ"
    assert vocab["payment.water"].find(normalise("ค่าน้ำประปา")) is None        # near miss: no "ชำระ"/"จ่าย"
    assert vocab["service.end_to_end"].find(normalise("Track your application")) is not None


def test_the_first_page_term_is_where_the_page_pattern_finds_it():
    """The official-identity detector reads the copyright line at the first page term the page
    text's one scan found: the same place and words as the page pattern's own search."""
    vocab = load_vocabulary(frozenset({"th", "en"}))
    texts = [normalise(t) for t in (
        "ข่าวประชาสัมพันธ์ สงวนลิขสิทธิ์ พ.ศ. 2567 กรมตัวอย่าง ถนนพระราม 6",
        "Home | News © 2024 Department of Examples. All rights reserved. Official website of the department",
        "Copyright 2018 Office of the Example Commission", "no statement here", "")]
    checked = 0
    for feature, terms in vocab.items():
        if not isinstance(terms, Terms) or terms.page is None:
            continue
        for text in texts:
            match = terms.page.search(text) if text else None
            assert terms.first_statement(text) == (None if match is None else (match.start(), match.group(0))), \
                (feature, text)
            checked += match is not None
    assert checked >= 3
    first = vocab["site.official_identity"].first_statement(texts[1])
    assert first is not None and texts[1][first[0]:].startswith(first[1])


def test_a_pattern_counts_as_the_kind_of_term_it_is_listed_as():
    """Hand-written patterns are listed among a feature's names today, but the scanner keeps each
    pattern's kind: one given as a page statement or a negative term answers as that, never as
    a name of the feature."""
    from ground.text import Scanner

    scanner = Scanner({"f": [[], [], [], [("ยื่น\\s?คำขอ", None)]],
                       "g": [[("บริการ", "บริการ")], [("แบบ\\s?สอบถาม", None)], [], []]}, {})
    hits = scanner._scan(normalise("บริการยื่นคำขอ"))
    assert hits.page == {"f": "ยื่นคำขอ"} and hits.find("f") is None and hits.find("g") == "บริการ"
    assert scanner._scan(normalise("บริการแบบสอบถาม")).find("g") is None       # vetoed by its negative pattern
