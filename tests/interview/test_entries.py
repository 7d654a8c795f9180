"""What a person types at a question: accepted exactly as `assess` would, explained when not."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import QUESTIONNAIRE
from interview_data import step
from outsource_advisor.interview.entries import Help, Invalid, Wording, allowed, parse_entry
from outsource_advisor.interview.loop import Answer, Back, Note
from outsource_advisor.model.compiled import compiled_of

EN = Wording(QUESTIONNAIRE, "en")
IT = Wording(QUESTIONNAIRE, "it")
COMPILED = compiled_of(QUESTIONNAIRE).by_id


def value(qid: str, typed: str, words: Wording = EN) -> Any:
    entry = parse_entry(step(qid), typed, words)
    assert isinstance(entry, Answer), entry
    return entry.value


def refusal(qid: str, typed: str, words: Wording = EN) -> str:
    entry = parse_entry(step(qid), typed, words)
    assert isinstance(entry, Invalid), entry
    return entry.message


@pytest.mark.parametrize("typed", ["2", "small", "SMALL", " Small  ", "02"])
def test_a_choice_by_its_number_or_its_value_in_any_case(typed: str) -> None:
    assert value("company_size", typed) == "small"


@pytest.mark.parametrize("typed", ["0", "5", "-1", "1.5", "tiny", "sm", "1 2", "１"])
def test_a_wrong_choice_says_what_is_allowed(typed: str) -> None:
    assert "Allowed: a number from 1 to 4, or a value: micro, small, medium, large" in refusal("company_size", typed)


def test_a_typo_gets_a_suggestion() -> None:
    assert refusal("engagement_type", "ongoing").endswith("Did you mean ongoing_presence?")


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("1, 3", ["social_strategy", "content_creation"]),
        ("1 3 1", ["social_strategy", "content_creation"]),
        ("2-4", ["editorial_calendar", "content_creation", "multimedia_production"]),
        ("seo, Advertising;14", ["seo", "advertising", "training"]),
    ],
)
def test_several_choices_by_numbers_ranges_or_values(typed: str, chosen: list[str]) -> None:
    assert value("activities", typed) == chosen


@pytest.mark.parametrize(
    ("typed", "bad"), [("1, 15", "'15'"), ("3-1", "'3-1'"), ("seo tiktok", "'tiktok'"), (",", "','")]
)
def test_a_wrong_choice_among_several_is_named(typed: str, bad: str) -> None:
    assert refusal("activities", typed).startswith(f"Not accepted: {bad}.")


@pytest.mark.parametrize(("typed", "number"), [("2", 2), (" 20 ", 20), ("2.0", 2)])
def test_whole_numbers_are_checked_against_their_range(typed: str, number: int) -> None:
    assert value("channels", typed) == number


@pytest.mark.parametrize("typed", ["0", "21", "2.5", "two", "1e3", "nan", "inf", "9" * 400])
def test_numbers_out_of_range_or_not_numbers_are_refused(typed: str) -> None:
    assert "Allowed: a whole number from 1 to 20, or unknown if you don't know." in refusal("channels", typed)


def test_decimals_are_kept_and_whole_ones_written_as_whole() -> None:
    assert value("internal_hours_per_week", "2.5") == 2.5
    assert value("internal_hours_per_week", "10") == 10
    assert isinstance(value("internal_hours_per_week", "10.0"), int)
    assert "of at least 0" in refusal("monthly_budget", "-5")


@pytest.mark.parametrize(("typed", "answer"), [("yes", True), ("Y", True), ("sì", True), ("no", False), ("N", False)])
def test_yes_and_no(typed: str, answer: bool) -> None:
    assert value("willing_to_train", typed) is answer


def test_unknown_where_allowed_also_in_the_interview_language() -> None:
    assert value("channels", "unknown") == "unknown"
    assert value("willing_to_train", "Don't know") == "unknown"
    assert value("activities", "non so", IT) == "unknown"
    assert value("company_name", "don't know") == "don't know"  # free text is taken as written


def test_text_is_kept_as_typed_without_control_characters_and_within_its_limit() -> None:
    assert value("company_name", "  Forno [red]Rossi[/]  ") == "Forno [red]Rossi[/]"
    assert value("company_name", "Acme\x1b[D\x1b[C\u2028") == "Acme[D[C"
    assert "text of at most 200 characters" in refusal("company_name", "x" * 201)


def test_keys_help_back_and_notes() -> None:
    assert parse_entry(step("channels"), "?", EN) == Help()
    assert parse_entry(step("channels"), " < ", EN) == Back()
    assert parse_entry(step("channels", number=1), "<", EN) == Invalid(
        "This is the first question; there is nothing to go back to."
    )
    assert parse_entry(step("channels"), ":note ask the CFO,  maybe", EN) == Note("ask the CFO,  maybe")
    assert parse_entry(step("channels"), ":NOTE", EN) == Note("")
    assert parse_entry(step("channels"), ":nota x", EN) == Invalid(
        "Unknown command ':nota'. Commands: ? help, < back, :note TEXT."
    )


def test_enter_keeps_the_current_answer_or_skips_an_optional_question() -> None:
    assert parse_entry(step("channels", current=4), "", EN) == Answer(4)
    assert parse_entry(step("contract_ready"), "", EN) == Answer(None)
    assert parse_entry(step("contract_ready", current=True), "-", EN) == Answer(None)
    needs = parse_entry(step("channels"), "", EN)
    assert needs == Invalid("This question needs an answer. A whole number from 1 to 20, or unknown if you don't know.")
    assert isinstance(parse_entry(step("channels"), "-", EN), Invalid)  # `-` only clears optional ones


def test_messages_in_italian() -> None:
    assert refusal("channels", "30", IT) == (
        "Non accettato: '30'. Valori ammessi: un numero intero da 1 a 20, oppure unknown (o non so) se non lo sai."
    )
    assert allowed(step("willing_to_train"), IT) == "sì o no, oppure unknown (o non so) se non lo sai"
    assert allowed(step("monthly_budget"), IT).startswith("un numero non inferiore a 0")


def test_answers_read_back_in_words() -> None:
    def label(qid: str, answer: Any, words: Wording = EN) -> str:
        s = step(qid)
        return words.answer(s.qid, answer)

    assert label("company_size", "micro") == "Micro (1–9)"
    assert label("company_size", "micro", IT) == "Micro (1–9)"
    assert label("dedicated_staff", "none", IT) == "Nessuno"
    assert label("activities", ["seo", "training"]) == "Search optimisation (SEO), Training your staff"
    assert label("internal_hours_per_week", 2.5) == "2.5 hours a week"
    assert label("willing_to_train", True, IT) == "sì"
    assert label("channels", "unknown") == "don't know"
    assert label("contract_ready", None) == "(no answer)"
    assert label("company_name", "unknown") == "unknown"


@given(qid=st.sampled_from(sorted(COMPILED)), typed=st.text(max_size=60), answered=st.booleans())
def test_no_typing_crashes_and_every_accepted_value_is_valid_for_assess(qid: str, typed: str, answered: bool) -> None:
    current = COMPILED[qid].validate("unknown") if answered and qid != "company_name" else ...
    entry = parse_entry(step(qid, current=current), typed, EN)
    if isinstance(entry, Answer) and entry.value is not None:
        assert COMPILED[qid].validate(entry.value) == entry.value


@given(typed=st.lists(st.one_of(st.integers(-3, 20).map(str), st.sampled_from(["seo", "SEO", ",", "-", "1-3"]))))
def test_multiple_choice_entries_never_crash(typed: list[str]) -> None:
    entry = parse_entry(step("activities"), " ".join(typed), EN)
    assert isinstance(entry, Answer | Invalid)
