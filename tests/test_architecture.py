"""The floors of the house hold: ground under every step, the steps one way down, no import cycle.

The contracts are import-linter's, in pyproject.toml ([tool.importlinter]); `lint-imports` runs
them in CI and these tests run them with the test suite, so a change that breaks a floor fails
here with import-linter's report of the offending import chain.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ground", "crawler", "assessors", "stages", "reports", "egovscan")
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", "pyproject.toml"], cwd=root,
                          capture_output=True, text=True, timeout=120)


def test_the_floors_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module, line, broken", [
    # the ground imports no step, not even inside a function
    ("ground/urls.py", "def _later():\n    from crawler import scope\n", "The ground imports no step"),
    # shared URL functions come from the ground, not from the step that wrote them first
    ("assessors/base.py", "from crawler.links import extract_links\n", "Crawling and assessing do not import"),
    # a lower floor never reads a higher one: scoring does not import the review commands
    ("stages/runs.py", "from egovscan import reviews\n", "Floors:"),
    # the report reads scores; the application computes them
    ("reports/html.py", "from egovscan.cli import do_score\n", "Floors:"),
    # two modules of one step that import each other
    ("crawler/resolver.py", "from crawler import middlewares\n", "No import cycle"),
])
def test_a_broken_floor_fails_with_its_import(tmp_path, module, line, broken):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0
    path = tmp_path / module
    path.write_text(path.read_text("utf-8") + "\n" + line, "utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    report = result.stdout
    assert broken in report and "BROKEN" in report, report
    importer = module.removesuffix(".py").replace("/", ".")
    assert importer in report or f".{importer.rsplit('.', 1)[-1]} ->" in report, report


# SQL, wherever it is written: a statement run on a connection (a Redis pipeline's argumentless
# execute() is not one), sqlite-utils' query(), the sqlite3 module, or the store's connection.
SQL = re.compile(r"\bexecute(?:many|script)?\((?!\))|\.query\(|\bsqlite3\b|\.db\[|\bstore\.db\b"
                 r"|\.db\.(?:execute|query|conn)\b")
STORE = "ground/store.py"


def sql_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if SQL.search(line)]


def test_every_sql_statement_is_in_the_store():
    found = {}
    for package in (*PACKAGES, "bench"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name != STORE and (lines := sql_lines(path.read_text("utf-8"))):
                found[name] = lines
    assert not found, "SQL outside ground/store.py (make it a named method of the Store):\n" + "\n".join(
        f"{name}: {line}" for name, lines in found.items() for line in lines)
    assert sql_lines((ROOT / STORE).read_text("utf-8"))


@pytest.mark.parametrize("line, is_sql", [
    ('rows = store.db.execute("select * from pages")', True),
    ('for row in db.query("select * from scores where run_id = ?", [run_id]):', True),
    ("conn = sqlite3.connect(path)", True),
    ('store.db["reviews"].insert(row)', True),
    ("with self.store.db.conn:", True),
    ("cursor.executemany(sql, rows)", True),
    # near misses: a Redis pipeline, a URL's query string, the lock file's path, a method named for SQL
    ("pipe.execute()", False),
    ("params = urlsplit(url).query", False),
    ("self.path = self.db.with_name(self.db.name + '.lock')", False),
    ("rows = store.site_features(run_id)", False),
])
def test_what_counts_as_sql(line, is_sql):
    assert bool(sql_lines(line)) is is_sql
