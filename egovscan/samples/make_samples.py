"""Write the bundled sample sites (SYNTHETIC: invented agencies, written for egovscan's demo and tests).

    python -m egovscan.samples.make_samples

No page here is copied from a real site. The sites differ on purpose so the demo shows
agencies at different stages, in UTF-8, TIS-620 and undeclared windows-874, with a
splash page and a broken site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).parent / "sites"
NOTE = "<!-- SYNTHETIC sample page written for egovscan; not a real agency -->"


def page(title: str, body: str, lang: str = "th", charset: str | None = "utf-8", extra_head: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f'<!DOCTYPE html>\n{NOTE}\n<html lang="{lang}"><head>{meta}<title>{title}</title>{extra_head}</head>\n'
            f"<body>\n{body}\n</body></html>\n")


def write(site: str, path: str, text: str, encoding: str = "utf-8") -> None:
    target = HERE / site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(encoding))


def ministry() -> None:
    s = "th-ministry-digital"
    nav = ('<nav><a href="/">หน้าหลัก</a> <a href="/about.html">เกี่ยวกับหน่วยงาน</a> '
           '<a href="/law.html">กฎหมายและระเบียบ</a> <a href="/news.html">ข่าวประชาสัมพันธ์</a> '
           '<a href="/forms.html">ดาวน์โหลดแบบฟอร์ม</a> <a href="/eservice.html">บริการออนไลน์ (e-Service)</a> '
           '<a href="/contact.html">ติดต่อเรา</a> <a href="/en/index.html" hreflang="en">English</a></nav>')
    footer = ('<footer>กรมบริการดิจิทัลสาธิต 99 ถนนตัวอย่าง แขวงทดสอบ กรุงเทพฯ 10400 '
              'โทรศัพท์ 0 2000 0000 อีเมล contact@example.invalid '
              '<a href="https://www.facebook.com/example.demo.agency">Facebook</a> '
              '<a href="/privacy.html">นโยบายการคุ้มครองข้อมูลส่วนบุคคล</a></footer>')
    write(s, "index.html", page("กรมบริการดิจิทัลสาธิต", f"""{nav}
<h1>กรมบริการดิจิทัลสาธิต</h1>
<p>ยินดีต้อนรับสู่เว็บไซต์ของกรมบริการดิจิทัลสาธิต หน่วยงานตัวอย่างที่ให้บริการประชาชนผ่านช่องทางออนไลน์ครบวงจร</p>
<h2>ข่าวล่าสุด</h2>
<ul><li><a href="/news/1.html">เปิดให้ยื่นคำขอใบอนุญาตออนไลน์</a> 15 ม.ค. 2568</li>
<li><a href="/news/2.html">ประชาสัมพันธ์วีดิทัศน์แนะนำบริการ</a> 3 ธันวาคม ๒๕๖๗</li></ul>
<h2>วีดิทัศน์</h2>
<iframe src="https://www.youtube.com/embed/demo0000000" title="วีดิทัศน์แนะนำบริการ"></iframe>
<h2>แบบสำรวจความคิดเห็น</h2>
<form action="/poll" method="post"><p>ท่านพึงพอใจบริการออนไลน์หรือไม่</p>
<label><input type="radio" name="vote" value="1"> พอใจมาก</label>
<label><input type="radio" name="vote" value="2"> พอใจ</label><button>โหวต</button></form>
<h2>หน่วยงานที่เกี่ยวข้อง</h2>
<a href="https://www.dga.or.th/">สำนักงานพัฒนารัฐบาลดิจิทัล</a> <a href="https://www.mdes.go.th/">กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม</a>
<a href="https://www.ทางรัฐ.com/">ทางรัฐ บริการภาครัฐครบในแอปเดียว</a>
{footer}"""))
    write(s, "about.html", page("เกี่ยวกับหน่วยงาน", f"""{nav}<h1>เกี่ยวกับหน่วยงาน</h1>
<h2>วิสัยทัศน์</h2><p>บริการประชาชนด้วยระบบดิจิทัลที่เข้าถึงง่าย</p><h2>พันธกิจ</h2><p>ให้บริการอิเล็กทรอนิกส์ครบวงจร</p>
<h2>โครงสร้างองค์กร</h2><p>ผู้บริหาร: อธิบดี รองอธิบดี</p>{footer}"""))
    write(s, "law.html", page("กฎหมายที่เกี่ยวข้อง", f"""{nav}<h1>กฎหมายและระเบียบ</h1>
<ul><li><a href="/docs/act-2562.pdf">พระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562</a></li>
<li><a href="/docs/rule-2565.pdf">ระเบียบกรมว่าด้วยการให้บริการออนไลน์ พ.ศ. 2565</a></li></ul>{footer}"""))
    write(s, "news.html", page("ข่าวประชาสัมพันธ์", f"""{nav}<h1>ข่าวประชาสัมพันธ์</h1>
<ul><li><a href="/news/1.html">เปิดให้ยื่นคำขอใบอนุญาตออนไลน์</a> 15 ม.ค. 2568</li>
<li><a href="/news/2.html">ประชาสัมพันธ์วีดิทัศน์แนะนำบริการ</a> 3 ธันวาคม ๒๕๖๗</li>
<li>ประกาศจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2568 (1 ต.ค. 2567)</li></ul><a href="/news-archive.html">ข่าวย้อนหลัง</a>{footer}"""))
    write(s, "news-archive.html", page("ข่าวย้อนหลัง", f"{nav}<h1>ข่าวย้อนหลัง</h1><p>ข่าวปี 2566 และ 2567</p>{footer}"))
    write(s, "news/1.html", page("เปิดให้ยื่นคำขอใบอนุญาตออนไลน์", f"""{nav}<h1>เปิดให้ยื่นคำขอใบอนุญาตออนไลน์</h1>
<p>ปรับปรุงล่าสุด 15 มกราคม 2568 ประชาชนสามารถยื่นคำขอและชำระค่าธรรมเนียมผ่านเว็บไซต์ได้แล้ว
โดยไม่ต้องใช้สำเนาบัตรประชาชน เนื่องจากกรมเชื่อมโยงข้อมูลกับกรมการปกครอง</p>{footer}"""))
    write(s, "news/2.html", page("วีดิทัศน์แนะนำบริการ", f"""{nav}<h1>วีดิทัศน์แนะนำบริการ</h1>
<video controls src="/media/intro.mp4"></video>{footer}"""))
    write(s, "forms.html", page("ดาวน์โหลดแบบฟอร์ม", f"""{nav}<h1>ดาวน์โหลดแบบฟอร์ม</h1>
<h2>แบบคำขอใบอนุญาต</h2><ul><li><a href="/docs/form-license.pdf">แบบคำขอใบอนุญาต (PDF)</a></li>
<li><a href="/docs/form-change.docx">แบบคำร้องขอเปลี่ยนแปลงข้อมูล</a></li></ul>
<a href="/docs/manual.pdf">คู่มือสำหรับประชาชน</a>{footer}"""))
    write(s, "eservice.html", page("บริการออนไลน์", f"""{nav}<h1>บริการออนไลน์ (e-Service)</h1>
<ul><li><a href="/apply.html">ยื่นคำขอใบอนุญาตออนไลน์</a></li><li><a href="/status.html">ตรวจสอบสถานะคำขอ</a></li>
<li><a href="/pay.html">ชำระค่าธรรมเนียมออนไลน์ (e-Payment)</a></li>
<li><a href="https://imauth.bora.dopa.go.th/">เข้าสู่ระบบด้วย ThaID</a></li></ul>{footer}"""))
    write(s, "apply.html", page("ยื่นคำขอออนไลน์", f"""{nav}<h1>ยื่นคำขอใบอนุญาตออนไลน์</h1>
<form action="/apply" method="post" enctype="multipart/form-data">
<label>ชื่อ-นามสกุล <input name="fullname"></label><label>เลขประจำตัวประชาชน <input name="citizen_id"></label>
<label>ที่อยู่ <textarea name="address"></textarea></label><label>เอกสารแนบ <input type="file" name="attachment"></label>
<button type="submit">ยื่นคำขอ</button></form>{footer}"""))
    write(s, "status.html", page("ตรวจสอบสถานะคำขอ", f"""{nav}<h1>ตรวจสอบสถานะคำขอ</h1>
<form action="/status" method="get"><label>เลขที่คำขอ <input name="request_no"></label><button>ตรวจสอบ</button></form>{footer}"""))
    write(s, "pay.html", page("ชำระค่าธรรมเนียม", f"""{nav}<h1>ชำระค่าธรรมเนียมออนไลน์</h1>
<p>ชำระผ่าน QR Code พร้อมเพย์ หรือบัตรเครดิต</p><a href="https://epayment.example.invalid/pay">ชำระเงินออนไลน์</a>{footer}"""))
    write(s, "contact.html", page("ติดต่อเรา", f"""{nav}<h1>ติดต่อเรา</h1>
<p>ที่อยู่ 99 ถนนตัวอย่าง กรุงเทพฯ โทรศัพท์ 0 2000 0000 สายด่วน 1111</p>
<form action="/contact" method="post"><label>ชื่อ <input name="name"></label><label>อีเมล <input name="email" type="email"></label>
<label>เรื่องที่ต้องการสอบถาม / ร้องเรียน <textarea name="message"></textarea></label><button>ส่งข้อความ</button></form>{footer}"""))
    write(s, "privacy.html", page("นโยบายการคุ้มครองข้อมูลส่วนบุคคล", f"{nav}<h1>นโยบายการคุ้มครองข้อมูลส่วนบุคคล</h1><p>PDPA</p>{footer}"))
    en_nav = '<nav><a href="/en/index.html">Home</a> <a href="/en/about.html">About us</a> <a href="/index.html" hreflang="th">ภาษาไทย</a></nav>'
    write(s, "en/index.html", page("Department of Demonstration Digital Services", f"""{en_nav}
<h1>Department of Demonstration Digital Services</h1>
<p>Welcome to the English website of the department. We provide online services to citizens and businesses,
including licence applications, fee payment and application status tracking.</p>""", lang="en"))
    write(s, "en/about.html", page("About us", f"""{en_nav}<h1>About us</h1>
<p>The department is a synthetic agency used to demonstrate how public services are assessed.
Our mission is to make every service available online.</p>""", lang="en"))
    write(s, "robots.txt", "User-agent: *\nDisallow: /private/\n")


def province() -> None:
    s = "th-province-sample"
    nav = ('<a href="/">หน้าแรก</a> <a href="/about.html">ประวัติจังหวัด</a> <a href="/news.html">ข่าวสาร</a> '
           '<a href="/download.html">เอกสารดาวน์โหลด</a> <a href="/contact.html">ติดต่อหน่วยงาน</a>')
    foot = '<p>ศาลากลางจังหวัดตัวอย่าง โทร. 0 5300 0000 โทรสาร 0 5300 0001</p>'
    enc = "tis-620"
    write(s, "index.html", page("จังหวัดตัวอย่าง", f"""{nav}<h1>สำนักงานจังหวัดตัวอย่าง</h1>
<p>ข่าวประชาสัมพันธ์ของจังหวัด งานประเพณีประจำปี และบริการประชาชนในพื้นที่</p>
<a href="https://www.facebook.com/province.sample.demo">เฟซบุ๊กจังหวัด</a>
<a href="https://www.moi.go.th/">กระทรวงมหาดไทย</a> <a href="https://www.dopa.go.th/">กรมการปกครอง</a>{foot}""",
                                charset="tis-620"), enc)
    write(s, "about.html", page("ประวัติจังหวัด", f"{nav}<h1>ประวัติจังหวัด</h1><p>วิสัยทัศน์ เมืองน่าอยู่ พันธกิจ พัฒนาคุณภาพชีวิต</p>{foot}", charset="tis-620"), enc)
    write(s, "news.html", page("ข่าวสาร", f"{nav}<h1>ข่าวสาร</h1><ul><li>ประชุมกรมการจังหวัด 12 ก.พ. 2567</li></ul>{foot}", charset="tis-620"), enc)
    write(s, "download.html", page("เอกสารดาวน์โหลด", f"""{nav}<h1>เอกสารดาวน์โหลด</h1>
<h2>แบบฟอร์ม</h2><a href="/files/petition.doc">แบบคำร้องทั่วไป</a> <a href="/files/stat-2566.xlsx">ข้อมูลสถิติจังหวัด 2566</a>{foot}""",
                                   charset="tis-620"), enc)
    write(s, "contact.html", page("ติดต่อหน่วยงาน", f"{nav}<h1>ติดต่อหน่วยงาน</h1><p>ที่อยู่ ถนนตัวอย่าง อำเภอเมือง</p>{foot}", charset="tis-620"), enc)
    write(s, "files/petition.doc", "synthetic placeholder document\n")
    write(s, "files/stat-2566.xlsx", "synthetic placeholder spreadsheet\n")


def district_office() -> None:
    """windows-874 with no charset declared anywhere (header or meta), as old Thai sites do."""
    s = "th-district-legacy"
    enc = "cp874"
    nav = '<a href="/">หน้าหลัก</a> <a href="/about.html">เกี่ยวกับเรา</a> <a href="/contact.html">ติดต่อเรา</a>'
    write(s, "index.html", page("ที่ว่าการอำเภอตัวอย่าง", f"""{nav}<h1>ที่ว่าการอำเภอตัวอย่าง</h1>
<p>ยินดีต้อนรับ ข่าวสารของอำเภอ “ข้อมูลล่าสุด” ปรับปรุงเมื่อ ๑ มีนาคม ๒๕๖๖</p>""", charset=None), enc)
    write(s, "about.html", page("เกี่ยวกับเรา", f"{nav}<h1>เกี่ยวกับเรา</h1><p>อำนาจหน้าที่ของอำเภอ</p>", charset=None), enc)
    write(s, "contact.html", page("ติดต่อเรา", f"{nav}<h1>ติดต่อเรา</h1><p>โทรศัพท์ 0 4400 0000</p>", charset=None), enc)


def english_agency() -> None:
    s = "en-licensing-board"
    nav = ('<a href="/">Home</a> <a href="/about/">About</a> <a href="/forms/">Forms</a> '
           '<a href="/apply/">Apply online</a> <a href="/pay/">Pay a fee</a> <a href="/contact/">Contact us</a>')
    write(s, "index.html", page("Sample Licensing Board", f"""{nav}<h1>Sample Licensing Board</h1>
<p>News: new online renewals from 2 March 2025.</p><iframe src="https://player.vimeo.com/video/000000"></iframe>
<a href="https://www.usa.gov/">USA.gov</a>""", lang="en"))
    write(s, "about/index.html", page("About", f"{nav}<h1>About the board</h1><p>Mission and leadership.</p>", lang="en"))
    write(s, "forms/index.html", page("Forms", f"""{nav}<h1>Forms</h1><a href="/forms/renewal-form.pdf">Licence renewal form (PDF)</a>""", lang="en"))
    write(s, "forms/renewal-form.pdf", "%PDF-1.4 synthetic placeholder\n")
    write(s, "apply/index.html", page("Apply online", f"""{nav}<h1>Apply online</h1>
<form method="post" action="/apply/submit"><input name="name"><input name="licence_type"><input name="email"><input type="file" name="cv"><button>Submit application</button></form>""", lang="en"))
    write(s, "pay/index.html", page("Pay a fee", f"{nav}<h1>Pay a fee</h1><a href=\"https://www.pay.gov/public/form/start/000\">Pay online with Pay.gov</a>", lang="en"))
    write(s, "contact/index.html", page("Contact us", f"{nav}<h1>Contact us</h1><p>100 Main Street. Phone 555-0100. Email board@example.invalid</p>", lang="en"))


def splash() -> None:
    s = "th-court-splash"
    write(s, "index.html", page("ศาลตัวอย่าง", '<div class="intro"><a href="/site/index.html">เข้าสู่เว็บไซต์</a></div>'))
    write(s, "site/index.html", page("ศาลตัวอย่าง", """<h1>ศาลตัวอย่าง</h1><a href="/site/about.html">เกี่ยวกับศาล</a>
<a href="/site/law.html">กฎหมาย ระเบียบ</a><p>ติดต่อ โทร 1355</p>"""))
    write(s, "site/about.html", page("เกี่ยวกับศาล", "<h1>เกี่ยวกับศาล</h1><p>ประวัติ</p>"))
    write(s, "site/law.html", page("กฎหมาย", "<h1>กฎหมาย ระเบียบ</h1>"))


def broken() -> None:
    s = "th-office-down"
    write(s, "index.html", page("ปิดปรับปรุง", "<p>ปิดปรับปรุงระบบ</p>"))
    (HERE / s / "_rules.json").write_text(json.dumps(
        {"/": {"status": 503, "body": "Service Unavailable", "headers": {"Retry-After": "1"}}}), "utf-8")


SITES_CSV = """site_id,name,ministry,province,tier,agency_type,path
th-ministry-digital,กรมบริการดิจิทัลสาธิต (synthetic),Ministry of Demonstration,Bangkok,department,department,
th-province-sample,สำนักงานจังหวัดตัวอย่าง (synthetic),Ministry of Interior,Sample Province,province,provincial office,
th-district-legacy,ที่ว่าการอำเภอตัวอย่าง (synthetic),Ministry of Interior,Sample Province,district,district office,
en-licensing-board,Sample Licensing Board (synthetic),,,department,board,
th-court-splash,ศาลตัวอย่าง (synthetic),Independent agency,Bangkok,department,court,
th-office-down,สำนักงานปิดปรับปรุง (synthetic),Ministry of Demonstration,Bangkok,department,office,
"""


def main() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    HERE.mkdir(parents=True)
    for build in (ministry, province, district_office, english_agency, splash, broken):
        build()
    (HERE / "sites.csv").write_text(SITES_CSV, "utf-8")
    (HERE / "README.md").write_text(
        "# Sample sites (SYNTHETIC)\n\nInvented agencies written for egovscan's demo and tests by "
        "`python -m egovscan.samples.make_samples`. No page is copied from a real site.\n", "utf-8")


if __name__ == "__main__":
    main()
