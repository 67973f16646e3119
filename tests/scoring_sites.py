"""Synthetic fixture agencies whose catalogue features are known by construction.

Each feature is shown the way Thai agencies show it (a named link, a contact footer, a
dated news list); `agency(features)` returns the files of a site showing exactly those.
"""

from __future__ import annotations

from conftest import make_site

LINKS = {
    "info.organization": "<a href='/about.html'>เกี่ยวกับหน่วยงาน</a>",
    "info.legal": "<a href='/law.html'>กฎหมายและระเบียบที่เกี่ยวข้อง</a>",
    "info.news": "<a href='/news.html'>ข่าวประชาสัมพันธ์</a>",
    "info.gov_links": "<a href='https://www.moi.go.th/'>กระทรวงมหาดไทย</a>",
    "forms.download": "<a href='/forms/request.pdf'>ดาวน์โหลดแบบฟอร์มคำขอ</a>",
    "interact.two_way": "<a href='/webboard.html'>เว็บบอร์ดถาม-ตอบ</a>",
    "payment.online": "<a href='https://epayment.example-bank.co.th/agency'>ชำระค่าธรรมเนียมออนไลน์</a>",
    "connected.one_stop": "<a href='https://www.gecc.go.th/'>ศูนย์บริการร่วม One Stop Service</a>",
}
PAGES = {
    "info.organization": {"about.html": "<h1>เกี่ยวกับหน่วยงาน</h1><p>วิสัยทัศน์ พันธกิจ อำนาจหน้าที่ โครงสร้างองค์กร</p>"},
    "info.legal": {"law.html": "<h1>กฎหมายที่เกี่ยวข้อง</h1><p>พระราชบัญญัติ ระเบียบ ประกาศ</p>"},
    "info.news": {"news.html": "<h1>ข่าวประชาสัมพันธ์</h1><ul>"
                  + "".join(f"<li><a href='/news/{i}.html'>ข่าวกิจกรรมที่ {i}</a> {i} มกราคม 2569</li>" for i in range(1, 6))
                  + "</ul>"},
    "forms.download": {"forms/request.pdf": b"%PDF-1.4 synthetic"},
    "interact.two_way": {"webboard.html": "<h1>เว็บบอร์ด</h1><p>กระดานถาม-ตอบสำหรับประชาชน</p>"},
}
# the office's address and phone (info.contact); no e-mail, which is an enquiry channel (two-way)
# and would give every fixture a feature it does not plant
CONTACT = "<footer>ที่อยู่ 99 ถนนตัวอย่าง เขตพระนคร กรุงเทพฯ 10200 โทรศัพท์ 0 2123 4567</footer>"
FILLER = "<p>" + "หน่วยงานตัวอย่างสำหรับการทดสอบ ข้อมูลสังเคราะห์ " * 15 + "</p>"


def agency(name: str, features: set[str]) -> dict:
    body = " ".join(LINKS[f] for f in sorted(features) if f in LINKS)
    files = {"index.html": f"<!-- synthetic fixture site --><html lang='th'><head><meta charset='utf-8'>"
                           f"<title>{name}</title></head><body><h1>{name}</h1>{FILLER}<nav>{body}</nav>"
                           f"{CONTACT if 'info.contact' in features else ''}</body></html>"}
    for feature in features:
        files.update(PAGES.get(feature, {}))
    return files


# Two nights of five fixture agencies (tests/conftest.py: two_nights); s5 is down both nights.
STAGE1 = {"info.organization", "info.legal", "info.news", "info.gov_links", "info.contact"}
RUN1 = {
    "s1": STAGE1 | {"forms.download", "interact.two_way"},           # [100, 50, 0, 0] -> 19
    "s2": {"info.organization", "info.contact"},                     # [40, 0, 0, 0]   -> 2.8
    "s3": set(STAGE1),                                               # [100, 0, 0, 0]  -> 7
    "s4": STAGE1 | {"forms.download", "interact.two_way"},           # 19
}
RUN2 = dict(RUN1, s2=RUN1["s2"] | {"payment.online"},               # + 7.5 -> 10.3
            s4=RUN1["s4"] | {"connected.one_stop"})                  # + 19.5 -> 38.5
# the third night (tests/conftest.py: three_nights): s4 takes its one-stop link down again
RUN3 = dict(RUN2, s4=RUN2["s4"] - {"connected.one_stop"})
METADATA = ("site_id,ministry,tier,region\ns1,Ministry A,department,north\ns2,Ministry A,province,north\n"
            "s3,Ministry B,department,south\ns4,Ministry B,province,south\ns5,Ministry B,province,south\n")


def write_sites(web, features):
    for name, present in features.items():
        make_site(web, name, agency(name, present))
    make_site(web, "s5", {"index.html": "down"}, rules={"*": {"status": 503, "body": "maintenance"}})
    (web / "sites.csv").write_text(METADATA, "utf-8")
