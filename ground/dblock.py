"""One writing command per database at a time.

A lock file next to the database (``audit.db.lock``, an OS lock through filelock: the kernel
releases it when its process dies, even by SIGKILL) and an owner file beside it
(``audit.db.lock.json``: pid, start time, command) so a second command can say who holds the
database. An owner file found when the lock is free was left by a process that was killed; the
new holder takes over and says so.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from filelock import FileLock, Timeout

from .store import now


class DatabaseBusy(Exception):
    pass


class DatabaseLock:
    def __init__(self, db: str | os.PathLike, command: str):
        self.db = Path(db)
        self.path = self.db.with_name(self.db.name + ".lock")
        self.owner_path = self.db.with_name(self.db.name + ".lock.json")
        self.command = command
        self._lock = FileLock(str(self.path), timeout=0)
        self.stale: dict | None = None      # the owner record of a killed holder, when taken over

    def owner(self) -> dict | None:
        try:
            return json.loads(self.owner_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def acquire(self) -> "DatabaseLock":
        self.db.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            holder = self.owner()
            if holder is None:
                raise DatabaseBusy(f"{self.db}: in use by another egovscan command (its lock is {self.path}); "
                                   "wait for it to finish") from None
            raise DatabaseBusy(f"{self.db}: in use by {describe(holder)}; wait for it to finish or stop it "
                               "(the lock of a stopped or killed process is taken over)") from None
        self.stale = self.owner()
        record = {"pid": os.getpid(), "host": socket.gethostname(), "since": now(), "command": self.command}
        self.owner_path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        return self

    def release(self) -> None:
        self.owner_path.unlink(missing_ok=True)
        self._lock.release()

    def __enter__(self) -> "DatabaseLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def describe(holder: dict) -> str:
    return (f"pid {holder.get('pid')}" + (f" on {holder['host']}" if holder.get("host") else "")
            + f" since {holder.get('since')} ({holder.get('command') or 'egovscan'})")
