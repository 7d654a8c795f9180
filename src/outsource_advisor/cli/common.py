"""What every command shares: exit codes, the error gate, common options, reading answers,
and writing output. Only the CLI modules import it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from outsource_advisor.model.answers import Answers
    from outsource_advisor.model.questionnaire import Questionnaire
    from outsource_advisor.render import Report

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130


def err(line: str) -> None:
    """One line on stderr, with control characters removed (it may quote user text)."""
    from outsource_advisor.model.text import clean

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
    from outsource_advisor.files.loading import parse_answers_text, read_answers
    from outsource_advisor.files.yamlio import decode, size_limit

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
    from outsource_advisor.files.loading import answers_questionnaire_id, in_answers_file, load_questionnaire

    named = answers_questionnaire_id(data)
    try:
        return load_questionnaire(questionnaire or named)
    except InputError as exc:
        if questionnaire is None and named is not None and exc.problems[0].file is None:
            raise in_answers_file(exc, text, name) from None
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
    from outsource_advisor.files.atomic import write_atomic

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def full_report(q: Questionnaire, answers: Answers, lang: str, *, color: bool, width: int | None = None) -> Report:
    """What `assess` and a finished interview show: the assessment with decision support,
    dated today (the renderers never read the clock)."""
    import datetime

    from outsource_advisor.engine.advice import assess
    from outsource_advisor.render import Report

    today = datetime.date.today().isoformat()
    return Report(assess(q, answers, lang), q, answers, lang, color=color, width=width, date=today)
