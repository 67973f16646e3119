"""Detectors on small synthetic pages: structure, not just words."""

import pytest

from assessors import ASSESSORS
from assessors.base import enough
from assessors.page import build_page
from assessors.forms import form_kind

URL = "http://www.example.go.th/index.html"


def detect(html, url=URL):
    view = build_page(f"<html><body>{html}</body></html>", url)
    found = {}
    for assessor in ASSESSORS:
        for e in assessor.page(view):
            found.setdefault(e.feature, []).append(e)
    return found


def test_share_buttons_are_not_social_profiles():
    found = detect('<a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>'
                   '<a href="https://twitter.com/intent/tweet?text=x">Tweet</a>')
    assert "channel.social" not in found
    found = detect('<a href="https://www.facebook.com/ocsc.go.th">Facebook</a>'
                   '<a href="https://www.youtube.com/user/ictOCSC">YouTube</a>')
    assert sorted(e.element for e in found["channel.social"]) == ["<a> facebook profile", "<a> youtube profile"]


_GOOGLE_TRANSLATE = ('<div id="google_translate_element"></div><script src="//translate.google.com/translate_a/'
                     'element.js?cb=googleTranslateElementInit"></script>')


def test_a_machine_translation_widgets_flags_are_no_language_switcher():
    """Flags that switch a Google Translate widget (links to "#", GTranslate's doGTranslate) show
    the same page machine-translated: FEATURES.md asks for real pages in another language."""
    flags = ('<a href="#" class="flag-link"><img src="/images/flags/en.png" alt="English"></a>'
             '<a href="#" class="flag-link"><img src="/images/flags/th.png" alt="Thailand"></a>')
    assert "lang.multilingual" not in detect(_GOOGLE_TRANSLATE + flags)
    gtranslate = ('<a href="#" onclick="doGTranslate(\'th|en\');return false;" title="English" class="glink nturl">'
                  '<img src="/wp-content/plugins/gtranslate/flags/24/en.png" alt="English"></a>')
    assert "lang.multilingual" not in detect(gtranslate)
    # near misses: the widget beside a real English version, and a script-driven switcher with no
    # machine translation on the page, still lead to the agency's own pages in English
    found = detect(_GOOGLE_TRANSLATE + flags + '<a href="/en/">English</a>')
    assert [e.target for e in found["lang.multilingual"]] == ["http://www.example.go.th/en/"]
    assert detect('<a href="#" class="lang-switch">English</a>')["lang.multilingual"]


def test_an_embedded_facebook_page_box_is_the_agencys_profile():
    # the Page plugin and its older name, the Like Box, embed the agency's page in an iframe
    for plugin in ("page", "likebox"):
        found = detect(f'<div class="fb-box"><iframe src="https://www.facebook.com/plugins/{plugin}.php?href='
                       'https%3A%2F%2Fwww.facebook.com%2Fexample.agency&amp;show_faces=true&amp;stream=true" '
                       'width="300" height="500"></iframe></div>')
        assert [e.element for e in found["channel.social"]] == ["<iframe> facebook profile"], plugin
    # near miss: the Like button for the page itself is a share button, not an account
    found = detect('<iframe src="https://www.facebook.com/plugins/like.php?href=http%3A%2F%2Fwww.example.go.th%2F'
                   '&amp;layout=button_count" width="120" height="21"></iframe>')
    assert "channel.social" not in found


def test_markup_inside_comments_is_not_evidence():
    found = detect('<!-- <a href="https://www.facebook.com/agency">Facebook</a> <form action="/search"><input name="q"></form> -->')
    assert "channel.social" not in found and "site.search" not in found


def test_search_login_and_newsletter_forms_are_not_applications():
    search = build_page('<form action="/search"><input name="q"><button>ค้นหา</button></form>', URL).forms[0]
    login = build_page('<form method="post"><input name="user"><input type="password" name="pw"></form>', URL).forms[0]
    news = build_page('<form method="post">สมัครรับจดหมายข่าว <input name="email"><input name="name"></form>', URL).forms[0]
    apply = build_page('<form method="post" enctype="multipart/form-data"><input name="fullname"><input name="citizen_id">'
                       '<input type="file" name="doc"><button>ยื่นคำขอ</button></form>', URL).forms[0]
    assert [form_kind(f) for f in (search, login, news, apply)] == ["search", "login", "newsletter", "application"]
    found = detect('<form action="/search"><input name="q"></form>')
    assert "service.online_application" not in found and "site.search" in found


def test_registering_for_a_welfare_allowance_at_the_office_is_no_online_application():
    # a local government's menu item to its own notice of when and where to register ...
    menu = '<ul class="menu"><li><a href="{href}">{text}</a></li></ul>'
    for text in ("ลงทะเบียนผู้สูงอายุ", "ลงทะเบียนรับเบี้ยยังชีพ", "การลงทะเบียนผู้สูงอายุ/คนพิการ/ผู้ติดเชื้อ"):
        assert "service.online_application" not in detect(menu.format(href="/news/view/88", text=text)), text
    # ... but online said, or a link out to another agency's registration system, is the service
    assert detect(menu.format(href="/news/view/88", text="ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุออนไลน์"))["service.online_application"]
    assert detect(menu.format(href="https://ewelfare.example-dept.go.th/register/",
                              text="การลงทะเบียนผู้สูงอายุ/คนพิการ/ผู้ติดเชื้อ"))["service.online_application"]
    # and registering for anything else still is
    assert detect(menu.format(href="/event/register", text="ลงทะเบียนเข้าร่วมอบรม"))["service.online_application"]


def test_a_survey_of_the_agencys_own_staff_is_no_poll_of_the_public():
    box = '<div class="box"><a href="https://forms.gle/{key}">{text}</a></div>'
    staff = box.format(key="Xq7b2Lm9", text="แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) สำหรับบุคลากร")
    assert "participate.poll" not in detect(staff)
    public = box.format(key="Rt5k8Pz1", text="แบบสำรวจความคิดเห็นของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)")
    assert detect(public)["participate.poll"]


def test_a_form_for_one_lookup_is_no_site_search():
    # a staff phone book, the people entitled to a benefit, a parcel's tracking: each searches a
    # register, not the site ...
    phones = ('<form action="/phonebook/search.php" method="get"><label>ค้นหาเบอร์โทรศัพท์</label>'
              '<input type="text" name="name"><button type="submit">ค้นหา</button></form>')
    entitled = ('<form action="/check/eligible" method="post"><h3>ค้นหาผู้มีสิทธิ์</h3>'
                '<input type="text" name="idcard"><button type="submit">ค้นหา</button></form>')
    parcel = ('<form action="/track" method="get"><label for="t">ค้นหาพัสดุ</label>'
              '<input id="t" type="text" name="barcode"><input type="submit" value="ค้นหา"></form>')
    staff = ('<form action="/directory/search" method="get"><h2>Staff directory</h2>'
             '<input type="search" name="q"><button>Search</button></form>')
    for lookup in (phones, entitled, parcel, staff):
        assert "site.search" not in detect(lookup)
    # ... the site's own box, beside them, searches the site
    site = ('<form action="/search" method="get"><label>ค้นหาข้อมูลภายในเว็บไซต์</label>'
            '<input type="text" name="keyword"><input type="submit" value="ค้นหา"></form>')
    assert detect(phones + site)["site.search"]
    assert detect('<form action="/search"><h2>Search this site</h2><input type="search" name="q"></form>')["site.search"]


def test_a_form_that_wraps_the_page_is_not_an_application():
    # ASP.NET WebForms / SharePoint: the whole page, menus and search box included, is one post form
    menu = "".join(f'<li><a href="/Pages/p{i}.aspx">Topic {i}</a></li>' for i in range(30))
    fields = '<select name="topic"></select><select name="year"></select><input name="ctl00_sbox">'
    wrapper = f'<form method="post" action="/Pages/FAQ.aspx"><ul>{menu}</ul>{fields}<p>Check the status of your complaint</p></form>'
    assert form_kind(build_page(wrapper, URL).forms[0]) == "page"
    assert not {"service.online_application", "service.end_to_end"} & set(detect(wrapper))
    # the same fields in a form of their own are one
    assert form_kind(build_page(f'<form method="post" action="/apply">{fields}</form>', URL).forms[0]) == "application"
    # and a page-wrapping form that uploads a file is a submission
    upload = build_page(f'<form method="post"><ul>{menu}</ul><input name="name"><input type="file" name="doc"></form>', URL)
    assert form_kind(upload.forms[0]) == "application"


def test_a_multimedia_or_youtube_section_is_audio_video():
    # Thai agency templates label their clip sections in English, with an icon: "Youtube", "Multimedia"
    for section, href in (("Multimedia", "/index.php/group/MediaGroup"), ("Youtube", "/index.php/group/YoutubeGroup")):
        found = detect(f'<div class="tab-pane"><a class="btn" href="{href}"><i class="fa fa-video-camera"></i> {section} </a>'
                       '<a class="btn" href="/index.php/gallery/GalleryGroup">Gallery</a></div>')
        assert "media.audio_video" in found, section
    # near misses: a multimedia degree programme, a multimedia room to book, a photo gallery
    for near_miss in ("Multimedia Technology Program", "Book the Multimedia Room", "Photo Gallery"):
        assert "media.audio_video" not in detect(f'<ul class="menu"><li><a href="/p/1.html">{near_miss}</a></li></ul>'), near_miss


def test_poll_widget_and_quiz():
    found = detect('<form action="/poll" method="post"><p>ท่านพึงพอใจหรือไม่</p><input type="radio" name="vote">'
                   '<button>โหวต</button></form>')
    assert found["participate.poll"][0].element.startswith("<form")
    assert "participate.poll" not in detect('<a href="https://docs.google.com/forms/d/x">2302(c) Quiz</a>')


ID_URL = "http://www.contoh.go.id/index.html"


def _choice_form(heading, question, choices, button):
    """A poll widget as CMS templates draw it: the heading, the question and the script's button
    around a <form> that holds only the radio buttons."""
    radios = "".join(f'<label><input type="radio" name="pilihan" value="{i}">{c}</label>' for i, c in enumerate(choices))
    return (f'<div class="widget"><h4>{heading}</h4><div class="alert"><div class="form-group"><b>{question}</b>'
            f'<form>{radios}</form><div class="tombol"><input type="button" onclick="kirim(2)" value="{button}"></div>'
            '</div></div></div>')


def test_a_poll_whose_heading_and_button_sit_around_its_choices():
    found = detect(_choice_form("Polling", "Bagaimana penampilan website ini?", ("Bagus", "Biasa", "Jelek"), "Vote"),
                   ID_URL)
    assert found["participate.poll"][0].element.startswith("<form")
    # near misses: choices around which nothing says poll (a display theme to pick), and a box
    # titled poll around a form a person types into (a name and an e-mail: a sign-up)
    theme = _choice_form("Tampilan", "Pilih tema tampilan", ("Terang", "Gelap"), "Terapkan")
    assert "participate.poll" not in detect(theme, ID_URL)
    typed = ('<div class="widget"><h4>Polling</h4><form><input type="text" name="nama"><input type="radio" name="x">'
             '<input type="email" name="email"></form><input type="button" value="Vote"></div>')
    assert "participate.poll" not in detect(typed, ID_URL)


def test_a_search_box_a_script_runs_is_named_by_its_prompt_in_the_pages_language():
    # a theme's box with no form of its own: the script reads it as the visitor types
    box = '<div class="header-search"><input class="form-control" placeholder="Cari..." id="kata" type="text" onkeyup="cari()"></div>'
    assert detect(box, ID_URL)["site.search"][0].element == "<input> search box"
    # near misses: boxes that ask for something else (a name, an e-mail for the newsletter)
    for prompt in ("Nama lengkap", "Masukkan alamat email anda"):
        assert "site.search" not in detect(box.replace("Cari...", prompt), ID_URL), prompt


def test_a_banner_whose_long_alt_is_its_only_words_is_no_news_teaser():
    # a row of banners to national portals: each picture is the link, its alt says what it is
    banners = ('<ul><li><a href="https://services.india.gov.in"><img src="banner_150_40.jpg" alt="https://services.'
               'india.gov.in, the National Government Services Portal of India"></a></li>'
               '<li><a href="https://www.nvsp.in/"><img src="nvsp.jpg" alt="National Voters Service Portal, Election '
               'Commission of India"></a></li></ul>')
    found = detect(banners, "http://collector.example.nic.in/index.html")
    assert [(e.target, e.region) for e in found["connected.one_stop"]] == [("https://services.india.gov.in", "main")]
    # near misses: a teaser whose thumbnail sits beside a headline of its own words, and a
    # thumbnail link in an item that carries the story's headline, stay items of a news list
    view = build_page('<ul><li><img src="t1.jpg"><a href="/news/1">Collector opens a kiosk of the national services '
                      'portal at the taluka office</a></li><li><img src="t2.jpg"><a href="/news/2">District '
                      'administration reviews the drinking water supply in the villages</a></li></ul>', URL)
    assert {link.region for link in view.links} == {"listing"}
    view = build_page('<ul><li><a href="/news/1"><img src="t1.jpg" alt="Collector opens a kiosk of the national '
                      'services portal at the taluka office"></a><p>Collector opens a kiosk of the national services '
                      'portal at the taluka office</p></li><li><a href="/news/2"><img src="t2.jpg" alt="District '
                      'administration reviews the drinking water supply"></a><p>District administration reviews the '
                      'drinking water supply</p></li></ul>', URL)
    assert {link.region for link in view.links} == {"listing"}


def test_video_players_and_channels_but_not_a_cookie_table():
    assert detect('<iframe src="https://www.youtube.com/embed/abc"></iframe>')["media.audio_video"][0].element == "<iframe>"
    assert detect('<video src="/media/intro.mp4"></video>')["media.audio_video"]
    assert "media.audio_video" not in detect("<table><tr><td>YouTube</td><td>cookie set by embedded videos</td></tr></table>")


def test_language_switcher_needs_a_link_to_the_sites_own_pages():
    assert detect('<a href="/en/index.html">English</a>')["lang.multilingual"]
    assert detect('<a href="/eng/index.php"><img src="flag/ENG.gif"></a>')["lang.multilingual"]
    assert "lang.multilingual" not in detect("<p>เว็บไซต์สองภาษาเต็มรูปแบบ ภาษาไทย / English</p>")
    assert "lang.multilingual" not in detect('<a href="https://job.example.go.th">job.example.go.th</a>')
    # a machine translation of the page is not the agency's content in that language
    assert "lang.multilingual" not in detect('<a href="https://translate.google.com/translate?sl=th&amp;tl=en&amp;u=x">English</a>'
                                             '<a href="https://www-example-go-th.translate.goog/?_x_tr_tl=en">EN</a>')


def test_text_resize_controls_and_hidden_inputs():
    assert detect('<a href="javascript:clickFont(\'large\');">A</a>')["access.text_resize"]
    assert detect('<button id="btnLarge" onclick="changeFontSize(this)">+</button>')["access.text_resize"]
    assert "access.text_resize" not in detect('<input type="hidden" name="url" value="/book-a-driving-theory-test">')


def test_text_resize_images_bound_by_script_are_controls():
    # templates draw the size buttons as bare images and bind them by a data attribute from a
    # script (document.querySelectorAll("img[data-action]")), with no link and no onclick
    buttons = ('<div class="tools"><img src="/img/nav/font-minus.png" alt="ลดขนาด" data-action="decrease">'
               '<img src="/img/nav/font-plus.png" alt="เพิ่มขนาด" data-action="increase"></div>'
               '<script>document.querySelectorAll("img[data-action]").forEach(b => b.addEventListener("click", grow));</script>')
    assert detect(buttons)["access.text_resize"]
    assert detect('<span role="button" class="text-larger" tabindex="0">ก</span>')["access.text_resize"]
    # near misses: the same names on a picture nobody can press, and a shop's quantity buttons
    assert "access.text_resize" not in detect('<img src="/img/banner/font-plus.png" alt="font-plus">')
    assert "access.text_resize" not in detect('<img src="/img/qty-plus.png" alt="เพิ่มจำนวน" data-action="increase">')


def test_a_gallery_picture_a_script_opens_larger_is_no_control():
    # a contrast button bound by a data attribute is a control ...
    assert detect('<img src="/img/nav/contrast.png" alt="ปรับสี" data-action="contrast">')["access.contrast"]
    # ... a photo a lightbox script opens is a picture, whatever its alt says (a building repainted)
    gallery = ('<div class="gallery"><img src="/uploads/album/12/01.jpg" alt="ปรับสีอาคารสำนักงาน" data-action="lightbox">'
               '<span data-fancybox="album" role="button"><img src="/uploads/album/12/02.jpg" alt="ปรับสีอาคาร"></span>'
               '<img src="/uploads/album/12/03.jpg" alt="ปรับสีรั้วโรงเรียน" role="button" data-lightbox="album"></div>')
    assert "access.contrast" not in detect(gallery)



def test_an_accordion_or_a_card_bound_by_script_is_no_button():
    # a button drawn as a div with ARIA's role is still a button ...
    assert detect('<div role="button" tabindex="0" class="btn-contrast">ความคมชัดสูง</div>')["access.contrast"]
    # ... but an FAQ's question that opens its answer (Bootstrap's collapse) is a question, and a
    # news card a script opens holds a headline: neither names a button of the page
    faq = ('<div class="faq"><div class="card"><div class="card-header" role="button" data-toggle="collapse" '
           'data-target="#q3">ทำอย่างไรจึงจะปรับขนาดตัวอักษรบนหน้าจอโทรศัพท์ให้ใหญ่ขึ้น</div>'
           '<div id="q3" class="collapse">ตอบ ใช้เมนูการตั้งค่าของโทรศัพท์</div></div></div>')
    assert "access.text_resize" not in detect(faq)
    assert "access.contrast" not in detect(faq.replace('data-toggle="collapse"', 'data-bs-toggle="collapse"')
                                          .replace("ปรับขนาดตัวอักษร", "ปรับสี"))
    card = ('<div class="card" data-action="open-news" data-id="55"><h4>กรมอนามัยแนะปรับสีอาหารกลางวันเด็ก</h4>'
            '<p>12 ต.ค. 2566</p></div>')
    assert "access.contrast" not in detect(card)


def test_text_resize_letters_drawn_as_plain_elements():
    # Thai templates draw the sizes as the same letter in growing classes, each its own element
    # with no link, bound by class from a script
    row = ('<li class="tools"><div class="font-small text-button">ก</div><div class="font-medium text-button">ก</div>'
           '<div class="font-large text-button">ก</div></li>')
    assert detect(row)["access.text_resize"]
    # near misses: clause letters, each in its own paragraph, and an index of the alphabet
    assert "access.text_resize" not in detect('<p><span class="num">ก</span> ผู้ยื่นคำขอ</p>'
                                              '<p><span class="num">ก</span> ผู้รับมอบอำนาจ</p>')
    assert "access.text_resize" not in detect('<div class="az"><span>ก</span><span>ก</span><span>ข</span>'
                                              '<span>ค</span></div>')
    # nor a row of grades or marks drawn alike: an integrity assessment's results, year by year
    grades = ('<div class="ita-result"><span>ปี 2564</span><span class="grade">A</span><span>ปี 2565</span>'
              '<span class="grade">A</span><span>ปี 2566</span><span class="grade">A</span></div>')
    assert "access.text_resize" not in detect(grades)
    assert "access.text_resize" not in detect('<ul class="score"><li>A</li><li>A</li><li>A</li><li>C</li></ul>')


def test_text_resize_letters_with_signs_drawn_as_plain_elements():
    # Thai templates also write the sign beside the letter ("ก- ก ก+", "A- A A+"), each size its own
    # element with no link, bound by class from a script
    row = ('<div class="size-tools"><span class="size-down">ก-</span><span class="size-normal">ก</span>'
           '<span class="size-up">ก+</span></div>')
    assert detect(row)["access.text_resize"]
    assert detect('<div class="fs"><div class="sm">A-</div><div class="md">A</div><div class="lg">A+</div></div>')[
        "access.text_resize"]
    # near misses: a legend of grades holds the next letter, and grades drawn alike are text
    legend = ('<div class="grades"><span class="g1">A+</span><span class="g2">A</span><span class="g3">B+</span>'
              '<span class="g4">B</span></div>')
    assert "access.text_resize" not in detect(legend)
    assert "access.text_resize" not in detect('<div class="ita"><span class="grade">A+</span>'
                                              '<span class="grade">A</span></div>')


def test_icon_buttons_take_the_label_beside_them():
    # Thai templates write the size label in a <span> and draw the - / + buttons as icons
    buttons = ('<button class="btn_size" id="down"><i class="fa fa-minus"></i></button>'
               '<button class="btn_size" id="up"><i class="fa fa-plus"></i></button>')
    assert detect(f'<div class="scale"><span>ขนาดอักษร</span>{buttons}</div>')["access.text_resize"]
    # a sentence about the browser's keys is prose, not a label of the close button in it
    prose = ('<p>ท่านสามารถปรับขนาดตัวอักษรของหน้าเว็บได้ด้วยการกดปุ่ม Ctrl พร้อมกับปุ่ม + หรือ - บนแป้นพิมพ์'
             '<button class="close"><i class="fa fa-times"></i></button></p>')
    assert "access.text_resize" not in detect(f'<div class="notice">{prose}</div>')
    # a button with words of its own, or a text box, is named by itself, not by the label beside it
    assert "access.text_resize" not in detect('<div class="tools"><span>ขนาดตัวอักษร</span><button>ค้นหา</button></div>')
    assert "access.text_resize" not in detect('<div class="tools"><span>ขนาดตัวอักษร</span><input type="text" name="q"></div>')



def test_a_player_or_a_form_captioned_with_listening_reads_nothing_aloud():
    # a reading-aloud button drawn as an icon, captioned beside it, is the feature ...
    speaker = '<div class="tools"><span>ฟังเสียงอ่าน</span><button type="button" id="rs"><i class="fa fa-volume-up"></i></button></div>'
    assert detect(speaker)["access.read_aloud"]
    # ... a municipality's loudspeaker broadcast with its play button, and a box that hears the
    # public's voice with its send button, are not
    radio = ('<div class="radio-box"><span>ฟังเสียงตามสายย้อนหลัง</span><button type="button" class="btn-play">'
             '<i class="fa fa-play"></i></button></div>')
    assert "access.read_aloud" not in detect(radio)
    voice = ('<form class="voice" action="/complaint" method="post"><span>รับฟังเสียงประชาชน</span>'
             '<input type="text" name="msg"><button type="submit"><i class="fa fa-paper-plane"></i></button></form>')
    assert "access.read_aloud" not in detect(f'<div class="box">{voice}</div>')


def test_a_headline_about_a_read_aloud_system_reads_nothing_aloud():
    # a story about a new read-aloud system, in a news list or in the body, is news ...
    story = '<a href="/news/detail/1523">กรมฯ เปิดตัวระบบอ่านออกเสียงข่าวสารสำหรับผู้พิการทางสายตา</a>'
    assert "access.read_aloud" not in detect(f'<div class="news"><h3>{story}</h3></div>')
    assert "access.read_aloud" not in detect(f'<div class="content"><p>{story}</p></div>')
    # ... a menu item that names it, or a link to a read-aloud service, is the feature
    assert detect('<ul class="menu"><li><a href="/tts/index.php">ระบบอ่านออกเสียง</a></li></ul>')["access.read_aloud"]
    assert detect('<div><a href="https://app-as.readspeaker.com/cgi-bin/rsent?customerid=1">ฟัง</a></div>')["access.read_aloud"]


def test_generic_link_uses_its_context_only_with_specific_terms():
    assert detect('<p>You can pay car tax online or by phone. <a href="https://tax.example.gov/start">Start now</a></p>'
                  )["payment.online"]
    assert "payment.online" not in detect('<p>May an employee accept contributions to help pay for the costs? '
                                          '<a href="#q1">Q:</a></p>')


def test_government_links_exclude_the_site_itself():
    found = detect('<a href="https://www.example.go.th/about">เกี่ยวกับ</a><a href="https://www.dga.go.th/">DGA</a>')
    assert [e.target for e in found["info.gov_links"]] == ["https://www.dga.go.th/"]


@pytest.mark.parametrize("host, government", [
    ("www.rtarf.mi.th", True), ("www.navy.mi.th", True), ("www.tni.mil.id", True), ("www.army.mil", True),
    ("www.bangkok.go.th", True), ("www.tambon.go.th", True),
    # near misses: a university, a foundation and a company a government page may link to
    ("www.mahidol.ac.th", False), ("www.redcross.or.th", False), ("www.mi.co.th", False), ("mil.example.com", False),
])
def test_government_hosts_include_the_armed_forces(host, government):
    found = detect(f'<a href="https://{host}/">หน่วยงาน</a>')
    assert ("info.gov_links" in found) == government


@pytest.mark.parametrize("host, government", [
    # public organisations and state enterprises of the shipped Thai list, under .or.th, .co.th and .org
    ("www.gistda.or.th", True), ("www.egat.co.th", True), ("www.tourismthailand.org", True),
    # near misses: a private bank and a foundation on the same suffixes
    ("www.scb.co.th", False), ("www.redcross.or.th", False), ("www.tourismthailand.com", False),
])
def test_agencies_of_the_shipped_list_are_government_whatever_their_suffix(host, government):
    found = detect(f'<a href="https://{host}/">หน่วยงานที่เกี่ยวข้อง</a>')
    assert ("info.gov_links" in found) == government


def test_a_listed_agencys_own_subdomains_are_not_another_agency():
    found = detect('<a href="https://epay.pea.co.th/">ชำระค่าไฟฟ้า</a><a href="https://www.egat.co.th/">กฟผ.</a>',
                   url="https://www.pea.co.th/index.html")
    assert [e.target for e in found["info.gov_links"]] == ["https://www.egat.co.th/"]


def test_banners_that_open_a_page_from_onclick_are_links():
    # agencies draw service banners as images with a click handler instead of <a href>
    found = detect('<img src="/b/1.png" title="แบบฟอร์มดาวน์โหลด" onclick="window.open(\'/forms/index.html\')">'
                   '<div onclick="location.href=\'https://www.mfa.go.th/\'">กระทรวงการต่างประเทศ</div>'
                   '<a href="#" onclick="window.location = \'/eservice/apply.html\'">ยื่นคำขอออนไลน์</a>')
    assert [(e.target, e.element) for e in found["forms.download"]] == [
        ("http://www.example.go.th/forms/index.html", "<img onclick>")]
    assert ("https://www.mfa.go.th/", "<div onclick>") in [(e.target, e.element) for e in found["info.gov_links"]]
    assert [e.target for e in found["service.online_application"]] == ["http://www.example.go.th/eservice/apply.html"]
    # a click handler that does something else on the page is not a link
    found = detect('<img src="/b/2.png" title="แบบฟอร์มดาวน์โหลด" onclick="zoomIn(this)">')
    assert "forms.download" not in found


def test_jump_menus_image_titles_and_map_areas_are_links():
    # the "ลิงก์หน่วยงาน" drop-down of Thai templates, a banner named only by its title, an image map
    found = detect('<select onchange="window.open(this.value)"><option value="">-- ลิงก์หน่วยงาน --</option>'
                   '<option value="http://www.moi.go.th/">กระทรวงมหาดไทย</option></select>'
                   '<a href="/es/index.html"><img src="/b/es.png" title="บริการ e-Service"></a>'
                   '<map name="m"><area shape="rect" coords="0,0,9,9" href="/pay/index.html" alt="ชำระเงินออนไลน์"></map>')
    assert [(e.target, e.element, e.text) for e in found["info.gov_links"]] == [
        ("http://www.moi.go.th/", "<option> of a jump menu", "กระทรวงมหาดไทย")]
    assert [e.target for e in found["service.online_application"]] == ["http://www.example.go.th/es/index.html"]
    assert [(e.target, e.element) for e in found["payment.online"]] == [("http://www.example.go.th/pay/index.html", "<area>")]
    # a drop-down that filters the page (its options are not addresses) is not a menu of links
    found = detect('<select onchange="__doPostBack(\'f\', this.value)"><option value="2567">กระทรวงมหาดไทย 2567</option></select>')
    assert "info.gov_links" not in found


def test_laws_section_but_not_a_headline_or_the_law_department():
    found = detect('<a href="/law.html">กฎหมายและระเบียบที่เกี่ยวข้อง</a>')
    assert [e.text for e in found["info.legal"]] == ["กฎหมายและระเบียบที่เกี่ยวข้อง"]
    found = detect('<a href="/news/12.html">City of Akron Introduces Legislation to Raise the Age for Tobacco Sales '
                   'from 18 to 21</a><a href="/files/claim.pdf">Law Department Claim Form</a>')
    assert "info.legal" not in found


def test_digital_id_sign_in_written_by_a_script():
    found = detect('<script>var menu = [{"t": "My account", "u": "https://signin.mygovscot.org/portal/?client=x"}];</script>')
    assert [(e.target, e.element) for e in found["connected.data_exchange"]] == [
        ("https://signin.mygovscot.org/portal/?client=x", "<script> sign-in URL")]
    # other URLs in scripts are not links, and a script's src is not its text
    found = detect('<script>track("https://www.google-analytics.com/collect");</script>'
                   '<script src="https://singpass.gov.sg/static/x.js"></script>')
    assert "connected.data_exchange" not in found


def test_text_evidence_is_cut_between_words_and_marked_where_the_text_goes_on():
    words = " ".join(f"word{i}" for i in range(60))
    found = detect(f"<p>{words}</p><footer>{words} Department of Examples, 100 Main Road, Bangkok 10200. "
                   f"Phone 02-123-4567, e-mail info@example.go.th {words}</footer>")
    text = next(e.text for e in found["info.contact"] if e.element == "page text (address block)")
    assert "02-123-4567" in text
    assert text.startswith("… word") and text.endswith(" …")
    inner = text[2:-2].split(" ")
    assert inner[0].startswith("word") and inner[0][4:].isdigit() and inner[-1].startswith("word") and inner[-1][4:].isdigit()
    # Thai runs without spaces are cut where they are, still with the marks
    thai = "ข้อมูลการติดต่อหน่วยงานราชการ" * 10
    found = detect(f"<footer>{thai} ที่อยู่ ถนนราชดำเนิน กรุงเทพฯ 10200 โทร 02-123-4567 {thai}</footer>")
    text = next(e.text for e in found["info.contact"] if e.element == "page text (address block)")
    assert "02-123-4567" in text and text.startswith("… ") and text.endswith(" …")


def test_a_phone_number_written_for_readers_abroad_is_the_agencys_phone():
    # "+66 (0) 2…": the international form keeping the trunk 0 in brackets, beside an English address
    footer = ('<footer><h4>Information About</h4><div>99 Example Road, Salaya, Nakhon Pathom 73170 Thailand</div>'
              '<div>{phone}</div><a href="mailto:web@example.ac.th">Webmaster</a></footer>')
    for phone in ("+66 (0) 2849-6000", "+66(0)2-849-6000", "Tel. +66 (0) 53 885 555"):
        found = detect(footer.format(phone=phone))
        assert any(e.element == "page text (address block)" for e in found.get("info.contact", [])), phone
    # near miss: a number in brackets with no address or e-mail near it is not an address block
    found = detect('<footer><div>Hotline +66 (0) 2849-6000</div></footer>')
    assert not any(e.element == "page text (address block)" for e in found.get("info.contact", []))


def test_the_web_designers_phone_in_the_credit_is_not_the_agencys_address_block():
    def block(html):
        return any(e.element == "page text (address block)" for e in detect(html).get("info.contact", []))
    # the footer names the agency and its district; the only phone and e-mail are the vendor's
    credit = ('<footer><p>องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดขอนแก่น</p>'
              '<p>ออกแบบและพัฒนาโดย บริษัท เว็บไซต์ไทย จำกัด โทร 081-234-5678 อีเมล sales@webthai.co.th</p></footer>')
    assert not block(credit)
    assert not block('<footer><p>Copyright © 2567 เทศบาลตำบลบ้านใหม่</p>'
                     '<p>ออกแบบเว็บไซต์โดย หจก. ไทยเว็บดีไซน์ โทร 089-111-2222</p></footer>')
    # the agency's own number beside its address still is, with the credit after it
    assert block('<footer><p>องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดขอนแก่น 40000 โทร 043-123456</p>'
                 '<p>ออกแบบและพัฒนาโดย บริษัท เว็บไซต์ไทย จำกัด โทร 081-234-5678</p></footer>')


def test_an_image_whose_alt_is_its_file_name_is_named_by_its_title():
    # a media library fills the alt with the uploaded file's name and keeps the words in the title
    banner = ('<div class="textwidget"><a href="/?page_id=915"><img src="/wp-content/uploads/2014/01/{src}" '
              'alt="{alt}" title="{title}" width="145" height="60"></a></div>')
    for src in ("site_6.jpg", "site_6-300x95.jpg"):
        found = detect(banner.format(src=src, alt="site_6", title="แบบประเมินความพึงพอใจ"))
        assert "participate.poll" in found, src
    # near miss: the title names a staff appraisal, which is no poll
    found = detect(banner.format(src="site_6.jpg", alt="site_6", title="แบบประเมินผลการปฏิบัติราชการ"))
    assert "participate.poll" not in found
    # an alt of words of its own still names the image, whatever its title says
    found = detect(banner.format(src="site_6.jpg", alt="รายงานประจำปี", title="แบบประเมินความพึงพอใจ"))
    assert "participate.poll" not in found


def test_an_alt_that_is_only_the_file_name_leaves_the_link_to_its_file_and_address():
    # a CMS writes the file's name as the alt ("eng icon2" for eng_icon2.jpg): the English switch
    # is then told, as for an image with no alt, by where it leads on the agency's own site
    switch = '<div class="languageswitcherload"><a href="{href}"><img src="/images/udrunews/eng_icon2.jpg" alt="eng icon2"></a></div>'
    assert "lang.multilingual" in detect(switch.format(href="/english"))
    # near miss: the same picture leading to another site (an English test) switches nothing
    assert "lang.multilingual" not in detect(switch.format(href="https://www.english-test.example.com/english"))


def test_an_image_named_in_thai_words_says_what_it_is_when_its_alt_is_the_file_name():
    """Thai staff upload pictures named in Thai words, and the CMS copies that name into the alt:
    "แบบประเมินความพึงพอใจ.png" says what the link is, where "site_6.jpg" says nothing."""
    banner = '<div class="widget"><a href="/content/12"><img src="/uploads/{name}.png" alt="{name}"></a></div>'
    assert "participate.poll" in detect(banner.format(name="แบบประเมินความพึงพอใจ"))
    # near miss: a Thai file name that names something else is read as what it says
    assert "participate.poll" not in detect(banner.format(name="รายงานประจำปี"))
    # and a Latin file name is still no words of the link's own
    assert "participate.poll" not in detect(banner.format(name="poll_banner_1"))


def test_an_alt_that_is_a_picture_word_and_a_counter_is_no_words():
    """A camera or a media library numbers the pictures ("ภาพกิจกรรม 001", "IMG_1234", "แบนเนอร์1")
    and the CMS copies that into the alt, whatever the file is renamed to on upload: a counter
    says nothing of the link, so a photo of an album is not the news section."""
    album = ('<div class="album"><a href="/gallery/view/{n}"><img src="/uploads/2567/01/65a1b2c3{n}.jpg" alt="{alt}"></a>'
             '<a href="/gallery/view/9{n}"><img src="/uploads/2567/01/7f3e{n}.jpg" alt="IMG_1234"></a></div>')
    for alt in ("ภาพกิจกรรม 001", "ภาพกิจกรรม (12)", "ภาพกิจกรรม_3"):
        assert "info.news" not in detect(album.format(n=1, alt=alt)), alt
    # near miss: the picture word alone, or with what the picture shows, is the link's words
    assert detect(album.format(n=1, alt="ภาพกิจกรรม"))["info.news"]
    assert detect(album.format(n=1, alt="ภาพกิจกรรมวันเด็กแห่งชาติ 2567"))["info.news"]
    # a counter in the alt gives way to a title that says what the picture is
    titled = '<div><a href="/news/list"><img src="/up/b1.jpg" alt="แบนเนอร์1" title="ข่าวประชาสัมพันธ์"></a></div>'
    assert detect(titled)["info.news"]


# Further indicators as agencies word them, in Thai and English, each with a near miss
# (written for these tests, in the style of Thai and English government templates).
FURTHER = [
    ("access.text_resize", '<div class="tools"><a href="#" onclick="resize(-1)">ก-</a><a href="#" onclick="resize(0)">ก</a>'
                           '<a href="#" onclick="resize(1)">ก+</a></div>', True),
    ("access.text_resize", '<a href="javascript:void(0)" onclick="zoom(1)">A+</a><a href="javascript:void(0)">A-</a>', True),
    ("access.text_resize", '<button aria-label="Increase text size">+</button>', True),
    ("access.text_resize", '<p>กรุณาระบุขนาดตัวอักษรบนป้ายตามประกาศ</p><a href="/grades.html">A+</a>', False),
    ("access.contrast", '<a href="#" onclick="setTheme(2)">ดำเหลือง</a>', True),          # black on yellow, a colour mode
    ("access.contrast", '<a href="/news/pens.html">ปากกาสีดำเหลือง</a>', False),            # another page, not a switch
    ("access.contrast", '<button onclick="setTheme(2)">ดำเหลือง</button>', True),
    ("access.contrast", '<button id="high-contrast" aria-label="High contrast">◐</button>', True),
    ("access.contrast", '<p>The contrast between the two policies is large.</p>', False),
    ("access.read_aloud", '<button onclick="speak()">ฟังเสียงอ่าน</button>', True),
    ("access.read_aloud", '<a href="#" id="readspeaker_button1" class="rsbtn_play">Listen</a>', True),
    ("access.read_aloud", '<p>Read the announcement at the meeting.</p>', False),
    ("access.service_manual", '<a href="/manual/citizen.pdf">คู่มือสำหรับประชาชน</a>', True),
    ("access.service_manual", '<a href="/guides/applying.html">Service guide for citizens</a>', True),
    ("access.service_manual", '<a href="/staff/ops.pdf">คู่มือการปฏิบัติงานของเจ้าหน้าที่</a>'
                              '<a href="/it/manual.pdf">คู่มือการใช้งานระบบสำหรับเจ้าหน้าที่</a>', False),
    ("access.service_manual", '<a href="/hr/docs.html">คู่มือ/เอกสารด้าน HR</a>', False),
    ("access.service_manual", '<a href="/ita/o10.pdf">คู่มือหรือมาตรฐานการปฏิบัติงาน</a>', False),
    ("access.service_manual", '<a href="/blog/7">Before you post: the new workforce guidance on social media, explained</a>', False),
    ("access.service_manual", '<a href="/help/site.html">How to use this website</a>', True),
    ("access.service_manual", '<a href="/pages/hatch-act.html">Social Media Guidance</a>', False),
    ("access.service_manual", '<a href="https://www.bbc.co.uk/accessibility/">Find out how to use your keyboard</a>', False),
    ("policy.website", '<a href="/policy.html">นโยบายเว็บไซต์</a>', True),
    ("policy.website", '<a href="/website-policy">Website policy</a>', True),
    ("policy.website", '<a href="/strategy.html">นโยบายและแผนยุทธศาสตร์</a>', False),
    ("policy.privacy", '<a href="/pdpa.html">นโยบายการคุ้มครองข้อมูลส่วนบุคคล</a>', True),
    ("policy.privacy", '<a href="/privacy">Privacy notice</a>', True),
    ("policy.privacy", '<a href="/news/41">New data protection rules: what they mean for small businesses this year</a>', False),
    ("policy.privacy", '<a href="/news/42">อบรมกฎหมาย PDPA ให้แก่บุคลากร</a><a href="/news/43">สัมมนาเรื่องกฎหมาย PDPA</a>', False),
    ("policy.security", '<a href="/security.html">นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์</a>', True),
    ("policy.security", '<a href="/security-policy">Website security policy</a>', True),
    ("policy.security", '<a href="/unit/guard.html">กองรักษาความปลอดภัย</a>', False),
    ("opendata.portal", '<a href="https://data.go.th/">ศูนย์กลางข้อมูลเปิดภาครัฐ</a>', True),
    ("opendata.portal", '<a href="https://www.data.gov.uk/">Find open data</a>', True),
    ("opendata.portal", '<a href="https://www.example.go.th/data.html">ข้อมูลทั่วไป</a>', False),
    ("channel.mobile_app", '<a href="https://play.google.com/store/apps/details?id=th.go.example">ดาวน์โหลดแอปพลิเคชัน</a>', True),
    ("channel.mobile_app", '<a href="https://apps.apple.com/th/app/example/id123456">Download on the App Store</a>', True),
    ("channel.mobile_app", '<p>ข่าวการพัฒนาของภาคเอกชน</p><a href="/jobs/apply.html">Job application form</a>', False),
    ("channel.chatbot", '<a href="https://line.me/R/ti/p/@exampleagency">แชทกับเจ้าหน้าที่ผ่าน LINE</a>', True),
    ("channel.chatbot", '<a href="https://m.me/exampleagency">Messenger</a>', True),
    ("channel.chatbot", '<p>บทความเรื่องเทคโนโลยีในอนาคต</p><a href="https://line.me/R/ti/p/@exampleagency">LINE</a>', False),
    ("channel.call_center", '<p>สายด่วน ๑๑๑๑</p>', True),
    ("channel.call_center", '<p>Call Center: 1506</p>', True),
    ("channel.call_center", '<p>โทร 02-123-4567</p>', False),
    ("participate.satisfaction", '<a href="/survey/satisfaction">แบบประเมินความพึงพอใจการให้บริการ</a>', True),
    ("participate.satisfaction", '<a href="/feedback/survey">Customer satisfaction survey</a>', True),
    ("participate.satisfaction", '<a href="/news/3">ประชุมคณะกรรมการ</a>', False),
    ("opendata.files", '<a href="/data/stat2567.csv">ดาวน์โหลดข้อมูลสถิติ (CSV)</a>', True),
    ("opendata.files", '<a href="/data/budget.xlsx">Open data: budget 2024 (XLSX)</a>', True),
    ("opendata.files", '<a href="/about.html">เกี่ยวกับเรา</a>', False),
    ("opendata.files", '<a href="/cgi-bin/news.xml">Subscribe to news</a>', False),
    ("opendata.files", '<a href="/sitemap.xml">Site map</a>', False),
    ("opendata.files", '<a href="/data/mobile-subscribers-2567.csv">Mobile subscribers 2567</a>', True),
    ("opendata.files", '<a href="/reports/foia-2015.xml">Annual FOIA report (XML)</a>', True),
    ("access.text_resize", '<a href="#" id="larger"><img src="/img/iconAplus.png" alt="เพิ่มขนาดตัวหนังสือ"></a>', True),
    ("access.text_resize", '<a href="#" id="larger"><img src="/img/a.png"></a>', True),
    ("access.text_resize", '<a href="javascript:;" class="btn font-smaller">ก</a>', True),
    ("access.text_resize", '<button>View larger image</button><a href="/gallery/2" class="larger">ภาพขนาดใหญ่</a>', False),
    # a template's style class on an ordinary button that stays on the page is not a size control
    ("access.text_resize", '<a href="#top" id="scroll-top" class="smaller gray">Back to Top</a>', False),
    ("access.text_resize", '<a href="#" class="larger">ขยายตัวอักษร</a>', True),
    ("policy.privacy", '<a href="/privacy">ประกาศความเป็นส่วนตัว</a>', True),
    ("policy.privacy", '<a href="/privacy">Personal information protection</a>', True),
    ("opendata.portal", '<a href="/catalog">บัญชีข้อมูล (Data Catalog)</a>', True),
    ("opendata.portal", '<a href="/datasets">ชุดข้อมูล</a>', True),
    ("opendata.portal", '<a href="/gov">ธรรมาภิบาลข้อมูลภาครัฐ</a><a href="/policy">นโยบายชุดข้อมูลเปิด</a>', False),
    ("opendata.portal", '<a href="/data-strategy">Open data strategy</a>', False),
    # an agency's own catalogue by its address, whatever the link says; a database or one dataset is not one
    ("opendata.portal", '<a href="https://gdcatalog.example.go.th/"><img src="/b/catalog.jpg"></a>', True),
    ("opendata.portal", '<a href="https://catalog.example.gov/dataset">Catalog</a>', True),
    ("opendata.portal", '<a href="https://database.example.go.th/">ฐานข้อมูล</a>'
                        '<a href="https://www.example.go.th/dataset/budget-2567">งบประมาณ</a>', False),
    # a picture served from a data host (a weather office's latest earthquake map) is that picture
    ("opendata.portal", '<h4>Gempa Terkini</h4><a href="http://data.bmkg.go.id/eqmap.gif">'
                        '<img src="http://data.bmkg.go.id/eqmap.gif"></a>', False),
    ("opendata.portal", '<a href="https://data.example.go.id/"><img src="/b/satudata.png"></a>', True),
]


# Stage features as agencies word them, in Thai and English, with near misses (written for these tests).
STAGE = [
    ("info.organization", '<a href="/about/structure.html">โครงสร้างองค์กร</a>', True),
    ("info.organization", '<a href="/about/vision.html">วิสัยทัศน์ พันธกิจ</a>', True),
    ("info.organization", '<a href="/exec.html">ผู้บริหาร</a>', True),
    ("info.organization", '<a href="/who-we-are">Who we are</a>', True),
    ("info.organization", '<a href="/leadership">Our leadership</a>', True),
    ("info.organization", '<a href="/agency.html">ข้อมูลหน่วยงาน</a>', True),
    ("info.organization", '<a href="/about.html">เกี่ยวกับกรม</a>', True),
    ("info.organization", '<a href="/about">About the Council</a>', True),
    ("info.organization", '<a href="/schools/meals">Find out about school meals</a>', False),
    # "เกี่ยวกับ" as "concerning", on an integrity (ITA) page every Thai agency publishes
    ("info.organization", '<a href="/ita/o30.html">ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้าง</a>', False),
    ("info.legal", '<a href="/law.html">กฎหมายที่เกี่ยวข้อง</a>', True),
    ("info.legal", '<a href="/regulations">Laws and regulations</a>', True),
    ("info.legal", '<a href="/royal.html">พระราชบัญญัติ</a>', True),
    ("info.news", '<a href="/news.html">ข่าวประชาสัมพันธ์</a>', True),
    ("info.news", '<a href="/activity.html">ข่าวกิจกรรม</a>', True),
    ("info.news", '<a href="/press">Press releases</a>', True),
    ("info.news", '<a href="/media">Newsroom</a>', True),
    ("info.news", '<a href="/warning/sign_up.php">สมัครสมาชิกข่าว Early Warning</a>', False),
    ("info.contact", '<a href="/contact.html">ติดต่อเรา</a>', True),
    ("info.contact", '<a href="/contact">Contact us</a>', True),
    ("info.contact", '<a href="/contact">ติดต่อหน่วยงาน</a>', True),
    ("forms.download", '<a href="/forms.html">ดาวน์โหลดแบบฟอร์ม</a>', True),
    ("forms.download", '<a href="/f/req.doc">แบบคำร้องทั่วไป</a>', True),
    ("forms.download", '<a href="/f/req.pdf">Application form (PDF)</a>', True),
    ("forms.download", '<a href="/report2566.pdf">รายงานประจำปี 2566</a>', False),
    ("forms.download", '<a href="/download.php">เอกสารดาวน์โหลด</a>', True),
    ("forms.download", '<a href="/f/pension.docx">คำร้องขอรับบำเหน็จบำนาญ</a>', True),      # a petition, as a file
    ("forms.download", '<a href="/f/a1.pdf">Form A-1</a>', True),
    ("forms.download", '<a href="/petition">ยื่นคำร้อง</a><a href="/f/thanks.pdf">คำขอบคุณจากอธิบดี</a>', False),
    ("media.audio_video", '<iframe src="https://www.youtube.com/embed/abc"></iframe>', True),
    ("media.audio_video", '<a href="/vdo.html">วีดิทัศน์</a>', True),
    ("media.audio_video", '<a href="/radio.html">รายการวิทยุ</a>', True),
    ("media.audio_video", '<a href="/podcast">Podcast</a>', True),
    ("media.audio_video", '<a href="/vdo">VDO</a>', True),
    ("media.audio_video", '<a href="/live">ถ่ายทอดสดการประชุมสภา</a>', True),
    ("media.audio_video", '<a href="/radio">Listen</a>', True),
    ("media.audio_video", '<a href="https://app-as.readspeaker.com/cgi-bin/rsent?customerid=1">Listen</a>', False),  # read aloud
    ("interact.two_way", '<a href="/complain.html">ร้องเรียน/ร้องทุกข์</a>', True),
    ("interact.two_way", '<a href="/webboard">กระดานสนทนา</a>', True),
    ("interact.two_way", '<a href="/qa">ถาม-ตอบ</a>', True),
    ("interact.two_way", '<a href="/qa">ถาม – ตอบ</a>', True),
    ("interact.two_way", '<a href="/qa">Q&amp;A</a>', True),
    ("interact.two_way", '<a href="/tip">แจ้งเบาะแสการทุจริต</a>', True),
    ("interact.two_way", '<a href="/ita/stat.pdf">ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตประจำปี</a>', False),
    ("interact.two_way", '<a href="/feedback">Send us feedback</a>', True),
    ("interact.two_way", '<a href="/report-complaint">แจ้งเรื่องร้องเรียนการทุจริต</a>', True),
    ("participate.poll", '<a href="/poll.html">แบบสำรวจความคิดเห็น</a>', True),
    ("participate.poll", '<a href="/hearing">รับฟังความคิดเห็น</a>', True),
    ("participate.poll", '<a href="/consult">Public consultations</a>', True),
    ("participate.poll", '<form><input type="radio" name="vote" value="1">ดีมาก'
                         '<input type="radio" name="vote" value="2">ดี<button>โหวต</button></form>', True),
    ("service.online_application", '<a href="/eservice">e-Service</a>', True),
    ("service.online_application", '<a href="/apply">ยื่นคำขอออนไลน์</a>', True),
    ("service.online_application", '<a href="/register">ลงทะเบียนออนไลน์</a>', True),
    ("service.online_application", '<a href="/apply">Apply online</a>', True),
    ("service.online_application", '<a href="/permit">ขอใบอนุญาตออนไลน์</a>', True),
    ("service.online_application", '<a href="/howto">ขั้นตอนการยื่นคำขออนุญาต</a><a href="/office">ยื่นคำขอได้ที่สำนักงาน</a>', False),
    ("service.online_application", '<a href="#other-ways">Other ways to apply</a>', False),
    ("service.online_application", '<form method="post" action="/request/save"><label>ชื่อผู้ยื่นคำขอ</label><input name="name">'
                                   '<label>ที่อยู่</label><input name="addr"><select name="type"><option>ขอข้อมูลข่าวสาร</option></select>'
                                   '<textarea name="detail"></textarea><button>ยื่นคำขอ</button></form>', True),
    ("service.online_application", '<form method="post" action="/contact/send"><input name="name" placeholder="ชื่อ">'
                                   '<input name="email" placeholder="อีเมล"><input name="subject" placeholder="เรื่อง">'
                                   '<textarea name="msg"></textarea><button>ส่งข้อความ</button></form>', False),
    ("service.online_application", '<a href="/jobs">รับสมัครงาน</a>', False),
    ("payment.online", '<a href="/pay">ชำระค่าธรรมเนียมออนไลน์</a>', True),
    ("payment.online", '<a href="/tax">ชำระภาษีออนไลน์</a>', True),
    ("payment.online", '<a href="/pay">Pay a fine online</a>', True),
    ("payment.online", '<a href="/pay">ชำระผ่าน QR Code</a>', True),
    ("payment.online", '<a href="/fees">การชำระค่าธรรมเนียม ณ สำนักงาน</a>', False),
    ("payment.online", '<a href="/maternity">Maternity pay entitlement</a>', False),
    ("payment.online", '<a href="/hr/pay">Pay &amp; Benefits</a><a href="/cashier">Make a payment in person</a>', False),
    ("payment.online", '<a href="/fees.html">อัตราค่าธรรมเนียม</a>', False),
    ("service.end_to_end", '<a href="/track">ติดตามสถานะคำขอ</a>', True),
    ("service.end_to_end", '<a href="/status">ตรวจสอบสถานะการยื่นคำขอ</a>', True),
    ("service.end_to_end", '<a href="/track">Track your application</a>', True),
    ("service.end_to_end", '<a href="/track">Track your driving licence application</a>', True),
    ("service.end_to_end", '<a href="/learning">Track your progress</a>', False),
    ("service.end_to_end", '<a href="/ecert">ขอหนังสือรับรองอิเล็กทรอนิกส์</a>', True),
    ("service.end_to_end", '<a href="/progress">ติดตามความคืบหน้าของคำขอ</a>', True),
    ("service.end_to_end", '<a href="/news/9">ติดตามความคืบหน้าโครงการก่อสร้างถนน</a>', False),
    ("service.end_to_end", '<a href="/ita/o12.pdf">รายงานการติดตามผลการดำเนินงานประจำปี</a>', False),
    ("connected.data_exchange", '<a href="https://imauth.bora.dopa.go.th/">เข้าสู่ระบบด้วย ThaID</a>', True),
    ("connected.data_exchange", '<a href="/login">Sign in with ThaiD</a>', True),
    ("connected.data_exchange", '<a href="/nocopy">ไม่ต้องใช้สำเนาเอกสาร</a>', True),
    ("connected.data_exchange", '<a href="/oauth/google">Sign in with Google</a><a href="/sso">SSO login for staff</a>', False),
    ("connected.one_stop", '<a href="https://www.xn--r3cdmn3a1b.com/">ทางรัฐ</a>', True),
    ("connected.one_stop", '<a href="/osc">ศูนย์บริการร่วม (One Stop Service)</a>', True),
    ("connected.one_stop", '<a href="https://biz.gov.go.th">Biz Portal</a>', True),
    ("connected.one_stop", '<a href="https://www.gecc.go.th/">ศูนย์บริการประชาชน GECC</a>', True),
    # sections of universities, departments and state enterprises, each with a near miss
    ("info.legal", '<a href="/announce">ประกาศมหาวิทยาลัย</a>', True),
    ("info.legal", '<a href="/circulars">หนังสือราชการ</a>', True),
    ("info.legal", '<a href="/rules">ระเบียบ/ข้อบังคับ</a>', True),
    ("info.legal", '<a href="/council/bylaws">Bylaws</a>', True),
    ("info.legal", '<a href="https://saraban.example.go.th/">ระบบสารบรรณอิเล็กทรอนิกส์ (หนังสือราชการ)</a>', False),
    ("forms.download", '<a href="/forms.html">แบบพิมพ์</a>', True),
    ("forms.download", '<a href="/pub.html">สิ่งพิมพ์เผยแพร่</a>', False),
    # a banner without words to the forms page, named by its address (here แบบฟอร์ม, percent-encoded)
    ("forms.download", '<a href="/%E0%B9%81%E0%B8%9A%E0%B8%9A%E0%B8%9F%E0%B8%AD%E0%B8%A3%E0%B9%8C%E0%B8%A1">'
                       '<img src="/b/1.jpg"></a>', True),
    ("forms.download", '<a href="/download-forms.html">คลิกที่นี่</a>', True),
    ("forms.download", '<a href="/platform/"><img src="/b/1.jpg"></a><a href="/news/forms-of-abuse"><img src="/b/2.jpg"></a>'
                       '<a href="/eforms/"><img src="/b/3.jpg"></a>'
                       '<a href="https://docs.google.com/forms/d/e/x/viewform"><img src="/b/4.jpg"></a>', False),
    ("media.audio_video", '<a href="http://tv.example.ac.th/">สถานีโทรทัศน์มหาวิทยาลัย</a>', True),
    ("media.audio_video", '<a href="http://tv.example.ac.th/">โทรทัศน์</a>', True),
    ("media.audio_video", '<a href="/tv">KMUTT TV</a>', True),
    ("media.audio_video", '<a href="/cctv">ระบบกล้องโทรทัศน์วงจรปิด</a><a href="/p/1">ประกาศจัดซื้อเครื่องรับโทรทัศน์</a>', False),
    ("media.audio_video", '<a href="/licence">ใบอนุญาตประกอบกิจการโทรทัศน์</a><a href="/tv-licence">TV licence</a>', False),
    ("media.audio_video", '<a href="/vdo/permit">วิดีโอแนะนำขั้นตอนการขอใบอนุญาต</a>', True),
    ("lang.multilingual", '<a href="/eli/">สถาบันภาษาอังกฤษ</a>', False),
    ("lang.multilingual", '<a href="/eli/">English Language Institute</a>', False),
    ("participate.poll", '<a href="/hearing">ประชาพิจารณ์ร่างระเบียบ</a>', True),
    ("participate.poll", '<a href="/rules/comment">Public comment on proposed rules</a>', True),
    # a US federal agency's "Public Input" page takes comments as "Public comment" does; a summary of what came in does not
    ("participate.poll", '<ul class="menu"><li><a href="/about/public-input">Public Input</a></li></ul>', True),
    ("participate.poll", '<ul class="menu"><li><a href="/docs/2017-plan.html">Summary of public input received on the 2017 plan</a></li></ul>', False),
    ("participate.poll", '<a href="/report/s66.pdf">ผลการสำรวจความพึงพอใจประจำปี 2566</a>', False),
    ("service.online_application", '<a href="/admission">รับสมัครนักศึกษาใหม่</a>', True),
    ("service.online_application", '<a href="https://admission.example.ac.th/">ระบบรับสมัครนักศึกษา TCAS</a>', True),
    ("service.online_application", '<a href="https://admission.example.ac.th/">Online admission</a>', True),
    ("service.online_application", '<a href="/browse/school-admissions">School admissions and transport to school</a>', False),
    ("service.online_application", '<a href="/news/55">ประกาศรายชื่อผู้มีสิทธิ์สมัครเรียน</a>', False),
    ("service.online_application", '<a href="/museum">Admission fees</a>', False),
    ("service.online_application", '<a href="/grant">ขอรับทุนสนับสนุนการวิจัย</a>', True),
    ("service.online_application", '<a href="/grants/apply">Grant application portal</a>', True),
    ("service.online_application", '<a href="/grant/rules.html">หลักเกณฑ์การขอรับทุนสนับสนุนการวิจัย</a>', False),
    ("service.online_application", '<a href="/sys">ระบบยื่นคำขออนุญาตนำเข้า</a>', True),
    ("service.online_application", '<a href="/sys">ระบบสารสนเทศเพื่อการขอรับทุน</a>', True),
    ("service.online_application", '<a href="/sys">ระบบ e-License</a>', True),
    ("service.online_application", '<a href="/evisa">e-Visa</a>', True),
    ("service.online_application", '<a href="/mis">ระบบสารสนเทศเพื่อการบริหาร</a><a href="/office">ระบบ e-Office</a>', False),
    ("service.online_application", '<a href="/ess">Employee self-service: e-Request</a>', False),
    ("service.online_application", '<a href="/jobs/apply">ระบบรับสมัครบุคลากร</a>', True),
    ("service.end_to_end", '<a href="/s">สถานะคำขอรับใบอนุญาต</a>', True),
    ("service.end_to_end", '<a href="/s">Check the status of your application</a>', True),
    ("service.end_to_end", '<a href="/s">Project status report</a>', False),
    ("service.end_to_end", '<a href="/s">ตรวจสอบสถานะการจัดซื้อจัดจ้าง</a>', False),
    ("connected.one_stop", '<a href="/oss">ศูนย์บริการแบบเบ็ดเสร็จ</a>', True),
    ("connected.one_stop", '<a href="/oss">บริการครบ ณ จุดเดียว</a>', True),
    ("connected.one_stop", '<a href="/oss">ศูนย์ OSS</a>', True),
    ("connected.one_stop", '<a href="/news/8">สัมมนาการใช้ Open Source Software (OSS) ในหน่วยงาน</a>', False),
    ("info.legal", '<a href="/rules">Administrative rules</a>', True),
    ("info.legal", '<a href="/events/photo">Photo contest rules</a>', False),
    ("service.online_application", '<a href="/foia/request">Submit a request</a>', True),
    ("service.online_application", '<a href="/foia/guide">How to make a request</a>', False),
    # renewing a registration, licence or permit on the web (US and UK portals' quick links)
    ("service.online_application", '<a href="https://www.ark.example.org/arstar/">Renew My Vehicle Registration</a>', True),
    ("service.online_application", '<a href="/parking/renew">Renew a residents\' parking permit</a>', True),
    ("service.online_application", '<a href="/licensing/guide">How to renew your licence</a>', False),
    ("service.online_application", '<a href="/library/loans">Renew your library books</a>', False),
    ("service.online_application", '<a href="/passport">Get or renew a passport</a>', False),
    # a portal's payment section, but not the law on payment services nor a guide to surcharges
    ("payment.online", '<ul class="menu"><li><a href="/services/list/category/citizen-services">Payment Services</a></li></ul>', True),
    ("payment.online", '<a href="/law/psd2">Payment Services Directive</a>', False),
    ("payment.online", '<a href="/business/pricing/surcharges">Payment surcharges</a>', False),
    ("connected.data_exchange", '<a href="/signin/gckey">GCKey</a>', True),
    ("connected.data_exchange", '<a href="https://www.digilocker.gov.in/">DigiLocker</a>', True),
    # India's MyGov is a citizen-engagement portal, not a shared sign-in
    ("connected.data_exchange", '<a href="https://www.mygov.in/">MyGov</a><a href="/account">My Account</a>', False),
]


WORDINGS = STAGE + FURTHER


def test_a_payment_word_in_a_headline_needs_an_online_sense():
    # a fee's deadline in a notice is not online payment; the same words as a menu's link are a payment section
    found = detect('<a href="/news/7">ประกาศ เรื่อง กำหนดการชำระค่าธรรมเนียมการศึกษา ภาคเรียนที่ 1/2567</a>'
                   '<a href="/news/9">City council approves plan to pay for the new library building downtown</a>')
    assert "payment.online" not in found
    assert detect('<a href="/pay">ชำระค่าธรรมเนียม</a>')["payment.online"]
    assert detect('<a href="/e-payment">ชำระค่าธรรมเนียมการศึกษาผ่านระบบ e-Payment ด้วยบัตรเครดิต</a>')["payment.online"]


def test_english_flag_image_is_a_language_switcher_but_not_any_image():
    found = detect('<a href="/index.php?l=2"><img src="/images/flags/en.png"></a>')
    assert [e.target for e in found["lang.multilingual"]] == ["http://www.example.go.th/index.php?l=2"]
    assert detect('<a href="/index.php?l=2"><img src="/images/uk.png?v=3" alt="flag"></a>')["lang.multilingual"]
    assert "lang.multilingual" not in detect('<a href="/contact"><img src="/images/contact-us.png"></a>'
                                             '<a href="/news/3"><img src="/images/en.png"> ข่าว</a>')
    # another organisation's English page is not the site in English
    assert "lang.multilingual" not in detect('<a href="https://www.other.org/"><img src="/images/en.png"></a>')


def test_a_social_profile_named_as_another_organisations_is_not_the_agencys():
    found = detect('<a href="https://www.facebook.com/coop.example">สหกรณ์ออมทรัพย์กรมตัวอย่าง จำกัด</a>'
                   '<a href="https://www.facebook.com/alumni.example">Alumni Association</a>')
    assert "channel.social" not in found
    found = detect('<a href="https://www.facebook.com/example.go.th"><i class="fa fa-facebook"></i></a>')
    assert [e.element for e in found["channel.social"]] == ["<a> facebook profile"]
    # a department whose name holds "co-operative" is still the agency
    assert detect('<a href="https://www.facebook.com/cpd.go.th">กรมส่งเสริมสหกรณ์</a>')["channel.social"]


def test_an_image_link_into_an_eservice_system_by_its_address():
    # a banner of the quick-link block: the site's own e-service system, named by its host or first path segment
    found = detect('<div class="quicklinks"><a href="https://eservice.example.go.th/"><img src="/b/banner3.jpg"></a></div>')
    assert [(e.element, e.confidence) for e in found["service.online_application"]] == [
        ("<a> named by its address", "medium")]
    found = detect('<nav><a href="/e-services/"><img src="/b/banner4.jpg" alt=""></a></nav>')
    assert [e.confidence for e in found["service.online_application"]] == ["medium"]
    # the same banner in the page's content is one cue (weak: not enough alone)
    found = detect('<p><a href="https://eservice.example.go.th/"><img src="/b/banner3.jpg"></a></p>')
    assert [e.confidence for e in found["service.online_application"]] == ["weak"]
    # news about an e-service, a document and a member sign-up are not the service
    found = detect('<a href="/news/eservice-launch"><img src="/b/banner3.jpg"></a>'
                   '<a href="/files/recruit.pdf">รับสมัครสอบแข่งขันเพื่อบรรจุเข้ารับราชการ</a>'
                   '<a href="/index.php?option=com_user&amp;view=register">ลงทะเบียน</a>')
    assert {e.confidence for e in found.get("service.online_application", [])} <= {"weak"}


@pytest.mark.parametrize("feature, html, present", WORDINGS, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(WORDINGS)])
def test_features_as_agencies_word_them(feature, html, present):
    found = detect(html)
    assert (feature in found) == present, found.get(feature)
    if present:
        assert all(e.element and (e.text or e.target) for e in found[feature])      # evidence a person can check


# Soft 404s (assessors/notfound.py, notfound.toml): (title, headings, text, what it says or None)
_MENU = " ".join(["หน้าแรก", "เกี่ยวกับเรา", "ข่าวประชาสัมพันธ์", "บริการออนไลน์", "ติดต่อเรา"] * 40)   # a full template
SOFT_404S = [
    ("ไม่พบหน้าที่คุณต้องการ - กรมตัวอย่าง", [], _MENU, "ไม่พบหน้าที่คุณต้องการ"),
    ("กรมตัวอย่าง", ["ขออภัย ไม่พบหน้าที่ท่านต้องการ", "ข่าวประชาสัมพันธ์"], _MENU, "ไม่พบหน้าที่ท่านต้องการ"),
    ("กรมตัวอย่าง", [], "ขออภัย ไม่พบหน้าเว็บที่ท่านเรียก กลับสู่หน้าหลัก", "ไม่พบหน้าเว็บ"),
    ("ผลการค้นหา | กรมตัวอย่าง", ["ไม่พบข้อมูลที่ท่านค้นหา"], _MENU, "ไม่พบข้อมูลที่ท่านค้นหา"),
    ("สำนักงานตัวอย่าง", ["ไม่พบข้อมูล"], _MENU, "ไม่พบข้อมูล"),
    ("๔๐๔ | กรมตัวอย่าง", [], _MENU, "404"),                                   # Thai digits
    ("404 Not Found", [], "Not Found The requested URL was not found on this server.", "404 not found"),
    ("Page not found | Ministry of Example", [], _MENU, "page not found"),
    ("Ministry of Example", ["Oops! 404"], _MENU, "404"),
    ("Error", [], "Sorry, the page you requested could not be found. Return to the home page.",
     "the page you requested could not be found"),
    ("Kementerian Contoh", ["Halaman Tidak Ditemukan"], _MENU, "halaman tidak ditemukan"),
    ("Laman tidak dijumpai - Jabatan Contoh", [], _MENU, "laman tidak dijumpai"),
    ("Không tìm thấy trang", [], _MENU, "không tìm thấy trang"),
    ("ページが見つかりません | 総務省", [], _MENU, "ページが見つかりません"),
    ("页面不存在", [], _MENU, "页面不存在"),
    ("Page introuvable - Ministère", [], _MENU, "page introuvable"),
    ("Página no encontrada", [], _MENU, "página no encontrada"),
    ("Seite nicht gefunden", [], _MENU, "seite nicht gefunden"),
    # near misses: content that mentions a 404 or a missing page
    ("คำสั่งที่ 404/2566 เรื่อง แต่งตั้งคณะทำงาน", [], _MENU, None),
    ("ข่าว 404 ชิ้น | กรมตัวอย่าง", [], _MENU, None),
    ("กรมตัวอย่าง", ["ข่าวประชาสัมพันธ์", "กรมฯ แก้ไขปัญหาไม่พบหน้าเว็บในระบบจองคิวออนไลน์เรียบร้อยแล้ว"], _MENU, None),
    ("Ministry of Example", ["News", "Agency fixes page not found errors on its appointment booking portal"], _MENU, None),
    ("Ministry of Example", [], "News: the 404 bus route changes on Monday. " + _MENU, None),
    ("ติดต่อเรา", [], "หากไม่พบข้อมูลที่ท่านค้นหา กรุณาติดต่อ 1111 ในวันและเวลาราชการ", None),
    ("Help", [], "If the page you requested could not be found, please use the search box above.", None),
    ("กรมตัวอย่าง", ["ข่าวประชาสัมพันธ์", "ประกาศจัดซื้อจัดจ้าง", "ไม่พบข้อมูล"], _MENU, None),   # an empty list further down
    ("กรมตัวอย่าง", [], _MENU + " ไม่พบหน้าที่คุณต้องการ", None),       # long page: only its title and headings say
]


@pytest.mark.parametrize("title, headings, text, says", SOFT_404S, ids=[s[0][:30] for s in SOFT_404S])
def test_soft_404_pages_by_title_heading_or_short_text(title, headings, text, says):
    from assessors.notfound import soft_404

    assert soft_404(title, headings, text) == says


def test_a_national_portal_is_itself_a_one_stop_service():
    """FEATURES.md: the site *is*, or links into, a one-stop portal. GOV.UK's own pages do not link
    "to" GOV.UK; the site is it: by the host it is served from, or its canonical address (a copy
    served elsewhere)."""
    menu = '<a href="/browse/driving">Driving and transport</a><a href="/help">Help</a>'
    found = detect(menu, "https://www.gov.uk/")
    assert [(e.element, e.confidence) for e in found["connected.one_stop"]] == [("the site itself", "strong")]
    copy = detect(f'<link rel="canonical" href="https://www.gov.uk/">{menu}', "http://127.0.0.5:8000/")
    assert [e.text for e in copy["connected.one_stop"]] == ["the site is a national one-stop portal (www.gov.uk)"]
    found = detect('<a href="/e-service">บริการ</a>', "https://biz.gov.th/th/")
    assert [e.element for e in found["connected.one_stop"]] == ["the site itself"]
    # near misses: an agency under the same national domain, a page that only mentions the portal
    assert "connected.one_stop" not in detect(menu, "https://www.dvla.gov.uk/")
    assert "connected.one_stop" not in detect("<p>บริการผ่านแอปทางรัฐ</p>" + menu, "https://www.dopa.go.th/")
    assert "connected.one_stop" not in detect(menu, "https://notbiz.gov.th/")


def test_the_same_link_on_every_page_is_one_finding():
    """A menu link is on every page of a site (and a homepage may be served at / and /index.html):
    a reviewer checks it once. The surer reading of it stays; other links and page texts stay apart."""
    from assessors.base import Evidence, keep_evidence

    def item(page, target, text="e-Service", confidence="medium", element="<a>"):
        return Evidence("service.online_application", page, target, element, text, "t", "main", confidence)

    kept = []
    for page in ("https://a.go.th/", "https://a.go.th/index.html", "https://a.go.th/news"):
        keep_evidence(kept, item(page, "https://a.go.th/eservice"), None)
    assert [e.page_url for e in kept] == ["https://a.go.th/"]
    keep_evidence(kept, item("https://a.go.th/about", "https://a.go.th/eservice", confidence="strong"), None)
    assert [(e.page_url, e.confidence) for e in kept] == [("https://a.go.th/about", "strong")]
    keep_evidence(kept, item("https://a.go.th/", "https://a.go.th/epayment"), None)             # another target
    keep_evidence(kept, item("https://a.go.th/x", "", "ยื่นคำขอออนไลน์", element="page text"), None)
    keep_evidence(kept, item("https://a.go.th/y", "", "ยื่นคำขอออนไลน์", element="page text"), None)   # another page
    assert len(kept) == 4


# LOSI 2024 services provision: a service counts where it is done online (the packs' shared "online"
# words, an e-service address, the platform's host, a form that submits); the same service named
# without that, as a form to print, a manual, queue booking or a news item, does not. Thai and
# English wordings as agencies (ministries, provinces, อบจ., เทศบาล, อบต., councils) write them.
NEWS = '<ul class="news-list">{}</ul>'
ITEM = '<li><a href="/news/{n}.html">{text}</a> <span>12 ม.ค. 2567</span></li>'


def news(*headlines):
    return NEWS.format("".join(ITEM.format(n=n, text=t) for n, t in enumerate(headlines)))


SERVICES = [
    ("service.police_report", '<nav><a href="https://www.thaipoliceonline.go.th/">แจ้งความออนไลน์</a></nav>', True),
    ("service.police_report", '<a href="https://www.thaipoliceonline.com/"><img src="/b/police.png"></a>', True),   # the platform
    ("service.police_report", '<a href="/report">Report a crime online</a>', True),
    ("service.police_report", '<a href="/police">สถานีตำรวจภูธรในพื้นที่</a><a href="/law/1">แจ้งความกระทรวงมหาดไทย</a>', False),
    ("service.police_report", '<a href="/stats">Police report: crime statistics 2023</a>', False),
    # "แจ้งความประสงค์" is telling what one wishes: an allowance request, not a police report
    ("service.police_report", '<a href="/allowance">แจ้งความประสงค์ขอรับเบี้ยยังชีพผู้สูงอายุออนไลน์</a>', False),
    ("service.police_report", news("ตำรวจเปิดช่องทางแจ้งความออนไลน์ สะดวก รวดเร็ว ตลอด 24 ชั่วโมง"), False),
    ("service.driving_licence", '<a href="https://gecc.dlt.go.th/">ต่ออายุใบขับขี่</a>', True),          # named, on DLT's host
    ("service.driving_licence", '<a href="https://elearning.example.go.th/">อบรมใบขับขี่ออนไลน์</a>', True),
    ("service.driving_licence", '<p>You can renew your driving licence online. <a href="https://renew.example.gov/">Start now</a></p>', True),
    ("service.driving_licence", '<a href="https://reserve.dlt.go.th/">จองคิวทำใบขับขี่ออนไลน์</a>', False),     # queue booking
    ("service.driving_licence", '<a href="/manual/8.html">คู่มือสำหรับประชาชน การขอใบอนุญาตขับรถ</a>', False),
    ("service.driving_licence", '<a href="https://www.dlt.go.th/">กรมการขนส่งทางบก</a><a href="/dlt">สำนักงานขนส่งจังหวัด</a>', False),
    ("service.driving_licence", '<a href="/theory">Book your driving theory test online</a>', False),
    ("service.driving_licence", '<a href="/view-driving-licence">View your driving licence information online</a>', False),
    ("service.building_permit", '<a href="https://eservice.example.go.th/building">ขออนุญาตก่อสร้างอาคาร</a>', True),
    ("service.building_permit", '<a href="/permit">ยื่นขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคารออนไลน์</a>', True),
    ("service.building_permit", '<a href="/sys">ระบบขออนุญาตก่อสร้างอาคาร</a>', True),
    # an อบต.'s e-service: a Google Form named for the request
    ("service.building_permit", '<a href="https://forms.gle/x1Y2z3">ยื่นคำร้องขออนุญาตก่อสร้างอาคาร</a>', True),
    ("service.building_permit", '<a href="/planning/apply">Submit a planning application online</a>', True),
    ("service.building_permit", '<a href="/f/k1.pdf">แบบคำขออนุญาตก่อสร้างอาคาร (ข.1)</a>', False),           # a form to print
    ("service.building_permit", '<a href="/service/1.html">ขออนุญาตก่อสร้างอาคาร</a>', False),               # how to, in person
    ("service.building_permit", '<a href="/p/9">ประกาศประกวดราคาจ้างก่อสร้างอาคารอเนกประสงค์ ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์</a>', False),
    ("service.building_permit", '<a href="/planning/search">Search planning applications online</a>', False),
    ("service.environment_permit", '<a href="/eservice/waste">ขอใบอนุญาตประกอบกิจการรับทำการเก็บ ขน สิ่งปฏิกูลหรือมูลฝอย</a>', True),
    ("service.environment_permit", '<a href="/tree">ขออนุญาตตัดต้นไม้ออนไลน์</a>', True),
    ("service.environment_permit", '<a href="/apply/tree">Apply online for a tree removal permit</a>', True),
    ("service.environment_permit", '<a href="/waste/fee">ค่าธรรมเนียมเก็บขนขยะมูลฝอยออนไลน์</a><a href="/waste/days">ตารางเก็บขยะ</a>', False),
    ("service.business_licence", '<a href="https://bizportal.go.th/"><img src="/b/biz.png" alt=""></a>', True),   # Biz Portal by its host
    ("service.business_licence", '<a href="/e-service/food">ขอใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร</a>', True),
    ("service.business_licence", '<a href="/licence">Apply for a business licence online</a>', True),
    ("service.business_licence", '<a href="/f/health.docx">ใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ</a>', False),
    ("service.business_licence", '<a href="/fee.html">อัตราค่าธรรมเนียมใบอนุญาตประกอบกิจการออนไลน์</a>', False),
    ("service.residence_permit", '<a href="https://tm30.immigration.go.th/">แจ้งที่พักคนต่างด้าว (ตม.30)</a>', True),
    ("service.residence_permit", '<a href="/90days">90-day report online</a>', True),
    ("service.residence_permit", '<a href="/docs">เอกสารประกอบ: สำเนาบัตรประชาชน สำเนาทะเบียนบ้าน</a>', False),
    ("service.residence_permit", '<a href="https://www.immigration.go.th/">สำนักงานตรวจคนเข้าเมือง</a>', False),
    ("service.birth_certificate", '<a href="/eservice/birth">ขอคัดสำเนาสูติบัตร</a>', True),
    ("service.birth_certificate", '<a href="/birth">Order a birth certificate online</a>', True),
    ("service.birth_certificate", '<a href="/child">ลงทะเบียนเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิดออนไลน์</a>', False),
    ("service.birth_certificate", '<a href="/civil/birth.html">การแจ้งเกิด</a>', False),
    ("service.death_certificate", '<a href="/e-services/death">แจ้งตาย</a>', True),
    ("service.death_certificate", '<a href="/death">Register a death online</a>', True),
    ("service.death_certificate", '<a href="/steps">ขั้นตอนการแจ้งตายออนไลน์</a>', False),
    ("service.marriage_certificate", '<a href="/marry">ยื่นคำขอจดทะเบียนสมรสออนไลน์</a>', True),
    ("service.marriage_certificate", '<a href="/marriage">Apply for a copy of a marriage certificate online</a>', True),
    ("service.marriage_certificate", '<a href="/q">จองคิวจดทะเบียนสมรสวันวาเลนไทน์ออนไลน์</a>', False),
    ("service.marriage_certificate", '<a href="/welfare">สวัสดิการคู่สมรสออนไลน์</a>', False),
    ("service.change_of_address", '<a href="/move">แจ้งย้ายที่อยู่ออนไลน์</a>', True),
    ("service.change_of_address", '<a href="/move">Tell us you\'ve moved online</a>', True),
    ("service.change_of_address", '<a href="/news/8">แจ้งย้ายที่ทำการสำนักงานออนไลน์</a>', False),
    ("service.change_of_address", '<a href="/office">Our office has moved: change of address online</a>', False),
    ("service.land_registration", '<a href="https://www.dol.go.th/">จดทะเบียนสิทธิและนิติกรรม</a>', True),
    ("service.land_registration", '<a href="/land">Land registration online</a>', True),
    ("service.land_registration", '<a href="https://landsmaps.dol.go.th/">ค้นหารูปแปลงโฉนดที่ดิน (LandsMaps)</a>', False),
    ("service.land_registration", '<a href="/tax">ชำระภาษีที่ดินและสิ่งปลูกสร้างออนไลน์</a>', False),
    ("service.vehicle_registration", '<a href="https://eservice.dlt.go.th/">ชำระภาษีรถประจำปีออนไลน์</a>', True),
    ("service.vehicle_registration", '<a href="/tax/vehicle">Tax your vehicle online</a>', True),
    ("service.vehicle_registration", '<a href="/auction">ประมูลป้ายทะเบียนสวยออนไลน์</a>', False),
    ("service.vehicle_registration", '<a href="/rates">Calculate vehicle tax rates online</a>', False),
    ("procurement.e_bidding", '<a href="http://www.gprocurement.go.th/"><img src="/b/egp.jpg"></a>', True),       # by host
    ("procurement.e_bidding", '<nav><a href="/egp">ระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)</a></nav>', True),
    ("procurement.e_bidding", '<a href="/tenders">E-tendering supplier portal</a>', True),
    ("procurement.e_bidding", news("ประกาศประกวดราคาจ้างก่อสร้างถนน ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"), False),
    ("procurement.e_bidding", '<a href="/r/5">ประกาศผู้ชนะการเสนอราคา e-bidding</a><a href="/n/6">อบรมการใช้งานระบบ e-GP</a>', False),
    ("service.job_application", '<a href="https://job.ocsc.go.th/">สมัครสอบ</a>', True),
    ("service.job_application", '<a href="/recruit">ระบบรับสมัครสอบพนักงานจ้าง</a>', True),
    ("service.job_application", '<a href="/jobs">Apply for jobs online</a>', True),
    ("service.job_application", '<a href="/jobs">Current vacancies (eRecruitment)</a>', True),
    ("service.job_application", '<a href="/hr">ระบบสรรหาบุคลากร</a>', True),
    ("service.job_application", '<a href="/f/job.pdf">ใบสมัครงาน</a><a href="/news/4">ประกาศรับสมัครพนักงานจ้าง</a>', False),
    ("service.job_application", '<a href="/admission">ระบบรับสมัครนักศึกษาออนไลน์</a>', False),
    ("service.job_application", '<a href="/work">Find a job online with Universal Jobmatch</a>', False),
    ("service.job_application", '<a href="/jsa">Apply for Jobseeker\'s Allowance online</a>', False),
    ("service.tax_filing", '<a href="/tax/sign">ยื่นแบบแสดงรายการภาษีป้าย (ภ.ป.1) ออนไลน์</a>', True),
    ("service.tax_filing", '<a href="/tax">File your tax return online</a>', True),
    ("service.tax_filing", '<a href="/f/pp1.pdf">แบบแสดงรายการภาษีป้าย (ภ.ป.1)</a>', False),
    ("service.tax_filing", '<a href="/rd">ยื่นแบบภาษีเงินได้บุคคลธรรมดาออนไลน์ (กรมสรรพากร)</a>', False),
    ("payment.fines", '<a href="https://ptm.police.go.th/eTicket/">ชำระค่าปรับใบสั่งจราจร</a>', True),
    ("payment.fines", '<a href="/parking">Pay a parking fine online</a>', True),
    ("payment.fines", '<a href="/fines.html">อัตราค่าปรับออนไลน์</a><a href="/p/3">ใบสั่งซื้อสั่งจ้างออนไลน์</a>', False),
    ("payment.fines", '<a href="/gallery">Fine arts online</a>', False),
    ("payment.water", '<a href="https://www.pwa.co.th/">ชำระค่าน้ำประปา</a>', True),
    ("payment.water", '<a href="/water/pay">Pay your water bill online</a>', True),
    ("payment.water", '<a href="https://www.pwa.co.th/">การประปาส่วนภูมิภาค</a>', False),       # the utility, no payment
    ("payment.water", '<a href="/fuel">ชำระค่าน้ำมันเชื้อเพลิงออนไลน์</a>', False),
    ("payment.energy", '<a href="https://www.pea.co.th/">ชำระค่าไฟฟ้า</a>', True),
    ("payment.energy", '<a href="/pay">ชำระค่าไฟฟ้าผ่านพร้อมเพย์</a>', True),
    ("payment.energy", '<a href="/bill">Pay your electricity bill online</a>', True),
    ("payment.energy", '<a href="https://www.mea.or.th/">การไฟฟ้านครหลวง</a>', False),
    ("payment.energy", '<a href="/light">แจ้งไฟฟ้าสาธารณะชำรุดออนไลน์</a>', False),
    # a utility's bill estimate and tariff tables (pea.co.th's own menu) are not paying
    ("payment.energy", '<a href="https://www.pea.co.th/calc">ระบบประมาณการค่าไฟฟ้า</a>'
                       '<a href="https://www.pea.co.th/rates">โครงสร้างอัตราค่าไฟฟ้า</a>', False),
    ("service.homeless", '<a href="/welfare/homeless">ศูนย์คุ้มครองคนไร้ที่พึ่ง</a>', True),
    ("service.homeless", '<a href="/rough-sleeping">Help for people sleeping rough: homelessness</a>', True),
    ("service.homeless", news("ผู้ว่าฯ ลงพื้นที่เยี่ยมคนไร้บ้านในเขตเมือง"), False),
    ("service.homeless", '<a href="/pets">Homeless dogs and cats: adopt a pet</a>', False),
    ("service.lost_found", '<a href="/lost">ประกาศของหาย/ของได้คืน</a>', True),
    ("service.lost_found", '<a href="/lost-property">Lost property</a>', True),
    ("service.lost_found", news("ตำรวจคืนของหายให้นักท่องเที่ยวชาวต่างชาติ"), False),
    ("service.lost_found", '<a href="/password">Lost your password?</a>', False),
    ("service.lost_found", '<a href="/plants">พันธุ์ไม้และของหายากในท้องถิ่น</a>', False),
    ("service.housing", '<a href="https://www.nha.co.th/">การเคหะแห่งชาติ</a>', True),
    ("service.housing", '<a href="/housing/repair">โครงการซ่อมแซมบ้านผู้ยากไร้</a>', True),
    ("service.housing", '<a href="/housing">Affordable housing</a>', True),
    ("service.housing", '<a href="/p/2">ประกวดราคาจ้างซ่อมแซมบ้านพักข้าราชการ</a>', False),
    ("service.housing", '<a href="/news/5">Housing market statistics</a>', False),
]


@pytest.mark.parametrize("feature, html, present", SERVICES, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(SERVICES)])
def test_services_provided_online_as_agencies_word_them(feature, html, present):
    found = detect(html)
    assert (feature in found) == present, found.get(feature)
    if present:
        assert all(e.element and (e.text or e.target) for e in found[feature])      # evidence a person can check


def test_a_request_form_that_names_the_service_is_the_service():
    form = ('<form method="post" action="/eform/tree"><label>ชื่อผู้ยื่นคำขอ</label><input name="name">'
            '<label>ที่อยู่</label><input name="addr"><label>จำนวนต้นไม้</label><input name="trees">'
            '<button>ยื่นคำขออนุญาตตัดต้นไม้</button></form>')
    found = detect(form)
    assert [(e.element, e.confidence) for e in found["service.environment_permit"]] == [
        ("<form method=post> application", "strong")]
    # a message form counts when it says it is the online service; a general enquiry naming a topic does not
    police = ('<form method="post" action="/report"><h3>แจ้งความออนไลน์</h3><input name="name"><input name="phone">'
              '<textarea name="detail"></textarea><button>ส่ง</button></form>')
    assert detect(police)["service.police_report"][0].element == "<form method=post> message"
    enquiry = ('<form method="post" action="/contact"><input name="name"><input name="email"><select name="topic">'
               '<option>ภาษีป้าย</option><option>ขออนุญาตก่อสร้าง</option></select><textarea name="msg"></textarea>'
               '<button>ส่งข้อความ</button></form>')
    assert not {"service.tax_filing", "service.building_permit"} & set(detect(enquiry))
    # a search box that names a service is not a request
    search = '<form action="/search"><input name="q" placeholder="ค้นหาใบอนุญาตก่อสร้าง"><button>ค้นหา</button></form>'
    assert "service.building_permit" not in detect(search)


def test_a_service_named_in_a_menu_without_an_online_sense_is_not_online():
    # a municipality's "บริการประชาชน" menu: pages that tell how to apply at the office
    menu = ('<nav><a href="/service/building.html">ขออนุญาตก่อสร้างอาคาร</a><a href="/service/sign-tax.html">ยื่นแบบภาษีป้าย</a>'
            '<a href="/service/move.html">แจ้งย้ายที่อยู่</a><a href="/service/food.html">ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร</a></nav>')
    found = detect(menu)
    assert not {"service.building_permit", "service.tax_filing", "service.change_of_address",
                "service.business_licence"} & set(found)
    # the same menu into the agency's e-service system is the service, strong as a menu's link
    found = detect(menu.replace("/service/", "https://eservice.example.go.th/"))
    assert {f: found[f][0].confidence for f in ("service.building_permit", "service.tax_filing",
                                                "service.change_of_address", "service.business_licence")} == dict.fromkeys(
        ("service.building_permit", "service.tax_filing", "service.change_of_address", "service.business_licence"), "strong")


def _news_items(items, box='<div id="latest"><ul>{}</ul></div>'):
    return box.format("".join(f'<li><div class="thumb"><img src="/n{i}.jpg" alt="..."></div>'
                              f'<div class="title"><a href="/Activity/ShowDetails/{i}">{headline}</a><br>'
                              f'<span class="date">{when}</span></div></li>' for i, (headline, when) in enumerate(items)))


NEWS_LIST = [("กรมจับมือเอกชน พัฒนาฝีมือช่างซ่อมบำรุงรถบรรทุกทั่วประเทศ", "16 มีนาคม 2561"),
             ("อธิบดีเปิดการฝึกอบรมหลักสูตรช่างไฟฟ้าอาคาร รุ่นที่ 5", "14 มี.ค. 61"),
             ("ประชุมคณะกรรมการพัฒนาทักษะแรงงาน ครั้งที่ 2/2561", "2 มีนาคม 2561")]


def test_a_list_of_dated_headlines_is_news_whatever_its_heading_says():
    # the heading is a styled block, not a link nor an <h2>: the dated list itself is the evidence
    found = detect('<div class="news-head">ข่าวประชาสัมพันธ์</div>' + _news_items(NEWS_LIST))
    assert [e.element for e in found["info.news"]] == ["<a> news list, 3 dated headlines"]
    assert found["info.news"][0].target == "http://www.example.go.th/Activity/ShowDetails/0"
    english = [("Minister opens the new regional training centre", "March 16, 2018"),
               ("Agency signs agreement on skills for truck mechanics", "14 March 2018"),
               ("Annual report 2017 presented to the cabinet", "2018-03-02")]
    assert "info.news" in detect('<div class="news">Latest</div>' + _news_items(english))
    # a United States agency's list, dated month first as its CMS writes them
    us = [("I-10 East restricted near Riggs Road Monday nights", "3/16/2018"),
          ("No weekend freeway closures for department work", "3/15/2018"),
          ("Public comment to begin on the construction program", "2/28/2018")]
    assert "info.news" in detect('<h2 class="blockLabel">Releases</h2>' + _news_items(us))
    # near miss: the same headlines beside figures that are no date in either order
    assert "info.news" not in detect('<h2 class="blockLabel">Releases</h2>'
                                     + _news_items([(h, "13/13/2018") for h, _ in us]))


@pytest.mark.parametrize("html", [
    _news_items(NEWS_LIST[:2]),                                            # two items are no list
    _news_items([(h, "") for h, _ in NEWS_LIST]),                          # headlines without dates
    _news_items([("ดูทั้งหมด", d) for _, d in NEWS_LIST]),                 # dated, but no headlines
    # undated headlines, and the page's last-update date further down: a date far from them is the page's own
    _news_items([(h, "") for h, _ in NEWS_LIST]) + "<p>" + "ข้อความ " * 30 + "</p><footer>ปรับปรุงล่าสุด 7 ธันวาคม 2569</footer>",
], ids=["two items", "undated", "no headlines", "date far away"])
def test_news_list_near_misses(html):
    assert "info.news" not in detect(html)


def test_links_that_open_no_page_are_not_evidence():
    # a hostile or half-built page: a menu item drawn as a script link or a bare "#" names a
    # section that is not there to follow
    assert detect('<ul class="menu"><li><a href="/epayment/index.html">ชำระเงินออนไลน์</a></li></ul>')["payment.online"]
    for href in ("javascript:void(0)", "javascript:;", "#", "", "mailto:finance@example.go.th", "tel:021234567"):
        found = detect(f'<ul class="menu"><li><a href="{href}">ชำระเงินออนไลน์</a></li>'
                       f'<li><a href="{href}">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></li></ul>')
        assert "payment.online" not in found and "policy.privacy" not in found, href
    # a script link whose script opens a page is a link to that page
    opened = detect('<ul class="menu"><li><a href="javascript:window.open(\'/epayment/\')">ชำระเงินออนไลน์</a></li></ul>')
    assert [e.target for e in opened["payment.online"]] == ["http://www.example.go.th/epayment/"]
    # an address to write to or call is a way to reach the agency
    assert detect('<div class="footer"><a href="mailto:saraban@example.go.th">ติดต่อเรา</a></div>')["info.contact"]
    assert detect('<a href="mailto:saraban@example.go.th">ส่งอีเมลถึงเรา</a>')["interact.two_way"]
    # the help-desk number reads the page's words, a tel: link's included
    assert detect('<p>แจ้งปัญหาการใช้งานระบบ <a href="tel:021234567">02 123 4567</a></p>')["help.helpdesk"]
    # widgets on the page stay controls: a font-size button is a script link by nature
    assert detect('<a href="javascript:void(0)" onclick="zoom(1)">A+</a>')["access.text_resize"]


def test_a_drop_downs_head_names_its_items():
    # the head is a "#" link: no evidence itself, but it names the links of its drop-down
    pay = ('<ul class="nav"><li><a href="#">Pay/Buy</a><div class="dropdown-menu"><ul>'
           '<li><a href="https://courts.example.gov/webpay.htm">Court Bill</a></li>'
           '<li><a href="https://water.example.gov/login">Utility Bill</a></li></ul></div></li></ul>')
    found = detect(pay)
    assert [e.text for e in found["payment.online"]][:2] == ["Court Bill", "Utility Bill"]
    assert found["payment.online"][0].element == "<a> in the drop-down 'pay/buy'"
    # the head and its list side by side, as Thai CMS menus draw them
    side = ('<div class="menu"><div class="level_one"><a href="javascript:void(0)">บริการออนไลน์</a></div>'
            '<div class="level_two"><ul><li><a href="https://eservice.example.go.th/permit">ขอใบอนุญาตก่อสร้าง</a></li>'
            '<li><a href="/manual.html">คู่มือการใช้งานระบบ</a></li></ul></div></div>')
    found = detect(side)
    assert [e.text for e in found["service.online_application"]] == ["ขอใบอนุญาตก่อสร้าง"]   # a manual is not one
    # near misses: a head that names something else, and a "drop-down" that is the whole menu
    assert "payment.online" not in detect(pay.replace("Pay/Buy", "Services"))
    whole = ('<ul><li><a href="#">บริการออนไลน์</a><ul>' +
             "".join(f'<li><a href="/p{i}.html">หัวข้อ {i}</a></li>' for i in range(40)) + "</ul></li></ul>")
    assert "service.online_application" not in detect(whole)


def test_a_picture_without_words_is_told_by_its_address():
    """Image buttons without alt text (common on Thai agencies' home pages) say nothing but their
    address: an address that names the feature is the evidence a person clicking it gets."""
    found = detect('<div id="menu"><a href="/DSD/Home/Contact" target="_blank"><img src="/img/btn1.png" border="0"></a></div>')
    assert [(e.element, e.confidence) for e in found["info.contact"]] == [("<a> URL cue /contact", "medium")]
    # in the page's content such a picture may be a banner about the subject: one weak cue
    found = detect('<p><a href="/DSD/Home/Contact"><img src="/img/btn1.png"></a></p>')
    assert [e.confidence for e in found["info.contact"]] == ["weak"]


@pytest.mark.parametrize("html", [
    # the same address under words that name something else: a lone weak cue, not enough
    '<a href="/DSD/Home/Contact"><img src="/img/btn1.png" alt="ข่าวกิจกรรม"></a>',
    # a wordless picture whose address names no feature
    '<a href="/DSD/Home/Index2"><img src="/img/contact-banner.png"></a>',
    # an address that only begins like the feature's word
    '<a href="/contactless-payments"><img src="/img/x.png"></a>',
], ids=["other words", "address says nothing", "longer word"])
def test_a_picture_without_words_near_misses(html):
    from assessors.base import enough
    assert not enough(detect(html).get("info.contact", []))


def test_an_embedded_timeline_of_the_agencys_twitter_list_is_its_channel():
    # city sites embed the timeline of a list their account keeps of the city's accounts
    found = detect('<div class="twitterTile"><a class="twitter-timeline" href="https://twitter.com/CityofExample/lists/'
                   'city-accounts" data-tweet-limit="1">Follow us @CityofExample/lists/city-accounts</a></div>')
    assert [e.element for e in found["channel.social"]] == ["<a> x profile"]
    # near misses: a single post, and a list page of the platform's own (i/lists) that is no account's
    assert "channel.social" not in detect('<a href="https://twitter.com/CityofExample/status/1234567">Our post</a>'
                                          '<a href="https://twitter.com/i/lists/98765">A list</a>')


def _best(found, feature):
    return max((e.confidence for e in found.get(feature, [])), key=["weak", "medium", "strong"].index, default=None)


def test_the_more_news_link_of_a_news_block_is_the_news_list():
    # a home page's news and events blocks side by side: headlines (one says its date) and a
    # "More news" link to the archive; the dated block is a list item, so its links are a listing
    block = ('<div class="container"><section class="half"><h2>News</h2>'
             '<article class="half"><h3><a href="/news/article/71/road-works">Road works start on the ring road next week</a></h3>'
             '<p>Two lanes close from Monday.</p></article>'
             '<article class="half"><h3><a href="/news/article/70/library">Central library opens on Sundays</a></h3>'
             '<p>The new hours start today (13 March 2018).</p></article>'
             '<div class="more"><a href="/news/" class="btn-alt">More news</a></div></section>'
             '<section class="half"><h2>Events</h2><article class="half"><h3><a href="/events/4133">Lego club</a></h3>'
             '<p><em>06 January 2018 - 02 June 2018</em></p></article>'
             '<div class="more"><a href="/events/" class="btn-alt">More events</a></div></section></div>')
    assert _best(detect(block), "info.news") == "medium"
    assert _best(detect(block.replace("More news", "ข่าวทั้งหมด")), "info.news") == "medium"
    # near misses: a headline in the list that has the word news in it is a headline (one weak cue);
    # a newsletter sign-up in the block is a subscription
    more = "<a> link to the news list's other items"
    assert [e.text for e in detect(block)["info.news"] if e.element == more] == ["More news"]
    headline = block.replace("More news", "Good news for cyclists: new lanes open on the ring road")
    assert not [e for e in detect(headline).get("info.news", []) if e.element == more]
    assert not [e for e in detect(block.replace("More news", "More newsletters")).get("info.news", []) if e.element == more]


def test_a_payment_in_an_eservice_is_online_whatever_its_length():
    # a ministry's list of popular e-services: a "pay" link longer than a menu's, to an e-service address
    found = detect('<div class="module-eservices"><ul class="list--arrow"><li><a href="/eservices/services/'
                   'check-and-pay-levy">Check and pay foreign worker levy</a></li></ul></div>')
    assert found["payment.online"][0].target.endswith("/eservices/services/check-and-pay-levy")
    # near miss: the same words in a notice on a news page say when to pay, not where
    assert "payment.online" not in detect('<div class="module-eservices"><ul><li><a href="/newsroom/2018/levy-rates">'
                                          'Check and pay foreign worker levy</a></li></ul></div>')


def test_a_guide_to_paying_on_an_eservice_address_is_no_payment():
    # e-service hosts also serve their guides: the words say the page tells how to pay
    found = detect('<ul><li><a href="https://eservices.example.gov.sg/guide/levy">Guide to how to pay the foreign '
                   'worker levy</a></li></ul>', "https://www.example.gov.sg/")
    assert "payment.online" not in found
    found = detect('<ul><li><a href="https://eservice.example.go.th/guide/tax">วิธีการชำระภาษีที่ดินและสิ่งปลูกสร้าง</a>'
                   '</li></ul>', "https://www.example.go.th/")
    assert "payment.online" not in found


def test_a_link_to_new_zealands_government_portal_is_one_stop():
    url = "http://www.ird.govt.nz/index.html"
    found = detect('<p>For more info on government services go to <a href="https://www.govt.nz"><img src="/govt.png" '
                   'alt="New Zealand Government website"></a></p>', url)
    assert found["connected.one_stop"][0].target.startswith("https://www.govt.nz")
    # near miss: another agency under govt.nz is a government link, not the portal
    found = detect('<a href="https://www.studylink.govt.nz/">Apply for a student loan</a>', url)
    assert "connected.one_stop" not in found and found["info.gov_links"]


def test_a_block_titled_online_public_services_names_its_banners():
    # an Indonesian regency's carousel of e-service banners under a title that is not a link; the
    # banners' alt texts are only the systems' host names
    banners = "".join(f'<li><a href="http://{h}.example.go.id/"><img src="/{h}.jpg" alt="{h}.example.go.id"></a></li>'
                      for h in ("perijinan", "lpse", "bkd"))
    found = detect(f'<div class="jcarousel-title"><span>Layanan Publik OnLine</span></div><ul id="carousel">{banners}</ul>',
                   "http://www.example.go.id/")
    assert found["service.online_application"][0].target == "http://perijinan.example.go.id/"
    # near misses: the same banners under a title that does not say online, and under one that
    # heads a block of more links than a drop-down holds (the whole page's menu)
    found = detect(f'<div class="jcarousel-title"><span>Layanan Publik</span></div><ul id="carousel">{banners}</ul>',
                   "http://www.example.go.id/")
    assert "service.online_application" not in found
    many = banners * 11
    found = detect(f'<div class="block-title">Layanan Publik Online</div><ul>{many}</ul>', "http://www.example.go.id/")
    assert "service.online_application" not in found


def test_a_block_title_that_names_results_does_not_make_its_links_the_feature():
    # an English council's block of survey results: the title's own negative vetoes the block
    found = detect('<h3>Survey results</h3><ul><li><a href="/reports/2017-residents">Residents 2017</a></li>'
                   '<li><a href="/reports/2016-residents">Residents 2016</a></li></ul>')
    assert "participate.poll" not in found



def test_a_block_titled_online_services_does_not_make_the_staff_systems_in_it_services():
    # a Thai local government's "บริการออนไลน์" block mixes the citizens' e-services with the
    # staff's own webmail, leave and personnel systems; only the citizens' service is one
    url = "https://www.example.go.th/"
    found = detect('<h3>บริการออนไลน์</h3><ul><li><a href="/eservice/request">คำร้องทั่วไป</a></li>'
                   '<li><a href="https://mail.example.go.th/">ระบบจดหมายอิเล็กทรอนิกส์ (Webmail)</a></li>'
                   '<li><a href="/leave/">ระบบการลา</a></li><li><a href="/hr/">ระบบบริหารงานบุคคล</a></li>'
                   '<li><a href="/intranet/">อินทราเน็ต</a></li></ul>', url)
    assert [e.target for e in found["service.online_application"]] == ["https://www.example.go.th/eservice/request"]
    # and an English-titled block of staff systems names none of them
    found = detect('<div class="block-title">E-Service</div><ul><li><a href="https://mail.example.go.th/">Web Mail</a></li>'
                   '<li><a href="/eoffice/">E-Office</a></li><li><a href="/intranet/">Intranet</a></li></ul>', url)
    assert "service.online_application" not in found
    # nor does a tab so named make the staff's online leave system in its pane a service
    found = detect('<ul class="nav"><li><a href="#staff" data-toggle="tab">บริการออนไลน์</a></li></ul>'
                   '<div id="staff"><a href="/leave/">ระบบลาออนไลน์</a><a href="/mail/">Webmail</a></div>', url)
    assert "service.online_application" not in found


def test_a_news_cards_headline_is_no_title_of_a_block():
    # a grid of undated news cards (Bootstrap's card-title): each headline sits over the picture
    # and the caption of one news page; the headline names that page, not a service
    card = ('<div class="col-md-4"><div class="card"><h5 class="card-title">{}</h5><div class="card-body">'
            '<a href="{}"><img src="/images/news.jpg" alt="ภาพกิจกรรม"></a>'
            '<a href="{}">ภาพข่าว</a></div></div></div>')
    cards = (card.format("เทศบาลเปิดให้ชำระภาษีออนไลน์แล้ว", "/news/101", "/news/101") +
             card.format("รับสมัครนักเรียนออนไลน์ ปีการศึกษา 2568", "/news/102", "/news/102"))
    found = detect(f'<div class="row">{cards}</div>', "https://www.example.go.th/")
    assert "payment.online" not in found and "service.online_application" not in found
    # near miss: a title over the banners of two e-services still names them
    found = detect('<div class="block-title">ชำระภาษีออนไลน์</div><div class="card-body">'
                   '<a href="https://tax.example.go.th/"><img src="/b1.jpg" alt="tax.example.go.th"></a>'
                   '<a href="https://ltax.example.go.th/"><img src="/b2.jpg" alt="ltax.example.go.th"></a></div>',
                   "https://www.example.go.th/")
    assert [e.target for e in found["payment.online"]] == ["https://tax.example.go.th/", "https://ltax.example.go.th/"]


def test_a_lone_picture_link_is_not_named_by_the_prose_of_its_box():
    # a footer's visitor counter and a reader plug-in's badge, each alone in its block, beside the
    # agency's address and a sentence that lists its services: prose is no caption of the picture
    url = "https://www.example.go.th/"
    found = detect('<div class="footer"><div class="col"><p>องค์การบริหารส่วนตำบลตัวอย่าง 99 หมู่ 1 โทร 0 4251 1234 '
                   'ติดต่อชำระภาษีออนไลน์และยื่นคำร้องออนไลน์ได้ที่เมนูบริการ</p><div>'
                   '<a href="https://www.counter.example.com/viewstats/?sid=1"><img src="/counter.gif" alt=""></a>'
                   '</div></div></div>', url)
    assert "payment.online" not in found and "service.online_application" not in found
    found = detect('<footer><div><p>Pay your rates online, report a problem or apply for a permit at any time of day.</p>'
                   '<div><a href="https://get.reader.example.com/"><img src="/reader.png" alt=""></a></div></div></footer>', url)
    assert "payment.online" not in found and "service.online_application" not in found
    # near miss: a caption in the box still names its picture
    found = detect('<div class="well"><p>ศูนย์ดำรงธรรม</p><div><a href="http://www.damrongtham.example.com">'
                   '<img src="dt.png"></a></div></div>', url)
    assert [e.target for e in found["connected.one_stop"]] == ["http://www.damrongtham.example.com"]


def test_a_social_icon_in_a_box_is_the_account_not_the_boxs_subject():
    # the agency's Facebook icon, alone in its row, in a side box headed "บริการออนไลน์"
    found = detect('<div class="box"><h3>บริการออนไลน์</h3><div class="row"><div class="col">'
                   '<a href="https://www.facebook.com/sao.example"><img src="/fb.png" alt=""></a></div></div></div>',
                   "https://www.example.go.th/")
    assert "service.online_application" not in found
    assert [e.target for e in found["channel.social"]] == ["https://www.facebook.com/sao.example"]
    # near miss: a picture leading to an e-service in the same box is named by the heading
    found = detect('<div class="box"><h3>บริการออนไลน์</h3><div class="row"><div class="col">'
                   '<a href="https://eservice.example.go.th/"><img src="/es.png" alt=""></a></div></div></div>',
                   "https://www.example.go.th/")
    assert [e.target for e in found["service.online_application"]] == ["https://eservice.example.go.th/"]


def test_a_tab_is_no_page_of_its_own():
    # a Bootstrap tab "บริการออนไลน์" shows its pane on this page, as a drop-down's head does: the
    # pane's links are what there is; a pane of the staff's systems makes no online service
    found = detect('<ul class="nav nav-tabs"><li><a href="#pane-eservice" data-toggle="tab">บริการออนไลน์</a></li></ul>'
                   '<div class="tab-content"><div class="tab-pane" id="pane-eservice">'
                   '<a href="/intranet/">อินทราเน็ต</a><a href="https://mail.example.go.th/">Webmail</a></div></div>',
                   "https://www.example.go.th/")
    assert "service.online_application" not in found
    # near miss: an anchor to a part of the page that no tab opens stays a link
    found = detect('<a href="#eservice">บริการออนไลน์</a><div><h2 id="eservice">บริการ</h2></div>',
                   "https://www.example.go.th/")
    assert found["service.online_application"]

def test_an_angularjs_link_with_a_literal_address_is_a_link():
    # an AngularJS home page writes its links as ng-href; a literal address is there to follow
    found = detect('<div class="videoItem" ng-if="news == null"><a ng-href="//www.citychannel.example.org">'
                   '<div class="videoDescription"><h3>Recent videos from the City Channel</h3></div></a></div>')
    assert found["media.audio_video"][0].target == "http://www.citychannel.example.org"
    # near miss: an address the page's script fills in ({{ }}) is not there until the script runs
    assert "media.audio_video" not in detect('<a ng-href="{{news.link}}"><h3>Recent videos from the City Channel</h3></a>')


def test_a_footer_languages_link_is_the_translated_information():
    # UK councils and Australian agencies link their pages in other languages from the footer
    found = detect('<footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/individuals/information-in-your-language">'
                   'Languages</a></li></ul></footer>', "https://www.agency.gov.au/")
    assert found["lang.multilingual"][0].target == "https://www.agency.gov.au/individuals/information-in-your-language"
    # near misses: a school of languages and sign languages are subjects, not the site in other languages
    found = detect('<ul><li><a href="/study/school-of-languages">School of Languages</a></li>'
                   '<li><a href="/access/sign-languages">Sign languages</a></li></ul>', "https://www.agency.gov.au/")
    assert "lang.multilingual" not in found



def test_a_facebook_like_box_of_the_agencys_page_is_its_profile():
    # the older name of Facebook's page plugin: a box in the side column showing the agency's page
    found = detect('<h3>ติดตามเรา</h3><iframe src="//www.facebook.com/plugins/likebox.php?href=https%3A%2F%2F'
                   'www.facebook.com%2Fsomeagency&amp;width=225&amp;show_faces=true"></iframe>')
    assert [e.element for e in found["channel.social"]] == ["<iframe> facebook profile"]


def test_a_facebook_like_button_is_not_a_profile():
    # near miss: a Like button for the page being read is a share button, not the agency's account
    found = detect('<iframe src="//www.facebook.com/plugins/like.php?href=http%3A%2F%2Fwww.example.go.th%2Fnews%2F12'
                   '&amp;layout=button_count"></iframe>')
    assert "channel.social" not in found


@pytest.mark.parametrize("more", ["ดูทั้งหมด...", "อ่านต่อ >>", "ดูทั้งหมด »", "Read more …", "more..."])
def test_a_see_all_link_written_with_dots_or_arrows_is_named_by_its_box(more):
    # "ดูทั้งหมด..." under a box's heading: agencies end the "see all" link with dots or arrows
    found = detect(f'<div class="box"><h4>ข่าวประชาสัมพันธ์</h4><a href="/news/all.php">{more}</a></div>')
    assert [e.target for e in found["info.news"]] == ["http://www.example.go.th/news/all.php"]


def test_a_see_all_link_with_dots_near_misses():
    # the same link under a box about something else, and dots after a real name, change nothing
    assert "info.news" not in detect('<div class="box"><h4>แหล่งท่องเที่ยว</h4><a href="/travel.php">ดูทั้งหมด...</a></div>')
    found = detect('<div class="box"><h4>ข่าวประชาสัมพันธ์</h4><a href="/travel.php">แหล่งท่องเที่ยว...</a></div>')
    assert "info.news" not in found


def test_a_picture_link_in_a_box_is_named_by_the_boxs_heading():
    # a side-column box: its heading, then the picture link (no words) in a block of its own
    found = detect('<div class="well"><h3>ศูนย์ดำรงธรรม</h3><div style="text-align:center">'
                   '<a href="http://www.damrongtham.example.com"><img src="dt.png"></a></div></div>')
    assert [e.target for e in found["connected.one_stop"]] == ["http://www.damrongtham.example.com"]
    # and a "see all" link alone in its row under the box's heading
    found = detect('<div class="media-body"><h4>ข่าวประชาสัมพันธ์</h4><ul><li>ประกาศ</li></ul>'
                   '<div class="span6"><a href="view_all_pr.php?type=pr">ดูทั้งหมด...</a></div></div>')
    assert [e.target for e in found["info.news"]] == ["http://www.example.go.th/view_all_pr.php?type=pr"]


def test_a_picture_link_in_a_box_near_misses():
    # a box about something else; and the heading of the box before, which names nothing of the next
    assert "connected.one_stop" not in detect('<div class="well"><h3>ASEAN Community</h3><div>'
                                              '<a href="http://www.aec.example.com"><img src="asean.png"></a></div></div>')
    assert "connected.one_stop" not in detect('<div class="well"><h3>ศูนย์ดำรงธรรม</h3><p>โทร 1567</p></div>'
                                              '<div class="well"><div><a href="http://www.tour.example.com">'
                                              '<img src="t.png"></a></div></div>')


@pytest.mark.parametrize("topic", ["การชำระภาษี", "ข้อมูลการชำระภาษี", "วิธีการชำระค่าธรรมเนียม"])
def test_paying_named_as_a_topic_is_not_online_payment(topic):
    # local government menus list "การชำระภาษี" (how and when to pay the local taxes) among
    # information pages: the noun form names a topic, not a place to pay
    found = detect(f'<ul class="menu"><li><a href="/tax.php">{topic}</a></li><li><a href="/otop.php">ผลิตภัณฑ์ชุมชน</a></li></ul>')
    assert "payment.online" not in found


@pytest.mark.parametrize("pay", ["ชำระภาษี", "การชำระภาษีออนไลน์", "ชำระค่าธรรมเนียม"])
def test_paying_named_as_a_topic_near_misses(pay):
    # a short menu link that says "pay tax", or the topic done online, is still a payment
    found = detect(f'<ul class="menu"><li><a href="/pay.php">{pay}</a></li></ul>')
    assert [e.target for e in found["payment.online"]] == ["http://www.example.go.th/pay.php"]


def test_a_font_size_button_stays_on_the_page_whatever_the_base_address():
    # CodeIgniter templates set <base href="http://site/"> and the home page is served as /home:
    # href="#" then resolves to the base, not to the page, yet the button opens nothing
    html = ('<html><head><base href="http://www.example.go.th/"></head><body>'
            '<a class="fontSizePlus" href="#"><img src="themes/images/a-large.png"></a></body></html>')
    view = build_page(html, "http://www.example.go.th/home")
    found = [e for a in ASSESSORS for e in a.page(view) if e.feature == "access.text_resize"]
    assert found
    # near miss: a link to another page whose picture is named font-size is not the control
    html = ('<html><head><base href="http://www.example.go.th/"></head><body>'
            '<a href="manual/fontsize.html"><img src="themes/images/fontsize-help.png"></a></body></html>')
    view = build_page(html, "http://www.example.go.th/home")
    assert not [e for a in ASSESSORS for e in a.page(view) if e.feature == "access.text_resize"]


def test_pictures_in_a_grid_are_not_named_by_the_grids_words():
    # near miss: picture links each alone in a cell of a grid take no name from a caption elsewhere
    found = detect('<div class="banners"><div><a href="http://a.example.com"><img src="a.png"></a></div>'
                   '<div><a href="http://b.example.com"><img src="b.png"></a></div><p>ศูนย์ดำรงธรรม</p>'
                   '<div><a href="http://c.example.com"><img src="c.png"></a></div></div>')
    assert "connected.one_stop" not in found
    # but a heading over the box names a picture of it, whatever else the box lists
    found = detect('<div class="well"><h3>ศูนย์ดำรงธรรม</h3><p>ร้องเรียน ร้องทุกข์</p><ul><li>ข้อมูล</li></ul>'
                   '<div><a href="http://www.damrongtham.example.com"><img src="dt.png"></a></div>'
                   '<div><a href="http://www.other.example.com">จังหวัด</a></div></div>')
    assert [e.target for e in found["connected.one_stop"]] == ["http://www.damrongtham.example.com"]


def test_a_menu_groups_title_names_its_links():
    # a mega-menu column: the group's title is words (a span), not a link, over a list of links
    group = ('<ul class="menu"><li class="menu-level2"><span class="menu_title">ศูนย์บริการแบบเบ็ดเสร็จ</span>'
             '<ul><li><a href="/list/menu/1657">บริการออนไลน์ E-Service</a></li>'
             '<li><a href="/list/menu/1653">จองคิวใช้บริการ</a></li></ul></li></ul>')
    found = detect(group)
    assert found["connected.one_stop"][0].element == "<a> under the title 'ศูนย์บริการแบบเบ็ดเสร็จ'"


def test_a_menu_groups_title_near_misses():
    # a title that names nothing, a title that is itself a link to a page, and a list that is the
    # whole menu give their links no name
    assert "connected.one_stop" not in detect('<ul><li><span>เมนูหลัก</span><ul><li><a href="/a">ข้อมูลชุมชน</a></li></ul></li></ul>')
    linked = detect('<ul><li><a href="/oss">ศูนย์บริการร่วม</a><ul><li><a href="/a">ข้อมูลชุมชน</a></li></ul></li></ul>')
    assert [e.target for e in linked["connected.one_stop"]] == ["http://www.example.go.th/oss"]
    whole = ('<ul><li><span>ศูนย์บริการแบบเบ็ดเสร็จ</span><ul>' +
             "".join(f'<li><a href="/p{i}.html">หัวข้อ {i}</a></li>' for i in range(40)) + "</ul></li></ul>")
    assert "connected.one_stop" not in detect(whole)


@pytest.mark.parametrize("feature, html, url, present", [
    # a footer link that asks for a rating of the site or its service is a poll
    ("participate.poll", '<footer><a href="/rate-this-website">Rate this Website</a></footer>', URL, True),
    ("participate.poll", '<div class="links"><a href="/feedback/rate">Rate our site</a></div>', URL, True),
    ("participate.poll", '<a href="/csat">Rate this service</a>', URL, True),
    # near misses: the rates a council or a bank publishes
    ("participate.poll", '<a href="/council-tax/rates">Council tax rates</a>', URL, False),
    ("participate.poll", '<a href="/stats/rates">Exchange rates</a><a href="/rate">Rate of this levy</a>', URL, False),
    # a service joined to the shared national sign-in (Australia's myGov)
    ("connected.data_exchange", '<a href="/connections">Connect ABN/s to your myGov</a>',
     "https://www.example.gov.au/", True),
    ("connected.data_exchange", '<a href="/mygov-link">Linking your Medicare account to myGov</a>',
     "https://www.example.gov.au/", True),
    # near misses: explaining myGov, following the agency
    ("connected.data_exchange", '<a href="/about-mygov">What is myGov?</a><a href="/social">Connect with us</a>',
     "https://www.example.gov.au/", False),
    # Australia's national one-stop for business, but not the register's lookup on its subdomain
    ("connected.one_stop", '<a href="http://www.business.gov.au">business.gov.au</a>', "https://www.abr.gov.au/", True),
    ("connected.one_stop", '<a href="http://abr.business.gov.au/">ABN Lookup</a>', "https://www.abr.gov.au/", False),
])
def test_english_wordings_of_held_out_agencies(feature, html, url, present):
    view = build_page(f"<html><body>{html}</body></html>", url)
    view.packs = frozenset({"en"})      # what the engine gives an English page of a .gov.au or .sg site
    found = {}
    for assessor in ASSESSORS:
        for e in assessor.page(view):
            found.setdefault(e.feature, []).append(e)
    assert (feature in found) == present, found.get(feature)


@pytest.mark.parametrize("host, government", [
    # the National Informatics Centre hosts Indian government sites only
    ("www.sakala.kar.nic.in", True), ("www.nic.in", True), ("www.tn.nic.in", True),
    # near misses: a private host that merely contains the letters
    ("www.nicindia.com", False), ("nic.in.example.com", False), ("www.panic.in", False),
])
def test_indian_government_hosts_include_nic_in(host, government):
    found = detect(f'<nav><a href="https://{host}/">Related sites</a></nav>', "https://bbmp.gov.in/home")
    assert ("info.gov_links" in found) == government


def test_a_footer_address_with_its_email_written_as_a_link():
    # the e-mail address is a link called "Email" beside the head office's address
    footer = ('<div class="copyright"><p>&copy; Directorate General | <a href="/sitemap">Site map</a> | '
              '<a href="mailto:info@agency.go.id">Email</a> | <a href="/faq">FAQ</a><br> Head office: '
              'Jl. Ahmad Yani By Pass, Jakarta Timur 13230</p></div>')
    [block] = detect(footer)["info.contact"]
    assert "jl. ahmad yani" in block.text.lower()
    # the first e-mail address of the page's end is a notice's, far from the office's address
    notice = ('<div class="modal"><p>During the outage please write to helpdesk@agency.go.id instead.</p>'
              + "<p>" + "The contact centre will be back soon. " * 12 + "</p></div>")
    [block] = detect(notice + footer.replace('<a href="mailto:info@agency.go.id">Email</a>',
                                             'info@agency.go.id'))["info.contact"]
    assert "jl. ahmad yani" in block.text.lower()
    # near misses: the same links without an address, an e-mail link far from a road in the news
    assert "info.contact" not in detect(footer.replace("Head office: Jl. Ahmad Yani By Pass, Jakarta Timur 13230", ""))
    far = ('<header><a href="mailto:web@agency.go.id">Email</a></header>' + "<p>" + "Lorem ipsum dolor sit amet. " * 20
           + "</p><p>The new ring road opens next year.</p>")
    assert "info.contact" not in detect(far)


_QA_ROW = ('<div class="row"><div class="col-a"><a href="/q_a.php"><img src="qa.png"></a></div></div>'
           '<div class="row"><div class="col-6"><div class="qa-list">'
           '<p><a href="/q_a_chat.php?id=7">ถนนหน้าหมู่บ้านชำรุด ขอให้ซ่อมด้วยครับ</a> ผู้ตั้งกระทู้ : ชาวบ้าน</p>'
           '<p><a href="/q_a_chat.php?id=6">สอบถามการรับเบี้ยยังชีพผู้สูงอายุ ต้องใช้เอกสารอะไรบ้าง</a> ผู้ตั้งกระทู้ : ผู้สูงอายุ</p>'
           '<img src="qa-bg.png"></div></div>'
           '<div class="col-3"><div class="box-fb">{}</div></div></div>')


def test_a_facebook_page_box_beside_a_list_with_pictures_is_not_a_teaser_link():
    # a local-government home page: the agency's Facebook page box sits in a row beside the web
    # board's list of questions; a frame without a title is shown in place, no "read more" of a teaser
    box = ('<iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2F'
           'profile.php%3Fid%3D1000123&amp;tabs=timeline" width="292" height="468"></iframe>')
    found = detect('<div class="content">' + _QA_ROW.format(box) + '</div>')
    assert [(e.element, e.confidence) for e in found["channel.social"]] == [("<iframe> facebook profile", "medium")]
    # near miss: a picture link without words in the same place is still a teaser's link (a listing)
    view = build_page('<html><body><div class="content">'
                      + _QA_ROW.format('<a href="/news/12.php"><img src="n12.png"></a>') + '</div></body></html>', URL)
    assert [link.region for link in view.links if link.url.endswith("/news/12.php")] == ["listing"]


@pytest.mark.parametrize("box", ["gcse-search", "gcse-searchbox-only", "col gcse-searchbox"])
def test_googles_custom_search_written_as_html5_is_a_search_box(box):
    # the HTML5 form of Google's custom search element (<div class="gcse-search">), which local
    # government templates put in the banner beside the weather line
    found = detect(f'<div class="row weather"><div class="col-9">อากาศวันนี้</div><div class="{box}"></div></div>')
    assert [e.element for e in found["site.search"]] == [f'<div class="{box}">']


def test_googles_custom_search_near_misses():
    # the results pane alone shows what a box elsewhere asked for; a class that only begins with
    # the name, and the box left in an HTML comment, are no search box
    assert "site.search" not in detect('<div class="gcse-searchresults-only"></div>')
    assert "site.search" not in detect('<div class="gcse-search-hint">ค้นหาได้ที่ด้านบน</div>')
    assert "site.search" not in detect('<!-- <div class="gcse-search"></div> --><p>ยินดีต้อนรับ</p>')


def _whole_page_form(box):
    # ASP.NET Web Forms wrap the whole page in one form that posts back to itself; the banner's
    # search box is then a bare input inside it, named only by its type or its placeholder
    return ('<form method="post" action="./" id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="x">'
            f'<div class="banner">{box}<button type="submit">Go</button></div>'
            '<ul class="menu">' + "".join(f'<li><a href="/page{i}.aspx">หน้า {i}</a></li>' for i in range(24)) + '</ul>'
            '</form>')


@pytest.mark.parametrize("box", ['<input type="search" id="kw" name="kw" class="box">',
                                 '<input type="text" id="kw" name="kw" placeholder="ค้นหาข้อมูล...">',
                                 '<input type="text" id="kw" name="kw" placeholder="Search this site">'])
def test_a_search_box_in_a_form_that_wraps_the_page(box):
    assert "site.search" in detect(_whole_page_form(box))


@pytest.mark.parametrize("box", ['<input type="text" id="kw" name="kw" placeholder="Enter your postcode">',
                                 '<input type="email" id="kw" name="kw" placeholder="Your e-mail for our newsletter">'])
def test_another_box_in_a_form_that_wraps_the_page_is_no_search(box):
    assert "site.search" not in detect(_whole_page_form(box))


def _tabbed_news(label, pane_id="tabtwo1", opens="tabtwo1"):
    # a local-government home page's news box: tabs drawn as buttons that open their pane by id,
    # each pane a list filled by the server and a "see all" link
    return ('<div class="bg-public-news"><div class="crop"><span class="font-header-home">งานประชาสัมพันธ์</span>'
            f'<div class="tab-container"><div class="tab-link" onclick="openTabTwo(\'{opens}\')">'
            f'<div class="public-button"><span>{label}</span></div></div>'
            '<div class="tab-link" onclick="openTabTwo(\'tabtwo2\')"><span>คำสั่ง</span></div></div>'
            f'<div id="{pane_id}" class="tab-content-two">'
            '<div class="content-news-detail"><a href="/pages/news_detail/12">ประชุมประชาคมหมู่บ้าน</a></div>'
            '<a href="/pages/news"><div class="button-new-all"><span>ดูทั้งหมด</span></div></a></div>'
            '<div id="tabtwo2" class="tab-content-two"><a href="/pages/order"><span>ดูทั้งหมด</span></a></div>'
            '</div></div>')


def test_a_tab_names_the_see_all_link_of_its_pane():
    found = detect(_tabbed_news("ข่าวประชาสัมพันธ์"))
    assert [(e.target, e.confidence) for e in found["info.news"] if "other items" in e.element] == \
        [("http://www.example.go.th/pages/news", "medium")]
    # Bootstrap's tabs name their panes the same way
    bootstrap = ('<ul class="nav nav-tabs"><li><a data-toggle="tab" href="#pr">ข่าวประชาสัมพันธ์</a></li>'
                 '<li><a data-bs-toggle="tab" data-bs-target="#buy" href="#">จัดซื้อจัดจ้าง</a></li></ul>'
                 '<div class="tab-content news-box"><div class="tab-pane" id="pr"><a href="/news/list.php">ดูทั้งหมด</a></div>'
                 '<div class="tab-pane" id="buy"><a href="/procure/list.php">ดูทั้งหมด</a></div></div>')
    assert [e.target for e in detect(bootstrap)["info.news"] if "other items" in e.element] == \
        ["http://www.example.go.th/news/list.php"]


def test_a_tab_names_the_see_all_link_of_its_pane_near_misses():
    # a tab about something else; a call whose argument is no pane on the page; a pane not opened by the tab
    for html in (_tabbed_news("ข้อบัญญัติ"), _tabbed_news("ข่าวประชาสัมพันธ์", opens="showNews"),
                 _tabbed_news("ข่าวประชาสัมพันธ์", pane_id="tabtwo9")):
        assert not [e for e in detect(html).get("info.news", []) if "other items" in e.element]


def test_a_title_inside_a_tabs_pane_names_its_own_links_before_the_tab():
    # a mega-menu drawn as Bootstrap tabs: the tab "บริการประชาชน" opens a pane whose column
    # title "ศูนย์บริการแบบเบ็ดเสร็จ" heads the e-services under it; the nearer name wins
    menu = ('<ul class="nav nav-tabs"><li><a data-toggle="tab" href="#tab-menu-9">บริการประชาชน</a></li></ul>'
            '<div class="tab-content"><div class="tab-pane" id="tab-menu-9"><ul class="menu-level">'
            '<li><a href="/menu/1210">ดาวน์โหลดแบบฟอร์ม</a></li>'
            '<li><span class="menu_title">ศูนย์บริการแบบเบ็ดเสร็จ</span><ul class="menu-level3">'
            '<li><a href="/menu/1657"><h6 class="menu_title">บริการออนไลน์ E-Service</h6></a></li>'
            '<li><a href="/menu/5003"><h6 class="menu_title">ร้องเรียนร้องทุกข์เรื่องทั่วไป</h6></a></li></ul></li>'
            '</ul></div></div>')
    found = detect(menu)
    assert "http://www.example.go.th/menu/1657" in [e.target for e in found["connected.one_stop"]]


def test_a_profile_reached_through_a_short_redirect_on_the_agencys_own_site_is_its_channel():
    # council and city CMSs link their accounts through a redirect of their own ("/facebook/"),
    # drawn as a platform icon whose alt or title names the platform
    icons = ('<div class="follow"><a title="Facebook pages" href="/facebook/"><img src="/m/fb.png" alt="Facebook"></a>'
             '<a href="https://www.example.go.th/twitter" aria-label="Twitter graphic"><img src="/m/t.png" alt="Twitter"></a>'
             '</div>')
    found = detect(icons)
    assert sorted(e.element for e in found["channel.social"]) == ["<a> facebook profile", "<a> x profile"]
    assert found["interact.two_way"]


@pytest.mark.parametrize("html", [
    # the CMS's share widget: a deeper path, and its words say share
    '<a href="/Layout/WidgetShare/ShareLink/Facebook" aria-label="Share on Facebook">Facebook</a>',
    '<a href="/facebook?share=1">Share on Facebook</a>',
    # the same short path on another organisation's site
    '<a href="https://www.example-cms.com/facebook"><img src="/m/fb.png" alt="Facebook"></a>',
    # a page of the agency about the platform, whose words do not name the account
    '<a href="/youtube/">Our videos</a>',
    # an own page named like a platform but drawn as a share button
    '<a href="/twitter/" title="Share this page"><img src="/m/t.png" alt="Share on Twitter"></a>',
], ids=["share widget", "share query", "other site", "words say nothing", "share icon"])
def test_own_site_platform_paths_near_misses(html):
    assert "channel.social" not in detect(html)


@pytest.mark.parametrize("html", [
    # a council's menu names the body itself, or its elected members
    '<nav><ul><li><a href="/residents/">Residents</a></li><li><a href="/the-council/">The Council</a></li></ul></nav>',
    '<nav><a href="/councils/">Your Councils</a></nav>',
    '<a href="/members/">Who are my councillors?<br>Who is my MP?</a>',
    '<a href="/councilmembers">Councilmembers</a>',
    '<a href="/government/city-council">City Council</a>',
])
def test_a_local_council_names_itself_and_its_members(html):
    assert detect(html, "https://www.example.gov.uk/")["info.organization"]


@pytest.mark.parametrize("html", [
    '<a href="/council-tax/">Council Tax</a><a href="/pay/">Pay your council tax</a>',
    # another council of the area is a link to another agency, not this one's about page
    '<a href="https://www.westexample.gov.uk/">West Example County Council</a>',
    '<a href="/contact/">Contact your councillor about a problem</a>',
    '<a href="/agendas">City Council agendas and minutes</a>',
], ids=["council tax", "another council", "contact a member", "council papers"])
def test_council_words_near_misses(html):
    assert "info.organization" not in detect(html, "https://www.example.gov.uk/")


def test_a_row_of_same_letter_buttons_is_a_text_size_control():
    # templates draw the sizes as the same letter, growing: "A A A" (Thai: "ก ก ก"), script links
    # whose own markup says nothing (the size class sits on the row around them)
    row = ('<div class="fontsize"><span id="fs0"><a id="s0" class="head-link" href="#">A</a></span>'
           '<span id="fs1"><a id="s1" class="selected head-link" href="#">A</a></span>'
           '<span id="fs2"><a id="s2" class="head-link" href="#">A</a></span></div>')
    assert detect(row)["access.text_resize"]
    assert detect('<a href="javascript:void(0)">ก</a> <a href="javascript:void(0)">ก</a>')["access.text_resize"]


@pytest.mark.parametrize("html", [
    # one letter alone, and an A-Z index (in-page anchors or pages) are no size control
    '<a href="#">A</a>',
    '<p><a href="#a">A</a> <a href="#b">B</a> <a href="#c">C</a></p><p><a href="#a">A</a> <a href="#b">B</a></p>',
    '<a href="/az/a">A</a> <a href="/az/b">B</a> <a href="/index/a">A</a>',
], ids=["one letter", "a-z anchors twice", "a-z pages"])
def test_same_letter_buttons_near_misses(html):
    assert "access.text_resize" not in detect(html)


def test_a_jump_menu_whose_script_is_bound_by_its_class_is_a_menu_of_links():
    # Drupal's CTools jump menu: no onchange, the class binds the script, and each option's value
    # is "<key>::<address>"
    menu = ('<form action="/" method="post"><select class="ctools-jump-menu-select ctools-jump-menu-change form-select" '
            'name="jump"><option value="" selected="selected">Select a Service</option>'
            '<option value="66dd8e9e::https://www.example.gov/clerk/boards/apply_online/login.cfm">Board Membership Application</option>'
            '<option value="d4e935b3::https://records.dps.example-state.gov/search">Registered Offenders</option>'
            '</select><input type="submit" value="Go"></form>')
    found = detect(menu, "https://www.example.gov/")
    assert [(e.target, e.element) for e in found["info.gov_links"]] == [
        ("https://records.dps.example-state.gov/search", "<option> of a jump menu")]


@pytest.mark.parametrize("html", [
    # a filter of the page that only looks alike: a select without the jump-menu class, and a jump
    # menu's option whose value is a key without an address
    '<select class="form-select" name="dept"><option value="d4e935b3::https://records.dps.example-state.gov/">DPS</option></select>',
    '<select class="ctools-jump-menu-select"><option value="d4e935b3::">DPS records</option></select>',
], ids=["no jump class", "no address"])
def test_jump_menu_class_near_misses(html):
    assert "info.gov_links" not in detect(html, "https://www.example.gov/")


@pytest.mark.parametrize("html", [
    '<li><a href="/resident/city-code">City Code</a></li>',
    '<a href="https://library.example-codes.com/county/codes">County Code of Ordinances</a>',
    '<a href="/clerk/municipal-code">Municipal Code</a>',
])
def test_a_local_governments_code_of_laws_is_legal_information(html):
    # US cities and counties publish their by-laws as the "City Code" / "Municipal Code"
    assert detect(html, "https://www.example.gov/")["info.legal"]


@pytest.mark.parametrize("html", [
    '<a href="/report/code">Report a City Code Violation</a>',
    '<a href="/department/code">Code Compliance</a>',
    '<a href="/lookup">Find your ZIP code</a>',
], ids=["report a violation", "enforcement office", "zip code"])
def test_code_words_near_misses(html):
    assert "info.legal" not in detect(html, "https://www.example.gov/")


@pytest.mark.parametrize("host, government", [
    # the United States' locality domains: a state's agencies under state.<st>.us, and cities,
    # counties and towns under ci./co./town.<place>.<st>.us
    ("records.txdps.state.tx.us", True), ("www.ci.example.tx.us", True), ("www.co.fairview.va.us", True),
    ("town.littleton.ma.us", True),
    # near misses: a private name under .us, a school district and a library of the same tree
    ("www.example.us", False), ("www.myschool.k12.ny.us", False), ("lib.example.ny.us", False),
    ("state.example.com", False),
])
def test_us_state_and_local_hosts_are_government(host, government):
    found = detect(f'<a href="https://{host}/">Agency</a>', "https://www.example.gov/")
    assert ("info.gov_links" in found) == government


def test_a_banner_sentence_that_mentions_forms_is_no_forms_page():
    # a slideshow caption asking for opinions on the city's paperwork mentions forms in passing
    banner = ('<p><a href="/news/paper-processes"><span>Weigh In on the City\'s Paper Processes</span><br>'
              '<span>Tell us what forms and actions need to be easier to use.</span></a></p>')
    assert "forms.download" not in detect(banner, "https://www.example.gov/")
    # near miss the other way: a forms page named in a few words, and a form file in a long sentence
    assert detect('<a href="/permits/forms">Download forms and applications for building permits</a>',
                  "https://www.example.gov/")["forms.download"]
    assert detect('<a href="/docs/claim.pdf">Tell us about damage to your car caused by a city vehicle: '
                  'claim form for property damage</a>', "https://www.example.gov/")["forms.download"]


@pytest.mark.parametrize("html", [
    '<a href="https://www.example.gov/online-form/public-information-request">Public Information Request</a>',
    '<a href="https://records.example.gov/eforms/request">Public records request</a>',
])
def test_a_records_request_made_online_is_an_online_application(html):
    # US cities take public information (open records, FOI) requests through an online form
    assert detect(html, "https://www.example.gov/")["service.online_application"]


@pytest.mark.parametrize("html", [
    # the request's policy file, a how-to, and a report of the requests the city received
    '<a href="/docs/records-request-policy.pdf">Public records request policy</a>',
    '<a href="https://www.example.gov/online-form/records">How to make a public records request</a>',
    '<a href="/clerk/reports">Records request statistics 2017</a>',
], ids=["policy file", "how-to", "statistics"])
def test_records_request_near_misses(html):
    assert "service.online_application" not in detect(html, "https://www.example.gov/")


def test_a_translate_menu_marked_notranslate_is_no_language_switcher():
    """A city's "Translate" menu whose language names carry Google's "notranslate" class and lead
    to "#" machine-translates the same page; its script may come in the site's own bundle."""
    menu = ('<li class="tr"><a href="#translate">Translate</a><ul class="tr-dd">'
            '<li><a href="#" class="notranslate tr-dd-link" data-ln="es">Español</a></li>'
            '<li><a href="#" class="notranslate tr-dd-link" data-ln="vi">Tiếng Việt</a></li></ul></li>'
            '<script src="/scripts/all.js" async></script>')
    assert "lang.multilingual" not in detect(menu)
    # near misses: the same class on a link to the agency's own Spanish pages, and a plain "#"
    # switcher with no such class, still name another language
    own = detect('<a href="/es/" class="notranslate">Español</a>')["lang.multilingual"]
    assert [e.target for e in own] == ["http://www.example.go.th/es/"]
    assert detect('<a href="#" class="lang-switch">Español</a>')["lang.multilingual"]


def test_font_size_buttons_named_increased_in_their_id():
    # a council's accessibility bar: buttons drawn as the letter "A", named only by their ids and titles
    bar = ('<div class="btn-group"><button type="button" id="accessibility-font-normal" title="Normal font">A</button>'
           '<button type="button" id="accessibility-font-increased" title="Large font">A</button></div>'
           '<ul class="az-list"><li><a href="/a-z/a">A</a></li><li><a href="/a-z/b">B</a></li></ul>')
    assert detect(bar)["access.text_resize"]
    assert detect('<a href="#" id="fontDecrease" onclick="resize(-1)">A</a>')["access.text_resize"]
    # near miss: a control whose id only begins with the same letters is something else
    assert "access.text_resize" not in detect('<button type="button" id="text-incoming" onclick="inbox()">Inbox</button>')


def test_a_thai_number_with_a_dash_after_the_trunk_zero_is_the_agencys_phone():
    # Thai agencies write their number with a dash after the trunk 0: "0-4537-1097-8", "0-2960-9704-14",
    # beside an address in abbreviated form (ต. อ. จ. and the postcode)
    footer = '<footer><p>สำนักงานตัวอย่าง 99 หมู่ 3 ต.บ้านใหม่ อ.เมือง จ.ขอนแก่น 40000 {phone}</p></footer>'
    for phone in ("โทร 0-4324-5678", "โทรศัพท์ 0-2960-9704-14", "โทร. 0-3857-3411 ต่อ 144"):
        found = detect(footer.format(phone=phone))
        assert any(e.element == "page text (address block)" for e in found.get("info.contact", [])), phone
    # near misses: a taxpayer number written with dashes, and a bare number range, are no phone numbers
    for other in ("เลขประจำตัวผู้เสียภาษีอากร 0-9940-00165-12-3", "ระยะทาง 0-1500 เมตร"):
        found = detect(footer.format(phone=other))
        assert not any(e.element == "page text (address block)" for e in found.get("info.contact", [])), other


def test_an_area_code_phone_and_a_plain_email_are_the_agencys_address_block():
    # Indonesian footers write the area code and number in one run: "Tlp. 0361-431229"
    footer = ('<div id="footer">Copyright © Pemerintah Kota Contoh 2008 - 2018 Graha Sewaka Lt. III '
              'Tlp. {phone} - e-mail: kominfo@contohkota.go.id</div>')
    for phone in ("0361-431229", "021-52921669", "0274 394124"):
        found = detect(footer.format(phone=phone))
        assert any(e.element == "page text (address block)" for e in found.get("info.contact", [])), phone
    # near misses: a regulation's number and a date are no phone numbers
    for other in ("Perda No. 07/2016", "2018-03-16", "NIP 19650312 199003 1 005"):
        found = detect(footer.format(phone=other))
        assert not any(e.element == "page text (address block)" for e in found.get("info.contact", [])), other


_TEASERS = ('<div class="featured">'
            '<article class="post"><a href="{href}"><img src="card-1.jpg" alt="{text}"></a>'
            '<h2><a href="{href}">{text}</a></h2></article>'
            '<article class="post"><a href="/2018/03/open-house/"><img src="card-2.jpg" alt=""></a>'
            '<h2><a href="/2018/03/open-house/">มหาวิทยาลัยจัดงานเปิดบ้านวิชาการ ประจำปีการศึกษา 2561 '
            'ณ อาคารเรียนรวมหลังใหม่</a></h2></article></div>')


@pytest.mark.parametrize("text, href", [
    ("ขอความร่วมมือนักศึกษาตอบแบบสำรวจความพึงพอใจต่อการให้บริการของมหาวิทยาลัย", "https://survey.example.ac.th/s/2/"),
    ("ขอเชิญชวนประชาชนร่วมตอบแบบสอบถามความต้องการด้านบริการสาธารณะ ประจำปี 2561",
     "https://docs.google.com/forms/d/e/1FAIpQLSe/viewform"),
    ("Please take our short survey on the library's new opening hours this spring", "/have-your-say/library"),
    ("ขอเชิญร่วมแสดงความคิดเห็นสาธารณะต่อ (ร่าง) ประกาศสำนักงาน เรื่อง หลักเกณฑ์การอนุญาต พ.ศ. ....", "/news/hearing/2961.aspx"),
    ("ขอเชิญชวนประชาชนร่วมเสนอความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2561-2565)", "/2018/03/plan-comment/"),
    ("ขอความร่วมมือในการตอบแบบสอบถามความพึงพอใจต่อการให้บริการของเทศบาล ประจำปี 2566",
     "https://forms.gle/x7Qk2"),
])
def test_a_news_teaser_that_asks_readers_to_answer_a_survey_is_the_survey(text, href):
    # a card in a list of posts with pictures (a listing) whose headline asks the reader to answer
    # a survey and leads to it: the way into the survey, not news about one
    assert "participate.poll" in detect(_TEASERS.format(text=text, href=href))


@pytest.mark.parametrize("text", [
    "คณะทำงานร่วมประชุมชี้แจงการตอบแบบสอบถามการประเมินคุณธรรมและความโปร่งใส ประจำปี 2561",
    "เจ้าหน้าที่ลงพื้นที่แจกแบบสอบถามแก่ชาวบ้านในตำบล เพื่อเก็บข้อมูลความต้องการน้ำประปา",
    "ขอขอบคุณผู้ร่วมตอบแบบสอบถามความพึงพอใจต่อการให้บริการ ประจำปี 2566 ทุกท่าน",
    "ขอเชิญประชุมชี้แจงแนวทางการตอบแบบสอบถามการประเมินคุณธรรมและความโปร่งใส ประจำปี 2566",
    "ขอเชิญเจ้าหน้าที่เข้าร่วมอบรมเชิงปฏิบัติการการตอบแบบสำรวจข้อมูลสถิติ ประจำปี 2566",
    "Invitation to the briefing on how to complete the survey for data officers, 3 March",
    "The council has published the results of last year's residents survey on bin collections",
    # a hearing held in a meeting room, and the summary of one: nobody answers on the page
    "ขอเชิญเข้าร่วมประชุมรับฟังความคิดเห็นต่อร่างประกาศ ณ ห้องประชุมชั้น 5 วันที่ 20 มีนาคม 2561",
    "สรุปผลการรับฟังความคิดเห็นสาธารณะต่อ (ร่าง) ประกาศสำนักงาน เรื่อง หลักเกณฑ์การอนุญาต",
])
def test_news_about_a_survey_in_a_list_of_posts_stays_news(text):
    # near misses: a meeting about answering a survey, handing out questionnaires, thanks to those
    # who answered, invitations to a briefing or a training on answering one, a survey's results: the same list, the same words, but no one is asked to answer
    assert "participate.poll" not in detect(_TEASERS.format(text=text, href="/2018/03/news-17/"))


def test_thai_size_buttons_named_as_letters_of_a_size():
    # a Thai template's row of size buttons labelled "letters of normal / large size" (the size
    # after the word, not "ขนาดตัวอักษร"), each a script link that stays on the page
    for letters in ("ตัวอักษร", "ตัวหนังสือ"):
        row = ('<div class="display"><span>เปลี่ยนการแสดงผล</span><ul>'
               f'<li><a href="javascript:;" id="s-1" title="{letters}ขนาดปกติ">{letters}ขนาดปกติ</a></li>'
               f'<li><a href="javascript:;" id="s-2" title="{letters}ขนาดใหญ่">{letters}ขนาดใหญ่</a></li></ul></div>')
        assert "access.text_resize" in detect(row), letters
    # near misses: a link to a news page about large-print books, and the words in running text
    assert "access.text_resize" not in detect('<ul class="news"><li><a href="/news/88.html">ห้องสมุดจัดหาหนังสือ'
                                             'ตัวอักษรขนาดใหญ่สำหรับผู้สูงอายุ</a></li></ul>')
    assert "access.text_resize" not in detect('<p>เอกสารฉบับนี้พิมพ์ด้วยตัวอักษรขนาดใหญ่ อ่านง่าย</p>')


def test_size_buttons_in_a_block_named_like_a_list_of_news_are_still_buttons():
    # a header block whose class names activities (read as a list of news) holding the size
    # buttons, each a script link that stays on the page: the buttons are still the widget
    row = ('<div class="web_activity"><div class="display"><span>เปลี่ยนการแสดงผล</span><ul>'
           '<li class="ts"><a href="javascript:;" id="s-1">ตัวหนังสือขนาดปกติ</a></li>'
           '<li class="ts"><a href="javascript:;" id="s-2">ตัวหนังสือขนาดใหญ่</a></li></ul></div></div>')
    found = detect(row)
    assert [e.confidence for e in found["access.text_resize"]][:1] == ["medium"]
    # near miss: the same block holding links to posts about large print stays a list of news
    posts = ('<div class="web_activity"><ul>'
             '<li class="ts"><a href="/news/1.html">แจกแว่นขยายและหนังสือตัวอักษรขนาดใหญ่ให้ผู้สูงอายุ</a></li>'
             '<li class="ts"><a href="/news/2.html">ห้องสมุดเพิ่มมุมหนังสือตัวอักษรขนาดใหญ่</a></li></ul></div>')
    assert "access.text_resize" not in detect(posts)
    # nor do headlines that a script opens in place (a news list loaded by AJAX) become buttons
    ajax = ('<div class="news-list"><ul>'
            '<li class="item"><a href="javascript:void(0)" onclick="openNews(12)">ห้องสมุดประชาชนเพิ่มมุมหนังสือ'
            'ตัวอักษรขนาดใหญ่สำหรับผู้สูงอายุ</a> <span>12 ต.ค. 2566</span></li>'
            '<li class="item"><a href="javascript:void(0)" onclick="openNews(11)">อบรมการปรับสีภาพถ่ายด้วยโปรแกรม'
            'สำหรับเจ้าหน้าที่ประชาสัมพันธ์</a> <span>11 ต.ค. 2566</span></li></ul></div>')
    found = detect(ajax)
    assert not enough(found["access.text_resize"]) and not enough(found["access.contrast"])


def test_a_department_linking_its_ministry_and_a_sister_department_links_other_agencies():
    """Thai ministries host their departments on subdomains: the Department of Disease Control
    (ddc.moph.go.th, a row of the shipped Thai list) linking the Ministry of Public Health and
    the Department of Health (anamai.moph.go.th) links two other agencies."""
    found = detect('<a href="https://www.moph.go.th/">กระทรวงสาธารณสุข</a>'
                   '<a href="https://anamai.moph.go.th/">กรมอนามัย</a>'
                   '<a href="https://e-service.ddc.moph.go.th/">บริการออนไลน์ของกรม</a>'
                   '<a href="https://ddc.moph.go.th/about">เกี่ยวกับกรม</a>',
                   url="https://www.ddc.moph.go.th/index.php")
    assert [e.target for e in found["info.gov_links"]] == ["https://www.moph.go.th/", "https://anamai.moph.go.th/"]
    # near miss: the same links from the ministry: its own www. and an unlisted subdomain are the
    # ministry's own; its listed departments are other agencies
    found = detect('<a href="https://moph.go.th/about">เกี่ยวกับกระทรวง</a>'
                   '<a href="https://e-service.moph.go.th/">บริการออนไลน์</a>'
                   '<a href="https://ddc.moph.go.th/">กรมควบคุมโรค</a>',
                   url="https://www.moph.go.th/index.php")
    assert [e.target for e in found["info.gov_links"]] == ["https://ddc.moph.go.th/"]


def test_a_universitys_faculties_and_a_provinces_web_servers_are_its_own():
    """Subdomains no list names an agency are the site's own units (a university's library and
    faculties); a province served from ww2. is the province at www. too."""
    found = detect('<a href="https://library.kmutt.ac.th/">ห้องสมุด</a>'
                   '<a href="https://eng.kmutt.ac.th/">คณะวิศวกรรมศาสตร์</a>'
                   '<a href="https://www.mhesi.go.th/">กระทรวงการอุดมศึกษาฯ</a>',
                   url="https://www.kmutt.ac.th/")
    assert [e.target for e in found["info.gov_links"]] == ["https://www.mhesi.go.th/"]
    found = detect('<a href="https://www.ayutthaya.go.th/news">ข่าวจังหวัด</a>'
                   '<a href="https://www.angthong.go.th/">จังหวัดอ่างทอง</a>',
                   url="http://ww2.ayutthaya.go.th/index.php")
    assert [e.target for e in found["info.gov_links"]] == ["https://www.angthong.go.th/"]


def test_the_evidence_says_what_names_a_links_box():
    """A link named by its box is shown to a reviewer with where its name is: a drop-down's
    head, a block's title and a tab are different things to look for on the page; a block's
    title and a tab were all called a drop-down."""
    items = '<li><a href="/pay/water">ค่าน้ำประปา</a></li><li><a href="/pay/tax">ภาษีป้าย</a></li>'
    dropdown = f'<ul class="menu"><li><a href="#">ชำระเงินออนไลน์</a><ul>{items}</ul></li></ul>'
    block = f'<h3>ชำระเงินออนไลน์</h3><ul>{items}</ul>'
    tab = ('<ul class="nav nav-tabs"><li><a href="#pane-pay" data-toggle="tab">ชำระเงินออนไลน์</a></li></ul>'
           f'<div class="tab-content"><div class="tab-pane" id="pane-pay"><ul>{items}</ul></div></div>')
    for html, where in ((dropdown, "in the drop-down"), (block, "under the title"), (tab, "in the tab")):
        found = detect(html, "https://www.example.go.th/")
        assert [e.element for e in found["payment.online"]][:1] == [f"<a> {where} 'ชำระเงินออนไลน์'"], where


def test_a_declared_host_under_a_public_suffix_is_that_host_not_the_whole_suffix():
    """GOV.UK declares www.gov.uk: a department's own site under gov.uk stays another agency."""
    view = build_page('<html><body><a href="http://www.cabinetoffice.gov.uk/content/departments">Departments</a>'
                      '<a href="https://www.gov.uk/browse/driving">Driving</a></body></html>', "http://127.0.77.9:8000/")
    view.own_domains.add("www.gov.uk")
    view.declared_domains.add("www.gov.uk")
    found = [e.target for a in ASSESSORS for e in a.page(view) if e.feature == "info.gov_links"]
    assert found == ["http://www.cabinetoffice.gov.uk/content/departments"]


# Over-reaches found on made-up pages, each with the true case that still counts

def test_two_letter_buttons_in_two_parts_of_the_page_are_no_text_size_control():
    # two grade badges "A" (modal links) in two boxes of a sidebar: the ITA result and the green office award
    page = ('<div class="sidebar"><div class="box-ita"><h3>ผลการประเมินคุณธรรมและความโปร่งใส (ITA)</h3>'
            '<p>ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ได้คะแนน 95.12 ระดับ <a href="#" data-toggle="modal">A</a></p>'
            '<a href="/ita/2566">ดูรายละเอียด</a></div>'
            '<div class="box-green"><h3>สำนักงานสีเขียว (Green Office)</h3>'
            '<p>ผ่านการประเมินสำนักงานสีเขียว ระดับ <a href="#" data-toggle="modal">A</a> จากกรมส่งเสริมคุณภาพสิ่งแวดล้อม</p>'
            '</div></div>')
    assert "access.text_resize" not in detect(page)
    # the true case: the size letters in one toolbar, beside the contrast buttons and their labels
    toolbar = ('<div class="top-tools"><span>ขนาดตัวอักษร</span> <a href="#" class="fs">A</a> <a href="#" class="fs">A</a> '
               '<a href="#" class="fs">A</a> <span>ความคมชัด</span> <a href="#" class="c1">สีปกติ</a> '
               '<a href="#" class="c2">ขาวดำ</a></div>')
    assert detect(page + toolbar)["access.text_resize"]


def test_size_buttons_drawn_as_bare_pictures_are_a_text_size_control():
    # local-government templates draw the buttons as pictures a script makes clickable (no link, no handler)
    tools = ('<div class="font-tool"><img src="/templates/tambon/images/font-minus.png" alt="" style="cursor:pointer">'
             '<img src="/templates/tambon/images/font-plus.png" alt="" style="cursor:pointer"></div>')
    assert [e.element for e in detect(tools)["access.text_resize"]] == ["<img> controls"]
    assert detect('<img src="/images/fontsize_up.gif" id="up"> <img src="/images/fontsize_down.gif" id="down">')[
        "access.text_resize"]
    # a link whose own handler sets the size, around a picture without words
    assert detect('<a onclick="changeFontSize(1)"><img src="/images/ic_1.png"></a>')["access.text_resize"]


@pytest.mark.parametrize("html", [
    # a gallery's magnifier, a photo whose name only begins so, a link to another page drawn with the size picture
    '<div class="gallery"><img src="/images/zoom-in.png" alt=""><img src="/uploads/2566/fontana-up.jpg" alt=""></div>',
    '<img src="/uploads/textbook-donation.jpg" alt="">',
    '<a href="/accessibility.html"><img src="/images/font-plus.png" alt=""></a>',
], ids=["zoom and photo", "textbook", "link to a page"])
def test_size_picture_near_misses(html):
    assert "access.text_resize" not in detect(html)


_INLINE_GOOGLE = ('<div id="google_translate_element"></div><script type="text/javascript">'
                  'function googleTranslateElementInit() { new google.translate.TranslateElement('
                  '{pageLanguage: "th", includedLanguages: "en,zh-CN,lo"}, "google_translate_element"); }</script>')
_INLINE_GTRANSLATE = ('<script>function doGTranslate(lang_pair) { if (lang_pair.value) lang_pair = lang_pair.value; '
                      'var lang = lang_pair.split("|")[1]; }</script>')
_FLAGS = ('<div class="lang-flags"><a href="#" title="English" class="flag"><img src="/images/flags/en.png" alt="English"></a>'
          '<a href="#" title="ไทย" class="flag"><img src="/images/flags/th.png" alt="ไทย"></a></div>')


@pytest.mark.parametrize("widget", [_INLINE_GOOGLE, _INLINE_GTRANSLATE], ids=["google", "gtranslate"])
def test_flags_of_a_translation_widget_set_up_by_an_inline_script_are_no_language_switcher(widget):
    assert "lang.multilingual" not in detect(widget + _FLAGS)
    # the true case: the agency's own English pages beside the widget
    found = detect(widget + _FLAGS + '<a href="/en/index.php">English</a>')
    assert [e.target for e in found["lang.multilingual"]] == ["http://www.example.go.th/en/index.php"]


_AGENCY_BANNERS = ('<div class="moduletable"><h3>ข่าวประชาสัมพันธ์</h3><div class="banner-row">'
                   '<a href="https://www.dla.go.th/" target="_blank"><img src="/images/banners/dla.jpg" alt=""></a>'
                   '<a href="https://www.moi.go.th/" target="_blank"><img src="/images/banners/moi.jpg" alt=""></a>'
                   '<a href="https://www.nacc.go.th/" target="_blank"><img src="/images/banners/nacc.jpg" alt=""></a>'
                   '</div></div>')


def test_a_news_title_over_other_agencies_banners_is_no_news():
    # banners are not dated headlines: each is the agency it leads to (info.gov_links), not news
    found = detect(_AGENCY_BANNERS, "http://www.example-tambon.go.th/")
    assert "info.news" not in found
    assert found["info.gov_links"]
    # the true case: picture news of the agency's own (ข่าวภาพ) under the same title, and its Facebook posts
    own = _AGENCY_BANNERS.replace("https://www.dla.go.th/", "/news/view/101").replace(
        "https://www.moi.go.th/", "/news/view/102")
    assert detect(own, "http://www.example-tambon.go.th/")["info.news"]
    facebook = ('<div><h3>ข่าวประชาสัมพันธ์</h3><div class="row"><a href="https://www.facebook.com/exampletambon/posts/1">'
                '<img src="/images/fb1.jpg" alt=""></a><a href="https://www.facebook.com/exampletambon/posts/2">'
                '<img src="/images/fb2.jpg" alt=""></a></div></div>')
    assert detect(facebook, "http://www.example-tambon.go.th/")["info.news"]


_INTRO = ('<div class="intro"><img src="/images/intro/portrait.jpg" alt="ทรงพระเจริญ">'
          '<p>ข้าพระพุทธเจ้า คณะผู้บริหาร สมาชิกสภา และพนักงานองค์การบริหารส่วนตำบลตัวอย่าง</p>'
          '<a href="https://www.example-campaign.com/"><img src="/images/intro/campaign.jpg" '
          'alt="ลงทะเบียนรับสิทธิ์ออนไลน์ ผ่านแอปเป๋าตัง"></a>'
          '<a href="/home.php">เข้าสู่เว็บไซต์</a></div>')


def test_an_intro_pages_banner_of_a_campaign_hosted_elsewhere_is_not_the_agencys_application():
    assert "service.online_application" not in detect(_INTRO, "http://www.example-tambon.go.th/")
    # the true cases: the door's own button into the agency's e-service, and the same banner on a
    # page that is no intro page (a link to another domain's service names it, FEATURES.md)
    door = _INTRO.replace("https://www.example-campaign.com/", "/eservice/request.php").replace(
        "ลงทะเบียนรับสิทธิ์ออนไลน์ ผ่านแอปเป๋าตัง", "ยื่นคำร้องออนไลน์")
    assert detect(door, "http://www.example-tambon.go.th/")["service.online_application"]
    home = _INTRO.replace('<a href="/home.php">เข้าสู่เว็บไซต์</a>', "")
    assert detect(home, "http://www.example-tambon.go.th/")["service.online_application"]
    # ... and a button of the door, in words, to the agency's e-service on another host
    button = _INTRO.replace('<a href="/home.php">', '<a href="https://eservice.example-dept.go.th/">บริการออนไลน์</a>'
                            '<a href="/home.php">')
    assert detect(button, "http://www.example-tambon.go.th/")["service.online_application"]


@pytest.mark.parametrize("clip", [
    '<a href="https://www.youtube.com/watch?v=AbC123xyz"><img src="https://i.ytimg.com/vi/AbC123xyz/hqdefault.jpg" alt=""></a>',
    '<a href="/vdo/view/12"><img src="/images/vdo/thumb12.jpg" alt=""></a>',
], ids=["youtube", "own video page"])
def test_a_video_under_a_heading_that_names_a_service_is_not_the_service(clip):
    page = f'<div class="col-md-4"><h3>ชำระภาษีออนไลน์</h3>{clip}</div>'
    found = detect(page)
    assert "payment.online" not in found
    assert found["media.audio_video"]           # it is a video
    # the true case: a picture link to the payment system under the same heading
    assert detect('<div class="col-md-4"><h3>ชำระภาษีออนไลน์</h3><a href="https://epayment.example.go.th/">'
                  '<img src="/images/banner-pay.jpg" alt=""></a></div>')["payment.online"]


# Misses within reach

@pytest.mark.parametrize("html", [
    '<div class="content"><a href="/apply-passport-online"><img src="/images/banner-apply.jpg" alt=""></a></div>',
    '<div class="content"><a href="https://www.example.go.th/online-application/"><img src="/images/b2.png"></a></div>',
    '<p>ประชาชนทั่วไป <a href="/services/request_online.php">คลิกที่นี่</a></p>',
    '<div class="menu"><a href="/th/e-service/index.php"><img src="/images/menu/es.png" alt=""></a></div>',
], ids=["apply online", "online application", "request online", "e-service in nav"])
def test_an_online_application_named_by_its_address(html):
    [item] = detect(html)["service.online_application"]
    assert (item.element, item.confidence) == ("<a> named by its address", "medium")


@pytest.mark.parametrize("html", [
    # a story about the service, a notice to print, a list of news, and an e-service's address in the
    # content (a banner about the system: one weak cue, not enough alone)
    '<div class="content"><a href="/news/apply-online-2566"><img src="/images/n1.jpg" alt=""></a></div>',
    '<div class="content"><a href="/files/apply-online-guide.pdf"><img src="/images/pdf.png" alt=""></a></div>',
    ('<div id="news"><ul><li><a href="/apply-online-tax">อ่านต่อ</a> 12 มี.ค. 2567</li>'
     '<li><a href="/x">อ่านต่อ</a> 13 มี.ค. 2567</li></ul></div>'),
    '<div class="content"><a href="/th/e-service/index.php"><img src="/images/es.png" alt=""></a></div>',
    # an address that says applying online and what about it: a guide, its questions, a
    # newsletter's sign-up, the results of a call
    '<div class="banner"><a href="/how-to-apply-online"><img src="/images/b1.jpg" alt=""></a></div>',
    '<div class="content"><p>คำถามที่พบบ่อย <a href="/faq/online-application-faq">คลิกที่นี่</a></p></div>',
    '<div class="content"><a href="/register-online-newsletter"><img src="/images/nl.png" alt=""></a></div>',
    '<div class="content"><a href="/online-registration-results-2567"><img src="/images/r.png" alt=""></a></div>',
], ids=["news item", "pdf", "news list", "e-service in content", "guide", "faq", "newsletter", "results"])
def test_an_address_that_names_an_application_near_misses(html):
    assert {e.confidence for e in detect(html).get("service.online_application", [])} <= {"weak"}


def test_a_service_named_by_its_link_and_applied_for_online_by_its_address():
    # the link names the service; its address says it is applied for online
    found = detect('<section class="popular-box"><h2 class="block-title">Popular</h2><div><a href="/businesses/'
                   'apply-for-an-employer-identification-number-ein-online">Employer Identification Number (EIN)</a>'
                   '</div></section>', "https://www.example.gov/")
    assert [(e.element, e.confidence) for e in found["service.online_application"]] == [
        ("<a> named by its address", "medium")]


@pytest.mark.parametrize("html", [
    # a guide, the rules of who may apply, a complaint, and a headline that mentions the service
    '<div><a href="/permits/apply-for-a-permit-online">How to apply for a building permit</a></div>',
    '<div><a href="/benefits/apply-online-eligibility">Eligibility for the child benefit</a></div>',
    '<div><a href="/complaints/online-request">Make a complaint</a></div>',
    ('<div><a href="/about/apply-online-2024">City council approves the new permit system for residents this spring'
     '</a></div>'),
], ids=["how to", "eligibility", "complaint", "headline"])
def test_a_named_link_to_an_apply_online_address_near_misses(html):
    assert {e.confidence for e in detect(html, "https://www.example.gov/").get("service.online_application", [])} <= {"weak"}


_AGENCY_FOOTER = ('<div id="footer"><p>องค์การบริหารส่วนตำบลตัวอย่าง 99 หมู่ 1 ตำบลตัวอย่าง อำเภอเมือง จังหวัดขอนแก่น 40000 '
                  'โทร 0-4300-0000</p><p><a href="https://www.facebook.com/tambon.example"><img src="/images/fb.png" alt="">'
                  '</a></p>{credit}</div>')


@pytest.mark.parametrize("credit", [
    ('<p>ออกแบบและพัฒนาเว็บไซต์โดย บริษัท เว็บดีไซน์ตัวอย่าง จำกัด <a href="https://www.facebook.com/webdesign.example">'
     '<img src="/images/fb-small.png" alt=""></a> <a href="https://www.youtube.com/@webdesign.example">YouTube</a></p>'),
    ('<div class="copyright">Copyright © 2567 Powered by <a href="https://www.instagram.com/webdesign.example">'
     'WebDesign Example Co., Ltd.</a></div>'),
    # the credit's words broken over lines of the markup, as templates indent them: read as shown
    ('<div class="copyright">Copyright © 2567 Powered\n        by <a href="https://www.instagram.com/webdesign.example">'
     'WebDesign Example Co., Ltd.</a></div>'),
], ids=["thai credit", "powered by", "broken over lines"])
def test_the_web_designers_credit_in_the_footer_is_not_the_agencys(credit):
    # Thai local-government templates end with the vendor's credit and its own social pages
    found = detect(_AGENCY_FOOTER.format(credit=credit), "http://www.example-tambon.go.th/")
    assert [e.target for e in found["channel.social"]] == ["https://www.facebook.com/tambon.example"]
    # near miss the other way: the vendor's page alone is no channel of the agency's
    alone = detect(f'<div id="footer">{credit}</div>', "http://www.example-tambon.go.th/")
    assert "channel.social" not in alone


@pytest.mark.parametrize("video, player", [
    # a header's moving backdrop (plays by itself, muted, no controls) is a decorative banner
    ('<div class="hero"><video autoplay muted loop playsinline src="/images/bg-header.mp4"></video></div>', False),
    ('<header><video autoplay muted loop><source src="/uploads/banner.webm" type="video/webm"></video></header>', False),
    # the true cases: a player a person starts, or one that plays with its controls shown
    ('<video controls src="/uploads/clip-2567.mp4"></video>', True),
    ('<video autoplay muted controls><source src="/uploads/report.mp4" type="video/mp4"></video>', True),
], ids=["backdrop", "backdrop source", "player", "autoplay with controls"])
def test_a_banners_moving_backdrop_is_no_video(video, player):
    assert ("media.audio_video" in detect(video, "http://www.example-tambon.go.th/")) == player


@pytest.mark.parametrize("line", [
    # a credit to the agency itself or its own IT unit: its icons and feedback links are its own
    ('<p>Workwise.sg - Powered by the Ministry of Manpower <a href="https://www.facebook.com/sgministryofmanpower">'
     'Facebook</a></p>'),
    ('<p>Powered by งานพัฒนาระบบสารสนเทศ สำนักวิทยบริการ <a href="https://www.facebook.com/aritc.example">'
     '<img src="/images/fb.png" alt=""></a></p>'),
], ids=["the ministry", "its own unit"])
def test_a_credit_to_the_agency_itself_is_no_vendors_credit(line):
    assert detect(f'<div id="footer">{line}</div>', "http://www.example.go.th/")["channel.social"]


@pytest.mark.parametrize("link", [
    # สำนักงานประกันสังคม writes its initials SSO and lives at sso.go.th; district health offices
    # (สำนักงานสาธารณสุขอำเภอ, สสอ.) brand themselves "…SSO" too: an agency, not a single sign-on
    '<a href="https://www.sso.go.th/">สำนักงานประกันสังคม (SSO)</a>',
    '<a href="https://www.sso.go.th/wpr/"><img src="/images/banner/sso.png" alt=""></a>',
    '<a class="navbar-brand" href="/page/index.php">Bangkruai...<span>SSO.</span></a>',
], ids=["named", "picture", "brand"])
def test_an_agency_called_sso_is_no_single_sign_on(link):
    assert "connected.data_exchange" not in detect(link, "http://www.example-hospital.go.th/")


@pytest.mark.parametrize("link", [
    '<a href="/auth/login">SSO Login</a>',
    '<a href="/auth/">เข้าสู่ระบบด้วย SSO</a>',
    '<a href="/auth/">Single Sign-On</a>',
    # a sign-on service on its own subdomain, drawn as a picture
    '<a href="https://sso.digital.example.go.th/login"><img src="/images/b1.png" alt=""></a>',
], ids=["sso login", "thai", "spelled out", "sso subdomain"])
def test_a_single_sign_on_is_still_named_so(link):
    # near misses of the above: the initials beside logging in, or a sign-on host below an agency's domain
    assert "connected.data_exchange" in detect(link, "http://www.example.go.th/")


@pytest.mark.parametrize("unit", ["กองประชาสัมพันธ์", "ฝ่ายประชาสัมพันธ์", "กลุ่มงานประชาสัมพันธ์", "แผนกประชาสัมพันธ์"])
def test_the_public_relations_division_in_a_structure_menu_is_no_news(unit):
    # an agency's structure menu lists its divisions; the one for public relations is a unit's page
    menu = ('<ul class="dropdown-menu"><li><a href="dep_admin.php">กองธุรการ</a></li>'
            f'<li><a href="dep_pr.php">{unit}</a></li><li><a href="dep_it.php">กองสารสนเทศ</a></li></ul>')
    assert "info.news" not in detect(menu)


@pytest.mark.parametrize("menu", ["ข่าวประชาสัมพันธ์", "ประชาสัมพันธ์", "ข่าวกองประชาสัมพันธ์", "ภาพกิจกรรมฝ่ายประชาสัมพันธ์"])
def test_public_relations_news_is_still_news(menu):
    # near misses: the news a PR menu or a division publishes is the agency's news
    assert "info.news" in detect(f'<ul class="menu"><li><a href="/news/list.php">{menu}</a></li></ul>')


def test_an_e_mail_address_written_in_the_agencys_address_block_is_an_enquiry_channel():
    """Thai footers print the office's e-mail as text ("อีเมล: …@…"), not as a mailto link: an
    address to write to is a two-way channel as much as the link (FEATURES.md, seed 002's enquiry
    e-mail)."""
    footer = ('<footer><h4>ที่อยู่ติดต่อ</h4><p>สำนักงานตัวอย่าง 99 หมู่ที่ 1 ถนนตัวอย่าง ตำบลตัวอย่าง อำเภอเมือง '
              'จังหวัดชลบุรี 20000</p><p>โทรศัพท์ 038-000-000</p><p>อีเมล : office.example@gmail.com</p></footer>')
    found = detect(footer)
    assert [e.element for e in found["interact.two_way"]] == ["page text (e-mail address)"]
    assert "office.example@gmail.com" in found["interact.two_way"][0].text
    # near misses: the web designer's e-mail in the credit, and an e-mail in an item of a news list
    credit = ('<footer><p>สำนักงานตัวอย่าง 99 หมู่ที่ 1 ตำบลตัวอย่าง อำเภอเมือง จังหวัดชลบุรี 20000 โทร 038-000-000</p>'
              '<p>ออกแบบและพัฒนาเว็บไซต์โดย บริษัท เว็บดีไซน์ตัวอย่าง จำกัด อีเมล sales@webdesign.example.co.th</p></footer>')
    assert "interact.two_way" not in detect(credit)
    news = ('<div class="news"><ul><li><a href="/news/1">รับสมัครผู้ช่วยนักวิจัย ส่งใบสมัครได้ที่ hr.example@gmail.com</a> '
            '12 มี.ค. 2567</li></ul></div><footer><p>สำนักงานตัวอย่าง ตำบลตัวอย่าง จังหวัดชลบุรี 20000 โทร 038-000-000</p></footer>')
    assert "interact.two_way" not in detect(news)


@pytest.mark.parametrize("link", [
    '<a href="/law/const60.php">รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐</a>',
    '<a href="/constitution">Constitution of the Kingdom of Thailand</a>',
    '<a href="/banner/9"><img src="/images/b9.png" alt="รัฐธรรมนูญฉบับใหม่"></a>',
], ids=["thai", "english", "banner"])
def test_the_constitution_is_a_law(link):
    assert "info.legal" in detect(link)


@pytest.mark.parametrize("link", [
    # near misses: the Constitutional Court is another agency, Constitution Day an event, and a
    # street named after it an address
    '<a href="https://www.constitutionalcourt.or.th/">ศาลรัฐธรรมนูญ</a>',
    '<a href="/news/88">กิจกรรมเนื่องในวันรัฐธรรมนูญ 10 ธันวาคม</a>',
    '<a href="/events/constitution-day">Constitution Day celebration</a>',
    '<a href="https://maps.google.com/?q=1500">1500 Constitution Ave NW</a>',
], ids=["court", "thai day", "english day", "street"])
def test_the_constitutional_court_constitution_day_and_its_avenue_are_no_law(link):
    assert "info.legal" not in detect(link)


EN_URL = "http://www.example.gov.ie/index.html"


@pytest.mark.parametrize("link", [
    '<a href="/schemes/payments-update/">Scheme Payments Update</a>',
    '<a href="/schemes/">Farm Schemes &amp; Payments</a>',
    '<a href="/social-care/direct-payments">Direct payments</a>',
    '<a href="/benefits/payment-dates">Benefit payment dates</a>',
    '<a href="/grants/grant-payments">Grant payments to community groups</a>',
], ids=["scheme update", "schemes and payments", "direct", "payment dates", "grant"])
def test_money_the_agency_pays_out_is_no_online_payment(link):
    """Agencies that pay grants, schemes and benefits list "payments" as a topic: the money goes
    from the agency to farmers or claimants, nothing is paid to the agency online."""
    assert "payment.online" not in detect(f'<ul class="menu"><li>{link}</li></ul>', EN_URL)


@pytest.mark.parametrize("link", [
    '<a href="/pay/">Payments</a>',
    '<a href="/pay/scheme-fees">Pay scheme fees online</a>',
    '<a href="/council-tax/pay">Make a payment</a>',
], ids=["payments menu", "pay fees", "make a payment"])
def test_paying_the_agency_is_still_a_payment_beside_payouts(link):
    # near misses: a bare "Payments" menu and paying a scheme's fees stay payments to the agency
    found = detect(f'<ul class="menu"><li>{link}</li></ul>', EN_URL)
    assert found["payment.online"]


@pytest.mark.parametrize("name", ["Gaeilge", "As Gaeilge", "Gàidhlig", "Te Reo Māori"])
def test_a_link_named_by_a_home_language_of_an_english_speaking_country_is_a_switcher(name):
    """Irish departments link their Irish pages as "Gaeilge", Scottish bodies theirs as
    "Gàidhlig", New Zealand agencies theirs as "Te Reo Māori", as Welsh sites say "Cymraeg"."""
    found = detect(f'<div id="mainmenu"><ul><li><a href="/about/">About Us</a></li>'
                   f'<li><a href="/ga/">{name}</a></li></ul></div>', EN_URL)
    assert [e.target for e in found["lang.multilingual"]] == ["http://www.example.gov.ie/ga/"]


@pytest.mark.parametrize("link", [
    '<a href="https://www.forasnagaeilge.ie/">Foras na Gaeilge</a>',
    '<a href="/news/seachtain-na-gaeilge-2018">Seachtain na Gaeilge 2018 events</a>',
    '<a href="/maori-wardens">Māori Wardens programme</a>',
], ids=["irish body", "irish week", "maori programme"])
def test_the_language_named_inside_a_title_is_no_switcher(link):
    # near misses: another body named after the language, an event and a programme
    assert "lang.multilingual" not in detect(link, EN_URL)


def test_bigger_and_smaller_font_buttons_are_a_text_size_control():
    """jQuery font-size plugins label the buttons "Bigger font" / "Smaller font" and leave them on
    the page (href="#"), the words in the other order than "font larger"."""
    found = detect('<ul class="page-utilities"><li><a href="javascript:window.print();">Print</a></li>'
                   '<li><a href="#" class="rv-dec">Smaller font</a></li>'
                   '<li><a href="#" class="rv-inc">Bigger font</a></li></ul>', EN_URL)
    assert found["access.text_resize"]
    # near misses: a help page about making the font bigger is a guide, not the control
    assert "access.text_resize" not in detect(
        '<a href="/help/bigger-font-in-your-browser">Bigger font in your web browser</a>', EN_URL)
    assert "access.text_resize" not in detect('<a href="/accessibility/large-print">Large print leaflets</a>', EN_URL)


def test_checking_the_status_of_a_named_benefit_or_application_is_status_tracking():
    """US and Australian portals write "Check <service> Status": the words of the service sit
    between the verb and "status" ("Check Permanent Fund Dividend Status", "Check Visa Status")."""
    for text in ("Check Permanent Fund Dividend Status", "Check your refund status", "Check Visa Application Status",
                 "Check my benefit claim status"):
        found = detect(f'<ul class="menu"><li><a href="https://apply.example.gov/">{text}</a></li></ul>', EN_URL)
        assert found["service.end_to_end"], text


@pytest.mark.parametrize("text", ["Check Flag Status", "Check road status", "Check project status reports"])
def test_the_status_of_flags_roads_and_projects_is_no_status_tracking(text):
    # near misses: half-staff flags, road conditions and a project's progress are no one's request
    assert "service.end_to_end" not in detect(f'<ul class="menu"><li><a href="/services/{len(text)}">{text}</a></li></ul>', EN_URL)


def test_a_news_item_typed_as_a_podcast_or_video_is_the_agencys_media():
    """English news lists type an item by its medium before a colon ("Podcast: Summer interns",
    "VIDEO: the minister opens the bridge"): the item is the recording, not a story about one."""
    for item in ("Podcast: Summer Interns 2018", "VIDEO: Minister opens the new bridge", "Webcast: council meeting of 12 March"):
        found = detect('<div class="view-news"><h2>Latest updates</h2><ul>'
                       f'<li><a href="/news-media/item-1">{item}</a> &ndash; 26 February 2018</li>'
                       '<li><a href="/news-media/item-2">Call for submissions on the family law review</a> &ndash; 13 March 2018</li>'
                       '</ul></div>', EN_URL)
        assert enough(found.get("media.audio_video", [])), item


def test_a_news_story_that_mentions_a_video_is_not_the_agencys_media():
    # near misses: a headline about video (a rule on CCTV, a guideline for filming) is a story
    for item in ("New video guidelines for film crews in parks", "Council reviews video surveillance policy"):
        found = detect('<div class="view-news"><h2>Latest updates</h2><ul>'
                       f'<li><a href="/news-media/item-1">{item}</a> &ndash; 26 February 2018</li>'
                       '<li><a href="/news-media/item-2">Call for submissions on the family law review</a> &ndash; 13 March 2018</li>'
                       '</ul></div>', EN_URL)
        assert not enough(found.get("media.audio_video", [])), item


def test_a_view_all_link_under_a_news_heading_is_the_news_list():
    """A news box whose items a script draws from a data attribute leaves only its heading and a
    "View all updates" / "See all" link at the bottom: the heading says what the link lists."""
    for more in ("View all updates", "See all", "View all"):
        found = detect('<div class="latestContainer"><div class="top"><h2>Transport agency news</h2></div>'
                       '<div id="announcements" data-items=\'[{"name":"Plan your journey"}]\'></div>'
                       f'<div class="bottom"><a class="latest-all" href="/about-us/news-events/">{more}</a></div></div>', EN_URL)
        assert enough(found.get("info.news", [])), more


def test_a_view_all_link_under_another_heading_is_no_news():
    # near misses: the same link under a box of projects or of roadworks lists those
    for heading in ("Our projects", "Roadworks near you"):
        found = detect(f'<div class="box"><div class="top"><h2>{heading}</h2></div><div class="list"></div>'
                       '<div class="bottom"><a href="/projects/">View all updates</a></div></div>', EN_URL)
        assert not enough(found.get("info.news", [])), heading


def test_a_vue_router_link_with_a_written_address_is_a_link():
    """Vue.js pages write in-app links as <router-link to="/privacy-policy">: the script turns
    each into an <a>, so the address written in the page is the link a person follows."""
    found = detect('<div id="application"><router-view name="home1"></router-view>'
                   '<section class="footer"><ul><li><router-link to="/terms-of-use">Terms of Use</router-link></li>'
                   '<li><router-link to="/privacy-policy">Privacy Policy</router-link></li></ul></section></div>', EN_URL)
    assert [e.target for e in found["policy.privacy"]] == ["http://www.example.gov.ie/privacy-policy"]


def test_a_vue_router_link_bound_to_script_data_is_no_link():
    # near miss: a link whose address and text the script fills in (":to", "{{ }}") names nothing yet
    found = detect('<ul><li v-for="hl in links"><router-link :to="hl.link">{{ hl.title }}</router-link></li>'
                   '<li><router-link to="/{{ page }}">Privacy {{ page }}</router-link></li></ul>', EN_URL)
    assert "policy.privacy" not in found


@pytest.mark.parametrize("name", ["The Board", "The Commission", "Our Authority"])
def test_a_boards_menu_naming_the_body_itself_is_about_the_organisation(name):
    """Boards, commissions and authorities head their menu with the body itself ("The Board" >
    members, policies, budget), as a council's menu says "The Council"."""
    found = detect(f'<div id="top-menu"><ul class="nav menu"><li><a href="/the-body">{name}</a></li>'
                   '<li><a href="/training">Training</a></li><li><a href="/research">Research</a></li></ul></div>', EN_URL)
    assert found["info.organization"]


@pytest.mark.parametrize("text", ["The Board's decisions", "Board meeting papers", "Commission hearings calendar",
                                  "The Authority's annual fees"])
def test_the_bodys_meetings_or_decisions_are_not_the_organisation(text):
    # near misses: what the body does or decides is not who it is
    assert "info.organization" not in detect(f'<ul class="menu"><li><a href="/x">{text}</a></li></ul>', EN_URL)


@pytest.mark.parametrize("url", ["https://www.nhs.uk/smokefree", "https://www.met.police.uk/report/",
                                 "https://www.parliament.uk/business/"])
def test_the_uk_public_sector_domains_are_other_agencies(url):
    """UK councils link the NHS, the police forces and Parliament, whose registries take only those
    bodies (.nhs.uk, .police.uk, parliament.uk), as they link gov.uk."""
    found = detect(f'<ul><li><a href="{url}">Partner</a></li></ul>', "http://www.example-council.gov.uk/")
    assert [e.target for e in found["info.gov_links"]] == [url]


@pytest.mark.parametrize("url", ["https://www.nhsjobs-example.com/", "https://www.nhs.uk.example.com/",
                                 "https://www.policeauctions.co.uk/"])
def test_names_that_only_look_like_uk_public_sector_domains_are_not(url):
    # near misses: private sites whose names contain nhs or police, and a look-alike host
    assert "info.gov_links" not in detect(f'<a href="{url}">Partner</a>', "http://www.example-council.gov.uk/")


def test_a_form_file_named_as_an_application_and_a_find_a_form_task_link():
    # an Indian transport corporation's menu: the PDF named as an application is the form to print
    found = detect('<ul id="nav"><li><a href="#">Bus Pass</a><ul>'
                   '<li><a href="Journalist Bus Pass Application.pdf">Journalist Bus Pass Application</a></li></ul></li></ul>',
                   "http://www.example.gov.in/index.aspx")
    assert found["forms.download"][0].target.endswith("Journalist Bus Pass Application.pdf")
    # a maritime authority's task card to its forms page
    assert "forms.download" in detect('<h2>I want to...</h2><ul><li><a href="/forms"><h4>Find a form</h4>'
                                      '<div>Quickly find the form you need.</div></a></li></ul>',
                                      "https://www.example.gov.au/")
    # near misses: an app's user guide, the page of an application made online, a formula sheet
    for html in ('<ul><li><a href="/docs/guide.pdf">Android Mobile Application user guide</a></li></ul>',
                 '<ul><li><a href="Bus pass application.aspx">Buspass application</a></li></ul>',
                 '<ul><li><a href="/docs/fares.pdf">Application Status of fares revision</a></li></ul>',
                 '<ul><li><a href="/tools">Find a formula for fare calculation</a></li></ul>',
                 # an annual figure of applications, a software application's manual and the
                 # application of an act, each a PDF named with the word
                 '<ul><li><a href="/docs/application-stats-2017.pdf">Application statistics 2017</a></li></ul>',
                 '<ul><li><a href="/docs/manual.pdf">User manual of the e-Office application</a></li></ul>',
                 '<ul><li><a href="/docs/circular-12.pdf">Application of the Right to Information Act</a></li></ul>'):
        assert "forms.download" not in detect(html, "http://www.example.gov.in/index.aspx"), html


def test_a_link_named_only_by_an_indian_language_is_a_language_switcher():
    # a district's top bar: its Marathi version beside Gallery and RSS
    bar = '<nav><ul><li><a href="index1.html">{}</a></li><li><a href="htmldocs/gallery.html">Gallery</a></li></ul></nav>'
    for name in ("Marathi", "मराठी", "தமிழ்", "Bahasa Melayu"):
        assert "lang.multilingual" in detect(bar.format(name), "http://amravati.example.nic.in/"), name
    # near misses: a news item about the language's day, and a language course
    for text in ("Marathi Bhasha Din celebrations at the Collector Office", "Tamil language course for staff"):
        assert "lang.multilingual" not in detect(bar.format(text), "http://amravati.example.nic.in/"), text
    # nor a notice offered as two PDFs, one per language: a document's translation, not the site's pages
    notice = ('<li>Notification 3-A <a href="3-A-notification-marathi.pdf">मराठी</a> / '
              '<a href="3-A-notification-english.pdf">English</a></li>')
    assert "lang.multilingual" not in detect(notice, "http://ahmednagar.example.nic.in/")


def test_a_facebook_page_copied_from_the_desktop_or_mobile_web_host_is_the_agencys_profile():
    # Facebook answers on web.facebook.com (desktop) and mbasic./touch. (mobile) as well as www.;
    # an address copied from the browser bar keeps that host, and many Thai footers link it so
    for host in ("web.facebook.com", "mbasic.facebook.com", "touch.facebook.com", "en-gb.facebook.com"):
        found = detect(f'<div class="footer"><a href="https://{host}/SomeHospitalDept-109144221900926/?_rdc=1&amp;_rdr" '
                       'target="_blank"><img src="images/fb_logo.png" alt="Facebook Logo"></a></div>')
        assert [e.element for e in found["channel.social"]] == ["<a> facebook profile"], host
    # near misses: the share dialog on the same host, and a look-alike host that is not Facebook's
    assert "channel.social" not in detect('<a href="https://web.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx">'
                                          'แชร์</a>')
    assert "channel.social" not in detect('<a href="https://web.facebook.com.example.net/agency">Facebook</a>')
    assert "channel.social" not in detect('<a href="https://webfacebook.com/agency">Facebook</a>')


def test_a_language_link_that_stays_on_the_page_with_no_switch_behind_it_is_no_switcher():
    """Templates leave 'English Version' buttons that lead nowhere (href="#", an empty href) under a
    video or in a header: no page in another language is reached, so nothing shows content in it."""
    placeholder = ('<div class="video-view"><div class="box-button"><a href="#" class="no-underline b-video">'
                   'English Version</a> <a href="#" class="no-underline b-video">Thai Version</a></div></div>')
    assert "lang.multilingual" not in detect(placeholder)
    assert "lang.multilingual" not in detect('<a href="javascript:void(0)" class="btn">English</a>')
    # near misses: a switch a script drives (its class, id or handler names the language switch)
    # and the same words leading to the site's own English pages
    assert detect('<a href="#" id="switchLocale">English</a>')["lang.multilingual"]
    assert detect('<a href="javascript:void(0)" onclick="setLanguage(\'en\')">English</a>')["lang.multilingual"]
    assert detect('<a href="#" class="lang-switch">English</a>')["lang.multilingual"]
    assert detect('<a href="/en/index.html" class="no-underline b-video">English Version</a>')["lang.multilingual"]


def test_a_language_placeholder_titled_with_the_language_is_still_no_switcher():
    """A title or aria-label names the language to the reader; only what a script binds (id, class,
    handler, data- attributes, a javascript: href) shows a switch behind a link that stays on the page."""
    for html in ('<div class="top-bar"><a href="#" title="ภาษาไทย"><img src="images/th.png" alt="ไทย"></a>'
                 '<a href="#" title="ภาษาอังกฤษ"><img src="images/en.png" alt="English"></a></div>',
                 '<a href="" title="English Language" class="btn">EN</a>',
                 '<a href="#" aria-label="Select language">English</a>'):
        assert "lang.multilingual" not in detect(html), html
    # near misses: a switch a script runs from the href, or finds by a data- attribute
    assert detect('<a href="javascript:changeLanguage(\'en\')">English</a>')["lang.multilingual"]
    assert detect('<a href="#" data-lang="en"><img src="images/en.png" alt="English"></a>')["lang.multilingual"]
    assert detect('<a href="#" class="flag" onclick="changeLang(\'en\')"><img src="/img/en.png"></a>')["lang.multilingual"]


def test_languages_listed_in_a_box_of_courses_are_subjects_not_a_switcher():
    # a skills-development office's box of language courses, and an e-learning box: each language
    # leads to its course page on the agency's own site
    for html in ('<h3>หลักสูตรฝึกอบรมภาษา</h3><ul><li><a href="/course/english">ภาษาอังกฤษ</a></li>'
                 '<li><a href="/course/chinese">ภาษาจีน</a></li><li><a href="/course/japanese">ภาษาญี่ปุ่น</a></li></ul>',
                 '<div class="box"><div class="box-title">Language courses</div><ul><li><a href="/course/english">English</a>'
                 '</li><li><a href="/course/chinese">Chinese</a></li></ul></div>',
                 '<div class="box"><div class="title">บทเรียนออนไลน์ (e-Learning)</div><ul><li><a href="/elearning/course/5">'
                 'English</a></li><li><a href="/elearning/course/6">คณิตศาสตร์</a></li></ul></div>'):
        assert "lang.multilingual" not in detect(html), html
    # near misses: the same names in a top bar, and under a drop-down titled ภาษา
    assert detect('<div class="top-bar"><ul><li><a href="/th/">ภาษาไทย</a></li><li><a href="/en/">English</a></li></ul></div>'
                  )["lang.multilingual"]
    assert detect('<li class="dropdown"><a href="#" class="dropdown-toggle">ภาษา</a><ul class="dropdown-menu">'
                  '<li><a href="/th/">ไทย</a></li><li><a href="/en/">English</a></li></ul></li>')["lang.multilingual"]


def test_text_size_letters_drawn_as_links_with_an_empty_href_are_controls():
    """A template binds its size letters by id from a script and writes them as <a href="">: the
    empty href reloads this page, as "#" stays on it, so the letters are buttons, not links away."""
    row = ('<div class="top-icon-header"><a href="login.php">Login</a> | <a href="" title="ลดขนาดลง" '
           'class="smallerFont" id="setSmallerSize">A</a> <a href="" title="ขนาดปกติ" id="setNormalSize">A</a> '
           '<a href="" title="ขนาดใหญ่ขึ้น" class="biggerFont" id="setBiggerSize">A</a></div>')
    assert detect(row)["access.text_resize"]
    # near misses: an alphabet index drawn the same way, and one grade written as an empty link
    index = '<div class="az"><a href="">A</a><a href="">A</a><a href="">B</a><a href="">C</a></div>'
    assert "access.text_resize" not in detect(index)
    assert "access.text_resize" not in detect('<p>ผลการประเมิน ITA ระดับ <a href="">A</a></p>')


def test_an_empty_href_is_no_link_to_another_page():
    # <a href=""> stays on the page: it is no language switcher to another page nor a profile
    assert "lang.multilingual" not in detect('<a href="" class="btn">English</a>')
    view = build_page('<html><body><a href="" id="setBiggerSize">A</a></body></html>', URL)
    assert [(link.inert, link.leads_to_page) for link in view.links] == [(True, False)]


def test_a_homepage_box_of_the_executives_with_their_offices_is_about_the_organisation():
    """Thai homepages show the executives in a box of their own: its title (คณะผู้บริหาร,
    ผู้บริหาร) over names and offices (นายกเทศมนตรี..., ผู้อำนวยการโรงพยาบาล), with no link
    to an about page. Who leads the agency is what info.organization asks."""
    council = ('<section class="box-personnel"><div class="title-personnel">คณะผู้บริหาร</div>'
               '<div class="box-iii"><div class="item"><img src="/img/p/1.png"><div class="name">นายสมชาย ตัวอย่าง</div>'
               '<div class="pos">นายกเทศมนตรีตำบลตัวอย่าง</div><a href="tel:0812345678">08-1234-5678</a></div>'
               '<div class="item"><div class="name">นายสมศักดิ์ ทดสอบ</div><div class="pos">รองนายกเทศมนตรี</div></div>'
               '</div></section>')
    found = detect(council)
    assert [e.element for e in found["info.organization"]] == ["box title"]
    hospital = ('<div class="panel panel-primary"><div class="panel-heading"><h4 class="panel-title">'
                '<i class="fa fa-user-md"></i> ผู้บริหาร</h4></div><div class="panel-body"><div class="thumbnail">'
                '<img src="images/boss.jpg" alt="..."><div class="caption"><h4>นพ.ตัวอย่าง ใจดี</h4>'
                '<h5>ผู้อำนวยการโรงพยาบาล</h5></div></div></div></div>')
    assert detect(hospital)["info.organization"]


def test_a_box_of_the_executives_news_or_direct_line_is_not_about_the_organisation():
    # near misses: what the executives do (news of their activities), a line to reach them (a
    # complaint channel), and a box titled so that shows no office (a login for managers)
    news = ('<div class="box"><div class="box-title">กิจกรรมผู้บริหาร</div><div class="box-body">'
            '<p>นายกเทศมนตรีตำบลตัวอย่างร่วมพิธีเปิดงานประจำปี 12 มี.ค. 2568</p></div></div>')
    assert "info.organization" not in detect(news)
    news2 = ('<div class="box"><h3 class="title">ข่าวผู้บริหาร</h3><div class="box-body">'
             '<p>ผู้อำนวยการโรงพยาบาลมอบเกียรติบัตร</p></div></div>')
    assert "info.organization" not in detect(news2)
    line = ('<div class="box"><div class="box-title">สายตรงผู้บริหาร</div><div class="box-body">'
            '<p>นายกองค์การบริหารส่วนตำบลตัวอย่าง โทร 08-1234-5678</p></div></div>')
    assert "info.organization" not in detect(line)
    login = ('<div class="box"><div class="box-title">ผู้บริหาร</div><div class="box-body">'
             '<p>ชื่อผู้ใช้ รหัสผ่าน เข้าสู่ระบบ</p></div></div>')
    assert "info.organization" not in detect(login)


def test_a_box_of_what_the_executives_did_or_declared_is_not_about_the_organisation():
    # a municipality's homepage box of the mayor's visits, and the ITA box of the executives'
    # declaration of integrity: both titled with ผู้บริหาร and naming the mayor's office
    visits = ('<div class="box"><div class="box-title">ผู้บริหารลงพื้นที่</div><div class="box-body">'
              '<p>นายกเทศมนตรีตำบลตัวอย่าง ลงพื้นที่ตรวจเยี่ยมผู้ประสบอุทกภัย หมู่ที่ 4 วันที่ 12 มี.ค. 2568</p></div></div>')
    assert "info.organization" not in detect(visits)
    ita = ('<div class="box"><div class="box-title">เจตจำนงสุจริตของผู้บริหาร</div><div class="box-body">'
           '<p>นายสมชาย ตัวอย่าง นายกเทศมนตรีตำบลตัวอย่าง ประกาศเจตจำนงสุจริตในการบริหารงาน</p></div></div>')
    assert "info.organization" not in detect(ita)
    meets = ('<div class="box"><div class="box-title">ผู้บริหารพบประชาชน</div><div class="box-body">'
             '<p>นายกองค์การบริหารส่วนตำบลตัวอย่าง พบปะประชาชน ณ ศาลาประชาคม</p></div></div>')
    assert "info.organization" not in detect(meets)
    # nor the ITA link itself, on the integrity menu of nearly every Thai homepage
    found = detect('<ul class="menu"><li><a href="/ita/o32">เจตจำนงสุจริตของผู้บริหาร</a></li></ul>')
    assert "info.organization" not in found and "info.leadership" not in found
    # near miss: the box of the executives themselves, titled with the agency's name
    council = ('<div class="box"><div class="box-title">คณะผู้บริหารเทศบาลตำบลตัวอย่าง</div><div class="box-body">'
               '<p>นายสมชาย ตัวอย่าง นายกเทศมนตรีตำบลตัวอย่าง</p></div></div>')
    assert detect(council)["info.organization"]


def test_an_english_leadership_box_naming_the_mayor_is_about_the_organisation():
    box = ('<div class="widget"><h4 class="widget-title">Leadership</h4><div class="widget-body">'
           '<p>Jane Doe, Mayor</p><p>John Roe, Chief Executive</p></div></div>')
    assert detect(box, EN_URL)["info.organization"]
    # near miss: a box titled so about a training course names no office that leads the body
    course = ('<div class="widget"><h4 class="widget-title">Leadership</h4><div class="widget-body">'
              '<p>Our leadership course for team leaders starts in May.</p></div></div>')
    assert "info.organization" not in detect(course, EN_URL)


def test_the_footers_e_mail_addresses_are_the_e_mail_patterns_matches():
    """The contact and two-way detectors find a footer's e-mail addresses from each "@" rather
    than by the pattern at every character: the same addresses, at the same places, as the
    pattern's own search, on footers of every mix of address characters and separators."""
    import random

    from assessors.detectors.contact import _EMAIL, emails_in

    pieces = ["a", "ข", "1", "_", ".", "+", "-", "@", "(at)", "[at]", " ", "(", "]", ":", "é", "go.th", "x@y.z"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert [(m.start(), m.end()) for m in emails_in(text)] == \
            [(m.start(), m.end()) for m in _EMAIL.finditer(text)], text
    footer = "ติดต่อ กรมตัวอย่าง ถนนพระราม 6 อีเมล saraban@agency.go.th, it-help(at)agency.go.th โทร 0 2123 4567"
    assert [m.group() for m in emails_in(footer)] == ["saraban@agency.go.th", "it-help(at)agency.go.th"]
    assert emails_in("อีเมล @ ของหน่วยงาน") == []       # near miss: an "@" with no address around it


def test_a_view_all_link_inside_a_news_heading_is_the_news_list():
    """Card templates put the box's "View all" link inside the box's own heading
    (<h2>Latest updates <span><a>View all</a></span></h2>) above two teasers: the heading
    names what the link lists, as it does for a link under it."""
    box = ('<div class="col"><h2 class="section-title">{heading} <span class="hidden-xs">'
           '<a href="/latest/">View all</a></span></h2><ul class="posts">'
           '<li><h3><a href="/n/1">Draft code open for comment</a></h3><span class="date">Tuesday, 13 March 2018</span>'
           '<p>An addendum has been issued for the draft code, volume one, version 1.2. It corrects the '
           'figures of the energy tables and the references to the standards they cite.</p>'
           '<a href="/n/1">Read more</a></li>'
           '<li><h3><a href="/n/2">Amendment adopted by the states</a></h3><span class="date">Monday, 12 March 2018</span>'
           '<p>From today, 12 March 2018, the amendment is adopted by the states and territories; '
           'buildings approved from this date follow the amended provisions and their guide.</p>'
           '<a href="/n/2">Read more</a></li></ul></div>')
    found = detect(box.format(heading="Latest updates"), EN_URL)
    assert [e.target for e in found["info.news"] if enough([e])] == ["http://www.example.gov.ie/latest/"]


def test_a_view_all_link_inside_another_heading_is_no_news():
    # near misses: the same link in the heading of a box of videos or of calculators lists those
    for heading in ("Latest videos", "Calculators and tools"):
        box = (f'<div class="col"><h2>{heading} <span><a href="/resources/">View all</a></span></h2>'
               '<ul><li><h3><a href="/r/1">Glazing calculator</a></h3><p>The glazing calculators assist with checking '
               'compliance with the deemed-to-satisfy energy efficiency provisions for glazing of the code.</p></li>'
               '<li><h3><a href="/r/2">Lighting calculator</a></h3><p>The lighting calculator assists with checking '
               'compliance with the deemed-to-satisfy energy efficiency provisions for lighting, 12 March 2018.</p></li>'
               '<li><h3><a href="/r/3">Gutters calculator</a></h3><p>The calculator assists in understanding the gutters '
               'and downpipes acceptable construction practice provisions of volume two.</p></li></ul></div>')
        assert not enough(detect(box, EN_URL).get("info.news", [])), heading


@pytest.mark.parametrize("text", ["View or check the progress of planning applications",
                                  "Check the progress of your benefit claim",
                                  "Track the progress of a licence application"])
def test_checking_the_progress_of_applications_is_status_tracking(text):
    """Councils write status tracking as following an application's progress, naming the kind of
    application between the verb and the noun ("check the progress of planning applications")."""
    found = detect(f'<ul><li><a href="/planning/apply/">Apply for planning</a></li>'
                   f'<li><a href="/planning/view/">{text}</a></li></ul>', EN_URL)
    assert enough(found.get("service.end_to_end", [])), text


@pytest.mark.parametrize("text", ["Check the progress of the roadworks on the ring road",
                                  "Progress of the major highways schemes",
                                  "Track the progress of the council plan"])
def test_the_progress_of_works_or_plans_is_no_status_tracking(text):
    # near misses: the progress of works, schemes or a plan is news of the council's projects
    found = detect(f'<ul><li><a href="/roads/">{text}</a></li></ul>', EN_URL)
    assert not enough(found.get("service.end_to_end", [])), text


@pytest.mark.parametrize("text", ["Layanan Survei dan Pemetaan", "Jasa Survei Pemetaan Batas Wilayah", "Pusat Survei Geologi"])
def test_surveying_and_mapping_in_indonesian_is_no_poll(text):
    """Mapping and geology agencies name land surveying "survei" (Layanan Survei dan Pemetaan,
    Pusat Survei Geologi), as English agencies write "land survey": a service, not a poll."""
    found = detect(f'<ul><li><a href="/layanan/">{text}</a></li></ul>', ID_URL)
    assert not enough(found.get("participate.poll", [])), text


@pytest.mark.parametrize("text", ["Survei Kepuasan Masyarakat", "Isi Survei Layanan Peta Online"])
def test_a_survey_of_the_public_in_indonesian_is_still_a_poll(text):
    # near misses: a satisfaction survey, and a survey about the agency's map service
    found = detect(f'<ul><li><a href="/survei/">{text}</a></li></ul>', ID_URL)
    assert enough(found.get("participate.poll", [])), text


def test_an_area_code_and_number_spaced_around_a_dash_is_the_agencys_phone():
    """Indonesian footers often space the dash between area code and number
    ("Telepon: 021 - 3905889 / 3907911"), beside a street address and no e-mail."""
    footer = ('<div class="footer"><ul><li><h4>Badan Contoh Republik Indonesia Jl. MH. Thamrin No. 14 '
              'Jakarta Pusat 10350 Telepon: {phone}</h4></li></ul></div>')
    for phone in ("021 - 3905889 / 3907911", "0274 - 394124"):
        found = detect(footer.format(phone=phone), ID_URL)
        assert any(e.element == "page text (address block)" for e in found.get("info.contact", [])), phone
    # near misses: a term of office, a year range and a decree's number written the same way
    for other in ("Masa Jabatan 2018 - 2023", "Periode 012 - 2017", "Nomor 0670 - 2017"):
        found = detect(footer.format(phone=other), ID_URL)
        assert not any(e.element == "page text (address block)" for e in found.get("info.contact", [])), other


_PANEL = ('<footer><section class="mega-footer">'
          '<div class="panel"><div class="panel-heading"><h2>{head}</h2></div>'
          '<div id="col-a" class="panel-collapse"><ul><li><a href="/what-we-are/">What is the Records Office?</a></li>'
          '<li><a href="/contracts/">Doing Business with Us</a></li><li><a href="/plans/">Plans and Reports</a></li></ul></div></div>'
          '<div class="panel"><div class="panel-heading"><h2><a data-target="#col-b">Participate</a></h2></div>'
          '<div id="col-b" class="panel-collapse"><ul><li><a href="/calendar/">Attend an Event</a></li>'
          '<li><a href="/volunteer/">Volunteer with Us</a></li></ul></div></div></section></footer>')


def test_a_collapsible_panels_toggle_heading_names_its_links():
    """Bootstrap mega-footers head each collapsible column with a toggle (<h2><a data-target="#about">
    About Us</a></h2>), an <a> without an address: the heading names the column's links, as a
    heading without a link does ('What is the Records Office?' under About Us is the about page)."""
    found = detect(_PANEL.format(head='<a data-target="#col-a">About Us</a>'), EN_URL)
    assert "http://www.example.gov.ie/what-we-are/" in [e.target for e in found.get("info.organization", [])]


def test_a_heading_that_is_a_link_names_only_itself():
    # near misses: a heading that links to a page is that page's link, not its column's title;
    # a toggle heading of other words names nothing as the about page
    found = detect(_PANEL.format(head='<a href="/about/">About Us</a>'), EN_URL)
    targets = [e.target for e in found.get("info.organization", [])]
    assert "http://www.example.gov.ie/about/" in targets and "http://www.example.gov.ie/what-we-are/" not in targets
    found = detect(_PANEL.format(head='<a data-target="#col-a">Information For...</a>'), EN_URL)
    assert "http://www.example.gov.ie/what-we-are/" not in [e.target for e in found.get("info.organization", [])]


def test_a_link_to_the_agencys_legal_documentation_network_is_its_laws():
    """Indonesian agencies keep their regulations on their JDIH site (Jaringan Dokumentasi dan
    Informasi Hukum, jdih.<agency>.go.id), linked from the home page by its logo alone."""
    box = ('<div class="tab-jdih"><div class="title"><h3>{title}</h3></div>'
           '<div class="pict"><a href="{href}" target="_blank"><img src="/img/logo-x.png" /></a></div></div>')
    found = detect(box.format(title="Regulasi", href="http://jdih.contoh.go.id/"), ID_URL)
    assert "http://jdih.contoh.go.id/" in [e.target for e in found.get("info.legal", [])]


def test_a_logo_link_to_another_sub_site_is_no_laws():
    # near misses: the information desk's and the e-procurement sub-sites, linked the same way
    box = ('<div class="tab"><div class="title"><h3>{title}</h3></div>'
           '<div class="pict"><a href="{href}" target="_blank"><img src="/img/logo-x.png" /></a></div></div>')
    for title, href in (("Informasi Publik", "http://ppid.contoh.go.id/"), ("Pengadaan", "http://lpse.contoh.go.id/")):
        assert not detect(box.format(title=title, href=href), ID_URL).get("info.legal"), href
