"""Writing files so that a crash never leaves half of one: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from outsource_advisor.errors import UsageError


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; readers see the old file or the new one."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: cannot write: the folder {folder} does not exist")
    try:
        fd, tmp = _create_temp(folder, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
        raise


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
