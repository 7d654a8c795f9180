"""The responses in a batch's inputs, one task at a time, read lazily.

An input is an answers file (YAML or JSON), a folder (searched recursively, in sorted order,
for `*.yaml`, `*.yml` and `*.json`, skipping hidden names), a CSV file (a response per row), a
JSONL file (a response per line) or `-` for standard input. Rows and lines are streamed, never
loaded all at once. Whatever cannot be read becomes a failed result and the rest goes on.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from outsource_advisor.batch.columns import ColumnPlan
from outsource_advisor.batch.formats import StdinFormat
from outsource_advisor.batch.results import Kind, Result, Source, Task, _new, failure
from outsource_advisor.errors import InputError, Problem
from outsource_advisor.files.loading import STDIN, STDIN_NAME
from outsource_advisor.files.yamlio import MAX_FILE_BYTES, SIZE_VARIABLE

ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")

# Turns a CSV header into a plan, or raises InputError (one error for the whole file).
Planner = Callable[[list[str]], ColumnPlan]
Item = Task | Result


@dataclass(frozen=True)
class Inputs:
    """What to read and how."""

    paths: list[str]
    planner: Planner
    delimiter: str = ","
    stdin_format: StdinFormat = StdinFormat.AUTO
    stdin: IO[bytes] | None = None
    exclude: list[Path] = field(default_factory=list)  # never read these in a folder: our output, the mapping
    size_limit: int = MAX_FILE_BYTES  # the longest CSV or JSONL line, and answers document


def iter_items(inputs: Inputs) -> Iterator[Item]:
    """Every response in the inputs, in order, as a task to score or an already failed result."""
    for given in inputs.paths:
        if given == STDIN:
            yield from _stdin(inputs)
            continue
        path = Path(given)
        suffix = path.suffix.lower()
        if path.is_dir():
            yield from _walk(given, _Excluded(inputs.exclude))
        elif suffix in CSV_SUFFIXES:
            yield from _line_file(path, given, inputs.size_limit, _csv_reader(inputs))
        elif suffix in JSONL_SUFFIXES:
            yield from _line_file(path, given, inputs.size_limit, jsonl_lines)
        else:
            yield Task(Kind.FILE, Source(given), given)


class _Excluded:
    """Files and folders to leave out (our own output), by device and inode: robust to how a
    path is spelled and to links. Only an entry with an excluded name costs a `stat`."""

    def __init__(self, paths: list[Path]) -> None:
        self.names = {path.name for path in paths}
        self.keys = set()
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            self.keys.add((stat.st_dev, stat.st_ino))

    def __contains__(self, entry: os.DirEntry[str]) -> bool:
        if entry.name not in self.names:
            return False
        try:
            stat = entry.stat()
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) in self.keys


def _walk(folder: str, excluded: _Excluded) -> Iterator[Item]:
    """Answers files under a folder, depth first, in name order; hidden names and symbolic
    links to folders are skipped (no loops). A folder that cannot be listed is a failure."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield failure(Source(folder), InputError([Problem(f"cannot read this folder: {exc.strerror}")]))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry in excluded:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, excluded)
            elif entry.name.lower().endswith(ANSWERS_SUFFIXES) and entry.is_file():
                yield Task(Kind.FILE, Source(entry.path), entry.path)
        except OSError:
            continue


def _open_text(path: Path, name: str) -> IO[str] | Result:
    try:
        # Bytes that are not UTF-8 stay as lone surrogates: the row holding them fails alone.
        return path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except FileNotFoundError:
        return failure(Source(name), InputError([Problem("no such file")]))
    except IsADirectoryError:
        return failure(Source(name), InputError([Problem("this is a folder, not a file")]))
    except OSError as exc:
        return failure(Source(name), InputError([Problem(f"cannot read: {exc.strerror}")]))


def _line_file(path: Path, name: str, limit: int, read: Callable[[Lines, str], Iterator[Item]]) -> Iterator[Item]:
    """The responses of a CSV or JSONL file, its lines streamed and bounded."""
    handle = _open_text(path, name)
    if isinstance(handle, Result):
        yield handle
        return
    with handle:
        yield from read(Lines(handle, limit), name)


def _csv_reader(inputs: Inputs) -> Callable[[Lines, str], Iterator[Item]]:
    return lambda lines, name: csv_rows(lines, name, inputs.planner, inputs.delimiter)


class LineTooLong(Exception):  # noqa: N818 - reads as "raise LineTooLong"
    """A line longer than the limit; it has been read past."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit

    def error(self) -> InputError:
        size = f"{self.limit // 1048576} MiB" if self.limit % 1048576 == 0 else f"{self.limit:,} characters"
        return InputError([Problem(f"this line is longer than {size} (the limit is set by {SIZE_VARIABLE})")])


class Lines:
    """The lines of a text stream, each at most `limit` characters: a longer one is read past in
    chunks and raises `LineTooLong`, so one endless line cannot fill the memory. Iteration goes
    on after it. `first` is a line already read from the stream, given back first."""

    def __init__(self, stream: IO[str], limit: int, first: str = "") -> None:
        self.stream, self.limit, self.first = stream, limit, first

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        if self.first:
            line, self.first = self.first, ""
            return line
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self.limit and line[-1] not in "\r\n":
            while (rest := self.stream.readline(self.limit)) and rest[-1] not in "\r\n":
                pass
            raise LineTooLong(self.limit)
        return line


def csv_rows(lines: Iterable[str], name: str, planner: Planner, delimiter: str) -> Iterator[Item]:
    """A task per data row. Rows are numbered as a spreadsheet numbers them (the header is row
    1); blank rows are skipped; a header that cannot be understood fails the whole file once."""
    reader = csv.reader(lines, delimiter=delimiter)
    number = 1
    try:
        header = next(reader)
    except StopIteration:
        yield failure(Source(name), InputError([Problem("the file is empty: a CSV needs a header row")]))
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield failure(Source(name, number), _unreadable(exc))
        return
    except LineTooLong as exc:
        yield failure(Source(name, number), exc.error())
        return
    if not _is_utf8("".join(header)):
        yield failure(Source(name, number), InputError([Problem(_NOT_UTF8)]))
        return
    try:
        plan = planner(header)
    except InputError as exc:
        if len(header) == 1 and delimiter != ";" and ";" in header[0]:
            exc = InputError([*exc.problems, Problem("the columns look separated by ';': try --delimiter ';'")])
        yield failure(Source(name, number), exc)
        return
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield failure(Source(name, number + 1), _unreadable(exc))
            return
        except csv.Error as exc:
            number += 1
            yield failure(Source(name, number), _unreadable(exc))
            continue
        except LineTooLong as exc:
            number += 1
            yield failure(Source(name, number), exc.error())
            continue
        number += 1
        if not any(cells):
            continue
        joined = "".join(cells)
        if joined.isspace():
            continue
        if not _is_utf8(joined):
            yield failure(Source(name, number), InputError([Problem(_NOT_UTF8)]))
            continue
        yield _new(Task, (Kind.ROW, _new(Source, (name, number, "row")), (plan, cells)))


_NOT_UTF8 = "this row is not valid UTF-8 text (save the file as UTF-8)"


def _is_utf8(text: str) -> bool:
    """False when the text holds bytes that were not UTF-8 (read as lone surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unreadable(exc: Exception) -> InputError:
    if isinstance(exc, UnicodeDecodeError):
        return InputError([Problem("the file is not valid UTF-8 text (save it as UTF-8); the rest was not read")])
    return InputError([Problem(f"invalid CSV: {exc}")])


def jsonl_lines(lines: Iterable[str], name: str) -> Iterator[Item]:
    """A task per non-blank line, numbered from 1."""
    number = 0
    iterator = iter(lines)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield failure(Source(name, number + 1, "line"), _unreadable(exc))
            return
        except LineTooLong as exc:
            number += 1
            yield failure(Source(name, number, "line"), exc.error())
            continue
        number += 1
        if not line.strip():
            continue
        if not _is_utf8(line):
            yield failure(Source(name, number, "line"), InputError([Problem(_NOT_UTF8.replace("row", "line"))]))
            continue
        yield Task(Kind.LINE, Source(name, number, "line"), line)


def _stdin(inputs: Inputs) -> Iterator[Item]:
    """Standard input: an answers document (YAML or JSON), a CSV or a JSONL stream."""
    raw = inputs.stdin
    if raw is None:
        yield failure(Source(STDIN_NAME), InputError([Problem("standard input is not available")]))
        return
    stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        first = next(Lines(stream, inputs.size_limit), "")
    except UnicodeDecodeError as exc:
        yield failure(Source(STDIN_NAME), _unreadable(exc))
        return
    except LineTooLong as exc:
        yield failure(Source(STDIN_NAME, 1, "line"), exc.error())
        return
    fmt = inputs.stdin_format
    if fmt is StdinFormat.AUTO:
        fmt = sniff(first, inputs.delimiter)
    if fmt is StdinFormat.CSV:
        yield from csv_rows(Lines(stream, inputs.size_limit, first), STDIN_NAME, inputs.planner, inputs.delimiter)
    elif fmt is StdinFormat.JSONL:
        yield from jsonl_lines(Lines(stream, inputs.size_limit, first), STDIN_NAME)
    else:
        yield _stdin_document(first, stream, fmt, inputs.size_limit)


def _stdin_document(first: str, stream: IO[str], fmt: StdinFormat, limit: int) -> Item:
    source = Source(STDIN_NAME)
    text = first + stream.read(limit + 1 - len(first))
    if not _is_utf8(text):
        return failure(source, InputError([Problem("the input is not valid UTF-8 text (save it as UTF-8)")]))
    if len(text.encode("utf-8")) > limit:
        return failure(source, InputError([Problem(f"input is larger than {limit // 1024} KiB")]))
    if "\x00" in text:
        return failure(source, InputError([Problem("this is a binary file, not a YAML or JSON text file")]))
    return Task(Kind.DOCUMENT, source, (text, fmt is StdinFormat.JSON))


def sniff(first: str, delimiter: str) -> StdinFormat:
    """Guess what standard input holds from its first line."""
    head = first.lstrip()
    if head.startswith("{"):
        # One object per line is JSONL; an object spread over lines is a JSON document.
        return StdinFormat.JSONL if head.rstrip().endswith("}") else StdinFormat.JSON
    if delimiter in first and ": " not in first and not head.startswith(("#", "-", "---")):
        return StdinFormat.CSV
    return StdinFormat.YAML
