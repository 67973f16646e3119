"""The sites file: good rows run, bad rows are named with their line and problem."""

import pytest

from ground.sites import SitesFileError, read_sites


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
    # Latin-1 French: neither UTF-8 nor Thai (a tone mark after a Latin letter is no Thai)
    path = write(tmp_path, "site_id,url,name\nx,http://a.gouv.fr/,Ministère\n".encode("latin-1"))
    with pytest.raises(SitesFileError, match=r"sites.csv:2: the file is not UTF-8 text .*CSV UTF-8"):
        read_sites(path)


def test_thai_excel_csv_in_cp874_is_decoded_and_said(tmp_path):
    # Thai Excel saves "CSV" in the Windows Thai code page (cp874, a superset of TIS-620)
    text = "site_id,url,name,province\ndopa,www.dopa.go.th,กรมการปกครอง,กรุงเทพมหานคร\n"
    sites = read_sites(write(tmp_path, text.encode("cp874")))
    assert sites.errors == []
    assert sites.sites[0].name == "กรมการปกครอง" and sites.sites[0].metadata == {"province": "กรุงเทพมหานคร"}
    assert any("cp874/TIS-620" in note for note in sites.notes)
    plain = read_sites(write(tmp_path, text, name="utf8.csv"))
    assert plain.notes == [] and plain.sites[0].name == "กรมการปกครอง"


def test_excel_semicolon_separated_file_is_read_and_said(tmp_path):
    path = write(tmp_path, "\ufeffsite_id;url;name;tier\nmoph;https://www.moph.go.th/;กระทรวงสาธารณสุข;ministry\n"
                           "dga;https://www.dga.or.th/;\"สพร.; องค์การมหาชน\";agency\n")
    sites = read_sites(path)
    assert sites.errors == []
    assert [(s.site_id, s.url, s.name) for s in sites.sites] == [
        ("moph", "https://www.moph.go.th/", "กระทรวงสาธารณสุข"), ("dga", "https://www.dga.or.th/", "สพร.; องค์การมหาชน")]
    assert sites.sites[0].metadata == {"tier": "ministry"}
    assert any("separated by ';'" in note for note in sites.notes)
    # near miss: a comma file whose names hold semicolons stays a comma file
    commas = read_sites(write(tmp_path, "site_id,url,name\na,http://a.go.th/,x; y\n", name="c.csv"))
    assert commas.notes == [] and commas.sites[0].name == "x; y"


BAD_URLS = [
    ("http://127.0.0.1:99999/", "port is a number from 1 to 65535"),
    ("http://127.0.0.1:65536/", "port is a number from 1 to 65535"),
    ("http://127.0.0.1:-1/", "port is a number from 1 to 65535"),
    ("http://127.0.0.1:8080:90/", "port is a number from 1 to 65535"),
    ("http://127.0.0.1:0/", "port 0"),
    ("http://[::1/", "not a valid URL"),
    ("http://[zz]/", "not a valid URL"),
    ("http//www.moph.go.th/index.php", "mistyped scheme: write http://"),
    ("https:/www.moph.go.th/", "mistyped scheme: write https://"),
    ("http://www..moph.go.th/", "invalid host name"),
]


@pytest.mark.parametrize("url, problem", BAD_URLS)
def test_a_bad_url_is_a_row_error_and_the_next_row_still_reads(tmp_path, url, problem):
    sites = read_sites(write(tmp_path, f"site_id,url,name\nbad,{url},B\nok,http://127.0.0.1:8080/,A\n"))
    assert [s.site_id for s in sites.sites] == ["ok"]
    assert len(sites.errors) == 1 and sites.errors[0].line == 2 and problem in sites.errors[0].problem
    assert sites.errors[0].format("sites.csv").startswith("sites.csv:2 (site_id 'bad'): url ")


def test_good_urls_near_the_bad_ones_are_kept(tmp_path):
    sites = read_sites(write(tmp_path, "site_id,url,name\n"
                                       "a,http://127.0.0.1:65535/,max port\n"
                                       "b,http://[::1]:8080/x,IPv6 loopback\n"
                                       "c,http.go.th/portal,a host that begins with http\n"
                                       "d,https://กรมการปกครอง.go.th/,Thai host\n"))
    assert sites.errors == []
    assert [s.url for s in sites.sites] == ["http://127.0.0.1:65535/", "http://[::1]:8080/x", "http://http.go.th/portal",
                                            "https://" + "กรมการปกครอง.go.th".encode("idna").decode() + "/"]


def test_the_same_site_listed_twice_runs_once(tmp_path):
    sites = read_sites(write(tmp_path, "site_id,url,name\n"
                                       "moph,https://www.moph.go.th/,กระทรวงสาธารณสุข\n"
                                       "moph2,HTTPS://WWW.MOPH.GO.TH,again\n"
                                       "moph3,http://www.moph.go.th:80/,again over http\n"
                                       "moph4,https://www.moph.go.th:443,default port\n"
                                       "office1,http://www.province.go.th/office1/,an office\n"
                                       "office2,http://www.province.go.th/office2,another office on the same host\n"
                                       "office1b,http://www.province.go.th/office1,office1 again\n"
                                       "alt,http://www.moph.go.th:8080/,another port\n"))
    assert [s.site_id for s in sites.sites] == ["moph", "office1", "office2", "alt"]
    problems = {e.line: e.problem for e in sites.errors}
    assert set(problems) == {3, 4, 5, 8}
    assert problems[3].startswith("the same site as line 2 (site_id 'moph')")
    assert "the same site as line 6 (site_id 'office1')" in problems[8]


def test_domains_column_names_the_agencys_other_domains(tmp_path):
    sites = read_sites(write(tmp_path, "site_id,url,name,domains,ministry\n"
                                       "ocsc,http://127.0.77.3:8000/,ก.พ.,ocsc.go.th  OCSC.or.th,นร.\n"
                                       "none,http://a.go.th/,A,,\n"
                                       "url,http://b.go.th/,B,https://e-service.b.go.th/login,\n"
                                       "suffix,http://c.go.th/,C,go.th,\n"
                                       "ip,http://d.go.th/,D,127.0.0.1,\n"
                                       "word,http://e.go.th/,E,กรม,\n"
                                       "intranet,http://f.go.th/,F,f.internal,\n"))
    assert [(s.site_id, s.domains) for s in sites.sites] == [
        ("ocsc", ("ocsc.go.th", "ocsc.or.th")), ("none", ()), ("url", ("e-service.b.go.th",)),
        ("intranet", ("f.internal",))]                  # a suffix the list does not know: the name as written
    assert sites.sites[0].metadata == {"ministry": "นร."}         # domains is a column of its own
    problems = {e.line: e.problem for e in sites.errors}
    assert "'go.th' is a public suffix" in problems[5]         # would put every agency in scope
    assert "'127.0.0.1' is an address" in problems[6]
    assert "not a domain name" in problems[7]


def test_an_old_database_gains_the_domains_column(tmp_path):
    import sqlite3

    from ground.store import Store

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("create table sites (run_id integer, site_id text, url text, name text, metadata text, line integer,"
                 " status text, final_url text, pages_fetched integer, pages_failed integer, documents integer,"
                 " outbound_links integer, detail text, finished_at text, primary key (run_id, site_id))")
    conn.execute("insert into sites (run_id, site_id, url, name, metadata, line) values (7, 'old', 'http://a.go.th/', 'A', '{}', 2)")
    conn.commit()
    conn.close()
    store = Store(db)
    assert [(s.site_id, s.domains) for s in store.run_sites(7)] == [("old", ())]
    run_id = store.create_run(read_sites(write(tmp_path, "site_id,url,domains\nnew,http://127.0.0.1:1/,new.go.th old.go.th\n")),
                              str(tmp_path), {}, "test")
    assert [(s.site_id, s.domains) for s in store.run_sites(run_id)] == [("new", ("new.go.th", "old.go.th"))]
    assert store.site_own_hosts(run_id, "new") == ("127.0.0.1", "new.go.th", "old.go.th")


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


def test_crawl_and_check_sites_skip_the_same_bad_rows_and_the_others_run(tmp_path, serve):
    import csv

    import sqlite_utils

    from conftest import FAST, egovscan, make_site

    make_site(tmp_path / "web", "a-good", {"index.html": "<h1>กรมตัวอย่าง</h1><a href='/about.html'>เกี่ยวกับเรา</a>",
                                           "about.html": "<p>ประวัติ</p>"})
    make_site(tmp_path / "web", "b-good", {"index.html": "<h1>สำนักงานตัวอย่าง</h1>"})
    server = serve(tmp_path / "web")
    with open(server.sites_csv, newline="") as f:
        (_, a_url, _), (_, b_url, _) = [row[:3] for row in list(csv.reader(f))[1:]]
    sites = tmp_path / "sites.csv"
    sites.write_text("site_id,url,name\n"
                     f"a,{a_url},A\n"
                     "big-port,http://127.0.0.1:99999/,B\n"
                     "ipv6,http://[::1/,C\n"
                     "two-ports,http://127.0.0.1:8080:90/,D\n"
                     "port0,http://127.0.0.1:0/,E\n"
                     "typo,http//www.moph.go.th/,F\n"
                     f"again,{a_url.replace('http://', 'HTTP://').rstrip('/')},G\n"
                     f"b,{b_url},H\n", "utf-8")
    check = egovscan("check-sites", sites, check=False)
    assert check.returncode == 2 and "Traceback" not in check.stderr
    checked = " ".join(check.stderr.split())
    proc = egovscan("crawl", sites, "--db", tmp_path / "a.db", *FAST, check=False)
    assert proc.returncode == 0, proc.stderr
    log = " ".join(proc.stderr.split())         # the console wraps long lines
    assert "Traceback" not in log
    for line, site_id in [(3, "big-port"), (4, "ipv6"), (5, "two-ports"), (6, "port0"), (7, "typo"), (8, "again")]:
        assert f"sites.csv:{line} (site_id '{site_id}'):" in log and f"sites.csv:{line} (site_id '{site_id}'):" in checked
    assert "the same site as line 2 (site_id 'a')" in log
    d = sqlite_utils.Database(tmp_path / "a.db")
    assert d.execute("select site_id, status from sites order by site_id").fetchall() == [("a", "ok"), ("b", "ok")]
    assert [line for (line,) in d.execute("select line from input_errors order by line")] == [3, 4, 5, 6, 7, 8]


def evidence_targets(d, site_id: str, feature: str) -> set[str]:
    """The targets of a site's evidence for a feature, as stored."""
    return {t for (t,) in d.execute("select target from evidence where site_id = ? and feature = ?",
                                    [site_id, feature])}


def test_an_agencys_own_domains_are_its_site_not_another_agency(tmp_path, serve):
    """A homepage served from loopback links to the agency's own live domain, its subdomains
    and its second domain: all are the site's own (crawled within its budget, never
    info.gov_links); a link to another ministry still is another agency."""
    import sqlite_utils

    from conftest import FAST, egovscan, make_site

    page = ("<html lang='th'><body><h1>สำนักงานตัวอย่าง</h1>"
            "<a href='http://www.own-agency.go.th/about'>เกี่ยวกับเรา</a> "
            "<a href='http://eservice.own-agency.go.th/'>บริการออนไลน์</a> "
            "<a href='https://www.own-agency.or.th/'>มูลนิธิของสำนักงาน</a> "
            "<a href='https://www.moph.go.th/'>กระทรวงสาธารณสุข</a>"
            "<a href='https://www.own-agency.go.th.example.com/'>ลิงก์แปลก</a>"
            "<p>" + "ข่าวประชาสัมพันธ์ของสำนักงาน " * 30 + "</p></body></html>")
    for name in ("with-domains", "without"):
        make_site(tmp_path / "web", name, {"index.html": page})
    (tmp_path / "web" / "sites.csv").write_text(
        "site_id,domains\nwith-domains,own-agency.go.th own-agency.or.th\nwithout,\n", "utf-8")
    server = serve(tmp_path / "web")
    db = tmp_path / "a.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST, "--budget", "10")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)

    def crawled(site_id):
        return {url for (url,) in d.execute("select url from pages where site_id = ? and depth = 1", [site_id])}

    def outbound(site_id):
        return {url for (url,) in d.execute("select url from links where site_id = ?", [site_id])}

    def gov_links(site_id):
        return evidence_targets(d, site_id, "info.gov_links")

    own = {"http://www.own-agency.go.th/about", "http://eservice.own-agency.go.th/", "https://www.own-agency.or.th/"}
    assert own <= crawled("with-domains") and not own & outbound("with-domains")
    assert "https://www.moph.go.th/" in outbound("with-domains")
    assert "https://www.own-agency.go.th.example.com/" in outbound("with-domains")
    assert gov_links("with-domains") == {"https://www.moph.go.th/"}
    # without the column the same links are another agency's site, as before
    assert own <= outbound("without") and not crawled("without")
    assert "http://www.own-agency.go.th/about" in gov_links("without")
    assert d.execute("select site_id, domains from sites order by site_id").fetchall() == [
        ("with-domains", "own-agency.go.th own-agency.or.th"), ("without", "")]


def test_the_domains_column_owns_its_domains_as_written_not_their_ministry(tmp_path, serve):
    """`domains` means those domains and their subdomains: a department's copy declaring
    ddc.moph.go.th owns e-service.ddc.moph.go.th, while its ministry (www.moph.go.th) and a sister
    department (anamai.moph.go.th) stay other agencies (info.gov_links). Near miss: an agency that
    declares the whole moph.go.th owns them all."""
    import sqlite_utils

    from conftest import FAST, egovscan, make_site

    page = ("<html lang='th'><body><h1>กรมตัวอย่าง</h1>"
            "<a href='https://e-service.ddc.moph.go.th/'>บริการออนไลน์</a> "
            "<a href='https://www.moph.go.th/'>กระทรวงสาธารณสุข</a> "
            "<a href='https://anamai.moph.go.th/'>กรมอนามัย</a>"
            "<p>" + "ข่าวประชาสัมพันธ์ของกรม " * 30 + "</p></body></html>")
    for name in ("department", "ministry-wide"):
        make_site(tmp_path / "web", name, {"index.html": page})
    (tmp_path / "web" / "sites.csv").write_text(
        "site_id,domains\ndepartment,ddc.moph.go.th\nministry-wide,moph.go.th\n", "utf-8")
    server = serve(tmp_path / "web")
    db = tmp_path / "a.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST, "--budget", "3")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)

    def gov_links(site_id):
        return evidence_targets(d, site_id, "info.gov_links")

    assert gov_links("department") == {"https://www.moph.go.th/", "https://anamai.moph.go.th/"}
    assert gov_links("ministry-wide") == set()


def test_a_file_of_only_bad_rows_names_each_row_and_exits_2(tmp_path):
    from conftest import egovscan

    sites = write(tmp_path, "site_id,url,name\na,http://127.0.0.1:99999/,A\nb,http//www.moph.go.th/,B\n")
    proc = egovscan("crawl", sites, "--db", tmp_path / "a.db", check=False)
    log = " ".join(proc.stderr.split())
    assert proc.returncode == 2 and "Traceback" not in log
    assert "no usable site rows (2 bad rows)" in log
    assert "sites.csv:2 (site_id 'a'): url 'http://127.0.0.1:99999/'" in log and "sites.csv:3 (site_id 'b')" in log
