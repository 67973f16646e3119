"""How Thai agencies word the core features in their menus, each with a near miss: the same
words in a navigation context that means something else must not count."""

import pytest

from test_detectors import detect


def menu(text: str, href: str = "/services/page1.html") -> str:
    return f'<ul class="menu"><li><a href="{href}">{text}</a></li></ul>'


# (feature, a menu item that names it, a menu item that does not)
CASES = [
    ("service.online_application", "ระบบ e-Service", "สถิติการให้บริการ e-Service"),
    ("service.online_application", "การให้บริการผ่านระบบอิเล็กทรอนิกส์",
     "รายงานผลการให้บริการผ่านระบบอิเล็กทรอนิกส์"),
    ("service.online_application", "ยื่นคำร้องออนไลน์", "วิธีการยื่นคำร้อง"),
    # the citizen's online services named with whom they serve between the words
    ("service.online_application", "ระบบบริการประชาชนออนไลน์", "คู่มือการให้บริการประชาชน"),
    ("service.online_application", "บริการประชาชนออนไลน์ (e-Service)", "สถิติการให้บริการประชาชนออนไลน์"),
    # local-government e-service menus: papers handed in on the web; papers published on the web are read
    ("service.online_application", "ยื่นเอกสารออนไลน์", "เอกสารเผยแพร่ออนไลน์"),
    ("service.online_application", "ยื่นเอกสารผ่านระบบออนไลน์", "วิธีการยื่นเอกสารออนไลน์"),
    # the papers a request needs are listed for the counter, they take no request
    ("service.online_application", "ยื่นคำขอ", "เอกสารที่ใช้ในการยื่นคำขอ"),
    ("service.online_application", "ยื่นคำร้อง", "หลักฐานประกอบการยื่นคำร้อง"),
    ("service.online_application", "ยื่นคำขอออนไลน์พร้อมเอกสารประกอบ", "เอกสารประกอบการยื่นคำขออนุญาต"),
    # applying on the web for a job, an exam or a course, whatever is applied for between the words;
    # a vacancy list and a member's sign-up are no application
    ("service.online_application", "สมัครงานออนไลน์", "รับสมัครงาน (0 ตำแหน่ง)"),
    ("service.online_application", "สมัครเข้ารับการอบรมทางอินเทอร์เน็ต", "สมัครสมาชิกออนไลน์"),
    # a newsletter's sign-up on the web is a subscription, not an application
    ("service.online_application", "สมัครสอบออนไลน์", "สมัครรับจดหมายข่าวออนไลน์"),
    # a volunteer (อาสาสมัคร) holds the word; applying to become one is still an application
    ("service.online_application", "สมัครเป็นอาสาสมัครออนไลน์", "ฐานข้อมูลอาสาสมัครป้องกันภัยออนไลน์"),
    ("service.online_application", "สมัครออนไลน์", "ระบบอาสาสมัครออนไลน์"),
    # a welfare allowance is registered for at the office: online only where the words say so
    ("service.online_application", "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุออนไลน์", "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ"),
    ("service.online_application", "ลงทะเบียน", "ลงทะเบียนผู้สูงอายุ"),
    ("service.online_application", "ลงทะเบียนคนพิการผ่านระบบออนไลน์", "ลงทะเบียนรับเงินเบี้ยความพิการ"),
    ("service.end_to_end", "ติดตามสถานะ", "ติดตามข่าวสาร"),
    ("service.end_to_end", "ตรวจสอบสถานะคำร้อง", "ติดตามสถานะหนังสือราชการ"),
    ("service.end_to_end", "ตรวจสอบผลการยื่นคำขอ", "ติดตามความคืบหน้าของโครงการ"),
    ("service.end_to_end", "เช็คสถานะคำขอ", "รายงานการติดตามผลการดำเนินงาน"),
    ("service.end_to_end", "ติดตามผลการร้องเรียน", "รายงานผลการดำเนินการเรื่องร้องเรียน"),
    ("interact.two_way", "ร้องเรียน/ร้องทุกข์", "สถิติเรื่องร้องเรียน"),
    ("interact.two_way", "กระดานสนทนา", "กระดานดำ"),
    ("interact.two_way", "ถาม-ตอบ", "ตอบรับเข้าร่วมประชุม"),
    ("payment.online", "ชำระค่าธรรมเนียม", "อัตราค่าธรรมเนียม"),
    ("forms.download", "ดาวน์โหลดแบบฟอร์ม", "ดาวน์โหลดรายงานประจำปี"),
    ("participate.poll", "แบบสอบถามความพึงพอใจ", "ผลการสำรวจความพึงพอใจ"),
    # the integrity assessment's survey of those outside the agency (EIT) asks the public; its
    # survey of the staff (IIT) does not
    ("participate.poll", "ขอเชิญผู้รับบริการร่วมตอบแบบสอบถาม EIT", "ขอเชิญบุคลากรร่วมตอบแบบสอบถาม IIT"),
    ("participate.poll", "แบบสำรวจความคิดเห็นของผู้มีส่วนได้ส่วนเสียภายนอก",
     "แบบสำรวจความคิดเห็นของผู้มีส่วนได้ส่วนเสียภายใน สำหรับบุคลากร"),
    # the papers of a public hearing are read, not answered
    ("participate.poll", "รับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น", "เอกสารประกอบการรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น"),
    ("participate.poll", "ประชาพิจารณ์ร่างข้อบัญญัติ", "เอกสารประกอบการประชาพิจารณ์ร่างข้อบัญญัติ"),
    # ... nor are the results of the hearing, analysed or not
    ("participate.poll", "รับฟังความคิดเห็นร่างพระราชบัญญัติ", "ผลวิเคราะห์การรับฟังความคิดเห็นร่าง พรบ."),
    ("participate.poll", "ร่วมแสดงความคิดเห็นต่อร่างประกาศ", "ผลการรับฟังความคิดเห็นสาธารณะต่อร่างประกาศ"),
    # an invitation to comment on a draft, the public named between the words; its summary is a report
    ("participate.poll", "ขอเชิญร่วมแสดงความคิดเห็นสาธารณะต่อ (ร่าง) ประกาศ", "สรุปการรับฟังความคิดเห็นสาธารณะที่ได้รับต่อ (ร่าง) ประกาศ"),
    # ... nor its report, the comments it received or its minutes
    ("participate.poll", "ขอเชิญร่วมแสดงความคิดเห็นต่อร่างข้อบัญญัติตำบล", "รายงานผลการร่วมแสดงความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่น"),
    ("participate.poll", "ร่วมแสดงความคิดเห็นต่อร่างประกาศ", "ความเห็นที่ได้รับจากการร่วมแสดงความคิดเห็นต่อร่างประกาศ"),
    ("participate.poll", "รับฟังความคิดเห็นร่างกฎกระทรวง", "บันทึกการประชุมร่วมแสดงความคิดเห็นต่อร่างข้อบัญญัติ"),
    # the organisation's culture and values sit beside its vision, not among festivals and museums
    ("info.culture_leisure", "ศิลปวัฒนธรรมและประเพณีท้องถิ่น", "วิสัยทัศน์ ค่านิยม และวัฒนธรรมองค์การ"),
    ("info.culture_leisure", "ศาสนาและวัฒนธรรม", "วัฒนธรรมองค์การ"),
    # a satisfaction survey about a service does not list the services
    ("service.catalogue", "คู่มือการให้บริการประชาชน", "แบบประเมินความพึงพอใจต่องานบริการ"),
    ("info.right_to_information", "ศูนย์ข้อมูลข่าวสาร", "คณะกรรมการข้อมูลข่าวสารของราชการ"),
    ("info.news", "ข่าวประชาสัมพันธ์", "ศูนย์ข้อมูลข่าวสาร"),
    # the activities done are news; a calendar or a schedule of the activities to come is info.events
    ("info.news", "กิจกรรมมหาวิทยาลัย", "ปฏิทินกิจกรรมนิสิต"),
    ("info.news", "ข่าวกิจกรรม", "ตารางกิจกรรม ประจำเดือนมีนาคม"),
    # ... written with ฎ for ฏ as often as not (ปฎิทิน for ปฏิทิน), on the same sites
    ("info.news", "กิจกรรมนิสิต", "ปฎิทินกิจกรรม มหาวิทยาลัย"),
    ("info.events", "ปฎิทินกิจกรรม", "ภาพกิจกรรม"),
    ("info.news", "ติดตามข่าวสาร", "ข้อมูลข่าวสารตามมาตรา 9"),
    ("policy.open_data", "การเปิดเผยข้อมูลสาธารณะ (OIT)", "ผลการประเมิน ITA/OIT ประจำปี 2567"),
    ("policy.open_data", "OIT", "Exploit"),
    ("site.sitemap", "แผนผังเว็บไซต์", "แผนผังองค์กร"),
    ("procurement.notices", "จัดซื้อจัดจ้าง", "ผลการจัดซื้อจัดจ้าง"),
    ("info.organization", "เกี่ยวกับเรา", "สายตรงผู้บริหาร"),
    # the executives themselves are the organisation; what they do and when is news
    ("info.organization", "ผู้บริหาร", "กิจกรรมผู้บริหาร"),
    ("info.organization", "ทำเนียบผู้บริหาร", "วาระงานผู้บริหาร"),
    # ติดต่อ is contact, not contagious (health news), bordering (a district's geography) or consecutive
    ("info.contact", "ติดต่อ", "มาตรการเฝ้าระวังโรคติดต่อในฤดูร้อน"),
    ("info.contact", "ติดต่อสำนักโรคติดต่อทั่วไป", "อาณาเขตติดต่อ"),
    ("info.contact", "การติดต่อราชการ", "ได้รับรางวัลเป็นปีที่ 3 ติดต่อกัน"),
    # ... nor a health agency's non-communicable diseases, a disease that passes, its transmission
    ("info.contact", "ช่องทางการติดต่อ", "กองโรคไม่ติดต่อ"),
    ("info.contact", "ติดต่อสอบถาม", "โรคที่ติดต่อจากสัตว์สู่คน"),
    ("info.contact", "ติดต่อหน่วยงาน", "ป้องกันการติดต่อของโรคไข้เลือดออก"),
    ("info.legal", "หนังสือราชการ", "ระบบติดตามสถานะหนังสือราชการ"),
    # the pack's เอกสารดาวน์โหลด written with the English word; an annual report to download is no form
    ("forms.download", "เอกสาร Download", "Download รายงานประจำปี"),
    # an enquiry about a case's or request's status is status tracking, not a question put to the agency
    ("service.end_to_end", "ระบบสอบถามสถานะคดี", "สอบถามสถานะหนังสือราชการ"),
    ("interact.two_way", "ติดต่อสอบถาม", "เข้าสู่ระบบสอบถามสถานะคำขอ"),
    # a questionnaire (แบบสอบถาม) holds the verb "to enquire" but asks the visitor, it takes no
    # question to the agency: the graduates' employment survey that every university lists
    ("interact.two_way", "สอบถามข้อมูลเพิ่มเติม", "แบบสอบถามภาวะการมีงานทำของบัณฑิต"),
    ("interact.two_way", "แบบฟอร์มสอบถาม", "กรอกแบบ สอบถามความพึงพอใจ"),
    # the users' assessment of the site or of its service is a questionnaire; a staff appraisal is not
    ("participate.poll", "แบบประเมินการใช้งานเว็บไซต์", "แบบประเมินผลการปฏิบัติราชการ"),
    ("participate.poll", "แบบประเมินการให้บริการ", "ผลการประเมินการให้บริการ"),
    # a one-stop centre named for what it serves; a "complete" system is not one
    ("connected.one_stop", "ศูนย์บริการส่งออกแบบเบ็ดเสร็จ", "ระบบบริหารจัดการแบบเบ็ดเสร็จ"),
    ("connected.one_stop", "ศูนย์บริการวีซ่าและใบอนุญาตทำงานแบบเบ็ดเสร็จ", "ศูนย์บริการข้อมูลการส่งออก"),
    # an Act written without its inner dots (พรบ. for พ.ร.บ.); a name that begins so is no Act
    ("info.legal", "พรบ. มหาวิทยาลัย พ.ศ. 2547", "ศิษย์เก่าดีเด่น คุณพรบุญ"),
    ("info.legal", "พรบ.การศึกษาแห่งชาติ", "นายพรบดินทร์ ผู้อำนวยการกอง"),
    # ... and the Official Information Act so written is not the news
    ("info.news", "ข่าวประชาสัมพันธ์", "พรบ.ข้อมูลข่าวสาร"),
    # a local government's own laws: a municipality's เทศบัญญัติ, a subdistrict's or province's
    # ข้อบัญญัติ (its annual budget is one); a word merely coined (ศัพท์บัญญัติ) is no law
    ("info.legal", "เทศบัญญัติ", "ศัพท์บัญญัติ"),
    ("info.legal", "ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2567", "คำศัพท์บัญญัติทางคอมพิวเตอร์"),
    # the infrastructure (roads, water mains: a local development plan's chapter) is no structure of the body
    ("info.organization", "โครงสร้าง", "โครงสร้างพื้นฐาน"),
    ("info.organization", "โครงสร้างองค์กร", "แผนพัฒนาด้านโครงสร้างพื้นฐาน"),
    # the manuals the integrity (ITA) pages list take no complaint and no request
    ("interact.two_way", "ร้องเรียน/ร้องทุกข์", "คู่มือการจัดการเรื่องร้องเรียน"),
    ("interact.two_way", "แจ้งเรื่องร้องเรียน", "คู่มือการปฏิบัติงานเรื่องร้องเรียน/ร้องทุกข์"),
    # ... and so is their heading, the handling of complaints, beside the channel it names
    ("interact.two_way", "แจ้งเรื่องร้องเรียนการทุจริต", "การจัดการเรื่องร้องเรียนการทุจริต"),
    ("interact.two_way", "ช่องทางแจ้งเรื่องร้องเรียนทุจริต", "การจัดการเรื่องร้องเรียนทุจริต"),
    ("service.online_application", "ยื่นคำร้องออนไลน์", "คู่มือการยื่นคำร้อง"),
    # the staff's sign-in and a training on linking data draw on no other agency's data
    ("connected.data_exchange", "ยืนยันตัวตนด้วย ThaID", "ระบบยืนยันตัวตนเจ้าหน้าที่"),
    ("connected.data_exchange", "ระบบเชื่อมโยงข้อมูลผู้สูงอายุ", "โครงการอบรมเชิงปฏิบัติการการเชื่อมโยงข้อมูล"),
    # a notice of paying the local taxes and of its dates is no place to pay
    ("payment.online", "ชำระภาษีออนไลน์", "ประชาสัมพันธ์การชำระภาษี"),
    ("payment.online", "ประชาสัมพันธ์การชำระภาษีผ่านพร้อมเพย์", "ประกาศกำหนดระยะเวลาชำระภาษี"),
    ("payment.online", "ชำระค่าธรรมเนียม", "กำหนดการชำระภาษี"),
    # a council meeting's order of business and a purchase order are no rules
    ("info.legal", "ระเบียบกระทรวงมหาดไทย", "ระเบียบวาระการประชุมสภา"),
    ("info.legal", "คำสั่งองค์การบริหารส่วนตำบล", "คำสั่งซื้อ"),
    # a press clipping and a spotlight section are no clip and no spot
    ("media.audio_video", "คลิปวิดีโอกิจกรรม", "คลิปปิ้งข่าว"),
    ("media.audio_video", "สปอตประชาสัมพันธ์", "สปอตไลท์"),
    # the government's policy is not the ทางรัฐ app
    ("connected.one_stop", "แอปพลิเคชันทางรัฐ", "นโยบายทางรัฐบาล"),
    # the history of the place is not the body's
    ("info.organization", "ประวัติความเป็นมา", "ประวัติศาสตร์ชุมชน"),
    # the general information of the body itself (a school's, a college's, an office's) is its
    # profile; that of the place it serves (ข้อมูลทั่วไปของตำบล: area, population) is not
    ("info.organization", "ข้อมูลทั่วไปของสถานศึกษา", "ข้อมูลทั่วไปของตำบล"),
    ("info.organization", "ข้อมูลพื้นฐานของหน่วยงาน", "ข้อมูลพื้นฐานของหมู่บ้าน"),
    # nor that of the bodies an office oversees or counts: an education area office's schools,
    # the private schools of a province, the public bodies of a province (statistics of many)
    ("info.organization", "ข้อมูลพื้นฐานของโรงเรียน", "ข้อมูลพื้นฐานโรงเรียนในสังกัด"),
    ("info.organization", "ข้อมูลพื้นฐานสถานศึกษา", "ข้อมูลพื้นฐานสถานศึกษาเอกชน"),
    ("info.organization", "ข้อมูลทั่วไปของหน่วยงาน", "ข้อมูลทั่วไปของหน่วยงานภาครัฐในจังหวัด"),
]


def test_a_questionnaire_to_print_is_no_online_poll():
    assert "participate.poll" not in detect(menu("แบบสอบถามความพึงพอใจ", "/files/survey-2567.pdf"))
    assert "participate.poll" in detect(menu("แบบสอบถามความพึงพอใจ", "/survey/form.php"))


@pytest.mark.parametrize("href, name, own", [
    ("https://www.facebook.com/tambon.example", "Facebook อบต.ตัวอย่าง", True),
    # the village health volunteers (อสม.) are the health ministry's network
    ("https://www.facebook.com/osm.tambon", "อสม.ตำบลตัวอย่าง", False),
    ("https://www.facebook.com/osm.tambon3", "อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ตำบลตัวอย่าง", False),
], ids=["own", "osm", "osm written out"])
def test_a_volunteers_network_page_is_not_the_agencys_account(href, name, own):
    assert ("channel.social" in detect(f'<div class="content"><a href="{href}">{name}</a></div>')) == own


@pytest.mark.parametrize("feature, named, near_miss", CASES)
def test_thai_menu_wording_and_its_near_miss(feature, named, near_miss):
    assert feature in detect(menu(named)), named
    assert feature not in detect(menu(near_miss)), near_miss


def test_a_line_to_the_executives_is_a_complaint_channel():
    assert "interact.complaint" in detect(menu("สายตรงผู้บริหาร"))


def test_words_fitted_to_one_site_are_gone():
    # a single site's URL word, a slogan and the post's parcel tracking were terms of their own
    assert "participate.satisfaction" not in detect(menu("satisfactionpoll"))
    assert "interact.report_issue" not in detect(menu("ท่านมีปัญหา เราช่วยได้"))
    assert "service.end_to_end" not in detect(menu("ติดตามพัสดุ"))
