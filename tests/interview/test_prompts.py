"""The interview's screens through rich's injectable console and input stream: no terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from conftest import QUESTIONNAIRE
from interview_data import BAKERY, step
from outsource_advisor.interview.autosave import Session
from outsource_advisor.interview.entries import Wording
from outsource_advisor.interview.loop import Answer, Back, InputEnded, InterviewState, Note, run_interview
from outsource_advisor.interview.prompts import ConsoleAsker, show_intro


def asker(typed: str, lang: str = "en") -> tuple[ConsoleAsker, io.StringIO]:
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None, highlight=False)
    return ConsoleAsker(console, Wording(QUESTIONNAIRE, lang), io.StringIO(typed)), screen


def test_a_question_shows_section_progress_text_choices_and_keys() -> None:
    ask, screen = asker("2\n")
    assert ask.ask(step("company_size")) == Answer("small")
    lines = [line.rstrip() for line in screen.getvalue().splitlines()]
    assert lines[1].strip("─ ") == "Your company"
    assert lines[3:12] == [
        "Question 2 of 23",
        "How many people work in the company?",
        "  1  Micro (1–9)          micro",
        "  2  Small (10–49)        small",
        "  3  Medium (50–249)      medium",
        "  4  Large (250 or more)  large",
        "? help · < back · :note TEXT",
        "Answer: 2",  # a line read from a stream is echoed: a readable transcript
    ]


def test_the_current_answer_and_note_are_shown_and_enter_keeps_it() -> None:
    ask, screen = asker("\n")
    assert ask.ask(step("channels", current=3, note="two are dormant")) == Answer(3)
    out = screen.getvalue()
    assert "  A whole number from 1 to 20, or unknown if you don't know\n" in out
    assert "Current answer: 3 channels\nNote: two are dormant\nAnswer (Enter keeps it): \n" in out


def test_a_wrong_entry_and_help_are_explained_then_asked_again() -> None:
    ask, screen = asker("25\n?\n<\n")
    assert ask.ask(step("channels")) == Back()
    out = screen.getvalue()
    assert "Not accepted: '25'. Allowed: a whole number from 1 to 20, or unknown if you don't know." in out
    assert "Every channel needs its own posts, replies and timing" in out
    assert out.count("Question 2 of 23") == 1


def test_a_note_is_confirmed_and_the_question_is_not_shown_twice() -> None:
    ask, screen = asker(":note check with CFO\n300\n")
    assert ask.ask(step("monthly_budget")) == Note("check with CFO")
    assert ask.ask(step("monthly_budget", note="check with CFO")) == Answer(300)
    out = screen.getvalue()
    assert "Note saved.\nNote: check with CFO\nAnswer: 300\n" in out
    assert out.count("How much money a month") == 1


def test_the_end_of_the_stream_is_the_end_of_the_input() -> None:
    ask, _ = asker("")
    with pytest.raises(EOFError):
        ask.ask(step("channels"))
    assert ask.lines_read == 0


def test_user_text_is_never_read_as_markup() -> None:
    typed = "[bold]Forno[/] [red]Rossi\n\n"
    ask, screen = asker(typed)
    values = {qid: v for qid, v in BAKERY.items() if qid != "company_name"}
    final = run_interview(QUESTIONNAIRE, InterviewState(values), ask, lambda s: None)
    assert final.values["company_name"] == "[bold]Forno[/] [red]Rossi"
    assert screen.getvalue().count("[bold]Forno[/] [red]Rossi") == 2  # as typed (echoed), and in the review


def test_the_review_lists_answers_notes_and_ignored_ones_and_takes_a_number() -> None:
    values = {**BAKERY, "expertise_level": "advanced"}  # willing_to_train now hidden, still in the file
    ask, screen = asker("24\nx\n3\n\n")
    state = InterviewState(values, {"monthly_budget": "could stretch to 400", "general": "met at the fair"})
    final = run_interview(QUESTIONNAIRE, state, ask, lambda s: None)
    assert final.values["channels"] == 2  # review 3 = channels, Enter kept it
    out = screen.getvalue()
    assert "Review of your answers" in out
    assert "Type a number from 1 to 22, or press Enter to finish." in out
    rows = [line for line in out.splitlines() if line.strip().startswith(("3 ", "11 ", "20 "))]
    assert "How many social channels" in rows[0] and "2 channels" in rows[0]
    assert "300 EUR a month" in rows[1] and "could stretch" in rows[1]
    assert "(no answer)" in rows[2]
    assert "General note: met at the fair" in out
    assert (
        "Kept in the file but ignored, because these questions are no longer asked:\n"
        "  Are you willing to have your staff trained? → yes\n"
    ) in out


def test_the_review_ends_at_the_end_of_the_input() -> None:
    ask, _ = asker("")
    final = run_interview(QUESTIONNAIRE, InterviewState(BAKERY), ask, lambda s: None)
    assert final.values == BAKERY


def test_everything_the_interview_says_is_in_italian_too() -> None:
    ask, screen = asker("?\nforse\n\n", "it")
    state = InterviewState({"company_name": "Forno Rossi", "company_size": "micro", "channels": 2})
    with pytest.raises(InputEnded):
        run_interview(QUESTIONNAIRE, state, ask, lambda s: None)
    out = screen.getvalue()
    for text in (
        "Persone e tempo",
        "Domanda 4 di 22",
        "Quante ore a settimana il vostro personale può davvero dedicare ai social?",
        "Un numero da 0 a 168, oppure unknown (o non so) se non lo sai",
        "? aiuto · < indietro · :note TESTO",
        "Una presenza avviata richiede circa 2–3 ore a settimana",
        "Non accettato: 'forse'.",
        "Questa domanda richiede una risposta.",
        "Risposta: ",
    ):
        assert text in out, text


def test_the_intro_says_where_answers_go_or_how_far_a_resumed_interview_got() -> None:
    screen = io.StringIO()
    console = Console(file=screen, width=200, color_system=None)
    words = Wording(QUESTIONNAIRE, "en")
    show_intro(console, words, Session(QUESTIONNAIRE, Path("a.yaml"), InterviewState(), resumed=False))
    state = InterviewState({"company_size": "micro", "channels": 2})
    show_intro(console, words, Session(QUESTIONNAIRE, Path("a.yaml"), state, resumed=True, written_for="0.9"))
    out = screen.getvalue()
    assert "Interview: Social media: in-house, hybrid or outsourced?" in out
    assert "Answers are saved to a.yaml after every answer." in out
    assert "Resuming a.yaml: 2 of 22 questions already answered." in out
    assert "written for version 0.9 of the questionnaire; continuing with version 1.0." in out
    assert "? help · < back · Enter keeps the current answer · :note TEXT adds a note" in out
