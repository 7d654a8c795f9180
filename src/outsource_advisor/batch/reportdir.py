"""A report per respondent, written into one folder (`batch --report-dir DIR`).

File names come from the source and the respondent, reduced to `a-z`, `0-9` and `-`: a
respondent called `../../etc/passwd` or `CON` cannot leave the folder or name a device. Names
are unique within a run (`-2`, `-3` ... when two responses would share one). Each file is
written atomically.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePath

from outsource_advisor.batch.output import writable
from outsource_advisor.batch.results import Result
from outsource_advisor.errors import UsageError
from outsource_advisor.files.atomic import write_atomic

# The extension of each report format's files; a format not listed here uses its own name.
EXTENSIONS = {"table": "txt", "json": "json", "markdown": "md", "md": "md", "html": "html"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PART = 40
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def slug(text: str, limit: int = _PART) -> str:
    """`Caffè "Da Mario" / 2` -> `caffe-da-mario-2`: letters and digits only, joined by `-`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")


class ReportDir:
    """Names and writes the per-respondent reports of one run."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder = folder
        self.extension = EXTENSIONS.get(fmt, slug(fmt) or "txt")
        self._used: set[str] = set()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{folder}: cannot create the report folder: {exc.strerror}") from None
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a folder")

    def name(self, result: Result) -> str:
        source = result.source
        parts = [slug(PurePath(source.file).stem) or "response"]
        if source.number is not None:
            parts.append(f"{source.unit}-{source.number}")
        who = slug(result.respondent or "")
        if who:
            parts.append(who)
        base = "-".join(parts)
        if base in _RESERVED:
            base += "-report"
        name, n = base, 1
        while name in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name)
        return f"{name}.{self.extension}"

    def write(self, result: Result) -> Path:
        """Write a result's report; returns where."""
        assert result.report is not None
        path = self.folder / self.name(result)
        # Renamed into place (never half a file); not synced one by one, which would cost a
        # disk flush per respondent. The batch output itself is synced.
        write_atomic(path, writable(result.report), durable=False)
        return path
