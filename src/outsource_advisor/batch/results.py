"""What a batch is made of, as plain data: where a response came from, the task of scoring it,
its verdict or the problems that stopped it, and the counts of a run.

A response is a *task* (an answers file to read, a CSV row, a JSONL line, a document read from
standard input); the scorer turns one into a `Result`; a `BatchReport` counts them, keeps the
summary and owns the exit code. Below the machinery: the sources, the scorer, the workers and
the output formats all speak these types, and none of them is needed to read one.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, NamedTuple

from outsource_advisor.errors import ExitCode, InputError, Problem
from outsource_advisor.model.answers import NAME_MAX
from outsource_advisor.model.vocabulary import Decision, Outcome, is_number

if TYPE_CHECKING:
    from outsource_advisor.model.assessment import Assessment


class Source(NamedTuple):
    """Where a response came from: a file, and for CSV and JSONL its row or line."""

    file: str
    number: int | None = None
    unit: str = "row"  # "row" in a CSV (the header is row 1), "line" in a JSONL file

    def __str__(self) -> str:
        return self.file if self.number is None else f"{self.file}:{self.unit} {self.number}"


class Kind:
    """What a task holds (plain numbers: cheap to send to a worker process)."""

    FILE = 1  # payload: the path to read
    DOCUMENT = 2  # payload: (text, whether it is JSON rather than YAML)
    ROW = 3  # payload: (ColumnPlan, cells)
    LINE = 4  # payload: the line's text (a JSON object)


class Task(NamedTuple):
    kind: int
    source: Source
    payload: Any


class Verdict(NamedTuple):
    """The fields of an assessment that a batch row shows."""

    recommendation: Outcome
    scores: tuple[float, float, float]
    margin: float
    confidence: float
    delegated: tuple[str, ...]
    shared: tuple[str, ...]
    kept: tuple[str, ...]
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, assessment: Assessment) -> Verdict:
        """The same fields, taken from a full assessment."""
        return cls(
            recommendation=assessment.recommendation,
            scores=(assessment.scores["in_house"], assessment.scores["hybrid"], assessment.scores["outsourced"]),
            margin=assessment.margin,
            confidence=assessment.confidence,
            delegated=tuple(assessment.decided(Decision.DELEGATE)),
            shared=tuple(assessment.decided(Decision.SHARE)),
            kept=tuple(assessment.decided(Decision.KEEP)),
            warnings=tuple(assessment.warning_codes),
        )


class Result(NamedTuple):
    """One response: its verdict, or the problems that stopped it; `report` is the rendered
    per-respondent report when one was asked for."""

    source: Source
    respondent: str | None = None
    verdict: Verdict | None = None
    problems: tuple[Problem, ...] = ()
    report: str | None = None

    @property
    def ok(self) -> bool:
        return self.verdict is not None

    @property
    def error(self) -> str:
        """Every problem, each as `assess` would print it, in one line."""
        return "; ".join(str(p) for p in self.problems)


# NamedTuple's own constructor is a Python function; the few hot paths build tuples directly.
_new = tuple.__new__


def failure(source: Source, exc: InputError, data: Any = None) -> Result:
    """A failed result whose problems name the source, as `assess` would name the file; with
    the respondent, when the data says who it is."""
    return Result(source, _respondent(data), problems=tuple(p.located(file=str(source)) for p in exc.problems))


def _respondent(data: Any) -> str | None:
    """Who a failed response names, cut to the characters a name may have (a longer one is
    itself the failure, and must not flood the results)."""
    name = data.get("respondent") if isinstance(data, dict) else None
    if is_number(name):
        return str(name)
    if not isinstance(name, str):
        return None
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 3] + "..."


def reason(problem: Problem) -> str:
    """A problem without the value that caused it, so that alike failures count together."""
    message = problem.message.split(" (got ", 1)[0]
    return f"{problem.where}: {message}" if problem.where else message


class BatchReport:
    """Every response as done or failed, the counts the summary shows, and the exit code.

    Only counters are kept, never the results: memory stays flat however many responses pass.
    Each chunk of work is counted apart (in its worker), then merged.
    """

    def __init__(self) -> None:
        self.scored = 0
        self.failed = 0
        self.recommendations: Counter[str] = Counter()
        self.delegated: Counter[str] = Counter()
        self.warnings: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()

    def add(self, result: Result) -> None:
        if result.verdict is not None:
            self.done(result.verdict)
        else:
            self.fail(result.problems)

    def done(self, verdict: Verdict) -> None:
        self.scored += 1
        self.recommendations[verdict.recommendation] += 1
        delegated, warnings = self.delegated, self.warnings
        for activity in verdict.delegated:
            delegated[activity] += 1
        for code in verdict.warnings:
            warnings[code] += 1

    def fail(self, problems: tuple[Problem, ...]) -> None:
        self.failed += 1
        self.reasons.update({reason(p) for p in problems})

    def merge(self, other: BatchReport) -> None:
        self.scored += other.scored
        self.failed += other.failed
        self.recommendations.update(other.recommendations)
        self.delegated.update(other.delegated)
        self.warnings.update(other.warnings)
        self.reasons.update(other.reasons)

    @property
    def total(self) -> int:
        return self.scored + self.failed

    @property
    def exit_code(self) -> ExitCode:
        """Every response scored: OK; some failed (the good ones are still written in full):
        SOME_FAILED; nothing could be scored at all: INVALID_INPUT."""
        if not self.scored:
            return ExitCode.INVALID_INPUT
        return ExitCode.SOME_FAILED if self.failed else ExitCode.OK

    def __str__(self) -> str:
        if not self.total:
            return "nothing to score: no answers files, CSV rows or JSONL lines in the inputs"
        return f"{self.scored} scored, {self.failed} failed"


class Output(NamedTuple):
    """A chunk of responses, done: the output text of its rows, their counts, the failures
    (for their messages) and, with `--report-dir`, the results that carry a report."""

    text: str
    counts: BatchReport
    failures: list[Result]
    reports: list[Result]
