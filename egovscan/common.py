"""What every command of the application shares: its messages, exit codes and the checks of
its --db and --out options (each says what is wrong and where, before any work)."""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ground.dblock import DatabaseBusy, DatabaseLock, describe
from ground.store import is_database

EXIT_OK, EXIT_INTERRUPTED, EXIT_USAGE = 0, 1, 2
console = Console(stderr=True, soft_wrap=True)  # messages stay one greppable line
SQLITE_HEADER = b"SQLite format 3\x00"


def stdout(wide: bool = False) -> Console:
    """Tables for people: a terminal's width, or wide enough when piped to a file or a log
    (COLUMNS, when set, is the width either way, except for wide tables such as evaluate's,
    whose every column a log must keep whole)."""
    if sys.stdout.isatty() or (not wide and os.environ.get("COLUMNS", "").isdigit()):
        return Console()
    return Console(width=160)


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Say what is wrong and stop the command with its exit code."""
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def existing(db: Path) -> Path:
    """The database path, when there is a database there (commands that read one need it)."""
    if not db.exists():
        fail(f"{db}: no such database")
    return usable_db(db)


def usable_db(db: Path) -> Path:
    """The --db path, when it is a SQLite database or nothing yet: checked before any work, so a
    sites file given as --db by mistake is named, not overwritten or opened with a traceback.
    SQLite reads it (see ground.store.is_database): a command checks again while its own
    connections are open."""
    if db.is_dir():
        fail(f"--db {db} is a folder; give the database file (e.g. {db / 'audit.db'})")
    if not db.exists():
        return db
    try:
        if is_database(db):
            return db
        with open(db, "rb") as f:           # no database: no lock of ours to lose on it
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        fail(f"--db {db}: cannot read it: {exc.strerror or exc}")
    looks = " (it looks like a text file, a sites CSV perhaps)" if _is_text(head) else ""
    fail(f"--db {db} is not a SQLite database{looks}; it was left as it is: give a new or existing .db file")


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c >= 32 or c in (9, 10, 13) for c in head)


def report_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file, not a folder: the report is a folder (index.html, sites/, assets/); "
             "give a folder name")
    return out


@contextlib.contextmanager
def holding(db: Path):
    """This command is the only one writing the database (see dblock); a second one is told who is."""
    lock = DatabaseLock(db, same_command())
    try:
        lock.acquire()
    except DatabaseBusy as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{lock.path}: cannot take the database's lock: {exc.strerror or exc}")
    if lock.stale:
        console.print(f"{escape(str(db))}: taking over the lock of {escape(describe(lock.stale))}, "
                      "which ended without releasing it", highlight=False)
    try:
        yield lock
    finally:
        lock.release()


def same_command() -> str:
    return "egovscan " + shlex.join(sys.argv[1:])
