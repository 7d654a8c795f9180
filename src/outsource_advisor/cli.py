"""The command line. It reads files, calls the engine, renders; it is the only place that
turns errors into messages and exit codes.

Heavy modules (pydantic models, the engine, rich renderers) are imported inside the commands
that need them, so `--help` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from outsource_advisor.render import ReportFormat

if TYPE_CHECKING:
    from rich.console import Console

    from outsource_advisor.answers import Answers
    from outsource_advisor.entries import Wording
    from outsource_advisor.interview import InterviewState
    from outsource_advisor.interview_file import Session
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


def _print_version(value: bool) -> None:
    if value:
        from outsource_advisor import __version__

        print(f"outsource-advisor {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Should a company run its social media in-house, with an agency, or both?"""


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
    from outsource_advisor.yamlio import decode, size_limit

    if source == "-":
        limit = size_limit()
        raw = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
        try:
            if len(raw) > limit:
                raise InputError([Problem(f"the input is larger than the {limit} bytes limit")])
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


def load_for_answers(data: Any, questionnaire: str | None, text: str = "", name: str = "") -> Questionnaire:
    """The questionnaire to check answers against: the one asked for, else the one they name
    (then a wrong name is a mistake in the answers file, and is reported there)."""
    from outsource_advisor.errors import InputError
    from outsource_advisor.loading import answers_questionnaire_id, load_questionnaire
    from outsource_advisor.yamlio import line_of

    named = answers_questionnaire_id(data)
    try:
        return load_questionnaire(questionnaire or named)
    except InputError as exc:
        if questionnaire is None and named is not None and exc.problems[0].file is None:
            line = line_of(text, ("questionnaire",))
            raise InputError([p.located(file=name, line=line) for p in exc.problems]) from None
        raise


def note_answers(answers: Answers, questionnaire: Questionnaire, name: str) -> None:
    """Tell the user about answers that were ignored, written for another version, or saved by an
    interview that was not finished."""
    if answers.complete is False:
        err(f"note: {name}: the interview that wrote these answers was not finished (complete: false)")
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
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format: table (for the terminal), json, markdown, or html (one self-contained page).",
        ),
    ] = ReportFormat.TABLE,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Score one answers file and report the recommendation."""
    with exit_codes():
        import datetime

        from outsource_advisor.advice import advise
        from outsource_advisor.engine import score
        from outsource_advisor.fileio import refuse_overwriting
        from outsource_advisor.loading import check_answers_text
        from outsource_advisor.render import Report, render_report

        if answers != "-":
            refuse_overwriting(output, [Path(answers)])
        data, text, name = read_answers_source(answers)
        q = load_for_answers(data, questionnaire, text, name)
        language = pick_language(q, lang)
        checked = check_answers_text(q, data, text, name)
        note_answers(checked, q, name)
        assessment = advise(q, checked, score(q, checked, lang=language), language)
        color = output is None and sys.stdout.isatty()
        report = Report(assessment, q, checked, language, color=color, date=datetime.date.today().isoformat())
        emit(render_report(fmt, report), output)


class CompareFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def compare(
    old: Annotated[Path, typer.Argument(help="The earlier answers file, or a saved JSON result.")],
    new: Annotated[Path, typer.Argument(help="The later answers file, or a saved JSON result.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.TABLE,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Re-assessment: what changed in the answers, scores, recommendation and plan."""
    with exit_codes():
        import dataclasses
        import json

        from outsource_advisor.compare import compare as compare_assessments
        from outsource_advisor.fileio import refuse_overwriting

        refuse_overwriting(output, [old, new])
        before = _comparable(old, questionnaire, lang)
        after = _comparable(new, questionnaire, lang)
        comparison = compare_assessments(before, after, str(old), str(new))
        for note in comparison.notes:
            err(f"note: {note}")
        if fmt is CompareFormat.JSON:
            text = json.dumps(dataclasses.asdict(comparison), ensure_ascii=False, indent=2) + "\n"
        else:
            from outsource_advisor.render.terminal import render_comparison_text

            text = render_comparison_text(comparison, lang or "en", color=output is None and sys.stdout.isatty())
        emit(text, output)


def _comparable(path: Path, questionnaire: str | None, lang: str | None) -> Any:
    """An assessment from a saved JSON result, or by scoring an answers file."""
    from outsource_advisor.engine import score
    from outsource_advisor.loading import check_answers_text, parse_assessment_result
    from outsource_advisor.yamlio import load_document

    data, text = load_document(path)
    if isinstance(data, dict) and "recommendation" in data and "scores" in data:
        return parse_assessment_result(data, str(path))
    q = load_for_answers(data, questionnaire, text, str(path))
    checked = check_answers_text(q, data, text, str(path))
    return score(q, checked, lang=pick_language(q, lang))


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
        q = load_for_answers(data, questionnaire, text, str(path))
        checked = check_answers_text(q, data, text, str(path))
        note_answers(checked, q, str(path))
        print(f"ok: {path}: answers for {q.id!r} ({len(checked.values)} answered)")
        return 0
    raise InputError([Problem("neither a questionnaire (no 'sections') nor answers (no 'answers')", file=str(path))])


@app.command()
def interview(
    questionnaire: QuestionnaireOption = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            "-a",
            help="Save every answer to this file (YAML; JSON for a .json name) and resume from it when it exists. "
            "Default: answers-<questionnaire>-<date>.yaml in this folder.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Interview language (en, it). Default: the questionnaire's first."),
    ] = None,
    interviewer: Annotated[
        str | None, typer.Option("--interviewer", help="Who runs the interview, saved in the answers file.")
    ] = None,
) -> None:
    """Ask the questions one at a time, saving every answer; then review them and show the report."""
    with exit_codes():
        import datetime

        from rich.console import Console

        from outsource_advisor.interview_file import open_session

        today = datetime.date.today().isoformat()
        session = open_session(questionnaire, answers, today=today, interviewer=interviewer)
        language = pick_language(session.questionnaire, lang)
        console = Console(highlight=False)
        state = _conduct(session, language, console, _resume_command(session.path, questionnaire, lang))
        _show_result(session, state, language, console)


def _conduct(session: Session, language: str, console: Console, resume: str) -> InterviewState:
    """Run the interview, saving after every answer; a stop saves, says how to resume, and exits."""
    from outsource_advisor.entries import Wording
    from outsource_advisor.interview import InputEnded, Interrupted, run_interview
    from outsource_advisor.interview_file import save_answers
    from outsource_advisor.prompts import ConsoleAsker, hangup_as_interrupt, show_intro, terminal_input

    words = Wording(session.questionnaire, language)
    stream = terminal_input()
    asker = ConsoleAsker(console, words, stream)
    show_intro(console, words, session)

    def save(state: InterviewState) -> None:
        save_answers(session.path, session.questionnaire, state)

    with hangup_as_interrupt():
        try:
            return run_interview(session.questionnaire, session.state, asker, save)
        except Interrupted as stop:
            _stopped(session, stop.state, words, "interview.interrupted", resume)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except InputEnded as stop:
            if stream is not None and asker.lines_read == 0:
                err(words.msg("interview.no_input"))
            else:
                _stopped(session, stop.state, words, "interview.input_ended", resume)
            raise typer.Exit(EXIT_INVALID_INPUT) from None


def _stopped(session: Session, state: InterviewState, words: Wording, key: str, resume: str) -> None:
    """Save what was given (again: the stop may have cut a save short) and say how to resume."""
    from outsource_advisor.interview import progress
    from outsource_advisor.interview_file import save_answers

    if state != session.state:
        save_answers(session.path, session.questionnaire, state)
    if session.path.exists():
        done, total = progress(session.questionnaire, state)
        text = words.msg(key, path=session.path, done=done, total=total, command=resume)
    else:
        text = words.msg("interview.nothing_saved")
    with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
        sys.stderr.write("\n")
        err(text)


def _resume_command(path: Path, questionnaire: str | None, lang: str | None) -> str:
    import shlex

    words = ["outsource-advisor", "interview"]
    if questionnaire:
        words += ["--questionnaire", questionnaire]
    if lang:
        words += ["--lang", lang]
    return shlex.join([*words, "--answers", str(path)])


def _show_result(session: Session, state: InterviewState, language: str, console: Console) -> None:
    """The finished interview: save it, then the assessment report, then where the answers are."""
    import datetime

    from rich.text import Text

    from outsource_advisor.advice import advise
    from outsource_advisor.answers import validate_answers
    from outsource_advisor.engine import score
    from outsource_advisor.i18n import message
    from outsource_advisor.interview_file import answers_document, save_answers
    from outsource_advisor.render import Report, render_report
    from outsource_advisor.text import clean

    q = session.questionnaire
    save_answers(session.path, q, state)
    checked = validate_answers(q, answers_document(q, state))
    assessment = advise(q, checked, score(q, checked, lang=language), language)
    today = datetime.date.today().isoformat()
    report = Report(assessment, q, checked, language, color=console.is_terminal, width=console.width, date=today)
    console.print()
    sys.stdout.write(render_report(ReportFormat.TABLE, report))
    sys.stdout.flush()
    console.print()
    console.print(Text(message("interview.saved", language).format(path=clean(str(session.path))), style="bold"))


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
