"""The guided interview as a pure loop: no terminal, no files, no clock.

`run_interview` walks the questions shown under `when`, hands each one to an asker (which
talks to the person) and calls `on_answer` with the new state after every answer or note, so
the caller can save it at once. Ctrl-C and the end of the input leave the loop as exceptions
that carry the answers given so far (the idea of copier's `CopierAnswersInterrupt`): nothing
typed is lost, whoever catches them.

Moving through the questions: after an answer the interview goes to the next shown question.
Questions already answered are asked again (their answer as the default) only up to the
furthest question reached in this walk (the frontier), so `<` then Enter walks back to where
the person was, while answers loaded from a file are not asked again. After the last question
comes the review, where any answer can be changed by its number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from outsource_advisor.model.answers import settle
from outsource_advisor.model.compiled import CompiledQuestion, compiled_of
from outsource_advisor.model.questionnaire import Option, Questionnaire, Section

# The answer contract's free-text company name doubles as the respondent of the answers file.
RESPONDENT_QUESTION = "company_name"


@dataclass(frozen=True, slots=True)
class InterviewState:
    """Everything the person has said so far. `values` holds every answer given, in the order of
    the questionnaire, including answers to questions a later change has hidden (kept, so that
    changing the answer back restores them); `None` marks an optional question left unanswered."""

    values: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    respondent: str | None = None
    date: str | None = None
    interviewer: str | None = None
    # Cost assumptions from a resumed file: not asked about, but kept as they were.
    assumptions: dict[str, Any] | None = None

    def with_answer(self, questionnaire: Questionnaire, qid: str, value: Any) -> InterviewState:
        values = {**self.values, qid: value}
        ordered = {q: values[q] for q in questionnaire.questions if q in values}
        return replace(self, values=ordered)

    def with_note(self, qid: str, text: str) -> InterviewState:
        notes = {k: v for k, v in self.notes.items() if k != qid}
        if text:
            notes[qid] = text
        return replace(self, notes=notes)

    @property
    def given(self) -> dict[str, Any]:
        """The answers that are answers: without the questions left unanswered."""
        return {qid: v for qid, v in self.values.items() if v is not None}

    @property
    def name(self) -> str | None:
        """Who the answers are about: the company name when given, else the file's respondent."""
        company = self.values.get(RESPONDENT_QUESTION)
        return company if isinstance(company, str) and company.strip() else self.respondent


def shown(questionnaire: Questionnaire, state: InterviewState) -> list[CompiledQuestion]:
    """The questions shown for these answers, in order."""
    return compiled_of(questionnaire).visible(state.given)


def open_questions(questionnaire: Questionnaire, state: InterviewState) -> list[str]:
    """The shown questions the person has not dealt with yet (neither answered nor skipped)."""
    return [cq.id for cq in shown(questionnaire, state) if cq.id not in state.values]


def progress(questionnaire: Questionnaire, state: InterviewState) -> tuple[int, int]:
    """(questions dealt with, questions shown): `12 of 23 answered`."""
    questions = shown(questionnaire, state)
    return sum(1 for cq in questions if cq.id in state.values), len(questions)


def is_complete(questionnaire: Questionnaire, state: InterviewState) -> bool:
    """Every shown question has been put to the person."""
    return not open_questions(questionnaire, state)


@dataclass(frozen=True, slots=True)
class Step:
    """One question put to the person: what the asker shows, and what an entry is checked against."""

    question: CompiledQuestion
    options: tuple[Option, ...]
    section: Section
    number: int
    total: int
    answered: bool
    current: Any
    note: str

    @property
    def qid(self) -> str:
        return self.question.id

    @property
    def required(self) -> bool:
        return self.question.question.required


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to the question on screen; `None` leaves an optional question unanswered."""

    value: Any


@dataclass(frozen=True, slots=True)
class Back:
    """Go back to the question before."""


@dataclass(frozen=True, slots=True)
class Note:
    """Attach a note to the question on screen (an empty text removes it); the question stays."""

    text: str


Response = Answer | Back | Note


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One answer in the review; `number` is what to type to change it (None: not asked)."""

    number: int | None
    question: CompiledQuestion
    answered: bool
    value: Any
    note: str


@dataclass(frozen=True, slots=True)
class Review:
    """All shown questions with their answers, and the answers kept but ignored (hidden)."""

    rows: list[ReviewRow]
    ignored: list[ReviewRow]
    general_note: str


class Asker(Protocol):
    """Talks to the person. `ask` returns what they want for one question (help and wrong
    entries are the asker's business); `review` returns the number of an answer to change, or
    None to finish. Both may raise KeyboardInterrupt or EOFError; at the review, the end of
    the input finishes the interview."""

    def ask(self, step: Step) -> Response: ...

    def review(self, review: Review) -> int | None: ...


OnAnswer = Callable[[InterviewState], None]


class InterviewStopped(Exception):  # noqa: N818 - names the event, like KeyboardInterrupt
    """The interview ended early; `state` holds every answer given until then."""

    def __init__(self, state: InterviewState) -> None:
        super().__init__("the interview was stopped before the end")
        self.state = state


class Interrupted(InterviewStopped):
    """The person pressed Ctrl-C (or the terminal was closed)."""


class InputEnded(InterviewStopped):
    """The input ended (Ctrl-D, or the end of a script) before the interview did."""


def run_interview(
    questionnaire: Questionnaire, state: InterviewState, asker: Asker, on_answer: OnAnswer
) -> InterviewState:
    """Ask every open question, then review; returns the final state.

    Raises Interrupted or InputEnded, carrying the answers given so far.
    """
    return _Interview(questionnaire, state, asker, on_answer).run()


class _Interview:
    def __init__(self, q: Questionnaire, state: InterviewState, asker: Asker, on_answer: OnAnswer) -> None:
        self.q = q
        self.state = state
        self.asker = asker
        self.on_answer = on_answer
        self.order = {qid: i for i, qid in enumerate(q.questions)}
        self.sections = {question.id: s for s in q.sections for question in s.questions}
        self.frontier = -1

    def run(self) -> InterviewState:
        try:
            self._interview()
        except KeyboardInterrupt:
            raise Interrupted(self.state) from None
        except EOFError:
            raise InputEnded(self.state) from None
        return self.state

    def _interview(self) -> None:
        start = self._first_open()
        while True:
            if start is not None:
                self._walk(start)
            start = self._first_open()
            if start is not None:
                continue
            review = self._review()
            number = self._ask_review(review)
            if number is None:
                return
            start = review.rows[number - 1].question.id
            self.frontier = -1

    def _ask_review(self, review: Review) -> int | None:
        try:
            return self.asker.review(review)
        except EOFError:
            # A script that ends after the last answer accepts the review as it is.
            return None

    def _first_open(self) -> str | None:
        pending = open_questions(self.q, self.state)
        return pending[0] if pending else None

    def _walk(self, qid: str | None) -> None:
        """Ask from `qid` on, until there is no next question."""
        while qid is not None:
            self.frontier = max(self.frontier, self.order[qid])
            match self.asker.ask(self._step(qid)):
                case Back():
                    qid = self._previous(qid) or qid
                case Note(text):
                    self._save(self.state.with_note(qid, text))
                case Answer(value):
                    self._save(self.state.with_answer(self.q, qid, value))
                    qid = self._next(qid)

    def _save(self, state: InterviewState) -> None:
        self.state = state
        self.on_answer(state)

    def _next(self, qid: str) -> str | None:
        """The next shown question that is open, or already answered but before the frontier."""
        questions = [cq.id for cq in shown(self.q, self.state)]
        for later in questions[questions.index(qid) + 1 :]:
            if later not in self.state.values or self.order[later] <= self.frontier:
                return later
        return None

    def _previous(self, qid: str) -> str | None:
        questions = [cq.id for cq in shown(self.q, self.state)]
        index = questions.index(qid)
        return questions[index - 1] if index > 0 else None

    def _step(self, qid: str) -> Step:
        questions = shown(self.q, self.state)
        number = next(i for i, cq in enumerate(questions, 1) if cq.id == qid)
        cq = questions[number - 1]
        return Step(
            question=cq,
            options=tuple(self.q.options_of(cq.question)),
            section=self.sections[qid],
            number=number,
            total=len(questions),
            answered=qid in self.state.values,
            current=self.state.values.get(qid),
            note=self.state.notes.get(qid, ""),
        )

    def _review(self) -> Review:
        rows = [self._row(i, cq) for i, cq in enumerate(shown(self.q, self.state), 1)]
        compiled = compiled_of(self.q).by_id
        ignored = [self._row(None, compiled[qid]) for qid in settle(self.q, self.state.given).ignored]
        return Review(rows, ignored, self.state.notes.get("general", ""))

    def _row(self, number: int | None, cq: CompiledQuestion) -> ReviewRow:
        return ReviewRow(
            number=number,
            question=cq,
            answered=cq.id in self.state.values,
            value=self.state.values.get(cq.id),
            note=self.state.notes.get(cq.id, ""),
        )
