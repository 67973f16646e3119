"""Language packs: each pack's words in link texts of its language with near misses, which
packs apply to a page, the national host registries, and evaluation by group of sites."""

import csv

import pytest
import sqlite_utils

from assessors import assessor_for
from assessors.base import vocabulary
from assessors.detectors.data_exchange import DataExchange
from assessors.detectors.one_stop import OneStop
from assessors.detectors.online_application import OnlineApplication
from assessors.detectors.two_way import TwoWay
from assessors.language import domain_languages, select_packs, short_text_language, site_languages
from assessors.page import build_page
from ground.text import load_vocabulary, normalise, read_countries, read_hosts, read_packs
from conftest import FAST, egovscan

STAGE = ("info.organization", "info.legal", "info.news", "info.contact", "forms.download", "media.audio_video",
         "lang.multilingual", "interact.two_way", "participate.poll", "service.online_application", "payment.online",
         "service.end_to_end", "connected.data_exchange", "connected.one_stop")


def names(language, feature, text):
    """The term a link text names, read with the pack of its language and English."""
    return load_vocabulary(frozenset({language, "en"}))[feature].find(normalise(text))


# (language, feature, link text that names the feature, near miss that does not)
CASES = [
    ("ja", "info.organization", "組織案内", "このサイトについて"),
    ("ja", "info.organization", "厚生労働省について", "マイナンバーカードの申請について"),
    ("ja", "info.legal", "法令・告示・通達", "個人情報保護方針"),
    ("ja", "info.news", "報道発表資料", "メールマガジン配信登録"),
    ("ja", "info.contact", "お問い合わせ", "よくある質問"),
    ("ja", "forms.download", "様式ダウンロード", "電子申請システム"),
    ("ja", "media.audio_video", "動画で見る厚生労働省", "ウェブ会議の開催について"),
    ("ja", "interact.two_way", "ご意見・ご要望", "ご意見の集計結果"),
    ("ja", "participate.poll", "アンケートにご協力ください", "アンケート結果"),
    ("ja", "service.online_application", "電子申請・届出", "申請方法について"),     # how to apply, not the service
    ("ja", "service.online_application", "オンライン申請", "窓口申請の受付時間"),
    ("ja", "payment.online", "クレジットカード納付", "窓口納付の方法"),
    ("ja", "payment.online", "スマホ決済で納付できます", "給与の支払"),
    ("ja", "service.end_to_end", "申請状況照会", "事業の進捗状況"),
    ("ja", "connected.data_exchange", "マイナポータル", "職員向けマイナポータル研修"),
    ("ja", "connected.one_stop", "ワンストップサービス", "窓口案内"),
    ("ja", "policy.privacy", "個人情報の取扱い", "個人情報保護研修"),
    ("hi", "info.organization", "हमारे बारे में", "इस पोर्टल के बारे में"),
    ("hi", "info.legal", "अधिनियम एवं नियम", "नियमित भर्ती"),                     # 'regular', not 'rule'
    ("hi", "info.news", "प्रेस विज्ञप्ति", "न्यूज़लेटर की सदस्यता लें"),
    ("hi", "info.contact", "संपर्क करें", "संपादक"),
    ("hi", "forms.download", "डाउनलोड फॉर्म", "ऑनलाइन फॉर्म भरें"),
    ("hi", "media.audio_video", "वीडियो गैलरी", "वीडियो कॉन्फ्रेंसिंग सुविधा"),
    ("hi", "interact.two_way", "जन शिकायत", "शिकायत निवारण रिपोर्ट"),
    ("hi", "participate.poll", "सर्वेक्षण में भाग लें", "सर्वेक्षण परिणाम"),
    ("hi", "service.online_application", "ऑनलाइन आवेदन", "आवेदन कैसे करें"),
    ("hi", "payment.online", "ऑनलाइन भुगतान", "वेतन भुगतान"),
    ("hi", "connected.one_stop", "एकल खिड़की प्रणाली", "खिड़की"),
    ("ja", "interact.two_way", "市民の声", "市民の声の集計結果"),
    ("ja", "service.online_application", "インターネット出願", "出願資格"),
    ("en-in", "interact.two_way", "Public Grievances", "Grievance Disposal Statistics"),
    ("en-in", "info.legal", "Gazette Notifications", "Push Notifications"),
    ("en-in", "info.organization", "Who's Who", "Who We Serve"),
    ("en-in", "service.end_to_end", "Know Your Application Status", "Know Your Rights"),
    ("id", "info.organization", "Tentang Kami", "Tentang Situs"),
    ("id", "info.organization", "Tentang BPS", "Informasi tentang banjir"),
    ("id", "info.legal", "JDIH", "Konsultasi Hukum Gratis"),
    ("id", "info.news", "Siaran Pers", "Berlangganan Berita"),
    ("id", "info.contact", "Hubungi Kami", "Hubung singkat"),
    ("id", "forms.download", "Unduh Formulir", "Formulir Pengaduan Online"),
    ("id", "interact.two_way", "Layanan Pengaduan", "Rekapitulasi Pengaduan 2023"),
    ("id", "participate.poll", "Survei Kepuasan Masyarakat", "Hasil Survei Kepuasan"),
    ("id", "service.online_application", "Layanan Online", "Tata Cara Pendaftaran Layanan Online"),
    ("id", "service.online_application", "Pendaftaran Mahasiswa Baru", "Jadwal Pendaftaran Mahasiswa Baru"),
    ("id", "service.online_application", "PPDB Online", "Pengumuman Hasil Seleksi Pendaftaran"),
    ("id", "service.online_application", "Layanan Publik OnLine", "Standar Layanan Publik"),
    ("en", "lang.multilingual", "Languages", "School of Languages"),
    ("id", "service.end_to_end", "Lacak Berkas", "Berkas Laporan Tahunan"),
    ("id", "payment.online", "Pembayaran Pajak Online", "Pembayaran Gaji Pegawai"),
    ("id", "payment.online", "Bayar Online PBB", "Sukses, Pembayaran Pajak Lewat Mobil Keliling"),   # a news headline
    ("id", "connected.one_stop", "Pelayanan Terpadu Satu Pintu", "Satu Pintu Gerbang"),
    # the licensing office's shortened name; the village health post shares its words
    ("id", "connected.one_stop", "Dinas Penanaman Modal dan Pelayanan Terpadu", "Pos Pelayanan Terpadu (Posyandu)"),
    # ... and with the regency's crisis centre for women and children
    ("id", "connected.one_stop", "Pelayanan Terpadu", "Pusat Pelayanan Terpadu Pemberdayaan Perempuan dan Anak (P2TP2A)"),
    ("ms", "info.legal", "Akta dan Peraturan", "Akta Kelahiran"),         # Indonesian: a birth certificate
    ("ms", "info.contact", "Maklumat Perhubungan", "Dinas Perhubungan"),   # Indonesian: the transport office
    ("ms", "service.online_application", "Permohonan Dalam Talian", "Cara Memohon Permohonan Dalam Talian"),
    ("ms", "forms.download", "Muat Turun Borang", "e-Borang Dalam Talian"),
    ("vi", "info.news", "Tin tức - Sự kiện", "Đăng ký nhận tin"),
    ("vi", "service.online_application", "Dịch vụ công trực tuyến", "Hướng dẫn dịch vụ công trực tuyến"),
    ("vi", "info.legal", "Văn bản pháp luật", "Văn phòng luật sư"),
    ("zh", "service.online_application", "网上办事", "办事指南"),
    ("zh", "info.news", "新闻中心", "订阅新闻"),
    ("ko", "service.online_application", "전자민원 신청", "신청방법 안내"),
    ("ko", "participate.poll", "설문조사", "설문조사 결과"),
    ("ko", "info.organization", "비전", "텔레비전 방송"),                    # substring matching's near miss
    ("fr", "info.organization", "À propos de nous", "À propos de ce site"),
    ("fr", "service.online_application", "Faire une demande en ligne", "Comment faire une demande"),
    ("fr", "payment.online", "Paiement en ligne", "Équité salariale"),
    ("fr", "info.news", "Communiqués de presse", "Abonnement à l'infolettre"),
    ("fr", "connected.data_exchange", "Se connecter avec la Clé GC", "Clé GC pour les membres du personnel"),
    ("es", "service.online_application", "Trámites en línea", "Requisitos de trámites en línea"),
    ("es", "participate.poll", "Encuesta ciudadana", "Resultados de la encuesta"),
    ("pt", "interact.two_way", "Ouvidoria", "Relatório da Ouvidoria"),
    ("pt", "service.online_application", "Serviços online", "Como solicitar serviços online"),
    ("ru", "info.news", "Новости", "Подписаться на новости"),
    ("ru", "site.search", "Поиск", "Поисковик"),                                # whole words in Cyrillic
    ("ru", "info.legal", "Законодательство", "Мои документы"),
    ("de", "info.organization", "Über uns", "Über diese Seite"),
    ("de", "forms.download", "Formulare", "Online-Formular"),
    ("ar", "info.contact", "اتصل بنا", "الأسئلة الشائعة"),
    ("ar", "participate.poll", "استطلاع الرأي", "نتائج استطلاع الرأي"),
    ("ar", "site.search", "بحث في الموقع", "البحث العلمي"),                # a university's research, not search
    ("es", "info.organization", "Historia de la institución", "Historia clínica electrónica"),
    ("tl", "info.news", "Mga Balita", "Balitaktakan"),
    ("lo", "info.news", "ຂ່າວສານ", "ໜ້າຫຼັກ"),
    ("km", "info.contact", "ទំនាក់ទំនង", "ទំព័រដើម"),
    ("my", "info.news", "သတင်း", "ပင်မစာမျက်နှာ"),
]


@pytest.mark.parametrize("language, feature, text, near_miss", CASES)
def test_pack_terms_and_near_misses(language, feature, text, near_miss):
    assert names(language, feature, text), (language, feature, text)
    assert not names(language, feature, near_miss), (language, feature, near_miss)


def test_mygov_on_an_indian_site_is_the_engagement_platform_not_a_sign_in():
    assert names("en", "connected.data_exchange", "Sign in to myGov")      # Australia's sign-in
    assert not names("hi", "connected.data_exchange", "MyGov")             # India's citizen portal
    assert names("hi", "connected.data_exchange", "DigiLocker")


def test_indian_english_is_read_on_indian_sites_only():
    assert not names("en", "interact.two_way", "Public Grievances")
    indian = select_packs("en", "en", "", site_languages("", ["dot.gov.in"]))
    assert {"en", "en-in", "hi"} <= indian
    assert load_vocabulary(indian)["interact.two_way"].find(normalise("Public Grievances"))


def test_indian_english_keeps_the_english_report_a_problem():
    indian = select_packs("en", "en", "", site_languages("", ["dot.gov.in"]))
    assert load_vocabulary(indian)["interact.two_way"].find(normalise("Report a problem"))


def test_every_pack_is_valid_and_the_main_ones_cover_the_stage_features():
    packs = read_packs()
    assert {"th", "en", "id", "ms", "ja", "hi", "vi", "lo", "km", "my", "tl", "zh", "ko", "ar", "fr", "es", "pt",
            "ru", "de"} <= set(packs)
    for language in ("th", "en", "ja", "hi", "id", "vi", "zh", "ko", "fr", "es", "pt", "ru", "de", "ar"):
        missing = [f for f in STAGE if f not in packs[language] or not packs[language][f]["terms"]]
        assert not missing, (language, missing)


def test_a_broken_pack_names_its_file_and_feature(tmp_path):
    (tmp_path / "xx.toml").write_text('[pack]\nlanguage = "xx"\n[features."info.news"]\nterm = ["news"]\n', "utf-8")
    with pytest.raises(ValueError, match=r"xx\.toml: feature 'info\.news': unknown field\(s\) \['term'\]"):
        read_packs(str(tmp_path))
    (tmp_path / "xx.toml").write_text('[pack]\nlanguage = "yy"\n', "utf-8")
    with pytest.raises(ValueError, match=r"xx\.toml: \[pack\] language = 'yy' must be the file's name"):
        read_packs(str(tmp_path))
    (tmp_path / "xx.toml").write_text('[pack]\nlanguage = "xx"\n[features."info.news"]\npatterns = ["(news"]\n', "utf-8")
    with pytest.raises(ValueError, match=r"pattern '\(news'"):
        read_packs(str(tmp_path))
    # a shared word list is never a feature: a dotted name would be one
    (tmp_path / "xx.toml").write_text('[pack]\nlanguage = "xx"\n[shared."info.online"]\nterms = ["online"]\n', "utf-8")
    with pytest.raises(ValueError, match=r"xx\.toml: shared word list 'info\.online': a shared list's name has no dot"):
        read_packs(str(tmp_path))


def test_the_shared_online_words_say_a_service_is_done_on_the_web():
    online = load_vocabulary(frozenset({"th", "en"}))["online"]
    for text in ("ยื่นขออนุญาตก่อสร้างออนไลน์", "ระบบขออนุญาตก่อสร้างอาคาร", "ชำระค่าไฟฟ้าผ่านพร้อมเพย์", "Apply online",
                 "e-Permit", "ระบบรับสมัครสอบ"):
        assert online.find(normalise(text)), text
    # queue booking, a manual, steps, a form to print and applying in person are not the service online
    for text in ("จองคิวออนไลน์", "คู่มือการใช้งานระบบออนไลน์", "ขั้นตอนการยื่นคำขอออนไลน์", "ดาวน์โหลดแบบฟอร์มออนไลน์",
                 "Book an appointment online", "How to apply online", "ระบบสารสนเทศเพื่อการบริหาร"):
        assert not online.find(normalise(text)), text


def page(html, url="http://127.0.0.1/"):
    return build_page(html, url)


JAPANESE = """<html lang="ja"><head><title>厚生労働省</title></head><body>
<ul><li><a href="/shinsei/">電子申請・届出</a></li><li><a href="/about/">組織案内</a></li>
<li><a href="/contact/">お問い合わせ</a></li></ul>
<p>国民生活の保障・向上と経済の発展を目指すために、社会福祉、社会保障、公衆衛生の向上・増進と、
働く環境の整備、職業の安定・人材の育成を総合的に推進しています。""" + "お知らせ一覧をご覧ください。" * 20 + "</p></body></html>"

# a Thai page with a Japanese partner's banner: the Japanese words are not the Thai agency's sections
THAI = """<html lang="en"><head><title>กรมพัฒนาฝีมือแรงงาน</title></head><body>
<a href="/news.html">ข่าวประชาสัมพันธ์</a><a href="https://www.jica.go.jp/">国際協力機構 電子申請・届出</a>
<p>""" + "กรมพัฒนาฝีมือแรงงานจัดฝึกอบรมหลักสูตรต่าง ๆ ให้แก่ประชาชนผู้สนใจ " * 12 + "</p></body></html>"


def packs_of(view, detected, site=frozenset()):
    return select_packs(view.lang, detected, view.text, set(site), view.title)


def test_a_japanese_page_is_read_with_the_japanese_pack():
    view = page(JAPANESE)
    view.packs = packs_of(view, "ja")
    assert view.packs == {"ja", "en"}
    found = list(OnlineApplication().page(view))
    assert found and found[0].text == "電子申請・届出"
    assert [e.text for e in assessor_for("info.organization").page(view)] == ["組織案内"]


def test_a_thai_page_is_not_read_with_the_japanese_pack():
    view = page(THAI)
    view.packs = packs_of(view, "th", site_languages("", ["www.dsd.go.th"]))
    assert view.packs == {"th", "en"}                # html lang="en" as Thai templates often say
    assert not list(OnlineApplication().page(view))
    view.packs = None                                # every pack: the partner's words would count
    assert list(OnlineApplication().page(view))


def test_a_page_too_short_for_page_language_is_told_by_its_title_and_links():
    assert short_text_language("Tentang Kami Berita Peraturan Layanan Online Pengaduan") == "id"
    assert short_text_language("Accueil Nouvelles Nous joindre Services en ligne") == "fr"
    assert short_text_language("お問い合わせ 申請・届出") == "ja"
    assert short_text_language("ข่าวประชาสัมพันธ์ ติดต่อเรา") == "th"
    assert short_text_language("ພາສາລາວ ຂ່າວສານ") == "lo"           # told by script: lingua has no Lao
    splash = page('<html><title>Kementerian</title><a href="/a">Tentang Kami</a><a href="/b">Berita Terkini</a>'
                  '<a href="/c">Layanan Pengaduan</a></html>')
    assert "id" in select_packs(splash.lang, None, splash.text, set(),
                                " ".join([splash.title] + [link.text for link in splash.links]))


def test_the_site_language_comes_from_its_domains_and_its_sites_file():
    assert site_languages("", ["www.mhlw.go.jp"]) == {"ja"}
    assert site_languages("", ["www.canada.ca"]) == {"fr"}
    assert site_languages("", ["india.gov.in"]) == {"hi", "en-in"}    # English as Indian agencies write it
    assert site_languages("", ["127.0.0.1", "dsd.go.th"]) == {"th"}
    assert site_languages("en fr", []) == {"en", "fr"}
    assert site_languages("", ["example.com"]) == set()
    # served from a copy, a page's canonical host still names the site's country
    view = page('<html><head><link rel="canonical" href="https://www.mhlw.go.jp/index.html"></head></html>')
    assert domain_languages(view.own_domains) == {"ja"}
    # Malay pages are read with the Indonesian pack too, and html lang codes are mapped
    assert {"ms", "id"} <= select_packs("ms-MY", None, "", set())
    assert "tl" in select_packs("fil", None, "", set())


def test_national_registries():
    hosts = read_hosts()
    countries = read_countries()
    assert countries["TH"]["languages"] == ("th",) and "th" in countries["TH"]["domains"]
    for feature in ("connected.data_exchange", "connected.one_stop", "payment.online", "opendata.portal"):
        assert hosts[feature], feature

    def links(*hrefs):
        body = "".join(f'<a href="{h}">{t}</a>' for h, t in hrefs)
        view = page(f"<html><body>{body}</body></html>", "http://www.dsd.go.th/")
        view.packs = frozenset({"th", "en"})
        return view
    # Biz Portal's new host, ThaID's sign-in, the PM's complaint centre
    assert [e.target for e in OneStop().page(links(("https://biz.gov.th/", "ระบบอำนวยความสะดวก")))]
    assert [e.target for e in DataExchange().page(links(("https://imauth.bora.dopa.go.th/api/v2/oauth2/auth/", "เข้าระบบ")))]
    assert [e.target for e in TwoWay().page(links(("https://www.1111.go.th/", "ศูนย์บริการประชาชน")))]
    # Japan's e-Gov portal is a one-stop service; its law database is not
    assert [e.target for e in OneStop().page(links(("https://www.e-gov.go.jp/", "e-Gov")))]
    assert not list(OneStop().page(links(("https://elaws.e-gov.go.jp/document?lawid=1", "法令検索"))))
    assert vocabulary("opendata.portal").host_match("https://data.gov.in/catalogs") == "data.gov.in"


def write_site(root, name, html):
    (root / name).mkdir(parents=True)
    (root / name / "index.html").write_text(html, "utf-8")


def test_evaluate_by_language_and_country(tmp_path, serve):
    web = tmp_path / "web"
    write_site(web, "jp-ministry", JAPANESE)
    write_site(web, "th-department", THAI)
    server = serve(web, third=93)
    with open(server.sites_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sites = tmp_path / "sites.csv"
    meta = {"jp-ministry": ("ja", "JP", "mhlw.go.jp"), "th-department": ("th", "TH", "dsd.go.th")}
    with open(sites, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["site_id", "url", "name", "language", "country", "domains"])
        for r in rows:
            writer.writerow([r["site_id"], r["url"], r["name"], *meta[r["site_id"]]])
    db = tmp_path / "a.db"
    egovscan("crawl", sites, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    states = dict(((s, f), st) for s, f, st in sqlite_utils.Database(db).execute(
        "select site_id, feature, state from site_features"))
    assert states[("jp-ministry", "service.online_application")] == "present"
    assert states[("th-department", "service.online_application")] == "absent"
    labels = tmp_path / "labels.csv"
    labels.write_text("site_id,feature,label\n"
                      "jp-ministry,service.online_application,present\njp-ministry,info.contact,present\n"
                      "jp-ministry,payment.online,present\n"
                      "th-department,service.online_application,absent\nth-department,info.news,present\n", "utf-8")
    out = egovscan("evaluate", "--labels", labels, "--db", db, "--by", "language").stdout
    lines = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:]] for line in out.splitlines()
             if line.count("│") > 5 and line.split("│")[1].strip() in ("ja", "th")}
    # ja: 2 of 3 found (payment missed), no false alarm; th: 1 of 1
    assert lines["ja"][:3] == ["1", "1.00", "0.67"] and lines["th"][:3] == ["1", "1.00", "1.00"], out
    out = egovscan("evaluate", "--labels", labels, "--db", db, "--by", "country", "--sites", sites).stdout
    assert "by country" in out and "JP" in out and "TH" in out
    proc = egovscan("evaluate", "--labels", labels, "--db", db, "--by", "tier", check=False)
    assert proc.returncode == 2 and "no 'tier' column" in proc.stderr
    proc = egovscan("evaluate", "--labels", labels, "--db", db, "--by", "tier", "--sites", sites, check=False)
    assert proc.returncode == 2 and "sites.csv:1: no 'tier' column" in proc.stderr
