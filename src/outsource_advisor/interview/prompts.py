"""The interview on a terminal: rich screens for each question and the review.

The asker reads one line per prompt: from the terminal through `input()` (with line editing
once readline is loaded, see `terminal_input`), or from any text stream through
`Console.input` (a script piped to standard input, a test's `io.StringIO`). It shows help and
explains wrong entries itself, so the loop only ever hears answers, `back` and notes.

Questionnaire and user texts are printed as `Text`, never as markup: a company called `[red]`
prints as typed.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from outsource_advisor.interview.autosave import Session
from outsource_advisor.interview.entries import (
    Help,
    Invalid,
    Wording,
    allowed,
    parse_entry,
    sentence,
    tidy,
)
from outsource_advisor.interview.loop import Back, Note, Response, Review, ReviewRow, Step, progress
from outsource_advisor.model.questionnaire import MultiChoice, SingleChoice
from outsource_advisor.model.text import clean

_ESCAPE = re.compile(r"(\x1b\[[0-9;]*m)")


class ConsoleAsker:
    """Asks on a rich console. `stream` None reads the terminal; any other stream is read line
    by line and each line is echoed, so a scripted interview leaves a readable transcript."""

    def __init__(self, console: Console, words: Wording, stream: TextIO | None = None) -> None:
        self.console = console
        self.words = words
        self.stream = stream
        self.lines_read = 0
        self._section: str | None = None
        self._on_screen: str | None = None

    def ask(self, step: Step) -> Response:
        if step.qid == self._on_screen:
            self._note_saved(step)  # asked again after a note, now saved: the question is still on screen
        else:
            self._show(step)
        while True:
            match parse_entry(step, self._read(self._prompt(step)), self.words):
                case Help():
                    self._help(step)
                case Invalid(message):
                    self.console.print(Text(message, style="red"))
                case Note() as note:
                    return note
                case Back() as back:
                    self._on_screen = None
                    return back
                case answer:
                    self._on_screen = None
                    return answer

    def review(self, review: Review) -> int | None:
        self._on_screen = self._section = None
        self.console.print()
        self.console.print(self._review_table(review))
        self._show_review_notes(review)
        count = len(review.rows)
        prompt = Text(self.words.msg("interview.review.prompt") + ": ", style="bold")
        while True:
            entry = tidy(self._read(prompt))
            if not entry:
                return None
            if entry.isascii() and entry.isdigit() and 1 <= int(entry) <= count:
                return int(entry)
            self.console.print(Text(self.words.msg("interview.review.invalid", count=count), style="red"))

    def _read(self, prompt: Text) -> str:
        """One line; EOFError at the end of the input, or when the terminal is gone."""
        try:
            if self.stream is None:
                line = input(self._terminal_prompt(prompt))
            else:
                line = self.console.input(prompt, stream=self.stream)
        except OSError:
            raise EOFError from None
        if self.stream is not None:
            if not line:
                raise EOFError
            self.console.print(Text(clean(line.rstrip("\r\n"))), highlight=False)
        self.lines_read += 1
        return line

    def _terminal_prompt(self, prompt: Text) -> str:
        """The prompt rendered for `input()` itself, so that line editing knows where the typing
        starts (readline otherwise skips the line break after an empty entry, and misplaces the
        cursor on long lines); escape codes are marked as taking no room on screen."""
        with self.console.capture() as capture:
            self.console.print(prompt, end="")
        rendered = capture.get()
        return _ESCAPE.sub("\x01\\1\x02", rendered) if "readline" in sys.modules else rendered

    def _show(self, step: Step) -> None:
        words = self.words
        if step.section.id != self._section:
            self._section = step.section.id
            self.console.print()
            self.console.rule(Text(words.text(step.section.title), style="bold cyan"))
        self.console.print()
        self.console.print(Text(words.msg("interview.progress", number=step.number, total=step.total), style="dim"))
        self.console.print(Text(words.text(step.question.question.text), style="bold"))
        self._show_choices(step)
        self.console.print(Text(words.msg("interview.hint"), style="dim"))
        if step.answered:
            label = words.answer(step.qid, step.current)
            self.console.print(Text(words.msg("interview.current", answer=clean(label))))
        self._show_note(step)
        self._on_screen = step.qid

    def _show_choices(self, step: Step) -> None:
        question = step.question.question
        if isinstance(question, SingleChoice | MultiChoice):
            table = Table.grid(padding=(0, 2))
            table.add_column(justify="right")
            for number, option in enumerate(step.options, 1):
                table.add_row(Text(str(number)), Text(self.words.text(option.label)), Text(option.value, style="dim"))
            self.console.print(Padding(table, (0, 0, 0, 2), expand=False))
        if not isinstance(question, SingleChoice):
            self.console.print(Text("  " + sentence(allowed(step, self.words)), style="dim"))

    def _note_saved(self, step: Step) -> None:
        key = "interview.note_saved" if step.note else "interview.note_removed"
        self.console.print(Text(self.words.msg(key), style="green"))
        self._show_note(step)

    def _show_note(self, step: Step) -> None:
        if step.note:
            self.console.print(Text(self.words.msg("interview.note", note=clean(step.note)), style="italic yellow"))

    def _prompt(self, step: Step) -> Text:
        words = self.words
        if step.answered:
            extra = words.msg("interview.enter_keeps")
            if not step.required:
                extra += "; " + words.msg("interview.dash_clears")
        elif not step.required:
            extra = words.msg("interview.enter_skips")
        else:
            extra = ""
        prompt = Text(words.msg("interview.prompt"), style="bold")
        if extra:
            prompt.append(f" ({extra})", style="dim")
        prompt.append(": ")
        return prompt

    def _help(self, step: Step) -> None:
        words = self.words
        text = words.text(step.question.question.help) or words.msg("interview.no_help")
        self.console.print(Text(text, style="cyan"))
        for number, option in enumerate(step.options, 1):
            if option.help:
                line = Text(f"  {number:>2}  {words.text(option.label)}: ", style="cyan")
                line.append(words.text(option.help))
                self.console.print(line)
        self.console.print(Text(sentence(allowed(step, words)), style="dim"))

    def _review_table(self, review: Review) -> Table:
        words = self.words
        table = Table(title=Text(words.msg("interview.review.title"), style="bold"), box=box.SIMPLE_HEAD, expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(words.msg("interview.column.question"), ratio=4)
        table.add_column(words.msg("interview.column.answer"), ratio=2)
        notes = any(row.note for row in review.rows)
        if notes:
            table.add_column(words.msg("interview.column.note"), ratio=2)
        for row in review.rows:
            question, answer, note = self._row_cells(row)
            cells = [Text(str(row.number)), question, answer, *([note] if notes else [])]
            table.add_row(*cells, style="" if row.answered else "red")
        return table

    def _row_cells(self, row: ReviewRow) -> tuple[Text, Text, Text]:
        """Question, answer and note of a review row, as text that is never read as markup."""
        words = self.words
        answer = words.answer(row.question.id, row.value) if row.answered else "—"
        return (
            Text(words.text(row.question.question.text)),
            Text(clean(answer)),
            Text(clean(row.note), style="italic yellow"),
        )

    def _show_review_notes(self, review: Review) -> None:
        words = self.words
        if review.general_note:
            self.console.print(Text(words.msg("interview.review.general_note", note=clean(review.general_note))))
        if review.ignored:
            self.console.print(Text(words.msg("interview.review.ignored"), style="yellow"))
            for row in review.ignored:
                question, answer, _ = self._row_cells(row)
                self.console.print(Text("  ", style="yellow").append(question).append(" → ").append(answer))


def show_intro(console: Console, words: Wording, session: Session) -> None:
    """What the interview is, where the answers go, how far a resumed one got, and the keys."""
    q, path = session.questionnaire, clean(str(session.path))
    console.print(Text(words.msg("interview.title", title=words.text(q.title)), style="bold"))
    if session.resumed:
        done, total = progress(q, session.state)
        console.print(Text(words.msg("interview.resuming", path=path, done=done, total=total)))
    else:
        console.print(Text(words.msg("interview.saving_to", path=path)))
    if session.written_for is not None:
        old, new = session.written_for, q.version
        console.print(Text(words.msg("interview.other_version", old=old, new=new), style="yellow"))
    console.print(Text(words.msg("interview.keys"), style="dim"))


def terminal_input() -> TextIO | None:
    """None for a terminal, read with line editing; any other standard input is read line by
    line, one answer per prompt (a scripted interview), and never waited on after it ends."""
    if sys.stdin is None:  # started with standard input closed
        return io.StringIO()
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - loading it gives input() line editing and history
        return None
    return sys.stdin


@contextmanager
def hangup_as_interrupt() -> Iterator[None]:
    """A closed terminal (SIGHUP) stops the interview as Ctrl-C does, so the answers are saved
    and a save in progress cleans up its temp file, instead of the process dying mid-write."""
    if not hasattr(signal, "SIGHUP"):  # pragma: no cover - Windows
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # one is enough: let the answers be saved
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGHUP, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)
