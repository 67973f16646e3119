"""The sites file: good rows run, bad rows are named with their line and problem."""

import pytest

from egovscan.sites import SitesFileError, read_sites


def write(tmp_path, text, name="sites.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_metadata_columns_are_kept_and_bare_hosts_get_http(tmp_path):
    path = write(tmp_path, "site_id,url,name,ministry,province,tier,budget_code\n"
                           "moph,www.moph.go.th,กระทรวงสาธารณสุข,สธ.,,ministry,A1\n"
                           "cmu,https://www.chiangmai.go.th/,จังหวัดเชียงใหม่,มท.,เชียงใหม่,province,\n")
    sites = read_sites(path)
    assert sites.errors == []
    assert [s.site_id for s in sites.sites] == ["moph", "cmu"]
    assert sites.sites[0].url == "http://www.moph.go.th"
    assert sites.sites[0].name == "กระทรวงสาธารณสุข"
    assert sites.sites[1].metadata == {"ministry": "มท.", "province": "เชียงใหม่", "tier": "province", "budget_code": ""}


def test_bad_rows_are_named_and_good_rows_survive(tmp_path):
    path = write(tmp_path, "site_id,url,name\n"
                           "ok1,http://a.go.th/,A\n"
                           ",http://b.go.th/,no id\n"
                           "noturl,,B\n"
                           "ftp1,ftp://files.go.th/,FTP\n"
                           "file1,file:///etc/passwd,local\n"
                           "ok1,http://dup.go.th/,dup\n"
                           "extra,http://c.go.th/,C,surplus\n"
                           "ok2,https://d.go.th/,D\n"
                           "\"tab\tid\",http://e.go.th/,E\n")
    sites = read_sites(path)
    assert [s.site_id for s in sites.sites] == ["ok1", "ok2"]
    problems = {e.line: e.problem for e in sites.errors}
    assert problems[3] == "no site_id"
    assert problems[4] == "no url"
    assert "'ftp'" in problems[5] and "only http and https" in problems[5]
    assert "'file'" in problems[6]
    assert "duplicate site_id (first used on line 2)" in problems[7]
    assert "4 fields but the header has 3" in problems[8]
    assert "control characters" in problems[10]     # ids name keys and files: no tabs or line breaks
    assert sites.errors[2].format("sites.csv") .startswith("sites.csv:5 (site_id 'ftp1'): ")


def test_missing_required_column_is_a_file_error(tmp_path):
    path = write(tmp_path, "id,address\nx,http://a.go.th\n")
    with pytest.raises(SitesFileError, match=r"sites.csv:1: the header has no site_id or url column"):
        read_sites(path)


def test_utf8_bom_from_excel_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfsite_id,url,name\nx,http://a.go.th/,\xe0\xb8\x81\n")
    sites = read_sites(path)
    assert sites.sites[0].site_id == "x" and sites.sites[0].name == "ก"


def test_non_utf8_file_names_the_line(tmp_path):
    path = write(tmp_path, "site_id,url,name\nx,http://a.go.th/,กรม\n".encode("cp874"))
    with pytest.raises(SitesFileError, match=r"sites.csv:2: the file is not UTF-8 text .*CSV UTF-8"):
        read_sites(path)


def test_a_huge_field_is_rejected_and_the_next_row_still_reads(tmp_path):
    path = write(tmp_path, "site_id,url,name\nbig,http://a.go.th/,\"" + "x" * 50_000 + "\"\nsmall,http://b.go.th/,B\n")
    sites = read_sites(path)
    assert [s.site_id for s in sites.sites] == ["small"]
    assert "unreadable CSV line" in sites.errors[0].problem


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(SitesFileError, match="empty"):
        read_sites(write(tmp_path, ""))
    with pytest.raises(SitesFileError, match="cannot read"):
        read_sites(tmp_path / "nope.csv")
