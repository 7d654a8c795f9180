"""Batch scoring: many responses, each ending as scored or failed, one bad one never stopping
the rest.

A response is a *task* (an answers file to read, a CSV row, a JSONL line, a document read from
standard input); `Scorer.process` turns one into a `Result`; a `BatchReport` counts them,
keeps the summary and owns the exit code. Nothing here prints: the CLI does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from outsource_advisor.batch.verdict import Verdict
from outsource_advisor.errors import InputError, Problem
from outsource_advisor.model.answers import NAME_MAX

if TYPE_CHECKING:
    from outsource_advisor.batch.columns import ColumnPlan
    from outsource_advisor.batch.verdict import Verdicts
    from outsource_advisor.model.questionnaire import Questionnaire

# The exit codes of a batch (the README's table): every response scored; some failed (the
# good ones are still written in full); nothing could be scored at all.
ALL_SCORED = 0
NOTHING_SCORED = 1
SOME_FAILED = 3


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
    DOCUMENT = 2  # payload: (text, a name whose suffix says JSON or YAML)
    ROW = 3  # payload: (ColumnPlan, cells)
    LINE = 4  # payload: the line's text (a JSON object)


class Task(NamedTuple):
    kind: int
    source: Source
    payload: Any


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
    if isinstance(name, int | float) and not isinstance(name, bool):
        return str(name)
    if not isinstance(name, str):
        return None
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 3] + "..."


@dataclass(frozen=True, slots=True)
class Options:
    """What every process needs to score a task: plain data, sent once to each worker."""

    questionnaire: str | None = None
    report_format: str | None = None
    lang: str | None = None
    output_format: str = "csv"
    date: str | None = None  # the reports' date when the answers give none (renderers read no clock)


class Scorer:
    """Scores tasks. Questionnaires are loaded and compiled once per process, then reused."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._questionnaires: dict[str | None, Questionnaire | InputError] = {}
        self._verdicts: dict[int, Verdicts] = {}
        self._quick_row: Any = None  # Verdicts.quick_row of the rows' questionnaire, once known
        self._formatter: Any = None

    def questionnaire(self, ref: str | None) -> Questionnaire:
        """The questionnaire for a reference (None: the default), loaded once per file it names
        (`social-media` and the default are one); a failure is remembered too."""
        if ref not in self._questionnaires:
            self._questionnaires[ref] = self._load(ref)
        found = self._questionnaires[ref]
        if isinstance(found, InputError):
            raise found
        return found

    def _load(self, ref: str | None) -> Questionnaire | InputError:
        from outsource_advisor.files.loading import load_questionnaire, resolve_questionnaire

        try:
            path = str(resolve_questionnaire(ref))
        except InputError as exc:
            return exc
        if path not in self._questionnaires:
            try:
                self._questionnaires[path] = load_questionnaire(path)
            except InputError as exc:
                self._questionnaires[path] = exc
        return self._questionnaires[path]

    def verdicts(self, q: Questionnaire) -> Verdicts:
        from outsource_advisor.batch.verdict import Verdicts

        key = id(q)
        if key not in self._verdicts:
            self._verdicts[key] = Verdicts(q)
        return self._verdicts[key]

    def work(self, items: list[Task | Result]) -> Output:
        """A chunk of items, scored, formatted and counted: all a worker process sends back."""
        from outsource_advisor.batch.formats import BatchFormat
        from outsource_advisor.batch.output import formatter

        if self._formatter is None:
            self._formatter = formatter(BatchFormat(self.options.output_format))
        results = self.process_all(items)
        counts = BatchReport()
        failures: list[Result] = []
        reports: list[Result] = []
        for result in results:
            counts.add(result)
            if result.verdict is None:
                failures.append(result)
            elif result.report is not None:
                reports.append(result)
        return Output(self._formatter.rows(results), counts, failures, reports)

    def process_all(self, items: list[Task | Result]) -> list[Result]:
        """The results of a chunk of items, in order (failed items pass through as they are)."""
        results: list[Result] = []
        append = results.append
        quick_row = self._row_verdicts()
        for item in items:
            if type(item) is Task:
                if item.kind == Kind.ROW and quick_row is not None:
                    # The common case, inlined: a plainly valid CSV row.
                    quick = quick_row(*item.payload)
                    if quick is not None:
                        append(_new(Result, (item.source, quick[0], quick[1], (), None)))
                        continue
                    append(self._guarded(self._row_checked, item.source, *item.payload))
                    continue
                append(self.process(item))
            else:
                append(item)  # type: ignore[arg-type]
        return results

    def _row_verdicts(self) -> Any:
        """Verdicts.quick_row for the rows' questionnaire (None when full reports are asked for)."""
        if self._quick_row is None and self.options.report_format is None:
            try:
                self._quick_row = self.verdicts(self.questionnaire(self.options.questionnaire)).quick_row
            except InputError:
                return None
        return self._quick_row

    def process(self, task: Task) -> Result:
        """One task's result; whatever goes wrong with it stays with it."""
        kind, source, payload = task
        if kind == Kind.ROW:
            return self._guarded(self._row, source, *payload)
        if kind == Kind.FILE:
            return self._guarded(self._file, source, payload)
        if kind == Kind.DOCUMENT:
            return self._guarded(self._document, source, *payload)
        return self._guarded(self._line, source, payload)

    @staticmethod
    def _guarded(step: Any, source: Source, *args: Any) -> Result:
        try:
            return step(source, *args)  # type: ignore[no-any-return]
        except InputError as exc:
            return failure(source, exc)
        except (RecursionError, ValueError, TypeError, KeyError, AttributeError) as exc:
            # A bug of ours must not stop the other responses; say so plainly.
            problem = Problem(f"internal error ({type(exc).__name__}: {exc}); please report it", file=str(source))
            return Result(source, problems=(problem,))

    def _file(self, source: Source, path: str) -> Result:
        from outsource_advisor.files.loading import read_answers

        try:
            data, text = read_answers(path)
        except InputError as exc:
            return Result(source, problems=tuple(exc.problems))
        return self._answers(source, data, text)

    def _document(self, source: Source, text: str, name: str) -> Result:
        from outsource_advisor.files.yamlio import parse_document

        return self._answers(source, parse_document(text, name=name), text)

    def _answers(self, source: Source, data: Any, text: str) -> Result:
        """An answers file, checked exactly as `assess` checks it (the same messages, lines)."""
        from outsource_advisor.files.loading import answers_questionnaire_id, check_answers_text, in_answers_file

        named = answers_questionnaire_id(data)
        try:
            try:
                q = self.questionnaire(self.options.questionnaire or named)
            except InputError as exc:
                if self.options.questionnaire is None and named is not None and exc.problems[0].file is None:
                    raise in_answers_file(exc, text, source.file) from None
                raise
            if self.options.report_format is None:
                quick = self.verdicts(q).quick(data)
                if quick is not None:
                    return Result(source, *quick)
            answers = check_answers_text(q, data, text, str(source))
        except InputError as exc:
            return failure(source, exc, data)
        return self._score(source, q, answers)

    def _row(self, source: Source, plan: ColumnPlan, cells: list[str]) -> Result:
        quick_row = self._row_verdicts()
        if quick_row is not None:
            quick = quick_row(plan, cells)
            if quick is not None:
                return Result(source, quick[0], quick[1])
        return self._row_checked(source, plan, cells)

    def _row_checked(self, source: Source, plan: ColumnPlan, cells: list[str]) -> Result:
        return self._envelope(source, plan.envelope(cells))

    def _line(self, source: Source, text: str) -> Result:
        from outsource_advisor.files.yamlio import parse_json

        try:
            data = parse_json(text)
        except InputError as exc:  # the line is the place: no line within it
            raise InputError([Problem(p.message, loc=p.loc) for p in exc.problems]) from None
        if not isinstance(data, dict):
            raise InputError([Problem("a line must be a JSON object: question ids and their answers")])
        if isinstance(data.get("answers"), dict):
            return self._envelope(source, data)
        answers = dict(data)
        return self._envelope(source, {"respondent": answers.pop("respondent", None), "answers": answers})

    def _envelope(self, source: Source, envelope: dict[str, Any]) -> Result:
        """A row or a line, as an answers envelope, checked as `assess` checks a file."""
        from outsource_advisor.model.answers import validate_answers

        q = self.questionnaire(self.options.questionnaire)
        if self.options.report_format is None:
            quick = self.verdicts(q).quick(envelope)
            if quick is not None:
                return Result(source, *quick)
        try:
            answers = validate_answers(q, envelope)
        except InputError as exc:
            return failure(source, exc, envelope)
        return self._score(source, q, answers)

    def _score(self, source: Source, q: Questionnaire, answers: Any) -> Result:
        if self.options.report_format is None:
            return Result(source, answers.respondent, self.verdicts(q).of(answers))
        from outsource_advisor.engine.advice import assess
        from outsource_advisor.render import Report, ReportFormat, render_report

        lang = self.options.lang if self.options.lang in q.languages else q.default_language
        assessment = assess(q, answers, lang)
        fmt = ReportFormat(self.options.report_format)
        report = render_report(fmt, Report(assessment, q, answers, lang, date=self.options.date))
        return Result(source, answers.respondent, Verdict.of(assessment), report=report)


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
    def exit_code(self) -> int:
        if not self.scored:
            return NOTHING_SCORED
        return SOME_FAILED if self.failed else ALL_SCORED

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
