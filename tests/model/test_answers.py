"""Answers files are checked against the questionnaire, with every problem at once."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import BASE, QUESTIONNAIRE
from outsource_advisor.errors import InputError
from outsource_advisor.model.answers import validate_answers


def problems(answers: dict[str, Any], **envelope: Any) -> list[str]:
    with pytest.raises(InputError) as info:
        validate_answers(QUESTIONNAIRE, {"answers": answers, **envelope})
    return [str(p) for p in info.value.problems]


def test_unknown_question_suggests_the_closest_id() -> None:
    assert problems({**BASE, "internal_hours": 3}) == [
        "answers.internal_hours: unknown question; did you mean 'internal_hours_per_week'?"
    ]


def test_wrong_values_list_what_is_allowed() -> None:
    found = problems(
        {
            **BASE,
            "company_size": "tiny",
            "channels": 25,
            "willing_to_train": "maybe",
            "activities": ["seo", "tiktok"],
        }
    )
    assert found == [
        "answers.company_size: must be one of: micro, small, medium, large, or unknown (got 'tiny')",
        "answers.channels: must be a whole number from 1 to 20, or unknown (got 25)",
        "answers.willing_to_train: must be yes or no (true or false), or unknown (got 'maybe')",
        "answers.activities: 'tiktok' is not an option; allowed: a list of: social_strategy, "
        "editorial_calendar, content_creation, multimedia_production, seo, profile_management, "
        "community_management, monitoring_measurement, reputation_management, brand_management, "
        "advertising, blog_management, direct_marketing, training, or unknown",
    ]


def test_a_typo_in_a_choice_gets_a_suggestion() -> None:
    (found,) = problems({**BASE, "engagement_type": "ongoing"})
    assert "did you mean 'ongoing_presence'?" in found


def test_all_missing_required_questions_are_listed_at_once() -> None:
    answers = {k: v for k, v in BASE.items() if k not in {"channels", "monthly_budget", "activities"}}
    assert problems(answers) == ["answers: 3 required questions are not answered: channels, monthly_budget, activities"]


def test_hidden_answers_are_ignored_and_noted() -> None:
    answers = validate_answers(
        QUESTIONNAIRE, {"answers": {**BASE, "expertise_level": "advanced", "willing_to_train": True}}
    )
    assert "willing_to_train" not in answers.values
    assert answers.ignored == ["willing_to_train"]


def test_a_hidden_required_question_is_not_missing() -> None:
    answers = {k: v for k, v in BASE.items() if k != "willing_to_train"}
    result = validate_answers(QUESTIONNAIRE, {"answers": {**answers, "expertise_level": "advanced"}})
    assert result.missing == []


def test_unknown_is_a_real_answer_for_every_question_but_text() -> None:
    values = dict.fromkeys(BASE, "unknown")
    result = validate_answers(QUESTIONNAIRE, {"answers": values})
    assert result.values["company_name"] == "unknown"  # a name, taken literally
    assert result.values["channels"] == "unknown"


def test_numbers_and_yes_no_written_as_text_are_read_consistently() -> None:
    result = validate_answers(
        QUESTIONNAIRE,
        {
            "answers": {
                **BASE,
                "channels": "3",
                "monthly_budget": " 250.5 ",
                "has_business_strategy": "Yes",
                "willing_to_train": "no",
            }
        },
    )
    assert result.values["channels"] == 3
    assert result.values["monthly_budget"] == 250.5
    assert result.values["has_business_strategy"] is True
    assert result.values["willing_to_train"] is False
    assert problems({**BASE, "channels": "three"}) == [
        "answers.channels: must be a whole number from 1 to 20, or unknown (got 'three')"
    ]
    assert problems({**BASE, "channels": True})[0].startswith("answers.channels: must be a whole number")


def test_envelope_mistakes_are_explained() -> None:
    found = problems(BASE, questionnaire="it-support", respondant="x")
    assert "respondant: unknown key; did you mean 'respondent'?" in found[0]
    with pytest.raises(InputError) as info:
        validate_answers(QUESTIONNAIRE, {"questionnaire": "it-support", "answers": BASE})
    assert (
        str(info.value.problems[0])
        == "questionnaire: these answers are for questionnaire 'it-support', not 'social-media'"
    )


def test_notes_and_a_numeric_respondent_are_kept() -> None:
    result = validate_answers(QUESTIONNAIRE, {"respondent": 42, "notes": "call back", "answers": BASE})
    assert result.respondent == "42"
    assert result.notes == {"general": "call back"}
