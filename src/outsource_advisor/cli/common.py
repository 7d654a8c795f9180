"""What every command shares: the error gate, common options, notes about answers, and writing
output. Only the CLI modules import it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from outsource_advisor.model.answers import Answers
    from outsource_advisor.model.questionnaire import Questionnaire
    from outsource_advisor.render import Report


def err(line: str) -> None:
    """One line on stderr, with control characters removed (it may quote user text)."""
    from outsource_advisor.model.text import clean

    sys.stderr.write(clean(line) + "\n")


@contextmanager
def exit_codes() -> Iterator[None]:
    """The one place where our exceptions become messages and exit codes."""
    from outsource_advisor.errors import ExitCode, InputError, UsageError

    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            err(f"error: {problem}")
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except UsageError as exc:
        err(f"error: {exc}")
        raise typer.Exit(ExitCode.USAGE) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None


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


def pick_language(questionnaire: Questionnaire, lang: str | None) -> str:
    from outsource_advisor.errors import UsageError

    if lang is None:
        return questionnaire.default_language
    if lang not in questionnaire.languages:
        raise UsageError(
            f"language {lang!r} is not available; this questionnaire has: {', '.join(questionnaire.languages)}"
        )
    return lang


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
