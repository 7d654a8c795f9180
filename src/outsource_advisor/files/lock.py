"""One writer per answers file: an exclusive lock held for as long as an interview runs.

The lock is an advisory lock on a small file beside the answers file (`.<name>.lock`), not on
the answers file itself: every save replaces the answers file by a rename, and a lock on the old
file would not cover the new one. The lock file says who holds it (process, user, host, since
when), so a second interview can say who it would overwrite. The system releases the lock when
the holder dies, kill -9 included, so a leftover lock file never blocks anyone; a holder that
ends normally removes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import getpass
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from outsource_advisor.errors import UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

_HOLDER_BYTES = 4096


@dataclasses.dataclass(frozen=True, slots=True)
class Holder:
    """Who holds an answers file."""

    pid: int
    user: str
    host: str
    since: str

    def __str__(self) -> str:
        return f"process {self.pid} of {self.user} on {self.host}, since {self.since}"


class AnswersInUseError(UsageError):
    """Another interview (or `serve`) holds the answers file; it is left untouched."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        who = f" ({holder})" if holder is not None else ""
        super().__init__(
            f"{path}: these answers are open in another interview{who}; finish or close it first, "
            "or give another --answers file"
        )
        self.path = path
        self.holder = holder


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    since = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return Holder(os.getpid(), user, socket.gethostname(), since)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _read_holder(fd: int) -> Holder | None:
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads(os.pread(fd, _HOLDER_BYTES, 0).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["user"]), str(data["host"]), str(data["since"]))
    return None


def holder_of(path: Path) -> Holder | None:
    """Who holds the answers file now, or None when nobody does."""
    try:
        fd = os.open(lock_path(path), os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None
        return _read_holder(fd) or Holder(0, "unknown", "unknown", "unknown")
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[Holder]:
    """Hold the answers file for the whole block, or raise AnswersInUseError naming its holder.

    After locking, the lock file must still be the one at its path: a holder that just ended
    may have removed it, and a lock on a removed file would protect nothing.
    """
    target = lock_path(path)
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"{path}: cannot lock the answers file: {exc.strerror}") from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise AnswersInUseError(path, holder)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(target))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)
    me = _me()
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(dataclasses.asdict(me)).encode(), 0)
        yield me
    finally:
        with contextlib.suppress(OSError):
            os.unlink(target)
        os.close(fd)
