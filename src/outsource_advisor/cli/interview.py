"""The `interview` command: run the pure interview loop with the rich asker, autosaving every
answer; on a stop, save and say how to resume; at the end, review and report."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from outsource_advisor.cli.common import (
    QuestionnaireOption,
    err,
    exit_codes,
    full_report,
    pick_language,
)
from outsource_advisor.render import ReportFormat

if TYPE_CHECKING:
    from rich.console import Console

    from outsource_advisor.interview.autosave import Session
    from outsource_advisor.interview.entries import Wording
    from outsource_advisor.interview.loop import InterviewState


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

        from outsource_advisor.interview.autosave import open_session

        today = datetime.date.today().isoformat()
        session = open_session(questionnaire, answers, today=today, interviewer=interviewer)
        language = pick_language(session.questionnaire, lang)
        console = Console(highlight=False)
        state = _conduct(session, language, console, _resume_command(session.path, questionnaire, lang))
        _show_result(session, state, language, console)


def _conduct(session: Session, language: str, console: Console, resume: str) -> InterviewState:
    """Run the interview, saving after every answer; a stop saves, says how to resume, and exits."""
    from outsource_advisor.errors import ExitCode
    from outsource_advisor.interview.autosave import save_answers
    from outsource_advisor.interview.entries import Wording
    from outsource_advisor.interview.loop import InputEnded, Interrupted, run_interview
    from outsource_advisor.interview.prompts import ConsoleAsker, hangup_as_interrupt, show_intro, terminal_input

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
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except InputEnded as stop:
            if stream is not None and asker.lines_read == 0:
                err(words.msg("interview.no_input"))
            else:
                _stopped(session, stop.state, words, "interview.input_ended", resume)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None


def _stopped(session: Session, state: InterviewState, words: Wording, key: str, resume: str) -> None:
    """Save what was given (again: the stop may have cut a save short) and say how to resume."""
    from outsource_advisor.interview.autosave import save_answers
    from outsource_advisor.interview.loop import progress

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
    from rich.text import Text

    from outsource_advisor.i18n.messages import message
    from outsource_advisor.interview.autosave import answers_document, save_answers
    from outsource_advisor.model.answers import validate_answers
    from outsource_advisor.model.text import clean
    from outsource_advisor.render import render_report

    q = session.questionnaire
    save_answers(session.path, q, state)
    checked = validate_answers(q, answers_document(q, state))
    report = full_report(q, checked, language, color=console.is_terminal, width=console.width)
    console.print()
    sys.stdout.write(render_report(ReportFormat.TABLE, report))
    sys.stdout.flush()
    console.print()
    console.print(Text(message("interview.saved", language).format(path=clean(str(session.path))), style="bold"))
