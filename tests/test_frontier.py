"""The frontier plans the same pages whatever order responses arrive in, within budget and depth."""

import random

from crawler.frontier import DOCUMENT, PAGE, SiteFrontier
from crawler.links import Link

BASE = "http://127.0.0.1:8000"


def web(pages=60, fanout=5):
    """A synthetic site: page i links to pages i*fanout+1 .. i*fanout+fanout, the home page and a pdf."""
    graph = {}
    for i in range(pages):
        kids = [f"{BASE}/p{j}.html" for j in range(i * fanout + 1, i * fanout + fanout + 1) if j < pages]
        graph[f"{BASE}/p{i}.html"] = [Link(u, "", "", "a") for u in
                                      kids + [f"{BASE}/p0.html", f"{BASE}/doc{i}.pdf", "https://other.go.th/"]]
    return graph


def crawl(graph, budget, depth_limit=5, seed=None, document_probes=3):
    frontier = SiteFrontier("s", f"{BASE}/p0.html", page_budget=budget, depth_limit=depth_limit,
                            document_probes=document_probes)
    rng = random.Random(seed)
    queue = frontier.start()
    fetched = []
    while queue:
        if seed is not None:
            rng.shuffle(queue)
        planned = queue.pop(0)
        fetched.append((planned.kind, planned.url, planned.depth, planned.ord))
        if planned.kind == PAGE:
            queue += frontier.page_done(planned, planned.url, graph.get(planned.url, []))
        else:
            queue += frontier.document_done(planned)
    assert frontier.finished
    return fetched


def test_same_plan_whatever_the_arrival_order():
    graph = web()
    reference = sorted(crawl(graph, budget=25))
    for seed in range(20):
        assert sorted(crawl(graph, budget=25, seed=seed)) == reference


def test_budget_counts_pages_and_breadth_comes_first():
    fetched = crawl(web(), budget=25)
    pages = [f for f in fetched if f[0] == PAGE]
    assert len(pages) == 25
    depths = [d for _, _, d, _ in pages]
    assert depths == sorted(depths)                     # level by level
    assert max(depths) == 2 and depths.count(1) == 5    # 1 + 5 + 19 pages
    assert len({u for _, u, _, _ in pages}) == 25       # nothing twice
    assert sum(1 for f in fetched if f[0] == DOCUMENT) == 3
    assert "https://other.go.th/" not in {u for _, u, _, _ in fetched}


def test_depth_limit():
    fetched = crawl(web(), budget=100, depth_limit=1)
    assert {d for kind, _, d, _ in fetched if kind == PAGE} == {0, 1}


def test_redirect_to_a_known_page_is_a_duplicate():
    frontier = SiteFrontier("s", f"{BASE}/", page_budget=10)
    home = frontier.start()[0]
    level1 = frontier.page_done(home, f"{BASE}/index.html",
                                [Link(f"{BASE}/a", "", "", "a"), Link(f"{BASE}/index.html", "", "", "a")])
    assert [p.url for p in level1] == [f"{BASE}/a"]     # the redirect target counts as seen
    assert frontier.is_duplicate(level1[0], f"{BASE}/index.html")
    assert not frontier.is_duplicate(level1[0], f"{BASE}/b")


def test_homepage_redirect_to_a_new_domain_moves_the_scope():
    frontier = SiteFrontier("s", "http://old-agency.go.th/", page_budget=10)
    home = frontier.start()[0]
    nxt = frontier.page_done(home, "https://www.new-agency.go.th/",
                             [Link("https://eservice.new-agency.go.th/apply", "", "", "a")])
    assert [p.url for p in nxt] == ["https://eservice.new-agency.go.th/apply"]


def test_focus_puts_service_links_first_at_the_budget_edge():
    from crawler.focus import FocusPriority

    links = [Link(f"{BASE}/news{i}.html", f"ข่าวประชาสัมพันธ์ {i}", "", "a") for i in range(6)]
    links += [Link(f"{BASE}/eservice/apply.php", "ยื่นคำขอออนไลน์", "", "a"), Link(f"{BASE}/pay.html", "Pay online", "", "a")]
    for priority, expected in ((None, ["news0.html", "news1.html"]), (FocusPriority(), ["apply.php", "pay.html"])):
        frontier = SiteFrontier("s", f"{BASE}/", page_budget=3, priority=priority)
        home = frontier.start()[0]
        plan = frontier.page_done(home, home.url, links)
        assert [p.url.rsplit("/", 1)[-1] for p in plan] == expected
