"""LOSI 2024 participation and engagement, e-government literacy: each feature as Thai and English
agencies word or build it, with the near misses the spec names (LOSI2024.md)."""

import html
import re
from datetime import date

import pytest
import sqlite_utils

from assessors import ASSESSORS, FEATURES
from assessors.page import build_page
from conftest import FAST, egovscan, make_site
from egovscan.reviewsrv import ReviewApp

HTTP = "http://www.example.go.th/index.html"
HTTPS = "https://www.example.go.th/index.html"
CRAWLED = date(2026, 12, 7)


def detect(html, url=HTTP):
    view = build_page(f"<html><head><title>เทศบาลตัวอย่าง</title></head><body>{html}</body></html>", url)
    view.fetched_on = CRAWLED
    found = {}
    for assessor in ASSESSORS:
        for e in assessor.page(view):
            found.setdefault(e.feature, []).append(e)
    return found


def news(*headlines):
    """A news list: dated items with a read-more link, as Thai CMSs draw them."""
    return '<div class="news">' + "".join(
        f'<div class="item"><a href="/news/{i}">{h}</a> <span>{i + 1} ธ.ค. 2569</span> <a href="/news/{i}">อ่านต่อ</a></div>'
        for i, h in enumerate(headlines)) + "</div>"


WORDINGS = [
    # 219 budget: the ordinance, the spending plan, the statements; not a procurement notice's budget line
    ("info.budget", '<nav><a href="/budget.html">ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2569</a></nav>', True),
    ("info.budget", '<nav><a href="/finance.html">งบแสดงฐานะการเงิน</a></nav>', True),
    ("info.budget", '<nav><a href="/budget">Budget and finance</a></nav>', True),
    ("info.budget", news("ประกาศประกวดราคาจ้างก่อสร้างถนน คสล. ภายใต้งบประมาณรายจ่ายประจำปี 2569",
                         "Budget approved for the new library"), False),
    ("info.budget", '<nav><a href="/pb.html">งบประมาณแบบมีส่วนร่วม</a><a href="/pb">Participatory budgeting</a></nav>', False),
    ("info.budget", '<a href="/f/1.pdf">เอกสารประกอบการสัมนาการชี้แจงการดำเนินงานตามคู่มือการสอบทานรายงานการเงิน</a>', False),
    # 267 discrimination: a named channel or the NHRC; not a general complaint form nor a policy
    ("interact.report_discrimination", '<nav><a href="/gender.html">ร้องเรียนการเลือกปฏิบัติโดยไม่เป็นธรรมระหว่างเพศ</a></nav>', True),
    ("interact.report_discrimination", '<nav><a href="/hate">Report a hate crime</a></nav>', True),
    ("interact.report_discrimination", '<a href="https://www.nhrc.or.th/complaint">ร้องเรียนต่อ กสม.</a>', True),
    ("interact.report_discrimination", '<nav><a href="/complaint.html">ร้องเรียนร้องทุกข์</a>'
                                       '<a href="/policy.html">นโยบายการไม่เลือกปฏิบัติ</a>'
                                       '<a href="/equality">Equality and diversity policy</a></nav>', False),
    # 270b chatbot: a bot platform's widget or a link named so; not staff chat, not a course on AI
    ("channel.ai_chatbot", '<df-messenger agent-id="abc" chat-title="น้องตัวอย่าง"></df-messenger>', True),
    ("channel.ai_chatbot", '<script src="https://cdn.botframework.com/botframework-webchat/latest/webchat.js"></script>', True),
    ("channel.ai_chatbot", '<nav><a href="/bot">แชทบอทตอบคำถาม</a><a href="/assistant">Virtual assistant</a></nav>', True),
    ("channel.ai_chatbot", '<nav><a href="https://m.me/example">แชทกับเจ้าหน้าที่</a></nav>'
                           + news("อบรมการใช้งาน AI Chatbot ให้แก่บุคลากร"), False),
    # 271 complaint: a channel, the executive's line, 1111; not the ITA statistics and guidelines
    ("interact.complaint", '<nav><a href="/complaint.php">ร้องเรียน/ร้องทุกข์</a></nav>', True),
    ("interact.complaint", '<nav><a href="/mayor.html">สายตรงนายกเทศมนตรี</a></nav>', True),
    ("interact.complaint", '<a href="https://www.1111.go.th/">ศูนย์บริการประชาชน 1111</a>', True),
    ("interact.complaint", '<nav><a href="/complaints">Compliments and complaints</a></nav>', True),
    ("interact.complaint", '<nav><a href="/ita/o28.pdf">สถิติเรื่องร้องเรียนประจำปี</a>'
                           '<a href="/ita/o27.pdf">แนวปฏิบัติการจัดการเรื่องร้องเรียน</a>'
                           '<a href="/c.pdf">Complaint statistics 2024</a></nav>', False),
    # 272 consultation: a hearing on a named draft; not a satisfaction survey nor last year's summary
    ("participate.consultation", '<nav><a href="/hearing.html">รับฟังความคิดเห็นร่างข้อบัญญัติ</a></nav>', True),
    ("participate.consultation", '<nav><a href="https://www.law.go.th/">ระบบกลางทางกฎหมาย</a></nav>', True),
    ("participate.consultation", '<nav><a href="/consult">Have your say</a></nav>', True),
    ("participate.consultation", '<nav><a href="/sat.html">แบบสำรวจความคิดเห็นความพึงพอใจ</a>'
                                 '<a href="/sum.pdf">สรุปผลการรับฟังความคิดเห็น</a>'
                                 '<a href="/legal">Free legal consultation</a></nav>', False),
    # 274 problems in public spaces: street lights, Traffy Fondue; not the staff's repairs nor website feedback
    ("interact.report_issue", '<nav><a href="/repair.php">แจ้งซ่อมไฟฟ้าสาธารณะ</a></nav>', True),
    ("interact.report_issue", '<a href="https://citydata.traffy.in.th/">รายงานปัญหาเมือง</a>', True),
    ("interact.report_issue", '<nav><a href="/report">Report a pothole</a></nav>', True),
    ("interact.report_issue", '<nav><a href="/it.php">แจ้งซ่อมคอมพิวเตอร์ (สำหรับเจ้าหน้าที่)</a>'
                              '<a href="/feedback">Report a problem with this page</a></nav>', False),
    # 275 participatory budgeting; not the budget ordinance
    ("participate.budget", '<nav><a href="/pb.html">งบประมาณแบบมีส่วนร่วม</a></nav>', True),
    ("participate.budget", '<nav><a href="/pb">Participatory budgeting</a></nav>', True),
    ("participate.budget", '<nav><a href="/budget.html">ข้อบัญญัติงบประมาณรายจ่ายประจำปี</a><a href="/b">Annual budget</a></nav>', False),
    # 276 land use: a hearing on the draft plan; not the plan in force nor a zoning certificate
    ("participate.land_use", '<a href="/plan.html">ประกาศ เรื่อง การประชุมรับฟังความคิดเห็นของประชาชน ครั้งที่ 2 '
                             'การวางและจัดทำผังเมืองรวมเมืองตัวอย่าง</a>', True),
    ("participate.land_use", '<nav><a href="/draft.pdf">ร่างผังเมืองรวมจังหวัดตัวอย่าง</a></nav>', True),
    ("participate.land_use", '<nav><a href="/lp">Draft local plan consultation</a></nav>', True),
    ("participate.land_use", '<nav><a href="/zoning.html">ผังเมืองรวมจังหวัดตัวอย่าง พ.ศ. 2565</a>'
                             '<a href="/cert.html">ขอรับรองการใช้ประโยชน์ที่ดินตามผังเมือง</a><a href="/map">Zoning map</a></nav>', False),
    # 279 e-voting: a vote that decides; not election information
    ("participate.e_voting", '<nav><a href="/vote.html">โหวตเลือกโครงการพัฒนาชุมชน</a></nav>', True),
    ("participate.e_voting", '<nav><a href="/vote">Vote online for the park design</a></nav>', True),
    ("participate.e_voting", '<nav><a href="/elect.html">ตรวจสอบสิทธิเลือกตั้งออนไลน์</a>'
                             '<a href="/ec">Register to vote online</a><a href="/poll">ผลโหวตแบบสำรวจ</a></nav>', False),
    # 280 council: the municipal or PAO council's meetings; not the youth council nor a university's
    ("info.council", '<nav><a href="/council.html">รายงานการประชุมสภาเทศบาล</a></nav>', True),
    ("info.council", '<nav><a href="/council">Council meetings, agendas and minutes</a></nav>', True),
    ("info.council", '<nav><a href="/youth.html">สภาเด็กและเยาวชนตำบล</a><a href="/u.html">รายงานการประชุมสภามหาวิทยาลัย</a>'
                     '<a href="/y">Youth council</a></nav>', False),
    # 225a free Wi-Fi; not buying the equipment
    ("info.public_wifi", '<nav><a href="/wifi.html">จุดให้บริการ Wi-Fi ฟรี</a></nav>', True),
    ("info.public_wifi", '<nav><a href="/wifi">Free public Wi-Fi</a></nav>', True),
    ("info.public_wifi", news("ประกาศประกวดราคาจัดซื้ออุปกรณ์กระจายสัญญาณ Wi-Fi ฟรี สำหรับประชาชน")
                         + '<nav><a href="/staff-wifi">Staff Wi-Fi</a></nav>', False),
    # 225b help to use online services; not a course for the staff
    ("help.assisted_access", '<nav><a href="/dc.html">ศูนย์ดิจิทัลชุมชน</a></nav>', True),
    ("help.assisted_access", '<nav><a href="/library/computers">Library computers and Wi-Fi</a></nav>', True),
    ("help.assisted_access", '<nav><a href="/hr.html">อบรมทักษะดิจิทัลสำหรับเจ้าหน้าที่</a><a href="/x">Digital skills for staff</a></nav>', False),
    # 237 metadata: dataset records; not a bare file list nor a data-governance policy
    ("opendata.metadata", '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset", '
                          '"name": "จำนวนประชากร"}</script><p>จำนวนประชากรรายตำบล</p>', True),
    ("opendata.metadata", '<table><tr><td>หน่วยงานเจ้าของข้อมูล</td><td>เทศบาล</td></tr><tr><td>สัญญาอนุญาต</td><td>Open Data Common</td></tr>'
                          '<tr><td>ความถี่ในการปรับปรุงข้อมูล</td><td>รายปี</td></tr></table>', True),
    ("opendata.metadata", '<a href="https://data.go.th/organization/example">ชุดข้อมูลของเทศบาลบน data.go.th</a>', True),
    ("opendata.metadata", '<nav><a href="/data/pop.csv">ประชากร.csv</a><a href="/dg.html">นโยบายธรรมาภิบาลข้อมูล</a></nav>'
                          '<!-- <script type="application/ld+json">{"@type": "Dataset"}</script> -->', False),
    # 240 FAQ; not a web board
    ("help.faq", '<nav><a href="/faq.html">คำถามที่พบบ่อย</a></nav>', True),
    ("help.faq", '<nav><a href="/faq">Frequently asked questions</a></nav>', True),
    ("help.faq", '<nav><a href="/board.php">กระดานถาม-ตอบ</a><a href="/forum">Q&amp;A forum</a></nav>', False),
    # 270a live chat: a live-chat service or a link named as chat with staff; not a bare Messenger link nor a bot
    ("channel.live_chat", '<script>var s1=document.createElement("script");s1.src="https://embed.tawk.to/5f1/default";</script>', True),
    ("channel.live_chat", '<nav><a href="https://m.me/example.go.th">แชทกับเจ้าหน้าที่</a></nav>', True),
    ("channel.live_chat", '<nav><a href="/chat">Chat with an adviser</a></nav>', True),
    ("channel.live_chat", '<nav><a href="https://m.me/example.go.th"><img src="/img/messenger.png" alt="Messenger"></a>'
                          '<a href="/bot">แชทบอท</a></nav>', False),
    # 207 advanced search: filters beside the query box, or a link named so; not a plain search box
    ("site.advanced_search", '<form action="/search"><input name="q"><select name="cat"><option>ข่าว</option></select>'
                             '<input type="date" name="from"><button>ค้นหา</button></form>', True),
    ("site.advanced_search", '<nav><a href="/search/advanced">ค้นหาขั้นสูง</a></nav>', True),
    ("site.advanced_search", '<nav><a href="/search?adv=1">Advanced search</a></nav>', True),
    ("site.advanced_search", '<form action="/search"><input name="q"><button>ค้นหา</button></form>'
                             '<select onchange="location=this.value"><option value="http://www.moi.go.th/">มท.</option></select>', False),
    # a header wrapped in the search form: its theme chooser sets the display, not the search
    ("site.advanced_search", '<form name="frm_search" action="result.php?cx=1" method="post"><a href="/faq">FAQ</a>'
                             '<label for="T">Theme:</label><select name="theme" id="T"><option>ปกติ</option></select>'
                             '<input name="q"><button>ค้นหา</button></form>', False),
]


@pytest.mark.parametrize("feature, html, present", WORDINGS, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(WORDINGS)])
def test_participation_and_literacy_as_agencies_word_them(feature, html, present):
    found = detect(html)
    assert (feature in found) == present, found.get(feature)
    if present:
        assert all(e.element and (e.text or e.target) for e in found[feature])      # evidence a person can check


def test_a_consultation_is_a_way_to_respond_not_the_papers_of_a_hearing():
    """LOSI 272 asks for an online tool for the public's opinion: a comment form, poll, forum or
    survey tied to a named draft. The papers put out for a hearing (เอกสารประกอบการรับฟังความคิดเห็น,
    the draft as a PDF) are read, not answered, and a page about a past hearing with nothing to
    answer in is its record, not the tool: no evidence. The same hearing with a comment form, an
    e-mail address to write to or a survey's link on the page is the consultation."""
    papers = ('<nav><a href="/hearing/papers.html">เอกสารประกอบการรับฟังความคิดเห็น ร่างข้อบัญญัติตำบล</a></nav>'
              '<main><a href="/files/draft-plan.pdf">ร่างแผนพัฒนาท้องถิ่น (รับฟังความคิดเห็น)</a>'
              '<a href="/files/draft.docx">Draft local plan consultation</a></main>')
    assert "participate.consultation" not in detect(papers)
    heading = '<h1>การรับฟังความคิดเห็น ร่างข้อบัญญัติตำบล เรื่อง การจัดการขยะ</h1>'
    past = heading + '<main><p>ประชุมเมื่อวันที่ 5 ม.ค. 2567</p><a href="/files/draft.pdf">ดาวน์โหลดร่าง</a></main>'
    assert "participate.consultation" not in detect(past)
    # the agency's general address in the footer is no way to respond to this hearing
    assert "participate.consultation" not in detect(past + '<footer><a href="mailto:info@example.go.th">อีเมล</a></footer>')
    # near misses: the hearing page with a way to respond
    form = ('<form method="post" action="/hearing/comment"><input name="name"><textarea name="comment"></textarea>'
            '<button>ส่งความคิดเห็น</button></form>')
    mail = '<p>ส่งความคิดเห็นได้ที่ <a href="mailto:saraban@example.go.th">saraban@example.go.th</a></p>'
    survey = '<a href="https://forms.gle/abc123">ตอบแบบสอบถาม</a>'
    for respond, through in ((form, "<form method=post>"), (mail, "mailto:saraban@example.go.th"),
                             (survey, "https://forms.gle/abc123")):
        found = detect(heading + f"<main><p>ร่างข้อบัญญัติ</p><a href='/files/draft.pdf'>ดาวน์โหลดร่าง</a>{respond}</main>")
        assert [e.element for e in found["participate.consultation"]] == [f"page heading, answered through {through}"]
    # a link to the consultation's own page still counts by its name, as before
    assert detect('<nav><a href="/hearing.html">รับฟังความคิดเห็นร่างข้อบัญญัติ</a></nav>')["participate.consultation"]


def test_open_consultation_notices_need_a_date_still_to_come():
    # the notice itself is the evidence, in a news list too, while its closing date is ahead of the crawl
    found = detect(news("ขอเชิญร่วมแสดงความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) ได้ถึงวันที่ 25 ธันวาคม 2569"))
    assert [e.text.endswith("(until 2026-12-25)") for e in found["participate.announcements"]] == [True]
    assert detect('<a href="/c/9">Consultation closes 15 January 2027: the new parking zones</a>')["participate.announcements"]
    assert detect('<p>ประกาศรับฟังความคิดเห็น ร่างเทศบัญญัติ เรื่อง การควบคุมการเลี้ยงสัตว์ ตั้งแต่วันนี้ถึง ๓๑ ธ.ค. ๒๕๖๙</p>')[
        "participate.announcements"]
    # closed ones, an invitation without a date and a satisfaction questionnaire are none
    for notice in (news("ขอเชิญร่วมแสดงความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่น ถึงวันที่ 30 มิถุนายน 2568"),
                   '<nav><a href="/hearing">ประกาศรับฟังความคิดเห็น</a></nav>',
                   '<a href="/s">ขอเชิญร่วมตอบแบบสอบถามความพึงพอใจ ถึงวันที่ 31 ธันวาคม 2569</a>'):
        assert "participate.announcements" not in detect(notice), notice


LOGIN_FORM = ('<form method="post" action="{action}"><h3>{label}</h3><input name="username">'
              '<input type="password" name="password"><button>เข้าสู่ระบบ</button></form>')


def test_a_residents_sign_in_is_a_password_form_over_https():
    form = LOGIN_FORM.format(action="/member/login", label="สมาชิก e-Service")
    assert detect(form, HTTPS)["account.login"][0].element == "<form> with a password field over https"
    # the same form on a page served over http, or posting to http, is no secure sign-in
    assert "account.login" not in detect(form, HTTP)
    assert "account.login" not in detect(LOGIN_FORM.format(action="http://www.example.go.th/login", label="สมาชิก"), HTTPS)
    # ThaID and named sign-in links count over https
    assert detect('<nav><a href="https://eservice.example.go.th/login">เข้าสู่ระบบด้วย ThaID</a></nav>')["account.login"]
    assert detect('<nav><a href="https://www.example.gov/account">Sign in to your account</a></nav>')["account.login"]
    assert "account.login" not in detect('<nav><a href="http://eservice.example.go.th/login">เข้าสู่ระบบ</a></nav>')


@pytest.mark.parametrize("html, url", [
    (LOGIN_FORM.format(action="https://www.example.go.th/wp-login.php", label="Log in"), HTTPS),
    (LOGIN_FORM.format(action="/administrator/index.php", label="เข้าสู่ระบบ"), HTTPS),
    (LOGIN_FORM.format(action="/login", label="สำหรับเจ้าหน้าที่"), HTTPS),
    (LOGIN_FORM.format(action="/login", label="Staff sign in"), HTTPS),
    (LOGIN_FORM.format(action="https://mail.example.go.th/owa/auth.owa", label="Webmail"), HTTPS),
    (LOGIN_FORM.format(action="/login", label="ระบบสารบรรณอิเล็กทรอนิกส์"), HTTPS),
    ('<nav><a href="https://www.example.go.th/administrator/">เข้าสู่ระบบ</a>'
     '<a href="https://webmail.example.go.th/">Webmail login</a>'
     '<a href="https://www.example.go.th/intranet">เข้าสู่ระบบสำหรับเจ้าหน้าที่</a></nav>', HTTPS),
])
def test_staff_cms_and_webmail_sign_ins_are_not_the_residents(html, url):
    assert "account.login" not in detect(html, url)


def test_reviewer_only_indicators_and_the_candidates_listed_for_the_outcome():
    human = [f for f, e in FEATURES.items() if e.check == "human"]
    assert human == ["interact.response_time", "interact.response_quality", "participate.outcome", "site.findable",
                     "account.view_data", "account.edit_data"]
    assert {f for a in ASSESSORS for f in a.features} & set(human) == {"participate.outcome"}
    # candidate pages for the reviewer: a consultation's summary, "you said, we did"; not the consultation itself
    assert detect('<a href="/sum.pdf">สรุปผลการรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น</a>')["participate.outcome"]
    assert detect('<nav><a href="/ysww">You said, we did</a></nav>')["participate.outcome"]
    assert "participate.outcome" not in detect('<nav><a href="/hearing">รับฟังความคิดเห็นร่างข้อบัญญัติ</a>'
                                               '<a href="/c">Have your say</a></nav>')


def test_the_review_page_lists_a_sites_open_human_checks_until_decided(tmp_path, serve):
    home = ('<html><head><title>เทศบาลตัวอย่าง</title></head><body><nav><a href="/faq.html">คำถามที่พบบ่อย</a>'
            '<a href="/complaint.html">ร้องเรียน/ร้องทุกข์</a><a href="/about.html">เกี่ยวกับเรา</a></nav>'
            '<a href="/sum.html">สรุปผลการรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น</a>'
            '<p>' + "เทศบาลตัวอย่างให้บริการประชาชนในเขตเทศบาล " * 20 + '</p></body></html>')
    make_site(tmp_path / "web", "town", {"index.html": home, "faq.html": "<h1>คำถามที่พบบ่อย</h1>",
                                         "complaint.html": "<h1>ร้องเรียน</h1>", "about.html": "<h1>เกี่ยวกับเรา</h1>"})
    server = serve(tmp_path / "web", third=103)
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    rows = {r["feature"]: r for r in sqlite_utils.Database(db).query("select feature, state, reason from site_features")}
    assert rows["help.faq"]["state"] == "present" and rows["interact.complaint"]["state"] == "present"
    human = ["interact.response_time", "interact.response_quality", "participate.outcome", "site.findable",
             "account.view_data", "account.edit_data"]
    assert {(rows[f]["state"], rows[f]["reason"]) for f in human} == {("unknown", "needs a reviewer")}
    # the outcome stays unknown, with its candidate page kept as evidence for the reviewer
    candidates = [r["text"] for r in sqlite_utils.Database(db).query(
        "select text from evidence where feature = 'participate.outcome'")]
    assert candidates == ["สรุปผลการรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น"]

    def checklist(lang):
        run_id = sqlite_utils.Database(db).execute("select max(id) from runs").fetchone()[0]
        page = html.unescape(ReviewApp(db, run_id, lang=lang).site("town"))
        section = page.split('id="open-checks"', 1)[1].split("</section>", 1)[0] if 'id="open-checks"' in page else ""
        return section, re.findall(r'<a href="#f-([a-z_.]+)">', section)

    section, listed = checklist("en")
    assert listed == human and "Open checks only a reviewer can make (6)" in section
    assert "within 3 business days (Thai public holidays excluded)" in section        # what the reviewer does
    section, listed = checklist("th")
    assert listed == human and "ผู้ตรวจต้องตรวจเอง" in section and "ภายใน 3 วันทำการ" in section
    assert "Open checks" not in section
    # a decided check leaves the list; the others stay open
    egovscan("review", "set", "town", "site.findable", "--state", "present", "--by", "somchai", "--db", db)
    assert checklist("en")[1] == [f for f in human if f != "site.findable"]
