"""Service tiles in a box the CMS calls news: a row of shortcuts into the agency's systems is a
way into the services, while a grid of news cards about the same services stays news.

A Thai municipality's template reuses its news card grid (section "news-section", cards
"news-item" with a picture) for "ช่องทางการให้บริการ"; an Indonesian city lists its systems as
logo cards in a tab whose id a "recent posts" widget left. Headlines ("กรมฯ เปิดให้บริการชำระ
ค่าธรรมเนียมออนไลน์ …") in such boxes must stay ignored by the service detectors.
"""

from assessors.page import LISTING, MAIN, build_page
from test_detectors import URL, detect

SERVICES = ("service.online_application", "payment.online", "connected.one_stop")


def card(href, name, extra=""):
    """A card of the reused news grid: a picture and a heading, the whole card a link."""
    return (f'<div class="col-lg-4 col-md-6"><a href="{href}" class="news-link"><div class="news-item">'
            f'<img src="/images/card.jpg" alt="News Image"><div class="news-content"><h5>{name}</h5>{extra}</div>'
            f'</div></a></div>')


def news_box(cards):
    return f'<section class="news-section"><h2>ช่องทางการให้บริการ</h2><div class="row">{cards}</div></section>'


# a row of ways into systems on the agency's other hosts, each under a short name
TILES = [("https://eservice.city.go.th/", "ยื่นคำขอออนไลน์"),
         ("https://epay.city.go.th/", "ชำระค่าธรรมเนียมออนไลน์"),
         ("https://oss.city.go.th/", "ศูนย์บริการร่วม")]


def links(html):
    return {link.text: link for link in build_page(f"<html><body>{html}</body></html>", URL).links}


def test_a_row_of_service_tiles_in_a_news_classed_box_names_the_services():
    html = news_box("".join(card(href, name) for href, name in TILES))
    found = detect(html)
    for (href, _), feature in zip(TILES, SERVICES):
        assert [(e.target, e.region) for e in found.get(feature, [])] == [(href, MAIN)], (feature, found.get(feature))
    # still a part of the box the page calls news (for the news detector), but a tile
    placed = links(html)
    assert all(link.region == LISTING and link.tile for link in placed.values()), placed


def test_the_same_cards_with_dates_are_news():
    # near miss: each card carries its day, as a news grid's do
    html = news_box("".join(card(href, name, f"<span>{day} มี.ค. 2567</span>")
                            for (href, name), day in zip(TILES, (3, 4, 5))))
    assert {link.region for link in links(html).values()} == {LISTING}
    found = detect(html)
    assert not any(feature in found for feature in SERVICES), found


def test_one_dated_card_makes_the_whole_grid_news():
    cards = [card(href, name) for href, name in TILES]
    cards[1] = card(TILES[1][0], TILES[1][1], "<span>๕ มีนาคม ๒๕๖๗</span>")
    html = news_box("".join(cards))
    assert {link.region for link in links(html).values()} == {LISTING}
    assert not any(feature in detect(html) for feature in SERVICES)


def test_undated_news_cards_that_lead_to_stories_stay_news():
    # near miss: no dates, but the cards lead to stories: an id in the address, a sentence as slug,
    # or another agency's article page
    stories = [("/news/view/1021", "ยื่นคำขอออนไลน์"),
               ("https://www.city.go.th/detail/ajak-warga-bayar-pajak-secara-online", "ชำระค่าธรรมเนียมออนไลน์"),
               ("https://www.prd.go.th/th/content/category/detail/id/9/iid/184522", "ศูนย์บริการร่วม")]
    html = news_box("".join(card(href, name) for href, name in stories))
    assert {link.region for link in links(html).values()} == {LISTING}
    assert not any(feature in detect(html) for feature in SERVICES)


def test_a_single_system_link_among_story_cards_is_news():
    # near miss: one card leads to a system's front page, the others to stories: a news grid
    # whose one item links out (a story about the new payment system)
    html = news_box(card("https://epay.city.go.th/", "ชำระค่าธรรมเนียมออนไลน์") +
                    card("/news/view/1022", "ประชุมคณะทำงานพัฒนาระบบ") + card("/news/view/1023", "อบรมเจ้าหน้าที่"))
    assert {link.region for link in links(html).values()} == {LISTING}
    assert "payment.online" not in detect(html)


def test_headline_long_texts_are_no_tiles():
    # near miss: cards that lead to other hosts' front pages under headlines, not names
    headlines = [(href, f"{name} เปิดให้ประชาชนทั่วประเทศใช้งานได้แล้วตั้งแต่วันจันทร์ที่ผ่านมาเป็นต้นไป")
                 for href, name in TILES]
    html = news_box("".join(card(href, text) for href, text in headlines))
    assert {link.region for link in links(html).values()} == {LISTING}
    assert not any(feature in detect(html) for feature in SERVICES)


def test_logo_cards_of_city_systems_in_a_recent_posts_tab():
    """An Indonesian city's tab of systems: a logo beside each name, some names as long as a
    headline, in a pane whose id ("recent20") a recent-posts widget left."""
    systems = [("http://dpmptsp.kota.go.id/", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
               ("http://lpse.kota.go.id", "Layanan Pengadaan Secara Elektronik"),
               ("http://ppid.kota.go.id/", "Aplikasi PPID")]
    grid = "".join(f'<div class="content-grid-item center"><img src="/uploads/logo.png" alt="{name}">'
                   f'<a href="{href}" title="{name}">{name}</a></div>' for href, name in systems)
    html = f'<div class="tab-content"><div id="recent20" class="tab-pane"><div class="content-grid">{grid}</div></div></div>'
    assert [e.target for e in detect(html).get("connected.one_stop", [])] == ["http://dpmptsp.kota.go.id/"]
    placed = links(html)
    assert all(link.region == LISTING and link.tile for link in placed.values()), placed
    # near miss: the same pane of dated posts about the office stays news
    dated = "".join(f'<div class="content-grid-item center"><img src="/uploads/thumb.jpg" alt="">'
                    f'<a href="{href}">{name}</a><span>20/03/2018</span></div>' for href, name in systems)
    html = f'<div id="recent20" class="tab-pane"><div class="content-grid">{dated}</div></div>'
    assert "connected.one_stop" not in detect(html)


def test_a_strip_of_picture_banners_in_a_news_box_stays_news():
    # near miss: banners with no words of their own, to other organisations' front pages; their
    # alt is a national campaign's or portal's slogan, not a tile's name
    banners = "".join(f'<li class="brand"><a href="{href}"><img src="/uploads/banner-{i}.jpg" alt="{name}"></a></li>'
                      for i, (href, name) in enumerate(TILES))
    html = f'<div class="latest-news"><ul>{banners}</ul></div>'
    assert {link.region for link in links(html).values()} == {LISTING}
    assert not any(feature in detect(html) for feature in SERVICES)


def test_cards_into_the_same_site_under_another_server_name_stay_news():
    # near miss: the page is served as www2.; the cards lead to short paths of the same site
    # under www. or no server name: pages of the site itself, not other systems
    page = "http://www2.city.go.th/index.html"
    same_site = [("https://www.city.go.th/eservice", "ยื่นคำขอออนไลน์"),
                 ("https://city.go.th/epay", "ชำระค่าธรรมเนียมออนไลน์"),
                 ("https://www.city.go.th/oss", "ศูนย์บริการร่วม")]
    html = news_box("".join(card(href, name) for href, name in same_site))
    placed = build_page(f"<html><body>{html}</body></html>", page).links
    assert placed and not any(link.tile for link in placed), placed
    assert not any(feature in detect(html, page) for feature in SERVICES)
