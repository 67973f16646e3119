"""Thai vocabulary matching and the Thai date parser, on real strings agencies write."""

from datetime import date

import pytest

from assessors.thaidate import THAI_MONTHS, find_dates
from ground.text import load_vocabulary, normalise

V = load_vocabulary()


def names(feature, text):
    return V[feature].find(normalise(text))


def test_normalise_folds_variants_and_thai_digits():
    assert normalise("วีดีโอ แนะนำ") == normalise("วิดีโอ แนะนำ") == "วิดีโอ แนะนำ"
    assert normalise("อัพเดท ล่าสุด") == "อัปเดต ล่าสุด"
    assert normalise("e-Service") == normalise("eService") == normalise("E Service") == "eservice"
    assert normalise("ปี ๒๕๖๗") == "ปี 2567"


def test_thai_terms_match_without_word_spaces():
    assert names("forms.download", "ดาวน์โหลดแบบฟอร์มคำขออนุญาต")
    assert names("service.online_application", "ระบบยื่นคำขอออนไลน์ (e-Service)")
    assert names("media.audio_video", "วีดีโอแนะนำหน่วยงาน")           # spelling variant
    assert names("media.audio_video", "วีดิทัศน์ประชาสัมพันธ์")          # seed 002's word
    assert names("info.news", "ข่าวประชาสัมพันธ์")
    assert names("info.contact", "ติดต่อเรา / Contact Us")             # mixed Thai and English
    assert names("participate.poll", "OCSC e-Survey เชิญร่วมตอบแบบสำรวจฯ")


def test_latin_terms_need_word_boundaries():
    assert names("info.legal", "Electoral Legislation")
    assert not names("info.legal", "Contact us")                    # 'act' inside 'contact'
    assert not names("forms.download", "Information for residents")  # 'form' inside 'information'


def test_negative_terms_block_look_alikes():
    assert not names("service.online_application", "สมัครสมาชิกรับข่าวสาร")   # newsletter sign-up
    assert not names("participate.poll", "2302(c) Quiz for Government Corporations")
    assert not names("payment.online", "Pay scales and conditions")
    assert names("payment.online", "Pay your Council Tax")
    assert not names("forms.download", "แบบฟอร์มร้องเรียนออนไลน์")          # an online form, not a download


def test_thai_form_codes():
    assert names("forms.download", "แบบ ก.พ.7 (ทะเบียนประวัติ)")
    assert names("forms.download", "แบบ ภ.ง.ด.๙๐")


@pytest.mark.parametrize("text, expected", [
    ("ข่าวประชาสัมพันธ์ 23 มีนาคม 2561", date(2018, 3, 23)),           # th-acfs
    ("เรื่องเด่น 21 มี.ค. 61", date(2018, 3, 21)),                      # two-digit Buddhist Era year
    ("ปรับปรุงเมื่อ ๑ มีนาคม ๒๕๖๖", date(2023, 3, 1)),                   # Thai digits
    ("15 ม.ค. 2568 เปิดให้ยื่นคำขอ", date(2025, 1, 15)),
    ("วันที่ 3 ธันวาคม พ.ศ. 2567", date(2024, 12, 3)),
    ("Last updated: 30 October 2012", date(2012, 10, 30)),               # uk-govuk
    ("January 10, 2017 press release", date(2017, 1, 10)),               # us-osc
    ("updated 2024-05-06", date(2024, 5, 6)),
    ("ประกาศ 19/3/2561", date(2018, 3, 19)),
])
def test_thai_and_english_dates(text, expected):
    assert find_dates(text) == [expected]


def test_a_date_written_month_first_is_read_when_only_that_order_is_a_date():
    # United States pages write the month first: 3/16/2018 can only be 16 March
    assert find_dates("3/16/2018 I-10 East restricted near Riggs Road") == [date(2018, 3, 16)]
    assert find_dates("Posted 12/31/2017") == [date(2017, 12, 31)]
    # near misses: where the day-first reading is a date it stays (Thai pages write 4/3/2561 for
    # 4 March), and numbers that are a date in neither order stay no date
    assert find_dates("ประกาศ 4/3/2561") == [date(2018, 3, 4)]
    assert find_dates("16/03/2018") == [date(2018, 3, 16)]
    assert find_dates("13/13/2018") == []
    assert find_dates("2/30/2018") == []
    # nor a Thai page's number in three parts with a Buddhist-Era year: Thai writers put the day
    # first, so the month-first reading of a Buddhist-Era figure is never theirs
    assert find_dates("หนังสือที่ 12/15/2561 เรื่อง ขอความอนุเคราะห์ข้อมูล") == []
    assert find_dates("มติที่ประชุมครั้งที่ 3/14/2562") == []


def test_impossible_dates_are_ignored():
    assert find_dates("31 ก.พ. 2567") == []
    assert find_dates("โทร 1111 กด 2") == []


@pytest.mark.parametrize("month", list(THAI_MONTHS))
def test_every_thai_month_is_read(month):
    """A page text is searched for Thai dates only when it holds a piece every month name holds:
    no month, full or abbreviated, may be missed by that look."""
    assert find_dates(f"ประกาศ ณ วันที่ 12 {month} 2567") == [date(2024, THAI_MONTHS[month], 12)]
    assert find_dates(f"ปรับปรุงล่าสุด ๓ {month} ๖๗ โดยผู้ดูแล") == [date(2024, THAI_MONTHS[month], 3)]


@pytest.mark.parametrize("month", ["January", "Feb", "march", "APR", "May", "june", "Jul", "August", "Sept",
                                   "october", "Nov", "December"])
def test_every_english_month_is_read(month):
    assert len(find_dates(f"Published 12 {month} 2024.")) == 1
    assert len(find_dates(f"Posted on {month} 3, 2019 by the office")) == 1


@pytest.mark.parametrize("text, expected", [
    ("Senin, 20 Maret 2018 | Berita Daerah", date(2018, 3, 20)),           # Indonesian news list
    ("Diposting 7 Agustus 2017 oleh Admin", date(2017, 8, 7)),
    ("Kamis, 14 Desember 2017", date(2017, 12, 14)),
    ("3 Agt 2016", date(2016, 8, 3)),                                        # the short forms news lists print
    ("12 Des 2017 Pengumuman", date(2017, 12, 12)),
    ("Rabu, 5 Ogos 2019", date(2019, 8, 5)),                                 # Malay
    ("Dikemaskini pada 1 Julai 2020", date(2020, 7, 1)),
])
def test_indonesian_and_malay_dates(text, expected):
    assert find_dates(text) == [expected]


@pytest.mark.parametrize("text", [
    "Laporan Mei 2018",                     # a month and a year are no day
    "Agenda Des Moines 2018",               # a name that begins with an abbreviation
    "visit the Mac 2018 store",
    "Dis 12 tempat wisata",
])
def test_month_words_without_a_date_are_no_date(text):
    assert find_dates(text) == []
