"""The interview loop without a terminal: a scripted asker types what a person would."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from conftest import QUESTIONNAIRE
from interview_data import BAKERY, TYPED
from outsource_advisor.interview.entries import Help, Invalid, Wording, parse_entry
from outsource_advisor.interview.loop import (
    InputEnded,
    Interrupted,
    InterviewState,
    Response,
    Review,
    Step,
    is_complete,
    progress,
    run_interview,
)

WORDS = Wording(QUESTIONNAIRE, "en")


class Typist:
    """An asker that reads a script of typed lines: each line goes through `parse_entry`, as at
    the terminal. `KeyboardInterrupt` in the script is Ctrl-C; the end of the script is EOF."""

    def __init__(self, lines: Iterable[Any]) -> None:
        self.lines = list(lines)
        self.steps: list[Step] = []
        self.shown: list[str] = []  # help and error messages
        self.reviews: list[Review] = []

    def _next(self) -> str:
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        if line is KeyboardInterrupt:
            raise KeyboardInterrupt
        return str(line)

    def ask(self, step: Step) -> Response:
        self.steps.append(step)
        while True:
            entry = parse_entry(step, self._next(), WORDS)
            if isinstance(entry, Help | Invalid):
                self.shown.append(entry.message if isinstance(entry, Invalid) else "help")
                continue
            return entry

    def review(self, review: Review) -> int | None:
        self.reviews.append(review)
        line = self._next()
        return int(line) if line else None


class Saves(list[InterviewState]):
    """The `on_answer` callback: records every state it was asked to save."""

    def __call__(self, state: InterviewState) -> None:
        self.append(state)


def interview(lines: Iterable[Any], state: InterviewState | None = None) -> tuple[InterviewState, Typist, Saves]:
    """Run an interview to its end."""
    typist, saves = Typist(lines), Saves()
    final = run_interview(QUESTIONNAIRE, state or InterviewState(), typist, saves)
    return final, typist, saves


def until_input_ends(lines: Iterable[Any], state: InterviewState | None = None) -> tuple[InterviewState, Typist, Saves]:
    """Run an interview until the script runs out; returns the state the stop carried."""
    typist, saves = Typist(lines), Saves()
    with pytest.raises(InputEnded) as stop:
        run_interview(QUESTIONNAIRE, state or InterviewState(), typist, saves)
    return stop.value.state, typist, saves


def asked(typist: Typist) -> list[str]:
    return [step.qid for step in typist.steps]


def test_a_whole_interview_gives_the_answers_of_the_example_file() -> None:
    final, typist, saves = interview([*TYPED.values(), ""])
    assert final.values == BAKERY
    assert list(final.values) == list(QUESTIONNAIRE.questions)  # questionnaire order
    assert final.name == "Forno Rossi"
    assert is_complete(QUESTIONNAIRE, final)
    assert asked(typist) == list(TYPED)
    assert len(saves) == len(TYPED)  # saved at every answer
    assert [len(s.values) for s in saves] == list(range(1, len(TYPED) + 1))


def test_progress_counts_only_the_questions_shown() -> None:
    _, typist, _ = interview([*TYPED.values(), ""])
    numbers = [(step.qid, step.number, step.total) for step in typist.steps]
    assert numbers[0] == ("company_name", 1, 22)  # willing_to_train is hidden until expertise is known
    assert numbers[6] == ("willing_to_train", 7, 23)
    assert numbers[-1] == ("activities", 23, 23)
    expert = {**TYPED, "expertise_level": "advanced"}
    del expert["willing_to_train"]
    _, typist, _ = interview([*expert.values(), ""])
    assert "willing_to_train" not in asked(typist)
    assert typist.steps[-1].number == typist.steps[-1].total == 22


def test_a_wrong_entry_or_help_asks_the_same_question_again() -> None:
    state, typist, _ = until_input_ends(["", "9", "tiny", "?", "1"], InterviewState(values={"company_name": None}))
    assert state.values["company_size"] == "micro"
    assert asked(typist) == ["company_size", "channels"]
    needs, number, typo, help_shown = typist.shown
    assert needs.startswith("This question needs an answer.")
    assert number == (
        "Not accepted: '9'. Allowed: a number from 1 to 4, or a value: micro, small, medium, large, "
        "or unknown if you don't know."
    )
    assert "'tiny'" in typo
    assert help_shown == "help"


def test_back_crosses_sections_and_enter_walks_forward_again() -> None:
    first = list(TYPED.values())[:3]  # up to channels, the last question of the first section
    state, typist, _ = until_input_ends([*first, "<", "<", "", "", "5"])
    assert asked(typist)[3:] == [
        "internal_hours_per_week",  # `<`: back into the first section
        "channels",  # `<` again
        "company_size",  # Enter keeps micro
        "channels",  # Enter keeps 2 channels
        "internal_hours_per_week",  # where the person was: 5
        "dedicated_staff",
    ]
    step = typist.steps[4]
    assert (step.qid, step.section.id, step.answered, step.current, step.number) == ("channels", "company", True, 2, 3)
    assert typist.steps[3].section.id == "resources"
    assert state.values == {
        "company_name": "Forno Rossi",
        "company_size": "micro",
        "channels": 2,
        "internal_hours_per_week": 5,
    }


def test_back_on_the_first_question_explains_and_stays() -> None:
    _, typist, _ = until_input_ends(["<", "Acme"])
    assert typist.shown == ["This is the first question; there is nothing to go back to."]
    assert asked(typist) == ["company_name", "company_size"]


def test_a_note_is_saved_at_once_and_the_question_stays() -> None:
    start = {qid: v for qid, v in BAKERY.items() if qid in list(TYPED)[:11]}  # up to weeks_to_launch
    state, typist, saves = until_input_ends([":note client unsure, check with CFO", "300"], InterviewState(start))
    assert saves[0].notes == {"monthly_budget": "client unsure, check with CFO"}
    assert "monthly_budget" not in saves[0].values
    assert asked(typist) == ["monthly_budget", "monthly_budget", "internal_hourly_cost"]
    assert typist.steps[1].note == "client unsure, check with CFO"
    assert state.values["monthly_budget"] == 300
    assert state.notes == {"monthly_budget": "client unsure, check with CFO"}


def test_an_empty_note_removes_it() -> None:
    start = InterviewState(values={"company_name": None}, notes={"company_size": "old"})
    state, _, saves = until_input_ends([":note", "small"], start)
    assert saves[0].notes == {} and state.values["company_size"] == "small"


def test_optional_questions_can_be_skipped_and_cleared() -> None:
    state, _, _ = until_input_ends([""])
    assert state.values == {"company_name": None}
    assert state.name is None
    state, _, _ = until_input_ends(["micro", "<", "<", "-"], InterviewState(values={"company_name": "Acme"}))
    assert state.values == {"company_name": None, "company_size": "micro"}


def test_resume_starts_at_the_first_open_question_and_skips_answered_ones() -> None:
    values = {qid: v for qid, v in BAKERY.items() if qid not in {"channels", "monthly_budget"}}
    final, typist, _ = interview(["3", "500", ""], InterviewState(values=values))
    assert asked(typist) == ["channels", "monthly_budget"]
    assert final.values == {**BAKERY, "channels": 3, "monthly_budget": 500}
    assert len(typist.reviews) == 1


def test_a_finished_file_goes_straight_to_the_review() -> None:
    final, typist, saves = interview([""], InterviewState(values=BAKERY))
    assert typist.steps == [] and saves == [] and final.values == BAKERY


def test_changing_an_answer_in_the_review_hides_and_shows_questions() -> None:
    # Expertise 6 -> advanced hides willing_to_train (kept, listed as ignored); back to basic
    # shows it again with its old answer, so nothing more is asked.
    final, typist, _ = interview(["6", "advanced", "6", "basic", ""], InterviewState(values=BAKERY))
    first, second, third = typist.reviews
    assert [row.number for row in first.rows] == list(range(1, 24))
    assert first.ignored == []
    assert [row.question.id for row in second.ignored] == ["willing_to_train"]
    assert second.ignored[0].value is True
    assert len(second.rows) == 22
    assert third.ignored == [] and len(third.rows) == 23
    assert asked(typist) == ["expertise_level", "expertise_level"]
    assert final.values == BAKERY


def test_a_question_shown_by_a_change_in_the_review_is_asked_next() -> None:
    expert = {k: v for k, v in BAKERY.items() if k != "willing_to_train"} | {"expertise_level": "advanced"}
    final, typist, _ = interview(["6", "none", "no", ""], InterviewState(values=expert))
    assert asked(typist) == ["expertise_level", "willing_to_train"]
    assert final.values["willing_to_train"] is False
    assert len(typist.reviews) == 2


def test_ctrl_c_carries_every_answer_given_out_of_the_loop() -> None:
    lines = ["Acme", "micro", ":note ask the CFO", KeyboardInterrupt]
    with pytest.raises(Interrupted) as stop:
        interview(lines)
    state = stop.value.state
    assert state.values == {"company_name": "Acme", "company_size": "micro"}
    assert state.notes == {"channels": "ask the CFO"}
    assert progress(QUESTIONNAIRE, state) == (2, 22)
    assert not is_complete(QUESTIONNAIRE, state)


def test_ctrl_c_while_saving_still_carries_the_answer_being_saved() -> None:
    def on_answer(state: InterviewState) -> None:
        if "company_size" in state.values:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as stop:
        run_interview(QUESTIONNAIRE, InterviewState(), Typist(["Acme", "small"]), on_answer)
    assert stop.value.state.values == {"company_name": "Acme", "company_size": "small"}


def test_the_end_of_the_input_stops_with_the_answers_but_accepts_the_review() -> None:
    state, _, _ = until_input_ends(list(TYPED.values())[:5])
    assert len(state.values) == 5
    final, typist, _ = interview(list(TYPED.values()))  # no line left for the review
    assert final.values == BAKERY and len(typist.reviews) == 1


def test_unknown_is_an_answer_where_the_question_allows_it() -> None:
    state, _, _ = until_input_ends(["unknown", "UNKNOWN", "Unknown"])
    # A company may be called "unknown": free text takes it literally.
    assert state.values == {"company_name": "unknown", "company_size": "unknown", "channels": "unknown"}
