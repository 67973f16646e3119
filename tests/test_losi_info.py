"""LOSI 2024 institutional framework and content provision (IF, CP): each indicator in Thai and
English as agencies word it, and its near misses, decided for a site as the assessment does
(page evidence, then the site step: a lone weak cue is not enough)."""

import pytest

from assessors import assessor_for
from assessors.base import ABSENT, PRESENT, UNKNOWN, SiteFindings, keep_evidence
from assessors.page import build_page
from ground.catalogue import load_catalogue

URL = "http://www.example.go.th/index.html"

IF_CP = ["site.official_identity", "info.org_chart", "info.leadership", "info.right_to_information",
         "policy.open_data", "info.locality", "channel.alerts", "procurement.notices", "procurement.results",
         "service.catalogue", "info.partnerships", "info.health", "info.environment", "info.education",
         "info.social_welfare", "info.culture_leisure", "info.vulnerable_groups", "info.appeals",
         "info.employment", "info.smart_city", "info.emerging_tech", "info.sdg", "info.public_transport",
         "info.waste", "info.roads", "site.usage_stats", "info.emergency", "info.air_policy",
         "info.air_quality", "participate.satisfaction_results", "info.events"]
PARTLY = {"policy.open_data", "channel.alerts", "info.partnerships", "info.appeals", "info.smart_city",
          "info.emerging_tech", "info.sdg", "info.roads", "info.air_policy"}


def decide(feature, html, url=URL, **facts):
    """The site's decision on one feature from one page, through the feature's real detector."""
    view = build_page(f"<html><body>{html}</body></html>", url)
    assessor = assessor_for(feature)
    evidence = {}
    for item in assessor.page(view):
        keep_evidence(evidence.setdefault(item.feature, []), item, assessor.evidence_kept)
    pages = [{"url": url, "final_url": url}]
    findings = SiteFindings(evidence=evidence, pages=pages, facts=facts)
    return assessor.site(findings)[feature], findings.evidence.get(feature, [])


def menu(*links):
    return "<nav><ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links) + "</ul></nav>"


def news(*headlines):
    """A Thai news list: repeated items with a Buddhist-Era date."""
    return ('<div class="news"><ul>' + "".join(f'<li><a href="/news/{i}">{h}</a> <span>{i} มี.ค. 2567</span></li>'
                                                for i, h in enumerate(headlines, 1)) + "</ul></div>")


def test_the_catalogue_has_every_if_and_cp_indicator_with_its_check_kind():
    catalogue = load_catalogue()
    for feature in IF_CP:
        entry = catalogue[feature]
        assert entry.family == "further" and entry.title["th"] and entry.advice["en"], feature
        assert entry.check == ("partly" if feature in PARTLY else "auto"), feature
    ids = list(catalogue)
    block = ids[ids.index(IF_CP[0]):ids.index(IF_CP[0]) + len(IF_CP)]
    assert block == IF_CP          # one block, in the order of LOSI2024.md


# (feature, html, present): Thai and English wordings, and near misses
WORDINGS = [
    ("info.org_chart", menu(("/org.html", "แผนภูมิโครงสร้างองค์กร")), True),
    ("info.org_chart", menu(("/structure.php", "โครงสร้างส่วนราชการ")), True),
    ("info.org_chart", menu(("/about/chart", "Organisation chart")), True),
    ("info.org_chart", menu(("/infra.html", "โครงสร้างพื้นฐานด้านดิจิทัล"), ("/sitemap", "โครงสร้างเว็บไซต์")), False),
    ("info.org_chart", menu(("/fees", "Fee structure")), False),
    ("info.leadership", menu(("/exec.html", "ทำเนียบผู้บริหาร")), True),
    ("info.leadership", menu(("/mayor.html", "นายกเทศมนตรี")), True),
    ("info.leadership", menu(("/team", "Senior leadership team")), True),
    ("info.leadership", news("นายกเทศมนตรีลงพื้นที่ช่วยเหลือผู้ประสบภัย", "ผู้ว่าราชการจังหวัดเป็นประธานเปิดงานกาชาด"), False),
    ("info.leadership", menu(("/direct.html", "สายตรงนายกเทศมนตรี")), False),        # a complaint channel
    # the chief information officer every Thai agency names (an ITA item) is one officer's duty,
    # not the agency's executives: LOSI's indicator lists the executive and the heads of departments
    ("info.leadership", menu(("/cio.html", "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)"),
                             ("/cio2.html", "ข้อมูลผู้บริหารด้านเทคโนโลยีสารสนเทศ"),
                             ("/cio3.html", "ผู้บริหารสารสนเทศระดับสูง"), ("/cio-en", "Chief Information Officer (CIO)")), False),
    # near misses: the executives' own listings, under a ministry's, a department's or a tambon's titles
    ("info.leadership", menu(("/cio.html", "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)"), ("/exec.html", "คณะผู้บริหาร")), True),
    ("info.leadership", menu(("/dg.html", "ทำเนียบอธิบดี")), True),
    ("info.leadership", menu(("/director.html", "ทำเนียบผู้อำนวยการ")), True),
    ("info.leadership", menu(("/exec.html", "นายก อบต.")), True),
    ("info.leadership", menu(("/palad.html", "ปลัด อบต.")), True),
    # near misses of those titles: the office's news and its past prime ministers' roll
    ("info.leadership", menu(("/n/1", "ปลัด อบต.ลงพื้นที่ตรวจน้ำท่วม"), ("/pm.html", "ทำเนียบนายกรัฐมนตรี")), False),
    ("info.leadership", menu(("/cat/9", "ข่าวกิจกรรมผู้บริหาร")), False),             # news of what they do
    ("info.leadership", '<p>ขอเรียนเชิญหัวหน้าส่วนราชการระดับกระทรวงหรือเทียบเท่า ... <a href="/blog/2">read more</a></p>', False),
    ("info.right_to_information", menu(("/oic.html", "ศูนย์ข้อมูลข่าวสารอิเล็กทรอนิกส์")), True),
    ("info.right_to_information", menu(("/s7.html", "ข้อมูลข่าวสารตามมาตรา 7")), True),
    ("info.right_to_information", menu(("/foi", "Freedom of Information requests")), True),
    # the Official Information Commission in the list of agencies' links
    ("info.right_to_information", menu(("http://www.oic.go.th/", "สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ")), False),
    ("policy.open_data", menu(("/policy/data.pdf", "นโยบายการเปิดเผยข้อมูล")), True),
    ("policy.open_data", menu(("/oit.html", "การเปิดเผยข้อมูลสาธารณะ (OIT)")), True),
    ("policy.open_data", menu(("/publication-scheme", "Publication scheme")), True),
    ("policy.open_data", menu(("https://data.go.th/", "ชุดข้อมูลเปิด"), ("/pdpa", "การเปิดเผยข้อมูลส่วนบุคคล")), False),
    ("info.locality", menu(("/general.html", "สภาพทั่วไปและข้อมูลพื้นฐาน")), True),
    ("info.locality", menu(("/travel.html", "สถานที่ท่องเที่ยว")), True),
    ("info.locality", menu(("/profile", "City profile")), True),
    ("info.locality", menu(("/staff.html", "ข้อมูลพื้นฐานบุคลากร"), ("/db.html", "ฐานข้อมูลพื้นฐานของหน่วยงาน")), False),
    ("info.locality", menu(("/visit", "Visitor parking")), False),
    ("info.locality", menu(("https://www.mots.go.th/", "Ministry of Tourism and Sports")), False),
    ("channel.alerts", menu(("/warn.html", "ระบบแจ้งเตือนภัยพิบัติ")), True),
    ("channel.alerts", menu(("/line-alert", "รับการแจ้งเตือนน้ำท่วมทาง LINE")), True),
    ("channel.alerts", menu(("/alerts", "Sign up for flood warnings")), True),
    ("channel.alerts", menu(("/newsletter", "Sign up for our newsletter"), ("/pay-reminder", "ระบบแจ้งเตือนการชำระภาษี")), False),
    # a web-push opt-in: OneSignal's SDK, Firebase Cloud Messaging; Firebase's sign-in sends no alerts
    ("channel.alerts", '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js" async></script>', True),
    ("channel.alerts", '<script src="https://www.gstatic.com/firebasejs/8.10.0/firebase-messaging.js"></script>', True),
    ("channel.alerts", '<script src="https://www.gstatic.com/firebasejs/8.10.0/firebase-auth.js"></script>'
                       '<script src="http://[::1/broken.js"></script>', False),
    ("procurement.notices", menu(("/procure.html", "ประกาศจัดซื้อจัดจ้าง")), True),
    ("procurement.notices", '<a href="http://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch?deptId=1">'
                            '<img src="/b/egp.jpg"></a>', True),                   # e-GP counts by its host
    ("procurement.notices", menu(("/tenders", "Current tenders")), True),
    # a list of notices: its items are the notices themselves
    ("procurement.notices", news("ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 ด้วยวิธี e-bidding",
                                 "ประกาศเชิญชวนซื้อวัสดุสำนักงาน ประจำปีงบประมาณ 2567"), True),
    # training about procurement is news; a winner's announcement is a result
    ("procurement.notices", menu(("/news/5", "อบรมการจัดซื้อจัดจ้างภาครัฐ"), ("/win", "ประกาศผู้ชนะการเสนอราคา")), False),
    ("procurement.notices", '<p><a href="/news/6">ประกาศรายชื่อผู้เข้าร่วมประชุมในหัวข้อการจัดซื้อจัดจ้างสำหรับงานวิจัย</a></p>', False),
    ("procurement.results", menu(("/sum.html", "สรุปผลการจัดซื้อจัดจ้างรายเดือน")), True),
    ("procurement.results", menu(("/s1.pdf", "แบบ สขร.1 ประจำเดือนมีนาคม")), True),
    ("procurement.results", menu(("/awards", "Contract awards")), True),
    ("procurement.results", menu(("/contest", "ประกาศผู้ได้รับการคัดเลือกการประกวดภาพถ่าย")), False),
    ("procurement.results", menu(("/tenders", "Current tenders")), False),
    ("service.catalogue", menu(("/manual.html", "คู่มือสำหรับประชาชน")), True),
    ("service.catalogue", menu(("/svc.html", "ขั้นตอนและระยะเวลาการให้บริการ")), True),
    ("service.catalogue", menu(("/services", "A-Z of services")), True),
    ("service.catalogue", menu(("/work.pdf", "คู่มือการปฏิบัติงาน"), ("/academic", "สำนักงานบริการวิชาการ")), False),
    ("service.catalogue", menu(("/plan/1.1", "1.1 พัฒนาระบบการให้บริการประชาชน")), False),      # improving them
    ("info.partnerships", menu(("/network.html", "ภาคีเครือข่าย")), True),
    ("info.partnerships", menu(("/volunteer.html", "ธนาคารจิตอาสา")), True),
    ("info.partnerships", menu(("/partners", "Our partners")), True),
    ("info.partnerships", menu(("/notice/9", "ขอความร่วมมือประชาชนงดเผาขยะ")), False),
    ("info.partnerships", menu(("/register/civil-partnership", "Register a civil partnership")), False),
    ("info.health", menu(("/health.html", "กองสาธารณสุขและสิ่งแวดล้อม")), True),
    ("info.health", menu(("/vaccine.html", "ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า")), True),
    ("info.health", menu(("/health", "Health and wellbeing")), True),
    ("info.health", news("เทศบาลรณรงค์ป้องกันโรคไข้เลือดออกในชุมชน", "อสม. ร่วมกิจกรรมวันสุขภาพ"), False),   # news
    ("info.health", menu(("http://www.moph.go.th/", "กระทรวงสาธารณสุข"), ("/safety", "Health and safety at work")), False),
    # national departments in the list of agencies' links are other agencies, not the site's section
    ("info.health", menu(("https://ddc.moph.go.th/", "กรมควบคุมโรค"), ("https://www.nhso.go.th/", "สำนักงานหลักประกันสุขภาพแห่งชาติ")), False),
    ("info.environment", menu(("https://www.pcd.go.th/", "กรมควบคุมมลพิษ"), ("https://www.deqp.go.th/", "กรมส่งเสริมคุณภาพสิ่งแวดล้อม")), False),
    ("info.education", menu(("https://www.obec.go.th/", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")), False),
    ("info.vulnerable_groups", menu(("https://www.dop.go.th/", "กรมกิจการผู้สูงอายุ"), ("https://dep.go.th/", "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ")), False),
    ("info.emergency", menu(("https://www.disaster.go.th/", "กรมป้องกันและบรรเทาสาธารณภัย")), False),
    ("info.environment", menu(("/env.html", "ทรัพยากรธรรมชาติและสิ่งแวดล้อม")), True),
    ("info.environment", menu(("/green.html", "พื้นที่สีเขียว")), True),
    ("info.environment", menu(("/environment", "Environment")), True),
    ("info.environment", menu(("/barrierfree", "Accessibility in the Built Environment")), False),
    ("info.environment", menu(("http://www.mnre.go.th/", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
                              ("/careers", "Our working environment")), False),
    ("info.education", menu(("/edu.html", "กองการศึกษา")), True),
    ("info.education", menu(("/cdc.html", "ศูนย์พัฒนาเด็กเล็ก")), True),
    ("info.education", menu(("/schools", "Schools and education")), True),
    ("info.education", menu(("/news/3", "ศึกษาดูงานการจัดการขยะ"), ("/cv", "ประวัติการศึกษา")), False),
    ("info.education", menu(("/doc/14", "ขอเชิญรับทุนการศึกษาทุนข้าราชการรุ่นที่ 14")), False),    # for the staff
    ("info.education", menu(("/check", "Check enrolment"), ("/FAQs/Enrolment.htm", "Enrolment FAQs")), False),   # the electoral roll
    ("info.social_welfare", menu(("/allow.html", "เบี้ยยังชีพผู้สูงอายุ")), True),
    ("info.social_welfare", menu(("/welfare.html", "กองสวัสดิการสังคม")), True),
    ("info.social_welfare", menu(("/benefits", "Benefits and financial support")), True),
    ("info.social_welfare", menu(("/hr/benefits", "Employee benefits"), ("http://www.cdd.go.th/", "กรมการพัฒนาชุมชน")), False),
    ("info.culture_leisure", menu(("/sport.html", "กีฬาและนันทนาการ")), True),
    ("info.culture_leisure", menu(("/library.html", "ห้องสมุดประชาชนเทศบาล")), True),
    ("info.culture_leisure", menu(("/parks", "Parks and recreation")), True),
    ("info.culture_leisure", menu(("http://www.m-culture.go.th/", "กระทรวงวัฒนธรรม"), ("/photos", "Photo library")), False),
    ("info.vulnerable_groups", menu(("/elderly.html", "ผู้สูงอายุและคนพิการ")), True),
    ("info.vulnerable_groups", menu(("/youth.html", "สภาเด็กและเยาวชน")), True),
    ("info.vulnerable_groups", menu(("/older", "Older people")), True),
    ("info.vulnerable_groups", menu(("/jobs/dc", "Disability Confident employer")), False),
    ("info.appeals", menu(("/appeal.html", "การอุทธรณ์การประเมินภาษีที่ดินและสิ่งปลูกสร้าง")), True),
    ("info.appeals", menu(("/justice.html", "ศูนย์ยุติธรรมชุมชน")), True),
    ("info.appeals", menu(("/pcn", "Challenge a parking fine")), True),
    ("info.appeals", menu(("/egp/appeal", "การอุทธรณ์ผลการจัดซื้อจัดจ้าง"), ("/donate", "Christmas appeal")), False),
    ("info.employment", menu(("/jobs.html", "ตำแหน่งงานว่าง")), True),
    ("info.employment", menu(("/train.html", "ฝึกอาชีพ")), True),
    ("info.employment", menu(("/find-a-job", "Find a job")), True),
    # the organisation's own recruitment is service.job_application
    ("info.employment", menu(("/recruit.html", "รับสมัครพนักงานจ้าง"), ("/careers", "Jobs at the council")), False),
    ("info.smart_city", menu(("/smart.html", "เมืองอัจฉริยะ (Smart City)")), True),
    ("info.smart_city", menu(("/smart-city", "Smart city strategy")), True),
    ("info.smart_city", menu(("/news/7", "สัมมนาเมืองอัจฉริยะ")), False),
    ("info.emerging_tech", menu(("/iot.html", "ระบบเซนเซอร์ตรวจวัดน้ำ (IoT)")), True),
    ("info.emerging_tech", menu(("/ai", "How we use artificial intelligence")), True),
    ("info.emerging_tech", menu(("/news/8", "อบรมการใช้ AI สำหรับบุคลากร"), ("/course", "AI training course")), False),
    ("info.sdg", menu(("/sdg.html", "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)")), True),
    ("info.sdg", menu(("/vlr", "Voluntary Local Review")), True),
    ("info.sdg", '<img src="/img/sdg-logo.png" alt="SDGs">'
                 + menu(("/plan.pdf", "แผนพัฒนาท้องถิ่นที่สอดคล้องกับ SDGs")), False),
    ("info.public_transport", menu(("/bus.html", "เส้นทางเดินรถโดยสารประจำทาง")), True),
    ("info.public_transport", menu(("/boat.html", "เรือโดยสาร")), True),
    ("info.public_transport", menu(("/transport", "Bus routes and timetables")), True),
    # the land transport office is licences, not public transport
    ("info.public_transport", menu(("http://www.dlt.go.th/", "สำนักงานขนส่งจังหวัด"), ("/licence", "ต่อใบขับขี่")), False),
    ("info.public_transport", menu(("/browse/driving/drivers", "Drivers of lorries, buses and goods vehicles")), False),
    ("info.waste", menu(("/waste.html", "การคัดแยกขยะ")), True),
    ("info.waste", menu(("/bank.html", "ธนาคารขยะ")), True),
    ("info.waste", menu(("/recycling", "Recycling")), True),
    ("info.waste", menu(("/fee.html", "ค่าธรรมเนียมเก็บขนขยะมูลฝอย"), ("/bins", "Bin collection days")), False),
    ("info.waste", '<p><a href="/album?img=647">Album Foto: Recycle Fashion Carnival 2018</a></p>', False),
    ("info.roads", menu(("/roads.html", "ประกาศปิดการจราจร")), True),
    ("info.roads", menu(("/repair.html", "แจ้งซ่อมถนนชำรุด")), True),
    ("info.roads", menu(("/roadworks", "Roadworks and road closures")), True),
    ("info.roads", news("ประกาศประกวดราคาจ้างซ่อมถนนลาดยาง", "ประกาศสอบราคาซ่อมแซมถนนหมู่ 5"), False),
    ("site.usage_stats", "<div class='counter'>ผู้เข้าชมวันนี้ 125 ผู้เข้าชมทั้งหมด 45,210</div>", True),
    ("site.usage_stats", '<a href="https://truehits.net/index.php?id=xyz"><img src="https://hits.truehits.in.th/a.gif"></a>', True),
    ("site.usage_stats", "<p>Total visitors: 45,210</p>", True),
    ("site.usage_stats", menu(("/museum.html", "จำนวนผู้เข้าชมพิพิธภัณฑ์")), False),
    ("site.usage_stats", "<p>Home Residents Business Government Visitors Online services</p>", False),   # menu words side by side
    # StatCounter's invisible code: an analytics tag, no counter a visitor sees
    ("site.usage_stats", '<noscript><div class="statcounter"><a title="Web Analytics" href="https://statcounter.com/">'
                         '<img class="statcounter" src="https://c.statcounter.com/1/0/x/1/" alt="Web Analytics"></a></div>'
                         '</noscript><script src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>', False),
    ("info.emergency", menu(("/disaster.html", "งานป้องกันและบรรเทาสาธารณภัย")), True),
    ("info.emergency", menu(("/tel.html", "เบอร์โทรฉุกเฉิน")), True),
    ("info.emergency", menu(("/emergency", "Emergencies and flooding")), True),
    ("info.emergency", menu(("/ins.html", "ประกาศประกวดราคาประกันอัคคีภัยอาคาร")), False),
    ("info.air_policy", menu(("/pm25.html", "มาตรการป้องกันและแก้ไขปัญหาฝุ่นละออง PM2.5")), True),
    ("info.air_policy", menu(("/burn.html", "ประกาศห้ามเผาในที่โล่ง")), True),
    ("info.air_policy", menu(("/clean-air", "Clean air strategy")), True),
    ("info.air_policy", menu(("/aq.html", "ค่าฝุ่น PM2.5 วันนี้")), False),           # a measurement is info.air_quality
    ("info.air_quality", menu(("/aq.html", "ค่าฝุ่น PM2.5 วันนี้")), True),
    ("info.air_quality", '<iframe src="https://aqicn.org/city/thailand/chiangmai/"></iframe>', True),
    ("info.air_quality", menu(("/aqi", "Air quality index")), True),
    ("info.air_quality", menu(("/pm25.html", "มาตรการแก้ไขปัญหาฝุ่นละออง"), ("/buy", "จัดซื้อเครื่องฟอกอากาศ")), False),
    ("participate.satisfaction_results", menu(("/sat.pdf", "ผลการสำรวจความพึงพอใจของผู้รับบริการ ประจำปี 2566")), True),
    ("participate.satisfaction_results", menu(("/sat.html", "รายงานผลการประเมินความพึงพอใจ")), True),
    ("participate.satisfaction_results", menu(("/sat", "Customer satisfaction results")), True),
    ("participate.satisfaction_results", menu(("/survey", "แบบประเมินความพึงพอใจการให้บริการ"),
                                              ("/rate", "Rate our service")), False),        # the questionnaire is 293
    ("info.events", menu(("/calendar.html", "ปฏิทินกิจกรรม")), True),
    ("info.events", '<iframe src="https://calendar.google.com/calendar/embed?src=city%40example.go.th"></iframe>', True),
    ("info.events", menu(("/whats-on", "What's on")), True),
    ("info.events", menu(("/news/act", "ข่าวกิจกรรม"), ("/gallery", "ประมวลภาพกิจกรรม")), False),   # past activities
    ("info.events", menu(("/archive", "Past events")), False),
]


@pytest.mark.parametrize("feature, html, present", WORDINGS, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(WORDINGS)])
def test_if_and_cp_indicators_as_agencies_word_them(feature, html, present):
    decision, evidence = decide(feature, html)
    assert (decision.state == PRESENT) == present, evidence
    if present:
        assert all(e.element and (e.text or e.target) for e in evidence)     # evidence a person can check


def test_every_if_and_cp_named_link_indicator_has_thai_english_and_a_near_miss():
    covered = {}
    for feature, html, present in WORDINGS:
        covered.setdefault(feature, set()).add(present)
    for feature in IF_CP:
        if feature != "site.official_identity":
            assert covered.get(feature) == {True, False}, feature


TOPICS = ["info.health", "info.environment", "info.education", "info.social_welfare", "info.culture_leisure",
          "info.vulnerable_groups", "info.employment", "info.emergency", "info.waste", "info.public_transport"]


def test_a_topic_in_a_news_list_is_news_the_same_words_in_a_menu_are_the_section():
    headlines = news("เทศบาลจัดกิจกรรมรณรงค์คัดแยกขยะและป้องกันโรคไข้เลือดออก",
                     "มอบเบี้ยยังชีพผู้สูงอายุและคนพิการ ประจำเดือนมีนาคม",
                     "เปิดสนามกีฬาและห้องสมุดแห่งใหม่ เพื่อการศึกษาของเด็กและเยาวชน",
                     "ช่วยเหลือผู้ประสบอุทกภัย พร้อมตลาดนัดแรงงาน และเส้นทางเดินรถใหม่ สิ่งแวดล้อม")
    for feature in TOPICS:
        decision, evidence = decide(feature, headlines)
        assert decision.state == ABSENT, (feature, evidence)
    section = menu(("/health", "สาธารณสุข"), ("/env", "สิ่งแวดล้อม"), ("/edu", "การศึกษา"), ("/welfare", "สวัสดิการสังคม"),
                   ("/sport", "กีฬาและนันทนาการ"), ("/elderly", "ผู้สูงอายุ"), ("/jobs", "ตำแหน่งงานว่าง"),
                   ("/disaster", "สาธารณภัย"), ("/waste", "คัดแยกขยะ"), ("/bus", "รถโดยสารประจำทาง"))
    for feature in TOPICS:
        decision, evidence = decide(feature, section + headlines)
        assert decision.state == PRESENT and evidence[0].region == "nav" and evidence[0].confidence == "strong", feature


def test_a_lone_procurement_or_event_item_is_not_enough_two_are_a_list():
    one = news("ประกาศประกวดราคาจ้างก่อสร้างอาคารอเนกประสงค์ ด้วยวิธี e-bidding")
    assert decide("procurement.notices", one)[0].state == ABSENT
    two = news("ประกาศประกวดราคาจ้างก่อสร้างอาคารอเนกประสงค์ ด้วยวิธี e-bidding",
               "ประกาศเชิญชวนจ้างเหมาซ่อมแซมรางระบายน้ำ")
    decision, evidence = decide("procurement.notices", two)
    assert decision.state == PRESENT and {e.confidence for e in evidence} == {"weak"}


IDENTITY = ("<title>เทศบาลนครตัวอย่าง - Example City Municipality</title>"
            "<nav><a href='/'>หน้าแรก</a></nav><footer>ลิขสิทธิ์ © 2567 เทศบาลนครตัวอย่าง สงวนลิขสิทธิ์</footer>")


def identity(html, url=URL, name="เทศบาลนครตัวอย่าง", own_hosts=()):
    view = build_page(f"<html><head>{html.split('</title>')[0]}</title></head><body>{html.split('</title>')[1]}</body></html>"
                      if "</title>" in html else f"<html><body>{html}</body></html>", url)
    assessor = assessor_for("site.official_identity")
    evidence = {}
    for item in assessor.page(view):
        keep_evidence(evidence.setdefault(item.feature, []), item, assessor.evidence_kept)
    findings = SiteFindings(evidence=evidence, pages=[{"url": url, "final_url": url}],
                            facts={"site_name": name, "own_hosts": tuple(own_hosts)})
    return assessor.site(findings)["site.official_identity"], findings.evidence["site.official_identity"]


def test_official_identity_needs_a_government_host_and_the_name_in_title_or_copyright():
    decision, evidence = identity(IDENTITY)
    assert decision.state == PRESENT and decision.value["government_host"] == "www.example.go.th"
    assert {e.element for e in evidence} == {"host", "page title", "copyright line"}
    # only the copyright line names it (the title is a slogan)
    only_footer = IDENTITY.replace("เทศบาลนครตัวอย่าง - Example City Municipality", "ยินดีต้อนรับ")
    assert identity(only_footer)[0].state == PRESENT
    # English: "© City of Example" under .gov
    assert identity("<footer>Copyright © 2024 City of Example. All rights reserved.</footer>",
                    "https://www.example.gov/", "City of Example")[0].state == PRESENT
    # a sites file that writes the Thai and the English name side by side
    assert identity("<title>กรมป่าไม้</title><p>Copyright©2010 All Right Reserved.</p>", "https://www.forest.go.th/",
                    "กรมป่าไม้ Royal Forest Department (forest.go.th)")[0].state == PRESENT
    # a saved copy on loopback: the sites file's domains say where the site lives
    assert identity(IDENTITY, "http://127.0.0.9:8000/", own_hosts=("127.0.0.9", "example.go.th"))[0].state == PRESENT


def test_official_identity_near_misses():
    # the organisation's own name on a commercial domain
    assert identity(IDENTITY, "https://www.examplecity.com/")[0].state == ABSENT
    # a government host whose pages name another organisation (a template's credit)
    other = "<title>ระบบจัดการเว็บไซต์</title><footer>Copyright © 2567 บริษัท ตัวอย่างซอฟต์ จำกัด</footer>"
    assert identity(other)[0].state == ABSENT
    assert identity("<footer>© 2024 City of Example</footer>", "https://example.co.th/", "City of Example")[0].state == ABSENT
    # without a name in the sites file no one can say: unknown, with the reason
    decision, _ = identity(IDENTITY, name="")
    assert decision.state == UNKNOWN and "no name" in decision.reason


def test_an_event_counts_while_it_is_still_to_come():
    """A list of invitations is a list of events when their dates are still ahead of the crawl;
    the same invitations once their day has passed are reports of past activities."""
    from datetime import date

    def events(html, fetched):
        view = build_page(f"<html><body>{html}</body></html>", URL)
        view.fetched_on = fetched
        assessor = assessor_for("info.events")
        evidence = {}
        for item in assessor.page(view):
            keep_evidence(evidence.setdefault(item.feature, []), item, assessor.evidence_kept)
        return assessor.site(SiteFindings(evidence=evidence, pages=[], facts={}))["info.events"].state

    invitations = ('<div class="news"><ul>'
                   '<li><a href="/e/1">ขอเชิญร่วมงานประเพณีลอยกระทง ประจำปี 2567 ณ สวนสาธารณะเทศบาล</a> <span>15 พ.ย. 2567</span></li>'
                   '<li><a href="/e/2">ขอเชิญร่วมกิจกรรมวันเด็กแห่งชาติ ประจำปี 2568</a> <span>๑๑ มกราคม ๒๕๖๘</span></li>'
                   '</ul></div>')
    assert events(invitations, date(2024, 11, 1)) == PRESENT
    assert events(invitations, date(2025, 3, 1)) == ABSENT              # both have passed
    # a calendar named in the menu is the calendar, whatever its dates
    assert events(menu(("/calendar", "ปฏิทินกิจกรรม")) + invitations, date(2025, 3, 1)) == PRESENT
    # English: a dated what's-on list
    whats_on = ('<div class="events"><ul><li><a href="/e/3">Upcoming events: Farmers market</a> <span>12 May 2027</span></li>'
                '<li><a href="/e/4">Upcoming events: Library open day</a> <span>20 May 2027</span></li></ul></div>')
    assert events(whats_on, date(2027, 5, 1)) == PRESENT and events(whats_on, date(2027, 6, 1)) == ABSENT


def test_official_identity_from_a_crawl_reads_the_sites_files_name_and_domains(tmp_path, serve):
    """Through the real crawl and assessment: the sites file names the organisation and its
    domain; the pages are served from loopback, as a saved copy would be."""
    import sqlite_utils

    from conftest import FAST, egovscan, make_site

    body = ("<nav><a href='/about.html'>เกี่ยวกับเรา</a><a href='/news.html'>ข่าวประชาสัมพันธ์</a>"
            "<a href='/contact.html'>ติดต่อเรา</a></nav><p>" + "ข้อมูลบริการประชาชน " * 40 + "</p>")
    web = tmp_path / "web"
    make_site(web, "city", {"index.html": f"<html><head><title>หน้าแรก</title></head><body>{body}"
                                          "<footer>สงวนลิขสิทธิ์ © 2567 เทศบาลนครตัวอย่าง</footer></body></html>"})
    make_site(web, "vendor", {"index.html": f"<html><head><title>เทศบาลนครตัวอย่าง</title></head><body>{body}"
                                            "</body></html>"})
    make_site(web, "unnamed", {"index.html": f"<html><head><title>เทศบาลตำบลตัวอย่าง</title></head><body>{body}"
                                             "</body></html>"})
    (web / "sites.csv").write_text("site_id,name,domains\ncity,เทศบาลนครตัวอย่าง,example.go.th\n"
                                   "vendor,เทศบาลนครตัวอย่าง,examplecity.co.th\nunnamed,,example-t.go.th\n", "utf-8")
    server = serve(web, third=93)
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)
    states = dict(d.execute("select site_id, state from site_features where feature = 'site.official_identity'").fetchall())
    # unnamed: sitesrv names a site after its folder when the sites file gives none
    assert states == {"city": PRESENT, "vendor": ABSENT, "unnamed": ABSENT}
    shown = [e for e, in d.execute("select element from evidence where site_id = 'city' and feature = 'site.official_identity'")]
    assert sorted(shown) == ["copyright line", "host"]


def test_the_chief_information_officer_is_never_the_evidence_of_the_agencys_executives():
    """Thai agencies list their CIO (ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง) beside their executives; the
    CIO link came first and stood as the evidence of info.leadership. The executives' listing is."""
    decision, evidence = decide("info.leadership", menu(("/cio.html", "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)"),
                                                        ("/exec.html", "ผู้บริหาร")))
    assert decision.state == PRESENT
    assert [e.target for e in evidence] == ["http://www.example.go.th/exec.html"]
