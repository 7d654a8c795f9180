"""The `batch` command: score many answers files and form exports, stream a row per response
and a summary, keep going past failures; the Report owns the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from outsource_advisor.batch.formats import BatchFormat, StdinFormat
from outsource_advisor.cli.common import LangOption, OutputOption, QuestionnaireOption, err, exit_codes, pick_language
from outsource_advisor.render import ReportFormat

if TYPE_CHECKING:
    from outsource_advisor.batch.results import Output
    from outsource_advisor.errors import ExitCode


# Reports from `batch --report-dir` default to Markdown where the registry has it.
DEFAULT_REPORT_FORMAT = next((f for f in ReportFormat if f.value in ("markdown", "md")), ReportFormat.TABLE)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Answers files (YAML, JSON), folders (searched for them), CSV or JSONL files with a response "
            "per row or line, or - for standard input."
        ),
    ],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[BatchFormat, typer.Option("--format", "-f", help="Output format.")] = BatchFormat.TABLE,
    output: OutputOption = None,
    columns: Annotated[
        Path | None,
        typer.Option("--columns", help="A column mapping (YAML) for the headers and labels of a form export."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes (see the README for when they pay).")
    ] = 1,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV field delimiter: one character, or 'tab'. Default ','.")
    ] = None,
    stdin_format: Annotated[
        StdinFormat, typer.Option("--stdin-format", help="What standard input holds (default: guessed).")
    ] = StdinFormat.AUTO,
    report_dir: Annotated[
        Path | None, typer.Option("--report-dir", help="Also write each respondent's report into this folder.")
    ] = None,
    report_format: Annotated[
        ReportFormat, typer.Option("--report-format", help="Format of the reports in --report-dir.")
    ] = DEFAULT_REPORT_FORMAT,
    lang: LangOption = None,
) -> None:
    """Score many responses; write a row for each, then a summary. Exit 3 if some failed."""
    with exit_codes():
        code = _batch(
            inputs, questionnaire, fmt, output, columns, jobs, delimiter, stdin_format, report_dir, report_format, lang
        )
    raise typer.Exit(code)


def _batch(
    inputs: list[str],
    questionnaire: str | None,
    fmt: BatchFormat,
    output: Path | None,
    columns: Path | None,
    jobs: int,
    delimiter: str | None,
    stdin_format: StdinFormat,
    report_dir: Path | None,
    report_format: ReportFormat,
    lang: str | None,
) -> ExitCode:
    from outsource_advisor.batch.columns import load_columns, plan_columns
    from outsource_advisor.batch.output import formatter
    from outsource_advisor.batch.reportdir import ReportDir
    from outsource_advisor.batch.runner import Run, run_batch
    from outsource_advisor.batch.scorer import Options, Scorer
    from outsource_advisor.batch.sources import Inputs
    from outsource_advisor.errors import UsageError
    from outsource_advisor.files.atomic import refuse_overwriting
    from outsource_advisor.files.loading import STDIN
    from outsource_advisor.files.yamlio import size_limit

    if inputs.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    mapping = load_columns(columns) if columns is not None else None
    ref = questionnaire or (mapping.questionnaire if mapping is not None else None)
    import datetime

    today = datetime.date.today().isoformat()
    options = Options(ref, report_format.value if report_dir is not None else None, lang, fmt.value, today)
    scorer = Scorer(options)
    q = scorer.questionnaire(ref)  # a wrong questionnaire is one error, before anything is read
    if lang is not None:
        pick_language(q, lang)
    files = [Path(given) for given in inputs if given != STDIN]
    refuse_overwriting(output, files)
    if report_dir is not None and any(f.is_dir() and f.resolve() == report_dir.resolve() for f in files):
        raise UsageError(f"{report_dir}: the report folder cannot be an input folder")
    source = Inputs(
        paths=inputs,
        planner=lambda header: plan_columns(header, q, mapping),
        delimiter=_delimiter(delimiter or (mapping.delimiter if mapping is not None else ",")),
        stdin_format=stdin_format,
        stdin=sys.stdin.buffer if STDIN in inputs else None,
        exclude=[p for p in (output, report_dir, columns) if p is not None],
        size_limit=size_limit(),
    )
    reports = ReportDir(report_dir, report_format.value) if report_dir is not None else None
    with _batch_output(output) as (write, commit), _progress(sys.stderr.isatty()) as on_output:
        report = run_batch(Run(source, options, jobs, reports), scorer, formatter(fmt), write, on_output)
        if report.scored:
            commit()
    err(str(report))
    return report.exit_code


def _delimiter(given: str) -> str:
    from outsource_advisor.errors import UsageError

    value = "\t" if given.lower() in ("tab", "\\t") else given
    if len(value) != 1 or value in '\r\n"':
        raise UsageError(f"--delimiter must be one character (or 'tab'), not {given!r}")
    return value


def _to_stdout(text: str) -> None:
    # Looked up at each call: the progress bar may redirect standard output while it runs.
    sys.stdout.write(text)


@contextmanager
def _batch_output(path: Path | None) -> Iterator[tuple[Callable[[str], None], Callable[[], None]]]:
    """Where the batch output goes: standard output as it comes, or a file that appears only
    complete (and only if `commit` is called: a run that scored nothing leaves no file)."""
    if path is None:
        yield _to_stdout, sys.stdout.flush
        return
    from outsource_advisor.files.atomic import AtomicFile

    with AtomicFile(path) as out:
        yield out.write, out.commit


def _report_failures(output: Output, say: Callable[[str], None]) -> None:
    for result in output.failures:
        for problem in result.problems:
            say(f"error: {problem}")


@contextmanager
def _progress(on_terminal: bool) -> Iterator[Callable[[Output], None]]:
    """A progress bar on stderr when it is a terminal; failures are reported as they come."""
    if not on_terminal:
        yield lambda output: _report_failures(output, err)
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from outsource_advisor.model.text import clean

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("scoring", total=None)
        counts = [0, 0]

        def on_output(output: Output) -> None:
            counts[0] += output.counts.scored
            counts[1] += output.counts.failed
            _report_failures(output, lambda line: progress.console.print(Text(clean(line))))
            progress.update(task, description=f"{counts[0]} scored, {counts[1]} failed")

        yield on_output
