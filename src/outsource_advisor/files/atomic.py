"""Writing files so that a crash never leaves half of one: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import TextIO

from outsource_advisor.errors import UsageError


class AtomicFile:
    """A file written in full or not at all: text goes to a temp file in the same folder,
    which `commit` flushes, syncs and renames over the target. Leaving the `with` block
    without committing (an error, Ctrl-C, nothing worth keeping) removes the temp file, and
    the target is untouched. Streams: hold a large output without holding it in memory."""

    def __init__(self, path: Path, *, durable: bool = True) -> None:
        self.path = path
        self.durable = durable
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"{path}: cannot write: the folder {folder} does not exist")
        try:
            fd, self.temp = _create_temp(folder, path)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.done = False

    def write(self, text: str) -> None:
        try:
            self.handle.write(text)
        except OSError as exc:
            raise UsageError(f"{self.path}: cannot write: {exc.strerror}") from None

    def commit(self) -> None:
        try:
            self.handle.flush()
            if self.durable:
                os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.temp, self.path)
        except OSError as exc:
            self.discard()
            raise UsageError(f"{self.path}: cannot write: {exc.strerror}") from None
        self.done = True

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)
        self.done = True

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            self.discard()


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` in one step; readers see the old file or the new one.
    `durable` also waits for the disk (fsync), so the new file survives a power cut."""
    with AtomicFile(path, durable=durable) as out:
        out.write(text)
        out.commit()


def _create_temp(folder: Path, path: Path) -> tuple[int, str]:
    """A new temp file beside `path`, with the mode the file would get anyway: the existing
    file's mode when replacing one, else the usual default under the user's umask (mkstemp's
    owner-only 0600 would silently make every report private)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    for _ in range(100):
        tmp = str(folder / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        if mode is not None:
            os.fchmod(fd, mode)
        return fd, tmp
    raise FileExistsError(f"no free temp name beside {path}")


def refuse_overwriting(output: Path | None, inputs: list[Path]) -> None:
    """Never let an output file replace a file we are reading."""
    if output is None or not output.exists():
        return
    for source in inputs:
        with contextlib.suppress(OSError):
            if source.exists() and os.path.samefile(output, source):
                raise UsageError(f"{output}: refusing to overwrite an input file")
