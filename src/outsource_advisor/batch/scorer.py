"""Scoring one task: an answers file, a document from standard input, a CSV row or a JSONL line,
each checked exactly as `assess` checks a file (the same messages, the same lines) and ending as
a `Result`. Whatever goes wrong with a task stays with it. Nothing here prints: the CLI does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from outsource_advisor.batch.formats import BatchFormat
from outsource_advisor.batch.output import formatter
from outsource_advisor.batch.results import BatchReport, Kind, Output, Result, Source, Task, Verdict, _new, failure
from outsource_advisor.errors import InputError, Problem

if TYPE_CHECKING:
    from outsource_advisor.batch.columns import ColumnPlan
    from outsource_advisor.batch.verdict import Verdicts
    from outsource_advisor.files.loading import Document
    from outsource_advisor.model.questionnaire import Questionnaire


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
        from outsource_advisor.files.loading import read_document

        try:
            document = read_document(path)
        except InputError as exc:
            return Result(source, problems=tuple(exc.problems))
        return self._answers(source, document)

    def _document(self, source: Source, text: str, as_json: bool) -> Result:
        from outsource_advisor.files.loading import parse_text

        return self._answers(source, parse_text(text, str(source), as_json=as_json))

    def _answers(self, source: Source, document: Document) -> Result:
        """An answers file, checked exactly as `assess` checks it (the same messages, lines)."""
        from outsource_advisor.files.loading import check_answers, questionnaire_for

        try:
            q = questionnaire_for(document, self.options.questionnaire, self.questionnaire)
            if self.options.report_format is None:
                quick = self.verdicts(q).quick(document.data)
                if quick is not None:
                    return Result(source, *quick)
            answers = check_answers(document, q)
        except InputError as exc:
            return failure(source, exc, document.data)
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
        from outsource_advisor.files.loading import Document, check_answers

        q = self.questionnaire(self.options.questionnaire)
        if self.options.report_format is None:
            quick = self.verdicts(q).quick(envelope)
            if quick is not None:
                return Result(source, *quick)
        try:
            answers = check_answers(Document(str(source), envelope), q)
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
