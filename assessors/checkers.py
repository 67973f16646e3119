"""Offline checkers run on stored home pages: the Nu Html Checker (markup and inline CSS) and axe-core
(accessibility in Chromium). Neither reaches the network.

Both come from npm (``package.json`` at the repository root: ``npm ci --ignore-scripts`` puts
``node_modules/vnu-jar/build/dist/vnu.jar`` and ``node_modules/axe-core/axe.min.js`` there) and run on
Debian's Java (``default-jre-headless``) and Chromium. Each checks many pages per start, since starting
a JVM or a browser costs seconds: one ``java -jar vnu.jar`` over a folder of temporary files, one
Chromium in which every page is set as content with every request aborted.

``EGOVSCAN_VNU_JAR`` and ``EGOVSCAN_AXE_JS`` point at other copies; ``EGOVSCAN_CHROMIUM`` at another
Chromium. A checker that cannot run says why (``nu_missing()``, ``axe_missing()``); the features it
decides are then unknown with that reason, never absent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = "node_modules/axe-core/axe.min.js"
CHROMIUM = "/usr/bin/chromium"

# the JVM's sockets go through a SOCKS proxy on a closed loopback port: nothing the checker might
# try to load (a schema, an external entity) leaves the machine
JAVA_NO_NETWORK = ["-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=9", "-Djava.net.useSystemProxies=false"]
# a deep page needs a larger thread stack than the JVM's default (the checker's own advice); the heap
# is bounded, since the JVM would otherwise take up to a quarter of the machine's memory: a page it
# cannot check within it is "failed", with Java's words, and the assessment goes on
JAVA_STACK = "-Xss4m"
JAVA_HEAP = "-Xmx512m"
# the checker runs seconds per batch: the JVM's quick compiler alone and its one-thread collector
# use half the CPU of its defaults (whose optimising compiler and parallel collector pay off only
# in long runs), for the same report (measured on 210 corpus and simulated-web pages: 14.9 -> 7.6
# CPU seconds); a JVM that does not know these options ignores them
JAVA_QUICK = ["-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
# a larger page is not given to the checker (one page past its heap would fail the whole batch)
NU_MAX_BYTES = 4 * 2**20
NU_SECONDS_PER_PAGE = 10
NU_START_SECONDS = 60
MESSAGES_KEPT = 5
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = ("critical", "serious", "moderate", "minor")
AXE_PAGE_MS = 30_000


class CheckerError(RuntimeError):
    """A checker that ran and failed (what it said is in the message)."""


def _find(env: str, relative: str) -> Path:
    given = os.environ.get(env)
    if given:
        return Path(given)
    for base in (ROOT, Path.cwd()):
        if (base / relative).exists():
            return base / relative
    return ROOT / relative


def vnu_jar() -> Path:
    return _find("EGOVSCAN_VNU_JAR", VNU_JAR)


def axe_js() -> Path:
    return _find("EGOVSCAN_AXE_JS", AXE_JS)


def chromium() -> Path:
    return Path(os.environ.get("EGOVSCAN_CHROMIUM") or CHROMIUM)


def nu_missing() -> str | None:
    """Why the Nu Html Checker cannot run here, or None when it can."""
    if not shutil.which("java"):
        return "the Nu Html Checker needs Java (apt-get install default-jre-headless)"
    if not vnu_jar().exists():
        return f"the Nu Html Checker is not installed ({VNU_JAR}: npm ci --ignore-scripts)"
    return None


def axe_missing() -> str | None:
    """Why axe-core cannot run here, or None when it can."""
    if not axe_js().exists():
        return f"axe-core is not installed ({AXE_JS}: npm ci --ignore-scripts)"
    if not chromium().exists():
        return f"axe-core runs in Chromium, not found at {chromium()} (apt-get install chromium)"
    if find_spec("playwright") is None:
        return "axe-core runs in Chromium through Playwright (pip install 'egovscan[render]')"
    return None


def nu_version() -> str:
    """The checker's version, from the npm package it came in (``unknown`` for a jar on its own)."""
    try:
        return json.loads((vnu_jar().parents[2] / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError, IndexError):
        return "unknown"


def _summary(message: dict) -> dict:
    return {"line": message.get("lastLine"), "message": (message.get("message") or "")[:200],
            "extract": (message.get("extract") or "")[:120]}


def nu_check(pages: dict[str, bytes], sheets: dict[str, bytes] | None = None) -> dict[str, dict]:
    """Check HTML documents (key -> the bytes as served) and style sheets (key -> CSS bytes) in one
    run of the Nu Html Checker.

    Per key: ``html_errors`` and ``html_warnings`` (markup), ``css_errors`` and ``css_warnings`` (the
    page's own ``<style>`` elements and ``style`` attributes, which the checker reads as CSS; a style
    sheet's every finding), the first messages of each kind, or ``failed`` when the checker could not
    read the document."""
    return NuRun(pages, sheets).results()


class NuRun:
    """One run of the Nu Html Checker, started at once and read later (``results()``), so that the
    caller works meanwhile. Its report goes to a file, so a long one never blocks it."""

    def __init__(self, pages: dict[str, bytes], sheets: dict[str, bytes] | None = None):
        sheets = sheets or {}
        self.keys = list(pages) + list(sheets)
        self.sheets = set(sheets)
        self.proc = None
        if not pages and not sheets:
            return
        missing = nu_missing()
        if missing:
            raise CheckerError(missing)
        self.folder = tempfile.TemporaryDirectory(prefix="egovscan-nu-")
        folder = Path(self.folder.name).resolve()
        self.files = {}
        paths = []
        for i, key in enumerate(self.keys):
            path = folder / (f"{i}.css" if key in self.sheets else f"{i}.html")
            path.write_bytes(sheets[key] if key in self.sheets else pages[key])
            self.files[path.as_uri()] = key
            self.files[f"file:{path}"] = key
            paths.append(str(path))
        command = ["java", JAVA_STACK, JAVA_HEAP, *JAVA_QUICK, *JAVA_NO_NETWORK, "-jar", str(vnu_jar()), "--format", "json",
                   "--stdout", "--exit-zero-always", *(["--also-check-css"] if sheets else []), *paths]
        self.out = open(folder / "report.json", "w+b")
        self.err = open(folder / "stderr.txt", "w+b")
        self.timeout = NU_START_SECONDS + NU_SECONDS_PER_PAGE * len(self.keys)
        self.proc = subprocess.Popen(command, stdout=self.out, stderr=self.err, stdin=subprocess.DEVNULL, cwd=folder)

    def results(self) -> dict[str, dict]:
        if self.proc is None:
            return {}
        try:
            try:
                self.proc.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise CheckerError(f"the Nu Html Checker took more than {self.timeout} s for {len(self.keys)} pages") \
                    from None
            self.out.seek(0)
            self.err.seek(0)
            output, said = self.out.read(), self.err.read()
        finally:
            self.out.close()
            self.err.close()
            self.folder.cleanup()
        try:
            report = json.loads(output.decode("utf-8", "replace"))
        except ValueError:
            lines = (said or output).decode("utf-8", "replace").strip().splitlines()
            raise CheckerError(f"the Nu Html Checker gave no report (exit {self.proc.returncode}): "
                               f"{lines[-1][:300] if lines else 'no output'}") from None
        return self._read(report)

    def close(self) -> None:
        """Stop the run if it is still going (its results are not wanted), and remove its files."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc is not None and not self.out.closed:
            self.out.close()
            self.err.close()
            self.folder.cleanup()

    def _read(self, report: dict) -> dict[str, dict]:
        results = {key: {"html_errors": 0, "html_warnings": 0, "css_errors": 0, "css_warnings": 0,
                         "html_messages": [], "css_messages": []} for key in self.keys}
        for message in report.get("messages", []):
            key = self.files.get(message.get("url", ""))
            if key is None:
                continue
            kind, sub = message.get("type"), message.get("subType")
            if kind == "non-document-error":
                results[key]["failed"] = (message.get("message") or "the checker could not read the page")[:200]
                continue
            level = "errors" if kind == "error" or sub == "fatal" else "warnings" if sub == "warning" else None
            if level is None:
                continue                      # plain information, not a finding
            part = "css" if key in self.sheets or (message.get("message") or "").startswith("CSS:") else "html"
            results[key][f"{part}_{level}"] += 1
            if level == "errors" and len(results[key][f"{part}_messages"]) < MESSAGES_KEPT:
                results[key][f"{part}_messages"].append(_summary(message))
        return results


_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
    target: v.nodes.length ? String(v.nodes[0].target) : ''}));
}"""


# the page as a response of its own address with a policy that runs none of its scripts (inline,
# linked or event handlers) and loads nothing: axe reads the markup as stored, and the page's code
# never runs (axe itself is evaluated by the browser's debugger protocol, which the policy does not bind)
INERT_POLICY = "script-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; worker-src 'none'"


def axe_check(pages: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Run axe-core's WCAG 2.1 A and AA rules on HTML documents (key -> (url, html)) in one Chromium.

    Each page is served to its tab from memory at its own address, under INERT_POLICY, and every
    other request (images, scripts, style sheets, frames) is aborted: nothing is loaded from
    anywhere, and no host name resolves inside this Chromium. Per key: ``violations`` (rules
    broken), their count by impact, the first rules, or ``failed`` with the reason."""
    if not pages:
        return {}
    missing = axe_missing()
    if missing:
        raise CheckerError(missing)
    from playwright.sync_api import Error as PlaywrightError

    script = axe_js().read_text(encoding="utf-8")
    try:
        return _axe_run(pages, script)
    except PlaywrightError as e:
        raise CheckerError(f"Chromium could not run axe-core: {str(e).strip().splitlines()[0][:300]}") from None


def _axe_run(pages: dict[str, tuple[str, str]], script: str) -> dict[str, dict]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium()), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"])
        try:
            context = browser.new_context(service_workers="block")
            serving: dict[str, bytes] = {}

            def answer(route):
                request = route.request
                body = serving.get(request.url.split("#", 1)[0])
                if body is not None and request.resource_type == "document" and request.frame.parent_frame is None:
                    route.fulfill(status=200, body=body, headers={"content-type": "text/html; charset=utf-8",
                                                                  "content-security-policy": INERT_POLICY})
                else:
                    route.abort()

            context.route("**/*", answer)
            for key, (url, html) in pages.items():
                page = context.new_page()
                page.set_default_timeout(AXE_PAGE_MS)
                address = url.split("#", 1)[0] if url.startswith(("http://", "https://")) else "https://page.invalid/"
                serving.clear()
                serving[address] = html.encode("utf-8")
                try:
                    page.goto(address, wait_until="domcontentloaded")
                    page.evaluate(script)
                    violations = page.evaluate(_AXE_RUN, AXE_TAGS)
                except PlaywrightError as e:
                    results[key] = {"failed": str(e).strip().splitlines()[0][:200]}
                    continue
                finally:
                    page.close()
                by_impact = dict.fromkeys(AXE_IMPACTS, 0)
                for v in violations:
                    impact = v.get("impact") if v.get("impact") in by_impact else "minor"
                    by_impact[impact] += 1
                results[key] = {"violations": len(violations), "by_impact": by_impact,
                                "rules": [{k: v[k] for k in ("id", "impact", "help", "nodes", "target")}
                                          for v in violations[:MESSAGES_KEPT * 2]]}
            context.close()
        finally:
            browser.close()
    return results


AXE_OFF = "the accessibility check (axe-core in Chromium) was not run: it is off unless EGOVSCAN_AXE=1"
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}charset", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=", re.I)
_BOM = b"\xef\xbb\xbf"


def as_served(body: bytes, content_type: str, encoding: str) -> bytes:
    """The page's bytes as the checker should read them: as stored, except that a charset the server
    declared only in its Content-Type header (which a file has not) is kept as a byte-order mark."""
    if body.startswith(_BOM) or _META_CHARSET.search(body[:2048]) or not _HEADER_CHARSET.search(content_type or ""):
        return body
    return _BOM + body.decode(encoding or "utf-8", errors="replace").encode("utf-8")


def check_home_pages(homes: dict[str, dict], axe: bool = False) -> dict[str, dict]:
    """The checkers' findings on home pages: site id -> {"nu": ..., "axe": ...}.

    ``homes``: site id -> {"url", "body" (bytes as stored), "content_type", "encoding"}. A checker
    that cannot run or is off gives each page ``skipped`` with the reason; one that fails, ``failed``."""
    return HomeChecks(homes, axe).results()


class HomeChecks:
    """The checkers on a batch of home pages: the Nu Html Checker starts at once (in its own
    process); ``results()`` waits for it, then runs axe when it is on."""

    def __init__(self, homes: dict[str, dict], axe: bool = False):
        self.homes, self.axe = homes, axe
        self.nu: NuRun | None = None
        self.too_large: set[str] = set()
        self.nu_skipped = nu_missing()
        self.nu_failed = None
        if homes and not self.nu_skipped:
            self.too_large = {site for site, h in homes.items() if len(h["body"]) > NU_MAX_BYTES}
            # the home page's own style sheets that the crawl fetched, checked as CSS in the same run
            sheets = {(site, sheet["url"]): sheet["body"] for site, h in homes.items() if site not in self.too_large
                      for sheet in h.get("stylesheets", ())}
            try:
                self.nu = NuRun({site: as_served(h["body"], h.get("content_type", ""), h.get("encoding", ""))
                                 for site, h in homes.items() if site not in self.too_large}, sheets)
            except (CheckerError, OSError) as e:
                self.nu_failed = str(e)[:300]

    def close(self) -> None:
        if self.nu is not None:
            self.nu.close()

    def results(self) -> dict[str, dict]:
        homes = self.homes
        out: dict[str, dict] = {site: {} for site in homes}
        if not homes:
            return out
        if self.nu_skipped:
            found = {site: {"skipped": self.nu_skipped} for site in homes}
        else:
            checker = _named("Nu Html Checker", nu_version())
            try:
                if self.nu_failed:
                    raise CheckerError(self.nu_failed)
                results = self.nu.results()
                results.update({site: {"failed": f"the page is larger than {NU_MAX_BYTES // 2**20} MB, not checked"}
                                for site in self.too_large})
                found = {site: {**results.get(site, {"failed": "no report for the page"}), "checker": checker}
                         for site in homes}
                for site, result in found.items():
                    if "failed" not in result:
                        result["stylesheets"] = _sheet_results(results, site)
            except (CheckerError, OSError) as e:
                found = {site: {"failed": str(e)[:300], "checker": checker} for site in homes}
        for site in homes:
            out[site]["nu"] = found[site]
        missing = AXE_OFF if not self.axe else axe_missing()
        if missing:
            found = {site: {"skipped": missing} for site in homes}
        else:
            checker = _named("axe-core", axe_version())
            try:
                results = axe_check({site: (h["url"], h["body"].decode(h.get("encoding") or "utf-8", errors="replace"))
                                     for site, h in homes.items()})
                found = {site: {**results.get(site, {"failed": "no result for the page"}), "checker": checker}
                         for site in homes}
            except (CheckerError, OSError) as e:
                found = {site: {"failed": str(e)[:300], "checker": checker} for site in homes}
        for site in homes:
            out[site]["axe"] = found[site]
        return out


def _sheet_results(results: dict, site: str) -> dict:
    """A home page's style sheets in one Nu Html Checker report: how many were checked, their CSS
    errors and warnings, and the first errors with the sheet's address."""
    checked = errors = warnings = 0
    messages = []
    for key, result in results.items():
        if not (isinstance(key, tuple) and key[0] == site) or "failed" in result:
            continue
        checked += 1
        errors += result["css_errors"]
        warnings += result["css_warnings"]
        messages += [{**m, "stylesheet": key[1]} for m in result["css_messages"]][:MESSAGES_KEPT - len(messages)]
    return {"checked": checked, "css_errors": errors, "css_warnings": warnings, "css_messages": messages}


def _named(checker: str, version: str) -> str:
    return checker if version == "unknown" else f"{checker} {version}"


def axe_version() -> str:
    try:
        return json.loads((axe_js().parent / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def axe_wanted() -> bool:
    """Whether the accessibility check is on for this process (EGOVSCAN_AXE=1; off by default)."""
    return os.environ.get("EGOVSCAN_AXE", "").strip().lower() in ("1", "true", "yes", "on")
