"""Batch output: one formatter per format, in one table, each turning results into text.

Results stream through: a formatter gives the text that opens the output, the text of each
result as it comes, and the text that closes it (the table and JSON end with the summary), so
no format needs to hold the results. Formatters never print and never score.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from outsource_advisor.batch.formats import BatchFormat
from outsource_advisor.batch.results import BatchReport, Result
from outsource_advisor.model.text import clean
from outsource_advisor.model.vocabulary import OUTCOMES

FIELDS = (
    "source",
    "row",
    "respondent",
    "recommendation",
    "in_house",
    "hybrid",
    "outsourced",
    "margin",
    "confidence",
    "delegated",
    "shared",
    "kept",
    "warnings",
    "error",
)
TOP = 5
TOP_REASONS = 10


class Formatter(Protocol):
    """`rows` may run in a worker process, on any chunk; `start`, `join` and `end` run in the
    process that writes the output, in order."""

    def start(self) -> str:
        """What opens the output."""

    def rows(self, results: Sequence[Result]) -> str:
        """Some results, in order."""

    def join(self, rows: str) -> str:
        """The text of `rows`, as it follows what was written before."""

    def end(self, report: BatchReport) -> str:
        """What closes the output, given the counts."""


class _Plain:
    def start(self) -> str:
        return ""

    def join(self, rows: str) -> str:
        return rows

    def end(self, report: BatchReport) -> str:
        return ""


def record(result: Result) -> dict[str, Any]:
    """A result as the JSON and JSONL formats write it."""
    v = result.verdict
    return {
        "source": writable(result.source.file),
        "row": result.source.number,
        "respondent": writable(result.respondent) if result.respondent is not None else None,
        "recommendation": v.recommendation if v else None,
        "scores": dict(zip(OUTCOMES, v.scores, strict=True)) if v else None,
        "margin": v.margin if v else None,
        "confidence": v.confidence if v else None,
        "delegated": list(v.delegated) if v else None,
        "shared": list(v.shared) if v else None,
        "kept": list(v.kept) if v else None,
        "warnings": list(v.warnings) if v else None,
        "error": writable(result.error) or None,
    }


def summary(report: BatchReport) -> dict[str, Any]:
    """The summary as data: counts per recommendation, the activities most often delegated, the
    warnings most often raised, and how many failed and why (most frequent first)."""
    return {
        "scored": report.scored,
        "failed": report.failed,
        "recommendations": {o: report.recommendations[o] for o in OUTCOMES},
        "delegated": dict(report.delegated.most_common()),
        "warnings": dict(report.warnings.most_common()),
        "failures": {writable(why): count for why, count in report.reasons.most_common()},
    }


_NUMBER_TEXTS: dict[float, str] = {}


def _number_text(value: float) -> str:
    """`str(value)`, remembered: scores take few distinct values (hundredths from 0 to 100),
    and writing a float's shortest form is the dearest part of a CSV line."""
    if type(value) is not float or value == 0.0:  # 1 == 1.0 and -0.0 == 0.0, but print apart
        return str(value)
    text = _NUMBER_TEXTS.get(value)
    if text is None:
        text = str(value)
        if len(_NUMBER_TEXTS) < 100_000:
            _NUMBER_TEXTS[value] = text
    return text


def writable(text: str) -> str:
    """Text that can be written as UTF-8: a lone surrogate (a JSON "\\ud800", or a file name
    that is not UTF-8) is written as its escape instead of failing the whole output."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


# Spreadsheets run a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs: a leading `'` before a formula start."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_field(text: str) -> str:
    """One CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma,
    a quote or a line break; as it is otherwise. (The `csv` module's writer does the same, at
    several times the cost; a test reads our output back with `csv.reader`.)"""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


class CsvFormatter(_Plain):
    """One row per response; numbers stay numbers, text cannot become a formula."""

    def start(self) -> str:
        return ",".join(FIELDS) + "\n"

    def rows(self, results: Sequence[Result]) -> str:
        return "".join([self._line(result) for result in results])

    @staticmethod
    def _line(result: Result) -> str:
        source, v = result.source, result.verdict
        lead = (
            csv_field(neutralise(writable(source.file)))
            + ("," if source.number is None else f",{source.number}")
            + ","
            + csv_field(neutralise(writable(result.respondent or "")))
        )
        if v is None:
            return lead + ",,,,,,,,,,," + csv_field(neutralise(writable(result.error))) + "\n"
        # Our own ids (outcomes, activities, warning codes) are slugs: letters, digits, _ and -,
        # starting with a letter. They need neither quoting nor neutralising.
        number = _number_text
        scores = v.scores
        return (
            f"{lead},{v.recommendation},{number(scores[0])},{number(scores[1])},{number(scores[2])},"
            f"{number(v.margin)},{number(v.confidence)},{';'.join(v.delegated)},{';'.join(v.shared)},"
            f"{';'.join(v.kept)},{';'.join(v.warnings)},\n"
        )


class JsonlFormatter(_Plain):
    """One JSON object per line and per response."""

    def rows(self, results: Sequence[Result]) -> str:
        return "".join(json.dumps(record(result), ensure_ascii=False) + "\n" for result in results)


class JsonFormatter:
    """`{"results": [...], "summary": {...}}`, written as the results come."""

    def __init__(self) -> None:
        self._first = True

    def start(self) -> str:
        return '{\n  "results": [\n'

    def rows(self, results: Sequence[Result]) -> str:
        return "".join(",\n    " + json.dumps(record(result), ensure_ascii=False) for result in results)

    def join(self, rows: str) -> str:
        if self._first and rows:
            self._first = False
            return rows[2:]  # the first row follows the opening bracket, not a comma
        return rows

    def end(self, report: BatchReport) -> str:
        body = json.dumps(summary(report), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        return ("\n" if not self._first else "") + '  ],\n  "summary": ' + body + "\n}\n"


_COLUMNS = (("SOURCE", 32), ("RESPONDENT", 22), ("RESULT", 11))


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    text = clean(text)
    if len(text) > width:
        text = "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"
    return text.ljust(width)


def _counts(counter: Any, limit: int) -> str:
    return ", ".join(f"{key} {count}" for key, count in counter.most_common(limit)) or "none"


class TableFormatter(_Plain):
    """A plain text table for people, a line per response, then the summary."""

    def start(self) -> str:
        head = "".join(name.ljust(width) for name, width in _COLUMNS)
        return f"{head}{'IN':>5} {'HYB':>5} {'OUT':>5} {'MARGIN':>7} {'CONF':>5} {'D/S/K':>6}  WARNINGS\n"

    def rows(self, results: Sequence[Result]) -> str:
        return "".join(self._row(result) for result in results)

    def _row(self, result: Result) -> str:
        lead = (
            _fit(writable(str(result.source)), 31, keep_end=True)
            + " "
            + _fit(writable(result.respondent or "-"), 21)
            + " "
        )
        v = result.verdict
        if v is None:
            return lead + "FAILED     " + clean(writable(result.error)) + "\n"
        plan = f"{len(v.delegated)}/{len(v.shared)}/{len(v.kept)}"
        scores = " ".join(f"{s:5.1f}" for s in v.scores)
        return (
            f"{lead}{v.recommendation:<10} {scores} {v.margin:7.1f} {v.confidence:5.2f} {plan:>6}  "
            f"{', '.join(v.warnings) or '-'}\n"
        )

    def end(self, report: BatchReport) -> str:
        lines = ["", "Summary", f"  Responses: {report.total} ({report.scored} scored, {report.failed} failed)"]
        if report.scored:
            shares = ", ".join(
                f"{o} {report.recommendations[o]} ({report.recommendations[o] / report.scored:.0%})" for o in OUTCOMES
            )
            lines += [
                f"  Recommendations: {shares}",
                f"  Most often delegated: {_counts(report.delegated, TOP)}",
                f"  Warnings most often raised: {_counts(report.warnings, TOP)}",
            ]
        if report.failed:
            lines.append(f"  Failed: {report.failed}")
            lines += [
                f"    {count:>5}  {clean(writable(why))}" for why, count in report.reasons.most_common(TOP_REASONS)
            ]
            hidden = len(report.reasons) - TOP_REASONS
            if hidden > 0:
                lines.append(f"           … and {hidden} other reasons")
        return "\n".join(lines) + "\n"


FORMATTERS: dict[BatchFormat, Callable[[], Formatter]] = {
    BatchFormat.TABLE: TableFormatter,
    BatchFormat.CSV: CsvFormatter,
    BatchFormat.JSON: JsonFormatter,
    BatchFormat.JSONL: JsonlFormatter,
}


def formatter(fmt: BatchFormat) -> Formatter:
    return FORMATTERS[fmt]()
