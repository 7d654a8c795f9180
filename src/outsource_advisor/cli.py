"""The command line. It reads files, calls the engine, renders; it is the only place that
turns errors into messages and exit codes.

Heavy modules (pydantic models, the engine, rich renderers) are imported inside the commands
that need them, so `--help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from outsource_advisor.formats import BatchFormat, StdinFormat
from outsource_advisor.render import ReportFormat

if TYPE_CHECKING:
    from outsource_advisor.answers import Answers
    from outsource_advisor.batch import Output
    from outsource_advisor.questionnaire import Questionnaire

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="outsource-advisor",
    help="Should a company run its social media in-house, with an agency, or both?",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
questionnaire_app = typer.Typer(
    help="List, show and describe questionnaires.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(questionnaire_app, name="questionnaire")


class SchemaKind(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    ANSWERS = "answers"


def err(line: str) -> None:
    """One line on stderr, with control characters removed (it may quote user text)."""
    from outsource_advisor.text import clean

    sys.stderr.write(clean(line) + "\n")


@contextmanager
def exit_codes() -> Iterator[None]:
    """The one place where our exceptions become messages and exit codes."""
    from outsource_advisor.errors import InputError, UsageError

    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            err(f"error: {problem}")
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    except UsageError as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


QuestionnaireOption = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        "-q",
        help="A questionnaire id (see 'questionnaire list') or a YAML file. "
        "Default: the one the answers name, else social-media.",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", "-l", help="Report language (en, it). Default: the questionnaire's first."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output."),
]


def read_answers_source(source: str) -> tuple[Any, str, str]:
    """Parse an answers file, or standard input for `-`; returns data, text and a display name."""
    from outsource_advisor.errors import InputError, Problem
    from outsource_advisor.loading import parse_answers_text, read_answers
    from outsource_advisor.yamlio import MAX_FILE_BYTES, decode

    if source == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        name = "<stdin>"
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise InputError([Problem(f"input is larger than {MAX_FILE_BYTES // 1024} KiB")])
            text = decode(raw)
            kind = "stdin.json" if text.lstrip().startswith("{") else "stdin.yaml"
            return parse_answers_text(text, kind), text, name
        except InputError as exc:
            raise exc.located(file=name) from None
    data, text = read_answers(Path(source))
    return data, text, source


def pick_language(questionnaire: Questionnaire, lang: str | None) -> str:
    from outsource_advisor.errors import UsageError

    if lang is None:
        return questionnaire.default_language
    if lang not in questionnaire.languages:
        raise UsageError(
            f"language {lang!r} is not available; this questionnaire has: {', '.join(questionnaire.languages)}"
        )
    return lang


def load_for_answers(data: Any, questionnaire: str | None) -> Questionnaire:
    """The questionnaire to check answers against: the one asked for, else the one they name."""
    from outsource_advisor.loading import answers_questionnaire_id, load_questionnaire

    return load_questionnaire(questionnaire or answers_questionnaire_id(data))


def note_answers(answers: Answers, questionnaire: Questionnaire, name: str) -> None:
    """Tell the user about answers that were ignored or written for another version."""
    for qid in answers.ignored:
        err(f"note: {name}: answers.{qid}: ignored, the question is not asked for these answers")
    version = answers.questionnaire_version
    if version is not None and version != questionnaire.version:
        err(f"note: {name}: answers were written for version {version}, scored with {questionnaire.version}")


def emit(text: str, output: Path | None) -> None:
    """Print to standard output, or write the file atomically."""
    from outsource_advisor.fileio import write_atomic

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


@app.command()
def assess(
    answers: Annotated[str, typer.Argument(help="The answers file (YAML or JSON), or - for standard input.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.TABLE,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Score one answers file and report the recommendation."""
    with exit_codes():
        from outsource_advisor.engine import score
        from outsource_advisor.fileio import refuse_overwriting
        from outsource_advisor.loading import check_answers_text
        from outsource_advisor.render import Report, render_report

        if answers != "-":
            refuse_overwriting(output, [Path(answers)])
        data, text, name = read_answers_source(answers)
        q = load_for_answers(data, questionnaire)
        language = pick_language(q, lang)
        checked = check_answers_text(q, data, text, name)
        note_answers(checked, q, name)
        assessment = score(q, checked, lang=language)
        report = Report(assessment, q, checked, language, color=output is None and sys.stdout.isatty())
        emit(render_report(fmt, report), output)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Questionnaire or answers files to check.")],
    questionnaire: QuestionnaireOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat scoring lint warnings as errors.")] = False,
) -> None:
    """Check questionnaires and answers files; lint a questionnaire's scoring."""
    from outsource_advisor.errors import InputError

    failed = 0
    for path in files:
        try:
            with exit_codes():
                warnings = _validate_one(path, questionnaire)
                if strict and warnings:
                    failed += 1
        except typer.Exit as exc:
            if exc.exit_code != EXIT_INVALID_INPUT:
                raise
            failed += 1
        except InputError:  # pragma: no cover - exit_codes translates it
            failed += 1
    if failed:
        raise typer.Exit(EXIT_INVALID_INPUT)


def _validate_one(path: Path, questionnaire: str | None) -> int:
    """Validate one file, print its verdict; returns the number of lint warnings."""
    from outsource_advisor.errors import InputError, Problem
    from outsource_advisor.lint import lint
    from outsource_advisor.loading import check_answers_text, parse_questionnaire
    from outsource_advisor.yamlio import line_of, load_document

    data, text = load_document(path)
    if isinstance(data, dict) and "sections" in data:
        q = parse_questionnaire(data, text, str(path))
        warnings = lint(q)
        for w in warnings:
            err(f"warning: {w.located(file=str(path), line=line_of(text, w.loc))}")
        print(f"ok: {path}: questionnaire {q.id!r} version {q.version}")
        return len(warnings)
    if isinstance(data, dict) and ("answers" in data or "questionnaire" in data):
        q = load_for_answers(data, questionnaire)
        checked = check_answers_text(q, data, text, str(path))
        note_answers(checked, q, str(path))
        print(f"ok: {path}: answers for {q.id!r} ({len(checked.values)} answered)")
        return 0
    raise InputError([Problem("neither a questionnaire (no 'sections') nor answers (no 'answers')", file=str(path))])


# Reports from `batch --report-dir` default to Markdown where the registry has it.
DEFAULT_REPORT_FORMAT = next((f for f in ReportFormat if f.value in ("markdown", "md")), ReportFormat.TABLE)


@app.command()
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
) -> int:
    from outsource_advisor.batch import Options, Scorer
    from outsource_advisor.columns import load_columns, plan_columns
    from outsource_advisor.errors import UsageError
    from outsource_advisor.fileio import refuse_overwriting
    from outsource_advisor.render.batch import formatter
    from outsource_advisor.reportdir import ReportDir
    from outsource_advisor.runner import Run, run_batch
    from outsource_advisor.sources import STDIN, Inputs

    if inputs.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    mapping = load_columns(columns) if columns is not None else None
    ref = questionnaire or (mapping.questionnaire if mapping is not None else None)
    options = Options(ref, report_format.value if report_dir is not None else None, lang, fmt.value)
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
        exclude=[p for p in (output, report_dir) if p is not None],
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
    from outsource_advisor.fileio import AtomicFile

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

    from outsource_advisor.text import clean

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


@questionnaire_app.command("list")
def questionnaire_list() -> None:
    """List the questionnaires shipped with the program."""
    with exit_codes():
        from outsource_advisor.loading import builtin_ids, load_questionnaire
        from outsource_advisor.text import localize

        for qid in builtin_ids():
            q = load_questionnaire(qid)
            title = localize(q.title, q.default_language, q.default_language)
            print(f"{q.id}\t{q.version}\t{', '.join(q.languages)}\t{title}")


@questionnaire_app.command("show")
def questionnaire_show(
    questionnaire: Annotated[str, typer.Argument(help="A questionnaire id or file.")],
    lang: LangOption = None,
) -> None:
    """Show a questionnaire's sections and questions, with the values each accepts."""
    with exit_codes():
        from outsource_advisor.loading import load_questionnaire
        from outsource_advisor.render.outline import render_outline

        q = load_questionnaire(questionnaire)
        emit(render_outline(q, pick_language(q, lang)), None)


@questionnaire_app.command("schema")
def questionnaire_schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which format.")] = SchemaKind.QUESTIONNAIRE,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Print the JSON Schema of the questionnaire format, or of one questionnaire's answers."""
    with exit_codes():
        import json

        from outsource_advisor.loading import load_questionnaire
        from outsource_advisor.schema import answers_schema, questionnaire_schema

        if kind is SchemaKind.QUESTIONNAIRE:
            schema = questionnaire_schema()
        else:
            schema = answers_schema(load_questionnaire(questionnaire))
        emit(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", None)


def main() -> None:
    """Console entry point: a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_OK)
